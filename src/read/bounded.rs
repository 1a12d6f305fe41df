//! Memory per `.xlsx` bounded whatever the XML says, checked before calamine builds anything.
//!
//! calamine reads the whole shared-string table into memory when it opens a workbook, and it
//! builds a cell's text whole before handing the cell over: a 460 KB file whose sheet inflates
//! to 450 MB of one string cost 1.4 GB, and one long shared string used by many cells far more.
//! So before calamine opens the file, the shared strings, and every sheet large enough to hide
//! such a cell, are streamed through a small buffer (never inflated whole) and the file is
//! refused when
//! - a text (a cell, a shared string) is longer than Excel's [`MAX_CELL_CHARS`] characters, or
//! - the shared-string table holds more entries than twice the cell limit, or more text than
//!   the workbook's text allowance ([`TEXT_PER_CELL`] bytes per allowed cell).
//!
//! The cell loop in `load.rs` then holds the text that cells copy from shared strings to the
//! same allowance, so one file's cells cost at most that much text.

use std::io::{Cursor, Read};

use super::{Limits, ReadError, MAX_CELL_CHARS};
use crate::say::reading as say;

/// Bytes of text one workbook may hold, per allowed cell (64 MB at the default limit).
pub(super) const TEXT_PER_CELL: u64 = 64;

/// Parts declaring fewer bytes than this cannot hide what matters (a form's sheet is tens of
/// KB; at most 800,000 empty shared strings, a few MB of text): they are not scanned, so
/// ordinary files cost no second pass. The declared size can be trusted: the zip crate (also
/// calamine's) fails a read that inflates past it.
const SCAN_FROM: u64 = 4 * 1024 * 1024;

/// Checks the shared strings and the large sheets of a zip-based workbook (see the module).
pub(super) fn check_xlsx(bytes: &[u8], limits: &Limits) -> Result<(), ReadError> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(()); // diagnosed by the reader
    };
    for i in 0..archive.len() {
        let Ok(entry) = archive.by_index(i) else {
            continue;
        };
        let name = entry.name().unwrap_or_default().to_ascii_lowercase();
        let strings = name.ends_with("sharedstrings.xml");
        let sheet = name.starts_with("xl/worksheets/") && name.ends_with(".xml");
        if !(strings || sheet) || entry.size() < SCAN_FROM {
            continue;
        }
        let cap = limits.max_unpacked_bytes.saturating_add(1);
        let scan = scan(entry.take(cap));
        let sheet_name = || {
            if strings {
                say::WORKBOOK_TEXT
            } else {
                say::WORKBOOK_SHEETS
            }
            .to_owned()
        };
        if scan.longest_text > MAX_CELL_CHARS as u64 {
            return Err(ReadError::CellTooLong {
                sheet: sheet_name(),
            });
        }
        if strings {
            let limit = limits.max_cells_per_sheet;
            let text_max = (limit as u64).saturating_mul(TEXT_PER_CELL);
            if scan.si > (limit as u64).saturating_mul(2) || scan.text_bytes > text_max {
                return Err(ReadError::TooManyCells {
                    sheet: sheet_name(),
                    limit,
                });
            }
        }
    }
    Ok(())
}

/// What one streamed XML part holds.
#[derive(Debug, Default, PartialEq)]
struct Scan {
    /// Characters of the longest text between two tags (an upper bound: an entity counts as
    /// its characters).
    longest_text: u64,
    /// Bytes of all text between tags.
    text_bytes: u64,
    /// Elements named `si` (shared-string entries).
    si: u64,
}

