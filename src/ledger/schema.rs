//! The ledger's sheets and columns (SPEC §6). Headers are the contract: tools and clerks rely on them.

/// 项目台账: one row per project.
pub const PROJECTS: &str = "项目台账";
/// 进度记录: one row per project and report period.
pub const REPORTS: &str = "进度记录";
/// 单位汇总: one row per unit.
pub const UNITS: &str = "单位汇总";
/// 变更记录: one row per changed field.
pub const CHANGES: &str = "变更记录";
/// 来源文件: one row per merged file.
pub const SOURCES: &str = "来源文件";
/// 说明: tool version, policy, last merge.
pub const ABOUT: &str = "说明";
/// 报送原值: what the units last submitted, so that a clerk's correction is told apart from a
/// unit's change (hidden; a clerk may unhide it).
pub const SUBMITTED: &str = "报送原值";

/// The ledger format version written in 说明.
pub const FORMAT_VERSION: &str = "1";

/// 项目台账 columns: SPEC §6's, with the other proposal fields beside the ones they belong with.
pub const PROJECT_HEADERS: &[&str] = &[
    "项目编号",
    "年度",
    "申报单位",
    "项目类别",
    "项目名称",
    "参考目录序号",
    "工作范围或对象",
    "工作目标",
    "主要措施",
    "主要内容",
    "可行性分析",
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
    "进度安排",
    "状态",
    "最新进度",
    "最近报告期",
    "版本",
    "来源文件",
    "重点项目",
    "备注",
];

/// The 项目台账 columns a submission fills (申报单位 … 进度安排; the rest are the tool's or the
/// clerk's): a run of [`PROJECT_HEADERS`], so the two lists cannot drift apart.
pub const SUBMITTED_HEADERS: &[&str] = PROJECT_HEADERS.split_at(2).1.split_at(20).0;

/// 进度记录 columns.
pub const REPORT_HEADERS: &[&str] = &[
    "项目编号",
    "项目名称",
    "报告期",
    "完成进度",
    "项目状态",
    "本期完成情况",
    "存在问题",
    "下步计划",
    "填报日期",
    "填报人",
    "来源文件",
];

/// 单位汇总 columns.
pub const UNIT_HEADERS: &[&str] = &[
    "申报单位",
    "单位类型",
    "项目数",
    "A类项目数",
    "配额要求",
    "是否符合",
    "本年报告数",
];

/// 变更记录 columns.
pub const CHANGE_HEADERS: &[&str] = &["时间", "项目编号", "字段", "原值", "新值", "来源文件"];

/// 来源文件 columns: SPEC §6's, then the provenance of a file that came by mail.
pub const SOURCE_HEADERS: &[&str] = &[
    "文件名",
    "SHA-256",
    "类型",
    "合并时间",
    "结果",
    "项目编号",
    "发件人",
    "邮件主题",
    "发送时间",
];

/// 说明 columns.
pub const ABOUT_HEADERS: &[&str] = &["项目", "内容"];

/// 项目台账 columns taizhang adds beyond SPEC §6's: a ledger written by an older version may lack
/// them (they are added back on read), so they are not required.
const EXTRA_PROJECT_HEADERS: &[&str] = &[
    "参考目录序号",
    "主要内容",
    "可行性分析",
    "经费预算（万元）",
    "填报日期",
    "进度安排",
];

/// 进度记录 columns beyond SPEC §6's.
const EXTRA_REPORT_HEADERS: &[&str] = &["填报人"];

/// 来源文件 columns beyond SPEC §6's: a ledger from before mail intake lacks them.
const EXTRA_SOURCE_HEADERS: &[&str] = &["发件人", "邮件主题", "发送时间"];

/// The headers a sheet must have when read back (SPEC §6: "at least these").
pub fn required(sheet: &str) -> Vec<&'static str> {
    let (all, extra): (&[&'static str], &[&str]) = match sheet {
        PROJECTS => (PROJECT_HEADERS, EXTRA_PROJECT_HEADERS),
        REPORTS => (REPORT_HEADERS, EXTRA_REPORT_HEADERS),
        UNITS => (UNIT_HEADERS, &[]),
        CHANGES => (CHANGE_HEADERS, &[]),
        SOURCES => (SOURCE_HEADERS, EXTRA_SOURCE_HEADERS),
        _ => (&[], &[]),
    };
    all.iter().copied().filter(|h| !extra.contains(h)).collect()
}

/// Columns holding dates: written as real dates, read back as dates.
pub const DATE_COLUMNS: &[&str] = &["开始时间", "完成时间", "填报日期"];

/// Columns holding long text: wrapped, wider.
pub const LONG_COLUMNS: &[&str] = &[
    "工作范围或对象",
    "工作目标",
    "主要措施",
    "主要内容",
    "可行性分析",
    "进度安排",
    "本期完成情况",
    "存在问题",
    "下步计划",
    "原值",
    "新值",
    "备注",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_headers_are_spec_section_6() {
        let projects = required(PROJECTS);
        assert_eq!(projects.len(), 23);
        assert_eq!(projects[0], "项目编号");
        assert_eq!(projects[22], "备注");
        assert_eq!(required(REPORTS).len(), 10);
        assert!(required(REPORTS).contains(&"来源文件"));
        assert!(required(ABOUT).is_empty());
        assert_eq!(required(SOURCES).len(), 6, "mail columns are not required");
        assert_eq!(SUBMITTED_HEADERS.first(), Some(&"申报单位"));
        assert_eq!(SUBMITTED_HEADERS.last(), Some(&"进度安排"));
    }
}
