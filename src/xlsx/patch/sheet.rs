//! One worksheet's XML rewritten as it streams through: every element but the cells passes
//! through as it was (column widths, hidden columns, frozen panes, filter, merged cells, data
//! validation, conditional formats, comments' anchors, page setup); in `<sheetData>` a cell
//! whose value is unchanged is copied verbatim (its style, formula, rich text), a changed one is
//! written anew in its old style, and a new one takes the table kit's style.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::io::{BufRead, Write};

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, Writer};

use super::cell::{self, parse_ref};
use super::styles::Book;
use super::PatchError;
use crate::model::Value;
use crate::xlsx::style;

/// The number of sample rows of the donor sheet: see [`cell::variant`].
pub const VARIANTS: usize = 8;

/// What the sheet is to hold: the header in row 1, then the rows.
pub struct Target<'a> {
    /// Row 1.
    pub headers: &'a [String],
    /// Rows 2….
    pub rows: &'a [Vec<Value>],
    /// Columns whose text wraps (a new row grows to show it).
    pub wraps: Vec<bool>,
    /// Whether new rows get heights at all (not past the table kit's limit).
    pub heights: bool,
}

/// Style numbers, already in the package's numbering, for new cells.
pub struct Styles<'a> {
    /// Per column: a header cell.
    pub header: Vec<u32>,
    /// Per column and [`cell::variant`]: a data cell.
    pub data: Vec<[u32; VARIANTS]>,
    /// The package's styles: which show dates, and room for a filled row's new cells.
    pub book: &'a RefCell<Book>,
}

impl Styles<'_> {
    fn for_new(&self, row: u32, col: u32, value: &Value) -> u32 {
        let col = col as usize;
        if row == 0 {
            return self.header.get(col).copied().unwrap_or(0);
        }
        match (cell::variant(value), self.data.get(col)) {
            (Some(v), Some(styles)) => styles[v],
            _ => 0,
        }
    }

    /// The style of a changed cell: its own, unless a date would show there as a bare number,
    /// or a number as a date (and be read back as one).
    fn for_changed(&self, old: u32, row: u32, col: u32, value: &Value) -> u32 {
        let shows_date = self.book.borrow().is_date(old);
        let fits = match value {
            Value::Date(_) | Value::DateTime(_) => shows_date,
            Value::Number(_) | Value::Percent(_) => !shows_date,
            _ => true,
        };
        if fits {
            old
        } else {
            self.for_new(row, col, value)
        }
    }
}

struct State<'t, 's> {
    target: &'t Target<'t>,
    styles: &'s Styles<'s>,
    /// The package's shared strings, as calamine reads them.
    sst: &'s [String],
    date1904: bool,
    /// Column widths of `<cols>`, for the heights of new rows.
    widths: HashMap<u32, f64>,
    /// The next row to write new cells for.
    next_row: u32,
    /// The style the clerk gave the whole of the current old row (`customFormat`).
    row_style: Option<u32>,
    /// The last row of the old sheet that held a value: ranges ending there grow with the table.
    old_last: u32,
    buf: String,
}

