//! Percent-formatted numeric cells of an OpenDocument spreadsheet (`.ods`).
//!
//! calamine reads `.ods` values but exposes no number formats for them: a cell
//! formatted as a percentage (shown as `60%`) comes back as `Float(0.6)`, and
//! nothing says it was a percent cell. In ODF the cell itself says so with
//! `office:value-type="percentage"`, so this module streams `content.xml` and
//! collects the positions of such cells.
//!
//! Positions follow the ODF table model: rows and cells carry
//! `table:number-rows-repeated` / `table:number-columns-repeated`, and
//! `table:covered-table-cell` (the hidden part of a merged area) takes a
//! column like any cell. Repeats are counted arithmetically, never iterated,
//! so LibreOffice's filler (`number-rows-repeated="1048000"`) costs nothing;
//! positions past 1,000,000 rows or 16,384 columns are not tracked.
//!
//! Hostile input is expected: the zip entry is refused when its declared size
//! is too large, the bytes read from it are capped, and any error ends the
//! scan with what was found so far. Nothing here panics.
//!
//! The module also measures what calamine will allocate for every table
//! ([`extents`]), following calamine's own parser event by event, so the
//! loader can refuse a sheet before calamine builds its dense range.

use std::collections::{HashMap, HashSet};
use std::io::{BufReader, Cursor, Read};

use quick_xml::events::BytesStart;
use quick_xml::events::Event;
use quick_xml::name::QName;
use quick_xml::Reader;
use quick_xml::XmlVersion;

use super::xls_percent::extent_map;
pub use super::xls_percent::Extent;

/// Rows past this (zero-based index ≥ it) are not tracked.
const MAX_ROWS: u64 = 1_000_000;
/// Columns past this (zero-based index ≥ it) are not tracked.
const MAX_COLS: u64 = 16_384;
/// Largest `content.xml`, declared or actually read (bytes).
const MAX_CONTENT: u64 = 200 * 1024 * 1024;
/// Most positions collected over the whole workbook; a percent cell repeated
/// over a million rows must not fill memory.
const MAX_POSITIONS: usize = 250_000;

/// Finds the cells of an `.ods` workbook whose value type is a percentage.
///
/// `bytes` is the whole file (a zip with `content.xml`). Returns sheet name
/// (`table:name`) → set of zero-based `(row, col)` of the cells with
/// `office:value-type="percentage"`. Sheets without such cells are absent.
///
/// Never panics; on a damaged, truncated, oversized or foreign file it
/// returns what it found so far (often an empty map).
pub fn percent_cells(bytes: &[u8]) -> HashMap<String, HashSet<(u32, u32)>> {
    let mut out = HashMap::new();
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return out;
    };
    let Ok(entry) = zip.by_name("content.xml") else {
        return out;
    };
    if entry.size() > MAX_CONTENT {
        return out;
    }
    scan(BufReader::new(entry.take(MAX_CONTENT)), &mut out);
    out
}

/// Position bookkeeping for the table being read.
struct Table {
    name: String,
    /// Zero-based index of the current (or next) row.
    row: u64,
    /// `number-rows-repeated` of the current row.
    row_repeat: u64,
    /// Zero-based index of the next cell in the current row.
    col: u64,
    /// Percent cells of the current row: (first column, count).
    row_hits: Vec<(u64, u64)>,
    cells: HashSet<(u32, u32)>,
}

impl Table {
    /// Starts a row element.
    fn start_row(&mut self, e: &BytesStart<'_>) {
        self.row_repeat = repeat(e, "table:number-rows-repeated");
        self.col = 0;
        self.row_hits.clear();
    }

