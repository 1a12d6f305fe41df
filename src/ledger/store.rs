//! Reading the ledger back and writing it again: atomically, with a backup, under a lock.
//!
//! The ledger is read whole (calamine) and changed in memory. It is written by updating the
//! existing workbook in place ([`crate::xlsx::patch`]): only the cells of taizhang's sheets are
//! rewritten, everything the clerk did to the workbook is carried over; a new ledger is its
//! layout (`ledger::sheets`, the table kit of [`crate::xlsx`]) with the rows streamed in the same
//! way. A ledger that cannot be read back stops the run before anything is written.

use crate::say::ledger as say;
use std::fs::File;
use std::io::{BufReader, Write};
use std::path::Path;

use calamine::{Reader, SheetVisible, Xlsx};

use super::sheets::{continuation_of, read_table};
use super::table::Table;
use crate::fsio::{self, Step};
use crate::model::column::Kind;
use crate::model::Value;
use crate::model::{Column, Sheet};
use crate::policy::Policy;
use crate::say::safety;

pub use super::safety::{
    backup_generation, backup_path, check_before_merge, existing_backup, office_lock, Lock,
    BACKUP_GENERATIONS,
};
use super::safety::{other_format, write_backup};

/// Why the ledger cannot be used (exit 2; nothing is written).
#[derive(Debug, thiserror::Error)]
pub enum LedgerError {
    /// Not a readable workbook.
    #[error("台账“{path}”无法读取：{reason}。台账未作任何改动；{hint}")]
    Unreadable {
        /// The ledger.
        path: String,
        /// Why.
        reason: String,
        /// What to restore from: the backup only when one exists.
        hint: String,
    },
    /// An office program has the ledger open (its lock file is beside it), or taizhang kept a
    /// finished file it could not put in place: said by [`crate::say::safety`].
    #[error("{0}")]
    InUse(String),
    /// A ledger taizhang refuses to touch (missing with its backup beside it, saved as .xls or
    /// .ods): said by [`crate::say::safety`]; nothing is written.
    #[error("{0}")]
    Refused(String),
    /// A sheet the ledger needs is missing.
    #[error("{}", say::missing_sheet(.path, .sheet))]
    MissingSheet {
        /// The ledger.
        path: String,
        /// The sheet.
        sheet: String,
    },
    /// A required column header is missing.
    #[error("{}", say::missing_header(.path, .sheet, .header))]
    MissingHeader {
        /// The ledger.
        path: String,
        /// The sheet.
        sheet: String,
        /// The header.
        header: String,
    },
    /// The same project ID twice.
    #[error("{}", say::duplicate_id(.path, .id, .first, .second))]
    DuplicateId {
        /// The ledger.
        path: String,
        /// The ID.
        id: String,
        /// First cell.
        first: String,
        /// Second cell.
        second: String,
    },
    /// Another merge holds the lock.
    #[error("{}", say::locked(.0))]
    Locked(String),
    /// Writing failed; the old ledger is intact.
    #[error("{}", say::write_failed(.path, .reason))]
    Write {
        /// The ledger.
        path: String,
        /// Why.
        reason: String,
    },
}

/// How [`Ledger::save`] wrote the ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    /// A new ledger, written whole.
    Written,
    /// The existing ledger updated in place: the clerk's formatting and sheets kept.
    Patched,
    /// The existing ledger written whole after all, for this reason (the clerk's formatting
    /// is not kept, and is told so; the previous version is in the backup).
    Rewritten(String),
}

/// The ledger format version written in 说明.
pub const FORMAT_VERSION: &str = "1";

/// The whole ledger in memory.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ledger {
    /// 项目台账.
    pub projects: Table,
    /// 进度记录.
    pub reports: Table,
    /// 单位汇总.
    pub units: Table,
    /// 变更记录.
    pub changes: Table,
    /// 来源文件.
    pub sources: Table,
    /// 说明.
    pub about: Table,
    /// 佐证材料: supporting files received with a project's forms.
    pub materials: Table,
    /// 报送原值 (hidden).
    pub submitted: Table,
    /// Sheets the clerk added, kept as they are.
    pub others: Vec<Table>,
}

