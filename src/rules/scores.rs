//! Score sheets (评分表, SPEC §3.3): a reviewer's name and a table of scores, read from the grid.
//!
//! A score sheet is a table, not label/value pairs: the header row is found by its words (项目编号
//! and/or 项目名称, and at least one rubric criterion, possibly titled `创新性（20分）`), and each
//! later row with a project ID or name is one project. Reviewers rearrange the sheet they were sent
//! (columns moved, extra 序号 / 合计 / 备注 columns, projects by name only), so nothing depends on
//! positions. Totals on the sheet are never read: taizhang adds the scores itself.

use std::collections::HashMap;

use serde::{Serialize, Serializer};

use super::{say, Code, Problem};
use crate::model::Value;
use crate::policy::Policy;
use crate::read::{cell_name, Sheet, Workbook};
use crate::text::{fold_width, identity_key, normalize_label, strip_spaces};

/// One reviewer's score sheet, as understood.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreSheet {
    /// The reviewer's name (评审人), or `null` when the cell is blank or missing.
    pub reviewer: Option<String>,
    /// One row per project, in sheet order.
    pub rows: Vec<ScoreRow>,
    /// The sheet the table is on.
    #[serde(skip)]
    pub sheet: String,
}

/// One project's scores from one reviewer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreRow {
    /// 项目编号 as written (half-width, no spaces), when the sheet has the column and it is filled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    /// 项目名称 as written, when the sheet has the column and it is filled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Valid scores by criterion, in rubric order; a blank or invalid score is absent.
    #[serde(serialize_with = "scores_map")]
    pub scores: Vec<(String, f64)>,
    /// The sum of the valid scores (taizhang's, never the sheet's 合计).
    #[serde(serialize_with = "plain_number")]
    pub total: f64,
    /// 申报单位 as written, when the sheet has it: tells apart two projects of the same name.
    #[serde(skip)]
    pub unit: Option<String>,
    /// The cell that names the project (ID, else name), for messages.
    #[serde(skip)]
    pub cell: String,
    /// Every criterion has a valid score: only such rows count in a ranking.
    #[serde(skip)]
    pub complete: bool,
    /// The same project appears earlier on this sheet: this row is reported and not counted.
    #[serde(skip)]
    pub duplicate: bool,
}

impl ScoreRow {
    /// The project as a person names it in a message: the name, else the ID.
    pub fn label(&self) -> &str {
        self.name
            .as_deref()
            .or(self.project_id.as_deref())
            .unwrap_or("")
    }

    /// The valid score of one criterion.
    pub fn score(&self, criterion: &str) -> Option<f64> {
        self.scores
            .iter()
            .find(|(name, _)| name == criterion)
            .map(|(_, n)| *n)
    }
}

/// Writes `{"创新性": 18, …}` in rubric order.
fn scores_map<S: Serializer>(scores: &[(String, f64)], s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = s.serialize_map(Some(scores.len()))?;
    for (name, n) in scores {
        map.serialize_entry(name, &Plain(*n))?;
    }
    map.end()
}

/// A number as typed: `18`, not `18.0`.
fn plain_number<S: Serializer>(n: &f64, s: S) -> Result<S::Ok, S::Error> {
    Plain(*n).serialize(s)
}

struct Plain(f64);

impl Serialize for Plain {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0.fract() == 0.0 && self.0.abs() < 1e15 {
            s.serialize_i64(self.0 as i64)
        } else {
            s.serialize_f64(self.0)
        }
    }
}

/// Sums scores exactly to four decimals (a sum of typed decimals such as 17.3 + 18.1 must read
/// 35.4, not 35.400000000000006).
pub fn exact_sum(values: impl IntoIterator<Item = f64>) -> f64 {
    let units: i64 = values
        .into_iter()
        .map(|v| (v * 10_000.0).round() as i64)
        .sum();
    units as f64 / 10_000.0
}

/// Header words of the project ID column.
const ID_HEADERS: &[&str] = &["项目编号", "编号", "项目代码"];
/// Header words of the project name column.
const NAME_HEADERS: &[&str] = &["项目名称", "名称"];
/// Header words of the unit column.
const UNIT_HEADERS: &[&str] = &["申报单位", "单位", "单位名称", "填报单位", "报送单位"];
/// Texts in a name cell that are no project (a footer row).
const NOT_PROJECTS: &[&str] = &["合计", "总计", "平均", "平均分", "小计"];

