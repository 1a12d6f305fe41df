//! 佐证材料 (SPEC §10): the reports, scans, photos and videos a unit sends with a project's forms
//! are recorded in the ledger sheet 佐证材料, one row per file (SHA-256, size, where it came from,
//! when), and with `merge --materials DIR` copied to `DIR/项目编号/`, so that at acceptance the
//! clerk has every project's evidence in one place instead of in a mailbox.
//!
//! A file belongs to a project, in this order, when: a folder or archive it is in, or its own
//! name, holds the project's 项目编号 or its name; or the forms that came with it (the same mail or
//! archive, the same folder) are all of that one project. Otherwise it is still recorded, with
//! an empty 项目编号 for the clerk to fill in, and named on screen. A file whose SHA-256 the sheet
//! already holds is recorded nothing twice.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;

use super::merge::{Action, Outcome};
use super::store::Ledger;
use crate::batch::{Batch, Input, InputData, SEPARATOR};
use crate::form::FormKind;
use crate::model::{Column, Value};
use crate::rules::Code;
use crate::text::identity_key;

pub use crate::read::{is_material_name, MATERIAL_EXTENSIONS};

/// What recording one file did.
#[derive(Debug, Clone, PartialEq)]
pub struct Recorded {
    /// Its index in the batch.
    pub file: usize,
    /// The project it was recorded for; `None`: no project could be told.
    pub project: Option<String>,
    /// False when its SHA-256 was in 佐证材料 already (nothing recorded).
    pub new: bool,
    /// Where its copy was saved (`--materials`).
    pub saved_as: Option<PathBuf>,
}

/// Why a copy could not be saved.
#[derive(Debug, thiserror::Error)]
#[error("{}", crate::say::materials::copy_failed(.path, .reason))]
pub struct CopyError {
    /// The copy's path.
    pub path: String,
    /// Why.
    pub reason: String,
}

/// Records the batch's evidence files in 佐证材料 (after [`super::merge::merge`], whose outcome
/// tells the project of each form), marks them in `outcome`, and copies them under `copy_to`.
/// A Word document that was not recognised as a form counts as evidence when it can be given to
/// a project; its "not a form" problem is then dropped.
///
/// # Errors
/// The first [`CopyError`] when a copy cannot be written, with what was recorded: the rows are
/// recorded all the same, later files are not copied, and the clerk can run the merge again.
pub fn record(
    ledger: &mut Ledger,
    batch: &mut Batch,
    inputs: &[Input],
    hashes: &[Option<String>],
    outcome: &mut Outcome,
    now: NaiveDateTime,
    copy_to: Option<&Path>,
) -> Result<Vec<Recorded>, (Vec<Recorded>, CopyError)> {
    let projects = Projects::of(ledger);
    let groups = group_projects(ledger, batch, hashes, outcome);
    let known: HashSet<String> = ledger
        .materials
        .col(Column::Sha256)
        .map(|c| {
            ledger
                .materials
                .rows
                .iter()
                .filter_map(|r| r.get(c).map(Value::display))
                .collect()
        })
        .unwrap_or_default();
    let mut seen = known;
    let mut out = Vec::new();
    let mut failed = None;
    for (i, r) in batch.files.iter_mut().enumerate() {
        let Some(input) = inputs.get(r.input) else {
            continue;
        };
        let word_no_form = r.kind == FormKind::Unknown
            && crate::read::extension(input.leaf()).as_deref() == Some("docx")
            && !r.problems.is_empty()
            && r.problems.iter().all(|p| p.code == Code::E_UNKNOWN_FORM);
        let evidence = r.kind == FormKind::Skipped && is_material_name(input.leaf());
        if !evidence && !word_no_form {
            continue;
        }
        let Some(hash) = hashes.get(r.input).cloned().flatten() else {
            continue;
        };
        // The nearest group with forms decides: one project, or none when they are of several.
        let project = projects.named_in(&r.path).or_else(|| {
            groups_of(&r.path)
                .iter()
                .find_map(|g| groups.get(g))
                .cloned()
                .flatten()
        });
        if word_no_form {
            if project.is_none() {
                continue;
            }
            r.problems.clear();
            r.ok = true;
            r.kind = FormKind::Skipped;
        }
        let new = seen.insert(hash.clone());
        let mut saved_as = None;
        if new {
            if let (Some(dir), None) = (copy_to, &failed) {
                match copy(input, dir, project.as_deref(), &hash) {
                    Ok(p) => saved_as = Some(p),
                    Err(e) => failed = Some(e),
                }
            }
            let t = &mut ledger.materials;
            let row = t.push_row();
            let id = project.clone().unwrap_or_default();
            t.set(row, Column::Name, Value::text(projects.name_of(&id)));
            t.set(row, Column::ProjectId, Value::text(id));
            t.set(row, Column::FileName, Value::text(leaf_name(&r.path)));
            t.set(
                row,
                Column::FileKind,
                Value::text(crate::say::materials::kind_of(input.leaf())),
            );
            t.set(
                row,
                Column::Size,
                Value::text(crate::read::human_size(size_of(input))),
            );
            t.set(row, Column::Sha256, Value::text(hash));
            t.set(row, Column::Origin, Value::text(origin_of(r)));
            t.set(
                row,
                Column::ReceivedAt,
                Value::DateTime(received(r, input, now)),
            );
            if let Some(p) = &saved_as {
                t.set(row, Column::SavedAs, Value::text(p.display().to_string()));
            }
        }
        if let Some(entry) = outcome.files.iter_mut().find(|(f, ..)| *f == i) {
            entry.1 = if new {
                Action::Material
            } else {
                Action::MaterialKnown
            };
            entry.2.clone_from(&project);
        }
        out.push(Recorded {
            file: i,
            project,
            new,
            saved_as,
        });
    }
    match failed {
        Some(e) => Err((out, e)),
        None => Ok(out),
    }
}