impl<'t> State<'t, '_> {
    fn new_value(&self, row: u32, col: u32) -> Option<Cow<'t, Value>> {
        let col = col as usize;
        if row == 0 {
            let h = self.target.headers.get(col).filter(|h| !h.is_empty())?;
            return Some(Cow::Owned(Value::text(h.as_str())));
        }
        let target: &'t Target<'t> = self.target;
        let v = target.rows.get(row as usize - 1)?.get(col)?;
        (!v.is_empty()).then_some(Cow::Borrowed(v))
    }

    fn new_width(&self, row: u32) -> u32 {
        if row == 0 {
            self.target.headers.len() as u32
        } else {
            self.target
                .rows
                .get(row as usize - 1)
                .map_or(0, |r| r.len() as u32)
        }
    }

    fn last_row(&self) -> u32 {
        self.target.rows.len() as u32
    }

    /// New cells of `row` in columns `from..to`, appended to the buffer.
    fn new_cells(&mut self, row: u32, from: u32, to: u32) {
        for col in from..to.min(self.new_width(row)) {
            if let Some(v) = self.new_value(row, col) {
                let mut s = self.styles.for_new(row, col, &v);
                if let Some(base) = self.row_style {
                    s = self.styles.book.borrow_mut().combine(base, s);
                }
                cell::write(&mut self.buf, row, col, Some(s), &v, self.date1904);
            }
        }
    }

    /// Whole new rows before `until` (exclusive).
    fn new_rows<W: Write>(&mut self, until: u32, w: &mut Writer<W>) -> std::io::Result<()> {
        while self.next_row < until && self.next_row <= self.last_row() {
            let row = self.next_row;
            self.next_row += 1;
            self.row_style = None;
            self.buf.clear();
            self.new_cells(row, 0, u32::MAX);
            if self.buf.is_empty() {
                continue;
            }
            let height = self.height(row);
            let mut open = format!("<row r=\"{}\"", row + 1);
            if let Some(h) = height {
                open.push_str(&format!(" ht=\"{h}\" customHeight=\"1\""));
            }
            open.push('>');
            let out = w.get_mut();
            out.write_all(open.as_bytes())?;
            out.write_all(self.buf.as_bytes())?;
            out.write_all(b"</row>")?;
        }
        Ok(())
    }

    /// The height a new row needs for its wrapped text, as the table kit sets it.
    fn height(&self, row: u32) -> Option<f64> {
        if !self.target.heights || row == 0 {
            return None;
        }
        let cells = self.target.rows.get(row as usize - 1)?;
        let mut lines = 1.0f64;
        for (c, v) in cells.iter().enumerate() {
            if let (true, Value::Text(s)) = (self.target.wraps.get(c).copied().unwrap_or(false), v)
            {
                let width = self.widths.get(&(c as u32)).copied().unwrap_or(8.43);
                if width > 0.0 {
                    lines = lines.max(style::cell_lines(s, width));
                }
            }
        }
        style::row_height(lines, style::DATA_MAX_LINES)
    }
}

