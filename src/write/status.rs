//! The monthly status workbook (月度进度汇总, SPEC §7): 进度总览, 督办清单, 单位汇总, 图表, 说明.
//!
//! Colour only where it means something: a row or count is filled by status (逾期 red, 滞后 yellow,
//! 未报送 light orange, 已完成 green); on-schedule rows stay white. The 督办清单 is printed and sent,
//! so it is plain, A4 landscape, one page wide, with its header repeated on every page.

use chrono::NaiveDate;
use rust_xlsxwriter::{
    Chart, ChartFont, ChartFormat, ChartLegendPosition, ChartSolidFill, ChartType, Color,
    DocProperties, Format, FormatAlign, Workbook, Worksheet, XlsxError,
};

use super::style::{self, Widths};
use crate::ledger::schedule::Status;
use crate::ledger::status::{MonthlyStatus, ProjectStatus};

const OVERVIEW: &str = "进度总览";
const CHASE: &str = "督办清单";
const UNITS: &str = "单位汇总";
const CHART: &str = "图表";
const ABOUT: &str = "说明";

const OVERVIEW_HEADERS: &[&str] = &[
    "项目编号",
    "申报单位",
    "项目名称",
    "类别",
    "责任人",
    "开始时间",
    "完成时间",
    "计划进度",
    "实际进度",
    "差距（百分点）",
    "最近报告期",
    "报送情况",
    "状态",
    "督办事由",
];
const CHASE_HEADERS: &[&str] = &[
    "序号",
    "申报单位",
    "项目编号",
    "项目名称",
    "责任人",
    "职务",
    "联系电话",
    "单位联系人",
    "督办事由",
];
const UNIT_HEADERS: &[&str] = &[
    "申报单位",
    "单位类型",
    "项目数",
    "已立项",
    "推进中",
    "滞后",
    "逾期",
    "已完成",
    "未报送",
    "配额要求",
    "是否符合",
    "联系人",
    "联系邮箱",
];
/// The column of 已立项 in 单位汇总: the statuses follow in [`Status::ALL`] order.
const FIRST_STATUS_COL: u16 = 3;

/// Light orange: a report is missing.
const MISSING_FILL: u32 = 0xFCE4D6;
/// Light green: finished.
const DONE_FILL: u32 = 0xE2EFDA;
/// Light red: overdue (as `style::error_fill`).
const OVERDUE_FILL: u32 = 0xFCE4E4;
/// Light yellow: lagging (as `style::warning_fill`).
const LAGGING_FILL: u32 = 0xFFF5CC;

/// One cell of a status table.
enum Cell {
    Text(String),
    Percent(f64),
    Count(f64),
    Date(NaiveDate),
    Blank,
}

impl Cell {
    /// The text a reader sees, for column widths and row heights.
    fn shown(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Percent(n) => format!("{n:.0}%"),
            Cell::Count(n) => format!("{n:.0}"),
            Cell::Date(_) => "2018-12-31".to_owned(),
            Cell::Blank => String::new(),
        }
    }
}

/// A row: its cells, a fill for the whole row, and fills for single cells.
struct Row {
    cells: Vec<Cell>,
    fill: Option<u32>,
    cell_fills: Vec<(usize, u32)>,
}

/// The fill of a project row: the most urgent of its states.
fn project_fill(p: &ProjectStatus) -> Option<u32> {
    match p.status {
        Status::Overdue => Some(OVERDUE_FILL),
        Status::Lagging => Some(LAGGING_FILL),
        _ if p.missing => Some(MISSING_FILL),
        Status::Done => Some(DONE_FILL),
        _ => None,
    }
}

fn status_fill(s: Status) -> Option<u32> {
    match s {
        Status::Overdue => Some(OVERDUE_FILL),
        Status::Lagging => Some(LAGGING_FILL),
        Status::Done => Some(DONE_FILL),
        Status::Proposed | Status::Ongoing => None,
    }
}

