//! In-memory forms for the library's unit tests (rules, cross-file rules, merge).
//!
//! A test builds a form as a grid of cells ([`Workbook`]), the way a unit fills the template;
//! the grid is written to xlsx bytes in memory and checked through [`batch::check_inputs`], the
//! entry the command line and the page use. So the tests start no binary, touch no disk, and
//! do not depend on the stages in between (reader, label search, rules, cross-file rules), which
//! may be refactored freely.

use std::sync::Arc;

use chrono::NaiveDate;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Formula};

use crate::batch::{self, Batch, FileResult, Input, InputData};
use crate::policy::Policy;
use crate::read::{Cell, Limits, Sheet, Value, Workbook};

/// A form's (label, value) pairs, one row each.
pub(crate) type Pairs = Vec<(&'static str, Value)>;

/// A text cell.
pub(crate) fn text(s: &str) -> Value {
    Value::Text(s.to_owned())
}

/// A date cell.
pub(crate) fn date(y: i32, m: u32, d: u32) -> Value {
    Value::Date(NaiveDate::from_ymd_opt(y, m, d).expect("a real date in the test"))
}

/// A valid proposal under the innovation preset (2018, county 田家庵区委, category A).
pub(crate) fn proposal() -> Pairs {
    vec![
        ("申报单位", text("田家庵区委")),
        ("项目名称", text("红色网格党建引领基层治理工程")),
        ("项目类别", text("A类")),
        ("参考目录序号", Value::Number(18.0)),
        ("工作范围或对象", text("全区各街道社区党组织")),
        ("工作目标", text("建立四级党建网格体系，实现组织全覆盖")),
        ("主要措施", text("划分网格，选派网格党小组长，建立清单")),
        ("开始时间", date(2018, 4, 1)),
        ("完成时间", text("2018年12月31日")),
        ("成果形式", text("工作制度汇编")),
        ("责任单位", text("田家庵区委组织部")),
        ("责任人", text("张伟")),
        ("职务", text("区委常委、组织部部长")),
        ("项目组成员", text("张伟、李娜、王强")),
        ("联系电话", text("13805546677")),
        ("经费预算", Value::Number(5.0)),
        ("填报日期", date(2018, 3, 28)),
    ]
}

/// A valid progress report on [`proposal`]'s project.
pub(crate) fn progress(period: &str, percent: f64) -> Pairs {
    vec![
        ("申报单位", text("田家庵区委")),
        ("项目名称", text("红色网格党建引领基层治理工程")),
        ("报告期", text(period)),
        ("完成进度", Value::Percent(percent)),
        ("项目状态", text("正常推进")),
        ("本期完成情况", text("完成网格划分")),
        ("存在问题", text("无")),
        ("下步计划", text("开展网格员培训")),
        ("填报人", text("李娜")),
        ("填报日期", date(2018, 6, 3)),
    ]
}

/// The pairs with one value replaced, or the pair removed (`None`).
pub(crate) fn set(mut pairs: Pairs, label: &str, value: Option<Value>) -> Pairs {
    let i = pairs
        .iter()
        .position(|(l, _)| *l == label)
        .unwrap_or_else(|| panic!("no {label} in the fixture"));
    match value {
        Some(v) => pairs[i].1 = v,
        None => {
            pairs.remove(i);
        }
    }
    pairs
}

/// A one-sheet form: its title on the first row, one `label | value` row per pair, then the
/// timetable (`阶段 | 起止时间 | 内容` and one row per stage) when `stages` is not empty.
pub(crate) fn form(
    sheet: &str,
    title: &str,
    pairs: &[(&str, Value)],
    stages: &[[&str; 3]],
) -> Workbook {
    let mut cells = vec![cell(0, 0, text(title))];
    let mut row = 1;
    for (label, value) in pairs {
        cells.push(cell(row, 0, text(label)));
        cells.push(cell(row, 1, value.clone()));
        row += 1;
    }
    if !stages.is_empty() {
        for (col, header) in ["阶段", "起止时间", "内容"].into_iter().enumerate() {
            cells.push(cell(row, col as u32, text(header)));
        }
        for stage in stages {
            row += 1;
            for (col, t) in stage.iter().enumerate() {
                cells.push(cell(row, col as u32, text(t)));
            }
        }
    }
    Workbook {
        sheets: vec![Sheet::new(sheet.to_owned(), true, cells)],
    }
}

fn cell(row: u32, col: u32, value: Value) -> Cell {
    Cell { row, col, value }
}

/// A proposal form from pairs.
pub(crate) fn proposal_form(pairs: &[(&str, Value)]) -> Workbook {
    form("立项书", "2018年度基层党建创新项目立项书", pairs, &[])
}

/// A progress report form from pairs.
pub(crate) fn progress_form(pairs: &[(&str, Value)]) -> Workbook {
    form("进度报告", "基层党建创新项目进度报告", pairs, &[])
}

/// The grid as xlsx bytes: text, numbers, `0%` cells, dates, booleans and cached errors. The same
/// grid always gives the same bytes (a fixed creation time), so a form built twice is one file.
fn xlsx(book: &Workbook) -> Vec<u8> {
    let mut out = rust_xlsxwriter::Workbook::new();
    let created = ExcelDateTime::from_ymd(2018, 1, 1).expect("a real date");
    out.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let percent = Format::new().set_num_format("0%");
    let day = Format::new().set_num_format("yyyy\"年\"m\"月\"d\"日\"");
    for sheet in &book.sheets {
        let ws = out.add_worksheet();
        ws.set_name(&sheet.name).expect("sheet name");
        ws.set_hidden(!sheet.visible);
        for c in &sheet.cells {
            let (r, col) = (c.row, c.col as u16);
            let written = match &c.value {
                Value::Empty => continue,
                Value::Text(t) => ws.write_string(r, col, t),
                Value::Number(n) => ws.write_number(r, col, *n),
                Value::Percent(n) => ws.write_number_with_format(r, col, *n, &percent),
                Value::Date(d) => ws.write_datetime_with_format(r, col, d, &day),
                Value::DateTime(t) => ws.write_datetime_with_format(r, col, t, &day),
                Value::Bool(b) => ws.write_boolean(r, col, *b),
                Value::Error(e) => ws.write_formula(r, col, Formula::new("=1/0").set_result(e)),
            };
            written.expect("cell written");
        }
    }
    out.save_to_buffer().expect("workbook written")
}

/// Named workbooks as the inputs of one batch, held in memory as mail attachments are.
pub(crate) fn inputs(books: &[(&str, Workbook)]) -> Vec<Input> {
    books
        .iter()
        .map(|(name, book)| Input {
            name: (*name).to_owned(),
            data: InputData::Bytes(Arc::from(xlsx(book))),
            origin: None,
        })
        .collect()
}

/// Checks named workbooks as one batch, cross-file rules included.
pub(crate) fn check_all(books: &[(&str, Workbook)], policy: &Policy) -> Batch {
    batch::check_inputs(&inputs(books), policy, &Limits::default(), &|| {})
}

/// Checks one workbook on its own batch.
pub(crate) fn check_one(book: Workbook, policy: &Policy) -> FileResult {
    let mut batch = check_all(&[("立项书.xlsx", book)], policy);
    batch.files.remove(0)
}

/// The problem codes of a result, sorted.
pub(crate) fn codes(result: &FileResult) -> Vec<&'static str> {
    let mut c: Vec<&'static str> = result.problems.iter().map(|p| p.code.as_str()).collect();
    c.sort_unstable();
    c
}

/// The innovation preset.
pub(crate) fn innovation() -> Policy {
    Policy::preset("innovation").expect("preset")
}

/// The secretary preset.
pub(crate) fn secretary() -> Policy {
    Policy::preset("secretary").expect("preset")
}

/// The innovation preset with more TOML appended (units, say).
pub(crate) fn innovation_with(extra: &str) -> Policy {
    let text = format!("{}\n{extra}", crate::policy::INNOVATION_TOML);
    Policy::from_toml(&text, "test").expect("policy")
}
