//! Format detection and the per-format loaders behind [`super::read_bytes`].

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::io::Cursor;

use calamine::{Ods, Reader, SheetVisible, Xls, Xlsb, Xlsx, XlsxError};

use super::xls::Extent;
use super::{Cell, Limits, ReadError, Sheet, Value, Workbook, MAX_CELL_CHARS};
use crate::say::reading as say;

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const EMPTY_ZIP_MAGIC: &[u8] = b"PK\x05\x06";
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Picks the reader from the bytes (and, among zip formats, the extension).
pub(super) fn load(bytes: &[u8], ext: &str, limits: &Limits) -> Result<Workbook, ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::Unreadable(say::EMPTY_FILE.into()));
    }
    if bytes.starts_with(ZIP_MAGIC) || bytes.starts_with(EMPTY_ZIP_MAGIC) {
        return load_zip(bytes, ext, limits);
    }
    // Old Word and WPS text (binary, RTF or HTML inside): nothing to read, ask for .docx.
    if matches!(ext, "doc" | "wps") {
        return Err(ReadError::Unreadable(say::OLD_WORD.into()));
    }
    if bytes.starts_with(OLE_MAGIC) {
        return match load_generic::<Xls<_>>(bytes, limits, xls_percent) {
            // An encrypted .xlsx is an OLE container holding `EncryptedPackage`. Ask the cfb
            // crate (bounded, and contained) rather than calamine's parser, which a cyclic
            // sector chain in a hostile container can make allocate without end.
            Err(ReadError::Unreadable(xls_error)) => {
                if has_encrypted_package(bytes) {
                    open_encrypted_package(bytes, ext, limits)
                } else if has_stream(bytes, "WordDocument") {
                    Err(ReadError::Unreadable(say::OLD_WORD.into()))
                } else {
                    Err(ReadError::Unreadable(xls_error))
                }
            }
            other => other,
        };
    }
    Err(ReadError::Unreadable(diagnose_other(bytes)))
}

/// A zip-based workbook (xlsx, xlsm, xlsb, ods, its format chosen by `ext`), or a Word
/// document, whatever its name says.
fn load_zip(bytes: &[u8], ext: &str, limits: &Limits) -> Result<Workbook, ReadError> {
    let word = check_unpacked_size(bytes, limits)?;
    let result = match ext {
        _ if word => super::docx::load(bytes, limits),
        "ods" => load_generic::<Ods<_>>(bytes, limits, ods_percent),
        "xlsb" => load_generic::<Xlsb<_>>(bytes, limits, no_percent),
        _ => super::bounded::check_xlsx(bytes, limits).and_then(|()| load_xlsx(bytes, limits)),
    };
    result.map_err(|e| match e {
        ReadError::Unreadable(_) => diagnose_zip(bytes).unwrap_or(e),
        other => other,
    })
}

/// An encrypted Office Open XML file: opened when Excel's default password decrypts it
/// (ECMA-376 Standard or Agile, by office-crypto), else [`ReadError::Encrypted`]. A wrong
/// password gives no zip, or a zip that fails to read: either way the file stays encrypted.
fn open_encrypted_package(bytes: &[u8], ext: &str, limits: &Limits) -> Result<Workbook, ReadError> {
    let plain = crate::guard::catch(|| {
        office_crypto::decrypt_from_bytes(bytes.to_vec(), super::DEFAULT_PASSWORD).ok()
    })
    .ok()
    .flatten();
    match plain {
        Some(zip) if zip.starts_with(ZIP_MAGIC) => match load_zip(&zip, ext, limits) {
            Err(ReadError::Unreadable(_)) => Err(ReadError::Encrypted),
            other => other,
        },
        _ => Err(ReadError::Encrypted),
    }
}

/// True when an OLE container holds the `EncryptedPackage` stream of a password-protected
/// Office Open XML file.
fn has_encrypted_package(bytes: &[u8]) -> bool {
    has_stream(bytes, "EncryptedPackage")
}

/// True when an OLE container holds the stream `name` at its root (`WordDocument`: old Word).
fn has_stream(bytes: &[u8], name: &str) -> bool {
    crate::guard::catch(|| {
        cfb::CompoundFile::open(Cursor::new(bytes))
            .map(|cf| cf.exists(format!("/{name}")) || cf.exists(name))
            .unwrap_or(false)
    })
    .unwrap_or(false)
}

