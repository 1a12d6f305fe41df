//! Merge: apply a checked batch to the ledger (SPEC §6).
//!
//! Proposals first (they create projects), then progress reports, each in path order, so that
//! one batch and the same files month by month give the same ledger. A file already merged (its
//! SHA-256 is in 来源文件) changes nothing. A field the clerk corrected stays corrected until the
//! unit submits a different value for it; every change is logged in 变更记录.

use crate::say::ledger as say;
use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;

use super::store::Ledger;
use crate::batch::{Batch, FileResult};
use crate::form::FormKind;
use crate::model::{Column, Value};
use crate::policy::Policy;
use crate::rules::units::UnitIndex;
use crate::rules::{Closing, Code, Problem, Progress, Proposal, Record};
use crate::text::identity_key;

/// What happened to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// A new project.
    Added,
    /// A project changed.
    Updated,
    /// A proposal identical to what the ledger holds.
    Unchanged,
    /// A report for a new period.
    ReportAdded,
    /// A report replacing the one for its period.
    ReportReplaced,
    /// A 结项报告 recorded (or changed) on its project's row.
    Closed,
    /// The file (same SHA-256) was merged before.
    AlreadyMerged,
    /// Errors: not merged.
    Rejected,
    /// Errors, but a later valid file of the same unit and project replaced it: neither merged
    /// nor returned.
    Superseded,
    /// Not a spreadsheet, or a score sheet: not for the ledger.
    Skipped,
    /// Evidence recorded in 佐证材料 ([`super::materials`]).
    Material,
    /// Evidence 佐证材料 already holds.
    MaterialKnown,
}

impl Action {
    /// The word in 来源文件 and in the printed list.
    pub fn label(self) -> &'static str {
        match self {
            Action::Added => say::ACTION_ADDED,
            Action::Updated => say::ACTION_UPDATED,
            Action::Unchanged => say::ACTION_UNCHANGED,
            Action::ReportAdded => say::ACTION_REPORT_ADDED,
            Action::ReportReplaced => say::ACTION_REPORT_REPLACED,
            Action::Closed => say::ACTION_CLOSED,
            Action::AlreadyMerged => say::ACTION_ALREADY_MERGED,
            Action::Rejected => say::ACTION_REJECTED,
            Action::Superseded => say::ACTION_SUPERSEDED,
            Action::Skipped => say::ACTION_SKIPPED,
            Action::Material => crate::say::materials::ACTION_RECORDED,
            Action::MaterialKnown => crate::say::materials::ACTION_KNOWN,
        }
    }
}

/// The outcome of a merge, file by file.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// (file index in the batch, action, project ID).
    pub files: Vec<(usize, Action, Option<String>)>,
    /// Fields changed, as logged.
    pub changes: usize,
    /// Projects taizhang issued whose row the clerk deleted from 项目台账: named on every merge,
    /// so that no project disappears silently.
    pub deleted: Vec<Deleted>,
}

/// A project whose 项目台账 row was deleted: known from 报送原值, which keeps one row per
/// project ID ever merged. It counts as withdrawn; its 进度记录 rows are kept.
#[derive(Debug, Clone, PartialEq)]
pub struct Deleted {
    /// Its project ID (never given again).
    pub id: String,
    /// Its name as last submitted.
    pub name: String,
    /// How many 进度记录 rows it still has.
    pub reports: usize,
    /// The backup to restore the row from, when one exists (set by the caller that saved).
    pub backup: Option<std::path::PathBuf>,
}

impl Outcome {
    /// How many files had this action.
    pub fn count(&self, action: Action) -> usize {
        self.files.iter().filter(|(_, a, _)| *a == action).count()
    }
}

