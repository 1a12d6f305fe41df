//! Undoing the last merge (`taizhang undo`, the page's 撤销上次合并): the ledger goes back to
//! its backup `L.xlsx.bak`, the version before the last merge, and the older generations move up
//! (`.bak2` → `.bak`, `.bak3` → `.bak2`), so that a second undo goes one more merge back.
//!
//! The ledger being replaced is kept as `L.xlsx.undone` (replacing an older one), so that an
//! undo done by mistake can itself be reversed by renaming it back. The backup is read as a
//! ledger before anything is touched; at every moment the ledger's name holds a whole ledger,
//! either the one before the undo or the one restored.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;

use super::safety::{self, backup_generation, backup_path, Lock, BACKUP_GENERATIONS};
use super::store::{Ledger, LedgerError};
use crate::fsio;
use crate::say::undo as say;

/// What an undo did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UndoOutcome {
    /// The ledger, now the backup's version.
    pub ledger: PathBuf,
    /// When the backup restored was written (the merge it was made by), local time; `None`
    /// when the system cannot say.
    pub backup_time: Option<NaiveDateTime>,
    /// Where the ledger before the undo is kept (`L.xlsx.undone`); `None` when there was none
    /// (a ledger gone while its backup was there).
    pub undone: Option<PathBuf>,
    /// How many backups remain, so how many more times the clerk can undo.
    pub remaining: usize,
    /// An older backup that could not move up a generation: the ledger is restored all the
    /// same, and this says which file to rename by hand.
    pub warning: Option<String>,
}

impl UndoOutcome {
    /// The one line a clerk reads (command line and page alike).
    pub fn message(&self) -> String {
        say::undone(
            &self.ledger,
            self.backup_time,
            self.undone.as_deref(),
            self.remaining,
        )
    }
}

/// The backup an undo would restore, for a page that offers the undo only when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastBackup {
    /// `L.xlsx.bak`.
    pub path: PathBuf,
    /// When it was written (local time), if the system says.
    pub time: Option<NaiveDateTime>,
    /// How many backups are kept (`.bak`, `.bak2`, `.bak3` that exist).
    pub generations: usize,
}

/// `L.xlsx.undone`: where an undo keeps the ledger it replaced.
pub fn undone_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(say::UNDONE_SUFFIX);
    PathBuf::from(name)
}

/// The backup an undo of `path` would restore, when there is one.
pub fn last_backup(path: &Path) -> Option<LastBackup> {
    let backup = backup_path(path);
    let meta = std::fs::metadata(&backup).ok().filter(|m| m.is_file())?;
    Some(LastBackup {
        time: local_time(&meta),
        generations: generations(path),
        path: backup,
    })
}

/// Puts the ledger back as it was before the last merge (see the module).
///
/// # Errors
/// [`LedgerError::InUse`] when an office program has the ledger open, [`LedgerError::Locked`]
/// when a merge (or another undo) is running, [`LedgerError::Refused`] when there is no `.bak`,
/// it is no readable ledger, or the ledger could not be kept as `.undone` or replaced. In every
/// case the ledger and its backups are as they were.
pub fn undo(path: &Path) -> Result<UndoOutcome, LedgerError> {
    if let Some(lock) = safety::office_lock(path) {
        return Err(LedgerError::InUse(crate::say::safety::ledger_open(
            path, &lock,
        )));
    }
    let _lock = Lock::take(path)?;
    let backup = backup_path(path);
    let undone = undone_path(path);
    // Under the lock no one else writes these: what a killed merge or undo left is garbage.
    for p in [path, backup.as_path(), undone.as_path()] {
        fsio::remove_leftovers(p);
    }
    let meta = match std::fs::metadata(&backup) {
        Ok(meta) if meta.is_file() => meta,
        _ => return Err(LedgerError::Refused(say::no_backup(path, &backup))),
    };
    let backup_time = local_time(&meta);
    if let Err(e) = Ledger::read(&backup) {
        let reason = match e {
            LedgerError::Unreadable { reason, .. } => reason,
            other => other.to_string(),
        };
        return Err(LedgerError::Refused(say::backup_unreadable(
            path, &backup, reason,
        )));
    }
    // Nothing is changed when either step fails: the copy's temporary file is removed, and a
    // rename that fails leaves both names as they were.
    let failed = |e: fsio::WriteError| LedgerError::Refused(say::undo_failed(path, e));
    let kept = if path.exists() {
        keep_undone(path, &undone).map_err(failed)?;
        Some(undone)
    } else {
        None
    };
    fsio::rename_into_place(&backup, path).map_err(failed)?;
    let mut warning = None;
    for g in 2..=BACKUP_GENERATIONS {
        let from = backup_generation(path, g);
        let to = backup_generation(path, g - 1);
        if !from.is_file() {
            break;
        }
        if let Err(e) = fsio::rename_into_place(&from, &to) {
            let reason = crate::say::safety::io_reason(&e.source);
            warning = Some(say::generations_not_moved(&from, &to, reason));
            break;
        }
    }
    Ok(UndoOutcome {
        ledger: path.to_path_buf(),
        backup_time,
        undone: kept,
        remaining: generations(path),
        warning,
    })
}

