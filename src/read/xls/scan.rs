//! The BIFF records of an `.xls`, walked the way calamine's `parse_workbook`
//! does: the globals (sheet offsets, the shared strings), then every sheet
//! calamine will build, each measured as an [`Extent`] without storing a
//! cell. The walk is linear in the stream: sheets that point into one
//! another's records are cut off by a budget and assumed unbounded.

use std::collections::HashMap;

use super::extent::Extent;
use super::{
    read_xl_chars, record_at, u16_at, u32_at, BOF, BOOLERR, BOUNDSHEET, CONTINUE, DIMENSIONS, EOF,
    FILEPASS, FORMULA, LABEL, LABELSST, MULRK, NUMBER, RK, RSTRING, SST, STRING,
};

/// Upper bound on the UTF-8 bytes calamine makes of one character of a
/// workbook string (3 for UTF-16, 4 for a legacy code page's replacement
/// sequences).
const UTF8_PER_CHAR: u64 = 4;

/// Byte bounds of the shared strings, one per SST entry, as calamine's
/// `parse_sst` splits them; `None` when that split is not known, and every
/// LABELSST then counts as the longest possible string.
type SstBytes = Option<Vec<u64>>;

/// The globals, then every sheet calamine will build, in its order.
pub(super) fn scan_extents(stream: &[u8]) -> Vec<(String, Extent)> {
    let mut biff8 = true;
    let mut sheets: Vec<(usize, String)> = Vec::new();
    let mut sst: SstBytes = Some(Vec::new());
    let mut pos = 0;
    while let Some((rec, next)) = record_at(stream, pos) {
        match rec.typ {
            // calamine stops with "password protected" before any sheet.
            FILEPASS if u16_at(rec.data, 0) != Some(0) => return Vec::new(),
            BOF => biff8 = bof_is_biff8(rec.data),
            BOUNDSHEET => {
                if let Some(offset) = u32_at(rec.data, 0).and_then(|o| usize::try_from(o).ok()) {
                    let name = sheet_name(rec.data, biff8, sheets.len());
                    sheets.push((offset, name));
                }
            }
            SST => sst = sst_bytes(rec.data, &continues(stream, next)),
            EOF => break,
            _ => {}
        }
        pos = next;
    }
    // Sheets normally own disjoint record runs, so twice the record count
    // covers every honest file; offsets into one another's records would
    // make the walks quadratic.
    let mut budget = (stream.len() / 4).saturating_mul(2).saturating_add(64);
    let mut seen: HashMap<usize, Extent> = HashMap::new();
    let mut out = Vec::with_capacity(sheets.len());
    for (offset, name) in sheets {
        // calamine slices the stream at the offset and panics past its end,
        // having built the sheets before.
        if offset > stream.len() {
            break;
        }
        let e = match seen.get(&offset) {
            Some(e) => *e,
            None => {
                let e = walk_sheet(stream, offset, &sst, &mut budget);
                seen.insert(offset, e);
                e
            }
        };
        out.push((name, e));
    }
    out
}

/// calamine's `parse_bof`: BIFF8 unless the version says BIFF2–5.
fn bof_is_biff8(data: &[u8]) -> bool {
    match u16_at(data, 0) {
        Some(0x0200 | 0x0002 | 0x0007 | 0x0300 | 0x0400 | 0x0500) => false,
        Some(0) => u16_at(data, 2) != Some(0x1000),
        _ => true,
    }
}

/// The name of a BOUNDSHEET, for messages: BIFF8 names are Unicode; older
/// ones are in the workbook's code page, kept when ASCII.
fn sheet_name(data: &[u8], biff8: bool, index: usize) -> String {
    let cch = data.get(6).map_or(0, |&c| usize::from(c));
    let name = if biff8 {
        read_xl_chars(&[data], 7, cch).unwrap_or_default()
    } else {
        let raw = data.get(7..).unwrap_or(&[]);
        let raw = raw.get(..cch).unwrap_or(raw);
        if raw.is_ascii() {
            String::from_utf8_lossy(raw).into_owned()
        } else {
            crate::say::reading::nth_sheet(index + 1)
        }
    };
    name.replace('\0', "")
}

