//! The form fields of SPEC §3.1–§3.3: for each, its JSON key, the form it belongs to, every label
//! that names it, its ledger column, whether the policy requires it and how the template asks for
//! it.
//!
//! A rule is data: adding a synonym a unit used is one line here; adding a field is one line
//! here, and the compiler then asks the record, the template and the ledger what to do with it.

use super::column::Column;
use crate::policy::{Policy, Preset};

/// Which kind of form a field belongs to.
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
    /// 结项报告 / 自查考评表 only (SPEC §10, completion).
    Closing,
    /// The reports about an approved project: progress reports and the 结项报告 (项目编号, 填报人).
    Reports,
}

/// When a field must be filled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Always.
    Always,
    /// Never required.
    Optional,
    /// When the policy's `required` list names its key (主要内容, 可行性分析 in the secretary
    /// preset).
    Listed,
    /// When the policy has categories and `category_required`.
    Category,
    /// When the policy sets a minimum team size.
    Team,
}

/// How the blank template asks for a field: its cell's format and data validation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// Not on the template (a label only units invent, or a score sheet's).
    Absent,
    /// One line of text.
    Line,
    /// A tall wrapped box of the given height in points.
    Box(u16),
    /// Text kept exactly as typed (phone numbers, IDs, `2018-06`).
    Text,
    /// A date.
    Date,
    /// A fraction shown as a percentage (0.6 → 60%).
    Percent,
    /// A number ≥ 0 (万元).
    Money,
    /// One entry of a list the policy gives (categories, report states).
    Choice,
    /// A whole number within the policy's catalogue (参考目录序号).
    Whole,
    /// A score 0–100 (自评得分).
    Score,
}

macro_rules! fields {
    ($($(#[$doc:meta])* $name:ident = $key:literal, $scope:ident, $column:expr, $need:ident,
       $input:expr, [$($label:literal),* $(,)?];)*) => {
        /// Every field of every form.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Field {
            $($(#[$doc])* $name,)*
        }

        impl Field {
            /// Every field, in the order the templates ask for them.
            pub const ALL: &'static [Field] = &[$(Field::$name,)*];

            /// The JSON key (`goals`): SPEC §3's names, stable for other tools.
            pub const fn key(self) -> &'static str {
                match self {
                    $(Field::$name => $key,)*
                }
            }

            /// The form the field is on.
            pub const fn scope(self) -> Scope {
                match self {
                    $(Field::$name => Scope::$scope,)*
                }
            }

            /// Accepted labels after normalisation; the first is the official one.
            pub const fn labels(self) -> &'static [&'static str] {
                match self {
                    $(Field::$name => &[$($label),*],)*
                }
            }

            /// The ledger column that keeps the field's value, if the ledger keeps it.
            pub const fn column(self) -> Option<Column> {
                match self {
                    $(Field::$name => $column,)*
                }
            }

            /// When it must be filled in (see [`Field::required`]).
            pub const fn need(self) -> Need {
                match self {
                    $(Field::$name => Need::$need,)*
                }
            }

            /// How the template asks for it.
            pub const fn input(self) -> Input {
                match self {
                    $(Field::$name => $input,)*
                }
            }
        }
    };
}

use Column as C;
use Input as I;

