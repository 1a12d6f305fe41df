//! The monthly status workbook (月度进度汇总, SPEC §7): 进度总览, 督办清单, 单位汇总, 图表, 说明.
//!
//! Colour only where it means something: a row or count is filled by status (逾期 red, 滞后 yellow,
//! 未报送 light orange, 已完成 green); on-schedule rows stay white. The 督办清单 is printed and sent,
//! so it is plain, A4 landscape, one page wide, with its header repeated on every page.
//!
//! It renders the typed [`MonthlyStatus`] of [`crate::ledger::status`] (statuses, quota verdicts,
//! reporting states) into words and colours, with the table kit of [`crate::xlsx`].

use chrono::NaiveDate;
use rust_xlsxwriter::{
    Chart, ChartFont, ChartFormat, ChartLegendPosition, ChartSolidFill, ChartType, Worksheet,
    XlsxError,
};

use crate::ledger::status::{MonthlyStatus, ProjectStatus, Status};
use crate::model::{Column as Header, Value};
use crate::xlsx::style::{self, GREEN, ORANGE, RED, YELLOW};
use crate::xlsx::table::{notes, number, retain_columns, text, text_columns};
use crate::xlsx::{self, Column, Kind, Print, Row, Table};

use crate::say::status as say;
use crate::say::status::{ABOUT, CHART, CHASE, CHASE_HEADERS, OVERVIEW, UNITS};

/// 进度总览's columns.
fn overview_columns() -> Vec<Column> {
    let mut columns = text_columns(say::OVERVIEW_TEXT);
    columns.push(Column::new(Header::Start.header(), Kind::Date));
    columns.push(Column::new(Header::Deadline.header(), Kind::Date));
    columns.push(Column::new(say::EXPECTED, Kind::Percent));
    columns.push(Column::new(say::ACTUAL, Kind::Percent));
    columns.push(Column::new(say::GAP, Kind::Count));
    columns.extend(text_columns(say::OVERVIEW_TAIL));
    columns.push(Column::new(say::REASONS, Kind::LongText));
    columns
}
/// 单位汇总's columns: the counts of [`Status::ALL`] follow 项目数.
fn unit_columns() -> Vec<Column> {
    let mut columns = text_columns(say::UNIT_HEAD);
    let counts = std::iter::once(say::PROJECTS)
        .chain(Status::ALL.iter().map(|s| s.label()))
        .chain([say::MISSING]);
    columns.extend(counts.map(|h| Column::new(h, Kind::Count)));
    columns.extend(text_columns(say::UNIT_TAIL));
    columns
}
/// The column of 已立项 in 单位汇总: the statuses follow in [`Status::ALL`] order.
const FIRST_STATUS_COL: u16 = 3;

/// The fill of a project row: the most urgent of its states.
fn project_fill(p: &ProjectStatus) -> Option<u32> {
    match p.status {
        Status::Overdue => Some(RED),
        Status::Lagging => Some(YELLOW),
        _ if p.missing => Some(ORANGE),
        Status::Done => Some(GREEN),
        _ => None,
    }
}

fn status_fill(s: Status) -> Option<u32> {
    match s {
        Status::Overdue => Some(RED),
        Status::Lagging => Some(YELLOW),
        Status::Done => Some(GREEN),
        Status::Proposed | Status::Ongoing => None,
    }
}

/// Writes the status workbook to a buffer.
///
/// Errors: any [`XlsxError`] from rust_xlsxwriter (none are expected for valid input; text is cut
/// at Excel's cell limit by [`style::write_text`]).
pub fn status_workbook(s: &MonthlyStatus, as_of: NaiveDate) -> Result<Vec<u8>, XlsxError> {
    let stamp = as_of.and_hms_opt(0, 0, 0).unwrap_or_default();
    let title = say::book_title(&s.month_title(), &s.kind_name);
    let mut book = xlsx::workbook(&title, Some(stamp));
    overview(book.add_worksheet().set_name(OVERVIEW)?, s, as_of)?;
    chase(book.add_worksheet().set_name(CHASE)?, s, as_of)?;
    // 重点项目: the clerk's marked projects on a sheet of their own, when there are any.
    if s.projects.iter().any(|p| p.key) {
        let heading = say::key_heading(&s.kind_name, &as_of.to_string(), &s.month_title());
        let sheet = book.add_worksheet().set_name(say::KEY)?;
        projects(sheet, s, |p| p.key, &heading)?;
    }
    // Finished projects whose 佐证材料 have not come: to ask for before acceptance.
    if s.finished_without_materials().next().is_some() {
        let heading =
            crate::say::materials::finished_without_heading(&s.kind_name, &as_of.to_string());
        let sheet = book
            .add_worksheet()
            .set_name(crate::say::materials::FINISHED_WITHOUT_SHEET)?;
        projects(
            sheet,
            s,
            |p| p.status == crate::ledger::status::Status::Done && p.materials == 0,
            &heading,
        )?;
    }
    units(book.add_worksheet().set_name(UNITS)?, s, as_of)?;
    chart(book.add_worksheet().set_name(CHART)?, s, as_of)?;
    about(book.add_worksheet().set_name(ABOUT)?, s, as_of)?;
    book.save_to_buffer()
}

