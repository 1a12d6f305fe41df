//! Finding labels and their values on a sheet (SPEC §3).

use std::collections::{BTreeMap, HashSet};

use super::labels;
use super::{milestones, FormKind, RawField, RawForm};
use crate::model::{Field, Scope, Value};
use crate::read::Sheet;
use crate::say::reading as say;
use crate::text::label_key;

/// A label found on a sheet.
#[derive(Debug, Clone)]
pub(super) struct Hit {
    pub field: Field,
    pub row: u32,
    pub col: u32,
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

/// True when a cell's text is itself a label (scanning must stop there: a label is never a value),
/// whoever's label it is: taizhang's, a heading, or a common label of other forms (`姓名`, `学校：`).
pub(super) fn is_label(value: &Value) -> bool {
    match value {
        Value::Text(t) => t.chars().count() <= 40 && label_or_header(t),
        _ => false,
    }
}

fn label_or_header(t: &str) -> bool {
    if labels::colon_label(t) {
        return true;
    }
    if let Some(key) = label_key(t) {
        if Field::for_label(&key).is_some()
            || labels::MILESTONE_STAGE.contains(&key.as_str())
            || labels::HEADINGS.contains(&key.as_str())
            || labels::is_common_key(&key)
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
pub(super) fn is_hint(value: &Value) -> bool {
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
    // A column header row (项目名称 | 学校 | 负责人) is no run of label–value pairs.
    if is_header_row(sheet.row(hit.row)) {
        return below(sheet, hit).unwrap_or_else(expected);
    }
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

/// A row of three cells or more, at least two thirds of them labels: a table's column headers.
pub(super) fn is_header_row(cells: &[crate::read::Cell]) -> bool {
    cells.len() >= 3 && cells.iter().filter(|c| is_label(&c.value)).count() * 3 >= cells.len() * 2
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

/// How many distinct fields of each scope a sheet's labels name.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Tally {
    proposal: usize,
    progress: usize,
    closing: usize,
    /// On every form (申报单位, 项目名称, 填报日期).
    both: usize,
    /// On progress and closing reports (项目编号, 填报人).
    reports: usize,
    scores: usize,
}

impl Tally {
    /// The distinct fields named.
    pub(super) fn total(self) -> usize {
        self.proposal + self.progress + self.closing + self.both + self.reports + self.scores
    }
}

/// Counts the distinct fields of each scope on a sheet.
pub(super) fn score(hits: &[Hit]) -> Tally {
    // A few dozen hits at most: a small list beats hashing.
    let mut seen: Vec<Field> = Vec::with_capacity(hits.len());
    let mut t = Tally::default();
    for h in hits {
        if seen.contains(&h.field) {
            continue;
        }
        seen.push(h.field);
        match h.field.scope() {
            Scope::Proposal => t.proposal += 1,
            Scope::Progress => t.progress += 1,
            Scope::Closing => t.closing += 1,
            Scope::Both => t.both += 1,
            Scope::Reports => t.reports += 1,
            Scope::Scores => t.scores += 1,
        }
    }
    t
}

/// The form's title, from the first rows: the kind the unit says it sent, and the title's text.
pub(super) fn title_of(sheet: &Sheet) -> Option<(FormKind, &str)> {
    let mut rows = 0;
    let mut last_row = None;
    for cell in &sheet.cells {
        if last_row != Some(cell.row) {
            rows += 1;
            last_row = Some(cell.row);
            if rows > 3 {
                break;
            }
        }
        let Value::Text(t) = &cell.value else {
            continue;
        };
        if t.chars().count() > 60 || label_hit(t, 0, 0).is_some() {
            continue;
        }
        if let Some(kind) = title_says(t) {
            return Some((kind, t));
        }
    }
    None
}

/// What a title names. A proposal's title says 立项书, or 申报 with 项目 (a hazard 申报表 is no
/// proposal); a progress report's says 进度报告, or one of the progress words with 项目; a closing
/// report's says 结项 or 自查考评 (`项目结项报告`, `自查考评表`), or 总结报告 with 项目.
fn title_says(t: &str) -> Option<FormKind> {
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    if has(labels::SCORES_TITLES) {
        return Some(FormKind::Scores);
    }
    let project = t.contains("项目");
    if t.contains("结项") || t.contains("自查考评") || (project && has(labels::CLOSING_TITLES))
    {
        return Some(FormKind::Closing);
    }
    if t.contains("立项书") || (project && has(labels::PROPOSAL_TITLES)) {
        return Some(FormKind::Proposal);
    }
    if t.contains("进度报告") || (project && has(labels::PROGRESS_TITLES)) {
        return Some(FormKind::Progress);
    }
    None
}

/// Evidence before a kind (issue 14 point 4): the title, or 项目名称 with at least three other
/// labels of the kind. `None` when the labels are no known form's.
pub(super) fn kind_of(title: Option<FormKind>, hits: &[Hit]) -> Option<FormKind> {
    let t = score(hits);
    let has = |f: Field| hits.iter().any(|h| h.field == f);
    let name = has(Field::Name);
    let project = name || has(Field::ProjectId);
    let both_others = t.both - usize::from(name);
    let (p, g, c) = (t.proposal, t.progress + t.reports, t.closing + t.reports);
    // The kind the labels alone say, with the evidence it takes (3 fields beside 项目名称).
    let closing = t.closing >= 2 && c + both_others >= 3 && t.closing > t.progress;
    let by_labels = if name && closing && t.closing >= p {
        Some(FormKind::Closing)
    } else if name && p + both_others >= 3 && p > g {
        Some(FormKind::Proposal)
    } else if name && g + both_others >= 3 && g > 0 && g >= p {
        Some(FormKind::Progress)
    } else {
        None
    };
    match title {
        Some(FormKind::Scores) if project || t.scores > 0 => return Some(FormKind::Scores),
        Some(k @ (FormKind::Proposal | FormKind::Progress | FormKind::Closing))
            if p + g + t.closing + t.both >= 2 =>
        {
            // The title says one thing; the labels may overrule a misleading title.
            let (own, other, instead) = match k {
                FormKind::Proposal if t.closing > t.progress => (p, c, FormKind::Closing),
                FormKind::Proposal => (p, g, FormKind::Progress),
                FormKind::Progress => (g, p, FormKind::Proposal),
                _ if p >= t.progress => (c, p, FormKind::Proposal),
                _ => (c, g, FormKind::Progress),
            };
            return Some(if own == 0 && other >= 3 { instead } else { k });
        }
        _ => {}
    }
    if t.scores > 0 && p == 0 && g == 0 && t.closing == 0 && project {
        return Some(FormKind::Scores);
    }
    by_labels
}

/// Why a sheet is no form, naming the labels it does hold (`只找到“姓名”“性别”等栏目`).
pub(super) fn not_a_form(sheet: &Sheet, hits: &[Hit]) -> String {
    let mut found: Vec<String> = Vec::new();
    for cell in &sheet.cells {
        if found.len() >= 3 {
            break;
        }
        let Value::Text(t) = &cell.value else {
            continue;
        };
        let known = hits.iter().any(|h| h.row == cell.row && h.col == cell.col);
        if known || (t.chars().count() <= 14 && labels::is_foreign_label(t)) {
            let shown = shown_label(t);
            let shown = shown
                .split(['：', ':'])
                .next()
                .unwrap_or_default()
                .to_owned();
            if !shown.is_empty() && !found.contains(&shown) {
                found.push(shown);
            }
        }
    }
    if found.is_empty() {
        say::NOT_A_FORM.to_owned()
    } else {
        say::only_labels(&found)
    }
}

/// Common values of a sheet's forms held elsewhere: a Word document's paragraphs (`正文`), whose
/// title and `标签：值` lines belong to the forms in its tables.
pub(super) struct Context<'a> {
    /// The sheet holding them.
    pub sheet: &'a Sheet,
    /// Its labels.
    pub hits: Vec<Hit>,
}

/// One sheet read as one form: its labels (with the context's for fields it lacks), its kind by
/// evidence, its fields. `Err` carries the sheet's number of labels and why it is no form.
pub(super) fn sheet_form(
    sheet: &Sheet,
    context: Option<&Context<'_>>,
) -> Result<RawForm, (usize, String)> {
    let title = title_of(sheet)
        .or_else(|| context.and_then(|c| title_of(c.sheet)))
        .map(|(k, _)| k);
    sheet_form_with(sheet, context, SheetLabels::find(sheet), title)
}

/// A sheet's labels and timetable, found once and shared by every layout tried on it.
pub(super) struct SheetLabels {
    /// The timetable (its rows hold no field labels).
    pub table: milestones::Table,
    /// Every label outside the timetable.
    pub hits: Vec<Hit>,
}

impl SheetLabels {
    /// Scans the sheet once.
    pub fn find(sheet: &Sheet) -> SheetLabels {
        let table = milestones::find(sheet);
        let hits = find_labels(sheet, &table.rows);
        SheetLabels { table, hits }
    }
}

/// [`sheet_form`] on labels and title already found (the title of the sheet, else of the
/// context).
pub(super) fn sheet_form_with(
    sheet: &Sheet,
    context: Option<&Context<'_>>,
    found: SheetLabels,
    title: Option<FormKind>,
) -> Result<RawForm, (usize, String)> {
    let SheetLabels { table, hits } = found;
    let context_hits: Vec<&Hit> = context
        .map(|c| {
            c.hits
                .iter()
                .filter(|h| !hits.iter().any(|own| own.field == h.field))
                .collect()
        })
        .unwrap_or_default();
    let all: Vec<Hit> = hits
        .iter()
        .chain(context_hits.iter().copied())
        .cloned()
        .collect();
    let Some(kind) = kind_of(title, &all) else {
        return Err((score(&hits).total(), not_a_form(sheet, &hits)));
    };
    let mut fields = fields_in(sheet, &hits, kind);
    if let Some(c) = context {
        for (field, raw) in fields_in(c.sheet, &c.hits, kind) {
            fields.entry(field).or_insert(raw);
        }
    }
    Ok(RawForm {
        kind,
        sheet: sheet.name.clone(),
        part: None,
        fields,
        milestones: if kind == FormKind::Proposal {
            table.milestones
        } else {
            Vec::new()
        },
    })
}

/// True when a field belongs on a form of this kind.
pub(super) fn in_scope(field: Field, kind: FormKind) -> bool {
    match field.scope() {
        Scope::Both => true,
        Scope::Proposal => kind == FormKind::Proposal,
        Scope::Progress => kind == FormKind::Progress,
        Scope::Closing => kind == FormKind::Closing,
        Scope::Reports => matches!(kind, FormKind::Progress | FormKind::Closing),
        Scope::Scores => kind == FormKind::Scores,
    }
}

/// The values of a form's labels on one sheet.
pub(super) fn fields_in(sheet: &Sheet, hits: &[Hit], kind: FormKind) -> BTreeMap<Field, RawField> {
    let mut fields = BTreeMap::new();
    for hit in hits.iter().filter(|h| in_scope(h.field, kind)) {
        let (value, cell) = value_of(sheet, hit);
        // Messages quote the canonical label (完成时间), not the form's spelling of it.
        let field = RawField {
            label: hit.field.label().to_owned(),
            value,
            cell,
        };
        insert_field(&mut fields, hit.field, field);
    }
    fields
}

/// The first label with a value wins; a later synonym only fills a blank.
pub(super) fn insert_field(fields: &mut BTreeMap<Field, RawField>, key: Field, field: RawField) {
    match fields.get(&key) {
        Some(RawField { value: Some(_), .. }) => {}
        Some(_) if field.value.is_none() => {}
        _ => {
            fields.insert(key, field);
        }
    }
}