fields! {
    /// 项目编号, quoted on progress reports.
    ProjectId = "project_id", Reports, Some(C::ProjectId), Optional, I::Text, ["项目编号"];
    /// The submitting unit.
    Unit = "unit", Both, Some(C::Unit), Always, I::Line,
        ["申报单位", "单位名称", "党组织名称", "填报单位", "报送单位"];
    /// The project's name.
    Name = "name", Both, Some(C::Name), Always, I::Line, ["项目名称"];
    /// A 创新实践 / B 理论研究.
    Category = "category", Proposal, Some(C::Category), Category, I::Choice,
        ["项目类别", "项目类型"];
    /// Reference catalogue number.
    Topic = "topic", Proposal, Some(C::Topic), Optional, I::Whole,
        ["参考目录序号", "选题序号", "参考选题"];
    /// Scope or target group.
    Scope = "scope", Proposal, Some(C::Scope), Always, I::Box(44),
        ["工作范围或对象", "工作范围", "工作对象", "实施范围", "实施对象", "工作范围及对象"];
    /// Main content (secretary preset).
    Content = "content", Proposal, Some(C::Content), Listed, I::Box(72), ["主要内容", "项目内容"];
    /// Feasibility analysis (secretary preset).
    Feasibility = "feasibility", Proposal, Some(C::Feasibility), Listed, I::Box(60), ["可行性分析"];
    /// Goals.
    Goals = "goals", Proposal, Some(C::Goals), Always, I::Box(72),
        ["工作目标", "主要目标", "项目目标", "预期目标"];
    /// Measures.
    Measures = "measures", Proposal, Some(C::Measures), Always, I::Box(100),
        ["主要措施", "推进措施", "工作措施", "具体措施"];
    /// Start date.
    Start = "start", Proposal, Some(C::Start), Optional, I::Date,
        ["开始时间", "启动时间", "开始日期", "起始时间"];
    /// Completion date.
    Deadline = "deadline", Proposal, Some(C::Deadline), Always, I::Date,
        ["完成时间", "完成时限", "计划完成时间", "截止时间", "完成日期", "计划完成日期"];
    /// Form of results.
    Deliverables = "deliverables", Proposal, Some(C::Deliverables), Always, I::Box(36),
        ["成果形式", "预期成果"];
    /// Responsible unit.
    OwnerUnit = "owner_unit", Proposal, Some(C::OwnerUnit), Always, I::Line, ["责任单位"];
    /// Responsible person.
    Owner = "owner", Proposal, Some(C::Owner), Always, I::Line, ["责任人", "项目负责人", "负责人"];
    /// 责任单位及责任人 in one cell: split into the two fields above.
    OwnerCombined = "owner_combined", Proposal, None, Optional, I::Absent,
        ["责任单位及责任人", "责任单位和责任人", "责任单位及负责人"];
    /// The owner's post.
    OwnerTitle = "owner_title", Proposal, Some(C::OwnerTitle), Always, I::Line,
        ["职务", "负责人职务", "项目负责人职务", "责任人职务"];
    /// Team members.
    Members = "members", Proposal, Some(C::Members), Team, I::Box(32),
        ["项目组成员", "项目成员", "项目组成员名单", "团队成员"];
    /// Contact phone.
    Phone = "phone", Proposal, Some(C::Phone), Optional, I::Text,
        ["联系电话", "电话", "手机", "联系方式", "手机号码", "负责人电话"];
    /// Funding in 万元.
    Budget = "budget", Proposal, Some(C::Budget), Optional, I::Money,
        ["经费预算", "扶持经费", "预算经费", "项目经费"];
    /// Report month.
    Period = "period", Progress, Some(C::Period), Always, I::Text, ["报告期", "报告月份", "所属月份"];
    /// Overall progress 0–100.
    Percent = "percent", Progress, Some(C::Percent), Always, I::Percent,
        ["完成进度", "总体进度", "完成比例", "累计完成进度", "完成百分比"];
    /// 正常推进 / 滞后 / 已完成 / 申请延期.
    State = "state", Progress, Some(C::State), Optional, I::Choice, ["项目状态"];
    /// The new completion date asked for with 申请延期.
    Extension = "new_deadline", Progress, Some(C::Extension), Optional, I::Date,
        ["申请延期至", "延期至", "延期完成时间", "申请延期完成时间", "调整后完成时间", "延期后完成时间"];
    /// Work done this period.
    Done = "done", Progress, Some(C::Done), Always, I::Box(120),
        ["本期完成情况", "本月工作", "工作进展", "本月完成情况", "本期工作完成情况", "进展情况"];
    /// Problems met.
    Problems = "problems", Progress, Some(C::Problems), Optional, I::Box(72),
        ["存在问题", "存在的问题", "存在问题及困难"];
    /// Plan for the next period.
    Next = "next", Progress, Some(C::Next), Optional, I::Box(72),
        ["下步计划", "下月计划", "下一步计划", "下步工作计划", "下月工作计划"];
    /// 目标完成情况: whether the goals set at approval were met (全部完成 / 基本完成 / 未完成).
    GoalsMet = "goals_met", Closing, Some(C::GoalsMet), Always, I::Choice,
        ["目标完成情况", "目标完成", "目标达成情况", "目标任务完成情况", "是否达到预期目标"];
    /// 主要成效: what the project achieved.
    Results = "results", Closing, Some(C::Results), Always, I::Box(120),
        ["主要成效", "工作成效", "取得成效", "项目成效", "主要成果", "取得的成效"];
    /// 佐证材料清单: the supporting materials the unit lists (sent with the form).
    MaterialsList = "materials_list", Closing, Some(C::MaterialsList), Always, I::Box(60),
        ["佐证材料清单", "佐证材料", "附件清单", "佐证材料目录", "支撑佐证材料"];
    /// 自评等次: the unit's own grade (优秀 / 良好 / 一般 / 较差).
    SelfGrade = "self_grade", Closing, Some(C::SelfGrade), Always, I::Choice,
        ["自评等次", "自评等级", "自评结果", "自我评价等次"];
    /// 自评得分 0–100.
    SelfScore = "self_score", Closing, Some(C::SelfScore), Optional, I::Score,
        ["自评得分", "自评分", "自评分数"];
    /// 存在不足: what fell short, and what is done about it.
    Shortfalls = "shortfalls", Closing, Some(C::Shortfalls), Optional, I::Box(60),
        ["存在不足", "存在的不足", "不足之处", "存在不足及改进措施"];
    /// Who filled in the report.
    Reporter = "reporter", Reports, Some(C::Reporter), Optional, I::Line, ["填报人", "联系人"];
    /// Date filled in (last on both forms).
    Submitted = "submitted", Both, Some(C::Submitted), Optional, I::Date,
        ["填报日期", "申报日期", "填表日期", "报送日期"];
    /// The timetable (阶段 | 起止时间 | 内容): a table, found by its header words, not a label.
    Milestones = "milestones", Proposal, Some(C::Milestones), Optional, I::Absent, [];
    /// The reviewer of a score sheet.
    Reviewer = "reviewer", Scores, None, Always, I::Absent, ["评审人", "评委", "评审专家"];
}

