//! The ledger updated in place ([`crate::xlsx::patch`]): what is read back is what was saved,
//! whatever the cells hold, and what the clerk did to the workbook is still there.

use std::io::Read;
use std::path::Path;

use chrono::NaiveDate;
use proptest::prelude::*;
use rust_xlsxwriter::{
    Chart, ChartType, DataValidation, Format, Image, Note, Table, TableColumn, Workbook,
};

use super::store::{Ledger, Saved};
use crate::model::{Column, Sheet, Value};

fn part(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

fn parts(path: &Path) -> Vec<String> {
    let zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    zip.file_names()
        .filter_map(|n| n.ok().map(|n| n.into_owned()))
        .collect()
}

fn project(l: &mut Ledger, id: &str, name: &str) -> usize {
    let r = l.projects.push_row();
    l.projects.set(r, Column::ProjectId, Value::text(id));
    l.projects.set(r, Column::Name, Value::text(name));
    r
}

fn value() -> impl Strategy<Value = Value> {
    let day = (1900i32..2100, 1u32..=12, 1u32..=28)
        .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap());
    prop_oneof![
        Just(Value::Empty),
        // Any text a form can carry: control characters, Excel's escapes, formula-like starts.
        "[ -~\u{4e00}-\u{4e10}\u{1}\u{8}\t\n_x0-9A-F=<>&\"']{1,12}"
            .prop_filter("kept as typed", |s| !s.trim().is_empty() && s.trim() == s)
            .prop_map(Value::Text),
        (-1e9f64..1e9).prop_map(|n| Value::Number((n * 100.0).round() / 100.0)),
        day.clone().prop_map(Value::Date),
        (day, 0u32..24, 0u32..60, 1u32..60)
            .prop_map(|(d, h, m, s)| Value::DateTime(d.and_hms_opt(h, m, s).unwrap())),
        any::<bool>().prop_map(Value::Bool),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Saved whole, then changed (cells replaced, rows added) and saved in place: read back, the
    /// ledger is exactly what was saved.
    #[test]
    fn what_is_saved_in_place_is_what_is_read_back(
        first in proptest::collection::vec(proptest::collection::vec(value(), 3), 1..6),
        changes in proptest::collection::vec((0usize..8, 0usize..3, value()), 0..12),
        added in proptest::collection::vec(proptest::collection::vec(value(), 3), 0..4),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("台账.xlsx");
        let mut l = Ledger::new();
        let columns = [Column::Measures, Column::Start, Column::Key];
        let fill = |l: &mut Ledger, i: usize, row: &[Value]| {
            let r = project(l, &format!("2018-{:03}", i + 1), &format!("项目{i}"));
            for (c, v) in columns.iter().zip(row) {
                l.projects.set(r, *c, v.clone());
            }
        };
        for (i, row) in first.iter().enumerate() {
            fill(&mut l, i, row);
        }
        prop_assert_eq!(l.save(&path).unwrap(), Saved::Written);
        let mut l = Ledger::read(&path).unwrap();
        for (r, c, v) in &changes {
            if *r < l.projects.rows.len() {
                l.projects.set(*r, columns[*c], v.clone());
            }
        }
        let n = l.projects.rows.len();
        for (i, row) in added.iter().enumerate() {
            fill(&mut l, n + i, row);
        }
        prop_assert_eq!(l.save(&path).unwrap(), Saved::Patched);
        let back = Ledger::read(&path).unwrap();
        prop_assert_eq!(&back.projects, &l.projects);
        prop_assert_eq!(&back.reports, &l.reports);
        // And a third save with nothing changed writes the same sheets again.
        let sheet = part(&path, "xl/worksheets/sheet1.xml");
        prop_assert_eq!(back.save(&path).unwrap(), Saved::Patched);
        prop_assert_eq!(part(&path, "xl/worksheets/sheet1.xml"), sheet);
    }
}

/// A ledger as a clerk leaves it: a filled row, a wide and a hidden column, a comment, a list
/// validation, merged cells in their own column, a sheet of formulas, a defined name.
fn clerk_ledger(path: &Path) {
    let mut l = Ledger::new();
    for i in 1..=3 {
        project(&mut l, &format!("2018-{i:03}"), &format!("项目{i}"));
    }
    let r = l.reports.push_row();
    l.reports.set(r, Column::ProjectId, Value::text("2018-001"));
    l.reports.set(r, Column::Period, Value::text("2018-05"));
    let mut book = Workbook::new();
    let yellow = Format::new().set_background_color(0xFFFF00);
    let tables = [
        &l.projects,
        &l.reports,
        &l.units,
        &l.changes,
        &l.sources,
        &l.about,
        &l.submitted,
    ];
    for t in tables {
        let sheet = book.add_worksheet();
        sheet.set_name(&t.name).unwrap();
        for (c, h) in t.headers.iter().enumerate() {
            sheet.write_string(0, c as u16, h).unwrap();
        }
        for (r, row) in t.rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                if let Value::Text(s) = v {
                    let r = r as u32 + 1;
                    if t.name == Sheet::Projects.name() && r == 1 {
                        sheet
                            .write_string_with_format(r, c as u16, s, &yellow)
                            .unwrap();
                    } else {
                        sheet.write_string(r, c as u16, s).unwrap();
                    }
                }
            }
        }
        if t.name == Sheet::Reports.name() {
            // The clerk made 进度记录 an Excel table (Ctrl+T).
            let columns: Vec<TableColumn> = t
                .headers
                .iter()
                .map(|h| TableColumn::new().set_header(h))
                .collect();
            let last = t.headers.len() as u16 - 1;
            let table = Table::new().set_columns(&columns);
            sheet
                .add_table(0, 0, t.rows.len() as u32, last, &table)
                .unwrap();
        }
        if t.name == Sheet::Projects.name() {
            let remark = t.col(Column::Key).unwrap() as u16;
            let phone = t.col(Column::Phone).unwrap() as u16;
            let extra = t.headers.len() as u16;
            sheet.set_column_width(1, 40).unwrap();
            sheet.set_column_hidden(phone).unwrap();
            sheet
                .insert_note(1, 1, &Note::new("请核实").set_author("科员"))
                .unwrap();
            let list = DataValidation::new()
                .allow_list_strings(&["是", "否"])
                .unwrap();
            sheet
                .add_data_validation(1, remark, 3, remark, &list)
                .unwrap();
            sheet.write_string(0, extra, "督办人").unwrap();
            sheet
                .merge_range(1, extra, 2, extra, "张三", &Format::new())
                .unwrap();
            sheet.autofilter(0, 0, 3, extra).unwrap();
        }
    }
    let stats = book.add_worksheet();
    stats.set_name("统计").unwrap();
    stats
        .write_formula(0, 1, "=COUNTA(项目台账!A2:A1000)")
        .unwrap();
    let mut chart = Chart::new(ChartType::Column);
    chart.add_series().set_values("统计!$B$1:$B$1");
    stats.insert_chart(2, 2, &chart).unwrap();
    let logo = Image::new_from_buffer(include_bytes!("../../packaging/taizhang.png")).unwrap();
    stats.insert_image(2, 10, &logo).unwrap();
    book.define_name("项目数", "=统计!$B$1").unwrap();
    book.save(path).unwrap();
}

