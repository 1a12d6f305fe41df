//! The proposal rules (SPEC §3.1) on in-memory forms, checked through the batch entry: each rule
//! is met once by a value just inside its bounds and once by one just outside.

use crate::read::Value;
use crate::rules::Record;
use crate::testkit::*;

/// The codes of a proposal built from pairs, checked under `policy`.
fn problems(pairs: &[(&str, Value)], policy: &crate::policy::Policy) -> Vec<&'static str> {
    codes(&check_one(proposal_form(pairs), policy))
}

/// The codes of the valid proposal with one value replaced (innovation preset).
fn changed(label: &str, value: Value) -> Vec<&'static str> {
    problems(&set(proposal(), label, Some(value)), &innovation())
}

/// The proposal record of a result.
fn record(pairs: &[(&str, Value)]) -> crate::rules::Proposal {
    match check_one(proposal_form(pairs), &innovation()).record {
        Some(Record::Proposal(p)) => p,
        other => panic!("not a proposal: {other:?}"),
    }
}

#[test]
fn the_valid_fixture_has_no_problem_and_its_whole_record() {
    let result = check_one(proposal_form(&proposal()), &innovation());
    assert_eq!(codes(&result), Vec::<&str>::new(), "{:?}", result.problems);
    assert!(result.ok);
    let p = record(&proposal());
    assert_eq!(p.name.as_deref(), Some("红色网格党建引领基层治理工程"));
    assert_eq!(p.category.as_deref(), Some("A"));
    assert_eq!(p.topic, Some(18));
    assert_eq!(
        p.deadline.map(|d| d.to_string()).as_deref(),
        Some("2018-12-31")
    );
    assert_eq!(p.budget, Some(5.0));
    assert_eq!(p.members.map(|m| m.len()), Some(3));
}

#[test]
fn the_name_is_four_to_sixty_characters() {
    assert_eq!(changed("项目名称", text("网格党")), vec!["E_LENGTH"]);
    assert_eq!(changed("项目名称", text("网格党建")), Vec::<&str>::new());
    assert_eq!(
        changed("项目名称", text(&"党".repeat(60))),
        Vec::<&str>::new()
    );
    assert_eq!(
        changed("项目名称", text(&"党".repeat(61))),
        vec!["E_LENGTH"]
    );
    let result = check_one(
        proposal_form(&set(proposal(), "项目名称", Some(text("网格党")))),
        &innovation(),
    );
    assert!(!result.ok);
    assert_eq!(result.problems[0].field.as_deref(), Some("name"));
    assert_eq!(result.problems[0].cell.as_deref(), Some("立项书!B3"));
}

#[test]
fn goals_and_measures_need_ten_characters() {
    for label in ["工作目标", "主要措施"] {
        assert_eq!(
            changed(label, text("建立党建网格体系全覆")),
            Vec::<&str>::new()
        );
        assert_eq!(
            changed(label, text("建立党建网格体系全")),
            vec!["E_LENGTH"],
            "{label}"
        );
    }
}

#[test]
fn a_deadline_on_or_before_the_start_is_an_error() {
    assert_eq!(
        changed("完成时间", text("2018-03-31")),
        vec!["E_DATE_ORDER"]
    );
    assert_eq!(
        changed("完成时间", text("2018-04-01")),
        vec!["E_DATE_ORDER"]
    );
    assert_eq!(changed("完成时间", text("2018-04-02")), Vec::<&str>::new());
    // Without a start, the project year's first day is the start.
    let no_start = set(proposal(), "开始时间", None);
    let no_start_late = set(no_start.clone(), "完成时间", Some(text("2017-12-31")));
    assert_eq!(problems(&no_start, &innovation()), Vec::<&str>::new());
    assert_eq!(
        problems(&no_start_late, &innovation()),
        vec!["E_DATE_ORDER"]
    );
}

#[test]
fn an_innovation_project_ending_after_the_year_is_warned_not_refused() {
    assert_eq!(changed("完成时间", text("2019-01-01")), vec!["W_DEADLINE"]);
    let pairs = set(proposal(), "完成时间", Some(text("2019-01-01")));
    assert!(check_one(proposal_form(&pairs), &innovation()).ok);
}

