//! Monthly status (SPEC §7): every project's progress against its schedule at an as-of date, who
//! has not reported, who lags, who is overdue, the 督办清单 (list to chase) and per-unit counts.
//!
//! Pure, typed data — [`Status`], [`QuotaVerdict`], [`Reporting`] — that
//! [`crate::write::status`] and the web page render; no Chinese word is compared here.
//!
//! **Which month must be reported.** A month's report is due once the month has ended, so the
//! report month is the last month that has ended by the as-of date: `--as-of 2018-06-30` asks for
//! the June reports, and so does a run on 5 July (the day a clerk usually runs it); a run on
//! 15 June asks for May's. A report for a later month counts too (the unit reported since).
//!
//! **As of a date.** Reports for months after the month of the as-of date are ignored, so a status
//! for an earlier date gives what the clerk would have seen then.

use crate::say::ledger as say;
use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use super::merge::{month_of, schedule_of};
use super::quota::unit_quotas;
use super::schedule::Latest;
use super::store::Ledger;
use crate::model::Column;
use crate::model::Value;
use crate::policy::{Frequency, Policy};
use crate::rules::units::UnitIndex;
use crate::text::number_text;

pub use super::quota::QuotaVerdict;
pub use super::schedule::Status;

/// One project at the as-of date (a row of 进度总览).
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectStatus {
    /// 项目编号.
    pub id: String,
    /// 申报单位, canonical when the policy knows the unit.
    pub unit: String,
    /// 项目名称.
    pub name: String,
    /// 项目类别.
    pub category: String,
    /// 责任人.
    pub owner: String,
    /// 职务 of the owner.
    pub owner_title: String,
    /// 联系电话 of the project.
    pub phone: String,
    /// The unit's contact person from the policy (who the clerk calls first).
    pub contact: String,
    /// 开始时间 (the policy year's 1 January when blank).
    pub start: NaiveDate,
    /// 完成时间 (the policy year's 31 December when blank).
    pub deadline: NaiveDate,
    /// Expected percent at the as-of date.
    pub expected: f64,
    /// Latest reported percent up to the as-of month.
    pub percent: Option<f64>,
    /// Period (`YYYY-MM`) of that report.
    pub period: Option<String>,
    /// Status at the as-of date.
    pub status: Status,
    /// 未报送: started, not finished, and no report for the report month.
    pub missing: bool,
    /// Expected minus reported, in points (none without a report).
    pub gap: Option<f64>,
    /// Why the project is on the 督办清单, in Chinese; empty when it is not.
    pub reasons: Vec<String>,
    /// Marked 重点项目 by the clerk.
    pub key: bool,
    /// How many 佐证材料 the ledger records for it.
    pub materials: usize,
}

/// One unit (a row of 单位汇总).
#[derive(Debug, Clone, PartialEq)]
pub struct UnitStatus {
    /// Canonical unit name.
    pub unit: String,
    /// Unit type from the policy (县区, 其他).
    pub kind: String,
    /// Contact person from the policy.
    pub contact: String,
    /// Contact e-mail from the policy.
    pub email: String,
    /// Projects in the ledger.
    pub projects: usize,
    /// Projects per status, in [`Status::ALL`] order.
    pub by_status: [usize; 5],
    /// Projects with no report for the report month.
    pub missing: usize,
    /// The quota rule (`2–3 个，至少 1 个A类`).
    pub quota: String,
    /// Quota compliance; `None` when the policy sets no quota for the unit.
    pub compliance: Option<QuotaVerdict>,
}

/// How a project stands with this month's report (进度总览's 报送情况).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reporting {
    /// Started, not finished, and no report for the report month.
    Missing,
    /// Finished: no more reports are owed.
    Finished,
    /// Starts after the report month.
    NotStarted,
    /// Reported for the report month (or later).
    Reported,
}

impl Reporting {
    /// The word in the 报送情况 column.
    pub fn label(self) -> &'static str {
        match self {
            Reporting::Missing => say::REPORTING_MISSING,
            Reporting::Finished => say::REPORTING_FINISHED,
            Reporting::NotStarted => say::REPORTING_NOT_STARTED,
            Reporting::Reported => say::REPORTING_REPORTED,
        }
    }
}

