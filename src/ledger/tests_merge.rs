//! The merge rules (SPEC §6) through [`super::run::merge_inputs`], the whole merge the command line
//! and the page run: in-memory forms merged into a ledger file in a temporary folder, which the
//! tests read back (and edit, as the clerk does) between merges.

use std::path::PathBuf;

use chrono::NaiveDateTime;

use super::merge::Action;
use super::run::{merge_inputs, MergeJob, MergeRun};
use super::Ledger;
use crate::batch::Input;
use crate::model::Value;
use crate::policy::Policy;
use crate::read::{Limits, Workbook};
use crate::testkit::*;

/// A ledger in a temporary folder, merged into under the innovation preset.
struct Desk {
    dir: tempfile::TempDir,
    policy: Policy,
}

impl Desk {
    fn new() -> Desk {
        Desk {
            dir: tempfile::tempdir().expect("temporary folder"),
            policy: innovation(),
        }
    }

    fn path(&self) -> PathBuf {
        self.dir.path().join("台账.xlsx")
    }

    /// Merges the inputs as `taizhang merge` does, at `when` (`2018-06-05 10:00:00`).
    fn merge_at(&self, inputs: &[Input], when: &str) -> MergeRun {
        let now = NaiveDateTime::parse_from_str(when, "%Y-%m-%d %H:%M:%S").expect("a time");
        let path = self.path();
        let job = MergeJob {
            ledger: &path,
            inputs,
            policy: &self.policy,
            limits: &Limits::default(),
            dry_run: false,
            now,
            materials: None,
        };
        merge_inputs(&job, &|_| {}).expect("merged")
    }

    fn merge(&self, inputs: &[Input]) -> MergeRun {
        self.merge_at(inputs, "2018-06-05 10:00:00")
    }

    /// The ledger as saved.
    fn ledger(&self) -> Ledger {
        Ledger::read(&self.path()).expect("ledger readable")
    }
}

/// A valid proposal named `name`.
fn named(name: &str) -> Workbook {
    proposal_form(&set(proposal(), "项目名称", Some(text(name))))
}

/// What the merge did with each file, and the project IDs.
fn actions(run: &MergeRun) -> Vec<(Action, Option<String>)> {
    run.outcome
        .files
        .iter()
        .map(|(_, a, id)| (*a, id.clone()))
        .collect()
}

fn id(n: &str) -> Option<String> {
    Some(format!("2018-{n}"))
}

/// The 项目台账 row of the project with this name.
fn row_of(ledger: &Ledger, name: &str) -> usize {
    (0..ledger.projects.rows.len())
        .find(|&r| ledger.projects.get_named(r, "项目名称").display() == name)
        .unwrap_or_else(|| panic!("no project {name}"))
}

const MAIN: &str = "红色网格党建引领基层治理工程";

#[test]
fn new_projects_get_ids_in_path_order_and_proposals_are_merged_before_reports() {
    let desk = Desk::new();
    let inputs = inputs(&[
        // A report first in path order: its project is in the same batch, merged before it.
        ("a-进度.xlsx", progress_form(&progress("2018年5月", 0.3))),
        ("b.xlsx", named("网格治理示范工程")),
        ("c.xlsx", named("爱心驿站服务工程")),
        ("d.xlsx", proposal_form(&proposal())),
    ]);
    let run = desk.merge(&inputs);
    assert_eq!(
        actions(&run),
        [
            (Action::ReportAdded, id("003")),
            (Action::Added, id("001")),
            (Action::Added, id("002")),
            (Action::Added, id("003")),
        ]
    );
    let ledger = desk.ledger();
    let ids: Vec<(String, String)> = (0..ledger.projects.rows.len())
        .map(|r| {
            let get = |h| ledger.projects.get_named(r, h).display();
            (get("项目编号"), get("项目名称"))
        })
        .collect();
    assert_eq!(
        ids,
        [
            ("2018-001".to_owned(), "网格治理示范工程".to_owned()),
            ("2018-002".to_owned(), "爱心驿站服务工程".to_owned()),
            ("2018-003".to_owned(), MAIN.to_owned()),
        ]
    );
    // A later batch continues the numbering.
    let later = desk.merge(&crate::testkit::inputs(&[(
        "e.xlsx",
        named("党员先锋岗建设工程"),
    )]));
    assert_eq!(actions(&later), [(Action::Added, id("004"))]);
}

