//! Mail intake (.eml, .zip), reply notices and not-sent units, end to end through the binary.

use std::io::Write;
use std::path::Path;

use crate::common::*;

const POLICY: &[&str] = &["--policy", "samples/taizhang.toml"];

fn form(name: &str) -> Vec<u8> {
    std::fs::read(Path::new("samples/inbox/2018-03-立项").join(name)).unwrap()
}

/// A zip written by the zip crate with UTF-8 names.
fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut buf);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        z.start_file(*name, options).unwrap();
        z.write_all(data).unwrap();
    }
    z.finish().unwrap();
    buf.into_inner()
}

/// A minimal mail with one base64 attachment.
fn eml_with(name: &str, data: &[u8]) -> Vec<u8> {
    use base64_free::encode;
    format!(
        "From: test <unit@example.cn>\r\nSubject: test\r\nDate: Thu, 29 Mar 2018 09:12:00 +0800\r\n\
         MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n\
         Content-Type: text/plain; charset=UTF-8\r\n\r\n见附件\r\n--b\r\n\
         Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\
         Content-Disposition: attachment; filename*=UTF-8''{}\r\n\r\n{}\r\n--b--\r\n",
        name.bytes().map(|b| format!("%{b:02X}")).collect::<String>(),
        encode(data)
    )
    .into_bytes()
}

/// Base64 without a dependency: the tests only need to write it.
mod base64_free {
    pub fn encode(data: &[u8]) -> String {
        const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::new();
        for (i, c) in data.chunks(3).enumerate() {
            if i > 0 && i % 19 == 0 {
                out.push_str("\r\n");
            }
            let n = (u32::from(c[0]) << 16)
                | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
                | u32::from(*c.get(2).unwrap_or(&0));
            for k in 0..4 {
                out.push(if k <= c.len() {
                    T[((n >> (18 - 6 * k)) & 63) as usize] as char
                } else {
                    '='
                });
            }
        }
        out
    }
}

fn paths(json: &serde_json::Value) -> Vec<String> {
    json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().replace('\\', "/"))
        .collect()
}

#[test]
fn sample_mails_keep_chinese_names_and_provenance_in_json() {
    let (json, code) = check_json(&[Path::new("samples/mail")], POLICY);
    assert_eq!(code, 1, "the sample mails hold flawed forms");
    let paths = paths(&json);
    assert_eq!(paths.len(), 7, "{paths:#?}");
    assert!(paths.contains(
        &"samples/mail/大通区委-压缩包.eml › 大通区委立项书.zip › 大通区委立项书/大通区委 社区党校立项书.xlsx"
            .to_owned()
    ));
    assert!(paths.contains(&"samples/mail/寿县县委-立项书和说明.eml › 项目说明.pdf".to_owned()));
    let files = json["files"].as_array().unwrap();
    let by = |suffix: &str| {
        files
            .iter()
            .find(|f| f["path"].as_str().unwrap().ends_with(suffix))
            .unwrap()
    };
    let gbk = by("大通区委 社区党校立项书.xlsx");
    assert_eq!(codes(gbk), vec!["E_DATE"]);
    assert_eq!(
        gbk["mail"]["subject"], "大通区委立项书（压缩包）",
        "GB18030 subject"
    );
    assert_eq!(gbk["mail"]["from"], "dtqwzzb@example.cn");
    assert_eq!(gbk["mail"]["from_name"], "大通区委组织部");
    assert_eq!(gbk["mail"]["date"], "2018-03-30 16:40");
    assert_eq!(by("项目说明.pdf")["kind"], "skipped");
    assert_eq!(
        codes(by("田家庵区委 新业态党建立项书.xlsx")),
        vec!["E_REQUIRED"]
    );
    assert_eq!(codes(by("寿县县委 党建品牌立项书.xlsx")), vec!["E_TOPIC"]);
    assert_eq!(json["summary"]["skipped"], 1);
    // A plain file has no "mail" key: SPEC §5's shape is unchanged.
    let (plain, _) = check_json(&[Path::new("samples/inbox/2018-04/空白.xlsx")], POLICY);
    assert!(plain["files"][0].get("mail").is_none());
}