fn fill(f: Format, colour: Option<u32>) -> Format {
    match colour {
        Some(c) => f.set_background_color(Color::RGB(c)),
        None => f,
    }
}

/// Writes a table of typed cells from `first_row`: header, frozen panes, autofilter, widths for
/// Chinese text, row heights for wrapped text, dates as dates and percents as numbers.
fn grid(
    sheet: &mut Worksheet,
    first_row: u32,
    headers: &[&str],
    rows: &[Row],
    max_width: f64,
) -> Result<(), XlsxError> {
    let mut widths = Widths::new(headers, 6.0, max_width);
    for row in rows {
        for (c, cell) in row.cells.iter().enumerate() {
            // Slack for the fonts Excel, WPS and LibreOffice substitute for 宋体.
            widths.see(c, &format!("{}  ", cell.shown()));
        }
    }
    widths.apply(sheet)?;
    let header = style::header();
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(first_row, c as u16, *h, &header)?;
    }
    sheet.set_row_height(first_row, 30)?;
    for (i, row) in rows.iter().enumerate() {
        let r = first_row + 1 + i as u32;
        let mut lines = 1.0f64;
        for (c, cell) in row.cells.iter().enumerate() {
            let colour = row
                .cell_fills
                .iter()
                .find(|(col, _)| *col == c)
                .map(|(_, f)| *f)
                .or(row.fill);
            let f = fill(style::body(), colour);
            let col = c as u16;
            match cell {
                Cell::Text(s) => {
                    style::write_text(sheet, r, col, s, &f)?;
                    let width = (widths.get(c) - 1.0).max(1.0);
                    let needed = style::lines_needed(s, width);
                    lines = lines.max(needed);
                }
                Cell::Percent(n) => {
                    let f = f.set_num_format("0\"%\"").set_align(FormatAlign::Right);
                    sheet.write_number_with_format(r, col, *n, &f)?;
                }
                Cell::Count(n) => {
                    let f = f.set_num_format("0").set_align(FormatAlign::Right);
                    sheet.write_number_with_format(r, col, *n, &f)?;
                }
                Cell::Date(d) => {
                    let f = f.set_num_format("yyyy-mm-dd").set_align(FormatAlign::Left);
                    sheet.write_date_with_format(r, col, *d, &f)?;
                }
                Cell::Blank => {
                    sheet.write_blank(r, col, &f)?;
                }
            }
        }
        if lines > 1.0 {
            sheet.set_row_height(r, 15.0 * lines.min(20.0))?;
        }
    }
    sheet.set_freeze_panes(first_row + 1, 0)?;
    sheet.autofilter(
        first_row,
        0,
        first_row + rows.len().max(1) as u32,
        headers.len().saturating_sub(1) as u16,
    )?;
    Ok(())
}

/// A title across the table's width in row 0.
fn title(sheet: &mut Worksheet, text: &str, width: usize) -> Result<(), XlsxError> {
    let last = width.saturating_sub(1) as u16;
    if last == 0 {
        sheet.write_string_with_format(0, 0, text, &style::title())?;
    } else {
        sheet.merge_range(0, 0, 0, last, text, &style::title())?;
    }
    sheet.set_row_height(0, 28)?;
    Ok(())
}

/// Landscape A4, one page wide, the header row repeated, page numbers in the footer.
fn printable(sheet: &mut Worksheet, header_row: u32) -> Result<(), XlsxError> {
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_print_center_horizontally(true);
    sheet.set_repeat_rows(header_row, header_row)?;
    sheet.set_footer("&C第 &P 页，共 &N 页");
    Ok(())
}

