//! The ledger's sheets on disk: each read cell by cell with calamine into a [`Table`], and
//! written with the table kit of [`crate::xlsx`] as a data sheet, a table longer than Excel's
//! row limit continuing on numbered sheets. [`super::store`] decides which sheets there are.

use calamine::Xlsx;
use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

use super::table::Table;
use crate::model::column::Kind as Holds;
use crate::model::Value;
use crate::xlsx::{self, Column, Kind, Look, Print};

/// The table a continuation sheet (`进度记录(2)`) belongs to.
pub(super) fn continuation_of(name: &str) -> Option<&str> {
    let open = name.rfind('(')?;
    let digits = name[open + 1..].strip_suffix(')')?;
    (!digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())).then(|| &name[..open])
}

/// One sheet of a table on disk: its name (`进度记录`, or `进度记录(2)` … past the row limit),
/// the table's headers and its share of the rows.
pub(super) struct Part<'a> {
    /// The sheet's name.
    pub name: String,
    /// The table's headers.
    pub headers: &'a [String],
    /// The rows on this sheet.
    pub rows: &'a [Vec<Value>],
    /// Whether the sheet is hidden (报送原值).
    pub hidden: bool,
}

/// A table as sheets of at most `limit` rows each: a longer one continues on `进度记录(2)` …,
/// each with the header, so nothing is ever cut off.
pub(super) fn parts(table: &Table, limit: usize, hidden: bool) -> Vec<Part<'_>> {
    let limit = limit.max(1);
    let count = table.rows.len().div_ceil(limit).max(1);
    (0..count)
        .map(|part| {
            let rows = &table.rows
                [(part * limit).min(table.rows.len())..((part + 1) * limit).min(table.rows.len())];
            let name = if part == 0 {
                table.name.clone()
            } else {
                format!("{}({})", table.name, part + 1)
            };
            Part {
                name,
                headers: &table.headers,
                rows,
                hidden,
            }
        })
        .collect()
}

/// A new ledger's workbook without its rows: each sheet's widths, header, frozen pane, filter
/// and print setup. [`crate::xlsx::patch`] then streams the rows in, as it does into an
/// existing ledger, so there is one way the ledger's cells are written.
pub(super) fn skeleton(parts: &[Part<'_>]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    for part in parts {
        let sheet = book.add_worksheet();
        sheet.set_name(&part.name)?;
        layout(&part.name, part.headers).write_layout(sheet, 0, part.rows)?;
        print(sheet)?;
        // 审核状态 and 验收结果 are chosen from their words (the whole column, rows added later
        // too).
        use crate::say::ledger as say;
        let lists: [(crate::model::Column, &[&str], &str); 2] = [
            (
                crate::model::Column::Approval,
                &say::APPROVAL_STATES,
                say::APPROVAL_CHOOSE,
            ),
            (
                crate::model::Column::Acceptance,
                &say::ACCEPTANCE_STATES,
                say::ACCEPTANCE_CHOOSE,
            ),
        ];
        for (column, words, message) in lists {
            let Some(c) = part
                .headers
                .iter()
                .position(|h| crate::model::Column::for_header(h) == Some(column))
            else {
                continue;
            };
            let list = rust_xlsxwriter::DataValidation::new()
                .allow_list_strings(words)?
                .set_error_title(column.header())?
                .set_error_message(message)?;
            sheet.add_data_validation(1, c as u16, 1_048_575, c as u16, &list)?;
        }
        if part.hidden {
            sheet.set_hidden(true);
        }
    }
    book.save_to_buffer()
}

