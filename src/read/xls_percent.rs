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
//!
//! The module also measures what calamine will allocate for every sheet
//! ([`prepare`], [`Extent`]): calamine builds each sheet as a dense range of
//! its bounding box when it opens the file, and the loader must refuse a
//! sheet like "A1 and IV65536" before that. The workbook stream is read the
//! way calamine reads it, measured record by record the way calamine turns
//! records into cells, and handed to calamine in a fresh container.

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};

/// Largest workbook stream read from the container (bytes).
const MAX_STREAM: u64 = 200 * 1024 * 1024;

/// Record types used here.
const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const CONTINUE: u16 = 0x003C;
const FILEPASS: u16 = 0x002F;
const BOUNDSHEET: u16 = 0x0085;
const FORMAT: u16 = 0x041E;
const XF: u16 = 0x00E0;
const NUMBER: u16 = 0x0203;
const RK: u16 = 0x027E;
const MULRK: u16 = 0x00BD;
const FORMULA: u16 = 0x0006;

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
    std::panic::catch_unwind(|| {
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

/// One BIFF record: type and body.
struct Record<'a> {
    typ: u16,
    data: &'a [u8],
}

/// Reads the record starting at `pos`; returns it and the next position.
fn record_at(stream: &[u8], pos: usize) -> Option<(Record<'_>, usize)> {
    let typ = u16_at(stream, pos)?;
    let len = usize::from(u16_at(stream, pos.checked_add(2)?)?);
    let start = pos.checked_add(4)?;
    let end = start.checked_add(len)?;
    let data = stream.get(start..end)?;
    Some((Record { typ, data }, end))
}

fn u16_at(d: &[u8], i: usize) -> Option<u16> {
    let b = d.get(i..i.checked_add(2)?)?;
    Some(u16::from_le_bytes([*b.first()?, *b.get(1)?]))
}

fn u32_at(d: &[u8], i: usize) -> Option<u32> {
    let b = d.get(i..i.checked_add(4)?)?;
    Some(u32::from_le_bytes([
        *b.first()?,
        *b.get(1)?,
        *b.get(2)?,
        *b.get(3)?,
    ]))
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

/// Reads an Excel unicode string body (after its character count) that may
/// span CONTINUE fragments: `frags[0]` starts at the flags byte. Each
/// continuation fragment begins with its own flags byte (only `fHighByte`
/// matters here). Returns `None` when the data runs out.
fn read_xl_chars(frags: &[&[u8]], first_offset: usize, cch: usize) -> Option<String> {
    let mut frag_idx = 0usize;
    let mut frag = frags.first()?;
    let mut pos = first_offset;
    let flags = *frag.get(pos)?;
    pos += 1;
    let mut high = flags & 0x01 != 0;
    let mut units: Vec<u16> = Vec::with_capacity(cch.min(1024));
    while units.len() < cch {
        if pos >= frag.len() {
            frag_idx += 1;
            frag = frags.get(frag_idx)?;
            high = *frag.first()? & 0x01 != 0;
            pos = 1;
            continue;
        }
        if high {
            units.push(u16_at(frag, pos)?);
            pos += 2;
        } else {
            units.push(u16::from(*frag.get(pos)?));
            pos += 1;
        }
    }
    Some(String::from_utf16_lossy(&units))
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

// ---------------------------------------------------------------------------
// Extents: what calamine will allocate when it opens the workbook.
//
// `Xls::new` parses every sheet before it returns, and each sheet ends in
// `Range::from_sparse`, which allocates `rows × cols` of the bounding box of
// its cells (32 bytes each; a second range holds the formulas). Cell records
// carry full 16-bit rows and columns, so two records at (0, 0) and
// (65535, 65535) ask for 137 GB, and a failed allocation aborts the process:
// no `catch_unwind` helps. The loader therefore measures the sheets first,
// from the same stream calamine will parse, and refuses before `Xls::new`.

/// More record types, read only to measure sheets.
const DIMENSIONS: u16 = 0x0200;
const LABEL: u16 = 0x0204;
const BOOLERR: u16 = 0x0205;
const STRING: u16 = 0x0207;
const RSTRING: u16 = 0x00D6;
const LABELSST: u16 = 0x00FD;
const SST: u16 = 0x00FC;

/// Upper bound on the UTF-8 bytes calamine makes of one character of a
/// workbook string (3 for UTF-16, 4 for a legacy code page's replacement
/// sequences).
const UTF8_PER_CHAR: u64 = 4;

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

/// Extracts the workbook stream the way calamine would, measures its
/// sheets, and wraps the stream in a clean compound file for calamine.
///
/// `Err` says, in English for the error detail, why no workbook stream
/// could be read; calamine would have failed on such a file too (or would
/// have looped on its sector chains). Never panics.
pub fn prepare(bytes: &[u8]) -> Result<Prepared, String> {
    std::panic::catch_unwind(|| {
        let (name, stream) = calamine_stream(bytes)?;
        let extents = extent_map(scan_extents(&stream));
        let container = rewrap(name, &stream).ok_or("cannot rebuild the compound file")?;
        Ok(Prepared { container, extents })
    })
    .unwrap_or_else(|_| Err("unexpected structure".to_owned()))
}

/// Writes `stream` as the only stream of a new compound file, version 3
/// (512-byte sectors): calamine bounds mini-sector ids by 8 per file sector,
/// which wrongly refuses small version-4 files.
fn rewrap(name: &str, stream: &[u8]) -> Option<Vec<u8>> {
    use std::io::Write;
    let mut cf =
        cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new())).ok()?;
    {
        let mut s = cf.create_stream(format!("/{name}")).ok()?;
        s.write_all(stream).ok()?;
    }
    cf.flush().ok()?;
    Some(cf.into_inner().into_inner())
}

// --- The compound file, read the way calamine 0.38 reads it (its cfb.rs) ---
//
// calamine finds a stream by the first directory entry whose name matches,
// ignoring ASCII case, anywhere in the directory, and follows the FAT with
// no check on chain length. The same rules are used here, so a legitimate
// file yields the stream calamine would read; unlike calamine, every chain
// is bounded by the number of sectors in the file, and a file that breaks
// that bound (a cycle, a FAT listed twice) is refused.

const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const RESERVED_SECTORS: u32 = 0xFFFF_FFFA;
const DIFSECT: u32 = 0xFFFF_FFFC;

struct Compound<'a> {
    /// The file after its header sector.
    body: &'a [u8],
    /// Sector size (512 or 4096).
    size: usize,
    /// calamine's bound on sector ids: file length / sector size.
    maxid: u32,
    fats: Vec<u32>,
    /// (name, first sector, length) of each directory entry, in order.
    dirs: Vec<(String, u32, u64)>,
    mini: Vec<u8>,
    minifats: Vec<u32>,
}

