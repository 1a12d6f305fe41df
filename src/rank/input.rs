//! The reviewers' score files: read in parallel, then matched to the ledger's projects.
//!
//! Every problem stays with its file, as in `check`: the clerk sees which sheet to send back.
//! Matching adds the problems only the ledger can reveal (a project not in it, the same reviewer
//! or the same project twice).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{Entry, Project};
use crate::policy::Policy;
use crate::read::{self, Limits, ReadError};
use crate::rules::scores::{read_all, ScoreSheet};
use crate::rules::{Code, Problem, Severity};
use crate::say::problems as say;
use crate::text::{fold_width, identity_key, strip_spaces};

/// One file given to `rank`.
#[derive(Debug, Clone)]
pub struct ScoreFile {
    /// The path as walked.
    pub path: String,
    /// False for a file that is not a spreadsheet by name (listed, not read).
    pub read: bool,
    /// Its score tables (one per filled-in sheet).
    pub sheets: Vec<ScoreSheet>,
    /// Every problem found, reading and matching.
    pub problems: Vec<Problem>,
}

impl ScoreFile {
    /// The file name alone.
    pub fn file_name(&self) -> &str {
        Path::new(&self.path)
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or(&self.path)
    }

    /// Number of problems of one severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == severity)
            .count()
    }
}

/// Reads one file's score tables.
pub fn read_file(path: &Path, policy: &Policy, limits: &Limits) -> ScoreFile {
    let mut file = ScoreFile {
        path: path.display().to_string(),
        read: read::is_spreadsheet_name(path),
        sheets: Vec::new(),
        problems: Vec::new(),
    };
    if !file.read {
        return file;
    }
    match read::read_path(path, limits) {
        Err(e) => {
            let code = match e {
                ReadError::Encrypted => Code::E_ENCRYPTED,
                ReadError::TooManyCells { .. } => Code::E_TOO_MANY_CELLS,
                ReadError::Unreadable(_) => Code::E_UNREADABLE,
                _ => Code::E_TOO_LARGE,
            };
            file.problems.push(Problem::file(code, e.to_string()));
        }
        Ok(book) => match read_all(&book, policy) {
            Ok(tables) => {
                for (sheet, problems) in tables {
                    file.sheets.push(sheet);
                    file.problems.extend(problems);
                }
            }
            Err(problem) => file.problems.push(problem),
        },
    }
    file
}

/// Reads every file, in parallel, keeping the given (path) order.
pub fn read_files(files: &[PathBuf], policy: &Policy, limits: &Limits) -> Vec<ScoreFile> {
    files
        .par_iter()
        .map(|p| read_file(p, policy, limits))
        .collect()
}

/// Finds projects by ID, or by name (and unit when two units use the same name).
struct Finder<'a> {
    projects: &'a [Project],
    by_id: HashMap<String, usize>,
    by_name: HashMap<String, Vec<usize>>,
}

impl<'a> Finder<'a> {
    fn new(projects: &'a [Project]) -> Self {
        let mut by_id = HashMap::new();
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, p) in projects.iter().enumerate() {
            by_id.insert(strip_spaces(&fold_width(&p.id)), i);
            by_name.entry(identity_key(&p.name)).or_default().push(i);
        }
        Finder {
            projects,
            by_id,
            by_name,
        }
    }

    fn find(&self, id: Option<&str>, name: Option<&str>, unit: Option<&str>) -> Option<usize> {
        if let Some(i) = id.and_then(|id| self.by_id.get(id)) {
            return Some(*i);
        }
        let candidates = self.by_name.get(&identity_key(name?))?;
        match candidates.as_slice() {
            [one] => Some(*one),
            many => {
                let unit = identity_key(unit?);
                many.iter()
                    .copied()
                    .find(|&i| identity_key(&self.projects[i].unit) == unit)
            }
        }
    }
}

/// Matches every complete or partial row to a ledger project and returns the entries in file
/// order. Problems found here are added to their files: `E_NO_PROJECT` for a row naming no ledger
/// project, `W_DUPLICATE` for a reviewer already read from an earlier file (the first is kept) or
/// a project twice on one sheet. Sheets without a reviewer's name are left out (their
/// `E_REQUIRED` was reported when reading).
pub fn entries(files: &mut [ScoreFile], projects: &[Project], policy: &Policy) -> Vec<Entry> {
    let finder = Finder::new(projects);
    let mut out = Vec::new();
    let mut reviewers: HashMap<String, String> = HashMap::new();
    for file in files.iter_mut() {
        let several = file.sheets.len() > 1;
        let name = file.file_name().to_owned();
        let mut problems = Vec::new();
        for sheet in &file.sheets {
            let Some(reviewer) = sheet.reviewer.clone() else {
                continue;
            };
            let source = if several {
                format!("{name}（{}）", sheet.sheet)
            } else {
                name.clone()
            };
            let key = identity_key(&reviewer);
            if let Some(first) = reviewers.get(&key) {
                problems.push(Problem::new(
                    Code::W_DUPLICATE,
                    Some("reviewer"),
                    None,
                    say::duplicate_reviewer(&reviewer, first),
                ));
                continue;
            }
            reviewers.insert(key, source.clone());
            let mut seen: HashMap<usize, String> = HashMap::new();
            for row in sheet.rows.iter().filter(|r| !r.duplicate) {
                let found = finder.find(
                    row.project_id.as_deref(),
                    row.name.as_deref(),
                    row.unit.as_deref(),
                );
                let Some(project) = found else {
                    problems.push(Problem::new(
                        Code::E_NO_PROJECT,
                        Some("project"),
                        Some(row.cell.clone()),
                        say::score_no_project(row.label(), &row.cell),
                    ));
                    continue;
                };
                if let Some(first) = seen.get(&project) {
                    problems.push(Problem::new(
                        Code::W_DUPLICATE,
                        None,
                        Some(row.cell.clone()),
                        say::duplicate_score_row(row.label(), first, &row.cell),
                    ));
                    continue;
                }
                seen.insert(project, row.cell.clone());
                out.push(Entry {
                    project,
                    reviewer: reviewer.clone(),
                    source: source.clone(),
                    scores: policy.rubric.iter().map(|c| row.score(&c.name)).collect(),
                    invalid: if row.invalid.is_empty() {
                        Vec::new()
                    } else {
                        policy
                            .rubric
                            .iter()
                            .map(|c| row.invalid(&c.name).map(str::to_owned))
                            .collect()
                    },
                });
            }
        }
        file.problems.extend(problems);
        file.problems.sort_by_key(|p| p.severity);
    }
    out
}

/// The reviewers' names in the order their sheets were read.
pub fn reviewers(entries: &[Entry]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for e in entries {
        if !names.contains(&e.reviewer) {
            names.push(e.reviewer.clone());
        }
    }
    names
}
