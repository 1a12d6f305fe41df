//! The ranking workbook (年度综合排名, SPEC §8): 综合排名, 评分明细, 单位排名, 总分图, 说明, and
//! 评分表问题 when the reviewers' sheets had problems. Tables go through the kit of
//! [`crate::xlsx`], scores as two-decimal columns.

use chrono::NaiveDate;
use rust_xlsxwriter::{
    Chart, ChartAxisCrossing, ChartDataLabel, ChartFont, ChartFormat, ChartSolidFill, Worksheet,
    XlsxError,
};

use super::input::ScoreFile;
use super::{kind_name, Entry, Project, Ranking, Use};
use crate::model::Value;
use crate::policy::Policy;
use crate::say::year_end as say;
use crate::xlsx::style::{self, GREEN, GREY, YELLOW};
use crate::xlsx::table::{count, notes, number as score, text, text_columns};
use crate::xlsx::{self, Column, Kind, Print, Row, Table};

pub use crate::say::year_end::{ABOUT, CHART, DETAILS, PROBLEMS, RANKING, UNITS};

/// Everything the year-end workbooks are written from.
pub struct YearEnd<'a> {
    /// The ledger's projects.
    pub projects: &'a [Project],
    /// Every reviewer row matched to a project.
    pub entries: &'a [Entry],
    /// The score files read, with their problems.
    pub files: &'a [ScoreFile],
    /// The result.
    pub ranking: &'a Ranking,
    /// The policy (rubric, bands, thresholds).
    pub policy: &'a Policy,
    /// The date the ranking is made (说明).
    pub date: NaiveDate,
    /// The projects left for a later year (unfinished, due later): named in 说明.
    pub later: &'a [Project],
}

impl YearEnd<'_> {
    fn project(&self, i: usize) -> Project {
        self.projects.get(i).cloned().unwrap_or_default()
    }

    fn title(&self, what: &str) -> String {
        say::title(self.policy.year, kind_name(self.policy), what)
    }
}

/// The header row: the rank sheet's first data row is 2 (title in row 0).
const HEADER: u32 = 1;

/// Writes the ranking workbook.
///
/// Errors: any [`XlsxError`] (none expected for valid input).
pub fn ranking_workbook(y: &YearEnd<'_>) -> Result<Vec<u8>, XlsxError> {
    let mut book = xlsx::workbook(&y.title(RANKING), None);
    let total_col = ranking(book.add_worksheet().set_name(RANKING)?, y)?;
    details(book.add_worksheet().set_name(DETAILS)?, y)?;
    units(book.add_worksheet().set_name(UNITS)?, y)?;
    chart(book.add_worksheet().set_name(CHART)?, y, total_col)?;
    about(book.add_worksheet().set_name(ABOUT)?, y)?;
    if y.files.iter().any(|f| !f.problems.is_empty()) {
        problems(book.add_worksheet().set_name(PROBLEMS)?, y)?;
    }
    book.save_to_buffer()
}

/// Criterion columns, headed on two lines (`创新性` / `（20分）`) so they stay narrow.
fn criteria_columns(policy: &Policy) -> Vec<Column> {
    policy
        .rubric
        .iter()
        .map(|c| Column::new(say::criterion_header(&c.name, c.max), Kind::Score))
        .collect()
}

/// Columns of `kind` from header texts.
fn columns(headers: &[&str], kind: Kind) -> Vec<Column> {
    headers.iter().map(|h| Column::new(*h, kind)).collect()
}

