//! The blank forms units fill in: 立项书 (proposal) and 进度报告 (progress report).
//!
//! `taizhang init` writes them into `templates/` for the clerk to email out. They are built from
//! the policy, so the labels, dropdowns, hints and limits match the rules `check` applies later:
//! each label is the first label the reader knows for its field (SPEC §3.1, §3.2), each value cell
//! carries an input message saying what to write, and the sheet is protected (no password) so a
//! unit types only into the value cells. The form sheet comes first, the 填表说明 sheet second.
//!
//! Output is deterministic (fixed document dates), so the committed templates can be compared
//! byte for byte with what the generator writes.

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties, ExcelDateTime,
    ProtectionOptions, Workbook, Worksheet, XlsxError,
};

use self::content::{
    closing_fields, closing_notes, progress_fields, progress_notes, proposal_fields,
    proposal_notes, Field, Note, Value,
};
use super::template_style::{wrapped_height, Styles, FORM_COLUMNS, NOTES_WIDTH, ROW_HEIGHT};
use crate::policy::Policy;
use crate::say::templates as say;

mod content;
mod word;

pub use word::{closing_docx, progress_docx, proposal_docx, WordError};

pub use crate::say::templates::{CLOSING_SHEET, NOTES_SHEET, PROGRESS_SHEET, PROPOSAL_SHEET};

/// Last column of the form (F): values are merged over B..=F.
const LAST_COL: u16 = 5;
/// Blank milestone rows offered under the 阶段 | 起止时间 | 内容 header, and their height.
const MILESTONE_ROWS: u32 = 6;
const MILESTONE_HEIGHT: f64 = 30.0;
/// Height in points of the seal box under the proposal form.
const SEAL_HEIGHT: f64 = 96.0;
/// Heights in points of the title row and the note under it.
const TITLE_HEIGHT: f64 = 40.0;
const NOTE_HEIGHT: f64 = 18.0;
/// Printable height of an A4 page with 0.75" top and bottom margins, in points.
const PAGE_HEIGHT: f64 = 733.0;
/// Space kept free at the foot of a full first page (rounding, printer differences).
const PAGE_SLACK: f64 = 24.0;
/// Excel's limits on input-message title and text (UTF-16 units).
const TITLE_MAX: usize = 32;
const MESSAGE_MAX: usize = 255;

/// The blank 立项书 workbook for `policy`, as xlsx bytes.
///
/// The proposal fields shown follow the policy: 项目类别 only with categories, 参考目录序号 only
/// with a catalogue, 主要内容 / 可行性分析 for the secretary preset or when required.
///
/// # Errors
///
/// rust_xlsxwriter's [`XlsxError`]; none is expected for a policy that passed validation.
pub fn proposal_template(policy: &Policy) -> Result<Vec<u8>, XlsxError> {
    let fields = proposal_fields(policy);
    let title = say::proposal_title(policy);
    let notes = proposal_notes(policy, &fields);
    build(policy, PROPOSAL_SHEET, &title, &fields, true, &notes)
}

/// The blank 进度报告 workbook for `policy`, as xlsx bytes; units send one a month and a final
/// one at 100 % / 已完成.
///
/// # Errors
///
/// rust_xlsxwriter's [`XlsxError`]; none is expected for a policy that passed validation.
pub fn progress_template(policy: &Policy) -> Result<Vec<u8>, XlsxError> {
    let fields = progress_fields(policy);
    let title = say::progress_title(policy);
    let notes = progress_notes(policy, &fields);
    build(policy, PROGRESS_SHEET, &title, &fields, false, &notes)
}

/// The blank 结项报告 (自查考评表) workbook for `policy`, as xlsx bytes: what a unit sends, with
/// its 佐证材料, when a project is finished (SPEC §10).
///
/// # Errors
///
/// rust_xlsxwriter's [`XlsxError`]; none is expected for a policy that passed validation.
pub fn closing_template(policy: &Policy) -> Result<Vec<u8>, XlsxError> {
    let fields = closing_fields(policy);
    let title = say::closing_title(policy);
    let notes = closing_notes(policy, &fields);
    build(policy, CLOSING_SHEET, &title, &fields, false, &notes)
}

