//! OpenDocument spreadsheets (`.ods`): what calamine does not say about them,
//! read from `content.xml` itself.
//!
//! - `percent`: the percent-formatted numeric cells ([`percent_cells`]);
//! - `extent` and `table`: what calamine will allocate for every table
//!   ([`extents`]), following calamine's own parser event by event, so the
//!   loader can refuse a sheet before calamine builds its dense range.
//!
//! This file holds what the measurement shares: where it stops, and XML
//! names and attributes read exactly as calamine reads them.

mod extent;
mod percent;
mod table;
#[cfg(test)]
pub(super) mod tests;

pub use extent::extents;
pub use percent::percent_cells;

use quick_xml::events::BytesStart;

/// Where the measurement stops, what was counted so far standing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    /// calamine fails here (or the input ended where it would fail).
    Fails,
    /// calamine loops here forever: the document ended inside a table.
    Loops,
}

type Step<T> = Result<T, Stop>;

/// Element name of an event, as a string.
fn qname<'e>(e: &'e BytesStart<'_>) -> &'e str {
    e.name().into_inner()
}

fn end_name<'e>(e: &'e quick_xml::events::BytesEnd<'_>) -> &'e str {
    e.name().into_inner()
}

fn is_cell(name: &str) -> bool {
    name == "table:table-cell" || name == "table:covered-table-cell"
}

/// calamine's `decode_attr` (XML unescaping); the raw text where it fails.
fn decode(v: &str) -> String {
    unescaped(v).unwrap_or_else(|_| v.to_owned())
}

fn unescaped(v: &str) -> Step<String> {
    quick_xml::escape::unescape(v)
        .map(|s| s.into_owned())
        .map_err(|_| Stop::Fails)
}

/// A repeat or space count, parsed as calamine parses it (`usize`).
fn parse_count(v: &str) -> Step<u64> {
    v.parse::<usize>()
        .map(|n| n as u64)
        .map_err(|_| Stop::Fails)
}

/// calamine's `raw_attr`: the raw value of the first attribute named `key`;
/// a malformed attribute before it is an error.
fn raw_attr<'e>(e: &'e BytesStart<'_>, key: &str) -> Step<Option<&'e str>> {
    for attr in RawAttrs::new(e) {
        let (k, v) = attr?;
        if k == key {
            return Ok(Some(v));
        }
    }
    Ok(None)
}

/// calamine's `RawAttrIter` (attrs.rs): raw `key="value"` pairs, no
/// unescaping, no duplicate check.
struct RawAttrs<'e> {
    raw: &'e str,
    pos: usize,
}

impl<'e> RawAttrs<'e> {
    fn new(e: &'e BytesStart<'_>) -> Self {
        RawAttrs {
            raw: e.attributes_raw(),
            pos: 0,
        }
    }
}

impl<'e> Iterator for RawAttrs<'e> {
    type Item = Step<(&'e str, &'e str)>;

    fn next(&mut self) -> Option<Self::Item> {
        let raw = self.raw;
        let bytes = raw.as_bytes();
        let len = bytes.len();
        let mut pos = self.pos;
        while pos < len && bytes.get(pos).is_some_and(u8::is_ascii_whitespace) {
            pos += 1;
        }
        if pos >= len {
            self.pos = pos;
            return None;
        }
        let key_start = pos;
        while pos < len && bytes.get(pos) != Some(&b'=') {
            pos += 1;
        }
        if pos >= len {
            self.pos = len;
            return Some(Err(Stop::Fails));
        }
        let key = raw.get(key_start..pos).unwrap_or("").trim_ascii_end();
        pos += 1;
        while pos < len && bytes.get(pos).is_some_and(u8::is_ascii_whitespace) {
            pos += 1;
        }
        let quote = match bytes.get(pos) {
            Some(&q @ (b'"' | b'\'')) => q,
            _ => {
                self.pos = len;
                return Some(Err(Stop::Fails));
            }
        };
        pos += 1;
        let val_start = pos;
        while pos < len && bytes.get(pos) != Some(&quote) {
            pos += 1;
        }
        let val = raw.get(val_start..pos).unwrap_or("");
        if pos < len {
            pos += 1;
        }
        self.pos = pos;
        Some(Ok((key, val)))
    }
}
