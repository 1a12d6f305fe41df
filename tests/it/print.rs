//! The workbooks on paper: the ledger, monthly status, check report and ranking built from the
//! bundled samples are converted to PDF by LibreOffice (a private profile per run) and must
//! print on A4 one page wide, at a readable scale, on a sensible number of pages.
//!
//! Needs `soffice` and `pdfinfo` (poppler-utils); skipped with a loud note without them, unless
//! `TAIZHANG_REQUIRE_OFFICE=1`.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::*;

const POLICY: &[&str] = &["--policy", "samples/taizhang.toml"];

/// The smallest print scale a table may need (an office reads 80 % of 11 pt).
const MIN_SCALE: f64 = 0.80;

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|d| d.join(program).is_file()))
        .unwrap_or(false)
}

fn tools_available() -> bool {
    let missing: Vec<&str> = ["soffice", "pdfinfo"]
        .into_iter()
        .filter(|p| !on_path(p))
        .collect();
    if missing.is_empty() {
        return true;
    }
    let message = format!(
        "\n!!!!!!!!!!\n!!! print test SKIPPED: {} not on PATH \
         (apt-get install libreoffice-calc-nogui poppler-utils)\n!!!!!!!!!!\n",
        missing.join(", ")
    );
    if std::env::var("TAIZHANG_REQUIRE_OFFICE").as_deref() == Ok("1") {
        panic!("{message}");
    }
    eprintln!("{message}");
    false
}

/// The four workbooks, from the samples, in `dir`.
fn build(dir: &Path) -> Vec<PathBuf> {
    let ledger = dir.join("台账.xlsx");
    let status = dir.join("月度汇总.xlsx");
    let report = dir.join("校验报告.xlsx");
    let ranking = dir.join("年度综合排名.xlsx");
    let arg = |p: &Path| p.to_str().unwrap().to_owned();
    // merge, check and rank exit 1: the samples include files (and a score sheet) meant to
    // be returned.
    taizhang()
        .args(["merge", "samples/inbox", "--ledger", &arg(&ledger)])
        .args(POLICY)
        .assert()
        .code(1);
    approve_all(&ledger, Some(Path::new("samples/taizhang.toml")));
    taizhang()
        .args(["status", "--ledger", &arg(&ledger), "--as-of", "2018-12-31"])
        .args(["--out", &arg(&status)])
        .args(POLICY)
        .assert()
        .success();
    taizhang()
        .args(["check", "samples/inbox", "--report", &arg(&report)])
        .args(POLICY)
        .assert()
        .code(1);
    taizhang()
        .args([
            "rank",
            "--ledger",
            &arg(&ledger),
            "--scores",
            "samples/scores",
        ])
        .args(["--out", &arg(&ranking)])
        .args(POLICY)
        .assert()
        .code(1);
    // The blank proposal form as `init` writes it (templates/ is checked to be that).
    let form = dir.join("立项书.xlsx");
    std::fs::copy("templates/立项书.xlsx", &form).unwrap();
    vec![ledger, status, report, ranking, form]
}

/// Each visible sheet of a workbook: its name and XML.
fn sheets(book: &Path) -> Vec<(String, String)> {
    let file = std::fs::File::open(book).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut read = |name: &str| {
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    let workbook = read("xl/workbook.xml");
    let mut out = Vec::new();
    for (i, tag) in workbook.split("<sheet ").skip(1).enumerate() {
        let tag = format!(" {}", &tag[..tag.find("/>").unwrap()]);
        let tag = tag.as_str();
        if tag.contains("state=\"hidden\"") {
            continue;
        }
        let name = attr(tag, "name").unwrap_or_default();
        out.push((name, read(&format!("xl/worksheets/sheet{}.xml", i + 1))));
    }
    out
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let len = tag[start..].find('"')?;
    Some(tag[start..start + len].to_owned())
}

/// The scale a sheet prints at when fitted one page wide: the printable width of A4 (0.5″
/// margins) over the visible columns' width in pixels (a column unit is 7 px, plus 5 px).
fn fitted_scale(xml: &str) -> f64 {
    let landscape = xml.contains("orientation=\"landscape\"");
    let printable = if landscape { 10.69 } else { 7.27 } * 96.0;
    let mut pixels = 0.0;
    for col in xml.split("<col ").skip(1) {
        // The split took the space before the first attribute.
        let col = format!(" {}", &col[..col.find("/>").unwrap()]);
        let col = col.as_str();
        if col.contains("hidden=\"1\"") {
            continue;
        }
        // A column without a width has the default width (8.43).
        let n = |k, default: f64| attr(col, k).map_or(default, |v| v.parse::<f64>().unwrap());
        let count = n("max", 1.0) - n("min", 1.0) + 1.0;
        pixels += count * (n("width", 8.43) * 7.0).round();
    }
    (printable / pixels.max(1.0)).min(1.0)
}

/// Pages of a PDF, by pdfinfo.
fn pages(pdf: &Path) -> (usize, String) {
    let out = Command::new("pdfinfo").arg(pdf).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let line = |key: &str| {
        text.lines()
            .find(|l| l.starts_with(key))
            .map(|l| l[key.len()..].trim().to_owned())
            .unwrap_or_default()
    };
    (line("Pages:").parse().unwrap_or(0), line("Page size:"))
}

#[test]
fn every_workbook_prints_on_a4_one_page_wide_and_readable() {
    if !tools_available() {
        return;
    }
    let dir = tmp();
    let books = build(dir.path());
    let mut failures = Vec::new();
    for book in &books {
        for (name, xml) in sheets(book) {
            let charts = xml.contains("<drawing ") && !xml.contains("<col ");
            if charts {
                continue;
            }
            let fits = xml.contains("fitToPage=\"1\"") && xml.contains("fitToHeight=\"0\"");
            let one_page = xml.contains("fitToPage=\"1\"") && !xml.contains("fitToHeight");
            let scale = fitted_scale(&xml);
            let sheet = format!("{}!{name}", book.file_name().unwrap().to_string_lossy());
            if !xml.contains("paperSize=\"9\"") {
                failures.push(format!("{sheet}: not A4"));
            }
            if !fits && !one_page {
                failures.push(format!("{sheet}: not fitted one page wide"));
            }
            if fits && scale < MIN_SCALE {
                failures.push(format!("{sheet}: prints at {:.0} %", scale * 100.0));
            }
            if fits && !xml.contains("<pageSetup") {
                failures.push(format!("{sheet}: no page setup"));
            }
        }
    }
    // LibreOffice, with a profile of its own (parallel runs never share one).
    let profile = dir.path().join("profile");
    let out = dir.path().join("pdf");
    let status = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&out)
        .args(&books)
        .output()
        .unwrap();
    assert!(status.status.success(), "soffice: {status:?}");
    // At most this many pages, for the sample year: 27 projects, 95 reports, 147 checked files
    // (the ledger's and the status's 佐证材料 sheets a page or two more, the ranking a page for
    // the Word sample's project).
    let limits = [
        ("台账", 21),
        ("月度汇总", 12),
        ("校验报告", 30),
        ("年度综合排名", 16),
        // The form on two full pages (fields; timetable and seal box), 填表说明 on three.
        ("立项书", 5),
    ];
    for (stem, limit) in limits {
        let (count, size) = pages(&out.join(format!("{stem}.pdf")));
        eprintln!("{stem}.pdf: {count} pages, {size}");
        if count == 0 || count > limit {
            failures.push(format!("{stem}.pdf: {count} pages (at most {limit})"));
        }
        if !size.contains("A4") {
            failures.push(format!("{stem}.pdf: pages are {size}, not A4"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