#[test]
fn merging_the_same_files_again_changes_nothing() {
    let desk = Desk::new();
    let inputs = inputs(&[
        ("1.xlsx", proposal_form(&proposal())),
        ("2.xlsx", named("爱心驿站服务工程")),
        ("3.xlsx", progress_form(&progress("2018年5月", 0.3))),
    ]);
    desk.merge(&inputs);
    let once = desk.ledger();
    let again = desk.merge(&inputs);
    assert_eq!(
        actions(&again),
        vec![(Action::AlreadyMerged, None); 3],
        "every file is known by its SHA-256"
    );
    assert_eq!(again.outcome.changes, 0);
    assert_eq!(desk.ledger(), once);
    // The same forms in new files (other bytes, same content): nothing changes either.
    let resent = crate::testkit::inputs(&[
        (
            "1-再报.xlsx",
            proposal_form(&set(proposal(), "经费预算", Some(text("5")))),
        ),
        ("3-再报.xlsx", progress_form(&progress("2018-05", 0.3))),
    ]);
    let run = desk.merge(&resent);
    assert_eq!(
        actions(&run),
        [
            (Action::Unchanged, id("001")),
            (Action::ReportReplaced, id("001"))
        ]
    );
    let ledger = desk.ledger();
    assert_eq!(ledger.projects, once.projects);
    assert_eq!(ledger.changes, once.changes);
    assert_eq!(ledger.reports.rows.len(), 1);
}

#[test]
fn a_clerks_correction_stays_until_the_unit_sends_another_value_and_changes_are_logged() {
    let desk = Desk::new();
    desk.merge(&inputs(&[("1.xlsx", proposal_form(&proposal()))]));
    // The clerk corrects the phone in the ledger.
    let mut ledger = desk.ledger();
    let row = row_of(&ledger, MAIN);
    ledger
        .projects
        .set_named(row, "联系电话", Value::text("0554-6612345"));
    ledger.save(&desk.path()).expect("saved");
    // The unit re-sends the proposal with other deliverables and the old phone.
    let second = set(proposal(), "成果形式", Some(text("工作制度汇编、典型案例")));
    let run = desk.merge_at(
        &inputs(&[("2.xlsx", proposal_form(&second))]),
        "2018-06-06 09:30:00",
    );
    assert_eq!(actions(&run), [(Action::Updated, id("001"))]);
    assert_eq!(run.outcome.changes, 1);
    let ledger = desk.ledger();
    let get = |h| ledger.projects.get_named(row, h).display();
    assert_eq!(get("联系电话"), "0554-6612345", "the correction stays");
    assert_eq!(get("成果形式"), "工作制度汇编、典型案例");
    assert_eq!(get("版本"), "2");
    assert_eq!(get("来源文件"), "2.xlsx");
    let changes = &ledger.changes;
    assert_eq!(changes.rows.len(), 1);
    let change = |h| changes.get_named(0, h).display();
    assert_eq!(change("项目编号"), "2018-001");
    assert_eq!(change("字段"), "成果形式");
    assert_eq!(change("原值"), "工作制度汇编");
    assert_eq!(change("新值"), "工作制度汇编、典型案例");
    assert_eq!(change("来源文件"), "2.xlsx");
    assert_eq!(change("时间"), "2018-06-06 09:30:00");
    // Now the unit sends a new phone: it replaces the correction, and the log says so.
    let third = set(second, "联系电话", Some(text("13905540000")));
    desk.merge(&inputs(&[("3.xlsx", proposal_form(&third))]));
    let ledger = desk.ledger();
    assert_eq!(
        ledger.projects.get_named(row, "联系电话").display(),
        "13905540000"
    );
    let last = ledger.changes.rows.len() - 1;
    assert_eq!(ledger.changes.get_named(last, "字段").display(), "联系电话");
    assert_eq!(
        ledger.changes.get_named(last, "原值").display(),
        "0554-6612345"
    );
    assert_eq!(
        ledger.changes.get_named(last, "新值").display(),
        "13905540000"
    );
}

