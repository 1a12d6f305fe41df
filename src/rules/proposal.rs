//! Proposal rules (SPEC §3.1) under both presets.

use chrono::NaiveDate;

use super::fields::Fields;
use super::record::{Milestone, Proposal};
use super::{Code, Problem};
use crate::form::RawForm;
use crate::model::values::{self, DayRole};
use crate::model::Field;
use crate::policy::Policy;
use crate::say::problems as say;
use crate::text::{fold_width, strip_spaces};

/// Validates a proposal form: the record of what was understood, and every problem.
///
/// ```
/// use taizhang::form::extract;
/// use taizhang::model::Value;
/// use taizhang::policy::Policy;
/// use taizhang::read::{Cell, Sheet, Workbook};
/// use taizhang::rules::{proposal, Code};
///
/// let text = |row, col, s: &str| Cell { row, col, value: Value::Text(s.into()) };
/// let sheet = Sheet::new(
///     "立项书".into(),
///     true,
///     vec![
///         text(0, 0, "立项书"),
///         text(1, 0, "项目名称"),
///         text(1, 1, "红色网格"),
///         text(2, 0, "完成时间"),
///         text(2, 1, "明年春天"),
///     ],
/// );
/// let raw = extract(&Workbook { sheets: vec![sheet] }).unwrap();
/// let policy = Policy::preset("innovation").unwrap();
/// let (record, problems) = proposal::check(&raw, &policy);
/// assert_eq!(record.name.as_deref(), Some("红色网格"));
/// let bad_date = problems.iter().find(|p| p.code == Code::E_DATE).unwrap();
/// assert!(bad_date.message.starts_with("“完成时间”无法识别：“明年春天”（立项书!B3）"));
/// ```
pub fn check(raw: &RawForm, policy: &Policy) -> (Proposal, Vec<Problem>) {
    let mut f = Fields::new(raw, policy);
    let mut p = Proposal {
        unit: f.name(Field::Unit).map(|(t, _)| t),
        ..Proposal::default()
    };
    if let Some((name, found)) = f.name(Field::Name) {
        f.length(
            Field::Name,
            &name,
            &found,
            policy.limits.name_min,
            policy.limits.name_max,
        );
        p.name = Some(name);
    }
    p.category = category(&mut f, policy);
    p.topic = topic(&mut f, policy);
    p.scope = f.text(Field::Scope).map(|(t, _)| t);
    p.content = f.text(Field::Content).map(|(t, _)| t);
    p.feasibility = f.text(Field::Feasibility).map(|(t, _)| t);
    if let Some((goals, found)) = f.text(Field::Goals) {
        f.length(Field::Goals, &goals, &found, policy.limits.goals_min, 0);
        p.goals = Some(goals);
    }
    if let Some((measures, found)) = f.text(Field::Measures) {
        f.length(
            Field::Measures,
            &measures,
            &found,
            policy.limits.measures_min,
            0,
        );
        p.measures = Some(measures);
    }
    dates(&mut f, policy, &mut p);
    p.deliverables = f.text(Field::Deliverables).map(|(t, _)| t);
    owner(&mut f, &mut p);
    p.owner_title = owner_title(&mut f, policy, &p);
    members(&mut f, policy, &mut p);
    phone(&mut f, &mut p);
    budget(&mut f, &mut p);
    submitted(&mut f, policy, &mut p);
    p.milestones = milestones(&mut f, raw, policy, &p);
    (p, f.problems)
}

fn category(f: &mut Fields<'_>, policy: &Policy) -> Option<String> {
    if policy.categories.is_empty() {
        return None;
    }
    let (text, found) = f.name(Field::Category)?;
    let norm = strip_spaces(&fold_width(&text)).to_uppercase();
    let matches: Vec<&str> = policy
        .categories
        .iter()
        .filter(|c| {
            let code = c.code.to_uppercase();
            norm == code
                || norm.starts_with(&format!("{code}类"))
                || norm.starts_with(&format!("{code}:"))
                || norm.starts_with(&format!("{code}("))
                || (norm.starts_with(&code) && norm[code.len()..].starts_with(c.name.as_str()))
                || norm.contains(c.name.as_str())
                || c.aliases.iter().any(|a| norm.contains(a.as_str()))
        })
        .map(|c| c.code.as_str())
        .collect();
    if let [one] = matches.as_slice() {
        return Some((*one).to_owned());
    }
    let allowed: Vec<String> = policy
        .categories
        .iter()
        .map(|c| format!("{}（{}）", c.code, c.name))
        .collect();
    let message = say::bad_category(found.label, &text, &allowed.join(say::OR), found.cell);
    f.problem(Code::E_CATEGORY, Field::Category, Some(found.cell), message);
    None
}

