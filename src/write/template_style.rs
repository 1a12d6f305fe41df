//! Cell formats and sizes for the blank forms (立项书, 进度报告) and their 填表说明 sheet.
//!
//! Kept apart from the layout in [`super::template`] so the look of every form is decided in one
//! place: 宋体 throughout, bold labels on a light fill, thin borders, unlocked value cells.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder};

/// The body font: what Chinese official forms use, present on every Chinese Windows.
pub const BODY_FONT: &str = crate::say::templates::FONT;
/// GB2312 charset, as Excel itself records for 宋体, so Excel and WPS pick the CJK face.
const GB2312: u8 = 134;
/// Body text size in points (小四).
pub const BODY_SIZE: f64 = 12.0;
/// The date format of date cells: units see `2018年12月31日` whatever they type.
pub const DATE_FORMAT: &str = crate::say::templates::DATE_FORMAT;
/// Light grey fill of the label column.
const LABEL_FILL: u32 = 0xF2_F2_F2;
/// Column widths of the form sheets, A (labels) to F, in Excel width units (about 2.3 per
/// CJK character at 12 pt: `autofit` measures Latin glyphs and comes out too narrow).
pub const FORM_COLUMNS: [f64; 6] = [19.0, 22.0, 13.0, 13.0, 13.0, 13.0];
/// Width of the single text column of the 填表说明 sheet.
pub const NOTES_WIDTH: f64 = 84.0;
/// Height of one line of body text, in points.
pub const LINE_HEIGHT: f64 = 15.6;
/// Height of a one-line form row, in points: room to click and read.
pub const ROW_HEIGHT: f64 = 24.0;

/// Every format the blank forms use.
pub struct Styles {
    /// The form title row (merged A:F).
    pub title: Format,
    /// The small note under the title.
    pub note: Format,
    /// Label cells in column A: bold, light fill, borders, locked.
    pub label: Format,
    /// The red `*` before a required field's label (the reader takes `*项目名称` as 项目名称).
    pub required: Format,
    /// The seal box under the form: signature, seal and date, written by hand on paper.
    pub seal: Format,
    /// Header cells of the milestone table.
    pub head: Format,
    /// One-line value cell (unlocked).
    pub value: Format,
    /// Tall wrapped text box (unlocked, top-aligned).
    pub long: Format,
    /// Value kept as typed text, so phone numbers and `2018-06` are not turned into numbers.
    pub text: Format,
    /// Date value cell.
    pub date: Format,
    /// Percent value cell (`0%`).
    pub percent: Format,
    /// Number value cell (万元).
    pub number: Format,
    /// 填表说明: title.
    pub notes_title: Format,
    /// 填表说明: heading of a part (一、二、…).
    pub notes_head: Format,
    /// 填表说明: a wrapped paragraph.
    pub notes_body: Format,
}

impl Styles {
    /// Builds the formats once per workbook.
    pub fn new() -> Styles {
        let base = Format::new()
            .set_font_name(BODY_FONT)
            .set_font_charset(GB2312)
            .set_font_size(BODY_SIZE)
            .set_align(FormatAlign::VerticalCenter);
        let boxed = base.clone().set_border(FormatBorder::Thin);
        let value = boxed
            .clone()
            .set_align(FormatAlign::Left)
            .set_text_wrap()
            .set_unlocked();
        Styles {
            title: base
                .clone()
                .set_bold()
                .set_font_size(18)
                .set_align(FormatAlign::Center),
            note: base
                .clone()
                .set_font_size(10)
                .set_font_color(Color::RGB(0x59_59_59))
                .set_align(FormatAlign::Left),
            label: boxed
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(LABEL_FILL)),
            required: boxed
                .clone()
                .set_bold()
                .set_font_color(Color::RGB(0xC0_00_00))
                .set_background_color(Color::RGB(LABEL_FILL)),
            seal: boxed
                .clone()
                .set_text_wrap()
                .set_align(FormatAlign::Left)
                .set_align(FormatAlign::Top),
            head: boxed
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(LABEL_FILL)),
            long: value.clone().set_align(FormatAlign::Top),
            text: value.clone().set_num_format("@"),
            date: value.clone().set_num_format(DATE_FORMAT),
            percent: value.clone().set_num_format("0%"),
            number: value.clone().set_num_format("0.00"),
            value,
            notes_title: base
                .clone()
                .set_bold()
                .set_font_size(16)
                .set_align(FormatAlign::Center),
            notes_head: base.clone().set_bold(),
            notes_body: base.set_text_wrap().set_align(FormatAlign::Top),
        }
    }
}

impl Default for Styles {
    fn default() -> Self {
        Styles::new()
    }
}

/// Row height (points) that shows `text` wrapped in a column `width` units wide: CJK glyphs take
/// about 2.3 units at 12 pt, others about 1.2; explicit line breaks start new lines.
pub fn wrapped_height(text: &str, width: f64) -> f64 {
    let lines: f64 = text
        .split('\n')
        .map(|line| {
            let units: f64 = line
                .chars()
                .map(|c| if c.is_ascii() { 1.2 } else { 2.3 })
                .sum();
            (units / width).ceil().max(1.0)
        })
        .sum();
    lines * LINE_HEIGHT + 6.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_wraps_to_more_lines() {
        let one = wrapped_height("项目名称", NOTES_WIDTH);
        let many = wrapped_height(&"党建".repeat(60), NOTES_WIDTH);
        assert!(many > 2.0 * one, "{one} {many}");
        assert!(wrapped_height("a\nb", NOTES_WIDTH) > one);
    }
}