/// 综合排名; returns the column of 总分 (for the chart).
fn ranking(sheet: &mut Worksheet, y: &YearEnd<'_>) -> Result<u16, XlsxError> {
    let mut headers = vec![Column::new(say::PLACE, Kind::Count)];
    headers.extend(text_columns(say::RANKING_TEXT));
    // Short words and numbers: narrow, so the names keep their width on the page.
    headers.push(Column::text(say::RANKING_PROGRESS[0]).fixed(7.0));
    headers.push(Column::new(say::RANKING_PROGRESS[1], Kind::Percent).fixed(6.0));
    headers.push(Column::new(say::REVIEWERS, Kind::Count));
    headers.extend(criteria_columns(y.policy));
    let total_col = headers.len() as u16;
    headers.push(Column::new(say::TOTAL, Kind::Score));
    headers.extend(text_columns(say::RANKING_TAIL));
    let rows: Vec<Row> = y
        .ranking
        .scores
        .iter()
        .map(|s| {
            let p = y.project(s.project);
            let mut cells = vec![
                count(s.rank),
                text(p.id),
                text(p.unit),
                text(p.name),
                text(p.category),
                text(p.status_label),
                score(p.percent),
                count(Some(s.reviewers)),
            ];
            cells.extend(s.means.iter().map(|m| score(*m)));
            cells.push(score(s.total));
            cells.push(text(s.grade.clone().unwrap_or_default()));
            cells.push(text(s.note.clone()));
            let fill = match (s.rank, s.grade.as_deref()) {
                (None, _) => Some(GREY),
                (_, Some(g)) if Some(g) == top_grade(y.policy) => Some(GREEN),
                _ => None,
            };
            Row::filled(cells, fill)
        })
        .collect();
    let (mut headers, mut rows) = (headers, rows);
    crate::xlsx::table::retain_columns(&mut headers, &mut rows, |h| y.policy.shows(h));
    let total_col = headers
        .iter()
        .position(|c| c.header == say::TOTAL)
        .map_or(total_col, |c| c as u16);
    xlsx::title(sheet, 0, &y.title(RANKING), headers.len())?;
    Table::boxed(headers, 36.0).write(sheet, HEADER, &rows)?;
    Print::wide(HEADER).apply(sheet)?;
    Ok(total_col)
}

fn top_grade(policy: &Policy) -> Option<&str> {
    policy
        .ranking
        .grades
        .iter()
        .max_by(|a, b| a.min.total_cmp(&b.min))
        .map(|g| g.name.as_str())
}

/// 评分明细: every reviewer's row, by project (ledger order), dropped ones marked.
fn details(sheet: &mut Worksheet, y: &YearEnd<'_>) -> Result<(), XlsxError> {
    let mut headers = text_columns(say::DETAILS_TEXT);
    headers.extend(criteria_columns(y.policy));
    headers.push(Column::new(say::SUM, Kind::Score));
    headers.extend(text_columns(say::DETAILS_TAIL));
    let mut order: Vec<&super::ProjectScore> = y.ranking.scores.iter().collect();
    order.sort_by_key(|s| s.project);
    let mut rows = Vec::new();
    for s in order {
        let p = y.project(s.project);
        for (i, used) in &s.entries {
            let Some(e) = y.entries.get(*i) else { continue };
            let mut cells = vec![
                text(p.id.clone()),
                text(p.unit.clone()),
                text(p.name.clone()),
                text(e.reviewer.clone()),
            ];
            cells.extend(
                e.scores
                    .iter()
                    .enumerate()
                    .map(|(c, v)| match e.invalid_at(c) {
                        Some(written) => text(say::invalid_score(written)),
                        None => score(*v),
                    }),
            );
            cells.push(Value::Number(e.total()));
            let how = if *used == Use::Counted && !s.trimmed {
                say::USE_COUNTED
            } else {
                used.label()
            };
            cells.push(text(how));
            cells.push(text(e.source.clone()));
            let fill = match used {
                Use::Counted => None,
                Use::Incomplete | Use::Invalid => Some(YELLOW),
                Use::DroppedHigh | Use::DroppedLow => Some(GREY),
            };
            rows.push(Row::filled(cells, fill));
        }
    }
    xlsx::title(sheet, 0, &y.title(DETAILS), headers.len())?;
    Table::boxed(headers, 32.0).write(sheet, HEADER, &rows)?;
    if rows.is_empty() {
        sheet.write_string(HEADER + 1, 0, say::NO_SCORES)?;
    }
    Print::wide(HEADER).apply(sheet)?;
    Ok(())
}

