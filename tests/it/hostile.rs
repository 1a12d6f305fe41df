//! Hostile and broken input: every file gets one clear result, nothing panics, nothing is lost,
//! and nothing a file contains can act on the clerk's computer. The corpus is made by the test.

use std::io::{Read, Write};
use std::path::Path;

use crate::common::*;
use taizhang::model::Column;

/// Rewrites one entry of a zip (xlsx) with new bytes.
fn rezip(src: &[u8], entry: &str, new: &[u8]) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(src)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        out.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(if name == entry { new } else { &data })
            .unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// A zip whose central directory claims an entry unpacks to 4 GB: a zip bomb's signature.
fn claim_huge(src: &[u8]) -> Vec<u8> {
    let mut bytes = src.to_vec();
    let sig = b"PK\x01\x02";
    let at = bytes.windows(4).position(|w| w == sig).unwrap();
    bytes[at + 24..at + 28].copy_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
    bytes
}

/// An .xls with a FILEPASS record, as Excel writes when a password is set.
fn encrypted_xls() -> Vec<u8> {
    let src = std::fs::read("tests/data/percent/percent.xls").unwrap();
    let mut cf = cfb::CompoundFile::open(std::io::Cursor::new(src)).unwrap();
    let mut stream = Vec::new();
    cf.open_stream("/Workbook")
        .unwrap()
        .read_to_end(&mut stream)
        .unwrap();
    let bof_len = u16::from_le_bytes([stream[2], stream[3]]) as usize;
    let at = 4 + bof_len;
    let filepass = [0x2F, 0x00, 0x06, 0x00, 0x01, 0x00, 0x01, 0x00, 0x01, 0x00];
    stream.splice(at..at, filepass);
    let mut out =
        cfb::CompoundFile::create_with_version(cfb::Version::V3, std::io::Cursor::new(Vec::new()))
            .unwrap();
    out.create_stream("/Workbook")
        .unwrap()
        .write_all(&stream)
        .unwrap();
    out.flush().unwrap();
    out.into_inner().into_inner()
}

fn good_bytes(dir: &Path) -> Vec<u8> {
    let p = at(dir, "_good.xlsx");
    write_book(&p, &[sheet("立项书", rows("立项书", &good_proposal()))]);
    let b = std::fs::read(&p).unwrap();
    std::fs::remove_file(p).unwrap();
    b
}

#[test]
fn the_hostile_corpus_gives_one_clear_result_per_file() {
    let dir = tmp();
    let d = dir.path();
    let good = good_bytes(d);
    let mut docx = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    docx.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    docx.write_all(b"<w:document/>").unwrap();
    let docx = docx.finish().unwrap().into_inner();
    let files: Vec<(&str, Vec<u8>, &str)> = vec![
        ("空文件.xlsx", vec![], "E_UNREADABLE"),
        ("截断.xlsx", good[..good.len() / 3].to_vec(), "E_UNREADABLE"),
        (
            "随机.xls",
            (0..5000u32)
                .map(|i| (i.wrapping_mul(2_654_435_761) >> 7) as u8)
                .collect(),
            "E_UNREADABLE",
        ),
        ("改名的Word.xlsx", docx, "E_UNREADABLE"),
        (
            "改名的PDF.xlsx",
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj".to_vec(),
            "E_UNREADABLE",
        ),
        ("加密.xls", encrypted_xls(), "E_ENCRYPTED"),
        (
            "坏XML.xlsx",
            rezip(
                &good,
                "xl/worksheets/sheet1.xml",
                b"<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0",
            ),
            "E_UNREADABLE",
        ),
        ("压缩炸弹.xlsx", claim_huge(&good), "E_TOO_LARGE"),
    ];
    for (name, bytes, _) in &files {
        std::fs::write(at(d, name), bytes).unwrap();
    }
    std::fs::copy(
        "samples/inbox/2018-04/八公山区委-一村一品-进度报告（4月）.xlsx",
        at(d, "加密.xlsx"),
    )
    .unwrap();
    let (json, code) = check_json(&[d], &[]);
    assert_eq!(code, 1);
    let results = json["files"].as_array().unwrap();
    assert_eq!(results.len(), files.len() + 1);
    for (name, _, code) in files
        .iter()
        .chain([("加密.xlsx", vec![], "E_ENCRYPTED")].iter())
    {
        let f = results
            .iter()
            .find(|f| f["path"].as_str().unwrap().ends_with(name))
            .unwrap();
        assert_eq!(codes(f), vec![code.to_owned()], "{name}: {f}");
        let message = f["problems"][0]["message"].as_str().unwrap();
        assert!(
            message.chars().count() > 8 && !message.contains("panicked"),
            "{name}: {message}"
        );
    }
}