/// The bodies of the CONTINUE records after the record ending at `next`, as
/// calamine's record iterator gathers them.
fn continues(stream: &[u8], mut next: usize) -> Vec<&[u8]> {
    let mut out = Vec::new();
    while stream.len().saturating_sub(next) > 4 && u16_at(stream, next) == Some(CONTINUE) {
        match record_at(stream, next) {
            Some((rec, after)) => {
                out.push(rec.data);
                next = after;
            }
            None => break,
        }
    }
    out
}

/// The fragments of a record spanning CONTINUE records, read in order.
struct Frags<'a> {
    data: &'a [u8],
    rest: &'a [&'a [u8]],
}

impl<'a> Frags<'a> {
    fn next_frag(&mut self) -> bool {
        match self.rest.split_first() {
            Some((first, rest)) => {
                self.data = first;
                self.rest = rest;
                true
            }
            None => false,
        }
    }

    fn skip(&mut self, mut n: u64) -> Option<()> {
        while n > 0 {
            if self.data.is_empty() && !self.next_frag() {
                return None;
            }
            let l = usize::try_from(n)
                .unwrap_or(usize::MAX)
                .min(self.data.len());
            self.data = self.data.get(l..)?;
            n -= l as u64;
        }
        Some(())
    }
}

/// calamine's `parse_sst` / `read_rich_extended_string`, keeping only each
/// string's size. `None` where calamine would fail (it then builds nothing).
fn sst_bytes(first: &[u8], conts: &[&[u8]]) -> SstBytes {
    let mut f = Frags {
        data: first.get(8..)?,
        rest: conts,
    };
    let mut out = Vec::new();
    while !f.data.is_empty() || f.next_frag() {
        if f.data.is_empty() {
            out.push(0);
            continue;
        }
        let cch = u64::from(u16_at(f.data, 0)?);
        let flags = *f.data.get(2)?;
        f.data = f.data.get(3..)?;
        let mut runs = 0u64;
        if flags & 0x08 != 0 {
            runs = u64::from(u16_at(f.data, 0)?);
            f.data = f.data.get(2..)?;
        }
        let mut ext = 0u64;
        if flags & 0x04 != 0 {
            // calamine casts the i32 to usize: a negative size is huge.
            ext = u32_at(f.data, 0).map(|v| v as i32 as i64 as u64)?;
            f.data = f.data.get(4..)?;
        }
        let mut left = cch;
        let mut high = flags & 0x01 != 0;
        while left > 0 {
            let avail = if high { f.data.len() / 2 } else { f.data.len() } as u64;
            let l = avail.min(left);
            let at = if high { 2 * l } else { l };
            f.data = f.data.get(usize::try_from(at).ok()?..)?;
            left -= l;
            if left > 0 {
                if !f.next_frag() {
                    return None;
                }
                high = *f.data.first()? & 0x01 != 0;
                f.data = f.data.get(1..)?;
            }
        }
        f.skip(runs * 4)?;
        f.skip(ext)?;
        out.push(cch * UTF8_PER_CHAR);
    }
    Some(out)
}