/// `taizhang merge samples/mail/` into a fresh ledger: the folder and the ledger's path.
fn merge_sample_mails() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tmp();
    let ledger = at(dir.path(), "台账.xlsx");
    taizhang()
        .arg("merge")
        .arg("samples/mail/")
        .arg("--ledger")
        .arg(&ledger)
        .args(POLICY)
        .assert()
        .code(1)
        .stdout(predicates::str::contains("新增 3 个"));
    approve_all(&ledger, Some(std::path::Path::new("samples/taizhang.toml")));
    (dir, ledger)
}

#[test]
fn merge_of_the_sample_mails_fills_the_ledger_with_names_and_provenance() {
    let (_dir, ledger) = merge_sample_mails();
    use calamine::{Reader, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook(&ledger).unwrap();
    let sources = book.worksheet_range("来源文件").unwrap();
    let rows: Vec<Vec<String>> = sources
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(
        &rows[0][6..],
        &["发件人", "邮件主题", "发送时间"].map(String::from)
    );
    let zipped = rows
        .iter()
        .find(|r| r[0].ends_with("大通区委立项书/大通区委-红色网格-立项书.xlsx"))
        .expect("a form from the GBK zip was merged");
    assert_eq!(zipped[6], "大通区委组织部 <dtqwzzb@example.cn>");
    assert_eq!(zipped[7], "大通区委立项书（压缩包）");
    assert_eq!(zipped[8], "2018-03-30 16:40");
    let projects = book.worksheet_range("项目台账").unwrap();
    let text: Vec<String> = projects
        .rows()
        .flat_map(|r| r.iter().map(|c| c.to_string()))
        .collect();
    assert!(text.contains(&"田家庵区委-立项书两份.eml › 田家庵区委-立项书.xlsx".to_owned()));
}

#[test]
fn dot_dot_entries_are_names_and_nested_zips_in_mails_open() {
    let dir = tmp();
    let good = form("田家庵区委-立项书.xlsx");
    let inner = zip_of(&[("../../逃逸/立项书.xlsx", &good)]);
    let outer = zip_of(&[("材料/内层.zip", &inner), ("/etc/passwd", b"root")]);
    std::fs::write(at(dir.path(), "信件.eml"), eml_with("打包.zip", &outer)).unwrap();
    let (json, _) = check_json(&[dir.path()], POLICY);
    let paths = paths(&json);
    assert_eq!(paths.len(), 2, "{paths:#?}");
    assert!(paths[0].ends_with("信件.eml › 打包.zip › 材料/内层.zip › ../../逃逸/立项书.xlsx"));
    assert_eq!(json["files"][0]["kind"], "proposal");
    assert!(paths[1].ends_with("信件.eml › 打包.zip › /etc/passwd"));
    assert_eq!(json["files"][1]["kind"], "skipped");
    assert!(!dir.path().join("逃逸").exists() && !Path::new("逃逸").exists());
    let only: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(only.len(), 1, "nothing extracted to disk");
}

#[test]
fn corrupt_and_empty_containers_give_one_result_each() {
    let dir = tmp();
    std::fs::write(at(dir.path(), "坏.zip"), b"PK\x03\x04 truncated").unwrap();
    std::fs::write(at(dir.path(), "坏.eml"), [0u8, 159, 146, 150, 1, 2]).unwrap();
    std::fs::write(
        at(dir.path(), "空.eml"),
        eml_with("说明.pdf", b"not a form"),
    )
    .unwrap();
    std::fs::write(at(dir.path(), "空.zip"), zip_of(&[("readme.txt", b"hi")])).unwrap();
    let (json, code) = check_json(&[dir.path()], POLICY);
    assert_eq!(code, 1);
    let files = json["files"].as_array().unwrap();
    assert_eq!(files.len(), 4, "{files:#?}");
    let want = [
        ("坏.eml", "E_UNREADABLE"),
        ("坏.zip", "E_UNREADABLE"),
        ("空.eml", "E_NO_SPREADSHEET"),
        ("空.zip", "E_NO_SPREADSHEET"),
    ];
    for (f, (name, code)) in files.iter().zip(want) {
        assert!(f["path"].as_str().unwrap().ends_with(name), "{f}");
        assert_eq!(f["kind"], "unknown");
        assert_eq!(codes(f), vec![code]);
    }
    assert!(files[2]["problems"][0]["message"]
        .as_str()
        .unwrap()
        .contains("说明.pdf"));
}

#[test]
fn a_zip_bomb_is_refused_before_inflating() {
    let dir = tmp();
    let zeros = vec![0u8; 64 * 1024 * 1024];
    std::fs::write(
        at(dir.path(), "炸弹.zip"),
        zip_of(&[("立项书.xlsx", &zeros)]),
    )
    .unwrap();
    assert!(std::fs::metadata(at(dir.path(), "炸弹.zip")).unwrap().len() < 1024 * 1024);
    let (json, code) = check_json(&[dir.path()], &["--max-file-mb", "1"]);
    assert_eq!(code, 1);
    let f = &json["files"][0];
    assert_eq!(codes(f), vec!["E_TOO_LARGE"]);
    assert!(f["problems"][0]["message"]
        .as_str()
        .unwrap()
        .contains("超过上限"));
}

#[test]
fn gbk_entry_names_without_the_utf8_flag_are_read_as_windows_wrote_them() {
    // The sample zip (inside a mail) is the real case; here the unit-level decoder alone.
    let name = encoding_rs::GBK.encode("大通区委/立项书.xlsx").0;
    assert!(std::str::from_utf8(&name).is_err());
    assert_eq!(
        taizhang::intake::archive::entry_name(&name),
        "大通区委/立项书.xlsx"
    );
    assert_eq!(
        taizhang::intake::archive::entry_name("a\\b.xlsx".as_bytes()),
        "a/b.xlsx"
    );
}

#[test]
fn replies_are_drafts_that_parse_back_with_address_subject_and_problems() {
    let dir = tmp();
    let out = at(dir.path(), "回复");
    taizhang()
        .arg("check")
        .arg("samples/mail")
        .args(POLICY)
        .arg("--replies")
        .arg(&out)
        .assert()
        .code(1);
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "回复清单.txt",
            "大通区委-退回修改.eml",
            "大通区委-退回修改.txt",
            "寿县县委-退回修改.eml",
            "寿县县委-退回修改.txt",
            "田家庵区委-退回修改.eml",
            "田家庵区委-退回修改.txt",
        ]
    );
    let raw = std::fs::read(out.join("大通区委-退回修改.eml")).unwrap();
    let mail = mail_parser::MessageParser::default().parse(&raw).unwrap();
    let to = mail.to().and_then(|a| a.first()).unwrap();
    assert_eq!(to.address(), Some("dtqwzzb@example.cn"));
    assert_eq!(
        mail.subject(),
        Some("【退回修改】2018年度基层党建创新项目立项书")
    );
    assert_eq!(mail.header_raw("X-Unsent").map(str::trim), Some("1"));
    // Dated in the office's time zone, not UTC.
    let date = mail.header_raw("Date").unwrap().trim().to_owned();
    assert!(date.ends_with("+0800"), "{date}");
    assert_eq!(mail.date().map(|d| d.tz_hour), Some(8), "{date}");
    let body = mail.body_text(0).unwrap().replace("\r\n", "\n");
    let lines: Vec<&str> = body.lines().collect();
    assert_eq!(lines[0], "大通区委：");
    assert!(lines.iter().any(|l| l.starts_with("一、《大通区委立项书.zip › 大通区委立项书/大通区委 社区党校立项书.xlsx》（2018-03-30 16:40 来信“大通区委立项书（压缩包）”）")), "{body}");
    assert!(
        lines
            .iter()
            .any(|l| l.contains("1. 错误：“完成时间”无法识别：“明年春天”（立项书!B11）")),
        "{body}"
    );
    assert!(
        lines.iter().any(|l| l.contains("以下文件审核通过")),
        "{body}"
    );
    assert!(
        lines.iter().any(|l| l.contains("前重新报送")),
        "resend_days in the policy: {body}"
    );
    assert!(lines.contains(&"淮南市委组织部组织一科"), "{body}");
    let txt = std::fs::read_to_string(out.join("大通区委-退回修改.txt")).unwrap();
    assert!(
        txt.replace("\r\n", "\n").contains(body.trim_end()),
        "the .txt holds the same letter"
    );
}