impl Field {
    /// The official label (`工作目标`), for messages about a field the form lacks.
    pub fn label(self) -> &'static str {
        match (self.labels().first(), self.column()) {
            (Some(l), _) => l,
            (None, Some(c)) => c.header(),
            (None, None) => self.key(),
        }
    }

    /// The field with this JSON key.
    pub fn from_key(key: &str) -> Option<Field> {
        Field::ALL.iter().copied().find(|f| f.key() == key)
    }

    /// True when the field is on forms of this scope (a `Both` field is on every form but the
    /// score sheet, a `Reports` field on progress reports and the 结项报告).
    pub fn on(self, form: Scope) -> bool {
        match self.scope() {
            s if s == form => true,
            Scope::Both => form != Scope::Scores,
            Scope::Reports => matches!(form, Scope::Progress | Scope::Closing),
            _ => false,
        }
    }

    /// Whether `policy` requires the field to be filled in.
    pub fn required(self, policy: &Policy) -> bool {
        match self.need() {
            Need::Always => true,
            Need::Optional => false,
            Need::Listed => policy.required.iter().any(|r| r == self.key()),
            Need::Category => !policy.categories.is_empty() && policy.category_required,
            Need::Team => policy.team.min > 0,
        }
    }

    /// Whether the blank template asks for the field under `policy`: categories and the
    /// catalogue only where the policy has them, 主要内容 and 可行性分析 where it wants them.
    pub fn on_template(self, policy: &Policy) -> bool {
        match (self.input(), self.need()) {
            (Input::Absent, _) => false,
            (_, Need::Listed) => policy.preset == Preset::Secretary || self.required(policy),
            (_, Need::Category) => !policy.categories.is_empty(),
            (Input::Whole, _) => !policy.catalogue.is_empty(),
            _ => true,
        }
    }

    /// The label the template prints: the ledger's header where it carries a unit
    /// (`经费预算（万元）`), else the official label.
    pub fn template_label(self) -> &'static str {
        match (self.input(), self.column()) {
            (Input::Money, Some(c)) => c.header(),
            _ => self.label(),
        }
    }

    /// The field of a form of `scope` that the ledger keeps in `column`.
    pub fn of_column(scope: Scope, column: Column) -> Option<Field> {
        Field::ALL
            .iter()
            .copied()
            .find(|f| f.on(scope) && f.column() == Some(column))
    }

    /// True for the fields that say which project a report is about (项目编号, 申报单位, 项目名称):
    /// the ledger matches them, it does not copy them from the report.
    pub fn identifies(self) -> bool {
        matches!(self, Field::ProjectId | Field::Unit | Field::Name)
    }

    /// The field of a proposal or report whose normalised label is `label`, if any (a hash
    /// lookup: it runs for every cell of every form).
    ///
    /// ```
    /// use taizhang::model::{Column, Field};
    ///
    /// let f = Field::for_label("计划完成时间").unwrap();
    /// assert_eq!(f, Field::Deadline);
    /// assert_eq!(f.key(), "deadline");
    /// assert_eq!(f.label(), "完成时间");
    /// assert_eq!(f.column(), Some(Column::Deadline));
    /// ```
    pub fn for_label(label: &str) -> Option<Field> {
        static BY_LABEL: std::sync::LazyLock<std::collections::HashMap<&'static str, Field>> =
            std::sync::LazyLock::new(|| {
                Field::ALL
                    .iter()
                    .flat_map(|f| f.labels().iter().map(move |l| (*l, *f)))
                    .collect()
            });
        BY_LABEL.get(label).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_name_one_field_each() {
        let mut seen = std::collections::HashMap::new();
        for f in Field::ALL {
            for l in f.labels() {
                assert_eq!(seen.insert(*l, *f), None, "{l} names two fields");
            }
        }
        assert_eq!(Field::for_label("计划完成时间"), Some(Field::Deadline));
        assert_eq!(Field::from_key("goals"), Some(Field::Goals));
    }
}
