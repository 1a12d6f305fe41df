//! `taizhang check PATH...`: read every file, tell its kind, check it, say what is wrong.
//!
//! Examples:
//!   taizhang check inbox/2018-05
//!   taizhang check inbox --format json > 结果.json
//!   taizhang check inbox --report 校验报告.xlsx
//!   taizhang check 邮件/*.eml --replies 回复 --ack
//!   taizhang check inbox/2018-05 --ledger 台账.xlsx --replies 回复 --ack

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use taizhang::batch::{self, Batch};
use taizhang::fsio;
use taizhang::rules::missing::OnFile;
use taizhang::rules::Severity;
use taizhang::write::reply;

use super::exit::Exit;
use super::CliError;

/// How results are printed.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    /// 文字，按文件分组
    Text,
    /// JSON（供其他程序读取）
    Json,
}

/// Arguments of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// 要检查的文件或文件夹（文件夹会逐层查找；邮件 .eml 和压缩包 .zip 会在内存中打开，逐个检查其中的表格）
    #[arg(value_name = "路径", required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub read: super::ReadArgs,
    /// 输出格式：text（文字）或 json
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// 同时生成校验报告（Excel），可作为退回修改的附件
    #[arg(long, value_name = "文件.xlsx")]
    pub report: Option<PathBuf>,
    /// 为每个有问题的单位生成“退回修改”通知，写入此文件夹：邮件草稿（.eml，双击用邮件客户端打开即可发送）和同样内容的文本（.txt）
    #[arg(long, value_name = "文件夹")]
    pub replies: Option<PathBuf>,
    /// 同时为文件全部合格的单位生成“已收到”回执（需与 --replies 一起使用）
    #[arg(long, requires = "replies")]
    pub ack: bool,
    /// 对照管理台账检查（只读，不修改台账）：进度报告的项目须已在台账中，否则按合并时的规则报 E_NO_PROJECT；台账中已有材料的单位不列入“未报送”
    #[arg(long, value_name = "台账.xlsx")]
    pub ledger: Option<PathBuf>,
}

/// Runs `check`: 1 when some file has errors, else 0.
pub fn run(args: CheckArgs) -> Result<Exit, CliError> {
    let policy = super::load_policy(args.read.policy.as_deref())?;
    let started = std::time::Instant::now();
    let limits = args.read.limits();
    let files = batch::inputs_within(&args.paths, &limits)?;
    let bar = super::progress(files.len(), args.read.quiet, taizhang::say::cli::CHECKING);
    let mut batch = batch::check_inputs(&files, &policy, &limits, &|| bar.inc(1));
    bar.finish_and_clear();
    let mut on_file = OnFile::default();
    if let Some(path) = &args.ledger {
        // Read only: no lock, never written; merge's own rules on a copy in memory.
        let ledger = super::read_ledger(path)?;
        super::print_ledger_warnings(&ledger.inspect());
        on_file = taizhang::ledger::sent::on_file(&ledger, &policy);
        let now = chrono::Local::now().naive_local();
        taizhang::ledger::run::against_ledger(ledger, &mut batch, &files, &policy, now);
    }
    let missing = batch.missing_units_given(&policy, &on_file);
    match args.format {
        Format::Text => {
            print!("{}", render_text(&batch));
            print!("{}", taizhang::rules::missing::render(&missing));
            println!(
                "{}",
                taizhang::say::cli::took(started.elapsed().as_secs_f64())
            );
        }
        Format::Json => {
            // Streamed: ten thousand records never sit in memory as one string.
            use std::io::Write;
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            let json = batch::CheckJson {
                batch: &batch,
                missing_units: &missing,
            };
            serde_json::to_writer_pretty(&mut out, &json)
                .map_err(std::io::Error::from)
                .and_then(|()| writeln!(out))
                .and_then(|()| out.flush())
                .map_err(CliError::Json)?;
        }
    }
    if let Some(path) = &args.report {
        let bytes = taizhang::write::report::report_with(&batch, &policy, &missing)
            .map_err(CliError::build(taizhang::say::cli::CHECK_REPORT))?;
        fsio::write(path, &bytes)?;
        eprintln!("{}", taizhang::say::cli::report_saved(path.display()));
    }
    if let Some(dir) = &args.replies {
        let now = reply::office_now();
        let replies = reply::compose_all(&batch, &policy, now.date_naive(), args.ack);
        reply::write_all(dir, &replies, &policy, now.timestamp())?;
        eprintln!(
            "{}",
            taizhang::say::cli::replies_saved(replies.letters.len(), dir.display())
        );
        eprint!("{}", reply::unaddressed_text(&replies.unaddressed));
    }
    Ok(Exit::input_errors_if(batch.summary.with_errors > 0))
}

/// The text report: each file with its verdict, then its errors and warnings, then one summary line.
pub fn render_text(batch: &Batch) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    for r in &batch.files {
        let errors = r.count(Severity::Error);
        let warnings = r.count(Severity::Warning);
        let skipped = r.kind == taizhang::form::FormKind::Skipped;
        let (verdict, note) = match r.superseded_by_name() {
            Some(by) if !r.ok => (
                taizhang::say::cli::superseded(by),
                taizhang::say::cli::FOR_REFERENCE,
            ),
            // Evidence is recorded by merge (佐证材料): said so, not merely skipped.
            _ if skipped && taizhang::read::is_material_name(r.file_name().as_ref()) => {
                (taizhang::say::materials::CHECK_VERDICT.to_owned(), "")
            }
            _ => (taizhang::say::cli::verdict(skipped, errors, warnings), ""),
        };
        let _ = writeln!(out, "{}  [{}]  {}", r.path, r.kind.label(), verdict);
        for p in &r.problems {
            let _ = writeln!(out, "    {note}{p}");
        }
    }
    let s = &batch.summary;
    let ok = s.ok - s.skipped.min(s.ok);
    let mut summary =
        taizhang::say::cli::check_summary(s.files, ok, s.with_errors, s.warnings, s.skipped);
    if s.superseded > 0 {
        summary.push_str(&taizhang::say::cli::superseded_count(s.superseded));
    }
    let _ = writeln!(out, "{summary}");
    out
}
