//! 结项报告 / 自查考评表 (issue 17, SPEC §10): read like the other forms, merged onto the project's
//! row of 项目台账 beside the clerk's 验收结果, once, with a changed resend logged.

use std::io::Write;
use std::path::Path;

use crate::common::*;
use taizhang::ledger::Ledger;
use taizhang::model::Column;

const TITLE: &str = "2018年度基层党建创新项目结项报告（自查考评表）";

fn good_closing() -> Vec<(&'static str, V)> {
    vec![
        ("项目编号", V::T("2018-001")),
        ("申报单位", V::T("田家庵区委")),
        ("项目名称", V::T("红色网格党建引领基层治理工程")),
        ("目标完成情况", V::T("已全部完成立项目标")),
        (
            "主要成效",
            V::T("建成四级党建网格体系，选派网格党小组长62名，解决群众诉求300余件"),
        ),
        (
            "佐证材料清单",
            V::T("1.项目总结报告\n2.网格工作制度汇编\n3.活动照片"),
        ),
        ("自评等次", V::T("优秀")),
        ("自评得分", V::N(92.0)),
        ("存在不足", V::T("老旧小区网格覆盖还不够深入")),
        ("填报人", V::T("李娜")),
        ("填报日期", V::D(2018, 12, 20)),
    ]
}

/// `taizhang ARGS PATHS`: stdout, and the exit code.
fn run(args: &[&str], paths: &[&Path]) -> (String, i32) {
    let mut c = taizhang();
    c.args(args);
    for p in paths {
        c.arg(p);
    }
    let out = c.output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let code = out.status.code().unwrap_or(-1);
    assert!(code <= 1, "{text}{}", String::from_utf8_lossy(&out.stderr));
    (text, code)
}

fn zip_of(path: &Path, entries: &[(&str, &[u8])]) {
    let mut z = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, data) in entries {
        z.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        z.write_all(data).unwrap();
    }
    z.finish().unwrap();
}

#[test]
fn a_closing_report_is_read_and_flawed_ones_are_told() {
    let dir = tmp();
    let d = dir.path();
    let good = at(d, "田家庵区委-结项报告.xlsx");
    write_book(&good, &[sheet("Sheet1", rows(TITLE, &good_closing()))]);
    let bad_score = at(d, "大通区委-自查考评表.xlsx");
    // Each of another project, so that none is a duplicate of the first.
    let other = |name: &'static str| with(good_closing(), "项目名称", Some(V::T(name)));
    let pairs = with(
        other("社区党校建设与党员教育"),
        "自评得分",
        Some(V::T("120分")),
    );
    write_book(&bad_score, &[sheet("Sheet1", rows(TITLE, &pairs))]);
    let no_results = at(d, "谢家集区委-结项.xlsx");
    let pairs = with(other("先锋驿站建设工程"), "主要成效", Some(V::T("")));
    write_book(&no_results, &[sheet("Sheet1", rows(TITLE, &pairs))]);
    // No title at all: the labels alone say what it is.
    let untitled = at(d, "凤台县委-表.xlsx");
    let pairs = with(other("沿淮党建示范带建设"), "项目编号", None);
    write_book(&untitled, &[sheet("Sheet1", rows("", &pairs))]);

    let (json, _) = check_json(&[&good, &bad_score, &no_results, &untitled], &[]);
    let files = json["files"].as_array().unwrap();
    let of = |name: &str| {
        files
            .iter()
            .find(|f| f["path"].as_str().unwrap().ends_with(name))
            .unwrap()
    };
    let f = of("田家庵区委-结项报告.xlsx");
    assert_eq!(f["kind"], "closing", "{f}");
    assert_eq!(codes(f), Vec::<String>::new(), "{f}");
    let r = &f["record"];
    assert_eq!(r["goals_met"], "全部完成", "the official word is kept");
    assert_eq!(r["self_grade"], "优秀");
    assert_eq!(r["self_score"], 92.0);
    assert_eq!(r["submitted"], "2018-12-20");
    assert!(r["materials_list"].as_str().unwrap().contains("活动照片"));
    let f = of("大通区委-自查考评表.xlsx");
    assert_eq!(codes(f), ["E_SCORE"], "{f}");
    assert!(f["problems"][0]["message"]
        .as_str()
        .unwrap()
        .contains("“自评得分”应为 0–100 之间的分数：“120分”"));
    let f = of("谢家集区委-结项.xlsx");
    assert_eq!(codes(f), ["E_REQUIRED"], "{f}");
    assert_eq!(f["problems"][0]["field"], "results");
    assert_eq!(of("凤台县委-表.xlsx")["kind"], "closing");
}