/// A valid secretary-preset proposal ending on `deadline` (started 2017-03-01).
fn secretary_proposal(deadline: &str) -> crate::testkit::Pairs {
    let mut p = set(proposal(), "项目类别", None);
    p.push(("主要内容", text("围绕教师党支部建设开展双带头人培育")));
    p.push(("可行性分析", text("学院党总支已有工作基础，经费有保障")));
    let p = set(p, "职务", Some(text("机电学院党总支书记")));
    let p = set(p, "开始时间", Some(text("2017-03-01")));
    set(p, "完成时间", Some(text(deadline)))
}

#[test]
fn a_secretary_project_may_last_twenty_four_months_and_is_warned_after_twelve() {
    let run = |deadline: &str| problems(&secretary_proposal(deadline), &secretary());
    assert_eq!(run("2018-02-28"), Vec::<&str>::new()); // 12 months
    assert_eq!(run("2018-03-01"), vec!["W_DEADLINE"]); // 13 months
    assert_eq!(run("2019-02-28"), vec!["W_DEADLINE"]); // 24 months
    assert_eq!(run("2019-03-01"), vec!["E_DURATION"]); // 25 months
    assert_eq!(run("2019-06-30"), vec!["E_DURATION"]);
}

#[test]
fn the_category_is_read_from_its_code_name_or_alias() {
    for (written, code) in [
        ("A类", "A"),
        ("a", "A"),
        ("Ａ类", "A"),
        ("A：创新实践", "A"),
        ("创新实践", "A"),
        ("实践创新", "A"),
        ("B类（理论研究）", "B"),
        ("理论研究", "B"),
    ] {
        let pairs = set(proposal(), "项目类别", Some(text(written)));
        // B needs a 书记 as owner, which the fixture's owner is not: only the category matters here.
        let pairs = set(pairs, "职务", Some(text("党委书记")));
        assert_eq!(record(&pairs).category.as_deref(), Some(code), "{written}");
        assert_eq!(
            problems(&pairs, &innovation()),
            Vec::<&str>::new(),
            "{written}"
        );
    }
    for bad in ["C类", "创新", "创新实践和理论研究"] {
        assert_eq!(changed("项目类别", text(bad)), vec!["E_CATEGORY"], "{bad}");
    }
    assert_eq!(changed("项目类别", text(" ")), vec!["E_REQUIRED"]);
}

#[test]
fn the_topic_is_a_catalogue_number_or_name() {
    let topic = |v: Value| record(&set(proposal(), "参考目录序号", Some(v))).topic;
    assert_eq!(topic(Value::Number(1.0)), Some(1));
    assert_eq!(topic(Value::Number(32.0)), Some(32));
    assert_eq!(topic(text("第5项")), Some(5));
    assert_eq!(topic(text("探索党员分类管理")), Some(1));
    for bad in [Value::Number(0.0), Value::Number(33.0), text("党建创新")] {
        assert_eq!(
            changed("参考目录序号", bad.clone()),
            vec!["E_TOPIC"],
            "{bad:?}"
        );
    }
    // The catalogue is empty in the secretary preset: any number is kept.
    let p = set(
        secretary_proposal("2017-12-31"),
        "参考目录序号",
        Some(Value::Number(99.0)),
    );
    assert_eq!(problems(&p, &secretary()), Vec::<&str>::new());
}

#[test]
fn the_owner_title_follows_the_category() {
    let run = |category: &str, title: Option<&str>| {
        let pairs = set(proposal(), "项目类别", Some(text(category)));
        problems(&set(pairs, "职务", title.map(text)), &innovation())
    };
    assert_eq!(run("A类", Some("党委委员")), Vec::<&str>::new());
    assert_eq!(run("A类", Some("区委常委")), Vec::<&str>::new());
    assert_eq!(run("A类", Some("办公室主任")), vec!["E_OWNER_TITLE"]);
    assert_eq!(run("A类", None), vec!["E_OWNER_TITLE"]);
    assert_eq!(run("B类", Some("党支部副书记")), Vec::<&str>::new());
    assert_eq!(run("B类", Some("组织委员")), vec!["E_OWNER_TITLE"]);
    // No category understood: no title rule to apply.
    assert_eq!(run("C类", Some("办公室主任")), vec!["E_CATEGORY"]);
}

