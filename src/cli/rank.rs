//! `taizhang rank --ledger 台账.xlsx --scores 评分表/ --out 年度综合排名.xlsx`: reads the
//! reviewers' score sheets, ranks the projects, and picks the exemplary ones.
//!
//! Examples:
//!   taizhang rank --ledger 台账.xlsx --scores 评分表 --out 年度综合排名.xlsx
//!   taizhang rank --ledger 台账.xlsx --scores 评分表 --out 年度综合排名.xlsx --exemplary 示范项目.xlsx

use std::path::PathBuf;

use clap::Args;
use taizhang::batch;
use taizhang::rank::{self, input, report::YearEnd};
use taizhang::read::Limits;
use taizhang::rules::Severity;

use super::exit;

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
    /// 政策文件（默认：当前目录的 taizhang.toml，没有则用创新项目预设）
    #[arg(long, value_name = "文件")]
    pub policy: Option<PathBuf>,
}

/// Runs `rank`; returns the exit code.
pub fn run(args: RankArgs) -> i32 {
    match run_inner(&args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{e}");
            exit::FAILED
        }
    }
}

fn run_inner(args: &RankArgs) -> Result<i32, String> {
    let policy = super::load_policy(args.policy.as_deref())?;
    if policy.rubric.is_empty() {
        return Err("政策文件中没有评分标准（rubric），无法排名".into());
    }
    let ledger = super::read_ledger(&args.ledger)?;
    let projects = rank::projects(&ledger);
    let paths = batch::collect(&args.scores).map_err(|e| e.to_string())?;
    let mut files = input::read_files(&paths, &policy, &Limits::default());
    if !files.iter().any(|f| f.read) {
        return Err("没有找到评分表文件（.xlsx / .xls / .ods 等），请检查 --scores 的路径".into());
    }
    let entries = input::entries(&mut files, &projects, &policy);
    let ranking = rank::rank(&projects, &entries, &policy);
    let date = chrono::Local::now().date_naive();
    let y = YearEnd {
        projects: &projects,
        entries: &entries,
        files: &files,
        ranking: &ranking,
        policy: &policy,
        date,
    };
    print!("{}", render(&y));
    let bytes = rank::report::ranking_workbook(&y).map_err(|e| format!("无法生成排名表：{e}"))?;
    super::write_atomically(&args.out, &bytes)?;
    println!("年度综合排名已保存：{}", args.out.display());
    if let Some(path) = &args.exemplary {
        let selection = rank::select(&projects, &ranking, &policy);
        let names: Vec<String> = selection
            .chosen
            .iter()
            .filter_map(|&i| ranking.scores.get(i))
            .filter_map(|s| projects.get(s.project))
            .map(|p| format!("{}（{}）", p.name, p.unit))
            .collect();
        println!("示范项目 {} 个：{}", names.len(), names.join("、"));
        if let Some(w) = &selection.warning {
            println!("提醒：{w}");
        }
        let bytes = rank::publish::exemplary_workbook(&y, &selection)
            .map_err(|e| format!("无法生成示范项目材料：{e}"))?;
        super::write_atomically(path, &bytes)?;
        println!("示范项目材料已保存：{}", path.display());
    }
    let errors = files.iter().any(|f| f.count(Severity::Error) > 0);
    Ok(if errors { exit::INPUT_ERRORS } else { exit::OK })
}

/// One line per score file (its problems below it), then the ranking's summary.
pub fn render(y: &YearEnd<'_>) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    for f in y.files {
        let what = if !f.read {
            "跳过：不是表格文件".to_owned()
        } else if f.sheets.is_empty() {
            "无法读取".to_owned()
        } else {
            f.sheets
                .iter()
                .map(|s| {
                    format!(
                        "评审人：{}，{} 个项目",
                        s.reviewer.as_deref().unwrap_or("（未填写，不计入排名）"),
                        s.rows.len()
                    )
                })
                .collect::<Vec<_>>()
                .join("；")
        };
        let _ = writeln!(out, "{}  [评分表]  {}", f.path, what);
        for p in &f.problems {
            let _ = writeln!(out, "    {p}");
        }
    }
    let scores = &y.ranking.scores;
    let ranked = scores.iter().filter(|s| s.rank.is_some()).count();
    let reviewers = input::reviewers(y.entries).len();
    let _ = writeln!(
        out,
        "共 {} 个项目，{} 个参加排名，{} 个未参加排名；评委 {} 人",
        scores.len(),
        ranked,
        scores.len() - ranked,
        reviewers
    );
    for s in scores.iter().filter(|s| s.rank.is_some()).take(10) {
        if let (Some(p), Some(r), Some(t)) = (y.projects.get(s.project), s.rank, s.total) {
            let _ = writeln!(
                out,
                "    第 {r} 名  {t:.2}  {}  {}  {}",
                p.id, p.unit, p.name
            );
        }
    }
    out
}
