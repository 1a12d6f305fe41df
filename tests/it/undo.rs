//! `taizhang undo`: the ledger back to the version before the last merge, end to end on the
//! samples, and its refusals (no backup, the ledger open in Excel) with exit code 2.

use std::path::Path;
use std::process::Output;

use crate::common::*;

const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/samples");

/// Runs the binary in `dir` (as a clerk in a terminal there).
fn run_in(dir: &Path, args: &[&str]) -> Output {
    taizhang().current_dir(dir).args(args).output().unwrap()
}

fn merge(dir: &Path, month: &str) {
    let inbox = format!("{SAMPLES}/inbox/{month}");
    let policy = format!("{SAMPLES}/taizhang.toml");
    let out = run_in(
        dir,
        &[
            "merge",
            &inbox,
            "--ledger",
            "台账.xlsx",
            "--policy",
            &policy,
            "-q",
        ],
    );
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn text(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
}

#[test]
fn undo_after_two_merges_gives_back_the_ledger_of_the_first() {
    let dir = tmp();
    let d = dir.path();
    let ledger = at(d, "台账.xlsx");
    merge(d, "2018-03-立项");
    let first = std::fs::read(&ledger).unwrap();
    merge(d, "2018-04");
    let second = std::fs::read(&ledger).unwrap();
    assert_ne!(first, second);

    // The default ledger is 台账.xlsx in the current folder.
    let out = run_in(d, &["undo"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.contains("已撤销上次合并"), "{stdout}");
    assert!(stdout.contains("台账.xlsx.undone"), "{stdout}");
    // The first merge created the ledger: there is nothing before it to go back to.
    assert!(stdout.contains("已没有更早的备份"), "{stdout}");
    assert_eq!(std::fs::read(&ledger).unwrap(), first);
    assert_eq!(std::fs::read(at(d, "台账.xlsx.undone")).unwrap(), second);
    assert!(!at(d, "台账.xlsx.bak").exists());
    let again = run_in(d, &["undo"]);
    assert_eq!(again.status.code(), Some(2), "{}", text(&again));
    assert_eq!(std::fs::read(&ledger).unwrap(), first);

    // The restored ledger is one a merge goes on from, and is backed up by it.
    merge(d, "2018-04");
    let status = run_in(
        d,
        &[
            "status",
            "--ledger",
            "台账.xlsx",
            "--as-of",
            "2018-04-30",
            "--out",
            "s.xlsx",
        ],
    );
    assert_eq!(status.status.code(), Some(0), "{}", text(&status));
    assert_eq!(std::fs::read(at(d, "台账.xlsx.bak")).unwrap(), first);
}

#[test]
fn undo_without_a_backup_or_with_the_ledger_open_exits_2_and_changes_nothing() {
    let dir = tmp();
    let d = dir.path();
    let ledger = at(d, "台账.xlsx");
    merge(d, "2018-03-立项");
    let first = std::fs::read(&ledger).unwrap();

    let out = run_in(d, &["undo", "--ledger", "台账.xlsx"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("无法撤销"), "{}", text(&out));
    assert_eq!(std::fs::read(&ledger).unwrap(), first);

    merge(d, "2018-04");
    let second = std::fs::read(&ledger).unwrap();
    std::fs::write(at(d, "~$台账.xlsx"), b"").unwrap();
    let out = run_in(d, &["undo", "--ledger", "台账.xlsx"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        text(&out).contains("正在被 Excel/WPS 打开"),
        "{}",
        text(&out)
    );
    assert_eq!(std::fs::read(&ledger).unwrap(), second);
    assert!(!at(d, "台账.xlsx.undone").exists());
}