fn overview(sheet: &mut Worksheet, s: &MonthlyStatus, as_of: NaiveDate) -> Result<(), XlsxError> {
    let heading = say::overview_heading(
        &s.organisation,
        &s.kind_name,
        &as_of.to_string(),
        &s.month_title(),
    );
    projects(sheet, s, |_| true, &heading)
}

/// A table of the projects `keep` chooses, one row each, coloured by status (进度总览, 重点项目).
fn projects(
    sheet: &mut Worksheet,
    s: &MonthlyStatus,
    keep: impl Fn(&ProjectStatus) -> bool,
    heading: &str,
) -> Result<(), XlsxError> {
    let rows: Vec<Row> = s
        .projects
        .iter()
        .filter(|p| keep(p))
        .map(|p| {
            let cells = vec![
                text(p.id.clone()),
                text(p.unit.clone()),
                text(p.name.clone()),
                text(p.category.clone()),
                text(p.owner.clone()),
                Value::Date(p.start),
                Value::Date(p.deadline),
                Value::Number(p.expected),
                number(p.percent),
                number(p.gap.map(|g| g.round() + 0.0)),
                text(p.period.clone().unwrap_or_default()),
                text(s.reporting(p).label()),
                text(p.status.label()),
                text(p.reasons.join("\n")),
            ];
            Row::filled(cells, project_fill(p))
        })
        .collect();
    let (mut columns, mut rows) = (overview_columns(), rows);
    // 类别 is 项目类别 shortened: it goes with it.
    let category = Header::Category.header();
    retain_columns(&mut columns, &mut rows, |h| {
        let h = if h == say::CATEGORY { category } else { h };
        !s.hidden.contains(&h)
    });
    xlsx::title(sheet, 0, heading, columns.len())?;
    Table::boxed(columns, 40.0).write(sheet, 1, &rows)?;
    Print::wide(1).apply(sheet)
}

fn chase(sheet: &mut Worksheet, s: &MonthlyStatus, as_of: NaiveDate) -> Result<(), XlsxError> {
    let rows: Vec<Row> = s
        .chased()
        .enumerate()
        .map(|(i, p)| {
            Row::new(vec![
                Value::Number((i + 1) as f64),
                text(p.unit.clone()),
                text(p.id.clone()),
                text(p.name.clone()),
                text(p.owner.clone()),
                text(p.owner_title.clone()),
                text(p.phone.clone()),
                text(p.contact.clone()),
                text(p.reasons.join("\n")),
            ])
        })
        .collect();
    let count = rows.len();
    let heading = say::chase_heading(&s.month_title(), &s.kind_name, &as_of.to_string(), count);
    let mut columns = text_columns(CHASE_HEADERS);
    if let Some(reasons) = columns.last_mut() {
        reasons.kind = Kind::LongText;
    }
    // 序号 is a number.
    if let Some(number) = columns.first_mut() {
        number.kind = Kind::Count;
    }
    xlsx::title(sheet, 0, &heading, columns.len())?;
    Table::boxed(columns, 40.0).write(sheet, 1, &rows)?;
    if count == 0 {
        let note = say::nothing_to_chase(&s.month_title());
        sheet.write_string(2, 0, note)?;
    }
    Print::wide(1).apply(sheet)
}

