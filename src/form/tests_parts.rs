//! Several forms in one file (SPEC §3.5), foreign labels and the evidence for a kind (issue 14
//! points 1, 3 and 4), through real xlsx bytes and the batch, as a unit sends them.

use super::{extract_all, FormKind};
use crate::model::{Field, Value};
use crate::read::{Cell, Sheet, Workbook};
use crate::testkit::{check_all, check_one, codes, innovation};

/// A sheet from rows of texts; `""` is an empty cell.
fn sheet(name: &str, rows: &[&[&str]]) -> Sheet {
    let mut cells = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        for (c, t) in row.iter().enumerate() {
            if !t.is_empty() {
                cells.push(Cell {
                    row: r as u32,
                    col: c as u32,
                    value: Value::Text((*t).to_owned()),
                });
            }
        }
    }
    Sheet::new(name.to_owned(), true, cells)
}

fn book(sheets: Vec<Sheet>) -> Workbook {
    Workbook { sheets }
}

/// One proposal as `label | value` rows under its title (the innovation preset's fields).
fn proposal_sheet(name: &str, project: &str, goals: &str) -> Sheet {
    sheet(
        name,
        &[
            &["2018年度基层党建创新项目立项书"],
            &["申报单位", "谢家集区委"],
            &["项目名称", project],
            &["项目类别", "A类"],
            &["工作范围或对象", "全区各村党组织"],
            &["工作目标", goals],
            &["主要措施", "建立清单，逐项推进，按月调度，年底总结"],
            &["完成时间", "2018年12月31日"],
            &["成果形式", "工作制度汇编"],
            &["责任单位", "谢家集区委组织部"],
            &["责任人", "王芳"],
            &["职务", "区委常委、组织部部长"],
            &["项目组成员", "王芳、李强、赵敏"],
        ],
    )
}

#[test]
fn a_hazard_report_is_no_proposal_and_says_what_it_holds() {
    let hazard = book(vec![sheet(
        "Sheet1",
        &[
            &["安全生产隐患排查申报表"],
            &["单位名称", "某某化工有限公司"],
            &["隐患名称", "储罐区防雷接地损坏"],
            &["隐患部位", "东区储罐"],
            &["整改措施", "更换接地扁钢并检测"],
            &["责任单位", "设备科"],
            &["责任人", "刘军"],
            &["完成时间", "2018年6月30日"],
        ],
    )]);
    let r = check_one(hazard, &innovation());
    assert_eq!(r.kind, FormKind::Unknown);
    assert_eq!(codes(&r), ["E_UNKNOWN_FORM"]);
    let message = &r.problems[0].message;
    assert!(
        message.contains("“单位名称”“隐患名称”“隐患部位”"),
        "{message}"
    );
}

#[test]
fn an_employee_record_card_is_unknown_naming_its_labels() {
    let card = book(vec![sheet(
        "员工登记表",
        &[
            &["员工信息登记表"],
            &["姓名", "", "性别", "男", "照片"],
            &["出生年月", "1985.03", "民族", "汉"],
            &["学历", "本科", "邮箱", "a@b.cn"],
            &["工作单位", "某某公司", "联系电话", "13805546677"],
            &["签字", ""],
        ],
    )]);
    let r = check_one(card, &innovation());
    assert_eq!(r.kind, FormKind::Unknown);
    let message = &r.problems[0].message;
    assert!(
        message.contains("只找到“姓名”“性别”“照片”等栏目"),
        "{message}"
    );
}

#[test]
fn a_word_in_a_header_is_no_evidence() {
    // 评分 in a header and 进度 in a title without any form's labels: not a score sheet.
    let list = book(vec![sheet(
        "Sheet1",
        &[
            &["工程进度"],
            &["姓名", "评分", "备注"],
            &["张三", "90", ""],
        ],
    )]);
    let r = check_one(list, &innovation());
    assert_eq!(r.kind, FormKind::Unknown);
}

