//! One `.ods` table measured the way calamine reads it: its `read_table`,
//! `read_row` and `get_datatype`, counting the rows, cells and text calamine
//! would store without storing them. Repeats are counted arithmetically,
//! never expanded, and capped where calamine caps them.

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::QName;
use quick_xml::Reader;

use super::{end_name, is_cell, parse_count, qname, raw_attr, unescaped, RawAttrs, Step, Stop};
use crate::read::xls::Extent;

/// calamine's own caps on rows and columns of an `.ods` table.
const CAL_MAX_ROWS: u64 = 1_048_576;
const CAL_MAX_COLS: u64 = 16_384;

/// One table being measured.
pub(super) struct Measured {
    pub(super) e: Extent,
    /// Rows so far, repeats expanded and capped as calamine caps them.
    pub(super) rows: u64,
}

/// What calamine makes of one cell element's attributes and content.
struct CellData {
    /// The value is not `Data::Empty`.
    value: bool,
    /// The formula is not empty.
    formula: bool,
    /// Bytes of the value's string and the formula, each copy.
    text: u64,
}

impl Measured {
    /// calamine's `read_table`.
    pub(super) fn read<R: std::io::BufRead>(&mut self, reader: &mut Reader<R>) -> Step<()> {
        let mut buf = Vec::new();
        loop {
            buf.clear();
            match reader.read_event_into(&mut buf) {
                Ok(Event::Start(e)) if qname(&e) == "table:table-row" => {
                    let repeats = match raw_attr(&e, "table:number-rows-repeated")? {
                        Some(v) => parse_count(&unescaped(v)?)?,
                        None => 1,
                    };
                    let repeats = repeats.min(CAL_MAX_ROWS.saturating_sub(self.rows));
                    let first = self.rows;
                    self.rows += repeats;
                    self.row(reader, first, repeats)?;
                }
                Ok(Event::End(e)) if end_name(&e) == "table:table" => return Ok(()),
                // calamine loops forever on a document that ends here.
                Ok(Event::Eof) => return Err(Stop::Loops),
                Err(_) => return Err(Stop::Fails),
                Ok(_) => {}
            }
        }
    }

    /// calamine's `read_row`, for a row element standing for rows
    /// `first .. first + repeats`.
    fn row<R: std::io::BufRead>(
        &mut self,
        reader: &mut Reader<R>,
        first: u64,
        repeats: u64,
    ) -> Step<()> {
        let mut buf = Vec::new();
        let mut skip = Vec::new();
        // Cells in calamine's buffer for this row; empty cells not yet
        // pushed (they are only pushed before a value).
        let mut width = 0u64;
        let mut empty = 0u64;
        loop {
            buf.clear();
            let (name, cols, attrs) = match reader.read_event_into(&mut buf) {
                Ok(Event::Start(e)) if is_cell(qname(&e)) => {
                    let cols = match raw_attr(&e, "table:number-columns-repeated")? {
                        Some(v) => parse_count(v)?,
                        None => 1,
                    };
                    (qname(&e).to_owned(), cols, CellAttrs::read(&e)?)
                }
                Ok(Event::End(e)) if end_name(&e) == "table:table-row" => return Ok(()),
                // Anything else in a row is an error in calamine.
                _ => return Err(Stop::Fails),
            };
            let (cell, closed) = attrs.content(reader)?;
            let pushed_empty = empty.min(CAL_MAX_COLS.saturating_sub(width));
            width += pushed_empty;
            self.e.staged = self.e.staged.saturating_add(pushed_empty);
            empty = 0;
            let n = cols.min(CAL_MAX_COLS.saturating_sub(width));
            if !cell.value && !cell.formula {
                empty = n;
            } else {
                if n > 0 {
                    let last_row = first + repeats.max(1) - 1;
                    self.e.cover(first, last_row, width, width + n - 1);
                    self.e.staged = self.e.staged.saturating_add(n);
                    if cell.value {
                        self.e.cells = self.e.cells.saturating_add(n.saturating_mul(repeats));
                    }
                }
                width += n;
                // One copy per pushed cell, then one per expanded row; the
                // first string is built even when no copy is pushed.
                let copies = n.max(1).saturating_mul(repeats.saturating_add(1));
                self.e.text_bytes = self
                    .e
                    .text_bytes
                    .saturating_add(cell.text.saturating_mul(copies));
            }
            if !closed {
                skip.clear();
                reader
                    .read_to_end_into(QName(name.as_str()), &mut skip)
                    .map_err(|_| Stop::Fails)?;
            }
        }
    }
}

