//! The commands, one file each: arguments (their doc comments are the help a clerk reads) and a
//! short `run` over library calls.

pub mod accept;
pub mod approve;
pub mod check;
pub mod desktop;
pub mod export;
pub mod help;
pub mod init;
pub mod merge;
pub mod notices;
pub mod panic;
pub mod rank;
pub mod rollover;
pub mod sample;
pub mod scoresheet;
pub mod serve;
pub mod status;
pub mod undo;

use std::path::{Path, PathBuf};

use taizhang::policy::Policy;

/// Exit codes (SPEC §2): scripts and the clerk's batch files branch on them.
pub mod exit {
    use std::process::ExitCode;

    /// How a run ended. A command returns [`Exit::Ok`] or [`Exit::InputErrors`]; a run that
    /// could not be done is a [`CliError`](super::CliError) instead, which `main` prints and
    /// turns into [`Exit::Failed`].
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Exit {
        /// Everything good (0).
        Ok,
        /// Some input had errors; the run completed and wrote what it could (1).
        InputErrors,
        /// The run could not be done (2): bad arguments, a missing file, a write failing, a
        /// panic.
        Failed,
    }

    impl Exit {
        /// [`Exit::InputErrors`] when some input had errors, else [`Exit::Ok`].
        pub fn input_errors_if(errors: bool) -> Exit {
            if errors {
                Exit::InputErrors
            } else {
                Exit::Ok
            }
        }
    }

    impl From<Exit> for ExitCode {
        fn from(exit: Exit) -> ExitCode {
            match exit {
                Exit::Ok => ExitCode::SUCCESS,
                Exit::InputErrors => ExitCode::from(1),
                Exit::Failed => ExitCode::from(2),
            }
        }
    }
}

