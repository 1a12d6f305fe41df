//! The clerk's decision on proposals (`taizhang approve`, SPEC §10): 审核状态 set to 已批复,
//! 不予立项 or 退回修改 (with a note for the unit in 审核意见), one 变更记录 row per change, under
//! the same lock, refusals and atomic write as a merge. Merge itself never touches 审核状态.

use std::path::Path;

use chrono::NaiveDateTime;

use super::derived::{about, refresh};
use super::safety::{check_before_merge, Lock};
use super::store::{Ledger, LedgerError, Saved};
use crate::model::{Column, Value};
use crate::policy::Policy;
use crate::rules::units::UnitIndex;
use crate::say::ledger as say;

/// What to decide.
#[derive(Debug, Clone)]
pub struct Decision<'a> {
    /// The projects, by 项目编号; empty with `all`.
    pub ids: &'a [String],
    /// Every project still 待审核 (or with no 审核状态).
    pub all: bool,
    /// The new 审核状态: one of [`say::APPROVAL_STATES`]; `None` leaves it (granting an
    /// extension alone).
    pub state: Option<&'a str>,
    /// A new 完成时间: the extension the unit asked for, granted (SPEC §10).
    pub deadline: Option<chrono::NaiveDate>,
    /// 验收结果 (通过 / 整改 / 不通过) with its note for 验收意见: the acceptance of a
    /// finished project (`taizhang accept`).
    pub acceptance: Option<(&'a str, Option<&'a str>)>,
    /// The note for the unit (审核意见); `None` leaves the note as it is.
    pub note: Option<&'a str>,
}

/// What `approve` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Approved {
    /// Projects whose 审核状态 (or note) changed.
    pub changed: Vec<String>,
    /// Projects that already had it.
    pub unchanged: Vec<String>,
    /// How the ledger was saved (in place, or written whole and why).
    pub saved: Saved,
}

/// Sets 审核状态 of the chosen projects and saves the ledger.
///
/// # Errors
/// [`LedgerError`]: the ledger is open, locked, unreadable; an ID is not in it or the state is
/// none of the four ([`LedgerError::Refused`]); nothing is written then.
pub fn approve(
    path: &Path,
    decision: &Decision<'_>,
    policy: &Policy,
    now: NaiveDateTime,
) -> Result<Approved, LedgerError> {
    if let Some(state) = decision.state {
        if !say::APPROVAL_STATES.contains(&state) {
            return Err(LedgerError::Refused(say::approve_bad_state(state)));
        }
    }
    if let Some((result, _)) = decision.acceptance {
        if !say::ACCEPTANCE_STATES.contains(&result) {
            return Err(LedgerError::Refused(say::accept_bad_state(result)));
        }
    }
    if decision.state.is_none() && decision.deadline.is_none() && decision.acceptance.is_none() {
        return Err(LedgerError::Refused(say::APPROVE_NOTHING.to_owned()));
    }
    if decision.deadline.is_some() && decision.all {
        return Err(LedgerError::Refused(say::EXTENSION_NEEDS_IDS.to_owned()));
    }
    if decision.ids.is_empty() && !decision.all {
        return Err(LedgerError::Refused(say::APPROVE_NOTHING.to_owned()));
    }
    check_before_merge(path)?;
    let _lock = Lock::take(path)?;
    let mut ledger = Ledger::read(path)?;
    let rows = chosen_rows(&ledger, decision)?;
    let mut done = Approved {
        changed: Vec::new(),
        unchanged: Vec::new(),
        saved: Saved::Patched,
    };
    for row in rows {
        let id = ledger.projects.get(row, Column::ProjectId).display();
        let mut changed = false;
        let mut set = |ledger: &mut Ledger, column: Column, new: Value, source: &str| {
            let old = ledger.projects.get(row, column).clone();
            if old.display().trim() == new.display().trim() {
                return;
            }
            ledger.projects.set(row, column, new.clone());
            let t = &mut ledger.changes;
            let c = t.push_row();
            t.set(c, Column::ChangedAt, Value::DateTime(now));
            t.set(c, Column::ProjectId, Value::text(id.clone()));
            t.set(c, Column::Field, Value::text(column.header()));
            t.set(c, Column::OldValue, old);
            t.set(c, Column::NewValue, new);
            t.set(c, Column::Source, Value::text(source));
            changed = true;
        };
        if let Some(state) = decision.state {
            set(
                &mut ledger,
                Column::Approval,
                Value::text(state),
                say::APPROVAL_SOURCE,
            );
        }
        if let Some(deadline) = decision.deadline {
            let source = say::EXTENSION_SOURCE;
            set(&mut ledger, Column::Deadline, Value::Date(deadline), source);
        }
        if let Some((result, note)) = decision.acceptance {
            let source = say::ACCEPTANCE_SOURCE;
            set(&mut ledger, Column::Acceptance, Value::text(result), source);
            if let Some(note) = note {
                set(
                    &mut ledger,
                    Column::AcceptanceNote,
                    Value::text(note.trim()),
                    source,
                );
            }
        }
        if let Some(note) = decision.note {
            let source = say::APPROVAL_SOURCE;
            set(
                &mut ledger,
                Column::ApprovalNote,
                Value::text(note.trim()),
                source,
            );
        }
        if changed {
            done.changed.push(id);
        } else {
            done.unchanged.push(id);
        }
    }
    if done.changed.is_empty() {
        return Ok(done);
    }
    refresh(&mut ledger, policy, &UnitIndex::new(policy));
    about(&mut ledger, policy, now);
    done.saved = ledger.save(path)?;
    Ok(done)
}

