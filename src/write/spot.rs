//! The 抽查名单 workbook of `taizhang sample`: the projects drawn for 抽查复核, with the seed in
//! its title so that the draw can be repeated and checked.

use rust_xlsxwriter::XlsxError;

use crate::ledger::spot::Drawn;
use crate::model::Value;
use crate::say::notices as say;
use crate::xlsx::table::text_columns;
use crate::xlsx::{self, Kind, Row};

/// The workbook: title (year, count, seed), then 序号, 项目编号, 申报单位, 项目名称, 责任人, 抽取码.
///
/// # Errors
/// Any [`XlsxError`] from rust_xlsxwriter.
pub fn workbook(
    drawn: &[Drawn],
    total: usize,
    seed: &str,
    year: i32,
) -> Result<Vec<u8>, XlsxError> {
    let title = say::sample_title(year, drawn.len(), total, seed);
    let mut columns = text_columns(&say::SAMPLE_HEADERS);
    columns[0].kind = Kind::Count;
    let rows: Vec<Row> = drawn
        .iter()
        .enumerate()
        .map(|(i, d)| {
            Row::new(vec![
                Value::Number((i + 1) as f64),
                Value::text(d.id.clone()),
                Value::text(d.unit.clone()),
                Value::text(d.name.clone()),
                Value::text(d.owner.clone()),
                Value::text(d.key.get(..16).unwrap_or(&d.key).to_owned()),
            ])
        })
        .collect();
    xlsx::list_workbook(&title, say::SAMPLE_SHEET, columns, &rows)
}
