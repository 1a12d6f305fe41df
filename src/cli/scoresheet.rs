//! `taizhang scoresheet --ledger 台账.xlsx --out 评分表.xlsx`: the blank score sheet for the
//! reviewers, pre-filled with every project of the ledger.
//!
//! Examples:
//!   taizhang scoresheet --ledger 台账.xlsx --out 评分表.xlsx
//!   taizhang scoresheet --ledger 台账.xlsx --out 评分表.xlsx --reviewers 5   （每位评委一张工作表）

use std::path::PathBuf;

use clap::Args;
use taizhang::rank;

use super::exit::Exit;
use super::CliError;

/// Arguments of `scoresheet`.
#[derive(Debug, Args)]
pub struct ScoresheetArgs {
    /// 管理台账文件（由 taizhang merge 生成）
    #[arg(long, value_name = "台账.xlsx")]
    pub ledger: PathBuf,
    /// 输出的评分表（Excel），台账中的每个项目一行，每个评分项一列
    #[arg(long, value_name = "评分表.xlsx")]
    pub out: PathBuf,
    /// 评委人数：大于 1 时每位评委一张工作表（默认一张，复制给每位评委）
    #[arg(long, value_name = "人数", default_value_t = 1,
          value_parser = clap::value_parser!(u16).range(1..=50))]
    pub reviewers: u16,
    /// 政策文件（默认：当前目录的 taizhang.toml，没有则用创新项目预设）
    #[arg(long, value_name = "文件")]
    pub policy: Option<PathBuf>,
}

/// Runs `scoresheet`: 0 once the sheet is written.
pub fn run(args: ScoresheetArgs) -> Result<Exit, CliError> {
    let policy = super::load_policy(args.policy.as_deref())?;
    if policy.rubric.is_empty() {
        return Err(CliError::NoRubric);
    }
    let ledger = super::read_ledger(&args.ledger)?;
    let projects = rank::projects(&ledger, &policy);
    if projects.is_empty() {
        return Err(CliError::NoProjects);
    }
    let bytes = rank::sheet::scoresheet(&projects, &policy, args.reviewers as usize)
        .map_err(CliError::build(taizhang::say::cli::SCORE_SHEET))?;
    taizhang::fsio::write(&args.out, &bytes)?;
    let criteria: Vec<String> = policy
        .rubric
        .iter()
        .map(|c| rank::criterion_title(&c.name, c.max))
        .collect();
    let reviewers = args.reviewers as usize;
    let saved = taizhang::say::cli::scoresheet_saved(
        args.out.display(),
        projects.len(),
        &criteria,
        reviewers,
    );
    println!("{saved}");
    Ok(Exit::Ok)
}