/// Streams `part` through a 64 KB buffer; a read error ends the scan (the reader reports it).
fn scan(mut part: impl Read) -> Scan {
    let mut out = Scan::default();
    let mut buf = vec![0u8; 64 * 1024];
    let mut in_tag = false;
    let mut run = 0u64; // characters since the last '>'
    let mut name = [0u8; 3];
    let mut name_len = 0usize;
    let mut naming = false;
    loop {
        let n = match part.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        for &b in &buf[..n] {
            if in_tag {
                if b == b'>' {
                    in_tag = false;
                    if naming && name_len == 2 && name[..2] == *b"si" {
                        out.si += 1;
                    }
                    naming = false;
                    run = 0;
                } else if naming {
                    if b == b' ' || b == b'/' || b == b'\t' || b == b'\r' || b == b'\n' {
                        if name_len == 2 && name[..2] == *b"si" {
                            out.si += 1;
                        }
                        naming = false;
                    } else if name_len < name.len() {
                        name[name_len] = b;
                        name_len += 1;
                    } else {
                        naming = false;
                    }
                }
            } else if b == b'<' {
                in_tag = true;
                naming = true;
                name_len = 0;
                out.longest_text = out.longest_text.max(run);
            } else {
                out.text_bytes += 1;
                if b & 0xC0 != 0x80 {
                    run += 1;
                }
            }
        }
    }
    out.longest_text = out.longest_text.max(run);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_and_entries_are_measured() {
        let xml = "<sst><si><t>红色网格</t></si><si ><t xml:space=\"preserve\">a&amp;b</t></si><sis/></sst>";
        for chunk in [1, 7, 64 * 1024] {
            let s = scan(Chunked(xml.as_bytes(), chunk));
            // `a&amp;b` counts 7: the entity as written, an upper bound.
            assert_eq!((s.si, s.longest_text), (2, 7), "{chunk}");
        }
    }

    /// An xlsx of one sheet `S` with the given sheet data and shared strings, deflated: the
    /// 460 KB file of issue 14 whose sheet inflates to 450 MB, at any size.
    pub(crate) fn xlsx(sheet_data: &str, strings: &str) -> Vec<u8> {
        use std::io::Write;
        let opts = zip::write::SimpleFileOptions::default();
        let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let parts = [
            ("[Content_Types].xml", r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#.to_owned()),
            ("_rels/.rels", r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_owned()),
            ("xl/workbook.xml", r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_owned()),
            ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#.to_owned()),
            ("xl/worksheets/sheet1.xml", format!(r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{sheet_data}</sheetData></worksheet>"#)),
            ("xl/sharedStrings.xml", format!(r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{strings}</sst>"#)),
        ];
        for (name, text) in parts {
            z.start_file(name, opts).unwrap();
            z.write_all(text.as_bytes()).unwrap();
        }
        z.finish().unwrap().into_inner()
    }

    fn shared(row: usize) -> String {
        format!(
            r#"<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>"#,
            r = row + 1
        )
    }

    #[test]
    fn hostile_texts_are_refused_before_calamine_builds_them() {
        use crate::read::read_bytes;
        let limits = Limits::default();
        // One inline cell of 5M characters in a sheet that inflates to 5 MB.
        let long = "a".repeat(5 << 20);
        let cell =
            format!(r#"<row r="1"><c r="A1" t="inlineStr"><is><t>{long}</t></is></c></row>"#);
        let refused = read_bytes(&xlsx(&cell, ""), "xlsx", &limits).unwrap_err();
        assert!(
            matches!(refused, ReadError::CellTooLong { .. }),
            "{refused:?}"
        );
        // One shared string past Excel's length.
        let sst = format!("<si><t>{}</t></si>", "字".repeat(MAX_CELL_CHARS + 1));
        let refused = read_bytes(&xlsx(&shared(0), &sst), "xlsx", &limits).unwrap_err();
        assert!(
            matches!(refused, ReadError::CellTooLong { .. }),
            "{refused:?}"
        );
        // More shared strings than twice the cell limit (in a table past the scan threshold).
        let ten = Limits {
            max_cells_per_sheet: 10_000,
            ..Limits::default()
        };
        let many = "<si><t>x</t></si>".repeat(260_000);
        let refused = read_bytes(&xlsx(&shared(0), &many), "xlsx", &ten).unwrap_err();
        assert!(
            matches!(refused, ReadError::TooManyCells { .. }),
            "{refused:?}"
        );
        // A long (legal) shared string shown by many cells: the copies are held to the allowance.
        let thousand = Limits {
            max_cells_per_sheet: 1_000,
            ..Limits::default()
        };
        let sst = format!("<si><t>{}</t></si>", "a".repeat(30_000));
        let rows: String = (0..10).map(shared).collect();
        let refused = read_bytes(&xlsx(&rows, &sst), "xlsx", &thousand).unwrap_err();
        assert!(
            matches!(refused, ReadError::TooManyCells { .. }),
            "{refused:?}"
        );
        // ... and two of them read.
        let rows: String = (0..2).map(shared).collect();
        let wb = read_bytes(&xlsx(&rows, &sst), "xlsx", &thousand).unwrap();
        assert_eq!(wb.sheets[0].cells.len(), 2);
    }

    /// A reader that hands out at most `.1` bytes a call.
    struct Chunked<'a>(&'a [u8], usize);

    impl Read for Chunked<'_> {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            let n = self.0.len().min(self.1).min(out.len());
            out[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }
}