/// Applies the batch's valid files to the ledger. `hashes[i]` is the SHA-256 of the batch's `i`th
/// input (`FileResult::input`): the entries of a file with several forms share it.
/// New problems (E_NO_PROJECT, W_PERCENT_DOWN) are added to the batch's results.
pub fn merge(
    ledger: &mut Ledger,
    batch: &mut Batch,
    hashes: &[Option<String>],
    policy: &Policy,
    now: NaiveDateTime,
) -> Outcome {
    let units = UnitIndex::new(policy);
    let index = Index::build(ledger, &units, policy.year);
    let merged_ids = ledger
        .sources
        .col(Column::Sha256)
        .zip(ledger.sources.col(Column::ProjectId))
        .map(|(h, id)| {
            ledger
                .sources
                .rows
                .iter()
                .filter_map(|r| Some((r.get(h)?.display(), r.get(id)?.display())))
                .filter(|(_, id)| index.deleted.contains_key(id))
                .collect()
        })
        .unwrap_or_default();
    let mut m = Merger {
        merged_ids,
        index,
        known: ledger
            .sources
            .col(Column::Sha256)
            .map(|c| {
                ledger
                    .sources
                    .rows
                    .iter()
                    .filter_map(|r| r.get(c))
                    .map(Value::display)
                    .collect()
            })
            .unwrap_or_default(),
        owners: owners(ledger, policy),
        ledger,
        policy,
        units,
        now,
        outcome: Outcome::default(),
        this_run: HashMap::new(),
    };
    let order: Vec<usize> = {
        let mut idx: Vec<usize> = (0..batch.files.len()).collect();
        idx.sort_by_key(|&i| (batch.files[i].kind != FormKind::Proposal, i));
        idx
    };
    for i in order {
        let hash = hashes.get(batch.files[i].input).cloned().flatten();
        m.file(&mut batch.files[i], i, hash);
    }
    // 进度记录 is a log: new reports go at its end and rows never move, so what the clerk marked
    // on a row (a fill, a comment) stays with its report when the ledger is updated in place.
    m.outcome.files.sort_by_key(|(i, ..)| *i);
    m.outcome.deleted = m.deleted();
    refresh(m.ledger, policy, &m.units);
    about(m.ledger, policy, now);
    for r in batch.files.iter_mut() {
        r.problems.sort_by_key(|p| p.severity);
        r.ok = r.count(crate::rules::Severity::Error) == 0;
    }
    batch.summary = crate::batch::summarise(&batch.files);
    m.outcome
}

/// Each 责任人's projects in the ledger (but those 不予立项), when the policy counts per owner.
fn owners(ledger: &Ledger, policy: &Policy) -> HashMap<String, Vec<(String, String)>> {
    let mut out: HashMap<String, Vec<(String, String)>> = HashMap::new();
    if policy.per_owner == 0 {
        return out;
    }
    let t = &ledger.projects;
    for r in ledger.project_rows() {
        let owner = identity_key(&t.get(r, Column::Owner).display());
        let refused = t.get(r, Column::Approval).display().trim() == say::APPROVAL_REJECTED;
        if owner.is_empty() || refused {
            continue;
        }
        let project = (
            t.get(r, Column::Name).display(),
            t.get(r, Column::Unit).display(),
        );
        out.entry(owner).or_default().push(project);
    }
    out
}

/// Hash indexes over the ledger, kept up to date as rows are added: no file costs a scan.
struct Index {
    by_id: HashMap<String, usize>,
    by_key: HashMap<String, usize>,
    next_seq: u32,
    /// `2019-`: only this year's IDs move the sequence (a carried `2018-007` does not).
    year_prefix: String,
    /// 进度记录 rows of each project ID.
    reports: HashMap<String, Vec<usize>>,
    /// 报送原值 row of each project ID.
    submitted: HashMap<String, usize>,
    /// Project IDs in 报送原值 whose 项目台账 row is gone: ID → 报送原值 row.
    deleted: HashMap<String, usize>,
    /// Identity key of each deleted project → its ID.
    deleted_by_key: HashMap<String, String>,
}

