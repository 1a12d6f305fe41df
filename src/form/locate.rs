//! Finding labels and their values on a sheet (SPEC §3).

use std::collections::{BTreeMap, HashSet};

use super::labels;
use super::{milestones, FormKind, NotAForm, RawField, RawForm};
use crate::model::{Field, Scope, Value};
use crate::read::{Sheet, Workbook};
use crate::say::reading as say;
use crate::text::label_key;

/// A label found on a sheet.
#[derive(Debug, Clone)]
pub(super) struct Hit {
    pub field: Field,
    pub row: u32,
    pub col: u32,
    /// The label text as shown (trimmed, trailing colon removed).
    pub shown: String,
    /// A value typed into the label's own cell after a colon (`项目名称：红色网格`).
    pub inline: Option<String>,
}

/// Finds every label on a sheet, skipping rows in `skip_rows` (the milestone table).
pub(super) fn find_labels(sheet: &Sheet, skip_rows: &HashSet<u32>) -> Vec<Hit> {
    let mut hits = Vec::new();
    for cell in &sheet.cells {
        if skip_rows.contains(&cell.row) {
            continue;
        }
        let Value::Text(text) = &cell.value else {
            continue;
        };
        if let Some(hit) = label_hit(text, cell.row, cell.col) {
            hits.push(hit);
        }
    }
    hits
}

fn label_hit(text: &str, row: u32, col: u32) -> Option<Hit> {
    // Labels are short; a paragraph that happens to end in a label's words is a value.
    if text.len() > 40 && text.chars().count() > 40 && !text.contains(['：', ':']) {
        return None;
    }
    if let Some(field) = labels::field_for_text(text) {
        return Some(Hit {
            field,
            row,
            col,
            shown: shown_label(text),
            inline: None,
        });
    }
    // `项目名称：红色网格工程` typed into one cell.
    let split = text.find(['：', ':'])?;
    let (left, right) = text.split_at(split);
    let right = right.trim_start_matches(['：', ':']).trim();
    let field = labels::field_for_text(left)?;
    if right.is_empty() {
        return None;
    }
    Some(Hit {
        field,
        row,
        col,
        shown: shown_label(left),
        inline: Some(right.to_owned()),
    })
}

/// The label as a person reads it on the form, for messages: one line, no trailing colon or star.
fn shown_label(text: &str) -> String {
    let one: std::borrow::Cow<'_, str> = if text.contains(['\n', '\r']) {
        text.chars()
            .filter(|c| !matches!(c, '\n' | '\r'))
            .collect::<String>()
            .into()
    } else {
        text.into()
    };
    one.trim()
        .trim_end_matches(['：', ':', '*', '＊'])
        .trim_start_matches(['*', '＊'])
        .trim()
        .to_owned()
}

/// True when a cell's text is itself a label (scanning must stop there: a label is never a value).
fn is_label(value: &Value) -> bool {
    match value {
        Value::Text(t) => t.chars().count() <= 40 && label_or_header(t),
        _ => false,
    }
}

fn label_or_header(t: &str) -> bool {
    if let Some(key) = label_key(t) {
        if Field::for_label(&key).is_some()
            || labels::MILESTONE_STAGE.contains(&key.as_str())
            || labels::HEADINGS.contains(&key.as_str())
        {
            return true;
        }
    }
    // `项目名称：红色网格工程`: a label with its value in the same cell is a label too.
    match t.find(['：', ':']) {
        Some(i) => {
            let (left, right) = t.split_at(i);
            !right.trim_start_matches(['：', ':']).trim().is_empty()
                && labels::field_for_text(left).is_some()
        }
        None => false,
    }
}

/// A hint in its own cell, such as `（不少于10字）`: not a value.
fn is_hint(value: &Value) -> bool {
    match value {
        Value::Text(t) => {
            let t = t.trim();
            (t.starts_with(['（', '(']) && t.ends_with(['）', ')']))
                || (t.len() <= 12 && !t.is_empty() && label_key(t).is_some_and(|k| k.is_empty()))
        }
        _ => false,
    }
}

/// The value of a label: the nearest non-empty cell to its right (stopping at a label), else the
/// cell below (a label there means blank). Returns the value and its cell, or the cell where the
/// value should have been.
fn value_of(sheet: &Sheet, hit: &Hit) -> (Option<Value>, String) {
    if let Some(inline) = &hit.inline {
        return (
            Some(Value::Text(inline.clone())),
            sheet.address(hit.row, hit.col),
        );
    }
    let expected = || (None, sheet.address(hit.row, hit.col + 1));
    for cell in sheet.row(hit.row).iter().filter(|c| c.col > hit.col) {
        if is_label(&cell.value) {
            return below(sheet, hit).unwrap_or_else(expected);
        }
        if is_hint(&cell.value) {
            continue;
        }
        return (Some(cell.value.clone()), sheet.address(cell.row, cell.col));
    }
    below(sheet, hit).unwrap_or_else(expected)
}

/// The value under a label (label-above layout). A label directly below means "blank".
/// One wholly empty row in between is passed over (a label merged over two rows).
fn below(sheet: &Sheet, hit: &Hit) -> Option<(Option<Value>, String)> {
    for row in [hit.row + 1, hit.row + 2] {
        if let Some(v) = sheet.get(row, hit.col) {
            if is_label(v) || is_hint(v) {
                return None;
            }
            return Some((Some(v.clone()), sheet.address(row, hit.col)));
        }
        if !sheet.row(row).is_empty() {
            return None;
        }
    }
    None
}

