//! Writing helpers shared by the year-end workbooks: typed cells (scores with two decimals),
//! titles, print setup.

use rust_xlsxwriter::{Color, DocProperties, Format, FormatAlign, Workbook, Worksheet, XlsxError};

use crate::write::style::{self, Widths};

/// One cell of a year-end table.
pub enum Cell {
    /// Text a unit or reviewer typed, written as text (never a formula).
    Text(String),
    /// A score or total, shown with two decimals.
    Score(f64),
    /// A whole number (place, count).
    Count(f64),
    /// Nothing.
    Blank,
}

impl Cell {
    fn shown(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Score(n) => format!("{n:.2}"),
            Cell::Count(n) => format!("{n:.0}"),
            Cell::Blank => String::new(),
        }
    }
}

/// Text, or an empty cell.
pub fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

/// A score, or blank.
pub fn score(n: Option<f64>) -> Cell {
    n.map_or(Cell::Blank, Cell::Score)
}

/// A count, or blank.
pub fn count(n: Option<usize>) -> Cell {
    n.map_or(Cell::Blank, |n| Cell::Count(n as f64))
}

/// A row of cells and an optional fill colour.
pub struct Row {
    /// The cells.
    pub cells: Vec<Cell>,
    /// Background of the whole row.
    pub fill: Option<u32>,
}

/// Light grey: rows dropped or not counted.
pub const GREY: u32 = 0xEDEDED;
/// Light green: exemplary or excellent.
pub const GREEN: u32 = 0xE2EFDA;
/// Light yellow: needs attention.
pub const YELLOW: u32 = 0xFFF5CC;

/// Column widths fitting the headers and every row of the given tables.
pub fn widths(headers: &[String], tables: &[&[Row]], max_width: f64) -> Widths {
    let refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    let mut widths = Widths::new(&refs, 6.0, max_width);
    for row in tables.iter().flat_map(|t| t.iter()) {
        for (c, cell) in row.cells.iter().enumerate() {
            widths.see(c, &cell.shown());
        }
    }
    widths
}

/// Writes a table from `first_row`: header, frozen panes, autofilter, Chinese widths, wrapped rows.
pub fn grid(
    sheet: &mut Worksheet,
    first_row: u32,
    headers: &[String],
    rows: &[Row],
    max_width: f64,
) -> Result<(), XlsxError> {
    let w = widths(headers, &[rows], max_width);
    w.apply(sheet)?;
    table(sheet, first_row, headers, rows, &w, true)
}

/// Writes a table's header and rows with the given widths (already applied to the sheet); with
/// `filter`, also freezes the header and adds an autofilter (one per sheet).
pub fn table(
    sheet: &mut Worksheet,
    first_row: u32,
    headers: &[String],
    rows: &[Row],
    widths: &Widths,
    filter: bool,
) -> Result<(), XlsxError> {
    let header = style::header();
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(first_row, c as u16, h, &header)?;
    }
    sheet.set_row_height(first_row, 30)?;
    for (i, row) in rows.iter().enumerate() {
        let r = first_row + 1 + i as u32;
        let base = match row.fill {
            Some(c) => style::body().set_background_color(Color::RGB(c)),
            None => style::body(),
        };
        let mut lines = 1.0f64;
        for (c, cell) in row.cells.iter().enumerate() {
            let col = c as u16;
            match cell {
                Cell::Text(s) => {
                    style::write_text(sheet, r, col, s, &base)?;
                    let width = (widths.get(c) - 1.0).max(1.0);
                    let needed = style::lines_needed(s, width);
                    lines = lines.max(needed);
                }
                Cell::Score(n) => {
                    let f = base
                        .clone()
                        .set_num_format("0.00")
                        .set_align(FormatAlign::Right);
                    sheet.write_number_with_format(r, col, *n, &f)?;
                }
                Cell::Count(n) => {
                    let f = base
                        .clone()
                        .set_num_format("0")
                        .set_align(FormatAlign::Center);
                    sheet.write_number_with_format(r, col, *n, &f)?;
                }
                Cell::Blank => {
                    sheet.write_blank(r, col, &base)?;
                }
            }
        }
        if lines > 1.0 {
            sheet.set_row_height(r, 15.0 * lines.min(20.0))?;
        }
    }
    if filter {
        sheet.set_freeze_panes(first_row + 1, 0)?;
        sheet.autofilter(
            first_row,
            0,
            first_row + rows.len().max(1) as u32,
            headers.len().saturating_sub(1) as u16,
        )?;
    }
    Ok(())
}

/// A title across `width` columns of `row`.
pub fn title(sheet: &mut Worksheet, row: u32, text: &str, width: usize) -> Result<(), XlsxError> {
    let f = style::title().set_align(FormatAlign::Center);
    let last = width.saturating_sub(1) as u16;
    if last == 0 {
        sheet.write_string_with_format(row, 0, text, &f)?;
    } else {
        sheet.merge_range(row, 0, row, last, text, &f)?;
    }
    sheet.set_row_height(row, 30)?;
    Ok(())
}

/// A4, one page wide, `header_row` repeated on every page, page numbers in the footer.
pub fn printable(sheet: &mut Worksheet, header_row: u32, landscape: bool) -> Result<(), XlsxError> {
    if landscape {
        sheet.set_landscape();
    } else {
        sheet.set_portrait();
    }
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_print_center_horizontally(true);
    sheet.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    sheet.set_repeat_rows(0, header_row)?;
    sheet.set_footer("&C第 &P 页，共 &N 页");
    Ok(())
}

/// A workbook with its title and author set.
pub fn workbook(title: &str) -> Workbook {
    let mut book = Workbook::new();
    book.set_properties(&DocProperties::new().set_title(title).set_author("taizhang"));
    book
}

/// A bold body cell for a label column.
pub fn label_format() -> Format {
    style::body()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color(Color::RGB(0xF2F2F2))
}
