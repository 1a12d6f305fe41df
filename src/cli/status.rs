//! `taizhang status --ledger 台账.xlsx --out 进度汇总.xlsx`: the month's consolidation workbook.
//!
//! Examples:
//!   taizhang status --ledger 台账.xlsx --as-of 2018-06-30 --out 2018年6月进度汇总.xlsx
//!   taizhang status --ledger 台账.xlsx --out 进度汇总.xlsx      （截至今天）

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Args;
use taizhang::ledger::schedule::Status;
use taizhang::ledger::status::{self, MonthlyStatus};

use super::exit::Exit;
use super::CliError;

/// Arguments of `status`.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// 管理台账文件（由 taizhang merge 生成）
    #[arg(long, value_name = "台账.xlsx")]
    pub ledger: PathBuf,
    /// 截至日期（默认：今天）。应报月份是到此日为止已经结束的最后一个月：2018-06-30 和 2018-07-05 都检查 6 月的进度报告
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = status::parse_as_of)]
    pub as_of: Option<NaiveDate>,
    /// 输出的进度汇总表（Excel），含进度总览、督办清单、单位汇总和图表
    #[arg(long, value_name = "文件.xlsx")]
    pub out: PathBuf,
    /// 政策文件（默认：当前目录的 taizhang.toml，没有则用创新项目预设）
    #[arg(long, value_name = "文件")]
    pub policy: Option<PathBuf>,
}

/// Runs `status`: 0 once the workbook is written.
pub fn run(args: StatusArgs) -> Result<Exit, CliError> {
    let policy = super::load_policy(args.policy.as_deref())?;
    let ledger = super::read_ledger(&args.ledger)?;
    let as_of = args
        .as_of
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let s = status::monthly(&ledger, &policy, as_of);
    let bytes = taizhang::write::status::status_workbook(&s, as_of)
        .map_err(CliError::build(taizhang::say::cli::STATUS_BOOK))?;
    taizhang::fsio::write(&args.out, &bytes)?;
    print!("{}", render(&s));
    let key: Vec<_> = s.projects.iter().filter(|p| p.key).collect();
    if !key.is_empty() {
        println!("{}", taizhang::say::status::key_count(key.len()));
        for p in key {
            println!("    {}  {}  {}：{}", p.unit, p.id, p.name, p.status.label());
        }
    }
    let without: Vec<_> = s.finished_without_materials().collect();
    if !without.is_empty() {
        println!(
            "{}",
            taizhang::say::materials::finished_without(without.len())
        );
        for p in without {
            println!("    {}  {}  {}", p.unit, p.id, p.name);
        }
    }
    super::print_extensions(&ledger, &args.ledger);
    println!("{}", taizhang::say::cli::status_saved(args.out.display()));
    Ok(Exit::Ok)
}

/// The summary line, then the 督办清单 one project per line.
pub fn render(s: &MonthlyStatus) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let c = |st| s.count(st);
    let counts = taizhang::say::cli::StatusCounts {
        as_of: &s.as_of.to_string(),
        month: &s.due.words,
        projects: s.projects.len(),
        ongoing: c(Status::Ongoing),
        lagging: c(Status::Lagging),
        overdue: c(Status::Overdue),
        done: c(Status::Done),
        proposed: c(Status::Proposed),
        missing: s.missing(),
        chase: s.chase.len(),
    };
    let _ = writeln!(out, "{}", taizhang::say::cli::status_summary(&counts));
    let none = s.units_without_projects();
    if !none.is_empty() {
        let _ = writeln!(out, "{}", taizhang::say::cli::units_without_projects(&none));
    }
    let silent = s.units_not_reported();
    if !silent.is_empty() {
        let line = taizhang::say::cli::units_without_reports(s.month_title(), &silent);
        let _ = writeln!(out, "{line}");
    }
    for p in s.chased() {
        let _ = writeln!(
            out,
            "    {}  {}  {}：{}",
            p.unit,
            p.id,
            p.name,
            p.reasons.join("；")
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_ways_clerks_type_them() {
        let june = NaiveDate::from_ymd_opt(2018, 6, 30).unwrap();
        assert_eq!(status::parse_as_of("2018-06-30"), Ok(june));
        assert_eq!(status::parse_as_of("2018/6/30"), Ok(june));
        assert_eq!(status::parse_as_of("2018年6月30日"), Ok(june));
        assert!(status::parse_as_of("六月底")
            .unwrap_err()
            .to_string()
            .contains("2018-06-30"));
    }
}
