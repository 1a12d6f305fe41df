//! `taizhang check` end to end: real xlsx files in the layouts units really send, through the binary.

use crate::common::*;
use rust_xlsxwriter::{Format, Workbook};
use serde_json::json;

fn one(dir: &std::path::Path, name: &str, sheets: &[Sheet]) -> serde_json::Value {
    let path = at(dir, name);
    write_book(&path, sheets);
    let (json, _) = check_json(&[&path], &[]);
    json["files"][0].clone()
}

/// Label/value pairs of a test form.
type Pairs = Vec<(&'static str, V)>;

fn proposal_file(pairs: &[(&'static str, V)]) -> Vec<Sheet> {
    vec![sheet(
        "立项书",
        rows("2018年度基层党建创新项目立项书", pairs),
    )]
}

#[test]
fn a_clean_proposal_gives_its_whole_record_and_no_problem() {
    let dir = tmp();
    let f = one(dir.path(), "a.xlsx", &proposal_file(&good_proposal()));
    assert_eq!(f["kind"], "proposal");
    assert_eq!(f["ok"], true);
    assert_eq!(codes(&f), Vec::<String>::new());
    let r = &f["record"];
    assert_eq!(r["unit"], "田家庵区委");
    assert_eq!(r["category"], "A");
    assert_eq!(r["topic"], 18);
    assert_eq!(r["start"], "2018-04-01");
    assert_eq!(r["deadline"], "2018-12-31");
    assert_eq!(r["members"], json!(["张伟", "李娜", "王强", "赵敏"]));
    assert_eq!(r["budget"], 5.0);
    assert_eq!(r["submitted"], "2018-03-28");
    assert_eq!(r["owner_title"], "区委常委、组织部部长");
}

#[test]
fn labels_above_values_and_paired_columns_are_read() {
    let dir = tmp();
    // Label row, value row beneath; 开始时间 | 完成时间 paired on one label row.
    let mut cells = vec![(0, 0, V::T("基层党建创新项目申报表"))];
    let mut row = 1;
    for (label, value) in good_proposal() {
        if label == "开始时间" || label == "完成时间" {
            continue;
        }
        cells.push((row, 0, V::T(label)));
        cells.push((row + 1, 0, value));
        row += 2;
    }
    cells.push((row, 0, V::T("开始时间")));
    cells.push((row, 1, V::T("完成时间")));
    cells.push((row + 1, 0, V::T("2018.4")));
    cells.push((row + 1, 1, V::T("年底前")));
    let f = one(dir.path(), "above.xlsx", &[sheet("Sheet1", cells)]);
    assert_eq!(codes(&f), Vec::<String>::new(), "{f}");
    assert_eq!(f["record"]["start"], "2018-04-01");
    assert_eq!(f["record"]["deadline"], "2018-12-31");
    assert_eq!(f["record"]["name"], "红色网格党建引领基层治理工程");
}

#[test]
fn drifted_labels_merged_cells_and_inline_values_are_read() {
    let dir = tmp();
    let path = at(dir.path(), "drift.xlsx");
    let mut book = Workbook::new();
    // An instructions sheet first and a hidden dropdown sheet: the form is wherever its labels are.
    book.add_worksheet()
        .set_name("填表说明")
        .unwrap()
        .write_string(0, 0, "请如实填写")
        .unwrap();
    let hidden = book.add_worksheet().set_name("下拉").unwrap();
    hidden.write_string(0, 0, "A类").unwrap();
    hidden.set_hidden(true);
    let ws = book.add_worksheet().set_name("申报表").unwrap();
    let wrap = Format::new().set_text_wrap();
    ws.merge_range(0, 0, 0, 5, "淮南市基层党建创新项目立项书", &Format::new())
        .unwrap();
    ws.write_string(1, 0, "填表说明：带*号的为必填项").unwrap();
    ws.write_string(2, 0, "项目名称：「红色网格」党建引领工程")
        .unwrap();
    ws.merge_range(3, 0, 3, 1, "单 位 名 称*", &Format::new())
        .unwrap();
    ws.merge_range(3, 2, 3, 5, "淮南市田家庵区委", &Format::new())
        .unwrap();
    ws.write_string(4, 0, "项　目　类　别：").unwrap();
    ws.write_string(4, 2, "创新实践").unwrap();
    ws.write_string(5, 0, "工作范围\n或对象").unwrap();
    ws.write_string(5, 2, "全区社区").unwrap();
    ws.write_string(6, 0, "预期目标（必填）").unwrap();
    ws.merge_range(
        6,
        2,
        8,
        5,
        "建立四级党建网格体系，实现组织和工作全覆盖",
        &wrap,
    )
    .unwrap();
    ws.write_string(9, 0, "具体措施").unwrap();
    ws.write_string(9, 2, "划分网格，选派网格党小组长，建立三张清单")
        .unwrap();
    ws.write_string(10, 0, "启动时间").unwrap();
    ws.write_string(10, 2, "２０１８年４月").unwrap();
    ws.write_string(10, 3, "完成时限（年月日）").unwrap();
    ws.write_string(10, 4, "2018/12/31").unwrap();
    ws.write_string(11, 0, "预期成果").unwrap();
    ws.write_string(11, 2, "调研报告").unwrap();
    ws.write_string(12, 0, "责任单位及责任人").unwrap();
    ws.write_string(12, 2, "田家庵区委组织部\n张伟").unwrap();
    ws.write_string(13, 0, "负责人职务").unwrap();
    ws.write_string(13, 2, "组织委员").unwrap();
    ws.write_string(13, 3, "手机").unwrap();
    ws.write_string(13, 4, "１３８ ０５５４ ６６７７").unwrap();
    ws.write_string(14, 0, "项目成员").unwrap();
    ws.write_string(14, 2, "张伟 李娜\n王强").unwrap();
    ws.write_string(15, 0, "选题序号").unwrap();
    ws.write_string(15, 2, "１３").unwrap();
    ws.write_string(16, 0, "阶　段").unwrap();
    ws.write_string(16, 1, "起止时间").unwrap();
    ws.write_string(16, 2, "主要内容").unwrap();
    ws.write_string(17, 0, "调研摸底").unwrap();
    ws.write_string(17, 1, "2018年4月—2018年5月").unwrap();
    ws.write_string(17, 2, "走访调研").unwrap();
    ws.write_string(18, 0, "组织实施").unwrap();
    ws.write_string(18, 1, "6月-11月").unwrap();
    ws.write_string(18, 2, "全面推开").unwrap();
    ws.write_string(19, 0, "申报日期").unwrap();
    ws.write_string(19, 2, "2018.04.02").unwrap();
    book.save(&path).unwrap();
    let (json, _) = check_json(&[&path], &[]);
    let f = &json["files"][0];
    assert_eq!(f["kind"], "proposal", "{f}");
    assert_eq!(codes(f), Vec::<String>::new(), "{f}");
    let r = &f["record"];
    assert_eq!(r["name"], "「红色网格」党建引领工程");
    assert_eq!(r["unit"], "淮南市田家庵区委");
    assert_eq!(r["category"], "A");
    assert_eq!(r["topic"], 13);
    assert_eq!(r["goals"], "建立四级党建网格体系，实现组织和工作全覆盖");
    assert_eq!(r["start"], "2018-04-01");
    assert_eq!(r["deadline"], "2018-12-31");
    assert_eq!(r["owner_unit"], "田家庵区委组织部");
    assert_eq!(r["owner"], "张伟");
    assert_eq!(r["members"], json!(["张伟", "李娜", "王强"]));
    assert_eq!(r["submitted"], "2018-04-02");
    assert_eq!(r["milestones"][1]["start"], "2018-06-01");
    assert_eq!(r["milestones"][1]["end"], "2018-11-30");
    assert_eq!(r["milestones"][0]["content"], "走访调研");
}

#[test]
fn each_proposal_defect_gives_its_code_with_cell_and_chinese_message() {
    let dir = tmp();
    let cases: Vec<(&str, Pairs, &str)> = vec![
        (
            "blank",
            with(good_proposal(), "工作目标", Some(V::T(" "))),
            "E_REQUIRED",
        ),
        (
            "short",
            with(good_proposal(), "工作目标", Some(V::T("抓好党建"))),
            "E_LENGTH",
        ),
        (
            "date",
            with(good_proposal(), "完成时间", Some(V::T("明年春天"))),
            "E_DATE",
        ),
        (
            "month13",
            with(good_proposal(), "完成时间", Some(V::T("2018年13月"))),
            "E_DATE",
        ),
        (
            "order",
            with(good_proposal(), "完成时间", Some(V::T("2018-03-01"))),
            "E_DATE_ORDER",
        ),
        (
            "cat",
            with(good_proposal(), "项目类别", Some(V::T("C类"))),
            "E_CATEGORY",
        ),
        (
            "topic",
            with(good_proposal(), "参考目录序号", Some(V::N(35.0))),
            "E_TOPIC",
        ),
        (
            "team",
            with(good_proposal(), "项目组成员", Some(V::T("张伟、李娜"))),
            "E_MEMBERS",
        ),
        (
            "title",
            with(good_proposal(), "职务", Some(V::T("办公室主任"))),
            "E_OWNER_TITLE",
        ),
        (
            "phone",
            with(good_proposal(), "联系电话", Some(V::T("1380554"))),
            "W_PHONE",
        ),
        (
            "late",
            with(good_proposal(), "填报日期", Some(V::D(2018, 4, 10))),
            "W_LATE",
        ),
        (
            "beyond",
            with(good_proposal(), "完成时间", Some(V::T("2019-03-31"))),
            "W_DEADLINE",
        ),
        (
            "ref",
            with(good_proposal(), "经费预算", Some(V::Err("#REF!"))),
            "E_CELL_ERROR",
        ),
        (
            "nolabel",
            with(good_proposal(), "主要措施", None),
            "E_REQUIRED",
        ),
    ];
    for (name, pairs, code) in cases {
        let f = one(dir.path(), &format!("{name}.xlsx"), &proposal_file(&pairs));
        assert_eq!(codes(&f), vec![code.to_owned()], "{name}: {f}");
        let p = &f["problems"][0];
        let message = p["message"].as_str().unwrap();
        assert!(
            message
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{message}"
        );
        if name != "nolabel" {
            assert!(
                p["cell"].as_str().unwrap().starts_with("立项书!B"),
                "{name}: {p}"
            );
            assert!(
                message.contains(p["cell"].as_str().unwrap()),
                "{name}: {message}"
            );
        }
        assert_eq!(f["ok"], code.starts_with('W'), "{name}");
    }
}

#[test]
fn messages_quote_the_canonical_label_and_the_offending_text() {
    let dir = tmp();
    let pairs = with(good_proposal(), "完成时间", None);
    let mut pairs = pairs;
    pairs.push(("计划完成时间：", V::T("明年春天")));
    let f = one(dir.path(), "m.xlsx", &proposal_file(&pairs));
    let message = f["problems"][0]["message"].as_str().unwrap();
    assert!(
        // The field's own label (issue 14 point 5), whatever synonym or spacing the form uses.
        message.starts_with("“完成时间”无法识别：“明年春天”（立项书!B"),
        "{message}"
    );
    // A blank value never takes the next label as its value.
    let pairs = with(good_proposal(), "项目名称", Some(V::T("")));
    let f = one(dir.path(), "n.xlsx", &proposal_file(&pairs));
    assert_eq!(codes(&f), vec!["E_REQUIRED"]);
    assert_eq!(f["problems"][0]["field"], "name");
    assert!(f["record"].get("name").is_none());
}

/// A proposal form with a timetable (`阶段 | 起止时间 | 内容`) below its fields.
fn with_timetable(pairs: &[(&'static str, V)], stages: &[[&'static str; 3]]) -> Vec<Sheet> {
    let mut cells = rows("2018年度基层党建创新项目立项书", pairs);
    let header = pairs.len() as u32 + 2;
    for (i, row) in std::iter::once(["阶段", "起止时间", "内容"])
        .chain(stages.iter().copied())
        .enumerate()
    {
        for (col, text) in row.into_iter().enumerate() {
            cells.push((header + i as u32, col as u16, V::T(text)));
        }
    }
    vec![sheet("立项书", cells)]
}

#[test]
fn budget_team_size_and_timetable_defects_through_the_binary() {
    let dir = tmp();
    let d = dir.path();
    // 经费预算 that is no amount: E_NUMBER at its cell, quoting what was written.
    let budget = with(good_proposal(), "经费预算", Some(V::T("五万元")));
    let f = one(d, "budget.xlsx", &proposal_file(&budget));
    assert_eq!(codes(&f), vec!["E_NUMBER"], "{f}");
    assert_eq!(f["ok"], false);
    let p = &f["problems"][0];
    assert_eq!(p["field"], "budget");
    assert_eq!(p["cell"], "立项书!B17");
    assert!(p["message"].as_str().unwrap().contains("五万元"), "{p}");
    let budget = with(good_proposal(), "经费预算", Some(V::T("5万元")));
    let f = one(d, "budget-ok.xlsx", &proposal_file(&budget));
    assert_eq!(codes(&f), Vec::<String>::new(), "{f}");
    assert_eq!(f["record"]["budget"], 5.0);
    // A team above the maximum (7 under the innovation preset): E_MEMBERS, counted.
    let eight = "张伟、李娜、王强、赵敏、刘洋、陈静、杨帆、黄磊";
    let team = with(good_proposal(), "项目组成员", Some(V::T(eight)));
    let f = one(d, "team8.xlsx", &proposal_file(&team));
    assert_eq!(codes(&f), vec!["E_MEMBERS"], "{f}");
    assert_eq!(f["ok"], false);
    let message = f["problems"][0]["message"].as_str().unwrap();
    assert!(message.contains('8') && message.contains('7'), "{message}");
    let seven = "张伟、李娜、王强、赵敏、刘洋、陈静、杨帆";
    let team = with(good_proposal(), "项目组成员", Some(V::T(seven)));
    let f = one(d, "team7.xlsx", &proposal_file(&team));
    assert_eq!(codes(&f), Vec::<String>::new(), "{f}");
    // Timetable rows: clean, then unreadable, outside the project and out of order.
    let clean = [
        ["调研摸底", "2018年4月—2018年5月", "走访调研"],
        ["组织实施", "6月-11月", "全面推开"],
    ];
    let f = one(d, "stages.xlsx", &with_timetable(&good_proposal(), &clean));
    assert_eq!(codes(&f), Vec::<String>::new(), "{f}");
    assert_eq!(f["record"]["milestones"][1]["end"], "2018-11-30");
    for (name, stages) in [
        ("unreadable", [["调研摸底", "待定", "走访调研"], clean[1]]),
        (
            "outside",
            [clean[0], ["组织实施", "2018年6月—2019年3月", "全面推开"]],
        ),
        ("order", [clean[1], clean[0]]),
    ] {
        let f = one(
            d,
            &format!("{name}.xlsx"),
            &with_timetable(&good_proposal(), &stages),
        );
        assert_eq!(codes(&f), vec!["W_MILESTONE"], "{name}: {f}");
        assert_eq!(f["ok"], true, "{name}: a warning");
        let p = &f["problems"][0];
        assert_eq!(p["field"], "milestones", "{name}");
        assert!(
            p["cell"].as_str().unwrap().starts_with("立项书!B"),
            "{name}: {p}"
        );
    }
}

#[test]
fn progress_reports_read_every_percent_and_period_form() {
    let dir = tmp();
    let cases: Vec<(V, f64)> = vec![
        (V::Pct(0.6), 60.0),
        (V::Pct(1.0), 100.0),
        (V::T("60%"), 60.0),
        (V::T("６０％"), 60.0),
        (V::N(60.0), 60.0),
    ];
    for (i, (value, expected)) in cases.into_iter().enumerate() {
        let pairs = with(good_progress(), "完成进度", Some(value));
        let f = one(
            dir.path(),
            &format!("p{i}.xlsx"),
            &[sheet("进度报告", rows("项目进度报告", &pairs))],
        );
        assert_eq!(f["kind"], "progress");
        assert_eq!(f["record"]["percent"], expected, "{f}");
        assert_eq!(codes(&f), Vec::<String>::new());
    }
    for (i, period) in [
        V::T("2018-05"),
        V::T("2018.5"),
        V::T("2018年5月"),
        V::D(2018, 5, 1),
    ]
    .into_iter()
    .enumerate()
    {
        let pairs = with(good_progress(), "报告期", Some(period));
        let f = one(
            dir.path(),
            &format!("q{i}.xlsx"),
            &[sheet("进度报告", rows("项目进度报告", &pairs))],
        );
        assert_eq!(f["record"]["period"], "2018-05", "{f}");
    }
    for (name, label, value, code) in [
        ("period", "报告期", V::T("六月份"), "E_PERIOD"),
        ("pct", "完成进度", V::N(150.0), "E_PERCENT"),
        ("done", "本期完成情况", V::T(""), "E_REQUIRED"),
    ] {
        let pairs = with(good_progress(), label, Some(value));
        let f = one(
            dir.path(),
            &format!("{name}.xlsx"),
            &[sheet("进度报告", rows("项目进度报告", &pairs))],
        );
        assert_eq!(codes(&f), vec![code.to_owned()], "{f}");
    }
}

#[test]
fn secretary_preset_rules() {
    let dir = tmp();
    let policy = at(dir.path(), "taizhang.toml");
    std::fs::write(&policy, taizhang::policy::SECRETARY_TOML).unwrap();
    let base = || {
        let mut p = with(good_proposal(), "项目类别", None);
        p.push(("主要内容", V::T("围绕教师党支部建设开展双带头人培育")));
        p.push(("可行性分析", V::T("学院党总支已有工作基础，经费有保障")));
        p = with(p, "职务", Some(V::T("机电学院党总支书记")));
        p = with(p, "开始时间", Some(V::T("2017-03-01")));
        with(p, "完成时间", Some(V::T("2017-12-31")))
    };
    let run = |name: &str, pairs: &[(&'static str, V)]| {
        let path = at(dir.path(), name);
        write_book(&path, &proposal_file(pairs));
        let (json, _) = check_json(&[&path], &["--policy", policy.to_str().unwrap()]);
        codes(&json["files"][0])
    };
    assert_eq!(run("ok.xlsx", &base()), Vec::<String>::new());
    assert_eq!(
        run(
            "long.xlsx",
            &with(base(), "完成时间", Some(V::T("2018-06-30")))
        ),
        vec!["W_DEADLINE"]
    );
    assert_eq!(
        run(
            "toolong.xlsx",
            &with(base(), "完成时间", Some(V::T("2019-06-30")))
        ),
        vec!["E_DURATION"]
    );
    assert_eq!(
        run("nocontent.xlsx", &with(base(), "主要内容", None)),
        vec!["E_REQUIRED"]
    );
    // The 书记项目 is led by the secretary: a deputy is not.
    assert_eq!(
        run(
            "deputy.xlsx",
            &with(base(), "职务", Some(V::T("机电学院党总支副书记")))
        ),
        vec!["E_OWNER_TITLE"]
    );
    // The clerk turns the longest-duration rule off in taizhang.toml's [rules].
    let relaxed = taizhang::policy::SECRETARY_TOML
        .replace("# max_duration = \"error\"", "max_duration = \"off\"");
    assert_ne!(relaxed, taizhang::policy::SECRETARY_TOML);
    std::fs::write(&policy, relaxed).unwrap();
    assert_eq!(
        run(
            "toolong2.xlsx",
            &with(base(), "完成时间", Some(V::T("2019-06-30")))
        ),
        vec!["W_DEADLINE"]
    );
}

#[test]
fn broken_and_foreign_files_each_get_one_clear_result_and_the_run_goes_on() {
    let dir = tmp();
    let d = dir.path();
    write_book(&at(d, "good.xlsx"), &proposal_file(&good_proposal()));
    let good = std::fs::read(at(d, "good.xlsx")).unwrap();
    std::fs::write(at(d, "empty.xlsx"), b"").unwrap();
    std::fs::write(at(d, "truncated.xlsx"), &good[..good.len() * 2 / 5]).unwrap();
    std::fs::write(at(d, "text.xlsx"), "这不是表格".as_bytes()).unwrap();
    std::fs::write(at(d, "scan.xls"), b"%PDF-1.4\n...").unwrap();
    std::fs::write(
        at(d, "random.ods"),
        (0..4000u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect::<Vec<_>>(),
    )
    .unwrap();
    std::fs::write(at(d, "~$good.xlsx"), b"lock").unwrap();
    std::fs::write(at(d, "说明.txt"), "附件说明").unwrap();
    write_book(
        &at(d, "签到表.xlsx"),
        &[sheet(
            "Sheet1",
            vec![
                (0, 0, V::T("会议签到表")),
                (1, 0, V::T("姓名")),
                (1, 1, V::T("单位")),
                (2, 0, V::T("张三")),
            ],
        )],
    );
    write_book(&at(d, "blank.xlsx"), &[sheet("Sheet1", vec![])]);
    let (json, code) = check_json(&[d], &[]);
    assert_eq!(code, 1);
    let files = json["files"].as_array().unwrap();
    assert_eq!(files.len(), 10);
    let by_name = |n: &str| {
        files
            .iter()
            .find(|f| f["path"].as_str().unwrap().ends_with(n))
            .unwrap()
            .clone()
    };
    for (name, kind, code) in [
        ("empty.xlsx", "unknown", Some("E_UNREADABLE")),
        ("truncated.xlsx", "unknown", Some("E_UNREADABLE")),
        ("text.xlsx", "unknown", Some("E_UNREADABLE")),
        ("scan.xls", "unknown", Some("E_UNREADABLE")),
        ("random.ods", "unknown", Some("E_UNREADABLE")),
        ("签到表.xlsx", "unknown", Some("E_UNKNOWN_FORM")),
        ("blank.xlsx", "unknown", Some("E_UNKNOWN_FORM")),
        ("~$good.xlsx", "skipped", None),
        ("说明.txt", "skipped", None),
        ("/good.xlsx", "proposal", None),
    ] {
        let f = by_name(name);
        assert_eq!(f["kind"], kind, "{name}");
        assert_eq!(
            codes(&f),
            code.map(|c| vec![c.to_owned()]).unwrap_or_default(),
            "{name}"
        );
        if kind == "skipped" {
            assert_eq!(f["ok"], true);
            assert!(f["record"].is_null());
        }
        if kind == "unknown" {
            assert!(f["record"].is_null());
            assert_eq!(f["problems"][0]["severity"], "error");
        }
    }
    assert!(by_name("scan.xls")["problems"][0]["message"]
        .as_str()
        .unwrap()
        .contains("PDF"));
    assert_eq!(
        json["summary"],
        json!({"files": 10, "ok": 3, "with_errors": 7, "warnings": 0, "skipped": 2})
    );
    // Path order, whatever order the files were read in.
    let paths: Vec<&str> = files.iter().map(|f| f["path"].as_str().unwrap()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
}

#[test]
fn cross_file_rules_units_duplicates_quotas() {
    let dir = tmp();
    let d = dir.path();
    let policy = at(d, "policy.toml");
    std::fs::write(
        &policy,
        format!(
            "{}\n[[units]]\nname = \"田家庵区委\"\ntype = \"县区\"\naliases = [\"淮南市田家庵区委\"]\n\n[[units]]\nname = \"潘集区委\"\ntype = \"县区\"\n",
            taizhang::policy::INNOVATION_TOML
        ),
    )
    .unwrap();
    let inbox = at(d, "inbox");
    std::fs::create_dir(&inbox).unwrap();
    let alias = with(good_proposal(), "申报单位", Some(V::T("淮南市田家庵区委")));
    write_book(&at(&inbox, "1.xlsx"), &proposal_file(&alias));
    write_book(&at(&inbox, "2.xlsx"), &proposal_file(&good_proposal()));
    let unknown = with(good_proposal(), "申报单位", Some(V::T("某某工委")));
    write_book(&at(&inbox, "3.xlsx"), &proposal_file(&unknown));
    for (i, name) in ["潘集项目一号工程", "潘集项目二号工程"]
        .into_iter()
        .enumerate()
    {
        let p = with(good_proposal(), "申报单位", Some(V::T("潘集区委")));
        let p = with(p, "项目名称", Some(V::T(name)));
        let p = with(p, "项目类别", Some(V::T("B类")));
        let p = with(p, "职务", Some(V::T("党委书记")));
        write_book(&at(&inbox, &format!("4-{i}.xlsx")), &proposal_file(&p));
    }
    let (json, code) = check_json(&[&inbox], &["--policy", policy.to_str().unwrap()]);
    assert_eq!(code, 0, "{json}");
    let files = json["files"].as_array().unwrap();
    assert_eq!(files[0]["record"]["unit"], "田家庵区委");
    assert_eq!(codes(&files[0]), Vec::<String>::new());
    assert_eq!(codes(&files[1]), vec!["W_DUPLICATE"]);
    assert!(files[1]["problems"][0]["message"]
        .as_str()
        .unwrap()
        .contains("1.xlsx"));
    assert_eq!(codes(&files[2]), vec!["W_UNIT_UNKNOWN"]);
    assert_eq!(codes(&files[3]), vec!["W_QUOTA"]);
    assert_eq!(codes(&files[4]), vec!["W_QUOTA"]);
}

#[test]
fn text_output_groups_by_file_and_ends_with_a_summary() {
    let dir = tmp();
    let d = dir.path();
    write_book(
        &at(d, "a.xlsx"),
        &proposal_file(&with(good_proposal(), "完成时间", Some(V::T("明年春天")))),
    );
    let other = with(
        good_proposal(),
        "项目名称",
        Some(V::T("党员积分制管理实践")),
    );
    write_book(&at(d, "b.xlsx"), &proposal_file(&other));
    let out = taizhang().arg("check").arg(d).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].ends_with("a.xlsx  [立项书]  退回：1 个错误"),
        "{text}"
    );
    assert!(lines[1].contains("错误 E_DATE"), "{text}");
    assert!(lines[2].ends_with("b.xlsx  [立项书]  通过"), "{text}");
    assert!(lines[3].starts_with("共 2 个文件"), "{text}");
}

#[test]
fn exit_codes() {
    let dir = tmp();
    let d = dir.path();
    write_book(&at(d, "b.xlsx"), &proposal_file(&good_proposal()));
    taizhang()
        .arg("check")
        .arg(at(d, "b.xlsx"))
        .assert()
        .code(0);
    taizhang()
        .arg("check")
        .arg(at(d, "missing"))
        .assert()
        .code(2);
    std::fs::write(at(d, "bad.toml"), "year = \"明年\"\n").unwrap();
    let out = taizhang()
        .arg("check")
        .arg(d)
        .arg("--policy")
        .arg(at(d, "bad.toml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("year") && err.contains("line 1"), "{err}");
    taizhang().arg("check").assert().code(2);
    taizhang().arg("frobnicate").assert().code(2);
}

#[test]
fn the_report_workbook_lists_every_problem_every_file_and_a_sheet_per_unit() {
    use calamine::{open_workbook, Reader, Xlsx};
    let dir = tmp();
    let d = dir.path();
    let inbox = at(d, "inbox");
    std::fs::create_dir(&inbox).unwrap();
    write_book(
        &at(&inbox, "a.xlsx"),
        &proposal_file(&with(good_proposal(), "完成时间", Some(V::T("明年春天")))),
    );
    let other = with(good_proposal(), "申报单位", Some(V::T("=大通区委")));
    let other = with(other, "联系电话", Some(V::T("1380554")));
    write_book(&at(&inbox, "b.xlsx"), &proposal_file(&other));
    std::fs::write(at(&inbox, "c.xlsx"), b"").unwrap();
    let report = at(d, "校验报告.xlsx");
    taizhang()
        .arg("check")
        .arg(&inbox)
        .arg("--report")
        .arg(&report)
        .assert()
        .code(1);
    let mut book: Xlsx<_> = open_workbook(&report).unwrap();
    let names = book.sheet_names();
    assert_eq!(&names[..2], &["问题清单".to_owned(), "文件清单".to_owned()]);
    assert!(names.contains(&"田家庵区委".to_owned()), "{names:?}");
    assert!(names.contains(&"=大通区委".to_owned()), "{names:?}");
    let problems = book.worksheet_range("问题清单").unwrap();
    assert_eq!(problems.height(), 1 + 3);
    let header: Vec<String> = problems
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        header,
        [
            "文件",
            "单位",
            "种类",
            "严重程度",
            "栏目",
            "单元格",
            "问题说明",
            "代码"
        ]
    );
    let files = book.worksheet_range("文件清单").unwrap();
    assert_eq!(files.height(), 1 + 3);
    // User text that looks like a formula stays text.
    let formulas = book.worksheet_formula("问题清单").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
    let unit = book.worksheet_range("=大通区委").unwrap();
    assert!(unit
        .used_cells()
        .any(|(_, _, c)| c.to_string().contains("W_PHONE") || c.to_string().contains("联系电话")));
}

#[test]
fn the_replies_follow_the_grade_the_policy_gives_a_rule() {
    let dir = tmp();
    let policy = at(dir.path(), "taizhang.toml");
    let mut p = with(good_proposal(), "项目类别", None);
    p.push(("主要内容", V::T("围绕教师党支部建设开展双带头人培育")));
    p.push(("可行性分析", V::T("学院党总支已有工作基础，经费有保障")));
    p = with(p, "开始时间", Some(V::T("2017-03-01")));
    p = with(p, "完成时间", Some(V::T("2017-12-31")));
    p = with(p, "职务", Some(V::T("党总支副书记")));
    let form = at(dir.path(), "deputy.xlsx");
    write_book(&form, &proposal_file(&p));
    let letters = |grade: &str| {
        let text = taizhang::policy::SECRETARY_TOML.replace(
            "# owner_title = \"error\"",
            &format!("owner_title = \"{grade}\""),
        );
        std::fs::write(&policy, text).unwrap();
        let out = at(dir.path(), &format!("回复-{grade}"));
        taizhang()
            .arg("check")
            .arg(&form)
            .args(["--policy", policy.to_str().unwrap(), "--ack", "--replies"])
            .arg(&out)
            .output()
            .unwrap();
        let mut names: Vec<String> = std::fs::read_dir(&out)
            .map(|d| {
                d.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| n.ends_with(".txt") && n.starts_with("田家庵区委"))
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        let body = names
            .first()
            .map(|n| std::fs::read_to_string(out.join(n)).unwrap())
            .unwrap_or_default();
        (names, body)
    };
    let (names, body) = letters("error");
    assert_eq!(names, ["田家庵区委-退回修改.txt"], "{body}");
    assert!(body.contains("党总支副书记"), "{body}");
    let (names, body) = letters("warning");
    assert_eq!(names, ["田家庵区委-已收到.txt"], "{body}");
    assert!(
        body.contains("党总支副书记"),
        "a warning is still said: {body}"
    );
    let (names, body) = letters("off");
    assert_eq!(names, ["田家庵区委-已收到.txt"], "{body}");
    assert!(
        !body.contains("副书记"),
        "an off rule is not mentioned: {body}"
    );
}