/// Rewrites one worksheet from `input` to `out` so that it holds `target`; returns the last row
/// of the old sheet that held a value.
pub fn rewrite<R: BufRead, W: Write>(
    input: R,
    out: W,
    target: &Target<'_>,
    styles: &Styles<'_>,
    sst: &[String],
    date1904: bool,
) -> Result<u32, PatchError> {
    let mut reader = Reader::from_reader(input);
    let mut w = Writer::new(out);
    let mut st = State {
        target,
        styles,
        sst,
        date1904,
        widths: HashMap::new(),
        next_row: 0,
        row_style: None,
        old_last: 0,
        buf: String::new(),
    };
    let mut buf = Vec::new();
    let mut in_data = false;
    let mut row: Option<(u32, u32)> = None; // (row, next column to fill)
    let mut last_row_seen: Option<u32> = None;
    // Inside an old cell: its events, kept until its end says whether it changed.
    let mut capture: Option<Capture> = None;
    let mut raw: Vec<u8> = Vec::new();
    let mut seen_data = false;
    let mut root = true;
    loop {
        buf.clear();
        let event = reader.read_event_into(&mut buf)?;
        if let Some(cap) = capture.as_mut() {
            if matches!(event, Event::Eof) {
                return Err(PatchError::Xml("c".into()));
            }
            let done = cap.see(&event, &mut raw)?;
            if done {
                if let Some(cap) = capture.take() {
                    finish_cell(&mut st, cap, &raw, &mut w)?;
                }
                raw.clear();
            }
            continue;
        }
        let empty = matches!(event, Event::Empty(_));
        let (Event::Start(e) | Event::Empty(e)) = event else {
            match event {
                Event::Eof => break,
                Event::End(e) if in_data && local_end(&e) == "sheetData" => {
                    if let Some((r, next)) = row.take() {
                        finish_row(&mut st, r, next, &mut w)?;
                    }
                    st.new_rows(u32::MAX, &mut w)?;
                    in_data = false;
                    w.write_event(Event::End(e))?;
                }
                Event::End(e) if in_data && local_end(&e) == "row" => {
                    if let Some((r, next)) = row.take() {
                        finish_row(&mut st, r, next, &mut w)?;
                    }
                    w.write_event(Event::End(e))?;
                }
                other => w.write_event(other)?,
            }
            continue;
        };
        // New elements are written unprefixed: a prefixed sheet is left to a full rewrite.
        if root {
            root = false;
            if e.name().prefix().is_some() {
                return Err(PatchError::Xml("prefix".into()));
            }
        }
        let name = local(&e);
        if !in_data && name == "sheetData" {
            seen_data = true;
            w.write_event(Event::Start(e.borrow()))?;
            if empty {
                st.new_rows(u32::MAX, &mut w)?;
                w.get_mut().write_all(b"</sheetData>")?;
            } else {
                in_data = true;
            }
        } else if in_data && name == "row" {
            let r = match attr(&e, "r").and_then(|v| parse_u32(&v)) {
                Some(n) if n >= 1 => n - 1,
                _ => last_row_seen.map_or(0, |l| l + 1),
            };
            // An empty second `<row>` of a number already written (rust_xlsxwriter 0.102 wrote
            // one after the last row of a constant-memory sheet; Excel calls it damage).
            if empty && last_row_seen.is_some_and(|l| r <= l) {
                continue;
            }
            last_row_seen = Some(r);
            st.new_rows(r, &mut w)?;
            st.next_row = st.next_row.max(r + 1);
            let custom = matches!(attr(&e, "customFormat").as_deref(), Some("1" | "true"));
            st.row_style = attr(&e, "s").and_then(|v| parse_u32(&v)).filter(|_| custom);
            if empty {
                st.buf.clear();
                st.new_cells(r, 0, u32::MAX);
                if st.buf.is_empty() {
                    w.write_event(Event::Empty(e))?;
                } else {
                    w.get_mut().write_all(&row_tag(&e))?;
                    w.get_mut().write_all(st.buf.as_bytes())?;
                    w.get_mut().write_all(b"</row>")?;
                }
            } else {
                w.get_mut().write_all(&row_tag(&e))?;
                row = Some((r, 0));
            }
        } else if in_data && name == "c" {
            let Some((r, next)) = row else {
                return Err(PatchError::Xml("c".into()));
            };
            let col = match attr(&e, "r").and_then(|v| parse_ref(v.as_bytes())) {
                Some((_, c)) => c,
                None => next,
            };
            // New cells in the columns before this one.
            st.buf.clear();
            st.new_cells(r, next, col);
            w.get_mut().write_all(st.buf.as_bytes())?;
            row = Some((r, col + 1));
            let cap = Capture {
                row: r,
                col,
                style: attr(&e, "s").and_then(|v| parse_u32(&v)).unwrap_or(0),
                kind: attr(&e, "t").map(Cow::into_owned).unwrap_or_default(),
                value: String::new(),
                inline: String::new(),
                depth: 0,
                in_v: false,
                in_t: false,
                in_phonetic: false,
            };
            raw.clear();
            {
                let mut rw = Writer::new(&mut raw);
                rw.write_event(if empty {
                    Event::Empty(e.borrow())
                } else {
                    Event::Start(e.borrow())
                })?;
            }
            if empty {
                finish_cell(&mut st, cap, &raw, &mut w)?;
                raw.clear();
            } else {
                capture = Some(cap);
            }
        } else if !in_data && seen_data {
            let e = grown(e, st.old_last, st.last_row());
            w.write_event(if empty {
                Event::Empty(e)
            } else {
                Event::Start(e)
            })?;
        } else if !in_data && name == "dimension" {
            let e = dimension(&e, target);
            w.write_event(Event::Empty(e))?;
        } else if !in_data && name == "col" {
            if let (Some(min), Some(max), Some(width)) = (
                attr(&e, "min").and_then(|v| parse_u32(&v)),
                attr(&e, "max").and_then(|v| parse_u32(&v)),
                attr(&e, "width").and_then(|v| v.parse().ok()),
            ) {
                // A hidden column's text does not make its row tall.
                let hidden = matches!(attr(&e, "hidden").as_deref(), Some("1" | "true"));
                for c in min.max(1)..=max.min(min.max(1) + 512) {
                    st.widths.insert(c - 1, if hidden { 0.0 } else { width });
                }
            }
            w.write_event(if empty {
                Event::Empty(e)
            } else {
                Event::Start(e)
            })?;
        } else {
            w.write_event(if empty {
                Event::Empty(e)
            } else {
                Event::Start(e)
            })?;
        }
    }
    if !seen_data {
        return Err(PatchError::Xml("sheetData".into()));
    }
    Ok(st.old_last)
}

