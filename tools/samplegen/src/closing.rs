//! The year's end (issue 17): 结项报告 / 自查考评表 with their 佐证材料, and a Word 立项书
//! (SPEC §3.6, issue 14).
//!
//! `inbox/2018-12-结项/`: 东方医院集团党委's closing report of 2018-001 (its 12月 report says
//! 已完成), its evidence in a folder named after the project's ID (a PDF summary and two photos,
//! recorded in the ledger's 佐证材料 sheet for 2018-001 when merged), a flawed closing report of
//! 大通区委 (自评得分 past 100), a Word closing report of 市直机关工委 and a photo no one can place (recorded with a blank ID). The
//! photos and the PDF are small real files made once with LibreOffice and poppler
//! (`assets/`), so that a clerk can open them.
//!
//! `inbox/2018-05-多表/…（Word版）.docx`: a fourth project of 淮南市毛集实验区党工委 (not on
//! the unit list: W_UNIT_UNKNOWN) as a Word table, with merged cells and a `标签：值` line.

use crate::cells::{label, title, value, widths};
use crate::model::{t, Content, Entry, Val};
use crate::word::{self, Cell};
use rust_xlsxwriter::XlsxError;

const FOLDER: &str = "2018-12-结项";
/// The project whose evidence arrives: 东方医院集团党委's, 2018-001 in the sample ledger.
const EVIDENCE_FOLDER: &str = "2018-001 党员先锋岗医疗服务品牌";

fn entry(path: String, kind: &'static str, codes: &[&'static str], note: &str, bytes: Vec<u8>) -> Entry {
    Entry { path, kind, codes: codes.to_vec(), note: note.into(), content: Content::Bytes(bytes), parts: Vec::new() }
}

/// A 结项报告 on the template's layout: the title, then label | value rows.
fn closing_report(rows: &[(&str, Val)]) -> Result<Vec<u8>, XlsxError> {
    let mut wb = crate::workbook::new_workbook()?;
    let ws = wb.add_worksheet();
    ws.set_name("结项报告")?;
    widths(ws, &[18.0, 60.0])?;
    title(ws, 0, 0, 1, "2018年度基层党建创新项目结项报告（自查考评表）")?;
    for (i, (l, v)) in rows.iter().enumerate() {
        let r = 1 + i as u32;
        label(ws, r, 0, 0, l)?;
        value(ws, r, 1, 1, v)?;
    }
    wb.save_to_buffer()
}

fn hospital() -> Result<Vec<u8>, XlsxError> {
    closing_report(&[
        ("项目编号", t("2018-001")),
        ("申报单位", t("东方医院集团党委")),
        ("项目名称", t("「党员先锋岗」医疗服务品牌创建")),
        ("目标完成情况", t("全部完成")),
        ("主要成效", t("全院设立党员先锋岗42个，门诊满意度由91%提高到96%，形成《党员先锋岗管理办法》，先锋岗义诊服务群众3000余人次。")),
        ("佐证材料清单", t("1.项目总结（PDF）\n2.授牌仪式照片\n3.义诊服务照片")),
        ("自评等次", t("优秀")),
        ("自评得分", Val::Num(93.0, "0")),
        ("存在不足", t("夜班岗位的先锋岗覆盖仍不足，明年继续扩大。")),
        ("填报人", t("邓辉")),
        ("填报日期", Val::Date(2018, 12, 20, "yyyy\"年\"m\"月\"d\"日\"")),
    ])
}

fn datong() -> Result<Vec<u8>, XlsxError> {
    closing_report(&[
        ("申报单位", t("大通区委")),
        ("项目名称", t("「红色网格」党建引领基层治理工程")),
        ("目标完成情况", t("已全部完成立项目标")),
        ("主要成效", t("全区划分党建网格186个，选派网格党小组长186名，网格内群众诉求办结率98%。")),
        ("佐证材料清单", t("网格工作制度汇编、工作台账、活动照片（另行报送）")),
        ("自评等次", t("优秀")),
        ("自评得分", t("105分")),
        ("填报人", t("李强")),
        ("填报日期", t("2018年12月21日")),
    ])
}

/// 市直机关工委's 结项报告 in Word: label | value rows, no 项目编号 (matched by unit and name).
fn organs_word() -> Result<Vec<u8>, String> {
    let row = |l: &'static str, v: &'static str| vec![word::label(l), word::value(v, 1)];
    let rows = vec![
        row("申报单位", "市直机关工委"),
        row("项目名称", "机关党员“双报到、双服务”联系基层机制建设"),
        row("目标完成情况", "基本完成"),
        row("主要成效", "市直机关86个党组织、2100余名党员到社区报到，认领服务项目430个，形成双报到工作制度。"),
        row("佐证材料清单", "工作总结、报到台账、服务项目清单"),
        row("自评等次", "良好"),
        row("自评得分", "86"),
        row("存在不足", "部分单位报到后服务次数偏少。"),
        row("填报人", "郝刚"),
    ];
    word::document("2018年度基层党建创新项目结项报告（自查考评表）", &[2200, 6600], &rows, &["填报日期：2018年12月24日"])
}

