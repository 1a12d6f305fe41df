//! 项目责任书 (SPEC §10; the city seed: "获得正式立项的创新项目，市委组织部将与项目申报单位签订项目责任书"):
//! one printable Word document per approved project — goals, measures, timetable, deadline, the
//! responsible unit and person, signature and seal blocks for both sides.
//!
//! The wording is the office's: `init` writes the template [`template`] (made with docx-rs) into
//! the workspace, where it may be reworded in Word or WPS; [`fill`] replaces its 【占位符】 with
//! the project's values. Word splits a paragraph's text into runs as it likes, so a placeholder
//! is found in the paragraph's whole text, and a paragraph holding one is rewritten as one run
//! (the first run's format). A table row holding 【阶段】 is repeated for each stage of the
//! project's 进度安排.

use std::io::{Cursor, Read, Write};

use docx_rs::{
    AlignmentType, BreakType, Docx, LineSpacing, PageMargin, Paragraph, Run, RunFonts, Table,
    TableCell, TableRow, WidthType,
};
use regex::Regex;

use crate::ledger::Ledger;
use crate::model::Column;
use crate::policy::Policy;
use crate::say::charter as say;

/// The values of one project, by placeholder (`【项目名称】` → `社区网格工程`).
#[derive(Debug, Clone, PartialEq)]
pub struct Charter {
    /// 项目编号, for the file name.
    pub id: String,
    /// 项目名称, for the file name.
    pub name: String,
    /// (placeholder, value) pairs.
    pub values: Vec<(&'static str, String)>,
    /// The timetable: (stage, period, content).
    pub stages: Vec<(String, String, String)>,
}

/// Why a template could not be filled.
#[derive(Debug, thiserror::Error)]
pub enum CharterError {
    /// Not a Word document (no `word/document.xml`), or a broken zip.
    #[error("{}", say::bad_template(.0))]
    Template(String),
    /// Writing the filled document failed.
    #[error("{}", say::bad_template(.0))]
    Write(String),
}

/// The 项目责任书 of every approved project of the policy year (with `approval` off: every
/// project), in ledger order.
pub fn charters(ledger: &Ledger, policy: &Policy) -> Vec<Charter> {
    let t = &ledger.projects;
    let year = policy.year.to_string();
    let date = super::reply::day_words;
    let organisation = if policy.organisation.trim().is_empty() {
        policy.department.trim().to_owned()
    } else {
        policy.organisation.trim().to_owned()
    };
    let mut out = Vec::new();
    for r in ledger.project_rows() {
        let get = |c: Column| t.get(r, c).display().trim().to_owned();
        if !ledger.is_of_year(r, policy.year) || (policy.approval && !ledger.is_approved(r)) {
            continue;
        }
        let owner_unit = match get(Column::OwnerUnit) {
            u if u.is_empty() => get(Column::Unit),
            u => u,
        };
        let values = vec![
            (say::YEAR, year.clone()),
            (say::ORGANISATION, organisation.clone()),
            (
                say::KIND,
                crate::say::project_kind(policy.preset).to_owned(),
            ),
            (say::ID, get(Column::ProjectId)),
            (say::NAME, get(Column::Name)),
            (say::UNIT, get(Column::Unit)),
            (say::CATEGORY, get(Column::Category)),
            (say::SCOPE, get(Column::Scope)),
            (say::GOALS, get(Column::Goals)),
            (say::MEASURES, get(Column::Measures)),
            (say::DELIVERABLES, get(Column::Deliverables)),
            (say::START, date(t.get(r, Column::Start))),
            (say::DEADLINE, date(t.get(r, Column::Deadline))),
            (say::OWNER_UNIT, owner_unit),
            (say::OWNER, get(Column::Owner)),
            (say::OWNER_TITLE, get(Column::OwnerTitle)),
            (say::MEMBERS, get(Column::Members)),
        ];
        let stages = get(Column::Milestones)
            .lines()
            .filter_map(|line| {
                let mut parts = line.split('｜');
                let stage = parts.next()?.trim().to_owned();
                let period = parts.next().unwrap_or_default().replace('～', " 至 ");
                let content = parts.next().unwrap_or_default().trim().to_owned();
                Some((stage, period.trim().to_owned(), content))
            })
            .collect();
        out.push(Charter {
            id: get(Column::ProjectId),
            name: get(Column::Name),
            values,
            stages,
        });
    }
    out
}

impl Charter {
    /// The file name: `2018-001-社区网格工程-项目责任书.docx`, safe on Windows.
    pub fn file_name(&self) -> String {
        let clean = super::reply::safe_name(&format!("{}-{}", self.id, self.name), 80);
        format!("{}-{}.docx", clean.trim(), say::TITLE)
    }
}

/// Fills `template` (a .docx) with one project's values.
///
/// # Errors
/// [`CharterError`] when the template is no Word document.
pub fn fill(template: &[u8], charter: &Charter) -> Result<Vec<u8>, CharterError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(template))
        .map_err(|e| CharterError::Template(e.to_string()))?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut found = false;
    for i in 0..zip.len() {
        let mut entry = zip
            .by_index(i)
            .map_err(|e| CharterError::Template(e.to_string()))?;
        let name = entry
            .name()
            .map_err(|e| CharterError::Template(e.to_string()))?
            .into_owned();
        if entry.is_dir() {
            continue;
        }
        let mut bytes = Vec::new();
        entry
            .read_to_end(&mut bytes)
            .map_err(|e| CharterError::Template(e.to_string()))?;
        if name == "word/document.xml" {
            let xml =
                String::from_utf8(bytes).map_err(|e| CharterError::Template(e.to_string()))?;
            bytes = fill_xml(&xml, charter).into_bytes();
            found = true;
        }
        out.start_file(name, options)
            .map_err(|e| CharterError::Write(e.to_string()))?;
        out.write_all(&bytes)
            .map_err(|e| CharterError::Write(e.to_string()))?;
    }
    if !found {
        return Err(CharterError::Template(say::NO_DOCUMENT.to_owned()));
    }
    let done = out
        .finish()
        .map_err(|e| CharterError::Write(e.to_string()))?;
    Ok(done.into_inner())
}

