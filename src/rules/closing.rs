//! Closing-report rules (结项报告 / 自查考评表, SPEC §10): what the unit says it achieved, read
//! like the other forms so that the clerk's 验收 is decided on it.

use super::fields::Fields;
use super::record::Closing;
use super::{Code, Problem};
use crate::form::RawForm;
use crate::model::values::{self, DayRole};
use crate::model::Field;
use crate::policy::Policy;
use crate::say::problems as say;

/// The words of 目标完成情况, from most to least: the first found in the unit's text is kept.
pub const GOALS: &[&str] = &["全部完成", "基本完成", "部分完成", "未完成"];

/// 自评等次 when the policy names no grades.
pub const DEFAULT_GRADES: &[&str] = &["优秀", "良好", "一般", "较差"];

/// The grades a unit may give itself: the policy's ranking grades, else [`DEFAULT_GRADES`].
pub fn grades(policy: &Policy) -> Vec<String> {
    if policy.ranking.grades.is_empty() {
        DEFAULT_GRADES.iter().map(|g| (*g).to_owned()).collect()
    } else {
        policy
            .ranking
            .grades
            .iter()
            .map(|g| g.name.clone())
            .collect()
    }
}

/// The official word inside a unit's wording (`已全部完成` → 全部完成; the longest, so 不合格 is
/// no 合格), else the wording itself: also when a negation the word lacks stands in the text
/// (`未全部完成` is no 全部完成; the clerk reads it as written).
fn known(text: String, words: &[String]) -> String {
    let negations = ['未', '没', '不'];
    let found = (words.iter())
        .filter(|w| text.contains(w.as_str()))
        .max_by_key(|w| w.chars().count());
    match found {
        Some(w) if w.contains(negations) || !text.contains(negations) => w.clone(),
        _ => text,
    }
}

/// Validates a closing report: the record of what was understood, and every problem.
pub fn check(raw: &RawForm, policy: &Policy) -> (Closing, Vec<Problem>) {
    let mut f = Fields::new(raw, policy);
    let mut c = Closing {
        project_id: f.name(Field::ProjectId).map(|(t, _)| t.replace(' ', "")),
        unit: f.name(Field::Unit).map(|(t, _)| t),
        name: f.name(Field::Name).map(|(t, _)| t),
        ..Closing::default()
    };
    let goals: Vec<String> = GOALS.iter().map(|g| (*g).to_owned()).collect();
    c.goals_met = f.name(Field::GoalsMet).map(|(t, _)| known(t, &goals));
    c.results = f.text(Field::Results).map(|(t, _)| t);
    c.materials_list = f.text(Field::MaterialsList).map(|(t, _)| t);
    c.self_grade = f
        .name(Field::SelfGrade)
        .map(|(t, _)| known(t, &grades(policy)));
    if let Some(found) = f.get(Field::SelfScore) {
        match values::parse_amount(found.value) {
            Some(n) if (0.0..=100.0).contains(&n) => c.self_score = Some(n),
            _ => {
                let message = say::bad_self_score(found.label, &found.value.to_text(), found.cell);
                let cell = found.cell.to_owned();
                f.problem(Code::E_SCORE, Field::SelfScore, Some(&cell), message);
            }
        }
    }
    c.shortfalls = f.text(Field::Shortfalls).map(|(t, _)| t);
    c.reporter = f.name(Field::Reporter).map(|(t, _)| t);
    c.submitted = f.date(Field::Submitted, DayRole::Start).map(|(d, ..)| d);
    (c, f.problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_official_word_is_found_inside_the_units_wording() {
        let goals: Vec<String> = GOALS.iter().map(|g| (*g).to_owned()).collect();
        assert_eq!(known("已全部完成立项目标".into(), &goals), "全部完成");
        assert_eq!(known("基本完成".into(), &goals), "基本完成");
        assert_eq!(known("大部分达到".into(), &goals), "大部分达到");
        assert_eq!(known("未全部完成".into(), &goals), "未全部完成");
        assert_eq!(known("项目未完成".into(), &goals), "未完成");
        let grades = grades(&Policy::preset("innovation").unwrap());
        assert_eq!(known("自评为良好".into(), &grades), "良好");
        assert_eq!(known("不合格".into(), &grades), "不合格");
        assert_eq!(known("合格".into(), &grades), "合格");
    }
}
