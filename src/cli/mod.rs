//! The commands, one file each: arguments (their doc comments are the help a clerk reads) and a
//! short `run` over library calls.

pub mod check;
pub mod desktop;
pub mod export;
pub mod init;
pub mod merge;
pub mod rank;
pub mod scoresheet;
pub mod serve;
pub mod status;

use std::path::{Path, PathBuf};

use taizhang::policy::Policy;

/// Exit codes (SPEC §2).
pub mod exit {
    /// Everything good.
    pub const OK: i32 = 0;
    /// Some input had errors; the run completed and wrote what it could.
    pub const INPUT_ERRORS: i32 = 1;
    /// The run could not be done.
    pub const FAILED: i32 = 2;
}

/// The policy: `--policy F`, else `taizhang.toml` in the current folder, else the innovation preset
/// ([`Policy::resolve`]).
pub fn load_policy(given: Option<&Path>) -> Result<Policy, String> {
    Policy::resolve(given, Path::new("")).map_err(|e| e.to_string())
}

/// A progress bar on stderr for `len` files, or a hidden one when stderr is not a terminal or
/// the user asked for quiet.
pub fn progress(len: usize, quiet: bool, what: &str) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    let style = indicatif::ProgressStyle::with_template(
        "{msg} [{bar:30}] {pos}/{len} 个文件，{per_sec}，剩余约 {eta}",
    )
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

/// Opens an existing ledger for the commands that only read it (status, scoresheet, rank,
/// export), with the message a clerk needs when it is not there yet.
pub fn read_ledger(path: &Path) -> Result<taizhang::ledger::Ledger, String> {
    if !path.is_file() {
        return Err(format!(
            "找不到台账“{}”，请先用 taizhang merge 生成台账",
            path.display()
        ));
    }
    taizhang::ledger::Ledger::read(path).map_err(|e| e.to_string())
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
    /// 每张工作表最多读取的单元格数，超过的文件不读取
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

/// Writes bytes to `path` through a temporary file in the same folder, so that a failure never
/// leaves a half-written workbook where the old one was.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    use std::io::Write;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let fail = |e: std::io::Error| format!("无法写入“{}”：{e}", path.display());
    let mut tmp = tempfile::NamedTempFile::new_in(&dir).map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(path).map_err(|e| {
        format!(
            "无法写入“{}”：{}（如果该文件正在 Excel 或 WPS 中打开，请先关闭）",
            path.display(),
            e.error
        )
    })?;
    Ok(())
}
