//! Word documents (`.docx`, SPEC §3.6): every table a grid, the paragraphs outside the tables
//! one more sheet, so the form locator reads a Word 立项书 as it reads a sheet.
//!
//! `word/document.xml` is streamed from the zip (never inflated whole): a table is a sheet
//! named `表1`, `表2` … in document order, its rows and grid columns the sheet's rows and
//! columns. A cell spanning columns (`gridSpan`) holds its text at its first column and leaves
//! the others empty, and a cell continuing a vertical merge (`vMerge` without `restart`) is
//! empty: that is how the xlsx reader shows merged cells (only the top-left cell has a value).
//! The paragraphs outside the tables (the title, `标签：值` lines) become the sheet `正文`, one
//! paragraph a row, a `标签：值` line split into the label in A and the value in B.
//!
//! Memory is bounded by the limits: a cell past Excel's 32,767 characters and a table (or the
//! body) past `max_cells_per_sheet` cells are refused while reading.

use std::io::{BufReader, Cursor};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::bounded::TEXT_PER_CELL;
use super::{Cell, Limits, ReadError, Sheet, Value, Workbook, MAX_CELL_CHARS};
use crate::say::reading as say;

/// The part of a `.docx` that holds the text.
pub(super) const DOCUMENT: &str = "word/document.xml";

/// A label in a `标签：值` line is short; a longer text before a colon is a sentence.
const MAX_LABEL_CHARS: usize = 20;

/// Reads a `.docx` into one sheet per table and, when there is text outside the tables, `正文`.
pub(super) fn load(bytes: &[u8], limits: &Limits) -> Result<Workbook, ReadError> {
    let corrupt = |e: &dyn std::fmt::Display| ReadError::Unreadable(say::corrupt(e));
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| corrupt(&e))?;
    let part = archive.by_name(DOCUMENT).map_err(|e| corrupt(&e))?;
    let mut doc = Document::new(limits);
    let mut reader = Reader::from_reader(BufReader::new(part));
    reader.config_mut().trim_text(false);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) => break,
            Ok(event) => doc.event(event)?,
            Err(e) => return Err(corrupt(&e)),
        }
        buf.clear();
    }
    if !doc.seen_body {
        return Err(corrupt(&"word/document.xml has no w:body"));
    }
    Ok(doc.finish())
}

/// One table being read.
#[derive(Default)]
struct Table {
    cells: Vec<Cell>,
    /// The current row (`None` before the first `w:tr`).
    row: Option<u32>,
    /// The grid column the next cell starts at.
    col: u32,
    /// The open cell: its text, the columns it spans, whether it continues a vertical merge.
    cell: Option<OpenCell>,
}

#[derive(Default)]
struct OpenCell {
    text: String,
    span: u32,
    continues: bool,
}

/// The reader's state over `document.xml`.
struct Document<'l> {
    limits: &'l Limits,
    seen_body: bool,
    /// Open tables, outermost first: a table inside a cell gives its text to that cell.
    tables: Vec<Table>,
    done: Vec<Sheet>,
    /// Open paragraphs (a text box's paragraphs open inside another's).
    paragraphs: Vec<String>,
    /// Inside `w:t` (text), whose characters are the document's.
    in_text: bool,
    /// Depth inside elements whose text is a duplicate or no text (`mc:Fallback`, `w:delText`
    /// is its own element and never read).
    skip: u32,
    body: Vec<String>,
    /// Cells kept in all sheets: the whole document may hold twice one sheet's limit.
    total: usize,
    /// Bytes of text kept in all sheets.
    text: u64,
}