/// The ledger's projects, to find one named in a path.
struct Projects {
    /// (项目编号, identity key of the name, the name).
    rows: Vec<(String, String, String)>,
}

impl Projects {
    fn of(ledger: &Ledger) -> Projects {
        let t = &ledger.projects;
        let rows = ledger
            .project_rows()
            .map(|r| {
                let name = t.get(r, Column::Name).display();
                (
                    t.get(r, Column::ProjectId).display(),
                    identity_key(&name),
                    name,
                )
            })
            .filter(|(id, ..)| !id.is_empty())
            .collect();
        Projects { rows }
    }

    /// The project whose 项目编号 or name a folder, archive or the file's own name holds; the
    /// innermost part decides, and a longer name before a shorter one it contains.
    fn named_in(&self, path: &str) -> Option<String> {
        let parts: Vec<&str> = path
            .split(SEPARATOR)
            .flat_map(|p| p.split(['/', '\\']))
            .filter(|p| !p.is_empty())
            .collect();
        let id = regex::Regex::new(r"\d{4}-\d{3}").ok()?;
        for part in parts.iter().rev() {
            for m in id.find_iter(part) {
                if let Some((id, ..)) = self.rows.iter().find(|(i, ..)| i == m.as_str()) {
                    return Some(id.clone());
                }
            }
            let key = identity_key(part);
            let best = self
                .rows
                .iter()
                .filter(|(_, name, _)| name.chars().count() >= 4 && key.contains(name.as_str()))
                .max_by_key(|(_, name, _)| name.len());
            if let Some((id, ..)) = best {
                return Some(id.clone());
            }
        }
        None
    }

    fn name_of(&self, id: &str) -> String {
        self.rows
            .iter()
            .find(|(i, ..)| i == id)
            .map(|(.., n)| n.clone())
            .unwrap_or_default()
    }
}

/// What "came with it" means for a path: the mail or archive it came in (the part before the
/// first ` › `), if any, then its folder on disk (everything in that folder, mails' and archives'
/// contents too), nearest first.
fn groups_of(path: &str) -> Vec<String> {
    let (on_disk, container) = match path.split_once(SEPARATOR) {
        Some((container, _)) => (container, Some(container.to_owned())),
        None => (path, None),
    };
    let folder = Path::new(on_disk)
        .parent()
        .map(|p| format!("{}/", p.display()))
        .unwrap_or_default();
    container
        .into_iter()
        .chain(std::iter::once(folder))
        .collect()
}

