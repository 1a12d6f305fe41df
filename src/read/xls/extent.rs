//! What calamine will allocate for every sheet of an `.xls` ([`prepare`],
//! [`Extent`]): calamine builds each sheet as a dense range of its bounding
//! box when it opens the file, and the loader must refuse a sheet like "A1
//! and IV65536" before that. The workbook stream is read the way calamine
//! reads it (`compound`), measured record by record the way calamine turns
//! records into cells (`scan`), and handed to calamine in a fresh container.
//!
//! `Xls::new` parses every sheet before it returns, and each sheet ends in
//! `Range::from_sparse`, which allocates `rows × cols` of the bounding box of
//! its cells (32 bytes each; a second range holds the formulas). Cell records
//! carry full 16-bit rows and columns, so two records at (0, 0) and
//! (65535, 65535) ask for 137 GB, and a failed allocation aborts the process:
//! no `catch_unwind` helps. The loader therefore measures the sheets first,
//! from the same stream calamine will parse, and refuses before `Xls::new`.
//!
//! [`Extent`] is also what the `.ods` measurement reports.

use std::collections::HashMap;

use super::compound::{calamine_stream, rewrap, PrepareError};
use super::scan::scan_extents;
use super::{decrypt, record_at, DIMENSIONS};

/// What calamine will hold for one sheet once it has opened the workbook.
///
/// The bounding box covers every cell calamine puts into the sheet's value
/// or formula range; `dense()` is what `Range::from_sparse` allocates for it.
/// The counts let the loader refuse a sheet by the memory it would cost,
/// before calamine spends it (see `load_generic` in `load.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Extent {
    /// First row (zero-based) of the bounding box.
    pub first_row: u32,
    /// Last row of the bounding box.
    pub last_row: u32,
    /// First column (zero-based) of the bounding box.
    pub first_col: u32,
    /// Last column of the bounding box.
    pub last_col: u32,
    /// Cells holding a value, repeats expanded.
    pub cells: u64,
    /// Cells calamine lists before it builds the range: for `.xls` its cell
    /// list, at least what the sheet's DIMENSIONS record makes it reserve;
    /// for `.ods` its row buffers, which also hold the empty cells before a
    /// value.
    pub staged: u64,
    /// Upper bound on the bytes of text calamine copies into the sheet: a
    /// shared or repeated string counts once for every cell that holds it.
    pub text_bytes: u64,
}

impl Extent {
    /// A sheet without cells: `dense()` is 0.
    pub const EMPTY: Extent = Extent {
        first_row: u32::MAX,
        last_row: 0,
        first_col: u32::MAX,
        last_col: 0,
        cells: 0,
        staged: 0,
        text_bytes: 0,
    };

    /// A sheet the scan could not measure within its budget: assume the
    /// worst, so the sheet is refused.
    pub const UNBOUNDED: Extent = Extent {
        first_row: 0,
        last_row: u32::MAX,
        first_col: 0,
        last_col: u32::MAX,
        cells: u64::MAX,
        staged: u64::MAX,
        text_bytes: u64::MAX,
    };

    /// Cells of the dense range calamine allocates for the bounding box
    /// (saturating; 0 for a sheet without cells).
    pub fn dense(&self) -> u64 {
        if self.first_row > self.last_row || self.first_col > self.last_col {
            return 0;
        }
        let rows = u64::from(self.last_row - self.first_row) + 1;
        let cols = u64::from(self.last_col - self.first_col) + 1;
        rows.saturating_mul(cols)
    }

    /// Widens the bounding box to rows `r0..=r1`, columns `c0..=c1`
    /// (clamped to `u32`).
    pub(crate) fn cover(&mut self, r0: u64, r1: u64, c0: u64, c1: u64) {
        let clamp = |v: u64| u32::try_from(v).unwrap_or(u32::MAX);
        self.first_row = self.first_row.min(clamp(r0));
        self.last_row = self.last_row.max(clamp(r1));
        self.first_col = self.first_col.min(clamp(c0));
        self.last_col = self.last_col.max(clamp(c1));
    }

    /// Adds another measurement of a sheet with the same name: the union of
    /// the boxes, the sums of the counts.
    pub(crate) fn merge(&mut self, other: &Extent) {
        if other.dense() > 0 {
            self.cover(
                u64::from(other.first_row),
                u64::from(other.last_row),
                u64::from(other.first_col),
                u64::from(other.last_col),
            );
        }
        self.cells = self.cells.saturating_add(other.cells);
        self.staged = self.staged.saturating_add(other.staged);
        self.text_bytes = self.text_bytes.saturating_add(other.text_bytes);
    }
}