/// The month's consolidation: what the status workbook and the summary line show.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthlyStatus {
    /// The as-of date.
    pub as_of: NaiveDate,
    /// The report month (`YYYY-MM`): the last month ended by `as_of`.
    pub month: String,
    /// The report due (the month's, or a quarter's under `report_frequency = "quarter"`).
    pub due: Due,
    /// Lag tolerance in points.
    pub tolerance: f64,
    /// Organisation name from the policy, for titles.
    pub organisation: String,
    /// 基层党建创新项目 or 基层党建“书记项目”, for titles.
    pub kind_name: String,
    /// Every project, in ledger order.
    pub projects: Vec<ProjectStatus>,
    /// The 督办清单: indexes into `projects`, by unit (policy order) then project ID.
    pub chase: Vec<usize>,
    /// Every unit: the policy's (those that sent nothing too), then others in the ledger.
    pub units: Vec<UnitStatus>,
    /// Headers the policy leaves out ([`Policy::hidden_headers`]: 项目类别 without categories).
    pub hidden: Vec<&'static str>,
}

impl MonthlyStatus {
    /// The finished projects with no 佐证材料 recorded (SPEC §10): to ask for before acceptance.
    pub fn finished_without_materials(&self) -> impl Iterator<Item = &ProjectStatus> {
        self.projects
            .iter()
            .filter(|p| p.status == Status::Done && p.materials == 0)
    }

    /// How many projects have this status.
    pub fn count(&self, status: Status) -> usize {
        self.projects.iter().filter(|p| p.status == status).count()
    }

    /// How many projects have not reported for the report month.
    pub fn missing(&self) -> usize {
        self.projects.iter().filter(|p| p.missing).count()
    }

    /// The projects on the 督办清单, in order.
    pub fn chased(&self) -> impl Iterator<Item = &ProjectStatus> {
        self.chase.iter().filter_map(|&i| self.projects.get(i))
    }

    /// Units on the policy's list with no project in the ledger: nothing valid has arrived from
    /// them at the proposal stage.
    pub fn units_without_projects(&self) -> Vec<&str> {
        self.units
            .iter()
            .filter(|u| u.projects == 0)
            .map(|u| u.unit.as_str())
            .collect()
    }

    /// Units owing reports for the report month of which not one project reported: nothing has
    /// arrived from them this month. (A unit that reported for some projects only is chased
    /// project by project on the 督办清单 instead.)
    pub fn units_not_reported(&self) -> Vec<&str> {
        self.units
            .iter()
            .filter(|u| u.missing > 0)
            .filter(|u| {
                !self.projects.iter().any(|p| {
                    p.unit == u.unit
                        && p.period
                            .as_deref()
                            .is_some_and(|m| m >= self.month.as_str())
                })
            })
            .map(|u| u.unit.as_str())
            .collect()
    }

    /// How a project stands with the report month's report.
    pub fn reporting(&self, p: &ProjectStatus) -> Reporting {
        let month_end = super::merge::period_end(&self.month);
        if p.missing {
            Reporting::Missing
        } else if p.status == Status::Done {
            Reporting::Finished
        } else if month_end.is_some_and(|e| p.start > e) {
            Reporting::NotStarted
        } else {
            Reporting::Reported
        }
    }

    /// `2018年6月`: the report month as a title says it (`2018年第二季度` when reports are
    /// quarterly).
    pub fn month_title(&self) -> String {
        if self.due.first != self.due.last {
            return self.due.words.clone();
        }
        match self.month.split_once('-') {
            Some((y, m)) => say::month_title(y, m.trim_start_matches('0')),
            None => self.month.clone(),
        }
    }
}

/// An as-of date that is no date in any of the ways [`parse_as_of`] reads; the text is what the
/// clerk typed, and the message shows how to write it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", say::bad_as_of(.0))]
pub struct BadDate(pub String);

/// An as-of date as a clerk types it: `2018-06-30` (also `2018/6/30`, `2018.6.30`, `2018年6月30日`),
/// or a message saying how to write it. Shared by `status --as-of` and the page's date box.
pub fn parse_as_of(s: &str) -> Result<NaiveDate, BadDate> {
    let t = s.trim();
    ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(t, f).ok())
        .ok_or_else(|| BadDate(s.to_owned()))
}

/// The report month at `as_of`: the month of `as_of` if it is that month's last day, else the
/// month before.
pub fn report_month(as_of: NaiveDate) -> String {
    let month_ends = as_of.succ_opt().is_none_or(|n| n.month() != as_of.month());
    if month_ends {
        return month_of(as_of);
    }
    let previous = as_of
        .with_day(1)
        .and_then(|d| d.pred_opt())
        .unwrap_or(as_of);
    month_of(previous)
}

