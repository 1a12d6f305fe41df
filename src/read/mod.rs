//! Read: any spreadsheet file → a [`Workbook`] grid, or a [`ReadError`] saying plainly why not.
//!
//! The file's bytes decide the reader, not only its name: units rename files, and an encrypted
//! `.xlsx` is really an OLE container. Every read runs inside `catch_unwind`, bounded by
//! [`Limits`], so one hostile attachment can never stop a run.

mod bounded;
mod docx;
mod grid;
mod load;
mod ods;
mod unthemed;
mod xls;

use std::path::Path;

pub use crate::model::Value;
pub use grid::{cell_name, push_column_letters, Cell, Sheet, Workbook};
use thiserror::Error;

use crate::say::reading as say;

/// The password Excel encrypts with when the user gave none ("protect workbook structure",
/// some "read-only recommended" saves): Excel opens such a file without asking, so taizhang
/// does too. Any other password stays [`ReadError::Encrypted`].
const DEFAULT_PASSWORD: &str = "VelvetSweatshop";

/// Excel's limit on the characters of one cell: a longer cell is no form's, and refusing it
/// while reading bounds the memory one cell can take.
pub const MAX_CELL_CHARS: usize = 32_767;

/// Bounds checked before memory is spent on a file.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest file accepted, in bytes.
    pub max_file_bytes: u64,
    /// Most non-empty cells read from one sheet.
    pub max_cells_per_sheet: usize,
    /// Most bytes a zip-based file (xlsx, ods) may unpack to, as its directory declares: a
    /// tiny file claiming gigabytes of XML is refused before anything is inflated.
    pub max_unpacked_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 50 * 1024 * 1024,
            max_cells_per_sheet: 1_000_000,
            max_unpacked_bytes: 500 * 1024 * 1024,
        }
    }
}

/// Why a file could not be read, in terms a clerk can pass on.
#[derive(Debug, Clone, Error, PartialEq)]
pub enum ReadError {
    /// Not a spreadsheet, corrupt or truncated; the text says which.
    #[error("{0}")]
    Unreadable(String),
    /// Password-protected.
    #[error("{}", say::ENCRYPTED)]
    Encrypted,
    /// Over the file size limit.
    #[error("{}", say::too_large(.size, .limit))]
    TooLarge {
        /// Human-readable size.
        size: String,
        /// Human-readable limit.
        limit: String,
    },
    /// A zip-based file that unpacks to more than the limit (a "zip bomb").
    #[error("{}", say::unpacked_too_large(.size, .limit))]
    Unpacked {
        /// Human-readable declared size.
        size: String,
        /// Human-readable limit.
        limit: String,
    },
    /// A cell longer than Excel allows ([`MAX_CELL_CHARS`]), refused before it is built.
    #[error("{}", say::cell_too_long(.sheet))]
    CellTooLong {
        /// The sheet (or Word table) holding it.
        sheet: String,
    },
    /// A sheet with more cells than the limit.
    #[error("{}", say::too_many_cells(.sheet, .limit))]
    TooManyCells {
        /// The sheet.
        sheet: String,
        /// The limit.
        limit: usize,
    },
    /// An `.xls` or `.ods` whose cells would cost more memory than one file may take.
    #[error("{}", say::too_much_memory(.need, .limit))]
    TooMuchMemory {
        /// The memory reading it would take, as a person reads it.
        need: String,
        /// The bound.
        limit: String,
    },
}

/// The file formats taizhang takes as forms, by lower-case extension: spreadsheets, WPS
/// Spreadsheets (`.et`, an xlsx or xls inside), Word documents (`.docx`), and the old binary
/// Word and WPS text formats (`.doc`, `.wps`), which are answered with a request for .docx or
/// .xlsx rather than skipped (SPEC §3.6).
pub const EXTENSIONS: &[&str] = &[
    "xlsx", "xlsm", "xls", "xlsb", "ods", "et", "docx", "doc", "wps",
];

