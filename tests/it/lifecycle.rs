//! A project's life past its approval (SPEC §10) through the binary: the year boundary
//! (`rollover`), notices to units, extensions and the reporting frequency.

use std::path::{Path, PathBuf};

use crate::common::*;
use calamine::{Data, DataType, Reader, Xlsx};

fn write_form(path: &Path, title: &'static str, pairs: &[(&'static str, V)]) {
    let name = if title.contains("立项书") {
        "立项书"
    } else {
        "进度报告"
    };
    write_book(path, &[sheet(name, rows(title, pairs))]);
}

fn proposal(
    unit: &'static str,
    name: &'static str,
    deadline: &'static str,
) -> Vec<(&'static str, V)> {
    with(
        with(
            with(good_proposal(), "申报单位", Some(V::T(unit))),
            "项目名称",
            Some(V::T(name)),
        ),
        "完成时间",
        Some(V::T(deadline)),
    )
}

fn report(
    unit: &'static str,
    name: &'static str,
    period: &'static str,
    pct: f64,
) -> Vec<(&'static str, V)> {
    with(
        with(
            with(
                with(good_progress(), "申报单位", Some(V::T(unit))),
                "项目名称",
                Some(V::T(name)),
            ),
            "报告期",
            Some(V::T(period)),
        ),
        "完成进度",
        Some(V::Pct(pct)),
    )
}

/// Runs the binary in `dir`; (exit code, stdout + stderr).
fn run_in(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = taizhang().current_dir(dir).args(args).output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
}

/// One column of a ledger sheet, as text.
fn column(ledger: &Path, sheet: &str, header: &str) -> Vec<String> {
    let mut book: Xlsx<_> = calamine::open_workbook(ledger).unwrap();
    let range = book.worksheet_range(sheet).unwrap();
    let mut rows = range.rows();
    let head: Vec<String> = rows.next().unwrap().iter().map(Data::to_string).collect();
    let c = head.iter().position(|h| h == header).unwrap();
    rows.map(|r| r.get(c).map(shown).unwrap_or_default())
        .collect()
}

/// A cell as the clerk sees it: dates as `2019-09-30` (calamine prints their serial number).
fn shown(d: &Data) -> String {
    match d.as_date() {
        Some(day) if matches!(d, Data::DateTime(_)) => day.to_string(),
        _ => d.to_string(),
    }
}

/// A 2018 ledger: three approved projects, one finished, one running into 2019, one pending.
fn year_2018(dir: &Path) -> PathBuf {
    let inbox = dir.join("2018");
    std::fs::create_dir_all(&inbox).unwrap();
    write_form(
        &inbox.join("a.xlsx"),
        "2018年度基层党建创新项目立项书",
        &proposal("田家庵区委", "社区党建一号工程", "2018年12月31日"),
    );
    write_form(
        &inbox.join("b.xlsx"),
        "2018年度基层党建创新项目立项书",
        &proposal("大通区委", "两新组织党建二号工程", "2019年6月30日"),
    );
    write_form(
        &inbox.join("c.xlsx"),
        "2018年度基层党建创新项目立项书",
        &proposal("潘集区委", "农村党建三号工程", "2018年12月31日"),
    );
    let ledger = dir.join("2018台账.xlsx");
    let l = ledger.to_str().unwrap();
    let (code, text) = run_in(dir, &["merge", "2018", "--ledger", l]);
    assert!(code <= 1, "{text}");
    let (code, text) = run_in(dir, &["approve", "--ledger", l, "2018-001", "2018-002"]);
    assert_eq!(code, 0, "{text}");
    let reports = dir.join("2018-12");
    std::fs::create_dir_all(&reports).unwrap();
    write_form(
        &reports.join("a.xlsx"),
        "进度报告",
        &report("田家庵区委", "社区党建一号工程", "2018年12月", 1.0),
    );
    write_form(
        &reports.join("b.xlsx"),
        "进度报告",
        &report("大通区委", "两新组织党建二号工程", "2018年12月", 0.6),
    );
    let (code, text) = run_in(dir, &["merge", "2018-12", "--ledger", l]);
    assert_eq!(code, 0, "{text}");
    ledger
}