    /// Ends a row element: its percent cells hold in every repeated row.
    fn end_row(&mut self, budget: &mut usize) {
        let rows_end = self.row.saturating_add(self.row_repeat).min(MAX_ROWS);
        'rows: for r in self.row..rows_end {
            for &(c0, n) in &self.row_hits {
                for c in c0..c0.saturating_add(n) {
                    if *budget == 0 {
                        break 'rows;
                    }
                    if let (Ok(r), Ok(c)) = (u32::try_from(r), u32::try_from(c)) {
                        if self.cells.insert((r, c)) {
                            *budget -= 1;
                        }
                    }
                }
            }
        }
        self.row_hits.clear();
        self.row = self.row.saturating_add(self.row_repeat);
        self.col = 0;
    }

    /// A `table:table-cell` or `table:covered-table-cell`.
    fn cell(&mut self, e: &BytesStart<'_>) {
        let n = repeat(e, "table:number-columns-repeated");
        if self.row < MAX_ROWS && self.col < MAX_COLS && is_percent(e) {
            let n = n.min(MAX_COLS - self.col);
            self.row_hits.push((self.col, n));
        }
        self.col = self.col.saturating_add(n);
    }
}

/// A repeat count attribute: at least 1, 1 when absent or unreadable.
fn repeat(e: &BytesStart<'_>, key: &str) -> u64 {
    attr(e, key)
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|&n| n >= 1)
        .unwrap_or(1)
}

fn is_percent(e: &BytesStart<'_>) -> bool {
    attr(e, "office:value-type").is_some_and(|v| v == "percentage")
}