/// Copies the ledger to `L.xlsx.undone` with the atomic write: the ledger itself stays in place
/// until the backup replaces it in one rename.
fn keep_undone(path: &Path, undone: &Path) -> Result<(), fsio::WriteError> {
    let mut from = std::fs::File::open(path)
        .map_err(|e| fsio::WriteError::new(undone, fsio::Step::Create, e))?;
    fsio::write_with(
        undone,
        |file| std::io::copy(&mut from, file).map(drop),
        || Ok(()),
    )
    .map_err(|mut e| {
        // The finished copy a failed rename keeps is the ledger still in place: not worth a file.
        if let Some(kept) = e.kept.take() {
            let _ = std::fs::remove_file(kept);
        }
        e
    })
}

/// How many backups of `path` are kept, counted from `.bak` up to the first one missing: how
/// many undos in a row are possible.
fn generations(path: &Path) -> usize {
    (1..=BACKUP_GENERATIONS)
        .take_while(|g| backup_generation(path, *g).is_file())
        .count()
}

/// A file's modification time in local time.
fn local_time(meta: &std::fs::Metadata) -> Option<NaiveDateTime> {
    let modified = meta.modified().ok()?;
    Some(chrono::DateTime::<chrono::Local>::from(modified).naive_local())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A real ledger holding one project named `name`, as bytes.
    fn ledger_bytes(name: &str) -> Vec<u8> {
        use crate::model::{Column, Value};
        let mut l = Ledger::new();
        let r = l.projects.push_row();
        l.projects
            .set(r, Column::ProjectId, Value::text("2018-001"));
        l.projects.set(r, Column::Name, Value::text(name));
        l.to_bytes().unwrap()
    }

    struct Dir {
        dir: tempfile::TempDir,
    }

    impl Dir {
        fn new() -> Dir {
            Dir {
                dir: tempfile::tempdir().unwrap(),
            }
        }

        fn ledger(&self) -> PathBuf {
            self.dir.path().join("台账.xlsx")
        }

        /// The ledger and its backups: `versions[0]` the ledger, `[1]` `.bak` …
        fn with(&self, versions: &[&[u8]]) -> PathBuf {
            let path = self.ledger();
            for (g, bytes) in versions.iter().enumerate() {
                let p = if g == 0 {
                    path.clone()
                } else {
                    backup_generation(&path, g)
                };
                std::fs::write(p, bytes).unwrap();
            }
            path
        }

        fn names(&self) -> Vec<String> {
            let mut names: Vec<String> = std::fs::read_dir(self.dir.path())
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            names.sort();
            names
        }
    }

    fn read(p: &Path) -> Vec<u8> {
        std::fs::read(p).unwrap()
    }

    #[test]
    fn undo_restores_the_backup_and_moves_the_generations_up() {
        let d = Dir::new();
        let [l, b1, b2, b3] = ["当前", "上一版", "上上版", "最早"].map(ledger_bytes);
        let path = d.with(&[&l, &b1, &b2, &b3]);
        let out = undo(&path).unwrap();
        assert_eq!(read(&path), b1);
        assert_eq!(read(&backup_generation(&path, 1)), b2);
        assert_eq!(read(&backup_generation(&path, 2)), b3);
        assert!(!backup_generation(&path, 3).exists());
        assert_eq!(out.undone.as_deref(), Some(undone_path(&path).as_path()));
        assert_eq!(read(&undone_path(&path)), l);
        assert_eq!(out.remaining, 2);
        assert!(out.backup_time.is_some());
        assert_eq!(out.warning, None);
        let message = out.message();
        assert!(message.contains("已撤销上次合并"), "{message}");
        assert!(message.contains("台账.xlsx.undone"), "{message}");
        assert!(message.contains("还可以再撤销 2 次"), "{message}");
        assert!(!path.with_file_name("台账.xlsx.lock").exists());
        assert_eq!(
            d.names(),
            [
                "台账.xlsx",
                "台账.xlsx.bak",
                "台账.xlsx.bak2",
                "台账.xlsx.undone"
            ]
        );
    }

    #[test]
    fn two_undos_in_a_row_go_two_merges_back_and_keep_the_last_undone() {
        let d = Dir::new();
        let [l, b1, b2] = ["当前", "上一版", "上上版"].map(ledger_bytes);
        let path = d.with(&[&l, &b1, &b2]);
        undo(&path).unwrap();
        let second = undo(&path).unwrap();
        assert_eq!(read(&path), b2);
        assert_eq!(
            read(&undone_path(&path)),
            b1,
            "the older .undone is replaced"
        );
        assert_eq!(second.remaining, 0);
        assert!(second.message().contains("已没有更早的备份"));
        assert_eq!(d.names(), ["台账.xlsx", "台账.xlsx.undone"]);
        // A third has nothing left to go back to.
        let err = undo(&path).unwrap_err();
        assert!(matches!(err, LedgerError::Refused(_)), "{err:?}");
        assert_eq!(read(&path), b2);
    }

    #[test]
    fn without_a_backup_undo_is_refused_and_nothing_changes() {
        let d = Dir::new();
        let l = ledger_bytes("当前");
        let path = d.with(&[&l]);
        let err = undo(&path).unwrap_err();
        let text = err.to_string();
        assert!(matches!(err, LedgerError::Refused(_)), "{err:?}");
        assert!(
            text.contains("无法撤销") && text.contains("台账.xlsx.bak"),
            "{text}"
        );
        assert!(text.contains("未作任何改动"), "{text}");
        assert_eq!(read(&path), l);
        assert_eq!(d.names(), ["台账.xlsx"]);
        assert_eq!(last_backup(&path), None);
    }

    #[test]
    fn an_open_ledger_is_refused_as_merge_refuses_it() {
        let d = Dir::new();
        let [l, b1] = ["当前", "上一版"].map(ledger_bytes);
        let path = d.with(&[&l, &b1]);
        let lock = path.with_file_name("~$台账.xlsx");
        std::fs::write(&lock, b"").unwrap();
        let err = undo(&path).unwrap_err();
        assert!(matches!(err, LedgerError::InUse(_)), "{err:?}");
        assert_eq!(
            err.to_string(),
            crate::say::safety::ledger_open(&path, &lock)
        );
        assert_eq!(read(&path), l);
        assert_eq!(read(&backup_path(&path)), b1);
        assert!(!undone_path(&path).exists());
    }

    #[test]
    fn a_running_merge_holds_the_lock_and_undo_waits_for_it() {
        let d = Dir::new();
        let [l, b1] = ["当前", "上一版"].map(ledger_bytes);
        let path = d.with(&[&l, &b1]);
        let merge = Lock::take(&path).unwrap();
        let err = undo(&path).unwrap_err();
        assert!(matches!(err, LedgerError::Locked(_)), "{err:?}");
        assert_eq!(read(&path), l);
        drop(merge);
        undo(&path).unwrap();
        assert_eq!(read(&path), b1);
    }

    #[test]
    fn an_unreadable_backup_is_refused_and_nothing_changes() {
        let d = Dir::new();
        let [l, b2] = ["当前", "上上版"].map(ledger_bytes);
        let path = d.with(&[&l, b"half a workbook", &b2]);
        let err = undo(&path).unwrap_err();
        let text = err.to_string();
        assert!(matches!(err, LedgerError::Refused(_)), "{err:?}");
        assert!(text.contains("不是可以读取的台账"), "{text}");
        assert!(text.contains("台账.xlsx.bak"), "{text}");
        assert_eq!(read(&path), l);
        assert_eq!(read(&backup_path(&path)), b"half a workbook");
        assert_eq!(read(&backup_generation(&path, 2)), b2);
        assert_eq!(d.names(), ["台账.xlsx", "台账.xlsx.bak", "台账.xlsx.bak2"]);
    }

    #[test]
    fn a_workbook_that_is_no_ledger_is_refused_too() {
        let d = Dir::new();
        let l = ledger_bytes("当前");
        let mut book = rust_xlsxwriter::Workbook::new();
        book.add_worksheet();
        let other = book.save_to_buffer().unwrap();
        let path = d.with(&[&l, &other]);
        let err = undo(&path).unwrap_err();
        assert!(matches!(err, LedgerError::Refused(_)), "{err:?}");
        assert!(err.to_string().contains("项目台账"), "{err}");
        assert_eq!(read(&path), l);
    }

    #[test]
    fn when_the_undone_copy_cannot_be_written_nothing_changes() {
        let d = Dir::new();
        let [l, b1] = ["当前", "上一版"].map(ledger_bytes);
        let path = d.with(&[&l, &b1]);
        std::fs::create_dir(undone_path(&path)).unwrap();
        let err = undo(&path).unwrap_err();
        let text = err.to_string();
        assert!(matches!(err, LedgerError::Refused(_)), "{err:?}");
        assert!(text.starts_with("无法撤销：无法写入"), "{text}");
        assert!(text.ends_with("未作任何改动"), "{text}");
        assert_eq!(read(&path), l);
        assert_eq!(read(&backup_path(&path)), b1);
        assert_eq!(
            d.names(),
            ["台账.xlsx", "台账.xlsx.bak", "台账.xlsx.undone"]
        );
    }

    #[test]
    fn a_ledger_gone_while_its_backup_is_there_comes_back() {
        let d = Dir::new();
        let b1 = ledger_bytes("上一版");
        let path = d.ledger();
        std::fs::write(backup_path(&path), &b1).unwrap();
        let out = undo(&path).unwrap();
        assert_eq!(read(&path), b1);
        assert_eq!(out.undone, None);
        assert_eq!(out.remaining, 0);
        assert_eq!(d.names(), ["台账.xlsx"]);
    }

    #[test]
    fn the_last_backup_is_told_with_its_time_and_generations() {
        let d = Dir::new();
        let [l, b1, b2] = ["当前", "上一版", "上上版"].map(ledger_bytes);
        let path = d.with(&[&l, &b1, &b2]);
        let last = last_backup(&path).unwrap();
        assert_eq!(last.path, backup_path(&path));
        assert_eq!(last.generations, 2);
        assert!(last.time.is_some());
    }

    #[test]
    fn a_merge_after_an_undo_backs_up_the_restored_ledger() {
        let d = Dir::new();
        let [l, b1] = ["当前", "上一版"].map(ledger_bytes);
        let path = d.with(&[&l, &b1]);
        undo(&path).unwrap();
        let again = ledger_bytes("再合并");
        super::super::store::save_bytes_with(&path, &again, || Ok(())).unwrap();
        assert_eq!(read(&path), again);
        assert_eq!(read(&backup_path(&path)), b1);
    }
}
