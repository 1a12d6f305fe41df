//! `taizhang notices --ledger 台账.xlsx --kind approval --out 通知`: letters to units from the
//! ledger (SPEC §10). `approval` writes each unit's 立项批复 (`.eml` draft and `.txt`), the
//! 立项名单 workbook, and a 项目责任书 (.docx) per approved project from the workspace's template
//! `templates/项目责任书模板.docx` (written by `init`; the office may reword it).
//!
//! `reminder` writes each unit's 督办通知 as of `--as-of`: its lagging, overdue and not-reported
//! projects with the reasons, and what is due by when; units with nothing to chase get none.
//!
//! Examples:
//!   taizhang notices --ledger 台账.xlsx --kind approval --out 通知/立项批复
//!   taizhang notices --ledger 台账.xlsx --kind reminder --as-of 2018-06-30 --out 通知/6月督办

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use taizhang::say::charter as charter_say;
use taizhang::say::notices as say;
use taizhang::write::{charter, notice};

use super::exit::Exit;
use super::CliError;

/// Which notices.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum NoticeKind {
    /// 立项批复：同意立项的项目及其项目编号、不予立项和退回修改的意见；另附立项名单和项目责任书
    Approval,
    /// 督办通知：滞后、逾期、未报送的项目及原因、应于何时报送什么（截至 --as-of）
    Reminder,
}

/// Arguments of `notices`.
#[derive(Debug, Args)]
pub struct NoticesArgs {
    /// 管理台账文件
    #[arg(long, value_name = "台账.xlsx")]
    pub ledger: PathBuf,
    /// 通知种类：approval（立项批复）、reminder（督办通知）
    #[arg(long, value_enum, value_name = "种类")]
    pub kind: NoticeKind,
    /// 通知写入的文件夹（没有会自动创建）
    #[arg(long, value_name = "文件夹")]
    pub out: PathBuf,
    /// 督办通知的截止日期（默认今天），如 2018-06-30
    #[arg(long, value_name = "日期", value_parser = taizhang::ledger::status::parse_as_of)]
    pub as_of: Option<chrono::NaiveDate>,
    /// 项目责任书模板（默认：当前文件夹 templates 中的 项目责任书模板.docx，没有则用内置模板）
    #[arg(long, value_name = "模板.docx")]
    pub template: Option<PathBuf>,
    /// 政策文件（默认：当前文件夹中的 taizhang.toml，或内置的创新项目政策）
    #[arg(long, value_name = "taizhang.toml")]
    pub policy: Option<PathBuf>,
}

/// Runs `notices`: 0 when written (also when nothing is decided yet, which is said).
pub fn run(args: NoticesArgs) -> Result<Exit, CliError> {
    let policy = super::load_policy(args.policy.as_deref())?;
    let ledger = super::read_ledger(&args.ledger)?;
    let now = taizhang::write::reply::office_now();
    match args.kind {
        NoticeKind::Approval => {
            let projects = notice::decided(&ledger, &policy);
            if projects.is_empty() {
                println!("{}", say::NOTHING_DECIDED);
                return Ok(Exit::Ok);
            }
            let charters = charter::charters(&ledger, &policy);
            let letters = notice::approval_letters(
                &projects,
                &policy,
                now.date_naive(),
                !charters.is_empty(),
            );
            notice::write_letters(&args.out, &letters, &policy, now.timestamp())?;
            println!("{}", say::written(letters.len(), &args.out));
            let list = notice::list_workbook(&projects, &policy)
                .map_err(CliError::build(say::LIST_SHEET))?;
            let list_path = args.out.join(say::LIST_FILE);
            taizhang::fsio::write(&list_path, &list)?;
            let approved = projects
                .iter()
                .filter(|p| p.state == taizhang::say::ledger::APPROVAL_APPROVED)
                .count();
            println!("{}", say::list_written(&list_path, approved));
            if !charters.is_empty() {
                let template = template(args.template.as_deref(), &policy)?;
                let dir = args.out.join(charter_say::FOLDER);
                std::fs::create_dir_all(&dir).map_err(|e| {
                    taizhang::fsio::WriteError::new(&dir, taizhang::fsio::Step::Create, e)
                })?;
                for c in &charters {
                    let bytes = charter::fill(&template, c)?;
                    taizhang::fsio::write(&dir.join(c.file_name()), &bytes)?;
                }
                println!("{}", say::charters_written(&dir, charters.len()));
            }
        }
        NoticeKind::Reminder => {
            let as_of = args.as_of.unwrap_or_else(|| now.date_naive());
            let status = taizhang::ledger::status::monthly(&ledger, &policy, as_of);
            let letters = notice::reminder_letters(&status, &policy, now.date_naive());
            if letters.is_empty() {
                println!("{}", say::nothing_to_chase(&as_of.to_string()));
                return Ok(Exit::Ok);
            }
            notice::write_letters(&args.out, &letters, &policy, now.timestamp())?;
            println!("{}", say::written(letters.len(), &args.out));
        }
    }
    Ok(Exit::Ok)
}

/// The 项目责任书 template: `--template`, else the workspace's, else the built-in one.
fn template(given: Option<&Path>, policy: &taizhang::policy::Policy) -> Result<Vec<u8>, CliError> {
    let workspace = Path::new("templates").join(charter_say::TEMPLATE_FILE);
    let path = given.or_else(|| workspace.is_file().then_some(workspace.as_path()));
    match path {
        Some(p) => std::fs::read(p)
            .map_err(|e| charter::CharterError::Template(format!("{}：{e}", p.display())).into()),
        None => Ok(charter::template(policy)?),
    }
}
