//! The label words of SPEC §3 that are not fields: milestone table headers, section headings and
//! form titles. The fields' own labels are in [`crate::model::field`].

use crate::model::Field;

/// The field whose label a cell's text is (`项目名称：`, `项　目　名　称`, `1.项目名称（必填）`).
pub fn field_for_text(text: &str) -> Option<Field> {
    crate::text::label_key(text).and_then(|key| Field::for_label(&key))
}

/// Header words of the milestone table (阶段 | 起止时间 | 内容).
pub const MILESTONE_STAGE: &[&str] = &[
    "阶段",
    "实施阶段",
    "阶段名称",
    "工作阶段",
    "推进阶段",
    "步骤",
];
/// Header words of the milestone table's period column.
pub const MILESTONE_PERIOD: &[&str] = &[
    "时间",
    "起止时间",
    "时间安排",
    "时间节点",
    "起止日期",
    "实施时间",
];
/// Header words of a milestone start column, when start and end have a column each.
pub const MILESTONE_FROM: &[&str] = &["开始时间", "起始时间", "开始日期"];
/// Header words of a milestone end column.
pub const MILESTONE_TO: &[&str] = &["完成时间", "结束时间", "截止时间", "完成日期"];
/// Header words of the milestone content column.
pub const MILESTONE_CONTENT: &[&str] = &[
    "内容",
    "工作内容",
    "主要内容",
    "任务",
    "主要任务",
    "工作任务",
    "阶段目标",
];

/// Section headings forms put between fields: never a value, and scanning stops at them.
pub const HEADINGS: &[&str] = &[
    "进度安排",
    "实施计划",
    "时间安排",
    "进度计划",
    "实施步骤",
    "项目基本情况",
    "基本情况",
    "项目情况",
    "项目实施计划",
    "审核意见",
    "单位意见",
    "主管部门意见",
    "组织部门意见",
    "备注",
    "填表说明",
    "说明",
];

/// Title words that say "proposal".
pub const PROPOSAL_TITLES: &[&str] = &["立项书", "申报表", "立项申报", "项目申报"];
/// Title words that say "progress report".
pub const PROGRESS_TITLES: &[&str] =
    &["进度报告", "进展情况", "推进情况", "月报", "进度表", "进度"];
/// Title words that say "closing report" (结项报告, 自查考评表, 验收申请表).
pub const CLOSING_TITLES: &[&str] = &["结项", "自查考评", "自评表", "验收申请", "总结报告"];
/// Title words that say "score sheet".
pub const SCORES_TITLES: &[&str] = &["评分表", "评分", "打分表"];

/// Labels common on Chinese forms that are none of taizhang's fields (SPEC §3, "whoever's label
/// it is"): a personnel card's 姓名, a hazard report's 隐患名称. Such a cell is never a value, so a
/// blank beside a foreign label stays blank instead of taking the label's text.
pub const COMMON_LABELS: &[&str] = &[
    "姓名",
    "性别",
    "出生年月",
    "出生日期",
    "年龄",
    "民族",
    "籍贯",
    "出生地",
    "政治面貌",
    "入党时间",
    "参加工作时间",
    "学历",
    "学位",
    "毕业院校",
    "专业",
    "职称",
    "身份证号",
    "身份证号码",
    "婚姻状况",
    "健康状况",
    "家庭住址",
    "通讯地址",
    "地址",
    "邮编",
    "邮政编码",
    "邮箱",
    "电子邮箱",
    "传真",
    "照片",
    "序号",
    "编号",
    "备注",
    "签字",
    "签名",
    "盖章",
    "签字盖章",
    "日期",
    "时间",
    "部门",
    "岗位",
    "工作单位",
    "现任职务",
    "简历",
    "工作简历",
    "奖惩情况",
    "家庭成员",
    "隐患名称",
    "隐患部位",
    "隐患描述",
    "整改措施",
    "整改期限",
    "整改责任人",
    "检查人",
    "检查时间",
    "审核人",
    "审批人",
    "经办人",
];

/// The longest label (in characters) that a cell ending in `：`/`:` is taken for.
const COLON_LABEL_MAX_CHARS: usize = 12;

/// True when a cell's text is a label of any form, not only taizhang's: one of
/// [`COMMON_LABELS`], or a short text ending in a colon (`学校：`). Taizhang's own labels are
/// told by [`field_for_text`].
pub fn is_foreign_label(text: &str) -> bool {
    colon_label(text) || crate::text::label_key(text.trim()).is_some_and(|k| is_common_key(&k))
}

/// A short text ending in a colon (`学校：`): a label, whatever its words.
pub(crate) fn colon_label(text: &str) -> bool {
    let t = text.trim();
    match t.strip_suffix(['：', ':']) {
        Some(head) => {
            let n = head.chars().count();
            n > 0 && n <= COLON_LABEL_MAX_CHARS && !head.contains(['：', ':'])
        }
        None => false,
    }
}

/// True when a normalised label (see [`crate::text::label_key`]) is one of [`COMMON_LABELS`].
pub(crate) fn is_common_key(key: &str) -> bool {
    static SET: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
        std::sync::LazyLock::new(|| COMMON_LABELS.iter().copied().collect());
    SET.contains(key)
}

/// Words in the names of instruction sheets, which quote the labels to explain them.
pub const INSTRUCTION_SHEETS: &[&str] = &["说明", "须知", "指南", "填表", "示例", "样例", "范例"];

/// Words that end a table of forms: the row is a total or a note, not a record.
pub const TABLE_END: &[&str] = &["合计", "小计", "总计", "备注", "说明", "注", "填表说明"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn foreign_labels() {
        assert!(is_foreign_label("姓名"));
        assert!(is_foreign_label("姓　名"));
        assert!(is_foreign_label("出生年月："));
        assert!(is_foreign_label("学校："));
        assert!(is_foreign_label("Name:"));
        assert!(!is_foreign_label("潘集区委"));
        assert!(!is_foreign_label("见附件：第一部分：总则："));
        assert!(!is_foreign_label(""));
    }
}
