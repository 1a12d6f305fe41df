//! The 校验报告 (check report): the return list a clerk works from.
//!
//! Sheets: 问题清单 (one row per problem), 文件清单 (one row per file, so nothing is missing), and one
//! sheet per unit with problems, ready to attach to the reply to that unit; with a unit list in
//! the policy, 未报送单位 (units that sent nothing valid for the stage the batch shows). A file a
//! later valid resend replaced is listed (grey, its problems 供参考) but is on no unit's sheet. Every
//! sheet is a text table of the kit in [`crate::xlsx`], rows filled by severity.

use std::collections::{BTreeMap, HashSet};

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use crate::batch::{Batch, FileResult};
use crate::model::Field;
use crate::policy::Policy;
use crate::rules::missing::MissingUnits;
use crate::rules::{Problem, Severity};
use crate::say::report::{
    self as say, FILE_HEADERS, MISSING_HEADERS, MISSING_SHEET, PROBLEM_HEADERS, UNIT_HEADERS,
};
use crate::xlsx::style;
use crate::xlsx::table::{text, text_columns};
use crate::xlsx::{Print, Row, Table};

/// The label a clerk knows for a field key.
pub fn field_label(key: Option<&str>) -> String {
    match key {
        Some(k) => Field::from_key(k).map_or_else(|| k.to_owned(), |f| f.label().to_owned()),
        None => say::WHOLE_FILE.to_owned(),
    }
}

/// Writes the report workbook to a buffer.
pub fn report(batch: &Batch, policy: &Policy) -> Result<Vec<u8>, XlsxError> {
    report_with(batch, policy, &batch.missing_units(policy))
}

/// Writes the report workbook to a buffer, with the given units that sent nothing (as
/// `check --ledger` tells them, leaving out what the ledger holds).
pub fn report_with(
    batch: &Batch,
    policy: &Policy,
    missing: &[MissingUnits],
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let mut used = HashSet::new();
    for n in [say::PROBLEMS_SHEET, say::FILES_SHEET, MISSING_SHEET] {
        used.insert(n.to_lowercase());
    }
    let units = batch.senders(policy);
    problems_sheet(
        book.add_worksheet().set_name(say::PROBLEMS_SHEET)?,
        batch,
        &units,
    )?;
    files_sheet(
        book.add_worksheet().set_name(say::FILES_SHEET)?,
        batch,
        &units,
    )?;
    if missing.iter().any(|m| !m.units.is_empty()) {
        missing_sheet(book.add_worksheet().set_name(MISSING_SHEET)?, missing)?;
    }
    let mut by_unit: BTreeMap<&str, Vec<&FileResult>> = BTreeMap::new();
    for (r, unit) in batch.files.iter().zip(&units) {
        // A unit's sheet is what it is asked to correct: not a file it already replaced.
        if !r.problems.is_empty() && r.superseded_by.is_none() {
            by_unit.entry(unit).or_default().push(r);
        }
    }
    for (unit, results) in by_unit {
        let name = style::sheet_name(unit, &mut used);
        unit_sheet(book.add_worksheet().set_name(&name)?, unit, &results)?;
    }
    book.save_to_buffer()
}

fn severity_fill(severity: Severity) -> Option<u32> {
    match severity {
        Severity::Error => Some(style::RED),
        Severity::Warning => Some(style::YELLOW),
    }
}

/// Writes a report table of text from `first_row` and sets it up to print: landscape A4, one
/// page wide, the title and header repeated on every page.
fn finish_table(
    sheet: &mut Worksheet,
    headers: &[&str],
    rows: Vec<(Vec<String>, Option<u32>)>,
    first_row: u32,
    counts: &[usize],
) -> Result<(), XlsxError> {
    let mut columns = text_columns(headers);
    for &c in counts {
        if let Some(column) = columns.get_mut(c) {
            column.kind = crate::xlsx::Kind::Count;
        }
    }
    let table = Table {
        min_width: 8.0,
        ..Table::boxed(columns, 48.0)
    };
    // A count is written as a number, not as its digits.
    let cell = |c: usize, s: String| match s.parse::<f64>() {
        Ok(n) if counts.contains(&c) => crate::model::Value::Number(n),
        _ => text(s),
    };
    let rows: Vec<Row> = rows
        .into_iter()
        .map(|(cells, fill)| {
            let cells = cells.into_iter().enumerate().map(|(c, s)| cell(c, s));
            Row::filled(cells.collect(), fill)
        })
        .collect();
    table.write(sheet, first_row, &rows)?;
    Print::wide(first_row).apply(sheet)
}

fn problems_sheet(sheet: &mut Worksheet, batch: &Batch, units: &[String]) -> Result<(), XlsxError> {
    let rows = batch
        .files
        .iter()
        .zip(units)
        .flat_map(|(r, unit)| {
            r.problems.iter().map(move |p| {
                let mut cells = problem_cells(r, p, Some(unit));
                if r.superseded_by.is_some() {
                    // 严重程度: the replaced file's problems are for information only.
                    cells[3] = say::FOR_REFERENCE.to_owned();
                    return (cells, Some(style::GREY));
                }
                (cells, severity_fill(p.severity))
            })
        })
        .collect();
    finish_table(sheet, PROBLEM_HEADERS, rows, 0, &[])
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
            let verdict = match (r.kind, errors, warnings, r.superseded_by_name()) {
                (crate::form::FormKind::Skipped, ..) => say::SKIPPED.to_owned(),
                (_, 0, 0, _) => say::PASSED.to_owned(),
                (_, 0, _, _) => say::PASSED_WARNED.to_owned(),
                (.., Some(by)) => say::superseded(by),
                _ => say::RETURNED.to_owned(),
            };
            let format = if r.superseded_by.is_some() {
                Some(style::GREY)
            } else {
                (errors > 0).then_some(style::RED)
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
                verdict,
                errors.to_string(),
                warnings.to_string(),
            ];
            (cells, format)
        })
        .collect();
    finish_table(sheet, FILE_HEADERS, rows, 0, &[5, 6])
}

fn unit_sheet(sheet: &mut Worksheet, unit: &str, results: &[&FileResult]) -> Result<(), XlsxError> {
    sheet.write_string_with_format(0, 0, say::unit_title(unit), &style::title())?;
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
        say::UNIT_NOTE,
        &note,
    )?;
    sheet.set_row_height(1, 32)?;
    let rows = results
        .iter()
        .flat_map(|r| {
            r.problems.iter().map(move |p| {
                let mut cells = problem_cells(r, p, None);
                cells[0] = r.file_name().to_owned();
                (cells, severity_fill(p.severity))
            })
        })
        .collect();
    finish_table(sheet, UNIT_HEADERS, rows, 2, &[])
}

/// The sheet of units on the policy's list that sent nothing valid, one row per unit and stage.
fn missing_sheet(sheet: &mut Worksheet, missing: &[MissingUnits]) -> Result<(), XlsxError> {
    let rows = missing
        .iter()
        .flat_map(|m| {
            m.units.iter().map(move |u| {
                (
                    vec![u.clone(), m.label.clone(), say::NOTHING_VALID.to_owned()],
                    Some(style::YELLOW),
                )
            })
        })
        .collect();
    finish_table(sheet, MISSING_HEADERS, rows, 0, &[])
}