/// One old cell as it streams by: its raw events are kept, its value gathered, so that at its
/// end it is copied verbatim when the ledger holds the same value, or written anew.
struct Capture {
    row: u32,
    col: u32,
    style: u32,
    /// Its `t` attribute (`s`, `inlineStr`, `str`, `b`, `e`, or none: a number).
    kind: String,
    /// The text of `<v>`.
    value: String,
    /// The text of `<is>` (runs, without phonetic guides).
    inline: String,
    depth: usize,
    in_v: bool,
    in_t: bool,
    in_phonetic: bool,
}

impl Capture {
    /// Takes one event inside the cell; true at the cell's end.
    fn see(&mut self, event: &Event<'_>, raw: &mut Vec<u8>) -> Result<bool, PatchError> {
        Writer::new(&mut *raw).write_event(event.borrow())?;
        match event {
            Event::Start(e) | Event::Empty(e) => {
                // The master of a shared formula: the cells that share it would be left without
                // one if it changed, which Excel repairs with a warning.
                if local(e) == "f"
                    && attr(e, "t").as_deref() == Some("shared")
                    && attr(e, "ref").is_some()
                {
                    self.kind.push_str("\0shared");
                }
                if matches!(event, Event::Start(_)) {
                    self.depth += 1;
                    match local(e) {
                        "v" => self.in_v = true,
                        "t" => self.in_t = true,
                        "rPh" => self.in_phonetic = true,
                        _ => {}
                    }
                }
            }
            Event::End(e) => {
                if self.depth == 0 {
                    return Ok(true);
                }
                self.depth -= 1;
                match local_end(e) {
                    "v" => self.in_v = false,
                    "t" => self.in_t = false,
                    "rPh" => self.in_phonetic = false,
                    _ => {}
                }
            }
            Event::Text(t) => self.push(t),
            Event::CData(t) => self.push(t),
            Event::GeneralRef(r) => {
                if let Some(c) = crate::text::xml_entity(r) {
                    self.push(c.encode_utf8(&mut [0u8; 4]));
                }
            }
            _ => {}
        }
        Ok(false)
    }

    fn push(&mut self, s: &str) {
        if self.in_v {
            self.value.push_str(s);
        } else if self.in_t && !self.in_phonetic {
            self.inline.push_str(s);
        }
    }

    /// Whether the cell holds `new`, as calamine would have read it.
    fn holds(&self, new: &Value, sst: &[String], date1904: bool) -> bool {
        let kind = self.kind.split('\0').next().unwrap_or("");
        let has_value = !self.value.is_empty() || !self.inline.is_empty();
        let text = || -> Option<String> {
            match kind {
                "s" => sst.get(self.value.trim().parse::<usize>().ok()?).cloned(),
                "inlineStr" => Some(unescape_x(&self.inline)),
                "str" => Some(unescape_x(&self.value)),
                _ => None,
            }
        };
        let number = || -> Option<f64> {
            matches!(kind, "" | "n")
                .then(|| self.value.trim().parse().ok())
                .flatten()
        };
        match new {
            Value::Empty => !has_value || text().is_some_and(|t| t.is_empty()),
            Value::Text(s) => text().is_some_and(|t| t == *s),
            Value::Number(n) => number() == Some(*n),
            Value::Date(d) => {
                let at = d.and_hms_opt(0, 0, 0).unwrap_or_default();
                number().is_some_and(|v| (v - cell::serial(at, date1904)).abs() < 1e-9)
            }
            Value::DateTime(t) => {
                number().is_some_and(|v| (v - cell::serial(*t, date1904)).abs() < 1e-8)
            }
            Value::Bool(b) => kind == "b" && self.value.trim() == if *b { "1" } else { "0" },
            Value::Error(e) => kind == "e" && self.value.trim() == e,
            Value::Percent(_) => false,
        }
    }
}