/// The Word 立项书: one table (label | value, 开始时间 and 完成时间 side by side, 主要措施's box
/// merged down two rows) and the date as a paragraph under it.
fn word_proposal() -> Result<Vec<u8>, String> {
    let whole = |l: &'static str, v: &'static str| vec![word::label(l), word::value(v, 3)];
    let mut rows: Vec<Vec<Cell<'_>>> = vec![
        whole("申报单位", "淮南市毛集实验区党工委"),
        whole("项目名称", "湖区渔业合作社党建联建"),
        whole("项目类别", "A类"),
        whole("工作范围或对象", "全区渔业合作社及所在村党组织"),
        whole("工作目标", "在全区12个渔业合作社建立联合党支部，实现合作社党的组织和工作全覆盖"),
    ];
    rows.push(vec![
        Cell { vmerge: Some(true), ..word::label("主要措施") },
        Cell { vmerge: Some(true), ..word::value("一是摸清合作社党员底数；二是村社联建党支部；三是按季度开展联建活动并考评", 3) },
    ]);
    rows.push(vec![
        Cell { vmerge: Some(false), ..word::label("") },
        Cell { vmerge: Some(false), ..word::value("", 3) },
    ]);
    rows.push(vec![
        word::label("开始时间"),
        word::value("2018年4月1日", 1),
        word::label("完成时间"),
        word::value("2018年12月31日", 1),
    ]);
    rows.extend([
        whole("成果形式", "联建工作制度、典型案例"),
        whole("责任单位", "毛集实验区党工委组织部"),
        whole("责任人", "韩梅"),
        whole("职务", "党工委委员、组织部部长"),
        whole("项目组成员", "韩梅、许亮、吴涛、高静"),
        whole("联系电话", "0554-8661234"),
    ]);
    word::document("2018年度基层党建创新项目立项书", &[1800, 2600, 1800, 2600], &rows, &["填报日期：2018年3月30日"])
}

pub fn all() -> Result<Vec<Entry>, String> {
    let x = |e: XlsxError| e.to_string();
    let evidence = |name: &str| format!("{FOLDER}/{EVIDENCE_FOLDER}/{name}");
    Ok(vec![
        entry(
            "2018-05-多表/淮南市毛集实验区党工委-立项书（Word版）.docx".into(),
            "proposal",
            &["W_UNIT_UNKNOWN"],
            "Word 立项书：标签和值在一张表格里（读作“表1!B2”等单元格），开始时间和完成时间并排（gridSpan），主要措施的格子向下合并两行（vMerge），填报日期是表格下的一行“填报日期：…”；单位不在名单里（仅警告）",
            word_proposal()?,
        ),
        entry(
            format!("{FOLDER}/东方医院集团党委-结项报告.xlsx"),
            "closing",
            &[],
            "结项报告（自查考评表），写了项目编号2018-001；合并后写入项目台账该项目的“目标完成情况”“自评等次”“自评得分”等栏",
            hospital().map_err(x)?,
        ),
        entry(
            format!("{FOLDER}/大通区委 红色网格 结项报告.xlsx"),
            "closing",
            &["E_SCORE"],
            "缺陷：自评得分写成“105分”（应为0–100）；没写项目编号，按申报单位和项目名称对应",
            datong().map_err(x)?,
        ),
        entry(
            format!("{FOLDER}/市直机关工委-结项报告.docx"),
            "closing",
            &[],
            "Word 版结项报告（表格中标签和值各一列），没写项目编号，按申报单位和项目名称对应；目标完成情况“基本完成”",
            organs_word()?,
        ),
        entry(
            evidence("项目总结.pdf"),
            "skipped",
            &[],
            "佐证材料：文件夹名里有项目编号2018-001，合并时登记在台账“佐证材料”表，归2018-001",
            include_bytes!("../assets/summary.pdf").to_vec(),
        ),
        entry(evidence("照片1.jpg"), "skipped", &[], "佐证材料（照片）：文件夹名里有项目编号2018-001，合并时归2018-001", include_bytes!("../assets/photo1.jpg").to_vec()),
        entry(evidence("照片2.jpg"), "skipped", &[], "佐证材料（照片）：文件夹名里有项目编号2018-001，合并时归2018-001", include_bytes!("../assets/photo2.jpg").to_vec()),
        entry(
            format!("{FOLDER}/活动照片.jpg"),
            "skipped",
            &[],
            "佐证材料，但同一文件夹里是几个项目的结项报告（合并的有东方医院集团党委和市直机关工委两个项目），判断不了归哪个项目：登记时项目编号留空，合并结果提示补填",
            include_bytes!("../assets/stray.jpg").to_vec(),
        ),
    ])
}
