//! `taizhang desktop`: what the desktop icon 台账 runs (the Debian package's desktop entry). The
//! workspace is the folder 台账 in the clerk's documents folder, set up on the first start as
//! `taizhang init` sets one up (the same call, the current year), then the page opens on it.
//!
//! Examples:
//!   taizhang desktop                          （工作目录为 ~/文档/台账，第一次启动时自动创建）
//!   taizhang desktop --workspace 2026台账

use std::path::{Path, PathBuf};

use chrono::Datelike;

use super::exit::Exit;
use super::init::InitArgs;
use super::serve::ServeArgs;
use super::CliError;

/// The workspace's folder name inside the documents folder.
pub const FOLDER: &str = "台账";

/// Arguments of `desktop`.
#[derive(Debug, clap::Args)]
pub struct DesktopArgs {
    /// 工作目录（默认：“文档”文件夹中的“台账”文件夹，如 ~/文档/台账）；没有政策文件 taizhang.toml
    /// 时先按本年度创建（与 taizhang init 相同）
    #[arg(long, value_name = "文件夹")]
    pub workspace: Option<PathBuf>,
    /// 不自动打开浏览器（只显示网页地址）
    #[arg(long)]
    pub no_browser: bool,
}

/// Runs `desktop`: the workspace set up if it has no policy yet, then `serve` on it until the
/// process is stopped. The error (shown until Enter is pressed) when the page cannot start.
pub fn run(args: DesktopArgs) -> Result<Exit, CliError> {
    let Some(dir) = args.workspace.or_else(default_workspace) else {
        return Err(CliError::in_window(CliError::NoHome, true));
    };
    // Without the page (`--no-default-features`) there is nothing to set a folder up for.
    if cfg!(feature = "serve") && !dir.join("taizhang.toml").exists() {
        let init = InitArgs {
            dir: dir.clone(),
            preset: "innovation".to_owned(),
            year: Some(chrono::Local::now().year()),
            force: false,
        };
        // A half-made folder (blank forms there, the policy deleted) is still served: the page
        // says what is missing.
        if let Err(e) = super::init::run(init) {
            eprintln!("{e}");
        }
    }
    super::serve::run(ServeArgs {
        workspace: dir,
        port: 0,
        no_browser: args.no_browser,
        from_icon: true,
    })
}

/// `台账` in the documents folder, or `None` without a home folder.
pub fn default_workspace() -> Option<PathBuf> {
    Some(documents_dir()?.join(FOLDER))
}

/// The clerk's documents folder: the XDG one (`$XDG_DOCUMENTS_DIR`, else `xdg-user-dir
/// DOCUMENTS`) when it is set, else `~/文档` or `~/Documents`, whichever is there (`~/文档` when
/// neither is: the name a Chinese desktop gives it).
pub fn documents_dir() -> Option<PathBuf> {
    let home = std::env::home_dir().filter(|h| !h.as_os_str().is_empty())?;
    if let Some(dir) = xdg_documents(&home) {
        return Some(dir);
    }
    let names = if cfg!(windows) {
        ["Documents", "文档"]
    } else {
        ["文档", "Documents"]
    };
    let found = names.iter().map(|n| home.join(n)).find(|d| d.is_dir());
    Some(found.unwrap_or_else(|| home.join(names[0])))
}

/// The XDG documents folder when the desktop set one: an absolute path other than the home
/// folder itself (what `xdg-user-dir` answers when none is set).
fn xdg_documents(home: &Path) -> Option<PathBuf> {
    let usable = |p: PathBuf| (p.is_absolute() && p != home).then_some(p);
    if let Some(dir) = std::env::var_os("XDG_DOCUMENTS_DIR").filter(|d| !d.is_empty()) {
        if let Some(dir) = usable(PathBuf::from(dir)) {
            return Some(dir);
        }
    }
    if cfg!(windows) {
        return None;
    }
    let out = std::process::Command::new("xdg-user-dir")
        .arg("DOCUMENTS")
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?;
    let line = text.lines().next()?.trim();
    (!line.is_empty())
        .then(|| PathBuf::from(line))
        .and_then(usable)
}
