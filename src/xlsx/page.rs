//! Page furniture shared by every workbook: titles above a table, the print setup, and the
//! workbook's document properties.

use chrono::NaiveDateTime;
use rust_xlsxwriter::{DocProperties, FormatAlign, Workbook, Worksheet, XlsxError};

use super::style;

/// The smallest print scale a table may need to fit the page width: its columns are chosen and
/// narrowed ([`crate::xlsx::Table::page`]) so that it prints at least this large.
pub const MIN_SCALE: f64 = 0.82;

/// Widest a table of `columns` visible columns may be, in column units, to print one A4 page
/// wide at [`MIN_SCALE`] or more with this module's margins: a column unit is 7 pixels (at 96
/// per inch) and each column has 5 pixels of padding; A4 less 0.5″ margins either side leaves
/// 10.69″ landscape, 7.27″ portrait.
pub fn page_units(columns: usize, landscape: bool) -> f64 {
    let inches = if landscape { 10.69 } else { 7.27 };
    let pixels = inches * 96.0 / MIN_SCALE;
    // Each column costs 5 px of gap, and the spreadsheet adds about one unit of padding to the
    // width it is given (40 becomes 40.71).
    ((pixels - 12.0 * columns as f64) / 7.0).max(0.0)
}

/// How a sheet is fitted to paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// Printed at full size (a big data sheet would be unreadable shrunk).
    None,
    /// One page wide, as many pages long as needed.
    Width,
    /// One page (a chart, one project).
    Page,
}

/// How a sheet prints: A4 always; orientation, fitting and the rows repeated on every page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Print {
    /// Landscape for wide tables, portrait otherwise.
    pub landscape: bool,
    /// How the sheet is fitted to paper.
    pub fit: Fit,
    /// Rows (first, last) printed atop every page: the title and header of a table.
    pub repeat: Option<(u32, u32)>,
}

impl Print {
    /// A wide table: landscape, one page wide, rows `0..=header_row` on every page.
    pub fn wide(header_row: u32) -> Print {
        Print {
            landscape: true,
            fit: Fit::Width,
            repeat: Some((0, header_row)),
        }
    }

    /// A narrow table: portrait, one page wide, rows `0..=header_row` on every page.
    pub fn narrow(header_row: u32) -> Print {
        Print {
            landscape: false,
            ..Print::wide(header_row)
        }
    }

    /// One page (a chart, a project sheet), in the given orientation.
    pub fn one_page(landscape: bool) -> Print {
        Print {
            landscape,
            fit: Fit::Page,
            repeat: None,
        }
    }

    /// Sets the sheet up to print: A4, centred, page numbers in the footer.
    pub fn apply(&self, sheet: &mut Worksheet) -> Result<(), XlsxError> {
        if self.landscape {
            sheet.set_landscape();
        } else {
            sheet.set_portrait();
        }
        sheet.set_paper_size(9);
        match self.fit {
            Fit::None => {}
            Fit::Width => {
                sheet.set_print_fit_to_pages(1, 0);
            }
            Fit::Page => {
                sheet.set_print_fit_to_pages(1, 1);
            }
        }
        sheet.set_print_center_horizontally(true);
        sheet.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
        if let Some((first, last)) = self.repeat {
            sheet.set_repeat_rows(first, last)?;
        }
        sheet.set_footer(crate::say::sheets::FOOTER);
        Ok(())
    }
}

/// A title across `width` columns of `row`, centred.
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

/// A workbook with its title and author set, and its creation time when given (so the same
/// input gives the same bytes).
pub fn workbook(title: &str, created: Option<NaiveDateTime>) -> Workbook {
    let mut book = Workbook::new();
    let mut props = DocProperties::new().set_title(title).set_author("taizhang");
    if let Some(t) = created {
        props = props.set_creation_datetime(&t);
    }
    book.set_properties(&props);
    book
}
