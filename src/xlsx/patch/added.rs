//! A sheet taizhang owns that the workbook lacks (a sheet a newer version brings, or one the
//! clerk deleted), added in place: a new part laid out as the donor's sheet, with its rows
//! streamed in like any patched sheet's, and the workbook's sheet list, relationships and
//! content types told of it. The rest of the clerk's workbook stays as it was, so gaining a sheet
//! never costs the clerk their formatting.

use std::collections::HashSet;

/// Where the new sheet goes, and how it is listed.
pub(super) struct Added {
    /// Its index among the sheets being patched.
    pub index: usize,
    /// Its tab name.
    pub name: String,
    /// Its part (`xl/worksheets/sheet9.xml`).
    pub part: String,
    /// Whether its tab is hidden.
    pub hidden: bool,
}

const RELATIONSHIPS_NS: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const WORKSHEET_TYPE: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";
const WORKSHEET_CONTENT: &str =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";

/// A worksheet part name not yet in the package, beside the workbook (`xl/worksheets/sheetN.xml`).
pub(super) fn free_part(dir: &str, taken: &HashSet<String>) -> String {
    let base = if dir.is_empty() {
        "worksheets".to_owned()
    } else {
        format!("{dir}/worksheets")
    };
    (1..)
        .map(|n| format!("{base}/sheet{n}.xml"))
        .find(|p| !taken.contains(p))
        .unwrap_or_else(|| format!("{base}/taizhang.xml"))
}

/// The donor's sheet without its rows, ready for [`super::sheet::rewrite`] to stream the table
/// in: no sample rows, not the selected tab, column styles mapped into the workbook's styles,
/// and no conditional formats (their formats live in the donor's styles only).
pub(super) fn shell(donor_sheet: &str, map: &dyn Fn(u32) -> u32) -> String {
    let mut xml = donor_sheet.to_owned();
    if let Some(start) = xml.find("<sheetData") {
        let end = match xml[start..].find("</sheetData>") {
            Some(e) => start + e + "</sheetData>".len(),
            None => start + xml[start..].find("/>").map_or(0, |e| e + 2),
        };
        xml.replace_range(start..end, "<sheetData/>");
    }
    xml = xml.replace(" tabSelected=\"1\"", "");
    while let Some(start) = xml.find("<conditionalFormatting") {
        let Some(len) = xml[start..].find("</conditionalFormatting>") else {
            break;
        };
        xml.replace_range(start..start + len + "</conditionalFormatting>".len(), "");
    }
    let col = regex::Regex::new(r#"(<col\b[^>]*\bstyle=")(\d+)(")"#);
    match col {
        Ok(re) => re
            .replace_all(&xml, |c: &regex::Captures<'_>| {
                let style = c[2].parse().map_or(0, map);
                format!("{}{}{}", &c[1], style, &c[3])
            })
            .into_owned(),
        Err(_) => xml,
    }
}

