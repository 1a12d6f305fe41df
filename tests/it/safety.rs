//! The ledger's safety (issue 15): deleted rows named, an open ledger refused, backups in three
//! generations, a missing ledger with its backup refused, wrong formats and a full disk said in
//! Chinese, and a merge killed at any moment leaving the old or the new ledger.

use std::path::{Path, PathBuf};

use crate::common::*;
use taizhang::ledger::Ledger;
use taizhang::model::{Column, Value};

/// Runs `merge`; exit code and stdout + stderr.
fn merge(paths: &[&Path], ledger: &Path) -> (i32, String) {
    let mut cmd = taizhang();
    cmd.arg("merge");
    for p in paths {
        cmd.arg(p);
    }
    cmd.arg("--ledger")
        .arg(ledger)
        .args(["--policy", "samples/taizhang.toml", "--quiet"]);
    let out = cmd.output().unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

const MARCH: &str = "samples/inbox/2018-03-立项";

/// A ledger from the March proposals, and its bytes.
fn march_ledger(dir: &Path) -> (PathBuf, Vec<u8>) {
    let ledger = at(dir, "台账.xlsx");
    merge(&[Path::new(MARCH)], &ledger);
    let bytes = std::fs::read(&ledger).unwrap();
    (ledger, bytes)
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_deleted_project_row_is_named_and_its_reports_are_kept_not_blamed_on_the_unit() {
    let dir = tmp();
    let d = dir.path();
    let ledger = at(d, "台账.xlsx");
    let inbox = at(d, "inbox");
    std::fs::create_dir(&inbox).unwrap();
    let proposal = at(&inbox, "0.xlsx");
    write_book(
        &proposal,
        &[sheet("立项书", rows("立项书", &good_proposal()))],
    );
    let may = good_progress();
    write_book(
        &at(&inbox, "1.xlsx"),
        &[sheet("进度报告", rows("进度报告", &may))],
    );
    let (code, text) = merge(&[&inbox], &ledger);
    assert_eq!(code, 0, "{text}");
    // The clerk deletes the project's row, and leaves an ID-less row behind.
    let mut l = Ledger::read(&ledger).unwrap();
    l.projects.rows.clear();
    let r = l.projects.push_row();
    l.projects.set(r, Column::Name, Value::text("随手记的一行"));
    l.projects.set(r, Column::Unit, Value::text("田家庵区委"));
    l.save(&ledger).unwrap();

    let june = at(d, "june.xlsx");
    let june_form = with(may, "报告期", Some(V::T("2018-06")));
    write_book(&june, &[sheet("进度报告", rows("进度报告", &june_form))]);
    let (code, text) = merge(&[&june], &ledger);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("E_NO_PROJECT"), "{text}");
    assert!(text.contains("已从台账“项目台账”中删除"), "{text}");
    assert!(!text.contains("请核对项目名称与立项书是否一致"), "{text}");
    assert!(text.contains("提醒：项目 2018-001（红色网格党建引领基层治理工程）已从“项目台账”中删除，暂按撤销处理；其 1 条进度记录仍保留"), "{text}");
    assert!(text.contains("台账.xlsx.bak"), "names the backup: {text}");

    let (_, text) = merge(&[&proposal], &ledger);
    assert!(
        text.contains("已合并过（项目 2018-001 已从项目台账中删除）"),
        "{text}"
    );
    let l = Ledger::read(&ledger).unwrap();
    assert_eq!(l.reports.rows.len(), 1, "its reports are kept");
    assert_eq!(l.projects.rows.len(), 1, "no project was re-created");
    assert_eq!(l.project_rows().count(), 0, "the ID-less row is no project");
    let count = |t: &taizhang::ledger::Table| -> f64 {
        (0..t.rows.len())
            .filter_map(|r| t.get(r, Column::ProjectCount).number())
            .sum()
    };
    assert_eq!(count(&l.units), 0.0, "单位汇总 counts no project");
    assert!(l.projects.get(0, Column::Status).is_empty());

    // A changed proposal for the deleted project gets no new ID.
    let changed = with(good_proposal(), "责任人", Some(V::T("王强")));
    let again = at(d, "again.xlsx");
    write_book(&again, &[sheet("立项书", rows("立项书", &changed))]);
    let (code, text) = merge(&[&again], &ledger);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("暂按撤销处理，本立项书未合并"), "{text}");
    assert_eq!(Ledger::read(&ledger).unwrap().project_rows().count(), 0);
}

#[test]
fn an_office_lock_file_stops_the_merge_and_the_ledger_is_unchanged() {
    let dir = tmp();
    let d = dir.path();
    let (ledger, before) = march_ledger(d);
    for lock in ["~$台账.xlsx", ".~lock.台账.xlsx#"] {
        std::fs::write(at(d, lock), b"clerk").unwrap();
        let (code, text) = merge(&[Path::new("samples/inbox/2018-04")], &ledger);
        assert_eq!(code, 2, "{text}");
        assert!(
            text.contains("台账正在被 Excel/WPS 打开，请先保存并关闭"),
            "{text}"
        );
        assert!(text.contains(lock), "names the lock file: {text}");
        assert_eq!(std::fs::read(&ledger).unwrap(), before);
        std::fs::remove_file(at(d, lock)).unwrap();
    }
}

