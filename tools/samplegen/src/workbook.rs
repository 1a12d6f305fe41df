//! Whole workbooks: the form sheet plus what surrounds it (an instructions sheet in front, a hidden
//! sheet of dropdown sources), saved to bytes with a fixed creation time so reruns are identical.

use crate::cells::{note, widths};
use crate::layout_proposal::Pos;
use crate::model::{PLayout, Proposal, RLayout, Report, Wrap};
use rust_xlsxwriter::{
    DataValidation, DocProperties, ExcelDateTime, Formula, Workbook, Worksheet, XlsxError,
};

/// Every sample claims to have been created on 2018-03-26 09:00 (UTC); otherwise each save would
/// stamp the current time and the files would change on every run.
pub fn new_workbook() -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(2018, 3, 26)?.and_hms(9, 0, 0)?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&created));
    Ok(wb)
}

const LISTS: &str = "下拉选项";

/// The hidden sheet a template designer uses for dropdown lists. Its cells are no form labels.
fn hidden_lists(ws: &mut Worksheet) -> Result<(), XlsxError> {
    ws.set_name(LISTS)?;
    ws.write_string(0, 0, "类别选项")?;
    ws.write_string(1, 0, "创新实践")?;
    ws.write_string(2, 0, "理论研究")?;
    ws.write_string(0, 1, "状态选项")?;
    for (i, s) in ["正常推进", "滞后", "已完成", "申请延期"].iter().enumerate() {
        ws.write_string(i as u32 + 1, 1, *s)?;
    }
    ws.set_hidden(true);
    Ok(())
}

/// A dropdown on the category cell that takes its items from the hidden sheet.
fn category_dropdown(ws: &mut Worksheet, pos: &Pos, key: &str, range: &str) -> Result<(), XlsxError> {
    if let Some(&(row, col)) = pos.get(key) {
        let dv = DataValidation::new()
            .allow_list_formula(Formula::new(format!("='{LISTS}'!{range}")))
            .ignore_blank(true);
        ws.add_data_validation(row, col, row, col, &dv)?;
    }
    Ok(())
}

/// The 填表说明 sheet some units keep in front of the form (variant 10).
fn instructions(ws: &mut Worksheet, lines: &[&str]) -> Result<(), XlsxError> {
    ws.set_name("填表说明")?;
    widths(ws, &[100.0])?;
    for (i, line) in lines.iter().enumerate() {
        note(ws, i as u32, 0, 0, line, i == 0)?;
    }
    Ok(())
}

const PROPOSAL_HELP: &[&str] = &[
    "填表说明",
    "一、本表由各县（区）委、市委直接管理的其他党（工）委填写，一个项目填写一份。",
    "二、A类为创新实践项目，负责人一般为党（工）委书记或其他委员；B类为理论研究项目，负责人一般为基层党组织书记或副书记。",
    "三、项目组成员一般3至7人，请写明姓名。",
    "四、完成时间原则上不晚于当年12月31日，请于2018年4月4日前将本表电子版报市委组织部城市组织科。",
    "五、填写内容请使用第二个工作表，本页不必修改。",
];

const REPORT_HELP: &[&str] = &[
    "填表说明",
    "1. 本表每月报送一次，反映上月推进情况，请于每月5日前报送。",
    "2. 完成比例按项目总体目标估算，以百分比填写。",
    "3. 项目状态从“正常推进、滞后、已完成、申请延期”中选择。",
];

fn sheet_name_p(layout: PLayout) -> &'static str {
    match layout {
        PLayout::Official | PLayout::InstructionRows => "立项书",
        PLayout::Paired => "申报表",
        PLayout::LabelAbove | PLayout::Plain => "Sheet1",
    }
}

fn sheet_name_r(layout: RLayout) -> &'static str {
    match layout {
        RLayout::Official => "进度报告",
        RLayout::Paired | RLayout::LabelAbove => "Sheet1",
        RLayout::Monthly => "月报",
    }
}

/// Builds the workbook around a form body. `body` writes the form and says where values landed.
fn build(
    wrap: Wrap,
    help: &[&str],
    sheet: &str,
    body: &mut dyn FnMut(&mut Worksheet) -> Result<Pos, XlsxError>,
    dropdowns: &[(&str, &str)],
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = new_workbook()?;
    if wrap.hidden_lists == Some(true) {
        hidden_lists(wb.add_worksheet())?;
    }
    if wrap.instructions_sheet {
        instructions(wb.add_worksheet(), help)?;
    }
    let ws = wb.add_worksheet();
    ws.set_name(sheet)?;
    // Printed on A4, one page wide, as the office prints its forms.
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    let pos = body(ws)?;
    if wrap.hidden_lists.is_some() {
        for (key, range) in dropdowns {
            category_dropdown(ws, &pos, key, range)?;
        }
    }
    // The form is what Excel shows on opening, even when a sheet sits before it.
    ws.set_active(true);
    if wrap.hidden_lists == Some(false) {
        hidden_lists(wb.add_worksheet())?;
    }
    wb.save_to_buffer()
}

pub fn proposal(p: &Proposal) -> Result<Vec<u8>, XlsxError> {
    build(
        p.wrap,
        PROPOSAL_HELP,
        sheet_name_p(p.layout),
        &mut |ws| crate::layout_proposal::body(ws, p),
        &[("category", "$A$2:$A$3")],
    )
}

pub fn report(r: &Report) -> Result<Vec<u8>, XlsxError> {
    build(
        r.wrap,
        REPORT_HELP,
        sheet_name_r(r.layout),
        &mut |ws| crate::layout_progress::body(ws, r),
        &[("state", "$B$2:$B$5")],
    )
}
