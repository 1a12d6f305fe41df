//! Year end through the binary: `scoresheet`, `check` on score sheets, `rank` with `--exemplary`,
//! and the whole routine over the bundled samples, checked against sums done by hand.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::common::*;
use calamine::{open_workbook, Data, Range, Reader, Xlsx};
use serde_json::json;

/// A proposal of the given unit and name (IDs follow the file names' order).
fn proposal(dir: &Path, file: &str, unit: &'static str, name: &'static str, phone: &'static str) {
    let pairs = with(
        with(
            with(good_proposal(), "申报单位", Some(V::T(unit))),
            "项目名称",
            Some(V::T(name)),
        ),
        "联系电话",
        Some(V::T(phone)),
    );
    write_book(
        &at(dir, file),
        &[sheet(
            "立项书",
            rows("2018年度基层党建创新项目立项书", &pairs),
        )],
    );
}

/// A December report at 100 % (已完成).
fn finished(dir: &Path, file: &str, unit: &'static str, name: &'static str) {
    let pairs = with(
        with(
            with(
                with(good_progress(), "申报单位", Some(V::T(unit))),
                "项目名称",
                Some(V::T(name)),
            ),
            "完成进度",
            Some(V::Pct(1.0)),
        ),
        "项目状态",
        Some(V::T("已完成")),
    );
    let pairs = with(pairs, "报告期", Some(V::T("2018年12月")));
    write_book(
        &at(dir, file),
        &[sheet("进度报告", rows("基层党建创新项目进度报告", &pairs))],
    );
}