/// Why a command could not be done (exit 2). Each is one Chinese sentence for the clerk, printed
/// once by `main`; library errors keep their own wording.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The policy file is missing or wrong.
    #[error(transparent)]
    Policy(#[from] taizhang::policy::PolicyError),
    /// A path given does not exist.
    #[error(transparent)]
    Input(#[from] taizhang::batch::InputError),
    /// The ledger cannot be read, is locked, or could not be saved.
    #[error(transparent)]
    Ledger(#[from] taizhang::ledger::LedgerError),
    /// An output file could not be written.
    #[error(transparent)]
    Write(#[from] taizhang::fsio::WriteError),
    /// A 项目责任书 could not be made from its template.
    #[error(transparent)]
    Charter(#[from] taizhang::write::charter::CharterError),
    /// No ranking could be made.
    #[error(transparent)]
    YearEnd(#[from] taizhang::rank::year::YearEndError),
    /// `init` could not set up the folder.
    #[error(transparent)]
    Init(#[from] init::InitError),
    /// The page could not start.
    #[cfg(feature = "serve")]
    #[error(transparent)]
    Serve(#[from] taizhang::serve::ServeError),
    /// This build was made without the page (`--no-default-features`).
    #[cfg(not(feature = "serve"))]
    #[error("{}", taizhang::say::cli::NO_PAGE)]
    NoServe,
    /// Started from an icon, in a console window of its own that closes with the program: `main`
    /// waits for Enter after printing the error, so that the clerk can read why.
    #[error(transparent)]
    InWindow(Box<CliError>),
    /// No home folder to find the documents folder in (`taizhang desktop`).
    #[error("{}", taizhang::say::cli::NO_HOME)]
    NoHome,
    /// A read-only command was pointed at a ledger that does not exist yet.
    #[error("{}", taizhang::say::cli::no_ledger(.0.display()))]
    NoLedger(PathBuf),
    /// A workbook could not be built in memory; `what` names it (`校验报告`, `评分表` …).
    #[error("{}", taizhang::say::cli::cannot_build(.what, .source))]
    Build {
        /// The workbook, as the clerk calls it.
        what: &'static str,
        /// rust_xlsxwriter's reason.
        source: rust_xlsxwriter::XlsxError,
    },
    /// The policy has no rubric, so there is nothing to score.
    #[error("{}", taizhang::say::cli::NO_RUBRIC)]
    NoRubric,
    /// The ledger has no project to put on a score sheet.
    #[error("{}", taizhang::say::cli::NO_PROJECTS_TO_SCORE)]
    NoProjects,
    /// The CSV text could not be made.
    #[error("{}", taizhang::say::cli::cannot_csv(.0))]
    Csv(#[from] csv::Error),
    /// JSON could not be made or printed.
    #[error("{}", taizhang::say::cli::cannot_json(.0))]
    Json(#[source] std::io::Error),
    /// Standard output went away for a reason other than a closed pipe.
    #[error("{}", taizhang::say::cli::cannot_print(.0))]
    Stdout(#[source] std::io::Error),
}

impl CliError {
    /// `e` as [`CliError::InWindow`] when the run was started from an icon, else as it is.
    pub fn in_window(e: CliError, from_icon: bool) -> CliError {
        if from_icon {
            CliError::InWindow(Box::new(e))
        } else {
            e
        }
    }

    /// A [`CliError::Build`] maker for `map_err`: `.map_err(CliError::build("校验报告"))`.
    pub fn build(what: &'static str) -> impl Fn(rust_xlsxwriter::XlsxError) -> CliError {
        move |source| CliError::Build { what, source }
    }
}

/// The policy: `--policy F`, else `taizhang.toml` in the current folder, else the innovation preset
/// ([`Policy::resolve`]).
pub fn load_policy(given: Option<&Path>) -> Result<Policy, CliError> {
    Ok(Policy::resolve(given, Path::new(""))?)
}

/// A progress bar on stderr for `len` files, or a hidden one when stderr is not a terminal or
/// the user asked for quiet.
pub fn progress(len: usize, quiet: bool, what: &str) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    let style = indicatif::ProgressStyle::with_template(taizhang::say::cli::PROGRESS_TEMPLATE)
        .map(|s| s.progress_chars("=> "))
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    bar.set_style(style);
    bar.set_message(what.to_owned());
    bar
}

/// A spinner on stderr for one long step (writing the ledger), hidden like [`progress`].
pub fn spinner(quiet: bool, what: &str) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_message(what.to_owned());
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

/// Prints what taizhang could not use in the ledger as read, at most twenty lines: a ledger
/// damaged in bulk (a column pasted over) would otherwise print a line per cell.
pub fn print_ledger_warnings(warnings: &[String]) {
    const SHOWN: usize = 20;
    for warning in warnings.iter().take(SHOWN) {
        eprintln!("{}", taizhang::say::cli::ledger_warning(warning));
    }
    if warnings.len() > SHOWN {
        eprintln!(
            "{}",
            taizhang::say::cli::more_ledger_warnings(warnings.len() - SHOWN)
        );
    }
}

/// Lists the extension requests waiting for the clerk (SPEC §10), each with the command that
/// grants it; nothing when there is none.
pub fn print_extensions(ledger: &taizhang::ledger::Ledger, path: &Path) {
    use taizhang::say::ledger as say;
    let pending = taizhang::ledger::extension::pending(ledger);
    if pending.is_empty() {
        return;
    }
    println!("{}", say::extensions_pending(pending.len()));
    for r in &pending {
        println!("{}", say::extension_line(r, path));
    }
}

/// Opens an existing ledger for the commands that only read it (status, scoresheet, rank,
/// export, check --ledger), with the message a clerk needs when it is not there yet.
pub fn read_ledger(path: &Path) -> Result<taizhang::ledger::Ledger, CliError> {
    if !path.is_file() {
        return Err(CliError::NoLedger(path.to_path_buf()));
    }
    Ok(taizhang::ledger::Ledger::read(path)?)
}

/// The options of every command that reads forms (`check`, `merge`).
#[derive(Debug, clap::Args)]
pub struct ReadArgs {
    /// 政策文件（默认：当前目录的 taizhang.toml，没有则用创新项目预设）
    #[arg(long, value_name = "文件")]
    pub policy: Option<PathBuf>,
    /// 不显示进度条
    #[arg(long, short)]
    pub quiet: bool,
    /// 单个文件大小上限（MB），超过的文件不读取
    #[arg(long, value_name = "MB", default_value_t = 50)]
    pub max_file_mb: u64,
    /// 每张工作表最多读取的有内容的单元格数（只设了格式的空格子不算），超过的文件不读取
    #[arg(long, value_name = "个", default_value_t = 1_000_000)]
    pub max_cells: usize,
}

impl ReadArgs {
    /// Reading bounds from the command line (file size in MB, cells per sheet).
    pub fn limits(&self) -> taizhang::read::Limits {
        taizhang::read::Limits {
            max_file_bytes: self.max_file_mb.saturating_mul(1024 * 1024),
            max_cells_per_sheet: self.max_cells,
            ..taizhang::read::Limits::default()
        }
    }
}