/// Counts the distinct fields of each scope on a sheet.
fn score(hits: &[Hit]) -> (usize, usize, usize, usize) {
    // A few dozen hits at most: a small list beats hashing.
    let mut seen: Vec<Field> = Vec::with_capacity(hits.len());
    let (mut proposal, mut progress, mut both, mut scores) = (0, 0, 0, 0);
    for h in hits {
        if seen.contains(&h.field) {
            continue;
        }
        seen.push(h.field);
        match h.field.scope() {
            Scope::Proposal => proposal += 1,
            Scope::Progress => progress += 1,
            Scope::Both => both += 1,
            Scope::Scores => scores += 1,
        }
    }
    (proposal, progress, both, scores)
}

/// The form's title, from the first rows: the kind the unit says it sent.
fn title_kind(sheet: &Sheet) -> Option<FormKind> {
    let first_rows: Vec<u32> = {
        let mut rows: Vec<u32> = sheet.cells.iter().map(|c| c.row).collect();
        rows.dedup();
        rows.into_iter().take(3).collect()
    };
    for cell in sheet.cells.iter().filter(|c| first_rows.contains(&c.row)) {
        let Value::Text(t) = &cell.value else {
            continue;
        };
        if t.chars().count() > 60 || label_hit(t, 0, 0).is_some() {
            continue;
        }
        let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
        if has(labels::SCORES_TITLES) {
            return Some(FormKind::Scores);
        }
        if has(labels::PROPOSAL_TITLES) {
            return Some(FormKind::Proposal);
        }
        if has(labels::PROGRESS_TITLES) {
            return Some(FormKind::Progress);
        }
    }
    None
}

/// A sheet considered as the form sheet.
struct Candidate<'a> {
    rank: usize,
    sheet: &'a Sheet,
    hits: Vec<Hit>,
    milestones: Vec<super::RawMilestone>,
}

/// Finds the form sheet, tells its kind and reads its fields.
///
/// ```
/// use taizhang::form::{extract, FormKind};
/// use taizhang::model::{Field, Value};
/// use taizhang::read::{Cell, Sheet, Workbook};
///
/// let text = |row, col, s: &str| Cell { row, col, value: Value::Text(s.into()) };
/// let sheet = Sheet::new(
///     "立项书".into(),
///     true,
///     vec![
///         text(0, 0, "基层党建创新项目立项书"),
///         text(1, 0, "项目名称："),
///         text(1, 1, "红色网格"),
///         text(2, 0, "工作目标"),
///         text(3, 0, "主要措施"),
///     ],
/// );
/// let form = extract(&Workbook { sheets: vec![sheet] }).unwrap();
/// assert_eq!(form.kind, FormKind::Proposal);
/// let name = form.field(Field::Name).unwrap();
/// assert_eq!(name.value, Some(Value::Text("红色网格".into())));
/// assert_eq!(name.cell, "立项书!B2");
/// // A label below a label means "blank", never the next label's text.
/// assert_eq!(form.field(Field::Goals).unwrap().value, None);
/// ```
pub fn extract(book: &Workbook) -> Result<RawForm, NotAForm> {
    if book.sheets.iter().all(|s| s.cells.is_empty()) {
        return Err(NotAForm(say::EMPTY_WORKBOOK.into()));
    }
    // The sheet with most labels; visible sheets before hidden ones.
    let mut best: Option<Candidate<'_>> = None;
    for sheet in &book.sheets {
        let table = milestones::find(sheet);
        let hits = find_labels(sheet, &table.rows);
        let (p, g, b, s) = score(&hits);
        let rank = (p + g + b + s) * 2 + usize::from(sheet.visible);
        if best.as_ref().is_none_or(|c| rank > c.rank) {
            best = Some(Candidate {
                rank,
                sheet,
                hits,
                milestones: table.milestones,
            });
        }
    }
    let Some(Candidate {
        sheet,
        hits,
        milestones,
        ..
    }) = best
    else {
        return Err(NotAForm(say::NO_SHEETS.into()));
    };
    let (p, g, b, s) = score(&hits);
    let kind = match title_kind(sheet) {
        Some(FormKind::Scores) => FormKind::Scores,
        Some(k) if p + g + b >= 2 => {
            // The title says one thing; the labels may overrule a misleading title.
            let (own, other) = match k {
                FormKind::Proposal => (p, g),
                _ => (g, p),
            };
            if own == 0 && other >= 3 {
                if k == FormKind::Proposal {
                    FormKind::Progress
                } else {
                    FormKind::Proposal
                }
            } else {
                k
            }
        }
        _ if s > 0 && p == 0 && g == 0 => FormKind::Scores,
        _ if p >= 3 && p > g => FormKind::Proposal,
        _ if g >= 2 && g >= p => FormKind::Progress,
        _ => return Err(NotAForm(say::NOT_A_FORM.into())),
    };
    let mut fields = BTreeMap::new();
    for hit in &hits {
        let in_scope = match hit.field.scope() {
            Scope::Both => true,
            Scope::Proposal => kind == FormKind::Proposal,
            Scope::Progress => kind == FormKind::Progress,
            Scope::Scores => kind == FormKind::Scores,
        };
        if !in_scope {
            continue;
        }
        let (value, cell) = value_of(sheet, hit);
        let field = RawField {
            label: hit.shown.clone(),
            value,
            cell,
        };
        // The first label with a value wins; a later synonym only fills a blank.
        match fields.get(&hit.field) {
            Some(RawField { value: Some(_), .. }) => {}
            Some(_) if field.value.is_none() => {}
            _ => {
                fields.insert(hit.field, field);
            }
        }
    }
    Ok(RawForm {
        kind,
        sheet: sheet.name.clone(),
        fields,
        milestones: if kind == FormKind::Proposal {
            milestones
        } else {
            Vec::new()
        },
    })
}