/// `workbook.xml` listing the new sheets after the others.
pub(super) fn list_in_workbook(xml: &str, added: &[Added], ids: &[String]) -> String {
    let mut next_id = regex::Regex::new(r#"<(?:\w+:)?sheet\b[^>]*\bsheetId="(\d+)""#)
        .map(|re| {
            re.captures_iter(xml)
                .filter_map(|c| c[1].parse::<u32>().ok())
                .max()
                .unwrap_or(0)
        })
        .unwrap_or(0);
    let (prefix, declare) = match namespace_prefix(xml, RELATIONSHIPS_NS) {
        Some(p) => (p, String::new()),
        None => ("r".to_owned(), format!(" xmlns:r=\"{RELATIONSHIPS_NS}\"")),
    };
    let mut tags = String::new();
    for (a, id) in added.iter().zip(ids) {
        next_id += 1;
        let state = if a.hidden { " state=\"hidden\"" } else { "" };
        tags.push_str(&format!(
            "<sheet{declare} name=\"{}\" sheetId=\"{next_id}\"{state} {prefix}:id=\"{id}\"/>",
            quick_xml::escape::escape(a.name.as_str())
        ));
    }
    insert_before_end(xml, "sheets", &tags)
}

/// The workbook's relationships with one per new sheet, under ids not yet used.
pub(super) fn relate(xml: &str, added: &[Added], dir: &str) -> (String, Vec<String>) {
    let ids: Vec<String> = (1..)
        .map(|n| format!("rIdTz{n}"))
        .filter(|id| !xml.contains(&format!("\"{id}\"")))
        .take(added.len())
        .collect();
    let mut tags = String::new();
    for (a, id) in added.iter().zip(&ids) {
        let target = a
            .part
            .strip_prefix(dir)
            .and_then(|p| p.strip_prefix('/'))
            .map_or_else(|| format!("/{}", a.part), str::to_owned);
        tags.push_str(&format!(
            "<Relationship Id=\"{id}\" Type=\"{WORKSHEET_TYPE}\" Target=\"{target}\"/>"
        ));
    }
    (insert_before_end(xml, "Relationships", &tags), ids)
}

/// `[Content_Types].xml` naming each new part a worksheet.
pub(super) fn declare_types(xml: &str, added: &[Added]) -> String {
    let tags: String = added
        .iter()
        .map(|a| {
            format!(
                "<Override PartName=\"/{}\" ContentType=\"{WORKSHEET_CONTENT}\"/>",
                a.part
            )
        })
        .collect();
    insert_before_end(xml, "Types", &tags)
}

/// `xml` with `tags` just before the closing tag of its element `element` (any prefix).
fn insert_before_end(xml: &str, element: &str, tags: &str) -> String {
    let close = regex::Regex::new(&format!(r"</(?:\w+:)?{element}>"));
    let at = close.ok().and_then(|re| re.find(xml).map(|m| m.start()));
    match at {
        Some(i) => {
            let mut out = String::with_capacity(xml.len() + tags.len());
            out.push_str(&xml[..i]);
            out.push_str(tags);
            out.push_str(&xml[i..]);
            out
        }
        None => xml.to_owned(),
    }
}

/// The prefix `xml` binds to the namespace `ns` (`r` for the relationships of a workbook Excel
/// wrote), if any.
fn namespace_prefix(xml: &str, ns: &str) -> Option<String> {
    let re = regex::Regex::new(&format!(r#"xmlns:(\w+)="{}""#, regex::escape(ns))).ok()?;
    re.captures(xml).map(|c| c[1].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sheet_is_listed_with_the_workbooks_own_prefix_and_a_fresh_id() {
        let book = r#"<workbook xmlns="m" xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="a" sheetId="3" rel:id="rId1"/></sheets></workbook>"#;
        let added = [Added {
            index: 0,
            name: "佐证&材料".into(),
            part: "xl/worksheets/sheet2.xml".into(),
            hidden: false,
        }];
        let (rels, ids) = relate(
            r#"<Relationships><Relationship Id="rIdTz1" Target="x"/></Relationships>"#,
            &added,
            "xl",
        );
        assert_eq!(ids, ["rIdTz2"]);
        assert!(
            rels.contains(r#"Id="rIdTz2""#) && rels.contains(r#"Target="worksheets/sheet2.xml""#)
        );
        let listed = list_in_workbook(book, &added, &ids);
        assert!(
            listed
                .contains(r#"<sheet name="佐证&amp;材料" sheetId="4" rel:id="rIdTz2"/></sheets>"#),
            "{listed}"
        );
    }

    #[test]
    fn the_shell_has_no_rows_no_selection_and_mapped_column_styles() {
        let donor = r#"<worksheet><sheetViews><sheetView tabSelected="1"/></sheetViews><cols><col min="1" max="1" width="9" style="2"/></cols><sheetData><row r="1"><c r="A1"/></row></sheetData><conditionalFormatting sqref="A1"><cfRule dxfId="0"/></conditionalFormatting><autoFilter ref="A1:A3"/></worksheet>"#;
        let shell = shell(donor, &|s| s + 10);
        assert_eq!(
            shell,
            r#"<worksheet><sheetViews><sheetView/></sheetViews><cols><col min="1" max="1" width="9" style="12"/></cols><sheetData/><autoFilter ref="A1:A3"/></worksheet>"#
        );
    }
}
