//! Several forms in one file (SPEC §3.5): one form per sheet, a table of forms (one record per
//! row), forms side by side (one record per column). Each form found is one [`RawForm`] whose
//! `part` names it; a file with one form gives one form without a part.

use std::collections::BTreeMap;

use super::labels;
use super::locate::{self, Context, Hit};
use super::{FormKind, NotAForm, RawField, RawForm};
use crate::model::{Field, Scope, Value};
use crate::read::{push_column_letters, Sheet, Workbook};
use crate::say::reading as say;
use crate::text::label_key;

/// Finds the form in a workbook: the first of [`extract_all`]'s forms.
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
    extract_all(book)?
        .into_iter()
        .next()
        .ok_or_else(|| NotAForm(say::NOT_A_FORM.into()))
}

/// Every form in a workbook, in order (sheets in order, rows top to bottom, columns left to
/// right), never empty. A file with several names each by its `part`; instruction sheets, lists
/// and blank sheets give none. A score sheet is one form (its tables are read by
/// [`super::scores`]).
pub fn extract_all(book: &Workbook) -> Result<Vec<RawForm>, NotAForm> {
    if book.sheets.iter().all(|s| s.cells.is_empty()) {
        return Err(NotAForm(say::EMPTY_WORKBOOK.into()));
    }
    let context_sheet = (book.sheets.len() > 1)
        .then(|| {
            book.sheets
                .iter()
                .find(|s| s.name == say::WORD_TEXT_SHEET && !s.cells.is_empty())
        })
        .flatten();
    let context = context_sheet.map(|sheet| Context {
        sheet,
        hits: locate::find_labels(sheet, &Default::default()),
    });
    let mut found: Vec<SheetForms> = Vec::new();
    // The reason of the sheet nearest to a form, for E_UNKNOWN_FORM.
    let mut nearest: Option<(usize, bool, String)> = None;
    // Visible sheets first, then hidden ones, instruction sheets (填表说明) last of all.
    for (visible, instructions) in [(true, false), (false, false), (true, true), (false, true)] {
        let sheets = book
            .sheets
            .iter()
            .filter(|s| s.visible == visible && is_instructions(&s.name) == instructions);
        for sheet in sheets {
            if sheet.cells.is_empty() || context_sheet.is_some_and(|c| std::ptr::eq(c, sheet)) {
                continue;
            }
            match forms_of(sheet, context.as_ref()) {
                Ok(forms) => found.push(forms),
                Err((rank, reason)) => {
                    if nearest
                        .as_ref()
                        .is_none_or(|(r, v, _)| (rank, visible) > (*r, *v))
                    {
                        nearest = Some((rank, visible, reason));
                    }
                }
            }
        }
        if !found.is_empty() {
            break;
        }
    }
    if found.is_empty() {
        if let Some(c) = &context {
            // A document whose form is all paragraphs.
            if let Ok(form) = locate::sheet_form(c.sheet, None) {
                return Ok(vec![form]);
            }
        }
        let reason = nearest.map_or_else(|| say::NO_SHEETS.to_owned(), |(_, _, r)| r);
        return Err(NotAForm(reason));
    }
    // A score sheet is read whole by its own reader.
    if let Some(i) = found
        .iter()
        .position(|f| f.forms[0].kind == FormKind::Scores)
    {
        let mut forms = found.swap_remove(i).forms;
        forms.truncate(1);
        return Ok(forms);
    }
    keep_real_sheets(&mut found);
    let several = found.len() > 1 || found.iter().any(|f| f.forms.len() > 1);
    let mut out = Vec::new();
    for f in found {
        for mut form in f.forms {
            if several && form.part.is_none() {
                form.part = Some(form.sheet.clone());
            }
            if !several {
                form.part = None;
            }
            out.push(form);
        }
    }
    if out.is_empty() {
        return Err(NotAForm(say::NOT_A_FORM.into()));
    }
    Ok(out)
}

/// A sheet named as instructions (`填表说明`, `填报须知`): it quotes the labels, it is no form.
fn is_instructions(name: &str) -> bool {
    labels::INSTRUCTION_SHEETS.iter().any(|w| name.contains(w))
}

/// The forms one sheet gave, and how many labels its best form has.
struct SheetForms {
    forms: Vec<RawForm>,
    /// Whole-sheet forms only: a table or side-by-side sheet is a list of records by design.
    whole: bool,
    labels: usize,
    named: bool,
}

