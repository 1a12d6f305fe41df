//! Progress-report rules (SPEC §3.2).

use super::fields::Fields;
use super::record::Progress;
use super::{Code, Problem};
use crate::form::RawForm;
use crate::model::values::{self, DayRole};
use crate::model::Field;
use crate::policy::Policy;
use crate::say::problems as say;

/// The states a report may give (SPEC §3.2).
pub const STATES: &[&str] = &["正常推进", "滞后", "已完成", "申请延期"];

/// Validates a progress report: the record of what was understood, and every problem.
pub fn check(raw: &RawForm, policy: &Policy) -> (Progress, Vec<Problem>) {
    let mut f = Fields::new(raw, policy);
    let mut p = Progress {
        project_id: f.name(Field::ProjectId).map(|(t, _)| t.replace(' ', "")),
        unit: f.name(Field::Unit).map(|(t, _)| t),
        name: f.name(Field::Name).map(|(t, _)| t),
        ..Progress::default()
    };
    if let Some(found) = f.get(Field::Period) {
        match values::parse_period(found.value, policy.year) {
            Some(period) => p.period = Some(values::period_text(period)),
            None => {
                let message = say::bad_period(found.label, &found.value.to_text(), found.cell);
                let cell = found.cell.to_owned();
                f.problem(Code::E_PERIOD, Field::Period, Some(&cell), message);
            }
        }
    }
    if let Some(found) = f.get(Field::Percent) {
        match values::parse_percent(found.value) {
            Some(n) if (0.0..=100.0).contains(&n) => p.percent = Some(n),
            _ => {
                let message = say::bad_percent(found.label, &found.value.to_text(), found.cell);
                let cell = found.cell.to_owned();
                f.problem(Code::E_PERCENT, Field::Percent, Some(&cell), message);
            }
        }
    }
    if let Some((state, _)) = f.name(Field::State) {
        // Free wording is kept; the four official states are recognised inside longer text.
        let known = STATES.iter().find(|s| state.contains(*s));
        p.state = Some(known.map_or(state.clone(), |s| (*s).to_owned()));
    }
    p.done = f.text(Field::Done).map(|(t, _)| t);
    p.problems = f.text(Field::Problems).map(|(t, _)| t);
    p.next = f.text(Field::Next).map(|(t, _)| t);
    p.reporter = f.name(Field::Reporter).map(|(t, _)| t);
    if let Some(found) = f.get(Field::Submitted) {
        match values::parse_date(found.value, DayRole::Start, policy.year) {
            Some(d) => p.submitted = Some(d),
            None => {
                let message = say::bad_date(found.label, &found.value.to_text(), found.cell);
                let cell = found.cell.to_owned();
                f.problem(Code::E_DATE, Field::Submitted, Some(&cell), message);
            }
        }
    }
    (p, f.problems)
}
