//! `taizhang merge` end to end: the ledger as store, month after month, never losing a value.

use std::path::Path;

use crate::common::*;
use taizhang::ledger::Ledger;
use taizhang::model::Column;
use taizhang::model::Value as LCell;

fn merge(paths: &[&Path], ledger: &Path, extra: &[&str]) -> (i32, String) {
    let mut cmd = taizhang();
    cmd.arg("merge");
    for p in paths {
        cmd.arg(p);
    }
    cmd.arg("--ledger").arg(ledger).args(extra);
    let out = cmd.output().unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

const POLICY: &[&str] = &["--policy", "samples/taizhang.toml"];

fn sheets_without_about(l: &Ledger) -> Vec<&taizhang::ledger::Table> {
    vec![&l.projects, &l.reports, &l.units, &l.submitted]
}

#[test]
fn one_batch_or_month_by_month_gives_the_same_projects_and_reports() {
    let dir = tmp();
    let whole = at(dir.path(), "whole.xlsx");
    let (code, _) = merge(&[Path::new("samples/inbox")], &whole, POLICY);
    assert_eq!(code, 1, "flawed samples are rejected");
    let monthly = at(dir.path(), "monthly.xlsx");
    let mut months: Vec<_> = std::fs::read_dir("samples/inbox")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    months.sort();
    assert!(months.len() >= 10, "a folder per month");
    for month in &months {
        merge(&[month], &monthly, POLICY);
    }
    let a = Ledger::read(&whole).unwrap();
    let b = Ledger::read(&monthly).unwrap();
    // 21 projects from one-form files, 5 valid records of the multi-form samples (SPEC §3.5) and
    // the Word 立项书 (SPEC §3.6).
    assert_eq!(a.projects.rows.len(), 27);
    assert!(a.projects == b.projects, "项目台账 differs");
    assert!(a.reports == b.reports, "进度记录 differs");
    assert!(a.units == b.units, "单位汇总 differs");
    assert!(a.reports.rows.len() >= 25);
    // IDs are YEAR-NNN in path order, never reused.
    let ids: Vec<String> = (0..a.projects.rows.len())
        .map(|r| a.projects.get(r, Column::ProjectId).display())
        .collect();
    assert_eq!(ids[0], "2018-001");
    assert_eq!(ids[25], "2018-026");
}

#[test]
fn merging_twice_changes_nothing_and_says_so() {
    let dir = tmp();
    let ledger = at(dir.path(), "台账.xlsx");
    merge(&[Path::new("samples/inbox")], &ledger, POLICY);
    let first = Ledger::read(&ledger).unwrap();
    let (_, text) = merge(&[Path::new("samples/inbox")], &ledger, POLICY);
    assert!(
        text.contains("新增 0 个，更新 0 个，未变 0 个；进度报告：新增 0 份，替换 0 份"),
        "{text}"
    );
    // Each entry of a multi-form file counts (117 files of one form, 8 valid entries of three,
    // the Word 立项书 and the two valid 结项报告); the 佐证材料 are known, not merged.
    assert!(text.contains("已合并过 128 个"), "{text}");
    assert!(text.contains("新登记 0 个，已登记过 4 个"), "{text}");
    let second = Ledger::read(&ledger).unwrap();
    assert_eq!(sheets_without_about(&first), sheets_without_about(&second));
    assert_eq!(first.changes, second.changes);
    assert_eq!(first.sources, second.sources);
    assert!(at(dir.path(), "台账.xlsx.bak").exists());
    assert!(!at(dir.path(), "台账.xlsx.lock").exists());
}

#[test]
fn the_clerks_work_survives_and_an_updated_proposal_logs_each_changed_field() {
    let dir = tmp();
    let d = dir.path();
    let ledger = at(d, "台账.xlsx");
    let inbox = at(d, "inbox");
    std::fs::create_dir(&inbox).unwrap();
    let v1 = with(good_proposal(), "联系电话", Some(V::T("1380554")));
    write_book(
        &at(&inbox, "v1.xlsx"),
        &[sheet("立项书", rows("立项书", &v1))],
    );
    merge(&[&inbox], &ledger, &[]);
    // The clerk: a remark, a key-project mark, a corrected phone, and a column of their own.
    let mut l = Ledger::read(&ledger).unwrap();
    l.projects
        .set(0, Column::Note, LCell::text("请区委组织部月底前补充材料"));
    l.projects.set(0, Column::Key, LCell::text("是"));
    l.projects.set(0, Column::Phone, LCell::text("13805546677"));
    l.projects.set_named(0, "督办人", LCell::text("王科长"));
    l.save(&ledger).unwrap();
    // The unit re-sends: new goals and deadline, the same (wrong) phone.
    let v2 = with(
        v1.clone(),
        "工作目标",
        Some(V::T("建立四级网格体系，年内覆盖全区所有社区和两新组织")),
    );
    let v2 = with(v2, "完成时间", Some(V::T("2018-11-30")));
    write_book(
        &at(&inbox, "v2.xlsx"),
        &[sheet("立项书", rows("立项书", &v2))],
    );
    let (code, text) = merge(&[&at(&inbox, "v2.xlsx")], &ledger, &[]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("更新（2018-001）"), "{text}");
    let l = Ledger::read(&ledger).unwrap();
    assert_eq!(l.projects.rows.len(), 1);
    assert_eq!(
        l.projects.get(0, Column::Note).display(),
        "请区委组织部月底前补充材料"
    );
    assert_eq!(l.projects.get(0, Column::Key).display(), "是");
    assert_eq!(l.projects.get_named(0, "督办人").display(), "王科长");
    assert_eq!(
        l.projects.get(0, Column::Phone).display(),
        "13805546677",
        "the clerk's correction stays"
    );
    assert_eq!(l.projects.get(0, Column::Version).number(), Some(2.0));
    assert_eq!(
        l.projects.get(0, Column::Deadline),
        &LCell::Date(chrono::NaiveDate::from_ymd_opt(2018, 11, 30).unwrap())
    );
    let fields: Vec<String> = (0..l.changes.rows.len())
        .map(|r| l.changes.get(r, Column::Field).display())
        .collect();
    assert_eq!(fields, ["工作目标", "完成时间"]);
    assert_eq!(
        l.changes.get(1, Column::OldValue),
        &LCell::Date(chrono::NaiveDate::from_ymd_opt(2018, 12, 31).unwrap())
    );
    // A later submission that does change the phone wins, and is logged with the clerk's value as old.
    let v3 = with(v2, "联系电话", Some(V::T("13905546677")));
    write_book(
        &at(&inbox, "v3.xlsx"),
        &[sheet("立项书", rows("立项书", &v3))],
    );
    merge(&[&at(&inbox, "v3.xlsx")], &ledger, &[]);
    let l = Ledger::read(&ledger).unwrap();
    assert_eq!(l.projects.get(0, Column::Phone).display(), "13905546677");
    let last = l.changes.rows.len() - 1;
    assert_eq!(
        l.changes.get(last, Column::OldValue).display(),
        "13805546677"
    );
    assert_eq!(l.projects.get_named(0, "督办人").display(), "王科长");
}

#[test]
fn reports_add_replace_warn_when_lower_and_need_a_project() {
    let dir = tmp();
    let d = dir.path();
    let ledger = at(d, "台账.xlsx");
    let inbox = at(d, "inbox");
    std::fs::create_dir(&inbox).unwrap();
    write_book(
        &at(&inbox, "0.xlsx"),
        &[sheet("立项书", rows("立项书", &good_proposal()))],
    );
    let may = good_progress();
    write_book(
        &at(&inbox, "1.xlsx"),
        &[sheet("进度报告", rows("进度报告", &may))],
    );
    let june = with(
        with(may.clone(), "报告期", Some(V::T("2018-06"))),
        "完成进度",
        Some(V::T("30%")),
    );
    write_book(
        &at(&inbox, "2.xlsx"),
        &[sheet("进度报告", rows("进度报告", &june))],
    );
    let stranger = with(may.clone(), "项目名称", Some(V::T("不存在的项目名称")));
    write_book(
        &at(&inbox, "3.xlsx"),
        &[sheet("进度报告", rows("进度报告", &stranger))],
    );
    let (code, text) = merge(&[&inbox], &ledger, &[]);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("W_PERCENT_DOWN"), "{text}");
    assert!(text.contains("E_NO_PROJECT"), "{text}");
    let l = Ledger::read(&ledger).unwrap();
    assert_eq!(l.reports.rows.len(), 2);
    assert_eq!(
        l.projects.get(0, Column::LatestPercent).number(),
        Some(30.0)
    );
    assert_eq!(l.projects.get(0, Column::LatestPeriod).display(), "2018-06");
    // A corrected May report replaces May.
    let may2 = with(
        may,
        "本期完成情况",
        Some(V::T("完成网格划分，选派网格党小组长65名")),
    );
    write_book(
        &at(&inbox, "4.xlsx"),
        &[sheet("进度报告", rows("进度报告", &may2))],
    );
    let (_, text) = merge(&[&at(&inbox, "4.xlsx")], &ledger, &[]);
    assert!(text.contains("替换报告（2018-001）"), "{text}");
    let l = Ledger::read(&ledger).unwrap();
    assert_eq!(l.reports.rows.len(), 2);
    assert_eq!(
        l.reports.get(0, Column::Done).display(),
        "完成网格划分，选派网格党小组长65名"
    );
}