#[test]
fn bounds_are_checked_before_memory_is_spent() {
    let dir = tmp();
    let d = dir.path();
    let mut cells = rows("立项书", &good_proposal());
    for i in 0..1500u32 {
        cells.push((100 + i, 3, V::N(i as f64)));
    }
    write_book(&at(d, "大表.xlsx"), &[sheet("立项书", cells)]);
    let (json, _) = check_json(&[&at(d, "大表.xlsx")], &["--max-cells", "1000"]);
    assert_eq!(codes(&json["files"][0]), vec!["E_TOO_MANY_CELLS"]);
    let (json, _) = check_json(&[&at(d, "大表.xlsx")], &["--max-file-mb", "0"]);
    assert_eq!(codes(&json["files"][0]), vec!["E_TOO_LARGE"]);
    let (json, _) = check_json(&[&at(d, "大表.xlsx")], &[]);
    assert_eq!(codes(&json["files"][0]), Vec::<String>::new());
}

#[test]
fn strange_but_valid_content_is_read_merged_and_kept_whole() {
    let dir = tmp();
    let d = dir.path();
    let inbox = at(d, "inbox");
    std::fs::create_dir(&inbox).unwrap();
    let long: &'static str = Box::leak("党".repeat(32_767).into_boxed_str());
    let odd: &'static str = "控制\u{1}字符🚩emoji עברית RTL\u{202E}反转";
    let p = with(good_proposal(), "工作目标", Some(V::T(long)));
    let p = with(p, "工作范围或对象", Some(V::T(odd)));
    let p = with(
        p,
        "项目名称",
        Some(V::T("=HYPERLINK(\"http://example.com\",\"点我\")")),
    );
    let p = with(p, "经费预算", Some(V::Err("#DIV/0!")));
    // Many sheets, the form on a very hidden one after a visible sign-in sheet.
    let mut sheets: Vec<Sheet> = (0..120).map(|_| sheet("", vec![])).collect();
    for (i, s) in sheets.iter_mut().enumerate() {
        s.name = Box::leak(format!("空白{i}").into_boxed_str());
    }
    sheets.push(sheet("立项书", rows("立项书", &p)));
    write_book(&at(&inbox, "-以横线开头 的 文件.xlsx"), &sheets);
    let (json, _) = check_json(&[&inbox], &[]);
    let f = &json["files"][0];
    assert_eq!(f["kind"], "proposal", "{f}");
    assert_eq!(codes(f), vec!["E_CELL_ERROR"]);
    assert_eq!(
        f["record"]["goals"].as_str().unwrap().chars().count(),
        32_767
    );
    assert_eq!(f["record"]["scope"], odd);
    // Without the bad budget the file merges, and every character survives the ledger.
    let p = with(p, "经费预算", Some(V::N(1.0)));
    write_book(
        &at(&inbox, "-以横线开头 的 文件.xlsx"),
        &[sheet("立项书", rows("立项书", &p))],
    );
    let ledger = at(d, "台账.xlsx");
    let out = taizhang()
        .arg("merge")
        .arg(&inbox)
        .arg("--ledger")
        .arg(&ledger)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let l = taizhang::ledger::Ledger::read(&ledger).unwrap();
    assert_eq!(
        l.projects.get(0, Column::Goals).display().chars().count(),
        32_767
    );
    assert_eq!(l.projects.get(0, Column::Scope).display(), odd);
    // A formula-looking name stays text: no formula, no hyperlink in the written ledger.
    assert!(l
        .projects
        .get(0, Column::Name)
        .display()
        .starts_with("=HYPERLINK"));
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&ledger).unwrap()).unwrap();
    let mut sheet1 = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut sheet1)
        .unwrap();
    assert!(!sheet1.contains("<f>"), "no formula cells");
    assert!(!sheet1.contains("hyperlink"), "no hyperlinks");
}

