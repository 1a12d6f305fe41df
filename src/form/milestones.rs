//! The timetable (进度安排): a header row `阶段 | 起止时间 | 内容` and one row per stage.
//!
//! Its header words (`完成时间`, `主要内容`) are also field labels, so the table is found first and
//! its rows are kept out of the label search.

use std::collections::HashSet;

use super::labels;
use super::RawMilestone;
use crate::model::Value;
use crate::read::Sheet;
use crate::text::label_key;

/// The milestone table of a sheet, if any.
#[derive(Debug, Default)]
pub(super) struct Table {
    /// Rows the table occupies (header and body).
    pub rows: HashSet<u32>,
    /// Its rows, top to bottom.
    pub milestones: Vec<RawMilestone>,
}

struct Columns {
    stage: u32,
    period: Option<u32>,
    from: Option<u32>,
    to: Option<u32>,
    content: Option<u32>,
}

fn header_columns(sheet: &Sheet, row: u32) -> Option<Columns> {
    let mut cols = Columns {
        stage: u32::MAX,
        period: None,
        from: None,
        to: None,
        content: None,
    };
    for cell in sheet.row(row) {
        let Value::Text(t) = &cell.value else {
            continue;
        };
        // Header words are short; normalising every paragraph of the form would be wasted work.
        if t.len() > 40 {
            continue;
        }
        let Some(n) = label_key(t) else {
            continue;
        };
        let n = n.as_str();
        if labels::MILESTONE_STAGE.contains(&n) && cols.stage == u32::MAX {
            cols.stage = cell.col;
        } else if labels::MILESTONE_PERIOD.contains(&n) {
            cols.period = Some(cell.col);
        } else if labels::MILESTONE_FROM.contains(&n) {
            cols.from = Some(cell.col);
        } else if labels::MILESTONE_TO.contains(&n) {
            cols.to = Some(cell.col);
        } else if labels::MILESTONE_CONTENT.contains(&n) {
            cols.content = Some(cell.col);
        }
    }
    let has_time = cols.period.is_some() || cols.from.is_some() || cols.to.is_some();
    (cols.stage != u32::MAX && has_time).then_some(cols)
}

fn text_at(sheet: &Sheet, row: u32, col: Option<u32>) -> String {
    col.and_then(|c| sheet.get(row, c))
        .map(|v| v.to_text())
        .unwrap_or_default()
}

/// Finds the first milestone table on the sheet.
pub(super) fn find(sheet: &Sheet) -> Table {
    let mut rows: Vec<u32> = sheet.cells.iter().map(|c| c.row).collect();
    rows.dedup();
    for (i, &header) in rows.iter().enumerate() {
        // Every stage header word contains 阶 or 步 (even spaced out, `阶　段`): rows without
        // one are not looked at closely.
        let candidate = sheet.row(header).iter().any(
            |c| matches!(&c.value, Value::Text(t) if t.len() <= 40 && t.contains(['阶', '步'])),
        );
        if !candidate {
            continue;
        }
        let Some(cols) = header_columns(sheet, header) else {
            continue;
        };
        let mut table = Table::default();
        table.rows.insert(header);
        let first_col = cols.stage;
        for &row in rows.iter().skip(i + 1) {
            let cells: Vec<_> = sheet
                .row(row)
                .iter()
                .filter(|c| c.col >= first_col)
                .collect();
            // The table ends at a gap, or at a row that is a field label (填报日期 …).
            let last = table.rows.iter().max().copied().unwrap_or(header);
            if cells.is_empty() || row > last + 1 {
                break;
            }
            let labelled = sheet.row(row).iter().any(|c| match &c.value {
                Value::Text(t) => labels::field_for_text(t).is_some(),
                _ => false,
            });
            if labelled {
                break;
            }
            table.rows.insert(row);
            let period_col = cols.period.or(cols.from).or(cols.to);
            let period = period_col.and_then(|c| sheet.get(row, c)).cloned();
            let end = match (cols.from, cols.to) {
                (Some(_), Some(t)) if cols.period.is_none() => sheet.get(row, t).cloned(),
                _ => None,
            };
            let stage = text_at(sheet, row, Some(cols.stage));
            let content = text_at(sheet, row, cols.content);
            if stage.is_empty() && period.is_none() && end.is_none() && content.is_empty() {
                continue;
            }
            table.milestones.push(RawMilestone {
                stage,
                period,
                end,
                content,
                cell: sheet.address(row, period_col.unwrap_or(cols.stage)),
            });
        }
        return table;
    }
    Table::default()
}