/// The report due at a date under the policy's frequency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    /// First month of the period reported on (`2018-04` for the second quarter).
    pub first: String,
    /// Its last month (`2018-06`).
    pub last: String,
    /// How messages name it: `2018-05` for a month, `2018年第二季度` for a quarter.
    pub words: String,
}

/// The report due at `as_of`: the [`report_month`]'s month, or, quarterly, the last quarter
/// that ended by then (the quarter of the report month when that month ends a quarter).
pub fn due(as_of: NaiveDate, frequency: Frequency) -> Due {
    let month = report_month(as_of);
    match frequency {
        Frequency::Month => Due {
            first: month.clone(),
            last: month.clone(),
            words: month,
        },
        Frequency::Quarter => {
            let (y, m) = month
                .split_once('-')
                .and_then(|(y, m)| Some((y.parse::<i32>().ok()?, m.parse::<u32>().ok()?)))
                .unwrap_or((as_of.year(), as_of.month()));
            // The quarters ended by the report month's end: 3 of them by June, none in February.
            let (y, q) = match m / 3 {
                0 => (y - 1, 4),
                q => (y, q),
            };
            Due {
                first: format!("{y:04}-{:02}", q * 3 - 2),
                last: format!("{y:04}-{:02}", q * 3),
                words: say::quarter(y, q),
            }
        }
    }
}

/// A 报告期 cell as `YYYY-MM` (a clerk may have typed a date into it).
fn period_of(cell: &Value) -> String {
    match cell {
        Value::Date(d) => month_of(*d),
        Value::DateTime(d) => month_of(d.date()),
        other => other.display().trim().to_owned(),
    }
}

/// Latest report per project ID among periods up to `last` (`YYYY-MM`).
fn latest_until(ledger: &Ledger, last: &str) -> HashMap<String, (String, Latest)> {
    let t = &ledger.reports;
    let mut latest: HashMap<String, (String, Latest)> = HashMap::new();
    for r in 0..t.rows.len() {
        let period = period_of(t.get(r, Column::Period));
        if period.is_empty() || period.as_str() > last {
            continue;
        }
        let Some(percent) = t.get(r, Column::Percent).number() else {
            continue;
        };
        let id = t.get(r, Column::ProjectId).display();
        if latest.get(&id).is_none_or(|(p, _)| period > *p) {
            let state = t.get(r, Column::State).display();
            latest.insert(id, (period, Latest { percent, state }));
        }
    }
    latest
}

fn pct(n: f64) -> String {
    number_text((n * 10.0).round() / 10.0)
}

/// The reasons a project needs a reminder.
fn reasons(p: &ProjectStatus, month: &str, tolerance: f64) -> Vec<String> {
    let mut out = Vec::new();
    let expected = number_text(p.expected.round());
    match (p.status, p.percent) {
        (Status::Overdue, Some(done)) => out.push(say::overdue_with(p.deadline, &pct(done))),
        (Status::Overdue, None) => out.push(say::overdue_unreported(p.deadline)),
        (Status::Lagging, Some(done)) if p.gap.is_some_and(|g| g > tolerance) => {
            out.push(say::lagging(&expected, &pct(done)))
        }
        (Status::Lagging, Some(done)) => out.push(say::lagging_self(&expected, &pct(done))),
        _ => {}
    }
    if p.missing {
        let last = match &p.period {
            Some(period) => say::last_reported(period),
            None => say::NEVER_REPORTED.to_owned(),
        };
        out.push(say::not_reported(month, &last));
    }
    out
}

