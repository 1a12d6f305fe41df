//! `taizhang approve --ledger 台账.xlsx ID... [--as 已批复|不予立项|退回修改] [--note 文字]`:
//! the clerk's decision on proposals (SPEC §10), written into 审核状态 with a 变更记录 row.
//!
//! Examples:
//!   taizhang approve --ledger 台账.xlsx 2018-001 2018-004
//!   taizhang approve --ledger 台账.xlsx --all
//!   taizhang approve --ledger 台账.xlsx 2018-007 --as 退回修改 --note "请补充经费预算"
//!   taizhang approve --ledger 台账.xlsx 2018-002 --deadline 2019-06-30

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
    #[arg(long = "as", value_name = "审核结果")]
    pub state: Option<String>,
    /// 批准延期：把项目的完成时间改为这一天（如 2019-06-30；单位在进度报告中“申请延期”时用）
    #[arg(long, value_name = "日期", value_parser = parse_day)]
    pub deadline: Option<chrono::NaiveDate>,
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
    // Granting an extension alone leaves 审核状态 as it is; otherwise the default is 已批复.
    let state = match (&args.state, args.deadline) {
        (Some(s), _) => Some(s.trim()),
        (None, None) => Some(say::APPROVAL_APPROVED),
        (None, Some(_)) => None,
    };
    let decision = Decision {
        ids: &args.ids,
        all: args.all,
        state,
        deadline: args.deadline,
        acceptance: None,
        note: args.note.as_deref(),
    };
    let now = chrono::Local::now().naive_local();
    let done = approve(&args.ledger, &decision, &policy, now)?;
    match (state, args.deadline) {
        (Some(state), _) => println!(
            "{}",
            say::approved(done.changed.len(), done.unchanged.len(), state)
        ),
        (None, Some(d)) => println!("{}", say::extended(done.changed.len(), &d.to_string())),
        (None, None) => {}
    }
    if let Saved::Rewritten(reason) = &done.saved {
        let backup = taizhang::ledger::store::existing_backup(&args.ledger);
        eprintln!("{}", say::rewritten(reason, backup.as_deref()));
    }
    Ok(Exit::Ok)
}

/// A day as the clerk types it (`2019-06-30`, `2019年6月30日`, `2019.6.30`).
fn parse_day(text: &str) -> Result<chrono::NaiveDate, String> {
    let value = taizhang::model::Value::text(text.trim());
    taizhang::model::values::parse_date(&value, taizhang::model::values::DayRole::End, 2000)
        .ok_or_else(|| taizhang::say::cli::bad_day(text))
}