fn unreadable(detail: impl std::fmt::Display) -> ReadError {
    ReadError::Unreadable(say::corrupt(detail))
}

/// Refuses a zip whose entries declare more bytes than the limit, before inflating anything.
/// Returns true when the zip is a Word document (see [`super::docx::is_word`]).
fn check_unpacked_size(bytes: &[u8], limits: &Limits) -> Result<bool, ReadError> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(false); // a broken zip is diagnosed by the reader
    };
    let mut total: u64 = 0;
    let mut names = Vec::with_capacity(archive.len().min(64));
    for i in 0..archive.len() {
        if let Ok(entry) = archive.by_index_raw(i) {
            total = total.saturating_add(entry.size());
            if let Some(name) = entry.enclosed_name() {
                names.push(name.to_string_lossy().into_owned());
            }
        }
    }
    if total > limits.max_unpacked_bytes {
        return Err(ReadError::Unpacked {
            size: super::human_size(total),
            limit: super::human_size(limits.max_unpacked_bytes),
        });
    }
    Ok(super::docx::is_word(&names))
}

/// Names what a zip that is no workbook really is (a Word file renamed, a truncated download).
fn diagnose_zip(bytes: &[u8]) -> Option<ReadError> {
    let Ok(archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Some(unreadable(say::ZIP_INCOMPLETE));
    };
    let names: Vec<String> = archive
        .file_names()
        .filter_map(Result::ok)
        .map(|n| n.into_owned())
        .collect();
    let has = |prefix: &str| names.iter().any(|n| n.starts_with(prefix));
    let what = if has("word/") {
        say::WORD_DOCUMENT
    } else if has("ppt/") {
        say::POWERPOINT
    } else if has("xl/") || has("content.xml") {
        return None;
    } else {
        say::ARCHIVE
    };
    Some(ReadError::Unreadable(say::zip_not_excel(what)))
}

/// Names a non-spreadsheet file by its first bytes.
fn diagnose_other(bytes: &[u8]) -> String {
    let head = &bytes[..bytes.len().min(512)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let contains = |needle: &[u8]| lower.windows(needle.len()).any(|w| w == needle);
    let what = if head.starts_with(b"%PDF") {
        say::PDF
    } else if contains(b"<html") || contains(b"<table") || contains(b"<!doctype") {
        say::HTML
    } else if head.starts_with(&[0xFF, 0xD8]) || head.starts_with(b"\x89PNG") {
        say::IMAGE
    } else if head.starts_with(b"Rar!") || head.starts_with(&[0x37, 0x7A, 0xBC, 0xAF]) {
        say::ARCHIVE
    } else if std::str::from_utf8(head).is_ok() {
        say::TEXT_FILE
    } else {
        say::UNKNOWN_FILE
    };
    say::not_excel(what)
}

/// xlsx/xlsm through the cell reader, which gives each cell's style in the same pass: a percent
/// cell holds 0.6 and only its number format says it means 60.
fn load_xlsx(bytes: &[u8], limits: &Limits) -> Result<Workbook, ReadError> {
    let bytes = super::unthemed::without_theme(bytes);
    let mut book = Xlsx::new(Cursor::new(&*bytes)).map_err(|e| match e {
        XlsxError::Password => ReadError::Encrypted,
        other => unreadable(other),
    })?;
    let metas: Vec<(String, bool)> = book
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible == SheetVisible::Visible))
        .collect();
    let mut sheets = Vec::with_capacity(metas.len());
    // Text the cells hold in all (a shared string is copied into every cell that shows it).
    let text_max =
        (limits.max_cells_per_sheet as u64).saturating_mul(super::bounded::TEXT_PER_CELL);
    let mut text = 0u64;
    for (name, visible) in metas {
        let mut reader = match book.worksheet_cells_reader(&name) {
            Ok(r) => r,
            // A chart sheet or a dangling sheet entry: nothing to read, not a broken file.
            Err(XlsxError::WorksheetNotFound(_)) => continue,
            Err(e) => return Err(unreadable(e)),
        };
        let percent_styles: Vec<bool> = reader.styles().iter().map(is_percent_style).collect();
        let mut cells = Vec::new();
        loop {
            let next = reader.next_cell_with_style_id().map_err(unreadable)?;
            let Some((cell, style)) = next else { break };
            let (row, col) = cell.get_position();
            let percent = percent_styles.get(style).copied().unwrap_or(false);
            if let Some(value) = value(cell.get_value(), percent) {
                if let Value::Text(t) = &value {
                    if t.len() > MAX_CELL_CHARS && t.chars().count() > MAX_CELL_CHARS {
                        return Err(ReadError::CellTooLong { sheet: name });
                    }
                    text = text.saturating_add(t.len() as u64);
                }
                if cells.len() >= limits.max_cells_per_sheet || text > text_max {
                    return Err(ReadError::TooManyCells {
                        sheet: name,
                        limit: limits.max_cells_per_sheet,
                    });
                }
                cells.push(Cell { row, col, value });
            }
        }
        sheets.push(Sheet::new(name, visible, cells));
    }
    Ok(Workbook { sheets })
}