#[test]
fn a_report_on_a_project_not_in_the_ledger_is_e_no_project() {
    let desk = Desk::new();
    let run = desk.merge(&inputs(&[(
        "进度.xlsx",
        progress_form(&progress("2018年5月", 0.3)),
    )]));
    assert_eq!(actions(&run), [(Action::Rejected, None)]);
    let file = &run.batch.files[0];
    assert_eq!(codes(file), ["E_NO_PROJECT"]);
    assert!(!file.ok);
    assert!(
        file.problems[0].message.contains(MAIN),
        "{}",
        file.problems[0].message
    );
    assert!(desk.ledger().reports.rows.is_empty());
}

#[test]
fn a_report_below_the_previous_period_is_w_percent_down_and_still_merged() {
    let desk = Desk::new();
    desk.merge(&inputs(&[
        ("立项.xlsx", proposal_form(&proposal())),
        ("5月.xlsx", progress_form(&progress("2018年5月", 0.35))),
    ]));
    let run = desk.merge(&inputs(&[(
        "6月.xlsx",
        progress_form(&progress("2018年6月", 0.2)),
    )]));
    assert_eq!(actions(&run), [(Action::ReportAdded, id("001"))]);
    let file = &run.batch.files[0];
    assert_eq!(codes(file), ["W_PERCENT_DOWN"]);
    assert!(file.ok);
    let message = &file.problems[0].message;
    assert!(
        message.contains("2018-05") && message.contains("35"),
        "{message}"
    );
    // Up again in July: no warning (compared with June, the latest earlier period).
    let run = desk.merge(&inputs(&[(
        "7月.xlsx",
        progress_form(&progress("2018年7月", 0.25)),
    )]));
    assert_eq!(codes(&run.batch.files[0]), Vec::<&str>::new());
    assert_eq!(desk.ledger().reports.rows.len(), 3);
}

#[test]
fn a_flawed_report_resent_corrected_is_superseded_not_rejected() {
    let desk = Desk::new();
    let flawed = set(progress("2018年5月", 0.3), "完成进度", Some(text("三成")));
    let inputs = inputs(&[
        ("0.xlsx", proposal_form(&proposal())),
        ("1.xlsx", progress_form(&flawed)),
        ("2.xlsx", progress_form(&progress("2018年5月", 0.3))),
    ]);
    let run = desk.merge(&inputs);
    assert_eq!(
        actions(&run),
        [
            (Action::Added, id("001")),
            (Action::Superseded, None),
            (Action::ReportAdded, id("001")),
        ]
    );
    assert_eq!(run.outcome.count(Action::Rejected), 0);
    assert_eq!(run.batch.files[1].superseded_by.as_deref(), Some("2.xlsx"));
    let ledger = desk.ledger();
    assert_eq!(ledger.reports.rows.len(), 1);
    assert_eq!(
        ledger.sources.rows.len(),
        2,
        "the superseded file is not in 来源文件"
    );
    assert!(super::run::summary_line(&run.outcome).contains("已取代 1 个"));
}

#[test]
fn on_file_names_the_units_with_projects_of_the_year_and_their_reports() {
    let mut desk = Desk::new();
    desk.policy =
        innovation_with("[[units]]\nname = \"田家庵区委\"\naliases = [\"淮南市田家庵区委\"]\n");
    let inputs = inputs(&[
        ("0.xlsx", proposal_form(&proposal())),
        ("1.xlsx", progress_form(&progress("2018年5月", 0.3))),
    ]);
    desk.merge(&inputs);
    let on_file = super::sent::on_file(&desk.ledger(), &desk.policy);
    assert!(on_file.proposals.contains("田家庵区委"), "{on_file:?}");
    assert!(on_file
        .reports
        .contains(&("田家庵区委".to_owned(), "2018-05".to_owned())));
    // Another year's projects are not this year's proposals.
    desk.policy.year = 2019;
    let on_file = super::sent::on_file(&desk.ledger(), &desk.policy);
    assert!(on_file.proposals.is_empty(), "{on_file:?}");
}

