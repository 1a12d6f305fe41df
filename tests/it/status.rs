//! `taizhang status` and `taizhang export` end to end: forms → merge → ledger → status workbook /
//! CSV / JSON Lines, read back.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::common::*;
use calamine::{Data, Reader, Xlsx};

/// (unit, project name, phone, deadline, [(period, percent)]).
type Case = (
    &'static str,
    &'static str,
    &'static str,
    V,
    &'static [(&'static str, f64)],
);

const LAGGING: &str = "红色网格党建引领基层治理工程";
const MISSING: &str = "非公企业党建工作指导员管理机制";
const OVERDUE: &str = "离退休党员银发先锋管理服务";
const DONE: &str = "党员积分制管理实践创新研究";
const ON_TIME: &str = "=HYPERLINK(\"http://x\")党建品牌";

const CASES: &[Case] = &[
    // Expected at 2018-06-30 is 33 %: 10 % is more than 20 points behind.
    (
        "田家庵区委",
        LAGGING,
        "13805540001",
        V::T("2018年12月31日"),
        &[("2018年5月", 0.05), ("2018年6月", 0.10)],
    ),
    // On schedule in May, nothing for June.
    (
        "大通区委",
        MISSING,
        "13805540002",
        V::T("2018年12月31日"),
        &[("2018年5月", 0.30)],
    ),
    // Deadline 31 May, 80 % in June.
    (
        "潘集区委",
        OVERDUE,
        "13805540003",
        V::D(2018, 5, 31),
        &[("2018年6月", 0.80)],
    ),
    (
        "凤台县委",
        DONE,
        "13805540004",
        V::T("2018年12月31日"),
        &[("2018年6月", 1.0)],
    ),
    // On schedule (40 % against 33 %); its name starts like a formula.
    (
        "寿县县委",
        ON_TIME,
        "13805540005",
        V::T("2018年12月31日"),
        &[("2018年6月", 0.40)],
    ),
];

/// A policy listing the units (八公山区委 sends nothing).
fn policy(dir: &Path) -> PathBuf {
    let mut text = taizhang::policy::INNOVATION_TOML.to_owned();
    for (unit, contact) in [
        ("田家庵区委", "周敏"),
        ("大通区委", "孙磊"),
        ("潘集区委", "冯涛"),
        ("凤台县委", "陈芳"),
        ("寿县县委", "褚强"),
        ("八公山区委", "郑洋"),
    ] {
        text.push_str(&format!(
            "\n[[units]]\nname = \"{unit}\"\ntype = \"县区\"\ncontact = \"{contact}\"\n"
        ));
    }
    let path = at(dir, "taizhang.toml");
    std::fs::write(&path, text).unwrap();
    path
}

/// Writes the inbox, merges it, and returns (ledger, policy).
fn ledger(dir: &Path) -> (PathBuf, PathBuf) {
    let inbox = at(dir, "inbox");
    std::fs::create_dir(&inbox).unwrap();
    for (i, (unit, name, phone, deadline, reports)) in CASES.iter().enumerate() {
        let p = with(good_proposal(), "申报单位", Some(V::T(unit)));
        let p = with(p, "项目名称", Some(V::T(name)));
        let p = with(p, "联系电话", Some(V::T(phone)));
        let p = with(p, "完成时间", Some(deadline.clone()));
        let title = "2018年度基层党建创新项目立项书";
        write_book(
            &at(&inbox, &format!("{i}-立项书.xlsx")),
            &[sheet("立项书", rows(title, &p))],
        );
        for (j, (period, percent)) in reports.iter().enumerate() {
            let r = with(good_progress(), "申报单位", Some(V::T(unit)));
            let r = with(r, "项目名称", Some(V::T(name)));
            let r = with(r, "报告期", Some(V::T(period)));
            let r = with(r, "完成进度", Some(V::Pct(*percent)));
            write_book(
                &at(&inbox, &format!("{i}-进度报告-{j}.xlsx")),
                &[sheet("进度报告", rows("基层党建创新项目进度报告", &r))],
            );
        }
    }
    let policy = policy(dir);
    let ledger = at(dir, "台账.xlsx");
    let out = taizhang()
        .arg("merge")
        .arg(&inbox)
        .arg("--ledger")
        .arg(&ledger)
        .arg("--policy")
        .arg(&policy)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    approve_all(&ledger, Some(&policy));
    (ledger, policy)
}

