//! The Word versions of the blank forms (SPEC §3.6): for units that fill forms in Word or WPS
//! 文字. One table laid out as the xlsx form sheet is: the title across the table, then a row
//! per field (label in A, the value cell spanning B..C), the 阶段 | 起止时间 | 内容 timetable
//! and the seal box under the proposal. Everything sits inside the table, so the reader finds
//! the form in `表1` and no text outside it.
//!
//! Output is deterministic: docx-rs writes fixed document dates and zip timestamps (checked by
//! `same_policy_same_bytes`), so `templates/` can be compared byte for byte.

use docx_rs::{
    AlignmentType, Docx, Paragraph, Run, RunFonts, Table, TableCell, TableLayoutType, TableRow,
    WidthType,
};

use super::content::{closing_fields, progress_fields, proposal_fields, Field, Value};
use super::MILESTONE_ROWS;
use crate::policy::Policy;
use crate::say::templates as say;

/// Column widths in twentieths of a point: label, then the two columns a value spans (the
/// timetable's 起止时间 and 内容). A4 with 2 cm margins leaves 9,638.
const GRID: [usize; 3] = [2_400, 2_400, 4_838];
/// Row heights in twentieths of a point: one line, a text box, a timetable row, the seal box.
const LINE: f32 = 520.0;
const BOX: f32 = 1_600.0;
const MILESTONE: f32 = 600.0;
const SEAL: f32 = 1_900.0;
/// Font sizes in half-points: the title (小二) and the body (小四).
const TITLE_SIZE: usize = 36;
const BODY_SIZE: usize = 24;

/// docx-rs could not pack the document (its zip error, as text: docx-rs has its own zip crate).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct WordError(String);

/// The blank 立项书 for `policy` as a Word document (`.docx` bytes), with the same fields as
/// [`super::proposal_template`].
///
/// # Errors
///
/// [`WordError`]; none is expected.
pub fn proposal_docx(policy: &Policy) -> Result<Vec<u8>, WordError> {
    let fields = proposal_fields(policy);
    build(&say::proposal_title(policy), &fields, true)
}

/// The blank 进度报告 for `policy` as a Word document (`.docx` bytes).
///
/// # Errors
///
/// [`WordError`]; none is expected.
pub fn progress_docx(policy: &Policy) -> Result<Vec<u8>, WordError> {
    let fields = progress_fields(policy);
    build(&say::progress_title(policy), &fields, false)
}

/// The blank 结项报告 (自查考评表) for `policy` as a Word document (`.docx` bytes).
///
/// # Errors
///
/// [`WordError`]; none is expected.
pub fn closing_docx(policy: &Policy) -> Result<Vec<u8>, WordError> {
    let fields = closing_fields(policy);
    build(&say::closing_title(policy), &fields, false)
}

fn build(title: &str, fields: &[Field], milestones: bool) -> Result<Vec<u8>, WordError> {
    let mut rows = vec![title_row(title)];
    for field in fields {
        let label: Vec<(&str, bool)> = if field.required {
            vec![(say::REQUIRED_MARK, true), (field.label, false)]
        } else {
            vec![(field.label, false)]
        };
        let height = match field.value {
            Value::Box(_) => BOX,
            _ => LINE,
        };
        rows.push(row(vec![cell(&label, 1), cell(&[], 2)], height));
    }
    if milestones {
        let [stage, time, content] = say::MILESTONE_HEADERS;
        rows.push(row(
            vec![
                cell(&[(stage, true)], 1),
                cell(&[(time, true)], 1),
                cell(&[(content, true)], 1),
            ],
            LINE,
        ));
        for _ in 0..MILESTONE_ROWS {
            rows.push(row(
                vec![cell(&[], 1), cell(&[], 1), cell(&[], 1)],
                MILESTONE,
            ));
        }
        let seal: Vec<&str> = say::SEAL_BOX.split('\n').collect();
        rows.push(row(vec![lines(&seal, 3)], SEAL));
    }
    let table = Table::new(rows)
        .set_grid(GRID.to_vec())
        .layout(TableLayoutType::Fixed)
        .width(GRID.iter().sum(), WidthType::Dxa);
    let doc = Docx::new()
        .page_size(11_906, 16_838)
        .page_margin(
            docx_rs::PageMargin::new()
                .top(1_134)
                .bottom(1_134)
                .left(1_134)
                .right(1_134),
        )
        .default_fonts(RunFonts::new().east_asia("宋体").ascii("Times New Roman"))
        .default_size(BODY_SIZE)
        .add_table(table);
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut out)
        .map_err(|e| WordError(e.to_string()))?;
    Ok(out.into_inner())
}

/// A table cell of one paragraph made of `(text, bold)` runs, spanning `span` grid columns.
fn cell(runs: &[(&str, bool)], span: usize) -> TableCell {
    let mut p = Paragraph::new();
    for (text, bold) in runs {
        let mut run = Run::new().add_text(*text);
        if *bold {
            run = run.bold();
        }
        p = p.add_run(run);
    }
    let mut c = TableCell::new().add_paragraph(p);
    if span > 1 {
        c = c.grid_span(span);
    }
    let width: usize = GRID.iter().take(span).sum();
    c.width(width, WidthType::Dxa)
}

/// A cell of several paragraphs (the seal box's lines).
fn lines(paragraphs: &[&str], span: usize) -> TableCell {
    let mut c = TableCell::new();
    for text in paragraphs {
        c = c.add_paragraph(Paragraph::new().add_run(Run::new().add_text(*text)));
    }
    c.grid_span(span).width(GRID.iter().sum(), WidthType::Dxa)
}

fn row(cells: Vec<TableCell>, height: f32) -> TableRow {
    TableRow::new(cells).row_height(height)
}

/// The title row: centred, large.
fn title_row(title: &str) -> TableRow {
    let p = Paragraph::new()
        .align(AlignmentType::Center)
        .add_run(Run::new().add_text(title).bold().size(TITLE_SIZE));
    let c = TableCell::new()
        .add_paragraph(p)
        .grid_span(3)
        .width(GRID.iter().sum(), WidthType::Dxa);
    row(vec![c], LINE)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::{read_bytes, Limits};

    #[test]
    fn same_policy_same_bytes() {
        let p = Policy::preset("innovation").unwrap();
        let first = proposal_docx(&p).unwrap();
        // zip timestamps have a resolution of two seconds.
        std::thread::sleep(std::time::Duration::from_millis(2_100));
        assert!(
            first == proposal_docx(&p).unwrap(),
            "the Word template embeds the time"
        );
    }

    #[test]
    fn reads_back_as_one_table_with_every_label() {
        let p = Policy::preset("innovation").unwrap();
        for (bytes, fields) in [
            (proposal_docx(&p).unwrap(), proposal_fields(&p)),
            (progress_docx(&p).unwrap(), progress_fields(&p)),
        ] {
            let wb = read_bytes(&bytes, "docx", &Limits::default()).unwrap();
            assert_eq!(wb.sheets.len(), 1, "no text outside the table");
            let sheet = &wb.sheets[0];
            for (i, field) in fields.iter().enumerate() {
                let label = sheet.get(i as u32 + 1, 0).map(|v| v.display());
                let want = if field.required {
                    format!("{}{}", say::REQUIRED_MARK, field.label)
                } else {
                    field.label.to_owned()
                };
                assert_eq!(label, Some(want));
                assert_eq!(sheet.get(i as u32 + 1, 1), None, "a blank value cell");
            }
        }
    }
}
