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
/// Title words that say "score sheet".
pub const SCORES_TITLES: &[&str] = &["评分表", "评分", "打分表"];
