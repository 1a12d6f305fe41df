//! taizhang's command line: argument parsing only; the work is in the library.

mod cli;

use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use cli::exit::Exit;
use cli::CliError;

/// 台账：基层党建项目表单的批量校验与台账管理工具
#[derive(Debug, Parser)]
#[command(name = "taizhang", version = taizhang::VERSION_TEXT, about = "台账：基层党建项目表单的批量校验与台账管理工具", long_about = None)]
struct Cli {
    /// Without a command (a double-click on Windows) taizhang opens its page on the current folder.
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// 创建工作目录：政策文件 taizhang.toml、空白模板、收件夹
    Init(cli::init::InitArgs),
    /// 检查报送的表格：识别种类、逐项校验、列出问题
    Check(cli::check::CheckArgs),
    /// 合并到管理台账：把合格的立项书和进度报告写入台账（自动备份）
    Merge(cli::merge::MergeArgs),
    /// 立项审核：把项目的审核状态设为 已批复 / 不予立项 / 退回修改（记入变更记录）
    Approve(cli::approve::ApproveArgs),
    /// 给单位的通知：立项批复（含项目编号）、立项名单和项目责任书
    Notices(cli::notices::NoticesArgs),
    /// 项目验收：记录已完成项目的验收结果 通过 / 整改 / 不通过（记入变更记录）
    Accept(cli::accept::AcceptArgs),
    /// 撤销上次合并：台账恢复为上次合并之前的版本（台账.xlsx.bak），撤销前的台账另存为 台账.xlsx.undone
    Undo(cli::undo::UndoArgs),
    /// 年度结转：建立新年度台账，带入未完成的已批复项目（编号、进度记录和自建列都保留）
    Rollover(cli::rollover::RolloverArgs),
    /// 抽查复核：从已完成的项目中可重复地随机抽取 N 个（显示随机种子）
    Sample(cli::sample::SampleArgs),
    /// 月度进度汇总：进度总览、督办清单、单位汇总和图表
    Status(cli::status::StatusArgs),
    /// 导出台账中的项目：CSV（Excel 可直接打开）或 JSON Lines
    Export(cli::export::ExportArgs),
    /// 年终评分表：台账中的项目逐个列出，每个评分项一列（带输入限制）
    Scoresheet(cli::scoresheet::ScoresheetArgs),
    /// 年度综合排名：读取评委的评分表，去掉最高分和最低分后排名，评选示范项目
    Rank(cli::rank::RankArgs),
    /// 本机网页：在浏览器中完成收件、退回、合并和进度（不带任何参数启动时即为此项）
    Serve(cli::serve::ServeArgs),
    /// 桌面图标“台账”：打开本机网页，工作目录为“文档”中的“台账”文件夹（第一次启动时自动创建）
    Desktop(cli::desktop::DesktopArgs),
}

fn main() -> ExitCode {
    // Output piped into `head` or a closed pager ends the program quietly, as for any Unix
    // tool, instead of a panic when stdout goes away.
    #[cfg(unix)]
    // SAFETY: setting a signal disposition to its default at start-up, before any thread exists.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    cli::panic::install();
    // The hook has already printed the panic's line; here it only becomes exit code 2.
    match std::panic::catch_unwind(run) {
        Ok(Ok(code)) => code,
        Ok(Err(e)) => {
            eprintln!("{e}");
            if matches!(e, CliError::InWindow(_)) {
                cli::serve::wait_for_enter();
            }
            Exit::Failed.into()
        }
        Err(_) => Exit::Failed.into(),
    }
}

/// Parses the arguments and runs the command: its exit code, or why it could not be done.
fn run() -> Result<ExitCode, CliError> {
    // clap's words in Chinese (src/cli/help.rs): help pages, and errors said by their kind.
    let parsed = cli::help::localise(Cli::command())
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            return Ok(match e.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                    let _ = e.print();
                    Exit::Ok
                }
                _ => {
                    eprintln!("{}", cli::help::render_error(&e));
                    Exit::Failed
                }
            }
            .into());
        }
    };
    let command = cli
        .command
        .unwrap_or_else(|| Command::Serve(cli::serve::ServeArgs::default()));
    let exit = match command {
        Command::Init(args) => cli::init::run(args)?,
        Command::Check(args) => cli::check::run(args)?,
        Command::Merge(args) => cli::merge::run(args)?,
        Command::Approve(args) => cli::approve::run(args)?,
        Command::Undo(args) => cli::undo::run(args)?,
        Command::Accept(args) => cli::accept::run(args)?,
        Command::Notices(args) => cli::notices::run(args)?,
        Command::Rollover(args) => cli::rollover::run(args)?,
        Command::Sample(args) => cli::sample::run(args)?,
        Command::Status(args) => cli::status::run(args)?,
        Command::Export(args) => cli::export::run(args)?,
        Command::Scoresheet(args) => cli::scoresheet::run(args)?,
        Command::Rank(args) => cli::rank::run(args)?,
        Command::Serve(args) => cli::serve::run(args)?,
        Command::Desktop(args) => cli::desktop::run(args)?,
    };
    Ok(exit.into())
}

/// mimalloc, not the system allocator: checking a form allocates and frees about half a
/// megabyte in small pieces, and glibc's allocator kept most of it (360 MB resident after
/// 10,000 forms whose results need 86 MB); mimalloc returns it and is faster at it too.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// clap's own consistency checks on the command tree as the clerk gets it, in Chinese.
    #[test]
    fn the_chinese_command_line_is_consistent() {
        super::cli::help::localise(super::Cli::command()).debug_assert();
    }
}
