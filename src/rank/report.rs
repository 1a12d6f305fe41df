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
use crate::text::number_text;
use crate::xlsx::style::{self, GREEN, GREY, YELLOW};
use crate::xlsx::table::{count, notes, number as score, text, text_columns};
use crate::xlsx::{self, Column, Kind, Print, Row, Table};

/// Sheet names (the contract of SPEC §8).
pub const RANKING: &str = "综合排名";
/// Every reviewer's raw scores.
pub const DETAILS: &str = "评分明细";
/// Units by mean total.
pub const UNITS: &str = "单位排名";
/// The bar chart of totals.
pub const CHART: &str = "总分图";
/// Rubric and method.
pub const ABOUT: &str = "说明";
/// Problems found in the score sheets.
pub const PROBLEMS: &str = "评分表问题";

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
}

impl YearEnd<'_> {
    fn project(&self, i: usize) -> Project {
        self.projects.get(i).cloned().unwrap_or_default()
    }

    fn title(&self, what: &str) -> String {
        format!("{}年度{}{what}", self.policy.year, kind_name(self.policy))
    }
}

/// The header row: the rank sheet's first data row is 2 (title in row 0).
const HEADER: u32 = 1;

/// Writes the ranking workbook.
///
/// Errors: any [`XlsxError`] (none expected for valid input).
pub fn ranking_workbook(y: &YearEnd<'_>) -> Result<Vec<u8>, XlsxError> {
    let mut book = xlsx::workbook(&y.title("综合排名"), None);
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
        .map(|c| {
            let header = format!("{}\n（{}分）", c.name, number_text(c.max));
            Column::new(header, Kind::Score)
        })
        .collect()
}

/// Columns of `kind` from header texts.
fn columns(headers: &[&str], kind: Kind) -> Vec<Column> {
    headers.iter().map(|h| Column::new(*h, kind)).collect()
}

/// 综合排名; returns the column of 总分 (for the chart).
fn ranking(sheet: &mut Worksheet, y: &YearEnd<'_>) -> Result<u16, XlsxError> {
    let mut headers = vec![Column::new("排名", Kind::Count)];
    headers.extend(text_columns(&[
        "项目编号",
        "申报单位",
        "项目名称",
        "项目类别",
    ]));
    headers.push(Column::new("评委人数", Kind::Count));
    headers.extend(criteria_columns(y.policy));
    let total_col = headers.len() as u16;
    headers.push(Column::new("总分", Kind::Score));
    headers.extend(text_columns(&["等次", "备注"]));
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
    xlsx::title(sheet, 0, &y.title("综合排名"), headers.len())?;
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
    let mut headers = text_columns(&["项目编号", "申报单位", "项目名称", "评审人"]);
    headers.extend(criteria_columns(y.policy));
    headers.push(Column::new("合计", Kind::Score));
    headers.extend(text_columns(&["计分情况", "来源文件"]));
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
            cells.extend(e.scores.iter().map(|v| score(*v)));
            cells.push(Value::Number(e.total()));
            let how = if *used == Use::Counted && !s.trimmed {
                "计入".to_owned()
            } else {
                used.label().to_owned()
            };
            cells.push(text(how));
            cells.push(text(e.source.clone()));
            let fill = match used {
                Use::Counted => None,
                Use::Incomplete => Some(YELLOW),
                Use::DroppedHigh | Use::DroppedLow => Some(GREY),
            };
            rows.push(Row::filled(cells, fill));
        }
    }
    xlsx::title(sheet, 0, &y.title("评分明细"), headers.len())?;
    Table::boxed(headers, 32.0).write(sheet, HEADER, &rows)?;
    if rows.is_empty() {
        sheet.write_string(HEADER + 1, 0, "没有读到任何评分。")?;
    }
    Print::wide(HEADER).apply(sheet)?;
    Ok(())
}

