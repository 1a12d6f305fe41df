//! Files holding several forms (SPEC §3.5) end to end through the binary: every entry in the
//! JSON, the return list and the unit's letter; merge takes the good records and returns the bad.

use std::path::Path;

use crate::common::*;

const LIST: &str = "samples/inbox/2018-05-多表/淮南市毛集实验区党工委-项目一览表.xlsx";
const POLICY: &[&str] = &["--policy", "samples/taizhang.toml"];

#[test]
fn a_table_of_proposals_is_one_entry_per_row_in_json_report_and_letter() {
    let dir = tmp();
    let report = at(dir.path(), "校验报告.xlsx");
    let replies = at(dir.path(), "回复");
    let out = taizhang()
        .arg("check")
        .arg(LIST)
        .args(POLICY)
        .args(["--format", "json", "--report"])
        .arg(&report)
        .arg("--replies")
        .arg(&replies)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let files = json["files"].as_array().unwrap();
    let paths: Vec<&str> = files.iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(
        paths,
        [
            format!("{LIST} › 一览表 第5行"),
            format!("{LIST} › 一览表 第6行"),
            format!("{LIST} › 一览表 第7行"),
        ]
    );
    assert_eq!(json["summary"]["files"], 3);
    assert_eq!(json["summary"]["with_errors"], 1);
    assert_eq!(files[0]["record"]["unit"], "淮南市毛集实验区党工委");
    assert_eq!(files[0]["record"]["owner"], "韩梅");
    assert_eq!(files[1]["problems"][0]["cell"], "一览表!E6");
    // The return list names the entry; the unit's letter returns it and names the others as received.
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&report).unwrap();
    let mut listed = String::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        for cell in range.used_cells() {
            listed.push_str(&cell.2.to_string());
            listed.push('\n');
        }
    }
    assert!(listed.contains("一览表 第6行"), "{listed}");
    let letters: String = std::fs::read_dir(&replies)
        .unwrap()
        .map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect();
    let entry = |row: u32| format!("《淮南市毛集实验区党工委-项目一览表.xlsx › 一览表 第{row}行》");
    assert!(letters.contains(&format!("一、{}", entry(6))), "{letters}");
    assert!(letters.contains(&format!("· {}", entry(5))), "{letters}");
    assert!(letters.contains(&format!("· {}", entry(7))), "{letters}");
}

#[test]
fn merge_takes_the_good_rows_returns_the_bad_one_and_a_second_merge_changes_nothing() {
    let dir = tmp();
    let ledger = at(dir.path(), "台账.xlsx");
    let merge = || {
        taizhang()
            .arg("merge")
            .arg(LIST)
            .args(POLICY)
            .arg("--ledger")
            .arg(&ledger)
            .output()
            .unwrap()
    };
    let first = merge();
    assert_eq!(first.status.code(), Some(1), "one row is returned");
    let l = taizhang::ledger::Ledger::read(Path::new(&ledger)).unwrap();
    assert_eq!(l.projects.rows.len(), 2);
    assert_eq!(l.sources.rows.len(), 1, "the file is recorded once");
    let again = merge();
    let text = String::from_utf8_lossy(&again.stdout);
    assert!(text.contains("已合并过 2 个"), "{text}");
    let l2 = taizhang::ledger::Ledger::read(Path::new(&ledger)).unwrap();
    assert_eq!(l.projects, l2.projects);
    assert_eq!(l.sources, l2.sources);
}