fn project_key(units: &UnitIndex<'_>, unit: &str, name: &str) -> String {
    let unit = units.find(unit).map_or(unit, |u| u.name.as_str());
    format!("{}\u{1}{}", identity_key(unit), identity_key(name))
}

impl Index {
    fn build(ledger: &Ledger, units: &UnitIndex<'_>, year: i32) -> Index {
        let mut index = Index {
            by_id: HashMap::new(),
            by_key: HashMap::new(),
            next_seq: 1,
            year_prefix: format!("{year}-"),
            reports: HashMap::new(),
            submitted: HashMap::new(),
            deleted: HashMap::new(),
            deleted_by_key: HashMap::new(),
        };
        let reports = &ledger.reports;
        if let Some(c) = reports.col(Column::ProjectId) {
            for (r, row) in reports.rows.iter().enumerate() {
                let id = row.get(c).map(Value::display).unwrap_or_default();
                index.reports.entry(id).or_default().push(r);
            }
        }
        let submitted = &ledger.submitted;
        if let Some(c) = submitted.col(Column::ProjectId) {
            for (r, row) in submitted.rows.iter().enumerate() {
                let id = row.get(c).map(Value::display).unwrap_or_default();
                index.submitted.insert(id, r);
            }
        }
        let t = &ledger.projects;
        for row in ledger.project_rows() {
            let id = t.get(row, Column::ProjectId).display();
            index.saw_id(&id);
            let key = project_key(
                units,
                &t.get(row, Column::Unit).display(),
                &t.get(row, Column::Name).display(),
            );
            index.by_key.insert(key, row);
            index.by_id.insert(id, row);
        }
        // IDs are never reused: a deleted project's ID is still taken.
        let s = &ledger.submitted;
        for (id, &row) in &index.submitted {
            if id.trim().is_empty() || index.by_id.contains_key(id) {
                continue;
            }
            let key = project_key(
                units,
                &s.get(row, Column::Unit).display(),
                &s.get(row, Column::Name).display(),
            );
            index.deleted_by_key.insert(key, id.clone());
            index.deleted.insert(id.clone(), row);
        }
        let ids: Vec<String> = index.submitted.keys().cloned().collect();
        for id in ids {
            index.saw_id(&id);
        }
        index
    }

    /// Keeps the next sequence number past an ID seen.
    fn saw_id(&mut self, id: &str) {
        let Some(seq) = id.trim().strip_prefix(&self.year_prefix) else {
            return;
        };
        if let Ok(seq) = seq.parse::<u32>() {
            self.next_seq = self.next_seq.max(seq + 1);
        }
    }
}

struct Merger<'a> {
    ledger: &'a mut Ledger,
    policy: &'a Policy,
    units: UnitIndex<'a>,
    index: Index,
    known: HashSet<String>,
    /// SHA-256 → project ID, for files merged before whose project was deleted since.
    merged_ids: HashMap<String, String>,
    /// Each 责任人's projects (name, unit) in the ledger, when the policy counts per owner.
    owners: HashMap<String, Vec<(String, String)>>,
    now: NaiveDateTime,
    outcome: Outcome,
    /// SHA-256 merged in this run → the input it came from and its 来源文件 row: the other forms
    /// of the same file merge too and are added to that row; the same file sent twice is merged
    /// once.
    this_run: HashMap<String, (usize, usize)>,
}