/// Excel's `_xHHHH_` escapes in text, undone as calamine undoes them.
pub fn unescape_x(s: &str) -> String {
    if !s.contains("_x") {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("_x") {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let b = tail.as_bytes();
        if b.len() >= 7 && b[2..6].iter().all(u8::is_ascii_hexdigit) && b[6] == b'_' {
            if let Some(c) = u32::from_str_radix(&tail[2..6], 16)
                .ok()
                .and_then(char::from_u32)
            {
                out.push(c);
                rest = &tail[7..];
                continue;
            }
        }
        out.push_str("_x");
        rest = &tail[2..];
    }
    out.push_str(rest);
    out
}

/// An old cell at its end: copied as it was when it holds the ledger's value, else written anew.
fn finish_cell<W: Write>(
    st: &mut State<'_, '_>,
    cap: Capture,
    raw: &[u8],
    w: &mut Writer<W>,
) -> Result<(), PatchError> {
    let (r, col) = (cap.row, cap.col);
    let has_value = !cap.value.is_empty() || !cap.inline.is_empty();
    if has_value {
        st.old_last = st.old_last.max(r);
    }
    let new = st.new_value(r, col).unwrap_or_default();
    if cap.holds(&new, st.sst, st.date1904) {
        w.get_mut().write_all(raw)?;
        return Ok(());
    }
    if cap.kind.ends_with("\0shared") {
        return Err(PatchError::Xml("shared formula".into()));
    }
    let style = st.styles.for_changed(cap.style, r, col, &new);
    st.buf.clear();
    cell::write(&mut st.buf, r, col, Some(style), &new, st.date1904);
    w.get_mut().write_all(st.buf.as_bytes())?;
    Ok(())
}

/// The rest of an old row: new cells past its last old cell.
fn finish_row<W: Write>(
    st: &mut State<'_, '_>,
    r: u32,
    next: u32,
    w: &mut Writer<W>,
) -> std::io::Result<()> {
    st.buf.clear();
    st.new_cells(r, next, u32::MAX);
    w.get_mut().write_all(st.buf.as_bytes())
}

fn local<'a>(e: &'a BytesStart<'_>) -> &'a str {
    let name = e.name().into_inner();
    name.rsplit_once(':').map_or(name, |(_, l)| l)
}

fn local_end<'a>(e: &'a quick_xml::events::BytesEnd<'_>) -> &'a str {
    let name = e.name().into_inner();
    name.rsplit_once(':').map_or(name, |(_, l)| l)
}

/// An attribute's raw value, borrowed from the tag when it can be (every cell asks for two).
fn attr<'a>(e: &'a BytesStart<'_>, name: &str) -> Option<Cow<'a, str>> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| a.value)
}

fn parse_u32(v: &str) -> Option<u32> {
    v.trim().parse().ok()
}

/// A row's start tag without `spans` (a hint that new cells could make wrong).
fn row_tag(e: &BytesStart<'_>) -> Vec<u8> {
    let mut out = String::with_capacity(64);
    out.push('<');
    out.push_str(e.name().as_ref());
    for a in e.attributes().with_checks(false).flatten() {
        if a.key.local_name().as_ref() == "spans" {
            continue;
        }
        // The raw value, still escaped as it was read.
        out.push_str(&format!(" {}=\"{}\"", a.key.as_ref(), a.value));
    }
    out.push('>');
    out.into_bytes()
}

