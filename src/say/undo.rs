//! What taizhang says when it undoes the last merge (`taizhang undo`, the page's 撤销上次合并):
//! what was restored, where the undone version is kept, and why an undo was refused.

use std::fmt::Display;
use std::path::Path;

use chrono::NaiveDateTime;

/// The file name the undone ledger is kept under, after the ledger's own: `台账.xlsx.undone`.
pub const UNDONE_SUFFIX: &str = ".undone";

/// A backup's time as the clerk reads it: `2018-05-03 14:20`.
pub fn backup_time(time: Option<NaiveDateTime>) -> String {
    match time {
        Some(t) => t.format("%Y-%m-%d %H:%M").to_string(),
        None => "（时间不明）".to_owned(),
    }
}

/// No `.bak` beside the ledger: nothing to go back to.
pub fn no_backup(ledger: &Path, backup: &Path) -> String {
    format!(
        "无法撤销：台账“{}”旁边没有备份“{}”（还没有合并过，或之前的版本已全部撤销）；台账未作任何改动",
        ledger.display(),
        backup.display()
    )
}

/// The backup is no ledger taizhang can read: putting it in place would lose a good one.
pub fn backup_unreadable(ledger: &Path, backup: &Path, reason: impl Display) -> String {
    format!(
        "无法撤销：备份“{}”不是可以读取的台账（{reason}）；台账“{}”未作任何改动",
        backup.display(),
        ledger.display()
    )
}

/// Keeping the current ledger as `.undone`, or putting the backup in place, failed.
pub fn undo_failed(ledger: &Path, reason: impl Display) -> String {
    format!("无法撤销：{reason}；台账“{}”未作任何改动", ledger.display())
}

/// The ledger is restored but an older backup could not move up one generation.
pub fn generations_not_moved(from: &Path, to: &Path, reason: impl Display) -> String {
    format!(
        "提醒：台账已恢复，但无法把“{}”改名为“{}”：{reason}。如需再撤销一次，请手动改名",
        from.display(),
        to.display()
    )
}

/// What an undo did, in one line: the version restored (by its backup's time), where the undone
/// version is kept, and how many more times the clerk can undo.
pub fn undone(
    ledger: &Path,
    time: Option<NaiveDateTime>,
    undone: Option<&Path>,
    remaining: usize,
) -> String {
    let kept = match undone {
        Some(u) => format!(
            "撤销前的台账保存为“{}”（如撤销有误，可把它改名回来）",
            u.display()
        ),
        None => "撤销前没有台账文件".to_owned(),
    };
    let more = if remaining > 0 {
        format!("还可以再撤销 {remaining} 次")
    } else {
        "已没有更早的备份".to_owned()
    };
    format!(
        "已撤销上次合并：台账“{}”恢复为 {} 备份的版本；{kept}；{more}",
        ledger.display(),
        backup_time(time)
    )
}

/// The page's confirm() question before an undo.
pub fn confirm(time: Option<NaiveDateTime>, undone: &Path) -> String {
    format!(
        "撤销上次合并？台账将恢复为 {} 备份的版本（即上次合并之前的台账）。撤销前的台账会另存为“{}”。",
        backup_time(time),
        undone.display()
    )
}

/// The page's note beside the button: which backup an undo would restore.
pub fn available(time: Option<NaiveDateTime>, generations: usize) -> String {
    format!(
        "可以撤销上次合并：恢复为 {} 备份的台账（共保留 {generations} 个备份）",
        backup_time(time)
    )
}

/// The page asked to restore the backup of `expected`, but the backup is another by now (a merge
/// or an undo happened meanwhile).
pub fn backup_changed(expected: &str) -> String {
    format!(
        "台账的备份已经变了（页面显示的是 {expected} 的备份，期间又有合并或撤销）；台账未作任何改动，请重新确认后再撤销"
    )
}