fn units(sheet: &mut Worksheet, y: &YearEnd<'_>) -> Result<(), XlsxError> {
    let mut headers = vec![
        Column::new(say::PLACE, Kind::Count),
        Column::text(crate::model::Column::Unit.header()),
    ];
    headers.extend(columns(say::UNIT_COUNTS, Kind::Count));
    headers.push(Column::new(say::UNIT_MEAN, Kind::Score));
    headers.push(Column::text(say::BEST));
    headers.push(Column::new(say::BEST_TOTAL, Kind::Score));
    headers.push(Column::new(say::BEST_PLACE, Kind::Count));
    let rows: Vec<Row> = y
        .ranking
        .units
        .iter()
        .map(|u| {
            let best = u.best.and_then(|i| y.ranking.scores.get(i));
            let name = best.map(|b| y.project(b.project).name).unwrap_or_default();
            let cells = vec![
                count(u.rank),
                text(u.unit.clone()),
                count(Some(u.projects)),
                count(Some(u.ranked)),
                score(u.mean),
                text(name),
                score(best.and_then(|b| b.total)),
                count(best.and_then(|b| b.rank)),
            ];
            Row::filled(cells, u.rank.is_none().then_some(GREY))
        })
        .collect();
    xlsx::title(sheet, 0, &y.title(UNITS), headers.len())?;
    Table::boxed(headers, 36.0).write(sheet, HEADER, &rows)?;
    let note = HEADER + 2 + rows.len() as u32;
    sheet.write_string(note, 0, say::UNITS_NOTE)?;
    Print::wide(HEADER).apply(sheet)?;
    Ok(())
}

/// A horizontal bar chart of the ranked projects' totals, first place on top.
fn chart(sheet: &mut Worksheet, y: &YearEnd<'_>, total_col: u16) -> Result<(), XlsxError> {
    let ranked = y.ranking.scores.iter().filter(|s| s.rank.is_some()).count() as u32;
    if ranked == 0 {
        sheet.write_string(0, 0, say::NO_CHART)?;
        return Ok(());
    }
    let (first, last) = (HEADER + 1, HEADER + ranked);
    let font = ChartFont::new().set_name(style::FONT).clone();
    let mut chart = Chart::new_bar();
    chart
        .add_series()
        .set_name(say::TOTAL)
        .set_categories((RANKING, first, 3, last, 3))
        .set_values((RANKING, first, total_col, last, total_col))
        .set_format(ChartFormat::new().set_solid_fill(ChartSolidFill::new().set_color(0x5B9BD5)))
        .set_data_label(ChartDataLabel::new().show_value().set_num_format("0.00"))
        .set_gap(40);
    chart.title().set_name(&y.title(say::CHART_TITLE)).set_font(
        ChartFont::new()
            .set_name(style::FONT)
            .set_bold()
            .set_size(14),
    );
    // First place on top, the value axis kept at the bottom.
    chart
        .y_axis()
        .set_reverse()
        .set_crossing(ChartAxisCrossing::Max)
        .set_font(&font);
    chart
        .x_axis()
        .set_name(say::TOTAL)
        .set_name_font(&font)
        .set_font(&font)
        .set_min(0)
        .set_max(100.0f64.max(y.policy.rubric.iter().map(|c| c.max).sum()));
    chart.legend().set_hidden();
    chart
        .set_width(960)
        .set_height((ranked * 30 + 140).clamp(360, 2000));
    sheet.insert_chart(0, 0, &chart)?;
    Print::one_page(false).apply(sheet)
}

