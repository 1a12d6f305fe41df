//! The label tables of SPEC §3.1–§3.3: which texts on a form name which field.
//!
//! A rule is data: adding a synonym a unit used is one line here, nothing else changes.

/// Which kind of form a label belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Proposal (立项书) only.
    Proposal,
    /// Progress report (进度报告) only.
    Progress,
    /// Both forms.
    Both,
    /// Score sheet (评分表).
    Scores,
}

/// One field: its record key and every label text that names it (normalised form).
#[derive(Debug, Clone, Copy)]
pub struct FieldDef {
    /// The JSON key (`goals`).
    pub key: &'static str,
    /// Where it occurs.
    pub scope: Scope,
    /// Accepted labels after normalisation; the first is the official one.
    pub labels: &'static [&'static str],
}

macro_rules! fields {
    ($($key:literal, $scope:ident, [$($label:literal),+ $(,)?];)*) => {
        /// Every field of every form.
        pub const FIELDS: &[FieldDef] = &[
            $(FieldDef { key: $key, scope: Scope::$scope, labels: &[$($label),+] },)*
        ];
    };
}

fields! {
    "project_id", Progress, ["项目编号"];
    "unit", Both, ["申报单位", "单位名称", "党组织名称", "填报单位", "报送单位"];
    "name", Both, ["项目名称"];
    "category", Proposal, ["项目类别", "项目类型"];
    "topic", Proposal, ["参考目录序号", "选题序号", "参考选题"];
    "scope", Proposal, ["工作范围或对象", "工作范围", "工作对象", "实施范围", "实施对象", "工作范围及对象"];
    "content", Proposal, ["主要内容", "项目内容"];
    "feasibility", Proposal, ["可行性分析"];
    "goals", Proposal, ["工作目标", "主要目标", "项目目标", "预期目标"];
    "measures", Proposal, ["主要措施", "推进措施", "工作措施", "具体措施"];
    "start", Proposal, ["开始时间", "启动时间", "开始日期", "起始时间"];
    "deadline", Proposal, ["完成时间", "完成时限", "计划完成时间", "截止时间", "完成日期", "计划完成日期"];
    "deliverables", Proposal, ["成果形式", "预期成果"];
    "owner_unit", Proposal, ["责任单位"];
    "owner", Proposal, ["责任人", "项目负责人", "负责人"];
    "owner_combined", Proposal, ["责任单位及责任人", "责任单位和责任人", "责任单位及负责人"];
    "owner_title", Proposal, ["职务", "负责人职务", "项目负责人职务", "责任人职务"];
    "members", Proposal, ["项目组成员", "项目成员", "项目组成员名单", "团队成员"];
    "phone", Proposal, ["联系电话", "电话", "手机", "联系方式", "手机号码", "负责人电话"];
    "budget", Proposal, ["经费预算", "扶持经费", "预算经费", "项目经费"];
    "submitted", Both, ["填报日期", "申报日期", "填表日期", "报送日期"];
    "period", Progress, ["报告期", "报告月份", "所属月份"];
    "percent", Progress, ["完成进度", "总体进度", "完成比例", "累计完成进度", "完成百分比"];
    "state", Progress, ["项目状态"];
    "done", Progress, ["本期完成情况", "本月工作", "工作进展", "本月完成情况", "本期工作完成情况", "进展情况"];
    "problems", Progress, ["存在问题", "存在的问题", "存在问题及困难"];
    "next", Progress, ["下步计划", "下月计划", "下一步计划", "下步工作计划", "下月工作计划"];
    "reporter", Progress, ["填报人", "联系人"];
    "reviewer", Scores, ["评审人", "评委", "评审专家"];
}

/// The field whose normalised label is `label`, if any (a hash lookup: it runs for every cell).
pub fn field_for_label(label: &str) -> Option<&'static FieldDef> {
    static BY_LABEL: std::sync::LazyLock<
        std::collections::HashMap<&'static str, &'static FieldDef>,
    > = std::sync::LazyLock::new(|| {
        FIELDS
            .iter()
            .flat_map(|f| f.labels.iter().map(move |l| (*l, f)))
            .collect()
    });
    BY_LABEL.get(label).copied()
}

/// The field whose label a cell's text is (`项目名称：`, `项　目　名　称`, `1.项目名称（必填）`).
pub fn field_for_text(text: &str) -> Option<&'static FieldDef> {
    crate::text::label_key(text).and_then(|key| field_for_label(&key))
}

/// The field with this key.
pub fn field(key: &str) -> Option<&'static FieldDef> {
    FIELDS.iter().find(|f| f.key == key)
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
