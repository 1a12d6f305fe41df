//! One cell as sheet XML, written by hand for [`super`]: the patched sheet keeps the package's
//! shared strings as they are, so new text goes in as an inline string, which needs no table.

use std::fmt::Write;

use chrono::{NaiveDate, NaiveDateTime};

use crate::model::Value;

/// The donor row of a value: which of the sample rows written by the table kit carries the
/// style this value gets in a new cell (see [`crate::xlsx::patch`]).
pub fn variant(value: &Value) -> Option<usize> {
    Some(match value {
        Value::Empty => return None,
        Value::Text(s) if crate::xlsx::style::looks_like_formula(s) => 1,
        Value::Text(_) => 0,
        Value::Number(_) => 2,
        Value::Percent(_) => 3,
        Value::Date(_) => 4,
        Value::DateTime(_) => 5,
        Value::Bool(_) => 6,
        Value::Error(_) => 7,
    })
}

/// One sample value per [`variant`], in order: the rows of the donor sheet.
pub fn samples() -> Vec<Value> {
    let day = NaiveDate::from_ymd_opt(2018, 12, 31).unwrap_or_default();
    vec![
        Value::text("文字"),
        Value::text("=文字"),
        Value::Number(1.5),
        Value::Percent(0.6),
        Value::Date(day),
        Value::DateTime(day.and_hms_opt(8, 30, 0).unwrap_or_default()),
        Value::Bool(true),
        Value::Error("#N/A".to_owned()),
    ]
}

/// Column letters of a 0-based column: 0 → `A`, 26 → `AA` (the reader's, so both spell alike).
pub use crate::read::push_column_letters as column_letters;

/// `(row, col)`, 0-based, of a reference such as `AB12`; `None` when it is no cell reference.
pub fn parse_ref(r: &[u8]) -> Option<(u32, u32)> {
    let split = r.iter().position(u8::is_ascii_digit)?;
    let (letters, digits) = r.split_at(split);
    if letters.is_empty() || letters.len() > 3 || digits.is_empty() {
        return None;
    }
    let mut col: u32 = 0;
    for &b in letters {
        let b = b.to_ascii_uppercase();
        if !b.is_ascii_uppercase() {
            return None;
        }
        col = col * 26 + u32::from(b - b'A' + 1);
    }
    let mut row: u32 = 0;
    for &b in digits {
        if !b.is_ascii_digit() {
            return None;
        }
        row = row.checked_mul(10)?.checked_add(u32::from(b - b'0'))?;
    }
    Some((row.checked_sub(1)?, col - 1))
}

/// Appends `<c …>` for a value at (row, col) with style `style` (none for the default).
/// `date1904` is the workbook's date system; text past Excel's cell limit is cut with a mark,
/// as the table kit does.
pub fn write(
    out: &mut String,
    row: u32,
    col: u32,
    style: Option<u32>,
    value: &Value,
    date1904: bool,
) {
    out.push_str("<c r=\"");
    column_letters(out, col);
    let _ = write!(out, "{}\"", row + 1);
    if let Some(s) = style.filter(|&s| s != 0) {
        let _ = write!(out, " s=\"{s}\"");
    }
    let number = |out: &mut String, n: f64| {
        if n.is_finite() {
            let _ = write!(out, "><v>{n}</v></c>");
        } else {
            inline(out, &n.to_string());
        }
    };
    match value {
        Value::Empty => out.push_str("/>"),
        Value::Text(s) | Value::Error(s) => inline(out, &crate::xlsx::style::fit_cell(s)),
        Value::Number(n) => number(out, *n),
        Value::Percent(p) => number(out, p * 100.0),
        Value::Date(d) => number(
            out,
            serial(d.and_hms_opt(0, 0, 0).unwrap_or_default(), date1904),
        ),
        Value::DateTime(t) => number(out, serial(*t, date1904)),
        Value::Bool(b) => {
            let _ = write!(out, " t=\"b\"><v>{}</v></c>", u8::from(*b));
        }
    }
}

/// ` t="inlineStr"><is><t>…</t></is></c>`, the text escaped for XML and for Excel's `_xHHHH_`.
fn inline(out: &mut String, text: &str) {
    out.push_str(" t=\"inlineStr\"><is><t xml:space=\"preserve\">");
    escape(out, text);
    out.push_str("</t></is></c>");
}

/// XML escaping, with the characters XML 1.0 cannot hold written as Excel's `_xHHHH_` (which
/// calamine and Excel read back), and a literal `_xHHHH_` protected so it is not read as one.
fn escape(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\t' | '\n' => out.push(c),
            '\r' => out.push_str("&#13;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                let _ = write!(out, "_x{:04X}_", c as u32);
            }
            '_' if escaped_like(&bytes[i..]) => out.push_str("_x005F_"),
            c => out.push(c),
        }
    }
}

/// True when `b` starts with `_xHHHH_`.
fn escaped_like(b: &[u8]) -> bool {
    b.len() >= 7 && b[1] == b'x' && b[2..6].iter().all(u8::is_ascii_hexdigit) && b[6] == b'_'
}

/// The spreadsheet serial number of a time: days since 1899-12-30 (with Excel's phantom
/// 1900-02-29, so serials before March 1900 are one less), or since 1904-01-01.
pub fn serial(t: NaiveDateTime, date1904: bool) -> f64 {
    let base = if date1904 {
        NaiveDate::from_ymd_opt(1904, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(1899, 12, 30)
    }
    .unwrap_or_default()
    .and_hms_opt(0, 0, 0)
    .unwrap_or_default();
    let seconds = (t - base).num_milliseconds() as f64 / 1000.0;
    let mut days = seconds / 86_400.0;
    if !date1904 && days < 61.0 {
        days -= 1.0;
    }
    days
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_read_and_write_alike() {
        assert_eq!(parse_ref(b"A1"), Some((0, 0)));
        assert_eq!(parse_ref(b"AB12"), Some((11, 27)));
        assert_eq!(parse_ref(b"XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(parse_ref(b"A0"), None);
        assert_eq!(parse_ref(b"12"), None);
        let mut s = String::new();
        column_letters(&mut s, 16_383);
        assert_eq!(s, "XFD");
    }

    #[test]
    fn values_become_cells_a_reader_takes_back() {
        let mut s = String::new();
        write(
            &mut s,
            4,
            1,
            Some(3),
            &Value::text("a<b&_x0041_\u{1}"),
            false,
        );
        assert_eq!(
            s,
            "<c r=\"B5\" s=\"3\" t=\"inlineStr\"><is><t xml:space=\"preserve\">a&lt;b&amp;\
             _x005F_x0041__x0001_</t></is></c>"
        );
        s.clear();
        let d = NaiveDate::from_ymd_opt(2018, 6, 1).unwrap();
        write(&mut s, 0, 0, None, &Value::Date(d), false);
        assert_eq!(s, "<c r=\"A1\"><v>43252</v></c>");
        s.clear();
        write(&mut s, 0, 0, Some(0), &Value::Percent(0.6), false);
        assert_eq!(s, "<c r=\"A1\"><v>60</v></c>");
        assert_eq!(serial(d.and_hms_opt(12, 0, 0).unwrap(), true), 41790.5);
    }
}