/// The unescaped value of attribute `key`, if present and readable.
fn attr(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .and_then(|a| {
            a.normalized_value(XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// Streams `content.xml` and fills `out`; stops quietly at the first error.
fn scan<R: std::io::BufRead>(input: R, out: &mut HashMap<String, HashSet<(u32, u32)>>) {
    let mut reader = Reader::from_reader(input);
    let mut buf = Vec::new();
    let mut table: Option<Table> = None;
    // Depth of nested `table:table` elements (sub-tables inside cells are
    // not part of the sheet grid and are ignored).
    let mut depth = 0u32;
    let mut budget = MAX_POSITIONS;
    loop {
        buf.clear();
        let (e, empty) = match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => (e, false),
            Ok(Event::Empty(e)) => (e, true),
            Ok(Event::End(e)) => {
                match e.name().as_ref() {
                    "table:table" => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            finish(table.take(), out);
                        }
                    }
                    "table:table-row" if depth == 1 => {
                        if let Some(t) = table.as_mut() {
                            t.end_row(&mut budget);
                        }
                    }
                    _ => {}
                }
                continue;
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => continue,
        };
        match e.name().as_ref() {
            "table:table" => {
                if depth == 0 {
                    table = Some(Table {
                        name: attr(&e, "table:name").unwrap_or_default(),
                        row: 0,
                        row_repeat: 1,
                        col: 0,
                        row_hits: Vec::new(),
                        cells: HashSet::new(),
                    });
                    if empty {
                        finish(table.take(), out);
                        continue;
                    }
                }
                if !empty {
                    depth = depth.saturating_add(1);
                }
            }
            "table:table-row" if depth == 1 => {
                if let Some(t) = table.as_mut() {
                    t.start_row(&e);
                    if empty {
                        t.end_row(&mut budget);
                    }
                }
            }
            "table:table-cell" | "table:covered-table-cell" if depth == 1 => {
                if let Some(t) = table.as_mut() {
                    t.cell(&e);
                }
            }
            _ => {}
        }
    }
    // A truncated document: keep what the open table and row had.
    if let Some(t) = table.as_mut() {
        if !t.row_hits.is_empty() {
            t.end_row(&mut budget);
        }
    }
    finish(table.take(), out);
}

/// Moves a finished table's cells into the result.
fn finish(table: Option<Table>, out: &mut HashMap<String, HashSet<(u32, u32)>>) {
    if let Some(t) = table {
        if !t.cells.is_empty() {
            out.entry(t.name).or_default().extend(t.cells);
        }
    }
}

// ---------------------------------------------------------------------------
// Extents: what calamine will allocate when it opens the workbook.
//
// `Ods::new` parses every table before it returns. For each one it keeps a
// row buffer of cells (each repeated value copied `number-columns-repeated`
// times, with the empty cells before it), then a dense range covering the
// rows and columns from the first value to the last with every repeat
// expanded, and the same again for formulas; the only cap is 100,000,000
// cells (about 3.2 GB). Strings are copied into every cell that repeats
// them, and `<text:s text:c="…"/>` spaces are materialised. `extents`
// follows calamine's parser event by event, so it sees the document exactly
// as calamine will (quick-xml and zip are the same versions), and counts what
// calamine would store without storing it.

/// calamine's own caps on rows and columns of an `.ods` table.
const CAL_MAX_ROWS: u64 = 1_048_576;
const CAL_MAX_COLS: u64 = 16_384;
/// Most decompressed `content.xml` measured (bytes). A longer one is
/// refused: past this the sheets cannot be measured within bounded work.
const MAX_MEASURED: u64 = 1 << 30;

/// Measures every table of an `.ods` the way calamine will read it.
///
/// Returns table name → [`Extent`] for every table calamine would build
/// (same-named tables merged). A table calamine would never finish reading
/// (the document ends inside it: calamine loops forever there) is
/// [`Extent::UNBOUNDED`], and so is the table being read where
/// `content.xml` passes 1 GiB decompressed (between tables, the empty name
/// `""` stands for the rest). Empty when the file is no zip with a
/// `content.xml` (calamine fails on it too). Never panics; repeats are
/// counted arithmetically, never expanded.
pub fn extents(bytes: &[u8]) -> HashMap<String, Extent> {
    measure(bytes, MAX_MEASURED)
}

/// [`extents`], measuring at most `cap` bytes of `content.xml`.
fn measure(bytes: &[u8], cap: u64) -> HashMap<String, Extent> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return HashMap::new();
    };
    let Ok(entry) = zip.by_name("content.xml") else {
        return HashMap::new();
    };
    let mut reader = Reader::from_reader(BufReader::new(entry.take(cap)));
    // calamine's reader configuration: the same events, in the same places.
    let config = reader.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;
    let mut m = Measure {
        sheets: Vec::new(),
        open: false,
    };
    m.content(&mut reader);
    if reader.get_ref().get_ref().limit() == 0 {
        match m.sheets.last_mut() {
            Some(last) if m.open => last.1 = Extent::UNBOUNDED,
            _ => m.sheets.push((String::new(), Extent::UNBOUNDED)),
        }
    }
    extent_map(m.sheets)
}

/// Where the measurement stops, what was counted so far standing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    /// calamine fails here (or the input ended where it would fail).
    Fails,
    /// calamine loops here forever: the document ended inside a table.
    Loops,
}

type Step<T> = Result<T, Stop>;

struct Measure {
    sheets: Vec<(String, Extent)>,
    /// The last sheet was cut short by a stop.
    open: bool,
}

/// Element name of an event, as a string.
fn qname<'e>(e: &'e BytesStart<'_>) -> &'e str {
    e.name().into_inner()
}

fn end_name<'e>(e: &'e quick_xml::events::BytesEnd<'_>) -> &'e str {
    e.name().into_inner()
}

fn is_cell(name: &str) -> bool {
    name == "table:table-cell" || name == "table:covered-table-cell"
}