fn units(sheet: &mut Worksheet, y: &YearEnd<'_>) -> Result<(), XlsxError> {
    let mut headers = vec![Column::new("排名", Kind::Count), Column::text("申报单位")];
    headers.extend(columns(&["项目数", "参加排名项目数"], Kind::Count));
    headers.push(Column::new("平均总分", Kind::Score));
    headers.push(Column::text("最好项目"));
    headers.push(Column::new("最好项目总分", Kind::Score));
    headers.push(Column::new("最好项目排名", Kind::Count));
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
    xlsx::title(sheet, 0, &y.title("单位排名"), headers.len())?;
    Table::boxed(headers, 36.0).write(sheet, HEADER, &rows)?;
    let note = HEADER + 2 + rows.len() as u32;
    sheet.write_string(
        note,
        0,
        "平均总分：本单位参加排名的项目总分的平均值；没有项目参加排名的单位不排名。",
    )?;
    Print::wide(HEADER).apply(sheet)?;
    Ok(())
}

/// A horizontal bar chart of the ranked projects' totals, first place on top.
fn chart(sheet: &mut Worksheet, y: &YearEnd<'_>, total_col: u16) -> Result<(), XlsxError> {
    let ranked = y.ranking.scores.iter().filter(|s| s.rank.is_some()).count() as u32;
    if ranked == 0 {
        sheet.write_string(0, 0, "没有参加排名的项目，无法绘制图表。")?;
        return Ok(());
    }
    let (first, last) = (HEADER + 1, HEADER + ranked);
    let font = ChartFont::new().set_name(style::FONT).clone();
    let mut chart = Chart::new_bar();
    chart
        .add_series()
        .set_name("总分")
        .set_categories((RANKING, first, 3, last, 3))
        .set_values((RANKING, first, total_col, last, total_col))
        .set_format(ChartFormat::new().set_solid_fill(ChartSolidFill::new().set_color(0x5B9BD5)))
        .set_data_label(ChartDataLabel::new().show_value().set_num_format("0.00"))
        .set_gap(40);
    chart.title().set_name(&y.title("总分（按排名）")).set_font(
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
        .set_name("总分")
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

fn about(sheet: &mut Worksheet, y: &YearEnd<'_>) -> Result<(), XlsxError> {
    let p = y.policy;
    let full: f64 = p.rubric.iter().map(|c| c.max).sum();
    let rubric = p
        .rubric
        .iter()
        .map(|c| format!("{}：{} 分", c.name, number_text(c.max)))
        .collect::<Vec<_>>()
        .join("\n");
    let mut bands: Vec<_> = p.ranking.grades.iter().collect();
    bands.sort_by(|a, b| b.min.total_cmp(&a.min));
    let grades = bands
        .iter()
        .map(|g| format!("{}：总分不低于 {} 分", g.name, number_text(g.min)))
        .collect::<Vec<_>>()
        .join("\n");
    let reviewers = super::input::reviewers(y.entries);
    let method = format!(
        "每位评委对各评分项打分，系统按各项分数重新计算每位评委的合计分（不采用评分表上的“合计”）。\
         某位评委对某项目有一项未评分或分数无效的，该评委对该项目的评分不计入。\
         评委达到 {trim} 人的项目，去掉一个最高分和一个最低分（按评委合计分，合计分相同时去掉先读到的一份），\
         被去掉的评委的各项分数一并不计；其余评委各项分数和合计分的平均值即为该项目的各项得分和总分。\
         平均值保留两位小数，第三位四舍五入（按十进制数值计算，如 85.325 记为 85.33）。\
         评委少于 {min} 人的项目列出但不参加排名。按总分从高到低排名，总分相同的名次相同（如 1、2、2、4）。",
        trim = p.ranking.trim_min_reviewers,
        min = p.ranking.min_reviewers,
    );
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
    let rows = [
        ("年度", format!("{} 年", p.year)),
        (
            "评分标准",
            format!("{rubric}\n满分：{} 分", number_text(full)),
        ),
        ("计算方法", method),
        ("等次", grades),
        (
            "评委",
            format!("共 {} 人：{}", reviewers.len(), reviewers.join("、")),
        ),
        (
            "评分表",
            format!(
                "共读取 {} 个文件；发现错误 {errors} 处、提醒 {warnings} 处{}",
                y.files.iter().filter(|f| f.read).count(),
                if errors + warnings > 0 {
                    "（见“评分表问题”）"
                } else {
                    ""
                }
            ),
        ),
        ("生成日期", y.date.format("%Y-%m-%d").to_string()),
    ];
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
    let headers = text_columns(&["文件", "类型", "代码", "单元格", "问题"]);
    Table::boxed(headers, 60.0).write(sheet, 0, &rows)?;
    Print::wide(0).apply(sheet)
}
