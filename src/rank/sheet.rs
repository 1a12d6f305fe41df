//! The blank score sheet (评分表) the clerk sends to the reviewers: every ledger project, one
//! column per rubric criterion titled with its maximum, input validation 0..max, a reviewer cell,
//! a 合计 formula for the reviewer's convenience, A4 landscape.
//!
//! The sheet is also what [`crate::rules::scores`] reads back, so its words are the reader's:
//! the title holds 评分表, the reviewer's label is 评审人, the header has 项目编号 and 项目名称.

use std::collections::HashSet;

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, Format, FormatAlign,
    FormatBorder, Formula, Worksheet, XlsxError,
};

use super::{criterion_title, kind_name, Project};
use crate::policy::Policy;
use crate::read::cell_name;
use crate::say::year_end as say;
use crate::text::number_text;
use crate::xlsx::style::{self, label_format};
use crate::xlsx::{self, Print};

/// The row of the table header (0-based): title, reviewer, instructions above it.
pub const HEADER_ROW: u32 = 3;

/// Columns before the criteria, with their widths and what a project shows there (序号 is
/// written apart: a number).
const LEAD: &[(&str, f64, Cell)] = &[
    (say::SCORE_LEAD[0], 5.0, Cell::Number),
    (say::SCORE_LEAD[1], 10.0, Cell::Id),
    (say::SCORE_LEAD[2], 16.0, Cell::Unit),
    (say::SCORE_LEAD[3], 34.0, Cell::Name),
    (say::SCORE_LEAD[4], 6.0, Cell::Category),
    (say::SCORE_LEAD[5], 8.0, Cell::Status),
    (say::SCORE_LEAD[6], 8.0, Cell::Percent),
];

/// What a lead column of the score sheet holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cell {
    Number,
    Id,
    Unit,
    Name,
    Category,
    Status,
    Percent,
}

impl Cell {
    /// The project's text in this column, and whether it is centred.
    fn of(self, p: &Project) -> (String, bool) {
        match self {
            Cell::Number => (String::new(), true),
            Cell::Id => (p.id.clone(), true),
            Cell::Unit => (p.unit.clone(), false),
            Cell::Name => (p.name.clone(), false),
            Cell::Category => (p.category.clone(), true),
            Cell::Status => (p.status_label.clone(), true),
            Cell::Percent => (
                p.percent
                    .map(|n| format!("{}%", number_text(n)))
                    .unwrap_or_default(),
                true,
            ),
        }
    }
}

/// The sheet's title: 「2018年度基层党建创新项目评分表」.
pub fn title(policy: &Policy) -> String {
    say::title(policy.year, kind_name(policy), say::SCORE_SHEET)
}

/// The score sheet workbook: one sheet, or one per reviewer when `reviewers > 1`.
///
/// Errors: any [`XlsxError`] (none expected: texts are bounded, names are made valid).
pub fn scoresheet(
    projects: &[Project],
    policy: &Policy,
    reviewers: usize,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = xlsx::workbook(&title(policy), None);
    let mut used = HashSet::new();
    let n = reviewers.max(1);
    for i in 1..=n {
        let wanted = if n == 1 {
            say::SCORE_SHEET.to_owned()
        } else {
            say::score_sheet_numbered(i)
        };
        let name = style::sheet_name(&wanted, &mut used);
        let sheet = book.add_worksheet().set_name(name)?;
        write_sheet(sheet, projects, policy)?;
    }
    book.save_to_buffer()
}

fn input_format() -> Format {
    style::body()
        .set_background_color(Color::RGB(0xFFF9E5))
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_unlocked()
}