/// Computes the month's status of every project and unit at `as_of`.
pub fn monthly(ledger: &Ledger, policy: &Policy, as_of: NaiveDate) -> MonthlyStatus {
    let index = UnitIndex::new(policy);
    let month = report_month(as_of);
    let due = due(as_of, policy.report_frequency);
    let due_end = super::merge::period_end(&due.last).unwrap_or(as_of);
    let latest = latest_until(ledger, &month_of(as_of));
    let t = &ledger.projects;
    let mut projects = Vec::with_capacity(t.rows.len());
    let materials = ledger.material_counts();
    for row in ledger.counted_rows(policy) {
        let id = t.get(row, Column::ProjectId).display();
        let raw_unit = t.get(row, Column::Unit).display();
        let known = index.find(&raw_unit);
        let schedule = schedule_of(ledger, row, policy);
        let report = latest.get(&id);
        let status = schedule.classify(report.map(|(_, l)| l), as_of, policy.lag_tolerance);
        let expected = schedule.expected(as_of);
        let percent = report.map(|(_, l)| l.percent);
        let reported = report.is_some_and(|(p, _)| p.as_str() >= due.first.as_str());
        let missing = schedule.start <= due_end && status != Status::Done && !reported;
        let mut p = ProjectStatus {
            id,
            unit: known.map_or(raw_unit, |u| u.name.clone()),
            name: t.get(row, Column::Name).display(),
            category: t.get(row, Column::Category).display(),
            owner: t.get(row, Column::Owner).display(),
            owner_title: t.get(row, Column::OwnerTitle).display(),
            phone: t.get(row, Column::Phone).display(),
            contact: known.map(|u| u.contact.clone()).unwrap_or_default(),
            start: schedule.start,
            deadline: schedule.deadline,
            expected,
            percent,
            period: report.map(|(p, _)| p.clone()),
            status,
            missing,
            gap: percent.map(|done| ((expected - done) * 10.0).round() / 10.0),
            reasons: Vec::new(),
            key: ledger.is_key(row),
            materials: 0,
        };
        p.materials = materials.get(&p.id).copied().unwrap_or(0);
        p.reasons = reasons(&p, &due.words, policy.lag_tolerance);
        projects.push(p);
    }
    let units = units(ledger, policy, &index, &projects);
    let rank: HashMap<&str, usize> = units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.unit.as_str(), i))
        .collect();
    let mut chase: Vec<usize> = (0..projects.len())
        .filter(|&i| !projects[i].reasons.is_empty())
        .collect();
    chase.sort_by(|&a, &b| {
        let key = |i: usize| {
            let p = &projects[i];
            (
                rank.get(p.unit.as_str()).copied().unwrap_or(usize::MAX),
                &p.id,
            )
        };
        key(a).cmp(&key(b))
    });
    MonthlyStatus {
        as_of,
        month,
        due,
        tolerance: policy.lag_tolerance,
        organisation: policy.organisation.clone(),
        kind_name: crate::say::project_kind(policy.preset).to_owned(),
        projects,
        chase,
        units,
        hidden: policy.hidden_headers(),
    }
}