/// Among several sheets that each look like one form, a blank copy of the template or an
/// instruction sheet quoting the labels is no form: keep the sheets whose project is named and
/// whose labels are at least half the best sheet's; when none is named, the best sheet alone.
fn keep_real_sheets(found: &mut Vec<SheetForms>) {
    let wholes = found.iter().filter(|f| f.whole).count();
    if wholes <= 1 {
        return;
    }
    let any_named = found.iter().any(|f| f.whole && f.named);
    let best = found
        .iter()
        .filter(|f| f.whole && (f.named || !any_named))
        .map(|f| f.labels)
        .max()
        .unwrap_or(0);
    if any_named {
        found.retain(|f| !f.whole || (f.named && f.labels * 2 >= best));
    } else {
        let mut first_best = true;
        found.retain(|f| {
            if !f.whole {
                return true;
            }
            let keep = first_best && f.labels == best;
            first_best &= !keep;
            keep
        });
    }
}

/// The forms on one sheet: a table of forms, forms side by side, or the sheet as one form.
fn forms_of(sheet: &Sheet, context: Option<&Context<'_>>) -> Result<SheetForms, (usize, String)> {
    let title = locate::title_of(sheet).or_else(|| context.and_then(|c| locate::title_of(c.sheet)));
    let found = locate::SheetLabels::find(sheet);
    let reviewer = found.hits.iter().any(|h| h.field == Field::Reviewer);
    if !reviewer && title.is_none_or(|(k, _)| k != FormKind::Scores) {
        if let Some(forms) = table_forms(sheet, &found.hits, title, context) {
            return Ok(listed(forms));
        }
        if let Some(forms) = side_by_side(sheet, &found.hits, title, context) {
            return Ok(listed(forms));
        }
    }
    let form = locate::sheet_form_with(sheet, context, found, title.map(|(k, _)| k))?;
    let named = form
        .field(Field::Name)
        .is_some_and(|f| f.value.as_ref().is_some_and(|v| !v.is_empty()));
    Ok(SheetForms {
        labels: form.fields.len(),
        named,
        whole: true,
        forms: vec![form],
    })
}

fn listed(forms: Vec<RawForm>) -> SheetForms {
    SheetForms {
        labels: 0,
        named: true,
        whole: false,
        forms,
    }
}

/// A column header: which field, where.
struct Column {
    col: u32,
    field: Field,
}

/// The header cells of a row that are taizhang's labels, without values in the same cell.
fn header_labels(cells: &[crate::read::Cell]) -> Vec<Hit> {
    let none = Default::default();
    let sheet = Sheet {
        name: String::new(),
        visible: true,
        cells: cells.to_vec(),
    };
    locate::find_labels(&sheet, &none)
        .into_iter()
        .filter(|h| h.inline.is_none())
        .collect()
}

/// The kind a table's columns (and its title) say, when they name 项目名称 and at least two more
/// of one kind's fields (SPEC §3.5).
fn table_kind(fields: &[Field], title: Option<FormKind>) -> Option<FormKind> {
    if !fields.contains(&Field::Name) || fields.len() < 3 {
        return None;
    }
    let count = |scope: Scope| fields.iter().filter(|f| f.scope() == scope).count();
    let g = count(Scope::Progress) + count(Scope::Reports);
    let (p, c) = (count(Scope::Proposal), count(Scope::Closing));
    if count(Scope::Scores) > 0 {
        return None;
    }
    // 项目编号 alone makes no progress table (a score sheet lists it too): a report says how far.
    let reports = fields.iter().any(|f| {
        matches!(
            f,
            Field::Period | Field::Percent | Field::Done | Field::State
        )
    });
    let proposal = p > 0;
    match title {
        Some(FormKind::Proposal) if proposal => Some(FormKind::Proposal),
        Some(FormKind::Progress) if reports => Some(FormKind::Progress),
        Some(FormKind::Closing) if c > 0 => Some(FormKind::Closing),
        _ if c >= 2 && c > p && !reports => Some(FormKind::Closing),
        _ if proposal && p > g => Some(FormKind::Proposal),
        _ if reports => Some(FormKind::Progress),
        _ => None,
    }
}