#[test]
fn rollover_carries_the_unfinished_approved_project_and_its_reports_merge_next_year() {
    let dir = tmp();
    let old = year_2018(dir.path());
    let before = std::fs::read(&old).unwrap();
    // The next year's folder, with its own policy.
    let y2019 = dir.path().join("2019");
    let (code, text) = run_in(dir.path(), &["init", "2019", "--year", "2019"]);
    assert_eq!(code, 0, "{text}");
    let (code, text) = run_in(
        &y2019,
        &[
            "rollover",
            "--ledger",
            old.to_str().unwrap(),
            "--year",
            "2019",
            "--out",
            "台账.xlsx",
        ],
    );
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("结转未完成的已批复项目 1 个"), "{text}");
    assert!(text.contains("已完成的 1 个、未批复的 1 个"), "{text}");
    assert_eq!(
        std::fs::read(&old).unwrap(),
        before,
        "the old ledger is only read"
    );
    let new = y2019.join("台账.xlsx");
    assert_eq!(column(&new, "项目台账", "项目编号"), ["2018-002"]);
    assert_eq!(column(&new, "项目台账", "年度"), ["2018"]);
    assert_eq!(column(&new, "进度记录", "报告期"), ["2018-12"]);
    assert!(column(&new, "变更记录", "字段").contains(&"年度结转".to_owned()));
    // Refused a second time: the new ledger is never overwritten.
    let (code, text) = run_in(
        &y2019,
        &[
            "rollover",
            "--ledger",
            old.to_str().unwrap(),
            "--year",
            "2019",
            "--out",
            "台账.xlsx",
        ],
    );
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("已存在"), "{text}");
    // 2019: the carried project reports, a new project is 2019-001, the old file is known.
    let inbox = y2019.join("收件箱");
    std::fs::create_dir_all(&inbox).unwrap();
    write_form(
        &inbox.join("大通区委-1月进度.xlsx"),
        "进度报告",
        &report("大通区委", "两新组织党建二号工程", "2019年1月", 0.7),
    );
    let mut new_project = proposal("田家庵区委", "城市基层党建四号工程", "2019年12月31日");
    new_project = with(new_project, "开始时间", Some(V::D(2019, 4, 1)));
    new_project = with(new_project, "填报日期", Some(V::D(2019, 3, 28)));
    write_form(
        &inbox.join("田家庵区委-立项书.xlsx"),
        "2019年度基层党建创新项目立项书",
        &new_project,
    );
    std::fs::copy(dir.path().join("2018-12/b.xlsx"), inbox.join("旧报告.xlsx")).unwrap();
    let (code, text) = run_in(&y2019, &["merge", "收件箱", "--ledger", "台账.xlsx"]);
    assert_eq!(code, 0, "{text}");
    assert_eq!(
        column(&new, "项目台账", "项目编号"),
        ["2018-002", "2019-001"]
    );
    assert_eq!(column(&new, "进度记录", "报告期"), ["2018-12", "2019-01"]);
    // Quotas count 2019's projects: 大通区委's carried project is 2018's.
    let (code, text) = run_in(&y2019, &["approve", "--ledger", "台账.xlsx", "2019-001"]);
    assert_eq!(code, 0, "{text}");
    let units = column(&new, "单位汇总", "申报单位");
    let counts = column(&new, "单位汇总", "项目数");
    let reports = column(&new, "单位汇总", "本年报告数");
    let at = |u: &str| {
        units
            .iter()
            .position(|x| x == u)
            .unwrap_or_else(|| panic!("{u} not in {units:?}"))
    };
    assert_eq!(counts[at("大通区委")], "0");
    assert_eq!(reports[at("大通区委")], "1");
    assert_eq!(counts[at("田家庵区委")], "1");
    // The score sheet: the city scores every project in its own year, so the carried one
    // (scored in 2018) is not on 2019's sheet.
    let (code, text) = run_in(
        &y2019,
        &[
            "scoresheet",
            "--ledger",
            "台账.xlsx",
            "--out",
            "评分表.xlsx",
        ],
    );
    assert_eq!(code, 0, "{text}");
    let mut b: Xlsx<_> = calamine::open_workbook(y2019.join("评分表.xlsx")).unwrap();
    let sheet = b.worksheet_range_at(0).unwrap().unwrap();
    let cells: Vec<String> = sheet.cells().map(|(_, _, c)| c.to_string()).collect();
    assert!(cells.contains(&"2019-001".to_owned()), "{cells:?}");
    assert!(!cells.contains(&"2018-002".to_owned()), "{cells:?}");
}

/// The text of a .docx's body (every `<w:t>`), for assertions.
fn docx_text(path: &Path) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    let re = regex::Regex::new(r"(?s)<w:t(?: [^>]*)?>(.*?)</w:t>").unwrap();
    re.captures_iter(&xml).map(|c| c[1].to_owned()).collect()
}

