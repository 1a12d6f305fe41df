//! The cross-file rules (SPEC §4, §9) on in-memory batches: duplicates, quotas, unknown units.

use crate::policy::Policy;
use crate::read::Workbook;
use crate::testkit::*;

/// Two counties (2–3 projects, at least one of category A) and one other unit (1–2 projects).
fn policy() -> Policy {
    innovation_with(
        "[[units]]\nname = \"田家庵区委\"\ntype = \"县区\"\naliases = [\"淮南市田家庵区委\"]\n\n\
         [[units]]\nname = \"潘集区委\"\ntype = \"县区\"\n\n\
         [[units]]\nname = \"市直机关工委\"\ntype = \"其他\"\n",
    )
}

/// A valid proposal of `unit` named `name`, of category `category` (`A` or `B`).
fn project(unit: &str, name: &str, category: &str) -> Workbook {
    let p = set(proposal(), "申报单位", Some(text(unit)));
    let p = set(p, "项目名称", Some(text(name)));
    let p = set(p, "项目类别", Some(text(&format!("{category}类"))));
    proposal_form(&set(p, "职务", Some(text("党委书记"))))
}

/// Four distinct projects of one unit, in files `a.xlsx` to `d.xlsx`.
fn four_projects(unit: &str, category: &str) -> Vec<(&'static str, Workbook)> {
    ["a.xlsx", "b.xlsx", "c.xlsx", "d.xlsx"]
        .into_iter()
        .zip(["一", "二", "三", "四"])
        .map(|(file, n)| (file, project(unit, &format!("{unit}第{n}号工程"), category)))
        .collect()
}

/// The sorted codes of every file of a batch of named workbooks.
fn batch_codes(books: &[(&str, Workbook)]) -> Vec<Vec<&'static str>> {
    check_all(books, &policy())
        .files
        .iter()
        .map(codes)
        .collect()
}

const NONE: Vec<&str> = Vec::new();

#[test]
fn the_second_copy_of_a_proposal_is_a_duplicate_naming_the_first() {
    let books = [
        ("1.xlsx", project("田家庵区委", "红色网格工程", "A")),
        ("2.xlsx", project("潘集区委", "红色网格工程", "A")),
        // The same project under the unit's other name, its name spaced out.
        ("3.xlsx", project("淮南市田家庵区委", "红色网格 工程", "A")),
    ];
    let batch = check_all(&books, &policy());
    let all: Vec<_> = batch.files.iter().map(codes).collect();
    assert_eq!(all, [NONE, NONE, vec!["W_DUPLICATE"]]);
    let problem = &batch.files[2].problems[0];
    assert!(problem.message.contains("1.xlsx"), "{}", problem.message);
    assert!(batch.files[2].ok, "a duplicate is a warning");
}

#[test]
fn progress_reports_are_duplicates_only_for_the_same_period() {
    let books = [
        ("5月.xlsx", progress_form(&progress("2018年5月", 0.3))),
        ("6月.xlsx", progress_form(&progress("2018年6月", 0.5))),
        ("6月再报.xlsx", progress_form(&progress("2018-06", 0.5))),
    ];
    assert_eq!(batch_codes(&books), [NONE, NONE, vec!["W_DUPLICATE"]]);
}

#[test]
fn a_county_over_its_quota_is_warned_on_every_file() {
    let four = four_projects("潘集区委", "A");
    assert_eq!(batch_codes(&four), vec![vec!["W_QUOTA"]; 4]);
    assert_eq!(batch_codes(&four[..3]), vec![NONE; 3]);
    let batch = check_all(&four, &policy());
    let message = &batch.files[0].problems[0].message;
    assert!(message.contains("潘集区委"), "{message}");
}

#[test]
fn a_county_needs_one_category_a_project_once_it_has_the_minimum() {
    let b1 = ("1.xlsx", project("潘集区委", "潘集理论研究一", "B"));
    let b2 = ("2.xlsx", project("潘集区委", "潘集理论研究二", "B"));
    let a3 = ("3.xlsx", project("潘集区委", "潘集创新实践三", "A"));
    // One project may be the first of several: no quota yet.
    assert_eq!(batch_codes(std::slice::from_ref(&b1)), [NONE]);
    assert_eq!(
        batch_codes(&[b1.clone(), b2.clone()]),
        [["W_QUOTA"], ["W_QUOTA"]]
    );
    assert_eq!(batch_codes(&[b1, b2, a3]), [NONE, NONE, NONE]);
}