#[test]
fn ack_writes_a_receipt_for_units_whose_files_were_all_good() {
    let dir = tmp();
    std::fs::write(
        at(dir.path(), "好.eml"),
        eml_with(
            "东方医院集团党委-立项书.xlsx",
            &form("东方医院集团党委-立项书.xlsx"),
        ),
    )
    .unwrap();
    let out = at(dir.path(), "回复");
    taizhang()
        .arg("check")
        .arg(at(dir.path(), "好.eml"))
        .args(POLICY)
        .args(["--replies"])
        .arg(&out)
        .assert()
        .success();
    assert!(
        std::fs::read_dir(&out).unwrap().next().is_none(),
        "no ack unless asked"
    );
    taizhang()
        .arg("check")
        .arg(at(dir.path(), "好.eml"))
        .args(POLICY)
        .arg("--replies")
        .arg(&out)
        .arg("--ack")
        .assert()
        .success();
    let raw = std::fs::read(out.join("东方医院集团党委-已收到.eml")).unwrap();
    let mail = mail_parser::MessageParser::default().parse(&raw).unwrap();
    assert_eq!(
        mail.subject(),
        Some("【已收到】2018年度基层党建创新项目立项书")
    );
    assert_eq!(
        mail.to().and_then(|a| a.first()).and_then(|a| a.address()),
        Some("unit@example.cn")
    );
    assert!(mail
        .body_text(0)
        .unwrap()
        .contains("已收到，经审核符合要求"));
    taizhang()
        .arg("check")
        .arg(dir.path())
        .arg("--ack")
        .assert()
        .code(2);
}