impl Measure {
    /// calamine's `parse_content`.
    fn content<R: std::io::BufRead>(&mut self, reader: &mut Reader<R>) {
        let mut buf = Vec::new();
        loop {
            buf.clear();
            let name = match reader.read_event_into(&mut buf) {
                Ok(Event::Start(e)) => match qname(&e) {
                    "table:table" => match raw_attr(&e, "table:name") {
                        Ok(Some(v)) => Some(decode(v)),
                        Ok(None) => continue,
                        Err(_) => return,
                    },
                    "table:named-expressions" => {
                        if named_expressions(reader).is_err() {
                            return;
                        }
                        continue;
                    }
                    _ => continue,
                },
                Ok(Event::Eof) | Err(_) => return,
                Ok(_) => continue,
            };
            let Some(name) = name else { continue };
            let mut t = Measured {
                e: Extent::EMPTY,
                rows: 0,
            };
            match t.read(reader) {
                Ok(()) => self.sheets.push((name, t.e)),
                Err(stop) => {
                    let e = if stop == Stop::Loops {
                        Extent::UNBOUNDED
                    } else {
                        t.e
                    };
                    self.sheets.push((name, e));
                    self.open = true;
                    return;
                }
            }
        }
    }
}

/// `table:named-expressions`, consumed as calamine does: anything but named
/// ranges and expressions inside it makes calamine fail.
fn named_expressions<R: std::io::BufRead>(reader: &mut Reader<R>) -> Step<()> {
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e))
                if matches!(qname(&e), "table:named-range" | "table:named-expression") => {}
            Ok(Event::End(e)) => match end_name(&e) {
                "table:named-range" | "table:named-expression" => {}
                "table:named-expressions" => return Ok(()),
                _ => return Err(Stop::Fails),
            },
            _ => return Err(Stop::Fails),
        }
    }
}

/// One table being measured.
struct Measured {
    e: Extent,
    /// Rows so far, repeats expanded and capped as calamine caps them.
    rows: u64,
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
    fn read<R: std::io::BufRead>(&mut self, reader: &mut Reader<R>) -> Step<()> {
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

/// calamine's `decode_attr` (XML unescaping); the raw text where it fails.
fn decode(v: &str) -> String {
    unescaped(v).unwrap_or_else(|_| v.to_owned())
}

fn unescaped(v: &str) -> Step<String> {
    quick_xml::escape::unescape(v)
        .map(|s| s.into_owned())
        .map_err(|_| Stop::Fails)
}

/// A repeat or space count, parsed as calamine parses it (`usize`).
fn parse_count(v: &str) -> Step<u64> {
    v.parse::<usize>()
        .map(|n| n as u64)
        .map_err(|_| Stop::Fails)
}

/// calamine's `raw_attr`: the raw value of the first attribute named `key`;
/// a malformed attribute before it is an error.
fn raw_attr<'e>(e: &'e BytesStart<'_>, key: &str) -> Step<Option<&'e str>> {
    for attr in RawAttrs::new(e) {
        let (k, v) = attr?;
        if k == key {
            return Ok(Some(v));
        }
    }
    Ok(None)
}

/// calamine's `RawAttrIter` (attrs.rs): raw `key="value"` pairs, no
/// unescaping, no duplicate check.
struct RawAttrs<'e> {
    raw: &'e str,
    pos: usize,
}

impl<'e> RawAttrs<'e> {
    fn new(e: &'e BytesStart<'_>) -> Self {
        RawAttrs {
            raw: e.attributes_raw(),
            pos: 0,
        }
    }
}

impl<'e> Iterator for RawAttrs<'e> {
    type Item = Step<(&'e str, &'e str)>;

