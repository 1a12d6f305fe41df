//! Approval (SPEC §10) through the binary: merge gives 待审核, `approve` decides, only approved
//! projects are chased, merge never overrides the decision, refusals change nothing.

use std::path::Path;

use crate::common::*;
use calamine::{Data, Reader, Xlsx};

fn proposal(dir: &Path, file: &str, unit: &'static str, name: &'static str) {
    let pairs = with(
        with(good_proposal(), "申报单位", Some(V::T(unit))),
        "项目名称",
        Some(V::T(name)),
    );
    write_book(
        &at(dir, file),
        &[sheet(
            "立项书",
            rows("2018年度基层党建创新项目立项书", &pairs),
        )],
    );
}

/// 项目台账 as (ID, 审核状态, 状态, 审核意见) rows.
fn states(ledger: &Path) -> Vec<[String; 4]> {
    let mut book: Xlsx<_> = calamine::open_workbook(ledger).unwrap();
    let range = book.worksheet_range("项目台账").unwrap();
    let mut rows = range.rows();
    let header: Vec<String> = rows.next().unwrap().iter().map(Data::to_string).collect();
    let col = |h: &str| header.iter().position(|x| x == h).unwrap();
    let cols = [
        col("项目编号"),
        col("审核状态"),
        col("状态"),
        col("审核意见"),
    ];
    rows.map(|r| cols.map(|c| r.get(c).map(Data::to_string).unwrap_or_default()))
        .collect()
}

fn run(args: &[&str], ledger: &Path) -> (i32, String) {
    let out = taizhang()
        .args(args)
        .arg("--ledger")
        .arg(ledger)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn proposals_wait_for_approval_and_only_approved_ones_are_chased() {
    let dir = tmp();
    let inbox = at(dir.path(), "立项");
    std::fs::create_dir_all(&inbox).unwrap();
    proposal(&inbox, "a.xlsx", "田家庵区委", "社区党建一");
    proposal(&inbox, "b.xlsx", "大通区委", "社区党建二");
    proposal(&inbox, "c.xlsx", "潘集区委", "社区党建三");
    let ledger = at(dir.path(), "台账.xlsx");
    let (code, text) = run(&["merge", inbox.to_str().unwrap()], &ledger);
    assert_eq!(code, 0, "{text}");
    let s = states(&ledger);
    assert!(
        s.iter().all(|r| r[1] == "待审核" && r[2] == "待审核"),
        "{s:?}"
    );
    // The ledger offers the four words as a drop-down.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&ledger).unwrap()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
        &mut xml,
    )
    .unwrap();
    assert!(
        xml.contains("待审核,已批复,不予立项,退回修改"),
        "no drop-down"
    );

    let (code, text) = run(&["approve", "2018-001", "2018-002"], &ledger);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("已将 2 个项目的审核状态设为“已批复”"),
        "{text}"
    );
    let (code, text) = run(
        &[
            "approve",
            "2018-003",
            "--as",
            "退回修改",
            "--note",
            "请补充经费预算",
        ],
        &ledger,
    );
    assert_eq!(code, 0, "{text}");
    let s = states(&ledger);
    assert_eq!(s[0][1], "已批复");
    assert_eq!(s[0][2], "已立项");
    assert_eq!(
        s[2],
        ["2018-003", "退回修改", "退回修改", "请补充经费预算"].map(String::from)
    );

    // Unknown IDs, a wrong word, an open ledger: exit 2, nothing changed.
    let before = std::fs::read(&ledger).unwrap();
    let (code, text) = run(&["approve", "2018-009"], &ledger);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("2018-009"), "{text}");
    let (code, _) = run(&["approve", "2018-001", "--as", "批了"], &ledger);
    assert_eq!(code, 2);
    std::fs::write(at(dir.path(), "~$台账.xlsx"), b"lock").unwrap();
    let (code, text) = run(&["approve", "--all"], &ledger);
    assert_eq!(code, 2, "{text}");
    std::fs::remove_file(at(dir.path(), "~$台账.xlsx")).unwrap();
    assert_eq!(std::fs::read(&ledger).unwrap(), before);

    // A new version of an approved proposal keeps the decision.
    let again = at(dir.path(), "再报");
    std::fs::create_dir_all(&again).unwrap();
    let pairs = with(
        with(
            with(good_proposal(), "申报单位", Some(V::T("田家庵区委"))),
            "项目名称",
            Some(V::T("社区党建一")),
        ),
        "工作目标",
        Some(V::T("新的工作目标：覆盖全部社区")),
    );
    write_book(
        &at(&again, "a2.xlsx"),
        &[sheet(
            "立项书",
            rows("2018年度基层党建创新项目立项书", &pairs),
        )],
    );
    let (code, text) = run(&["merge", again.to_str().unwrap()], &ledger);
    assert_eq!(code, 0, "{text}");
    assert_eq!(states(&ledger)[0][1], "已批复");

    // Only the two approved projects are in the month's status.
    let out = at(dir.path(), "汇总.xlsx");
    let status = taizhang()
        .args(["status", "--as-of", "2018-06-30", "--ledger"])
        .arg(&ledger)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(status.status.code(), Some(0));
    let mut book: Xlsx<_> = calamine::open_workbook(&out).unwrap();
    let names: Vec<String> = book
        .worksheet_range("进度总览")
        .unwrap()
        .rows()
        .flatten()
        .map(Data::to_string)
        .collect();
    assert!(names.iter().any(|c| c.contains("社区党建一")));
    assert!(!names.iter().any(|c| c.contains("社区党建三")), "{names:?}");

    // Each decision is in 变更记录.
    let mut book: Xlsx<_> = calamine::open_workbook(&ledger).unwrap();
    let changes: Vec<String> = book
        .worksheet_range("变更记录")
        .unwrap()
        .rows()
        .flatten()
        .map(Data::to_string)
        .collect();
    assert_eq!(
        changes.iter().filter(|c| *c == "审核状态").count(),
        3,
        "{changes:?}"
    );
}