/// A valid secretary-preset proposal of `unit` named `name`, led by `owner`.
fn secretary_project(unit: &str, name: &str, owner: &str) -> Workbook {
    let p = set(proposal(), "项目类别", None);
    let p = set(p, "参考目录序号", None);
    let p = set(p, "申报单位", Some(text(unit)));
    let p = set(p, "项目名称", Some(text(name)));
    let p = set(p, "责任人", Some(text(owner)));
    let mut p = set(p, "职务", Some(text("党总支书记")));
    p.push(("主要内容", text("围绕教师党支部建设开展双带头人培育")));
    p.push(("可行性分析", text("学院党总支已有工作基础，经费有保障")));
    let p = set(p, "开始时间", Some(text("2017-03-01")));
    let p = set(p, "完成时间", Some(text("2017-12-31")));
    proposal_form(&set(p, "填报日期", Some(text("2017-03-20"))))
}

#[test]
fn a_secretary_ledger_has_no_category_columns_and_one_project_per_secretary() {
    let mut desk = Desk::new();
    desk.policy = secretary();
    let first = inputs(&[(
        "机电学院.xlsx",
        secretary_project("机电学院党总支", "双带头人培育工程", "王  军"),
    )]);
    let run = desk.merge_at(&first, "2017-03-25 10:00:00");
    assert_eq!(codes(&run.batch.files[0]), Vec::<&str>::new());
    let ledger = desk.ledger();
    for sheet in [&ledger.projects, &ledger.units, &ledger.submitted] {
        for gone in ["项目类别", "参考目录序号", "A类项目数"] {
            assert!(
                !sheet.headers.iter().any(|h| h == gone),
                "{gone} in {}",
                sheet.name
            );
        }
    }
    // Later in the year the same secretary (spaced differently) sends a second project for
    // another unit: flagged at merge, against the ledger; still merged (a warning by default).
    let second = inputs(&[(
        "文法学院.xlsx",
        secretary_project("文法学院党委", "支部堡垒工程", "王军"),
    )]);
    let run = desk.merge_at(&second, "2017-06-01 10:00:00");
    let file = &run.batch.files[0];
    assert_eq!(codes(file), vec!["W_PER_OWNER"]);
    let message = &file.problems[0].message;
    assert!(message.contains("双带头人培育工程"), "{message}");
    assert!(message.contains("每位书记每年 1 个项目"), "{message}");
    assert_eq!(run.outcome.count(Action::Added), 1);
    // Graded an error by the policy: refused, not added.
    desk.policy.rules.per_owner = Some(crate::policy::RuleGrade::Error);
    let third = inputs(&[(
        "外语学院.xlsx",
        secretary_project("外语学院党总支", "第三个工程", "王军"),
    )]);
    let run = desk.merge_at(&third, "2017-07-01 10:00:00");
    assert!(!run.batch.files[0].ok);
    assert_eq!(run.outcome.count(Action::Rejected), 1);
    assert_eq!(desk.ledger().project_rows().count(), 2);
}

/// A workbook whose sheets each hold one proposal (SPEC §3.5), named as given.
fn sheets_of(forms: &[(&str, Workbook)]) -> Workbook {
    let sheets = forms
        .iter()
        .flat_map(|(name, book)| {
            book.sheets.iter().cloned().map(move |mut s| {
                s.name = (*name).to_owned();
                s
            })
        })
        .collect();
    Workbook { sheets }
}

