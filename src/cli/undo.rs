//! `taizhang undo [--ledger 台账.xlsx]`: puts the ledger back as it was before the last merge
//! (from `台账.xlsx.bak`); the ledger replaced is kept as `台账.xlsx.undone`.
//!
//! Examples:
//!   taizhang undo
//!   taizhang undo --ledger 2018台账/台账.xlsx

use std::path::PathBuf;

use clap::Args;

use super::exit::Exit;
use super::CliError;

/// Arguments of `undo`.
#[derive(Debug, Args)]
pub struct UndoArgs {
    /// 管理台账文件（默认：当前文件夹中的 台账.xlsx）
    #[arg(
        long,
        value_name = "台账.xlsx",
        default_value = taizhang::say::ledger::LEDGER_FILE,
        hide_default_value = true
    )]
    pub ledger: PathBuf,
}

/// Runs `undo`: 0 once the backup is in place; a refusal is a [`CliError`] (exit 2), the ledger
/// untouched.
pub fn run(args: UndoArgs) -> Result<Exit, CliError> {
    let done = taizhang::ledger::undo(&args.ledger)?;
    println!("{}", done.message());
    if let Some(warning) = &done.warning {
        eprintln!("{warning}");
    }
    Ok(Exit::Ok)
}
