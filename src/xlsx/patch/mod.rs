//! Updating a workbook in place: the cells of some sheets rewritten, every other part of the
//! package carried over byte for byte.
//!
//! The ledger is the clerk's own workbook. Writing it anew each month (rust_xlsxwriter cannot
//! edit) wiped what the clerk did to it: fills, widths, hidden columns, filters, comments,
//! validation, merged cells, their own sheets' formulas, charts and pictures. Here only the
//! `<sheetData>` of the sheets taizhang owns is rewritten (module `sheet`), a cell whose value did
//! not change is copied verbatim, new cells take the table kit's style (module `styles`, from a donor
//! workbook the kit wrote), and the rest of the package — other sheets, drawings, comments,
//! defined names, the clerk's styles — is copied as it was. Excel's calculation chain is dropped
//! (it would name formulas that are now values) and a full recalculation is asked for on open.

mod added;
mod cell;
mod sheet;
mod styles;

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, Cursor, Read, Seek, Write};
use std::path::Path;

use quick_xml::events::Event;
use quick_xml::Reader;
use zip::write::SimpleFileOptions;
use zip::{ZipArchive, ZipWriter};

pub use cell::{samples, variant};

/// Column letters of a 0-based column (`0` → `A`).
pub fn column_name(col: u32) -> String {
    let mut s = String::new();
    cell::column_letters(&mut s, col);
    s
}
pub use sheet::{Target, VARIANTS};

/// Why a workbook could not be patched (the caller then writes it whole).
#[derive(Debug, thiserror::Error)]
pub enum PatchError {
    /// The package is not a zip taizhang can read or write.
    #[error("zip: {0}")]
    Zip(zip::result::ZipError),
    /// A part is not the XML expected.
    #[error("xml: {0}")]
    Xml(String),
    /// Reading or writing failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// A sheet to patch is not in the package.
    #[error("no sheet {0}")]
    Missing(String),
}

impl From<zip::result::ZipError> for PatchError {
    fn from(e: zip::result::ZipError) -> Self {
        match e {
            // A full disk is said as itself, not as a broken package.
            zip::result::ZipError::Io(io) => PatchError::Io(io),
            other => PatchError::Zip(other),
        }
    }
}

impl From<quick_xml::Error> for PatchError {
    fn from(e: quick_xml::Error) -> Self {
        match e {
            quick_xml::Error::Io(io) => {
                PatchError::Io(std::io::Error::new(io.kind(), io.to_string()))
            }
            other => PatchError::Xml(other.to_string()),
        }
    }
}

/// One sheet to rewrite: its name in the package and what it is to hold.
pub struct SheetPatch<'a> {
    /// The sheet's name.
    pub name: &'a str,
    /// Its header and rows.
    pub target: Target<'a>,
    /// Whether its tab is hidden, should it have to be added (an existing sheet keeps the
    /// visibility the clerk gave it).
    pub hidden: bool,
}