#[test]
fn a_closing_report_fills_its_projects_row_once_and_a_changed_resend_is_logged() {
    let dir = tmp();
    let d = dir.path();
    let ledger = at(d, "台账.xlsx");
    let ls = ledger.to_str().unwrap();
    let proposals = at(d, "立项");
    std::fs::create_dir(&proposals).unwrap();
    write_book(
        &at(&proposals, "a.xlsx"),
        &[sheet("Sheet1", rows("立项书", &good_proposal()))],
    );
    run(&["merge", "--ledger", ls], &[&proposals]);
    approve_all(&ledger, None);
    let approved = Ledger::read(&ledger).unwrap().changes.rows.len();

    // December: the closing report comes zipped with its evidence; another names no project.
    let dec = at(d, "12月");
    std::fs::create_dir(&dec).unwrap();
    let form = at(d, "form.xlsx");
    write_book(&form, &[sheet("Sheet1", rows(TITLE, &good_closing()))]);
    let pdf = b"%PDF-1.4\n% summary\n".to_vec();
    zip_of(
        &at(&dec, "田家庵区委-结项.zip"),
        &[
            ("结项报告.xlsx", &std::fs::read(&form).unwrap()),
            ("项目总结.pdf", &pdf),
        ],
    );
    let stranger = with(good_closing(), "项目编号", Some(V::T("2018-099")));
    let stranger = with(stranger, "项目名称", Some(V::T("没有立项的项目名称")));
    write_book(
        &at(&dec, "外单位-结项报告.xlsx"),
        &[sheet("Sheet1", rows(TITLE, &stranger))],
    );
    let (out, code) = run(&["merge", "--ledger", ls], &[&dec]);
    assert_eq!(code, 1, "one file is returned: {out}");
    let line = |name: &str| out.lines().find(|l| l.contains(name)).unwrap_or_default();
    assert!(
        line("结项.zip › 结项报告.xlsx").contains("[结项报告]  登记结项（2018-001）"),
        "{out}"
    );
    assert!(
        line("项目总结.pdf").contains("登记为佐证材料（2018-001）"),
        "{out}"
    );
    assert!(line("外单位-结项报告.xlsx").contains("退回"), "{out}");
    assert!(out.contains("E_NO_PROJECT"), "{out}");
    assert!(out.contains("结项报告：登记 1 份"), "{out}");

    let l = Ledger::read(&ledger).unwrap();
    let t = &l.projects;
    let row = (0..t.rows.len())
        .find(|&r| t.get(r, Column::ProjectId).display() == "2018-001")
        .unwrap();
    assert_eq!(t.get(row, Column::GoalsMet).display(), "全部完成");
    assert_eq!(t.get(row, Column::SelfGrade).display(), "优秀");
    assert_eq!(t.get(row, Column::SelfScore).number(), Some(92.0));
    assert!(t.get(row, Column::Results).display().contains("62名"));
    assert!(t
        .get(row, Column::MaterialsList)
        .display()
        .contains("制度汇编"));
    assert!(t
        .get(row, Column::Shortfalls)
        .display()
        .contains("老旧小区"));
    // The proposal's 填报日期 is the proposal's: the closing report's does not replace it.
    assert_eq!(
        t.get(row, Column::Submitted).date(),
        chrono::NaiveDate::from_ymd_opt(2018, 3, 28)
    );
    assert_eq!(
        l.changes.rows.len(),
        approved,
        "a first report logs nothing"
    );
    assert_eq!(l.materials.rows.len(), 1);

    // Merged again: nothing changes.
    let (again, _) = run(&["merge", "--ledger", ls], &[&dec]);
    assert!(
        again.contains("结项.zip › 结项报告.xlsx  [结项报告]  已合并过"),
        "{again}"
    );
    let l2 = Ledger::read(&ledger).unwrap();
    assert_eq!(l2.changes.rows.len(), l.changes.rows.len());

    // A resend with another score: the row takes it and 变更记录 keeps the old one.
    let resent = at(d, "1月");
    std::fs::create_dir(&resent).unwrap();
    let changed = with(good_closing(), "自评得分", Some(V::N(88.0)));
    write_book(
        &at(&resent, "田家庵区委-结项报告（修改）.xlsx"),
        &[sheet("Sheet1", rows(TITLE, &changed))],
    );
    let (out, code) = run(&["merge", "--ledger", ls], &[&resent]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("登记结项（2018-001）"), "{out}");
    let l3 = Ledger::read(&ledger).unwrap();
    let row = (0..l3.projects.rows.len())
        .find(|&r| l3.projects.get(r, Column::ProjectId).display() == "2018-001")
        .unwrap();
    assert_eq!(l3.projects.get(row, Column::SelfScore).number(), Some(88.0));
    let c = &l3.changes;
    let logged = (0..c.rows.len())
        .find(|&r| c.get(r, Column::Field).display() == "自评得分")
        .expect("the change is logged");
    assert_eq!(c.get(logged, Column::OldValue).number(), Some(92.0));
    assert_eq!(c.get(logged, Column::NewValue).number(), Some(88.0));

    // The clerk's acceptance sits beside it and the unit's account stays.
    let (out, _) = run(&["accept", "2018-001", "--as", "通过", "--ledger", ls], &[]);
    assert!(out.contains("通过"), "{out}");
    let l4 = Ledger::read(&ledger).unwrap();
    assert_eq!(l4.projects.get(row, Column::Acceptance).display(), "通过");
    assert_eq!(l4.projects.get(row, Column::SelfGrade).display(), "优秀");
}