fn u32s(d: &[u8]) -> impl Iterator<Item = u32> + '_ {
    d.chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
}

impl<'a> Compound<'a> {
    fn open(bytes: &'a [u8]) -> Result<Compound<'a>, &'static str> {
        const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        let header = bytes.get(..512).ok_or("file too short")?;
        if header.get(..8) != Some(&CFB_MAGIC[..]) {
            return Err("not a compound file");
        }
        let size = match u16_at(header, 30) {
            Some(9) => 512,
            Some(12) => 4096,
            _ => return Err("invalid sector size"),
        };
        if u16_at(header, 32) != Some(6) {
            return Err("invalid mini sector size");
        }
        let field = |at: usize| u32_at(header, at).ok_or("short header");
        let version = u16_at(header, 26).ok_or("short header")?;
        let dir_start = field(48)?;
        let mini_fat_start = field(60)?;
        let mini_fat_len = u64::from(field(64)?);
        let difat_start = field(68)?;
        let body = bytes.get(size..).ok_or("file too short")?;
        let maxid = u32::try_from(bytes.len() / size).unwrap_or(u32::MAX);
        let mut cf = Compound {
            body,
            size,
            maxid,
            fats: Vec::new(),
            dirs: Vec::new(),
            mini: Vec::new(),
            minifats: Vec::new(),
        };
        // Most sectors any chain can legitimately visit.
        let steps = maxid as usize + 1;

        let mut difat: Vec<u32> = u32s(header.get(76..512).ok_or("short header")?).collect();
        let mut id = difat_start;
        let mut difat_sectors = 0usize;
        while id < RESERVED_SECTORS {
            difat_sectors += 1;
            if difat_sectors > steps {
                return Err("DIFAT chain too long");
            }
            difat.extend(u32s(cf.sector(id)?));
            id = difat.pop().ok_or("empty DIFAT sector")?;
        }
        let fat_sectors: Vec<u32> = difat.into_iter().filter(|&id| id < DIFSECT).collect();
        if fat_sectors.len() > steps {
            return Err("more FAT sectors than the file holds");
        }
        for id in fat_sectors {
            let s = cf.sector(id)?;
            cf.fats.extend(u32s(s));
        }

        let dirs = cf.chain(dir_start, u64::MAX)?;
        for d in dirs.chunks_exact(128) {
            let start = u32_at(d, 116).unwrap_or(ENDOFCHAIN);
            let len = if size == 512 {
                u64::from(u32_at(d, 120).unwrap_or(0))
            } else {
                let lo = u64::from(u32_at(d, 120).unwrap_or(0));
                let hi = u64::from(u32_at(d, 124).unwrap_or(0));
                hi << 32 | lo
            };
            cf.dirs
                .push((dir_name(d.get(..64).unwrap_or(&[])), start, len));
        }
        let Some(&(_, root_start, root_len)) = cf.dirs.first() else {
            return Err("empty root directory");
        };
        if version != 3 && root_start == ENDOFCHAIN {
            return Err("empty root directory");
        }
        if mini_fat_len > 0 {
            cf.mini = cf.chain(root_start, root_len)?;
            let minifat = cf.chain(mini_fat_start, mini_fat_len.saturating_mul(size as u64))?;
            cf.minifats = u32s(&minifat).collect();
        }
        Ok(cf)
    }

