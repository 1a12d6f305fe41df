//! Who has not sent anything: the units on the policy's list from which no valid form of the
//! current stage has arrived, so the clerk can chase them along with the returns.
//!
//! **The current stage** is decided by what the batch holds, since `check` knows no ledger:
//! - proposals in the batch → the stage is 立项 (proposals): listed are the units with no valid
//!   proposal in the batch;
//! - progress reports in the batch → the stage is the latest report period among them (a folder
//!   holding April and May reports is May's): listed are the units with no valid report for that
//!   period.
//!
//! "Valid" means the file has no error. Without a unit list in the policy nothing is listed.
//! With a ledger (`check --ledger`), a unit that already has what the stage asks for in the ledger
//! ([`OnFile`]: a project of the year, a report for the period) is not listed either.
//! The monthly view over the ledger is in [`crate::ledger::status`].

use std::collections::HashSet;

use serde::Serialize;

use super::units::UnitIndex;
use super::Record;
use crate::policy::Policy;

/// One stage and the units that have sent nothing valid for it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MissingUnits {
    /// `proposal` or `progress`.
    pub stage: &'static str,
    /// The report period (`YYYY-MM`) of a progress stage.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// What the clerk reads: `立项书`, `2018年5月进度报告`.
    pub label: String,
    /// The units on the policy's list, in list order (empty: everyone has sent).
    pub units: Vec<String>,
}

/// What the ledger already holds from the listed units (names as the policy lists them).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OnFile {
    /// Units with a project of the policy year.
    pub proposals: HashSet<String>,
    /// (unit, period `YYYY-MM`) of every report.
    pub reports: HashSet<(String, String)>,
}

/// The stages the records show, each with the listed units that sent nothing valid for it.
/// `records` are the batch's records with whether their file was free of errors.
pub fn missing_units(records: &[(&Record, bool)], policy: &Policy) -> Vec<MissingUnits> {
    missing_units_given(records, policy, &OnFile::default())
}

/// [`missing_units`], leaving out the units whose forms of the stage the ledger already holds.
pub fn missing_units_given(
    records: &[(&Record, bool)],
    policy: &Policy,
    on_file: &OnFile,
) -> Vec<MissingUnits> {
    if policy.units.is_empty() {
        return Vec::new();
    }
    let index = UnitIndex::new(policy);
    let sent = |pick: &dyn Fn(&Record) -> bool, filed: &dyn Fn(&str) -> bool| -> Vec<String> {
        let done: Vec<&str> = records
            .iter()
            .filter(|(r, ok)| *ok && pick(r))
            .filter_map(|(r, _)| r.unit().and_then(|u| index.find(u)))
            .map(|u| u.name.as_str())
            .collect();
        policy
            .units
            .iter()
            .filter(|u| !done.contains(&u.name.as_str()) && !filed(&u.name))
            .map(|u| u.name.clone())
            .collect()
    };
    let mut stages = Vec::new();
    if records
        .iter()
        .any(|(r, _)| matches!(r, Record::Proposal(_)))
    {
        stages.push(MissingUnits {
            stage: "proposal",
            period: None,
            label: crate::say::problems::PROPOSAL.to_owned(),
            units: sent(&|r| matches!(r, Record::Proposal(_)), &|u| {
                on_file.proposals.contains(u)
            }),
        });
    }
    let latest = records
        .iter()
        .filter_map(|(r, _)| match r {
            Record::Progress(p) => p.period.clone(),
            _ => None,
        })
        .max();
    if let Some(period) = latest {
        let label = crate::say::problems::monthly_report(&period);
        let units = sent(
            &|r| match r {
                Record::Progress(p) => p.period.as_deref() == Some(period.as_str()),
                _ => false,
            },
            &|u| on_file.reports.contains(&(u.to_owned(), period.clone())),
        );
        stages.push(MissingUnits {
            stage: "progress",
            period: Some(period),
            label,
            units,
        });
    }
    stages
}

/// The lines printed after a check's summary.
pub fn render(stages: &[MissingUnits]) -> String {
    let mut out = String::new();
    for s in stages {
        if s.units.is_empty() {
            out.push_str(&crate::say::problems::all_units_sent(&s.label));
        } else {
            out.push_str(&crate::say::problems::units_not_sent(&s.label, &s.units));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{Progress, Proposal};

    fn policy() -> Policy {
        let mut p = Policy::preset("innovation").unwrap();
        for name in ["田家庵区委", "潘集区委", "寿县县委"] {
            p.units.push(crate::policy::Unit {
                name: name.into(),
                kind: String::new(),
                aliases: vec![format!("淮南市{name}")],
                contact: String::new(),
                email: String::new(),
            });
        }
        p
    }

    fn proposal(unit: &str) -> Record {
        Record::Proposal(Proposal {
            unit: Some(unit.into()),
            ..Proposal::default()
        })
    }

    fn report(unit: &str, period: &str) -> Record {
        Record::Progress(Progress {
            unit: Some(unit.into()),
            period: Some(period.into()),
            ..Progress::default()
        })
    }

    #[test]
    fn proposals_stage_lists_units_without_a_valid_proposal() {
        let (a, b) = (proposal("淮南市田家庵区委"), proposal("潘集区委"));
        let stages = missing_units(&[(&a, true), (&b, false)], &policy());
        assert_eq!(stages.len(), 1);
        assert_eq!(stages[0].units, vec!["潘集区委", "寿县县委"]);
        assert!(render(&stages).contains("未报送有效立项书的单位（2 个）：潘集区委、寿县县委"));
    }

    #[test]
    fn progress_stage_is_the_latest_period_in_the_batch() {
        let (a, b, c) = (
            report("田家庵区委", "2018-05"),
            report("潘集区委", "2018-04"),
            report("寿县县委", "2018-05"),
        );
        let stages = missing_units(&[(&a, true), (&b, true), (&c, true)], &policy());
        assert_eq!(stages[0].period.as_deref(), Some("2018-05"));
        assert_eq!(stages[0].label, "2018年5月进度报告");
        assert_eq!(stages[0].units, vec!["潘集区委"]);
    }

    #[test]
    fn units_whose_forms_the_ledger_holds_are_not_listed() {
        let a = proposal("田家庵区委");
        let mut on_file = OnFile::default();
        on_file.proposals.insert("潘集区委".into());
        let stages = missing_units_given(&[(&a, true)], &policy(), &on_file);
        assert_eq!(stages[0].units, vec!["寿县县委"]);
        let b = report("田家庵区委", "2018-05");
        let mut on_file = OnFile::default();
        on_file
            .reports
            .insert(("寿县县委".into(), "2018-05".into()));
        // A report of another period is not what the stage asks for.
        on_file
            .reports
            .insert(("潘集区委".into(), "2018-04".into()));
        let stages = missing_units_given(&[(&b, true)], &policy(), &on_file);
        assert_eq!(stages[0].units, vec!["潘集区委"]);
    }

    #[test]
    fn nothing_without_a_unit_list() {
        let a = proposal("田家庵区委");
        let p = Policy::preset("innovation").unwrap();
        assert!(missing_units(&[(&a, true)], &p).is_empty());
    }
}
