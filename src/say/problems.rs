//! Every sentence taizhang says about a form, in one place so it can be reviewed as a whole.
//!
//! Messages name the label as the form shows it and quote the offending text, and end with the
//! cell, so a clerk can paste them into a reply unchanged (SPEC §4).

use crate::text::excerpt;

fn at(cell: &str) -> String {
    format!("（{cell}）")
}

/// A label found with nothing beside or below it.
pub fn blank(label: &str, cell: &str) -> String {
    format!("缺少“{label}”{}", at(cell))
}

/// A required label absent from the form.
pub fn no_label(label: &str) -> String {
    format!("缺少“{label}”一栏，请使用下发的模板填写")
}

/// A value that cannot be understood.
pub fn unreadable(label: &str, text: &str, cell: &str) -> String {
    format!("“{label}”无法识别：“{}”{}", excerpt(text, 30), at(cell))
}

/// A date that cannot be understood, with the accepted forms.
pub fn bad_date(label: &str, text: &str, cell: &str) -> String {
    format!(
        "“{label}”无法识别：“{}”{}，请填写具体日期，如 2018年12月31日",
        excerpt(text, 30),
        at(cell)
    )
}

/// A cell holding an Excel error value.
pub fn cell_error(label: &str, error: &str, cell: &str) -> String {
    format!(
        "“{label}”单元格显示错误值 {error}{}，请改为实际内容",
        at(cell)
    )
}

/// Text shorter than the minimum.
pub fn too_short(label: &str, len: usize, min: usize, cell: &str) -> String {
    format!("“{label}”内容过于简略（{len}字，至少{min}字）{}", at(cell))
}

/// Text longer than the maximum.
pub fn too_long(label: &str, len: usize, max: usize, cell: &str) -> String {
    format!("“{label}”过长（{len}字，最多{max}字）{}", at(cell))
}

/// Deadline not after start.
pub fn date_order(deadline_label: &str, deadline: &str, start: &str, cell: &str) -> String {
    format!(
        "“{deadline_label}”（{deadline}）应晚于开始时间（{start}）{}",
        at(cell)
    )
}

/// Innovation: deadline after the year end.
pub fn beyond_year(label: &str, deadline: &str, year: i32, cell: &str) -> String {
    format!(
        "“{label}”为 {deadline}，超出 {year} 年底；创新项目原则上于当年年底前完成{}",
        at(cell)
    )
}

/// Secretary: longer than the usual duration.
pub fn long_duration(label: &str, months: u32, normal: u32, cell: &str) -> String {
    format!(
        "项目周期约 {months} 个月，超过一般期限（{normal} 个月）{}，请确认“{label}”",
        at(cell)
    )
}

/// Secretary: longer than ever allowed.
pub fn too_long_duration(label: &str, months: u32, max: u32, cell: &str) -> String {
    format!(
        "项目周期约 {months} 个月，超过最长期限（{max} 个月）{}，请修改“{label}”",
        at(cell)
    )
}

/// Unknown category.
pub fn bad_category(label: &str, text: &str, allowed: &str, cell: &str) -> String {
    format!(
        "“{label}”无法识别：“{}”{}，应为 {allowed}",
        excerpt(text, 20),
        at(cell)
    )
}

/// Topic not in the catalogue.
pub fn bad_topic(label: &str, text: &str, count: usize, cell: &str) -> String {
    format!(
        "“{label}”为“{}”，不在参考目录中（应为 1–{count} 的序号）{}",
        excerpt(text, 20),
        at(cell)
    )
}

/// Team size out of range.
pub fn team_size(label: &str, n: usize, min: usize, max: usize, cell: &str) -> String {
    format!(
        "“{label}”共 {n} 人，项目组成员应为 {min}–{max} 人{}",
        at(cell)
    )
}

/// The owner's post does not fit the category.
pub fn owner_title(title: &str, category: &str, rule: &str, cell: &str) -> String {
    format!(
        "负责人职务为“{title}”，不符合{category}类项目要求：{rule}{}",
        at(cell)
    )
}

/// The owner's post is missing although the category restricts it.
pub fn owner_title_missing(category: &str, rule: &str) -> String {
    format!("未填写负责人职务，无法确认是否符合{category}类项目要求：{rule}")
}

/// Malformed phone.
pub fn bad_phone(label: &str, text: &str, cell: &str) -> String {
    format!(
        "“{label}”格式不正确：“{}”{}，应为11位手机号或带区号的固定电话",
        excerpt(text, 30),
        at(cell)
    )
}

/// Filled in after the deadline.
pub fn late(label: &str, date: &str, deadline: &str, cell: &str) -> String {
    format!(
        "“{label}”为 {date}，晚于报送截止日期 {deadline}{}",
        at(cell)
    )
}

/// Period not understood.
pub fn bad_period(label: &str, text: &str, cell: &str) -> String {
    format!(
        "“{label}”无法识别：“{}”{}，请填写年月，如 2018-06",
        excerpt(text, 20),
        at(cell)
    )
}