#[test]
fn a_label_is_never_a_value_whoever_s_label_it_is() {
    let mut s = proposal_sheet("立项书", "", "建立四级党建网格体系，实现组织全覆盖");
    // 项目名称 | (blank) | 姓名 | 张三: the foreign label stops the scan; 成果形式 | 学校：.
    s.cells.push(Cell {
        row: 2,
        col: 3,
        value: Value::Text("姓名".into()),
    });
    s.cells.push(Cell {
        row: 2,
        col: 4,
        value: Value::Text("张三".into()),
    });
    let s = Sheet::new(
        s.name,
        true,
        s.cells
            .into_iter()
            .map(|mut c| {
                if c.row == 8 && c.col == 1 {
                    c.value = Value::Text("学校：".into());
                }
                c
            })
            .collect(),
    );
    let r = check_one(book(vec![s]), &innovation());
    assert_eq!(r.kind, FormKind::Proposal);
    let missing: Vec<_> = r
        .problems
        .iter()
        .filter(|p| p.code.as_str() == "E_REQUIRED")
        .filter_map(|p| p.field.clone())
        .collect();
    assert!(missing.contains(&"name".to_owned()), "{:?}", r.problems);
    assert!(
        missing.contains(&"deliverables".to_owned()),
        "{:?}",
        r.problems
    );
}

#[test]
fn one_form_per_sheet_gives_one_entry_per_sheet() {
    let file = book(vec![
        proposal_sheet(
            "项目一",
            "红色网格党建引领工程",
            "建立四级党建网格体系，实现组织全覆盖",
        ),
        proposal_sheet("项目二", "党员积分管理提升工程", "太短"),
        proposal_sheet(
            "项目三",
            "村级集体经济强村工程",
            "全区村集体经济收入全部超过十万元",
        ),
        sheet(
            "填表说明",
            &[&["项目名称：不超过30字"], &["工作目标：不少于10字"]],
        ),
    ]);
    let batch = check_all(&[("谢家集区委-三个项目.xlsx", file)], &innovation());
    let paths: Vec<&str> = batch.files.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "谢家集区委-三个项目.xlsx › 项目一",
            "谢家集区委-三个项目.xlsx › 项目二",
            "谢家集区委-三个项目.xlsx › 项目三"
        ]
    );
    assert_eq!(batch.summary.files, 3);
    assert!(
        batch.files[0].ok && batch.files[2].ok,
        "{:?}",
        batch.files[0].problems
    );
    assert_eq!(codes(&batch.files[1]), ["E_LENGTH"]);
    assert_eq!(
        batch.files[1].problems[0].cell.as_deref(),
        Some("项目二!B6")
    );
    assert_eq!(batch.files[1].file_path(), "谢家集区委-三个项目.xlsx");
}

/// A county's 一览表: 填报单位 above the table, a two-level header, a 合计 row ending it.
fn county_list() -> Workbook {
    book(vec![sheet(
        "一览表",
        &[
            &["2018年度基层党建创新项目申报一览表"],
            &[
                "填报单位：潘集区委",
                "",
                "",
                "",
                "",
                "",
                "填报日期：2018年3月30日",
            ],
            &[
                "序号",
                "项目名称",
                "项目类别",
                "工作范围或对象",
                "工作目标",
                "主要措施",
                "完成时间",
                "成果形式",
                "责任单位及责任人",
                "",
                "职务",
                "项目组成员",
            ],
            &["", "", "", "", "", "", "", "", "责任单位", "责任人"],
            &[
                "1",
                "支部建在产业链上工程",
                "A类",
                "全区产业园区",
                "园区党组织覆盖率达到百分之百",
                "建立园区联合党委，选派党建指导员",
                "2018年12月",
                "经验材料",
                "潘集区委组织部",
                "陈静",
                "区委常委、组织部部长",
                "陈静、周涛、吴敏",
            ],
            &[
                "2",
                "党员先锋岗",
                "A类",
                "全区窗口单位",
                "太短",
                "设岗定责，亮牌服务，季度评议",
                "2018年12月",
                "工作台账",
                "潘集区委组织部",
                "陈静",
                "区委常委、组织部部长",
                "陈静、周涛、吴敏",
            ],
            &["合计", "2个项目"],
            &["备注：本表由县区委组织部汇总填报"],
        ],
    )])
}