/// Runs `status --as-of 2018-06-30` and returns (stdout, workbook path).
fn status(dir: &Path) -> (String, PathBuf) {
    let (ledger, policy) = ledger(dir);
    let book = at(dir, "汇总.xlsx");
    let out = taizhang()
        .args(["status", "--as-of", "2018-06-30", "--ledger"])
        .arg(&ledger)
        .arg("--policy")
        .arg(&policy)
        .arg("--out")
        .arg(&book)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (stdout, book)
}

/// A sheet as rows of header → text, with the header on `header_row`.
fn table(book: &Path, name: &str, header_row: usize) -> Vec<HashMap<String, String>> {
    let mut wb: Xlsx<_> = calamine::open_workbook(book).unwrap();
    let range = wb.worksheet_range(name).unwrap();
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Float(f) => taizhang::text::number_text(*f),
                    Data::DateTime(d) => d
                        .as_datetime()
                        .map(|t| t.date().to_string())
                        .unwrap_or_default(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect();
    let headers = rows[header_row].clone();
    rows[header_row + 1..]
        .iter()
        .map(|r| headers.iter().cloned().zip(r.iter().cloned()).collect())
        .collect()
}

#[test]
fn status_classifies_lagging_missing_overdue_and_done() {
    let dir = tmp();
    let (stdout, book) = status(dir.path());
    let rows = table(&book, "进度总览", 1);
    assert_eq!(rows.len(), CASES.len());
    let by = |name: &str| {
        rows.iter()
            .find(|r| r["项目名称"] == name)
            .unwrap_or_else(|| panic!("{name} in 进度总览"))
    };
    assert_eq!(by(LAGGING)["状态"], "滞后");
    assert_eq!(by(LAGGING)["实际进度"], "10");
    assert_eq!(by(MISSING)["状态"], "推进中");
    assert_eq!(by(MISSING)["报送情况"], "未报送");
    assert_eq!(by(MISSING)["最近报告期"], "2018-05");
    assert_eq!(by(OVERDUE)["状态"], "逾期");
    assert_eq!(by(OVERDUE)["完成时间"], "2018-05-31");
    assert_eq!(by(DONE)["状态"], "已完成");
    assert_eq!(by(ON_TIME)["状态"], "推进中");
    assert_eq!(by(ON_TIME)["报送情况"], "已报送");
    assert!(
        stdout.contains("截至 2018-06-30（应报 2018-06 进度报告）：共 5 个项目，推进中 2，滞后 1，逾期 1，已完成 1，已立项 0；未报送 1；督办 3 个"),
        "{stdout}"
    );
}

#[test]
fn chase_list_holds_exactly_the_projects_to_chase_with_phones() {
    let dir = tmp();
    let (_, book) = status(dir.path());
    let rows = table(&book, "督办清单", 1);
    let names: Vec<&str> = rows.iter().map(|r| r["项目名称"].as_str()).collect();
    // In the policy's unit order: 田家庵区委, 大通区委, 潘集区委.
    assert_eq!(names, vec![LAGGING, MISSING, OVERDUE]);
    assert_eq!(rows[0]["联系电话"], "13805540001");
    assert_eq!(rows[0]["单位联系人"], "周敏");
    assert_eq!(rows[0]["责任人"], "张伟");
    assert_eq!(rows[0]["督办事由"], "滞后：计划 33%，实际 10%");
    assert_eq!(rows[1]["联系电话"], "13805540002");
    assert_eq!(
        rows[1]["督办事由"],
        "未报送 2018-06 进度报告（最近一次为 2018-05）"
    );
    assert_eq!(rows[2]["联系电话"], "13805540003");
    assert_eq!(
        rows[2]["督办事由"],
        "逾期：完成时间 2018-05-31 已过，进度 80%"
    );
    let mut wb: Xlsx<_> = calamine::open_workbook(&book).unwrap();
    let title = wb.worksheet_range("督办清单").unwrap();
    assert!(
        title
            .get_value((0, 0))
            .unwrap()
            .to_string()
            .starts_with("2018年6月 基层党建创新项目督办清单"),
        "{:?}",
        title.get_value((0, 0))
    );
}

#[test]
fn status_workbook_has_its_sheets_units_and_a_chart() {
    let dir = tmp();
    let (_, book) = status(dir.path());
    let wb: Xlsx<_> = calamine::open_workbook(&book).unwrap();
    assert_eq!(
        wb.sheet_names(),
        // The sample year's finished projects sent no 佐证材料: they are asked for on a sheet.
        vec![
            "进度总览",
            "督办清单",
            "缺佐证材料",
            "单位汇总",
            "图表",
            "说明"
        ]
    );
    let units = table(&book, "单位汇总", 1);
    let by = |u: &str| units.iter().find(|r| r["申报单位"] == u).unwrap();
    assert_eq!(by("八公山区委")["项目数"], "0", "units that sent nothing");
    assert_eq!(by("八公山区委")["是否符合"], "未申报项目");
    assert_eq!(by("田家庵区委")["滞后"], "1");
    assert_eq!(by("大通区委")["未报送"], "1");
    assert_eq!(by("田家庵区委")["是否符合"], "不符合：少于 2 个");
    assert_eq!(units.last().unwrap()["申报单位"], "合计");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&book).unwrap()).unwrap();
    let mut chart = String::new();
    zip.by_name("xl/charts/chart1.xml")
        .unwrap()
        .read_to_string(&mut chart)
        .unwrap();
    assert!(chart.contains("<c:grouping val=\"stacked\"/>"), "stacked");
    assert_eq!(chart.matches("<c:ser>").count(), 5, "one series per status");
    assert!(chart.contains("各单位项目状态"));
}

