//! What the ledger derives from its rows, and the mapping of records onto rows: the cells a
//! proposal or report fills, each project's schedule and latest report, and the columns and
//! sheets merge recomputes afterwards (状态, 最新进度, 单位汇总, 说明).

use crate::say::ledger as say;
use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use super::schedule::{stages_from_cell, Latest, Schedule, Status};
use super::store::Ledger;
use crate::model::{Column, Field, Scope, Sheet, Value};
use crate::policy::Policy;
use crate::rules::units::UnitIndex;
use crate::rules::{Closing, Progress, Proposal};

/// The 项目台账 cells a proposal fills, in the ledger's column order: every proposal field the
/// catalogue gives a column and the policy keeps.
pub fn proposal_cells(p: &Proposal, policy: &Policy) -> Vec<(Column, Value)> {
    policy
        .columns(Sheet::Submitted)
        .iter()
        .filter_map(|&c| Some((c, p.value(Field::of_column(Scope::Proposal, c)?))))
        .collect()
}

/// The 进度记录 cells a report fills: its fields with a column there, but the ones that identify
/// the project (the ledger's own ID and name go in those).
pub fn progress_cells(p: &Progress) -> Vec<(Column, Value)> {
    Sheet::Reports
        .columns()
        .iter()
        .filter_map(|&c| {
            let field = Field::of_column(Scope::Progress, c).filter(|f| !f.identifies())?;
            Some((c, p.value(field)))
        })
        .collect()
}

/// The 项目台账 cells a 结项报告 fills: its own fields (目标完成情况 … 存在不足), those it gives;
/// the ones that identify the project, 填报人 and 填报日期 (the proposal's) are not copied.
pub fn closing_cells(c: &Closing) -> Vec<(Column, Value)> {
    Sheet::Projects
        .columns()
        .iter()
        .filter_map(|&col| {
            let field =
                Field::of_column(Scope::Closing, col).filter(|f| f.scope() == Scope::Closing)?;
            Some((col, c.value(field))).filter(|(_, v)| !v.is_empty())
        })
        .collect()
}

/// The last day of a `YYYY-MM` period.
pub fn period_end(period: &str) -> Option<NaiveDate> {
    let (y, m) = period.split_once('-')?;
    let (y, m): (i32, u32) = (y.parse().ok()?, m.parse().ok()?);
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)
    };
    next?.pred_opt()
}

/// A project's schedule from its ledger row.
pub fn schedule_of(ledger: &Ledger, row: usize, policy: &Policy) -> Schedule {
    let t = &ledger.projects;
    let start = t
        .get(row, Column::Start)
        .date()
        .unwrap_or_else(|| policy.year_start());
    let deadline = t
        .get(row, Column::Deadline)
        .date()
        .unwrap_or_else(|| policy.year_end());
    Schedule {
        start,
        deadline,
        stages: stages_from_cell(t.get(row, Column::Milestones)),
    }
}

/// Latest report per project ID: (period, percent, state).
pub fn latest_reports(ledger: &Ledger) -> HashMap<String, (String, Latest)> {
    let t = &ledger.reports;
    let mut latest: HashMap<String, (String, Latest)> = HashMap::new();
    for r in 0..t.rows.len() {
        let id = t.get(r, Column::ProjectId).display();
        let period = t.get(r, Column::Period).display();
        let Some(percent) = t.get(r, Column::Percent).number() else {
            continue;
        };
        let newer = latest.get(&id).is_none_or(|(p, _)| period > *p);
        if newer {
            let state = t.get(r, Column::State).display();
            latest.insert(id, (period, Latest { percent, state }));
        }
    }
    latest
}

