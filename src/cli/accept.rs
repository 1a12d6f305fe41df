//! `taizhang accept --ledger 台账.xlsx ID... --as 通过|整改|不通过 [--note 文字]`: the clerk's
//! acceptance (验收) of finished projects, recorded in 验收结果 and 验收意见 with 变更记录
//! rows. With `[exemplary] require_acceptance = true` only projects 通过 can be exemplary.
//!
//! Examples:
//!   taizhang accept --ledger 台账.xlsx 2018-001 2018-004 --as 通过
//!   taizhang accept --ledger 台账.xlsx 2018-007 --as 整改 --note "佐证材料不全，请补报会议记录"

use std::path::PathBuf;

use clap::Args;
use taizhang::ledger::approve::{approve, Decision};
use taizhang::ledger::store::Saved;
use taizhang::say::ledger as say;

use super::exit::Exit;
use super::CliError;

/// Arguments of `accept`.
#[derive(Debug, Args)]
pub struct AcceptArgs {
    /// 要记录验收结果的项目编号，可写多个
    #[arg(value_name = "项目编号", required = true)]
    pub ids: Vec<String>,
    /// 管理台账文件
    #[arg(long, value_name = "台账.xlsx")]
    pub ledger: PathBuf,
    /// 验收结果：通过、整改、不通过
    #[arg(long = "as", value_name = "验收结果")]
    pub result: String,
    /// 验收意见（写入台账“验收意见”）
    #[arg(long, value_name = "文字")]
    pub note: Option<String>,
    /// 政策文件（默认：当前文件夹中的 taizhang.toml，或内置的创新项目政策）
    #[arg(long, value_name = "taizhang.toml")]
    pub policy: Option<PathBuf>,
}

/// Runs `accept`: 0 when recorded; a refusal (unknown ID, bad result, the ledger open or
/// locked) is exit 2 with the ledger untouched.
pub fn run(args: AcceptArgs) -> Result<Exit, CliError> {
    let policy = super::load_policy(args.policy.as_deref())?;
    if !args.ledger.is_file() {
        return Err(CliError::NoLedger(args.ledger));
    }
    let result = args.result.trim();
    let decision = Decision {
        ids: &args.ids,
        all: false,
        state: None,
        deadline: None,
        acceptance: Some((result, args.note.as_deref())),
        note: None,
    };
    let now = chrono::Local::now().naive_local();
    let done = approve(&args.ledger, &decision, &policy, now)?;
    println!("{}", say::accepted(done.changed.len(), result));
    if let Saved::Rewritten(reason) = &done.saved {
        let backup = taizhang::ledger::store::existing_backup(&args.ledger);
        eprintln!("{}", say::rewritten(reason, backup.as_deref()));
    }
    Ok(Exit::Ok)
}
