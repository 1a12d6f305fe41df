//! One whole merge, as both the command line and the web page run it: take the lock, read the
//! ledger, check the inputs, apply them, save atomically with a backup.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use rayon::prelude::*;

use super::merge::{self, Action, Outcome};
use super::store::{self, Ledger, LedgerError, Lock};
use crate::batch::{self, Batch, Input};
use crate::policy::Policy;
use crate::read::Limits;

/// What a merge is asked to do.
pub struct MergeJob<'a> {
    /// The ledger file; created when it does not exist.
    pub ledger: &'a Path,
    /// The inputs, in the order they are to be reported.
    pub inputs: &'a [Input],
    /// The policy the forms are checked against.
    pub policy: &'a Policy,
    /// Reading bounds.
    pub limits: &'a Limits,
    /// Only say what would change; leave the ledger untouched (and unlocked).
    pub dry_run: bool,
    /// The time written into 来源文件 and 变更记录.
    pub now: NaiveDateTime,
    /// Where to copy 佐证材料 (`DIR/项目编号/`), when the clerk asks for copies.
    pub materials: Option<&'a Path>,
}

/// Steps of a merge, for a caller that shows progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// One input has been checked (called from any thread).
    FileChecked,
    /// Every input is checked; the ledger is being written.
    Writing,
    /// The ledger is written.
    Written,
}

/// What a merge did.
#[derive(Debug)]
pub struct MergeRun {
    /// Every input's result, with the problems the merge added (E_NO_PROJECT, W_PERCENT_DOWN).
    pub batch: Batch,
    /// What happened to each file.
    pub outcome: Outcome,
    /// Warnings about the ledger as read (cells the clerk typed that taizhang could not use).
    pub warnings: Vec<String>,
    /// The ledger after the merge (also when it was a dry run).
    pub ledger: Ledger,
    /// The previous version kept beside the ledger, when one was written.
    pub backup: Option<PathBuf>,
    /// The 佐证材料 among the inputs, recorded or known.
    pub materials: Vec<super::materials::Recorded>,
}

/// Runs a merge. Errors are about the ledger (locked, unreadable, not writable); problems in the
/// inputs are in the returned batch.
pub fn merge_inputs(
    job: &MergeJob<'_>,
    progress: &(dyn Fn(Step) + Sync),
) -> Result<MergeRun, LedgerError> {
    if !job.dry_run {
        store::check_before_merge(job.ledger)?;
    }
    let _lock = if job.dry_run {
        None
    } else {
        let lock = Lock::take(job.ledger)?;
        // Under the lock no one else writes the ledger: what a killed merge left is garbage.
        crate::fsio::remove_leftovers(job.ledger);
        crate::fsio::remove_leftovers(&store::backup_path(job.ledger));
        Some(lock)
    };
    let mut ledger = if job.ledger.exists() {
        Ledger::read(job.ledger)?
    } else {
        Ledger::for_policy(job.policy)
    };
    ledger.fit(job.policy);
    let mut warnings = ledger.inspect();
    let mut batch = batch::check_inputs(job.inputs, job.policy, job.limits, &|| {
        progress(Step::FileChecked)
    });
    let hashes: Vec<Option<String>> = job.inputs.par_iter().map(Input::sha256).collect();
    let mut outcome = merge::merge(&mut ledger, &mut batch, &hashes, job.policy, job.now);
    // A dry run copies nothing.
    let copy_to = job.materials.filter(|_| !job.dry_run);
    let materials = match super::materials::record(
        &mut ledger,
        &mut batch,
        job.inputs,
        &hashes,
        &mut outcome,
        job.now,
        copy_to,
    ) {
        Ok(m) => m,
        Err((m, e)) => {
            warnings.push(e.to_string());
            m
        }
    };
    let mut backup = None;
    if !job.dry_run {
        progress(Step::Writing);
        let saved = ledger.save(job.ledger)?;
        progress(Step::Written);
        let kept = store::backup_path(job.ledger);
        if kept.exists() {
            backup = Some(kept);
        }
        if let store::Saved::Rewritten(reason) = saved {
            warnings.push(crate::say::ledger::rewritten(&reason, backup.as_deref()));
        }
    }
    let restore_from = store::existing_backup(job.ledger);
    for d in &mut outcome.deleted {
        d.backup.clone_from(&restore_from);
    }
    Ok(MergeRun {
        batch,
        outcome,
        warnings,
        ledger,
        backup,
        materials,
    })
}

/// What merging the checked batch into `ledger` would add to its results — E_NO_PROJECT for a
/// report whose project the ledger (and the batch's own proposals) do not hold, W_PERCENT_DOWN, …
/// — by the very rules of [`merge::merge`], applied to the ledger in memory only: `check
/// --ledger` reads the ledger and never writes it (no lock, no backup). `inputs` are the batch's.
pub fn against_ledger(
    mut ledger: Ledger,
    batch: &mut Batch,
    inputs: &[Input],
    policy: &Policy,
    now: NaiveDateTime,
) -> Outcome {
    let hashes: Vec<Option<String>> = inputs.par_iter().map(Input::sha256).collect();
    merge::merge(&mut ledger, batch, &hashes, policy, now)
}

/// What a merge did, as the command line prints it: one line per file (with its problems when it
/// was rejected or warned), then [`summary_line`]. Kept here so that every front end says it alike.
pub fn describe(batch: &Batch, outcome: &Outcome) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    for (i, action, id) in &outcome.files {
        let Some(r) = batch.files.get(*i) else {
            continue;
        };
        let id = match (action, id.as_deref()) {
            // Named only when its project was deleted since (see merge's `merged_ids`).
            (Action::AlreadyMerged, Some(s)) => crate::say::safety::merged_before_deleted(s),
            (Action::Superseded, _) => {
                crate::say::ledger::superseded_by(r.superseded_by_name().unwrap_or_default())
            }
            (_, Some(s)) => format!("（{s}）"),
            (_, None) => String::new(),
        };
        let _ = writeln!(
            out,
            "{}  [{}]  {}{}",
            r.path,
            r.kind.label(),
            action.label(),
            id
        );
        let note = if *action == Action::Superseded {
            crate::say::cli::FOR_REFERENCE
        } else {
            ""
        };
        for p in &r.problems {
            let _ = writeln!(out, "    {note}{p}");
        }
    }
    for d in &outcome.deleted {
        let line =
            crate::say::safety::deleted_project(&d.id, &d.name, d.reports, d.backup.as_deref());
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(out, "{}", summary_line(outcome));
    let (recorded, known) = (
        outcome.count(Action::Material),
        outcome.count(Action::MaterialKnown),
    );
    if recorded + known > 0 {
        let unassigned = outcome
            .files
            .iter()
            .filter(|(_, a, id)| *a == Action::Material && id.is_none())
            .count();
        let line = crate::say::materials::summary(recorded, known, unassigned);
        let _ = writeln!(out, "{line}");
    }
    out
}

/// The one-line count of a merge: projects added / updated / unchanged, reports, rejected and
/// superseded files.
pub fn summary_line(outcome: &Outcome) -> String {
    let c = |a| outcome.count(a);
    crate::say::ledger::merge_summary(
        c(Action::Added),
        c(Action::Updated),
        c(Action::Unchanged),
        c(Action::ReportAdded),
        c(Action::ReportReplaced),
        c(Action::Rejected),
        c(Action::Superseded),
        c(Action::AlreadyMerged),
        c(Action::Skipped),
        outcome.changes,
        c(Action::Closed),
    )
}