/// A table of forms: a header row of one kind's labels, one record per row below it.
fn table_forms(
    sheet: &Sheet,
    sheet_hits: &[Hit],
    title: Option<(FormKind, &str)>,
    context: Option<&Context<'_>>,
) -> Option<Vec<RawForm>> {
    // A table's header holds 项目名称: only the rows where the sheet's scan found it are tried.
    let name_rows: Vec<u32> = sheet_hits
        .iter()
        .filter(|h| h.field == Field::Name && h.inline.is_none())
        .map(|h| h.row)
        .collect();
    if name_rows.is_empty() {
        return None;
    }
    let mut rows = sheet.cells.chunk_by(|a, b| a.row == b.row).peekable();
    while let Some(cells) = rows.next() {
        let header_row = cells[0].row;
        if cells.len() < 3 || !name_rows.contains(&header_row) || !locate::is_header_row(cells) {
            continue;
        }
        let hits = header_labels(cells);
        let mut fields: Vec<Field> = hits.iter().map(|h| h.field).collect();
        fields.sort();
        fields.dedup();
        let Some(kind) = table_kind(&fields, title.map(|(k, _)| k)) else {
            continue;
        };
        let mut columns: Vec<Column> = hits
            .iter()
            .map(|h| Column {
                col: h.col,
                field: h.field,
            })
            .collect();
        let mut last_header = header_row;
        // A two-level header: the group's lower labels stand for it.
        if let Some(lower) = rows.peek().filter(|c| c[0].row == header_row + 1) {
            if lower.iter().all(|c| locate::is_label(&c.value)) {
                let lower_hits = header_labels(lower);
                if !lower_hits.is_empty() {
                    for h in lower_hits {
                        columns.retain(|c| {
                            c.col != h.col
                                && !(c.field == Field::OwnerCombined && covers(c.col, h.col, &hits))
                        });
                        columns.push(Column {
                            col: h.col,
                            field: h.field,
                        });
                    }
                    columns.sort_by_key(|c| c.col);
                    last_header = header_row + 1;
                    rows.next();
                }
            }
        }
        let common = common_values(sheet, header_row, title, context, kind);
        let mut forms = Vec::new();
        let mut expected = last_header + 1;
        let mut labels_after = false;
        for record in rows.by_ref() {
            let row = record[0].row;
            if row != expected || ends_table(record, &columns) {
                break;
            }
            // Records hold values: a row with a label is the rest of a form.
            if record.iter().any(|c| locate::is_label(&c.value)) {
                labels_after = record.iter().any(
                    |c| matches!(&c.value, Value::Text(t) if labels::field_for_text(t).is_some()),
                );
                break;
            }
            expected = row + 1;
            let mut fields = common.clone();
            for c in columns.iter().filter(|c| locate::in_scope(c.field, kind)) {
                let value = sheet
                    .get(row, c.col)
                    .filter(|v| !locate::is_label(v))
                    .cloned();
                fields.insert(
                    c.field,
                    RawField {
                        label: c.field.label().to_owned(),
                        value,
                        cell: sheet.address(row, c.col),
                    },
                );
            }
            forms.push(RawForm {
                kind,
                sheet: sheet.name.clone(),
                part: Some(say::part_row(&sheet.name, row)),
                fields,
                milestones: Vec::new(),
            });
        }
        // One row of values under a row of labels, more labels below: a form laid out label
        // above value, not a table.
        if forms.len() == 1 && labels_after {
            return None;
        }
        return (!forms.is_empty()).then_some(forms);
    }
    None
}

/// True when the lower label at `lower` sits under the group header at `group` (before the next
/// upper header).
fn covers(group: u32, lower: u32, upper: &[Hit]) -> bool {
    lower >= group && !upper.iter().any(|h| h.col > group && h.col <= lower)
}

/// A row that is no record: 合计 / 备注 / 说明, or nothing but its 序号, or nothing in the
/// table's columns.
fn ends_table(cells: &[crate::read::Cell], columns: &[Column]) -> bool {
    if let Some(Value::Text(t)) = cells.first().map(|c| &c.value) {
        if let Some(key) = label_key(t) {
            if labels::TABLE_END.iter().any(|w| key.starts_with(w)) {
                return true;
            }
        }
    }
    let in_columns = cells
        .iter()
        .filter(|c| columns.iter().any(|col| col.col == c.col))
        .count();
    let only_number = cells.len() == 1
        && match &cells[0].value {
            Value::Number(_) => true,
            Value::Text(t) => !t.trim().is_empty() && t.trim().chars().all(|c| c.is_ascii_digit()),
            _ => false,
        };
    in_columns == 0 || only_number
}

