//! The year boundary (`taizhang rollover`, SPEC §10): the next year's ledger starts with every
//! approved project that is not finished — the college allows projects of up to two years, and
//! a city project granted an extension runs on — with its ID, its history (进度记录, 变更记录,
//! 来源文件, 报送原值) and the clerk's own columns, so that its reports merge into the new ledger
//! and its old files are still known (merging one again changes nothing).
//!
//! The old ledger is only read: it stays the record of its year. Projects that are finished,
//! not approved, or of no year are left there, and counted in [`Rolled`] so the clerk is told.

use std::collections::HashSet;
use std::path::Path;

use chrono::NaiveDateTime;

use super::derived::{about, refresh};
use super::store::{Ledger, LedgerError, Saved};
use super::Table;
use crate::model::{Column, Value};
use crate::policy::Policy;
use crate::rules::units::UnitIndex;
use crate::say::ledger as say;

/// What `rollover` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rolled {
    /// The projects carried into the new ledger, by 项目编号.
    pub carried: Vec<String>,
    /// Projects left in the old ledger because they are finished.
    pub finished: usize,
    /// Projects left because they are not approved (待审核, 不予立项, 退回修改).
    pub not_approved: usize,
    /// The clerk's own sheets of the old ledger (not carried; still in the old ledger).
    pub other_sheets: Vec<String>,
    /// How the new ledger was written.
    pub saved: Saved,
}

/// Starts the year-`policy.year` ledger at `out` from the ledger at `old`.
///
/// # Errors
/// [`LedgerError`]: the old ledger cannot be read; `out` already exists or is the old ledger
/// ([`LedgerError::Refused`], nothing written); the new ledger cannot be written.
pub fn rollover(
    old: &Path,
    out: &Path,
    policy: &Policy,
    now: NaiveDateTime,
) -> Result<Rolled, LedgerError> {
    if out.exists() {
        return Err(LedgerError::Refused(say::rollover_exists(out)));
    }
    let from = Ledger::read(old)?;
    let (new, mut rolled) = carry(&from, policy, now);
    rolled.saved = new.save(out)?;
    Ok(rolled)
}

/// The new ledger in memory (see [`rollover`]).
pub fn carry(from: &Ledger, policy: &Policy, now: NaiveDateTime) -> (Ledger, Rolled) {
    let mut rolled = Rolled {
        carried: Vec::new(),
        finished: 0,
        not_approved: 0,
        other_sheets: from.others.iter().map(|t| t.name.clone()).collect(),
        saved: Saved::Written,
    };
    let mut keep = Vec::new();
    for r in from.project_rows() {
        let t = &from.projects;
        if policy.approval && !from.is_approved(r) {
            rolled.not_approved += 1;
        } else if from.is_finished(r) {
            rolled.finished += 1;
        } else {
            keep.push(r);
            rolled
                .carried
                .push(t.get(r, Column::ProjectId).display().trim().to_owned());
        }
    }
    let ids: HashSet<&str> = rolled.carried.iter().map(String::as_str).collect();
    let mut new = Ledger::new();
    new.projects = rows_of(&from.projects, |r| keep.contains(&r));
    new.reports = by_id(&from.reports, &ids);
    new.changes = by_id(&from.changes, &ids);
    new.submitted = by_id(&from.submitted, &ids);
    new.materials = by_id(&from.materials, &ids);
    // A file's 项目编号 may name several projects (a file of several forms): kept if any is carried.
    new.sources = rows_of(&from.sources, |r| {
        from.sources
            .get(r, Column::ProjectId)
            .display()
            .split(['、', ',', '，', ' '])
            .any(|id| ids.contains(id.trim()))
    });
    let from_year = |r: usize| from.projects.get(r, Column::Year).display();
    for (&r, id) in keep.iter().zip(&rolled.carried) {
        let c = new.changes.push_row();
        let t = &mut new.changes;
        t.set(c, Column::ChangedAt, Value::DateTime(now));
        t.set(c, Column::ProjectId, Value::text(id.clone()));
        t.set(c, Column::Field, Value::text(say::ROLLOVER_FIELD));
        t.set(
            c,
            Column::OldValue,
            Value::text(say::year_ledger(&from_year(r))),
        );
        t.set(
            c,
            Column::NewValue,
            Value::text(say::year_ledger(&policy.year.to_string())),
        );
        t.set(c, Column::Source, Value::text(say::ROLLOVER_SOURCE));
    }
    refresh(&mut new, policy, &UnitIndex::new(policy));
    about(&mut new, policy, now);
    (new, rolled)
}