/// The donor workbook of an in-place update ([`crate::xlsx::patch`]): one sheet per part, in
/// order, laid out by the same code as the ledger's sheets, holding the header and one row per
/// sample value in every column — so a new cell looks exactly as the table kit writes it.
pub(super) fn donor(parts: &[Part<'_>]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let samples = crate::xlsx::patch::samples();
    for part in parts {
        let width = part
            .headers
            .len()
            .max(part.rows.iter().map(Vec::len).max().unwrap_or(0));
        let rows: Vec<Vec<Value>> = samples.iter().map(|v| vec![v.clone(); width]).collect();
        let mut headers = part.headers.to_vec();
        headers.resize(width, String::new());
        let sheet = book.add_worksheet();
        sheet.set_name(&part.name)?;
        layout(&part.name, &headers).write(sheet, 0, &rows)?;
    }
    book.save_to_buffer()
}

/// What one part's sheet is to hold, and which of its columns wrap.
pub(super) fn target<'a>(part: &Part<'a>) -> crate::xlsx::patch::Target<'a> {
    crate::xlsx::patch::Target {
        headers: part.headers,
        rows: part.rows,
        wraps: part
            .headers
            .iter()
            .map(|h| {
                // Hidden columns are seen in the sheet itself (the clerk may show them).
                let column = crate::model::Column::for_header(h);
                wraps(column) || wraps_in(&part.name, column)
            })
            .collect(),
        heights: part.rows.len() <= crate::xlsx::table::HEIGHTS_MAX_ROWS,
    }
}

/// Reads one sheet cell by cell into a table: a 1,000,000-row sheet is never held twice (once as
/// calamine's range, once as rows), which halves the peak memory of reading a big ledger.
pub(super) fn read_table<RS: std::io::Read + std::io::Seek>(
    book: &mut Xlsx<RS>,
    name: &str,
) -> Result<Table, calamine::XlsxError> {
    let mut rows: Vec<Vec<Value>> = Vec::new();
    let mut reader = book.worksheet_cells_reader(name)?;
    while let Some(cell) = reader.next_cell()? {
        let (r, c) = cell.get_position();
        let value = Value::from_calamine(cell.get_value(), false);
        if value.is_empty() {
            continue;
        }
        let (r, c) = (r as usize, c as usize);
        if rows.len() <= r {
            rows.resize_with(r + 1, Vec::new);
        }
        let row = &mut rows[r];
        if row.len() <= c {
            row.resize(c + 1, Value::Empty);
        }
        row[c] = value;
    }
    Ok(table_from_rows(name, rows))
}

fn table_from_rows(name: &str, rows: Vec<Vec<Value>>) -> Table {
    let mut table = Table {
        name: name.to_owned(),
        ..Table::default()
    };
    let mut rows = rows.into_iter();
    let headers: Vec<String> = rows
        .next()
        .unwrap_or_default()
        .iter()
        .map(|c| c.display().trim().to_owned())
        .collect();
    let mut body: Vec<Vec<Value>> = rows.collect();
    while body.last().is_some_and(|r| r.iter().all(Value::is_empty)) {
        body.pop();
    }
    // Trailing columns with neither header nor content are formatting leftovers.
    let full = body
        .iter()
        .map(Vec::len)
        .max()
        .unwrap_or(0)
        .max(headers.len());
    let mut width = full;
    while width > 0
        && headers.get(width - 1).is_none_or(String::is_empty)
        && body
            .iter()
            .all(|r| r.get(width - 1).is_none_or(Value::is_empty))
    {
        width -= 1;
    }
    table.headers = headers;
    table.headers.resize(width, String::new());
    table.rows = body
        .into_iter()
        .map(|mut r| {
            r.resize(width, Value::Empty);
            r
        })
        .collect();
    table
}

