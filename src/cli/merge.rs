//! `taizhang merge PATH... --ledger 台账.xlsx`: check, then apply every valid form to the ledger.
//!
//! Examples:
//!   taizhang merge inbox/2018-05 --ledger 台账.xlsx
//!   taizhang merge inbox --ledger 台账.xlsx --dry-run

use std::io::Read;
use std::path::{Path, PathBuf};

use clap::Args;
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use taizhang::batch;
use taizhang::ledger::merge::{self, Action};
use taizhang::ledger::{store, Ledger, Lock};

use super::exit;

/// Arguments of `merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// 要合并的文件或文件夹（文件夹会逐层查找）
    #[arg(value_name = "路径", required = true)]
    pub paths: Vec<PathBuf>,
    /// 管理台账文件（不存在时自动创建）
    #[arg(long, value_name = "台账.xlsx")]
    pub ledger: PathBuf,
    /// 政策文件（默认：当前目录的 taizhang.toml，没有则用创新项目预设）
    #[arg(long, value_name = "文件")]
    pub policy: Option<PathBuf>,
    /// 不显示进度条
    #[arg(long, short)]
    pub quiet: bool,
    /// 单个文件大小上限（MB），超过的文件不读取
    #[arg(long, value_name = "MB", default_value_t = 50)]
    pub max_file_mb: u64,
    /// 每张工作表最多读取的单元格数，超过的文件不读取
    #[arg(long, value_name = "个", default_value_t = 1_000_000)]
    pub max_cells: usize,
    /// 只显示将会发生的变化，不写入台账
    #[arg(long)]
    pub dry_run: bool,
}

fn sha256(path: &Path) -> Option<String> {
    let mut file = std::fs::File::open(path).ok()?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = file.read(&mut buf).ok()?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Some(format!("{:x}", hasher.finalize()))
}

/// Runs `merge`; returns the exit code.
pub fn run(args: MergeArgs) -> i32 {
    let started = std::time::Instant::now();
    let policy = match super::load_policy(args.policy.as_deref()) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            return exit::FAILED;
        }
    };
    let files = match batch::collect(&args.paths) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{e}");
            return exit::FAILED;
        }
    };
    let _lock = if args.dry_run {
        None
    } else {
        match Lock::take(&args.ledger) {
            Ok(l) => Some(l),
            Err(e) => {
                eprintln!("{e}");
                return exit::FAILED;
            }
        }
    };
    let mut ledger = if args.ledger.exists() {
        match Ledger::read(&args.ledger) {
            Ok(l) => l,
            Err(e) => {
                eprintln!("{e}");
                return exit::FAILED;
            }
        }
    } else {
        Ledger::new()
    };
    for warning in ledger.inspect() {
        eprintln!("提醒：{warning}");
    }
    let bar = super::progress(files.len(), args.quiet, "正在检查");
    let limits = super::limits(args.max_file_mb, args.max_cells);
    let mut batch = batch::check_files_with(&files, &policy, &limits, &|| bar.inc(1));
    bar.finish_and_clear();
    let hashes: Vec<Option<String>> = files.par_iter().map(|p| sha256(p)).collect();
    let now = chrono::Local::now().naive_local();
    let outcome = merge::merge(&mut ledger, &mut batch, &hashes, &policy, now);
    print!("{}", render(&batch, &outcome));
    if args.dry_run {
        println!("（试运行：台账未改动）");
    } else {
        let spin = super::spinner(args.quiet, "正在写入台账…");
        let saved = ledger.save(&args.ledger);
        spin.finish_and_clear();
        if let Err(e) = saved {
            eprintln!("{e}");
            return exit::FAILED;
        }
        let backup = store::backup_path(&args.ledger);
        if backup.exists() {
            println!(
                "台账已保存：{}（上一版本：{}）",
                args.ledger.display(),
                backup.display()
            );
        } else {
            println!("台账已保存：{}", args.ledger.display());
        }
    }
    println!("用时 {:.2} 秒", started.elapsed().as_secs_f64());
    if outcome.count(Action::Rejected) > 0 {
        exit::INPUT_ERRORS
    } else {
        exit::OK
    }
}

/// One line per file (with its problems when it was rejected or warned), then the summary.
pub fn render(batch: &batch::Batch, outcome: &merge::Outcome) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    for (i, action, id) in &outcome.files {
        let Some(r) = batch.files.get(*i) else {
            continue;
        };
        let id = id
            .as_deref()
            .map(|s| format!("（{s}）"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{}  [{}]  {}{}",
            r.path,
            r.kind.label(),
            action.label(),
            id
        );
        for p in &r.problems {
            let _ = writeln!(
                out,
                "    {} {}  {}",
                p.severity.label(),
                p.code.as_str(),
                p.message
            );
        }
    }
    let c = |a| outcome.count(a);
    let _ = writeln!(
        out,
        "项目：新增 {} 个，更新 {} 个，未变 {} 个；进度报告：新增 {} 份，替换 {} 份；退回 {} 个文件，已合并过 {} 个，跳过 {} 个；记录变更 {} 处",
        c(Action::Added),
        c(Action::Updated),
        c(Action::Unchanged),
        c(Action::ReportAdded),
        c(Action::ReportReplaced),
        c(Action::Rejected),
        c(Action::AlreadyMerged),
        c(Action::Skipped),
        outcome.changes
    );
    out
}
