//! Percent-formatted numeric cells of a legacy `.xls` (BIFF8) workbook.
//!
//! calamine reads `.xls` values but exposes no number formats for them: a cell
//! formatted as a percentage (shown as `60%`) comes back as `Float(0.6)`, and
//! nothing says it was a percent cell. Files saved by LibreOffice or WPS as
//! `.xls` are common among the forms, so this module reads the format chain
//! itself: cell record → XF record (`ifmt`) → built-in format 9 / 10 or a
//! FORMAT record whose format string shows a `%`.
//!
//! The parser is deliberately small and defensive: it only walks record
//! headers, reads every field through bounds-checked accessors, never trusts
//! a length or offset from the file, and returns whatever it found so far on
//! any inconsistency. BIFF5 (`Book` stream) and encrypted workbooks give an
//! empty map.

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};

use super::{
    read_xl_chars, record_at, u16_at, u32_at, Record, BOF, BOUNDSHEET, CONTINUE, EOF, FILEPASS,
    FORMAT, FORMULA, MULRK, NUMBER, RK, XF,
};

/// Largest workbook stream read from the container (bytes).
const MAX_STREAM: u64 = 200 * 1024 * 1024;

/// BIFF8 version number in the BOF record.
const BIFF8: u16 = 0x0600;
/// Substream type "worksheet" in the BOF record.
const BOF_WORKSHEET: u16 = 0x0010;

/// Finds the cells of an `.xls` workbook whose number format is a percentage.
///
/// `bytes` is the whole file (an OLE/CFB container holding a BIFF8
/// `Workbook` stream). Returns sheet name → set of zero-based `(row, col)` of
/// the numeric cells (NUMBER, RK, MULRK and FORMULA with a numeric result)
/// whose XF uses built-in format 9 (`0%`) or 10 (`0.00%`), or a custom format
/// with a `%` outside quotes, brackets and escapes. Sheets without such cells
/// are absent.
///
/// Never panics; on a damaged, truncated, encrypted, BIFF5 or foreign file it
/// returns what it found so far (often an empty map).
pub fn percent_cells(bytes: &[u8]) -> HashMap<String, HashSet<(u32, u32)>> {
    let mut out = HashMap::new();
    if let Some(stream) = workbook_stream(bytes) {
        parse_workbook(&stream, &mut out);
    }
    out
}

/// Reads the `Workbook` stream out of the CFB container, bounded in size.
fn workbook_stream(bytes: &[u8]) -> Option<Vec<u8>> {
    // A CFB file starts with this signature; checking it first keeps the cfb
    // crate away from arbitrary input.
    const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.get(..8)? != CFB_MAGIC {
        return None;
    }
    // The stream cannot legitimately be longer than the file holding it.
    let limit = (bytes.len() as u64).min(MAX_STREAM);
    // The cfb crate validates the container, but it is third-party code fed
    // with hostile input: contain any panic so this function keeps its
    // promise.
    crate::guard::catch(|| {
        let mut cf = cfb::CompoundFile::open(Cursor::new(bytes)).ok()?;
        // Only BIFF8 is read; a BIFF5 file has a "Book" stream instead.
        let stream = cf.open_stream("/Workbook").ok()?;
        let mut data = Vec::new();
        stream.take(limit).read_to_end(&mut data).ok()?;
        Some(data)
    })
    .ok()
    .flatten()
}

/// The body of the record at `pos` followed by the bodies of the CONTINUE
/// records right after it.
fn fragments<'a>(stream: &'a [u8], first: &Record<'a>, mut next: usize) -> Vec<&'a [u8]> {
    let mut frags = vec![first.data];
    while let Some((rec, after)) = record_at(stream, next) {
        if rec.typ != CONTINUE {
            break;
        }
        frags.push(rec.data);
        next = after;
    }
    frags
}

/// Whether an Excel number format string shows a percentage: a `%` outside
/// double quotes, `[...]` sections and escapes (`\x`, `_x`, `*x`).
fn format_is_percent(fmt: &str) -> bool {
    let mut chars = fmt.chars();
    while let Some(c) = chars.next() {
        match c {
            '%' => return true,
            '"' => {
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                }
            }
            '[' => {
                for q in chars.by_ref() {
                    if q == ']' {
                        break;
                    }
                }
            }
            '\\' | '_' | '*' => {
                chars.next();
            }
            _ => {}
        }
    }
    false
}

/// What the workbook globals say about sheets and formats.
#[derive(Default)]
struct Globals {
    /// (sheet name, stream offset of its BOF) of the worksheets.
    sheets: Vec<(String, usize)>,
    /// ifmt → is a percent format, from the FORMAT records.
    formats: HashMap<u16, bool>,
    /// ifmt of each XF, in record order.
    xf_formats: Vec<u16>,
}

