//! `taizhang merge PATH... --ledger 台账.xlsx`: check, then apply every valid form to the ledger.
//!
//! Examples:
//!   taizhang merge inbox/2018-05 --ledger 台账.xlsx
//!   taizhang merge inbox --ledger 台账.xlsx --dry-run
//!   taizhang merge inbox/2018-12 --ledger 台账.xlsx --materials 佐证材料

use std::path::PathBuf;

use clap::Args;
use taizhang::batch;
use taizhang::ledger::merge::Action;
use taizhang::ledger::run::{describe, merge_inputs, MergeJob, Step};

use super::exit::Exit;
use super::CliError;

/// Arguments of `merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// 要合并的文件或文件夹（文件夹会逐层查找；邮件 .eml 和压缩包 .zip 中的表格也会合并）
    #[arg(value_name = "路径", required = true)]
    pub paths: Vec<PathBuf>,
    /// 管理台账文件（不存在时自动创建）
    #[arg(long, value_name = "台账.xlsx")]
    pub ledger: PathBuf,
    #[command(flatten)]
    pub read: super::ReadArgs,
    /// 只显示将会发生的变化，不写入台账
    #[arg(long)]
    pub dry_run: bool,
    /// 把随表报来的佐证材料（PDF、Word、图片、视频等）另存到此文件夹，每个项目一个子文件夹（以项目编号命名）
    #[arg(long, value_name = "文件夹")]
    pub materials: Option<PathBuf>,
}

/// Runs `merge`: 1 when some form was rejected, else 0.
pub fn run(args: MergeArgs) -> Result<Exit, CliError> {
    let started = std::time::Instant::now();
    let policy = super::load_policy(args.read.policy.as_deref())?;
    let limits = args.read.limits();
    let inputs = batch::inputs_within(&args.paths, &limits)?;
    let bar = super::progress(inputs.len(), args.read.quiet, taizhang::say::cli::CHECKING);
    let spin = std::sync::OnceLock::new();
    let job = MergeJob {
        ledger: &args.ledger,
        inputs: &inputs,
        policy: &policy,
        limits: &limits,
        dry_run: args.dry_run,
        now: chrono::Local::now().naive_local(),
        materials: args.materials.as_deref(),
    };
    let done = merge_inputs(&job, &|step| match step {
        Step::FileChecked => bar.inc(1),
        Step::Writing => {
            bar.finish_and_clear();
            let _ = spin.set(super::spinner(
                args.read.quiet,
                taizhang::say::cli::WRITING_LEDGER,
            ));
        }
        Step::Written => {
            if let Some(s) = spin.get() {
                s.finish_and_clear();
            }
        }
    });
    bar.finish_and_clear();
    let run = done?;
    super::print_ledger_warnings(&run.warnings);
    print!("{}", describe(&run.batch, &run.outcome));
    if args.dry_run {
        println!("{}", taizhang::say::cli::DRY_RUN);
    } else if let Some(backup) = &run.backup {
        let saved =
            taizhang::say::cli::ledger_saved_with_backup(args.ledger.display(), backup.display());
        println!("{saved}");
    } else {
        println!(
            "{}",
            taizhang::say::cli::ledger_saved(args.ledger.display())
        );
    }
    super::print_extensions(&run.ledger, &args.ledger);
    println!(
        "{}",
        taizhang::say::cli::took(started.elapsed().as_secs_f64())
    );
    Ok(Exit::input_errors_if(
        run.outcome.count(Action::Rejected) > 0,
    ))
}