/// The grade bands as 说明 states them, highest first: `优秀：总分不低于 90 分` …; the lowest band,
/// when it takes every total (its minimum is 0 or less), is stated by the band above it:
/// `不合格：总分低于 60 分`.
pub fn grade_lines(p: &Policy) -> Vec<String> {
    let mut bands: Vec<_> = p.ranking.grades.iter().collect();
    bands.sort_by(|a, b| b.min.total_cmp(&a.min));
    let last = bands.len().saturating_sub(1);
    bands
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let below = (i == last && i > 0 && g.min <= 0.0).then(|| bands[i - 1].min);
            say::grade_line(&g.name, g.min, below)
        })
        .collect()
}

fn about(sheet: &mut Worksheet, y: &YearEnd<'_>) -> Result<(), XlsxError> {
    let p = y.policy;
    let full: f64 = p.rubric.iter().map(|c| c.max).sum();
    let rubric = p
        .rubric
        .iter()
        .map(|c| say::rubric_line(&c.name, c.max))
        .collect::<Vec<_>>()
        .join("\n");
    let grades = grade_lines(p).join("\n");
    let reviewers = super::input::reviewers(y.entries);
    let method = say::method(p.ranking.trim_min_reviewers, p.ranking.min_reviewers);
    let errors: usize = y
        .files
        .iter()
        .map(|f| f.count(crate::rules::Severity::Error))
        .sum();
    let warnings: usize = y
        .files
        .iter()
        .map(|f| f.count(crate::rules::Severity::Warning))
        .sum();
    let rows = say::about(
        p.year,
        &rubric,
        full,
        method,
        grades,
        &reviewers,
        y.files.iter().filter(|f| f.read).count(),
        errors,
        warnings,
        y.date.format("%Y-%m-%d").to_string(),
    );
    let mut rows = Vec::from(rows);
    if !y.later.is_empty() {
        let listed: Vec<String> = y
            .later
            .iter()
            .map(|p| {
                let due = p.deadline.map(|d| d.to_string()).unwrap_or_default();
                say::later_project(&p.id, &p.name, &p.unit, &due)
            })
            .collect();
        rows.push((say::LATER, say::later_projects(&listed)));
    }
    notes(sheet, rows, 80.0)?;
    Print::narrow(0).apply(sheet)
}

fn problems(sheet: &mut Worksheet, y: &YearEnd<'_>) -> Result<(), XlsxError> {
    let rows: Vec<Row> = y
        .files
        .iter()
        .flat_map(|f| {
            f.problems.iter().map(move |p| {
                let fill = match p.severity {
                    crate::rules::Severity::Error => style::RED,
                    crate::rules::Severity::Warning => style::YELLOW,
                };
                let cells = vec![
                    text(f.file_name()),
                    text(p.severity.label()),
                    text(p.code.as_str()),
                    text(p.cell.clone().unwrap_or_default()),
                    text(p.message.clone()),
                ];
                Row::filled(cells, Some(fill))
            })
        })
        .collect();
    let headers = text_columns(say::PROBLEM_HEADERS);
    Table::boxed(headers, 60.0).write(sheet, 0, &rows)?;
    Print::wide(0).apply(sheet)
}

#[cfg(test)]
mod tests {
    use super::grade_lines;
    use crate::policy::Policy;

    #[test]
    fn the_lowest_band_is_said_as_below_the_band_above() {
        let p = Policy::preset("innovation").unwrap();
        assert_eq!(
            grade_lines(&p),
            [
                "优秀：总分不低于 90 分",
                "良好：总分不低于 80 分",
                "合格：总分不低于 60 分",
                "不合格：总分低于 60 分",
            ]
        );
    }

    #[test]
    fn a_lowest_band_above_zero_keeps_its_minimum() {
        let mut p = Policy::preset("innovation").unwrap();
        p.ranking.grades.retain(|g| g.min > 0.0);
        assert_eq!(grade_lines(&p).last().unwrap(), "合格：总分不低于 60 分");
        p.ranking.grades.truncate(0);
        p.ranking.grades.push(crate::policy::Grade {
            min: 0.0,
            name: "合格".into(),
        });
        assert_eq!(grade_lines(&p), ["合格：总分不低于 0 分"]);
    }
}