/// Assembles one workbook: the form sheet first, the 填表说明 sheet second.
fn build(
    policy: &Policy,
    sheet: &str,
    title: &str,
    fields: &[Field],
    milestones: bool,
    notes: &[Note],
) -> Result<Vec<u8>, XlsxError> {
    let styles = Styles::new();
    let mut workbook = Workbook::new();
    workbook.set_properties(&properties(policy, title)?);

    let form = workbook.add_worksheet();
    form.set_name(sheet)?;
    let mut row = write_title(form, &styles, title)?;
    let (heights, break_before_milestones) = layout(fields, milestones);
    for (field, height) in fields.iter().zip(heights) {
        write_field(form, &styles, policy, field, row, height)?;
        row += 1;
    }
    if milestones {
        if break_before_milestones {
            form.set_page_breaks(&[row])?;
        }
        row = write_milestones(form, &styles, policy.year, row)?;
        // The unit signs and seals the printed proposal.
        form.merge_range(row, 0, row, LAST_COL, say::SEAL_BOX, &styles.seal)?;
        form.set_row_height(row, SEAL_HEIGHT)?;
        row += 1;
    }
    set_up_form_page(form, row)?;

    let sheet_notes = workbook.add_worksheet();
    write_notes(sheet_notes, &styles, notes)?;
    workbook.save_to_buffer()
}

/// Row heights of the fields, and whether the timetable starts a new page.
///
/// When the whole form does not fit one A4 page, the timetable goes to the second page rather
/// than being split, and the text boxes grow (up to half again) to use the first page.
fn layout(fields: &[Field], milestones: bool) -> (Vec<f64>, bool) {
    let base: Vec<f64> = fields
        .iter()
        .map(|f| match f.value {
            Value::Box(h) => h,
            _ => ROW_HEIGHT,
        })
        .collect();
    let head = TITLE_HEIGHT + NOTE_HEIGHT;
    let total: f64 = head + base.iter().sum::<f64>();
    if !milestones || total + milestones_height() <= PAGE_HEIGHT {
        return (base, false);
    }
    let boxes: f64 = fields
        .iter()
        .zip(&base)
        .filter(|(f, _)| matches!(f.value, Value::Box(_)))
        .map(|(_, h)| h)
        .sum();
    let room = PAGE_HEIGHT - PAGE_SLACK - (total - boxes);
    let factor = if boxes > 0.0 {
        (room / boxes).clamp(1.0, 1.5)
    } else {
        1.0
    };
    let heights = fields
        .iter()
        .zip(base)
        .map(|(f, h)| match f.value {
            Value::Box(_) => (h * factor).floor(),
            _ => h,
        })
        .collect();
    (heights, true)
}

/// Fixed document properties: a fixed creation date makes the output byte-for-byte repeatable.
fn properties(policy: &Policy, title: &str) -> Result<DocProperties, XlsxError> {
    let created = ExcelDateTime::from_ymd(excel_year(policy.year), 1, 1)?;
    let author = if policy.organisation.is_empty() {
        "taizhang"
    } else {
        policy.organisation.as_str()
    };
    Ok(DocProperties::new()
        .set_title(title)
        .set_subject(say::DOC_SUBJECT)
        .set_author(author)
        .set_company(author)
        .set_comment(say::DOC_COMMENT)
        .set_creation_datetime(&created))
}

/// A year Excel can hold (1900..=9999): policy years are 2000..=2100 once validated.
fn excel_year(year: i32) -> u16 {
    u16::try_from(year.clamp(1900, 9999)).unwrap_or(1900)
}

/// Title merged across, a note under it; returns the first form row.
fn write_title(ws: &mut Worksheet, s: &Styles, title: &str) -> Result<u32, XlsxError> {
    ws.merge_range(0, 0, 0, LAST_COL, title, &s.title)?;
    ws.set_row_height(0, TITLE_HEIGHT)?;
    ws.merge_range(1, 0, 1, LAST_COL, say::READ_FIRST, &s.note)?;
    ws.set_row_height(1, NOTE_HEIGHT)?;
    Ok(2)
}