    /// Sector `id`; past the end of the file it is short or empty, as the
    /// first read of it is in calamine.
    fn sector(&self, id: u32) -> Result<&'a [u8], &'static str> {
        if id > self.maxid {
            return Err("sector beyond the end of the file");
        }
        let start = (id as usize).saturating_mul(self.size);
        let end = start.saturating_add(self.size).min(self.body.len());
        Ok(self.body.get(start..end).unwrap_or(&[]))
    }

    /// Mini sector `id` of the mini stream.
    fn mini_sector(&self, id: u32) -> Result<&[u8], &'static str> {
        if u64::from(id) > u64::from(self.maxid) * 8 {
            return Err("mini sector beyond the end of the file");
        }
        let start = (id as usize).saturating_mul(64);
        // calamine would read past the mini stream from wherever its file
        // reader stands; no legitimate file needs that.
        self.mini
            .get(start..start.saturating_add(64))
            .ok_or("mini sector beyond the mini stream")
    }

    /// Follows a FAT chain from `id` until ENDOFCHAIN or `len` bytes.
    fn chain(&self, id: u32, len: u64) -> Result<Vec<u8>, &'static str> {
        self.follow(id, len, &self.fats, self.maxid as usize + 1, |id| {
            self.sector(id)
        })
    }

    fn follow<'s>(
        &'s self,
        mut id: u32,
        len: u64,
        fats: &[u32],
        max_steps: usize,
        get: impl Fn(u32) -> Result<&'s [u8], &'static str>,
    ) -> Result<Vec<u8>, &'static str> {
        let mut out = Vec::new();
        let mut steps = 0usize;
        while id != ENDOFCHAIN {
            steps += 1;
            if steps > max_steps {
                return Err("sector chain longer than the file");
            }
            let s = get(id)?;
            let remaining = len.saturating_sub(out.len() as u64);
            let take = s
                .len()
                .min(usize::try_from(remaining).unwrap_or(usize::MAX));
            out.extend_from_slice(s.get(..take).unwrap_or(s));
            if out.len() as u64 >= len {
                break;
            }
            id = *fats.get(id as usize).ok_or("sector missing from the FAT")?;
        }
        Ok(out)
    }

    /// The stream of the first directory entry called `name` (ASCII case
    /// ignored), from the mini stream when shorter than 4096 bytes.
    fn stream(&self, name: &str) -> Result<Vec<u8>, &'static str> {
        let &(_, start, len) = self
            .dirs
            .iter()
            .find(|(n, _, _)| n.as_bytes().eq_ignore_ascii_case(name.as_bytes()))
            .ok_or("stream not found")?;
        if len < 4096 {
            let steps = (self.maxid as usize).saturating_mul(8).saturating_add(1);
            self.follow(start, len, &self.minifats, steps, |id| self.mini_sector(id))
        } else {
            self.chain(start, len)
        }
    }
}