/// Per-unit rows: the ledger's quota verdicts (as in 单位汇总) with the month's counts beside it.
fn units(
    ledger: &Ledger,
    policy: &Policy,
    index: &UnitIndex<'_>,
    projects: &[ProjectStatus],
) -> Vec<UnitStatus> {
    unit_quotas(ledger, policy, index)
        .into_iter()
        .map(|q| {
            let mine: Vec<&ProjectStatus> = projects.iter().filter(|p| p.unit == q.unit).collect();
            let mut by_status = [0usize; 5];
            for (i, s) in Status::ALL.iter().enumerate() {
                by_status[i] = mine.iter().filter(|p| p.status == *s).count();
            }
            let known = index.find(&q.unit);
            UnitStatus {
                kind: q.kind,
                contact: known.map(|u| u.contact.clone()).unwrap_or_default(),
                email: known.map(|u| u.email.clone()).unwrap_or_default(),
                projects: mine.len(),
                by_status,
                missing: mine.iter().filter(|p| p.missing).count(),
                quota: q.rule,
                compliance: q.verdict,
                unit: q.unit,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_due_follows_the_frequency() {
        let d = |m, day| NaiveDate::from_ymd_opt(2018, m, day).unwrap();
        let q = |at| due(at, Frequency::Quarter);
        assert_eq!(due(d(7, 5), Frequency::Month).words, "2018-06");
        assert_eq!(q(d(7, 5)).first, "2018-04");
        assert_eq!(q(d(7, 5)).last, "2018-06");
        assert_eq!(q(d(7, 5)).words, "2018年第二季度");
        assert_eq!(q(d(6, 30)).last, "2018-06", "the quarter's last day");
        assert_eq!(q(d(6, 29)).last, "2018-03");
        assert_eq!(q(d(2, 10)).words, "2017年第四季度");
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn policy() -> Policy {
        let mut p = Policy::preset("innovation").unwrap();
        p.units = vec![
            crate::policy::Unit {
                name: "田家庵区委".into(),
                kind: "县区".into(),
                aliases: vec!["淮南市田家庵区委".into()],
                contact: "周敏".into(),
                email: "t@example.cn".into(),
            },
            crate::policy::Unit {
                name: "潘集区委".into(),
                kind: "县区".into(),
                aliases: vec![],
                contact: "冯涛".into(),
                email: String::new(),
            },
        ];
        p
    }

    fn project(l: &mut Ledger, id: &str, unit: &str, start: NaiveDate, deadline: NaiveDate) {
        let t = &mut l.projects;
        let r = t.push_row();
        t.set(r, Column::ProjectId, Value::text(id));
        t.set(r, Column::Unit, Value::text(unit));
        t.set(r, Column::Name, Value::text(format!("项目{id}")));
        t.set(r, Column::Category, Value::text("A"));
        t.set(r, Column::Owner, Value::text("张伟"));
        t.set(r, Column::Phone, Value::text("13805546677"));
        t.set(r, Column::Start, Value::Date(start));
        t.set(r, Column::Deadline, Value::Date(deadline));
        t.set(r, Column::Approval, Value::text(say::APPROVAL_APPROVED));
    }

    fn report(l: &mut Ledger, id: &str, period: &str, percent: f64) {
        let t = &mut l.reports;
        let r = t.push_row();
        t.set(r, Column::ProjectId, Value::text(id));
        t.set(r, Column::Period, Value::text(period));
        t.set(r, Column::Percent, Value::Number(percent));
    }

    fn ledger() -> Ledger {
        let mut l = Ledger::new();
        let (jan, dec) = (d(2018, 1, 1), d(2018, 12, 31));
        project(&mut l, "2018-001", "淮南市田家庵区委", jan, dec); // on schedule
        report(&mut l, "2018-001", "2018-05", 40.0);
        report(&mut l, "2018-001", "2018-06", 50.0);
        project(&mut l, "2018-002", "田家庵区委", jan, dec); // lagging
        report(&mut l, "2018-002", "2018-06", 20.0);
        project(&mut l, "2018-003", "潘集区委", jan, d(2018, 5, 31)); // overdue
        report(&mut l, "2018-003", "2018-06", 80.0);
        project(&mut l, "2018-004", "潘集区委", jan, dec); // finished in May
        report(&mut l, "2018-004", "2018-05", 100.0);
        project(&mut l, "2018-005", "潘集区委", jan, dec); // last reported in May
        report(&mut l, "2018-005", "2018-05", 45.0);
        project(&mut l, "2018-006", "潘集区委", d(2018, 9, 1), dec); // not started
        project(&mut l, "2018-007", "凤台县委", jan, dec); // never reported
        l
    }

    #[test]
    fn report_month_is_the_last_month_ended() {
        assert_eq!(report_month(d(2018, 6, 30)), "2018-06");
        assert_eq!(report_month(d(2018, 7, 5)), "2018-06");
        assert_eq!(report_month(d(2018, 6, 15)), "2018-05");
        assert_eq!(report_month(d(2018, 12, 31)), "2018-12");
        assert_eq!(report_month(d(2019, 1, 1)), "2018-12");
    }

    #[test]
    fn every_kind_of_project_is_classified() {
        let s = monthly(&ledger(), &policy(), d(2018, 6, 30));
        let by = |id: &str| s.projects.iter().find(|p| p.id == id).unwrap();
        assert_eq!(s.month, "2018-06");
        assert_eq!(by("2018-001").status, Status::Ongoing);
        assert!(!by("2018-001").missing);
        assert!(by("2018-001").reasons.is_empty());
        assert_eq!(by("2018-001").unit, "田家庵区委");
        assert_eq!(by("2018-001").contact, "周敏");
        assert_eq!(by("2018-002").status, Status::Lagging);
        assert_eq!(by("2018-002").reasons, vec!["滞后：计划 50%，实际 20%"]);
        assert!((by("2018-002").gap.unwrap() - 29.5).abs() < 0.01);
        assert_eq!(by("2018-003").status, Status::Overdue);
        assert_eq!(
            by("2018-003").reasons,
            vec!["逾期：完成时间 2018-05-31 已过，进度 80%"]
        );
        assert_eq!(by("2018-004").status, Status::Done);
        assert!(!by("2018-004").missing, "finished projects owe no report");
        assert_eq!(by("2018-005").status, Status::Ongoing);
        assert!(by("2018-005").missing);
        assert_eq!(
            by("2018-005").reasons,
            vec!["未报送 2018-06 进度报告（最近一次为 2018-05）"]
        );
        assert_eq!(by("2018-006").status, Status::Proposed);
        assert!(!by("2018-006").missing, "not started yet");
        assert_eq!(by("2018-007").status, Status::Proposed);
        assert!(by("2018-007").missing);
        assert_eq!(by("2018-007").gap, None);
        assert_eq!(s.count(Status::Ongoing), 2);
        assert_eq!(s.missing(), 2);
        assert_eq!(s.month_title(), "2018年6月");
    }

    #[test]
    fn chase_list_is_grouped_by_unit() {
        let s = monthly(&ledger(), &policy(), d(2018, 6, 30));
        let ids: Vec<&str> = s.chased().map(|p| p.id.as_str()).collect();
        // Policy order (田家庵区委, 潘集区委), then units outside the list.
        assert_eq!(ids, vec!["2018-002", "2018-003", "2018-005", "2018-007"]);
    }

    #[test]
    fn units_include_those_that_sent_nothing() {
        let mut p = policy();
        p.units.push(crate::policy::Unit {
            name: "寿县县委".into(),
            kind: "县区".into(),
            aliases: vec![],
            contact: String::new(),
            email: String::new(),
        });
        let s = monthly(&ledger(), &p, d(2018, 6, 30));
        let names: Vec<&str> = s.units.iter().map(|u| u.unit.as_str()).collect();
        assert_eq!(
            names,
            vec!["田家庵区委", "潘集区委", "寿县县委", "凤台县委"]
        );
        let pj = &s.units[1];
        assert_eq!(pj.projects, 4);
        assert_eq!(pj.by_status, [1, 1, 0, 1, 1]);
        assert_eq!(pj.missing, 1);
        assert_eq!(pj.compliance, Some(QuotaVerdict::TooMany(3)));
        assert_eq!(s.units[2].projects, 0);
        assert_eq!(s.units[2].compliance, Some(QuotaVerdict::NoProjects));
        assert_eq!(s.units[3].compliance, Some(QuotaVerdict::NotListed));
        assert_eq!(s.units_without_projects(), vec!["寿县县委"]);
        // 潘集区委 reported June for 2018-003; 凤台县委's only project never reported.
        assert_eq!(s.units_not_reported(), vec!["凤台县委"]);
    }

    #[test]
    fn an_earlier_as_of_ignores_later_reports() {
        let s = monthly(&ledger(), &policy(), d(2018, 5, 31));
        let first = &s.projects[0];
        assert_eq!(first.percent, Some(40.0));
        assert_eq!(first.period.as_deref(), Some("2018-05"));
        let lagging = &s.projects[1];
        assert!(lagging.missing);
        assert_eq!(lagging.status, Status::Proposed);
        let overdue = &s.projects[2];
        assert_eq!(
            overdue.status,
            Status::Proposed,
            "deadline is the as-of day"
        );
        assert_eq!(overdue.reasons, vec!["未报送 2018-05 进度报告（从未报送）"]);
    }

    #[test]
    fn overdue_without_report_and_self_declared_lag() {
        let mut l = ledger();
        let r = l.reports.push_row();
        l.reports.set(r, Column::ProjectId, Value::text("2018-001"));
        l.reports.set(r, Column::Period, Value::Date(d(2018, 7, 1)));
        l.reports.set(r, Column::Percent, Value::Number(55.0));
        l.reports.set(r, Column::State, Value::text("滞后"));
        let s = monthly(&l, &policy(), d(2018, 7, 31));
        assert_eq!(s.projects[0].period.as_deref(), Some("2018-07"));
        assert_eq!(
            s.projects[0].reasons,
            vec!["滞后：单位自报“滞后”，计划 58%，实际 55%"]
        );
        let s = monthly(&l, &policy(), d(2019, 1, 31));
        let never = s.projects.iter().find(|p| p.id == "2018-007").unwrap();
        assert_eq!(never.status, Status::Overdue);
        assert_eq!(
            never.reasons,
            vec![
                "逾期：完成时间 2018-12-31 已过，尚无进度报告",
                "未报送 2019-01 进度报告（从未报送）"
            ]
        );
    }
}
