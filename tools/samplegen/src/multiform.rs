//! Files holding several forms (SPEC §3.5, issue 14): a county's 一览表 (one proposal per row,
//! 填报单位 above the table), a workbook of one proposal per sheet (项目一/项目二/项目三) and a
//! unit's monthly reports as sheets 4月, 5月, 6月. The unit, 淮南市毛集实验区党工委, is not on
//! the policy's list (W_UNIT_UNKNOWN on each entry), so its projects leave every listed unit's
//! quota and every existing project ID as they were; its files sort after the proposals folder.

use crate::cells::{label, title, value, widths};
use crate::model::{t, Content, Entry, Part, Val};
use rust_xlsxwriter::XlsxError;

const UNIT: &str = "淮南市毛集实验区党工委";

/// The rows of the 一览表: name, category, scope, goals, measures, deadline, deliverables, owner
/// unit, owner, post, members.
const LISTED: [[&str; 11]; 3] = [
    [
        "湖区党建网格化管理",
        "A类",
        "全区沿湖各村党组织",
        "建立沿湖村党建网格，实现党员联户全覆盖",
        "划分网格，明确网格党小组长，建立联户台账，按月调度",
        "2018年12月",
        "网格化工作制度",
        "毛集实验区党工委组织部",
        "韩梅",
        "党工委委员、组织部部长",
        "韩梅、许亮、高静",
    ],
    [
        "移民安置点党支部建设",
        "A类",
        "全区移民安置点",
        "太短",
        "每个安置点建立党支部，选派第一书记，建立活动阵地",
        "2018年12月",
        "经验材料",
        "毛集实验区党工委组织部",
        "韩梅",
        "党工委委员、组织部部长",
        "韩梅、许亮、高静",
    ],
    [
        "农村党员冬春训研究",
        "B类",
        "全区农村党员",
        "形成农村党员冬春训的制度化做法",
        "调研冬春训现状，总结经验，形成研究报告",
        "2018年11月30日",
        "研究报告",
        "毛集实验区党工委",
        "徐刚",
        "党工委书记",
        "徐刚、韩梅、许亮",
    ],
];

fn county_list() -> Result<Vec<u8>, XlsxError> {
    let mut wb = crate::workbook::new_workbook()?;
    let ws = wb.add_worksheet();
    ws.set_name("一览表")?;
    widths(ws, &[6.0, 22.0, 8.0, 16.0, 28.0, 28.0, 12.0, 12.0, 18.0, 8.0, 18.0, 16.0])?;
    title(ws, 0, 0, 11, "2018年度基层党建创新项目申报一览表")?;
    value(ws, 1, 0, 3, &t(&format!("填报单位：{UNIT}")))?;
    value(ws, 1, 8, 11, &t("填报日期：2018年3月30日"))?;
    let heads = [
        "序号", "项目名称", "项目类别", "工作范围或对象", "工作目标", "主要措施", "完成时间", "成果形式",
    ];
    for (c, h) in heads.iter().enumerate() {
        label(ws, 2, c as u16, c as u16, h)?;
        label(ws, 3, c as u16, c as u16, "")?;
    }
    // Two-level header: 责任单位及责任人 over 责任单位 | 责任人.
    label(ws, 2, 8, 9, "责任单位及责任人")?;
    label(ws, 3, 8, 8, "责任单位")?;
    label(ws, 3, 9, 9, "责任人")?;
    label(ws, 2, 10, 10, "职务")?;
    label(ws, 2, 11, 11, "项目组成员")?;
    label(ws, 3, 10, 10, "")?;
    label(ws, 3, 11, 11, "")?;
    for (i, row) in LISTED.iter().enumerate() {
        let r = 4 + i as u32;
        value(ws, r, 0, 0, &Val::Num((i + 1) as f64, ""))?;
        for (c, v) in row.iter().enumerate() {
            value(ws, r, c as u16 + 1, c as u16 + 1, &t(v))?;
        }
    }
    value(ws, 7, 0, 1, &t("合计：3个项目"))?;
    value(ws, 8, 0, 11, &t("备注：本表由各县区委组织部汇总填报，一个项目一行。"))?;
    wb.save_to_buffer()
}

/// One proposal per sheet: (sheet, name, category, goals, owner, post).
const SHEETS: [(&str, &str, &str, &str, &str, &str); 3] = [
    ("项目一", "渔民党员流动党支部建设", "A类", "建立渔民流动党支部，实现流动党员应管尽管", "许亮", "党工委委员"),
    ("项目二", "“湖区先锋”志愿服务品牌", "A类", "打造湖区先锋志愿服务品牌，组建志愿服务队10支", "高静", "党工委委员、宣传部部长"),
    ("项目三", "基层党组织书记能力提升研究", "B类", "形成书记能力提升的培训体系和研究报告", "徐刚", "党工委书记"),
];