/// A directory entry name as calamine decodes it: encoding_rs's UTF-16LE
/// decoder (which honours a byte-order mark, UTF-8's included), cut at the
/// first NUL.
fn dir_name(raw: &[u8]) -> String {
    let utf16 = |b: &[u8], be: bool| {
        let units: Vec<u16> = b
            .chunks_exact(2)
            .map(|c| {
                if be {
                    u16::from_be_bytes([c[0], c[1]])
                } else {
                    u16::from_le_bytes([c[0], c[1]])
                }
            })
            .collect();
        String::from_utf16_lossy(&units)
    };
    let mut name = if let Some(rest) = raw.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        String::from_utf8_lossy(rest).into_owned()
    } else if let Some(rest) = raw.strip_prefix(&[0xFF, 0xFE]) {
        utf16(rest, false)
    } else if let Some(rest) = raw.strip_prefix(&[0xFE, 0xFF]) {
        utf16(rest, true)
    } else {
        utf16(raw, false)
    };
    if let Some(nul) = name.find('\0') {
        name.truncate(nul);
    }
    name
}

/// The stream calamine parses: `Workbook`, else `Book` (BIFF5), with its
/// name.
fn calamine_stream(bytes: &[u8]) -> Result<(&'static str, Vec<u8>), String> {
    let cf = Compound::open(bytes).map_err(str::to_owned)?;
    match cf.stream("Workbook") {
        Ok(s) => Ok(("Workbook", s)),
        Err(_) => match cf.stream("Book") {
            Ok(s) => Ok(("Book", s)),
            Err(e) => Err(format!("cannot read the Workbook stream: {e}")),
        },
    }
}

// --- The BIFF records, walked the way calamine's `parse_workbook` does ---

/// Byte bounds of the shared strings, one per SST entry, as calamine's
/// `parse_sst` splits them; `None` when that split is not known, and every
/// LABELSST then counts as the longest possible string.
type SstBytes = Option<Vec<u64>>;