fn topic(f: &mut Fields<'_>, policy: &Policy) -> Option<u32> {
    let (text, found) = f.name(Field::Topic)?;
    let count = policy.catalogue.len();
    let digits: String = text
        .trim_start_matches('第')
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let by_number = digits.parse::<u32>().ok();
    let by_name = policy
        .catalogue
        .iter()
        .position(|t| strip_spaces(t) == strip_spaces(&text))
        .map(|i| i as u32 + 1);
    let n = by_number.or(by_name);
    match n {
        _ if count == 0 => n,
        Some(n) if n >= 1 && n as usize <= count => Some(n),
        _ => {
            let message = say::bad_topic(found.label, &text, count, found.cell);
            f.problem(Code::E_TOPIC, Field::Topic, Some(found.cell), message);
            None
        }
    }
}

/// Whole months a project spans: the fewest N with `start + N months - 1 day >= end`.
fn months_between(start: NaiveDate, end: NaiveDate) -> u32 {
    (0..=1200u32)
        .find(|n| {
            start
                .checked_add_months(chrono::Months::new(*n))
                .and_then(|d| d.pred_opt())
                .is_none_or(|d| d >= end)
        })
        .unwrap_or(1200)
}

fn dates(f: &mut Fields<'_>, policy: &Policy, p: &mut Proposal) {
    let start = f.date(Field::Start, DayRole::Start);
    let deadline = f.date(Field::Deadline, DayRole::End);
    p.start = start.as_ref().map(|(d, ..)| *d);
    let Some((end, label, cell)) = deadline else {
        return;
    };
    p.deadline = Some(end);
    let begin = p.start.unwrap_or_else(|| policy.year_start());
    if end <= begin {
        let message = say::date_order(&label, &end.to_string(), &begin.to_string(), &cell);
        f.problem(Code::E_DATE_ORDER, Field::Deadline, Some(&cell), message);
        return;
    }
    if policy.duration.within_year && end > policy.year_end() {
        let message = say::beyond_year(&label, &end.to_string(), policy.year, &cell);
        f.problem(Code::W_DEADLINE, Field::Deadline, Some(&cell), message);
    }
    let months = months_between(begin, end);
    // With the longest-duration rule off, the usual one still speaks.
    let max = policy.duration.max_months;
    if max > 0 && months > max && policy.checks(Code::E_DURATION) {
        let message = say::too_long_duration(&label, months, policy.duration.max_months, &cell);
        f.problem(Code::E_DURATION, Field::Deadline, Some(&cell), message);
    } else if policy.duration.warn_months > 0 && months > policy.duration.warn_months {
        let message = say::long_duration(&label, months, policy.duration.warn_months, &cell);
        f.problem(Code::W_DEADLINE, Field::Deadline, Some(&cell), message);
    }
}

fn owner(f: &mut Fields<'_>, p: &mut Proposal) {
    let has_separate = f.raw(Field::OwnerUnit).is_some() || f.raw(Field::Owner).is_some();
    if let (false, Some((text, _))) = (has_separate, f.text(Field::OwnerCombined)) {
        match values::split_owner(&text) {
            Some((unit, person)) => {
                p.owner_unit = Some(unit);
                p.owner = Some(person);
            }
            None => p.owner = Some(text),
        }
    }
    let combined_given = f.raw(Field::OwnerCombined).is_some() && !has_separate;
    if !combined_given || p.owner_unit.is_none() {
        if let Some((t, _)) = f.name_if(Field::OwnerUnit, p.owner_unit.is_none()) {
            p.owner_unit = Some(t);
        }
    }
    if !combined_given || p.owner.is_none() {
        if let Some((t, _)) = f.name_if(Field::Owner, p.owner.is_none()) {
            p.owner = Some(t);
        }
    }
}

fn owner_title(f: &mut Fields<'_>, policy: &Policy, p: &Proposal) -> Option<String> {
    let title = f.name_if(Field::OwnerTitle, false);
    let shown = title.as_ref().map(|(t, _)| t.clone());
    if !policy.has_categories() && !policy.owner_titles.is_empty() {
        // 职务 itself is required: a missing one is E_REQUIRED already.
        if let Some((t, found)) = title {
            if !holds_post(&t, &policy.owner_titles) {
                let rule = if policy.owner_rule.is_empty() {
                    say::owner_title_rule(&policy.owner_titles)
                } else {
                    policy.owner_rule.clone()
                };
                let message = say::owner_post(&t, &rule, found.cell);
                let cell = Some(found.cell);
                f.problem(Code::E_OWNER_TITLE, Field::OwnerTitle, cell, message);
            }
        }
        return shown;
    }
    let Some(code) = &p.category else {
        return shown;
    };
    let Some(cat) = policy.categories.iter().find(|c| &c.code == code) else {
        return shown;
    };
    if cat.owner_titles.is_empty() {
        return shown;
    }
    let rule = if cat.owner_rule.is_empty() {
        say::owner_title_rule(&cat.owner_titles)
    } else {
        cat.owner_rule.clone()
    };
    match title {
        Some((t, found)) => {
            if !cat.owner_titles.iter().any(|w| t.contains(w.as_str())) {
                let message = say::owner_title(&t, code, &rule, found.cell);
                f.problem(
                    Code::E_OWNER_TITLE,
                    Field::OwnerTitle,
                    Some(found.cell),
                    message,
                );
            }
        }
        None => {
            let cell = f.raw(Field::OwnerTitle).map(|r| r.cell.clone());
            let message = say::owner_title_missing(code, &rule);
            f.problem(
                Code::E_OWNER_TITLE,
                Field::OwnerTitle,
                cell.as_deref(),
                message,
            );
        }
    }
    shown
}

