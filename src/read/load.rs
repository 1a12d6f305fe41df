//! Format detection and the per-format loaders behind [`super::read_bytes`].

use std::collections::{HashMap, HashSet};
use std::io::Cursor;

use calamine::{Data, DataRef, Ods, Reader, SheetVisible, Xls, Xlsb, Xlsx, XlsxError};
use chrono::NaiveDateTime;

use super::{Cell, Limits, ReadError, Sheet, Value, Workbook};

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const EMPTY_ZIP_MAGIC: &[u8] = b"PK\x05\x06";
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Picks the reader from the bytes (and, among zip formats, the extension).
pub(super) fn load(bytes: &[u8], ext: &str, limits: &Limits) -> Result<Workbook, ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::Unreadable(
            "文件是空的（0 字节），可能没有保存或下载完整，请重新发送".into(),
        ));
    }
    if bytes.starts_with(ZIP_MAGIC) || bytes.starts_with(EMPTY_ZIP_MAGIC) {
        check_unpacked_size(bytes, limits)?;
        let result = match ext {
            "ods" => load_generic::<Ods<_>>(bytes, limits, ods_percent),
            "xlsb" => load_generic::<Xlsb<_>>(bytes, limits, no_percent),
            _ => load_xlsx(bytes, limits),
        };
        return result.map_err(|e| match e {
            ReadError::Unreadable(_) => diagnose_zip(bytes).unwrap_or(e),
            other => other,
        });
    }
    if bytes.starts_with(OLE_MAGIC) {
        return match load_generic::<Xls<_>>(bytes, limits, xls_percent) {
            Err(ReadError::Unreadable(xls_error)) => match load_xlsx(bytes, limits) {
                Err(ReadError::Encrypted) => Err(ReadError::Encrypted),
                _ => Err(ReadError::Unreadable(xls_error)),
            },
            other => other,
        };
    }
    Err(ReadError::Unreadable(diagnose_other(bytes)))
}

fn unreadable(detail: impl std::fmt::Display) -> ReadError {
    ReadError::Unreadable(format!(
        "文件已损坏或不完整（可能下载中断），无法打开（{detail}），请重新发送"
    ))
}

/// Refuses a zip whose entries declare more bytes than the limit, before inflating anything.
fn check_unpacked_size(bytes: &[u8], limits: &Limits) -> Result<(), ReadError> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(()); // a broken zip is diagnosed by the reader
    };
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        if let Ok(entry) = archive.by_index_raw(i) {
            total = total.saturating_add(entry.size());
        }
    }
    if total > limits.max_unpacked_bytes {
        return Err(ReadError::Unpacked {
            size: super::human_size(total),
            limit: super::human_size(limits.max_unpacked_bytes),
        });
    }
    Ok(())
}

/// Names what a zip that is no workbook really is (a Word file renamed, a truncated download).
fn diagnose_zip(bytes: &[u8]) -> Option<ReadError> {
    let Ok(archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Some(unreadable("压缩结构不完整"));
    };
    let names: Vec<String> = archive
        .file_names()
        .filter_map(Result::ok)
        .map(|n| n.into_owned())
        .collect();
    let has = |prefix: &str| names.iter().any(|n| n.starts_with(prefix));
    let what = if has("word/") {
        "Word 文档"
    } else if has("ppt/") {
        "PowerPoint 演示文稿"
    } else if has("xl/") || has("content.xml") {
        return None;
    } else {
        "压缩包"
    };
    Some(ReadError::Unreadable(format!(
        "不是 Excel 表格，而是{what}（扩展名被改成了表格），请用表格模板填写后发送"
    )))
}