/// The attributes of a cell, read as calamine's `get_datatype` reads them.
struct CellAttrs {
    value_set: bool,
    is_string: bool,
    is_error: bool,
    /// Bytes of a string value (`office:string-value`, dates, times).
    value_text: u64,
    /// The value is `Data::String("")`.
    empty_string: bool,
    formula_text: u64,
}

impl CellAttrs {
    fn read(e: &BytesStart<'_>) -> Step<CellAttrs> {
        let mut a = CellAttrs {
            value_set: false,
            is_string: false,
            is_error: false,
            value_text: 0,
            empty_string: false,
            formula_text: 0,
        };
        for attr in RawAttrs::new(e) {
            let (key, value) = attr?;
            match key {
                "office:value" if !a.value_set => a.value_set = true,
                "office:string-value" | "office:date-value" | "office:time-value"
                    if !a.value_set =>
                {
                    a.value_set = true;
                    a.value_text = value.len() as u64;
                    a.empty_string = key == "office:string-value" && value.is_empty();
                }
                "office:boolean-value" if !a.value_set => a.value_set = true,
                "office:value-type" if !a.value_set => a.is_string = value == "string",
                "calcext:value-type" => a.is_error = value == "error",
                "table:formula" => a.formula_text = value.len() as u64,
                _ => {}
            }
        }
        Ok(a)
    }

    /// Reads the cell's text content when calamine does; returns the cell
    /// and whether its element is already closed.
    fn content<R: std::io::BufRead>(&self, reader: &mut Reader<R>) -> Step<(CellData, bool)> {
        let formula = self.formula_text > 0;
        if !(!self.value_set && self.is_string || self.is_error && self.empty_string) {
            let cell = CellData {
                value: self.value_set,
                formula,
                text: self.value_text.saturating_add(self.formula_text),
            };
            return Ok((cell, false));
        }
        let mut buf = Vec::new();
        let mut len = 0u64;
        let mut first_paragraph = true;
        loop {
            buf.clear();
            let add = match reader.read_event_into(&mut buf) {
                Ok(Event::Text(t)) => t.len() as u64,
                // An entity or character reference: at most one character.
                Ok(Event::GeneralRef(_)) => 4,
                Ok(Event::End(e)) if is_cell(end_name(&e)) => break,
                Ok(Event::Start(e)) => match qname(&e) {
                    "office:annotation" => {
                        annotation(reader)?;
                        0
                    }
                    "text:p" if first_paragraph => {
                        first_paragraph = false;
                        0
                    }
                    "text:p" | "text:tab" | "text:line-break" => 1,
                    // calamine pushes that many spaces, one by one.
                    "text:s" => match raw_attr(&e, "text:c")? {
                        Some(v) => parse_count(&unescaped(v)?)?,
                        None => 1,
                    },
                    _ => 0,
                },
                Ok(Event::Eof) | Err(_) => return Err(Stop::Fails),
                Ok(_) => 0,
            };
            len = len.saturating_add(add);
        }
        let cell = CellData {
            value: true,
            formula,
            text: len.saturating_add(self.formula_text),
        };
        Ok((cell, true))
    }
}

/// Skips an `office:annotation` the way calamine does (to its first end).
fn annotation<R: std::io::BufRead>(reader: &mut Reader<R>) -> Step<()> {
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::End(e)) if end_name(&e) == "office:annotation" => return Ok(()),
            // calamine loops forever at the end of the document here.
            Ok(Event::Eof) => return Err(Stop::Loops),
            Err(_) => return Err(Stop::Fails),
            Ok(_) => {}
        }
    }
}