#[test]
fn a_table_of_proposals_gives_one_entry_per_row() {
    let batch = check_all(
        &[("潘集区委-项目一览表.xlsx", county_list())],
        &innovation(),
    );
    let paths: Vec<&str> = batch.files.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "潘集区委-项目一览表.xlsx › 一览表 第5行",
            "潘集区委-项目一览表.xlsx › 一览表 第6行"
        ]
    );
    let first = &batch.files[0];
    assert!(first.ok, "{:?}", first.problems);
    let Some(crate::rules::Record::Proposal(p)) = &first.record else {
        panic!("a proposal: {first:?}");
    };
    assert_eq!(p.unit.as_deref(), Some("潘集区委"));
    assert_eq!(p.owner.as_deref(), Some("陈静"));
    assert_eq!(p.owner_unit.as_deref(), Some("潘集区委组织部"));
    let second = &batch.files[1];
    assert_eq!(codes(second), ["E_LENGTH"]);
    assert_eq!(second.problems[0].cell.as_deref(), Some("一览表!E6"));
}

#[test]
fn a_progress_table_takes_its_period_from_the_title() {
    let file = book(vec![sheet(
        "进度",
        &[
            &["基层党建创新项目进度报告（2018年5月）"],
            &["申报单位", "项目名称", "完成进度", "本期完成情况"],
            &[
                "田家庵区委",
                "红色网格党建引领基层治理工程",
                "40%",
                "完成网格划分",
            ],
            &["田家庵区委", "党员积分管理", "30", "制定积分细则"],
            &["3"],
        ],
    )]);
    let forms = extract_all(&file).unwrap();
    assert_eq!(forms.len(), 2);
    for f in &forms {
        assert_eq!(f.kind, FormKind::Progress);
        let period = f.field(Field::Period).unwrap();
        assert_eq!(period.value, Some(Value::Text("2018年5月".into())));
        assert_eq!(period.cell, "进度!A1");
    }
    assert_eq!(forms[1].part.as_deref(), Some("进度 第4行"));
    assert_eq!(forms[1].field(Field::Done).unwrap().cell, "进度!D4");
}

#[test]
fn projects_side_by_side_give_one_entry_per_column() {
    let file = book(vec![sheet(
        "项目情况",
        &[
            &["2018年度基层党建创新项目立项书"],
            &["", "项目一", "项目二"],
            &["申报单位", "八公山区委", "八公山区委"],
            &["项目名称", "红色物业工程", "智慧党建平台建设"],
            &["项目类别", "A类", "A类"],
            &["工作目标", "小区党组织覆盖率达到百分之百", ""],
            &[
                "主要措施",
                "成立小区党支部，建立联席会议",
                "建设平台，培训管理员，按月通报",
            ],
        ],
    )]);
    let forms = extract_all(&file).unwrap();
    let parts: Vec<_> = forms
        .iter()
        .map(|f| f.part.clone().unwrap_or_default())
        .collect();
    assert_eq!(parts, ["项目情况 B列", "项目情况 C列"]);
    let goals = forms[1].field(Field::Goals).unwrap();
    assert_eq!(goals.value, None);
    assert_eq!(goals.cell, "项目情况!C6");
}

#[test]
fn a_word_document_s_paragraphs_are_common_to_its_table() {
    // What the docx reader gives: the paragraphs as `正文`, the form's table as `表1`.
    let doc = book(vec![
        sheet(
            "正文",
            &[
                &["2018年度基层党建创新项目立项书"],
                &["申报单位", "凤台县委"],
            ],
        ),
        sheet(
            "表1",
            &[
                &["项目名称", "“一村一品”党建品牌"],
                &["项目类别", "B类"],
                &["工作目标", "形成可复制推广的党建品牌经验"],
            ],
        ),
    ]);
    let forms = extract_all(&doc).unwrap();
    assert_eq!(forms.len(), 1);
    assert_eq!(forms[0].kind, FormKind::Proposal);
    assert_eq!(forms[0].part, None);
    assert_eq!(forms[0].field(Field::Name).unwrap().cell, "表1!B1");
    assert_eq!(forms[0].field(Field::Unit).unwrap().cell, "正文!B2");
}