/// Whether `title` holds one of `posts` as a post of its own: `党总支书记` holds 书记,
/// `党总支副书记` does not (a deputy is no secretary).
fn holds_post(title: &str, posts: &[String]) -> bool {
    posts.iter().filter(|w| !w.is_empty()).any(|w| {
        title
            .match_indices(w.as_str())
            .any(|(at, _)| !title[..at].ends_with('副'))
    })
}

fn members(f: &mut Fields<'_>, policy: &Policy, p: &mut Proposal) {
    let team = &policy.team;
    let Some((text, found)) = f.text(Field::Members) else {
        return;
    };
    let list = values::parse_members(&text);
    let n = list.len();
    if (team.min > 0 && n < team.min) || (team.max > 0 && n > team.max) {
        let message = say::team_size(found.label, n, team.min, team.max, found.cell);
        f.problem(Code::E_MEMBERS, Field::Members, Some(found.cell), message);
    }
    p.members = Some(list);
}

fn phone(f: &mut Fields<'_>, p: &mut Proposal) {
    let Some((text, found)) = f.name(Field::Phone) else {
        return;
    };
    if !values::phone_ok(&text) {
        let message = say::bad_phone(found.label, &text, found.cell);
        f.problem(Code::W_PHONE, Field::Phone, Some(found.cell), message);
    }
    p.phone = Some(text);
}

fn budget(f: &mut Fields<'_>, p: &mut Proposal) {
    let Some(found) = f.get(Field::Budget) else {
        return;
    };
    let text = found.value.to_text();
    if ["无", "暂无", "-", "—", "/", "自筹"].contains(&text.as_str()) {
        return;
    }
    match values::parse_amount(found.value) {
        Some(n) if n >= 0.0 => p.budget = Some(n),
        _ => {
            let message = say::bad_amount(found.label, &text, found.cell);
            let cell = found.cell.to_owned();
            f.problem(Code::E_NUMBER, Field::Budget, Some(&cell), message);
        }
    }
}

fn submitted(f: &mut Fields<'_>, policy: &Policy, p: &mut Proposal) {
    let Some((date, label, cell)) = f.date(Field::Submitted, DayRole::Start) else {
        return;
    };
    p.submitted = Some(date);
    // Any preset: the deadline is the policy's (the secretary preset leaves it commented out).
    if let Some(deadline) = policy.submission_deadline {
        if date > deadline {
            let message = say::late(&label, &date.to_string(), &deadline.to_string(), &cell);
            f.problem(Code::W_LATE, Field::Submitted, Some(&cell), message);
        }
    }
}

fn month(d: NaiveDate) -> (i32, u32) {
    use chrono::Datelike;
    (d.year(), d.month())
}

fn milestones(
    f: &mut Fields<'_>,
    raw: &RawForm,
    policy: &Policy,
    p: &Proposal,
) -> Option<Vec<Milestone>> {
    if raw.milestones.is_empty() {
        return None;
    }
    let begin = p.start.unwrap_or_else(|| policy.year_start());
    let mut out = Vec::new();
    let mut previous: Option<NaiveDate> = None;
    for m in &raw.milestones {
        let span = m.period.as_ref().and_then(|v| {
            let (a, b) = values::parse_span(v, policy.year)?;
            match &m.end {
                Some(e) => Some((a, values::parse_span(e, policy.year)?.1)),
                None => Some((a, b)),
            }
        });
        let shown = m.period.as_ref().map(|v| v.to_text()).unwrap_or_default();
        match span {
            None if m.period.is_some() => {
                let message = say::bad_milestone(&m.stage, &shown, &m.cell);
                f.problem(Code::W_MILESTONE, Field::Milestones, Some(&m.cell), message);
            }
            Some((a, b)) => {
                // Timetables are usually written by month (`2018年5月—6月`): compare by month.
                let outside =
                    month(a) < month(begin) || p.deadline.is_some_and(|d| month(b) > month(d));
                if outside {
                    let end = p.deadline.map(|d| d.to_string()).unwrap_or_default();
                    let message =
                        say::milestone_outside(&m.stage, &begin.to_string(), &end, &m.cell);
                    f.problem(Code::W_MILESTONE, Field::Milestones, Some(&m.cell), message);
                } else if previous.is_some_and(|prev| a < prev) {
                    let message = say::milestone_order(&m.stage, &m.cell);
                    f.problem(Code::W_MILESTONE, Field::Milestones, Some(&m.cell), message);
                }
                previous = Some(a);
            }
            None => {}
        }
        out.push(Milestone {
            stage: m.stage.clone(),
            start: span.map(|s| s.0),
            end: span.map(|s| s.1),
            content: m.content.clone(),
        });
    }
    Some(out)
}
