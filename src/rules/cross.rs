//! Rules across the files of one batch: unknown units, resends, duplicates, quotas (SPEC §4, §9).
//!
//! **Resends.** A file with errors is *superseded* when the same unit later sent a valid file of
//! the same project (a proposal of the same unit and name; a report of the same unit, name and
//! period): the flawed original and its corrected resend are no duplicates, and the original is
//! no longer to be returned. "Later" is decided by [`Arrival::after`].

use std::collections::HashMap;

use super::units::UnitIndex;
use super::{Code, Problem, Record};
use crate::policy::Policy;
use crate::say::problems as say;
use crate::text::identity_key;

/// One file of the batch as the cross-file rules see it.
pub struct Entry<'a> {
    /// The file's name, for messages.
    pub name: &'a str,
    /// Its record, when it is a proposal or progress report.
    pub record: Option<&'a mut Record>,
    /// The cell of its unit, for messages.
    pub unit_cell: Option<&'a str>,
    /// The label of its unit, as the form shows it.
    pub unit_label: &'a str,
    /// The file has no error of its own.
    pub valid: bool,
    /// When it came, to tell a resend from its original.
    pub arrival: Arrival,
}

/// When a file came: what tells a resend from the original it replaces.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Arrival {
    /// When its mail was sent (seconds since 1970, UTC), when it came by mail.
    pub mailed: Option<i64>,
    /// When the file on disk was last modified.
    pub modified: Option<std::time::SystemTime>,
    /// Its place in path order.
    pub order: usize,
}

impl Arrival {
    /// Whether this file came after `other`: by the mails' dates when both are known and differ,
    /// else by the files' modification times when both are known and differ, else by path order.
    pub fn after(&self, other: &Arrival) -> bool {
        if let (Some(a), Some(b)) = (self.mailed, other.mailed) {
            if a != b {
                return a > b;
            }
        }
        if let (Some(a), Some(b)) = (self.modified, other.modified) {
            if a != b {
                return a > b;
            }
        }
        self.order > other.order
    }
}

/// What the cross-file rules found.
#[derive(Debug, Default)]
pub struct Findings {
    /// (entry index, problem).
    pub problems: Vec<(usize, Problem)>,
    /// (superseded entry, the entry that replaced it): the latest valid resend.
    pub superseded: Vec<(usize, usize)>,
}