/// One sheet's cells as calamine collects them: the loop over sheet names
/// in its `parse_workbook`, from the BOUNDSHEET offset to the sheet's EOF,
/// skipping embedded substreams.
fn walk_sheet(stream: &[u8], offset: usize, sst: &SstBytes, budget: &mut usize) -> Extent {
    let mut e = Extent::EMPTY;
    let mut seen_bof = false;
    let mut depth = 0u32;
    let mut fmla_pos = (0u64, 0u64);
    let mut pos = offset;
    while let Some((rec, next)) = record_at(stream, pos) {
        if *budget == 0 {
            return Extent::UNBOUNDED;
        }
        *budget -= 1;
        pos = next;
        if depth > 0 {
            match rec.typ {
                BOF => depth = depth.saturating_add(1),
                EOF => depth -= 1,
                _ => {}
            }
            continue;
        }
        let d = rec.data;
        let at = |e: &mut Extent, row: u64, col: u64, text: u64| {
            e.cover(row, row, col, col);
            e.cells = e.cells.saturating_add(1);
            e.text_bytes = e.text_bytes.saturating_add(text);
        };
        let rc = || Some((u64::from(u16_at(d, 0)?), u64::from(u16_at(d, 2)?)));
        match rec.typ {
            BOF if seen_bof => depth = 1,
            BOF => seen_bof = true,
            EOF => break,
            DIMENSIONS => {
                let reserve = dimensions_reserve(d).unwrap_or(0);
                e.staged = e.staged.max(e.cells.saturating_add(reserve));
            }
            NUMBER | RK | BOOLERR => {
                if let Some((r, c)) = rc() {
                    at(&mut e, r, c, 0);
                }
            }
            LABEL | RSTRING => {
                if let Some((r, c)) = rc() {
                    let cch = u64::from(u16_at(d, 6).unwrap_or(0));
                    let avail = d.len().saturating_sub(8) as u64;
                    at(&mut e, r, c, cch.min(avail) * UTF8_PER_CHAR);
                }
            }
            // A formula's string result, placed at the last FORMULA's cell
            // ((0, 0) before any), as calamine places it.
            STRING => {
                let cch = u64::from(u16_at(d, 0).unwrap_or(0));
                let avail = d.len().saturating_sub(2) as u64;
                at(
                    &mut e,
                    fmla_pos.0,
                    fmla_pos.1,
                    cch.min(avail) * UTF8_PER_CHAR,
                );
            }
            LABELSST => {
                if let Some((r, c)) = rc() {
                    let index = u32_at(d, 6).map_or(usize::MAX, |i| i as usize);
                    let text = match sst {
                        Some(lens) => lens.get(index).copied(),
                        None => Some(u64::from(u16::MAX) * UTF8_PER_CHAR),
                    };
                    // An index past the table makes no cell in calamine.
                    if let Some(text) = text {
                        at(&mut e, r, c, text);
                    }
                }
            }
            MULRK => {
                if let (Some(r), Some(c0)) = (u16_at(d, 0), u16_at(d, 2)) {
                    let n = d.len().saturating_sub(6).div_ceil(6) as u64;
                    if n > 0 {
                        let (r, c0) = (u64::from(r), u64::from(c0));
                        e.cover(r, r, c0, c0 + n - 1);
                        e.cells = e.cells.saturating_add(n);
                    }
                }
            }
            FORMULA => {
                if let Some((r, c)) = rc() {
                    fmla_pos = (r, c);
                    // The formula range gets the cell either way; the value
                    // range unless the result is a string (a STRING record
                    // follows with it).
                    let string_result =
                        d.get(6) == Some(&0) && d.get(12..14) == Some(&[0xFF, 0xFF]);
                    if string_result {
                        e.cover(r, r, c, c);
                    } else {
                        at(&mut e, r, c, 0);
                    }
                }
            }
            _ => {}
        }
    }
    e.staged = e.staged.max(e.cells);
    e
}

