//! What keeps the clerk's ledger from being lost: the backup generations (`.bak`, `.bak2`,
//! `.bak3`, each written under a temporary name and renamed), the refusals before a merge (an
//! office lock file beside the ledger, a ledger gone while its backup is there, a ledger saved as
//! xls/ods), and the lock that stops two merges at once.

use std::fs::File;
use std::path::{Path, PathBuf};

use super::store::LedgerError;
use crate::fsio;
use crate::say::ledger as say;
use crate::say::safety;

/// `L.xlsx.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    backup_generation(path, 1)
}

/// How many previous versions are kept: `L.xlsx.bak` (the last), `.bak2`, `.bak3` (the oldest).
pub const BACKUP_GENERATIONS: usize = 3;

/// `L.xlsx.bak` for generation 1, `L.xlsx.bak2` …
pub fn backup_generation(path: &Path, generation: usize) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".bak");
    if generation > 1 {
        name.push(generation.to_string());
    }
    PathBuf::from(name)
}

/// The backup beside `path` when there is one: messages name a `.bak` only then.
pub fn existing_backup(path: &Path) -> Option<PathBuf> {
    (1..=BACKUP_GENERATIONS)
        .map(|g| backup_generation(path, g))
        .find(|b| b.is_file())
}

/// Copies the current ledger to `L.xlsx.bak`, the older backups moving one generation down
/// first (`.bak2` → `.bak3`, `.bak` → `.bak2`). The copy is itself an atomic write (temporary
/// name, flushed, renamed), so a crash never leaves a half-copied `.bak` where the only good
/// copy was; while it is written the previous one is already safe as `.bak2`.
pub(super) fn write_backup(path: &Path) -> std::io::Result<()> {
    let backup = backup_path(path);
    let fail = |e: std::io::Error| {
        let reason = safety::io_reason(&e);
        std::io::Error::new(e.kind(), safety::backup_failed(&backup, &reason))
    };
    let old = std::fs::read(path).map_err(fail)?;
    for g in (1..BACKUP_GENERATIONS).rev() {
        let from = backup_generation(path, g);
        if from.exists() {
            std::fs::rename(&from, backup_generation(path, g + 1)).map_err(fail)?;
        }
    }
    fsio::write(&backup, &old).map_err(|e| fail(e.source))
}

/// Checks done before a merge touches the ledger, shared by the command line and the page
/// (both merge through [`super::run::merge_inputs`]): an office program's lock file beside it
/// (`~$台账.xlsx` of Excel and WPS, `.~lock.台账.xlsx#` of LibreOffice) means the clerk has it
/// open and would later save over the merge; a missing ledger whose backup is beside it must be
/// restored, never replaced by a fresh empty one.
///
/// # Errors
/// [`LedgerError::InUse`] or [`LedgerError::Refused`]; nothing is written.
pub fn check_before_merge(path: &Path) -> Result<(), LedgerError> {
    if let Some(format) = other_format(path) {
        return Err(LedgerError::Refused(safety::ledger_wrong_format(
            path, format,
        )));
    }
    if let Some(lock) = office_lock(path) {
        return Err(LedgerError::InUse(safety::ledger_open(path, &lock)));
    }
    if !path.exists() {
        if let Some(backup) = existing_backup(path) {
            return Err(LedgerError::Refused(safety::ledger_missing_with_backup(
                path, &backup,
            )));
        }
    }
    Ok(())
}

/// The lock file an office program keeps beside a workbook it has open, if there is one.
pub fn office_lock(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?.to_string_lossy().into_owned();
    // Excel and WPS: `~$` replaces the first two characters of a long name; older versions and
    // short names put it in front of the whole name.
    let short: String = name.chars().skip(2).collect();
    [
        format!("~${name}"),
        format!("~${short}"),
        format!(".~lock.{name}#"),
    ]
    .into_iter()
    .filter(|n| n.len() > 2 + ".xlsx".len() || n.starts_with(".~lock."))
    .map(|n| path.with_file_name(n))
    .find(|p| p.exists())
}

/// `.xls` or `.ods` when the ledger is named so or really holds that format (saved as the wrong
/// type): said in words, never as calamine's or zip's error.
pub(super) fn other_format(path: &Path) -> Option<&'static str> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "xls" | "et" => return Some(".xls"),
        "ods" => return Some(".ods"),
        _ => {}
    }
    let mut head = [0u8; 128];
    let n = File::open(path)
        .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
        .ok()?;
    let head = &head[..n];
    if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Some(".xls");
    }
    // An ODF package stores its `mimetype` first and uncompressed.
    let ods = b"application/vnd.oasis.opendocument.spreadsheet";
    if head.starts_with(b"PK") && head.windows(ods.len()).any(|w| w == ods) {
        return Some(".ods");
    }
    None
}

/// A held lock on `L.xlsx.lock`: released (and the file removed) when dropped.
#[derive(Debug)]
pub struct Lock {
    file: File,
    path: PathBuf,
}

impl Lock {
    /// Takes the ledger's lock, or says another merge holds it.
    pub fn take(ledger: &Path) -> Result<Lock, LedgerError> {
        Lock::take_with(ledger, || {})
    }

    /// [`Lock::take`] with a hook run between opening the lock file and locking it: tests pause
    /// there to force the window in which another merge releases and removes the file.
    ///
    /// A merge that opened the file, then locked it after its holder removed it, holds a lock
    /// on a file no longer there, which a third merge would not see: so the lock only counts
    /// when the path still names the file locked (checked after locking), and the holder
    /// removes the file before unlocking it.
    pub fn take_with(ledger: &Path, between: impl FnOnce()) -> Result<Lock, LedgerError> {
        let mut name = ledger.as_os_str().to_owned();
        name.push(".lock");
        let path = PathBuf::from(name);
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| LedgerError::Write {
                path: ledger.display().to_string(),
                reason: say::no_lock(&e),
            })?;
        between();
        file.try_lock()
            .map_err(|_| LedgerError::Locked(ledger.display().to_string()))?;
        if !same_file(&file, &path) {
            // Locked after the holder removed it: another merge may hold the new file.
            return Err(LedgerError::Locked(ledger.display().to_string()));
        }
        Ok(Lock { file, path })
    }
}

/// Whether `path` still names the open `file` (same device and inode).
fn same_file(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), std::fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        // Windows does not delete a file another process has open until it is closed, and
        // the name stays taken until then: the check is only needed where unlink is immediate.
        let _ = file;
        path.exists()
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Remove first, then unlock: a merge that opened the file meanwhile finds, once it gets
        // the lock, that the path no longer names it (see [`Lock::take_with`]).
        let _ = std::fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}