/// Percent not understood or out of range.
pub fn bad_percent(label: &str, text: &str, cell: &str) -> String {
    format!(
        "“{label}”应为 0%–100% 之间的数：“{}”{}",
        excerpt(text, 20),
        at(cell)
    )
}

/// A 自评得分 that is no number 0–100.
pub fn bad_self_score(label: &str, text: &str, cell: &str) -> String {
    format!(
        "“{label}”应为 0–100 之间的分数：“{}”{}",
        excerpt(text, 20),
        at(cell)
    )
}

/// A budget that is not a number ≥ 0.
pub fn bad_amount(label: &str, text: &str, cell: &str) -> String {
    format!(
        "“{label}”应为不小于 0 的数（万元）：“{}”{}",
        excerpt(text, 20),
        at(cell)
    )
}

/// A milestone period not understood.
pub fn bad_milestone(stage: &str, text: &str, cell: &str) -> String {
    format!(
        "进度安排“{}”的时间无法识别：“{}”{}",
        excerpt(stage, 15),
        excerpt(text, 30),
        at(cell)
    )
}

/// A milestone outside the project's dates.
pub fn milestone_outside(stage: &str, start: &str, end: &str, cell: &str) -> String {
    format!(
        "进度安排“{}”的时间不在项目起止时间（{start} 至 {end}）之内{}",
        excerpt(stage, 15),
        at(cell)
    )
}

/// Milestones out of order.
pub fn milestone_order(stage: &str, cell: &str) -> String {
    format!(
        "进度安排“{}”早于上一阶段，请按时间顺序填写{}",
        excerpt(stage, 15),
        at(cell)
    )
}

/// Unit not in the policy's list.
pub fn unknown_unit(label: &str, unit: &str, cell: &str) -> String {
    format!(
        "“{label}”为“{}”，不在单位名单中{}，请核对单位全称",
        excerpt(unit, 30),
        at(cell)
    )
}

/// The same project (or report) sent twice in one batch.
pub fn duplicate(what: &str, first: &str) -> String {
    format!("与“{first}”是同一{what}，重复报送，请确认以哪一份为准")
}

/// Quota of a unit; `a_count` only where the policy has categories.
pub fn quota(unit: &str, kind: &str, count: usize, a_count: Option<usize>, rule: &str) -> String {
    let a = a_count.map_or(String::new(), |a| format!("（其中A类 {a} 个）"));
    format!("{unit}（{kind}）本批共申报 {count} 个项目{a}，不符合要求：{rule}")
}

/// The rule quoted in `W_PER_OWNER`: one project per secretary a year.
pub fn per_owner_rule(max: usize) -> String {
    format!("每位书记每年 {max} 个项目")
}

/// `W_PER_OWNER`: the 责任人 leads more projects this year than the policy allows; `projects`
/// are the names with their units (`《…》（…）`), `where_` says where they were counted.
pub fn per_owner(owner: &str, projects: &[String], where_: &str, rule: &str) -> String {
    format!(
        "责任人“{owner}”{where_}共牵头 {} 个项目（{}），不符合要求：{rule}",
        projects.len(),
        projects.join("、")
    )
}

/// Where `W_PER_OWNER` counted: this batch.
pub const IN_BATCH: &str = "在本批材料中";

/// Where `W_PER_OWNER` counted: the ledger with this file.
pub const IN_LEDGER: &str = "连同台账中已有项目";

/// A project as `W_PER_OWNER` lists it: `《名称》（单位）`.
pub fn owned_project(name: &str, unit: &str) -> String {
    format!("《{name}》（{unit}）")
}

/// The owner's post is not the one the policy wants (a 副书记 or 委员 leading a 书记项目).
pub fn owner_post(title: &str, rule: &str, cell: &str) -> String {
    format!("负责人职务为“{title}”，不符合要求：{rule}{}", at(cell))
}

/// The owner's post is missing although the policy restricts it.
pub fn owner_post_missing(rule: &str) -> String {
    format!("未填写负责人职务，无法确认是否符合要求：{rule}")
}

/// A workbook sent as a score sheet without a score table.
pub fn no_score_table() -> String {
    "未找到评分表格：表头应有“项目编号”或“项目名称”，以及评分项（如“创新性（20分）”），请使用下发的评分表填写".to_owned()
}

/// A rubric criterion with no column on the score sheet.
pub fn missing_criterion(name: &str, max: f64) -> String {
    format!(
        "评分表缺少“{name}（{}分）”一列，请使用下发的评分表填写",
        crate::text::number_text(max)
    )
}

/// A score above the criterion's maximum or below 0.
pub fn score_out_of_range(
    project: &str,
    criterion: &str,
    text: &str,
    max: f64,
    cell: &str,
) -> String {
    format!(
        "“{}”的“{criterion}”得分 {} 超出范围（应为 0–{} 分）{}",
        excerpt(project, 30),
        excerpt(text, 10),
        crate::text::number_text(max),
        at(cell)
    )
}

