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
pub const STATES: &[&str] = &["正常推进", "滞后", "已完成", EXTENSION];
/// The state that asks for a later deadline (with 申请延期至).
pub const EXTENSION: &str = "申请延期";

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
    p.new_deadline = f.date(Field::Extension, DayRole::End).map(|(d, ..)| d);
    // An extension is asked for with both the state and the date; one without the other is
    // said, so that the unit completes it (the clerk cannot decide on half a request).
    let asks = p.state.as_deref() == Some(EXTENSION);
    let said = (f.problems.iter()).any(|x| x.field.as_deref() == Some(Field::Extension.key()));
    if asks && p.new_deadline.is_none() && !said {
        let cell = f
            .raw(Field::State)
            .map(|r| r.cell.clone())
            .unwrap_or_default();
        let label = f.label(Field::Extension);
        let message = say::extension_without_date(&label, &cell);
        f.problem(Code::W_EXTENSION, Field::Extension, Some(&cell), message);
    } else if !asks && p.new_deadline.is_some() {
        let cell = f
            .raw(Field::Extension)
            .map(|r| r.cell.clone())
            .unwrap_or_default();
        let message = say::date_without_extension(&f.label(Field::Extension), &cell);
        f.problem(Code::W_EXTENSION, Field::Extension, Some(&cell), message);
    }
    p.done = f.text(Field::Done).map(|(t, _)| t);
    p.problems = f.text(Field::Problems).map(|(t, _)| t);
    p.next = f.text(Field::Next).map(|(t, _)| t);
    p.reporter = f.name(Field::Reporter).map(|(t, _)| t);
    p.submitted = f.date(Field::Submitted, DayRole::Start).map(|(d, ..)| d);
    (p, f.problems)
}