/// Writes to `out` the workbook `old` (a file, or bytes in memory) with `sheets` rewritten. `donor` is a workbook written
/// by the table kit with one sheet per entry of `sheets`, in order: its row 1 holds the header
/// styles, and row `2 + v` the data styles of [`variant`] `v`, per column. A sheet of `sheets`
/// that `old` lacks is added after its other sheets, laid out as the donor's.
///
/// # Errors
/// [`PatchError`]; nothing is promised about `out` then.
pub fn patch<W: Write + Seek, S: Read + Seek>(
    old: S,
    out: W,
    sheets: &[SheetPatch<'_>],
    donor: &[u8],
) -> Result<W, PatchError> {
    let mut zip = ZipArchive::new(old)?;
    let book = Package::read(&mut zip)?;
    let mut donor_zip = ZipArchive::new(Cursor::new(donor))?;
    let donor_book = Package::read(&mut donor_zip)?;
    let old_styles = match &book.styles {
        Some(p) => read_text(&mut zip, p)?,
        None => return Err(PatchError::Missing("styles".into())),
    };
    let donor_styles = read_text(
        &mut donor_zip,
        donor_book.styles.as_deref().unwrap_or("xl/styles.xml"),
    )?;
    let (book_styles, donor_map) = styles::merge(&old_styles, &donor_styles)
        .ok_or_else(|| PatchError::Xml("styles".into()))?;
    let book_styles = std::cell::RefCell::new(book_styles);
    let mut parts: HashMap<String, usize> = HashMap::new();
    let mut plans = Vec::new();
    // Sheets to add: where they go, and their layout without rows.
    let dir = book
        .workbook
        .rsplit_once('/')
        .map_or("", |(d, _)| d)
        .to_owned();
    let mut taken: std::collections::HashSet<String> = zip
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.into_owned()))
        .collect();
    let mut adding: Vec<added::Added> = Vec::new();
    let mut shells: Vec<String> = Vec::new();
    for (i, s) in sheets.iter().enumerate() {
        let donor_part = donor_book
            .sheets
            .get(i)
            .map(|(_, p)| p.clone())
            .ok_or_else(|| PatchError::Missing(s.name.to_owned()))?;
        let donor_xml = read_text(&mut donor_zip, &donor_part)?;
        let donor_cells = donor_styles_of(&donor_xml)?;
        let map = |d: u32| donor_map.get(d as usize).copied().unwrap_or(0);
        let part = match book.sheets.iter().find(|(n, _)| n == s.name) {
            Some((_, p)) => p.clone(),
            None => {
                let part = added::free_part(&dir, &taken);
                taken.insert(part.clone());
                shells.push(added::shell(&donor_xml, &map));
                adding.push(added::Added {
                    index: i,
                    name: s.name.to_owned(),
                    part: part.clone(),
                    hidden: s.hidden,
                });
                part
            }
        };
        let columns = s
            .target
            .headers
            .len()
            .max(s.target.rows.iter().map(Vec::len).max().unwrap_or(0));
        let styles = sheet::Styles {
            header: (0..columns)
                .map(|c| map(donor_cells.get(&(0, c as u32)).copied().unwrap_or(0)))
                .collect(),
            data: (0..columns)
                .map(|c| {
                    let mut v = [0u32; VARIANTS];
                    for (k, slot) in v.iter_mut().enumerate() {
                        *slot = map(donor_cells
                            .get(&(1 + k as u32, c as u32))
                            .copied()
                            .unwrap_or(0));
                    }
                    v
                })
                .collect(),
            book: &book_styles,
        };
        parts.insert(part, i);
        plans.push(styles);
    }
    // Excel tables (Ctrl+T) on patched sheets: their range grows with the rows, as the filter's.
    let mut tables: HashMap<String, usize> = HashMap::new();
    for (part, &k) in &parts {
        let (dir, file) = part.rsplit_once('/').unwrap_or(("", part.as_str()));
        let rels = format!("{dir}/_rels/{file}.rels");
        if let Ok(text) = read_text(&mut zip, &rels) {
            for (_, ty, target) in relationships(&text, dir) {
                if ty.ends_with("/table") {
                    tables.insert(target, k);
                }
            }
        }
    }
    let sst = match &book.shared_strings {
        Some(p) => shared_strings(&read_text(&mut zip, p)?)?,
        None => Vec::new(),
    };
    let mut w = ZipWriter::new(Guarded::new(out));
    let options = SimpleFileOptions::default().compression_level(Some(1));
    let mut deferred = Vec::new();
    let mut old_last: HashMap<usize, u32> = HashMap::new();
    for i in 0..zip.len() {
        let name = zip.by_index_raw(i)?.name()?.into_owned();
        if let Some(&k) = parts.get(&name) {
            let s = &sheets[k];
            w.start_file(name.as_str(), options)?;
            let input = std::io::BufReader::with_capacity(1 << 16, zip.by_index(i)?);
            let last = sheet::rewrite(input, &mut w, &s.target, &plans[k], &sst, book.date1904)?;
            old_last.insert(k, last);
        } else if Some(&name) == book.styles.as_ref() {
            // Written last: the sheets may still add styles.
            deferred.push(name);
        } else if Some(&name) == book.calc_chain.as_ref() {
            continue;
        } else if name == book.workbook
            || name == book.workbook_rels
            || name == "[Content_Types].xml"
            || tables.contains_key(&name)
        {
            deferred.push(name);
        } else {
            w.raw_copy_file(zip.by_index_raw(i)?)?;
        }
    }
    for (a, shell) in adding.iter().zip(&shells) {
        w.start_file(a.part.as_str(), options)?;
        let s = &sheets[a.index];
        sheet::rewrite(
            shell.as_bytes(),
            &mut w,
            &s.target,
            &plans[a.index],
            &[],
            book.date1904,
        )?;
    }
    let new_ids = if adding.is_empty() {
        Vec::new()
    } else {
        added::relate(&read_text(&mut zip, &book.workbook_rels)?, &adding, &dir).1
    };
    for name in deferred {
        // The styles were read at the start; the other deferred parts are read here, once.
        let text = if Some(&name) == book.styles.as_ref() {
            book_styles.borrow().xml()
        } else {
            let text = read_text(&mut zip, &name)?;
            if let Some(k) = tables.get(&name) {
                let last = old_last.get(k).copied().unwrap_or(0);
                sheet::grow_table(&text, last, sheets[*k].target.rows.len() as u32)
            } else if name == book.workbook {
                let grown: Vec<(usize, u32, u32)> = sheets
                    .iter()
                    .enumerate()
                    .filter_map(|(k, s)| {
                        let index = book.sheets.iter().position(|(n, _)| n == s.name)?;
                        Some((index, *old_last.get(&k)?, s.target.rows.len() as u32))
                    })
                    .collect();
                workbook_xml(&text, &grown)
            } else if let Some(chain) = &book.calc_chain {
                without_calc_chain(&text, chain)
            } else {
                text
            }
        };
        let text = match name.as_str() {
            _ if adding.is_empty() => text,
            n if n == book.workbook => added::list_in_workbook(&text, &adding, &new_ids),
            n if n == book.workbook_rels => added::relate(&text, &adding, &dir).0,
            "[Content_Types].xml" => added::declare_types(&text, &adding),
            _ => text,
        };
        w.start_file(name.as_str(), options)?;
        w.write_all(text.as_bytes())?;
    }
    Ok(w.finish()?.inner)
}