#[test]
fn approval_notices_give_each_unit_its_ids_with_the_list_and_the_charters() {
    let dir = tmp();
    let ledger = year_2018(dir.path());
    let l = ledger.to_str().unwrap();
    let (code, text) = run_in(
        dir.path(),
        &[
            "approve",
            "--ledger",
            l,
            "2018-003",
            "--as",
            "退回修改",
            "--note",
            "请补充经费预算",
        ],
    );
    assert_eq!(code, 0, "{text}");
    let (code, text) = run_in(
        dir.path(),
        &[
            "notices", "--ledger", l, "--kind", "approval", "--out", "通知",
        ],
    );
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("已生成 3 个单位的通知"), "{text}");
    let out = dir.path().join("通知");
    let letter = std::fs::read_to_string(out.join("田家庵区委-立项批复.txt")).unwrap();
    assert!(
        letter.contains("【立项批复】2018年度基层党建创新项目立项批复"),
        "{letter}"
    );
    assert!(letter.contains("项目编号 2018-001"), "{letter}");
    assert!(letter.contains("项目责任书"), "{letter}");
    let eml = std::fs::read_to_string(out.join("田家庵区委-立项批复.eml")).unwrap();
    assert!(eml.contains("X-Unsent: 1"), "{eml}");
    let returned = std::fs::read_to_string(out.join("潘集区委-立项批复.txt")).unwrap();
    assert!(returned.contains("退回修改（1个）"), "{returned}");
    assert!(returned.contains("意见：请补充经费预算"), "{returned}");
    assert!(!returned.contains("同意立项"), "{returned}");
    assert!(out.join("通知清单.txt").is_file());
    // 立项名单: the two approved projects.
    let list = out.join("立项名单.xlsx");
    assert_eq!(
        column_at(&list, "立项名单", 1, "项目编号"),
        ["2018-001", "2018-002"]
    );
    // 项目责任书: one per approved project, filled from the template init writes.
    let charters = out.join("项目责任书");
    let mut names: Vec<String> = std::fs::read_dir(&charters)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "2018-001-社区党建一号工程-项目责任书.docx",
            "2018-002-两新组织党建二号工程-项目责任书.docx"
        ]
    );
    let body = docx_text(&charters.join(&names[1]));
    assert!(body.contains("两新组织党建二号工程"), "{body}");
    assert!(body.contains("2019年6月30日"), "{body}");
    assert!(body.contains("大通区委"), "{body}");
    assert!(!body.contains('【'), "{body}");
    // The office rewords the template; the next run uses its words.
    let (code, text) = run_in(dir.path(), &["init", "ws"]);
    assert_eq!(code, 0, "{text}");
    let template = dir.path().join("ws/templates/项目责任书模板.docx");
    assert!(template.is_file());
    let reworded = reword(&template, "项目责任书", "目标责任书");
    std::fs::write(&template, reworded).unwrap();
    let (code, text) = run_in(
        &dir.path().join("ws"),
        &[
            "notices", "--ledger", l, "--kind", "approval", "--out", "通知",
        ],
    );
    assert_eq!(code, 0, "{text}");
    let body = docx_text(&dir.path().join("ws/通知/项目责任书").join(&names[0]));
    assert!(body.contains("目标责任书"), "{body}");
}