#[test]
fn backups_keep_three_generations_and_a_missing_ledger_with_a_backup_is_refused() {
    let dir = tmp();
    let d = dir.path();
    let ledger = at(d, "台账.xlsx");
    let mut months: Vec<_> = std::fs::read_dir("samples/inbox")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    months.sort();
    let mut versions = Vec::new();
    for month in months.iter().take(5) {
        merge(&[month], &ledger);
        versions.push(std::fs::read(&ledger).unwrap());
    }
    assert_eq!(std::fs::read(at(d, "台账.xlsx.bak")).unwrap(), versions[3]);
    assert_eq!(std::fs::read(at(d, "台账.xlsx.bak2")).unwrap(), versions[2]);
    assert_eq!(std::fs::read(at(d, "台账.xlsx.bak3")).unwrap(), versions[1]);
    assert!(!at(d, "台账.xlsx.bak4").exists());

    std::fs::remove_file(&ledger).unwrap();
    let (code, text) = merge(&[&months[5]], &ledger);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("台账不见了，备份还在"), "{text}");
    assert!(text.contains("请先恢复"), "{text}");
    assert!(!ledger.exists(), "no fresh empty ledger");
}

#[test]
fn an_unreadable_ledger_names_a_backup_only_when_there_is_one_and_no_internals() {
    let dir = tmp();
    let ledger = at(dir.path(), "台账.xlsx");
    std::fs::write(&ledger, b"PK\x03\x04 not really a zip").unwrap();
    let (code, text) = merge(&[Path::new(MARCH)], &ledger);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("无法读取"), "{text}");
    assert!(!text.contains(".bak"), "there is no backup: {text}");
    assert!(text.contains("不是完整的 xlsx 工作簿"), "{text}");
    assert!(!text.to_lowercase().contains("zip"), "{text}");
    std::fs::write(at(dir.path(), "台账.xlsx.bak"), b"old").unwrap();
    let (_, text) = merge(&[Path::new(MARCH)], &ledger);
    assert!(text.contains("可用备份文件"), "{text}");
}

#[test]
fn a_ledger_saved_as_xls_or_ods_is_named_so() {
    let dir = tmp();
    let d = dir.path();
    for name in ["台账.xls", "台账.ods"] {
        let (code, text) = merge(&[Path::new(MARCH)], &at(d, name));
        assert_eq!(code, 2, "{text}");
        assert!(text.contains("请在 Excel 中另存为 .xlsx"), "{text}");
        assert!(!at(d, name).exists());
    }
    let ledger = at(d, "台账.xlsx");
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(512, 0);
    std::fs::write(&ledger, &ole).unwrap();
    let (code, text) = merge(&[Path::new(MARCH)], &ledger);
    assert_eq!(code, 2, "{text}");
    assert!(
        text.contains("台账另存为了 .xls，请在 Excel 中另存为 .xlsx"),
        "{text}"
    );
    assert_eq!(std::fs::read(&ledger).unwrap(), ole);
}

#[cfg(unix)]
#[test]
fn a_merge_killed_at_any_moment_leaves_the_old_or_the_new_ledger() {
    use std::process::Command;
    let dir = tmp();
    let d = dir.path();
    let (ledger, before) = march_ledger(d);
    let bin = assert_cmd::cargo::cargo_bin("taizhang");
    for i in 0..8u64 {
        let mut child = Command::new(&bin)
            .args(["merge", "samples/inbox", "--quiet", "--ledger"])
            .arg(&ledger)
            .args(["--policy", "samples/taizhang.toml"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20 + i * 60));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        // Either the old ledger, byte for byte, or the new one, whole and readable.
        let now = std::fs::read(&ledger).unwrap();
        if now != before {
            assert!(
                Ledger::read(&ledger).is_ok(),
                "round {i}: a readable new ledger"
            );
        }
        // Restore the old ledger for the next round, as a clerk would from the backup.
        std::fs::write(&ledger, &before).unwrap();
        let _ = std::fs::remove_file(at(d, "台账.xlsx.lock"));
    }
    // Leave a killed merge's leftovers; the next merge cleans them up and succeeds.
    std::fs::write(at(d, ".taizhang-台账.xlsx-killed.tmp"), b"half").unwrap();
    std::fs::write(at(d, ".taizhang-台账.xlsx.bak-killed.tmp"), b"half").unwrap();
    let (code, text) = merge(&[Path::new("samples/inbox")], &ledger);
    assert!(code == 0 || code == 1, "{text}");
    assert!(Ledger::read(&ledger).is_ok());
    let left: Vec<String> = names_in(d)
        .into_iter()
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "temp files cleaned up: {left:?}");
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_said_in_chinese_and_the_ledger_survives() {
    let dir = tmp();
    let mnt = at(dir.path(), "小盘");
    std::fs::create_dir(&mnt).unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=600k", "tmpfs"])
        .arg(&mnt)
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        println!("跳过：无法挂载 tmpfs（需要 root 权限），未测试磁盘已满的情形");
        return;
    }
    let result = std::panic::catch_unwind(|| {
        let (ledger, before) = march_ledger(&mnt);
        // Fill the disk, leaving less than a ledger.
        let free = (600 * 1024usize).saturating_sub(2 * before.len() + 8 * 1024);
        let _ = std::fs::write(at(&mnt, "占位.bin"), vec![0u8; free]);
        let (code, text) = merge(&[Path::new("samples/inbox")], &ledger);
        assert_eq!(code, 2, "{text}");
        assert!(text.contains("磁盘空间不足"), "{text}");
        assert!(!text.contains("os error"), "{text}");
        assert_eq!(std::fs::read(&ledger).unwrap(), before);
        let left: Vec<String> = names_in(&mnt)
            .into_iter()
            .filter(|n| n.ends_with(".tmp"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    });
    let _ = std::process::Command::new("umount").arg(&mnt).status();
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
}