fn is_percent_style(style: &calamine::Style) -> bool {
    style.number_format.as_ref().is_some_and(|f| {
        matches!(f.format_id, Some(9) | Some(10)) || is_percent_format(&f.format_code)
    })
}

/// A number format shows a percentage when it has `%` outside quotes and brackets.
pub(super) fn is_percent_format(code: &str) -> bool {
    let mut quoted = false;
    let mut bracket = false;
    let mut escaped = false;
    for c in code.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            '%' if !quoted && !bracket => return true,
            _ => {}
        }
    }
    false
}

type PercentCells = HashMap<String, HashSet<(u32, u32)>>;

fn no_percent(_: &[u8]) -> PercentCells {
    HashMap::new()
}

fn xls_percent(bytes: &[u8]) -> PercentCells {
    super::xls::percent_cells(bytes)
}

fn ods_percent(bytes: &[u8]) -> PercentCells {
    super::ods::percent_cells(bytes)
}

/// xls, xlsb, ods: calamine's readers, with percent cells found by our own format readers.
///
/// THE RULE, checked before calamine spends memory on a file. calamine's `.xls` and `.ods`
/// readers parse every sheet when the file is opened (`R::new`, not `worksheet_range`), and each
/// sheet becomes a dense `Range` of `rows × cols` of the bounding box of its cells (32 bytes a
/// cell, plus a formula range): a tiny file with one cell at A1 and one far away asks for
/// gigabytes, and a failed allocation aborts the process, which no `catch_unwind` catches. So
/// [`Guarded::prepare`] measures every sheet from the bytes calamine will parse, and the file is
/// refused with [`ReadError::TooManyCells`] (see [`check_extents`]) when, with `L` =
/// `limits.max_cells_per_sheet`,
/// - a sheet holds more than `L` value cells (it would be refused after reading anyway), or
/// - a sheet's dense range, or the cells calamine stages before building it, exceeds `4 × L`
///   (4M cells at the default: 128 MB of values; a real form fills a good part of its box), or
/// - the text calamine copies into a sheet exceeds `128 × L` bytes (a shared or repeated string
///   is copied into every cell holding it), or
/// - all sheets together exceed twice those dense and text allowances (they are all in memory at
///   once).
///
/// `.xlsb` sheets are streamed cell by cell and never become a dense range, so only the
/// value-cell limit applies to them, as for `.xlsx`.
fn load_generic<R>(
    bytes: &[u8],
    limits: &Limits,
    percent_cells: fn(&[u8]) -> PercentCells,
) -> Result<Workbook, ReadError>
where
    R: Guarded,
    R::Error: std::fmt::Display,
{
    let (opened, extents) = R::prepare(bytes)?;
    check_extents(&extents, limits)?;
    // An owned stream is calamine's copy of the workbook: memory on top of the file's.
    let copy = match &opened {
        Cow::Owned(b) => b.len() as u64,
        Cow::Borrowed(_) => 0,
    };
    check_memory(bytes.len() as u64 + copy, &extents, limits)?;
    let percents = percent_cells(&opened);
    let mut book = R::new(Cursor::new(opened.into_owned())).map_err(|e| {
        let text = e.to_string();
        if text.contains("password") || text.contains("Password") {
            ReadError::Encrypted
        } else {
            unreadable(text)
        }
    })?;
    let metas: Vec<(String, bool)> = book
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == calamine::SheetType::WorkSheet)
        .map(|s| (s.name.clone(), s.visible == SheetVisible::Visible))
        .collect();
    let limit = limits.max_cells_per_sheet;
    let mut sheets = Vec::with_capacity(metas.len());
    for (name, visible) in metas {
        let sheet_percents = percents.get(&name);
        let is_percent =
            |row: u32, col: u32| sheet_percents.is_some_and(|s| s.contains(&(row, col)));
        let mut cells = Vec::new();
        book.each_cell(&name, &is_percent, &mut |cell| {
            if cells.len() >= limit {
                return Err(ReadError::TooManyCells {
                    sheet: name.clone(),
                    limit,
                });
            }
            cells.push(cell);
            Ok(())
        })?;
        sheets.push(Sheet::new(name, visible, cells));
    }
    Ok(Workbook { sheets })
}