/// Writes the status workbook to a buffer.
///
/// Errors: any [`XlsxError`] from rust_xlsxwriter (none are expected for valid input; text is cut
/// at Excel's cell limit by [`style::write_text`]).
pub fn status_workbook(s: &MonthlyStatus, as_of: NaiveDate) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let stamp = as_of.and_hms_opt(0, 0, 0).unwrap_or_default();
    book.set_properties(
        &DocProperties::new()
            .set_title(format!("{} {}进度汇总", s.month_title(), s.kind_name))
            .set_author("taizhang")
            .set_creation_datetime(&stamp),
    );
    overview(book.add_worksheet().set_name(OVERVIEW)?, s, as_of)?;
    chase(book.add_worksheet().set_name(CHASE)?, s, as_of)?;
    units(book.add_worksheet().set_name(UNITS)?, s, as_of)?;
    chart(book.add_worksheet().set_name(CHART)?, s, as_of)?;
    about(book.add_worksheet().set_name(ABOUT)?, s, as_of)?;
    book.save_to_buffer()
}

fn reported_text(p: &ProjectStatus, month_end: Option<NaiveDate>) -> &'static str {
    if p.missing {
        "未报送"
    } else if p.status == Status::Done {
        "已完成"
    } else if month_end.is_some_and(|e| p.start > e) {
        "未开始"
    } else {
        "已报送"
    }
}

fn overview(sheet: &mut Worksheet, s: &MonthlyStatus, as_of: NaiveDate) -> Result<(), XlsxError> {
    let month_end = crate::ledger::merge::period_end(&s.month);
    let rows: Vec<Row> = s
        .projects
        .iter()
        .map(|p| Row {
            cells: vec![
                Cell::Text(p.id.clone()),
                Cell::Text(p.unit.clone()),
                Cell::Text(p.name.clone()),
                Cell::Text(p.category.clone()),
                Cell::Text(p.owner.clone()),
                Cell::Date(p.start),
                Cell::Date(p.deadline),
                Cell::Percent(p.expected),
                p.percent.map_or(Cell::Blank, Cell::Percent),
                p.gap.map_or(Cell::Blank, |g| Cell::Count(g.round() + 0.0)),
                Cell::Text(p.period.clone().unwrap_or_default()),
                Cell::Text(reported_text(p, month_end).to_owned()),
                Cell::Text(p.status.label().to_owned()),
                Cell::Text(p.reasons.join("\n")),
            ],
            fill: project_fill(p),
            cell_fills: Vec::new(),
        })
        .collect();
    let text = format!(
        "{}{}进度总览（截至 {as_of}，应报 {}进度报告）",
        s.organisation,
        s.kind_name,
        s.month_title()
    );
    title(sheet, &text, OVERVIEW_HEADERS.len())?;
    grid(sheet, 1, OVERVIEW_HEADERS, &rows, 40.0)?;
    printable(sheet, 1)?;
    Ok(())
}

fn chase(sheet: &mut Worksheet, s: &MonthlyStatus, as_of: NaiveDate) -> Result<(), XlsxError> {
    let rows: Vec<(Vec<String>, Format)> = s
        .chased()
        .enumerate()
        .map(|(i, p)| {
            let cells = vec![
                (i + 1).to_string(),
                p.unit.clone(),
                p.id.clone(),
                p.name.clone(),
                p.owner.clone(),
                p.owner_title.clone(),
                p.phone.clone(),
                p.contact.clone(),
                p.reasons.join("\n"),
            ];
            (cells, style::body())
        })
        .collect();
    let count = rows.len();
    let text = format!(
        "{} {}督办清单（截至 {as_of}，共 {count} 个项目）",
        s.month_title(),
        s.kind_name
    );
    title(sheet, &text, CHASE_HEADERS.len())?;
    let table = style::Table {
        headers: CHASE_HEADERS,
        rows,
        min_width: 6.0,
        max_width: 40.0,
    };
    table.write(sheet, 1)?;
    if count == 0 {
        let note = format!("{}没有需要督办的项目。", s.month_title());
        sheet.write_string(2, 0, note)?;
    }
    printable(sheet, 1)?;
    Ok(())
}

