//! Batch: many paths in, exactly one result per file out, in path order.
//!
//! Files are read in parallel (rayon); each workbook is dropped as soon as its record is
//! extracted. Problems never stop the run: an unreadable file is a result like any other.
//!
//! Its inputs ([`crate::input`]) are files on disk or what [`crate::intake`] found in mails and
//! archives; intake never uses this module, so data flows one way.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use crate::form::{self, FormKind};
pub use crate::input::{Input, InputData, Origin, SEPARATOR};
use crate::policy::Policy;
use crate::read::{self, Limits, ReadError};
use crate::rules::missing::{MissingUnits, OnFile};
use crate::rules::units::UnitIndex;
use crate::rules::{self, cross, Code, Problem, Record, Severity};

/// The result of checking one file.
#[derive(Debug, Clone, Serialize)]
pub struct FileResult {
    /// The path as walked (`inbox/田家庵区委-立项书.xlsx`).
    pub path: String,
    /// What the file is.
    pub kind: FormKind,
    /// No problem is an error.
    pub ok: bool,
    /// What was understood, or `null` when nothing could be read.
    pub record: Option<Record>,
    /// Every problem, errors first.
    pub problems: Vec<Problem>,
    /// The sheet holding the form.
    #[serde(skip)]
    pub sheet: Option<String>,
    /// The unit's label and cell on the form, for cross-file messages.
    #[serde(skip)]
    pub unit_field: Option<(String, String)>,
    /// Who sent it, when it came by mail (`"mail"` in JSON, absent otherwise).
    #[serde(rename = "mail", skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
    /// The path of the later valid file of the same unit and project that replaced this one
    /// (see [`crate::rules::cross`]): its problems are then for information only, it is not
    /// returned nor merged. Absent in JSON otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub superseded_by: Option<String>,
    /// Which form of its file this entry is (SPEC §3.5: `项目二`, `一览表 第5行`), when the file
    /// holds several; the path then ends in ` › ` and the part.
    #[serde(skip)]
    pub part: Option<String>,
    /// The index of the input this entry came from: a file with several forms gives several
    /// entries, which share its hash and its 来源文件 row.
    #[serde(skip)]
    pub input: usize,
}

impl FileResult {
    /// The file name without its folders, for messages, reports and the ledger: `立项书.xlsx`
    /// for `inbox/立项书.xlsx`, and `信件.eml › 材料/立项书.xlsx` for an attachment, whose
    /// entry names are kept whole (a `/` inside a zip entry is no folder on disk).
    pub fn file_name(&self) -> &str {
        file_name_of(&self.path)
    }

    /// Whether the file has errors and was not replaced by a later one: a file to return.
    pub fn returned(&self) -> bool {
        !self.ok && self.superseded_by.is_none()
    }

    /// The file's own path, without the part: the entries of one file share it.
    pub fn file_path(&self) -> &str {
        match &self.part {
            Some(part) => self
                .path
                .strip_suffix(part.as_str())
                .and_then(|p| p.strip_suffix(SEPARATOR))
                .unwrap_or(&self.path),
            None => &self.path,
        }
    }

    /// The name (without folders) of the file that replaced this one, if one did.
    pub fn superseded_by_name(&self) -> Option<&str> {
        self.superseded_by.as_deref().map(file_name_of)
    }

    /// Number of problems of one severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == severity)
            .count()
    }

    fn finish(&mut self) {
        self.problems.sort_by_key(|p| p.severity);
        self.ok = self.count(Severity::Error) == 0;
    }
}

/// A path without its folders; an archive's or mail's entry names are kept whole.
fn file_name_of(path: &str) -> &str {
    let on_disk = path.split(SEPARATOR).next().unwrap_or(path);
    match Path::new(on_disk).file_name().and_then(|n| n.to_str()) {
        Some(base) if on_disk.ends_with(base) => {
            path.get(on_disk.len() - base.len()..).unwrap_or(path)
        }
        _ => path,
    }
}

/// The whole batch, as SPEC §5 prints it.
#[derive(Debug, Clone, Serialize)]
pub struct Batch {
    /// One result per input file, in path order.
    pub files: Vec<FileResult>,
    /// Counts.
    pub summary: Summary,
}

/// Files whose unit cannot be told from the form, the mail, nor the file's name.
pub const UNKNOWN_UNIT: &str = crate::say::reading::UNKNOWN_UNIT;

impl Batch {
    /// Who each file is from, index for index: the form's unit (canonical name), else the unit
    /// whose address sent the mail, else the sender's name or address, else the unit the file's
    /// name gives, else [`UNKNOWN_UNIT`]. The report's unit sheets and the replies group by it.
    pub fn senders(&self, policy: &Policy) -> Vec<String> {
        let index = UnitIndex::new(policy);
        self.files
            .iter()
            .map(|r| sender_of(r, policy, &index))
            .collect()
    }