/// Dense cells one sheet may cost, per allowed value cell (see [`load_generic`]).
const DENSE_PER_CELL: u64 = 4;
/// Bytes of copied text one sheet may cost, per allowed value cell.
const TEXT_PER_CELL: u64 = 128;
/// The whole workbook may cost this many sheets' allowances.
const WORKBOOK_SHEETS: u64 = 2;

/// Memory one `.xls`/`.ods` may take to read at the default cell limit (issue 14: under 256 MB
/// per file, the program's own included); a higher `--max-cells` raises it in proportion.
const MEMORY_PER_FILE: u64 = 224 * 1024 * 1024;

/// Refuses a file whose measured sheets would cost more than [`MEMORY_PER_FILE`] to read, by
/// what they cost when read (measured on LibreOffice-written files of 0.5M and 1M text cells):
/// the file and calamine's copy of its stream, the dense value and formula ranges (32 bytes a
/// cell each), calamine's staged cells (40), our cells and their text (88 a cell), and the text
/// calamine copies, twice.
fn check_memory(
    bytes: u64,
    extents: &HashMap<String, Extent>,
    limits: &Limits,
) -> Result<(), ReadError> {
    let mut need = bytes;
    for e in extents.values() {
        need = need
            .saturating_add(e.dense().saturating_mul(64))
            .saturating_add(e.staged.saturating_mul(40))
            .saturating_add(e.cells.saturating_mul(88))
            .saturating_add(e.text_bytes.saturating_mul(2));
    }
    let scale =
        (limits.max_cells_per_sheet as u64).div_ceil(Limits::default().max_cells_per_sheet as u64);
    let limit = MEMORY_PER_FILE.saturating_mul(scale.max(1));
    if need > limit {
        return Err(ReadError::TooMuchMemory {
            need: super::human_size(need),
            limit: super::human_size(limit),
        });
    }
    Ok(())
}

/// Applies the rule of [`load_generic`] to measured sheets.
fn check_extents(extents: &HashMap<String, Extent>, limits: &Limits) -> Result<(), ReadError> {
    let limit = limits.max_cells_per_sheet;
    let cells = limit as u64;
    let dense_max = cells.saturating_mul(DENSE_PER_CELL);
    let text_max = cells.saturating_mul(TEXT_PER_CELL);
    let refuse = |sheet: &str| ReadError::TooManyCells {
        sheet: sheet.to_owned(),
        limit,
    };
    let mut names: Vec<&String> = extents.keys().collect();
    names.sort();
    let (mut dense, mut text) = (0u64, 0u64);
    let mut largest: Option<(&String, u64)> = None;
    for name in names {
        let Some(e) = extents.get(name) else { continue };
        if e.cells > cells
            || e.dense() > dense_max
            || e.staged > dense_max
            || e.text_bytes > text_max
        {
            return Err(refuse(name));
        }
        dense = dense.saturating_add(e.dense());
        text = text.saturating_add(e.text_bytes);
        let cost = e.dense().saturating_mul(32).saturating_add(e.text_bytes);
        if largest.is_none_or(|(_, c)| cost > c) {
            largest = Some((name, cost));
        }
    }
    if dense > dense_max.saturating_mul(WORKBOOK_SHEETS)
        || text > text_max.saturating_mul(WORKBOOK_SHEETS)
    {
        return Err(refuse(largest.map_or("", |(n, _)| n.as_str())));
    }
    Ok(())
}