/// A .docx with `from` replaced by `to` in its body, as the office would reword it.
fn reword(path: &Path, from: &str, to: &str) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut e = zip.by_index(i).unwrap();
        if e.is_dir() {
            continue;
        }
        let name = e.name().unwrap().into_owned();
        let mut bytes = Vec::new();
        e.read_to_end(&mut bytes).unwrap();
        if name == "word/document.xml" {
            bytes = String::from_utf8(bytes)
                .unwrap()
                .replace(from, to)
                .into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// One column of a sheet whose header is on row `header_row` (0-based).
fn column_at(book: &Path, sheet: &str, header_row: usize, header: &str) -> Vec<String> {
    let mut b: Xlsx<_> = calamine::open_workbook(book).unwrap();
    let range = b.worksheet_range(sheet).unwrap();
    let rows: Vec<_> = range.rows().collect();
    let head: Vec<String> = rows[header_row].iter().map(Data::to_string).collect();
    let c = head.iter().position(|h| h == header).unwrap();
    rows[header_row + 1..]
        .iter()
        .map(|r| r.get(c).map(shown).unwrap_or_default())
        .filter(|s| !s.is_empty())
        .collect()
}

#[test]
fn an_extension_asked_is_listed_granted_with_a_change_row_and_moves_the_deadline() {
    let dir = tmp();
    let ledger = year_2018(dir.path());
    let l = ledger.to_str().unwrap();
    let before = run_in(
        dir.path(),
        &[
            "status",
            "--ledger",
            l,
            "--as-of",
            "2019-08-05",
            "--out",
            "s.xlsx",
        ],
    )
    .1;
    assert!(
        before.contains("2018-002") && before.contains("逾期：完成时间 2019-06-30 已过"),
        "{before}"
    );
    let inbox = dir.path().join("2019-01");
    std::fs::create_dir_all(&inbox).unwrap();
    let mut asks = report("大通区委", "两新组织党建二号工程", "2019年1月", 0.7);
    asks = with(asks, "项目状态", Some(V::T("申请延期")));
    asks.push(("申请延期至", V::T("2019年9月")));
    write_form(&inbox.join("大通区委-延期.xlsx"), "进度报告", &asks);
    // Half a request: 申请延期 without the date is said to the unit, and merged.
    let mut half = report("田家庵区委", "社区党建一号工程", "2019年1月", 1.0);
    half = with(half, "项目状态", Some(V::T("申请延期")));
    write_form(&inbox.join("田家庵区委-1月.xlsx"), "进度报告", &half);
    let (json, _) = check_json(&[&inbox], &[]);
    let files = json["files"].as_array().unwrap();
    assert_eq!(codes(&files[0]), Vec::<String>::new(), "{:?}", files[0]);
    assert_eq!(files[0]["record"]["new_deadline"], "2019-09-30");
    assert_eq!(codes(&files[1]), ["W_EXTENSION"]);
    let (code, text) = run_in(dir.path(), &["merge", "2019-01", "--ledger", l]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("1 个项目申请延期"), "{text}");
    assert!(
        text.contains("taizhang approve 2018-002 --deadline 2019-09-30"),
        "{text}"
    );
    assert_eq!(column(&ledger, "进度记录", "申请延期至")[2], "2019-09-30");
    let (code, text) = run_in(
        dir.path(),
        &[
            "approve",
            "--ledger",
            l,
            "2018-002",
            "--deadline",
            "2019-09-30",
        ],
    );
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("完成时间改为 2019-09-30"), "{text}");
    assert_eq!(column(&ledger, "项目台账", "完成时间")[1], "2019-09-30");
    assert_eq!(
        column(&ledger, "项目台账", "审核状态")[1],
        "已批复",
        "the decision stays"
    );
    let changes = column(&ledger, "变更记录", "来源文件");
    assert!(
        changes.iter().any(|c| c.contains("批准延期")),
        "{changes:?}"
    );
    let after = run_in(
        dir.path(),
        &[
            "status",
            "--ledger",
            l,
            "--as-of",
            "2019-08-05",
            "--out",
            "s.xlsx",
        ],
    )
    .1;
    assert!(!after.contains("申请延期，等待审核"), "{after}");
    assert!(!after.contains("逾期："), "{after}");
}

#[test]
fn quarterly_reporting_counts_not_reported_by_the_quarter() {
    let dir = tmp();
    let ledger = year_2018(dir.path());
    let l = ledger.to_str().unwrap();
    let (code, text) = run_in(dir.path(), &["init", "q"]);
    assert_eq!(code, 0, "{text}");
    let toml = dir.path().join("q/taizhang.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    let quarterly = text.replace(
        "report_frequency = \"month\"",
        "report_frequency = \"quarter\"",
    );
    assert_ne!(text, quarterly);
    std::fs::write(&toml, quarterly).unwrap();
    let q = toml.to_str().unwrap();
    let status = |as_of: &str, policy: Option<&str>| {
        let mut args = vec!["status", "--ledger", l, "--as-of", as_of, "--out", "s.xlsx"];
        if let Some(p) = policy {
            args.extend(["--policy", p]);
        }
        run_in(dir.path(), &args).1
    };
    let monthly = status("2018-08-10", None);
    assert!(monthly.contains("未报送 2018-07 进度报告"), "{monthly}");
    let quarter = status("2018-08-10", Some(q));
    assert!(
        quarter.contains("应报 2018年第二季度 进度报告"),
        "{quarter}"
    );
    assert!(
        quarter.contains("未报送 2018年第二季度 进度报告"),
        "{quarter}"
    );
    // A report for any month of the quarter counts.
    let inbox = dir.path().join("q2");
    std::fs::create_dir_all(&inbox).unwrap();
    write_form(
        &inbox.join("大通区委-二季度.xlsx"),
        "进度报告",
        &report("大通区委", "两新组织党建二号工程", "2018年第二季度", 0.3),
    );
    let (code, text) = run_in(dir.path(), &["merge", "q2", "--ledger", l, "--policy", q]);
    assert_eq!(code, 0, "{text}");
    assert!(column(&ledger, "进度记录", "报告期").contains(&"2018-06".to_owned()));
    let quarter = status("2018-08-10", Some(q));
    let dt: Vec<&str> = quarter.lines().filter(|l| l.contains("2018-002")).collect();
    assert!(dt.iter().all(|l| !l.contains("未报送")), "{quarter}");
}