/// The cells calamine reserves for a DIMENSIONS record: `rows × cols`
/// computed in `u32` the way its `parse_dimensions` and the caller do in a
/// release build (wrapping), multiplied without overflow.
fn dimensions_reserve(d: &[u8]) -> Option<u64> {
    let (rf, rl, mut cf, cl) = match d.len() {
        10 => (
            u32::from(u16_at(d, 0)?),
            u32::from(u16_at(d, 2)?),
            u32::from(u16_at(d, 4)?),
            u32::from(u16_at(d, 6)?),
        ),
        14 | 16 => (
            u32_at(d, 0)?,
            u32_at(d, 4)?,
            u32::from(u16_at(d, 8)?),
            u32::from(u16_at(d, 10)?),
        ),
        _ => return None,
    };
    if cf > 0xFF || cl < cf {
        cf = 0;
    }
    let (start, end) = if rl >= 1 && cl >= 1 {
        ((rf, cf), (rl - 1, cl - 1))
    } else {
        ((rf, cf), (rf, cf))
    };
    let rows = end.0.wrapping_sub(start.0).wrapping_add(1);
    let cols = end.1.wrapping_sub(start.1).wrapping_add(1);
    Some(u64::from(rows).saturating_mul(u64::from(cols)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::xls::extent::{extent_map, extents};
    use crate::read::xls::tests::{container, label_sst, number, rec, sst, workbook};

    #[test]
    fn dimensions_reservation_is_measured() {
        // rwMac = 2^32 - 1 rows by 255 columns: calamine reserves ~1e12
        // cells for its list before the first cell record.
        let mut dims = 0u32.to_le_bytes().to_vec();
        dims.extend_from_slice(&u32::MAX.to_le_bytes());
        dims.extend_from_slice(&[0, 0, 0xFF, 0, 0, 0]);
        let stream = workbook(&[], &[rec(DIMENSIONS, &dims), number(0, 0)]);
        let e = extent_map(scan_extents(&stream))["S"];
        assert_eq!(e.staged, u64::from(u32::MAX) * 255);
        assert_eq!(e.dense(), 1);
        // `prepare` zeroes the record before calamine sees it: the sheet
        // costs its one value.
        let e = extents(&container(&stream))["S"];
        assert_eq!((e.staged, e.dense()), (1, 1));
        // First row past the last: the subtraction wraps in calamine.
        let mut dims = 9u32.to_le_bytes().to_vec();
        dims.extend_from_slice(&3u32.to_le_bytes());
        dims.extend_from_slice(&[0, 0, 2, 0, 0, 0]);
        assert!(dimensions_reserve(&dims).unwrap() > 1 << 32);
        // An honest one: rows 0..10, columns 0..4.
        let mut dims = 0u32.to_le_bytes().to_vec();
        dims.extend_from_slice(&10u32.to_le_bytes());
        dims.extend_from_slice(&[0, 0, 4, 0, 0, 0]);
        assert_eq!(dimensions_reserve(&dims), Some(40));
    }

    #[test]
    fn shared_strings_are_counted_per_cell() {
        // One 60,000-character string (in CONTINUE records) in 2,000 cells:
        // calamine copies it into each, 120 MB from a 70 KB stream.
        let long = vec![b'y'; 60_000];
        let cells: Vec<Vec<u8>> = (0..2000).map(|r| label_sst(r, 0, 0)).collect();
        let bytes = container(&workbook(&sst(&[&long], 8000), &cells));
        let e = extents(&bytes)["S"];
        assert_eq!(e.cells, 2000);
        assert_eq!(e.dense(), 2000);
        assert_eq!(e.text_bytes, 2000 * 60_000 * UTF8_PER_CHAR);
    }

    #[test]
    fn sst_split_follows_calamine() {
        // "ab" rich (1 run), "c" + 3 bytes of phonetic data, then "d…" whose
        // characters go on in a CONTINUE switching to UTF-16.
        let mut body = [3u32.to_le_bytes(), 3u32.to_le_bytes()].concat();
        body.extend_from_slice(&[2, 0, 0x08, 1, 0, b'a', b'b', 0, 0, 0, 0]);
        body.extend_from_slice(&[1, 0, 0x04, 3, 0, 0, 0, b'c', 9, 9, 9]);
        body.extend_from_slice(&[3, 0, 0x00, b'd']);
        let cont: &[u8] = &[0x01, b'e', 0, b'f', 0];
        assert_eq!(sst_bytes(&body, &[cont]), Some(vec![8, 4, 12]));
        // Characters missing: calamine fails on the SST.
        assert_eq!(sst_bytes(&body, &[]), None);
        // Unknown SST: every LABELSST counts as the longest string.
        let bytes = container(&workbook(&[rec(SST, &[1, 0, 0, 0])], &[label_sst(0, 0, 0)]));
        assert_eq!(extents(&bytes)["S"].text_bytes, 65535 * UTF8_PER_CHAR);
    }

    #[test]
    fn overlapping_sheets_are_bounded() {
        // 20,000 sheets whose offsets fall on successive records of one long
        // run: walking each to the end is quadratic.
        let run: Vec<u8> = (0..20_000u16).flat_map(|i| number(i, 0)).collect();
        let mut g = rec(BOF, &[0x00, 0x06, 0x05, 0x00]);
        let head = g.len() + 20_000 * 13 + 4;
        for i in 0..20_000usize {
            let mut bs = ((head + i * 18) as u32).to_le_bytes().to_vec();
            bs.extend_from_slice(&[0, 0, 1, 0, b'S']);
            g.extend(rec(BOUNDSHEET, &bs));
        }
        g.extend(rec(EOF, &[]));
        g.extend(run);
        let t = std::time::Instant::now();
        let out = scan_extents(&g);
        assert!(t.elapsed().as_secs() < 5);
        assert_eq!(extent_map(out)["S"], Extent::UNBOUNDED);
    }
}