/// `<dimension>` covering the new table as well as what was there.
fn dimension<'a>(e: &BytesStart<'_>, target: &Target<'_>) -> BytesStart<'a> {
    let (mut rows, mut cols) = (target.rows.len() as u32 + 1, target.headers.len() as u32);
    for r in target.rows {
        cols = cols.max(r.len() as u32);
    }
    if let Some(old) = attr(e, "ref") {
        if let Some((_, end)) = split_range(old.as_bytes()) {
            rows = rows.max(end.0 + 1);
            cols = cols.max(end.1 + 1);
        }
    }
    let mut r = String::from("A1:");
    cell::column_letters(&mut r, cols.max(1) - 1);
    r.push_str(&rows.to_string());
    let mut out = BytesStart::new("dimension");
    out.push_attribute(("ref", r.as_str()));
    out
}

fn split_range(r: &[u8]) -> Option<((u32, u32), (u32, u32))> {
    let r = r.strip_prefix(b"$").unwrap_or(r);
    let clean: Vec<u8> = r.iter().copied().filter(|&b| b != b'$').collect();
    match clean.iter().position(|&b| b == b':') {
        Some(i) => Some((parse_ref(&clean[..i])?, parse_ref(&clean[i + 1..])?)),
        None => {
            let one = parse_ref(&clean)?;
            Some((one, one))
        }
    }
}

/// An element after the cells whose ranges (autofilter `ref`, validation and conditional format
/// `sqref`) covered the table to its last row: they grow to its new last row, as Excel grows them
/// when a row is typed under a filtered table.
fn grown<'a>(e: BytesStart<'a>, old_last: u32, new_last: u32) -> BytesStart<'a> {
    let key = match local(&e) {
        "autoFilter" => "ref",
        "dataValidation" | "conditionalFormatting" => "sqref",
        _ => return e,
    };
    grown_key(e, key, old_last, new_last)
}

/// `e` with the ranges of its attribute `key` grown (see [`grown`]).
fn grown_key<'a>(e: BytesStart<'a>, key: &str, old_last: u32, new_last: u32) -> BytesStart<'a> {
    if new_last <= old_last || old_last == 0 {
        return e;
    }
    let Some(value) = attr(&e, key).map(Cow::into_owned) else {
        return e;
    };
    let text = value.as_str();
    let mut changed = false;
    let ranges: Vec<String> = text
        .split_whitespace()
        .map(|r| match split_range(r.as_bytes()) {
            Some((start, end)) if end.0 == old_last && start.0 <= 1 && start.0 < end.0 => {
                changed = true;
                let mut s = String::new();
                cell::column_letters(&mut s, start.1);
                s.push_str(&(start.0 + 1).to_string());
                s.push(':');
                cell::column_letters(&mut s, end.1);
                s.push_str(&(new_last + 1).to_string());
                s
            }
            _ => r.to_owned(),
        })
        .collect();
    if !changed {
        return e;
    }
    let joined = ranges.join(" ");
    let name = e.name().as_ref().to_owned();
    let mut out = BytesStart::new(name);
    for a in e.attributes().flatten() {
        if a.key.local_name().as_ref() == key {
            out.push_attribute((a.key.as_ref(), joined.as_str()));
        } else {
            out.push_attribute(a);
        }
    }
    out
}