    /// The units on the policy's list that sent nothing valid for the stages the batch shows
    /// (see [`crate::rules::missing`]).
    pub fn missing_units(&self, policy: &Policy) -> Vec<MissingUnits> {
        self.missing_units_given(policy, &OnFile::default())
    }

    /// [`Batch::missing_units`], leaving out the units whose forms a ledger already holds.
    pub fn missing_units_given(&self, policy: &Policy, on_file: &OnFile) -> Vec<MissingUnits> {
        let records: Vec<(&Record, bool)> = self
            .files
            .iter()
            .filter_map(|r| r.record.as_ref().map(|rec| (rec, r.ok)))
            .collect();
        crate::rules::missing::missing_units_given(&records, policy, on_file)
    }
}

/// Who a file is from: the form's unit (canonical), else the unit whose address sent the mail,
/// else the sender's name or address, else [`UNKNOWN_UNIT`].
fn sender_of(r: &FileResult, policy: &Policy, index: &UnitIndex<'_>) -> String {
    if let Some(unit) = r.record.as_ref().and_then(Record::unit) {
        let unit = unit.trim();
        if !unit.is_empty() {
            return index
                .find(unit)
                .map_or(unit, |u| u.name.as_str())
                .to_owned();
        }
    }
    if let Some(origin) = &r.origin {
        if let Some(from) = &origin.from {
            let known = policy
                .units
                .iter()
                .find(|u| !u.email.is_empty() && u.email.trim().eq_ignore_ascii_case(from));
            if let Some(u) = known {
                return u.name.clone();
            }
        }
        if let Some(name) = origin.from_name.as_ref().or(origin.from.as_ref()) {
            return name.clone();
        }
    }
    // A file that could not be read (encrypted, damaged) is often named after its unit.
    if let Some(unit) = index.named_in(r.file_name()) {
        return unit.name.clone();
    }
    UNKNOWN_UNIT.to_owned()
}

/// What `check --format json` and the web page's `/api/check` print: SPEC §5's JSON, plus
/// `missing_units` when the policy lists units.
#[derive(Debug, Serialize)]
pub struct CheckJson<'a> {
    /// The files and the summary.
    #[serde(flatten)]
    pub batch: &'a Batch,
    /// Units that sent nothing valid (left out when empty).
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub missing_units: &'a [MissingUnits],
}

/// Counts over a batch.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Summary {
    /// Every file listed, skipped ones included.
    pub files: usize,
    /// Files with no error (skipped ones included).
    pub ok: usize,
    /// Files with at least one error (superseded ones aside): the files to return.
    pub with_errors: usize,
    /// Files with at least one warning (superseded ones aside).
    pub warnings: usize,
    /// Files that are not spreadsheets by name.
    pub skipped: usize,
    /// Files with errors replaced by a later valid file of the same unit and project (absent
    /// in JSON when none).
    #[serde(skip_serializing_if = "is_zero")]
    pub superseded: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Why a batch could not start (exit 2).
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// A path given on the command line does not exist.
    #[error("{}", crate::say::reading::missing_path(.0))]
    Missing(String),
}

/// Lists every file under the given paths (folders recursively), sorted by path.
pub fn collect(paths: &[PathBuf]) -> Result<Vec<PathBuf>, InputError> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            for entry in walkdir::WalkDir::new(path).follow_links(true) {
                match entry {
                    Ok(e) if e.file_type().is_file() => files.push(e.into_path()),
                    Ok(_) => {}
                    // An unreadable entry is still a file the clerk must hear about.
                    Err(e) => {
                        if let Some(p) = e.path() {
                            files.push(p.to_path_buf());
                        }
                    }
                }
            }
        } else if path.exists() {
            files.push(path.clone());
        } else {
            return Err(InputError::Missing(path.display().to_string()));
        }
    }
    files.sort();
    files.dedup();
    Ok(files)
}

/// Lists every input under the given paths, in path order, within the default [`Limits`].
pub fn inputs(paths: &[PathBuf]) -> Result<Vec<Input>, InputError> {
    inputs_within(paths, &Limits::default())
}

/// Lists every input under the given paths, in path order: a spreadsheet (or any other file) is
/// one input; a mail (`.eml`) or archive (`.zip`) is opened in memory and gives one input per
/// file inside, in entry order (see [`crate::intake`]), bounded by `limits`.
pub fn inputs_within(paths: &[PathBuf], limits: &Limits) -> Result<Vec<Input>, InputError> {
    let files = collect(paths)?;
    let expanded: Vec<Vec<Input>> = files
        .into_par_iter()
        .map(|path| {
            if crate::intake::is_container_name(&path) {
                crate::intake::expand_file(&path, limits)
            } else {
                vec![Input::file(path)]
            }
        })
        .collect();
    Ok(expanded.into_iter().flatten().collect())
}