fn project_sheets() -> Result<Vec<u8>, XlsxError> {
    let mut wb = crate::workbook::new_workbook()?;
    for (sheet, name, category, goals, owner, post) in SHEETS {
        let ws = wb.add_worksheet();
        ws.set_name(sheet)?;
        widths(ws, &[18.0, 48.0])?;
        title(ws, 0, 0, 1, "2018年度基层党建创新项目立项书")?;
        let rows = [
            ("申报单位", UNIT.to_owned()),
            ("项目名称", name.to_owned()),
            ("项目类别", category.to_owned()),
            ("工作范围或对象", "全区各级党组织".to_owned()),
            ("工作目标", goals.to_owned()),
            ("主要措施", "制定方案，明确责任，按季度督查，年底总结推广".to_owned()),
            ("开始时间", "2018年4月1日".to_owned()),
            ("完成时间", "2018年12月31日".to_owned()),
            ("成果形式", "工作制度和经验材料".to_owned()),
            ("责任单位", "毛集实验区党工委组织部".to_owned()),
            ("责任人", owner.to_owned()),
            ("职务", post.to_owned()),
            ("项目组成员", format!("{owner}、韩梅、吴涛")),
            ("填报日期", "2018年3月30日".to_owned()),
        ];
        for (i, (l, v)) in rows.iter().enumerate() {
            let r = 1 + i as u32;
            label(ws, r, 0, 0, l)?;
            value(ws, r, 1, 1, &t(v))?;
        }
    }
    wb.save_to_buffer()
}

fn monthly_sheets() -> Result<Vec<u8>, XlsxError> {
    let mut wb = crate::workbook::new_workbook()?;
    for (month, percent, done) in [
        (4, 0.15, "成立渔民流动党支部筹备组，摸清流动党员底数"),
        (5, 0.35, "召开支部成立大会，选举支部委员"),
        (6, 0.5, "建立流动党员联系卡制度，开展首次集中学习"),
    ] {
        let ws = wb.add_worksheet();
        ws.set_name(format!("{month}月"))?;
        widths(ws, &[16.0, 48.0])?;
        title(ws, 0, 0, 1, "基层党建创新项目进度报告")?;
        let rows = [
            ("申报单位", t(UNIT)),
            ("项目名称", t(SHEETS[0].1)),
            ("报告期", t(&format!("2018年{month}月"))),
            ("完成进度", Val::Percent(percent)),
            ("项目状态", t("正常推进")),
            ("本期完成情况", t(done)),
            ("下步计划", t("按计划推进")),
            ("填报人", t("许亮")),
        ];
        for (i, (l, v)) in rows.iter().enumerate() {
            let r = 1 + i as u32;
            label(ws, r, 0, 0, l)?;
            value(ws, r, 1, 1, v)?;
        }
    }
    wb.save_to_buffer()
}

fn part(name: &str, kind: &'static str, codes: &[&'static str], note: &str) -> Part {
    Part { name: name.into(), kind, codes: codes.to_vec(), note: note.into() }
}

pub fn all() -> Result<Vec<Entry>, XlsxError> {
    let unknown = "W_UNIT_UNKNOWN";
    Ok(vec![
        Entry {
            path: "2018-05-多表/淮南市毛集实验区党工委-项目一览表.xlsx".into(),
            kind: "proposal",
            codes: Vec::new(),
            note: String::new(),
            content: Content::Bytes(county_list()?),
            parts: vec![
                part("一览表 第5行", "proposal", &[unknown], "一览表（一行一个项目）：填报单位写在表上方“填报单位：…”；两级表头“责任单位及责任人”下分“责任单位”“责任人”；单位不在名单里（仅警告）"),
                part("一览表 第6行", "proposal", &["E_LENGTH", unknown], "缺陷：工作目标只写“太短”；同一文件的其他项目照常合并，只退回这一行"),
                part("一览表 第7行", "proposal", &[unknown], "B类，负责人为党工委书记；“合计”“备注”行不是项目"),
            ],
        },
        Entry {
            path: "2018-05-多表/淮南市毛集实验区党工委-三个项目.xlsx".into(),
            kind: "proposal",
            codes: Vec::new(),
            note: String::new(),
            content: Content::Bytes(project_sheets()?),
            parts: vec![
                part("项目一", "proposal", &[unknown], "一个工作簿三张工作表，每张一份立项书"),
                part("项目二", "proposal", &[unknown], "同上"),
                part("项目三", "proposal", &[unknown], "同上，B类"),
            ],
        },
        Entry {
            path: "2018-06-多表/淮南市毛集实验区党工委-月度进度.xlsx".into(),
            kind: "progress",
            codes: Vec::new(),
            note: String::new(),
            content: Content::Bytes(monthly_sheets()?),
            parts: vec![
                part("4月", "progress", &[unknown], "一个单位把每月进度报告放在同一工作簿的“4月”“5月”“6月”工作表里；项目是“三个项目”中的项目一"),
                part("5月", "progress", &[unknown], "同上"),
                part("6月", "progress", &[unknown], "同上"),
            ],
        },
    ])
}
