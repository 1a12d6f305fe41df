//! Styles and cell helpers of every workbook taizhang writes: the font, header/body/title
//! formats, the fills that carry meaning, column widths that fit Chinese text, and the one way
//! user text is written (never a formula).
//!
//! rust_xlsxwriter's `autofit` measures Latin text, so Chinese columns come out too narrow: widths
//! are computed here (a CJK character is about two width units). Text a unit typed is always
//! written as text, never as a formula, and keeps a quote prefix when it starts like one.

use std::collections::HashSet;

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

/// The body font: Excel and WPS on Chinese Windows both have it.
pub const FONT: &str = crate::say::sheets::FONT;

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

/// Column widths that fit the longest text of each column, clamped to `[min, max]`; a column
/// may instead have a fixed width (long text, dates).
#[derive(Debug, Clone)]
pub struct Widths {
    widths: Vec<f64>,
    fixed: Vec<Option<f64>>,
    min: f64,
    max: f64,
}

impl Widths {
    /// Starts from the header texts.
    pub fn new(headers: &[&str], min: f64, max: f64) -> Self {
        Widths {
            widths: headers.iter().map(|h| text_width(h) + 2.0).collect(),
            fixed: vec![None; headers.len()],
            min,
            max,
        }
    }

    /// Accounts for one cell's text.
    pub fn see(&mut self, col: usize, text: &str) {
        self.see_padded(col, text, 0.0);
    }

    /// Accounts for one cell's text plus `pad` units of slack.
    pub fn see_padded(&mut self, col: usize, text: &str, pad: f64) {
        if let Some(w) = self.widths.get_mut(col) {
            *w = w.max(text_width(text) + 1.5 + pad);
        }
    }

    /// Gives a column a fixed width, whatever its text.
    pub fn fix(&mut self, col: usize, width: f64) {
        if let Some(f) = self.fixed.get_mut(col) {
            *f = Some(width);
        }
    }

    /// True when the column's width is fixed (its text need not be measured).
    pub fn is_fixed(&self, col: usize) -> bool {
        self.fixed.get(col).is_some_and(Option::is_some)
    }

    /// The width of a column: fixed, or fitted and clamped.
    pub fn get(&self, col: usize) -> f64 {
        match self.fixed.get(col).copied().flatten() {
            Some(w) => w,
            None => self
                .widths
                .get(col)
                .map_or(self.min, |w| w.clamp(self.min, self.max)),
        }
    }