/// Regexes over `document.xml`, built once.
struct Patterns {
    row: Regex,
    paragraph: Regex,
    text: Regex,
}

fn patterns() -> &'static Patterns {
    static P: std::sync::OnceLock<Patterns> = std::sync::OnceLock::new();
    P.get_or_init(|| Patterns {
        // Rows and paragraphs do not nest in a template (no nested tables, no text boxes).
        row: Regex::new(r"(?s)<w:tr[ >].*?</w:tr>").unwrap_or_else(|_| unreachable!()),
        paragraph: Regex::new(r"(?s)<w:p[ >].*?</w:p>").unwrap_or_else(|_| unreachable!()),
        text: Regex::new(r"(?s)<w:t(?: [^>]*)?>(.*?)</w:t>").unwrap_or_else(|_| unreachable!()),
    })
}

/// `document.xml` with the timetable rows repeated and every placeholder replaced.
fn fill_xml(xml: &str, charter: &Charter) -> String {
    let p = patterns();
    let rows = p.row.replace_all(xml, |m: &regex::Captures<'_>| {
        let row = &m[0];
        if !paragraph_text(row).contains(say::STAGE) {
            return row.to_owned();
        }
        let stages: Vec<(String, String, String)> = if charter.stages.is_empty() {
            vec![(say::NO_STAGES.to_owned(), String::new(), String::new())]
        } else {
            charter.stages.clone()
        };
        stages
            .iter()
            .map(|(stage, period, content)| {
                let values = [
                    (say::STAGE, stage.clone()),
                    (say::PERIOD, period.clone()),
                    (say::STAGE_CONTENT, content.clone()),
                ];
                fill_paragraphs(row, &values)
            })
            .collect()
    });
    fill_paragraphs(&rows, &charter.values)
}

/// The text of every `<w:t>` in `xml`, joined (still XML-escaped).
fn paragraph_text(xml: &str) -> String {
    patterns()
        .text
        .captures_iter(xml)
        .filter_map(|c| c.get(1).map(|m| m.as_str()))
        .collect()
}

/// Replaces the placeholders of `values` in every paragraph of `xml` that holds one.
fn fill_paragraphs(xml: &str, values: &[(&str, String)]) -> String {
    let p = patterns();
    p.paragraph
        .replace_all(xml, |m: &regex::Captures<'_>| {
            let para = &m[0];
            let text = paragraph_text(para);
            if !values.iter().any(|(k, _)| text.contains(k)) {
                return para.to_owned();
            }
            let mut filled = text;
            for (k, v) in values {
                filled = filled.replace(k, &escape(v));
            }
            // The whole text goes into the first <w:t>; the others are emptied.
            let mut first = true;
            p.text
                .replace_all(para, |_: &regex::Captures<'_>| {
                    if std::mem::take(&mut first) {
                        format!(r#"<w:t xml:space="preserve">{filled}</w:t>"#)
                    } else {
                        r#"<w:t xml:space="preserve"></w:t>"#.to_owned()
                    }
                })
                .into_owned()
        })
        .into_owned()
}