/// Sheet name → [`Extent`], same-named sheets merged.
pub(crate) fn extent_map(sheets: Vec<(String, Extent)>) -> HashMap<String, Extent> {
    let mut out: HashMap<String, Extent> = HashMap::new();
    for (name, e) in sheets {
        out.entry(name).and_modify(|old| old.merge(&e)).or_insert(e);
    }
    out
}

/// An `.xls` made safe to hand to calamine, with what its sheets will cost.
pub struct Prepared {
    /// A fresh compound file holding only the workbook stream calamine would
    /// have read from the original: calamine parses exactly the records that
    /// were measured, and never walks the original container's sector
    /// chains (its reader follows a cyclic chain until memory runs out).
    pub container: Vec<u8>,
    /// Sheet name → what calamine will allocate for it.
    pub extents: HashMap<String, Extent>,
}

/// Measures every sheet of an `.xls` the way calamine will read it.
///
/// Returns sheet name → [`Extent`] (same-named sheets merged); empty when
/// the file is no readable compound file or calamine would stop before
/// building any sheet (a password). Never panics; the work is linear in the
/// file size.
#[cfg_attr(not(test), allow(dead_code))] // the loader uses `prepare`, which also rewraps
pub fn extents(bytes: &[u8]) -> HashMap<String, Extent> {
    prepare(bytes).map(|p| p.extents).unwrap_or_default()
}

/// Extracts the workbook stream the way calamine would, opens it when it
/// is encrypted with Excel's default password, drops the DIMENSIONS
/// reservations (see [`unreserve`]), measures its sheets, and wraps the
/// stream in a clean compound file for calamine.
///
/// `Err` says, in English for the error detail, why no workbook stream
/// could be read; calamine would have failed on such a file too (or would
/// have looped on its sector chains). Never panics.
pub fn prepare(bytes: &[u8]) -> Result<Prepared, PrepareError> {
    crate::guard::catch(|| {
        let (name, mut stream) = calamine_stream(bytes)?;
        decrypt::open_default(&mut stream);
        unreserve(&mut stream);
        let extents = extent_map(scan_extents(&stream));
        let container = rewrap(name, &stream).ok_or(PrepareError::Rewrap)?;
        Ok(Prepared { container, extents })
    })
    .unwrap_or(Err(PrepareError::Panicked))
}