#[test]
fn what_the_clerk_did_to_the_ledger_survives_an_update() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("台账.xlsx");
    clerk_ledger(&path);
    std::fs::copy(&path, dir.path().join("clerk.xlsx")).unwrap();
    let before = part(&path, "xl/worksheets/sheet1.xml");
    let mut l = Ledger::read(&path).unwrap();
    let r = project(&mut l, "2018-004", "项目4");
    l.projects
        .set(r, Column::Measures, Value::text("第一行\n第二行\n第三行"));
    l.projects.set(0, Column::Key, Value::text("是"));
    let rep = l.reports.push_row();
    l.reports
        .set(rep, Column::ProjectId, Value::text("2018-004"));
    assert_eq!(l.save(&path).unwrap(), Saved::Patched);

    let back = Ledger::read(&path).unwrap();
    assert_eq!(back.projects, l.projects);
    assert_eq!(back.reports.rows.len(), 2);
    let after = part(&path, "xl/worksheets/sheet1.xml");
    let letter = crate::xlsx::patch::column_name;
    let key = letter(l.projects.col(Column::Key).unwrap() as u32);
    let extra = letter(l.projects.col_named("督办人").unwrap() as u32);
    let (filter_old, filter_new) = (format!("A1:{extra}4"), format!("A1:{extra}5"));
    let (list_old, list_new) = (format!("{key}2:{key}4"), format!("{key}2:{key}5"));
    // Everything but the cells is as the clerk left it, the filter grown to the new row.
    let outside = |x: &str| {
        let (a, b) = x.split_once("<sheetData>").unwrap();
        let b = b.split_once("</sheetData>").unwrap().1;
        (
            a.split_once("<dimension").unwrap().0.to_owned(),
            b.replace(&filter_new, &filter_old)
                .replace(&list_new, &list_old),
        )
    };
    assert_eq!(outside(&after), outside(&before));
    assert!(
        after.contains(&format!("<autoFilter ref=\"{filter_new}\"")),
        "{after}"
    );
    assert!(after.contains(&format!("sqref=\"{list_new}\"")), "{after}");
    assert!(
        after.contains("hidden=\"1\"")
            && after.contains(&format!("<mergeCell ref=\"{extra}2:{extra}3\"/>"))
    );
    // The yellow row keeps its style, the new row wraps and grows.
    let style_of = |x: &str, cell: &str| {
        let at = x.find(&format!("<c r=\"{cell}\"")).unwrap();
        let tag = &x[at..at + x[at..].find('>').unwrap()];
        tag.split("s=\"")
            .nth(1)
            .map(|s| s.split('"').next().unwrap().to_owned())
    };
    assert_eq!(style_of(&after, "A2"), style_of(&before, "A2"));
    assert!(style_of(&after, "A2").is_some());
    assert!(
        after.contains(&format!(
            "<row r=\"5\" ht=\"{}\" customHeight=\"1\">",
            crate::xlsx::style::row_height(3.0, crate::xlsx::style::DATA_MAX_LINES).unwrap()
        )),
        "{after}"
    );
    // The clerk's sheet, comments and names are carried over; the calculation is redone on open.
    assert_eq!(
        part(&path, "xl/worksheets/sheet8.xml")
            .matches("<f>")
            .count(),
        1
    );
    assert!(parts(&path).iter().any(|p| p.starts_with("xl/comments")));
    // Their chart and picture too, byte for byte.
    for p in ["xl/charts/chart1.xml", "xl/drawings/drawing1.xml"] {
        assert_eq!(
            part(&path, p),
            part(&dir.path().join("clerk.xlsx"), p),
            "{p}"
        );
    }
    assert!(parts(&path).iter().any(|p| p.starts_with("xl/media/image")));
    let workbook = part(&path, "xl/workbook.xml");
    assert!(workbook.contains("项目数") && workbook.contains("fullCalcOnLoad=\"1\""));
    assert!(!parts(&path).iter().any(|p| p.contains("calcChain")));
    // The Excel table on 进度记录 grew to take the new report.
    let table = part(&path, "xl/tables/table1.xml");
    let end = crate::xlsx::patch::column_name(Sheet::Reports.headers().len() as u32 - 1);
    assert!(table.contains(&format!("ref=\"A1:{end}3\"")), "{table}");
}

