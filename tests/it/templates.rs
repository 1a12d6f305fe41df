//! `taizhang init` and the blank forms it writes.
//!
//! The files under `templates/` are exactly what `taizhang init --preset X` writes; these tests
//! compare them part by part (each sheet's XML, a failure showing the lines that differ), then
//! byte for byte. When the generator changes on purpose, regenerate them with
//!
//! ```text
//! TAIZHANG_BLESS=1 cargo test --test it templates::
//! ```
//!
//! and commit `templates/` (look at the forms in Excel or WPS first).

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use calamine::{open_workbook, Data, Reader, Xlsx};

const PROPOSAL_LABELS: [&str; 17] = [
    "申报单位",
    "项目名称",
    "项目类别",
    "参考目录序号",
    "工作范围或对象",
    "工作目标",
    "主要措施",
    "开始时间",
    "完成时间",
    "成果形式",
    "责任单位",
    "责任人",
    "职务",
    "项目组成员",
    "联系电话",
    "经费预算（万元）",
    "填报日期",
];

const PROGRESS_LABELS: [&str; 12] = [
    "项目编号",
    "申报单位",
    "项目名称",
    "报告期",
    "完成进度",
    "项目状态",
    "申请延期至",
    "本期完成情况",
    "存在问题",
    "下步计划",
    "填报人",
    "填报日期",
];

fn taizhang() -> Command {
    Command::new(env!("CARGO_BIN_EXE_taizhang"))
}

fn committed(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("templates")
        .join(name)
}

fn blessing() -> bool {
    std::env::var_os("TAIZHANG_BLESS").is_some_and(|v| v == "1")
}

/// Runs `taizhang init DIR --preset PRESET` in a fresh folder and returns the folder.
fn init(preset: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    taizhang()
        .arg("init")
        .arg(tmp.path())
        .args(["--preset", preset])
        .assert()
        .success()
        .stdout(predicates::str::contains("已创建"));
    tmp
}

/// The written file must equal the committed one; under `TAIZHANG_BLESS=1` it replaces it.
///
/// Workbooks are compared as zips: the list of parts, then each part's XML, then the bytes of the
/// whole file (every part is equal, so only the container may still differ). A failure names the
/// part and shows the lines around the first difference. Nothing is ignored: `init` writes fixed
/// document properties (docProps/core.xml has the project year's 1 January), so every part is
/// reproducible.
fn same_as_committed(written: &Path, committed: &Path) {
    let new = fs::read(written).unwrap();
    if blessing() {
        fs::create_dir_all(committed.parent().unwrap()).unwrap();
        fs::write(committed, &new).unwrap();
        return;
    }
    let Ok(old) = fs::read(committed) else {
        panic!(
            "{} is missing: create it with `TAIZHANG_BLESS=1 cargo test --test it templates::`",
            committed.display()
        );
    };
    let is_xlsx = committed
        .extension()
        .is_some_and(|e| e == "xlsx" || e == "docx");
    let difference = if is_xlsx {
        xlsx_difference(&old, &new)
    } else {
        text_difference(
            &String::from_utf8_lossy(&old),
            &String::from_utf8_lossy(&new),
        )
    };
    if let Some(difference) = difference {
        panic!(
            "{} differs from what `taizhang init` writes now ({}): {difference}\n\
             If the change is intended, regenerate with \
             `TAIZHANG_BLESS=1 cargo test --test it templates::` and commit templates/.",
            committed.display(),
            written.display()
        );
    }
}

/// Every part of an xlsx, as (name, content), in the zip's order.
fn parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut part = zip.by_index(i).unwrap();
            let mut content = Vec::new();
            part.read_to_end(&mut content).unwrap();
            (part.name().unwrap().into_owned(), content)
        })
        .collect()
}