/// Canonicalises units, then finds resends, duplicates and quota breaches.
pub fn check(entries: &mut [Entry<'_>], policy: &Policy) -> Findings {
    let units = UnitIndex::new(policy);
    let mut out = Vec::new();
    for (i, e) in entries.iter_mut().enumerate() {
        let Some(record) = e.record.as_deref_mut() else {
            continue;
        };
        let unit_slot = match record {
            Record::Proposal(p) => &mut p.unit,
            Record::Progress(p) => &mut p.unit,
            Record::Closing(c) => &mut c.unit,
            Record::Scores(_) => continue,
        };
        let Some(unit) = unit_slot.as_ref() else {
            continue;
        };
        match units.find(unit) {
            Some(known) => *unit_slot = Some(known.name.clone()),
            None if !units.is_empty() => {
                let message = say::unknown_unit(e.unit_label, unit, e.unit_cell.unwrap_or("?"));
                out.push((
                    i,
                    Problem::new(
                        Code::W_UNIT_UNKNOWN,
                        Some("unit"),
                        e.unit_cell.map(str::to_owned),
                        message,
                    ),
                ));
            }
            None => {}
        }
    }
    let superseded = superseded(entries);
    let mut replaced = vec![false; entries.len()];
    for &(i, _) in &superseded {
        replaced[i] = true;
    }
    out.extend(duplicates(entries, &replaced));
    out.extend(quotas(entries, policy, &units));
    out.extend(per_owner(entries, policy, &units, &replaced));
    Findings {
        problems: out,
        superseded,
    }
}

/// Every file with errors that a later valid file of the same unit and project replaced, with
/// the latest such file.
fn superseded(entries: &[Entry<'_>]) -> Vec<(usize, usize)> {
    let mut groups: HashMap<(&'static str, String), Vec<usize>> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        if let Some(id) = e.record.as_deref().and_then(identity) {
            groups.entry(id).or_default().push(i);
        }
    }
    let mut out = Vec::new();
    for members in groups.values() {
        for &f in members.iter().filter(|&&f| !entries[f].valid) {
            let mut latest: Option<usize> = None;
            for &v in members {
                let later = entries[v].valid && entries[v].arrival.after(&entries[f].arrival);
                if later && latest.is_none_or(|l| entries[v].arrival.after(&entries[l].arrival)) {
                    latest = Some(v);
                }
            }
            if let Some(v) = latest {
                out.push((f, v));
            }
        }
    }
    out.sort_unstable();
    out
}

/// What makes two forms the same submission: the form (as a duplicate's message names it) and
/// the project (and period).
fn identity(record: &Record) -> Option<(&'static str, String)> {
    let unit = identity_key(record.unit()?);
    let name = identity_key(record.name()?);
    Some(match record {
        Record::Proposal(_) => (say::DUPLICATE_PROPOSAL, format!("{unit}\u{1}{name}")),
        Record::Progress(p) => (
            say::DUPLICATE_REPORT,
            format!("{unit}\u{1}{name}\u{1}{}", p.period.as_deref()?),
        ),
        Record::Closing(_) => (say::DUPLICATE_CLOSING, format!("{unit}\u{1}{name}")),
        Record::Scores(_) => return None,
    })
}

/// Files of the same project (and period), the second and later ones warned. A superseded file
/// is no duplicate of its resend.
fn duplicates(entries: &[Entry<'_>], superseded: &[bool]) -> Vec<(usize, Problem)> {
    let mut first: HashMap<(&'static str, String), usize> = HashMap::new();
    let mut out = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        if superseded.get(i).copied().unwrap_or(false) {
            continue;
        }
        let Some(id) = e.record.as_deref().and_then(identity) else {
            continue;
        };
        match first.get(&id) {
            Some(&j) => {
                let message = say::duplicate(id.0, entries[j].name);
                out.push((i, Problem::new(Code::W_DUPLICATE, None, None, message)));
            }
            None => {
                first.insert(id, i);
            }
        }
    }
    out
}

/// A 责任人's name as first written, files and distinct (unit, name) projects.
type Owned = (String, Vec<usize>, Vec<(String, String)>);

/// One project per secretary: the distinct projects (unit and name) each 责任人 leads in the
/// batch, across units; a resend replaced by a later file is not counted.
fn per_owner(
    entries: &[Entry<'_>],
    policy: &Policy,
    units: &UnitIndex<'_>,
    replaced: &[bool],
) -> Vec<(usize, Problem)> {
    if policy.per_owner == 0 {
        return Vec::new();
    }
    // Owner key → the name as written, the files, the distinct projects in first-seen order.
    let mut by_owner: HashMap<String, Owned> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        let Some(Record::Proposal(p)) = e.record.as_deref() else {
            continue;
        };
        let (Some(owner), Some(name)) = (p.owner.as_deref(), p.name.as_deref()) else {
            continue;
        };
        if replaced.get(i).copied().unwrap_or(false) || identity_key(owner).is_empty() {
            continue;
        }
        let unit = p.unit.clone().unwrap_or_default();
        let unit = units.find(&unit).map_or(unit, |u| u.name.clone());
        let slot = by_owner
            .entry(identity_key(owner))
            .or_insert_with(|| (owner.to_owned(), Vec::new(), Vec::new()));
        slot.1.push(i);
        let key = (identity_key(&unit), identity_key(name));
        if !slot
            .2
            .iter()
            .any(|(u, n)| (identity_key(u), identity_key(n)) == key)
        {
            slot.2.push((unit, name.to_owned()));
        }
    }
    let mut out = Vec::new();
    let rule = say::per_owner_rule(policy.per_owner);
    for (owner, files, projects) in by_owner.into_values() {
        if projects.len() <= policy.per_owner {
            continue;
        }
        let listed: Vec<String> = projects
            .iter()
            .map(|(u, n)| say::owned_project(n, u))
            .collect();
        let message = say::per_owner(&owner, &listed, say::IN_BATCH, &rule);
        for i in files {
            let problem = Problem::new(Code::W_PER_OWNER, Some("owner"), None, message.clone());
            out.push((i, problem));
        }
    }
    out.sort_by_key(|(i, _)| *i);
    out
}

fn quotas(entries: &[Entry<'_>], policy: &Policy, units: &UnitIndex<'_>) -> Vec<(usize, Problem)> {
    // Counted by secretary instead ([`per_owner`]): a unit's count says nothing more.
    if policy.per_owner > 0 {
        return Vec::new();
    }
    // Distinct projects per known unit: a re-sent form is counted once.
    let mut per_unit: HashMap<&str, (Vec<usize>, HashMap<String, bool>)> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        let Some(Record::Proposal(p)) = e.record.as_deref() else {
            continue;
        };
        let (Some(unit), Some(name)) = (p.unit.as_deref(), p.name.as_deref()) else {
            continue;
        };
        let Some(known) = units.find(unit) else {
            continue;
        };
        let slot = per_unit.entry(known.name.as_str()).or_default();
        slot.0.push(i);
        let is_a = p.category.as_deref() == Some("A");
        let entry = slot.1.entry(identity_key(name)).or_insert(false);
        *entry |= is_a;
    }
    let mut out = Vec::new();
    for (unit_name, (files, projects)) in per_unit {
        let Some(unit) = units.find(unit_name) else {
            continue;
        };
        let Some(kind) = policy.unit_types.iter().find(|t| t.name == unit.kind) else {
            continue;
        };
        let count = projects.len();
        let a_count = projects.values().filter(|a| **a).count();
        // Fewer than the minimum may simply not have arrived yet: the ledger's 单位汇总 shows that.
        let breach = count > kind.max_projects
            || (count >= kind.min_projects.max(1) && a_count < kind.min_category_a);
        if !breach {
            continue;
        }
        let (min, max) = (kind.min_projects, kind.max_projects);
        let rule = if kind.min_category_a > 0 {
            say::quota_rule_with_a(&kind.name, min, max, kind.min_category_a)
        } else {
            say::quota_rule(min, max)
        };
        let a_count = policy.has_categories().then_some(a_count);
        let message = say::quota(unit_name, &kind.name, count, a_count, &rule);
        for i in files {
            out.push((i, Problem::new(Code::W_QUOTA, None, None, message.clone())));
        }
    }
    out
}
