//! Styles and helpers shared by every workbook taizhang writes.
//!
//! rust_xlsxwriter's `autofit` measures Latin text, so Chinese columns come out too narrow: widths
//! are computed here (a CJK character is about two width units). Text a unit typed is always
//! written as text, never as a formula, and keeps a quote prefix when it starts like one.

use std::collections::HashSet;

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

/// The body font: Excel and WPS on Chinese Windows both have it.
pub const FONT: &str = "宋体";

/// Display width of text in Excel column units (CJK and full-width characters count two).
pub fn text_width(s: &str) -> f64 {
    s.lines()
        .map(|line| {
            line.chars()
                .map(|c| if (c as u32) >= 0x2E80 { 2.1 } else { 1.1 })
                .sum::<f64>()
        })
        .fold(0.0, f64::max)
}

/// Column widths that fit the longest text of each column, clamped to `[min, max]`.
pub struct Widths {
    widths: Vec<f64>,
    min: f64,
    max: f64,
}

impl Widths {
    /// Starts from the header texts.
    pub fn new(headers: &[&str], min: f64, max: f64) -> Self {
        Widths {
            widths: headers.iter().map(|h| text_width(h) + 2.0).collect(),
            min,
            max,
        }
    }

    /// Accounts for one cell's text.
    pub fn see(&mut self, col: usize, text: &str) {
        if let Some(w) = self.widths.get_mut(col) {
            *w = w.max(text_width(text) + 1.5);
        }
    }

    /// The clamped width of a column.
    pub fn get(&self, col: usize) -> f64 {
        self.widths
            .get(col)
            .map_or(self.min, |w| w.clamp(self.min, self.max))
    }

    /// Applies the widths to a sheet.
    pub fn apply(&self, sheet: &mut Worksheet) -> Result<(), XlsxError> {
        for (i, w) in self.widths.iter().enumerate() {
            sheet.set_column_width(i as u16, w.clamp(self.min, self.max))?;
        }
        Ok(())
    }
}

/// A table to write: headers, rows of text each with its format, and column width bounds.
pub struct Table<'a> {
    /// Header texts.
    pub headers: &'a [&'a str],
    /// Rows: cell texts and the row's format.
    pub rows: Vec<(Vec<String>, Format)>,
    /// Narrowest column.
    pub min_width: f64,
    /// Widest column: longer text wraps, and the row grows to show it.
    pub max_width: f64,
}

/// A 说明 sheet: a two-column 项目 | 内容 table of notes, ending with the tool and its version,
/// shared by every workbook that explains itself.
pub fn notes(
    sheet: &mut Worksheet,
    notes: impl IntoIterator<Item = (&'static str, String)>,
    max_width: f64,
) -> Result<(), XlsxError> {
    let tool = format!("taizhang {}", env!("CARGO_PKG_VERSION"));
    let table = Table {
        headers: &["项目", "内容"],
        rows: notes
            .into_iter()
            .chain([("生成工具", tool)])
            .map(|(k, v)| (vec![k.to_owned(), v], body()))
            .collect(),
        min_width: 10.0,
        max_width,
    };
    table.write(sheet, 0)
}

impl Table<'_> {
    /// Writes the table from `first_row`: frozen header, autofilter, widths for Chinese text, and
    /// row heights that show wrapped text whole (Excel and LibreOffice do not grow them on open).
    pub fn write(&self, sheet: &mut Worksheet, first_row: u32) -> Result<(), XlsxError> {
        let mut widths = Widths::new(self.headers, self.min_width, self.max_width);
        for (cells, _) in &self.rows {
            for (c, text) in cells.iter().enumerate() {
                widths.see(c, text);
            }
        }
        widths.apply(sheet)?;
        let h = header();
        for (c, text) in self.headers.iter().enumerate() {
            sheet.write_string_with_format(first_row, c as u16, *text, &h)?;
        }
        sheet.set_freeze_panes(first_row + 1, 0)?;
        for (i, (cells, format)) in self.rows.iter().enumerate() {
            let row = first_row + 1 + i as u32;
            let mut lines = 1.0f64;
            for (c, text) in cells.iter().enumerate() {
                write_text(sheet, row, c as u16, text, format)?;
                let width = widths.get(c).max(1.0);
                let needed = lines_needed(text, width - 1.0);
                lines = lines.max(needed);
            }
            if lines > 1.0 {
                sheet.set_row_height(row, 15.0 * lines.min(20.0))?;
            }
        }
        let last = first_row + self.rows.len().max(1) as u32;
        sheet.autofilter(
            first_row,
            0,
            last,
            self.headers.len().saturating_sub(1) as u16,
        )?;
        Ok(())
    }
}

