//! Field access shared by the form validators: required-ness, Excel error cells, labels for
//! messages. Each accessor records its own problems, so validators read like the SPEC's tables.

use crate::form::{labels, RawField, RawForm};
use crate::model::Value;
use crate::text::{char_len, fold_width};

use super::{say, Code, Problem};

/// A form being validated: its raw fields and the problems found so far.
pub(crate) struct Fields<'a> {
    raw: &'a RawForm,
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
    pub fn new(raw: &'a RawForm) -> Self {
        Fields {
            raw,
            problems: Vec::new(),
        }
    }

    /// Records a problem about a field.
    pub fn problem(&mut self, code: Code, key: &str, cell: Option<&str>, message: String) {
        self.problems.push(Problem::new(
            code,
            Some(key),
            cell.map(str::to_owned),
            message,
        ));
    }

    /// The label a message should use for `key`: as the form shows it, else the official one.
    pub fn label(&self, key: &str) -> String {
        self.raw
            .field(key)
            .map(|f| f.label.clone())
            .or_else(|| labels::field(key).map(|f| f.labels[0].to_owned()))
            .unwrap_or_else(|| key.to_owned())
    }

    /// The raw field, if its label is on the form.
    pub fn raw(&self, key: &str) -> Option<&'a RawField> {
        self.raw.field(key)
    }

    /// The value of `key`. Missing or blank → `E_REQUIRED` when `required`; an Excel error value →
    /// `E_CELL_ERROR`. Returns only usable values.
    pub fn get(&mut self, key: &str, required: bool) -> Option<Found<'a>> {
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
    pub fn text(&mut self, key: &str, required: bool) -> Option<(String, Found<'a>)> {
        let found = self.get(key, required)?;
        let text = found.value.to_text();
        Some((text, found))
    }

    /// The value as a short identifier: trimmed, half-width, inner white space collapsed.
    pub fn name(&mut self, key: &str, required: bool) -> Option<(String, Found<'a>)> {
        let (text, found) = self.text(key, required)?;
        let folded = fold_width(&text);
        let one_line = folded.split_whitespace().collect::<Vec<_>>().join(" ");
        Some((one_line, found))
    }

    /// Checks a text's length in characters (SPEC: 项目名称 4–60, 工作目标 ≥ 10 …).
    pub fn length(&mut self, key: &str, text: &str, found: &Found<'_>, min: usize, max: usize) {
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