/// A copy of `t` (headers and the clerk's columns) with the rows `keep` chooses.
fn rows_of(t: &Table, keep: impl Fn(usize) -> bool) -> Table {
    Table {
        name: t.name.clone(),
        headers: t.headers.clone(),
        rows: (0..t.rows.len())
            .filter(|&r| keep(r))
            .map(|r| t.rows[r].clone())
            .collect(),
    }
}

/// The rows of `t` whose 项目编号 is one of `ids`.
fn by_id(t: &Table, ids: &HashSet<&str>) -> Table {
    rows_of(t, |r| {
        ids.contains(t.get(r, Column::ProjectId).display().trim())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::innovation;

    fn project(l: &mut Ledger, id: &str, approval: &str, status: &str) {
        let r = l.projects.push_row();
        let t = &mut l.projects;
        t.set(r, Column::ProjectId, Value::text(id));
        t.set(r, Column::Year, Value::Number(2018.0));
        t.set(r, Column::Unit, Value::text("田家庵区委"));
        t.set(r, Column::Name, Value::text(format!("项目{id}")));
        t.set(r, Column::Approval, Value::text(approval));
        t.set(r, Column::Status, Value::text(status));
        t.set_named(r, "督办人", Value::text("王科长"));
        let p = l.reports.push_row();
        l.reports.set(p, Column::ProjectId, Value::text(id));
        l.reports.set(p, Column::Period, Value::text("2018-12"));
        let m = l.materials.push_row();
        l.materials.set(m, Column::ProjectId, Value::text(id));
        let s = l.sources.push_row();
        l.sources.set(s, Column::ProjectId, Value::text(id));
        l.sources
            .set(s, Column::Sha256, Value::text(format!("hash{id}")));
    }

    fn now() -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2019, 1, 5)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap()
    }

    #[test]
    fn carries_approved_unfinished_projects_with_their_history_and_columns() {
        let mut old = Ledger::new();
        project(&mut old, "2018-001", "已批复", "推进中");
        project(&mut old, "2018-002", "已批复", "已完成");
        project(&mut old, "2018-003", "不予立项", "不予立项");
        project(&mut old, "2018-004", "已批复", "逾期");
        let mut policy = innovation();
        policy.year = 2019;
        let (new, rolled) = carry(&old, &policy, now());
        assert_eq!(rolled.carried, ["2018-001", "2018-004"]);
        assert_eq!((rolled.finished, rolled.not_approved), (1, 1));
        let ids: Vec<String> = new
            .project_rows()
            .map(|r| new.projects.get(r, Column::ProjectId).display())
            .collect();
        assert_eq!(ids, ["2018-001", "2018-004"]);
        assert_eq!(new.projects.get(0, Column::Year).display(), "2018");
        assert_eq!(new.projects.get_named(1, "督办人").display(), "王科长");
        assert_eq!(new.reports.rows.len(), 2);
        assert_eq!(new.sources.rows.len(), 2);
        assert_eq!(
            new.materials.rows.len(),
            2,
            "佐证材料 go with their projects"
        );
        assert_eq!(new.changes.rows.len(), 2);
        assert_eq!(
            new.changes.get(0, Column::NewValue).display(),
            "2019年度台账"
        );
    }

    #[test]
    fn refuses_to_overwrite_and_writes_a_ledger_that_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let old_path = dir.path().join("2018台账.xlsx");
        let mut old = Ledger::new();
        project(&mut old, "2018-001", "已批复", "推进中");
        old.save(&old_path).unwrap();
        let mut policy = innovation();
        policy.year = 2019;
        let err = rollover(&old_path, &old_path, &policy, now()).unwrap_err();
        assert!(err.to_string().contains("已存在"), "{err}");
        let out = dir.path().join("2019台账.xlsx");
        let rolled = rollover(&old_path, &out, &policy, now()).unwrap();
        assert_eq!(rolled.carried, ["2018-001"]);
        let back = Ledger::read(&out).unwrap();
        assert_eq!(back.project_rows().count(), 1);
        assert_eq!(back.projects.get_named(0, "督办人").display(), "王科长");
    }
}