/// The globals, then every sheet calamine will build, in its order.
fn scan_extents(stream: &[u8]) -> Vec<(String, Extent)> {
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
            format!("第 {} 个工作表", index + 1)
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
pub(super) mod tests {
    use super::*;

    const XLS: &[u8] = include_bytes!("../../tests/data/percent/percent.xls");

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

    fn rec(typ: u16, body: &[u8]) -> Vec<u8> {
        let mut v = typ.to_le_bytes().to_vec();
        v.extend_from_slice(&(body.len() as u16).to_le_bytes());
        v.extend_from_slice(body);
        v
    }

    fn cell_body(row: u16, col: u16, xf: u16, tail: &[u8]) -> Vec<u8> {
        let mut v = Vec::new();
        for x in [row, col, xf] {
            v.extend_from_slice(&x.to_le_bytes());
        }
        v.extend_from_slice(tail);
        v
    }

    /// A hand-made BIFF8 stream: built-in formats 9 and 10, a FORMAT record
    /// whose string continues in a CONTINUE record, a UTF-16 sheet name, a
    /// chart substream inside the sheet, a string-result FORMULA.
    fn synthetic_stream() -> Vec<u8> {
        let mut g = rec(BOF, &[0x00, 0x06, 0x05, 0x00]);
        // FORMAT 200 = "0.0%" split as "0." + (UTF-16) "0%".
        let mut fmt = 200u16.to_le_bytes().to_vec();
        fmt.extend_from_slice(&[4, 0, 0x00, b'0', b'.']);
        g.extend(rec(FORMAT, &fmt));
        g.extend(rec(CONTINUE, &[0x01, b'0', 0, b'%', 0]));
        // FORMAT 9 redefined as a date must no longer count as percent.
        let mut f9 = 9u16.to_le_bytes().to_vec();
        f9.extend_from_slice(&[4, 0, 0x00, b'y', b'y', b'y', b'y']);
        // XF 0: General, 1: built-in 10, 2: FORMAT 200, 3: ifmt 9 (later
        // redefined), 4: ifmt 14 (date).
        for ifmt in [0u16, 10, 200, 9, 14] {
            let mut xf = vec![0u8; 20];
            xf[2..4].copy_from_slice(&ifmt.to_le_bytes());
            g.extend(rec(XF, &xf));
        }
        let sheet_name: Vec<u8> = "表1".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let boundsheet_len = 4 + 8 + sheet_name.len();
        let globals_len = g.len() + 4 + f9.len() + boundsheet_len + 4;
        let mut bs = (globals_len as u32).to_le_bytes().to_vec();
        bs.extend_from_slice(&[0, 0, 2, 1]);
        bs.extend_from_slice(&sheet_name);
        g.extend(rec(FORMAT, &f9));
        g.extend(rec(BOUNDSHEET, &bs));
        g.extend(rec(EOF, &[]));
        assert_eq!(g.len(), globals_len);
        // The sheet.
        g.extend(rec(BOF, &[0x00, 0x06, 0x10, 0x00]));
        g.extend(rec(NUMBER, &cell_body(0, 0, 1, &[0; 8])));
        g.extend(rec(NUMBER, &cell_body(0, 1, 0, &[0; 8])));
        g.extend(rec(RK, &cell_body(1, 0, 2, &[0; 4])));
        g.extend(rec(RK, &cell_body(1, 1, 3, &[0; 4])));
        g.extend(rec(RK, &cell_body(1, 2, 4, &[0; 4])));
        // MULRK row 2, columns 3..=5 with XF 1, 0, 2.
        let mut m = cell_body(2, 3, 1, &[0; 4]);
        m.extend_from_slice(&[0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 5, 0]);
        g.extend(rec(MULRK, &m));
        // FORMULA with a numeric and with a string result.
        let mut num = cell_body(3, 0, 1, &[0; 8]);
        num.extend_from_slice(&[0; 6]);
        g.extend(rec(FORMULA, &num));
        let mut s = cell_body(3, 1, 1, &[0, 0, 0, 0, 0, 0, 0xFF, 0xFF]);
        s.extend_from_slice(&[0; 6]);
        g.extend(rec(FORMULA, &s));
        // An embedded chart substream: its cells are not the sheet's.
        g.extend(rec(BOF, &[0x00, 0x06, 0x20, 0x00]));
        g.extend(rec(NUMBER, &cell_body(9, 9, 1, &[0; 8])));
        g.extend(rec(EOF, &[]));
        g.extend(rec(NUMBER, &cell_body(4, 0, 1, &[0; 8])));
        g.extend(rec(EOF, &[]));
        g
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

    // --- extents ---

    pub(crate) fn container(stream: &[u8]) -> Vec<u8> {
        rewrap("Workbook", stream).unwrap()
    }

    /// A BIFF8 workbook stream: globals (BOF, `globals`, one BOUNDSHEET
    /// "S", EOF), then one worksheet substream holding `sheet`.
    pub(crate) fn workbook(globals: &[Vec<u8>], sheet: &[Vec<u8>]) -> Vec<u8> {
        let mut g = rec(BOF, &[0x00, 0x06, 0x05, 0x00]);
        for r in globals {
            g.extend(r);
        }
        // BOUNDSHEET (4 + 9 bytes) and EOF (4) come before the sheet.
        let offset = (g.len() + 13 + 4) as u32;
        let mut bs = offset.to_le_bytes().to_vec();
        bs.extend_from_slice(&[0, 0, 1, 0, b'S']);
        g.extend(rec(BOUNDSHEET, &bs));
        g.extend(rec(EOF, &[]));
        assert_eq!(g.len(), offset as usize);
        g.extend(rec(BOF, &[0x00, 0x06, 0x10, 0x00]));
        for r in sheet {
            g.extend(r);
        }
        g.extend(rec(EOF, &[]));
        g
    }

    pub(crate) fn number(row: u16, col: u16) -> Vec<u8> {
        rec(NUMBER, &cell_body(row, col, 0, &1.5f64.to_le_bytes()))
    }

    /// An SST holding `strings` (compressed 8-bit), cut into CONTINUE
    /// records every `chunk` bytes of character data.
    fn sst(strings: &[&[u8]], chunk: usize) -> Vec<Vec<u8>> {
        let n = strings.len() as u32;
        let mut body = [n.to_le_bytes(), n.to_le_bytes()].concat();
        let mut out = Vec::new();
        for s in strings {
            body.extend_from_slice(&(s.len() as u16).to_le_bytes());
            body.push(0);
            for (i, part) in s.chunks(chunk).enumerate() {
                if i > 0 {
                    out.push(std::mem::take(&mut body));
                    body.push(0); // the continuation's own flags byte
                }
                body.extend_from_slice(part);
            }
        }
        out.push(body);
        let mut recs = vec![rec(SST, &out[0])];
        recs.extend(out[1..].iter().map(|b| rec(CONTINUE, b)));
        recs
    }

    fn label_sst(row: u16, col: u16, index: u32) -> Vec<u8> {
        rec(LABELSST, &cell_body(row, col, 0, &index.to_le_bytes()))
    }

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
    fn dimensions_reservation_is_measured() {
        // rwMac = 2^32 - 1 rows by 255 columns: calamine reserves ~1e12
        // cells for its list before the first cell record.
        let mut dims = 0u32.to_le_bytes().to_vec();
        dims.extend_from_slice(&u32::MAX.to_le_bytes());
        dims.extend_from_slice(&[0, 0, 0xFF, 0, 0, 0]);
        let bytes = container(&workbook(&[], &[rec(DIMENSIONS, &dims), number(0, 0)]));
        let e = extents(&bytes)["S"];
        assert_eq!(e.staged, u64::from(u32::MAX) * 255);
        assert_eq!(e.dense(), 1);
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
    fn password_protected_file_is_left_to_calamine() {
        let bytes = container(&workbook(&[rec(FILEPASS, &[1, 0, 1, 0])], &[number(0, 0)]));
        assert!(extents(&bytes).is_empty());
        // XOR obfuscation (type 0) is read on by calamine, garbled: measured.
        let bytes = container(&workbook(&[rec(FILEPASS, &[0, 0])], &[number(0, 0)]));
        assert_eq!(extents(&bytes)["S"].cells, 1);
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

    /// A compound file: header, FAT in sector 0, directory in sector 1
    /// whose FAT entry points back at itself.
    fn cyclic_directory() -> Vec<u8> {
        let mut f = vec![0u8; 512 * 3];
        f[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
        f[26] = 3; // version
        f[28..30].copy_from_slice(&0xFFFEu16.to_le_bytes());
        f[30] = 9;
        f[32] = 6;
        f[44] = 1; // one FAT sector
        f[48..52].copy_from_slice(&1u32.to_le_bytes()); // directory at sector 1
        f[60..64].copy_from_slice(&ENDOFCHAIN.to_le_bytes());
        f[68..72].copy_from_slice(&ENDOFCHAIN.to_le_bytes());
        for i in 0..109 {
            f[76 + 4 * i..80 + 4 * i].copy_from_slice(&u32::MAX.to_le_bytes());
        }
        f[76..80].copy_from_slice(&0u32.to_le_bytes()); // FAT in sector 0
        let fat = 512;
        f[fat..fat + 4].copy_from_slice(&0xFFFF_FFFDu32.to_le_bytes());
        f[fat + 4..fat + 8].copy_from_slice(&1u32.to_le_bytes()); // 1 -> 1
        f
    }

    #[test]
    fn hostile_containers_are_refused() {
        // calamine would follow the cycle until memory runs out.
        let t = std::time::Instant::now();
        assert!(prepare(&cyclic_directory()).is_err());
        // The FAT listed 10,000 times over: calamine would copy it each time.
        let mut f = cyclic_directory();
        f[fat_terminate()..fat_terminate() + 4].copy_from_slice(&ENDOFCHAIN.to_le_bytes());
        f[68..72].copy_from_slice(&2u32.to_le_bytes()); // DIFAT sector 2
        for i in 0..127 {
            f[1024 + 4 * i..1028 + 4 * i].copy_from_slice(&0u32.to_le_bytes());
        }
        f[1024 + 508..1024 + 512].copy_from_slice(&2u32.to_le_bytes()); // DIFAT loops
        assert!(prepare(&f).is_err());
        assert!(t.elapsed().as_secs() < 2);
        // Without a Workbook stream there is nothing for calamine either.
        let mut cf = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
        cf.create_stream("/EncryptedPackage").unwrap();
        cf.flush().unwrap();
        assert!(prepare(&cf.into_inner().into_inner()).is_err());
    }

    fn fat_terminate() -> usize {
        512 + 4
    }

    #[test]
    fn stream_is_found_the_way_calamine_finds_it() {
        // Name case and a BIFF5 "Book" stream.
        for name in ["/WORKBOOK", "/Book"] {
            let mut cf = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
            {
                use std::io::Write;
                let mut s = cf.create_stream(name).unwrap();
                s.write_all(&workbook(&[], &[number(3, 4)])).unwrap();
            }
            cf.flush().unwrap();
            let bytes = cf.into_inner().into_inner();
            let e = extents(&bytes)["S"];
            assert_eq!((e.first_row, e.first_col, e.cells), (3, 4, 1));
        }
        // A directory name behind a UTF-8 byte-order mark is decoded as
        // UTF-8 by calamine.
        let mut raw = [0u8; 64];
        raw[..3].copy_from_slice(&[0xEF, 0xBB, 0xBF]);
        raw[3..11].copy_from_slice(b"Workbook");
        assert_eq!(dir_name(&raw), "Workbook");
        let utf16: Vec<u8> = "Book".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(dir_name(&utf16), "Book");
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
