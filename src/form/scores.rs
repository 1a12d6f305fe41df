//! Score-sheet tables (评分表, SPEC §3.3) located in the grid: the reviewer's cell and a table of
//! raw scores with their addresses. Nothing here judges a score; [`crate::rules::scores`] does.
//!
//! A score sheet is a table, not label/value pairs: the header row is found by its words (项目编号
//! and/or 项目名称, and at least one rubric criterion, possibly titled `创新性（20分）`), and each
//! later row with a project ID or name is one project. Reviewers rearrange the sheet they were sent
//! (columns moved, extra 序号 / 合计 / 备注 columns, projects by name only), so nothing depends on
//! positions. Totals on the sheet are never read: taizhang adds the scores itself.

use crate::model::{Field, Value};
use crate::read::{Sheet, Workbook};
use crate::text::{fold_width, normalize_label, strip_spaces};

/// One sheet's score table as found, before any score is judged.
#[derive(Debug, Clone, PartialEq)]
pub struct RawScoreSheet {
    /// The sheet the table is on.
    pub sheet: String,
    /// The reviewer's name, when a 评审人 label has a name beside it (spaces folded).
    pub reviewer: Option<String>,
    /// Where the name is, or where it should have been (the cell right of the label).
    pub reviewer_cell: Option<String>,
    /// A reviewer label was found at all (a blank name reads differently from no label).
    pub reviewer_labelled: bool,
    /// Per criterion (in the order asked for), whether the sheet has its column.
    pub criteria: Vec<bool>,
    /// One row per project, in sheet order.
    pub rows: Vec<RawScoreRow>,
}

/// One project row of a score table, unjudged.
#[derive(Debug, Clone, PartialEq)]
pub struct RawScoreRow {
    /// The row (0-based), for ranges such as `评分表!B5:E5`.
    pub row: u32,
    /// 项目编号 as written (half-width, no spaces), when the column exists and is filled.
    pub project_id: Option<String>,
    /// 项目名称 as written (half-width, spaces folded), when the column exists and is filled.
    pub name: Option<String>,
    /// 申报单位 as written, when the sheet has the column.
    pub unit: Option<String>,
    /// The cell that names the project (ID, else name), for messages.
    pub cell: String,
    /// One entry per criterion column the sheet has, in criterion order.
    pub scores: Vec<RawScore>,
}

/// One score cell: which criterion, where, and what it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct RawScore {
    /// Index into the criteria asked for.
    pub criterion: usize,
    /// The column (0-based), for ranges.
    pub col: u32,
    /// The cell's address (`评分表!D5`).
    pub cell: String,
    /// The value, `None` when the cell is blank.
    pub value: Option<Value>,
}

/// A score table's column headers: a field's own labels (the catalogue's, as on the forms), plus
/// the shorter words reviewers' tables use for them.
fn header_of(norm: &str) -> Option<Field> {
    const SHORT: &[(Field, &[&str])] = &[
        (Field::ProjectId, &["编号", "项目代码"]),
        (Field::Name, &["名称"]),
        (Field::Unit, &["单位"]),
    ];
    SHORT.iter().find_map(|(field, short)| {
        (field.labels().contains(&norm) || short.contains(&norm)).then_some(*field)
    })
}

/// Texts in a name cell that are no project (a footer row).
const NOT_PROJECTS: &[&str] = &["合计", "总计", "平均", "平均分", "小计"];

/// Where the table is on a sheet.
struct Layout {
    /// Last header row (the table body starts below it).
    header_end: u32,
    id_col: Option<u32>,
    name_col: Option<u32>,
    unit_col: Option<u32>,
    /// Per criterion, its column (None: the sheet lacks it).
    criteria: Vec<Option<u32>>,
}

/// The criterion a header cell names: `创新性`, `创新性（20分）`, `创新性20分`, `创新性得分`.
pub fn criterion_of(header: &str, criteria: &[&str]) -> Option<usize> {
    let norm = normalize_label(header);
    criteria.iter().position(|c| {
        let name = normalize_label(c);
        match norm.strip_prefix(name.as_str()) {
            Some("") => true,
            Some(rest) => {
                let rest = rest
                    .trim_start_matches(['得', '评'])
                    .trim_start_matches('分');
                let rest = rest.trim_end_matches('分').trim_start_matches('数');
                rest.is_empty() || rest.parse::<f64>().is_ok()
            }
            None => false,
        }
    })
}

fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::Text(t) => Some(t.clone()),
        _ => None,
    }
}

/// Finds the header: the first row with an ID or name column and at least one criterion (in the
/// same row, or in the row below when the criteria sit under a merged 评分项 cell).
fn layout(sheet: &Sheet, criteria: &[&str]) -> Option<Layout> {
    let mut rows: Vec<u32> = sheet.cells.iter().map(|c| c.row).collect();
    rows.dedup();
    for &row in &rows {
        let mut id_col = None;
        let mut name_col = None;
        let mut unit_col = None;
        for cell in sheet.row(row) {
            let Some(t) = text_of(&cell.value) else {
                continue;
            };
            let norm = normalize_label(&t);
            let slot = match header_of(&norm) {
                Some(Field::ProjectId) => &mut id_col,
                Some(Field::Name) => &mut name_col,
                Some(Field::Unit) => &mut unit_col,
                _ => continue,
            };
            slot.get_or_insert(cell.col);
        }
        if id_col.is_none() && name_col.is_none() {
            continue;
        }
        for header_end in [row, row + 1] {
            let mut columns = vec![None; criteria.len()];
            for cell in sheet.row(header_end) {
                if let Some(i) = text_of(&cell.value).and_then(|t| criterion_of(&t, criteria)) {
                    columns[i].get_or_insert(cell.col);
                }
            }
            if columns.iter().any(Option::is_some) {
                return Some(Layout {
                    header_end,
                    id_col,
                    name_col,
                    unit_col,
                    criteria: columns,
                });
            }
        }
    }
    None
}

/// The reviewer's name and the cell it is in (or where it should be), and whether a label was
/// found at all.
fn reviewer(sheet: &Sheet, header_end: u32) -> (Option<String>, Option<String>, bool) {
    let names = crate::model::Field::Reviewer.labels();
    let mut found_label = None;
    for cell in &sheet.cells {
        let Some(t) = text_of(&cell.value) else {
            continue;
        };
        if t.chars().count() > 40 {
            continue;
        }
        let norm = normalize_label(&t);
        if names.contains(&norm.as_str()) {
            // The nearest non-empty cell to the right that is not another label.
            let value = sheet
                .row(cell.row)
                .iter()
                .find(|c| c.col > cell.col)
                .filter(|c| !is_label_text(&c.value));
            if let Some(v) = value {
                let name = clean_name(&v.value.to_text());
                if !name.is_empty() {
                    return (Some(name), Some(sheet.address(v.row, v.col)), true);
                }
            }
            found_label.get_or_insert(sheet.address(cell.row, cell.col + 1));
            continue;
        }
        // `评审人：张三` typed into one cell.
        if let Some((left, right)) = t.split_once(['：', ':']) {
            if names.contains(&normalize_label(left).as_str()) && cell.row <= header_end {
                let name = clean_name(right);
                if !name.is_empty() {
                    return (Some(name), Some(sheet.address(cell.row, cell.col)), true);
                }
                found_label.get_or_insert(sheet.address(cell.row, cell.col));
            }
        }
    }
    let found = found_label.is_some();
    (None, found_label, found)
}

/// A cell that is a caption, not a name (`评审日期：`, `签名`).
fn is_label_text(v: &Value) -> bool {
    match v {
        Value::Text(t) => {
            let t = t.trim();
            t.ends_with(['：', ':'])
                || ["日期", "评审日期", "签名", "签字", "时间"]
                    .contains(&normalize_label(t).as_str())
        }
        _ => false,
    }
}

