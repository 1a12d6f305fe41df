//! The ledger's sheets on disk: each read cell by cell with calamine into a [`Table`], and
//! written with the table kit of [`crate::xlsx`] as a data sheet, a table longer than Excel's
//! row limit continuing on numbered sheets. [`super::store`] decides which sheets there are.

use calamine::Xlsx;
use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

use super::table::Table;
use crate::model::column::Kind as Holds;
use crate::model::Value;
use crate::xlsx::{self, Column, Fit, Kind, Look, Print};

/// The table a continuation sheet (`进度记录(2)`) belongs to.
pub(super) fn continuation_of(name: &str) -> Option<&str> {
    let open = name.rfind('(')?;
    let digits = name[open + 1..].strip_suffix(')')?;
    (!digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())).then(|| &name[..open])
}

/// Writes one table as one sheet, or as several (`进度记录(2)` …) past `limit` rows each.
pub(super) fn write_parts(
    book: &mut Workbook,
    table: &Table,
    limit: usize,
    hidden: bool,
) -> Result<(), XlsxError> {
    let limit = limit.max(1);
    let parts = table.rows.len().div_ceil(limit).max(1);
    for part in 0..parts {
        let rows = &table.rows
            [(part * limit).min(table.rows.len())..((part + 1) * limit).min(table.rows.len())];
        let name = if part == 0 {
            table.name.clone()
        } else {
            format!("{}({})", table.name, part + 1)
        };
        let sheet = book.add_worksheet_with_constant_memory()?;
        write_table(sheet, &name, &table.headers, rows)?;
        if hidden {
            sheet.set_hidden(true);
        }
    }
    Ok(())
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

/// The donor workbook of an in-place update ([`crate::xlsx::patch`]): one sheet per table, in
/// order, written by the same code as the ledger's sheets, holding the header and one row per
/// sample value in every column — so a new cell looks exactly as in a ledger written whole.
pub(super) fn donor(tables: &[&Table]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let samples = crate::xlsx::patch::samples();
    for table in tables {
        let width = table
            .headers
            .len()
            .max(table.rows.iter().map(Vec::len).max().unwrap_or(0));
        let rows: Vec<Vec<Value>> = samples.iter().map(|v| vec![v.clone(); width]).collect();
        let mut headers = table.headers.clone();
        headers.resize(width, String::new());
        write_table(book.add_worksheet(), &table.name, &headers, &rows)?;
    }
    book.save_to_buffer()
}

/// The update of one table's sheet: what it is to hold, which columns wrap.
pub(super) fn target(table: &Table) -> crate::xlsx::patch::Target<'_> {
    crate::xlsx::patch::Target {
        headers: &table.headers,
        rows: &table.rows,
        wraps: table
            .headers
            .iter()
            .map(|h| {
                crate::model::Column::for_header(h).map(crate::model::Column::kind)
                    == Some(Holds::Long)
            })
            .collect(),
        heights: table.rows.len() <= crate::xlsx::table::HEIGHTS_MAX_ROWS,
    }
}

/// Writes one ledger sheet with the table kit as a data sheet ([`Look::Plain`]): long columns
/// wrap at a fixed width, date columns are fixed and narrow, the two percent columns show `60%`.
fn write_table(
    sheet: &mut Worksheet,
    name: &str,
    headers: &[String],
    rows: &[Vec<Value>],
) -> Result<(), XlsxError> {
    sheet.set_name(name)?;
    let columns = headers
        .iter()
        .map(|h| {
            let h = h.as_str();
            // The clerk's own columns are short text; taizhang's say what they hold.
            match crate::model::Column::for_header(h).map(crate::model::Column::kind) {
                Some(Holds::Long) => Column::new(h, Kind::LongText).fixed(40.0),
                Some(Holds::Date | Holds::Month) => Column::new(h, Kind::Text).fixed(12.0),
                Some(Holds::Percent) => Column::new(h, Kind::Percent),
                _ => Column::new(h, Kind::Text),
            }
        })
        .collect();
    let table = xlsx::Table {
        columns,
        min_width: 6.0,
        max_width: 36.0,
        look: Look::Plain,
    };
    table.write(sheet, 0, rows)?;
    Print {
        landscape: true,
        fit: Fit::None,
        repeat: Some((0, 0)),
    }
    .apply(sheet)
}