/// Reads and checks one file on its own (no cross-file rules): one result per form in it.
pub fn check_file(path: &Path, policy: &Policy, limits: &Limits) -> Vec<FileResult> {
    check_input(&Input::file(path.to_path_buf()), policy, limits)
}

/// Reads and checks one input on its own (no cross-file rules): one entry per form in it (SPEC
/// §3.5), at least one.
pub fn check_input(input: &Input, policy: &Policy, limits: &Limits) -> Vec<FileResult> {
    let mut result = FileResult {
        path: input.name.clone(),
        kind: FormKind::Skipped,
        ok: true,
        record: None,
        problems: Vec::new(),
        sheet: None,
        unit_field: None,
        origin: input.origin.clone(),
        superseded_by: None,
        part: None,
        input: 0,
    };
    let read = match &input.data {
        InputData::Broken(message) => Err(ReadError::Unreadable(message.clone())),
        InputData::Rejected(problem) => {
            result.kind = FormKind::Unknown;
            result.problems.push(problem.clone());
            result.finish();
            return vec![result];
        }
        _ if !read::is_spreadsheet_name(input.leaf()) => return vec![result],
        InputData::File(path) => read::read_path(path, limits),
        InputData::Bytes(bytes) => {
            let ext = read::extension(input.leaf()).unwrap_or_default();
            read::read_bytes(bytes, &ext, limits)
        }
    };
    result.kind = FormKind::Unknown;
    let book = match read {
        Ok(book) => book,
        Err(e) => {
            let code = match e {
                ReadError::Unreadable(_) => Code::E_UNREADABLE,
                ReadError::Encrypted => Code::E_ENCRYPTED,
                ReadError::TooLarge { .. }
                | ReadError::Unpacked { .. }
                | ReadError::CellTooLong { .. }
                | ReadError::TooMuchMemory { .. } => Code::E_TOO_LARGE,
                ReadError::TooManyCells { .. } => Code::E_TOO_MANY_CELLS,
            };
            result.problems.push(Problem::file(code, e.to_string()));
            result.finish();
            return vec![result];
        }
    };
    let forms = match form::extract_all(&book) {
        Ok(forms) => forms,
        Err(form::NotAForm(reason)) => {
            // No text at all: say so plainly when the file holds pictures (a scan, a photo).
            let reason = if reason == crate::say::reading::EMPTY_WORKBOOK {
                let pictures = match &input.data {
                    InputData::File(path) => {
                        std::fs::read(path).map_or(0, |b| read::pictures_in(&b))
                    }
                    InputData::Bytes(bytes) => read::pictures_in(bytes),
                    _ => 0,
                };
                if pictures > 0 {
                    crate::say::reading::only_pictures(pictures)
                } else {
                    reason
                }
            } else {
                reason
            };
            result
                .problems
                .push(Problem::file(Code::E_UNKNOWN_FORM, reason));
            result.finish();
            return vec![result];
        }
    };
    let entries = forms
        .iter()
        .map(|raw| {
            let mut entry = result.clone();
            if let Some(part) = &raw.part {
                entry.path = format!("{}{SEPARATOR}{part}", entry.path);
                entry.part = Some(part.clone());
            }
            check_form(entry, raw, &book, policy)
        })
        .collect();
    drop(book);
    entries
}

/// Checks one form of a file into its entry.
fn check_form(
    mut result: FileResult,
    raw: &form::RawForm,
    book: &read::Workbook,
    policy: &Policy,
) -> FileResult {
    result.kind = raw.kind;
    result.sheet = Some(raw.sheet.clone());
    match raw.kind {
        FormKind::Proposal => {
            let (record, problems) = rules::proposal::check(raw, policy);
            result.record = Some(Record::Proposal(record));
            result.problems = problems;
        }
        FormKind::Progress => {
            let (record, problems) = rules::progress::check(raw, policy);
            result.record = Some(Record::Progress(record));
            result.problems = problems;
        }
        FormKind::Closing => {
            let (record, problems) = rules::closing::check(raw, policy);
            result.record = Some(Record::Closing(record));
            result.problems = problems;
        }
        FormKind::Scores => match rules::scores::read_scores(book, policy) {
            Ok((record, problems)) => {
                result.record = Some(Record::Scores(record));
                result.problems = problems;
            }
            // 评分 in a title is no score sheet without the score table of SPEC §3.3 (a project
            // column and the policy's criteria): the file is of no known kind.
            Err(problem) => {
                result.kind = FormKind::Unknown;
                result.problems.push(problem);
            }
        },
        FormKind::Unknown | FormKind::Skipped => {}
    }
    policy.grade(&mut result.problems);
    result.unit_field = raw
        .field(crate::model::Field::Unit)
        .map(|f| (f.label.clone(), f.cell.clone()));
    result.finish();
    result
}

