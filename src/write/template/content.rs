//! What the blank forms hold: which fields each form asks for, how each value cell is kept, and
//! the paragraphs of the 填表说明 sheet in their order. The words are [`crate::say::templates`]'s.

use crate::model::field::{Input, Need};
use crate::model::{self, Scope};
use crate::policy::Policy;
use crate::rules::closing::{self, GOALS};
use crate::rules::progress::STATES;
use crate::say::templates as say;

/// What a value cell holds: decides its format and its data validation.
pub(super) enum Value {
    /// One line of text.
    Line,
    /// A tall wrapped box of the given height in points.
    Box(f64),
    /// Text kept exactly as typed (phone numbers, IDs, `2018-06`).
    Text,
    /// A date, shown as `2018年12月31日`.
    Date,
    /// A fraction shown as a percentage (0.6 → 60%).
    Percent,
    /// A number ≥ 0 (万元).
    Money,
    /// One of these entries, from a dropdown.
    List(Vec<String>),
    /// A whole number in this range.
    Whole(i32, i32),
    /// A score 0–100, decimals allowed.
    Score,
}

/// One labelled row of a form.
pub(super) struct Field {
    pub(super) label: &'static str,
    pub(super) required: bool,
    pub(super) value: Value,
    /// What to write: the cell's input message, repeated on the 填表说明 sheet.
    pub(super) tip: String,
}

/// A paragraph of the 填表说明 sheet.
pub(super) enum Note {
    Title(String),
    Head(String),
    Para(String),
}

/// The labelled rows of a form: the catalogue's fields of `scope` that the template asks for
/// under the policy, in the catalogue's order.
pub(super) fn fields(scope: Scope, p: &Policy) -> Vec<Field> {
    model::Field::ALL
        .iter()
        .copied()
        .filter(|f| f.on(scope) && f.on_template(p))
        .map(|f| Field {
            label: f.template_label(),
            // 主要内容 and 可行性分析 are asked for only where they are wanted, and then required.
            required: f.need() == Need::Listed || f.required(p),
            value: input(f, p),
            tip: say::tip(f, scope, p),
        })
        .collect()
}

/// The proposal form's rows.
pub(super) fn proposal_fields(p: &Policy) -> Vec<Field> {
    fields(Scope::Proposal, p)
}

/// The progress report's rows.
pub(super) fn progress_fields(p: &Policy) -> Vec<Field> {
    fields(Scope::Progress, p)
}

/// The closing report's rows.
pub(super) fn closing_fields(p: &Policy) -> Vec<Field> {
    fields(Scope::Closing, p)
}

/// The catalogue's input, with the policy's choices filled in.
fn input(f: model::Field, p: &Policy) -> Value {
    match f.input() {
        Input::Line | Input::Absent => Value::Line,
        Input::Box(h) => Value::Box(f64::from(h)),
        Input::Text => Value::Text,
        Input::Date => Value::Date,
        Input::Percent => Value::Percent,
        Input::Money => Value::Money,
        Input::Choice if f == model::Field::Category => {
            Value::List(p.categories.iter().map(|c| c.name.clone()).collect())
        }
        Input::Choice if f == model::Field::GoalsMet => {
            Value::List(GOALS.iter().map(|s| (*s).to_owned()).collect())
        }
        Input::Choice if f == model::Field::SelfGrade => Value::List(closing::grades(p)),
        Input::Choice => Value::List(STATES.iter().map(|s| (*s).to_owned()).collect()),
        Input::Whole => Value::Whole(1, i32::try_from(p.catalogue.len()).unwrap_or(i32::MAX)),
        Input::Score => Value::Score,
    }
}

/// Part 二, common to both forms; `what` is the form's sheet name.
fn common_notes(what: &str, year: i32) -> Vec<Note> {
    let mut notes = vec![Note::Head(say::HOW_HEAD.into())];
    notes.extend(say::how(what, year).map(Note::Para));
    notes
}

/// Part 四: every field with its hint.
fn field_notes(fields: &[Field]) -> Vec<Note> {
    let mut notes = vec![Note::Head(say::FIELDS_HEAD.into())];
    notes.extend(
        fields
            .iter()
            .map(|f| Note::Para(say::field_note(f.label, f.required, &f.tip))),
    );
    notes
}

/// The proposal's 填表说明.
pub(super) fn proposal_notes(p: &Policy, fields: &[Field]) -> Vec<Note> {
    let mut notes = vec![
        Note::Title(say::proposal_notes_title(p)),
        Note::Head(say::WHO_HEAD.into()),
        Note::Para(say::proposal_who(p)),
    ];
    notes.extend(say::quota(p).map(Note::Para));
    notes.extend(common_notes(say::PROPOSAL_SHEET, p.year));
    notes.push(Note::Para(say::how_timetable(p.year)));
    notes.push(Note::Head(say::SEND_HEAD.into()));
    notes.push(Note::Para(say::send_to(p, say::PROPOSAL_SHEET)));
    notes.extend(field_notes(fields));
    if !p.catalogue.is_empty() {
        notes.push(Note::Head(say::CATALOGUE_HEAD.into()));
        notes.extend(
            (1..)
                .zip(&p.catalogue)
                .map(|(n, t)| Note::Para(say::catalogue_entry(n, t))),
        );
    }
    notes
}

/// The closing report's 填表说明.
pub(super) fn closing_notes(p: &Policy, fields: &[Field]) -> Vec<Note> {
    let mut notes = vec![
        Note::Title(say::closing_notes_title(p)),
        Note::Head(say::WHO_HEAD.into()),
        Note::Para(say::closing_who(p.year)),
    ];
    notes.extend(common_notes(say::CLOSING_SHEET, p.year));
    notes.push(Note::Head(say::SEND_HEAD.into()));
    notes.push(Note::Para(say::send_to(p, say::CLOSING_SHEET)));
    notes.extend(field_notes(fields));
    notes
}

/// The progress report's 填表说明.
pub(super) fn progress_notes(p: &Policy, fields: &[Field]) -> Vec<Note> {
    let mut notes = vec![
        Note::Title(say::progress_notes_title(p)),
        Note::Head(say::WHO_HEAD.into()),
        Note::Para(say::progress_who(p.year)),
    ];
    notes.extend(common_notes(say::PROGRESS_SHEET, p.year));
    notes.push(Note::Head(say::SEND_HEAD.into()));
    notes.push(Note::Para(say::send_to(p, say::PROGRESS_SHEET)));
    notes.extend(field_notes(fields));
    notes
}
