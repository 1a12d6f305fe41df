//! What calamine will allocate for every table of an `.ods` when it opens the
//! workbook ([`extents`]).
//!
//! `Ods::new` parses every table before it returns. For each one it keeps a
//! row buffer of cells (each repeated value copied `number-columns-repeated`
//! times, with the empty cells before it), then a dense range covering the
//! rows and columns from the first value to the last with every repeat
//! expanded, and the same again for formulas; the only cap is 100,000,000
//! cells (about 3.2 GB). Strings are copied into every cell that repeats
//! them, and `<text:s text:c="…"/>` spaces are materialised. `extents`
//! follows calamine's parser event by event, so it sees the document exactly
//! as calamine will (quick-xml and zip are the same versions), and counts what
//! calamine would store without storing it.
//!
//! This file follows calamine's `parse_content`; `table` follows its
//! `read_table`, `read_row` and `get_datatype` inside each table.

use std::collections::HashMap;
use std::io::{BufReader, Cursor, Read};

use quick_xml::events::Event;
use quick_xml::Reader;

use super::table::Measured;
use super::{decode, end_name, qname, raw_attr, Step, Stop};
use crate::read::xls::{extent_map, Extent};

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

struct Measure {
    sheets: Vec<(String, Extent)>,
    /// The last sheet was cut short by a stop.
    open: bool,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::ods::tests::{ods, ODS};

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
        let corners: &[u8] = include_bytes!("../../../tests/data/hostile/corners.ods");
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
