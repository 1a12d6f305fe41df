//! Form: a workbook grid → the raw fields of a form, found by their labels (SPEC §3).
//!
//! Nothing here judges values; it only finds them and remembers where they were, so that
//! [`crate::rules`] can say "`完成时间`无法识别（立项书!C9）". Score sheets are tables, not
//! label/value pairs: [`scores`] locates them into raw score rows the same way.

pub mod labels;
mod locate;
mod milestones;
mod parts;
pub mod scores;
#[cfg(test)]
mod tests_parts;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{Field, Value};

pub use parts::{extract, extract_all};

/// The kinds of form taizhang knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum FormKind {
    /// 立项书.
    Proposal,
    /// 进度报告.
    Progress,
    /// 结项报告 / 自查考评表: the unit's own account of a finished project (SPEC §10).
    Closing,
    /// 评分表.
    Scores,
    /// A readable or unreadable file that is none of the above.
    Unknown,
    /// Not a spreadsheet by its name: listed, not read.
    Skipped,
}

impl FormKind {
    /// The Chinese name shown to the clerk.
    pub fn label(self) -> &'static str {
        match self {
            FormKind::Proposal => crate::say::reading::PROPOSAL,
            FormKind::Progress => crate::say::reading::PROGRESS,
            FormKind::Closing => crate::say::reading::CLOSING,
            FormKind::Scores => crate::say::reading::SCORES,
            FormKind::Unknown => crate::say::reading::UNKNOWN_FORM,
            FormKind::Skipped => crate::say::reading::SKIPPED,
        }
    }
}

/// One field as found on the form.
#[derive(Debug, Clone, PartialEq)]
pub struct RawField {
    /// The label as the form shows it, trimmed (`完成时间（年月日）`), for messages.
    pub label: String,
    /// The value, or `None` when the label has no value beside or below it.
    pub value: Option<Value>,
    /// Where the value is, or where it should have been (`立项书!C9`).
    pub cell: String,
}

/// A milestone row of the timetable (阶段 | 起止时间 | 内容), unparsed.
#[derive(Debug, Clone, PartialEq)]
pub struct RawMilestone {
    /// Stage name.
    pub stage: String,
    /// The period text or value (or the start when the table has two date columns).
    pub period: Option<Value>,
    /// The end, when the table has a separate end column.
    pub end: Option<Value>,
    /// What is done in the stage.
    pub content: String,
    /// Address of the period cell.
    pub cell: String,
}

/// A form's fields, found by label.
#[derive(Debug, Clone, PartialEq)]
pub struct RawForm {
    /// Proposal, progress or scores.
    pub kind: FormKind,
    /// The sheet that holds the form.
    pub sheet: String,
    /// Which of the file's forms this is (`项目二`, `一览表 第5行`, `项目情况 C列`), when the file
    /// holds several (SPEC §3.5); `None` for a file with one form, which keeps its plain path.
    pub part: Option<String>,
    /// Fields by what they are.
    pub fields: BTreeMap<Field, RawField>,
    /// Milestone rows, if the form has a timetable.
    pub milestones: Vec<RawMilestone>,
}

impl RawForm {
    /// The field with this key, when its label was found.
    pub fn field(&self, field: Field) -> Option<&RawField> {
        self.fields.get(&field)
    }
}

/// Why a readable workbook is no known form.
#[derive(Debug, Clone, PartialEq)]
pub struct NotAForm(pub String);