/// The README's routine on the sample year (SPEC §10 end to end): proposals merged, decided and
/// notified; the year's reports; the December extension granted; the year carried over, and the
/// carried project's January report merged into the new ledger.
#[test]
fn the_sample_year_from_approval_to_the_next_year() {
    let dir = tmp();
    let root = std::env::current_dir().unwrap();
    let policy = root.join("samples/taizhang.toml");
    let p = policy.to_str().unwrap();
    let inbox = root.join("samples/inbox");
    let ledger = dir.path().join("台账.xlsx");
    let l = ledger.to_str().unwrap();
    let proposals = inbox.join("2018-03-立项");
    let (code, text) = run_in(
        dir.path(),
        &[
            "merge",
            proposals.to_str().unwrap(),
            "--ledger",
            l,
            "--policy",
            p,
        ],
    );
    assert_eq!(code, 1, "flawed proposals are returned: {text}");
    assert!(column(&ledger, "项目台账", "审核状态")
        .iter()
        .all(|s| s == "待审核"));
    let (code, text) = run_in(
        dir.path(),
        &["approve", "--all", "--ledger", l, "--policy", p],
    );
    assert_eq!(code, 0, "{text}");
    let (code, text) = run_in(
        dir.path(),
        &[
            "approve",
            "2018-002",
            "--as",
            "退回修改",
            "--note",
            "请细化研究计划",
            "--ledger",
            l,
            "--policy",
            p,
        ],
    );
    assert_eq!(code, 0, "{text}");
    let (code, text) = run_in(
        dir.path(),
        &[
            "notices", "--ledger", l, "--kind", "approval", "--out", "通知", "--policy", p,
        ],
    );
    assert_eq!(code, 0, "{text}");
    let ids = column(&ledger, "项目台账", "项目编号");
    let approved = ids.len() - 1;
    assert!(
        text.contains(&format!("立项名单（{approved} 个项目）")),
        "{text}"
    );
    assert!(
        text.contains(&format!("项目责任书 {approved} 份")),
        "{text}"
    );
    let unit = column(&ledger, "项目台账", "申报单位")[1].clone();
    let letter =
        std::fs::read_to_string(dir.path().join(format!("通知/{unit}-立项批复.txt"))).unwrap();
    assert!(letter.contains("意见：请细化研究计划"), "{letter}");
    // The year's reports; the December extension request is listed.
    let (code, text) = run_in(
        dir.path(),
        &[
            "merge",
            inbox.to_str().unwrap(),
            "--ledger",
            l,
            "--policy",
            p,
        ],
    );
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("taizhang approve 2018-007 --deadline 2019-03-31"),
        "{text}"
    );
    let (code, text) = run_in(
        dir.path(),
        &[
            "approve",
            "2018-007",
            "--deadline",
            "2019-03-31",
            "--ledger",
            l,
            "--policy",
            p,
        ],
    );
    assert_eq!(code, 0, "{text}");
    let (code, text) = run_in(
        dir.path(),
        &[
            "status",
            "--ledger",
            l,
            "--as-of",
            "2018-12-31",
            "--out",
            "月度汇总.xlsx",
            "--policy",
            p,
        ],
    );
    assert_eq!(code, 0, "{text}");
    assert!(!text.contains("申请延期，等待审核"), "{text}");
    // The next year: the extended project is carried, with its reports.
    let (code, text) = run_in(
        dir.path(),
        &[
            "rollover",
            "--ledger",
            l,
            "--year",
            "2019",
            "--out",
            "2019台账.xlsx",
            "--policy",
            p,
        ],
    );
    assert_eq!(code, 0, "{text}");
    let new = dir.path().join("2019台账.xlsx");
    let carried = column(&new, "项目台账", "项目编号");
    assert!(carried.contains(&"2018-007".to_owned()), "{carried:?}");
    assert!(
        !carried.contains(&"2018-002".to_owned()),
        "returned, not approved: {carried:?}"
    );
    let reports_2018 = column(&new, "进度记录", "项目编号")
        .iter()
        .filter(|i| *i == "2018-007")
        .count();
    assert_eq!(reports_2018, 9, "April to December");
    let names = column(&new, "项目台账", "项目名称");
    let at = carried.iter().position(|i| i == "2018-007").unwrap();
    let name = names[at].clone();
    let jan = dir.path().join("2019-01");
    std::fs::create_dir_all(&jan).unwrap();
    let name: &'static str = Box::leak(name.into_boxed_str());
    write_form(
        &jan.join("大通区委-1月.xlsx"),
        "进度报告",
        &report("大通区委", name, "2019年1月", 0.9),
    );
    let mut next_year = std::fs::read_to_string(&policy).unwrap();
    next_year = next_year.replace("\nyear = 2018\n", "\nyear = 2019\n");
    std::fs::write(dir.path().join("taizhang.toml"), next_year).unwrap();
    let (code, text) = run_in(
        dir.path(),
        &["merge", "2019-01", "--ledger", "2019台账.xlsx"],
    );
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("新增报告（2018-007）"), "{text}");
}

