//! Field access shared by the form validators: required-ness (from the catalogue and the
//! policy), Excel error cells, labels for messages. Each accessor records its own problems, so
//! validators read like the SPEC's tables.

use crate::form::{RawField, RawForm};
use crate::model::values::{self, DayRole};
use crate::model::{Field, Value};
use crate::policy::Policy;
use crate::text::{char_len, fold_width};
use chrono::NaiveDate;

use super::{Code, Problem};
use crate::say::problems as say;

/// A form being validated: its raw fields and the problems found so far.
pub(crate) struct Fields<'a> {
    raw: &'a RawForm,
    policy: &'a Policy,
    /// Problems found so far, in field order.
    pub problems: Vec<Problem>,
}

/// A present, non-error value and where it is.
pub(crate) struct Found<'a> {
    /// The label as shown.
    pub label: &'a str,
    /// The value.
    pub value: &'a Value,
    /// Its cell.
    pub cell: &'a str,
}

impl<'a> Fields<'a> {
    pub fn new(raw: &'a RawForm, policy: &'a Policy) -> Self {
        Fields {
            raw,
            policy,
            problems: Vec::new(),
        }
    }

    /// Records a problem about a field.
    pub fn problem(&mut self, code: Code, field: Field, cell: Option<&str>, message: String) {
        self.problems.push(Problem::new(
            code,
            Some(field.key()),
            cell.map(str::to_owned),
            message,
        ));
    }

    /// The label a message should use for `key`: as the form shows it, else the official one.
    pub fn label(&self, field: Field) -> String {
        self.raw
            .field(field)
            .map_or_else(|| field.label().to_owned(), |f| f.label.clone())
    }

    /// The raw field, if its label is on the form.
    pub fn raw(&self, field: Field) -> Option<&'a RawField> {
        self.raw.field(field)
    }

    /// Whether the policy requires `field` (the catalogue's [`Field::required`]).
    pub fn required(&self, field: Field) -> bool {
        field.required(self.policy)
    }

    /// The value of `key`, required as the policy says. Missing or blank → `E_REQUIRED` when
    /// required; an Excel error value → `E_CELL_ERROR`. Returns only usable values.
    pub fn get(&mut self, key: Field) -> Option<Found<'a>> {
        self.get_if(key, self.required(key))
    }

    /// [`Fields::get`] where the rule, not the catalogue, decides whether the value is required
    /// (责任人 is not required when 责任单位及责任人 gave it).
    pub fn get_if(&mut self, key: Field, required: bool) -> Option<Found<'a>> {
        let Some(field) = self.raw.field(key) else {
            if required {
                let label = self.label(key);
                self.problem(Code::E_REQUIRED, key, None, say::no_label(&label));
            }
            return None;
        };
        match &field.value {
            None => {
                if required {
                    let message = say::blank(&field.label, &field.cell);
                    self.problem(Code::E_REQUIRED, key, Some(&field.cell), message);
                }
                None
            }
            Some(Value::Error(e)) => {
                let message = say::cell_error(&field.label, e, &field.cell);
                self.problem(Code::E_CELL_ERROR, key, Some(&field.cell), message);
                None
            }
            Some(value) => Some(Found {
                label: &field.label,
                value,
                cell: &field.cell,
            }),
        }
    }

    /// The value of `key` as trimmed text (prose keeps its punctuation).
    pub fn text(&mut self, key: Field) -> Option<(String, Found<'a>)> {
        let found = self.get(key)?;
        let text = found.value.to_text();
        Some((text, found))
    }

    /// The value as a short identifier: trimmed, half-width, inner white space collapsed.
    pub fn name(&mut self, key: Field) -> Option<(String, Found<'a>)> {
        self.name_if(key, self.required(key))
    }

    /// [`Fields::name`] with the rule deciding whether it is required.
    pub fn name_if(&mut self, key: Field, required: bool) -> Option<(String, Found<'a>)> {
        let found = self.get_if(key, required)?;
        let text = found.value.to_text();
        let folded = fold_width(&text);
        let one_line = folded.split_whitespace().collect::<Vec<_>>().join(" ");
        Some((one_line, found))
    }

    /// The value of `key` as a date (`role` says which day a month alone means), with its label
    /// and cell for later messages; `E_DATE` when it is no date.
    pub fn date(&mut self, key: Field, role: DayRole) -> Option<(NaiveDate, String, String)> {
        let found = self.get(key)?;
        match values::parse_date(found.value, role, self.policy.year) {
            Some(d) => Some((d, found.label.to_owned(), found.cell.to_owned())),
            None => {
                let message = say::bad_date(found.label, &found.value.to_text(), found.cell);
                self.problem(Code::E_DATE, key, Some(found.cell), message);
                None
            }
        }
    }

    /// Checks a text's length in characters (SPEC: 项目名称 4–60, 工作目标 ≥ 10 …).
    pub fn length(&mut self, key: Field, text: &str, found: &Found<'_>, min: usize, max: usize) {
        let len = char_len(text);
        if min > 0 && len < min {
            let message = say::too_short(found.label, len, min, found.cell);
            self.problem(Code::E_LENGTH, key, Some(found.cell), message);
        } else if max > 0 && len > max {
            let message = say::too_long(found.label, len, max, found.cell);
            self.problem(Code::E_LENGTH, key, Some(found.cell), message);
        }
    }
}