#[test]
fn a_blank_copy_beside_the_form_is_no_second_entry() {
    let file = book(vec![
        proposal_sheet(
            "立项书",
            "红色网格党建引领工程",
            "建立四级党建网格体系，实现组织全覆盖",
        ),
        proposal_sheet("Sheet2", "", ""),
    ]);
    let batch = check_all(&[("立项书.xlsx", file)], &innovation());
    assert_eq!(batch.files.len(), 1);
    assert_eq!(batch.files[0].path, "立项书.xlsx");
    assert!(batch.files[0].ok, "{:?}", batch.files[0].problems);
}

#[test]
fn a_carriage_return_in_the_member_list_is_a_line_break_and_messages_say_the_canonical_label() {
    let s = proposal_sheet(
        "立项书",
        "红色网格党建引领工程",
        "建立四级党建网格体系，实现组织全覆盖",
    );
    let cells = s
        .cells
        .into_iter()
        .map(|mut c| {
            match (c.row, c.col) {
                (12, 1) => c.value = Value::Text("王芳\r李强\r\n赵敏".into()),
                (7, 0) => c.value = Value::Text("计划完  成时间".into()),
                (7, 1) => c.value = Value::Text("明年春天".into()),
                _ => {}
            }
            c
        })
        .collect();
    let r = check_one(
        book(vec![Sheet::new("立项书".into(), true, cells)]),
        &innovation(),
    );
    let Some(crate::rules::Record::Proposal(p)) = &r.record else {
        panic!("a proposal: {r:?}");
    };
    assert_eq!(
        p.members.as_deref(),
        Some(&["王芳".to_owned(), "李强".to_owned(), "赵敏".to_owned()][..])
    );
    assert_eq!(codes(&r), ["E_DATE"]);
    assert!(
        r.problems[0].message.starts_with("“完成时间”"),
        "{}",
        r.problems[0].message
    );
}

#[test]
fn a_list_of_projects_with_scores_is_no_table_of_progress_reports() {
    let sheet = sheet(
        "Sheet1",
        &[
            &["项目编号", "项目名称", "单位名称", "创新性"],
            &["2018-001", "红色网格党建引领工程", "田家庵区委", "18"],
            &["2018-002", "党员积分管理提升工程", "大通区委", "17"],
        ],
    );
    let kinds: Vec<FormKind> = extract_all(&book(vec![sheet]))
        .map(|forms| forms.iter().map(|f| f.kind).collect())
        .unwrap_or_default();
    assert!(!kinds.contains(&FormKind::Progress), "{kinds:?}");
}

#[test]
fn a_word_document_with_a_form_per_table_gives_parts_named_by_table() {
    let table = |name: &str, project: &str| {
        sheet(
            name,
            &[
                &["项目名称", project],
                &["项目类别", "A类"],
                &["工作目标", "形成可复制推广的党建品牌经验"],
                &["主要措施", "建立清单，逐项推进，按月调度"],
            ],
        )
    };
    let doc = book(vec![
        sheet(
            "正文",
            &[
                &["2018年度基层党建创新项目立项书"],
                &["申报单位", "寿县县委"],
            ],
        ),
        table("表1", "“红色古城”党建品牌"),
        table("表2", "流动党员双向管理"),
    ]);
    let forms = extract_all(&doc).unwrap();
    let parts: Vec<_> = forms
        .iter()
        .map(|f| f.part.clone().unwrap_or_default())
        .collect();
    assert_eq!(parts, ["表1", "表2"]);
    for f in &forms {
        assert_eq!(f.field(Field::Unit).unwrap().cell, "正文!B2");
    }
    assert_eq!(forms[1].field(Field::Name).unwrap().cell, "表2!B1");
}