#[test]
fn a_sheet_the_ledger_lacks_is_added_in_place_and_the_clerks_work_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("台账.xlsx");
    let mut l = Ledger::new();
    project(&mut l, "2018-001", "项目1");
    l.save(&path).unwrap();
    // The clerk's own workbook: four of taizhang's sheets, a width and a sheet of their own.
    let mut book = Workbook::new();
    for t in [&l.projects, &l.reports, &l.changes, &l.sources] {
        let sheet = book.add_worksheet();
        sheet.set_name(&t.name).unwrap();
        for (c, h) in t.headers.iter().enumerate() {
            sheet.write_string(0, c as u16, h).unwrap();
        }
    }
    book.worksheet_from_index(0)
        .unwrap()
        .set_column_width(0, 33.5)
        .unwrap();
    book.add_worksheet().set_name("我的备忘").unwrap();
    book.save(&path).unwrap();
    let l = Ledger::read(&path).unwrap();
    assert_eq!(l.save(&path).unwrap(), Saved::Patched);
    let names = crate::xlsx::patch::sheet_names(&path).unwrap();
    assert_eq!(
        &names[..5],
        ["项目台账", "进度记录", "变更记录", "来源文件", "我的备忘"]
    );
    for sheet in ["单位汇总", "说明", "报送原值"] {
        assert!(names.iter().any(|n| n == sheet), "{sheet} added: {names:?}");
    }
    let workbook = part(&path, "xl/workbook.xml");
    assert!(
        workbook.contains(r#"name="报送原值""#) && workbook.contains(r#"state="hidden""#),
        "{workbook}"
    );
    let first = part(&path, "xl/worksheets/sheet1.xml");
    assert!(
        first.contains("width=\"34.28515625\""),
        "the clerk's width kept: {first}"
    );
    let back = Ledger::read(&path).unwrap();
    assert_eq!(back.projects.rows, l.projects.rows);
    assert_eq!(
        back.about.rows, l.about.rows,
        "说明 written into the added sheet"
    );
    // Saved again, the added sheets are patched like the others.
    assert_eq!(back.save(&path).unwrap(), Saved::Patched);
}
