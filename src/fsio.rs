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
    /// Where the finished new file was kept when only the rename failed (on Windows a workbook
    /// open in Excel cannot be replaced): the clerk's work is then not lost with the error.
    pub kept: Option<PathBuf>,
}

impl WriteError {
    /// A failure at `step` while writing `path`.
    pub fn new(path: &Path, step: Step, source: io::Error) -> WriteError {
        WriteError {
            path: path.to_path_buf(),
            step,
            source,
            kept: None,
        }
    }

    /// The clerk's sentence: the file and the reason, with a hint when the rename failed (on
    /// Windows a workbook open in Excel or WPS cannot be replaced).
    fn message(&self) -> String {
        let shown = self.path.display();
        let reason = crate::say::safety::io_reason(&self.source);
        match (self.step, &self.kept) {
            (Step::Replace, kept) => format!(
                "无法写入“{shown}”：{reason}（如果该文件正在 Excel 或 WPS 中打开，请先关闭）{}",
                kept.as_deref()
                    .map(|k| format!("；{}", crate::say::safety::kept_new_file(k)))
                    .unwrap_or_default()
            ),
            _ => format!("无法写入“{shown}”：{reason}"),
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
    replace(tmp, path)?;
    sync_folder(&dir);
    Ok(())
}

/// Renames the finished temporary file over `path`. When that fails (Windows refuses to replace
/// a workbook open in Excel) the finished file is kept beside the target under a name a clerk
/// can open, `台账（未能替换的新版本）.xlsx`, and the error says where.
fn replace(tmp: tempfile::NamedTempFile, path: &Path) -> Result<(), WriteError> {
    #[cfg(test)]
    if tests::FAIL_REPLACE.with(std::cell::Cell::get) {
        let err = io::Error::from(io::ErrorKind::PermissionDenied);
        return Err(keep(tmp, path, err));
    }
    tmp.persist(path)
        .map(drop)
        .map_err(|e| keep(e.file, path, e.error))
}

/// Keeps the finished file of a failed replace (see [`replace`]).
fn keep(tmp: tempfile::NamedTempFile, path: &Path, error: io::Error) -> WriteError {
    let mut err = WriteError::new(path, Step::Replace, error);
    let Ok((_, staged)) = tmp.keep() else {
        return err;
    };
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = path.extension().map(|e| e.to_string_lossy().into_owned());
    let named = path.with_file_name(crate::say::safety::kept_name(&stem, ext.as_deref()));
    err.kept = Some(if std::fs::rename(&staged, &named).is_ok() {
        named
    } else {
        staged
    });
    err
}

/// The name prefix of the temporary files written for `path`: `.taizhang-台账.xlsx-`. Whoever
/// holds the right to write `path` (the ledger's lock) can find and remove the ones a killed run
/// left, without touching other files' work in progress.
pub fn temp_prefix(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!(".taizhang-{name}-")
}

/// Removes the temporary files a killed write of `path` left behind (see [`temp_prefix`]); the
/// caller must be the only writer of `path`. Returns how many were removed.
pub fn remove_leftovers(path: &Path) -> usize {
    let prefix = temp_prefix(path);
    let Ok(entries) = std::fs::read_dir(folder_of(path)) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with(&prefix) && name.ends_with(".tmp")
        })
        .filter(|e| std::fs::remove_file(e.path()).is_ok())
        .count()
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

/// Puts the finished file `from` (in the same folder) in place as `path` by renaming it: `from`
/// flushed to disk first, `path` replaced in one step, the folder flushed. A file being replaced
/// keeps its permissions, as with [`write()`]. The ledger's undo puts its backup back so, and moves
/// the older backups up a generation.
///
/// # Errors
/// [`WriteError`] at [`Step::Write`] (flushing `from`) or [`Step::Replace`] (the rename); `path`
/// is then as it was.
pub fn rename_into_place(from: &Path, path: &Path) -> Result<(), WriteError> {
    // Flushing needs write access on Windows; a file that cannot be opened so was flushed by
    // whoever wrote it (taizhang's backups are written by [`write()`]).
    if let Ok(file) = File::options().read(true).write(true).open(from) {
        file.sync_all()
            .map_err(|e| WriteError::new(path, Step::Write, e))?;
    }
    if let Ok(old) = std::fs::metadata(path) {
        std::fs::set_permissions(from, old.permissions())
            .map_err(|e| WriteError::new(path, Step::Write, e))?;
    }
    std::fs::rename(from, path).map_err(|e| WriteError::new(path, Step::Replace, e))?;
    sync_folder(&folder_of(path));
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
    let prefix = temp_prefix(path);
    builder.prefix(&prefix).suffix(".tmp");
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

    thread_local! {
        /// Test hook: the rename over the target fails, as on Windows with the file open.
        pub(super) static FAIL_REPLACE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }

    #[test]
    fn a_failed_replace_keeps_the_finished_file_and_says_where() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("台账.xlsx");
        std::fs::write(&path, b"old").unwrap();
        FAIL_REPLACE.with(|f| f.set(true));
        let err = write(&path, b"new").unwrap_err();
        FAIL_REPLACE.with(|f| f.set(false));
        assert_eq!(err.step, Step::Replace);
        let kept = err.kept.clone().expect("kept");
        assert_eq!(kept, dir.path().join("台账（未能替换的新版本）.xlsx"));
        assert_eq!(std::fs::read(&kept).unwrap(), b"new");
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        assert!(err.to_string().contains("未能替换的新版本"), "{err}");
        assert!(err.to_string().contains("没有权限"), "{err}");
    }

    #[test]
    fn leftovers_of_one_target_are_removed_and_others_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("台账.xlsx");
        let mine = dir.path().join(format!("{}abc.tmp", temp_prefix(&path)));
        let other = dir.path().join(".taizhang-上传.xlsx-abc.tmp");
        std::fs::write(&mine, b"x").unwrap();
        std::fs::write(&other, b"x").unwrap();
        assert_eq!(remove_leftovers(&path), 1);
        assert!(!mine.exists() && other.exists());
    }

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