#[test]
fn status_without_a_ledger_or_with_a_bad_date_fails_with_2() {
    let dir = tmp();
    let out = taizhang()
        .args(["status", "--ledger"])
        .arg(at(dir.path(), "无.xlsx"))
        .arg("--out")
        .arg(at(dir.path(), "o.xlsx"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("找不到台账"));
    assert!(!at(dir.path(), "o.xlsx").exists());
    let out = taizhang()
        .args(["status", "--ledger", "x.xlsx", "--out", "o.xlsx"])
        .args(["--as-of", "六月底"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("2018-06-30"));
}

#[test]
fn export_csv_has_bom_header_and_defused_formulas() {
    let dir = tmp();
    let (ledger, _) = ledger(dir.path());
    let out = taizhang()
        .args(["export", "--format", "csv", "--ledger"])
        .arg(&ledger)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let bytes = out.stdout;
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "UTF-8 BOM");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert!(
        lines[0].starts_with("项目编号,年度,申报单位,"),
        "{}",
        lines[0]
    );
    assert!(lines[0].contains("最新进度"));
    assert_eq!(lines.len(), 1 + CASES.len(), "{text}");
    // Quotes doubled inside a quoted field, and a leading ' against formula injection.
    assert!(
        text.contains(",\"'=HYPERLINK(\"\"http://x\"\")党建品牌\","),
        "{text}"
    );
    assert!(!text.contains(",=HYPERLINK"));
    // --out writes the same bytes.
    let file = at(dir.path(), "项目.csv");
    taizhang()
        .args(["export", "--format", "csv", "--ledger"])
        .arg(&ledger)
        .arg("--out")
        .arg(&file)
        .assert()
        .success();
    assert_eq!(std::fs::read(&file).unwrap(), bytes);
}

#[test]
fn export_jsonl_parses_line_by_line_with_the_record_keys() {
    let dir = tmp();
    let (ledger, _) = ledger(dir.path());
    let out = taizhang()
        .args(["export", "--format", "jsonl", "--ledger"])
        .arg(&ledger)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), CASES.len());
    let keys = [
        "unit",
        "name",
        "category",
        "topic",
        "scope",
        "goals",
        "measures",
        "start",
        "deadline",
        "deliverables",
        "owner_unit",
        "owner",
        "owner_title",
        "members",
        "phone",
        "budget",
        "submitted",
        "project_id",
        "status",
        "percent",
        "period",
        "version",
    ];
    for line in &lines {
        for k in keys {
            assert!(line.get(k).is_some(), "{k} missing in {line}");
        }
    }
    let first = &lines[0];
    assert_eq!(first["project_id"], "2018-001");
    assert_eq!(first["name"], LAGGING);
    assert_eq!(
        first["members"],
        serde_json::json!(["张伟", "李娜", "王强", "赵敏"])
    );
    assert_eq!(first["start"], "2018-04-01");
    assert_eq!(first["deadline"], "2018-12-31");
    assert_eq!(first["topic"], 18);
    assert_eq!(first["budget"], 5.0);
    assert_eq!(first["percent"], 10.0);
    assert_eq!(first["period"], "2018-06");
    assert_eq!(first["version"], 1);
    assert_eq!(first["phone"], "13805540001");
    assert_eq!(lines[4]["name"], ON_TIME, "JSON keeps the text as it is");
}