#[test]
fn a_phone_that_is_no_mobile_or_landline_is_warned() {
    for good in [
        "13805546677",
        "0554-6612345",
        "１３８ ０５５４ ６６７７",
        "13805546677、0554-6612345",
    ] {
        assert_eq!(
            changed("联系电话", text(good)),
            Vec::<&str>::new(),
            "{good}"
        );
    }
    for bad in ["1380554", "138055466771", "电话", "13805546677、123"] {
        assert_eq!(changed("联系电话", text(bad)), vec!["W_PHONE"], "{bad}");
    }
    let pairs = set(proposal(), "联系电话", Some(text("1380554")));
    assert!(check_one(proposal_form(&pairs), &innovation()).ok);
}

#[test]
fn a_budget_that_is_no_amount_is_e_number() {
    let budget = |v: Value| record(&set(proposal(), "经费预算", Some(v))).budget;
    assert_eq!(budget(text("5万元")), Some(5.0));
    assert_eq!(budget(text("2.5")), Some(2.5));
    assert_eq!(budget(text("自筹")), None);
    assert_eq!(changed("经费预算", text("自筹")), Vec::<&str>::new());
    for bad in [
        text("五万元"),
        text("-3"),
        Value::Number(-1.0),
        text("若干"),
    ] {
        assert_eq!(
            changed("经费预算", bad.clone()),
            vec!["E_NUMBER"],
            "{bad:?}"
        );
    }
    let result = check_one(
        proposal_form(&set(proposal(), "经费预算", Some(text("五万元")))),
        &innovation(),
    );
    assert!(!result.ok);
    let problem = &result.problems[0];
    assert_eq!(problem.field.as_deref(), Some("budget"));
    assert!(problem.message.contains("五万元"), "{}", problem.message);
}

#[test]
fn a_team_above_the_maximum_or_below_the_minimum_is_e_members() {
    let team = |n: usize| {
        let names: Vec<String> = (1..=n).map(|i| format!("成员{i}")).collect();
        changed("项目组成员", text(&names.join("、")))
    };
    assert_eq!(team(2), vec!["E_MEMBERS"]);
    assert_eq!(team(3), Vec::<&str>::new());
    assert_eq!(team(7), Vec::<&str>::new());
    assert_eq!(team(8), vec!["E_MEMBERS"]);
    assert_eq!(team(12), vec!["E_MEMBERS"]);
    // No bounds in the secretary preset.
    let big = set(
        secretary_proposal("2017-12-31"),
        "项目组成员",
        Some(text(
            &(1..=12)
                .map(|i| format!("成员{i}"))
                .collect::<Vec<_>>()
                .join("、"),
        )),
    );
    assert_eq!(problems(&big, &secretary()), Vec::<&str>::new());
}

#[test]
fn a_timetable_row_unreadable_outside_the_project_or_out_of_order_is_w_milestone() {
    let run = |stages: &[[&str; 3]]| {
        let book = form(
            "立项书",
            "2018年度基层党建创新项目立项书",
            &proposal(),
            stages,
        );
        let result = check_one(book, &innovation());
        assert!(result.ok, "{:?}", result.problems);
        codes(&result)
    };
    let clean = [
        ["调研摸底", "2018年4月—2018年5月", "走访调研"],
        ["组织实施", "6月-11月", "全面推开"],
        ["总结提升", "2018年12月", "总结"],
    ];
    assert_eq!(run(&clean), Vec::<&str>::new());
    let unreadable = [["调研摸底", "待定", "走访调研"], clean[1]];
    assert_eq!(run(&unreadable), vec!["W_MILESTONE"]);
    let before_start = [["调研摸底", "2018年2月—2018年3月", "走访调研"], clean[1]];
    assert_eq!(run(&before_start), vec!["W_MILESTONE"]);
    let after_deadline = [clean[0], ["组织实施", "2018年6月—2019年2月", "全面推开"]];
    assert_eq!(run(&after_deadline), vec!["W_MILESTONE"]);
    let out_of_order = [clean[1], clean[0]];
    assert_eq!(run(&out_of_order), vec!["W_MILESTONE"]);
}