/// An Excel table part (`xl/tables/tableN.xml`) whose range covered the sheet's table to its
/// last row, grown to the new last row (the table and its filter).
pub fn grow_table(xml: &str, old_last: u32, new_last: u32) -> String {
    let mut reader = Reader::from_str(xml);
    let mut out = Writer::new(Vec::with_capacity(xml.len() + 64));
    loop {
        let Ok(event) = reader.read_event() else {
            return xml.to_owned();
        };
        let written = match event {
            Event::Eof => break,
            Event::Start(e) if matches!(local(&e), "table" | "autoFilter") => {
                out.write_event(Event::Start(grown_key(e, "ref", old_last, new_last)))
            }
            Event::Empty(e) if matches!(local(&e), "table" | "autoFilter") => {
                out.write_event(Event::Empty(grown_key(e, "ref", old_last, new_last)))
            }
            other => out.write_event(other),
        };
        if written.is_err() {
            return xml.to_owned();
        }
    }
    String::from_utf8(out.into_inner()).unwrap_or_else(|_| xml.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rewrites `xml` to hold `rows` (row 1 the headers), the old values given by hand.
    fn run(
        xml: &str,
        headers: &[&str],
        rows: Vec<Vec<Value>>,
        sst: &[&str],
    ) -> Result<String, PatchError> {
        let headers: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
        let target = Target {
            headers: &headers,
            rows: &rows,
            wraps: vec![false; headers.len()],
            heights: true,
        };
        let book = RefCell::new(
            super::super::styles::merge(PACKAGE_STYLES, PACKAGE_STYLES)
                .unwrap()
                .0,
        );
        let styles = Styles {
            header: vec![7; headers.len()],
            data: vec![[8; VARIANTS]; headers.len()],
            book: &book,
        };
        let sst: Vec<String> = sst.iter().map(|s| s.to_string()).collect();
        let mut out = Vec::new();
        rewrite(xml.as_bytes(), &mut out, &target, &styles, &sst, false)?;
        Ok(String::from_utf8(out).unwrap())
    }

    const PACKAGE_STYLES: &str = r#"<styleSheet><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellXfs></styleSheet>"#;

    const SHEET: &str = r#"<worksheet xmlns="m"><dimension ref="A1:B2"/><sheetData><row r="1" spans="1:2"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2" hidden="1"><c r="A2" s="3" t="s"><v>2</v></c><c r="B2" s="4"><f>1+1</f><v>2</v></c></row></sheetData><autoFilter ref="A1:B2"/></worksheet>"#;

    /// The shared strings of [`SHEET`].
    const SST: &[&str] = &["编号", "数", "甲"];

    #[test]
    fn unchanged_cells_stay_verbatim_and_new_rows_follow() {
        let rows = vec![
            vec![Value::text("甲"), Value::Number(2.0)],
            vec![Value::text("乙"), Value::Empty],
        ];
        let out = run(SHEET, &["编号", "数"], rows, SST).unwrap();
        assert_eq!(
            out,
            r#"<worksheet xmlns="m"><dimension ref="A1:B3"/><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2" hidden="1"><c r="A2" s="3" t="s"><v>2</v></c><c r="B2" s="4"><f>1+1</f><v>2</v></c></row><row r="3"><c r="A3" s="8" t="inlineStr"><is><t xml:space="preserve">乙</t></is></c></row></sheetData><autoFilter ref="A1:B3"/></worksheet>"#
        );
    }

    #[test]
    fn a_changed_cell_keeps_its_style_and_a_new_column_gets_the_kits() {
        let rows = vec![vec![
            Value::text("丙"),
            Value::Number(2.0),
            Value::text("新"),
        ]];
        let out = run(SHEET, &["编号", "数", "列"], rows, SST).unwrap();
        assert!(out.contains(r#"<c r="A2" s="3" t="inlineStr"><is><t xml:space="preserve">丙</t></is></c><c r="B2" s="4"><f>1+1</f><v>2</v></c><c r="C2" s="8" t="inlineStr">"#), "{out}");
        assert!(
            out.contains(
                r#"<c r="C1" s="7" t="inlineStr"><is><t xml:space="preserve">列</t></is></c></row>"#
            ),
            "{out}"
        );
    }

    #[test]
    fn the_master_of_a_shared_formula_is_not_cut_from_its_cells() {
        let xml = SHEET.replace("<f>1+1</f>", r#"<f t="shared" ref="B2:B9" si="0">1+1</f>"#);
        let rows = vec![vec![Value::text("甲"), Value::Number(5.0)]];
        assert!(run(&xml, &["编号", "数"], rows, SST).is_err());
    }

    #[test]
    fn rows_and_cells_without_references_are_placed_in_order() {
        let xml = r#"<worksheet><sheetData><row><c t="inlineStr"><is><t>编号</t></is></c></row><row><c><v>1</v></c></row></sheetData></worksheet>"#;
        let rows = vec![vec![Value::Number(1.0), Value::text("x")]];
        let out = run(xml, &["编号"], rows, &[]).unwrap();
        assert!(
            out.contains(r#"<row><c><v>1</v></c><c r="B2" t="inlineStr">"#),
            "{out}"
        );
    }
}
