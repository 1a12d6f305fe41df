//! Writing labels and values the way an office template does: bordered cells, merged areas,
//! wrapped long text in tall rows, dates as real date cells with their own number format.

use crate::model::Val;
use rust_xlsxwriter::{
    ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, Worksheet, XlsxError,
};

pub type R = Result<(), XlsxError>;

/// Chinese government templates use SimSun (宋体).
fn base() -> Format {
    Format::new().set_font_name("宋体").set_font_size(11)
}

fn boxed() -> Format {
    base()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::VerticalCenter)
}

pub fn title_fmt() -> Format {
    base()
        .set_font_size(16)
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
}

fn label_fmt() -> Format {
    boxed().set_bold().set_text_wrap().set_align(FormatAlign::Center)
}

fn value_fmt(v: &Val) -> Format {
    let f = boxed().set_text_wrap().set_align(FormatAlign::Left);
    match v {
        Val::Num(_, nf) if !nf.is_empty() => f.set_num_format(*nf),
        Val::Date(_, _, _, nf) => f.set_num_format(*nf),
        Val::Percent(_) => f.set_num_format("0%"),
        _ => f,
    }
}

/// A merged title over columns c0..=c1 of `row`, 36 points high.
pub fn title(ws: &mut Worksheet, row: u32, c0: u16, c1: u16, text: &str) -> R {
    if c0 == c1 {
        ws.write_string_with_format(row, c0, text, &title_fmt())?;
    } else {
        ws.merge_range(row, c0, row, c1, text, &title_fmt())?;
    }
    ws.set_row_height(row, 36)?;
    Ok(())
}

/// A free text row (instructions, section headings), merged and wrapped, not bordered.
pub fn note(ws: &mut Worksheet, row: u32, c0: u16, c1: u16, text: &str, bold: bool) -> R {
    let mut f = base().set_text_wrap().set_align(FormatAlign::VerticalCenter);
    if bold {
        f = f.set_bold();
    }
    if c0 == c1 {
        ws.write_string_with_format(row, c0, text, &f)?;
    } else {
        ws.merge_range(row, c0, row, c1, text, &f)?;
    }
    Ok(())
}

/// A label cell, merged over c0..=c1 when they differ.
pub fn label(ws: &mut Worksheet, row: u32, c0: u16, c1: u16, text: &str) -> R {
    let f = label_fmt();
    if c0 == c1 {
        ws.write_string_with_format(row, c0, text, &f)?;
    } else {
        ws.merge_range(row, c0, row, c1, text, &f)?;
    }
    Ok(())
}

/// A value over c0..=c1 (merged when they differ). Only the top-left cell of a merged area holds
/// the value, like Excel; a date, number, percent or error goes into that cell after the merge.
pub fn value(ws: &mut Worksheet, row: u32, c0: u16, c1: u16, v: &Val) -> R {
    let f = value_fmt(v);
    if c0 != c1 {
        let text = if let Val::Text(s) = v { s.as_str() } else { "" };
        ws.merge_range(row, c0, row, c1, text, &f)?;
    }
    match v {
        Val::Blank => {
            ws.write_blank(row, c0, &f)?;
        }
        Val::Text(s) => {
            ws.write_string_with_format(row, c0, s, &f)?;
        }
        Val::Num(n, _) => {
            ws.write_number_with_format(row, c0, *n, &f)?;
        }
        Val::Percent(x) => {
            ws.write_number_with_format(row, c0, *x, &f)?;
        }
        Val::Date(y, m, d, _) => {
            let dt = ExcelDateTime::from_ymd(*y, *m, *d)?;
            ws.write_datetime_with_format(row, c0, &dt, &f)?;
        }
        Val::Error(e) => {
            // The formula refers to a deleted cell; Excel stores `#REF!` as the cached result
            // (t="e"), which is what a reader sees without recalculating.
            let formula = Formula::new(format!("={e}")).set_result(*e);
            ws.write_formula_with_format(row, c0, formula, &f)?;
        }
    }
    Ok(())
}

/// Column widths in Excel units.
pub fn widths(ws: &mut Worksheet, w: &[f64]) -> R {
    for (i, x) in w.iter().enumerate() {
        ws.set_column_width(i as u16, *x)?;
    }
    Ok(())
}

/// Display width of a text in Excel units: a CJK (full-width) character takes about two.
fn units(s: &str) -> f64 {
    s.chars().map(|c| if (c as u32) < 0x2E80 { 1.1 } else { 2.1 }).sum()
}

/// A worksheet with known column widths that remembers how many wrapped lines each row needs,
/// so that `finish` can make every row tall enough (Excel does not grow rows of merged cells).
pub struct Grid<'a> {
    pub ws: &'a mut Worksheet,
    widths: Vec<f64>,
    lines: std::collections::BTreeMap<u32, usize>,
}

impl<'a> Grid<'a> {
    pub fn new(ws: &'a mut Worksheet, w: &[f64]) -> Result<Grid<'a>, XlsxError> {
        widths(ws, w)?;
        Ok(Grid { ws, widths: w.to_vec(), lines: Default::default() })
    }

    fn need(&mut self, row: u32, c0: u16, c1: u16, text: &str) {
        let width: f64 = (c0..=c1).map(|c| self.widths.get(c as usize).copied().unwrap_or(8.43)).sum();
        let usable = (width - 1.0).max(2.0);
        let n: usize = text.split('\n').map(|l| ((units(l) / usable).ceil() as usize).max(1)).sum();
        let e = self.lines.entry(row).or_insert(1);
        *e = (*e).max(n);
    }

    pub fn title(&mut self, row: u32, c0: u16, c1: u16, text: &str) -> R {
        title(self.ws, row, c0, c1, text)
    }

    /// A title typed into one cell (no merge): large, bold, not wrapped, spilling to the right.
    pub fn heading(&mut self, row: u32, col: u16, text: &str) -> R {
        let f = base().set_font_size(14).set_bold().set_align(FormatAlign::VerticalCenter);
        self.ws.write_string_with_format(row, col, text, &f)?;
        self.ws.set_row_height(row, 30)?;
        Ok(())
    }

    pub fn note(&mut self, row: u32, c0: u16, c1: u16, text: &str, bold: bool) -> R {
        self.need(row, c0, c1, text);
        note(self.ws, row, c0, c1, text, bold)
    }

    pub fn label(&mut self, row: u32, c0: u16, c1: u16, text: &str) -> R {
        self.need(row, c0, c1, text);
        label(self.ws, row, c0, c1, text)
    }

    pub fn value(&mut self, row: u32, c0: u16, c1: u16, v: &Val) -> R {
        if let Val::Text(s) = v {
            self.need(row, c0, c1, s);
        }
        value(self.ws, row, c0, c1, v)
    }

    /// Sets the height of every row written (15 points a line, 20 at least).
    pub fn finish(self) -> R {
        for (row, n) in self.lines {
            self.ws.set_row_height(row, (n as f64 * 15.0 + 5.0).max(20.0))?;
        }
        Ok(())
    }
}