    fn next(&mut self) -> Option<Self::Item> {
        let raw = self.raw;
        let bytes = raw.as_bytes();
        let len = bytes.len();
        let mut pos = self.pos;
        while pos < len && bytes.get(pos).is_some_and(u8::is_ascii_whitespace) {
            pos += 1;
        }
        if pos >= len {
            self.pos = pos;
            return None;
        }
        let key_start = pos;
        while pos < len && bytes.get(pos) != Some(&b'=') {
            pos += 1;
        }
        if pos >= len {
            self.pos = len;
            return Some(Err(Stop::Fails));
        }
        let key = raw.get(key_start..pos).unwrap_or("").trim_ascii_end();
        pos += 1;
        while pos < len && bytes.get(pos).is_some_and(u8::is_ascii_whitespace) {
            pos += 1;
        }
        let quote = match bytes.get(pos) {
            Some(&q @ (b'"' | b'\'')) => q,
            _ => {
                self.pos = len;
                return Some(Err(Stop::Fails));
            }
        };
        pos += 1;
        let val_start = pos;
        while pos < len && bytes.get(pos) != Some(&quote) {
            pos += 1;
        }
        let val = raw.get(val_start..pos).unwrap_or("");
        if pos < len {
            pos += 1;
        }
        self.pos = pos;
        Some(Ok((key, val)))
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    const ODS: &[u8] = include_bytes!("../../tests/data/percent/percent.ods");

    fn set(v: &[(u32, u32)]) -> HashSet<(u32, u32)> {
        v.iter().copied().collect()
    }

    fn scan_str(xml: &str) -> HashMap<String, HashSet<(u32, u32)>> {
        let mut out = HashMap::new();
        scan(xml.as_bytes(), &mut out);
        out
    }

    #[test]
    fn finds_percent_cells_in_libreoffice_ods() {
        let m = percent_cells(ODS);
        assert_eq!(m.len(), 2, "{m:?}");
        // Alpha: C1 (after a merged A1:B1), B3 `0%`, C4 `0.00%`, B10 formula.
        // Not: D5 plain 0.6, E6 date, F7 `0"%"`, G8 text, H9 blank.
        assert_eq!(m["Alpha"], set(&[(0, 2), (2, 1), (3, 2), (9, 1)]));
        // 第二页: A1 `0.00%`, C2 `0.0%`, D3..G3, AD2000 (after repeated rows).
        assert_eq!(
            m["第二页"],
            set(&[(0, 0), (1, 2), (2, 3), (2, 4), (2, 5), (2, 6), (1999, 29)])
        );
    }

    #[test]
    fn repeats_and_covered_cells() {
        let xml = r#"<office:spreadsheet>
            <table:table table:name="S">
              <table:table-row table:number-rows-repeated="2">
                <table:covered-table-cell table:number-columns-repeated="2"/>
                <table:table-cell office:value-type="percentage" table:number-columns-repeated="2"/>
              </table:table-row>
              <table:table-row table:number-rows-repeated="999999990"/>
              <table:table-row>
                <table:table-cell office:value-type="percentage"/>
              </table:table-row>
            </table:table>
            <table:table table:name="T &amp; U"><table:table-row>
              <table:table-cell table:number-columns-repeated="16383"/>
              <table:table-cell office:value-type="percentage" table:number-columns-repeated="5"/>
            </table:table-row></table:table>
          </office:spreadsheet>"#;
        let m = scan_str(xml);
        assert_eq!(m["S"], set(&[(0, 2), (0, 3), (1, 2), (1, 3)]));
        // Only the column before the cap is tracked.
        assert_eq!(m["T & U"], set(&[(0, 16383)]));
    }

    #[test]
    fn repeated_percent_rows_are_bounded() {
        let xml = r#"<table:table table:name="S">
              <table:table-row table:number-rows-repeated="4000000000">
                <table:table-cell office:value-type="percentage" table:number-columns-repeated="99999999"/>
              </table:table-row></table:table>"#;
        let m = scan_str(xml);
        assert_eq!(m["S"].len(), MAX_POSITIONS);
    }

    #[test]
    fn oversized_content_xml_is_refused() {
        // Make the central directory claim content.xml inflates to ~4 GB.
        let mut data = ODS.to_vec();
        let name = b"content.xml";
        let at = data
            .windows(4)
            .enumerate()
            .filter(|(_, w)| *w == b"PK\x01\x02")
            .map(|(i, _)| i)
            .find(|&i| data.get(i + 46..i + 46 + name.len()) == Some(&name[..]))
            .expect("central directory entry of content.xml");
        data[at + 24..at + 28].copy_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
        assert!(percent_cells(&data).is_empty());
    }

    #[test]
    fn hostile_input_gives_empty_map() {
        assert!(percent_cells(&[]).is_empty());
        assert!(percent_cells(b"PK\x03\x04 not a zip").is_empty());
        for len in [1, 4, 30, 100, ODS.len() / 2, ODS.len() - 1] {
            let _ = percent_cells(&ODS[..len]);
        }
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as u8
        };
        for i in 0..300usize {
            let len = (i * 37) % 4096;
            let mut data: Vec<u8> = (0..len).map(|_| next()).collect();
            assert!(percent_cells(&data).is_empty());
            if data.len() >= 4 {
                data[..4].copy_from_slice(b"PK\x03\x04");
                assert!(percent_cells(&data).is_empty());
            }
        }
        for _ in 0..300usize {
            let mut data = ODS.to_vec();
            for _ in 0..8 {
                let at = (usize::from(next()) << 8 | usize::from(next())) % data.len();
                data[at] = next();
            }
            let _ = percent_cells(&data);
        }
        // Malformed XML keeps what came before the error.
        let m = scan_str(
            r#"<table:table table:name="S"><table:table-row>
               <table:table-cell office:value-type="percentage"/></table:table-row>
               <table:table-row><table:table-cell x="<"#,
        );
        assert_eq!(m["S"], set(&[(0, 0)]));
    }