/// Each group's one project, or `None` when its forms are of several projects.
fn group_projects(
    ledger: &Ledger,
    batch: &Batch,
    hashes: &[Option<String>],
    outcome: &Outcome,
) -> HashMap<String, Option<String>> {
    // A form merged before gives its project from 来源文件.
    let merged: HashMap<String, String> = match (
        ledger.sources.col(Column::Sha256),
        ledger.sources.col(Column::ProjectId),
    ) {
        (Some(h), Some(id)) => ledger
            .sources
            .rows
            .iter()
            .filter_map(|r| Some((r.get(h)?.display(), r.get(id)?.display())))
            .filter(|(_, id)| !id.is_empty())
            .collect(),
        _ => HashMap::new(),
    };
    let mut sets: HashMap<String, BTreeSet<String>> = HashMap::new();
    for (i, action, id) in &outcome.files {
        let Some(r) = batch.files.get(*i) else {
            continue;
        };
        let id = match action {
            Action::AlreadyMerged => hashes
                .get(r.input)
                .cloned()
                .flatten()
                .and_then(|h| merged.get(&h).cloned()),
            Action::Added
            | Action::Updated
            | Action::Unchanged
            | Action::ReportAdded
            | Action::ReportReplaced
            | Action::Closed => id.clone(),
            _ => None,
        };
        // 来源文件 joins the projects of a file of several forms with `、`.
        for id in id.iter().flat_map(|s| s.split('、')) {
            for g in groups_of(&r.path) {
                sets.entry(g).or_default().insert(id.to_owned());
            }
        }
    }
    sets.into_iter()
        .map(|(g, ids)| {
            let one = (ids.len() == 1).then(|| ids.into_iter().next()).flatten();
            (g, one)
        })
        .collect()
}

/// The file's own name: an archive's entry without its folders.
fn leaf_name(path: &str) -> String {
    let last = path.rsplit(SEPARATOR).next().unwrap_or(path);
    last.rsplit(['/', '\\']).next().unwrap_or(last).to_owned()
}

fn size_of(input: &Input) -> u64 {
    match &input.data {
        InputData::File(p) => std::fs::metadata(p).map(|m| m.len()).unwrap_or(0),
        InputData::Bytes(b) => b.len() as u64,
        InputData::Broken(_) | InputData::Rejected(_) => 0,
    }
}

/// The mail (with its sender) or archive it came in, or its folder.
fn origin_of(r: &crate::batch::FileResult) -> String {
    let container = r.path.split_once(SEPARATOR).map(|(c, _)| c.to_owned());
    let folder = || {
        Path::new(&r.path)
            .parent()
            .map(|p| p.display().to_string())
            .unwrap_or_default()
    };
    let sender = r
        .origin
        .as_ref()
        .and_then(|o| o.from_name.clone().or_else(|| o.from.clone()));
    match (container, sender) {
        (Some(c), Some(s)) => crate::say::materials::from_mail(&c, &s),
        (Some(c), None) => c,
        (None, _) => folder(),
    }
}

/// When it was received: the mail's date, else the file's time on disk, else now.
fn received(r: &crate::batch::FileResult, input: &Input, now: NaiveDateTime) -> NaiveDateTime {
    let mail = r
        .origin
        .as_ref()
        .and_then(|o| o.date.as_deref())
        .and_then(|d| NaiveDateTime::parse_from_str(d, "%Y-%m-%d %H:%M").ok());
    let disk = || {
        input.modified().map(|t| {
            chrono::DateTime::<chrono::Local>::from(t)
                .naive_local()
                .with_nanosecond(0)
                .unwrap_or(now)
        })
    };
    mail.or_else(disk).unwrap_or(now)
}

use chrono::Timelike;