fn clean_name(s: &str) -> String {
    fold_width(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(['：', ':'])
        .to_owned()
}

/// A footer or caption in an ID or name cell (合计, 注：…, 评审人：…): no project.
fn is_note(t: &str) -> bool {
    NOT_PROJECTS.contains(&normalize_label(t).as_str())
        || t.starts_with("注")
        || t.starts_with("说明")
        || t.starts_with("备注")
        || t.starts_with("评审人")
        || t.starts_with("评委")
}

/// A sheet's table, row by row, below the header.
fn read_sheet(sheet: &Sheet, layout: &Layout) -> RawScoreSheet {
    let (reviewer, reviewer_cell, reviewer_labelled) = reviewer(sheet, layout.header_end);
    let mut rows = Vec::new();
    let last = sheet.cells.last().map_or(0, |c| c.row);
    for r in layout.header_end + 1..=last {
        if sheet.row(r).is_empty() {
            continue;
        }
        let text_at = |col: Option<u32>| -> Option<String> {
            let v = sheet.get(r, col?)?;
            let t = fold_width(&v.to_text());
            let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
            (!t.is_empty()).then_some(t)
        };
        let id = text_at(layout.id_col).map(|t| strip_spaces(&t));
        let name = text_at(layout.name_col);
        let id = id.filter(|t| t.chars().count() <= 20 && !is_note(t));
        let name = name.filter(|t| !is_note(t));
        let cell_col = match (&id, &name) {
            (Some(_), _) => layout.id_col.unwrap_or(0),
            (None, Some(_)) => layout.name_col.unwrap_or(0),
            (None, None) => continue,
        };
        let scores = layout
            .criteria
            .iter()
            .enumerate()
            .filter_map(|(criterion, col)| {
                let col = (*col)?;
                Some(RawScore {
                    criterion,
                    col,
                    cell: sheet.address(r, col),
                    value: sheet.get(r, col).cloned(),
                })
            })
            .collect();
        rows.push(RawScoreRow {
            row: r,
            project_id: id,
            name,
            unit: text_at(layout.unit_col),
            cell: sheet.address(r, cell_col),
            scores,
        });
    }
    RawScoreSheet {
        sheet: sheet.name.clone(),
        reviewer,
        reviewer_cell,
        reviewer_labelled,
        criteria: layout.criteria.iter().map(Option::is_some).collect(),
        rows,
    }
}

/// Every score table of a workbook, one per visible sheet whose header names a project column and
/// at least one of `criteria` (a workbook made with `scoresheet --reviewers 5` holds one per
/// reviewer), in sheet order. Empty when the workbook has none.
pub fn locate_all(book: &Workbook, criteria: &[&str]) -> Vec<RawScoreSheet> {
    book.sheets
        .iter()
        .filter(|s| s.visible)
        .filter_map(|s| layout(s, criteria).map(|l| read_sheet(s, &l)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_with_maxima() {
        let c = ["目标完成度", "创新性", "实际成效", "推广价值"];
        assert_eq!(criterion_of("创新性（20分）", &c), Some(1));
        assert_eq!(criterion_of("创新性20分", &c), Some(1));
        assert_eq!(criterion_of("创新性得分", &c), Some(1));
        assert_eq!(criterion_of("合计（100分）", &c), None);
    }

    /// The table's headers are the fields' labels from the catalogue, as on the forms (单位名称,
    /// 党组织名称), as well as the reviewers' short words (编号, 单位).
    #[test]
    fn headers_are_the_catalogues_labels() {
        assert_eq!(header_of("党组织名称"), Some(Field::Unit));
        assert_eq!(header_of("单位"), Some(Field::Unit));
        assert_eq!(header_of("编号"), Some(Field::ProjectId));
        assert_eq!(header_of("项目名称"), Some(Field::Name));
        assert_eq!(header_of("备注"), None);
        let text = |row, col, s: &str| crate::read::Cell {
            row,
            col,
            value: Value::Text(s.into()),
        };
        let sheet = Sheet::new(
            "评分表".into(),
            true,
            vec![
                text(0, 0, "单位名称"),
                text(0, 1, "项目名称"),
                text(0, 2, "创新性"),
                text(1, 0, "潘集区委"),
                text(1, 1, "红色网格"),
                text(1, 2, "18"),
            ],
        );
        let found = locate_all(
            &Workbook {
                sheets: vec![sheet],
            },
            &["创新性"],
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].rows.len(), 1);
    }
}