    // --- extents ---

    /// An `.ods` whose spreadsheet body is `tables`.
    pub(crate) fn ods(tables: &str) -> Vec<u8> {
        use std::io::Write;
        let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        let deflated = zip::write::SimpleFileOptions::default();
        z.start_file("mimetype", stored).unwrap();
        z.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
            .unwrap();
        z.start_file("META-INF/manifest.xml", deflated).unwrap();
        z.write_all(b"<manifest:manifest/>").unwrap();
        z.start_file("content.xml", deflated).unwrap();
        write!(
            z,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content><office:body>\
             <office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"
        )
        .unwrap();
        z.finish().unwrap().into_inner()
    }

    type Corners = (Option<(u32, u32)>, Option<(u32, u32)>);

    /// calamine's value and formula ranges of sheet `name`, and its used
    /// value cells.
    fn calamine_ranges(bytes: &[u8], name: &str) -> (Corners, Corners, u64) {
        use calamine::Reader;
        let mut book = calamine::Ods::new(Cursor::new(bytes.to_vec())).unwrap();
        let values = book.worksheet_range(name).unwrap();
        let formulas = book.worksheet_formula(name).unwrap();
        (
            (values.start(), values.end()),
            (formulas.start(), formulas.end()),
            values.used_cells().count() as u64,
        )
    }

    /// The box covers calamine's value and formula ranges, and counts its
    /// value cells.
    fn assert_covers(e: &Extent, bytes: &[u8], name: &str) {
        let (values, formulas, used) = calamine_ranges(bytes, name);
        for (start, end) in [values, formulas] {
            if let (Some(s), Some(t)) = (start, end) {
                assert!(
                    e.first_row <= s.0 && e.first_col <= s.1,
                    "{name}: {e:?} vs {s:?}"
                );
                assert!(
                    e.last_row >= t.0 && e.last_col >= t.1,
                    "{name}: {e:?} vs {t:?}"
                );
            }
        }
        assert_eq!(e.cells, used, "{name}");
    }

    #[test]
    fn extents_of_libreoffice_ods_match_calamine() {
        let m = extents(ODS);
        for name in ["Alpha", "第二页"] {
            assert_covers(&m[name], ODS, name);
        }
        let e = m["第二页"];
        assert_eq!(
            (e.first_row, e.last_row, e.first_col, e.last_col),
            (0, 1999, 0, 29)
        );
        let (values, _, _) = calamine_ranges(ODS, "第二页");
        assert_eq!(values, (Some((0, 0)), Some((1999, 29))));
    }

