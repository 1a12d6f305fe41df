//! 佐证材料 (SPEC §10): files that are no forms, arriving with a project's forms (the same zip
//! or mail, a folder named after the project), recorded in the ledger once, copied with
//! `--materials`, and the finished projects still without any named by `status`.

use std::io::Write;
use std::path::Path;

use crate::common::*;
use taizhang::ledger::Ledger;
use taizhang::model::Column;

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut buf);
    for (name, data) in entries {
        z.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        z.write_all(data).unwrap();
    }
    z.finish().unwrap();
    buf.into_inner()
}

/// The second project's name (the first is the fixtures' 红色网格).
const SECOND: &str = "社区党校建设与党员教育创新";

fn form_bytes(dir: &Path, title: &'static str, pairs: &[(&'static str, V)]) -> Vec<u8> {
    let path = at(dir, "tmp-form.xlsx");
    write_book(&path, &[sheet("Sheet1", rows(title, pairs))]);
    let bytes = std::fs::read(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    bytes
}

/// A Word document that is no form: a unit's written summary.
fn summary_docx() -> Vec<u8> {
    use docx_rs::{Docx, Paragraph, Run};
    let mut buf = std::io::Cursor::new(Vec::new());
    Docx::new()
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text("红色网格党建工作总结")))
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text("一年来，我们划分网格62个。")))
        .build()
        .pack(&mut buf)
        .unwrap();
    buf.into_inner()
}

fn run(args: &[&str], paths: &[&Path]) -> String {
    let mut c = taizhang();
    c.args(args);
    for p in paths {
        c.arg(p);
    }
    let out = c.output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        out.status.code() == Some(0),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    text
}

fn sha(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    format!("{:x}", Sha256::digest(bytes))
}

#[test]
fn evidence_is_recorded_once_copied_per_project_and_missing_evidence_is_listed() {
    let dir = tmp();
    let d = dir.path();
    let ledger = at(d, "台账.xlsx");
    let ledger_s = ledger.to_str().unwrap();
    // Two approved projects: 2018-001 (红色网格) and 2018-002 (社区党校).
    let proposals = at(d, "立项");
    std::fs::create_dir(&proposals).unwrap();
    write_book(
        &at(&proposals, "a.xlsx"),
        &[sheet("Sheet1", rows("立项书", &good_proposal()))],
    );
    let second = with(good_proposal(), "项目名称", Some(V::T(SECOND)));
    write_book(
        &at(&proposals, "b.xlsx"),
        &[sheet("Sheet1", rows("立项书", &second))],
    );
    run(&["merge", "--ledger", ledger_s], &[&proposals]);
    approve_all(&ledger, None);

    // December: both finish. 红色网格's report comes zipped with a PDF; its photos in a folder
    // named after its 项目编号; a stray photo nobody can place; 社区党校 sends no evidence.
    let dec = at(d, "12月");
    let photos = at(&dec, "2018-001 佐证材料");
    std::fs::create_dir_all(&photos).unwrap();
    let done = |p: Vec<(&'static str, V)>| {
        let p = with(p, "报告期", Some(V::T("2018年12月")));
        with(p, "完成进度", Some(V::Pct(1.0)))
    };
    let report = form_bytes(d, "进度报告", &done(good_progress()));
    let pdf = "%PDF-1.4\n% 红色网格 工作总结\n".as_bytes().to_vec();
    std::fs::write(
        at(&dec, "田家庵区委-结项.zip"),
        zip_of(&[
            ("进度报告.xlsx", &report),
            ("工作总结.pdf", &pdf),
            ("活动总结.docx", &summary_docx()),
        ]),
    )
    .unwrap();
    let jpg = b"\xff\xd8\xff\xe0 photo one".to_vec();
    std::fs::write(at(&photos, "照片1.jpg"), &jpg).unwrap();
    std::fs::write(at(&photos, "照片2.png"), b"\x89PNG photo two").unwrap();
    std::fs::write(at(&dec, "无关照片.jpg"), b"\xff\xd8 stray").unwrap();
    let other = done(with(good_progress(), "项目名称", Some(V::T(SECOND))));
    write_book(
        &at(&dec, "社区党校-12月.xlsx"),
        &[sheet("Sheet1", rows("进度报告", &other))],
    );
    let copies = at(d, "材料");
    let out = run(
        &[
            "merge",
            "--ledger",
            ledger_s,
            "--materials",
            copies.to_str().unwrap(),
        ],
        &[&dec],
    );
    // The Word summary is no form, but it came with the project's report: evidence, not an error.
    for name in ["工作总结.pdf", "活动总结.docx", "照片1.jpg", "照片2.png"] {
        let line = out.lines().find(|l| l.contains(name)).unwrap_or_default();
        assert!(line.contains("登记为佐证材料（2018-001）"), "{name}: {out}");
    }
    assert!(
        out.contains("新登记 5 个，已登记过 0 个；其中 1 个未能确定所属项目"),
        "{out}"
    );

    let l = Ledger::read(&ledger).unwrap();
    let t = &l.materials;
    assert_eq!(t.name, "佐证材料");
    assert_eq!(t.rows.len(), 5, "{:?}", t.rows);
    let row = |file: &str| {
        (0..t.rows.len())
            .find(|&r| t.get(r, Column::FileName).display() == file)
            .unwrap_or_else(|| panic!("{file} recorded"))
    };
    let pdf_row = row("工作总结.pdf");
    assert_eq!(t.get(pdf_row, Column::ProjectId).display(), "2018-001");
    assert_eq!(t.get(pdf_row, Column::Sha256).display(), sha(&pdf));
    assert!(t
        .get(pdf_row, Column::Origin)
        .display()
        .ends_with("田家庵区委-结项.zip"));
    assert_eq!(t.get(pdf_row, Column::FileKind).display(), "PDF/版式文件");
    assert_eq!(
        t.get(row("活动总结.docx"), Column::FileKind).display(),
        "Word 文档"
    );
    assert!(t.get(pdf_row, Column::ReceivedAt).date().is_some());
    assert_eq!(
        t.get(row("照片1.jpg"), Column::Size).display(),
        format!("{} 字节", jpg.len())
    );
    assert!(t.get(row("无关照片.jpg"), Column::ProjectId).is_empty());
    // The copies: by project, byte for byte; the stray one apart.
    assert_eq!(
        std::fs::read(copies.join("2018-001").join("工作总结.pdf")).unwrap(),
        pdf
    );
    assert_eq!(
        std::fs::read(copies.join("2018-001").join("照片1.jpg")).unwrap(),
        jpg
    );
    assert!(copies.join("未对应项目").join("无关照片.jpg").exists());

    // Merged again: nothing recorded twice, nothing copied twice.
    let again = run(
        &[
            "merge",
            "--ledger",
            ledger_s,
            "--materials",
            copies.to_str().unwrap(),
        ],
        &[&dec],
    );
    assert!(again.contains("新登记 0 个，已登记过 5 个"), "{again}");
    assert_eq!(Ledger::read(&ledger).unwrap().materials.rows.len(), 5);
    assert_eq!(
        std::fs::read_dir(copies.join("2018-001")).unwrap().count(),
        4
    );

    // The status names the finished project whose evidence has not come, on screen and on a
    // sheet of its own.
    let book = at(d, "月度.xlsx");
    let status = run(
        &[
            "status",
            "--ledger",
            ledger_s,
            "--as-of",
            "2018-12-31",
            "--out",
            book.to_str().unwrap(),
        ],
        &[],
    );
    assert!(
        status.contains("已完成但未收到佐证材料的项目（1 个）"),
        "{status}"
    );
    let listed: Vec<&str> = status
        .lines()
        .skip_while(|l| !l.contains("未收到佐证材料"))
        .skip(1)
        .take_while(|l| l.starts_with("    "))
        .collect();
    assert_eq!(listed.len(), 1, "{status}");
    assert!(listed[0].contains("2018-002"), "{status}");
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&book).unwrap();
    assert!(wb.sheet_names().iter().any(|n| n == "缺佐证材料"));
    let sheet = wb.worksheet_range("缺佐证材料").unwrap();
    let text: Vec<String> = sheet.cells().map(|(_, _, c)| c.to_string()).collect();
    assert!(text.iter().any(|c| c == "2018-002"), "{text:?}");
    assert!(!text.iter().any(|c| c == "2018-001"), "{text:?}");
}