/// One labelled row: label in A, the value merged over B..=F with its validation and hint.
fn write_field(
    ws: &mut Worksheet,
    s: &Styles,
    policy: &Policy,
    field: &Field,
    row: u32,
    height: f64,
) -> Result<(), XlsxError> {
    if field.required {
        ws.write_rich_string_with_format(
            row,
            0,
            &[(&s.required, say::REQUIRED_MARK), (&s.label, field.label)],
            &s.label,
        )?;
    } else {
        ws.write_with_format(row, 0, field.label, &s.label)?;
    }
    let format = match field.value {
        Value::Box(_) => &s.long,
        Value::Text => &s.text,
        Value::Date => &s.date,
        Value::Percent => &s.percent,
        Value::Money => &s.number,
        Value::Line | Value::List(_) | Value::Whole(..) | Value::Score => &s.value,
    };
    ws.merge_range(row, 1, row, LAST_COL, "", format)?;
    ws.set_row_height(row, height)?;
    let validation = validation(field, policy.year)?;
    ws.add_data_validation(row, 1, row, LAST_COL, &validation)?;
    Ok(())
}

/// The data validation of a value cell: the rule for its kind plus the input message.
fn validation(field: &Field, year: i32) -> Result<DataValidation, XlsxError> {
    let dv = DataValidation::new();
    let (dv, error) = match &field.value {
        Value::Line | Value::Box(_) | Value::Text => (dv.allow_any_value(), None),
        Value::List(items) => (
            dv.allow_list_strings(items)?,
            Some(say::PICK_FROM_LIST.to_owned()),
        ),
        Value::Whole(min, max) => (
            dv.allow_whole_number(DataValidationRule::Between(*min, *max)),
            Some(say::whole_between(*min, *max)),
        ),
        Value::Money => (
            dv.allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0)),
            Some(say::MONEY_ONLY.to_owned()),
        ),
        Value::Score => (
            dv.allow_decimal_number(DataValidationRule::Between(0.0, 100.0)),
            Some(say::SCORE_BETWEEN.to_owned()),
        ),
        Value::Percent => (
            dv.allow_decimal_number(DataValidationRule::Between(0.0, 1.0)),
            Some(say::PERCENT_BETWEEN.to_owned()),
        ),
        Value::Date => {
            let first = ExcelDateTime::from_ymd(excel_year(year - 1), 1, 1)?;
            let last = ExcelDateTime::from_ymd(excel_year(year + 2), 12, 31)?;
            (
                dv.allow_date(DataValidationRule::Between(first, last))
                    // A warning, not a stop: 年底 and similar text is still accepted by taizhang.
                    .set_error_style(DataValidationErrorStyle::Warning),
                Some(say::date_between(year)),
            )
        }
    };
    let mut dv = dv
        .set_input_title(clip(
            &say::input_title(field.label, field.required),
            TITLE_MAX,
        ))?
        .set_input_message(clip(&field.tip, MESSAGE_MAX))?;
    if let Some(error) = error {
        dv = dv
            .set_error_title(clip(&say::error_title(field.label), TITLE_MAX))?
            .set_error_message(clip(&error, MESSAGE_MAX))?;
    }
    Ok(dv)
}