/// True when the file name says form file (a spreadsheet or a Word document, case-insensitive)
/// and is not an Office lock file (`~$name.xlsx`, left beside a file open in Excel or Word).
pub fn is_spreadsheet_name(path: &Path) -> bool {
    let lock = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("~$"));
    !lock && extension(path).is_some_and(|e| EXTENSIONS.contains(&e.as_str()))
}

/// Extensions of the files a unit sends as evidence (lower case): documents, pictures,
/// presentations, audio and video. Text notes, spreadsheets and unknown files are not evidence.
pub const MATERIAL_EXTENSIONS: &[&str] = &[
    "pdf", "ofd", "doc", "docx", "wps", "jpg", "jpeg", "png", "gif", "bmp", "tif", "tiff", "heic",
    "webp", "ppt", "pptx", "dps", "mp4", "mov", "avi", "wmv", "mkv", "flv", "mp3", "wav", "m4a",
];

/// Whether a file's name says it may be evidence (佐证材料, see `ledger::materials`): intake
/// keeps such a file's bytes inside mails and archives.
pub fn is_material_name(path: &Path) -> bool {
    let lock = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("~$") || n.starts_with("._"));
    !lock && extension(path).is_some_and(|e| MATERIAL_EXTENSIONS.contains(&e.as_str()))
}

/// The lower-cased extension.
pub fn extension(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
}

/// Reads a workbook file within `limits`. Never panics.
pub fn read_path(path: &Path, limits: &Limits) -> Result<Workbook, ReadError> {
    let meta = std::fs::metadata(path).map_err(|e| ReadError::Unreadable(say::cannot_open(e)))?;
    if meta.len() > limits.max_file_bytes {
        return Err(ReadError::TooLarge {
            size: human_size(meta.len()),
            limit: human_size(limits.max_file_bytes),
        });
    }
    let bytes = std::fs::read(path).map_err(|e| ReadError::Unreadable(say::cannot_read(e)))?;
    read_bytes(&bytes, extension(path).as_deref().unwrap_or(""), limits)
}

/// Reads a workbook from memory; `ext` is the lower-case extension it came with. Never panics:
/// [`read_bytes_unguarded`] inside `catch_unwind`, a panic becoming one unreadable file.
pub fn read_bytes(bytes: &[u8], ext: &str, limits: &Limits) -> Result<Workbook, ReadError> {
    crate::guard::catch(std::panic::AssertUnwindSafe(|| {
        read_bytes_unguarded(bytes, ext, limits)
    }))
    .unwrap_or_else(|_| Err(ReadError::Unreadable(say::READER_CRASHED.into())))
}

/// [`read_bytes`] without its `catch_unwind`: the same checks and loaders, but a panic in a
/// loader (or in a crate it calls) reaches the caller. It exists so that tests and fuzzing see
/// panics, which [`read_bytes`] turns into an ordinary [`ReadError::Unreadable`]; everything else
/// should call [`read_bytes`].
pub fn read_bytes_unguarded(
    bytes: &[u8],
    ext: &str,
    limits: &Limits,
) -> Result<Workbook, ReadError> {
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(ReadError::TooLarge {
            size: human_size(bytes.len() as u64),
            limit: human_size(limits.max_file_bytes),
        });
    }
    load::load(bytes, ext, limits)
}

/// How many pictures an Office zip (xlsx, docx, et) holds (`xl/media/…`, `word/media/…`): a
/// workbook with no text but pictures is a scan or a photo pasted in, which the clerk is told.
/// Anything that is no readable zip holds none.
pub fn pictures_in(bytes: &[u8]) -> usize {
    let Ok(zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return 0;
    };
    zip.file_names()
        .filter_map(Result::ok)
        .filter(|n| n.starts_with("xl/media/") || n.starts_with("word/media/"))
        .count()
}

/// A size as a clerk reads it (`1.5 MB`, `300 KB`).
pub fn human_size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / 1024.0 / 1024.0)
    } else if bytes >= 1024 {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    } else {
        format!("{bytes} 字节")
    }
}