/// The sample year's end (`samples/inbox/2018-12-结项`): the evidence in the folder named after
/// 2018-001 is that project's, the stray photo beside two projects' 结项报告 nobody's, and the
/// hospital's 结项报告 fills its row.
#[test]
fn the_sample_years_evidence_and_closing_report_land_on_their_project() {
    let dir = tmp();
    let ledger = at(dir.path(), "台账.xlsx");
    let out = taizhang()
        .args([
            "merge",
            "samples/inbox",
            "--policy",
            "samples/taizhang.toml",
            "--ledger",
        ])
        .arg(&ledger)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("结项报告：登记 2 份"), "{text}");
    let l = Ledger::read(&ledger).unwrap();
    let t = &l.materials;
    let of = |file: &str| {
        (0..t.rows.len())
            .find(|&r| t.get(r, Column::FileName).display() == file)
            .map(|r| t.get(r, Column::ProjectId).display())
            .unwrap_or_else(|| panic!("{file} recorded: {:?}", t.rows))
    };
    assert_eq!(t.rows.len(), 4);
    for file in ["项目总结.pdf", "照片1.jpg", "照片2.jpg"] {
        assert_eq!(of(file), "2018-001", "{file}");
    }
    assert_eq!(
        of("活动照片.jpg"),
        "",
        "two projects' reports merged beside it: nobody's"
    );
    let p = &l.projects;
    let row = (0..p.rows.len())
        .find(|&r| p.get(r, Column::ProjectId).display() == "2018-001")
        .unwrap();
    assert_eq!(
        p.get(row, Column::Name).display(),
        "「党员先锋岗」医疗服务品牌创建"
    );
    assert_eq!(p.get(row, Column::GoalsMet).display(), "全部完成");
    assert_eq!(p.get(row, Column::SelfGrade).display(), "优秀");
    assert_eq!(p.get(row, Column::SelfScore).number(), Some(93.0));
}
