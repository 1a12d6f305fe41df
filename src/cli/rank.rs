//! `taizhang rank --ledger 台账.xlsx --scores 评分表/ --out 年度综合排名.xlsx`: reads the
//! reviewers' score sheets, ranks the projects, and picks the exemplary ones.
//!
//! Examples:
//!   taizhang rank --ledger 台账.xlsx --scores 评分表 --out 年度综合排名.xlsx
//!   taizhang rank --ledger 台账.xlsx --scores 评分表 --out 年度综合排名.xlsx --exemplary 示范项目.xlsx

use std::path::PathBuf;

use clap::Args;
use taizhang::batch;
use taizhang::fsio;
use taizhang::rank;
use taizhang::read::Limits;

use super::exit::Exit;
use super::CliError;

/// Arguments of `rank`.
#[derive(Debug, Args)]
pub struct RankArgs {
    /// 管理台账文件（由 taizhang merge 生成）
    #[arg(long, value_name = "台账.xlsx")]
    pub ledger: PathBuf,
    /// 评委填好的评分表：文件或文件夹（可写多个，文件夹会逐层查找）
    #[arg(long, value_name = "路径", num_args = 1.., required = true)]
    pub scores: Vec<PathBuf>,
    /// 输出的年度综合排名（Excel）：综合排名、评分明细、单位排名、总分图、说明
    #[arg(long, value_name = "文件.xlsx")]
    pub out: PathBuf,
    /// 同时生成示范项目材料（Excel）：汇总表和每个示范项目一页（电话已隐去中间数字）
    #[arg(long, value_name = "文件.xlsx")]
    pub exemplary: Option<PathBuf>,
    /// 同时生成年度通报初稿（Word）：基本情况、考评结果、示范项目、重点项目，文号留空待填
    #[arg(long, value_name = "文件.docx")]
    pub notice: Option<PathBuf>,
    /// 政策文件（默认：当前目录的 taizhang.toml，没有则用创新项目预设）
    #[arg(long, value_name = "文件")]
    pub policy: Option<PathBuf>,
}

/// Runs `rank`: 1 when some score sheet has errors, else 0.
pub fn run(args: RankArgs) -> Result<Exit, CliError> {
    let policy = super::load_policy(args.policy.as_deref())?;
    let ledger = super::read_ledger(&args.ledger)?;
    let paths = batch::collect(&args.scores)?;
    let date = chrono::Local::now().date_naive();
    let books = rank::year::year_end(&ledger, &paths, &policy, &Limits::default(), date)?;
    print!("{}", books.text);
    fsio::write(&args.out, &books.ranking)?;
    println!("{}", taizhang::say::cli::ranking_saved(args.out.display()));
    if let Some(path) = &args.exemplary {
        println!("{}", taizhang::say::cli::exemplary_chosen(&books.chosen));
        if let Some(w) = &books.warning {
            println!("{}", taizhang::say::cli::warning(w));
        }
        fsio::write(path, &books.exemplary)?;
        println!("{}", taizhang::say::cli::exemplary_saved(path.display()));
    }
    if let Some(path) = &args.notice {
        fsio::write(path, &books.notice)?;
        println!("{}", taizhang::say::cli::notice_saved(path.display()));
    }
    Ok(Exit::input_errors_if(books.errors))
}