/// Checks every input under `paths`: in parallel, then the cross-file rules, in path order.
pub fn check_paths(
    paths: &[PathBuf],
    policy: &Policy,
    limits: &Limits,
) -> Result<Batch, InputError> {
    Ok(check_inputs(&inputs(paths)?, policy, limits, &|| {}))
}

/// Checks the given files (already listed and sorted).
pub fn check_files(files: &[PathBuf], policy: &Policy, limits: &Limits) -> Batch {
    let inputs: Vec<Input> = files.iter().cloned().map(Input::file).collect();
    check_inputs(&inputs, policy, limits, &|| {})
}

/// Checks the given inputs in parallel, calling `done` as each is finished (from any thread), so
/// a caller can show progress without the library knowing about terminals; then the cross-file
/// rules. Results are in the inputs' order.
pub fn check_inputs(
    inputs: &[Input],
    policy: &Policy,
    limits: &Limits,
    done: &(dyn Fn() + Sync),
) -> Batch {
    let per_input: Vec<Vec<FileResult>> = inputs
        .par_iter()
        .enumerate()
        .map(|(i, input)| {
            let mut entries = check_input(input, policy, limits);
            entries.iter_mut().for_each(|e| e.input = i);
            done();
            entries
        })
        .collect();
    let mut results: Vec<FileResult> = per_input.into_iter().flatten().collect();
    // When each input arrived, once per file: its entries share it.
    let arrived: Vec<cross::Arrival> = inputs
        .par_iter()
        .map(|input| cross::Arrival {
            mailed: input.origin.as_ref().and_then(|o| o.sent_at),
            modified: input.modified(),
            order: 0,
        })
        .collect();
    let arrivals: Vec<cross::Arrival> = results
        .iter()
        .enumerate()
        .map(|(order, r)| cross::Arrival {
            order,
            ..arrived.get(r.input).copied().unwrap_or_default()
        })
        .collect();
    apply_cross_rules(&mut results, &arrivals, policy);
    let summary = summarise(&results);
    Batch {
        files: results,
        summary,
    }
}

fn apply_cross_rules(results: &mut [FileResult], arrivals: &[cross::Arrival], policy: &Policy) {
    let names: Vec<String> = results.iter().map(|r| r.file_name().to_owned()).collect();
    let units: Vec<(String, Option<String>)> = results
        .iter()
        .map(|r| match &r.unit_field {
            Some((label, cell)) => (label.clone(), Some(cell.clone())),
            None => (crate::model::Field::Unit.label().to_owned(), None),
        })
        .collect();
    let mut entries: Vec<cross::Entry<'_>> = results
        .iter_mut()
        .zip(&names)
        .zip(&units)
        .enumerate()
        .map(|(i, ((r, name), (label, cell)))| cross::Entry {
            name,
            valid: r.ok,
            record: r.record.as_mut(),
            unit_cell: cell.as_deref(),
            unit_label: label,
            arrival: arrivals.get(i).copied().unwrap_or(cross::Arrival {
                order: i,
                ..cross::Arrival::default()
            }),
        })
        .collect();
    let mut found = cross::check(&mut entries, policy);
    drop(entries);
    found
        .problems
        .retain_mut(|(_, p)| match policy.severity(p.code) {
            Some(s) => {
                p.severity = s;
                true
            }
            None => false,
        });
    for (i, problem) in found.problems {
        if let Some(r) = results.get_mut(i) {
            r.problems.push(problem);
        }
    }
    for (old, new) in found.superseded {
        let by = results.get(new).map(|r| r.path.clone());
        if let Some(r) = results.get_mut(old) {
            r.superseded_by = by;
        }
    }
    results.iter_mut().for_each(FileResult::finish);
}

/// Counts a batch's results.
pub fn summarise(results: &[FileResult]) -> Summary {
    let mut s = Summary {
        files: results.len(),
        ..Summary::default()
    };
    for r in results {
        if r.kind == FormKind::Skipped {
            s.skipped += 1;
        }
        if r.superseded_by.is_some() && !r.ok {
            s.superseded += 1;
            continue;
        }
        if r.ok {
            s.ok += 1;
        } else {
            s.with_errors += 1;
        }
        if r.count(Severity::Warning) > 0 {
            s.warnings += 1;
        }
    }
    s
}