impl Ledger {
    /// A new, empty ledger with every sheet and header.
    pub fn new() -> Ledger {
        Ledger {
            projects: Table::new(Sheet::Projects),
            reports: Table::new(Sheet::Reports),
            units: Table::new(Sheet::Units),
            changes: Table::new(Sheet::Changes),
            sources: Table::new(Sheet::Sources),
            about: Table::new(Sheet::About),
            materials: Table::new(Sheet::Materials),
            submitted: Table::new(Sheet::Submitted),
            others: Vec::new(),
        }
    }

    /// A new, empty ledger with the sheets and headers `policy` keeps (no 项目类别 without
    /// categories).
    pub fn for_policy(policy: &Policy) -> Ledger {
        let t = |sheet| Table::for_policy(sheet, policy);
        Ledger {
            projects: t(Sheet::Projects),
            reports: t(Sheet::Reports),
            units: t(Sheet::Units),
            changes: t(Sheet::Changes),
            sources: t(Sheet::Sources),
            about: t(Sheet::About),
            materials: t(Sheet::Materials),
            submitted: t(Sheet::Submitted),
            others: Vec::new(),
        }
    }

    /// Adds back the columns `policy` keeps that the ledger lacks (a newer schema's, or a
    /// feature's the policy has gained), each where a new ledger has it.
    pub fn fit(&mut self, policy: &Policy) {
        for sheet in [Sheet::Projects, Sheet::Reports, Sheet::Sources] {
            self.table_mut_of(sheet)
                .ensure_columns(&policy.columns(sheet));
        }
    }

    /// Reads a ledger, checking its sheets and headers.
    pub fn read(path: &Path) -> Result<Ledger, LedgerError> {
        let shown = path.display().to_string();
        let unreadable = |reason: String| LedgerError::Unreadable {
            path: shown.clone(),
            reason,
            hint: safety::restore_hint(existing_backup(path).as_deref()),
        };
        if let Some(format) = other_format(path) {
            return Err(LedgerError::Refused(safety::ledger_wrong_format(
                path, format,
            )));
        }
        let file = File::open(path).map_err(|e| unreadable(safety::io_reason(&e)))?;
        let mut book: Xlsx<_> = Xlsx::new(BufReader::new(file))
            .map_err(|_| unreadable(safety::NOT_A_WORKBOOK.to_owned()))?;
        let names: Vec<(String, bool)> = book
            .sheets_metadata()
            .iter()
            .map(|s| (s.name.clone(), s.visible == SheetVisible::Visible))
            .collect();
        let mut ledger = Ledger::new();
        let mut found = Vec::new();
        for (name, _) in &names {
            let table = read_table(&mut book, name)
                .map_err(|_| unreadable(safety::NOT_A_WORKBOOK.to_owned()))?;
            // `进度记录(2)` …: the continuation of a sheet that passed Excel's row limit.
            if let Some(base) = continuation_of(name) {
                if let Some(target) = ledger.table_mut(base) {
                    if target.headers == table.headers {
                        target.rows.extend(table.rows);
                        found.push(name.clone());
                        continue;
                    }
                }
            }
            match Sheet::named(name) {
                Some(Sheet::Projects) => ledger.projects = table,
                Some(Sheet::Reports) => ledger.reports = table,
                Some(Sheet::Units) => ledger.units = table,
                Some(Sheet::Changes) => ledger.changes = table,
                Some(Sheet::Sources) => ledger.sources = table,
                Some(Sheet::About) => ledger.about = table,
                Some(Sheet::Materials) => ledger.materials = table,
                Some(Sheet::Submitted) => ledger.submitted = table,
                None => ledger.others.push(table),
            }
            found.push(name.clone());
        }
        let needed = [
            Sheet::Projects,
            Sheet::Reports,
            Sheet::Changes,
            Sheet::Sources,
        ];
        for sheet in needed {
            if !found.iter().any(|n| n == sheet.name()) {
                return Err(LedgerError::MissingSheet {
                    path: shown,
                    sheet: sheet.name().to_owned(),
                });
            }
        }
        for sheet in needed {
            let table = ledger.table(sheet);
            if let Some(column) = sheet.required_columns().find(|c| table.col(*c).is_none()) {
                return Err(LedgerError::MissingHeader {
                    path: shown,
                    sheet: sheet.name().to_owned(),
                    header: column.header().to_owned(),
                });
            }
        }
        ledger.check_ids(&shown)?;
        // Columns added by a newer schema (or the hidden sheet, if the clerk deleted it) come back;
        // a policy feature's only with the policy ([`Ledger::fit`]).
        let had_approval = ledger.projects.col(Column::Approval).is_some();
        for sheet in [Sheet::Projects, Sheet::Reports, Sheet::Sources] {
            let table = ledger.table_mut_of(sheet);
            let columns: Vec<Column> = sheet
                .columns()
                .iter()
                .copied()
                .filter(|c| c.feature().is_none() || table.col(*c).is_some())
                .collect();
            table.ensure_columns(&columns);
        }
        // A ledger from before approvals: its projects were taken on when merged.
        if !had_approval {
            let rows: Vec<usize> = ledger.project_rows().collect();
            for r in rows {
                ledger
                    .projects
                    .set(r, Column::Approval, Value::text(say::APPROVAL_APPROVED));
            }
        }
        Ok(ledger)
    }