/// Copies one file to `dir/项目编号/名称` (`dir/未对应项目/` without a project); a different file
/// of the same name there gets `（2）`…, the same file is not copied again.
fn copy(
    input: &Input,
    dir: &Path,
    project: Option<&str>,
    hash: &str,
) -> Result<PathBuf, CopyError> {
    let folder = dir.join(match project {
        Some(id) => crate::text::windows_name(id, 40),
        None => crate::say::materials::NO_PROJECT_FOLDER.to_owned(),
    });
    let leaf = crate::text::windows_name(&leaf_name(&input.name), 120);
    let leaf = if leaf.trim_matches('.').is_empty() {
        crate::say::materials::UNNAMED.to_owned()
    } else {
        leaf
    };
    let fail = |path: &Path, e: &dyn std::fmt::Display| CopyError {
        path: path.display().to_string(),
        reason: e.to_string(),
    };
    std::fs::create_dir_all(&folder).map_err(|e| fail(&folder, &e))?;
    let (stem, ext) = match leaf.rsplit_once('.') {
        Some((s, e)) if !s.is_empty() => (s.to_owned(), format!(".{e}")),
        _ => (leaf.clone(), String::new()),
    };
    let bytes: std::borrow::Cow<'_, [u8]> = match &input.data {
        InputData::File(p) => std::fs::read(p).map_err(|e| fail(p, &e))?.into(),
        InputData::Bytes(b) => b.as_ref().into(),
        InputData::Broken(_) | InputData::Rejected(_) => return Err(fail(&folder, &"")),
    };
    for n in 1.. {
        let name = if n == 1 {
            leaf.clone()
        } else {
            format!("{stem}（{n}）{ext}")
        };
        let path = folder.join(name);
        if path.exists() {
            let same = std::fs::read(&path).is_ok_and(|old| {
                use sha2::{Digest, Sha256};
                format!("{:x}", Sha256::digest(&old)) == hash
            });
            if same {
                return Ok(path);
            }
            continue;
        }
        crate::fsio::write_new(&path, &bytes).map_err(|e| fail(&path, &e))?;
        return Ok(path);
    }
    Err(fail(&folder, &""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_is_told_by_its_name() {
        for yes in [
            "照片1.JPG",
            "总结.pdf",
            "汇报.pptx",
            "视频.mp4",
            "材料.docx",
        ] {
            assert!(is_material_name(Path::new(yes)), "{yes}");
        }
        for no in [
            "说明.txt",
            "立项书.xlsx",
            "~$总结.docx",
            "._照片.jpg",
            "Thumbs.db",
            "x",
        ] {
            assert!(!is_material_name(Path::new(no)), "{no}");
        }
    }

    #[test]
    fn a_project_is_found_by_its_id_or_name_innermost_first() {
        let p = Projects {
            rows: vec![
                (
                    "2018-003".into(),
                    identity_key("社区党校"),
                    "社区党校".into(),
                ),
                (
                    "2018-004".into(),
                    identity_key("红色网格党建"),
                    "红色网格党建".into(),
                ),
            ],
        };
        assert_eq!(
            p.named_in("inbox/2018-003 佐证材料/照片.jpg").as_deref(),
            Some("2018-003")
        );
        assert_eq!(
            p.named_in("inbox/结项.zip › 红色网格党建/1.jpg").as_deref(),
            Some("2018-004")
        );
        assert_eq!(
            p.named_in("inbox/2018-004/社区党校 总结.pdf").as_deref(),
            Some("2018-003")
        );
        assert_eq!(
            p.named_in("inbox/2018-12/照片.jpg"),
            None,
            "a month folder is no project"
        );
        assert_eq!(
            p.named_in("inbox/2018-009/照片.jpg"),
            None,
            "no such project"
        );
    }

    #[test]
    fn a_file_comes_with_its_mail_or_its_folder() {
        assert_eq!(
            groups_of("inbox/a.eml › 照片.jpg"),
            ["inbox/a.eml", "inbox/"]
        );
        assert_eq!(groups_of("inbox/2018-12/照片.jpg"), ["inbox/2018-12/"]);
        assert_eq!(leaf_name("inbox/a.zip › 材料/照片.jpg"), "照片.jpg");
    }
}
