//! What taizhang says when it protects the ledger: an office lock file beside it, a deleted
//! project row, a missing ledger with its backup, a workbook saved in the wrong format, and the
//! system's reasons (disk full, permission denied …) in words a clerk can act on.

use std::io;
use std::path::Path;

/// An office program holds the ledger open (its lock file `lock` is beside it): merging now
/// would write a file the clerk is about to save over.
pub fn ledger_open(ledger: &Path, lock: &Path) -> String {
    format!(
        "台账正在被 Excel/WPS 打开，请先保存并关闭（发现锁文件“{}”）；台账“{}”未作任何改动",
        lock.display(),
        ledger.display()
    )
}

/// The ledger is gone but its backup is there: creating a fresh, empty ledger would bury it.
pub fn ledger_missing_with_backup(ledger: &Path, backup: &Path) -> String {
    format!(
        "台账不见了，备份还在：找不到“{}”，但有备份“{}”。请先恢复（把备份复制一份并改名为“{}”），再合并",
        ledger.display(),
        backup.display(),
        ledger
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    )
}

/// The ledger path or contents are an older or other format (`.xls`, `.ods`).
pub fn ledger_wrong_format(ledger: &Path, format: &str) -> String {
    format!(
        "台账另存为了 {format}，请在 Excel 中另存为 .xlsx（文件类型选“Excel 工作簿”），再合并；台账“{}”未作任何改动",
        ledger.display()
    )
}

/// The hint after an unreadable ledger: the backup only when there is one.
pub fn restore_hint(backup: Option<&Path>) -> String {
    match backup {
        Some(b) => format!("可用备份文件 {} 恢复", b.display()),
        None => "没有可用的备份文件，请查找台账的其他副本".to_owned(),
    }
}

/// A workbook calamine or zip cannot open: their internals mean nothing to a clerk.
pub const NOT_A_WORKBOOK: &str =
    "文件不是完整的 xlsx 工作簿（可能已损坏、未保存完整或被改了扩展名）";

/// The system's reason for a failed file operation, in Chinese, for the kinds a clerk meets.
pub fn io_reason(e: &io::Error) -> String {
    // A library's error around the system's (zip writing into a full disk): say the inner one.
    if let Some(inner) = e.get_ref().and_then(|i| i.downcast_ref::<io::Error>()) {
        return io_reason(inner);
    }
    const ENOSPC: i32 = 28;
    const EROFS: i32 = 30;
    match e.kind() {
        io::ErrorKind::NotFound => "文件或文件夹不存在".to_owned(),
        io::ErrorKind::PermissionDenied => {
            "没有权限（文件可能是只读的，或被其他程序占用）".to_owned()
        }
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => DISK_FULL.to_owned(),
        io::ErrorKind::ReadOnlyFilesystem => "磁盘或共享文件夹是只读的，无法写入".to_owned(),
        io::ErrorKind::IsADirectory => "这是一个文件夹，不是文件".to_owned(),
        io::ErrorKind::ResourceBusy => "文件正被其他程序占用，请关闭后再试".to_owned(),
        _ => match e.raw_os_error() {
            Some(ENOSPC) => DISK_FULL.to_owned(),
            Some(EROFS) => "磁盘或共享文件夹是只读的，无法写入".to_owned(),
            // A message taizhang wrote itself (a backup step) is already Chinese.
            _ if e.raw_os_error().is_none() && e.kind() == io::ErrorKind::Other => e.to_string(),
            _ => format!("系统错误：{e}"),
        },
    }
}

/// Disk full, as the clerk reads it.
pub const DISK_FULL: &str = "磁盘空间不足，请清理磁盘（或换一个有空间的文件夹）后再试";

/// A replace that failed after the new file was finished: where the finished file was kept.
pub fn kept_new_file(kept: &Path) -> String {
    format!("新文件已另存为“{}”", kept.display())
}

/// The name a finished file is kept under when it cannot replace its target: `台账（新版本）.xlsx`.
pub fn kept_name(stem: &str, ext: Option<&str>) -> String {
    match ext {
        Some(ext) => format!("{stem}（未能替换的新版本）.{ext}"),
        None => format!("{stem}（未能替换的新版本）"),
    }
}

/// A backup could not be written: the old ledger is untouched.
pub fn backup_failed(backup: &Path, reason: &str) -> String {
    format!("无法备份到“{}”：{reason}", backup.display())
}

/// A project row the clerk deleted from 项目台账: named on every merge, with what to do.
pub fn deleted_project(id: &str, name: &str, reports: usize, backup: Option<&Path>) -> String {
    let kept = if reports > 0 {
        format!("其 {reports} 条进度记录仍保留在“进度记录”中；")
    } else {
        String::new()
    };
    let restore = match backup {
        Some(b) => format!(
            "如属误删，请从备份“{}”中把该行复制回“项目台账”",
            b.display()
        ),
        None => "如属误删，请把该行补回“项目台账”".to_owned(),
    };
    format!("提醒：项目 {id}（{name}）已从“项目台账”中删除，暂按撤销处理；{kept}{restore}")
}

/// A progress report for a project whose row was deleted from the ledger (code E_NO_PROJECT):
/// the unit is not to blame.
pub fn report_for_deleted(id: &str, name: &str) -> String {
    format!(
        "项目 {id}（{name}）已从台账“项目台账”中删除，本报告未合并；如属误删，请先从备份中恢复该行再合并"
    )
}

/// A proposal for a project whose row was deleted from the ledger (code E_NO_PROJECT): it is not
/// given a new ID, since IDs are never reused and the project counts as withdrawn.
pub fn proposal_for_deleted(id: &str, name: &str) -> String {
    format!(
        "项目 {id}（{name}）已从台账“项目台账”中删除，暂按撤销处理，本立项书未合并；如属误删，请先从备份中恢复该行再合并"
    )
}

/// A file merged before whose project has since been deleted from the ledger.
pub fn merged_before_deleted(id: &str) -> String {
    format!("（项目 {id} 已从项目台账中删除）")
}