    #[test]
    fn extent_follows_calamine_rows_and_repeats() {
        let bytes = ods(concat!(
            r#"<table:table table:name="A">"#,
            // Leading empty rows: trimmed, but they move the range down.
            r#"<table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="5"/></table:table-row>"#,
            r#"<table:table-row><table:table-cell table:number-columns-repeated="2"/><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="3"/><table:covered-table-cell/><table:table-cell office:value-type="string" office:string-value="x"/></table:table-row>"#,
            // A formula without a value: only the formula range.
            r#"<table:table-row table:number-rows-repeated="4"><table:table-cell table:formula="of:=1"/><table:table-cell/></table:table-row>"#,
            r#"<table:table-row table:number-rows-repeated="2"><table:table-cell/></table:table-row>"#,
            r#"<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="9"/><table:table-cell office:value-type="string"><text:p>a<text:s text:c="3"/>b</text:p><text:p>c</text:p></table:table-cell></table:table-row>"#,
            // Trailing filler.
            r#"<table:table-row table:number-rows-repeated="1000"><table:table-cell table:number-columns-repeated="20"/></table:table-row>"#,
            r#"</table:table>"#,
        ));
        let e = extents(&bytes)["A"];
        assert_covers(&e, &bytes, "A");
        assert_eq!(
            (e.first_row, e.last_row, e.first_col, e.last_col),
            (3, 11, 0, 9)
        );
        assert_eq!(e.cells, 6);
        // Row buffers: 2 empty + 3 + 1 covered + 1; 1; 9 empty + 1.
        assert_eq!(e.staged, 18);
        // "x" twice (buffer, range); "a   b\nc" once + twice; the formula
        // once + four rows.
        assert_eq!(e.text_bytes, 2 + 7 * 3 + 5 * 5);
    }

    #[test]
    fn a_table_inside_a_string_cell_is_read_as_calamine_reads_it() {
        // calamine ends the string at the inner cell's end, the row at the
        // inner row's end, and reads the inner rows as the outer table's.
        let bytes = ods(concat!(
            r#"<table:table table:name="N"><table:table-row><table:table-cell office:value-type="string">"#,
            r#"<table:table><table:table-row><table:table-cell/></table:table-row>"#,
            r#"<table:table-row table:number-rows-repeated="5"><table:table-cell office:value-type="float" office:value="2" table:number-columns-repeated="3"/></table:table-row>"#,
            r#"</table:table></table:table-cell></table:table-row></table:table>"#,
        ));
        let e = extents(&bytes)["N"];
        assert_covers(&e, &bytes, "N");
        assert_eq!((e.last_row, e.last_col, e.cells), (5, 2, 16));
    }

    #[test]
    fn far_and_repeated_cells_are_counted_not_expanded() {
        // The LibreOffice file: A1 and ALL90000.
        let corners: &[u8] = include_bytes!("../../tests/data/hostile/corners.ods");
        let e = extents(corners)["表一"];
        assert_eq!(e.dense(), 90_000 * 1000);
        assert_eq!(e.cells, 2);
        // One value cell repeated over 16,384 columns and 100,000 rows.
        let row = |rows: u32| {
            ods(&format!(
                r#"<table:table table:name="R"><table:table-row table:number-rows-repeated="{rows}"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="16384"/></table:table-row></table:table>"#
            ))
        };
        let t = std::time::Instant::now();
        let e = extents(&row(100_000))["R"];
        assert_eq!(e.cells, 16_384 * 100_000);
        assert_eq!(e.dense(), 16_384 * 100_000);
        assert_eq!(e.staged, 16_384);
        // Past calamine's caps: rows 1,048,576, columns 16,384.
        let e = extents(&ods(
            r#"<table:table table:name="C"><table:table-row table:number-rows-repeated="4000000000"><table:table-cell table:number-columns-repeated="99999"/><table:table-cell office:value="1" table:number-columns-repeated="99999"/></table:table-row></table:table>"#,
        ))["C"];
        assert_eq!(e.cells, 0);
        assert_eq!(e.staged, 16_384);
        assert!(t.elapsed().as_secs() < 2);
    }