#[test]
fn export_without_a_ledger_fails_with_2() {
    let dir = tmp();
    let out = taizhang()
        .args(["export", "--format", "jsonl", "--ledger"])
        .arg(at(dir.path(), "无.xlsx"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// `soffice` on the PATH; without it the LibreOffice check is skipped, unless
/// `TAIZHANG_REQUIRE_OFFICE=1` (CI) makes that a failure.
fn soffice() -> bool {
    let found = std::process::Command::new("soffice")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found && std::env::var("TAIZHANG_REQUIRE_OFFICE").as_deref() == Ok("1") {
        panic!("soffice is not on PATH and TAIZHANG_REQUIRE_OFFICE=1");
    }
    found
}

#[test]
fn export_csv_keeps_phones_ids_and_periods_as_text_in_libreoffice() {
    let dir = tmp();
    let (ledger, _) = ledger(dir.path());
    let csv = at(dir.path(), "项目.csv");
    taizhang()
        .args(["export", "--format", "csv", "--ledger"])
        .arg(&ledger)
        .arg("--out")
        .arg(&csv)
        .assert()
        .success();
    let text = String::from_utf8(std::fs::read(&csv).unwrap()).unwrap();
    // A leading tab on what Excel would make a number or a date; none on real numbers and dates.
    assert!(text.contains(",\t13805540001,"), "{text}");
    assert!(text.contains(",\t2018-06,"), "{text}");
    assert!(text.contains(",2018-12-31,"), "{text}");
    assert!(
        text.contains(",\"'=HYPERLINK(\"\"http://x\"\")党建品牌\","),
        "{text}"
    );
    if !soffice() {
        eprintln!("skipped: soffice is not on PATH");
        return;
    }
    let profile = at(dir.path(), "lo-profile");
    let out = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--convert-to",
            "xlsx",
            "--infilter=CSV:44,34,76",
        ])
        .arg("--outdir")
        .arg(dir.path())
        .arg(&csv)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let mut book: Xlsx<_> = open_workbook(at(dir.path(), "项目.xlsx")).unwrap();
    let first = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&first).unwrap();
    let headers: Vec<String> = range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let col = |h: &str| headers.iter().position(|x| x == h).unwrap();
    let rows: Vec<&[Data]> = range.rows().skip(1).collect();
    assert_eq!(rows.len(), CASES.len());
    for row in rows {
        for h in ["联系电话", "项目编号", "最近报告期"] {
            match &row[col(h)] {
                Data::String(s) => assert!(!s.contains('E'), "{h}: {s}"),
                other => panic!("{h} is no text in LibreOffice: {other:?}"),
            }
        }
        assert!(
            matches!(row[col("联系电话")], Data::String(ref s) if s.trim().starts_with("138055400")),
            "{:?}",
            row[col("联系电话")]
        );
        assert!(
            matches!(row[col("最近报告期")], Data::String(ref s) if ["2018-05", "2018-06"].contains(&s.trim())),
            "{:?}",
            row[col("最近报告期")]
        );
        assert!(
            matches!(row[col("版本")], Data::Float(_) | Data::Int(_)),
            "{:?}",
            row[col("版本")]
        );
        assert!(matches!(row[col("年度")], Data::Float(_) | Data::Int(_)));
        assert!(
            matches!(
                row[col("完成时间")],
                Data::DateTime(_) | Data::DateTimeIso(_)
            ),
            "{:?}",
            row[col("完成时间")]
        );
        assert!(matches!(row[col("项目名称")], Data::String(_)));
    }
    let formulas = book.worksheet_formula(&first).unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no formula in the sheet"
    );
}
