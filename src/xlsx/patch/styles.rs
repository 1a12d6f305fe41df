//! The styles a patched sheet's new cells need, carried into the package's own `styles.xml`.
//!
//! A new cell looks as the table kit would write it: its style (font, fill, border, number format,
//! alignment) is taken from a donor workbook the kit wrote, and appended to the package's style
//! lists unless an identical entry is already there — so a ledger patched every month does not
//! grow a new style each time, and every style the clerk made keeps its number.

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// The lists of one `styles.xml`, each child kept as its exact text.
#[derive(Debug, Default)]
struct Lists {
    /// Custom number formats: id → format code.
    formats: Vec<(u32, String)>,
    fonts: Vec<String>,
    fills: Vec<String>,
    borders: Vec<String>,
    xfs: Vec<String>,
    /// Where each list's element is in the text: (start, end) of `<fonts …>…</fonts>`.
    spans: HashMap<&'static str, (usize, usize)>,
}

const LISTS: [&str; 5] = ["numFmts", "fonts", "fills", "borders", "cellXfs"];

fn parse(xml: &str) -> Option<Lists> {
    let mut reader = Reader::from_str(xml);
    let mut lists = Lists::default();
    let mut depth = 0usize;
    let mut list: Option<(&'static str, usize)> = None;
    let mut child_start = None;
    loop {
        let before = reader.buffer_position() as usize;
        let event = reader.read_event().ok()?;
        let after = reader.buffer_position() as usize;
        match event {
            Event::Eof => break,
            Event::Start(e) => {
                depth += 1;
                if depth == 1 && e.name().prefix().is_some() {
                    return None;
                }
                if depth == 2 {
                    list = LISTS
                        .iter()
                        .find(|l| e.local_name().as_ref() == **l)
                        .map(|l| (*l, before));
                } else if depth == 3 && list.is_some() {
                    child_start = Some(before);
                }
            }
            Event::Empty(e) => {
                if depth == 1 {
                    if let Some(l) = LISTS.iter().find(|l| e.local_name().as_ref() == **l) {
                        lists.spans.insert(l, (before, after));
                    }
                } else if depth == 2 && list.is_some() {
                    lists.push(list?.0, &xml[before..after])?;
                }
            }
            Event::End(_) => {
                if depth == 3 {
                    if let (Some((l, _)), Some(s)) = (list, child_start.take()) {
                        lists.push(l, &xml[s..after])?;
                    }
                } else if depth == 2 {
                    if let Some((l, s)) = list.take() {
                        lists.spans.insert(l, (s, after));
                    }
                }
                depth = depth.checked_sub(1)?;
            }
            _ => {}
        }
    }
    Some(lists)
}

impl Lists {
    fn push(&mut self, list: &str, raw: &str) -> Option<()> {
        match list {
            "numFmts" => {
                let e = start_of(raw)?;
                let id = attr(&e, "numFmtId")?.parse().ok()?;
                let code = attr(&e, "formatCode")?;
                self.formats.push((id, code));
            }
            "fonts" => self.fonts.push(raw.to_owned()),
            "fills" => self.fills.push(raw.to_owned()),
            "borders" => self.borders.push(raw.to_owned()),
            _ => self.xfs.push(raw.to_owned()),
        }
        Some(())
    }
}

/// The first tag of an element's text.
fn start_of(raw: &str) -> Option<BytesStart<'_>> {
    match Reader::from_str(raw).read_event().ok()? {
        Event::Start(e) | Event::Empty(e) => Some(e),
        _ => None,
    }
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    let a = e.try_get_attribute(name).ok()??;
    Some(quick_xml::escape::unescape(&a.value).ok()?.into_owned())
}

/// The package's styles with the donor's cell styles added, and more added as cells need them
/// (a row the clerk filled whole gives its new cells its fill with the kit's number format).
#[derive(Debug)]
pub struct Book {
    original: String,
    lists: Lists,
    /// Per package style: whether its number format shows a date or time.
    dates: Vec<bool>,
    /// Styles made by [`Book::combine`], by (base, format source).
    combined: HashMap<(u32, u32), u32>,
    /// Whether anything was added (else the original text is written back as it was).
    added: bool,
}