/// The values common to every row of a table: labelled cells above it (`填报单位：潘集区委`),
/// the Word document's paragraphs, and the period in a progress table's title (`（2018年5月）`).
fn common_values(
    sheet: &Sheet,
    header_row: u32,
    title: Option<(FormKind, &str)>,
    context: Option<&Context<'_>>,
    kind: FormKind,
) -> BTreeMap<Field, RawField> {
    let above = Sheet {
        name: sheet.name.clone(),
        visible: true,
        cells: sheet
            .cells
            .iter()
            .filter(|c| c.row < header_row)
            .cloned()
            .collect(),
    };
    let mut fields = BTreeMap::new();
    let hits = locate::find_labels(&above, &Default::default());
    for (field, raw) in locate::fields_in(&above, &hits, kind) {
        if raw.value.is_some() {
            fields.insert(field, raw);
        }
    }
    if let Some(c) = context {
        for (field, raw) in locate::fields_in(c.sheet, &c.hits, kind) {
            if raw.value.is_some() {
                fields.entry(field).or_insert(raw);
            }
        }
    }
    if kind == FormKind::Progress && !fields.contains_key(&Field::Period) {
        if let Some((month, cell)) = title.and_then(|(_, t)| title_month(t)).and_then(|m| {
            let cell = sheet
                .cells
                .iter()
                .find(|c| matches!(&c.value, Value::Text(x) if x.contains(&m)))?;
            Some((m, sheet.address(cell.row, cell.col)))
        }) {
            fields.insert(
                Field::Period,
                RawField {
                    label: Field::Period.label().to_owned(),
                    value: Some(Value::Text(month)),
                    cell,
                },
            );
        }
    }
    fields
}

/// The month in parentheses of a title: `…进度报告（2018年5月）` → `2018年5月`.
fn title_month(title: &str) -> Option<String> {
    let open = title.find(['（', '('])?;
    let inner = &title[open..];
    let inner = inner.trim_start_matches(['（', '(']);
    let close = inner.find(['）', ')'])?;
    let inner = inner[..close].trim();
    (inner.contains('年') && inner.contains('月') || inner.contains(['-', '.']))
        .then(|| inner.to_owned())
        .filter(|m| m.chars().any(|c| c.is_ascii_digit()))
}

/// Forms side by side: labels down one column, one project per column to their right.
fn side_by_side(
    sheet: &Sheet,
    hits: &[Hit],
    title: Option<(FormKind, &str)>,
    context: Option<&Context<'_>>,
) -> Option<Vec<RawForm>> {
    let name = hits
        .iter()
        .find(|h| h.field == Field::Name && h.inline.is_none())?;
    let label_col = name.col;
    let column: Vec<&Hit> = hits
        .iter()
        .filter(|h| h.col == label_col && h.inline.is_none())
        .collect();
    let right: Vec<&crate::read::Cell> = sheet
        .row(name.row)
        .iter()
        .filter(|c| c.col > label_col && !locate::is_hint(&c.value))
        .collect();
    // `项目名称 | 红色网格 | 项目类别 | A` is one form's row, not two projects.
    if right.iter().any(|c| locate::is_label(&c.value)) {
        return None;
    }
    let record_cols: Vec<u32> = right.iter().map(|c| c.col).collect();
    if record_cols.len() < 2 || column.len() < 4 {
        return None;
    }
    let owned: Vec<Hit> = column.iter().map(|h| (*h).clone()).collect();
    let kind = locate::kind_of(title.map(|(k, _)| k), &owned)?;
    if kind == FormKind::Scores {
        return None;
    }
    let mut common = BTreeMap::new();
    if let Some(c) = context {
        for (field, raw) in locate::fields_in(c.sheet, &c.hits, kind) {
            if raw.value.is_some() {
                common.insert(field, raw);
            }
        }
    }
    let forms = record_cols
        .iter()
        .map(|&col| {
            let mut fields = common.clone();
            for h in column.iter().filter(|h| locate::in_scope(h.field, kind)) {
                let value = sheet
                    .get(h.row, col)
                    .filter(|v| !locate::is_label(v))
                    .cloned();
                let raw = RawField {
                    label: h.field.label().to_owned(),
                    value,
                    cell: sheet.address(h.row, col),
                };
                if fields
                    .get(&h.field)
                    .is_none_or(|f: &RawField| f.value.is_none())
                {
                    fields.insert(h.field, raw);
                }
            }
            let mut letters = String::new();
            push_column_letters(&mut letters, col);
            RawForm {
                kind,
                sheet: sheet.name.clone(),
                part: Some(say::part_column(&sheet.name, &letters)),
                fields,
                milestones: Vec::new(),
            }
        })
        .collect();
    Some(forms)
}