/// The bytes calamine should open, and each sheet's [`Extent`] measured from them.
type Prepared<'a> = (Cow<'a, [u8]>, HashMap<String, Extent>);

/// What [`load_generic`] needs of a calamine reader beyond [`Reader`]: measuring the file before
/// it is opened, and handing over a sheet's cells.
trait Guarded: Reader<Cursor<Vec<u8>>> + Sized
where
    Self::Error: std::fmt::Display,
{
    /// Measures the sheets before calamine opens the file; returns the bytes calamine should open
    /// and each sheet's [`Extent`] (none for readers that never build dense ranges).
    fn prepare(bytes: &[u8]) -> Result<Prepared<'_>, ReadError>;

    /// Calls `each` with every non-empty cell of sheet `name`; `percent(row, col)` says whether
    /// the cell's number is a percentage. By default from calamine's range, which xls and ods
    /// built (within the measured bounds) when the file was opened.
    fn each_cell(
        &mut self,
        name: &str,
        percent: &dyn Fn(u32, u32) -> bool,
        each: &mut dyn FnMut(Cell) -> Result<(), ReadError>,
    ) -> Result<(), ReadError> {
        range_cells(self, name, percent, each)
    }
}

/// The cells of a sheet's calamine range (built when the file was opened, for xls and ods).
fn range_cells<R>(
    book: &mut R,
    name: &str,
    percent: &dyn Fn(u32, u32) -> bool,
    each: &mut dyn FnMut(Cell) -> Result<(), ReadError>,
) -> Result<(), ReadError>
where
    R: Reader<Cursor<Vec<u8>>>,
    R::Error: std::fmt::Display,
{
    let range = book.worksheet_range(name).map_err(unreadable)?;
    let (r0, c0) = range.start().unwrap_or((0, 0));
    for (r, c, data) in range.used_cells() {
        let (row, col) = (r0 + r as u32, c0 + c as u32);
        if let Some(value) = value(data, percent(row, col)) {
            each(Cell { row, col, value })?;
        }
    }
    Ok(())
}

impl Guarded for Xls<Cursor<Vec<u8>>> {
    /// calamine is given a fresh container holding only the measured workbook stream, so it
    /// parses exactly what was measured and never follows the original's sector chains.
    fn prepare(bytes: &[u8]) -> Result<Prepared<'_>, ReadError> {
        let prepared = super::xls::prepare(bytes).map_err(unreadable)?;
        Ok((Cow::Owned(prepared.container), prepared.extents))
    }
}

impl Guarded for Ods<Cursor<Vec<u8>>> {
    /// calamine reads `content.xml` with the same zip crate, so it sees the measured bytes.
    fn prepare(bytes: &[u8]) -> Result<Prepared<'_>, ReadError> {
        Ok((Cow::Borrowed(bytes), super::ods::extents(bytes)))
    }
}

impl Guarded for Xlsb<Cursor<Vec<u8>>> {
    /// `Xlsb::new` reads no sheet; sheets are streamed by [`Guarded::each_cell`].
    fn prepare(bytes: &[u8]) -> Result<Prepared<'_>, ReadError> {
        Ok((Cow::Borrowed(bytes), HashMap::new()))
    }

    /// Streams the cells: `worksheet_range` would build a dense range of the sheet's bounding
    /// box, and one cell at XFD1048576 asks for half a terabyte.
    fn each_cell(
        &mut self,
        name: &str,
        percent: &dyn Fn(u32, u32) -> bool,
        each: &mut dyn FnMut(Cell) -> Result<(), ReadError>,
    ) -> Result<(), ReadError> {
        let mut reader = self.worksheet_cells_reader(name).map_err(unreadable)?;
        while let Some(cell) = reader.next_cell().map_err(unreadable)? {
            let (row, col) = cell.get_position();
            if let Some(value) = value(cell.get_value(), percent(row, col)) {
                each(Cell { row, col, value })?;
            }
        }
        Ok(())
    }
}

/// A cell's value, or `None` for an empty cell (the grid holds only cells with values).
fn value<T: calamine::DataType>(d: &T, percent: bool) -> Option<Value> {
    Some(Value::from_calamine(d, percent)).filter(|v| *v != Value::Empty)
}

#[cfg(test)]
mod tests;
