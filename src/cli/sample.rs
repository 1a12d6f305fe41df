//! `taizhang sample --ledger 台账.xlsx --count 5 [--seed 种子] [--out 抽查名单.xlsx]`: draws the
//! finished projects to check again (抽查复核), reproducibly: the seed is printed, and the same
//! seed draws the same projects.
//!
//! Examples:
//!   taizhang sample --ledger 台账.xlsx --count 5 --out 抽查名单.xlsx
//!   taizhang sample --ledger 台账.xlsx --count 5 --seed "2018年终抽查"

use std::path::PathBuf;

use clap::Args;
use taizhang::ledger::spot;
use taizhang::say::notices as say;

use super::exit::Exit;
use super::CliError;

/// Arguments of `sample`.
#[derive(Debug, Args)]
pub struct SampleArgs {
    /// 管理台账文件
    #[arg(long, value_name = "台账.xlsx")]
    pub ledger: PathBuf,
    /// 抽取几个已完成的项目
    #[arg(long, value_name = "个数")]
    pub count: usize,
    /// 随机种子（任意文字；不写时用当前时间，并显示出来，以便重复同样的抽取）
    #[arg(long, value_name = "种子")]
    pub seed: Option<String>,
    /// 抽查名单写入的工作簿（不写则只在屏幕上列出）
    #[arg(long, value_name = "抽查名单.xlsx")]
    pub out: Option<PathBuf>,
    /// 政策文件（默认：当前文件夹中的 taizhang.toml，或内置的创新项目政策）
    #[arg(long, value_name = "taizhang.toml")]
    pub policy: Option<PathBuf>,
}

/// Runs `sample`: 0 with the list printed (and written); a ledger without finished projects is
/// said, also 0.
pub fn run(args: SampleArgs) -> Result<Exit, CliError> {
    let policy = super::load_policy(args.policy.as_deref())?;
    let ledger = super::read_ledger(&args.ledger)?;
    let seed = args.seed.unwrap_or_else(|| {
        taizhang::write::reply::office_now()
            .format("%Y-%m-%d %H:%M:%S")
            .to_string()
    });
    let (total, drawn) = spot::draw(&ledger, &policy, args.count, &seed);
    if total == 0 {
        println!("{}", say::NOTHING_FINISHED);
        return Ok(Exit::Ok);
    }
    println!("{}", say::sampled(drawn.len(), total, &seed));
    for (i, d) in drawn.iter().enumerate() {
        println!(
            "  {}. {} {} {}",
            i + 1,
            d.id,
            d.unit,
            taizhang::say::quoted(&d.name)
        );
    }
    if let Some(out) = &args.out {
        let bytes = taizhang::write::spot::workbook(&drawn, total, &seed, policy.year)
            .map_err(CliError::build(say::SAMPLE_SHEET))?;
        taizhang::fsio::write(out, &bytes)?;
        println!("{}", say::sample_saved(out));
    }
    Ok(Exit::Ok)
}