fn units(sheet: &mut Worksheet, s: &MonthlyStatus, as_of: NaiveDate) -> Result<(), XlsxError> {
    let rows: Vec<Row> = s
        .units
        .iter()
        .map(|u| {
            let mut cells = vec![
                Cell::Text(u.unit.clone()),
                Cell::Text(u.kind.clone()),
                Cell::Count(u.projects as f64),
            ];
            let mut cell_fills = Vec::new();
            for (i, n) in u.by_status.iter().enumerate() {
                cells.push(Cell::Count(*n as f64));
                if let (true, Some(f)) = (*n > 0, status_fill(Status::ALL[i])) {
                    cell_fills.push((FIRST_STATUS_COL as usize + i, f));
                }
            }
            cells.push(Cell::Count(u.missing as f64));
            if u.missing > 0 {
                cell_fills.push((cells.len() - 1, MISSING_FILL));
            }
            cells.push(Cell::Text(u.quota.clone()));
            cells.push(Cell::Text(u.compliance.clone()));
            if !u.compliance.is_empty() && u.compliance != "符合" {
                cell_fills.push((cells.len() - 1, LAGGING_FILL));
            }
            cells.push(Cell::Text(u.contact.clone()));
            cells.push(Cell::Text(u.email.clone()));
            Row {
                cells,
                fill: None,
                cell_fills,
            }
        })
        .collect();
    let text = format!("{} 各单位项目进展与配额（截至 {as_of}）", s.month_title());
    title(sheet, &text, UNIT_HEADERS.len())?;
    grid(sheet, 1, UNIT_HEADERS, &rows, 30.0)?;
    // 合计, below the filtered range so that sorting leaves it at the bottom.
    let r = 2 + rows.len() as u32;
    let bold = style::body().set_bold();
    let bold_number = bold.clone().set_num_format("0");
    sheet.write_string_with_format(r, 0, "合计", &bold)?;
    sheet.write_blank(r, 1, &bold)?;
    let mut totals = vec![s.projects.len()];
    totals.extend(Status::ALL.iter().map(|st| s.count(*st)));
    totals.push(s.missing());
    for (i, n) in totals.iter().enumerate() {
        sheet.write_number_with_format(r, 2 + i as u16, *n as f64, &bold_number)?;
    }
    for c in (2 + totals.len() as u16)..UNIT_HEADERS.len() as u16 {
        sheet.write_blank(r, c, &bold)?;
    }
    printable(sheet, 1)?;
    Ok(())
}

/// The colour of a status in the chart (RGB), public so the web page draws its chart alike.
pub fn series_colour(s: Status) -> u32 {
    match s {
        Status::Proposed => 0xA6A6A6,
        Status::Ongoing => 0x5B9BD5,
        Status::Lagging => 0xFFC000,
        Status::Overdue => 0xC00000,
        Status::Done => 0x70AD47,
    }
}

/// A stacked column chart of project status by unit, over the 单位汇总 counts.
fn chart(sheet: &mut Worksheet, s: &MonthlyStatus, as_of: NaiveDate) -> Result<(), XlsxError> {
    sheet.set_column_width(0, 2)?;
    if s.units.is_empty() {
        sheet.write_string(1, 1, "台账中还没有项目，无法绘制图表。")?;
        return Ok(());
    }
    let (first, last) = (2u32, 1 + s.units.len() as u32);
    let font = ChartFont::new().set_name(style::FONT).clone();
    let mut chart = Chart::new(ChartType::ColumnStacked);
    for (i, status) in Status::ALL.iter().enumerate() {
        let col = FIRST_STATUS_COL + i as u16;
        chart
            .add_series()
            .set_name((UNITS, 1, col))
            .set_categories((UNITS, first, 0, last, 0))
            .set_values((UNITS, first, col, last, col))
            .set_format(
                ChartFormat::new()
                    .set_solid_fill(ChartSolidFill::new().set_color(series_colour(*status))),
            )
            .set_gap(60);
    }
    let name = format!("各单位项目状态（截至 {as_of}）");
    chart.title().set_name(name.as_str()).set_font(
        ChartFont::new()
            .set_name(style::FONT)
            .set_bold()
            .set_size(14),
    );
    chart
        .x_axis()
        .set_name("申报单位")
        .set_name_font(&font)
        .set_font(&font);
    chart
        .y_axis()
        .set_name("项目数")
        .set_name_font(&font)
        .set_font(&font)
        .set_major_unit(1)
        .set_num_format("0");
    chart
        .legend()
        .set_position(ChartLegendPosition::Bottom)
        .set_font(&font);
    let width = (s.units.len() as u32 * 56).clamp(720, 1600);
    chart.set_width(width).set_height(460);
    sheet.insert_chart(1, 1, &chart)?;
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 1);
    Ok(())
}