impl Globals {
    fn xf_is_percent(&self, ixfe: u16) -> bool {
        let Some(&ifmt) = self.xf_formats.get(usize::from(ixfe)) else {
            return false;
        };
        match self.formats.get(&ifmt) {
            Some(&p) => p,
            None => ifmt == 9 || ifmt == 10,
        }
    }
}

fn parse_workbook(stream: &[u8], out: &mut HashMap<String, HashSet<(u32, u32)>>) {
    let Some(globals) = parse_globals(stream) else {
        return;
    };
    for (name, offset) in &globals.sheets {
        let mut cells = HashSet::new();
        parse_sheet(stream, *offset, &globals, &mut cells);
        if !cells.is_empty() {
            out.entry(name.clone()).or_default().extend(cells);
        }
    }
}

/// Walks the globals substream. `None` when the stream is not BIFF8 or is
/// encrypted.
fn parse_globals(stream: &[u8]) -> Option<Globals> {
    let (bof, mut pos) = record_at(stream, 0)?;
    if bof.typ != BOF || u16_at(bof.data, 0)? != BIFF8 {
        return None;
    }
    let mut g = Globals::default();
    while let Some((rec, next)) = record_at(stream, pos) {
        match rec.typ {
            EOF => break,
            FILEPASS => return None,
            BOUNDSHEET => {
                if let Some(sheet) = parse_boundsheet(stream, &rec, next) {
                    g.sheets.push(sheet);
                }
            }
            FORMAT => {
                if let Some((ifmt, fmt)) = parse_format(stream, &rec, next) {
                    g.formats.insert(ifmt, format_is_percent(&fmt));
                }
            }
            XF => {
                // An unreadable XF still takes its index, so later ones keep
                // their numbers.
                g.xf_formats.push(u16_at(rec.data, 2).unwrap_or(0));
            }
            _ => {}
        }
        pos = next;
    }
    Some(g)
}

/// BOUNDSHEET8: lbPlyPos u32, hsState u8, dt u8, stName ShortXLUnicodeString.
/// Returns worksheets only (dt = 0).
fn parse_boundsheet(stream: &[u8], rec: &Record<'_>, next: usize) -> Option<(String, usize)> {
    let offset = usize::try_from(u32_at(rec.data, 0)?).ok()?;
    let dt = *rec.data.get(5)?;
    if dt != 0 {
        return None;
    }
    let cch = usize::from(*rec.data.get(6)?);
    let frags = fragments(stream, rec, next);
    let name = read_xl_chars(&frags, 7, cch)?;
    Some((name, offset))
}

/// FORMAT: ifmt u16, stFormat XLUnicodeString (cch u16, flags, chars).
fn parse_format(stream: &[u8], rec: &Record<'_>, next: usize) -> Option<(u16, String)> {
    let ifmt = u16_at(rec.data, 0)?;
    let cch = usize::from(u16_at(rec.data, 2)?);
    let frags = fragments(stream, rec, next);
    let fmt = read_xl_chars(&frags, 4, cch)?;
    Some((ifmt, fmt))
}

/// Walks one worksheet substream from its BOF and collects the percent
/// cells. Embedded substreams (charts) are skipped by tracking BOF/EOF
/// nesting.
fn parse_sheet(stream: &[u8], offset: usize, g: &Globals, cells: &mut HashSet<(u32, u32)>) {
    let Some((bof, mut pos)) = record_at(stream, offset) else {
        return;
    };
    if bof.typ != BOF || u16_at(bof.data, 2) != Some(BOF_WORKSHEET) {
        return;
    }
    let mut depth = 1u32;
    while let Some((rec, next)) = record_at(stream, pos) {
        match rec.typ {
            BOF => depth = depth.saturating_add(1),
            EOF => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    break;
                }
            }
            _ if depth != 1 => {}
            NUMBER | RK => cell(rec.data, g, cells),
            // FormulaValue at offset 6: a non-numeric result has 0xFFFF in
            // its last two bytes.
            FORMULA if rec.data.get(12..14).is_some_and(|b| b != [0xFF, 0xFF]) => {
                cell(rec.data, g, cells)
            }
            MULRK => mulrk(rec.data, g, cells),
            _ => {}
        }
        pos = next;
    }
}

/// A cell record starting with rw u16, col u16, ixfe u16.
fn cell(data: &[u8], g: &Globals, cells: &mut HashSet<(u32, u32)>) {
    if let (Some(rw), Some(col), Some(ixfe)) = (u16_at(data, 0), u16_at(data, 2), u16_at(data, 4)) {
        if g.xf_is_percent(ixfe) {
            cells.insert((u32::from(rw), u32::from(col)));
        }
    }
}

