//! Schedule: expected progress at a date, and a project's status (SPEC §7).
//!
//! Expected progress runs linearly from the start (0 %) to the deadline (100 %), or stage by stage
//! along the timetable when the proposal has one (each stage an equal share).

use crate::say::ledger as say;
use chrono::NaiveDate;

use crate::model::Value;

/// A project's status (状态).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// No report yet.
    Proposed,
    /// On schedule.
    Ongoing,
    /// Behind schedule by more than the tolerance (or says so itself).
    Lagging,
    /// Past the deadline and not finished.
    Overdue,
    /// Finished.
    Done,
}

impl Status {
    /// The word in the ledger.
    pub fn label(self) -> &'static str {
        match self {
            Status::Proposed => say::STATUS_PROPOSED,
            Status::Ongoing => say::STATUS_ONGOING,
            Status::Lagging => say::STATUS_LAGGING,
            Status::Overdue => say::STATUS_OVERDUE,
            Status::Done => say::STATUS_DONE,
        }
    }

    /// The status a 状态 cell (or a unit's own 项目状态 word) names: the one place Chinese
    /// status words are read back into the type. Other words (`正常推进`, `申请延期`) are none.
    pub fn from_label(word: &str) -> Option<Status> {
        let word = word.trim();
        Status::ALL.into_iter().find(|s| s.label() == word)
    }

    /// Every status, in display order.
    pub const ALL: [Status; 5] = [
        Status::Proposed,
        Status::Ongoing,
        Status::Lagging,
        Status::Overdue,
        Status::Done,
    ];
}

/// What the schedule of a project is.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    /// Start (0 %).
    pub start: NaiveDate,
    /// Deadline (100 %).
    pub deadline: NaiveDate,
    /// Timetable stages (start, end), in order.
    pub stages: Vec<(NaiveDate, NaiveDate)>,
}

/// The latest report of a project.
#[derive(Debug, Clone, PartialEq)]
pub struct Latest {
    /// Percent 0–100.
    pub percent: f64,
    /// The unit's own state word.
    pub state: String,
}

impl Latest {
    /// The status the unit declared itself (`已完成`, `滞后`), if its word names one.
    pub fn declared(&self) -> Option<Status> {
        Status::from_label(&self.state)
    }

    /// Finished by the report: at 100 % or declared 已完成.
    pub fn finished(&self) -> bool {
        self.percent >= 100.0 || self.declared() == Some(Status::Done)
    }
}

fn fraction(from: NaiveDate, to: NaiveDate, at: NaiveDate) -> f64 {
    if at <= from {
        return 0.0;
    }
    if at >= to {
        return 1.0;
    }
    let total = (to - from).num_days().max(1) as f64;
    (at - from).num_days() as f64 / total
}

impl Schedule {
    /// Expected percent at the end of `as_of`.
    pub fn expected(&self, as_of: NaiveDate) -> f64 {
        let value = if self.stages.is_empty() {
            fraction(self.start, self.deadline, as_of)
        } else {
            let n = self.stages.len() as f64;
            self.stages
                .iter()
                .map(|(a, b)| fraction(*a, *b, as_of))
                .sum::<f64>()
                / n
        };
        (value * 1000.0).round() / 10.0
    }

    /// The status at `as_of`, given the latest report (if any), with the lag tolerance in points.
    pub fn classify(&self, latest: Option<&Latest>, as_of: NaiveDate, tolerance: f64) -> Status {
        let Some(latest) = latest else {
            return if as_of > self.deadline {
                Status::Overdue
            } else {
                Status::Proposed
            };
        };
        if latest.finished() {
            Status::Done
        } else if as_of > self.deadline {
            Status::Overdue
        } else if self.expected(as_of) - latest.percent > tolerance
            || latest.declared() == Some(Status::Lagging)
        {
            Status::Lagging
        } else {
            Status::Ongoing
        }
    }
}

/// Reads stage dates back from a 进度安排 cell (lines a clerk broke are skipped).
pub fn stages_from_cell(cell: &Value) -> Vec<(NaiveDate, NaiveDate)> {
    let Value::Text(text) = cell else {
        return Vec::new();
    };
    text.lines()
        .filter_map(|line| {
            let span = line.split('｜').nth(1)?;
            let (a, b) = span.split_once('～')?;
            Some((a.trim().parse().ok()?, b.trim().parse().ok()?))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2018, m, day).unwrap()
    }

    #[test]
    fn linear_and_staged_expectations() {
        let s = Schedule {
            start: d(1, 1),
            deadline: d(12, 31),
            stages: vec![],
        };
        assert_eq!(s.expected(d(1, 1)), 0.0);
        assert_eq!(s.expected(d(12, 31)), 100.0);
        assert!((s.expected(d(7, 2)) - 49.9).abs() < 0.2);
        let staged = Schedule {
            stages: vec![(d(1, 1), d(3, 1)), (d(3, 1), d(12, 31))],
            ..s
        };
        assert_eq!(staged.expected(d(3, 1)), 50.0);
    }

    #[test]
    fn statuses() {
        let s = Schedule {
            start: d(1, 1),
            deadline: d(12, 31),
            stages: vec![],
        };
        let at = |p: f64, st: &str| Latest {
            percent: p,
            state: st.into(),
        };
        assert_eq!(s.classify(None, d(6, 30), 20.0), Status::Proposed);
        assert_eq!(
            s.classify(Some(&at(45.0, "")), d(6, 30), 20.0),
            Status::Ongoing
        );
        assert_eq!(
            s.classify(Some(&at(20.0, "")), d(6, 30), 20.0),
            Status::Lagging
        );
        assert_eq!(
            s.classify(Some(&at(45.0, "滞后")), d(6, 30), 20.0),
            Status::Lagging
        );
        assert_eq!(
            s.classify(Some(&at(100.0, "")), d(6, 30), 20.0),
            Status::Done
        );
        let late = NaiveDate::from_ymd_opt(2019, 1, 31).unwrap();
        assert_eq!(s.classify(Some(&at(90.0, "")), late, 20.0), Status::Overdue);
        assert_eq!(Status::from_label(" 已完成"), Some(Status::Done));
        assert_eq!(Status::from_label("正常推进"), None);
    }
}