#[test]
fn check_lists_units_that_sent_nothing_valid() {
    let (json, _) = check_json(&[Path::new("samples/mail")], POLICY);
    let stages = json["missing_units"].as_array().unwrap();
    assert_eq!(stages.len(), 1);
    assert_eq!(stages[0]["stage"], "proposal");
    let units: Vec<&str> = stages[0]["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u.as_str().unwrap())
        .collect();
    assert!(
        units.contains(&"寿县县委"),
        "its only proposal has an error"
    );
    assert!(!units.contains(&"田家庵区委") && !units.contains(&"大通区委"));
    let out = taizhang()
        .arg("check")
        .arg("samples/mail")
        .args(POLICY)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("未报送有效立项书的单位（10 个）"), "{text}");
    // The same list in the report, one row per unit, and the unit sheets by sender.
    let dir = tmp();
    let report = at(dir.path(), "校验报告.xlsx");
    taizhang()
        .arg("check")
        .arg("samples/mail")
        .args(POLICY)
        .arg("--report")
        .arg(&report)
        .output()
        .unwrap();
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&report).unwrap();
    let names = book.sheet_names();
    assert!(names.contains(&"寿县县委".to_owned()), "{names:?}");
    let missing = book.worksheet_range("未报送单位").unwrap();
    assert_eq!(missing.height(), 1 + 10);
    let listed: Vec<String> = (1..missing.height())
        .map(|r| missing.get((r, 0)).unwrap().to_string())
        .collect();
    assert!(listed.contains(&"寿县县委".to_owned()), "{listed:?}");
    assert_eq!(missing.get((1, 1)).unwrap().to_string(), "立项书");
    let (june, _) = check_json(&[Path::new("samples/inbox/2018-06")], POLICY);
    assert_eq!(june["missing_units"][0]["period"], "2018-06");
    assert!(
        june["missing_units"][0]["units"]
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u == "市直机关工委"),
        "its June report has E_PERCENT"
    );
}