    #[test]
    fn materialised_text_is_counted() {
        // calamine pushes four billion spaces, one at a time.
        let bytes = ods(
            r#"<table:table table:name="S"><table:table-row><table:table-cell office:value-type="string"><text:p><text:s text:c="4000000000"/></text:p></table:table-cell></table:table-row></table:table>"#,
        );
        let e = extents(&bytes)["S"];
        assert_eq!(e.cells, 1);
        assert!(e.text_bytes >= 4_000_000_000);
        // A string-value copied into 16,384 columns of 60 rows.
        let long = "z".repeat(1000);
        let bytes = ods(&format!(
            r#"<table:table table:name="T"><table:table-row table:number-rows-repeated="60"><table:table-cell office:value-type="string" office:string-value="{long}" table:number-columns-repeated="16384"/></table:table-row></table:table>"#
        ));
        assert_eq!(extents(&bytes)["T"].text_bytes, 1000 * 16_384 * 61);
    }

    #[test]
    fn endless_tables_are_unbounded() {
        // calamine loops forever on a document ending inside a table, or
        // inside an annotation.
        let open_table = ods(
            r#"<table:table table:name="A"><table:table-row><table:table-cell office:value="1"/></table:table-row>"#,
        );
        assert_eq!(extents(&open_table)["A"], Extent::UNBOUNDED);
        let open_note = ods(
            r#"<table:table table:name="B"><table:table-row><table:table-cell office:value-type="string"><office:annotation><text:p>x"#,
        );
        assert_eq!(extents(&open_note)["B"], Extent::UNBOUNDED);
        // A content.xml past the cap: the table read there, or the rest.
        let big = ods(&format!(
            r#"<table:table table:name="C"><table:table-row><table:table-cell office:value="1"/></table:table-row></table:table>{}<table:table table:name="D"></table:table>"#,
            "<text:p/>".repeat(1000)
        ));
        let m = measure(&big, 400);
        assert_eq!(m["C"].cells, 1);
        assert_eq!(m[""], Extent::UNBOUNDED);
        assert_eq!(measure(&big, 150)["C"], Extent::UNBOUNDED);
        assert!(!extents(&big).contains_key(""));
        // Errors calamine fails on stop the count where it stops.
        let mismatch = ods(
            r#"<table:table table:name="E"><table:table-row><table:table-cell office:value="1"/> <table:table-cell office:value="1" table:number-columns-repeated="999"/></table:table-row></table:table>"#,
        );
        assert_eq!(extents(&mismatch)["E"].cells, 1);
    }

    #[test]
    fn measuring_never_panics() {
        assert!(extents(&[]).is_empty());
        assert!(extents(b"PK\x03\x04 not a zip").is_empty());
        let mut seed: u64 = 0xD1B5_4A32_D192_ED03;
        let mut next = || {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as usize
        };
        for len in (0..ODS.len()).step_by(61) {
            let _ = extents(&ODS[..len]);
        }
        for _ in 0..300 {
            let mut data = ODS.to_vec();
            for _ in 0..8 {
                let at = next() % data.len();
                data[at] = next() as u8;
            }
            let _ = extents(&data);
        }
        // Every truncation of a document.
        let doc = r#"<table:table table:name="S"><table:table-row table:number-rows-repeated="3"><table:table-cell office:value-type="string" table:formula="x"><text:p>a<text:s text:c="2"/></text:p><office:annotation><text:p>n</text:p></office:annotation></table:table-cell><table:covered-table-cell office:value="2"/></table:table-row></table:table>"#;
        for len in 0..doc.len() {
            if let Some(part) = doc.get(..len) {
                let _ = extents(&ods(part));
            }
        }
    }
}