#[test]
fn a_very_hidden_form_sheet_is_still_found() {
    let dir = tmp();
    let p = at(dir.path(), "hidden.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet()
        .set_name("签到")
        .unwrap()
        .write_string(0, 0, "会议签到表")
        .unwrap();
    let ws = book.add_worksheet().set_name("立项书").unwrap();
    for (i, (label, value)) in good_proposal().into_iter().enumerate() {
        ws.write_string(i as u32, 0, label).unwrap();
        match value {
            V::T(t) => ws.write_string(i as u32, 1, t).unwrap(),
            V::N(n) => ws.write_number(i as u32, 1, n).unwrap(),
            _ => ws.write_string(i as u32, 1, "2018-04-01").unwrap(),
        };
    }
    ws.set_very_hidden(true);
    book.save(&p).unwrap();
    let (json, _) = check_json(&[&p], &[]);
    assert_eq!(json["files"][0]["kind"], "proposal");
}

#[test]
fn nothing_is_dropped_in_text_json_or_report() {
    let dir = tmp();
    let d = dir.path();
    let good = good_bytes(d);
    let names = [
        "a.xlsx",
        "b 空格.xls",
        "~$锁.xlsx",
        "说明.docx",
        "c.txt",
        "d.ods",
        "e.xlsx",
    ];
    for (i, n) in names.iter().enumerate() {
        let bytes = if i == 0 || i == 6 {
            good.clone()
        } else {
            format!("内容{i}").into_bytes()
        };
        std::fs::write(at(d, n), bytes).unwrap();
    }
    std::fs::create_dir(at(d, "子目录")).unwrap();
    std::fs::write(at(&at(d, "子目录"), "f.xlsx"), &good).unwrap();
    let total = names.len() + 1;
    let (json, _) = check_json(&[d], &[]);
    assert_eq!(json["files"].as_array().unwrap().len(), total);
    assert_eq!(json["summary"]["files"].as_u64().unwrap() as usize, total);
    let out = taizhang().arg("check").arg(d).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let listed = text
        .lines()
        .filter(|l| !l.starts_with(' ') && l.contains("  ["))
        .count();
    assert_eq!(listed, total, "{text}");
    let report = at(
        &std::env::temp_dir(),
        &format!("taizhang-report-{}.xlsx", std::process::id()),
    );
    taizhang()
        .arg("check")
        .arg(d)
        .arg("--report")
        .arg(&report)
        .output()
        .unwrap();
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&report).unwrap();
    assert_eq!(
        book.worksheet_range("文件清单").unwrap().height(),
        total + 1
    );
    std::fs::remove_file(report).unwrap();
}

