//! Year end (SPEC §8): the blank score sheet, the reviewers' scores, the ranking and the exemplary
//! projects.
//!
//! The flow is `scoresheet` → reviewers fill it → `rank`: [`input`] reads the filled sheets and
//! matches their rows to the ledger's projects, [`compute`] trims and averages and ranks,
//! [`exemplary`] picks the projects to publish, and [`report`], [`publish`] and [`sheet`] write
//! the workbooks with the kit of [`crate::xlsx`]. The computation knows nothing of files, so it is
//! tested on plain numbers. A ledger 状态 is read back once, as a [`crate::ledger::schedule::Status`].

pub mod compute;
pub mod exemplary;
pub mod input;
pub mod notice;
pub mod publish;
pub mod report;
pub mod sheet;
pub mod year;

use std::collections::HashMap;

use crate::ledger::merge::latest_reports;
use crate::ledger::schedule::Status;
use crate::ledger::Ledger;
use crate::model::Column;
use crate::policy::Policy;

pub use compute::{rank, Entry, ProjectScore, Ranking, UnitScore, Use};
pub use exemplary::{mask_phone, select, Selection};

/// A ledger project as the year end needs it: who, what, and whether it is finished.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Project {
    /// 项目编号 (`2018-001`).
    pub id: String,
    /// 申报单位.
    pub unit: String,
    /// 项目名称.
    pub name: String,
    /// 项目类别 (`A`).
    pub category: String,
    /// 状态 in the ledger, when it names a status.
    pub status: Option<Status>,
    /// 责任人.
    pub owner: String,
    /// 职务.
    pub owner_title: String,
    /// 联系电话, unmasked (masked only when published).
    pub phone: String,
    /// 工作目标.
    pub goals: String,
    /// 主要措施.
    pub measures: String,
    /// 已完成 in the ledger, or the latest report at 100 %: eligible as exemplary.
    pub finished: bool,
    /// (报告期, 本期完成情况) of the project's progress reports, oldest first.
    pub results: Vec<(String, String)>,
    /// 状态 as the ledger shows it (`推进中`, `已完成` …), for the score sheet and ranking.
    pub status_label: String,
    /// 最新进度: the latest report's percent.
    pub percent: Option<f64>,
    /// 完成时间, when the ledger has a date.
    pub deadline: Option<chrono::NaiveDate>,
    /// 验收结果 (通过 / 整改 / 不通过), empty before the acceptance.
    pub acceptance: String,
    /// 年度: the year the project was approved in (earlier than the policy year for a project
    /// carried over by `taizhang rollover`); `None` when the ledger's cell is empty.
    pub year: Option<i32>,
}

impl Project {
    /// Whether the project is scored this year: finished, or due by the policy year's end, or
    /// the policy scores unfinished projects too (`score_unfinished`). A two-year project is
    /// otherwise scored in the year it finishes.
    pub fn scored(&self, policy: &Policy) -> bool {
        use chrono::Datelike;
        // A project carried over from an earlier year is scored once, in the year its deadline
        // falls in: this year only if it is due this year and was not scored unfinished before.
        if self.year.is_some_and(|y| y < policy.year) {
            return !policy.scores_unfinished()
                && self.deadline.is_some_and(|d| d.year() == policy.year);
        }
        policy.scores_unfinished()
            || self.finished
            || self.deadline.is_none_or(|d| d.year() <= policy.year)
    }
}

/// Every project of the ledger that counts under the policy (approved, when approval is on) and
/// is scored this year ([`Project::scored`]), in ledger order, with its progress reports.
pub fn projects(ledger: &Ledger, policy: &crate::policy::Policy) -> Vec<Project> {
    let mut all = every_project(ledger, policy);
    all.retain(|p| p.scored(policy));
    all
}

/// The counted projects left for a later year: unfinished, due after the policy year
/// ([`Project::scored`]); the ranking's 说明 lists them.
pub fn later_projects(ledger: &Ledger, policy: &crate::policy::Policy) -> Vec<Project> {
    let mut all = every_project(ledger, policy);
    all.retain(|p| !p.scored(policy));
    all
}

fn every_project(ledger: &Ledger, policy: &crate::policy::Policy) -> Vec<Project> {
    let t = &ledger.projects;
    let latest = latest_reports(ledger);
    let mut results: HashMap<String, Vec<(String, String)>> = HashMap::new();
    let r = &ledger.reports;
    for row in 0..r.rows.len() {
        let id = r.get(row, Column::ProjectId).display();
        let done = r.get(row, Column::Done).display();
        if id.is_empty() || done.trim().is_empty() {
            continue;
        }
        results
            .entry(id)
            .or_default()
            .push((r.get(row, Column::Period).display(), done.trim().to_owned()));
    }
    let mut out = Vec::new();
    for row in ledger.counted_rows(policy) {
        let get = |h: Column| t.get(row, h).display().trim().to_owned();
        let id = get(Column::ProjectId);
        if id.is_empty() {
            continue;
        }
        let status_label = get(Column::Status);
        let status = Status::from_label(&status_label);
        let at_full = latest.get(&id).is_some_and(|(_, l)| l.finished());
        let mut reports = results.remove(&id).unwrap_or_default();
        reports.sort_by(|a, b| a.0.cmp(&b.0));
        out.push(Project {
            unit: get(Column::Unit),
            name: get(Column::Name),
            category: get(Column::Category),
            finished: status == Some(Status::Done) || at_full,
            status,
            owner: get(Column::Owner),
            owner_title: get(Column::OwnerTitle),
            phone: get(Column::Phone),
            goals: get(Column::Goals),
            measures: get(Column::Measures),
            results: reports,
            status_label,
            percent: latest.get(&id).map(|(_, l)| l.percent),
            deadline: t.get(row, Column::Deadline).date(),
            year: t.get(row, Column::Year).number().map(|y| y as i32),
            acceptance: get(Column::Acceptance),
            id,
        });
    }
    out
}

/// What the projects are called in titles: 基层党建创新项目 or 基层党建“书记项目”.
pub fn kind_name(policy: &Policy) -> &'static str {
    crate::say::project_kind(policy.preset)
}

/// A criterion's column title with its maximum: `创新性（20分）`.
pub fn criterion_title(name: &str, max: f64) -> String {
    crate::say::year_end::criterion_title(name, max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_project_is_scored_once_in_the_year_its_deadline_falls_in() {
        let d = |y| chrono::NaiveDate::from_ymd_opt(y, 6, 30);
        let p = |year, deadline| Project {
            year: Some(year),
            deadline: d(deadline),
            ..Project::default()
        };
        let mut college = Policy::preset("secretary").unwrap();
        college.year = 2018;
        assert!(p(2018, 2018).scored(&college));
        assert!(!p(2018, 2019).scored(&college), "two years: not yet");
        college.year = 2019;
        assert!(p(2018, 2019).scored(&college), "carried, due this year");
        assert!(
            !p(2018, 2018).scored(&college),
            "carried overdue: scored in 2018"
        );
        let mut city = Policy::preset("innovation").unwrap();
        city.year = 2019;
        // The city scores every project in its own year, so a carried one was scored already.
        assert!(!p(2018, 2019).scored(&city));
        assert!(p(2019, 2020).scored(&city));
    }
}
