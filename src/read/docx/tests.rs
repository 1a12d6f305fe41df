//! The Word reader on documents written by docx-rs and by hand.

use std::io::Write;

use docx_rs::{Docx, Paragraph, Run, Table, TableCell, TableRow, VMergeType};

use super::*;
use crate::read::read_bytes;

fn cell(text: &str) -> TableCell {
    TableCell::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text(text)))
}

fn pack(doc: Docx) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    doc.build().pack(&mut out).unwrap();
    out.into_inner()
}

fn text(s: &Sheet, row: u32, col: u32) -> Option<String> {
    s.get(row, col).map(|v| v.display())
}

/// A 立项书 table: a title spanning three columns, a label merged over two rows.
fn proposal_docx() -> Vec<u8> {
    let table = Table::new(vec![
        TableRow::new(vec![cell("基层党建创新项目立项书").grid_span(3)]),
        TableRow::new(vec![cell("项目名称"), cell("红色网格").grid_span(2)]),
        TableRow::new(vec![
            cell("项目成员").vertical_merge(VMergeType::Restart),
            cell("张三"),
            cell("李四"),
        ]),
        TableRow::new(vec![
            TableCell::new().vertical_merge(VMergeType::Continue),
            cell("王五"),
            cell(""),
        ]),
    ]);
    let two = Table::new(vec![TableRow::new(vec![cell("报告期"), cell("2018年5月")])]);
    pack(
        Docx::new()
            .add_paragraph(Paragraph::new().add_run(Run::new().add_text("填报单位：潘集区委")))
            .add_table(table)
            .add_paragraph(Paragraph::new())
            .add_paragraph(Paragraph::new().add_run(Run::new().add_text("说明文字，没有冒号")))
            .add_table(two),
    )
}

#[test]
fn tables_are_grids_and_merges_leave_cells_empty() {
    let wb = read_bytes(&proposal_docx(), "docx", &Limits::default()).unwrap();
    let names: Vec<&str> = wb.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["表1", "表2", "正文"]);
    let t = &wb.sheets[0];
    assert_eq!(text(t, 0, 0).as_deref(), Some("基层党建创新项目立项书"));
    assert_eq!((t.get(0, 1), t.get(0, 2)), (None, None));
    assert_eq!(text(t, 1, 1).as_deref(), Some("红色网格"));
    assert_eq!(text(t, 2, 0).as_deref(), Some("项目成员"));
    assert_eq!(t.get(3, 0), None, "the vMerge continuation is empty");
    assert_eq!(text(t, 3, 1).as_deref(), Some("王五"));
    assert_eq!(t.address(1, 1), "表1!B2");
    assert_eq!(text(&wb.sheets[1], 0, 1).as_deref(), Some("2018年5月"));
    let body = &wb.sheets[2];
    assert_eq!(text(body, 0, 0).as_deref(), Some("填报单位："));
    assert_eq!(text(body, 0, 1).as_deref(), Some("潘集区委"));
    assert_eq!(text(body, 1, 0).as_deref(), Some("说明文字，没有冒号"));
    assert_eq!(body.cells.len(), 3);
}

/// A `.docx` with `document.xml` as given (and nothing else).
fn raw_docx(document: &str) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    z.start_file(DOCUMENT, zip::write::SimpleFileOptions::default())
        .unwrap();
    z.write_all(document.as_bytes()).unwrap();
    z.finish().unwrap().into_inner()
}

fn body(inner: &str) -> String {
    format!(
        r#"<?xml version="1.0"?><w:document xmlns:w="w" xmlns:mc="mc"><w:body>{inner}</w:body></w:document>"#
    )
}

#[test]
fn grid_before_breaks_entities_and_nested_tables() {
    let xml = body(
        r#"<w:tbl><w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>
        <w:tc><w:p><w:r><w:t>A&amp;B</w:t><w:br/><w:t>第二行</w:t></w:r></w:p><w:p><w:r><w:t>第二段</w:t></w:r></w:p></w:tc>
        <w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>内表</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc>
        </w:tr></w:tbl>
        <w:p><w:r><mc:AlternateContent><mc:Choice><w:t>一次</w:t></mc:Choice><mc:Fallback><w:t>一次</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>"#,
    );
    let wb = read_bytes(&raw_docx(&xml), "xlsx", &Limits::default()).unwrap();
    let t = &wb.sheets[0];
    assert_eq!(text(t, 0, 1).as_deref(), Some("A&B\n第二行\n第二段"));
    assert_eq!(text(t, 0, 2).as_deref(), Some("内表"));
    assert_eq!(
        wb.sheets.len(),
        2,
        "the nested table is no sheet of its own"
    );
    assert_eq!(text(&wb.sheets[1], 0, 0).as_deref(), Some("一次"));
}

#[test]
fn limits_hold_for_word_documents() {
    let long = "字".repeat(MAX_CELL_CHARS + 1);
    let xml = body(&format!(
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>{long}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    ));
    assert_eq!(
        read_bytes(&raw_docx(&xml), "docx", &Limits::default()).unwrap_err(),
        ReadError::CellTooLong {
            sheet: "表1".into()
        }
    );
    let rows = "<w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr>".repeat(11);
    let xml = body(&format!("<w:tbl>{rows}</w:tbl>"));
    let ten = Limits {
        max_cells_per_sheet: 10,
        ..Limits::default()
    };
    assert!(matches!(
        read_bytes(&raw_docx(&xml), "docx", &ten),
        Err(ReadError::TooManyCells { .. })
    ));
    // No body at all: a broken document, not an empty form.
    assert!(matches!(
        read_bytes(&raw_docx("<w:document/>"), "docx", &Limits::default()),
        Err(ReadError::Unreadable(_))
    ));
}

#[test]
fn old_word_files_ask_for_docx() {
    for (bytes, ext) in [
        (&b"{\\rtf1 ..."[..], "doc"),
        (&b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 rest"[..], "wps"),
    ] {
        let e = read_bytes(bytes, ext, &Limits::default()).unwrap_err();
        assert_eq!(e, ReadError::Unreadable(say::OLD_WORD.into()));
        assert!(e.to_string().contains(".docx"));
    }
}