/// How many lines `text` takes in a wrapped cell `width` units wide: rows are sized from it,
/// since neither Excel nor LibreOffice grows a row for wrapped text written by a program.
pub fn lines_needed(text: &str, width: f64) -> f64 {
    let width = width.max(1.0);
    text.lines()
        .map(|l| (text_width(l) / width).ceil().max(1.0))
        .sum()
}

/// The header row: bold, filled, bordered, centred, wrapped.
pub fn header() -> Format {
    Format::new()
        .set_font_name(FONT)
        .set_bold()
        .set_background_color(Color::RGB(0xDDEBF7))
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap()
}

/// A body cell: bordered, top-aligned, wrapped.
pub fn body() -> Format {
    Format::new()
        .set_font_name(FONT)
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Top)
        .set_text_wrap()
}

/// A sheet title: large and bold.
pub fn title() -> Format {
    Format::new()
        .set_font_name(FONT)
        .set_bold()
        .set_font_size(14)
        .set_align(FormatAlign::VerticalCenter)
}

/// Light red fill for errors: colour only where it carries meaning.
pub fn error_fill(f: Format) -> Format {
    f.set_background_color(Color::RGB(0xFCE4E4))
}

/// Light yellow fill for warnings.
pub fn warning_fill(f: Format) -> Format {
    f.set_background_color(Color::RGB(0xFFF5CC))
}

/// True when text would be read as a formula by a spreadsheet if typed in (CWE-1236).
pub fn looks_like_formula(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// Writes user text as text: never a formula, and quote-prefixed when it starts like one so it
/// stays text after the clerk edits the cell.
pub fn write_text(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    text: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    // Excel's limit is 32,767 UTF-16 units per cell; a cell read from a workbook never exceeds it,
    // so only text built by taizhang itself could, and it is cut with a visible mark.
    let text = if text.encode_utf16().count() > 32_767 {
        let mark = "…（超长内容已截断）";
        let room = 32_767 - mark.encode_utf16().count();
        let mut used = 0;
        let mut cut: String = text
            .chars()
            .take_while(|c| {
                used += c.len_utf16();
                used <= room
            })
            .collect();
        cut.push_str(mark);
        std::borrow::Cow::Owned(cut)
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    if looks_like_formula(&text) {
        sheet.write_string_with_format(
            row,
            col,
            text.as_ref(),
            &format.clone().set_quote_prefix(),
        )?;
    } else {
        sheet.write_string_with_format(row, col, text.as_ref(), format)?;
    }
    Ok(())
}

/// A valid, unique sheet name (≤ 31 characters, none of `[]:*?/\`), derived from `wanted`.
pub fn sheet_name(wanted: &str, used: &mut HashSet<String>) -> String {
    let clean: String = wanted
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .collect();
    let clean = clean.trim_matches('\'').trim();
    let base: String = if clean.is_empty() {
        "Sheet".into()
    } else {
        clean.chars().take(31).collect()
    };
    let mut name = base.clone();
    let mut n = 2;
    while used.contains(&name.to_lowercase()) {
        let suffix = format!("({n})");
        let keep = 31 - suffix.chars().count();
        name = format!("{}{suffix}", base.chars().take(keep).collect::<String>());
        n += 1;
    }
    used.insert(name.to_lowercase());
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_count_cjk_double() {
        assert!(text_width("项目名称") > text_width("name"));
        assert!((text_width("abcd") - 4.4).abs() < 1e-9);
    }

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let mut used = HashSet::new();
        let long = "淮南市经济技术开发区党工委机关第一党支部联合党委员会之附属单位甲";
        let a = sheet_name(long, &mut used);
        let b = sheet_name(long, &mut used);
        assert!(a.chars().count() <= 31 && b.chars().count() <= 31);
        assert_ne!(a, b);
        assert_eq!(sheet_name("a/b", &mut used), "a_b");
    }

    #[test]
    fn formula_like_text() {
        assert!(looks_like_formula("=1+1"));
        assert!(looks_like_formula("-5"));
        assert!(!looks_like_formula("项目"));
    }
}