/// Zeroes every DIMENSIONS record. calamine only reserves its cell list
/// from them (`rows × cols` of the used range), and an old template
/// formatted down to row 65,536 declares a range of millions of cells
/// while it holds a few dozen values: the file would be refused, or cost
/// hundreds of MB, for its formatting. Zeroed, a record reserves one cell;
/// the sheet then costs what its values cost, which the scan measures.
fn unreserve(stream: &mut [u8]) {
    let mut pos = 0;
    while let Some((rec, next)) = record_at(stream, pos) {
        if rec.typ == DIMENSIONS {
            stream[pos + 4..next].fill(0);
        }
        pos = next;
    }
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use super::*;
    use crate::read::xls::percent_cells;
    use crate::read::xls::tests::{
        cell_body, container, label_sst, number, rec, sst, synthetic_stream, workbook, XLS,
    };
    use crate::read::xls::{BOF, EOF, FILEPASS, FORMULA, MULRK, STRING};

    type Corner = Option<(u32, u32)>;

    /// Opens `bytes` with calamine and returns sheet "S"'s range corners and
    /// its used cells.
    fn calamine_range(bytes: &[u8]) -> (Corner, Corner, usize) {
        use calamine::Reader;
        let mut book = calamine::Xls::new(Cursor::new(bytes.to_vec())).unwrap();
        let range = book.worksheet_range("S").unwrap();
        (range.start(), range.end(), range.used_cells().count())
    }

    #[test]
    fn extent_is_the_box_calamine_allocates() {
        let long = vec![b'x'; 300];
        let mut string_result = cell_body(30, 9, 0, &[0, 0, 0, 0, 0, 0, 0xFF, 0xFF]);
        // grbit, chn, then an empty formula (cce = 0).
        string_result.extend_from_slice(&[0; 8]);
        let mut string = 3u16.to_le_bytes().to_vec();
        string.extend_from_slice(&[0, b'a', b'b', b'c']);
        // MULRK row 12, columns 4..=6.
        let mut mulrk = cell_body(12, 4, 0, &[0; 4]);
        mulrk.extend_from_slice(&[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 6, 0]);
        let stream = workbook(
            &sst(&[b"hi", &long], 100),
            &[
                number(5, 3),
                rec(MULRK, &mulrk),
                label_sst(7, 2, 1),
                label_sst(8, 2, 0),
                // An index past the table makes no cell.
                label_sst(60, 60, 9),
                rec(FORMULA, &string_result),
                rec(STRING, &string),
                // A chart's cells are not the sheet's.
                rec(BOF, &[0x00, 0x06, 0x20, 0x00]),
                number(500, 200),
                rec(EOF, &[]),
            ],
        );
        let bytes = container(&stream);
        let m = extents(&bytes);
        let e = m["S"];
        assert_eq!(
            (e.first_row, e.last_row, e.first_col, e.last_col),
            (5, 30, 2, 9)
        );
        assert_eq!(e.cells, 7);
        assert_eq!(e.text_bytes, 4 * (300 + 2 + 3));
        let (start, end, used) = calamine_range(&bytes);
        assert_eq!(start, Some((5, 2)));
        assert_eq!(end, Some((30, 9)));
        assert_eq!(used as u64, e.cells);
        assert_eq!(e.dense(), 26 * 8);
    }

    #[test]
    fn extents_of_libreoffice_xls_cover_calamine_ranges() {
        use calamine::Reader;
        let m = extents(XLS);
        let mut book = calamine::Xls::new(Cursor::new(XLS.to_vec())).unwrap();
        for name in ["Alpha", "第二页"] {
            let range = book.worksheet_range(name).unwrap();
            let e = m[name];
            let (start, end) = (range.start().unwrap(), range.end().unwrap());
            assert!(
                e.first_row <= start.0 && e.first_col <= start.1,
                "{name}: {e:?}"
            );
            assert!(e.last_row >= end.0 && e.last_col >= end.1, "{name}: {e:?}");
            assert!(e.cells >= range.used_cells().count() as u64);
            assert!(e.dense() <= 2000 * 30, "{name}: {e:?}");
        }
        assert_eq!((m["第二页"].last_row, m["第二页"].last_col), (1999, 29));
        // The rewrapped container reads exactly like the original.
        let p = prepare(XLS).unwrap();
        let mut again = calamine::Xls::new(Cursor::new(p.container)).unwrap();
        for name in ["Alpha", "第二页"] {
            assert_eq!(
                again.worksheet_range(name).unwrap(),
                book.worksheet_range(name).unwrap()
            );
        }
        assert_eq!(
            percent_cells(&prepare(XLS).unwrap().container),
            percent_cells(XLS)
        );
    }

    #[test]
    fn far_corners_are_measured() {
        // Rows and columns are 16-bit in the records, whatever BIFF8 allows:
        // calamine would allocate 2^32 cells (137 GB).
        let bytes = container(&workbook(&[], &[number(0, 0), number(65535, 65535)]));
        let e = extents(&bytes)["S"];
        assert_eq!(e.dense(), 1 << 32);
        assert_eq!(e.cells, 2);
    }

    #[test]
    fn password_protected_file_is_left_to_calamine() {
        let bytes = container(&workbook(&[rec(FILEPASS, &[1, 0, 1, 0])], &[number(0, 0)]));
        assert!(extents(&bytes).is_empty());
        // XOR obfuscation (type 0) is read on by calamine, garbled: measured.
        let bytes = container(&workbook(&[rec(FILEPASS, &[0, 0])], &[number(0, 0)]));
        assert_eq!(extents(&bytes)["S"].cells, 1);
    }

    #[test]
    fn measuring_never_panics() {
        let big = container(&workbook(
            &sst(&[b"abc", &[b'z'; 9000]], 4000),
            &[number(0, 0), label_sst(1, 1, 1), number(9, 9)],
        ));
        let mut seed: u64 = 0x0123_4567_89AB_CDEF;
        let mut next = || {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as u32
        };
        for base in [XLS, &big[..]] {
            // Outside catch_unwind, so a panic fails the test.
            for len in (0..base.len()).step_by(97) {
                if let Ok((_, s)) = calamine_stream(&base[..len]) {
                    let _ = scan_extents(&s);
                }
            }
            for _ in 0..400 {
                let mut data = base.to_vec();
                for _ in 0..6 {
                    let at = next() as usize % data.len();
                    data[at] = next() as u8;
                }
                if let Ok((_, s)) = calamine_stream(&data) {
                    let _ = scan_extents(&s);
                    // And the stream itself, damaged.
                    let mut s = s.clone();
                    for _ in 0..6 {
                        if !s.is_empty() {
                            let at = next() as usize % s.len();
                            s[at] = next() as u8;
                        }
                    }
                    let _ = scan_extents(&s);
                }
            }
        }
        let stream = synthetic_stream();
        for len in 0..stream.len() {
            let _ = scan_extents(&stream[..len]);
        }
    }
}