/// Where the committed workbook `old` and the written one `new` first differ, if they do.
fn xlsx_difference(old: &[u8], new: &[u8]) -> Option<String> {
    let (old_parts, new_parts) = (parts(old), parts(new));
    let names = |p: &[(String, Vec<u8>)]| p.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    let (old_names, new_names) = (names(&old_parts), names(&new_parts));
    if old_names != new_names {
        return Some(format!(
            "the parts differ\n  committed: {old_names:?}\n  written:   {new_names:?}"
        ));
    }
    for ((name, a), (_, b)) in old_parts.iter().zip(&new_parts) {
        if a != b {
            let (a, b) = (String::from_utf8_lossy(a), String::from_utf8_lossy(b));
            let lines = text_difference(&xml_lines(&a), &xml_lines(&b))
                .unwrap_or_else(|| "(same text, different bytes)".to_owned());
            return Some(format!("part {name} differs\n{lines}"));
        }
    }
    (old != new).then(|| {
        "every part is equal but the zip container differs (entry order, compression or \
         entry timestamps)"
            .to_owned()
    })
}

/// XML with a line break between tags, so that a diff is line by line.
fn xml_lines(xml: &str) -> String {
    xml.replace("><", ">\n<")
}

/// The lines around the first difference of two texts (`-` committed, `+` written), if any.
fn text_difference(old: &str, new: &str) -> Option<String> {
    const CONTEXT: usize = 3;
    const MOST: usize = 12;
    if old == new {
        return None;
    }
    let (a, b): (Vec<&str>, Vec<&str>) = (old.lines().collect(), new.lines().collect());
    let first = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let same_tail = a[first..]
        .iter()
        .rev()
        .zip(b[first..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let mut out = vec![format!("first difference at line {}:", first + 1)];
    for line in &a[first.saturating_sub(CONTEXT)..first] {
        out.push(format!("    {line}"));
    }
    for (sign, lines) in [("-", &a), ("+", &b)] {
        let changed = &lines[first..lines.len() - same_tail];
        for line in changed.iter().take(MOST) {
            out.push(format!("  {sign} {line}"));
        }
        if changed.len() > MOST {
            out.push(format!("  {sign} … {} more lines", changed.len() - MOST));
        }
    }
    let end = a.len() - same_tail;
    for line in &a[end..a.len().min(end + CONTEXT)] {
        out.push(format!("    {line}"));
    }
    if a.len() == b.len() && first == a.len() {
        out.push("(the same lines; line endings or a final newline differ)".to_owned());
    }
    Some(out.join("\n"))
}

#[test]
fn a_changed_part_is_named_with_the_lines_around_its_first_difference() {
    let committed = fs::read(committed("立项书.xlsx")).unwrap();
    assert_eq!(xlsx_difference(&committed, &committed), None);
    // The same workbook with one cell of its first sheet changed.
    let mut changed = Vec::new();
    {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut changed));
        for (name, content) in parts(&committed) {
            zip.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
                .unwrap();
            let content = if name == "xl/worksheets/sheet1.xml" {
                let xml = String::from_utf8(content).unwrap();
                assert!(xml.contains("<v>0</v>"), "a shared string 0 in sheet1");
                xml.replacen("<v>0</v>", "<v>1</v>", 1).into_bytes()
            } else {
                content
            };
            zip.write_all(&content).unwrap();
        }
        zip.finish().unwrap();
    }
    let difference = xlsx_difference(&committed, &changed).expect("a difference");
    assert!(
        difference.starts_with("part xl/worksheets/sheet1.xml differs\nfirst difference at line "),
        "{difference}"
    );
    assert!(
        difference.contains("\n  - <v>0</v>\n  + <v>1</v>\n"),
        "{difference}"
    );
    // Re-zipped with the same parts: only the container differs, and that is a difference too.
    let mut rezipped = Vec::new();
    {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut rezipped));
        for (name, content) in parts(&committed) {
            let stored = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored);
            zip.start_file(name.as_str(), stored).unwrap();
            zip.write_all(&content).unwrap();
        }
        zip.finish().unwrap();
    }
    let container = xlsx_difference(&committed, &rezipped).expect("a difference");
    assert!(container.contains("zip container differs"), "{container}");
    // Text files: the changed line, with the lines before it.
    let text = text_difference("a\nb\nc\nd\n", "a\nb\nX\nd\n").expect("a difference");
    assert_eq!(
        text,
        "first difference at line 3:\n    a\n    b\n  - c\n  + X\n    d"
    );
}