fn merge(paths: &[&Path], ledger: &Path) {
    let out = taizhang()
        .arg("merge")
        .args(paths)
        .arg("--ledger")
        .arg(ledger)
        .output()
        .unwrap();
    assert!(
        out.status.code().unwrap() <= 1,
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The projects of most tests: (unit, name, phone, finished).
const PROJECTS: &[(&str, &str, &str, bool)] = &[
    (
        "田家庵区委",
        "红色网格党建引领基层治理工程",
        "13805545678",
        true,
    ), // 2018-001
    (
        "田家庵区委",
        "=SUM(1,2)社区党建示范工程",
        "0554-3311234",
        true,
    ), // 2018-002
    ("大通区委", "两新组织党建全覆盖行动", "13956781234", true), // 2018-003
    ("谢家集区委", "先锋驿站在职党员进社区", "13805546677", false), // 2018-004
    ("八公山区委", "一村一品脱贫攻坚工程", "13705547766", false), // 2018-005
];

/// A ledger of [`PROJECTS`] in `dir/台账.xlsx`.
fn ledger(dir: &Path) -> PathBuf {
    let props = dir.join("立项");
    let reports = dir.join("进度");
    std::fs::create_dir_all(&props).unwrap();
    std::fs::create_dir_all(&reports).unwrap();
    for (i, (unit, name, phone, done)) in PROJECTS.iter().enumerate() {
        proposal(&props, &format!("a{i}.xlsx"), unit, name, phone);
        if *done {
            finished(&reports, &format!("b{i}.xlsx"), unit, name);
        }
    }
    let path = dir.join("台账.xlsx");
    merge(&[&props], &path);
    approve_all(&path, None);
    merge(&[&reports], &path);
    path
}

/// One score row: project ID (or ""), name (or ""), the four scores (None: blank).
type ScoreRow = (&'static str, &'static str, [Option<f64>; 4]);

/// A filled score sheet: title, 评审人, header with maxima, one row per project, a 合计 column.
fn score_sheet(path: &Path, reviewer: &'static str, rows_: &[ScoreRow]) {
    let mut cells = vec![
        (0, 0, V::T("2018年度基层党建创新项目评分表")),
        (1, 0, V::T("评审人")),
        (1, 1, V::T(reviewer)),
    ];
    let header = [
        "序号",
        "项目编号",
        "项目名称",
        "目标完成度（30分）",
        "创新性（20分）",
        "实际成效（30分）",
        "推广价值（20分）",
        "合计",
    ];
    for (c, h) in header.iter().enumerate() {
        cells.push((2, c as u16, V::T(h)));
    }
    for (i, (id, name, scores)) in rows_.iter().enumerate() {
        let r = 3 + i as u32;
        cells.push((r, 0, V::N((i + 1) as f64)));
        if !id.is_empty() {
            cells.push((r, 1, V::T(id)));
        }
        if !name.is_empty() {
            cells.push((r, 2, V::T(name)));
        }
        for (k, s) in scores.iter().enumerate() {
            if let Some(s) = s {
                cells.push((r, 3 + k as u16, V::N(*s)));
            }
        }
        cells.push((r, 7, V::N(999.0))); // a wrong 合计: never read
    }
    write_book(path, &[sheet("评分表", cells)]);
}

fn s4(a: f64, b: f64, c: f64, d: f64) -> [Option<f64>; 4] {
    [Some(a), Some(b), Some(c), Some(d)]
}

/// Five reviewers. Totals by hand:
/// - 2018-001: 90, 85, 80, 95, 70 → drop 95 and 70 → (90+85+80)/3 = 85.00;
///   目标完成度 of the kept rows (27+26+24)/3 = 25.67.
/// - 2018-002: 85 from everyone → 85.00 (ties with 2018-001: both 2nd).
/// - 2018-003: 92, 91, 93, 90, 94 → drop 94 and 90 → 92.00 (1st).
/// - 2018-004: 70, 72, 74, 76 and a blank from r5 → 4 reviewers, no trim → 73.00 (4th).
/// - 2018-005: two reviewers → not ranked, flagged 评委不足（2人）.
fn five_sheets(dir: &Path) -> PathBuf {
    let scores = dir.join("评分表");
    std::fs::create_dir_all(&scores).unwrap();
    let p2 = "=SUM(1,2)社区党建示范工程";
    let sheets: [(&str, Vec<ScoreRow>); 5] = [
        (
            "评委甲",
            vec![
                ("2018-001", "", s4(27.0, 18.0, 27.0, 18.0)),
                ("2018-002", p2, s4(25.0, 17.0, 26.0, 17.0)),
                ("2018-003", "", s4(28.0, 18.0, 28.0, 18.0)),
                ("2018-004", "", s4(21.0, 14.0, 21.0, 14.0)),
                ("2018-005", "", s4(28.0, 18.0, 28.0, 18.0)),
            ],
        ),
        (
            "评委乙",
            vec![
                ("2018-001", "", s4(26.0, 17.0, 25.0, 17.0)),
                ("2018-002", p2, s4(25.0, 17.0, 26.0, 17.0)),
                ("2018-003", "", s4(27.0, 18.0, 28.0, 18.0)),
                ("2018-004", "", s4(22.0, 14.0, 22.0, 14.0)),
                ("2018-005", "", s4(27.0, 18.0, 27.0, 18.0)),
            ],
        ),
        (
            "评委丙",
            vec![
                ("2018-001", "", s4(24.0, 16.0, 24.0, 16.0)),
                ("", p2, s4(25.0, 17.0, 26.0, 17.0)),
                ("2018-003", "", s4(28.0, 19.0, 28.0, 18.0)),
                ("2018-004", "", s4(22.0, 15.0, 22.0, 15.0)),
            ],
        ),
        (
            "评委丁",
            vec![
                ("2018-001", "", s4(29.0, 19.0, 28.0, 19.0)),
                ("2018-002", p2, s4(25.0, 17.0, 26.0, 17.0)),
                ("2018-003", "", s4(27.0, 18.0, 27.0, 18.0)),
                ("2018-004", "", s4(23.0, 15.0, 23.0, 15.0)),
            ],
        ),
        (
            "评委戊",
            vec![
                ("2018-001", "", s4(21.0, 14.0, 21.0, 14.0)),
                ("2018-002", p2, s4(25.0, 17.0, 26.0, 17.0)),
                ("2018-003", "", s4(28.0, 19.0, 28.0, 19.0)),
                ("2018-004", "", [Some(30.0), None, Some(30.0), Some(20.0)]),
            ],
        ),
    ];
    for (i, (who, rows_)) in sheets.iter().enumerate() {
        score_sheet(&scores.join(format!("评分-{i}.xlsx")), who, rows_);
    }
    scores
}

fn range(path: &Path, sheet: &str) -> Range<Data> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    book.worksheet_range(sheet).unwrap()
}

/// Row values of a sheet as text, by header (the header row is `header_row`).
fn rows_by_header(
    r: &Range<Data>,
    header_row: usize,
) -> Vec<std::collections::HashMap<String, String>> {
    let all: Vec<Vec<String>> = r
        .rows()
        .map(|row| row.iter().map(|c| c.to_string()).collect())
        .collect();
    let headers = &all[header_row];
    all[header_row + 1..]
        .iter()
        .map(|row| headers.iter().cloned().zip(row.iter().cloned()).collect())
        .collect()
}

fn zip_entry(path: &Path, name: &str) -> Option<String> {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut entry = zip.by_name(name).ok()?;
    let mut s = String::new();
    entry.read_to_string(&mut s).unwrap();
    Some(s)
}

#[test]
fn scoresheet_lists_every_project_with_validation_and_a_total_formula() {
    let dir = tmp();
    let ledger = ledger(dir.path());
    let out = dir.path().join("评分表.xlsx");
    taizhang()
        .args(["scoresheet", "--ledger"])
        .arg(&ledger)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let xml = zip_entry(&out, "xl/worksheets/sheet1.xml").unwrap();
    assert!(xml.contains("<dataValidation"), "no data validation");
    assert!(xml.contains("type=\"decimal\""));
    assert!(xml.contains("orientation=\"landscape\"") && xml.contains("paperSize=\"9\""));
    assert!(xml.contains("ySplit=\"4\""), "frozen header");
    let r = range(&out, "评分表");
    assert_eq!(
        r.get_value((0, 0)).unwrap().to_string(),
        "2018年度基层党建创新项目评分表"
    );
    assert_eq!(r.get_value((1, 1)).unwrap().to_string(), "评审人");
    let header: Vec<String> = (0..11)
        .map(|c| {
            r.get_value((3, c))
                .map(|v| v.to_string())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(header[1], "项目编号");
    assert_eq!(
        &header[4..7],
        ["类别", "状态", "最新进度"].map(String::from)
    );
    assert!(header[8].starts_with("创新性") && header[8].contains("（20分）"));
    assert_eq!(r.get_value((8, 1)).unwrap().to_string(), "2018-005");
    // A name that looks like a formula is text.
    let mut book: Xlsx<_> = open_workbook(&out).unwrap();
    let formulas = book.worksheet_formula("评分表").unwrap();
    assert_eq!(
        formulas.get_value((4, 11)).map(String::as_str),
        Some("IF(COUNT(H5:K5)=0,\"\",SUM(H5:K5))")
    );
    assert!(formulas
        .get_value((5, 3))
        .is_none_or(|f: &String| f.is_empty()));
    assert_eq!(
        r.get_value((5, 3)).unwrap().to_string(),
        "=SUM(1,2)社区党建示范工程"
    );
    // One sheet per reviewer.
    let many = dir.path().join("评分表5.xlsx");
    taizhang()
        .args(["scoresheet", "--reviewers", "3", "--ledger"])
        .arg(&ledger)
        .arg("--out")
        .arg(&many)
        .assert()
        .success();
    let book: Xlsx<_> = open_workbook(&many).unwrap();
    assert_eq!(book.sheet_names().len(), 3);
}

#[test]
fn check_on_a_score_sheet_gives_the_spec_record() {
    let dir = tmp();
    let path = dir.path().join("评分.xlsx");
    score_sheet(
        &path,
        "王芳",
        &[
            ("2018-001", "红色网格", s4(27.0, 18.0, 27.0, 14.0)),
            ("2018-002", "先锋驿站", s4(25.5, 17.0, 26.0, 17.0)),
        ],
    );
    let (json, code) = check_json(&[&path], &[]);
    assert_eq!(code, 0);
    let f = &json["files"][0];
    assert_eq!(f["kind"], "scores");
    assert_eq!(f["ok"], true);
    assert_eq!(
        f["record"],
        json!({
            "reviewer": "王芳",
            "rows": [
                { "project_id": "2018-001", "name": "红色网格",
                  "scores": { "目标完成度": 27, "创新性": 18, "实际成效": 27, "推广价值": 14 },
                  "total": 86 },
                { "project_id": "2018-002", "name": "先锋驿站",
                  "scores": { "目标完成度": 25.5, "创新性": 17, "实际成效": 26, "推广价值": 17 },
                  "total": 85.5 }
            ]
        })
    );
}

#[test]
fn out_of_range_and_blank_scores_name_their_cells() {
    let dir = tmp();
    let path = dir.path().join("评分.xlsx");
    score_sheet(
        &path,
        "王芳",
        &[
            ("2018-001", "红色网格", s4(27.0, 25.0, 27.0, 14.0)),
            (
                "2018-002",
                "先锋驿站",
                [Some(25.0), Some(17.0), None, Some(17.0)],
            ),
        ],
    );
    let (json, code) = check_json(&[&path], &[]);
    assert_eq!(code, 1);
    let f = &json["files"][0];
    assert_eq!(codes(f), vec!["E_SCORE", "W_NOT_SCORED"]);
    let problems = f["problems"].as_array().unwrap();
    assert_eq!(problems[0]["cell"], "评分表!E4");
    assert!(problems[0]["message"]
        .as_str()
        .unwrap()
        .contains("超出范围（应为 0–20 分）"));
    assert_eq!(problems[1]["cell"], "评分表!F5");
    // The invalid and the blank score are absent; the totals are those of the given scores.
    let rows = &f["record"]["rows"];
    assert_eq!(rows[0]["scores"].get("创新性"), None);
    assert_eq!(rows[0]["total"], 68);
    assert_eq!(rows[1]["scores"].get("实际成效"), None);
    assert_eq!(rows[1]["total"], 59);
}

#[test]
fn rank_trims_averages_shares_places_and_picks_exemplary_projects() {
    let dir = tmp();
    let ledger = ledger(dir.path());
    let scores = five_sheets(dir.path());
    let out = dir.path().join("排名.xlsx");
    let ex = dir.path().join("示范.xlsx");
    let run = taizhang()
        .args(["rank", "--ledger"])
        .arg(&ledger)
        .arg("--scores")
        .arg(&scores)
        .arg("--out")
        .arg(&out)
        .arg("--exemplary")
        .arg(&ex)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    // A blank score is a warning: the run is clean.
    assert_eq!(run.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("W_NOT_SCORED"), "{stdout}");
    let rows = rows_by_header(&range(&out, "综合排名"), 1);
    let by_id = |id: &str| rows.iter().find(|r| r["项目编号"] == id).unwrap().clone();
    let p1 = by_id("2018-001");
    assert_eq!(p1["总分"], "85");
    assert_eq!(p1["排名"], "2");
    assert_eq!(p1["评委人数"], "5");
    assert_eq!(p1["等次"], "良好");
    let first_criterion = rows_by_header(&range(&out, "综合排名"), 1)[0]
        .keys()
        .find(|k| k.starts_with("目标完成度"))
        .unwrap()
        .clone();
    assert_eq!(p1[&first_criterion], "25.67");
    assert_eq!(by_id("2018-002")["排名"], "2");
    assert_eq!(by_id("2018-003")["排名"], "1");
    assert_eq!(by_id("2018-003")["总分"], "92");
    assert_eq!(by_id("2018-003")["等次"], "优秀");
    let p4 = by_id("2018-004");
    assert_eq!((p4["排名"].as_str(), p4["总分"].as_str()), ("4", "73"));
    assert!(p4["备注"].contains("未去掉最高分和最低分"), "{p4:?}");
    let p5 = by_id("2018-005");
    assert_eq!(p5["排名"], "");
    assert_eq!(p5["等次"], "");
    assert!(p5["备注"].contains("评委不足（2人）"));
    // The name that looks like a formula is text in the ranking too.
    let mut book: Xlsx<_> = open_workbook(&out).unwrap();
    let f = book.worksheet_formula("综合排名").unwrap();
    let r = range(&out, "综合排名");
    let row = (0..r.height())
        .find(|&i| r.get_value((i as u32, 1)).map(|v| v.to_string()) == Some("2018-002".into()))
        .unwrap() as u32;
    assert!(f.get_value((row, 3)).is_none_or(|s: &String| s.is_empty()));
    assert_eq!(
        r.get_value((row, 3)).unwrap().to_string(),
        "=SUM(1,2)社区党建示范工程"
    );
    // 评分明细 marks the trimmed rows; 单位排名 averages the units' ranked projects.
    let details = rows_by_header(&range(&out, "评分明细"), 1);
    let p1_rows: Vec<_> = details
        .iter()
        .filter(|r| r["项目编号"] == "2018-001")
        .collect();
    assert_eq!(p1_rows.len(), 5);
    assert_eq!(p1_rows[3]["计分情况"], "去掉最高分");
    assert_eq!(p1_rows[4]["计分情况"], "去掉最低分");
    let units = rows_by_header(&range(&out, "单位排名"), 1);
    assert_eq!(units[0]["申报单位"], "大通区委");
    assert_eq!(units[1]["申报单位"], "田家庵区委");
    assert_eq!(units[1]["平均总分"], "85");
    // The chart is in the file.
    let chart = zip_entry(&out, "xl/charts/chart1.xml").expect("chart1.xml");
    assert!(chart.contains("<c:barChart>"));
    // Exemplary: 2018-003 and 2018-001 (2018-002 is of the same unit; 2018-004 not finished):
    // two, fewer than the minimum of three.
    assert!(stdout.contains("示范项目 2 个"), "{stdout}");
    assert!(stdout.contains("少于要求的 3 个"), "{stdout}");
    let summary = rows_by_header(&range(&ex, "示范项目"), 1);
    assert_eq!(summary[0]["项目编号"], "2018-003");
    assert_eq!(summary[1]["项目编号"], "2018-001");
    let all = range(&ex, "示范项目");
    assert!(all
        .rows()
        .flatten()
        .any(|c| c.to_string().contains("少于要求的 3 个")));
    let book: Xlsx<_> = open_workbook(&ex).unwrap();
    assert_eq!(book.sheet_names().len(), 3);
    let page = range(&ex, "红色网格党建引领基层治理工程");
    let cells: Vec<String> = page.rows().flatten().map(|c| c.to_string()).collect();
    assert!(cells.contains(&"138****5678".to_owned()), "{cells:?}");
    let strings = zip_entry(&ex, "xl/sharedStrings.xml").unwrap();
    assert!(!strings.contains("13805545678") && !strings.contains("3311234"));
}

#[test]
fn exemplary_limits_come_from_the_policy() {
    let dir = tmp();
    let ledger = ledger(dir.path());
    let scores = five_sheets(dir.path());
    let policy = dir.path().join("taizhang.toml");
    let text = taizhang::policy::INNOVATION_TOML
        .replace("max_per_unit = 1", "max_per_unit = 2")
        .replace("min = 3\nmax = 5", "min = 1\nmax = 2");
    std::fs::write(&policy, text).unwrap();
    let ex = dir.path().join("示范.xlsx");
    let run = taizhang()
        .args(["rank", "--ledger"])
        .arg(&ledger)
        .arg("--scores")
        .arg(&scores)
        .arg("--out")
        .arg(dir.path().join("排名.xlsx"))
        .arg("--exemplary")
        .arg(&ex)
        .arg("--policy")
        .arg(&policy)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(stdout.contains("示范项目 2 个"), "{stdout}");
    assert!(!stdout.contains("少于要求"), "{stdout}");
    let summary = range(&ex, "示范项目");
    let text: Vec<String> = summary.rows().flatten().map(|c| c.to_string()).collect();
    // 2018-002 shares 2nd place with 2018-001 and is passed over for the limit of two.
    assert!(
        text.iter().any(|t| t.contains("示范项目已达上限（2 个）")),
        "{text:?}"
    );
}

#[test]
fn grade_boundaries_through_the_binary() {
    let dir = tmp();
    let ledger = ledger(dir.path());
    let scores = dir.path().join("评分表");
    std::fs::create_dir_all(&scores).unwrap();
    // 2018-001: 90, 90, 90 → 90.00 优秀; 2018-003: 89.97, 90, 90 → 89.99 良好.
    for (i, who) in ["甲", "乙", "丙"].iter().enumerate() {
        let low = if i == 0 { 29.97 } else { 30.0 };
        score_sheet(
            &scores.join(format!("s{i}.xlsx")),
            who,
            &[
                ("2018-001", "", s4(30.0, 20.0, 20.0, 20.0)),
                ("2018-003", "", s4(low, 20.0, 20.0, 20.0)),
            ],
        );
    }
    let out = dir.path().join("排名.xlsx");
    taizhang()
        .args(["rank", "--ledger"])
        .arg(&ledger)
        .arg("--scores")
        .arg(&scores)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let rows = rows_by_header(&range(&out, "综合排名"), 1);
    assert_eq!(rows[0]["项目编号"], "2018-001");
    assert_eq!(
        (rows[0]["总分"].as_str(), rows[0]["等次"].as_str()),
        ("90", "优秀")
    );
    assert_eq!(rows[1]["项目编号"], "2018-003");
    assert_eq!(
        (rows[1]["总分"].as_str(), rows[1]["等次"].as_str()),
        ("89.99", "良好")
    );
}

#[test]
fn an_invalid_score_is_shown_with_its_value_and_the_lowest_band_is_below_60() {
    let dir = tmp();
    let ledger = ledger(dir.path());
    let scores = dir.path().join("评分表");
    std::fs::create_dir_all(&scores).unwrap();
    for (i, who) in ["甲", "乙", "丙"].iter().enumerate() {
        score_sheet(
            &scores.join(format!("s{i}.xlsx")),
            who,
            &[("2018-001", "", s4(25.0, 15.0, 25.0, 15.0))],
        );
    }
    // 丁 gave 25 of 20 for 创新性; 戊 left 实际成效 blank.
    score_sheet(
        &scores.join("s3.xlsx"),
        "丁",
        &[("2018-001", "", s4(25.0, 25.0, 25.0, 15.0))],
    );
    score_sheet(
        &scores.join("s4.xlsx"),
        "戊",
        &[("2018-001", "", [Some(25.0), Some(15.0), None, Some(15.0)])],
    );
    let out = dir.path().join("排名.xlsx");
    let run = taizhang()
        .args(["rank", "--ledger"])
        .arg(&ledger)
        .arg("--scores")
        .arg(&scores)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(
        run.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&run.stdout)
    );
    let details = rows_by_header(&range(&out, "评分明细"), 1);
    let by = |who: &str| details.iter().find(|r| r["评审人"] == who).unwrap().clone();
    let innov = details[0]
        .keys()
        .find(|k| k.starts_with("创新性"))
        .unwrap()
        .clone();
    let effect = details[0]
        .keys()
        .find(|k| k.starts_with("实际成效"))
        .unwrap()
        .clone();
    let d = by("丁");
    assert_eq!(d[&innov], "无效分数：25");
    assert_eq!(d["计分情况"], "有无效分数，未计入");
    let e = by("戊");
    assert_eq!(e[&effect], "");
    assert_eq!(e["计分情况"], "评分不完整，未计入");
    let rows = rows_by_header(&range(&out, "综合排名"), 1);
    assert_eq!(rows[0]["评委人数"], "3");
    assert!(
        rows[0]["备注"].contains("1份有无效分数，未计入"),
        "{:?}",
        rows[0]
    );
    assert!(
        rows[0]["备注"].contains("1份评分不完整，未计入"),
        "{:?}",
        rows[0]
    );
    // 说明 states every band, the lowest as what it is.
    let about: Vec<String> = range(&out, "说明")
        .rows()
        .flatten()
        .map(|c| c.to_string())
        .collect();
    let grades = about.iter().find(|c| c.contains("优秀：")).unwrap();
    assert!(grades.contains("不合格：总分低于 60 分"), "{grades}");
    assert!(!grades.contains("不低于 0 分"), "{grades}");
}

#[test]
fn unknown_projects_and_repeated_reviewers_are_reported() {
    let dir = tmp();
    let ledger = ledger(dir.path());
    let scores = dir.path().join("评分表");
    std::fs::create_dir_all(&scores).unwrap();
    score_sheet(
        &scores.join("a.xlsx"),
        "王芳",
        &[
            ("2018-001", "", s4(27.0, 18.0, 27.0, 18.0)),
            ("", "不存在的项目名称", s4(27.0, 18.0, 27.0, 18.0)),
        ],
    );
    score_sheet(
        &scores.join("b.xlsx"),
        "王 芳",
        &[("2018-001", "", s4(20.0, 10.0, 20.0, 10.0))],
    );
    let out = dir.path().join("排名.xlsx");
    let run = taizhang()
        .args(["rank", "--ledger"])
        .arg(&ledger)
        .arg("--scores")
        .arg(&scores)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert_eq!(run.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("E_NO_PROJECT"), "{stdout}");
    assert!(stdout.contains("评分表!C5"), "{stdout}");
    assert!(stdout.contains("W_DUPLICATE"), "{stdout}");
    // Written anyway, with the problems listed for the clerk.
    let problems = rows_by_header(&range(&out, "评分表问题"), 0);
    assert_eq!(problems.len(), 2);
}

/// The sample year end to end: merge the inbox, rank the five sample score sheets. Hand sums
/// from `samples/scores` (see samples/README.md):
/// - 2018-001, totals 王建国 92, 李秀英 89.5, 张明 94, 陈静 90, 赵立新 90 → drop 94 and 89.5 →
///   (92 + 90 + 90) / 3 = 90.666… → 90.67; 创新性 of the kept rows (19 + 18 + 19) / 3 = 18.67.
/// - 2018-006, 陈静's 创新性 is 25 of 20 (E_SCORE), so her row is not counted: 88, 84.5, 90, 85
///   from four reviewers, no trim → 347.5 / 4 = 86.875 → 86.88; 创新性 (17 + 16.5 + 18 + 17) / 4 =
///   17.125 → 17.13.
#[test]
fn the_sample_year_end_by_hand() {
    let dir = tmp();
    let ledger = dir.path().join("台账.xlsx");
    taizhang()
        .args([
            "merge",
            "samples/inbox",
            "--policy",
            "samples/taizhang.toml",
            "--ledger",
        ])
        .arg(&ledger)
        .assert()
        .code(1);
    approve_all(&ledger, Some(std::path::Path::new("samples/taizhang.toml")));
    let sheet = dir.path().join("评分表.xlsx");
    taizhang()
        .args([
            "scoresheet",
            "--policy",
            "samples/taizhang.toml",
            "--ledger",
        ])
        .arg(&ledger)
        .arg("--out")
        .arg(&sheet)
        .assert()
        .success();
    let out = dir.path().join("年度综合排名.xlsx");
    let ex = dir.path().join("示范项目.xlsx");
    let run = taizhang()
        .args([
            "rank",
            "--policy",
            "samples/taizhang.toml",
            "--scores",
            "samples/scores",
            "--ledger",
        ])
        .arg(&ledger)
        .arg("--out")
        .arg(&out)
        .arg("--exemplary")
        .arg(&ex)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert_eq!(run.status.code(), Some(1), "E_SCORE in sheet 4: {stdout}");
    assert!(
        stdout.contains("评分表!G10") && stdout.contains("评分表!H16"),
        "{stdout}"
    );
    let rows = rows_by_header(&range(&out, "综合排名"), 1);
    // 21 scored projects and the 6 of the multi-form and Word samples, which the sample sheets do
    // not score.
    assert_eq!(rows.len(), 27);
    let innov = rows[0]
        .keys()
        .find(|k| k.starts_with("创新性"))
        .unwrap()
        .clone();
    let p = |id: &str| rows.iter().find(|r| r["项目编号"] == id).unwrap().clone();
    assert_eq!(p("2018-001")["总分"], "90.67");
    assert_eq!(p("2018-001")[&innov], "18.67");
    assert_eq!(p("2018-001")["评委人数"], "5");
    assert_eq!(p("2018-006")["总分"], "86.88");
    assert_eq!(p("2018-006")[&innov], "17.13");
    assert_eq!(p("2018-006")["评委人数"], "4");
    // Five exemplary projects, one per unit.
    let summary = rows_by_header(&range(&ex, "示范项目"), 1);
    let chosen: Vec<&str> = summary
        .iter()
        .take_while(|r| !r["项目编号"].is_empty())
        .map(|r| r["申报单位"].as_str())
        .collect();
    assert_eq!(chosen.len(), 5, "{summary:?}");
    let mut units = chosen.clone();
    units.sort();
    units.dedup();
    assert_eq!(units.len(), 5);
}

/// 评分 in a title is no score sheet without the score table of SPEC §3.3: a table with a
/// project column but none of the policy's criteria is `unknown`, with `E_UNKNOWN_FORM`.
#[test]
fn a_scores_title_without_the_policys_criteria_is_no_score_sheet() {
    let dir = tmp();
    let path = at(dir.path(), "考勤评分表.xlsx");
    write_book(
        &path,
        &[sheet(
            "Sheet1",
            vec![
                (0, 0, V::T("党员考勤评分表")),
                (1, 0, V::T("评审人")),
                (1, 1, V::T("王五")),
                (2, 0, V::T("项目名称")),
                (2, 1, V::T("出勤分")),
                (3, 0, V::T("红色网格党建引领基层治理工程")),
                (3, 1, V::N(9.0)),
            ],
        )],
    );
    let (json, _) = check_json(&[&path], &["--policy", "samples/taizhang.toml"]);
    let f = &json["files"][0];
    assert_eq!(f["kind"], "unknown", "{f}");
    assert_eq!(codes(f), ["E_UNKNOWN_FORM"]);
}