/// The rows of the chosen projects: every ID must be in the ledger, or nothing is done.
fn chosen_rows(ledger: &Ledger, decision: &Decision<'_>) -> Result<Vec<usize>, LedgerError> {
    let mut rows = Vec::new();
    let mut unknown = Vec::new();
    for id in decision.ids {
        let id = id.trim();
        match ledger
            .project_rows()
            .find(|&r| ledger.projects.get(r, Column::ProjectId).display().trim() == id)
        {
            Some(r) => rows.push(r),
            None => unknown.push(id.to_owned()),
        }
    }
    if !unknown.is_empty() {
        return Err(LedgerError::Refused(say::approve_unknown(
            &unknown.join("、"),
        )));
    }
    if decision.all {
        for r in ledger.project_rows() {
            let state = ledger.projects.get(r, Column::Approval).display();
            if matches!(state.trim(), "" | say::APPROVAL_PENDING) && !rows.contains(&r) {
                rows.push(r);
            }
        }
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::innovation;

    fn ledger_with(dir: &Path, states: &[&str]) -> std::path::PathBuf {
        let mut l = Ledger::new();
        for (i, s) in states.iter().enumerate() {
            let r = l.projects.push_row();
            l.projects.set(
                r,
                Column::ProjectId,
                Value::text(format!("2018-{:03}", i + 1)),
            );
            l.projects
                .set(r, Column::Name, Value::text(format!("项目{i}")));
            l.projects.set(r, Column::Approval, Value::text(*s));
        }
        let path = dir.join("台账.xlsx");
        l.save(&path).unwrap();
        path
    }

    fn now() -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2018, 4, 20)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap()
    }

    #[test]
    fn approving_sets_the_state_logs_the_change_and_counts_the_project() {
        let dir = tempfile::tempdir().unwrap();
        let path = ledger_with(dir.path(), &["待审核", "待审核", "已批复"]);
        let policy = innovation();
        let ids = vec!["2018-001".to_owned(), "2018-003".to_owned()];
        let d = Decision {
            ids: &ids,
            all: false,
            state: Some("已批复"),
            deadline: None,
            acceptance: None,
            note: None,
        };
        let done = approve(&path, &d, &policy, now()).unwrap();
        assert_eq!(done.changed, ["2018-001"]);
        assert_eq!(done.unchanged, ["2018-003"]);
        let l = Ledger::read(&path).unwrap();
        assert_eq!(l.counted_rows(&policy).collect::<Vec<_>>(), [0, 2]);
        assert_eq!(l.projects.get(1, Column::Status).display(), "待审核");
        assert_eq!(l.changes.rows.len(), 1);
        assert_eq!(l.changes.get(0, Column::OldValue).display(), "待审核");
        assert_eq!(l.changes.get(0, Column::NewValue).display(), "已批复");
        let mut off = innovation();
        off.approval = false;
        assert_eq!(l.counted_rows(&off).count(), 3);
    }

    #[test]
    fn all_takes_the_pending_a_note_is_kept_and_unknown_ids_change_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = ledger_with(dir.path(), &["待审核", "", "不予立项"]);
        let policy = innovation();
        let before = std::fs::read(&path).unwrap();
        let ids = vec!["2018-009".to_owned()];
        let bad = Decision {
            ids: &ids,
            all: true,
            state: Some("已批复"),
            deadline: None,
            acceptance: None,
            note: None,
        };
        let err = approve(&path, &bad, &policy, now())
            .unwrap_err()
            .to_string();
        assert!(err.contains("2018-009"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), before);
        let state = Decision {
            ids: &[],
            all: true,
            state: Some("批了"),
            deadline: None,
            acceptance: None,
            note: None,
        };
        assert!(approve(&path, &state, &policy, now()).is_err());
        let all = Decision {
            ids: &[],
            all: true,
            state: Some("退回修改"),
            deadline: None,
            acceptance: None,
            note: Some("请补充经费预算"),
        };
        let done = approve(&path, &all, &policy, now()).unwrap();
        assert_eq!(done.changed, ["2018-001", "2018-002"]);
        let l = Ledger::read(&path).unwrap();
        assert_eq!(
            l.projects.get(1, Column::ApprovalNote).display(),
            "请补充经费预算"
        );
        assert_eq!(l.projects.get(2, Column::Approval).display(), "不予立项");
        assert_eq!(l.projects.get(0, Column::Status).display(), "退回修改");
        assert_eq!(l.counted_rows(&policy).count(), 0);
    }
}