/// The output once a write to it failed: later writes and seeks only move a position kept
/// here, so that the zip writer, dropped on the error's way up, does not try to finish the
/// archive on a full disk (and complain on the terminal); the first error is what the caller sees.
struct Guarded<W> {
    inner: W,
    failed: bool,
    /// The position and length as the zip writer believes them.
    pos: u64,
    len: u64,
}

impl<W> Guarded<W> {
    fn new(inner: W) -> Self {
        Guarded {
            inner,
            failed: false,
            pos: 0,
            len: 0,
        }
    }

    fn moved(&mut self, n: usize) -> usize {
        self.pos += n as u64;
        self.len = self.len.max(self.pos);
        n
    }
}

impl<W: Write> Write for Guarded<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.failed {
            return Ok(self.moved(buf.len()));
        }
        match self.inner.write(buf) {
            Ok(n) => Ok(self.moved(n)),
            Err(e) => {
                self.failed = true;
                Err(e)
            }
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.failed {
            return Ok(());
        }
        self.inner.flush().inspect_err(|_| self.failed = true)
    }
}

impl<W: Seek> Seek for Guarded<W> {
    fn seek(&mut self, to: std::io::SeekFrom) -> std::io::Result<u64> {
        if !self.failed {
            match self.inner.seek(to) {
                Ok(p) => {
                    self.pos = p;
                    self.len = self.len.max(p);
                    return Ok(p);
                }
                Err(e) => {
                    self.failed = true;
                    return Err(e);
                }
            }
        }
        let base = |b: u64, d: i64| b.saturating_add_signed(d);
        self.pos = match to {
            std::io::SeekFrom::Start(p) => p,
            std::io::SeekFrom::Current(d) => base(self.pos, d),
            std::io::SeekFrom::End(d) => base(self.len, d),
        };
        self.len = self.len.max(self.pos);
        Ok(self.pos)
    }
}

/// The names of the sheets of the workbook at `path`, in order (its `workbook.xml` only).
///
/// # Errors
/// [`PatchError`] when it is no workbook package.
pub fn sheet_names(path: &Path) -> Result<Vec<String>, PatchError> {
    let mut zip = ZipArchive::new(BufReader::new(File::open(path)?))?;
    Ok(Package::read(&mut zip)?
        .sheets
        .into_iter()
        .map(|(n, _)| n)
        .collect())
}