impl Merger<'_> {
    fn file(&mut self, result: &mut FileResult, i: usize, hash: Option<String>) {
        let action = match (&result.kind, result.ok, &hash) {
            (FormKind::Skipped | FormKind::Scores, ..) => (Action::Skipped, None),
            (_, false, _) if result.superseded_by.is_some() => (Action::Superseded, None),
            (_, false, _) | (_, _, None) => (Action::Rejected, None),
            (_, true, Some(h))
                if self.known.contains(h)
                    && self
                        .this_run
                        .get(h)
                        .is_none_or(|(input, _)| *input != result.input) =>
            {
                (Action::AlreadyMerged, self.merged_ids.get(h).cloned())
            }
            _ => match result.record.clone() {
                Some(Record::Proposal(p)) => self.proposal(&p, result),
                Some(Record::Progress(p)) => self.progress(&p, result),
                Some(Record::Closing(c)) => self.closing(&c, result),
                Some(Record::Scores(_)) => (Action::Skipped, None),
                None => (Action::Rejected, None),
            },
        };
        if !matches!(
            action.0,
            Action::Skipped | Action::Rejected | Action::Superseded | Action::AlreadyMerged
        ) {
            if let Some(h) = hash {
                match self.this_run.get(&h) {
                    Some(&(input, row)) if input == result.input => {
                        self.add_part(row, result, action.1.as_deref());
                    }
                    _ => {
                        let row = self.source_row(result, &h, action.0, action.1.as_deref());
                        self.this_run.insert(h.clone(), (result.input, row));
                        self.known.insert(h);
                    }
                }
            }
        }
        self.outcome.files.push((i, action.0, action.1));
    }

    /// Another form of a file already in 来源文件 this run: its part and project join the row.
    fn add_part(&mut self, row: usize, r: &FileResult, id: Option<&str>) {
        let t = &mut self.ledger.sources;
        if let Some(part) = &r.part {
            let name = t.get(row, Column::FileName).display();
            t.set(
                row,
                Column::FileName,
                Value::text(crate::say::ledger::with_part(&name, part)),
            );
        }
        if let Some(id) = id.filter(|s| !s.is_empty()) {
            let ids = t.get(row, Column::ProjectId).display();
            let joined = if ids.is_empty() {
                id.to_owned()
            } else {
                crate::say::ledger::with_part(&ids, id)
            };
            t.set(row, Column::ProjectId, Value::text(joined));
        }
    }

    /// The file's 来源文件 row (its path and, for a file of several forms, the parts merged).
    fn source_row(
        &mut self,
        r: &FileResult,
        hash: &str,
        action: Action,
        id: Option<&str>,
    ) -> usize {
        let t = &mut self.ledger.sources;
        let row = t.push_row();
        t.set(row, Column::FileName, Value::text(r.path.clone()));
        t.set(row, Column::Sha256, Value::text(hash));
        t.set(row, Column::FileKind, Value::text(r.kind.label()));
        t.set(row, Column::MergedAt, Value::DateTime(self.now));
        t.set(row, Column::Outcome, Value::text(action.label()));
        t.set(row, Column::ProjectId, Value::text(id.unwrap_or_default()));
        if let Some(origin) = &r.origin {
            let sender = match (&origin.from_name, &origin.from) {
                (Some(name), Some(address)) => format!("{name} <{address}>"),
                (None, Some(address)) => address.clone(),
                (Some(name), None) => name.clone(),
                (None, None) => String::new(),
            };
            t.set(row, Column::Sender, Value::text(sender));
            let subject = origin.subject.clone().unwrap_or_default();
            t.set(row, Column::Subject, Value::text(subject));
            t.set(
                row,
                Column::SentAt,
                Value::text(origin.date.clone().unwrap_or_default()),
            );
        }
        row
    }

    /// The projects deleted from 项目台账, in ID order, with their 进度记录 counts.
    fn deleted(&self) -> Vec<Deleted> {
        let mut out: Vec<Deleted> = self
            .index
            .deleted
            .iter()
            .map(|(id, &row)| Deleted {
                id: id.clone(),
                name: self.ledger.submitted.get(row, Column::Name).display(),
                reports: self.index.reports.get(id).map_or(0, Vec::len),
                backup: None,
            })
            .collect();
        out.sort_by(|a, b| a.id.cmp(&b.id));
        out
    }

    /// The deleted project a report or proposal names, by ID or by unit and name.
    fn deleted_project(
        &self,
        id: Option<&String>,
        unit: Option<&String>,
        name: Option<&String>,
    ) -> Option<(String, String)> {
        let by_id = id
            .filter(|id| self.index.deleted.contains_key(*id))
            .cloned();
        let by_key = match (unit, name) {
            (Some(u), Some(n)) => self
                .index
                .deleted_by_key
                .get(&project_key(&self.units, u, n))
                .cloned(),
            _ => None,
        };
        let id = by_id.or(by_key)?;
        let row = *self.index.deleted.get(&id)?;
        Some((id, self.ledger.submitted.get(row, Column::Name).display()))
    }

    /// Rejects a file naming a deleted project, with E_NO_PROJECT saying so.
    fn reject_deleted(result: &mut FileResult, message: String) -> (Action, Option<String>) {
        result.problems.push(Problem::new(
            Code::E_NO_PROJECT,
            Some("name"),
            None,
            message,
        ));
        result.ok = false;
        (Action::Rejected, None)
    }

    /// `W_PER_OWNER` for a new project whose 责任人 already leads `per_owner` projects in the
    /// ledger (one project per secretary, later in the year too); none when the batch already
    /// said so or the rule is off.
    fn second_project(&self, p: &Proposal, result: &FileResult) -> Option<Problem> {
        let max = self.policy.per_owner;
        let owner = p.owner.as_deref().unwrap_or_default();
        let theirs = self.owners.get(&identity_key(owner))?;
        let said = result.problems.iter().any(|q| q.code == Code::W_PER_OWNER);
        if max == 0 || theirs.len() < max || said {
            return None;
        }
        let severity = self.policy.severity(Code::W_PER_OWNER)?;
        use crate::say::problems as words;
        let unit = p.unit.clone().unwrap_or_default();
        let name = p.name.clone().unwrap_or_default();
        let listed: Vec<String> = theirs
            .iter()
            .chain(std::iter::once(&(name, unit)))
            .map(|(n, u)| words::owned_project(n, u))
            .collect();
        let rule = words::per_owner_rule(max);
        let message = words::per_owner(owner, &listed, words::IN_LEDGER, &rule);
        let mut problem = Problem::new(Code::W_PER_OWNER, Some("owner"), None, message);
        problem.severity = severity;
        Some(problem)
    }

    fn proposal(&mut self, p: &Proposal, result: &mut FileResult) -> (Action, Option<String>) {
        let file = result.file_name().to_owned();
        let file = file.as_str();
        let unit = p.unit.clone().unwrap_or_default();
        let name = p.name.clone().unwrap_or_default();
        let key = project_key(&self.units, &unit, &name);
        if !self.index.by_key.contains_key(&key) {
            if let Some((id, name)) = self.deleted_project(None, p.unit.as_ref(), p.name.as_ref()) {
                let message = crate::say::safety::proposal_for_deleted(&id, &name);
                return Self::reject_deleted(result, message);
            }
            if let Some(problem) = self.second_project(p, result) {
                let refused = problem.severity == crate::rules::Severity::Error;
                result.problems.push(problem);
                if refused {
                    result.ok = false;
                    return (Action::Rejected, None);
                }
            }
            if self.policy.per_owner > 0 {
                let owner = identity_key(p.owner.as_deref().unwrap_or_default());
                let entry = (name.clone(), unit.clone());
                self.owners.entry(owner).or_default().push(entry);
            }
        }
        let cells = proposal_cells(p, self.policy);
        let Some(&row) = self.index.by_key.get(&key) else {
            let id = format!("{}-{:03}", self.policy.year, self.index.next_seq);
            self.index.next_seq += 1;
            let t = &mut self.ledger.projects;
            let row = t.push_row();
            t.set(row, Column::ProjectId, Value::text(id.clone()));
            t.set(row, Column::Year, Value::Number(self.policy.year as f64));
            for (h, v) in &cells {
                t.set(row, *h, v.clone());
            }
            t.set(row, Column::Version, Value::Number(1.0));
            t.set(row, Column::Source, Value::text(file));
            // Without approvals (policy) a merged proposal is a project at once: no 待审核.
            if self.policy.approval {
                t.set(
                    row,
                    Column::Approval,
                    Value::text(crate::say::ledger::APPROVAL_PENDING),
                );
            }
            self.remember_submitted(&id, &cells);
            self.index.by_key.insert(key, row);
            self.index.by_id.insert(id.clone(), row);
            return (Action::Added, Some(id));
        };
        let id = self.ledger.projects.get(row, Column::ProjectId).display();
        let before = self.submitted_row(&id);
        let mut changed = 0;
        for (h, new) in &cells {
            // What the unit said last time: a clerk's correction of an unchanged field stays.
            let last = match before {
                Some(s) => self.ledger.submitted.get(s, *h).clone(),
                None => self.ledger.projects.get(row, *h).clone(),
            };
            if same(&last, new) {
                continue;
            }
            let current = self.ledger.projects.get(row, *h).clone();
            if !same(&current, new) {
                self.log_change(&id, *h, &current, new, file);
                self.ledger.projects.set(row, *h, new.clone());
                changed += 1;
            }
        }
        self.remember_submitted(&id, &cells);
        if changed == 0 {
            return (Action::Unchanged, Some(id));
        }
        let version = self
            .ledger
            .projects
            .get(row, Column::Version)
            .number()
            .unwrap_or(1.0);
        self.ledger
            .projects
            .set(row, Column::Version, Value::Number(version + 1.0));
        self.ledger
            .projects
            .set(row, Column::Source, Value::text(file));
        (Action::Updated, Some(id))
    }

    fn submitted_row(&self, id: &str) -> Option<usize> {
        self.index.submitted.get(id).copied()
    }

    fn remember_submitted(&mut self, id: &str, cells: &[(Column, Value)]) {
        let row = match self.submitted_row(id) {
            Some(r) => r,
            None => {
                let r = self.ledger.submitted.push_row();
                self.ledger
                    .submitted
                    .set(r, Column::ProjectId, Value::text(id));
                self.index.submitted.insert(id.to_owned(), r);
                r
            }
        };
        for (h, v) in cells {
            self.ledger.submitted.set(row, *h, v.clone());
        }
    }

    fn log_change(&mut self, id: &str, field: Column, old: &Value, new: &Value, file: &str) {
        let t = &mut self.ledger.changes;
        let row = t.push_row();
        t.set(row, Column::ChangedAt, Value::DateTime(self.now));
        t.set(row, Column::ProjectId, Value::text(id));
        t.set(row, Column::Field, Value::text(field.header()));
        t.set(row, Column::OldValue, old.clone());
        t.set(row, Column::NewValue, new.clone());
        t.set(row, Column::Source, Value::text(file));
        self.outcome.changes += 1;
    }

    /// The 项目台账 row a report is about, by 项目编号, else by unit and name; a report of no
    /// project (or of a deleted one) is rejected with `E_NO_PROJECT`.
    fn project_row(
        &self,
        id: Option<&String>,
        unit: Option<&String>,
        name: Option<&String>,
        result: &mut FileResult,
    ) -> Result<usize, (Action, Option<String>)> {
        let by_id = id.and_then(|id| self.index.by_id.get(id)).copied();
        let by_key = match (unit, name) {
            (Some(u), Some(n)) => self
                .index
                .by_key
                .get(&project_key(&self.units, u, n))
                .copied(),
            _ => None,
        };
        if let Some(row) = by_id.or(by_key) {
            return Ok(row);
        }
        if let Some((id, name)) = self.deleted_project(id, unit, name) {
            let message = crate::say::safety::report_for_deleted(&id, &name);
            return Err(Self::reject_deleted(result, message));
        }
        result.problems.push(Problem::new(
            Code::E_NO_PROJECT,
            Some("name"),
            None,
            say::no_project(
                name.map_or("", String::as_str),
                unit.map_or("", String::as_str),
            ),
        ));
        result.ok = false;
        Err((Action::Rejected, None))
    }

    /// A 结项报告: its fields go on the project's row, beside the clerk's 验收结果. As for a
    /// proposal, a value is taken only when the unit changed it since its last report (报送原值),
    /// so a clerk's correction stays; a replaced value is logged in 变更记录.
    fn closing(&mut self, c: &Closing, result: &mut FileResult) -> (Action, Option<String>) {
        let row = match self.project_row(
            c.project_id.as_ref(),
            c.unit.as_ref(),
            c.name.as_ref(),
            result,
        ) {
            Ok(row) => row,
            Err(rejected) => return rejected,
        };
        let id = self.ledger.projects.get(row, Column::ProjectId).display();
        let file = result.file_name().to_owned();
        let cells = closing_cells(c);
        let before = self.submitted_row(&id);
        let mut changed = 0;
        for (column, new) in &cells {
            let current = self.ledger.projects.get(row, *column).clone();
            let last = before.map_or(&current, |s| self.ledger.submitted.get(s, *column));
            if same(last, new) || same(&current, new) {
                continue;
            }
            if !current.is_empty() {
                self.log_change(&id, *column, &current, new, &file);
            }
            self.ledger.projects.set(row, *column, new.clone());
            changed += 1;
        }
        self.remember_submitted(&id, &cells);
        if changed == 0 {
            (Action::Unchanged, Some(id))
        } else {
            (Action::Closed, Some(id))
        }
    }

    fn progress(&mut self, p: &Progress, result: &mut FileResult) -> (Action, Option<String>) {
        let row = match self.project_row(
            p.project_id.as_ref(),
            p.unit.as_ref(),
            p.name.as_ref(),
            result,
        ) {
            Ok(row) => row,
            Err(rejected) => return rejected,
        };
        let id = self.ledger.projects.get(row, Column::ProjectId).display();
        let period = p.period.clone().unwrap_or_default();
        let t = &self.ledger.reports;
        let mut existing = None;
        let mut previous: Option<(String, f64)> = None;
        for &r in self
            .index
            .reports
            .get(&id)
            .map(Vec::as_slice)
            .unwrap_or_default()
        {
            let their = t.get(r, Column::Period).display();
            if their == period {
                existing = Some(r);
            } else if their < period && previous.as_ref().is_none_or(|(p, _)| &their > p) {
                if let Some(n) = t.get(r, Column::Percent).number() {
                    previous = Some((their, n));
                }
            }
        }
        if let (Some((when, before)), Some(now)) = (&previous, p.percent) {
            if now < *before {
                result.problems.push(Problem::new(
                    Code::W_PERCENT_DOWN,
                    Some("percent"),
                    None,
                    say::percent_down(now, when, before),
                ));
            }
        }
        let (row_index, action) = match existing {
            Some(r) => (r, Action::ReportReplaced),
            None => {
                let r = self.ledger.reports.push_row();
                self.index.reports.entry(id.clone()).or_default().push(r);
                (r, Action::ReportAdded)
            }
        };
        let name = self.ledger.projects.get(row, Column::Name).clone();
        let t = &mut self.ledger.reports;
        t.set(row_index, Column::ProjectId, Value::text(id.clone()));
        t.set(row_index, Column::Name, name);
        for (h, v) in progress_cells(p) {
            t.set(row_index, h, v);
        }
        t.set(row_index, Column::Source, Value::text(result.path.clone()));
        (action, Some(id))
    }
}

fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => (x - y).abs() < 1e-9,
        _ => a.display() == b.display(),
    }
}

use super::derived::{about, refresh};
pub use super::derived::{
    closing_cells, latest_reports, month_of, period_end, progress_cells, proposal_cells,
    schedule_of, unit_summary,
};