#[test]
fn a_late_proposal_is_warned_under_the_secretary_preset_too() {
    let p = set(
        secretary_proposal("2017-12-31"),
        "填报日期",
        Some(date(2017, 4, 6)),
    );
    // The preset leaves the deadline out: nothing to be late for.
    assert_eq!(problems(&p, &secretary()), Vec::<&str>::new());
    let mut policy = secretary();
    policy.submission_deadline = chrono::NaiveDate::from_ymd_opt(2017, 3, 31);
    assert_eq!(problems(&p, &policy), vec!["W_LATE"]);
    let on_time = set(p, "填报日期", Some(date(2017, 3, 31)));
    assert_eq!(problems(&on_time, &policy), Vec::<&str>::new());
}

#[test]
fn a_secretary_project_is_led_by_the_secretary_not_a_deputy_or_member() {
    let led_by = |title: &str| {
        let p = set(secretary_proposal("2017-12-31"), "职务", Some(text(title)));
        problems(&p, &secretary())
    };
    assert_eq!(led_by("党委书记"), Vec::<&str>::new());
    assert_eq!(led_by("党委副书记兼纪委书记"), Vec::<&str>::new());
    assert_eq!(led_by("党总支副书记"), vec!["E_OWNER_TITLE"]);
    assert_eq!(led_by("组织委员"), vec!["E_OWNER_TITLE"]);
    let p = set(
        secretary_proposal("2017-12-31"),
        "职务",
        Some(text("党总支副书记")),
    );
    let result = check_one(proposal_form(&p), &secretary());
    let message = &result.problems[0].message;
    assert!(message.contains("“党总支副书记”"), "{message}");
    assert!(message.contains("书记本人牵头"), "{message}");
}

#[test]
fn the_policy_grades_each_general_rule_error_warning_or_off() {
    use crate::policy::RuleGrade;
    use crate::rules::Severity;
    let deputy = set(
        secretary_proposal("2017-12-31"),
        "职务",
        Some(text("党总支副书记")),
    );
    let long = set(deputy.clone(), "完成时间", Some(text("2018-12-31")));
    let mut policy = secretary();
    let result = check_one(proposal_form(&long), &policy);
    assert_eq!(codes(&result), vec!["E_OWNER_TITLE", "W_DEADLINE"]);
    assert!(!result.ok);
    policy.rules.owner_title = Some(RuleGrade::Warning);
    policy.rules.duration = Some(RuleGrade::Error);
    let result = check_one(proposal_form(&long), &policy);
    let graded: Vec<(&str, Severity)> = result
        .problems
        .iter()
        .map(|p| (p.code.as_str(), p.severity))
        .collect();
    assert!(
        graded.contains(&("E_OWNER_TITLE", Severity::Warning)),
        "{graded:?}"
    );
    assert!(
        graded.contains(&("W_DEADLINE", Severity::Error)),
        "{graded:?}"
    );
    assert!(!result.ok, "an error-graded W_DEADLINE returns the form");
    policy.rules.duration = Some(RuleGrade::Off);
    let result = check_one(proposal_form(&long), &policy);
    assert_eq!(codes(&result), vec!["E_OWNER_TITLE"]);
    assert!(result.ok, "a warning-graded post lets the form in");
    // The team rule of the innovation preset, off.
    let mut policy = innovation();
    let small = set(proposal(), "项目组成员", Some(text("张三、李四")));
    assert_eq!(problems(&small, &policy), vec!["E_MEMBERS"]);
    policy.rules.team = Some(RuleGrade::Off);
    assert_eq!(problems(&small, &policy), Vec::<&str>::new());
}
