//! `taizhang serve`: the monthly routine as a page in the browser, for a clerk who never opens a
//! terminal. Started with no arguments at all (a double-click), taizhang runs this on the current
//! folder.
//!
//! Examples:
//!   taizhang serve                          （当前文件夹为工作目录，自动打开浏览器）
//!   taizhang serve --workspace 2018台账 --port 8618

use std::path::PathBuf;

use super::exit::Exit;
use super::CliError;
use clap::Args;

/// Arguments of `serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// 工作目录：其中有政策文件 taizhang.toml、收件夹 inbox/ 和台账 台账.xlsx（默认：当前文件夹）
    #[arg(long, value_name = "文件夹", default_value = ".")]
    pub workspace: PathBuf,
    /// 本机端口（只在 127.0.0.1 上提供服务）；0 表示自动选择空闲端口
    #[arg(long, value_name = "端口", default_value_t = 0)]
    pub port: u16,
    /// 不自动打开浏览器（只显示网页地址）
    #[arg(long)]
    pub no_browser: bool,
    /// Started from an icon (a double-click, the desktop entry), in a console window of its own
    /// that closes with the program: when the server cannot start, wait for Enter so that the
    /// clerk can read why. Not an option: `serve` typed in a terminal leaves it false.
    #[arg(skip)]
    pub from_icon: bool,
}

/// The arguments of a start with none at all (a double-click on Windows): the current folder,
/// as started from an icon.
impl Default for ServeArgs {
    fn default() -> Self {
        ServeArgs {
            workspace: PathBuf::from("."),
            port: 0,
            no_browser: false,
            from_icon: true,
        }
    }
}

/// Runs `serve` until the process is stopped; the error when it cannot start.
#[cfg(feature = "serve")]
pub fn run(args: ServeArgs) -> Result<Exit, CliError> {
    // A server outlives whoever reads its first line (a test, a launcher that closes the console
    // pipe): a closed stdout must not end it, as it ends `status | head`.
    #[cfg(unix)]
    // SAFETY: setting a signal disposition before the server's threads start.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_IGN);
    }
    let options = taizhang::serve::Options {
        workspace: args.workspace,
        port: args.port,
        open_browser: !args.no_browser,
    };
    let from_icon = args.from_icon;
    taizhang::serve::serve(&options).map_err(|e| CliError::in_window(e.into(), from_icon))?;
    Ok(Exit::Ok)
}

/// A build without the page (`cargo build --no-default-features`): `taizhang` alone and
/// `taizhang serve` say so instead of starting anything.
#[cfg(not(feature = "serve"))]
pub fn run(args: ServeArgs) -> Result<Exit, CliError> {
    Err(CliError::in_window(CliError::NoServe, args.from_icon))
}

/// Keeps a console window that would close with the program open until the clerk presses Enter;
/// does nothing when nobody is there to press it (stdin not a terminal: tests, pipes, services).
pub fn wait_for_enter() {
    use std::io::{IsTerminal, Write};
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return;
    }
    let _ = write!(std::io::stderr(), "{}", taizhang::say::cli::PRESS_ENTER);
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    let _ = stdin.read_line(&mut line);
}

#[cfg(all(test, not(feature = "serve")))]
mod tests {
    use super::*;

    #[test]
    fn a_build_without_the_page_says_so_in_chinese() {
        let e = run(ServeArgs::default()).unwrap_err();
        assert!(e.to_string().contains("不含本机网页"), "{e}");
    }
}