fn write_sheet(
    sheet: &mut Worksheet,
    projects: &[Project],
    policy: &Policy,
) -> Result<(), XlsxError> {
    let criteria = &policy.rubric;
    // 项目类别 only where the policy has categories.
    let lead: Vec<(&str, f64, Cell)> = LEAD
        .iter()
        .copied()
        .filter(|(_, _, c)| *c != Cell::Category || policy.has_categories())
        .collect();
    let first_score = lead.len() as u16;
    let total_col = first_score + criteria.len() as u16;
    let note_col = total_col + 1;
    let width = note_col as usize + 1;
    let full: f64 = criteria.iter().map(|c| c.max).sum();

    xlsx::title(sheet, 0, &title(policy), width)?;
    // Reviewer: label in B2, the name typed into the merged C2:D2 (a blank is reported at C2).
    sheet.write_string_with_format(1, 1, say::REVIEWER, &label_format())?;
    let name_cell = style::body()
        .set_border(FormatBorder::None)
        .set_border_bottom(FormatBorder::Thin)
        .set_align(FormatAlign::VerticalCenter)
        .set_unlocked();
    sheet.merge_range(1, 2, 1, 3, "", &name_cell)?;
    sheet.set_row_height(1, 24)?;
    let help = say::score_help(full);
    let help_format = Format::new()
        .set_font_name(style::FONT)
        .set_font_size(10)
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter);
    sheet.merge_range(2, 0, 2, note_col, &help, &help_format)?;
    sheet.set_row_height(2, 30)?;

    let header = style::header();
    for (c, (h, w, _)) in lead.iter().enumerate() {
        sheet.write_string_with_format(HEADER_ROW, c as u16, *h, &header)?;
        sheet.set_column_width(c as u16, *w)?;
    }
    for (i, c) in criteria.iter().enumerate() {
        let col = first_score + i as u16;
        // On two lines, so the narrow column does not break 「（20分）」 in the middle.
        let t = say::criterion_header(&c.name, c.max);
        sheet.write_string_with_format(HEADER_ROW, col, &t, &header)?;
        sheet.set_column_width(col, (style::text_width(&c.name) + 3.0).max(11.0))?;
    }
    let total_title = say::score_total_header(full);
    sheet.write_string_with_format(HEADER_ROW, total_col, &total_title, &header)?;
    sheet.set_column_width(total_col, 11)?;
    sheet.write_string_with_format(HEADER_ROW, note_col, say::SCORE_NOTE, &header)?;
    sheet.set_column_width(note_col, 16)?;
    sheet.set_row_height(HEADER_ROW, 32)?;

    let body = style::body().set_align(FormatAlign::VerticalCenter);
    let centred = body.clone().set_align(FormatAlign::Center);
    let total_format = centred
        .clone()
        .set_bold()
        // Zero shows as blank: a viewer that does not recalculate on opening shows the cached 0.
        .set_num_format("General;-General;;@")
        .set_background_color(Color::RGB(0xF2F2F2));
    let input = input_format();
    let name_width = LEAD[3].1 - 1.0;
    for (i, p) in projects.iter().enumerate() {
        let r = HEADER_ROW + 1 + i as u32;
        sheet.write_number_with_format(r, 0, (i + 1) as f64, &centred)?;
        for (c, (_, _, cell)) in lead.iter().enumerate().skip(1) {
            let (value, centre) = cell.of(p);
            let format = if centre { &centred } else { &body };
            style::write_text(sheet, r, c as u16, &value, format)?;
        }
        for c in 0..criteria.len() as u16 {
            sheet.write_blank(r, first_score + c, &input)?;
        }
        let (a, b) = (
            cell_name(r, first_score as u32),
            cell_name(r, total_col as u32 - 1),
        );
        let formula = Formula::new(format!("=IF(COUNT({a}:{b})=0,\"\",SUM({a}:{b}))"));
        sheet.write_formula_with_format(r, total_col, formula, &total_format)?;
        sheet.write_blank(r, note_col, &body)?;
        let lines = (style::text_width(&p.name) / name_width)
            .ceil()
            .max((style::text_width(&p.unit) / (LEAD[2].1 - 1.0)).ceil())
            .max(1.0);
        sheet.set_row_height(r, (15.0 * lines + 6.0).max(22.0))?;
    }
    let last = HEADER_ROW + projects.len().max(1) as u32;
    if !projects.is_empty() {
        for (i, c) in criteria.iter().enumerate() {
            let col = first_score + i as u16;
            let max = number_text(c.max);
            let dv = DataValidation::new()
                .allow_decimal_number(DataValidationRule::Between(0.0, c.max))
                .set_input_title(crate::text::excerpt(&criterion_title(&c.name, c.max), 14))?
                .set_input_message(say::score_prompt(&max))?
                .set_error_title(say::SCORE_REFUSED)?
                .set_error_message(say::score_refusal(&crate::text::excerpt(&c.name, 60), &max))?
                .set_error_style(DataValidationErrorStyle::Stop);
            sheet.add_data_validation(HEADER_ROW + 1, col, last, col, &dv)?;
        }
    }
    // Signature line for the printed copy (its words are no label taizhang reads).
    let sign = last + 2;
    let sign_format = Format::new()
        .set_font_name(style::FONT)
        .set_align(FormatAlign::VerticalCenter);
    sheet.merge_range(sign, 0, sign, first_score - 1, say::SIGNATURE, &sign_format)?;
    sheet.merge_range(
        sign,
        first_score,
        sign,
        note_col,
        say::SIGNED_ON,
        &sign_format,
    )?;
    sheet.set_row_height(sign, 24)?;
    sheet.set_freeze_panes(HEADER_ROW + 1, 0)?;
    Print::wide(HEADER_ROW).apply(sheet)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::read_bytes;
    use crate::rules::scores::read_scores;

    #[test]
    fn the_blank_sheet_reads_back_as_unscored() {
        let policy = Policy::preset("innovation").unwrap();
        let projects = vec![
            Project {
                id: "2018-001".into(),
                unit: "田家庵区委".into(),
                name: "=红色网格".into(),
                category: "A".into(),
                ..Project::default()
            },
            Project {
                id: "2018-002".into(),
                unit: "大通区委".into(),
                name: "先锋驿站".into(),
                category: "B".into(),
                ..Project::default()
            },
        ];
        let bytes = scoresheet(&projects, &policy, 1).unwrap();
        let book = read_bytes(&bytes, "xlsx", &Default::default()).unwrap();
        let (sheet, problems) = read_scores(&book, &policy).unwrap();
        assert_eq!(sheet.reviewer, None);
        assert_eq!(sheet.rows.len(), 2);
        assert_eq!(sheet.rows[0].project_id.as_deref(), Some("2018-001"));
        assert_eq!(sheet.rows[0].name.as_deref(), Some("=红色网格"));
        assert!(problems
            .iter()
            .any(|p| p.cell.as_deref() == Some("评分表!C2")));
        let many = scoresheet(&projects, &policy, 3).unwrap();
        let book = read_bytes(&many, "xlsx", &Default::default()).unwrap();
        assert_eq!(book.sheets.len(), 3);
    }

    #[test]
    fn the_secretary_sheet_has_no_category_and_shows_status_and_progress() {
        let policy = Policy::preset("secretary").unwrap();
        let projects = vec![Project {
            id: "2017-001".into(),
            unit: "机电学院党总支".into(),
            name: "双带头人培育工程".into(),
            status_label: "推进中".into(),
            percent: Some(60.0),
            ..Project::default()
        }];
        let bytes = scoresheet(&projects, &policy, 1).unwrap();
        let book = read_bytes(&bytes, "xlsx", &Default::default()).unwrap();
        let texts: Vec<String> = book.sheets[0]
            .cells
            .iter()
            .filter(|c| c.row == HEADER_ROW || c.row == HEADER_ROW + 1)
            .map(|c| c.value.display())
            .collect();
        assert!(!texts.iter().any(|t| t == "类别"), "{texts:?}");
        for shown in ["状态", "最新进度", "推进中", "60%"] {
            assert!(texts.iter().any(|t| t == shown), "{shown} in {texts:?}");
        }
        let (sheet, _) = read_scores(&book, &policy).unwrap();
        assert_eq!(sheet.rows[0].project_id.as_deref(), Some("2017-001"));
    }

    #[test]
    fn a_two_year_project_is_scored_in_the_year_it_finishes() {
        let mut policy = Policy::preset("secretary").unwrap();
        let due = |y: i32| chrono::NaiveDate::from_ymd_opt(y, 6, 30);
        let project = |deadline, finished| Project {
            deadline,
            finished,
            ..Project::default()
        };
        assert!(project(due(2017), false).scored(&policy));
        assert!(!project(due(2018), false).scored(&policy));
        assert!(project(due(2018), true).scored(&policy), "finished early");
        assert!(project(None, false).scored(&policy));
        policy.score_unfinished = Some(true);
        assert!(project(due(2018), false).scored(&policy));
    }
}