#[test]
fn a_resent_form_counts_once_towards_the_quota() {
    let books = [
        ("1.xlsx", project("潘集区委", "潘集第一号工程", "A")),
        ("2.xlsx", project("潘集区委", "潘集第二号工程", "A")),
        ("3.xlsx", project("潘集区委", "潘集第三号工程", "A")),
        ("3再报.xlsx", project("潘集区委", "潘集第三号工程", "A")),
    ];
    assert_eq!(batch_codes(&books), [NONE, NONE, NONE, vec!["W_DUPLICATE"]]);
}

#[test]
fn other_units_have_their_own_quota_and_unknown_units_none() {
    let books = [
        ("1.xlsx", project("市直机关工委", "机关党建一号", "B")),
        ("2.xlsx", project("市直机关工委", "机关党建二号", "B")),
        ("3.xlsx", project("市直机关工委", "机关党建三号", "B")),
    ];
    assert_eq!(batch_codes(&books[..2]), [NONE, NONE]);
    assert_eq!(batch_codes(&books), vec![vec!["W_QUOTA"]; 3]);
    assert_eq!(
        batch_codes(&four_projects("某某工委", "B")),
        vec![vec!["W_UNIT_UNKNOWN"]; 4]
    );
}

/// A proposal of 田家庵区委's 红色网格工程 whose 完成时间 cannot be read.
fn flawed_project() -> Workbook {
    let p = set(proposal(), "申报单位", Some(text("田家庵区委")));
    let p = set(p, "项目名称", Some(text("红色网格工程")));
    let p = set(p, "项目类别", Some(text("A类")));
    let p = set(p, "职务", Some(text("党委书记")));
    proposal_form(&set(p, "完成时间", Some(text("明年春天"))))
}

#[test]
fn a_flawed_proposal_resent_valid_is_superseded_not_a_duplicate() {
    let books = [
        ("1.xlsx", flawed_project()),
        ("2.xlsx", project("淮南市田家庵区委", "红色网格工程", "A")),
    ];
    let batch = check_all(&books, &policy());
    assert_eq!(batch.files[0].superseded_by.as_deref(), Some("2.xlsx"));
    assert!(!batch.files[0].ok && !batch.files[0].returned());
    assert_eq!(
        codes(&batch.files[0]),
        ["E_DATE"],
        "its problems stay listed"
    );
    assert_eq!(
        codes(&batch.files[1]),
        NONE,
        "no W_DUPLICATE against the original"
    );
    assert_eq!(batch.summary.with_errors, 0);
    assert_eq!(batch.summary.superseded, 1);
    assert_eq!(batch.summary.ok, 1);
}

#[test]
fn only_a_later_valid_file_of_the_same_project_supersedes() {
    // The valid copy came first: the flawed one is a later file to return, and a duplicate.
    let books = [
        ("1.xlsx", project("田家庵区委", "红色网格工程", "A")),
        ("2.xlsx", flawed_project()),
    ];
    let batch = check_all(&books, &policy());
    assert_eq!(batch.files[1].superseded_by, None);
    assert_eq!(codes(&batch.files[1]), ["E_DATE", "W_DUPLICATE"]);
    assert_eq!(batch.summary.with_errors, 1);
    // Another project, or another unit's, replaces nothing.
    let books = [
        ("1.xlsx", flawed_project()),
        ("2.xlsx", project("田家庵区委", "党员积分制工程", "A")),
        ("3.xlsx", project("潘集区委", "红色网格工程", "A")),
    ];
    let batch = check_all(&books, &policy());
    assert_eq!(batch.files[0].superseded_by, None);
    // Two flawed copies: neither is valid, both are returned.
    let books = [("1.xlsx", flawed_project()), ("2.xlsx", flawed_project())];
    let batch = check_all(&books, &policy());
    assert!(batch.files.iter().all(|r| r.superseded_by.is_none()));
    // Two valid copies after a flawed one: the flawed one names the latest, the copies are
    // duplicates of each other.
    let books = [
        ("1.xlsx", flawed_project()),
        ("2.xlsx", project("田家庵区委", "红色网格工程", "A")),
        ("3.xlsx", project("田家庵区委", "红色网格工程", "A")),
    ];
    let batch = check_all(&books, &policy());
    assert_eq!(batch.files[0].superseded_by.as_deref(), Some("3.xlsx"));
    assert_eq!(codes(&batch.files[2]), ["W_DUPLICATE"]);
    assert!(batch.files[2].problems[0].message.contains("2.xlsx"));
}