/// Cuts `text` to Excel's limit (counted in UTF-16 units), ending with … when cut.
fn clip(text: &str, max: usize) -> String {
    if text.encode_utf16().count() <= max {
        return text.to_owned();
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.encode_utf16().count() + c.len_utf16() + 1 > max {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// Height in points of the whole 进度安排 table.
fn milestones_height() -> f64 {
    ROW_HEIGHT + f64::from(MILESTONE_ROWS) * MILESTONE_HEIGHT + SEAL_HEIGHT
}

/// The 进度安排 table: the `阶段 | 起止时间 | 内容` header and blank rows.
fn write_milestones(
    ws: &mut Worksheet,
    s: &Styles,
    year: i32,
    mut row: u32,
) -> Result<u32, XlsxError> {
    // No 进度安排 heading row: the reader would take it as the value of a blank 填报日期 above
    // it, while the header words below are known labels that read as "blank".
    let [stage, time, content] = say::MILESTONE_HEADERS;
    ws.write_with_format(row, 0, stage, &s.head)?;
    ws.write_with_format(row, 1, time, &s.head)?;
    ws.merge_range(row, 2, row, LAST_COL, content, &s.head)?;
    ws.set_row_height(row, ROW_HEIGHT)?;
    row += 1;
    let hints = say::MILESTONE_HEADERS
        .into_iter()
        .zip(say::milestone_hints(year));
    let first = row;
    for _ in 0..MILESTONE_ROWS {
        ws.write_blank(row, 0, &s.value)?;
        ws.write_blank(row, 1, &s.text)?;
        ws.merge_range(row, 2, row, LAST_COL, "", &s.value)?;
        ws.set_row_height(row, MILESTONE_HEIGHT)?;
        row += 1;
    }
    let last = row - 1;
    for (col, (label, hint)) in [(0, 0), (1, 1), (2, LAST_COL)].iter().zip(hints) {
        let dv = DataValidation::new()
            .allow_any_value()
            .set_input_title(label)?
            .set_input_message(hint)?;
        ws.add_data_validation(first, col.0, last, col.1, &dv)?;
    }
    Ok(row)
}

/// Column widths, A4 portrait print setup and sheet protection of a form sheet.
fn set_up_form_page(ws: &mut Worksheet, rows: u32) -> Result<(), XlsxError> {
    for (col, width) in (0u16..).zip(FORM_COLUMNS) {
        ws.set_column_width(col, width)?;
    }
    ws.set_screen_gridlines(false)
        .set_paper_size(9)
        .set_portrait()
        .set_print_fit_to_pages(1, 0)
        .set_print_center_horizontally(true)
        .set_margins(0.6, 0.6, 0.75, 0.75, 0.3, 0.3)
        .set_footer(say::FOOTER);
    ws.set_print_area(0, 0, rows.saturating_sub(1), LAST_COL)?;
    ws.set_repeat_rows(0, 0)?;
    ws.set_active(true);
    let options = ProtectionOptions {
        format_cells: true,
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    };
    ws.protect_with_options(&options);
    Ok(())
}

/// The 填表说明 sheet: one wrapped paragraph a row, printable on A4.
fn write_notes(ws: &mut Worksheet, s: &Styles, notes: &[Note]) -> Result<(), XlsxError> {
    ws.set_name(NOTES_SHEET)?;
    ws.set_column_width(0, NOTES_WIDTH)?;
    for (row, note) in (0u32..).zip(notes) {
        let (text, format, height) = match note {
            Note::Title(t) => (t, &s.notes_title, 36.0),
            Note::Head(t) => (t, &s.notes_head, 24.0),
            Note::Para(t) => (t, &s.notes_body, wrapped_height(t, NOTES_WIDTH)),
        };
        ws.write_with_format(row, 0, text.as_str(), format)?;
        ws.set_row_height(row, height)?;
    }
    let rows = u32::try_from(notes.len()).unwrap_or(u32::MAX);
    ws.set_print_area(0, 0, rows.saturating_sub(1), 0)?;
    ws.set_screen_gridlines(false)
        .set_paper_size(9)
        .set_portrait()
        .set_print_fit_to_pages(1, 0)
        .set_print_center_horizontally(true)
        .set_margins(0.7, 0.7, 0.75, 0.75, 0.3, 0.3);
    ws.protect();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_policy_same_bytes() {
        let p = Policy::preset("innovation").unwrap();
        assert_eq!(
            proposal_template(&p).unwrap(),
            proposal_template(&p).unwrap()
        );
        assert_eq!(
            progress_template(&p).unwrap(),
            progress_template(&p).unwrap()
        );
    }

    #[test]
    fn fields_follow_the_policy() {
        let inno = Policy::preset("innovation").unwrap();
        let labels: Vec<_> = proposal_fields(&inno).iter().map(|f| f.label).collect();
        assert!(labels.contains(&"项目类别") && labels.contains(&"参考目录序号"));
        assert!(!labels.contains(&"主要内容"));
        let sec = Policy::preset("secretary").unwrap();
        let labels: Vec<_> = proposal_fields(&sec).iter().map(|f| f.label).collect();
        assert!(!labels.contains(&"项目类别") && !labels.contains(&"参考目录序号"));
        assert!(labels.contains(&"主要内容") && labels.contains(&"可行性分析"));
    }

    #[test]
    fn hints_fit_excel_limits() {
        for preset in ["innovation", "secretary"] {
            let p = Policy::preset(preset).unwrap();
            for f in proposal_fields(&p).iter().chain(&progress_fields(&p)) {
                assert!(f.tip.encode_utf16().count() <= MESSAGE_MAX, "{}", f.label);
            }
        }
        assert_eq!(clip(&"字".repeat(40), 32).encode_utf16().count(), 32);
    }
}