/// MULRK: rw u16, colFirst u16, then (ixfe u16, RK u32) per cell, then
/// colLast u16.
fn mulrk(data: &[u8], g: &Globals, cells: &mut HashSet<(u32, u32)>) {
    let (Some(rw), Some(first)) = (u16_at(data, 0), u16_at(data, 2)) else {
        return;
    };
    let n = data.len().saturating_sub(6) / 6;
    for i in 0..n {
        let Some(ixfe) = u16_at(data, 4 + 6 * i) else {
            return;
        };
        let Some(col) = u32::from(first).checked_add(i as u32) else {
            return;
        };
        if g.xf_is_percent(ixfe) {
            cells.insert((u32::from(rw), col));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::xls::tests::{synthetic_stream, XLS};

    fn set(v: &[(u32, u32)]) -> HashSet<(u32, u32)> {
        v.iter().copied().collect()
    }

    #[test]
    fn finds_percent_cells_in_libreoffice_xls() {
        let m = percent_cells(XLS);
        assert_eq!(m.len(), 2, "{m:?}");
        // Alpha: C1 (after a merged A1:B1), B3 `0%`, C4 `0.00%`, B10 formula.
        // Not: D5 plain 0.6, E6 date, F7 `0"%"`, G8 text, H9 blank.
        assert_eq!(m["Alpha"], set(&[(0, 2), (2, 1), (3, 2), (9, 1)]));
        // 第二页: A1 `0.00%`, C2 `0.0%`, D3..G3 (RK / MULRK), AD2000.
        assert_eq!(
            m["第二页"],
            set(&[(0, 0), (1, 2), (2, 3), (2, 4), (2, 5), (2, 6), (1999, 29)])
        );
    }

    #[test]
    fn synthetic_biff8_stream() {
        let stream = synthetic_stream();
        let mut out = HashMap::new();
        parse_workbook(&stream, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(
            out["表1"],
            set(&[(0, 0), (1, 0), (2, 3), (2, 5), (3, 0), (4, 0)])
        );
        // Every truncation of the stream is handled.
        for len in 0..stream.len() {
            let mut out = HashMap::new();
            parse_workbook(&stream[..len], &mut out);
        }
    }

    #[test]
    fn synthetic_stream_in_a_cfb_container() {
        use std::io::Write;
        let build = |stream_name: &str| {
            let mut cf = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
            cf.create_stream(stream_name)
                .unwrap()
                .write_all(&synthetic_stream())
                .unwrap();
            cf.flush().unwrap();
            cf.into_inner().into_inner()
        };
        let m = percent_cells(&build("/Workbook"));
        assert_eq!(m["表1"].len(), 6);
        // BIFF5 ("Book" stream) is not read.
        assert!(percent_cells(&build("/Book")).is_empty());
    }

    #[test]
    fn percent_format_strings() {
        assert!(format_is_percent("0%"));
        assert!(format_is_percent("0.00%"));
        assert!(format_is_percent("[Red]0.0%;-0.0%"));
        assert!(!format_is_percent("0\"%\""));
        assert!(!format_is_percent("0\\%"));
        assert!(!format_is_percent("0_%"));
        assert!(!format_is_percent("[$%-804]0"));
        assert!(!format_is_percent("General"));
        assert!(!format_is_percent("yyyy\\年m\\月"));
    }

    #[test]
    fn string_across_continue() {
        // "ab" compressed in the first fragment, "c" in UTF-16 in the next.
        let frags: Vec<&[u8]> = vec![&[0x00, b'a', b'b'], &[0x01, b'c', 0x00]];
        assert_eq!(read_xl_chars(&frags, 0, 3).as_deref(), Some("abc"));
        assert_eq!(read_xl_chars(&frags, 0, 4), None);
    }

    #[test]
    fn hostile_input_gives_empty_map() {
        assert!(percent_cells(&[]).is_empty());
        assert!(percent_cells(b"not an xls").is_empty());
        for len in [1, 8, 512, 1024, XLS.len() / 2, XLS.len() - 1] {
            let _ = percent_cells(&XLS[..len]);
        }
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
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
            // Also with a valid CFB signature in front.
            if data.len() >= 8 {
                data[..8].copy_from_slice(&XLS[..8]);
                assert!(percent_cells(&data).is_empty());
            }
        }
        // The real file with bytes flipped here and there: any result is
        // fine, as long as it does not panic.
        for _ in 0..300usize {
            let mut data = XLS.to_vec();
            for _ in 0..8 {
                let at = (usize::from(next()) << 8 | usize::from(next())) % data.len();
                data[at] = next();
            }
            let _ = percent_cells(&data);
        }
    }
}