    fn check_ids(&self, path: &str) -> Result<(), LedgerError> {
        let Some(col) = self.projects.col(Column::ProjectId) else {
            return Ok(());
        };
        let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        for (i, row) in self.projects.rows.iter().enumerate() {
            let id = row.get(col).map(Value::display).unwrap_or_default();
            if id.is_empty() {
                continue;
            }
            let cell = |r: usize| {
                format!(
                    "{}!{}",
                    Sheet::Projects.name(),
                    crate::read::cell_name(r as u32 + 1, col as u32)
                )
            };
            if let Some(&first) = seen.get(&id) {
                return Err(LedgerError::DuplicateId {
                    path: path.to_owned(),
                    id,
                    first: cell(first),
                    second: cell(i),
                });
            }
            seen.insert(id, i);
        }
        Ok(())
    }

    /// Cells whose content does not fit their column (a date column holding text, a percent that
    /// is not a number): named by sheet and cell, in Chinese. They are kept exactly as they are —
    /// never "repaired" by dropping what someone typed — but the clerk should know.
    pub fn inspect(&self) -> Vec<String> {
        let mut out = Vec::new();
        let tables = [&self.projects, &self.reports];
        let checks = tables.into_iter().flat_map(|table| {
            table.headers.iter().filter_map(move |h| {
                let check: (Check, &str) = match Column::for_header(h)?.kind() {
                    Kind::Date => (|c| c.date().is_some(), say::KIND_DATE),
                    Kind::Number | Kind::Percent => (|c| c.number().is_some(), say::KIND_NUMBER),
                    Kind::Month => (
                        |c| super::merge::period_end(&c.display()).is_some(),
                        say::KIND_MONTH,
                    ),
                    Kind::Text | Kind::Long | Kind::DateTime => return None,
                };
                Some((table, h.as_str(), check.0, check.1))
            })
        });
        for (table, header, ok, what) in checks {
            let Some(col) = table.col_named(header) else {
                continue;
            };
            for (r, row) in table.rows.iter().enumerate() {
                let Some(cell) = row.get(col) else { continue };
                if !cell.is_empty() && !ok(cell) {
                    out.push(say::odd_cell(
                        &table.name,
                        &crate::read::cell_name(r as u32 + 1, col as u32),
                        header,
                        what,
                        &crate::text::excerpt(&cell.display(), 20),
                    ));
                }
            }
        }
        out
    }

