//! Xlsx: the one kit every workbook writer uses, below [`crate::ledger`], [`crate::write`] and
//! [`crate::rank`] so data flows one way.
//!
//! [`style`] holds the font, formats, fills and Chinese column widths; [`table`] writes a table
//! of [`crate::model::Value`]s typed by column (frozen header, filter, wrapped long text, real
//! dates, never a formula from user text); [`page`] titles a sheet and sets it up to print.

pub mod page;
pub mod patch;
pub mod style;
pub mod table;

pub use page::{title, workbook, Fit, Print};
pub use table::{Column, Kind, Look, Row, Table, TableRow, Width};

/// A workbook of one printable list: sheet `sheet`, the title across it, the table below it,
/// A4 portrait (立项名单, 抽查名单 — lists handed to a committee or an inspector).
///
/// # Errors
/// Any [`rust_xlsxwriter::XlsxError`].
pub fn list_workbook(
    title_text: &str,
    sheet: &str,
    columns: Vec<Column>,
    rows: &[Row],
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut book = workbook(title_text, None);
    let ws = book.add_worksheet().set_name(sheet)?;
    title(ws, 0, title_text, columns.len())?;
    Table::boxed(columns, 40.0).portrait().write(ws, 1, rows)?;
    Print::narrow(1).apply(ws)?;
    book.save_to_buffer()
}