/// 督办通知 (issue 17): one letter per unit on the 督办清单, each project with the reasons the
/// status gives; units with nothing to chase get none.
#[test]
fn reminders_go_to_the_units_on_the_chase_list_with_their_reasons() {
    let dir = tmp();
    let root = std::env::current_dir().unwrap();
    let p = root.join("samples/taizhang.toml");
    let p = p.to_str().unwrap();
    let l = approved_sample_year(dir.path(), &["2018-03-立项", "2018-04", "2018-05"]);
    let l = l.to_str().unwrap();
    let (code, status) = run_in(
        dir.path(),
        &[
            "status",
            "--ledger",
            l,
            "--as-of",
            "2018-06-30",
            "--out",
            "s.xlsx",
            "--policy",
            p,
        ],
    );
    assert_eq!(code, 0, "{status}");
    // The 督办清单 lines: `    单位  编号  名称：原因；原因`.
    let chased: Vec<(String, String, String)> = status
        .lines()
        .filter(|l| l.starts_with("    "))
        .filter_map(|l| {
            let mut parts = l.trim().splitn(3, "  ");
            let unit = parts.next()?.to_owned();
            let id = parts.next()?.to_owned();
            let reasons = parts.next()?.split_once('：')?.1.to_owned();
            Some((unit, id, reasons))
        })
        .collect();
    assert!(chased.len() > 3, "{status}");
    let (code, text) = run_in(
        dir.path(),
        &[
            "notices",
            "--ledger",
            l,
            "--kind",
            "reminder",
            "--as-of",
            "2018-06-30",
            "--out",
            "督办",
            "--policy",
            p,
        ],
    );
    assert_eq!(code, 0, "{text}");
    let out = dir.path().join("督办");
    let mut units: Vec<String> = chased.iter().map(|c| c.0.clone()).collect();
    units.dedup();
    let mut letters: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            name.strip_suffix("-督办通知.txt").map(str::to_owned)
        })
        .collect();
    letters.sort();
    let mut expected = units.clone();
    expected.sort();
    expected.dedup();
    assert_eq!(
        letters, expected,
        "a letter for each unit on the list, none for the others"
    );
    for (unit, id, reasons) in &chased {
        let letter = std::fs::read_to_string(out.join(format!("{unit}-督办通知.txt"))).unwrap();
        assert!(letter.contains(&format!("项目编号 {id}")), "{letter}");
        for reason in reasons.split('；') {
            assert!(letter.contains(reason.trim()), "{reason} in {letter}");
        }
        if reasons.contains("未报送") {
            assert!(letter.contains("前补报 2018-06 进度报告"), "{letter}");
        }
    }
}

