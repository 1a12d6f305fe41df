//! The 校验报告 (check report): the return list a clerk works from.
//!
//! Sheets: 问题清单 (one row per problem), 文件清单 (one row per file, so nothing is missing), and one
//! sheet per unit with problems, ready to attach to the reply to that unit; with a unit list in
//! the policy, 未报送单位 (units that sent nothing valid for the stage the batch shows).

use std::collections::{BTreeMap, HashSet};

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::style::{self, Table};
use crate::batch::{Batch, FileResult};
use crate::model::Field;
use crate::policy::Policy;
use crate::rules::missing::MissingUnits;
use crate::rules::{Problem, Severity};

const PROBLEM_HEADERS: &[&str] = &[
    "文件",
    "单位",
    "种类",
    "严重程度",
    "栏目",
    "单元格",
    "问题说明",
    "代码",
];
const FILE_HEADERS: &[&str] = &[
    "文件",
    "单位",
    "项目名称",
    "种类",
    "结果",
    "错误数",
    "提醒数",
];
const MISSING_SHEET: &str = "未报送单位";
const MISSING_HEADERS: &[&str] = &["单位", "应报材料", "情况"];
const UNIT_HEADERS: &[&str] = &["文件", "种类", "严重程度", "栏目", "单元格", "问题说明"];

/// The label a clerk knows for a field key.
pub fn field_label(key: Option<&str>) -> String {
    match key {
        Some(k) => Field::from_key(k).map_or_else(|| k.to_owned(), |f| f.label().to_owned()),
        None => "（整个文件）".to_owned(),
    }
}

/// Writes the report workbook to a buffer.
pub fn report(batch: &Batch, policy: &Policy) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let mut used = HashSet::new();
    for n in ["问题清单", "文件清单", MISSING_SHEET] {
        used.insert(n.to_lowercase());
    }
    let units = batch.senders(policy);
    problems_sheet(book.add_worksheet().set_name("问题清单")?, batch, &units)?;
    files_sheet(book.add_worksheet().set_name("文件清单")?, batch, &units)?;
    let missing = batch.missing_units(policy);
    if missing.iter().any(|m| !m.units.is_empty()) {
        missing_sheet(book.add_worksheet().set_name(MISSING_SHEET)?, &missing)?;
    }
    let mut by_unit: BTreeMap<&str, Vec<&FileResult>> = BTreeMap::new();
    for (r, unit) in batch.files.iter().zip(&units) {
        if !r.problems.is_empty() {
            by_unit.entry(unit).or_default().push(r);
        }
    }
    for (unit, results) in by_unit {
        let name = style::sheet_name(unit, &mut used);
        unit_sheet(book.add_worksheet().set_name(&name)?, unit, &results)?;
    }
    book.save_to_buffer()
}

fn severity_format(severity: Severity) -> Format {
    match severity {
        Severity::Error => style::error_fill(style::body()),
        Severity::Warning => style::warning_fill(style::body()),
    }
}

/// Writes a report table from `first_row` and sets it up to print: landscape A4, one page wide,
/// the header repeated on every page.
fn finish_table(
    sheet: &mut Worksheet,
    headers: &[&str],
    rows: Vec<(Vec<String>, Format)>,
    first_row: u32,
) -> Result<(), XlsxError> {
    let table = Table {
        headers,
        rows,
        min_width: 8.0,
        max_width: 48.0,
    };
    table.write(sheet, first_row)?;
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(first_row, first_row)?;
    Ok(())
}

fn problems_sheet(sheet: &mut Worksheet, batch: &Batch, units: &[String]) -> Result<(), XlsxError> {
    let rows = batch
        .files
        .iter()
        .zip(units)
        .flat_map(|(r, unit)| {
            r.problems
                .iter()
                .map(move |p| (problem_cells(r, p, Some(unit)), severity_format(p.severity)))
        })
        .collect();
    finish_table(sheet, PROBLEM_HEADERS, rows, 0)
}

fn problem_cells(r: &FileResult, p: &Problem, unit: Option<&str>) -> Vec<String> {
    let mut cells = vec![r.path.clone()];
    if let Some(unit) = unit {
        cells.push(unit.to_owned());
    }
    cells.extend([
        r.kind.label().to_owned(),
        p.severity.label().to_owned(),
        field_label(p.field.as_deref()),
        p.cell.clone().unwrap_or_default(),
        p.message.clone(),
    ]);
    if unit.is_some() {
        cells.push(p.code.as_str().to_owned());
    }
    cells
}

fn files_sheet(sheet: &mut Worksheet, batch: &Batch, units: &[String]) -> Result<(), XlsxError> {
    let rows = batch
        .files
        .iter()
        .zip(units)
        .map(|(r, unit)| {
            let errors = r.count(Severity::Error);
            let warnings = r.count(Severity::Warning);
            let verdict = match (r.kind, errors, warnings) {
                (crate::form::FormKind::Skipped, ..) => "跳过（非表格文件）",
                (_, 0, 0) => "通过",
                (_, 0, _) => "通过（有提醒）",
                _ => "退回修改",
            };
            let format = if errors > 0 {
                style::error_fill(style::body())
            } else {
                style::body()
            };
            let cells = vec![
                r.path.clone(),
                if r.kind == crate::form::FormKind::Skipped {
                    String::new()
                } else {
                    unit.clone()
                },
                r.record
                    .as_ref()
                    .and_then(|x| x.name())
                    .unwrap_or_default()
                    .to_owned(),
                r.kind.label().to_owned(),
                verdict.to_owned(),
                errors.to_string(),
                warnings.to_string(),
            ];
            (cells, format)
        })
        .collect();
    finish_table(sheet, FILE_HEADERS, rows, 0)
}

fn unit_sheet(sheet: &mut Worksheet, unit: &str, results: &[&FileResult]) -> Result<(), XlsxError> {
    sheet.write_string_with_format(0, 0, format!("{unit}：报送材料校验结果"), &style::title())?;
    sheet.set_row_height(0, 28)?;
    let note = Format::new()
        .set_font_name(style::FONT)
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    sheet.merge_range(
        1,
        0,
        1,
        UNIT_HEADERS.len() as u16 - 1,
        "以下问题请修改后重新报送（“错误”须修改；“提醒”请核实）。单元格位置指表格中的工作表和格子，如“立项书!C9”。",
        &note,
    )?;
    sheet.set_row_height(1, 32)?;
    let rows = results
        .iter()
        .flat_map(|r| {
            r.problems.iter().map(move |p| {
                let mut cells = problem_cells(r, p, None);
                cells[0] = r.file_name().to_owned();
                (cells, severity_format(p.severity))
            })
        })
        .collect();
    finish_table(sheet, UNIT_HEADERS, rows, 2)
}

/// The sheet of units on the policy's list that sent nothing valid, one row per unit and stage.
fn missing_sheet(sheet: &mut Worksheet, missing: &[MissingUnits]) -> Result<(), XlsxError> {
    let rows = missing
        .iter()
        .flat_map(|m| {
            m.units.iter().map(move |u| {
                (
                    vec![u.clone(), m.label.clone(), "尚未收到合格的材料".to_owned()],
                    style::warning_fill(style::body()),
                )
            })
        })
        .collect();
    finish_table(sheet, MISSING_HEADERS, rows, 0)
}
