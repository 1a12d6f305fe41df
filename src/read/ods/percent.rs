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

use std::collections::{HashMap, HashSet};
use std::io::{BufReader, Cursor, Read};

use quick_xml::events::BytesStart;
use quick_xml::events::Event;
use quick_xml::Reader;
use quick_xml::XmlVersion;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::ods::tests::ODS;

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
}