impl<'l> Document<'l> {
    fn new(limits: &'l Limits) -> Document<'l> {
        Document {
            limits,
            seen_body: false,
            tables: Vec::new(),
            done: Vec::new(),
            paragraphs: Vec::new(),
            in_text: false,
            skip: 0,
            body: Vec::new(),
            total: 0,
            text: 0,
        }
    }

    fn event(&mut self, event: Event<'_>) -> Result<(), ReadError> {
        match event {
            Event::Start(e) => {
                if self.skip > 0 || local(&e) == "Fallback" {
                    self.skip += 1;
                    return Ok(());
                }
                self.start(&e)?;
            }
            Event::Empty(e) if self.skip == 0 => {
                self.start(&e)?;
                self.end(local(&e))?;
            }
            Event::End(e) => {
                if self.skip > 0 {
                    self.skip -= 1;
                    return Ok(());
                }
                self.end(e.local_name().as_ref())?;
            }
            Event::Text(t) if self.in_text && self.skip == 0 => self.push(&t)?,
            Event::CData(t) if self.in_text && self.skip == 0 => self.push(&t)?,
            Event::GeneralRef(r) if self.in_text && self.skip == 0 => {
                if let Some(c) = crate::text::xml_entity(&r) {
                    self.push(c.encode_utf8(&mut [0u8; 4]))?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn start(&mut self, e: &BytesStart<'_>) -> Result<(), ReadError> {
        match local(e) {
            "body" => self.seen_body = true,
            "tbl" => self.tables.push(Table::default()),
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.row = Some(t.row.map_or(0, |r| r.saturating_add(1)));
                    t.col = 0;
                }
            }
            "gridBefore" => {
                if let Some(t) = self.tables.last_mut() {
                    t.col = t.col.saturating_add(val(e).unwrap_or(0));
                }
            }
            "tc" => {
                if let Some(t) = self.tables.last_mut() {
                    t.cell = Some(OpenCell {
                        span: 1,
                        ..OpenCell::default()
                    });
                }
            }
            "gridSpan" => {
                if let Some(c) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    c.span = val(e).unwrap_or(1).clamp(1, 1024);
                }
            }
            "vMerge" => {
                if let Some(c) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    c.continues = attr(e, "val").is_none_or(|v| v != "restart");
                }
            }
            "p" => self.paragraphs.push(String::new()),
            "t" => self.in_text = true,
            "tab" if !self.paragraphs.is_empty() => self.push("\t")?,
            "br" | "cr" if !self.paragraphs.is_empty() => self.push("\n")?,
            "noBreakHyphen" => self.push("-")?,
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self, name: &str) -> Result<(), ReadError> {
        match name {
            "t" => self.in_text = false,
            "p" => {
                if let Some(text) = self.paragraphs.pop() {
                    self.deliver(text)?;
                }
            }
            "tc" => self.close_cell()?,
            "tbl" => {
                if let Some(table) = self.tables.pop() {
                    self.close_table(table)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Appends text to the open paragraph, refusing a cell past Excel's length.
    fn push(&mut self, s: &str) -> Result<(), ReadError> {
        let Some(p) = self.paragraphs.last_mut() else {
            return Ok(());
        };
        if p.len().saturating_add(s.len()) > MAX_CELL_CHARS * 4 {
            return Err(self.too_long());
        }
        p.push_str(s);
        Ok(())
    }

    /// A finished paragraph goes to the enclosing paragraph (a text box), else the open cell,
    /// else the body.
    fn deliver(&mut self, text: String) -> Result<(), ReadError> {
        if let Some(outer) = self.paragraphs.last_mut() {
            if !text.is_empty() {
                if !outer.is_empty() {
                    outer.push('\n');
                }
                outer.push_str(&text);
            }
            return Ok(());
        }
        if let Some(table) = self.tables.last_mut() {
            let mut long = false;
            if let Some(cell) = table.cell.as_mut() {
                if !cell.text.is_empty() || !text.is_empty() {
                    cell.text.push('\n');
                }
                cell.text.push_str(&text);
                long = cell.text.chars().count() > MAX_CELL_CHARS;
            }
            return if long { Err(self.too_long()) } else { Ok(()) };
        }
        let text = text.trim().to_owned();
        if text.is_empty() {
            return Ok(());
        }
        if text.chars().count() > MAX_CELL_CHARS {
            return Err(self.too_long());
        }
        self.count(say::WORD_BODY_SHEET.to_owned(), self.body.len(), text.len())?;
        self.body.push(text);
        Ok(())
    }

    /// Refuses a sheet past the cell limit, a document past twice that in all, or past the
    /// workbook's text allowance (as for xlsx, see `bounded`).
    fn count(&mut self, sheet: String, in_sheet: usize, bytes: usize) -> Result<(), ReadError> {
        let limit = self.limits.max_cells_per_sheet;
        let text_max = (limit as u64).saturating_mul(TEXT_PER_CELL);
        self.text = self.text.saturating_add(bytes as u64);
        if in_sheet >= limit || self.total >= limit.saturating_mul(2) || self.text > text_max {
            return Err(ReadError::TooManyCells { sheet, limit });
        }
        self.total += 1;
        Ok(())
    }

    fn close_cell(&mut self) -> Result<(), ReadError> {
        let depth = self.tables.len();
        let Some(table) = self.tables.last_mut() else {
            return Ok(());
        };
        let Some(cell) = table.cell.take() else {
            return Ok(());
        };
        let col = table.col;
        table.col = table.col.saturating_add(cell.span);
        let text = cell.text.trim_matches('\n').trim_end().to_owned();
        if depth > 1 {
            // A table inside a cell: its text is the outer cell's.
            let mut long = false;
            if let Some(outer) = self.tables.get_mut(depth - 2).and_then(|t| t.cell.as_mut()) {
                if !text.is_empty() {
                    if !outer.text.is_empty() {
                        outer.text.push('\n');
                    }
                    outer.text.push_str(&text);
                    long = outer.text.chars().count() > MAX_CELL_CHARS;
                }
            }
            return if long { Err(self.too_long()) } else { Ok(()) };
        }
        if cell.continues || text.is_empty() {
            return Ok(());
        }
        let row = table.row.unwrap_or(0);
        let in_sheet = table.cells.len();
        self.count(
            say::word_table_sheet(self.done.len() + 1),
            in_sheet,
            text.len(),
        )?;
        let Some(table) = self.tables.last_mut() else {
            return Ok(());
        };
        table.cells.push(Cell {
            row,
            col,
            value: Value::text(text),
        });
        Ok(())
    }

    fn close_table(&mut self, table: Table) -> Result<(), ReadError> {
        if !self.tables.is_empty() {
            return Ok(()); // nested: its text went to the enclosing cell
        }
        let name = say::word_table_sheet(self.done.len() + 1);
        self.done.push(Sheet::new(name, true, table.cells));
        Ok(())
    }

    fn too_long(&self) -> ReadError {
        let sheet = if self.tables.is_empty() {
            say::WORD_BODY_SHEET.to_owned()
        } else {
            say::word_table_sheet(self.done.len() + 1)
        };
        ReadError::CellTooLong { sheet }
    }

    fn finish(mut self) -> Workbook {
        if !self.body.is_empty() {
            let cells = self
                .body
                .iter()
                .enumerate()
                .flat_map(|(row, line)| body_row(row as u32, line))
                .collect();
            self.done
                .push(Sheet::new(say::WORD_BODY_SHEET.to_owned(), true, cells));
        }
        Workbook { sheets: self.done }
    }
}

/// One paragraph of `正文`: a `标签：值` line as label (with its colon) in A and value in B,
/// anything else whole in A.
fn body_row(row: u32, line: &str) -> Vec<Cell> {
    let cell = |col: u32, text: &str| Cell {
        row,
        col,
        value: Value::text(text.trim()),
    };
    if let Some(at) = line.find(['：', ':']) {
        let colon = line[at..].chars().next().map_or(1, char::len_utf8);
        let (label, value) = (&line[..at + colon], &line[at + colon..]);
        let label_chars = label.chars().count();
        if label_chars > 1 && label_chars <= MAX_LABEL_CHARS + 1 {
            return vec![cell(0, label), cell(1, value)];
        }
    }
    vec![cell(0, line)]
}

fn local<'a>(e: &'a BytesStart<'_>) -> &'a str {
    let name = e.name().into_inner();
    name.rsplit(':').next().unwrap_or(name)
}

/// The attribute with local name `key`, as text.
fn attr(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == key)
        .map(|a| a.value.into_owned())
}

/// A numeric `w:val`.
fn val(e: &BytesStart<'_>) -> Option<u32> {
    attr(e, "val")?.trim().parse().ok()
}

/// True when a zip holds a Word document and no workbook (a `.docx`, whatever its name).
pub(super) fn is_word(names: &[String]) -> bool {
    names.iter().any(|n| n == DOCUMENT) && !names.iter().any(|n| n.starts_with("xl/"))
}

#[cfg(test)]
mod tests;
