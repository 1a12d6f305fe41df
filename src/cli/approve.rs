//! `taizhang approve --ledger 台账.xlsx ID... [--as 已批复|不予立项|退回修改] [--note 文字]`:
//! the clerk's decision on proposals (SPEC §10), written into 审核状态 with a 变更记录 row.
//!
//! Examples:
//!   taizhang approve --ledger 台账.xlsx 2018-001 2018-004
//!   taizhang approve --ledger 台账.xlsx --all
//!   taizhang approve --ledger 台账.xlsx 2018-007 --as 退回修改 --note "请补充经费预算"

use std::path::PathBuf;

use clap::Args;
use taizhang::ledger::approve::{approve, Decision};
use taizhang::ledger::store::Saved;
use taizhang::say::ledger as say;

use super::exit::Exit;
use super::CliError;

/// Arguments of `approve`.
#[derive(Debug, Args)]
pub struct ApproveArgs {
    /// 要审核的项目编号（如 2018-001），可写多个
    #[arg(value_name = "项目编号")]
    pub ids: Vec<String>,
    /// 管理台账文件
    #[arg(long, value_name = "台账.xlsx")]
    pub ledger: PathBuf,
    /// 审核全部“待审核”的项目
    #[arg(long)]
    pub all: bool,
    /// 审核结果：已批复（默认）、不予立项、退回修改
    #[arg(long = "as", value_name = "审核结果", default_value = say::APPROVAL_APPROVED)]
    pub state: String,
    /// 审核意见（写入台账“审核意见”，随立项批复通知告知单位）
    #[arg(long, value_name = "文字")]
    pub note: Option<String>,
    /// 政策文件（默认：当前文件夹中的 taizhang.toml，或内置的创新项目政策）
    #[arg(long, value_name = "taizhang.toml")]
    pub policy: Option<PathBuf>,
}

/// Runs `approve`: 0 when done; a refusal (unknown ID, the ledger open or locked) is exit 2
/// with the ledger untouched.
pub fn run(args: ApproveArgs) -> Result<Exit, CliError> {
    let policy = super::load_policy(args.policy.as_deref())?;
    if !args.ledger.is_file() {
        return Err(CliError::NoLedger(args.ledger));
    }
    let decision = Decision {
        ids: &args.ids,
        all: args.all,
        state: args.state.trim(),
        note: args.note.as_deref(),
    };
    let now = chrono::Local::now().naive_local();
    let done = approve(&args.ledger, &decision, &policy, now)?;
    println!(
        "{}",
        say::approved(done.changed.len(), done.unchanged.len(), decision.state)
    );
    if let Saved::Rewritten(reason) = &done.saved {
        let backup = taizhang::ledger::store::existing_backup(&args.ledger);
        eprintln!("{}", say::rewritten(reason, backup.as_deref()));
    }
    Ok(Exit::Ok)
}