#[test]
fn status_lists_units_with_no_project_and_no_report() {
    let (dir, ledger) = merge_sample_mails();
    let out = taizhang()
        .arg("status")
        .arg("--ledger")
        .arg(&ledger)
        .args(["--as-of", "2018-06-30", "--out"])
        .arg(at(dir.path(), "汇总.xlsx"))
        .args(POLICY)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("尚未申报项目的单位（10 个）"), "{text}");
    assert!(text.contains("寿县县委"), "{text}");
    assert!(
        text.contains("2018年6月进度报告一份也未报送的单位（2 个）：田家庵区委、大通区委"),
        "{text}"
    );
}

#[test]
fn unreadable_files_are_answered_to_the_unit_their_name_gives() {
    let dir = tmp();
    let out = at(dir.path(), "回复");
    taizhang()
        .arg("check")
        .arg("samples/inbox/2018-04")
        .args(POLICY)
        .arg("--replies")
        .arg(&out)
        .assert()
        .code(1);
    let read = |name: &str| std::fs::read_to_string(out.join(name)).unwrap();
    // Encrypted and damaged reports: no form to read the unit from, but their names say it.
    assert!(read("八公山区委-退回修改.txt").contains("八公山区委-一村一品-进度报告（4月）.xlsx"));
    assert!(read("潘集区委-退回修改.txt").contains("潘集区委-双推双评-进度报告（4月）.xlsx"));
    // A sign-in sheet names no unit: no letter to 你单位 without a recipient; the clerk gets it
    // listed, on the screen and in the folder's index.
    assert!(!out.join("未识别单位-退回修改.txt").exists());
    assert!(!out.join("未识别单位-退回修改.eml").exists());
    let index = read("回复清单.txt");
    assert!(index.contains("无法确定报送单位"), "{index}");
    assert!(index.contains("4月推进会签到表.xlsx"), "{index}");
    assert!(index.contains("八公山区委-退回修改.eml"), "{index}");
    let run = taizhang()
        .arg("check")
        .arg("samples/inbox/2018-04")
        .args(POLICY)
        .arg("--replies")
        .arg(&out)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&run.stderr);
    assert!(said.contains("无法确定报送单位"), "{said}");
    assert!(said.contains("4月推进会签到表.xlsx  退回："), "{said}");
}

#[test]
fn letters_carry_the_office_phone_from_the_policy() {
    let dir = tmp();
    // `[office]` after the last table of the sample policy.
    let policy = format!(
        "{}\n[office]\nphone = \"0554-6661234\"\n",
        std::fs::read_to_string("samples/taizhang.toml").unwrap()
    );
    let path = at(dir.path(), "taizhang.toml");
    std::fs::write(&path, &policy).unwrap();
    let out = at(dir.path(), "回复");
    taizhang()
        .arg("check")
        .arg("samples/mail")
        .arg("--policy")
        .arg(&path)
        .arg("--replies")
        .arg(&out)
        .assert()
        .code(1);
    let raw = std::fs::read(out.join("大通区委-退回修改.eml")).unwrap();
    let mail = mail_parser::MessageParser::default().parse(&raw).unwrap();
    let body = mail.body_text(0).unwrap().replace("\r\n", "\n");
    assert!(
        body.contains("淮南市委组织部组织一科\n联系电话：0554-6661234\n"),
        "{body}"
    );
}