/// Where the parts of a package are.
struct Package {
    /// `xl/workbook.xml`.
    workbook: String,
    /// `xl/_rels/workbook.xml.rels`.
    workbook_rels: String,
    /// Sheets in workbook order: name and part.
    sheets: Vec<(String, String)>,
    styles: Option<String>,
    shared_strings: Option<String>,
    calc_chain: Option<String>,
    date1904: bool,
}

impl Package {
    fn read<R: Read + Seek>(zip: &mut ZipArchive<R>) -> Result<Package, PatchError> {
        let root_rels = read_text(zip, "_rels/.rels")?;
        let workbook = relationships(&root_rels, "")
            .into_iter()
            .find(|(_, ty, _)| ty.ends_with("/officeDocument"))
            .map(|(_, _, target)| target)
            .unwrap_or_else(|| "xl/workbook.xml".to_owned());
        let dir = workbook.rsplit_once('/').map_or("", |(d, _)| d).to_owned();
        let file = workbook
            .rsplit_once('/')
            .map_or(workbook.as_str(), |(_, f)| f);
        let workbook_rels = if dir.is_empty() {
            format!("_rels/{file}.rels")
        } else {
            format!("{dir}/_rels/{file}.rels")
        };
        let rels = relationships(&read_text(zip, &workbook_rels)?, &dir);
        let xml = read_text(zip, &workbook)?;
        let mut sheets = Vec::new();
        let mut date1904 = false;
        let mut reader = Reader::from_str(&xml);
        loop {
            match reader.read_event()? {
                Event::Eof => break,
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    "sheet" => {
                        let mut name = None;
                        let mut id = None;
                        for a in e.attributes().flatten() {
                            let v = quick_xml::escape::unescape(&a.value)
                                .map_err(|e| PatchError::Xml(e.to_string()))?;
                            match (a.key.prefix().is_some(), a.key.local_name().as_ref()) {
                                (false, "name") => name = Some(v.into_owned()),
                                (true, "id") => id = Some(v.into_owned()),
                                _ => {}
                            }
                        }
                        if let (Some(name), Some(id)) = (name, id) {
                            if let Some((_, _, target)) = rels.iter().find(|(i, _, _)| *i == id) {
                                sheets.push((name, target.clone()));
                            }
                        }
                    }
                    "workbookPr" => {
                        date1904 = e.attributes().flatten().any(|a| {
                            a.key.local_name().as_ref() == "date1904"
                                && matches!(a.value.as_ref(), "1" | "true")
                        });
                    }
                    _ => {}
                },
                _ => {}
            }
        }
        let of_type = |t: &str| {
            rels.iter()
                .find(|(_, ty, _)| ty.ends_with(t))
                .map(|(_, _, target)| target.clone())
        };
        Ok(Package {
            workbook,
            workbook_rels,
            sheets,
            styles: of_type("/styles"),
            shared_strings: of_type("/sharedStrings"),
            calc_chain: of_type("/calcChain"),
            date1904,
        })
    }
}

/// (Id, Type, Target as a package path) of each relationship in a `.rels` part whose source is
/// in `dir`.
fn relationships(xml: &str, dir: &str) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let mut reader = Reader::from_str(xml);
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                let get = |k: &str| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == k)
                        .and_then(|a| {
                            quick_xml::escape::unescape(&a.value)
                                .ok()
                                .map(|v| v.into_owned())
                        })
                        .unwrap_or_default()
                };
                if get("TargetMode") == "External" {
                    continue;
                }
                out.push((get("Id"), get("Type"), resolve(dir, &get("Target"))));
            }
            _ => {}
        }
    }
    out
}