/// Columns hidden in a new ledger (grouped: the `+` above the sheet shows them), so that each
/// sheet prints one page wide at a readable size: file paths and SHA-256 everywhere, and in
/// 项目台账 the proposal's details (its year is in 项目编号; the rest is in the 立项书 and in
/// 报送原值) and the 结项报告's but its 自评等次, which stands beside 验收结果. A hidden column's
/// text does not make its row tall.
fn hidden(sheet: &str, column: Option<crate::model::Column>) -> bool {
    use crate::model::{Column as C, Sheet};
    let sheet = continuation_of(sheet).unwrap_or(sheet);
    let Some(column) = column else {
        return false;
    };
    match column {
        C::Sha256 => true,
        C::Source => sheet != Sheet::Sources.name(),
        C::Year
        | C::Topic
        | C::Scope
        | C::Goals
        | C::Measures
        | C::Content
        | C::Feasibility
        | C::Deliverables
        | C::OwnerUnit
        | C::OwnerTitle
        | C::Members
        | C::Budget
        | C::Submitted
        | C::Milestones
        | C::ApprovalNote
        | C::AcceptanceNote
        | C::GoalsMet
        | C::SelfScore
        | C::Results
        | C::MaterialsList
        | C::Shortfalls
        | C::Version => sheet == Sheet::Projects.name(),
        // Rarely filled; the requests are listed by merge and status.
        C::Extension => sheet == Sheet::Reports.name(),
        _ => false,
    }
}

/// A column that wraps on one sheet only: 佐证材料's file names (in 来源文件 they are paths
/// that fit their column).
fn wraps_in(sheet: &str, column: Option<crate::model::Column>) -> bool {
    let sheet = continuation_of(sheet).unwrap_or(sheet);
    sheet == crate::model::Sheet::Materials.name() && column == Some(crate::model::Column::FileName)
}

/// Whether a ledger column's text wraps: long text, and the project's name and unit, which
/// are narrowed to print one page wide.
fn wraps(column: Option<crate::model::Column>) -> bool {
    use crate::model::Column as C;
    match column {
        Some(C::Name | C::Unit) => true,
        Some(c) => c.kind() == Holds::Long,
        None => false,
    }
}

/// The table kit's layout of a ledger sheet ([`Look::Plain`]): long columns wrap, date columns
/// are fixed and wide enough for every font's digits, the two percent columns show `60%`; the
/// visible columns are narrowed to print one page wide ([`xlsx::page::page_units`]).
fn layout(sheet: &str, headers: &[String]) -> xlsx::Table {
    let columns: Vec<Column> = headers
        .iter()
        .map(|h| {
            let h = h.as_str();
            let model = crate::model::Column::for_header(h);
            // The clerk's own columns are short text; taizhang's say what they hold.
            let column = match model.map(crate::model::Column::kind) {
                _ if model == Some(crate::model::Column::Name) => {
                    Column::new(h, Kind::LongText).fixed(30.0)
                }
                _ if model == Some(crate::model::Column::Unit) => {
                    Column::new(h, Kind::LongText).fixed(24.0)
                }
                _ if wraps_in(sheet, model) => Column::new(h, Kind::LongText).fixed(24.0),
                Some(Holds::Long) => Column::new(h, Kind::LongText).fixed(40.0),
                Some(Holds::Date | Holds::Month) => Column::new(h, Kind::Text).fixed(DATE_WIDTH),
                Some(Holds::DateTime) => Column::new(h, Kind::Text).fixed(DATE_TIME_WIDTH),
                Some(Holds::Percent) => Column::new(h, Kind::Percent),
                _ => Column::new(h, Kind::Text),
            };
            if hidden(sheet, model) {
                column.hidden()
            } else {
                column
            }
        })
        .collect();
    let visible = columns.iter().filter(|c| !c.hidden).count();
    xlsx::Table {
        columns,
        min_width: 6.0,
        max_width: 36.0,
        look: Look::Plain,
        // 报送原值 is hidden and not printed: its columns stay as wide as their text.
        page: (sheet != crate::model::Sheet::Submitted.name())
            .then(|| xlsx::page::page_units(visible, true)),
    }
}

/// Width of a date column: `2018-12-31` in the widest digits (DejaVu Sans in LibreOffice on
/// Linux), never `###`.
const DATE_WIDTH: f64 = 13.5;

/// Width of a date-time column: `2018-12-31 09:30:00`, likewise.
const DATE_TIME_WIDTH: f64 = 24.0;

/// A ledger sheet prints landscape, one page wide, with its header on every page.
fn print(sheet: &mut Worksheet) -> Result<(), XlsxError> {
    Print::wide(0).apply(sheet)
}
