//! The one way taizhang writes a file it produces (the ledger, every workbook, the policy and
//! templates of `init`, reply drafts, the page's copies and uploads): a temporary file in the target's folder, flushed to disk,
//! renamed over the target, and the folder flushed too. A crash or a full disk at any moment
//! leaves either the old file or the new one, never half a workbook.
//!
//! The new file gets the permissions any program's output gets (`0666` less the umask, so
//! `0644` under the usual umask `022`), not the private `0600` of a temporary file; a file being
//! replaced keeps its own mode.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Which step of [`write_with`] failed: callers with their own wording (the ledger) tell them
/// apart, and a replace that fails is most often a workbook open in Excel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Creating the temporary file in the target's folder.
    Create,
    /// Writing the contents or flushing them to disk.
    Write,
    /// The caller's step between writing and renaming (the ledger's backup, a test's fault).
    BeforeRename,
    /// Renaming the temporary file over the target.
    Replace,
}

/// Why a file could not be written; the old file, if any, is untouched.
#[derive(Debug, thiserror::Error)]
#[error("{}", self.message())]
pub struct WriteError {
    /// The file that was to be written.
    pub path: PathBuf,
    /// Where it failed.
    pub step: Step,
    /// The system's (or the caller's) reason.
    #[source]
    pub source: io::Error,
}

impl WriteError {
    /// A failure at `step` while writing `path`.
    pub fn new(path: &Path, step: Step, source: io::Error) -> WriteError {
        WriteError {
            path: path.to_path_buf(),
            step,
            source,
        }
    }

    /// The clerk's sentence: the file and the reason, with a hint when the rename failed (on
    /// Windows a workbook open in Excel or WPS cannot be replaced).
    fn message(&self) -> String {
        let shown = self.path.display();
        match self.step {
            Step::Replace => crate::say::ledger::file_replace_failed(shown, &self.source),
            _ => crate::say::ledger::file_write_failed(shown, &self.source),
        }
    }
}

/// Writes `bytes` to `path` atomically (see the module).
///
/// # Errors
/// [`WriteError`] when any step fails; `path` is then as it was.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    write_with(path, |file| file.write_all(bytes), || Ok(()))
}

/// The atomic write with the contents streamed by `fill` (a workbook saved straight into the
/// file) and a step `before_rename` run once the contents are on disk and before the target is
/// touched: the ledger copies the old file to `.bak` there, and tests inject a failure there to
/// show the old file survives.
///
/// # Errors
/// [`WriteError`] naming the step that failed; the temporary file is removed and `path` is as
/// it was.
pub fn write_with(
    path: &Path,
    fill: impl FnOnce(&mut File) -> io::Result<()>,
    before_rename: impl FnOnce() -> io::Result<()>,
) -> Result<(), WriteError> {
    let dir = folder_of(path);
    let tmp = stage(path, &dir, fill)?;
    before_rename().map_err(|e| WriteError::new(path, Step::BeforeRename, e))?;
    tmp.persist(path)
        .map_err(|e| WriteError::new(path, Step::Replace, e.error))?;
    sync_folder(&dir);
    Ok(())
}

/// The atomic write of a file that must not exist yet (an upload saved into the inbox): when
/// `path` appeared meanwhile it is left alone and the error's source is of kind
/// [`io::ErrorKind::AlreadyExists`], so the caller can pick another name.
///
/// # Errors
/// [`WriteError`]; nothing is left behind.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let dir = folder_of(path);
    let tmp = stage(path, &dir, |file| file.write_all(bytes))?;
    tmp.persist_noclobber(path)
        .map_err(|e| WriteError::new(path, Step::Replace, e.error))?;
    sync_folder(&dir);
    Ok(())
}

/// The contents of `path`-to-be in a temporary file in `dir`, with the final permissions and
/// flushed to disk; removed again if dropped before it is renamed.
fn stage(
    path: &Path,
    dir: &Path,
    fill: impl FnOnce(&mut File) -> io::Result<()>,
) -> Result<tempfile::NamedTempFile, WriteError> {
    let fail = |step| move |e| WriteError::new(path, step, e);
    let mut builder = tempfile::Builder::new();
    builder.prefix(".taizhang-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // The mode given to open(2), which the kernel reduces by the umask, as for any output.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(fail(Step::Create))?;
    fill(tmp.as_file_mut()).map_err(fail(Step::Write))?;
    if let Ok(old) = std::fs::metadata(path) {
        // A file being replaced keeps its permissions (a clerk's read-only share, say).
        tmp.as_file()
            .set_permissions(old.permissions())
            .map_err(fail(Step::Write))?;
    }
    tmp.as_file().sync_all().map_err(fail(Step::Write))?;
    Ok(tmp)
}

/// The folder a file is written in: its parent, or the current folder for a bare name.
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Flushes the folder's entry for the renamed file, so that the rename itself survives a power
/// cut. Best effort: the file is already in place, and some file systems refuse to sync a
/// folder; failing the write then would report an error for a file that was written.
fn sync_folder(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_new_file_gets_the_umask_mode_and_a_replaced_one_keeps_its_own() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("输出.xlsx");
        // SAFETY: umask only sets the process's file-creation mask; restored below. Other tests
        // creating files meanwhile get at most a stricter mode.
        let old = unsafe { libc::umask(0o022) };
        let written = write(&path, b"new");
        unsafe { libc::umask(old) };
        written.unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o644);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write(&path, b"again").unwrap();
        assert_eq!(mode(&path), 0o640);
        assert_eq!(std::fs::read(&path).unwrap(), b"again");
    }

    #[test]
    fn a_failure_before_the_rename_leaves_the_old_file_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("台账.xlsx");
        std::fs::write(&path, b"old").unwrap();
        let err = write_with(
            &path,
            |f| f.write_all(b"new"),
            || Err(io::Error::other("注入的故障")),
        )
        .unwrap_err();
        assert_eq!(err.step, Step::BeforeRename);
        assert!(err.to_string().contains("注入的故障"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "the temporary file is removed: {names:?}");
    }

    #[test]
    fn a_new_file_never_replaces_one_that_is_there() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("上传.xlsx");
        write_new(&path, b"first").unwrap();
        let err = write_new(&path, b"second").unwrap_err();
        assert_eq!(err.source.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&path).unwrap(), b"first");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_missing_folder_is_a_clerk_sentence() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("没有").join("x.xlsx");
        let err = write(&path, b"x").unwrap_err();
        assert_eq!(err.step, Step::Create);
        assert!(err.to_string().starts_with("无法写入“"), "{err}");
    }
}