    /// The 项目台账 rows that are projects: those with a 项目编号. An empty row, or one the clerk
    /// typed without an ID, is kept in the sheet but is no project anywhere (counts, status,
    /// export, score sheet); every reader of projects goes through here.
    pub fn project_rows(&self) -> impl Iterator<Item = usize> + '_ {
        self.projects.rows_with_id()
    }

    /// The project rows that count under `policy` (chased, 未报送, quotas, score sheet, ranking):
    /// with `approval` on, those whose 审核状态 is 已批复; otherwise every project.
    pub fn counted_rows<'a>(&'a self, policy: &Policy) -> impl Iterator<Item = usize> + 'a {
        let approval = policy.approval;
        self.project_rows()
            .filter(move |&r| !approval || self.is_approved(r))
    }

    /// The counted rows ([`Ledger::counted_rows`]) of the policy year's projects: the quotas count
    /// these. A project carried over from an earlier year (`taizhang rollover`, 年度 2018 in the
    /// 2019 ledger) counted in its own year; a row without 年度 is taken as this year's.
    pub fn year_rows<'a>(&'a self, policy: &Policy) -> impl Iterator<Item = usize> + 'a {
        let year = policy.year;
        self.counted_rows(policy)
            .filter(move |&r| self.is_of_year(r, year))
    }

    /// Whether project row `r` is of `year` by its 年度 (a row without 年度 is).
    pub fn is_of_year(&self, r: usize, year: i32) -> bool {
        let v = self.projects.get(r, Column::Year);
        match v.number() {
            Some(y) => y as i32 == year,
            None => v.display().trim().is_empty() || v.display().trim() == year.to_string(),
        }
    }

    /// Whether project row `r` is finished: 状态 已完成, or its latest report at 100 %.
    pub fn is_finished(&self, r: usize) -> bool {
        let t = &self.projects;
        let status = super::schedule::Status::from_label(&t.get(r, Column::Status).display());
        status == Some(super::schedule::Status::Done)
            || t.get(r, Column::LatestPercent).number() >= Some(100.0)
    }

    /// How many 佐证材料 rows each 项目编号 has.
    pub fn material_counts(&self) -> std::collections::HashMap<String, usize> {
        let mut out = std::collections::HashMap::new();
        if let Some(c) = self.materials.col(Column::ProjectId) {
            for row in &self.materials.rows {
                let id = row.get(c).map(Value::display).unwrap_or_default();
                if !id.is_empty() {
                    *out.entry(id).or_default() += 1;
                }
            }
        }
        out
    }

    /// Whether the clerk marked project row `r` 重点项目: anything typed there but a "no"
    /// (否, 不是, 无, 0, ×).
    pub fn is_key(&self, r: usize) -> bool {
        let mark = self.projects.get(r, Column::Key).display();
        let mark = mark.trim();
        !mark.is_empty()
            && !["否", "不是", "无", "0", "×", "x", "X", "no", "No", "NO"].contains(&mark)
    }

    /// Whether project row `r` is 已批复.
    pub fn is_approved(&self, r: usize) -> bool {
        self.projects.get(r, Column::Approval).display().trim() == say::APPROVAL_APPROVED
    }

    /// The table of one of taizhang's sheets.
    pub fn table(&self, sheet: Sheet) -> &Table {
        match sheet {
            Sheet::Projects => &self.projects,
            Sheet::Reports => &self.reports,
            Sheet::Units => &self.units,
            Sheet::Changes => &self.changes,
            Sheet::Sources => &self.sources,
            Sheet::Materials => &self.materials,
            Sheet::About => &self.about,
            Sheet::Submitted => &self.submitted,
        }
    }

    fn table_mut_of(&mut self, sheet: Sheet) -> &mut Table {
        match sheet {
            Sheet::Projects => &mut self.projects,
            Sheet::Reports => &mut self.reports,
            Sheet::Units => &mut self.units,
            Sheet::Changes => &mut self.changes,
            Sheet::Sources => &mut self.sources,
            Sheet::Materials => &mut self.materials,
            Sheet::About => &mut self.about,
            Sheet::Submitted => &mut self.submitted,
        }
    }

    /// The table behind a sheet name, for continuation sheets.
    fn table_mut(&mut self, name: &str) -> Option<&mut Table> {
        [
            &mut self.projects,
            &mut self.reports,
            &mut self.units,
            &mut self.changes,
            &mut self.sources,
            &mut self.materials,
            &mut self.about,
            &mut self.submitted,
        ]
        .into_iter()
        .chain(self.others.iter_mut())
        .find(|t| t.name == name)
    }

    /// The ledger's workbook as bytes (a new ledger: [`Ledger::save`] to a fresh path).
    pub fn to_bytes(&self) -> Result<Vec<u8>, LedgerError> {
        let dir = tempfile::tempdir().map_err(|e| LedgerError::Write {
            path: String::new(),
            reason: safety::io_reason(&e),
        })?;
        let path = dir.path().join("台账.xlsx");
        self.save(&path)?;
        std::fs::read(&path).map_err(|e| LedgerError::Write {
            path: path.display().to_string(),
            reason: safety::io_reason(&e),
        })
    }

    /// Saves the ledger: the old file becomes `L.xlsx.bak`, the new one is written to a temporary
    /// file in the same folder, flushed, and renamed into place. An existing ledger is updated in
    /// place ([`crate::xlsx::patch`]): only the cells of taizhang's sheets are rewritten, so the
    /// clerk's formatting, comments, filters and own sheets survive; when that cannot be done the
    /// ledger is written whole and [`Saved::Rewritten`] says why. A new ledger is its layout
    /// (widths, headers, filters) with the rows streamed in the same way.
    pub fn save(&self, path: &Path) -> Result<Saved, LedgerError> {
        self.save_split(path, SHEET_ROWS)
    }

    /// [`Ledger::save`] with at most `limit` data rows per sheet when written whole: a longer
    /// table continues on `进度记录(2)`, `进度记录(3)` …, each with the header.
    fn save_split(&self, path: &Path, limit: usize) -> Result<Saved, LedgerError> {
        let mut outcome = Saved::Written;
        if path.exists() {
            match self.in_place(path) {
                Ok(()) => {
                    let parts = self.parts(usize::MAX, false);
                    let open = || File::open(path).map(BufReader::new);
                    match self.write_rows(path, &parts, open)? {
                        None => return Ok(Saved::Patched),
                        Some(reason) => outcome = Saved::Rewritten(reason),
                    }
                }
                Err(reason) => outcome = Saved::Rewritten(reason),
            }
        }
        let parts = self.parts(limit, true);
        let skeleton = super::sheets::skeleton(&parts).map_err(|e| LedgerError::Write {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        let open = || Ok(std::io::Cursor::new(skeleton.as_slice()));
        match self.write_rows(path, &parts, open)? {
            None => Ok(outcome),
            Some(reason) => Err(LedgerError::Write {
                path: path.display().to_string(),
                reason,
            }),
        }
    }

    /// The sheets to write: taizhang's, split at `limit` rows; with `others`, the clerk's sheets
    /// too (a ledger written whole writes them as tables of values).
    fn parts(&self, limit: usize, others: bool) -> Vec<super::sheets::Part<'_>> {
        use super::sheets::parts;
        // 报送原值, hidden, goes last: after the clerk's sheets.
        let [visible @ .., submitted] = self.tables();
        let mut out = Vec::new();
        for t in visible {
            out.extend(parts(t, limit, false));
        }
        if others {
            for t in &self.others {
                out.extend(parts(t, limit, false));
            }
        }
        out.extend(parts(submitted, limit, true));
        out
    }

    /// Streams `parts` into the workbook `open` gives, written over `path` (backup, atomic
    /// write). `Ok(Some(reason))` when that workbook cannot be updated (nothing was written).
    fn write_rows<S: std::io::Read + std::io::Seek>(
        &self,
        path: &Path,
        parts: &[super::sheets::Part<'_>],
        open: impl Fn() -> std::io::Result<S>,
    ) -> Result<Option<String>, LedgerError> {
        use crate::xlsx::patch::{self, PatchError, SheetPatch};
        let donor = super::sheets::donor(parts).map_err(|e| LedgerError::Write {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        let sheets: Vec<SheetPatch<'_>> = parts
            .iter()
            .map(|p| SheetPatch {
                name: &p.name,
                target: super::sheets::target(p),
                hidden: p.hidden,
            })
            .collect();
        let mut failed = None;
        let result = save_with(
            path,
            |file| {
                let out = std::io::BufWriter::with_capacity(1 << 20, file);
                match patch::patch(open()?, out, &sheets, &donor) {
                    Ok(mut out) => out.flush(),
                    Err(PatchError::Io(e)) => Err(e),
                    Err(e) => {
                        failed = Some(match e {
                            PatchError::Missing(sheet) => say::rewrite_missing_sheet(&sheet),
                            _ => say::REWRITE_UNREADABLE.to_owned(),
                        });
                        Err(std::io::Error::other("patch"))
                    }
                }
            },
            || Ok(()),
        );
        match (result, failed) {
            (Ok(()), _) => Ok(None),
            (Err(_), Some(reason)) => Ok(Some(reason)),
            (Err(e), None) => Err(e),
        }
    }

    /// taizhang's sheets, in the order they are written (报送原值 last).
    fn tables(&self) -> [&Table; 8] {
        [
            &self.projects,
            &self.reports,
            &self.units,
            &self.changes,
            &self.sources,
            &self.materials,
            &self.about,
            &self.submitted,
        ]
    }

    /// Whether the ledger at `path` can be updated in place; otherwise why not, in the clerk's
    /// words.
    fn in_place(&self, path: &Path) -> Result<(), String> {
        let names = crate::xlsx::patch::sheet_names(path)
            .map_err(|_| say::REWRITE_UNREADABLE.to_owned())?;
        for table in self.tables() {
            if table.rows.len() > SHEET_ROWS {
                return Err(say::rewrite_too_long(&table.name));
            }
        }
        if let Some(n) = names
            .iter()
            .find(|n| continuation_of(n).is_some_and(|b| Sheet::named(b).is_some()))
        {
            return Err(say::rewrite_too_long(n));
        }
        Ok(())
    }
}

/// Data rows per sheet: Excel's 1,048,576 rows less the header.
const SHEET_ROWS: usize = 1_048_575;

/// Writes ledger bytes over `path` as [`Ledger::save`] does (backup, then the atomic write),
/// with a step run after the temporary file is on disk and before anything is renamed:
/// fault-injection tests fail there to show the old ledger survives.
///
/// # Errors
/// [`LedgerError::Write`]; the old ledger is then untouched.
pub fn save_bytes_with(
    path: &Path,
    bytes: &[u8],
    before_rename: impl FnOnce() -> std::io::Result<()>,
) -> Result<(), LedgerError> {
    save_with(path, |file| file.write_all(bytes), before_rename)
}

/// The ledger's write: [`crate::fsio::write_with`], with the old file copied to `.bak` once the
/// new one is on disk and just before it is renamed into place.
fn save_with(
    path: &Path,
    fill: impl FnOnce(&mut File) -> std::io::Result<()>,
    before_rename: impl FnOnce() -> std::io::Result<()>,
) -> Result<(), LedgerError> {
    let backup = || {
        before_rename()?;
        if path.exists() {
            write_backup(path)?;
        }
        Ok(())
    };
    fsio::write_with(path, fill, backup).map_err(|e| {
        let reason = match e.step {
            Step::Create => say::no_temp(
                path.parent()
                    .filter(|p| !p.as_os_str().is_empty())
                    .unwrap_or(Path::new("."))
                    .display(),
                e.source,
            ),
            Step::Write => format!("写入失败：{}", safety::io_reason(&e.source)),
            Step::BeforeRename => e.source.to_string(),
            Step::Replace => {
                let kept = e.kept.as_deref().map(safety::kept_new_file);
                let reason = format!(
                    "{}（如果台账正在 Excel 或 WPS 中打开，请先关闭）{}",
                    safety::io_reason(&e.source),
                    kept.map(|k| format!("；{k}")).unwrap_or_default()
                );
                if e.kept.is_some() {
                    return LedgerError::InUse(format!(
                        "无法保存台账“{}”：{reason}。原台账保持不变",
                        path.display()
                    ));
                }
                reason
            }
        };
        LedgerError::Write {
            path: path.display().to_string(),
            reason,
        }
    })
}

/// One column check of [`Ledger::inspect`]: table, header, test, what the column should hold.
/// A read-back check of one column kind: does the cell hold what the column is for?
type Check = fn(&Value) -> bool;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_merge_that_opened_the_lock_file_before_it_was_removed_does_not_proceed() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = dir.path().join("台账.xlsx");
        let first = Lock::take(&ledger).unwrap();
        // The second merge opens the lock file, then waits (the injected delay) while the
        // first finishes and a third merge starts.
        let mut third = None;
        let second = Lock::take_with(&ledger, || {
            drop(first);
            third = Some(Lock::take(&ledger));
        });
        let third = third.unwrap();
        assert!(third.is_ok(), "the third merge takes the new lock file");
        assert!(
            matches!(second, Err(LedgerError::Locked(_))),
            "two merges must not both proceed"
        );
        drop(third);
        assert!(!dir.path().join("台账.xlsx.lock").exists());
    }

    #[test]
    fn backups_rotate_over_three_generations_and_are_never_half_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("台账.xlsx");
        for v in 1..=5u8 {
            save_bytes_with(&path, &[v], || Ok(())).unwrap();
        }
        assert_eq!(std::fs::read(&path).unwrap(), [5]);
        assert_eq!(std::fs::read(backup_generation(&path, 1)).unwrap(), [4]);
        assert_eq!(std::fs::read(backup_generation(&path, 2)).unwrap(), [3]);
        assert_eq!(std::fs::read(backup_generation(&path, 3)).unwrap(), [2]);
        assert!(!backup_generation(&path, 4).exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 4);
    }

    #[test]
    fn rows_without_an_id_are_no_projects() {
        let mut l = Ledger::new();
        l.projects.push_row();
        let r = l.projects.push_row();
        l.projects.set(r, Column::Name, Value::text("无编号"));
        let r = l.projects.push_row();
        l.projects
            .set(r, Column::ProjectId, Value::text("2018-001"));
        assert_eq!(l.project_rows().collect::<Vec<_>>(), [2]);
    }

    #[test]
    fn a_table_past_the_row_limit_continues_on_numbered_sheets_and_reads_back_whole() {
        let mut l = Ledger::new();
        for i in 0..7 {
            let r = l.reports.push_row();
            l.reports
                .set(r, Column::ProjectId, Value::text(format!("2018-{i:03}")));
            l.reports.set(r, Column::Period, Value::text("2018-05"));
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("L.xlsx");
        assert_eq!(l.save_split(&path, 3).unwrap(), Saved::Written);
        let names = calamine::open_workbook_auto(&path).unwrap().sheet_names();
        assert!(
            names.contains(&"进度记录(2)".to_owned()) && names.contains(&"进度记录(3)".to_owned())
        );
        let back = Ledger::read(&path).unwrap();
        assert_eq!(back.reports.rows.len(), 7);
        assert_eq!(back.reports.get(6, Column::ProjectId).display(), "2018-006");
        assert!(back.others.is_empty());
        assert_eq!(continuation_of("进度记录(12)"), Some("进度记录"));
        assert_eq!(continuation_of("会议(纪要)"), None);
    }

    #[test]
    fn a_ledger_from_before_mail_intake_reads_and_gains_the_mail_columns() {
        let mut l = Ledger::new();
        l.sources.headers.truncate(6);
        let r = l.sources.push_row();
        l.sources
            .set(r, Column::FileName, Value::text("inbox/立项书.xlsx"));
        l.sources.set(r, Column::ProjectId, Value::text("2018-001"));
        assert_eq!(l.sources.headers.len(), 6);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("L.xlsx");
        l.save(&path).unwrap();
        let back = Ledger::read(&path).unwrap();
        assert_eq!(back.sources.headers, Sheet::Sources.headers());
        assert_eq!(back.sources.get(0, Column::ProjectId).display(), "2018-001");
        assert!(back.sources.get(0, Column::Sender).is_empty());
        back.save(&path).unwrap();
        let again = Ledger::read(&path).unwrap();
        assert_eq!(again.sources.headers, Sheet::Sources.headers());
    }
}
