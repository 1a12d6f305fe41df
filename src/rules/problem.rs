//! Problems: what is wrong with a submission, in words a clerk can paste into a reply.

use serde::Serialize;

/// How serious a problem is. An `Error` keeps the file out of the ledger; a `Warning` does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Blocks the merge of the file.
    Error,
    /// Reported, but the file is still merged.
    Warning,
}

impl Severity {
    /// The Chinese word shown to the clerk.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => crate::say::problems::ERROR,
            Severity::Warning => crate::say::problems::WARNING,
        }
    }
}

macro_rules! codes {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {
        /// The stable problem codes of SPEC §4. The English code never changes; scripts rely on it.
        /// Errors start with `E_`, warnings with `W_`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[allow(non_camel_case_types)]
        pub enum Code {
            $($(#[$doc])* $name,)*
        }

        impl Code {
            /// The code as written in JSON and reports (`E_REQUIRED`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$name => stringify!($name),)*
                }
            }
        }
    };
}

codes! {
    /// Not a spreadsheet, corrupt or truncated.
    E_UNREADABLE,
    /// Password-protected.
    E_ENCRYPTED,
    /// The file is larger than the configured limit.
    E_TOO_LARGE,
    /// A sheet holds more cells than the configured limit.
    E_TOO_MANY_CELLS,
    /// A readable workbook that is none of the known forms.
    E_UNKNOWN_FORM,
    /// A mail or archive holding no spreadsheet at all.
    E_NO_SPREADSHEET,
    /// A required value is missing.
    E_REQUIRED,
    /// A text is too short or too long.
    E_LENGTH,
    /// A date that cannot be understood.
    E_DATE,
    /// Dates in the wrong order (deadline before start, milestones out of order).
    E_DATE_ORDER,
    /// The project runs longer than the policy ever allows.
    E_DURATION,
    /// Unknown project category.
    E_CATEGORY,
    /// Reference catalogue number not in the catalogue.
    E_TOPIC,
    /// Team size outside the policy's range.
    E_MEMBERS,
    /// The owner's post may not lead this category.
    E_OWNER_TITLE,
    /// Report period that cannot be understood.
    E_PERIOD,
    /// Percent that is not a number in 0..100.
    E_PERCENT,
    /// A number field (budget) that is not a number ≥ 0.
    E_NUMBER,
    /// A progress report for no known project.
    E_NO_PROJECT,
    /// A score out of range or not a number.
    E_SCORE,
    /// A cell holding an Excel error such as `#REF!`.
    E_CELL_ERROR,
    /// Malformed phone number.
    W_PHONE,
    /// Submitted after the policy's deadline.
    W_LATE,
    /// Deadline beyond what the policy normally allows (after the year's end; over 12 months).
    W_DEADLINE,
    /// Progress lower than the last report.
    W_PERCENT_DOWN,
    /// Unit not in the policy's unit list.
    W_UNIT_UNKNOWN,
    /// Unit's projects break the policy's quota.
    W_QUOTA,
    /// A 责任人 leads more projects in the year than the policy's `per_owner` (one per secretary).
    W_PER_OWNER,
    /// The same project (or report) sent more than once.
    W_DUPLICATE,
    /// A score left blank.
    W_NOT_SCORED,
    /// A milestone row outside the project's dates or unreadable.
    W_MILESTONE,
    /// 申请延期 without the date asked for (or a date without 申请延期).
    W_EXTENSION,
}

impl Code {
    /// The severity follows from the code's prefix.
    pub fn severity(self) -> Severity {
        if self.as_str().starts_with('E') {
            Severity::Error
        } else {
            Severity::Warning
        }
    }
}

/// One thing wrong with one file: where it is, and what to tell the unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    /// `error` or `warning`.
    pub severity: Severity,
    /// Stable English code.
    pub code: Code,
    /// The record key of the field concerned (`goals`), if any.
    pub field: Option<String>,
    /// The cell concerned (`立项书!C8`), if any.
    pub cell: Option<String>,
    /// Chinese text a clerk can paste into a reply unchanged.
    pub message: String,
}

/// One line of the text output: `错误 E_DATE  “完成时间”无法识别…`.
impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {}  {}",
            self.severity.label(),
            self.code.as_str(),
            self.message
        )
    }
}

impl Problem {
    /// A problem whose severity follows from its code.
    pub fn new(code: Code, field: Option<&str>, cell: Option<String>, message: String) -> Self {
        Problem {
            severity: code.severity(),
            code,
            field: field.map(str::to_owned),
            cell,
            message,
        }
    }

    /// A problem about the whole file (no field, no cell).
    pub fn file(code: Code, message: impl Into<String>) -> Self {
        Problem::new(code, None, None, message.into())
    }
}