/// Adds every cell style of `donor` to `package` (both `styles.xml` texts): the book and, for
/// each donor style number, the package's. `None` when either cannot be understood (then the
/// caller rewrites the workbook instead).
pub fn merge(package: &str, donor: &str) -> Option<(Book, Vec<u32>)> {
    let mut old = parse(package)?;
    let new = parse(donor)?;
    for list in ["fonts", "fills", "borders", "cellXfs"] {
        old.spans.get(list)?;
    }
    let before = old.sizes();
    let mut map = Vec::with_capacity(new.xfs.len());
    for xf in &new.xfs {
        let e = start_of(xf)?;
        let index = |name: &str| -> Option<usize> {
            attr(&e, name).unwrap_or_default().parse().ok().or(Some(0))
        };
        let font = reuse(&mut old.fonts, new.fonts.get(index("fontId")?)?);
        let fill = reuse(&mut old.fills, new.fills.get(index("fillId")?)?);
        let border = reuse(&mut old.borders, new.borders.get(index("borderId")?)?);
        let format = index("numFmtId")? as u32;
        let format = match new.formats.iter().find(|(id, _)| *id == format) {
            None => format,
            Some((_, code)) => match old.formats.iter().find(|(_, c)| c == code) {
                Some((id, _)) => *id,
                None => {
                    let id = old
                        .formats
                        .iter()
                        .map(|(id, _)| *id)
                        .max()
                        .unwrap_or(163)
                        .max(163)
                        + 1;
                    old.formats.push((id, code.clone()));
                    id
                }
            },
        };
        let remapped = rewrite_xf(
            xf,
            &e,
            &[
                ("numFmtId", format),
                ("fontId", font as u32),
                ("fillId", fill as u32),
                ("borderId", border as u32),
            ],
        )?;
        map.push(reuse(&mut old.xfs, &remapped) as u32);
    }
    let added = old.sizes() != before;
    let dates = old.xfs.iter().map(|xf| old.shows_date(xf)).collect();
    Some((
        Book {
            original: package.to_owned(),
            lists: old,
            dates,
            combined: HashMap::new(),
            added,
        },
        map,
    ))
}

impl Lists {
    fn sizes(&self) -> [usize; 5] {
        [
            self.formats.len(),
            self.fonts.len(),
            self.fills.len(),
            self.borders.len(),
            self.xfs.len(),
        ]
    }

    fn shows_date(&self, xf: &str) -> bool {
        let id: u32 = start_of(xf)
            .and_then(|e| attr(&e, "numFmtId"))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        match self.formats.iter().find(|(i, _)| *i == id) {
            Some((_, code)) => shows_date(code),
            None => matches!(id, 14..=22 | 27..=36 | 45..=47 | 50..=58),
        }
    }
}

impl Book {
    /// Whether style `xf` shows a date or time.
    pub fn is_date(&self, xf: u32) -> bool {
        self.dates.get(xf as usize).copied().unwrap_or(false)
    }

    /// Style `base` (a row's) with the number format and alignment of style `format` (the kit's
    /// for the value): the row's fill, font and border, and the value shown as the kit shows it.
    pub fn combine(&mut self, base: u32, format: u32) -> u32 {
        if let Some(&done) = self.combined.get(&(base, format)) {
            return done;
        }
        let made = self.make_combined(base, format).unwrap_or(base);
        self.combined.insert((base, format), made);
        made
    }

    fn make_combined(&mut self, base: u32, format: u32) -> Option<u32> {
        let row = self.lists.xfs.get(base as usize)?.clone();
        let kit = self.lists.xfs.get(format as usize)?.clone();
        let row_e = start_of(&row)?;
        let kit_e = start_of(&kit)?;
        let number: u32 = attr(&kit_e, "numFmtId")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let mut xf = if number == 0 {
            rewrite_xf(&row, &row_e, &[("numFmtId", 0)])?
        } else {
            rewrite_xf(
                &row,
                &row_e,
                &[("numFmtId", number), ("applyNumberFormat", 1)],
            )?
        };
        // The kit's alignment (wrapping of long text) unless the row has its own.
        if !xf.contains("<alignment") {
            if let Some(at) = kit.find("<alignment") {
                let end = at + kit[at..].find("/>")? + 2;
                let alignment = &kit[at..end];
                xf = match xf.strip_suffix("/>") {
                    Some(open) => format!("{open}>{alignment}</xf>"),
                    None => xf.replacen('>', &format!(">{alignment}"), 1),
                };
                if !xf.contains("applyAlignment") {
                    xf = xf.replacen("<xf", "<xf applyAlignment=\"1\"", 1);
                }
            }
        }
        let before = self.lists.xfs.len();
        let index = reuse(&mut self.lists.xfs, &xf);
        if self.lists.xfs.len() != before {
            self.added = true;
            let date = self.lists.shows_date(&xf);
            self.dates.push(date);
        }
        Some(index as u32)
    }

    /// The `styles.xml` to write.
    pub fn xml(&self) -> String {
        if self.added {
            assemble(&self.original, &self.lists)
        } else {
            self.original.clone()
        }
    }
}

/// Whether a number format code shows a date or time: a y, m, d, h or s outside quotes and
/// brackets (`[Red]`, `[$-804]`), as spreadsheet programs decide it.
fn shows_date(code: &str) -> bool {
    let mut quoted = false;
    let mut bracket = false;
    let mut escaped = false;
    for c in code.chars() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            'y' | 'Y' | 'm' | 'M' | 'd' | 'D' | 'h' | 'H' | 's' | 'S' if !quoted && !bracket => {
                return true
            }
            _ => {}
        }
    }
    false
}

/// The index of `item` in `list`, appending it when it is not there.
fn reuse(list: &mut Vec<String>, item: &str) -> usize {
    match list.iter().position(|x| x == item) {
        Some(i) => i,
        None => {
            list.push(item.to_owned());
            list.len() - 1
        }
    }
}

