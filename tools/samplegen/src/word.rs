//! A Word document as units make one (SPEC §3.6): a title paragraph, one table of label | value
//! rows (a value merged across columns with `gridSpan`, a tall value merged down with `vMerge`)
//! and a `标签：值` line under the table. Written by hand, a few parts only, with fixed zip
//! timestamps so that reruns give the same bytes.

use std::io::Write;

/// One cell of a row: its text, how many grid columns it spans, and its vertical merge
/// (`Some(true)` starts one, `Some(false)` continues it).
pub struct Cell<'a> {
    pub text: &'a str,
    pub span: usize,
    pub vmerge: Option<bool>,
    pub bold: bool,
}

/// A label cell.
pub fn label(text: &str) -> Cell<'_> {
    Cell { text, span: 1, vmerge: None, bold: true }
}

/// A value cell spanning `span` grid columns.
pub fn value(text: &str, span: usize) -> Cell<'_> {
    Cell { text, span, vmerge: None, bold: false }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn paragraph(text: &str, bold: bool, center: bool) -> String {
    let jc = if center { r#"<w:pPr><w:jc w:val="center"/></w:pPr>"# } else { "" };
    let b = if bold { "<w:rPr><w:b/></w:rPr>" } else { "" };
    format!(r#"<w:p>{jc}<w:r>{b}<w:t xml:space="preserve">{}</w:t></w:r></w:p>"#, escape(text))
}

fn cell(c: &Cell<'_>) -> String {
    let mut pr = String::new();
    if c.span > 1 {
        pr.push_str(&format!(r#"<w:gridSpan w:val="{}"/>"#, c.span));
    }
    match c.vmerge {
        Some(true) => pr.push_str(r#"<w:vMerge w:val="restart"/>"#),
        Some(false) => pr.push_str("<w:vMerge/>"),
        None => {}
    }
    let body = if c.text.is_empty() { "<w:p/>".to_owned() } else { paragraph(c.text, c.bold, false) };
    format!("<w:tc><w:tcPr>{pr}</w:tcPr>{body}</w:tc>")
}

/// The .docx bytes: `title`, a table of `rows` over `grid` columns (widths in twips), then the
/// paragraphs `after`.
pub fn document(title: &str, grid: &[u32], rows: &[Vec<Cell<'_>>], after: &[&str]) -> Result<Vec<u8>, String> {
    let cols: String = grid.iter().map(|w| format!(r#"<w:gridCol w:w="{w}"/>"#)).collect();
    let body_rows: String = rows
        .iter()
        .map(|r| format!("<w:tr>{}</w:tr>", r.iter().map(cell).collect::<String>()))
        .collect();
    let borders = ["top", "left", "bottom", "right", "insideH", "insideV"]
        .iter()
        .map(|b| format!(r#"<w:{b} w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#))
        .collect::<String>();
    let table = format!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders>{borders}</w:tblBorders></w:tblPr><w:tblGrid>{cols}</w:tblGrid>{body_rows}</w:tbl>"#
    );
    let after: String = after.iter().map(|p| paragraph(p, false, false)).collect();
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{}{table}{after}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1418" w:bottom="1440" w:left="1418" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>"#,
        paragraph(title, true, true)
    );
    let parts: [(&str, String); 3] = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#
                .to_owned(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#
                .to_owned(),
        ),
        ("word/document.xml", document),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // The zip crate's default time is 1980-01-01: the same bytes on every run.
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in parts {
        zip.start_file(name, options).map_err(|e| e.to_string())?;
        zip.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
    }
    Ok(zip.finish().map_err(|e| e.to_string())?.into_inner())
}