#[test]
fn a_file_of_several_forms_merges_each_and_returns_the_bad_one_alone() {
    let desk = Desk::new();
    let file = sheets_of(&[
        ("项目一", named("网格治理示范工程")),
        (
            "项目二",
            proposal_form(&set(proposal(), "工作目标", Some(text("太短")))),
        ),
        ("项目三", named("爱心驿站服务工程")),
    ]);
    let inputs = inputs(&[("三个项目.xlsx", file)]);
    let run = desk.merge(&inputs);
    assert_eq!(
        actions(&run),
        [
            (Action::Added, id("001")),
            (Action::Rejected, None),
            (Action::Added, id("002")),
        ]
    );
    assert_eq!(run.batch.files[1].path, "三个项目.xlsx › 项目二");
    assert!(run.batch.files[1].returned());
    let ledger = desk.ledger();
    assert_eq!(ledger.projects.rows.len(), 2);
    // 来源文件 records the file once, with the parts it gave.
    assert_eq!(ledger.sources.rows.len(), 1);
    assert_eq!(
        ledger.sources.get_named(0, "文件名").display(),
        "三个项目.xlsx › 项目一、项目三"
    );
    assert_eq!(
        ledger.sources.get_named(0, "项目编号").display(),
        "2018-001、2018-002"
    );
    // The same file again changes nothing; its bad record is still returned.
    let again = desk.merge(&inputs);
    assert_eq!(
        actions(&again),
        [
            (Action::AlreadyMerged, None),
            (Action::Rejected, None),
            (Action::AlreadyMerged, None),
        ]
    );
    assert_eq!(again.outcome.changes, 0);
    assert_eq!(desk.ledger(), ledger);
}

/// A 结项报告 of the main project, from pairs over the good one's.
fn closing_report(changes: &[(&str, &str)]) -> Workbook {
    let mut pairs = vec![
        ("申报单位", text("田家庵区委")),
        ("项目名称", text(MAIN)),
        ("目标完成情况", text("全部完成")),
        ("主要成效", text("建成四级党建网格体系")),
        ("佐证材料清单", text("项目总结、活动照片")),
        ("自评等次", text("优秀")),
        ("自评得分", Value::Number(92.0)),
    ];
    for (label, value) in changes {
        pairs = set(pairs, label, Some(text(value)));
    }
    form("结项报告", "2018年度基层党建创新项目结项报告", &pairs, &[])
}

#[test]
fn a_clerks_correction_of_a_closing_report_stays_until_the_unit_sends_another_value() {
    let desk = Desk::new();
    desk.merge(&inputs(&[("1.xlsx", proposal_form(&proposal()))]));
    let run = desk.merge(&inputs(&[("结项.xlsx", closing_report(&[]))]));
    assert_eq!(actions(&run), [(Action::Closed, id("001"))]);
    let mut ledger = desk.ledger();
    let row = row_of(&ledger, MAIN);
    let changes_before = ledger.changes.rows.len();
    ledger.projects.set_named(
        row,
        "主要成效",
        Value::text("建成四级党建网格体系（已核实）"),
    );
    ledger.save(&desk.path()).expect("saved");
    // The unit re-sends with another score and the old 主要成效.
    let second = closing_report(&[("自评得分", "88")]);
    let run = desk.merge(&inputs(&[("结项（二）.xlsx", second)]));
    assert_eq!(actions(&run), [(Action::Closed, id("001"))]);
    let ledger = desk.ledger();
    let get = |h| ledger.projects.get_named(row, h).display();
    assert_eq!(
        get("主要成效"),
        "建成四级党建网格体系（已核实）",
        "the correction stays"
    );
    assert_eq!(get("自评得分"), "88");
    assert_eq!(ledger.changes.rows.len(), changes_before + 1);
    // Now the unit sends other results: they replace the correction, and the log keeps it.
    let third = closing_report(&[("自评得分", "88"), ("主要成效", "建成网格186个")]);
    desk.merge(&inputs(&[("结项（三）.xlsx", third)]));
    let ledger = desk.ledger();
    assert_eq!(
        ledger.projects.get_named(row, "主要成效").display(),
        "建成网格186个"
    );
    let last = ledger.changes.rows.len() - 1;
    assert_eq!(ledger.changes.get_named(last, "字段").display(), "主要成效");
    assert_eq!(
        ledger.changes.get_named(last, "原值").display(),
        "建成四级党建网格体系（已核实）"
    );
}
