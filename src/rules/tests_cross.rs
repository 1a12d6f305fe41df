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