#[test]
fn round_trips_keep_dates_text_numbers_and_blanks() {
    let dir = tmp();
    let ledger = at(dir.path(), "台账.xlsx");
    merge(&[Path::new("samples/inbox")], &ledger, POLICY);
    let mut l = Ledger::read(&ledger).unwrap();
    l.projects.set(
        0,
        Column::Note,
        LCell::text("第一行\n第二行\n=SUM(A1:A2) 不是公式"),
    );
    l.save(&ledger).unwrap();
    let original = Ledger::read(&ledger).unwrap();
    for _ in 0..3 {
        Ledger::read(&ledger).unwrap().save(&ledger).unwrap();
    }
    let after = Ledger::read(&ledger).unwrap();
    assert_eq!(original, after);
    assert_eq!(
        after.projects.get(0, Column::Note).display(),
        "第一行\n第二行\n=SUM(A1:A2) 不是公式"
    );
    assert!(matches!(
        after.projects.get(0, Column::Start),
        LCell::Date(_)
    ));
    assert!(matches!(
        after.projects.get(0, Column::Budget),
        LCell::Number(_)
    ));
    assert!(after.projects.get(0, Column::Content).is_empty());
    let long = after.projects.get(0, Column::Measures).display();
    assert!(long.chars().count() > 60);
}