/// Where the table is on a sheet.
struct Layout {
    /// Last header row (the table body starts below it).
    header_end: u32,
    id_col: Option<u32>,
    name_col: Option<u32>,
    unit_col: Option<u32>,
    /// Per rubric criterion, its column (None: the sheet lacks it).
    criteria: Vec<Option<u32>>,
}

/// The rubric criterion a header cell names: `创新性`, `创新性（20分）`, `创新性20分`, `创新性得分`.
fn criterion_of(header: &str, policy: &Policy) -> Option<usize> {
    let norm = normalize_label(header);
    policy.rubric.iter().position(|c| {
        let name = normalize_label(&c.name);
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
fn layout(sheet: &Sheet, policy: &Policy) -> Option<Layout> {
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
            let slot = if ID_HEADERS.contains(&norm.as_str()) {
                &mut id_col
            } else if NAME_HEADERS.contains(&norm.as_str()) {
                &mut name_col
            } else if UNIT_HEADERS.contains(&norm.as_str()) {
                &mut unit_col
            } else {
                continue;
            };
            slot.get_or_insert(cell.col);
        }
        if id_col.is_none() && name_col.is_none() {
            continue;
        }
        for header_end in [row, row + 1] {
            let mut criteria = vec![None; policy.rubric.len()];
            for cell in sheet.row(header_end) {
                if let Some(i) = text_of(&cell.value).and_then(|t| criterion_of(&t, policy)) {
                    criteria[i].get_or_insert(cell.col);
                }
            }
            if criteria.iter().any(Option::is_some) {
                return Some(Layout {
                    header_end,
                    id_col,
                    name_col,
                    unit_col,
                    criteria,
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

/// A score as the reviewer typed it: a number, or text such as `18`, `１８`, `18分`.
fn parse_score(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => Some(*n),
        Value::Text(t) => strip_spaces(&fold_width(t))
            .trim_end_matches('分')
            .parse::<f64>()
            .ok(),
        _ => None,
    }
    .filter(|n| n.is_finite())
}

/// A sheet's table read into a [`ScoreSheet`], with its problems.
fn read_sheet(sheet: &Sheet, layout: &Layout, policy: &Policy) -> (ScoreSheet, Vec<Problem>) {
    let mut problems = Vec::new();
    let (reviewer, reviewer_cell, labelled) = reviewer(sheet, layout.header_end);
    if reviewer.is_none() {
        let message = match &reviewer_cell {
            Some(cell) if labelled => say::blank("评审人", cell),
            _ => say::no_label("评审人"),
        };
        problems.push(Problem::new(
            Code::E_REQUIRED,
            Some("reviewer"),
            reviewer_cell,
            message,
        ));
    }
    for (i, col) in layout.criteria.iter().enumerate() {
        if col.is_none() {
            let c = &policy.rubric[i];
            problems.push(Problem::new(
                Code::E_REQUIRED,
                Some(&c.name),
                None,
                say::missing_criterion(&c.name, c.max),
            ));
        }
    }
    let mut rows = Vec::new();
    let mut seen: HashMap<String, String> = HashMap::new();
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
        let is_note = |t: &str| {
            NOT_PROJECTS.contains(&normalize_label(t).as_str())
                || t.starts_with("注")
                || t.starts_with("说明")
                || t.starts_with("备注")
                || t.starts_with("评审人")
                || t.starts_with("评委")
        };
        let id = id.filter(|t| t.chars().count() <= 20 && !is_note(t));
        let name = name.filter(|t| !is_note(t));
        if id.is_none() && name.is_none() {
            continue;
        }
        let (cell_col, label) = match (&id, &name) {
            (Some(id), _) => (layout.id_col.unwrap_or(0), id.clone()),
            (None, Some(n)) => (layout.name_col.unwrap_or(0), n.clone()),
            (None, None) => continue,
        };
        let shown = name.clone().unwrap_or_else(|| label.clone());
        let cell = sheet.address(r, cell_col);
        let mut scores = Vec::new();
        let mut blanks = Vec::new();
        for (i, col) in layout.criteria.iter().enumerate() {
            let Some(col) = *col else { continue };
            let c = &policy.rubric[i];
            let at = sheet.address(r, col);
            match sheet.get(r, col) {
                None => blanks.push((c.name.clone(), col)),
                Some(Value::Error(e)) => problems.push(Problem::new(
                    Code::E_CELL_ERROR,
                    Some(&c.name),
                    Some(at.clone()),
                    say::score_cell_error(&shown, &c.name, e, &at),
                )),
                Some(v) => match parse_score(v) {
                    Some(n) if (0.0..=c.max).contains(&n) => scores.push((c.name.clone(), n)),
                    Some(_) => problems.push(Problem::new(
                        Code::E_SCORE,
                        Some(&c.name),
                        Some(at.clone()),
                        say::score_out_of_range(&shown, &c.name, &v.to_text(), c.max, &at),
                    )),
                    None => problems.push(Problem::new(
                        Code::E_SCORE,
                        Some(&c.name),
                        Some(at.clone()),
                        say::score_not_number(&shown, &c.name, &v.to_text(), c.max, &at),
                    )),
                },
            }
        }
        let present = layout.criteria.iter().filter(|c| c.is_some()).count();
        if !blanks.is_empty() && blanks.len() == present && present > 1 {
            let (first, last) = (blanks[0].1, blanks[blanks.len() - 1].1);
            let range = format!(
                "{}!{}:{}",
                sheet.name,
                cell_name(r, first),
                cell_name(r, last)
            );
            problems.push(Problem::new(
                Code::W_NOT_SCORED,
                None,
                Some(range.clone()),
                say::row_not_scored(&shown, &range),
            ));
        } else {
            for (criterion, col) in &blanks {
                let at = sheet.address(r, *col);
                problems.push(Problem::new(
                    Code::W_NOT_SCORED,
                    Some(criterion),
                    Some(at.clone()),
                    say::not_scored(&shown, criterion, &at),
                ));
            }
        }
        let complete = scores.len() == policy.rubric.len();
        // The same project twice: the same ID, or (without IDs) the same unit and name.
        let unit = text_at(layout.unit_col);
        let key = match (&id, &name) {
            (Some(id), _) => format!("id\u{1}{id}"),
            (None, n) => format!(
                "name\u{1}{}\u{1}{}",
                identity_key(unit.as_deref().unwrap_or("")),
                identity_key(n.as_deref().unwrap_or(""))
            ),
        };
        let duplicate = match seen.get(&key) {
            Some(first) => {
                problems.push(Problem::new(
                    Code::W_DUPLICATE,
                    None,
                    Some(cell.clone()),
                    say::duplicate_score_row(&shown, first, &cell),
                ));
                true
            }
            None => {
                seen.insert(key, cell.clone());
                false
            }
        };
        let total = exact_sum(scores.iter().map(|(_, n)| *n));
        rows.push(ScoreRow {
            project_id: id,
            name,
            scores,
            total,
            unit,
            cell,
            complete,
            duplicate,
        });
    }
    let sheet_out = ScoreSheet {
        reviewer,
        rows,
        sheet: sheet.name.clone(),
    };
    (sheet_out, problems)
}

/// True when a sheet holds something a reviewer filled in (a name or any score).
fn is_filled(s: &ScoreSheet) -> bool {
    s.reviewer.is_some() || s.rows.iter().any(|r| !r.scores.is_empty())
}

/// Every score table of a workbook: one per visible sheet that has a score table header (a
/// workbook made with `scoresheet --reviewers 5` holds one per reviewer). Sheets nobody filled in
/// (no reviewer, no score) are left out when another sheet was filled in.
///
/// Errors: a workbook with no score table at all, as an `E_UNKNOWN_FORM` problem.
pub fn read_all(
    book: &Workbook,
    policy: &Policy,
) -> Result<Vec<(ScoreSheet, Vec<Problem>)>, Problem> {
    let mut out: Vec<(ScoreSheet, Vec<Problem>)> = book
        .sheets
        .iter()
        .filter(|s| s.visible)
        .filter_map(|s| layout(s, policy).map(|l| read_sheet(s, &l, policy)))
        .collect();
    if out.is_empty() {
        return Err(Problem::file(Code::E_UNKNOWN_FORM, say::no_score_table()));
    }
    if out.iter().any(|(s, _)| is_filled(s)) {
        out.retain(|(s, _)| is_filled(s));
    } else {
        out.truncate(1);
    }
    Ok(out)
}

/// Reads a score sheet (SPEC §3.3) for `check`: the first filled-in score table as the record, and
/// the problems of every filled-in table of the workbook (their cells say which sheet).
///
/// Errors: a workbook with no score table, as an `E_UNKNOWN_FORM` problem.
pub fn read_scores(
    book: &Workbook,
    policy: &Policy,
) -> Result<(ScoreSheet, Vec<Problem>), Problem> {
    let mut all = read_all(book, policy)?.into_iter();
    let Some((first, mut problems)) = all.next() else {
        return Err(Problem::file(Code::E_UNKNOWN_FORM, say::no_score_table()));
    };
    for (_, more) in all {
        problems.extend(more);
    }
    Ok((first, problems))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::Cell;

    fn t(row: u32, col: u32, s: &str) -> Cell {
        Cell {
            row,
            col,
            value: Value::Text(s.into()),
        }
    }

    fn n(row: u32, col: u32, v: f64) -> Cell {
        Cell {
            row,
            col,
            value: Value::Number(v),
        }
    }

    fn book(cells: Vec<Cell>) -> Workbook {
        Workbook {
            sheets: vec![Sheet::new("评分表".into(), true, cells)],
        }
    }

    fn policy() -> Policy {
        Policy::preset("innovation").unwrap()
    }

    #[test]
    fn headers_with_maxima_and_rearranged_columns() {
        let p = policy();
        assert_eq!(criterion_of("创新性（20分）", &p), Some(1));
        assert_eq!(criterion_of("创新性20分", &p), Some(1));
        assert_eq!(criterion_of("创新性得分", &p), Some(1));
        assert_eq!(criterion_of("合计（100分）", &p), None);
        let cells = vec![
            t(0, 0, "2018年度评分表"),
            t(1, 0, "评委："),
            t(1, 1, "王 芳"),
            t(2, 0, "备注"),
            t(2, 1, "推广价值"),
            t(2, 2, "项目名称"),
            t(2, 3, "实际成效（30分）"),
            t(2, 4, "目标完成度"),
            t(2, 5, "创新性"),
            t(3, 0, "好"),
            n(3, 1, 18.0),
            t(3, 2, "红色网格"),
            n(3, 3, 27.0),
            t(3, 4, "28"),
            n(3, 5, 17.5),
            t(4, 2, "先锋驿站"),
            n(4, 1, 15.0),
            n(4, 3, 31.0),
            n(4, 4, 20.0),
        ];
        let (s, problems) = read_scores(&book(cells), &p).unwrap();
        assert_eq!(s.reviewer.as_deref(), Some("王 芳"));
        assert_eq!(s.rows.len(), 2);
        let r = &s.rows[0];
        assert_eq!(r.name.as_deref(), Some("红色网格"));
        assert_eq!(r.total, 90.5);
        assert!(r.complete);
        assert_eq!(r.scores[0], ("目标完成度".to_owned(), 28.0));
        let codes: Vec<(Code, Option<&str>)> = problems
            .iter()
            .map(|p| (p.code, p.cell.as_deref()))
            .collect();
        assert!(
            codes.contains(&(Code::E_SCORE, Some("评分表!D5"))),
            "{codes:?}"
        );
        assert!(
            codes.contains(&(Code::W_NOT_SCORED, Some("评分表!F5"))),
            "{codes:?}"
        );
        assert!(!s.rows[1].complete);
        let json = serde_json::to_value(&s).unwrap();
        assert_eq!(json["rows"][0]["scores"]["创新性"], 17.5);
        assert_eq!(json["rows"][1]["total"], 35);
    }

    #[test]
    fn no_table_and_no_reviewer() {
        let p = policy();
        let err = read_scores(&book(vec![t(0, 0, "评分表")]), &p).unwrap_err();
        assert_eq!(err.code, Code::E_UNKNOWN_FORM);
        let cells = vec![
            t(0, 0, "项目编号"),
            t(0, 1, "创新性"),
            t(1, 0, "2018-001"),
            n(1, 1, 20.0),
            t(2, 0, "2018-001"),
            n(2, 1, 19.0),
        ];
        let (s, problems) = read_scores(&book(cells), &p).unwrap();
        assert_eq!(s.reviewer, None);
        let required = problems
            .iter()
            .filter(|p| p.code == Code::E_REQUIRED)
            .count();
        // no reviewer + three criteria missing
        assert_eq!(required, 4);
        assert!(s.rows[1].duplicate && !s.rows[0].duplicate);
        assert!(problems.iter().any(|p| p.code == Code::W_DUPLICATE));
    }

    #[test]
    fn sums_are_exact_decimals() {
        assert_eq!(exact_sum([17.3, 18.1]), 35.4);
        assert_eq!(exact_sum([0.1, 0.2]), 0.3);
    }
}