#[test]
fn a_report_is_superseded_only_by_one_of_its_own_period() {
    let flawed = set(progress("2018年5月", 0.3), "完成进度", Some(text("三成")));
    let books = [
        ("5月.xlsx", progress_form(&flawed)),
        ("6月.xlsx", progress_form(&progress("2018年6月", 0.5))),
    ];
    let batch = check_all(&books, &policy());
    assert_eq!(batch.files[0].superseded_by, None);
    let books = [
        ("5月.xlsx", progress_form(&flawed)),
        ("5月修改.xlsx", progress_form(&progress("2018-05", 0.3))),
    ];
    let batch = check_all(&books, &policy());
    assert_eq!(
        batch.files[0].superseded_by.as_deref(),
        Some("5月修改.xlsx")
    );
    assert_eq!(codes(&batch.files[1]), NONE);
}

#[test]
fn later_is_the_mail_date_then_the_modification_time_then_path_order() {
    use super::cross::Arrival;
    use std::time::{Duration, UNIX_EPOCH};
    let at = |mailed: Option<i64>, modified: Option<u64>, order| Arrival {
        mailed,
        modified: modified.map(|s| UNIX_EPOCH + Duration::from_secs(s)),
        order,
    };
    // Path order alone.
    assert!(at(None, None, 2).after(&at(None, None, 1)));
    // A later modification time beats path order.
    assert!(at(None, Some(200), 1).after(&at(None, Some(100), 2)));
    // A later mail beats both.
    assert!(at(Some(2_000), Some(100), 1).after(&at(Some(1_000), Some(200), 2)));
    // Equal mail dates (one mail): the modification time, then path order.
    assert!(at(Some(1_000), None, 2).after(&at(Some(1_000), None, 1)));
    // Only one side known: path order.
    assert!(at(Some(1_000), None, 2).after(&at(None, Some(100), 1)));
    assert!(!at(Some(1_000), None, 1).after(&at(None, Some(100), 2)));
}

/// A valid secretary-preset proposal of `unit` named `name`, led by `owner`.
fn led_by(unit: &str, name: &str, owner: &str) -> Workbook {
    let p = set(proposal(), "项目类别", None);
    let p = set(p, "申报单位", Some(text(unit)));
    let p = set(p, "项目名称", Some(text(name)));
    let p = set(p, "责任人", Some(text(owner)));
    let mut p = set(p, "职务", Some(text("党委书记")));
    p.push(("主要内容", text("围绕教师党支部建设开展双带头人培育")));
    p.push(("可行性分析", text("学院党总支已有工作基础，经费有保障")));
    let p = set(p, "开始时间", Some(text("2017-03-01")));
    proposal_form(&set(p, "完成时间", Some(text("2017-12-31"))))
}

#[test]
fn one_project_per_secretary_is_counted_by_owner_across_units() {
    let policy = secretary();
    let books = [
        ("1.xlsx", led_by("机电学院党总支", "双带头人工程", "王军")),
        ("2.xlsx", led_by("文法学院党委", "支部堡垒工程", "王 军")),
        ("3.xlsx", led_by("外语学院党总支", "党员先锋工程", "李红")),
        // The same project again is a duplicate, not a second project.
        ("4.xlsx", led_by("外语学院党总支", "党员先锋工程", "李红")),
    ];
    let batch = check_all(&books, &policy);
    let all: Vec<_> = batch.files.iter().map(codes).collect();
    assert_eq!(
        all,
        [
            vec!["W_PER_OWNER"],
            vec!["W_PER_OWNER"],
            NONE,
            vec!["W_DUPLICATE"]
        ]
    );
    let message = &batch.files[0].problems[0].message;
    assert!(message.contains("责任人“王军”"), "{message}");
    assert!(message.contains("每位书记每年 1 个项目"), "{message}");
    assert!(!message.contains("A类"), "{message}");
    let mut off = secretary();
    off.rules.per_owner = Some(crate::policy::RuleGrade::Off);
    let batch = check_all(&books[..2], &off);
    assert!(batch.files.iter().all(|f| f.problems.is_empty()));
}
