//! `taizhang rollover --ledger 旧台账.xlsx --year 2019 --out 新台账.xlsx`: the next year's ledger,
//! starting with every approved project that is not finished (SPEC §10). The old ledger is only
//! read.
//!
//! Examples:
//!   taizhang rollover --ledger 2018台账.xlsx --year 2019 --out 台账.xlsx

use std::path::PathBuf;

use clap::Args;
use taizhang::ledger::rollover::rollover;
use taizhang::ledger::store::Saved;
use taizhang::say::ledger as say;

use super::exit::Exit;
use super::CliError;

/// Arguments of `rollover`.
#[derive(Debug, Args)]
pub struct RolloverArgs {
    /// 上一年度的管理台账（只读取，不改动）
    #[arg(long, value_name = "旧台账.xlsx")]
    pub ledger: PathBuf,
    /// 新年度（如 2019）：新立项的项目编号从“2019-001”开始
    #[arg(long, value_name = "年度")]
    pub year: i32,
    /// 新年度台账文件（不能已存在）
    #[arg(long, value_name = "新台账.xlsx")]
    pub out: PathBuf,
    /// 政策文件（默认：当前文件夹中的 taizhang.toml，或内置的创新项目政策）；年度取 --year
    #[arg(long, value_name = "taizhang.toml")]
    pub policy: Option<PathBuf>,
}

/// Runs `rollover`: 0 once the new ledger is written; a refusal (the new file exists, the old
/// ledger unreadable) is exit 2 with nothing written.
pub fn run(args: RolloverArgs) -> Result<Exit, CliError> {
    let mut policy = super::load_policy(args.policy.as_deref())?;
    if !args.ledger.is_file() {
        return Err(CliError::NoLedger(args.ledger));
    }
    let policy_year = policy.year;
    policy.year = args.year;
    let now = chrono::Local::now().naive_local();
    let done = rollover(&args.ledger, &args.out, &policy, now)?;
    println!(
        "{}",
        say::rolled(
            &args.out,
            args.year,
            done.carried.len(),
            done.finished,
            done.not_approved
        )
    );
    if !done.other_sheets.is_empty() {
        println!(
            "{}",
            say::rollover_other_sheets(&done.other_sheets.join("、"))
        );
    }
    if policy_year != args.year {
        println!("{}", say::rollover_policy_year(args.year, policy_year));
    }
    if let Saved::Rewritten(reason) = &done.saved {
        eprintln!("{}", say::rewritten(reason, None));
    }
    Ok(Exit::Ok)
}