#[test]
fn a_tampered_ledger_is_reported_precisely_and_never_repaired_by_dropping_data() {
    use taizhang::ledger::Ledger;
    use taizhang::model::Value as LCell;
    let dir = tmp();
    let d = dir.path();
    let ledger = at(d, "台账.xlsx");
    let policy = ["--policy", "samples/taizhang.toml"];
    taizhang()
        .arg("merge")
        .arg("samples/inbox/2018-03-立项")
        .arg("--ledger")
        .arg(&ledger)
        .args(policy)
        .output()
        .unwrap();
    // A date column holding text: reported with its cell, kept as typed.
    let mut l = Ledger::read(&ledger).unwrap();
    let col = l.projects.col(Column::Start).unwrap();
    l.projects.set(1, Column::Start, LCell::text("明年开春"));
    l.save(&ledger).unwrap();
    let out = taizhang()
        .arg("merge")
        .arg("samples/inbox/2018-04")
        .arg("--ledger")
        .arg(&ledger)
        .args(policy)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    let cell = format!("项目台账!{}", taizhang::read::cell_name(2, col as u32));
    assert!(err.contains(&cell) && err.contains("明年开春"), "{err}");
    assert_eq!(
        Ledger::read(&ledger)
            .unwrap()
            .projects
            .get(1, Column::Start)
            .display(),
        "明年开春"
    );
    // Damage in bulk: twenty lines, then one line that counts the rest.
    let mut l = Ledger::read(&ledger).unwrap();
    for row in 0..l.projects.rows.len() {
        l.projects.set(row, Column::Start, LCell::text("上个月"));
        l.projects.set(row, Column::Deadline, LCell::text("上个月"));
    }
    let damaged = 2 * l.projects.rows.len();
    assert!(damaged > 25, "{damaged}");
    l.save(&ledger).unwrap();
    let out = taizhang()
        .arg("merge")
        .arg("samples/inbox/2018-05")
        .arg("--ledger")
        .arg(&ledger)
        .args(policy)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(err.matches("上个月").count(), 20, "{err}");
    assert!(err.contains(&format!("还有 {} 处", damaged - 20)), "{err}");
    // A duplicated project ID stops the run and names both cells.
    let mut l = Ledger::read(&ledger).unwrap();
    let first = l.projects.get(0, Column::ProjectId).clone();
    l.projects.set(2, Column::ProjectId, first);
    l.save(&ledger).unwrap();
    let before = std::fs::read(&ledger).unwrap();
    let out = taizhang()
        .arg("merge")
        .arg("samples/inbox/2018-05")
        .arg("--ledger")
        .arg(&ledger)
        .args(policy)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(
        err.contains("重复") && err.contains("项目台账!A2") && err.contains("项目台账!A4"),
        "{err}"
    );
    assert_eq!(std::fs::read(&ledger).unwrap(), before);
    // A deleted sheet stops the run and names the sheet.
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet().set_name("项目台账").unwrap();
    for (c, h) in taizhang::model::Sheet::Projects
        .headers()
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    book.save(&ledger).unwrap();
    let out = taizhang()
        .arg("merge")
        .arg("samples/inbox/2018-05")
        .arg("--ledger")
        .arg(&ledger)
        .args(policy)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("缺少工作表“进度记录”"));
}