    /// Narrows the widest of the `shrink` columns, none below `floor`, so that the columns not
    /// in `skip` (hidden ones) add up to at most `budget` units: a table then prints one page
    /// wide at a readable size, its long text wrapping onto more lines instead.
    pub fn fit_page(&mut self, budget: f64, shrink: &[bool], skip: &[bool], floor: f64) {
        let n = self.widths.len();
        let counted = |i: usize| !skip.get(i).copied().unwrap_or(false);
        let can = |i: usize| counted(i) && shrink.get(i).copied().unwrap_or(false);
        let total = |cap: f64| -> f64 {
            (0..n)
                .filter(|&i| counted(i))
                .map(|i| {
                    let w = self.get(i);
                    if can(i) {
                        w.min(cap.max(floor))
                    } else {
                        w
                    }
                })
                .sum()
        };
        let widest = (0..n).map(|i| self.get(i)).fold(0.0, f64::max);
        if total(widest) <= budget {
            return;
        }
        // The largest cap that fits (or the floor, when nothing does).
        let (mut lo, mut hi) = (floor, widest);
        for _ in 0..40 {
            let mid = (lo + hi) / 2.0;
            if total(mid) <= budget {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        let cap = (lo * 10.0).floor() / 10.0;
        for i in 0..n {
            if can(i) && self.get(i) > cap {
                self.fix(i, cap.max(floor));
            }
        }
    }

    /// Applies the widths to a sheet.
    pub fn apply(&self, sheet: &mut Worksheet) -> Result<(), XlsxError> {
        for i in 0..self.widths.len() {
            sheet.set_column_width(i as u16, self.get(i))?;
        }
        Ok(())
    }
}

/// How many lines `text` takes in a wrapped cell `width` units wide: rows are sized from it,
/// since neither Excel nor LibreOffice grows a row for wrapped text written by a program.
///
/// Each line is wrapped as a spreadsheet does: a CJK character may start a new line anywhere,
/// a Latin word or a number moves to the next line whole (and breaks only when longer than the
/// line), so a row is as tall as its text and no taller.
pub fn lines_needed(text: &str, width: f64) -> f64 {
    let width = width.max(1.0);
    text.lines()
        .map(|l| wrapped_lines(l, width))
        .sum::<f64>()
        .max(1.0)
}

/// Lines one line of text wraps to in `width` units.
fn wrapped_lines(line: &str, width: f64) -> f64 {
    let mut lines = 1.0;
    let mut used = 0.0;
    for token in tokens(line) {
        let w = text_width(token);
        if used + w <= width {
            used += w;
            continue;
        }
        if token.trim().is_empty() {
            // A space at the end of a line is not carried over.
            continue;
        }
        if used > 0.0 {
            lines += 1.0;
        }
        used = w;
        while used > width {
            lines += 1.0;
            used -= width;
        }
    }
    lines
}

/// A line's wrapping units: each CJK character alone, each run of other non-space characters
/// (a word, a number), each space.
fn tokens(line: &str) -> impl Iterator<Item = &str> {
    let mut rest = line;
    std::iter::from_fn(move || {
        let c = rest.chars().next()?;
        let wide = |c: char| (c as u32) >= 0x2E80;
        let end = if wide(c) || c.is_whitespace() {
            c.len_utf8()
        } else {
            rest.find(|d: char| wide(d) || d.is_whitespace())
                .unwrap_or(rest.len())
        };
        let (token, tail) = rest.split_at(end);
        rest = tail;
        Some(token)
    })
}

/// Lines a wrapped cell of a column `column_width` units wide needs for `text` (a cell's
/// padding taken off the width): the one measure of the table kit and of [`super::patch`].
pub fn cell_lines(text: &str, column_width: f64) -> f64 {
    lines_needed(text, (column_width - 1.0).max(1.0))
}

/// Points one line of body text takes (11 pt 宋体 in Excel, and the CJK fonts LibreOffice and
/// WPS use in its place, with their leading).
pub const LINE_HEIGHT: f64 = 15.0;

/// Most lines a data sheet's row (the ledger) shows: a longer text is read in the cell.
pub const DATA_MAX_LINES: f64 = 15.0;

/// Most lines a document's row (reports, status, ranking) shows.
pub const DOCUMENT_MAX_LINES: f64 = 40.0;

/// The height of a row whose tallest wrapped cell needs `lines` lines, at most `max_lines`;
/// `None` for one line (the default height). The one rule of the table kit and of
/// [`super::patch`], so a row streamed into the ledger is as tall as one the kit writes.
pub fn row_height(lines: f64, max_lines: f64) -> Option<f64> {
    (lines > 1.0).then(|| (LINE_HEIGHT * lines.min(max_lines) + 3.0).round())
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

/// A bold, grey, centred body cell for a label column (score sheets, project sheets).
pub fn label_format() -> Format {
    body()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color(Color::RGB(0xF2F2F2))
}

/// Light red: errors, overdue projects. Colour only where it carries meaning.
pub const RED: u32 = 0xFCE4E4;
/// Light yellow: warnings, lagging projects, rows that need attention.
pub const YELLOW: u32 = 0xFFF5CC;
/// Light orange: a report is missing.
pub const ORANGE: u32 = 0xFCE4D6;
/// Light green: finished, exemplary or excellent.
pub const GREEN: u32 = 0xE2EFDA;
/// Light grey: rows dropped or not counted.
pub const GREY: u32 = 0xEDEDED;

/// A format with a background fill (RGB).
pub fn filled(f: Format, rgb: u32) -> Format {
    f.set_background_color(Color::RGB(rgb))
}

/// Light red fill for errors.
pub fn error_fill(f: Format) -> Format {
    filled(f, RED)
}

/// Light yellow fill for warnings.
pub fn warning_fill(f: Format) -> Format {
    filled(f, YELLOW)
}

/// True when text would be read as a formula by a spreadsheet if typed in (CWE-1236).
pub fn looks_like_formula(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// Text as a cell can hold it. Excel's limit is 32,767 UTF-16 units per cell; a cell read from a
/// workbook never exceeds it, so only text built by taizhang itself could, and it is cut with a
/// visible mark.
pub fn fit_cell(text: &str) -> std::borrow::Cow<'_, str> {
    if text.encode_utf16().count() <= 32_767 {
        return std::borrow::Cow::Borrowed(text);
    }
    let mark = crate::say::sheets::CUT;
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
    let text = fit_cell(text);
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
    fn wrapped_lines_follow_words_and_cjk() {
        // 20 CJK characters (42 units) in 21.5 units: two lines, not three.
        let cjk = "一二三四五六七八九十一二三四五六七八九十";
        assert!((lines_needed(cjk, 21.5) - 2.0).abs() < 1e-9);
        // A word is not split: "aaaa bbbb" in 6 units is two lines.
        assert!((lines_needed("aaaa bbbb", 6.0) - 2.0).abs() < 1e-9);
        // Three stages, one a line, each short: three lines.
        assert!((lines_needed("3月 启动\n6月 推进\n12月 总结", 30.0) - 3.0).abs() < 1e-9);
        assert!((lines_needed("", 10.0) - 1.0).abs() < 1e-9);
        assert_eq!(row_height(1.0, DATA_MAX_LINES), None);
        assert_eq!(row_height(3.0, DATA_MAX_LINES), Some(48.0));
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
