//! Resends and `check --ledger`, end to end through the binary: a flawed form then its corrected
//! resend is one file superseded and one good file (check, JSON, report, replies, merge); a check
//! against the ledger says what merge would (E_NO_PROJECT) and leaves out who sent already.

use std::path::{Path, PathBuf};

use crate::common::*;

/// The innovation preset with three listed units.
fn policy(dir: &Path) -> PathBuf {
    let path = at(dir, "policy.toml");
    let mut text = taizhang::policy::INNOVATION_TOML.to_owned();
    for unit in ["田家庵区委", "潘集区委", "寿县县委"] {
        text.push_str(&format!(
            "\n[[units]]\nname = \"{unit}\"\ntype = \"县区\"\n"
        ));
    }
    std::fs::write(&path, text).unwrap();
    path
}

fn proposal_book(path: &Path, pairs: &[(&'static str, V)]) {
    write_book(
        path,
        &[sheet(
            "立项书",
            rows("2018年度基层党建创新项目立项书", pairs),
        )],
    );
}

fn report_book(path: &Path, pairs: &[(&'static str, V)]) {
    write_book(path, &[sheet("进度报告", rows("进度报告", pairs))]);
}

fn flawed_proposal() -> Vec<(&'static str, V)> {
    with(good_proposal(), "完成时间", Some(V::T("明年春天")))
}

/// Sets a file's modification time to `secs` after 1 January 2018.
fn touch(path: &Path, secs: u64) {
    let when = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_514_736_000 + secs);
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_modified(when).unwrap();
}

/// The inbox of a unit that sent a flawed proposal, then the corrected one.
fn resent_inbox(d: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let inbox = at(d, "inbox");
    std::fs::create_dir(&inbox).unwrap();
    let first = at(&inbox, "田家庵区委-立项书.xlsx");
    let again = at(&inbox, "田家庵区委-立项书（修改稿）.xlsx");
    proposal_book(&first, &flawed_proposal());
    proposal_book(&again, &good_proposal());
    touch(&first, 0);
    touch(&again, 3600);
    (inbox, first, again)
}

fn run(args: &[&std::ffi::OsStr]) -> (i32, String) {
    let out = taizhang().args(args).output().unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn a_corrected_resend_supersedes_the_flawed_original_in_json_and_text() {
    let dir = tmp();
    let d = dir.path();
    let (inbox, first, again) = resent_inbox(d);
    let (json, code) = check_json(&[&inbox], &[]);
    assert_eq!(
        code, 0,
        "a superseded file does not make the run fail: {json}"
    );
    let files = json["files"].as_array().unwrap();
    assert_eq!(files.len(), 2, "every input keeps its result");
    assert_eq!(files[0]["path"], first.display().to_string());
    assert_eq!(files[0]["superseded_by"], again.display().to_string());
    assert_eq!(files[0]["ok"], false);
    assert_eq!(codes(&files[0]), ["E_DATE"], "its problems stay listed");
    assert_eq!(codes(&files[1]), Vec::<String>::new(), "no W_DUPLICATE");
    assert!(
        files[1].get("superseded_by").is_none(),
        "absent when not superseded"
    );
    assert_eq!(
        json["summary"],
        serde_json::json!({"files": 2, "ok": 1, "with_errors": 0, "warnings": 0, "skipped": 0, "superseded": 1})
    );
    let (code, text) = run(&["check".as_ref(), inbox.as_os_str()]);
    assert_eq!(code, 0, "{text}");
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].ends_with(
            "已由后来的文件取代：田家庵区委-立项书（修改稿）.xlsx（不再退回，问题仅供参考）"
        ),
        "{text}"
    );
    assert!(lines[1].starts_with("    （供参考）错误 E_DATE"), "{text}");
    assert!(
        lines[2].ends_with("（修改稿）.xlsx  [立项书]  通过"),
        "{text}"
    );
    assert!(lines[3].ends_with("1 个已由后来的文件取代"), "{text}");
}

#[test]
fn later_is_the_modification_time_before_path_order() {
    let dir = tmp();
    let d = dir.path();
    // The corrected file sorts first by name but was saved later.
    let (a, b) = (at(d, "a.xlsx"), at(d, "b.xlsx"));
    proposal_book(&a, &good_proposal());
    proposal_book(&b, &flawed_proposal());
    touch(&a, 3600);
    touch(&b, 0);
    let (json, code) = check_json(&[d], &[]);
    assert_eq!(code, 0, "{json}");
    assert_eq!(json["files"][1]["superseded_by"], a.display().to_string());
    assert_eq!(codes(&json["files"][0]), Vec::<String>::new());
    // Saved in path order instead: the flawed file came after the good one, it is returned, and
    // it is a duplicate of the good one as before.
    touch(&a, 0);
    touch(&b, 3600);
    let (json, code) = check_json(&[d], &[]);
    assert_eq!(code, 1, "{json}");
    assert!(json["files"][1].get("superseded_by").is_none());
    assert_eq!(codes(&json["files"][1]), ["E_DATE", "W_DUPLICATE"]);
    // Two valid copies of one project stay duplicates.
    proposal_book(&b, &good_proposal());
    let (json, code) = check_json(&[d], &[]);
    assert_eq!(code, 0, "{json}");
    assert_eq!(codes(&json["files"][1]), ["W_DUPLICATE"]);
}

/// A mail sent at `secs` after 2018-03-29 01:00 UTC, from the unit, with one attachment.
fn mail(path: &Path, secs: i64, attachment: &str, form: &Path) {
    let bytes = std::fs::read(form).unwrap();
    let eml = mail_builder::MessageBuilder::new()
        .from(("田家庵区委", "dangjian@tja.gov.cn"))
        .subject("报送立项书")
        .date(1_522_285_200 + secs)
        .text_body("见附件")
        .attachment("application/octet-stream", attachment, bytes)
        .write_to_vec()
        .unwrap();
    std::fs::write(path, eml).unwrap();
}

#[test]
fn later_is_the_mail_date_first() {
    let dir = tmp();
    let d = dir.path();
    let (good, flawed) = (at(d, "good.xlsx"), at(d, "flawed.xlsx"));
    proposal_book(&good, &good_proposal());
    proposal_book(&flawed, &flawed_proposal());
    let inbox = at(d, "inbox");
    std::fs::create_dir(&inbox).unwrap();
    // 1.eml (first by name, saved last) is the correction sent a day after 2.eml.
    mail(&at(&inbox, "2.eml"), 0, "立项书.xlsx", &flawed);
    mail(&at(&inbox, "1.eml"), 86_400, "立项书.xlsx", &good);
    touch(&at(&inbox, "2.eml"), 3600);
    touch(&at(&inbox, "1.eml"), 0);
    let (json, code) = check_json(&[&inbox], &[]);
    assert_eq!(code, 0, "{json}");
    let files = json["files"].as_array().unwrap();
    assert!(files[1]["path"]
        .as_str()
        .unwrap()
        .starts_with(&at(&inbox, "2.eml").display().to_string()));
    assert!(
        files[1]["superseded_by"]
            .as_str()
            .unwrap()
            .contains("1.eml"),
        "{json}"
    );
}

#[test]
fn the_report_and_the_replies_do_not_ask_for_a_replaced_file() {
    use calamine::{open_workbook, Reader, Xlsx};
    let dir = tmp();
    let d = dir.path();
    let (inbox, _, _) = resent_inbox(d);
    let policy = policy(d);
    let (report, replies) = (at(d, "校验报告.xlsx"), at(d, "回复"));
    let (code, text) = run(&[
        "check".as_ref(),
        inbox.as_os_str(),
        "--policy".as_ref(),
        policy.as_os_str(),
        "--report".as_ref(),
        report.as_os_str(),
        "--replies".as_ref(),
        replies.as_os_str(),
        "--ack".as_ref(),
    ]);
    assert_eq!(code, 0, "{text}");
    let mut book: Xlsx<_> = open_workbook(&report).unwrap();
    assert!(
        !book.sheet_names().contains(&"田家庵区委".to_owned()),
        "no sheet of problems to correct: {:?}",
        book.sheet_names()
    );
    let files = book.worksheet_range("文件清单").unwrap();
    let cells: Vec<String> = files.used_cells().map(|(_, _, c)| c.to_string()).collect();
    assert!(
        cells.contains(&"已由后来的文件取代（田家庵区委-立项书（修改稿）.xlsx）".to_owned()),
        "{cells:?}"
    );
    assert!(!cells.contains(&"退回修改".to_owned()), "{cells:?}");
    let problems = book.worksheet_range("问题清单").unwrap();
    let row: Vec<String> = problems
        .rows()
        .nth(1)
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(row[3], "供参考（已取代）");
    assert_eq!(row[7], "E_DATE");
    assert!(!at(&replies, "田家庵区委-退回修改.txt").exists());
    let ack = std::fs::read_to_string(at(&replies, "田家庵区委-已收到.txt")).unwrap();
    assert!(ack.contains("经审核符合要求"), "{ack}");
    assert!(
        ack.contains("《田家庵区委-立项书.xlsx》（已由《田家庵区委-立项书（修改稿）.xlsx》取代）"),
        "{ack}"
    );
}

fn merge(paths: &[&Path], ledger: &Path, policy: &Path) -> (i32, String) {
    let mut args: Vec<&std::ffi::OsStr> = vec!["merge".as_ref()];
    args.extend(paths.iter().map(|p| p.as_os_str()));
    args.extend([
        "--ledger".as_ref(),
        ledger.as_os_str(),
        "--policy".as_ref(),
        policy.as_os_str(),
    ]);
    run(&args)
}

#[test]
fn merge_leaves_the_replaced_file_out_and_counts_it() {
    use taizhang::ledger::Ledger;
    let dir = tmp();
    let d = dir.path();
    let (inbox, _, _) = resent_inbox(d);
    let policy = policy(d);
    let ledger = at(d, "台账.xlsx");
    let (code, text) = merge(&[&inbox], &ledger, &policy);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("田家庵区委-立项书.xlsx  [立项书]  已取代（由 田家庵区委-立项书（修改稿）.xlsx 取代，问题仅供参考）"),
        "{text}"
    );
    assert!(text.contains("    （供参考）错误 E_DATE"), "{text}");
    assert!(
        text.contains("（修改稿）.xlsx  [立项书]  新立项（2018-001）"),
        "{text}"
    );
    assert!(text.contains("退回 0 个文件，已取代 1 个"), "{text}");
    assert!(!text.contains("W_DUPLICATE"), "{text}");
    let l = Ledger::read(&ledger).unwrap();
    assert_eq!(l.project_rows().count(), 1);
    assert_eq!(l.sources.rows.len(), 1, "the replaced file is not merged");
}

/// A ledger holding 田家庵区委's and 潘集区委's projects and 潘集区委's May report.
fn ledger_with_two_units(d: &Path, policy: &Path) -> PathBuf {
    let earlier = at(d, "earlier");
    std::fs::create_dir(&earlier).unwrap();
    proposal_book(&at(&earlier, "1.xlsx"), &good_proposal());
    let pan = with(good_proposal(), "申报单位", Some(V::T("潘集区委")));
    let pan = with(pan, "项目名称", Some(V::T("潘集区党员先锋岗建设工程")));
    proposal_book(&at(&earlier, "2.xlsx"), &pan);
    let may = with(good_progress(), "申报单位", Some(V::T("潘集区委")));
    let may = with(may, "项目名称", Some(V::T("潘集区党员先锋岗建设工程")));
    report_book(&at(&earlier, "3.xlsx"), &may);
    let ledger = at(d, "台账.xlsx");
    let (code, text) = merge(&[&earlier], &ledger, policy);
    assert_eq!(code, 0, "{text}");
    ledger
}

#[test]
fn check_against_the_ledger_says_what_merge_would_and_leaves_it_untouched() {
    let dir = tmp();
    let d = dir.path();
    let policy = policy(d);
    let ledger = ledger_with_two_units(d, &policy);
    let before = std::fs::read(&ledger).unwrap();
    let listing = |dir: &Path| {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let files_before = listing(d);
    let inbox = at(d, "inbox");
    std::fs::create_dir(&inbox).unwrap();
    report_book(&at(&inbox, "1-田家庵五月.xlsx"), &good_progress());
    let stranger = with(
        good_progress(),
        "项目名称",
        Some(V::T("台账里没有的项目名称")),
    );
    report_book(&at(&inbox, "2-田家庵另一个.xlsx"), &stranger);
    let p = ["--policy", policy.to_str().unwrap()];
    // Without the ledger: nothing is wrong with the forms, and 潘集区委 looks missing.
    let (json, code) = check_json(&[&inbox], &p);
    assert_eq!(code, 0, "{json}");
    let missing = &json["missing_units"][0];
    assert_eq!(
        missing["units"],
        serde_json::json!(["潘集区委", "寿县县委"])
    );
    // With it: the stranger gets merge's E_NO_PROJECT, and 潘集区委 already sent May's report.
    let l = [
        "--policy",
        policy.to_str().unwrap(),
        "--ledger",
        ledger.to_str().unwrap(),
    ];
    let (json, code) = check_json(&[&inbox], &l);
    assert_eq!(code, 1, "{json}");
    assert_eq!(codes(&json["files"][0]), Vec::<String>::new());
    assert_eq!(codes(&json["files"][1]), ["E_NO_PROJECT"]);
    assert_eq!(
        json["missing_units"][0]["units"],
        serde_json::json!(["寿县县委"])
    );
    // The same message merge gives.
    let (_, merged) = run(&[
        "merge".as_ref(),
        at(&inbox, "2-田家庵另一个.xlsx").as_os_str(),
        "--ledger".as_ref(),
        ledger.as_os_str(),
        "--policy".as_ref(),
        policy.as_os_str(),
        "--dry-run".as_ref(),
    ]);
    let message = json["files"][1]["problems"][0]["message"].as_str().unwrap();
    assert!(merged.contains(message), "{merged}\n{message}");
    // --ack acknowledges only what merge takes.
    let replies = at(d, "回复");
    let (code, text) = run(&[
        "check".as_ref(),
        inbox.as_os_str(),
        "--policy".as_ref(),
        policy.as_os_str(),
        "--ledger".as_ref(),
        ledger.as_os_str(),
        "--replies".as_ref(),
        replies.as_os_str(),
        "--ack".as_ref(),
    ]);
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("未报送有效2018年5月进度报告的单位（1 个）：寿县县委"),
        "{text}"
    );
    assert!(!at(&replies, "田家庵区委-已收到.txt").exists());
    let back = std::fs::read_to_string(at(&replies, "田家庵区委-退回修改.txt")).unwrap();
    assert!(
        back.contains("E_NO_PROJECT") || back.contains(message),
        "{back}"
    );
    // Read only: the ledger is byte for byte the same, no backup, no lock left.
    assert_eq!(std::fs::read(&ledger).unwrap(), before);
    let mut after = listing(d);
    after.retain(|n| n != "inbox" && n != "回复");
    assert_eq!(after, files_before);
    // A ledger that is not there stops the run.
    let nowhere = at(d, "无.xlsx");
    let (code, text) = run(&[
        "check".as_ref(),
        inbox.as_os_str(),
        "--ledger".as_ref(),
        nowhere.as_os_str(),
    ]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("找不到台账"), "{text}");
}

#[test]
fn check_against_the_ledger_counts_the_batchs_own_proposals() {
    let dir = tmp();
    let d = dir.path();
    let policy = policy(d);
    let ledger = ledger_with_two_units(d, &policy);
    let inbox = at(d, "inbox");
    std::fs::create_dir(&inbox).unwrap();
    let shou = with(good_proposal(), "申报单位", Some(V::T("寿县县委")));
    let shou = with(shou, "项目名称", Some(V::T("寿县红色党建示范带工程")));
    proposal_book(&at(&inbox, "1.xlsx"), &shou);
    let report = with(good_progress(), "申报单位", Some(V::T("寿县县委")));
    let report = with(report, "项目名称", Some(V::T("寿县红色党建示范带工程")));
    report_book(&at(&inbox, "2.xlsx"), &report);
    let l = [
        "--policy",
        policy.to_str().unwrap(),
        "--ledger",
        ledger.to_str().unwrap(),
    ];
    let (json, code) = check_json(&[&inbox], &l);
    assert_eq!(
        code, 0,
        "a report of a project proposed in the same batch merges: {json}"
    );
    // Every unit has its project: in the ledger or in the batch.
    assert_eq!(json["missing_units"][0]["stage"], "proposal");
    assert_eq!(json["missing_units"][0]["units"], serde_json::json!([]));
}