fn sheet_xml(path: &Path, sheet: usize) -> String {
    let mut zip = zip::ZipArchive::new(fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name(&format!("xl/worksheets/sheet{sheet}.xml"))
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

/// Every text cell of the first sheet, and the sheet names.
fn texts(path: &Path) -> (Vec<String>, Vec<String>) {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let names = book.sheet_names();
    let range = book.worksheet_range(&names[0]).unwrap();
    let texts = range
        .used_cells()
        .filter_map(|(_, _, d)| match d {
            Data::String(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    (names, texts)
}

#[test]
fn init_innovation_matches_committed_templates() {
    let dir = init("innovation");
    let d = dir.path();
    assert!(d.join("inbox").is_dir());
    same_as_committed(&d.join("taizhang.toml"), &committed("innovation.toml"));
    same_as_committed(&d.join("templates/立项书.xlsx"), &committed("立项书.xlsx"));
    same_as_committed(
        &d.join("templates/进度报告.xlsx"),
        &committed("进度报告.xlsx"),
    );
    same_as_committed(&d.join("templates/立项书.docx"), &committed("立项书.docx"));
    same_as_committed(
        &d.join("templates/进度报告.docx"),
        &committed("进度报告.docx"),
    );
    same_as_committed(
        &d.join("templates/结项报告.xlsx"),
        &committed("结项报告.xlsx"),
    );
    same_as_committed(
        &d.join("templates/结项报告.docx"),
        &committed("结项报告.docx"),
    );
    same_as_committed(
        &d.join("templates/项目责任书模板.docx"),
        &committed("项目责任书模板.docx"),
    );
}

#[test]
fn init_secretary_matches_committed_templates() {
    let dir = init("secretary");
    let d = dir.path();
    same_as_committed(&d.join("taizhang.toml"), &committed("secretary.toml"));
    same_as_committed(
        &d.join("templates/立项书.xlsx"),
        &committed("secretary/立项书.xlsx"),
    );
    same_as_committed(
        &d.join("templates/进度报告.xlsx"),
        &committed("secretary/进度报告.xlsx"),
    );
    same_as_committed(
        &d.join("templates/立项书.docx"),
        &committed("secretary/立项书.docx"),
    );
    same_as_committed(
        &d.join("templates/进度报告.docx"),
        &committed("secretary/进度报告.docx"),
    );
    same_as_committed(
        &d.join("templates/结项报告.xlsx"),
        &committed("secretary/结项报告.xlsx"),
    );
    same_as_committed(
        &d.join("templates/结项报告.docx"),
        &committed("secretary/结项报告.docx"),
    );
    same_as_committed(
        &d.join("templates/项目责任书模板.docx"),
        &committed("secretary/项目责任书模板.docx"),
    );
}

#[test]
fn proposal_form_comes_first_with_every_label() {
    let dir = init("innovation");
    let (names, texts) = texts(&dir.path().join("templates/立项书.xlsx"));
    assert_eq!(names, ["立项书", "填表说明"]);
    assert!(
        texts[0].contains("2018年度基层党建创新项目立项书"),
        "{}",
        texts[0]
    );
    for label in PROPOSAL_LABELS.iter().chain(&["阶段", "起止时间", "内容"]) {
        assert!(
            texts
                .iter()
                .any(|t| t.trim_start_matches('*') == AsRef::<str>::as_ref(&label)),
            "missing label {label}"
        );
    }
    assert!(!texts.iter().any(|t| t == "主要内容" || t == "可行性分析"));
    // Required fields are marked (the reader reads `*项目名称` as 项目名称); the form ends with
    // the seal box.
    assert!(texts.iter().any(|t| t == "*项目名称"), "{texts:?}");
    assert!(texts
        .iter()
        .any(|t| t.contains("（盖章）") && t.contains("年      月      日")));
}

#[test]
fn secretary_proposal_asks_content_and_feasibility() {
    let dir = init("secretary");
    let (_, texts) = texts(&dir.path().join("templates/立项书.xlsx"));
    assert!(
        texts[0].contains("2017年度基层党建“书记项目”立项书"),
        "{}",
        texts[0]
    );
    for label in ["主要内容", "可行性分析", "工作目标", "完成时间"] {
        assert!(
            texts
                .iter()
                .any(|t| t.trim_start_matches('*') == AsRef::<str>::as_ref(&label)),
            "missing label {label}"
        );
    }
    for label in ["项目类别", "参考目录序号"] {
        assert!(
            !texts
                .iter()
                .any(|t| t.trim_start_matches('*') == AsRef::<str>::as_ref(&label)),
            "unexpected label {label}"
        );
    }
}

#[test]
fn progress_form_comes_first_with_every_label() {
    let dir = init("innovation");
    let path = dir.path().join("templates/进度报告.xlsx");
    let (names, texts) = texts(&path);
    assert_eq!(names, ["进度报告", "填表说明"]);
    assert!(texts[0].contains("进度报告"));
    for label in PROGRESS_LABELS {
        assert!(
            texts
                .iter()
                .any(|t| t.trim_start_matches('*') == AsRef::<str>::as_ref(&label)),
            "missing label {label}"
        );
    }
    let xml = sheet_xml(&path, 1);
    assert!(
        xml.contains("正常推进,滞后,已完成,申请延期"),
        "status dropdown"
    );
    assert!(xml.contains(r#"type="decimal""#), "percent validation");
}

#[test]
fn closing_form_comes_first_with_every_label_and_its_choices() {
    let dir = init("innovation");
    let path = dir.path().join("templates/结项报告.xlsx");
    let (names, texts) = texts(&path);
    assert_eq!(names, ["结项报告", "填表说明"]);
    assert!(texts[0].contains("结项报告（自查考评表）"), "{}", texts[0]);
    for label in [
        "项目编号",
        "申报单位",
        "项目名称",
        "目标完成情况",
        "主要成效",
        "佐证材料清单",
        "自评等次",
        "自评得分",
        "存在不足",
        "填报人",
        "填报日期",
    ] {
        assert!(
            texts.iter().any(|t| t.trim_start_matches('*') == label),
            "missing label {label}"
        );
    }
    // Not a progress report: no period, no percent.
    assert!(!texts.iter().any(|t| t.contains("报告期")));
    let xml = sheet_xml(&path, 1);
    assert!(
        xml.contains("全部完成,基本完成,部分完成,未完成"),
        "goals dropdown"
    );
    assert!(xml.contains("优秀,良好,合格,不合格"), "the policy's grades");
    assert!(xml.contains(r#"type="decimal""#), "score validation");
}

#[test]
fn forms_carry_validation_protection_and_a4_setup() {
    let dir = init("innovation");
    let xml = sheet_xml(&dir.path().join("templates/立项书.xlsx"), 1);
    for needle in [
        "<dataValidations",
        r#"type="list""#,
        r#"type="whole""#,
        r#"type="date""#,
        "promptTitle=",
        "<sheetProtection",
        r#"paperSize="9""#,
        r#"fitToPage="1""#,
        r#"horizontalCentered="1""#,
    ] {
        assert!(xml.contains(needle), "sheet1.xml lacks {needle}");
    }
    assert!(xml.contains("创新实践,理论研究"), "category dropdown");
}

#[test]
fn init_refuses_to_overwrite() {
    let tmp = tempfile::tempdir().unwrap();
    let policy = tmp.path().join("taizhang.toml");
    taizhang().arg("init").arg(tmp.path()).assert().success();
    fs::write(&policy, "# 本地修改\n").unwrap();
    taizhang()
        .arg("init")
        .arg(tmp.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("已存在"));
    assert_eq!(fs::read_to_string(&policy).unwrap(), "# 本地修改\n");
    taizhang()
        .arg("init")
        .arg(tmp.path())
        .arg("--force")
        .assert()
        .success();
    assert!(fs::read_to_string(&policy)
        .unwrap()
        .contains("preset = \"innovation\""));
}

#[test]
fn init_year_moves_policy_and_titles() {
    let tmp = tempfile::tempdir().unwrap();
    taizhang()
        .arg("init")
        .arg(tmp.path())
        .args(["--year", "2019"])
        .assert()
        .success();
    let policy = fs::read_to_string(tmp.path().join("taizhang.toml")).unwrap();
    assert!(policy.contains("\nyear = 2019\n"));
    assert!(policy.contains("submission_deadline = 2019-04-04"));
    let (_, texts) = texts(&tmp.path().join("templates/立项书.xlsx"));
    assert!(texts[0].starts_with("2019年度"), "{}", texts[0]);
}

#[test]
fn init_rejects_bad_preset_and_year() {
    let tmp = tempfile::tempdir().unwrap();
    taizhang()
        .arg("init")
        .arg(tmp.path())
        .args(["--preset", "party"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("未知的预设"));
    taizhang()
        .arg("init")
        .arg(tmp.path())
        .args(["--year", "18"])
        .assert()
        .code(2);
    assert!(!tmp.path().join("taizhang.toml").exists());
}

/// A value typed into a template cell.
enum Typed<'a> {
    Text(&'a str),
    Number(f64),
}

/// Copies `template` to `out` with `cells` typed into its form sheet, as a unit would: each cell
/// keeps the template's style (date, percent, text formats).
fn fill(template: &Path, out: &Path, cells: &[(&str, Typed)]) {
    let mut zip = zip::ZipArchive::new(fs::File::open(template).unwrap()).unwrap();
    let mut writer = zip::ZipWriter::new(fs::File::create(out).unwrap());
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            let mut xml = String::from_utf8(data).unwrap();
            for (cell, value) in cells {
                let blank = regex::Regex::new(&format!(r#"<c r="{cell}"( s="\d+")?/>"#)).unwrap();
                let found = blank
                    .captures(&xml)
                    .unwrap_or_else(|| panic!("no blank {cell}"));
                let style = found.get(1).map_or("", |m| m.as_str());
                let typed = match value {
                    Typed::Text(t) => {
                        format!(r#"<c r="{cell}"{style} t="inlineStr"><is><t>{t}</t></is></c>"#)
                    }
                    Typed::Number(n) => format!(r#"<c r="{cell}"{style}><v>{n}</v></c>"#),
                };
                xml = xml.replacen(found.get(0).unwrap().as_str(), &typed, 1);
            }
            data = xml.into_bytes();
        }
        writer
            .start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        writer.write_all(&data).unwrap();
    }
    writer.finish().unwrap();
}

/// `check --format json --policy DIR/taizhang.toml` on one file: its entry in `files`.
fn check_json(dir: &Path, path: &Path) -> serde_json::Value {
    let out = taizhang()
        .arg("check")
        .arg(path)
        .arg("--policy")
        .arg(dir.join("taizhang.toml"))
        .args(["--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json["files"][0].clone()
}

#[test]
fn blank_template_reads_as_a_form_with_nothing_filled() {
    let dir = init("innovation");
    let file = check_json(dir.path(), &dir.path().join("templates/立项书.xlsx"));
    assert_eq!(file["kind"], "proposal");
    let problems = file["problems"].as_array().unwrap();
    assert!(!problems.is_empty());
    // A blank optional cell reads as blank, never as the next row's label.
    for p in problems {
        assert_eq!(p["code"], "E_REQUIRED", "{p}");
    }
}

#[test]
fn filled_templates_check_clean() {
    let dir = init("innovation");
    let t = dir.path().join("templates");
    let proposal = dir.path().join("inbox/田家庵区委-立项书.xlsx");
    fill(
        &t.join("立项书.xlsx"),
        &proposal,
        &[
            ("B3", Typed::Text("田家庵区委")),
            ("B4", Typed::Text("网格化党建示范工程")),
            ("B5", Typed::Text("创新实践")),
            ("B6", Typed::Number(5.0)),
            ("B7", Typed::Text("全区各村（社区）党组织")),
            ("B8", Typed::Text("建成20个网格化党建示范点，覆盖全部社区")),
            (
                "B9",
                Typed::Text("一是摸底排查；二是划分网格；三是考核评比"),
            ),
            ("B10", Typed::Number(43160.0)), // 2018-03-01
            ("B11", Typed::Number(43465.0)), // 2018-12-31
            ("B12", Typed::Text("经验材料、制度汇编")),
            ("B13", Typed::Text("田家庵区委组织部")),
            ("B14", Typed::Text("张三")),
            ("B15", Typed::Text("区委常委、组织部部长")),
            ("B16", Typed::Text("李四、王五、赵六")),
            ("B17", Typed::Text("13805546677")),
            ("B18", Typed::Number(2.0)),
            ("B19", Typed::Number(43190.0)), // 2018-03-31
            ("A21", Typed::Text("第一阶段")),
            ("B21", Typed::Text("2018年3月—2018年4月")),
            ("C21", Typed::Text("调研摸底")),
        ],
    );
    let file = check_json(dir.path(), &proposal);
    assert_eq!(file["kind"], "proposal");
    assert_eq!(file["problems"], serde_json::json!([]), "{file}");
    let record = &file["record"];
    assert_eq!(record["category"], "A");
    assert_eq!(record["topic"], 5);
    assert_eq!(record["deadline"], "2018-12-31");
    assert_eq!(record["members"].as_array().unwrap().len(), 3);
    assert_eq!(record["milestones"][0]["end"], "2018-04-30");

    let progress = dir.path().join("inbox/田家庵区委-进度报告.xlsx");
    fill(
        &t.join("进度报告.xlsx"),
        &progress,
        &[
            ("B3", Typed::Text("2018-001")),
            ("B4", Typed::Text("田家庵区委")),
            ("B5", Typed::Text("网格化党建示范工程")),
            ("B6", Typed::Text("2018-06")),
            ("B7", Typed::Number(0.6)), // the 0% cell: shown as 60%
            ("B8", Typed::Text("正常推进")),
            ("B10", Typed::Text("完成了摸底排查工作")),
        ],
    );
    let file = check_json(dir.path(), &progress);
    assert_eq!(file["kind"], "progress");
    assert_eq!(file["problems"], serde_json::json!([]), "{file}");
    assert_eq!(file["record"]["percent"], 60.0);
    assert_eq!(file["record"]["period"], "2018-06");

    let closing = dir.path().join("inbox/田家庵区委-结项报告.xlsx");
    fill(
        &t.join("结项报告.xlsx"),
        &closing,
        &[
            ("B3", Typed::Text("2018-001")),
            ("B4", Typed::Text("田家庵区委")),
            ("B5", Typed::Text("网格化党建示范工程")),
            ("B6", Typed::Text("全部完成")),
            ("B7", Typed::Text("建成20个示范网格，形成网格党建工作制度")),
            ("B8", Typed::Text("1.项目总结报告；2.活动照片10张")),
            ("B9", Typed::Text("良好")),
            ("B10", Typed::Number(88.5)),
        ],
    );
    let file = check_json(dir.path(), &closing);
    assert_eq!(file["kind"], "closing");
    assert_eq!(file["problems"], serde_json::json!([]), "{file}");
    let record = &file["record"];
    assert_eq!(record["project_id"], "2018-001");
    assert_eq!(record["goals_met"], "全部完成");
    assert_eq!(record["self_grade"], "良好");
    assert_eq!(record["self_score"], 88.5);
    assert!(record["materials_list"]
        .as_str()
        .unwrap()
        .contains("活动照片"));
}