fn about(sheet: &mut Worksheet, s: &MonthlyStatus, as_of: NaiveDate) -> Result<(), XlsxError> {
    let tolerance = crate::text::number_text(s.tolerance);
    let rows = [
        ("截至日期", as_of.to_string()),
        (
            "应报月份",
            format!("{}（到截至日期为止已经结束的最后一个月份）", s.month),
        ),
        (
            "计划进度",
            "按开始时间（0%）到完成时间（100%）线性计算；立项书有进度安排的，按各阶段平均计算"
                .to_owned(),
        ),
        (
            "滞后",
            format!("实际进度低于计划进度超过 {tolerance} 个百分点，或单位自报“滞后”"),
        ),
        ("逾期", "已过完成时间而进度未到 100%".to_owned()),
        (
            "未报送",
            format!("项目已开始、尚未完成，且没有 {} 或之后的进度报告", s.month),
        ),
        ("已立项", "尚无进度报告".to_owned()),
        (
            "差距",
            "计划进度减实际进度，正数表示落后，负数表示超前".to_owned(),
        ),
        (
            "颜色",
            "红色：逾期；黄色：滞后；橙色：未报送；绿色：已完成".to_owned(),
        ),
    ];
    style::notes(sheet, rows, 70.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::status::{MonthlyStatus, UnitStatus};

    fn project(id: &str, status: Status, missing: bool) -> ProjectStatus {
        let d = |m, day| NaiveDate::from_ymd_opt(2018, m, day).unwrap();
        ProjectStatus {
            id: id.into(),
            unit: "田家庵区委".into(),
            name: "=红色网格".into(),
            category: "A".into(),
            owner: "张伟".into(),
            owner_title: "书记".into(),
            phone: "13805546677".into(),
            contact: "周敏".into(),
            start: d(1, 1),
            deadline: d(12, 31),
            expected: 49.5,
            percent: Some(20.0),
            period: Some("2018-06".into()),
            status,
            missing,
            gap: Some(29.5),
            reasons: if status == Status::Lagging {
                vec!["滞后：计划 50%，实际 20%".into()]
            } else {
                vec![]
            },
        }
    }

    #[test]
    fn writes_every_sheet_and_a_chart() {
        let as_of = NaiveDate::from_ymd_opt(2018, 6, 30).unwrap();
        let s = MonthlyStatus {
            as_of,
            month: "2018-06".into(),
            tolerance: 20.0,
            organisation: String::new(),
            kind_name: "基层党建创新项目".into(),
            projects: vec![
                project("2018-001", Status::Lagging, false),
                project("2018-002", Status::Ongoing, true),
            ],
            chase: vec![0],
            units: vec![UnitStatus {
                unit: "田家庵区委".into(),
                kind: "县区".into(),
                contact: "周敏".into(),
                email: String::new(),
                projects: 2,
                by_status: [0, 1, 1, 0, 0],
                missing: 1,
                quota: "2–3 个".into(),
                compliance: "符合".into(),
            }],
        };
        let bytes = status_workbook(&s, as_of).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        assert!(zip.by_name("xl/charts/chart1.xml").is_ok());
        let sheets = (1..=5)
            .filter(|i| zip.by_name(&format!("xl/worksheets/sheet{i}.xml")).is_ok())
            .count();
        assert_eq!(sheets, 5);
    }
}