#[test]
fn an_unwritable_destination_fails_clearly_and_leaves_nothing_half_written() {
    let dir = tmp();
    let d = dir.path();
    let missing = at(d, "没有这个文件夹");
    let out = taizhang()
        .args(["check", "samples/inbox/2018-05", "--report"])
        .arg(at(&missing, "校验报告.xlsx"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("无法写入"));
    let out = taizhang()
        .args(["merge", "samples/inbox/2018-03-立项", "--ledger"])
        .arg(at(&missing, "台账.xlsx"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!missing.exists());
}

#[test]
fn the_1904_date_system_and_dates_before_1900_are_read_right() {
    let dir = tmp();
    let d = dir.path();
    // Excel for Mac's 1904 system: the same day is 1,462 serial days smaller.
    let p = at(d, "1904.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet().set_name("立项书").unwrap();
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    for (i, (label, value)) in good_proposal().into_iter().enumerate() {
        ws.write_string(i as u32, 0, label).unwrap();
        match (label, value) {
            ("完成时间", _) => {
                ws.write_number_with_format(i as u32, 1, 43465.0 - 1462.0, &date)
                    .unwrap();
            }
            (_, V::T(t)) => {
                ws.write_string(i as u32, 1, t).unwrap();
            }
            (_, V::N(n)) => {
                ws.write_number(i as u32, 1, n).unwrap();
            }
            _ => {
                ws.write_number_with_format(i as u32, 1, 43191.0 - 1462.0, &date)
                    .unwrap();
            }
        }
    }
    let bytes = book.save_to_buffer().unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let mut wb = String::new();
    archive
        .by_name("xl/workbook.xml")
        .unwrap()
        .read_to_string(&mut wb)
        .unwrap();
    let wb = wb.replacen("<workbookPr", "<workbookPr date1904=\"1\"", 1);
    std::fs::write(&p, rezip(&bytes, "xl/workbook.xml", wb.as_bytes())).unwrap();
    let (json, _) = check_json(&[&p], &[]);
    let f = &json["files"][0];
    assert_eq!(f["record"]["deadline"], "2018-12-31", "{f}");
    assert_eq!(f["record"]["start"], "2018-04-01", "{f}");
    // A date before 1900 can only be text: read, and judged like any other.
    let p2 = at(d, "1899.xlsx");
    let pairs = with(good_proposal(), "完成时间", Some(V::T("1899-12-31")));
    write_book(&p2, &[sheet("立项书", rows("立项书", &pairs))]);
    let (json, _) = check_json(&[&p2], &[]);
    assert_eq!(codes(&json["files"][0]), vec!["E_DATE_ORDER"]);
    assert_eq!(json["files"][0]["record"]["deadline"], "1899-12-31");
}

#[test]
fn excels_default_password_is_opened_a_real_one_is_not() {
    // tests/data/encrypted/README.md: the 八公山区委 proposal, saved with passwords.
    let dir = tmp();
    let d = dir.path();
    let files = [
        ("velvet-rc4.xls", "proposal", vec![]),
        ("velvet-cryptoapi.xls", "proposal", vec![]),
        ("velvet-agile.xlsx", "proposal", vec![]),
        ("secret-rc4.xls", "unknown", vec!["E_ENCRYPTED".to_owned()]),
        (
            "secret-agile.xlsx",
            "unknown",
            vec!["E_ENCRYPTED".to_owned()],
        ),
    ];
    for (name, _, _) in &files {
        std::fs::copy(format!("tests/data/encrypted/{name}"), at(d, name)).unwrap();
    }
    let (json, _) = check_json(&[d], &[]);
    let results = json["files"].as_array().unwrap();
    for (name, kind, expected) in files {
        let f = results
            .iter()
            .find(|f| f["path"].as_str().unwrap().ends_with(name))
            .unwrap();
        assert_eq!(f["kind"], kind, "{name}: {f}");
        let found: Vec<String> = codes(f)
            .into_iter()
            .filter(|c| c.starts_with("E_"))
            .collect();
        assert_eq!(found, expected, "{name}: {f}");
    }
}

#[test]
fn old_word_files_are_answered_and_et_files_read() {
    let dir = tmp();
    let d = dir.path();
    let good = good_bytes(d);
    std::fs::write(
        at(d, "旧版.doc"),
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 old word",
    )
    .unwrap();
    std::fs::write(at(d, "金山.wps"), b"{\\rtf1 wps text}").unwrap();
    std::fs::write(at(d, "金山表格.et"), &good).unwrap();
    let (json, _) = check_json(&[d], &[]);
    let results = json["files"].as_array().unwrap();
    let by = |name: &str| {
        results
            .iter()
            .find(|f| f["path"].as_str().unwrap().ends_with(name))
            .unwrap()
    };
    for name in ["旧版.doc", "金山.wps"] {
        let f = by(name);
        assert_eq!(f["kind"], "unknown", "{f}");
        assert_eq!(codes(f), vec!["E_UNREADABLE"], "{f}");
        assert!(f["problems"][0]["message"]
            .as_str()
            .unwrap()
            .contains(".docx"));
    }
    assert_eq!(by("金山表格.et")["kind"], "proposal");
    assert_eq!(json["summary"]["skipped"], 0);
}

/// A form pasted in as a picture (a scan, a phone photo): no text to read, and the clerk's
/// reply says it is a picture (issue 14 point 4).
#[test]
fn a_workbook_holding_only_a_picture_is_said_to_be_one() {
    // A 1×1 PNG.
    const PNG: &[u8] = &[
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44,
        0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F,
        0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00,
        0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49,
        0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ];
    let dir = tmp();
    let path = at(dir.path(), "潘集区委-立项书（扫描件）.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let image = rust_xlsxwriter::Image::new_from_buffer(PNG).unwrap();
    book.add_worksheet().insert_image(0, 0, &image).unwrap();
    book.save(&path).unwrap();
    let (json, code) = check_json(&[&path], &[]);
    assert_eq!(code, 1);
    let file = &json["files"][0];
    assert_eq!(codes(file), ["E_UNKNOWN_FORM"]);
    let message = file["problems"][0]["message"].as_str().unwrap();
    assert!(message.contains("表中只有图片（1 张）"), "{message}");
    // An empty workbook without pictures keeps the general words.
    let empty = at(dir.path(), "空白.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet();
    book.save(&empty).unwrap();
    let (json, _) = check_json(&[&empty], &[]);
    let message = json["files"][0]["problems"][0]["message"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(!message.contains("表中只有图片（"), "{message}");
}