/// An `<xf>` with some of its attributes (number format, font, fill, border) replaced.
fn rewrite_xf(raw: &str, e: &BytesStart<'_>, set: &[(&str, u32)]) -> Option<String> {
    let mut out = String::from("<xf");
    for a in e.attributes() {
        let a = a.ok()?;
        let key: &str = a.key.as_ref();
        match set.iter().find(|(k, _)| *k == key) {
            Some((_, v)) => out.push_str(&format!(" {key}=\"{v}\"")),
            None => out.push_str(&format!(" {key}=\"{}\"", a.value)),
        }
    }
    for (k, v) in set {
        if e.try_get_attribute(k).ok().flatten().is_none() {
            out.push_str(&format!(" {k}=\"{v}\""));
        }
    }
    // The rest of the element (alignment, protection) as it was.
    let head = raw.find('>')?;
    if raw[..=head].ends_with("/>") {
        out.push_str("/>");
    } else {
        out.push('>');
        out.push_str(&raw[head + 1..]);
    }
    Some(out)
}

/// The package's `styles.xml` with its five lists written anew (the rest as it was).
fn assemble(package: &str, lists: &Lists) -> String {
    let formats: Vec<String> = lists
        .formats
        .iter()
        .map(|(id, code)| {
            format!(
                "<numFmt numFmtId=\"{id}\" formatCode=\"{}\"/>",
                quick_xml::escape::escape(code.as_str())
            )
        })
        .collect();
    let element = |name: &str, items: &[String]| {
        format!(
            "<{name} count=\"{}\">{}</{name}>",
            items.len(),
            items.concat()
        )
    };
    let mut pieces: Vec<((usize, usize), String)> = Vec::new();
    let mut put = |name: &'static str, items: &[String]| {
        if let Some(span) = lists.spans.get(name) {
            pieces.push((*span, element(name, items)));
        }
    };
    put("fonts", &lists.fonts);
    put("fills", &lists.fills);
    put("borders", &lists.borders);
    put("cellXfs", &lists.xfs);
    if !formats.is_empty() {
        match lists.spans.get("numFmts") {
            Some(span) => pieces.push((*span, element("numFmts", &formats))),
            // No list yet: it goes first, before the fonts.
            None => {
                if let Some(&(start, _)) = lists.spans.get("fonts") {
                    pieces.push(((start, start), element("numFmts", &formats)));
                }
            }
        }
    }
    pieces.sort_by_key(|(span, _)| *span);
    let mut out = String::with_capacity(package.len() + 1024);
    let mut at = 0;
    for ((start, end), text) in pieces {
        out.push_str(&package[at..start]);
        out.push_str(&text);
        at = end;
    }
    out.push_str(&package[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PACKAGE: &str = r#"<?xml version="1.0"?><styleSheet xmlns="x"><fonts count="1"><font><sz val="11"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="1" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>"#;
    const DONOR: &str = r#"<?xml version="1.0"?><styleSheet xmlns="x"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts><fonts count="2"><font><sz val="11"/></font><font><name val="宋体"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="1" fillId="0" borderId="0" xfId="0"><alignment vertical="top"/></xf><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>"#;

    #[test]
    fn donor_styles_are_added_once_and_the_package_keeps_its_own() {
        let (book, map) = merge(PACKAGE, DONOR).unwrap();
        assert_eq!(map, [0, 2, 3]);
        assert_eq!(book.dates, [false, true, true, false]);
        assert!(!shows_date("0\"%\"") && !shows_date("[Red]0.00") && shows_date("yyyy-mm-dd"));
        let xml = &book.xml();
        assert!(xml.contains(r#"<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts><fonts count="2">"#), "{xml}");
        assert!(xml.contains(r#"<xf numFmtId="164" fontId="1" fillId="0" borderId="0" xfId="0"><alignment vertical="top"/></xf>"#));
        assert!(xml.contains(r#"<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="1""#));
        // The second month finds every style there.
        let (again, map) = merge(xml, DONOR).unwrap();
        assert_eq!(map, [0, 2, 3]);
        assert_eq!(&again.xml(), xml);
    }

    #[test]
    fn a_filled_row_lends_its_fill_to_a_date_shown_as_the_kit_shows_it() {
        let (mut book, map) = merge(PACKAGE, DONOR).unwrap();
        // Package style 1 is the clerk's filled row; donor style 1 the kit's date.
        let made = book.combine(1, map[1]);
        assert_eq!(made, 4);
        assert!(book.is_date(made));
        assert!(book.xml().contains(r#"<xf applyAlignment="1" numFmtId="164" fontId="0" fillId="1" borderId="0" xfId="0" applyNumberFormat="1"><alignment vertical="top"/></xf>"#), "{}", book.xml());
        assert_eq!(book.combine(1, map[1]), 4);
    }

    #[test]
    fn styles_it_cannot_read_are_refused() {
        assert!(merge("<x:styleSheet xmlns:x=\"x\"/>", DONOR).is_none());
        assert!(merge("not xml <", DONOR).is_none());
    }
}