/// A score that is not a number.
pub fn score_not_number(
    project: &str,
    criterion: &str,
    text: &str,
    max: f64,
    cell: &str,
) -> String {
    format!(
        "“{}”的“{criterion}”得分无法识别：“{}”（应为 0–{} 之间的数）{}",
        excerpt(project, 30),
        excerpt(text, 20),
        crate::text::number_text(max),
        at(cell)
    )
}

/// A score cell holding an Excel error value.
pub fn score_cell_error(project: &str, criterion: &str, error: &str, cell: &str) -> String {
    format!(
        "“{}”的“{criterion}”单元格显示错误值 {error}{}，请改为分数",
        excerpt(project, 30),
        at(cell)
    )
}

/// One criterion left blank.
pub fn not_scored(project: &str, criterion: &str, cell: &str) -> String {
    format!(
        "“{}”的“{criterion}”未评分{}",
        excerpt(project, 30),
        at(cell)
    )
}

/// A whole project row left blank.
pub fn row_not_scored(project: &str, cells: &str) -> String {
    format!("“{}”未评分{}", excerpt(project, 30), at(cells))
}

/// The same project twice on one score sheet.
pub fn duplicate_score_row(project: &str, first: &str, cell: &str) -> String {
    format!(
        "“{}”在评分表中出现两次（{first} 和 {cell}），只计第一次",
        excerpt(project, 30)
    )
}

/// The same reviewer's score sheet twice.
pub fn duplicate_reviewer(reviewer: &str, first: &str) -> String {
    format!("评审人“{reviewer}”的评分表重复：与“{first}”是同一评审人，只计“{first}”，请确认以哪一份为准")
}

/// A score row naming no project of the ledger.
pub fn score_no_project(project: &str, cell: &str) -> String {
    format!(
        "评分表中的{}不在台账中{}，请核对项目编号或项目名称",
        super::quoted(&excerpt(project, 30)),
        at(cell)
    )
}

/// Fewer exemplary projects than the policy asks for.
pub fn few_exemplary(found: usize, min: usize) -> String {
    format!("符合条件的示范项目只有 {found} 个，少于要求的 {min} 个")
}

// ----- severities, duplicates, quotas and units that sent nothing -----

/// A problem that blocks the merge of its file.
pub const ERROR: &str = "错误";
/// A problem that does not.
pub const WARNING: &str = "提醒";

/// What a duplicate is of: a project's proposal.
pub const DUPLICATE_PROPOSAL: &str = "项目的立项书";
/// What a duplicate is of: a project's report for the same period.
pub const DUPLICATE_REPORT: &str = "项目同一报告期的进度报告";
/// What a duplicate is of: a project's closing report.
pub const DUPLICATE_CLOSING: &str = "项目的结项报告";

/// The quota rule quoted in `W_QUOTA`, with the A-category minimum.
pub fn quota_rule_with_a(kind: &str, min: usize, max: usize, min_a: usize) -> String {
    format!("每个{kind}申报 {min}–{max} 个项目，其中至少 {min_a} 个A类（创新实践）项目")
}

/// The quota rule quoted in `W_QUOTA`.
pub fn quota_rule(min: usize, max: usize) -> String {
    format!("每个单位申报 {min}–{max} 个项目")
}

/// The category rule quoted in `E_OWNER_TITLE` when the policy words none.
pub fn owner_title_rule(titles: &[String]) -> String {
    format!("负责人职务应含“{}”", titles.join("”或“"))
}

/// How the allowed categories are joined in `E_CATEGORY` (`A（创新实践）或B（理论研究）`).
pub const OR: &str = "或";

/// What is due, for the not-sent list: the proposal.
pub const PROPOSAL: &str = "立项书";

/// What is due, for the not-sent list: a month's report (`2018年5月进度报告`).
pub fn monthly_report(period: &str) -> String {
    match period.split_once('-') {
        Some((y, m)) => format!("{y}年{}月进度报告", m.trim_start_matches('0')),
        None => format!("{period} 进度报告"),
    }
}

/// Every listed unit sent what is due.
pub fn all_units_sent(what: &str) -> String {
    format!("单位名单中的单位都已报送有效的{what}")
}

/// The units that sent nothing valid of what is due.
pub fn units_not_sent(what: &str, units: &[String]) -> String {
    format!(
        "未报送有效{what}的单位（{} 个）：{}",
        units.len(),
        units.join("、")
    )
}

/// W_EXTENSION: 申请延期 without the date asked for.
pub fn extension_without_date(label: &str, cell: &str) -> String {
    format!(
        "项目状态为“申请延期”，但没有填写“{label}”{}，请写明申请延期到哪一天",
        at(cell)
    )
}

/// W_EXTENSION: a date asked for without 申请延期 (the report is merged; no extension is asked).
pub fn date_without_extension(label: &str, cell: &str) -> String {
    format!(
        "填写了“{label}”{}，但项目状态不是“申请延期”；如需延期，请把项目状态选为“申请延期”",
        at(cell)
    )
}