/// 抽查复核 (issue 17): `sample` draws finished projects only, prints its seed, and the same
/// seed draws the same list again.
#[test]
fn the_spot_check_is_reproducible_from_its_printed_seed() {
    let dir = tmp();
    let root = std::env::current_dir().unwrap();
    let p = root.join("samples/taizhang.toml");
    let p = p.to_str().unwrap();
    let l = approved_sample_year(dir.path(), &[]);
    let l = l.to_str().unwrap();
    let sample = |seed: Option<&str>| {
        let mut args = vec![
            "sample",
            "--ledger",
            l,
            "--count",
            "3",
            "--policy",
            p,
            "--out",
            "抽查名单.xlsx",
        ];
        if let Some(s) = seed {
            args.extend(["--seed", s]);
        }
        let (code, text) = run_in(dir.path(), &args);
        assert_eq!(code, 0, "{text}");
        text
    };
    let first = sample(None);
    let seed = first
        .split("随机种子：")
        .nth(1)
        .and_then(|s| s.split('；').next())
        .unwrap()
        .to_owned();
    let list = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.starts_with("  "))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(list(&first).len(), 3, "{first}");
    assert_eq!(list(&sample(Some(&seed))), list(&first));
    // Only finished projects are drawn.
    let ids = column(&dir.path().join("台账.xlsx"), "项目台账", "项目编号");
    let states = column(&dir.path().join("台账.xlsx"), "项目台账", "状态");
    for line in list(&first) {
        let id = line.split_whitespace().nth(1).unwrap();
        let at = ids.iter().position(|i| i == id).unwrap();
        assert_eq!(states[at], "已完成", "{line}");
    }
    let drawn = column_at(&dir.path().join("抽查名单.xlsx"), "抽查名单", 1, "项目编号");
    assert_eq!(drawn.len(), 3);
}

/// The rows under the first row holding `header` in `sheet`, as text, by that row's headers.
fn table_of(
    book: &Path,
    sheet: &str,
    header: &str,
) -> Vec<std::collections::HashMap<String, String>> {
    let mut b: Xlsx<_> = calamine::open_workbook(book).unwrap();
    let range = b.worksheet_range(sheet).unwrap();
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(shown).collect())
        .collect();
    let at = rows
        .iter()
        .position(|r| r.iter().any(|c| c == header))
        .unwrap();
    rows[at + 1..]
        .iter()
        .filter(|r| r.iter().any(|c| !c.is_empty()))
        .map(|r| rows[at].iter().cloned().zip(r.iter().cloned()).collect())
        .collect()
}

/// The year's 通报 (issue 17): its numbers are those of the ledger and the ranking workbook.
#[test]
fn the_year_report_states_the_numbers_of_the_workbooks() {
    let dir = tmp();
    let root = std::env::current_dir().unwrap();
    let p = root.join("samples/taizhang.toml");
    let p = p.to_str().unwrap();
    let l = approved_sample_year(dir.path(), &[]);
    let ls = l.to_str().unwrap();
    let (code, text) = run_in(
        dir.path(),
        &[
            "rank",
            "--ledger",
            ls,
            "--scores",
            root.join("samples/scores").to_str().unwrap(),
            "--out",
            "排名.xlsx",
            "--exemplary",
            "示范.xlsx",
            "--notice",
            "通报.docx",
            "--policy",
            p,
        ],
    );
    assert!(code <= 1, "{text}");
    let doc = docx_text(&dir.path().join("通报.docx"));
    assert!(
        doc.contains("【文号】") && doc.contains("关于2018年度基层党建创新项目考评情况的通报"),
        "{doc}"
    );
    // The average of the ranked totals, as in 综合排名.
    let ranking = table_of(&dir.path().join("排名.xlsx"), "综合排名", "总分");
    let totals: Vec<f64> = ranking
        .iter()
        .filter(|r| r.get("排名").is_some_and(|n| !n.is_empty()))
        .filter_map(|r| r.get("总分")?.parse().ok())
        .collect();
    let mean = totals.iter().sum::<f64>() / totals.len() as f64;
    assert!(
        doc.contains(&format!(
            "平均得分 {:.2} 分",
            (mean * 100.0).round() / 100.0
        )),
        "{mean} {doc}"
    );
    assert!(
        doc.contains(&format!("{} 个项目参加综合排名", totals.len())),
        "{doc}"
    );
    for grade in ["优秀", "良好", "合格", "不合格"] {
        let n = ranking
            .iter()
            .filter(|r| r.get("等次").map(String::as_str) == Some(grade))
            .count();
        assert!(
            doc.contains(&format!("{grade} {n} 个")),
            "{grade} {n}: {doc}"
        );
    }
    // Projects per unit, as in 单位汇总.
    let units = table_of(&l, "单位汇总", "项目数");
    let approved: usize = units
        .iter()
        .filter_map(|u| u["项目数"].parse::<usize>().ok())
        .sum();
    assert!(doc.contains(&format!("批复立项 {approved} 个")), "{doc}");
    for u in units.iter().filter(|u| u["项目数"] != "0") {
        assert!(
            doc.contains(&format!("{}{}", u["申报单位"], u["项目数"])),
            "{u:?} in {doc}"
        );
    }
    // The exemplary projects, as chosen.
    for line in text.lines().filter(|l| l.starts_with("示范项目 ")) {
        let first = line.split('：').nth(1).unwrap().split('（').next().unwrap();
        assert!(
            doc.contains(first.trim_start_matches('「').split('」').next().unwrap()),
            "{first}"
        );
    }
}