/// Text as XML, line breaks as Word's `<w:br/>`.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\r' => {}
            '\n' => out.push_str(r#"</w:t><w:br/><w:t xml:space="preserve">"#),
            c if (c as u32) < 0x20 && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// The blank template `init` writes (`templates/项目责任书模板.docx`): A4, 宋体, the title, the
/// project's particulars, the timetable, the commitments and both sides' signature and seal
/// blocks, every value a 【占位符】.
///
/// Without categories in the policy (the college's 书记项目) there is no 项目类别 row.
///
/// # Errors
/// docx-rs's packing error, as text (none are expected).
pub fn template(policy: &Policy) -> Result<Vec<u8>, CharterError> {
    let fonts = || RunFonts::new().east_asia("宋体").ascii("Times New Roman");
    let run = |text: &str| Run::new().add_text(text).fonts(fonts()).size(28);
    let line = |text: &str| {
        Paragraph::new()
            .add_run(run(text))
            .line_spacing(LineSpacing::new().after(120))
    };
    let mut doc = Docx::new().page_margin(
        PageMargin::new()
            .top(1440)
            .bottom(1440)
            .left(1587)
            .right(1474),
    );
    doc = doc
        .add_paragraph(
            Paragraph::new()
                .add_run(
                    Run::new()
                        .add_text(say::TITLE)
                        .fonts(RunFonts::new().east_asia("黑体"))
                        .size(44)
                        .bold(),
                )
                .align(AlignmentType::Center)
                .line_spacing(LineSpacing::new().after(240)),
        )
        .add_paragraph(
            Paragraph::new()
                .add_run(run(say::SUBTITLE))
                .align(AlignmentType::Center)
                .line_spacing(LineSpacing::new().after(360)),
        );
    let cell = |text: &str, width: usize| {
        TableCell::new()
            .add_paragraph(Paragraph::new().add_run(run(text).size(24)))
            .width(width, WidthType::Dxa)
    };
    let label = |text: &str| {
        TableCell::new()
            .add_paragraph(Paragraph::new().add_run(run(text).size(24).bold()))
            .width(2300, WidthType::Dxa)
    };
    let categories = policy.has_categories();
    let facts: Vec<TableRow> = say::FACTS
        .iter()
        .filter(|(_, v)| categories || *v != say::CATEGORY)
        .map(|(l, v)| TableRow::new(vec![label(l), cell(v, 6700)]))
        .collect();
    doc = doc.add_table(fixed(Table::new(facts).set_grid(vec![2300, 6700])));
    doc = doc.add_paragraph(line("")).add_paragraph(
        Paragraph::new()
            .add_run(run(say::TIMETABLE).bold())
            .line_spacing(LineSpacing::new().after(120)),
    );
    // Wide enough for `2018-04-01 至 2018-05-31` on one line.
    const GRID: [usize; 3] = [1800, 3500, 3700];
    let head: Vec<TableCell> = say::TIMETABLE_HEAD
        .iter()
        .zip(GRID)
        .map(|(h, w)| label(h).width(w, WidthType::Dxa))
        .collect();
    let body = vec![
        cell(say::STAGE, GRID[0]),
        cell(say::PERIOD, GRID[1]),
        cell(say::STAGE_CONTENT, GRID[2]),
    ];
    doc = doc.add_table(fixed(
        Table::new(vec![TableRow::new(head), TableRow::new(body)]).set_grid(GRID.to_vec()),
    ));
    doc = doc.add_paragraph(line(""));
    for text in say::COMMITMENTS {
        doc = doc.add_paragraph(line(text));
    }
    doc =
        doc.add_paragraph(Paragraph::new().add_run(Run::new().add_break(BreakType::TextWrapping)));
    let sign = |lines: &[&str]| {
        let mut c = TableCell::new().width(4500, WidthType::Dxa);
        for l in lines {
            c = c.add_paragraph(
                Paragraph::new()
                    .add_run(run(l).size(24))
                    .line_spacing(LineSpacing::new().after(240)),
            );
        }
        c
    };
    doc = doc.add_table(fixed(
        Table::new(vec![TableRow::new(vec![
            sign(&say::SIDE_A),
            sign(&say::SIDE_B),
        ])])
        .set_grid(vec![4500, 4500]),
    ));
    let mut buf = Cursor::new(Vec::new());
    doc.build()
        .pack(&mut buf)
        .map_err(|e| CharterError::Write(e.to_string()))?;
    Ok(buf.into_inner())
}

/// A table 9,000 twips wide (the A4 text width) whose columns keep their grid widths: Word,
/// WPS and LibreOffice otherwise size columns by their text.
fn fixed(table: Table) -> Table {
    table
        .width(9000, WidthType::Dxa)
        .layout(docx_rs::TableLayoutType::Fixed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Value;
    use crate::testkit::innovation;

    fn ledger() -> Ledger {
        let mut l = Ledger::new();
        for (id, state) in [("2018-001", "已批复"), ("2018-002", "待审核")] {
            let r = l.projects.push_row();
            let t = &mut l.projects;
            t.set(r, Column::ProjectId, Value::text(id));
            t.set(r, Column::Year, Value::Number(2018.0));
            t.set(r, Column::Unit, Value::text("田家庵区委"));
            t.set(r, Column::Name, Value::text("社区“网格”工程 & 治理"));
            t.set(r, Column::Goals, Value::text("第一行目标\n第二行目标"));
            t.set(r, Column::Owner, Value::text("张伟"));
            t.set(
                r,
                Column::Deadline,
                Value::Date(chrono::NaiveDate::from_ymd_opt(2018, 12, 31).unwrap()),
            );
            t.set(
                r,
                Column::Milestones,
                Value::text(
                    "调研｜2018-04-01～2018-05-31｜走访社区\n实施｜2018-06-01～2018-11-30｜建网格",
                ),
            );
            t.set(r, Column::Approval, Value::text(state));
        }
        l
    }

    fn document_xml(docx: &[u8]) -> String {
        let mut zip = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
        let mut xml = String::new();
        zip.by_name("word/document.xml")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        xml
    }

    #[test]
    fn the_template_is_reproducible_and_holds_every_placeholder() {
        let a = template(&innovation()).unwrap();
        assert_eq!(a, template(&innovation()).unwrap(), "same bytes every time");
        let college = crate::policy::Policy::preset("secretary").unwrap();
        let b = document_xml(&template(&college).unwrap());
        assert!(
            !paragraph_text(&b).contains(say::CATEGORY),
            "no 项目类别 for the college"
        );
        let xml = document_xml(&a);
        for k in [
            say::NAME,
            say::ID,
            say::GOALS,
            say::DEADLINE,
            say::OWNER,
            say::STAGE,
        ] {
            assert!(paragraph_text(&xml).contains(k), "{k}");
        }
    }

    #[test]
    fn fills_values_repeats_the_stage_row_and_escapes_text() {
        let policy = innovation();
        let all = charters(&ledger(), &policy);
        assert_eq!(all.len(), 1, "only the approved");
        let c = &all[0];
        assert_eq!(
            c.file_name(),
            "2018-001-社区“网格”工程 & 治理-项目责任书.docx"
        );
        let xml = document_xml(&fill(&template(&innovation()).unwrap(), c).unwrap());
        let text = paragraph_text(&xml);
        assert!(text.contains("社区“网格”工程 &amp; 治理"), "{text}");
        assert!(text.contains("2018-001"));
        assert!(text.contains("2018年12月31日"));
        assert!(text.contains("走访社区") && text.contains("建网格"));
        assert!(text.contains("2018-04-01 至 2018-05-31"));
        assert!(!text.contains('【'), "no placeholder left: {text}");
        assert!(xml.contains("第一行目标</w:t><w:br/>"), "line breaks kept");
        assert_eq!(xml.matches("</w:tr>").count(), say::FACTS.len() + 1 + 2 + 1);
        // A placeholder split over runs, as Word saves it, is found too.
        let split = xml_with_split_runs();
        let filled = fill_xml(&split, c);
        assert!(
            paragraph_text(&filled).contains("项目名称：社区“网格”工程"),
            "{filled}"
        );
    }

    fn xml_with_split_runs() -> String {
        r#"<w:document><w:body><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>项目名称：【项目</w:t></w:r><w:proofErr/><w:r><w:t>名称】</w:t></w:r></w:p></w:body></w:document>"#.to_owned()
    }
}
