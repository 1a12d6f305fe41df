//! Score sheets (评分表, SPEC §3.3) judged: [`crate::form::scores`] locates the reviewer and the
//! table of raw scores in the grid; this module checks each score against the policy's rubric
//! (0..max, blank → `W_NOT_SCORED`, otherwise `E_SCORE`), the reviewer, and duplicate rows, and
//! sums the valid scores itself (totals on the sheet are never read).

use std::collections::HashMap;

use serde::{Serialize, Serializer};

use super::{Code, Problem};
use crate::form::{self, scores::RawScoreRow, scores::RawScoreSheet};
use crate::model::Value;
use crate::policy::Policy;
use crate::read::{cell_name, Workbook};
use crate::say::problems as say;
use crate::text::{fold_width, identity_key, strip_spaces};

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
    /// Invalid scores (out of range, not a number, an Excel error) by criterion, as written: the
    /// ranking shows them as 无效分数 rather than as blanks.
    #[serde(skip)]
    pub invalid: Vec<(String, String)>,
}

impl ScoreRow {
    /// The project as a person names it in a message: the name, else the ID.
    pub fn label(&self) -> &str {
        self.name
            .as_deref()
            .or(self.project_id.as_deref())
            .unwrap_or("")
    }

    /// The invalid score of one criterion, as written (`25`, `优`, `#REF!`).
    pub fn invalid(&self, criterion: &str) -> Option<&str> {
        self.invalid
            .iter()
            .find(|(name, _)| name == criterion)
            .map(|(_, text)| text.as_str())
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

/// A located table judged into a [`ScoreSheet`], with its problems: every score within 0..max
/// (`E_SCORE`, `E_CELL_ERROR`), blanks (`W_NOT_SCORED`, per cell or per row), the reviewer
/// (`E_REQUIRED`), missing criteria, and the same project twice (`W_DUPLICATE`).
fn judge_sheet(raw: RawScoreSheet, policy: &Policy) -> (ScoreSheet, Vec<Problem>) {
    let mut problems = Vec::new();
    if raw.reviewer.is_none() {
        let message = match &raw.reviewer_cell {
            Some(cell) if raw.reviewer_labelled => {
                say::blank(crate::model::Field::Reviewer.label(), cell)
            }
            _ => say::no_label(crate::model::Field::Reviewer.label()),
        };
        problems.push(Problem::new(
            Code::E_REQUIRED,
            Some("reviewer"),
            raw.reviewer_cell.clone(),
            message,
        ));
    }
    for (c, present) in policy.rubric.iter().zip(&raw.criteria) {
        if !present {
            problems.push(Problem::new(
                Code::E_REQUIRED,
                Some(&c.name),
                None,
                say::missing_criterion(&c.name, c.max),
            ));
        }
    }
    let present = raw.criteria.iter().filter(|c| **c).count();
    let mut rows = Vec::new();
    let mut seen: HashMap<String, String> = HashMap::new();
    for row in raw.rows {
        let RawScoreRow {
            row: r,
            project_id: id,
            name,
            unit,
            cell,
            scores: cells,
        } = row;
        let shown = name.clone().or_else(|| id.clone()).unwrap_or_default();
        let mut scores = Vec::new();
        let mut invalid = Vec::new();
        let mut blanks = Vec::new();
        for score in &cells {
            let Some(c) = policy.rubric.get(score.criterion) else {
                continue;
            };
            let at = &score.cell;
            match &score.value {
                None => blanks.push((c.name.clone(), score)),
                Some(Value::Error(e)) => {
                    invalid.push((c.name.clone(), e.clone()));
                    problems.push(Problem::new(
                        Code::E_CELL_ERROR,
                        Some(&c.name),
                        Some(at.clone()),
                        say::score_cell_error(&shown, &c.name, e, at),
                    ))
                }
                Some(v) => match parse_score(v) {
                    Some(n) if (0.0..=c.max).contains(&n) => scores.push((c.name.clone(), n)),
                    Some(_) => {
                        invalid.push((c.name.clone(), v.to_text()));
                        problems.push(Problem::new(
                            Code::E_SCORE,
                            Some(&c.name),
                            Some(at.clone()),
                            say::score_out_of_range(&shown, &c.name, &v.to_text(), c.max, at),
                        ))
                    }
                    None => {
                        invalid.push((c.name.clone(), v.to_text()));
                        problems.push(Problem::new(
                            Code::E_SCORE,
                            Some(&c.name),
                            Some(at.clone()),
                            say::score_not_number(&shown, &c.name, &v.to_text(), c.max, at),
                        ))
                    }
                },
            }
        }
        match (blanks.first(), blanks.last()) {
            (Some((_, first)), Some((_, last))) if blanks.len() == present && present > 1 => {
                let range = format!(
                    "{}!{}:{}",
                    raw.sheet,
                    cell_name(r, first.col),
                    cell_name(r, last.col)
                );
                problems.push(Problem::new(
                    Code::W_NOT_SCORED,
                    None,
                    Some(range.clone()),
                    say::row_not_scored(&shown, &range),
                ));
            }
            _ => {
                for (criterion, score) in &blanks {
                    problems.push(Problem::new(
                        Code::W_NOT_SCORED,
                        Some(criterion),
                        Some(score.cell.clone()),
                        say::not_scored(&shown, criterion, &score.cell),
                    ));
                }
            }
        }
        let complete = scores.len() == policy.rubric.len();
        // The same project twice: the same ID, or (without IDs) the same unit and name.
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
            invalid,
        });
    }
    let sheet_out = ScoreSheet {
        reviewer: raw.reviewer,
        rows,
        sheet: raw.sheet,
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
    let criteria: Vec<&str> = policy.rubric.iter().map(|c| c.name.as_str()).collect();
    let mut out: Vec<(ScoreSheet, Vec<Problem>)> = form::scores::locate_all(book, &criteria)
        .into_iter()
        .map(|raw| judge_sheet(raw, policy))
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
    use crate::read::{Cell, Sheet};

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