#[test]
fn a_failed_write_leaves_the_old_ledger_whole() {
    let dir = tmp();
    let ledger = at(dir.path(), "台账.xlsx");
    merge(&[Path::new("samples/inbox/2018-03-立项")], &ledger, POLICY);
    let before = std::fs::read(&ledger).unwrap();
    let l = Ledger::read(&ledger).unwrap();
    let bytes = l.to_bytes().unwrap();
    let err = taizhang::ledger::store::save_bytes_with(&ledger, &bytes, || {
        Err(std::io::Error::other("注入的故障"))
    })
    .unwrap_err();
    assert!(err.to_string().contains("注入的故障"));
    assert_eq!(std::fs::read(&ledger).unwrap(), before);
    assert!(Ledger::read(&ledger).is_ok());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "the temporary file is removed");
}

#[test]
fn a_locked_corrupt_or_damaged_ledger_stops_the_run_untouched() {
    let dir = tmp();
    let d = dir.path();
    let ledger = at(d, "台账.xlsx");
    merge(&[Path::new("samples/inbox/2018-03-立项")], &ledger, POLICY);
    let before = std::fs::read(&ledger).unwrap();
    let lock = taizhang::ledger::Lock::take(&ledger).unwrap();
    let (code, text) = merge(&[Path::new("samples/inbox/2018-04")], &ledger, POLICY);
    assert_eq!(code, 2);
    assert!(text.contains("正在被另一个合并任务使用"), "{text}");
    drop(lock);
    assert_eq!(std::fs::read(&ledger).unwrap(), before);

    let mut l = Ledger::read(&ledger).unwrap();
    let c = l.projects.col(Column::Name).unwrap();
    l.projects.headers[c] = "名称".into();
    l.save(&ledger).unwrap();
    let damaged = std::fs::read(&ledger).unwrap();
    let (code, text) = merge(&[Path::new("samples/inbox/2018-04")], &ledger, POLICY);
    assert_eq!(code, 2);
    assert!(
        text.contains("项目台账") && text.contains("项目名称"),
        "{text}"
    );
    assert_eq!(std::fs::read(&ledger).unwrap(), damaged);

    std::fs::write(&ledger, &before[..before.len() / 2]).unwrap();
    let (code, text) = merge(&[Path::new("samples/inbox/2018-04")], &ledger, POLICY);
    assert_eq!(code, 2);
    assert!(text.contains("无法读取"), "{text}");
    assert_eq!(std::fs::read(&ledger).unwrap().len(), before.len() / 2);
}

#[test]
fn dry_run_writes_nothing() {
    let dir = tmp();
    let ledger = at(dir.path(), "台账.xlsx");
    let (code, text) = merge(
        &[Path::new("samples/inbox/2018-03-立项")],
        &ledger,
        &["--policy", "samples/taizhang.toml", "--dry-run"],
    );
    assert_eq!(code, 1);
    assert!(
        text.contains("新增 20 个") || text.contains("新增 21 个"),
        "{text}"
    );
    assert!(text.contains("试运行"));
    assert!(!ledger.exists());
}