/// Names a non-spreadsheet file by its first bytes.
fn diagnose_other(bytes: &[u8]) -> String {
    let head = &bytes[..bytes.len().min(512)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let contains = |needle: &[u8]| lower.windows(needle.len()).any(|w| w == needle);
    let what = if head.starts_with(b"%PDF") {
        "PDF 文档"
    } else if contains(b"<html") || contains(b"<table") || contains(b"<!doctype") {
        "网页（HTML）文件"
    } else if head.starts_with(&[0xFF, 0xD8]) || head.starts_with(b"\x89PNG") {
        "图片"
    } else if head.starts_with(b"Rar!") || head.starts_with(&[0x37, 0x7A, 0xBC, 0xAF]) {
        "压缩包"
    } else if std::str::from_utf8(head).is_ok() {
        "文本文件"
    } else {
        "无法识别的文件"
    };
    format!(
        "不是 Excel 表格，而是{what}（扩展名被改成了表格），请用表格模板填写后以 .xlsx 格式发送"
    )
}

/// xlsx/xlsm through the cell reader, which gives each cell's style in the same pass: a percent
/// cell holds 0.6 and only its number format says it means 60.
fn load_xlsx(bytes: &[u8], limits: &Limits) -> Result<Workbook, ReadError> {
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|e| match e {
        XlsxError::Password => ReadError::Encrypted,
        other => unreadable(other),
    })?;
    let metas: Vec<(String, bool)> = book
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible == SheetVisible::Visible))
        .collect();
    let mut sheets = Vec::with_capacity(metas.len());
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
            if let Some(value) = from_data_ref(cell.get_value(), percent) {
                if cells.len() >= limits.max_cells_per_sheet {
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
    super::xls_percent::percent_cells(bytes)
}

fn ods_percent(bytes: &[u8]) -> PercentCells {
    super::ods_percent::percent_cells(bytes)
}

/// xls, xlsb, ods: calamine's ranges, with percent cells found by our own format readers.
fn load_generic<R>(
    bytes: &[u8],
    limits: &Limits,
    percent_cells: fn(&[u8]) -> PercentCells,
) -> Result<Workbook, ReadError>
where
    R: Reader<Cursor<Vec<u8>>>,
    R::Error: std::fmt::Display,
{
    let mut book = R::new(Cursor::new(bytes.to_vec())).map_err(|e| {
        let text = e.to_string();
        if text.contains("password") || text.contains("Password") {
            ReadError::Encrypted
        } else {
            unreadable(text)
        }
    })?;
    let percents = percent_cells(bytes);
    let metas: Vec<(String, bool)> = book
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == calamine::SheetType::WorkSheet)
        .map(|s| (s.name.clone(), s.visible == SheetVisible::Visible))
        .collect();
    let mut sheets = Vec::with_capacity(metas.len());
    for (name, visible) in metas {
        let range = book.worksheet_range(&name).map_err(unreadable)?;
        let sheet_percents = percents.get(&name);
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut cells = Vec::new();
        for (r, c, data) in range.used_cells() {
            let (row, col) = (r0 + r as u32, c0 + c as u32);
            let percent = sheet_percents.is_some_and(|s| s.contains(&(row, col)));
            if let Some(value) = from_data(data, percent) {
                if cells.len() >= limits.max_cells_per_sheet {
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

fn number(n: f64, percent: bool) -> Value {
    if percent {
        Value::Percent(n)
    } else {
        Value::Number(n)
    }
}

fn from_data_ref(d: &DataRef<'_>, percent: bool) -> Option<Value> {
    Some(match d {
        DataRef::Int(i) => number(*i as f64, percent),
        DataRef::Float(f) => number(*f, percent),
        DataRef::String(s) => Value::Text(s.clone()),
        DataRef::SharedString(s) => Value::Text((*s).to_owned()),
        DataRef::Bool(b) => Value::Bool(*b),
        DataRef::DateTime(dt) => match dt.as_datetime() {
            Some(d) if dt.is_datetime() => Value::Date(d),
            _ => Value::Number(dt.as_f64()),
        },
        DataRef::DateTimeIso(s) => iso_date(s),
        DataRef::DurationIso(s) => Value::Text(s.clone()),
        DataRef::Error(e) => Value::Error(e.to_string()),
        DataRef::Empty => return None,
    })
}

fn from_data(d: &Data, percent: bool) -> Option<Value> {
    Some(match d {
        Data::Int(i) => number(*i as f64, percent),
        Data::Float(f) => number(*f, percent),
        Data::String(s) => Value::Text(s.clone()),
        Data::Bool(b) => Value::Bool(*b),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(d) if dt.is_datetime() => Value::Date(d),
            _ => Value::Number(dt.as_f64()),
        },
        Data::DateTimeIso(s) => iso_date(s),
        Data::DurationIso(s) => Value::Text(s.clone()),
        Data::Error(e) => Value::Error(e.to_string()),
        Data::Empty => return None,
    })
}

/// ods dates arrive as ISO text (`2018-06-01`, `2018-06-01T00:00:00`).
fn iso_date(s: &str) -> Value {
    let parsed = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S"))
        .ok()
        .or_else(|| {
            chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
        });
    match parsed {
        Some(d) => Value::Date(d),
        None => Value::Text(s.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_formats() {
        assert!(is_percent_format("0%"));
        assert!(is_percent_format("0.00%"));
        assert!(!is_percent_format("\"%\"0"));
        assert!(!is_percent_format("General"));
        assert!(!is_percent_format("yyyy\"年\"m\"月\"d\"日\""));
    }

    #[test]
    fn non_spreadsheets_are_named() {
        assert!(diagnose_other(b"%PDF-1.4 ...").contains("PDF"));
        assert!(diagnose_other("你好".as_bytes()).contains("文本"));
        let e = load(b"", "xlsx", &Limits::default()).unwrap_err();
        assert!(e.to_string().contains("空"));
    }
}