/// 验收 (issue 17): `accept` records 验收结果 with a 变更记录 row; with `require_acceptance`
/// only projects accepted 通过 are exemplary.
#[test]
fn acceptance_is_recorded_and_decides_exemplary_eligibility_when_the_policy_says_so() {
    let dir = tmp();
    let root = std::env::current_dir().unwrap();
    let text = std::fs::read_to_string(root.join("samples/taizhang.toml")).unwrap();
    let strict = text.replace("\nmax = 5\n", "\nmax = 5\nrequire_acceptance = true\n");
    assert_ne!(text, strict);
    std::fs::write(dir.path().join("taizhang.toml"), strict).unwrap();
    let l = dir.path().join("台账.xlsx");
    let ls = l.to_str().unwrap();
    run_in(
        dir.path(),
        &[
            "merge",
            root.join("samples/inbox").to_str().unwrap(),
            "--ledger",
            ls,
        ],
    );
    run_in(dir.path(), &["approve", "--all", "--ledger", ls]);
    let (code, text) = run_in(
        dir.path(),
        &[
            "accept", "2018-008", "2018-001", "--as", "通过", "--ledger", ls,
        ],
    );
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("已将 2 个项目的验收结果记为“通过”"), "{text}");
    let (code, text) = run_in(
        dir.path(),
        &[
            "accept",
            "2018-019",
            "--as",
            "整改",
            "--note",
            "佐证材料不全",
            "--ledger",
            ls,
        ],
    );
    assert_eq!(code, 0, "{text}");
    let (code, text) = run_in(
        dir.path(),
        &["accept", "2018-004", "--as", "优秀", "--ledger", ls],
    );
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("验收结果只能是"), "{text}");
    let ids = column(&l, "项目台账", "项目编号");
    let results = column(&l, "项目台账", "验收结果");
    let notes = column(&l, "项目台账", "验收意见");
    let at = |id: &str| ids.iter().position(|i| i == id).unwrap();
    assert_eq!(results[at("2018-008")], "通过");
    assert_eq!(results[at("2018-019")], "整改");
    assert_eq!(notes[at("2018-019")], "佐证材料不全");
    assert!(
        column(&l, "变更记录", "来源文件")
            .iter()
            .filter(|s| s.contains("验收"))
            .count()
            >= 3
    );
    let (_, text) = run_in(
        dir.path(),
        &[
            "rank",
            "--ledger",
            ls,
            "--scores",
            root.join("samples/scores").to_str().unwrap(),
            "--out",
            "排名.xlsx",
            "--exemplary",
            "示范.xlsx",
        ],
    );
    let chosen = text
        .lines()
        .find(|l| l.starts_with("示范项目 "))
        .unwrap_or_default();
    assert!(chosen.starts_with("示范项目 2 个"), "{text}");
    assert!(
        chosen.contains("红色网格") && chosen.contains("党员先锋岗"),
        "{chosen}"
    );
    assert!(!chosen.contains("社区大党委"), "整改 is not 通过: {chosen}");
}

/// The sample year merged into `dir/台账.xlsx` (the given months of `samples/inbox`, or all of
/// it) and every proposal approved, as the README's routine does.
fn approved_sample_year(dir: &Path, months: &[&str]) -> PathBuf {
    let root = std::env::current_dir().unwrap();
    let policy = root.join("samples/taizhang.toml");
    let p = policy.to_str().unwrap();
    let inbox = root.join("samples/inbox");
    let folders: Vec<String> = if months.is_empty() {
        vec![inbox.to_str().unwrap().to_owned()]
    } else {
        months
            .iter()
            .map(|m| inbox.join(m).to_str().unwrap().to_owned())
            .collect()
    };
    let ledger = dir.join("台账.xlsx");
    let l = ledger.to_str().unwrap();
    let mut args = vec!["merge", "--ledger", l, "--policy", p];
    args.extend(folders.iter().map(String::as_str));
    run_in(dir, &args);
    let (code, text) = run_in(dir, &["approve", "--all", "--ledger", l, "--policy", p]);
    assert_eq!(code, 0, "{text}");
    ledger
}