fn units(sheet: &mut Worksheet, s: &MonthlyStatus, as_of: NaiveDate) -> Result<(), XlsxError> {
    let rows: Vec<Row> = s
        .units
        .iter()
        .map(|u| {
            let mut cells = vec![
                text(u.unit.clone()),
                text(u.kind.clone()),
                Value::Number(u.projects as f64),
            ];
            let mut cell_fills = Vec::new();
            for (i, n) in u.by_status.iter().enumerate() {
                cells.push(Value::Number(*n as f64));
                if let (true, Some(f)) = (*n > 0, status_fill(Status::ALL[i])) {
                    cell_fills.push((FIRST_STATUS_COL as usize + i, f));
                }
            }
            cells.push(Value::Number(u.missing as f64));
            if u.missing > 0 {
                cell_fills.push((cells.len() - 1, ORANGE));
            }
            cells.push(text(u.quota.clone()));
            cells.push(text(
                u.compliance.map(|v| v.month_label()).unwrap_or_default(),
            ));
            if u.compliance.is_some_and(|v| !v.is_met()) {
                cell_fills.push((cells.len() - 1, YELLOW));
            }
            cells.push(text(u.contact.clone()));
            cells.push(text(u.email.clone()));
            Row {
                cells,
                fill: None,
                cell_fills,
            }
        })
        .collect();
    let heading = say::units_heading(&s.month_title(), &as_of.to_string());
    let columns = unit_columns();
    let width = columns.len() as u16;
    xlsx::title(sheet, 0, &heading, columns.len())?;
    Table::boxed(columns, 30.0).write(sheet, 1, &rows)?;
    // 合计, below the filtered range so that sorting leaves it at the bottom.
    let r = 2 + rows.len() as u32;
    let bold = style::body().set_bold();
    let bold_number = bold.clone().set_num_format("0");
    sheet.write_string_with_format(r, 0, say::TOTAL, &bold)?;
    sheet.write_blank(r, 1, &bold)?;
    let mut totals = vec![s.projects.len()];
    totals.extend(Status::ALL.iter().map(|st| s.count(*st)));
    totals.push(s.missing());
    for (i, n) in totals.iter().enumerate() {
        sheet.write_number_with_format(r, 2 + i as u16, *n as f64, &bold_number)?;
    }
    for c in (2 + totals.len() as u16)..width {
        sheet.write_blank(r, c, &bold)?;
    }
    Print::wide(1).apply(sheet)
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
        sheet.write_string(1, 1, say::NO_CHART)?;
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
    let name = say::chart_title(&as_of.to_string());
    chart.title().set_name(name.as_str()).set_font(
        ChartFont::new()
            .set_name(style::FONT)
            .set_bold()
            .set_size(14),
    );
    chart
        .x_axis()
        .set_name(Header::Unit.header())
        .set_name_font(&font)
        .set_font(&font);
    chart
        .y_axis()
        .set_name(say::PROJECTS)
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
    Print::one_page(true).apply(sheet)
}

fn about(sheet: &mut Worksheet, s: &MonthlyStatus, as_of: NaiveDate) -> Result<(), XlsxError> {
    let tolerance = crate::text::number_text(s.tolerance);
    let rows = say::about(&as_of.to_string(), &s.month, &tolerance);
    notes(sheet, rows, 70.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::status::UnitStatus;

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
            key: false,
            materials: 0,
        }
    }

    #[test]
    fn writes_every_sheet_and_a_chart() {
        let as_of = NaiveDate::from_ymd_opt(2018, 6, 30).unwrap();
        let s = MonthlyStatus {
            as_of,
            month: "2018-06".into(),
            due: crate::ledger::status::due(as_of, crate::policy::Frequency::Month),
            tolerance: 20.0,
            organisation: String::new(),
            kind_name: "基层党建创新项目".into(),
            projects: vec![
                project("2018-001", Status::Lagging, false),
                project("2018-002", Status::Ongoing, true),
            ],
            chase: vec![0],
            hidden: Vec::new(),
            units: vec![UnitStatus {
                unit: "田家庵区委".into(),
                kind: "县区".into(),
                contact: "周敏".into(),
                email: String::new(),
                projects: 2,
                by_status: [0, 1, 1, 0, 0],
                missing: 1,
                quota: "2–3 个".into(),
                compliance: Some(crate::ledger::status::QuotaVerdict::Met),
            }],
        };
        let bytes = status_workbook(&s, as_of).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        assert!(zip.by_name("xl/charts/chart1.xml").is_ok());
        let sheets = (1..=5)
            .filter(|i| zip.by_name(&format!("xl/worksheets/sheet{i}.xml")).is_ok())
            .count();
        assert_eq!(sheets, 5);
        assert!(
            zip.by_name("xl/worksheets/sheet6.xml").is_err(),
            "no 重点项目 unmarked"
        );

        // The clerk marks 2018-002 重点项目: a sheet of its own, with that project only.
        let mut marked = s.clone();
        marked.projects[1].key = true;
        let bytes = status_workbook(&marked, as_of).unwrap();
        let book = crate::read::read_bytes(&bytes, "xlsx", &Default::default()).unwrap();
        let names: Vec<&str> = book.sheets.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(names[2], "重点项目", "{names:?}");
        let key = &book.sheets[2];
        let ids: Vec<String> = (2..5)
            .filter_map(|r| key.get(r, 0).map(|v| v.display()))
            .collect();
        assert_eq!(ids, ["2018-002"]);
    }
}
