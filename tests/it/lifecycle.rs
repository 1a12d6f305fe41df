//! A project's life past its approval (SPEC §10) through the binary: the year boundary
//! (`rollover`), notices to units, extensions and the reporting frequency.

use std::path::{Path, PathBuf};

use crate::common::*;
use calamine::{Data, Reader, Xlsx};

fn write_form(path: &Path, title: &'static str, pairs: &[(&'static str, V)]) {
    let name = if title.contains("立项书") {
        "立项书"
    } else {
        "进度报告"
    };
    write_book(path, &[sheet(name, rows(title, pairs))]);
}

fn proposal(
    unit: &'static str,
    name: &'static str,
    deadline: &'static str,
) -> Vec<(&'static str, V)> {
    with(
        with(
            with(good_proposal(), "申报单位", Some(V::T(unit))),
            "项目名称",
            Some(V::T(name)),
        ),
        "完成时间",
        Some(V::T(deadline)),
    )
}

fn report(
    unit: &'static str,
    name: &'static str,
    period: &'static str,
    pct: f64,
) -> Vec<(&'static str, V)> {
    with(
        with(
            with(
                with(good_progress(), "申报单位", Some(V::T(unit))),
                "项目名称",
                Some(V::T(name)),
            ),
            "报告期",
            Some(V::T(period)),
        ),
        "完成进度",
        Some(V::Pct(pct)),
    )
}

/// Runs the binary in `dir`; (exit code, stdout + stderr).
fn run_in(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = taizhang().current_dir(dir).args(args).output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
}

/// One column of a ledger sheet, as text.
fn column(ledger: &Path, sheet: &str, header: &str) -> Vec<String> {
    let mut book: Xlsx<_> = calamine::open_workbook(ledger).unwrap();
    let range = book.worksheet_range(sheet).unwrap();
    let mut rows = range.rows();
    let head: Vec<String> = rows.next().unwrap().iter().map(Data::to_string).collect();
    let c = head.iter().position(|h| h == header).unwrap();
    rows.map(|r| r.get(c).map(Data::to_string).unwrap_or_default())
        .collect()
}

/// A 2018 ledger: three approved projects, one finished, one running into 2019, one pending.
fn year_2018(dir: &Path) -> PathBuf {
    let inbox = dir.join("2018");
    std::fs::create_dir_all(&inbox).unwrap();
    write_form(
        &inbox.join("a.xlsx"),
        "2018年度基层党建创新项目立项书",
        &proposal("田家庵区委", "社区党建一号工程", "2018年12月31日"),
    );
    write_form(
        &inbox.join("b.xlsx"),
        "2018年度基层党建创新项目立项书",
        &proposal("大通区委", "两新组织党建二号工程", "2019年6月30日"),
    );
    write_form(
        &inbox.join("c.xlsx"),
        "2018年度基层党建创新项目立项书",
        &proposal("潘集区委", "农村党建三号工程", "2018年12月31日"),
    );
    let ledger = dir.join("2018台账.xlsx");
    let l = ledger.to_str().unwrap();
    let (code, text) = run_in(dir, &["merge", "2018", "--ledger", l]);
    assert!(code <= 1, "{text}");
    let (code, text) = run_in(dir, &["approve", "--ledger", l, "2018-001", "2018-002"]);
    assert_eq!(code, 0, "{text}");
    let reports = dir.join("2018-12");
    std::fs::create_dir_all(&reports).unwrap();
    write_form(
        &reports.join("a.xlsx"),
        "进度报告",
        &report("田家庵区委", "社区党建一号工程", "2018年12月", 1.0),
    );
    write_form(
        &reports.join("b.xlsx"),
        "进度报告",
        &report("大通区委", "两新组织党建二号工程", "2018年12月", 0.6),
    );
    let (code, text) = run_in(dir, &["merge", "2018-12", "--ledger", l]);
    assert_eq!(code, 0, "{text}");
    ledger
}

#[test]
fn rollover_carries_the_unfinished_approved_project_and_its_reports_merge_next_year() {
    let dir = tmp();
    let old = year_2018(dir.path());
    let before = std::fs::read(&old).unwrap();
    // The next year's folder, with its own policy.
    let y2019 = dir.path().join("2019");
    let (code, text) = run_in(dir.path(), &["init", "2019", "--year", "2019"]);
    assert_eq!(code, 0, "{text}");
    let (code, text) = run_in(
        &y2019,
        &[
            "rollover",
            "--ledger",
            old.to_str().unwrap(),
            "--year",
            "2019",
            "--out",
            "台账.xlsx",
        ],
    );
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("结转未完成的已批复项目 1 个"), "{text}");
    assert!(text.contains("已完成的 1 个、未批复的 1 个"), "{text}");
    assert_eq!(
        std::fs::read(&old).unwrap(),
        before,
        "the old ledger is only read"
    );
    let new = y2019.join("台账.xlsx");
    assert_eq!(column(&new, "项目台账", "项目编号"), ["2018-002"]);
    assert_eq!(column(&new, "项目台账", "年度"), ["2018"]);
    assert_eq!(column(&new, "进度记录", "报告期"), ["2018-12"]);
    assert!(column(&new, "变更记录", "字段").contains(&"年度结转".to_owned()));
    // Refused a second time: the new ledger is never overwritten.
    let (code, text) = run_in(
        &y2019,
        &[
            "rollover",
            "--ledger",
            old.to_str().unwrap(),
            "--year",
            "2019",
            "--out",
            "台账.xlsx",
        ],
    );
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("已存在"), "{text}");
    // 2019: the carried project reports, a new project is 2019-001, the old file is known.
    let inbox = y2019.join("收件箱");
    std::fs::create_dir_all(&inbox).unwrap();
    write_form(
        &inbox.join("大通区委-1月进度.xlsx"),
        "进度报告",
        &report("大通区委", "两新组织党建二号工程", "2019年1月", 0.7),
    );
    let mut new_project = proposal("田家庵区委", "城市基层党建四号工程", "2019年12月31日");
    new_project = with(new_project, "开始时间", Some(V::D(2019, 4, 1)));
    new_project = with(new_project, "填报日期", Some(V::D(2019, 3, 28)));
    write_form(
        &inbox.join("田家庵区委-立项书.xlsx"),
        "2019年度基层党建创新项目立项书",
        &new_project,
    );
    std::fs::copy(dir.path().join("2018-12/b.xlsx"), inbox.join("旧报告.xlsx")).unwrap();
    let (code, text) = run_in(&y2019, &["merge", "收件箱", "--ledger", "台账.xlsx"]);
    assert_eq!(code, 0, "{text}");
    assert_eq!(
        column(&new, "项目台账", "项目编号"),
        ["2018-002", "2019-001"]
    );
    assert_eq!(column(&new, "进度记录", "报告期"), ["2018-12", "2019-01"]);
    // Quotas count 2019's projects: 大通区委's carried project is 2018's.
    let (code, text) = run_in(&y2019, &["approve", "--ledger", "台账.xlsx", "2019-001"]);
    assert_eq!(code, 0, "{text}");
    let units = column(&new, "单位汇总", "申报单位");
    let counts = column(&new, "单位汇总", "项目数");
    let reports = column(&new, "单位汇总", "本年报告数");
    let at = |u: &str| {
        units
            .iter()
            .position(|x| x == u)
            .unwrap_or_else(|| panic!("{u} not in {units:?}"))
    };
    assert_eq!(counts[at("大通区委")], "0");
    assert_eq!(reports[at("大通区委")], "1");
    assert_eq!(counts[at("田家庵区委")], "1");
}