/// A relationship target as a path inside the package.
fn resolve(dir: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_owned();
    }
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for p in target.split('/') {
        match p {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

fn read_text<R: Read + Seek>(zip: &mut ZipArchive<R>, name: &str) -> Result<String, PatchError> {
    let mut text = String::new();
    zip.by_name(name)?
        .read_to_string(&mut text)
        .map_err(|_| PatchError::Xml(format!("{name}: not UTF-8")))?;
    Ok(text)
}

/// The shared strings of a package, each as calamine reads it: its runs' text joined, phonetic
/// guides (`<rPh>`) left out, Excel's `_xHHHH_` escapes undone.
fn shared_strings(xml: &str) -> Result<Vec<String>, PatchError> {
    let mut out = Vec::new();
    let mut reader = Reader::from_str(xml);
    let mut current: Option<String> = None;
    let (mut in_t, mut in_phonetic) = (false, false);
    loop {
        match reader.read_event()? {
            Event::Eof => break,
            Event::Start(e) => match e.local_name().as_ref() {
                "si" => current = Some(String::new()),
                "t" => in_t = true,
                "rPh" => in_phonetic = true,
                _ => {}
            },
            Event::Empty(e) if e.local_name().as_ref() == "si" => out.push(String::new()),
            Event::End(e) => match e.local_name().as_ref() {
                "si" => out.push(sheet::unescape_x(&current.take().unwrap_or_default())),
                "t" => in_t = false,
                "rPh" => in_phonetic = false,
                _ => {}
            },
            Event::Text(t) if in_t && !in_phonetic => {
                if let Some(c) = current.as_mut() {
                    c.push_str(&t);
                }
            }
            Event::CData(t) if in_t && !in_phonetic => {
                if let Some(c) = current.as_mut() {
                    c.push_str(&t);
                }
            }
            Event::GeneralRef(r) if in_t && !in_phonetic => {
                if let (Some(c), Some(cur)) = (crate::text::xml_entity(&r), current.as_mut()) {
                    cur.push(c);
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

/// The style number of each cell of a donor sheet, by (row, column).
fn donor_styles_of(xml: &str) -> Result<HashMap<(u32, u32), u32>, PatchError> {
    let mut out = HashMap::new();
    let mut reader = Reader::from_str(xml);
    loop {
        match reader.read_event()? {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "c" => {
                let mut at = None;
                let mut style = 0;
                for a in e.attributes().flatten() {
                    match a.key.as_ref() {
                        "r" => at = cell::parse_ref(a.value.as_bytes()),
                        "s" => style = a.value.parse().unwrap_or(0),
                        _ => {}
                    }
                }
                if let Some(at) = at {
                    out.insert(at, style);
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

/// `workbook.xml` asking for a full recalculation on open (the clerk's formulas over the ledger's
/// sheets show the new figures), with each patched sheet's filter range grown with its table.
fn workbook_xml(xml: &str, grown: &[(usize, u32, u32)]) -> String {
    let mut out = grow_filter_names(xml, grown);
    if let Some(at) = out.find("<calcPr") {
        let end = at + out[at..].find('>').unwrap_or(0);
        let tag = &out[at..end];
        if !tag.contains("fullCalcOnLoad") {
            out.insert_str(at + "<calcPr".len(), " fullCalcOnLoad=\"1\"");
        }
    } else {
        let after = ["</definedNames>", "</sheets>"]
            .iter()
            .find_map(|t| out.find(t).map(|i| i + t.len()));
        if let Some(i) = after {
            out.insert_str(i, "<calcPr fullCalcOnLoad=\"1\"/>");
        }
    }
    out
}

/// The hidden `_xlnm._FilterDatabase` names of patched sheets, their last row moved from the old
/// table's last row to the new one.
fn grow_filter_names(xml: &str, grown: &[(usize, u32, u32)]) -> String {
    let re = regex::Regex::new(
        r#"(<definedName[^>]*name="_xlnm\._FilterDatabase"[^>]*localSheetId="(\d+)"[^>]*>[^<]*?\$?[A-Z]{1,3}\$?)(\d+)(</definedName>)"#,
    );
    let Ok(re) = re else {
        return xml.to_owned();
    };
    re.replace_all(xml, |c: &regex::Captures<'_>| {
        let sheet: usize = c[2].parse().unwrap_or(usize::MAX);
        let row: u32 = c[3].parse().unwrap_or(0);
        match grown.iter().find(|(s, _, _)| *s == sheet) {
            Some(&(_, old, new)) if old > 0 && row == old + 1 && new > old => {
                format!("{}{}{}", &c[1], new + 1, &c[4])
            }
            _ => c[0].to_owned(),
        }
    })
    .into_owned()
}

/// `[Content_Types].xml` or the workbook's relationships without the calculation chain.
fn without_calc_chain(xml: &str, chain: &str) -> String {
    let name = chain.rsplit('/').next().unwrap_or(chain);
    let re = regex::Regex::new(&format!(
        r#"<(Override|Relationship)\b[^>]*{}[^>]*/>"#,
        regex::escape(name)
    ));
    match re {
        Ok(re) => re.replace_all(xml, "").into_owned(),
        Err(_) => xml.to_owned(),
    }
}