/// Recomputes 状态, 最新进度, 最近报告期 and 单位汇总. The ledger's status is as of the end of the
/// latest month anyone reported, so the same data always gives the same ledger.
pub(super) fn refresh(ledger: &mut Ledger, policy: &Policy, units: &UnitIndex<'_>) {
    let latest = latest_reports(ledger);
    let as_of = latest.values().filter_map(|(p, _)| period_end(p)).max();
    let rows: Vec<usize> = ledger.project_rows().collect();
    for row in rows {
        let id = ledger.projects.get(row, Column::ProjectId).display();
        let schedule = schedule_of(ledger, row, policy);
        let report = latest.get(&id);
        let status = match as_of {
            Some(at) => schedule.classify(report.map(|(_, l)| l), at, policy.lag_tolerance),
            None => Status::Proposed,
        };
        let approval = ledger.projects.get(row, Column::Approval).display();
        let approval = approval.trim();
        let t = &mut ledger.projects;
        // Not yet a project the unit works on: 状态 says where its approval stands.
        let label = match approval {
            a if !policy.approval || a == say::APPROVAL_APPROVED => status.label(),
            "" => say::APPROVAL_PENDING,
            a => a,
        };
        t.set(row, Column::Status, Value::text(label));
        match report {
            Some((period, l)) => {
                t.set(row, Column::LatestPercent, Value::Number(l.percent));
                t.set(row, Column::LatestPeriod, Value::text(period.clone()));
            }
            None => {
                t.set(row, Column::LatestPercent, Value::Empty);
                t.set(row, Column::LatestPeriod, Value::Empty);
            }
        }
    }
    ledger.units = unit_summary(ledger, policy, units);
}

/// 单位汇总: every unit of the policy (those that sent nothing too) and every unit in the ledger,
/// computed by [`super::quota::unit_quotas`]; the verdict's words come from its `label()`.
pub fn unit_summary(ledger: &Ledger, policy: &Policy, units: &UnitIndex<'_>) -> super::Table {
    let mut t = super::Table::for_policy(Sheet::Units, policy);
    for q in super::quota::unit_quotas(ledger, policy, units) {
        let row = t.push_row();
        t.set(row, Column::Unit, Value::text(q.unit));
        t.set(row, Column::UnitType, Value::text(q.kind));
        t.set(row, Column::ProjectCount, Value::Number(q.projects as f64));
        if policy.has_categories() {
            let a = Value::Number(q.category_a as f64);
            t.set(row, Column::CategoryACount, a);
        }
        t.set(row, Column::Quota, Value::text(q.rule));
        let verdict = q.verdict.map(super::quota::QuotaVerdict::label);
        let verdict = verdict.unwrap_or_default();
        t.set(row, Column::QuotaMet, Value::text(verdict));
        t.set(row, Column::ReportCount, Value::Number(q.reports as f64));
    }
    t
}

pub(super) fn about(ledger: &mut Ledger, policy: &Policy, now: NaiveDateTime) {
    let mut t = super::Table::new(Sheet::About);
    let preset = crate::say::preset_name(policy.preset);
    // Counts are numbers and the time a real date-time, as everywhere else.
    let rows = [
        (
            say::ABOUT_TOOL,
            Value::text(format!("taizhang {}", env!("CARGO_PKG_VERSION"))),
        ),
        (say::ABOUT_FORMAT, Value::text(super::store::FORMAT_VERSION)),
        (
            say::ABOUT_POLICY,
            Value::text(say::about_policy(&preset, policy.year)),
        ),
        (say::ABOUT_MERGED_AT, Value::DateTime(now)),
        (
            say::ABOUT_PROJECTS,
            Value::Number(ledger.project_rows().count() as f64),
        ),
        (
            say::ABOUT_REPORTS,
            Value::Number(ledger.reports.rows.len() as f64),
        ),
        (say::ABOUT_STATUS, Value::text(say::ABOUT_STATUS_TEXT)),
        (say::ABOUT_NOTE, Value::text(say::ABOUT_NOTE_TEXT)),
    ];
    for (k, v) in rows {
        let r = t.push_row();
        t.set(r, Column::AboutItem, Value::text(k));
        t.set(r, Column::AboutText, v);
    }
    ledger.about = t;
}

/// The month a date is in, as `YYYY-MM`.
pub fn month_of(d: NaiveDate) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}
