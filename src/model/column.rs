//! The ledger's sheets and columns (SPEC §6): every header taizhang writes or reads, once.
//!
//! A [`Column`] is a header with a kind (date, long text, number …) that decides how it is
//! written and checked; a [`Sheet`] lists its columns in the order a new ledger has them. Code
//! names a column by its variant, so a misspelt header is a compile error, not a new column.

/// What a column holds: decides its format, its width and the check on read-back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Short text (names, IDs, words).
    Text,
    /// Long text: wrapped, wide.
    Long,
    /// A date, written as a real date.
    Date,
    /// A date and time (merge times).
    DateTime,
    /// A number.
    Number,
    /// Progress 0–100, shown with a percent sign.
    Percent,
    /// A month as text, `YYYY-MM`.
    Month,
}

macro_rules! columns {
    ($($(#[$doc:meta])* $name:ident = $header:literal, $kind:ident;)*) => {
        /// Every ledger column taizhang knows, by its header.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Column {
            $($(#[$doc])* $name,)*
        }

        impl Column {
            /// Every column, in declaration order.
            pub const ALL: &'static [Column] = &[$(Column::$name,)*];

            /// The header text in row 1 (the contract: clerks and other tools rely on it).
            pub const fn header(self) -> &'static str {
                match self {
                    $(Column::$name => $header,)*
                }
            }

            /// The column with this header, if it is one of taizhang's.
            pub fn for_header(header: &str) -> Option<Column> {
                match header {
                    $($header => Some(Column::$name),)*
                    _ => None,
                }
            }

            /// What the column holds.
            pub const fn kind(self) -> Kind {
                match self {
                    $(Column::$name => Kind::$kind,)*
                }
            }
        }
    };
}

columns! {
    /// 项目编号 `2018-001`: in every sheet that speaks of a project.
    ProjectId = "项目编号", Text;
    /// 年度: the policy year of the project.
    Year = "年度", Number;
    /// 申报单位.
    Unit = "申报单位", Text;
    /// 项目类别 (A/B).
    Category = "项目类别", Text;
    /// 项目名称.
    Name = "项目名称", Text;
    /// 参考目录序号.
    Topic = "参考目录序号", Number;
    /// 工作范围或对象.
    Scope = "工作范围或对象", Long;
    /// 工作目标.
    Goals = "工作目标", Long;
    /// 主要措施.
    Measures = "主要措施", Long;
    /// 主要内容.
    Content = "主要内容", Long;
    /// 可行性分析.
    Feasibility = "可行性分析", Long;
    /// 开始时间.
    Start = "开始时间", Date;
    /// 完成时间.
    Deadline = "完成时间", Date;
    /// 成果形式.
    Deliverables = "成果形式", Text;
    /// 责任单位.
    OwnerUnit = "责任单位", Text;
    /// 责任人.
    Owner = "责任人", Text;
    /// 职务.
    OwnerTitle = "职务", Text;
    /// 项目组成员, joined with 、.
    Members = "项目组成员", Text;
    /// 联系电话.
    Phone = "联系电话", Text;
    /// 经费预算（万元）.
    Budget = "经费预算（万元）", Number;
    /// 填报日期, of a proposal or a report.
    Submitted = "填报日期", Date;
    /// 进度安排: the timetable, one stage a line.
    Milestones = "进度安排", Long;
    /// 状态: 已立项 / 推进中 / 滞后 / 逾期 / 已完成, computed.
    Status = "状态", Text;
    /// 审核状态: 待审核 / 已批复 / 不予立项 / 退回修改, the clerk's decision (SPEC §10); merge
    /// gives a new project 待审核 and never changes it.
    Approval = "审核状态", Text;
    /// 审核意见: the clerk's note to the unit with the decision.
    ApprovalNote = "审核意见", Long;
    /// 目标完成情况, as the unit's 结项报告 says.
    GoalsMet = "目标完成情况", Text;
    /// 主要成效, from the 结项报告.
    Results = "主要成效", Long;
    /// 佐证材料清单, from the 结项报告.
    MaterialsList = "佐证材料清单", Long;
    /// 自评等次, from the 结项报告.
    SelfGrade = "自评等次", Text;
    /// 自评得分, from the 结项报告.
    SelfScore = "自评得分", Number;
    /// 存在不足, from the 结项报告.
    Shortfalls = "存在不足", Long;
    /// 验收结果: the clerk's acceptance of a finished project (通过 / 不通过 / 整改).
    Acceptance = "验收结果", Text;
    /// 验收意见: the note with it.
    AcceptanceNote = "验收意见", Long;
    /// 最新进度: the latest report's percent.
    LatestPercent = "最新进度", Percent;
    /// 最近报告期.
    LatestPeriod = "最近报告期", Text;
    /// 版本: how many versions of the proposal were merged.
    Version = "版本", Number;
    /// 来源文件: the file a row came from.
    Source = "来源文件", Text;
    /// 重点项目: the clerk's mark.
    Key = "重点项目", Text;
    /// 备注: the clerk's notes.
    Note = "备注", Long;
    /// 报告期 `YYYY-MM`.
    Period = "报告期", Month;
    /// 完成进度 0–100.
    Percent = "完成进度", Percent;
    /// 项目状态 as the unit reported it.
    State = "项目状态", Text;
    /// The new completion date a report asks for with 项目状态 申请延期.
    Extension = "申请延期至", Date;
    /// 本期完成情况.
    Done = "本期完成情况", Long;
    /// 存在问题.
    Problems = "存在问题", Long;
    /// 下步计划.
    Next = "下步计划", Long;
    /// 填报人.
    Reporter = "填报人", Text;
    /// 单位类型.
    UnitType = "单位类型", Text;
    /// 项目数.
    ProjectCount = "项目数", Number;
    /// A类项目数.
    CategoryACount = "A类项目数", Number;
    /// 配额要求.
    Quota = "配额要求", Text;
    /// 是否符合 (the quota).
    QuotaMet = "是否符合", Text;
    /// 本年报告数.
    ReportCount = "本年报告数", Number;
    /// 时间 of a change.
    ChangedAt = "时间", DateTime;
    /// 字段: the header of the changed column.
    Field = "字段", Text;
    /// 原值.
    OldValue = "原值", Long;
    /// 新值.
    NewValue = "新值", Long;
    /// 文件名 (with ` › ` parts for mail and zip).
    FileName = "文件名", Text;
    /// SHA-256 of the file's bytes: how a re-merge is recognised.
    Sha256 = "SHA-256", Text;
    /// 类型 (立项书, 进度报告).
    FileKind = "类型", Text;
    /// 合并时间.
    MergedAt = "合并时间", DateTime;
    /// 结果 (新立项, 更新 …).
    Outcome = "结果", Text;
    /// 发件人, for a file that came by mail.
    Sender = "发件人", Text;
    /// 邮件主题.
    Subject = "邮件主题", Text;
    /// 发送时间.
    SentAt = "发送时间", Text;
    /// A 佐证材料 file's size, as a person reads it (`245 KB`).
    Size = "大小", Text;
    /// Where a 佐证材料 file came from: the mail or archive, or the folder.
    Origin = "来源", Long;
    /// When a 佐证材料 file was received: the mail's date, or the file's.
    ReceivedAt = "收到时间", DateTime;
    /// Where `merge --materials` saved the copy.
    SavedAs = "保存位置", Long;
    /// 说明's first column.
    AboutItem = "项目", Text;
    /// 说明's second column.
    AboutText = "内容", Text;
}

/// What a policy must have for a column to exist at all: a preset defines its columns, so a
/// college without categories never sees 项目类别 (see [`crate::policy::Policy::keeps`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feature {
    /// Project categories (A/B) and their quotas.
    Categories,
    /// A reference catalogue (参考目录).
    Catalogue,
}

impl Column {
    /// The policy feature the column belongs to; `None`: every policy has it.
    pub const fn feature(self) -> Option<Feature> {
        match self {
            Column::Category | Column::CategoryACount => Some(Feature::Categories),
            Column::Topic => Some(Feature::Catalogue),
            _ => None,
        }
    }
}

/// The ledger's sheets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sheet {
    /// 项目台账: one row per project.
    Projects,
    /// 进度记录: one row per project and report period.
    Reports,
    /// 单位汇总: one row per unit.
    Units,
    /// 变更记录: one row per changed field.
    Changes,
    /// 来源文件: one row per merged file.
    Sources,
    /// 说明: tool version, policy, last merge.
    About,
    /// 佐证材料: one row per supporting file (report, photo, scan …) received with a project's
    /// forms (SPEC §10).
    Materials,
    /// 报送原值: what the units last submitted, so that a clerk's correction is told apart from
    /// a unit's change (hidden; a clerk may unhide it).
    Submitted,
}

use Column as C;

/// 项目台账: SPEC §6's columns, with the other proposal fields beside the ones they belong with.
const PROJECTS: &[Column] = &[
    C::ProjectId,
    C::Year,
    C::Unit,
    C::Category,
    C::Name,
    C::Topic,
    C::Scope,
    C::Goals,
    C::Measures,
    C::Content,
    C::Feasibility,
    C::Start,
    C::Deadline,
    C::Deliverables,
    C::OwnerUnit,
    C::Owner,
    C::OwnerTitle,
    C::Members,
    C::Phone,
    C::Budget,
    C::Submitted,
    C::Milestones,
    C::Status,
    C::Approval,
    C::ApprovalNote,
    C::LatestPercent,
    C::LatestPeriod,
    C::Version,
    C::Source,
    C::GoalsMet,
    C::SelfGrade,
    C::SelfScore,
    C::Results,
    C::MaterialsList,
    C::Shortfalls,
    C::Acceptance,
    C::AcceptanceNote,
    C::Key,
    C::Note,
];

const REPORTS: &[Column] = &[
    C::ProjectId,
    C::Name,
    C::Period,
    C::Percent,
    C::State,
    C::Extension,
    C::Done,
    C::Problems,
    C::Next,
    C::Submitted,
    C::Reporter,
    C::Source,
];

const UNITS: &[Column] = &[
    C::Unit,
    C::UnitType,
    C::ProjectCount,
    C::CategoryACount,
    C::Quota,
    C::QuotaMet,
    C::ReportCount,
];

const CHANGES: &[Column] = &[
    C::ChangedAt,
    C::ProjectId,
    C::Field,
    C::OldValue,
    C::NewValue,
    C::Source,
];

const SOURCES: &[Column] = &[
    C::FileName,
    C::Sha256,
    C::FileKind,
    C::MergedAt,
    C::Outcome,
    C::ProjectId,
    C::Sender,
    C::Subject,
    C::SentAt,
];

const ABOUT: &[Column] = &[C::AboutItem, C::AboutText];

const MATERIALS: &[Column] = &[
    C::ProjectId,
    C::Name,
    C::FileName,
    C::FileKind,
    C::Size,
    C::Sha256,
    C::Origin,
    C::ReceivedAt,
    C::SavedAs,
];

/// 报送原值: the ID, then the 项目台账 columns a submission fills (申报单位 … 进度安排, then
/// 目标完成情况 … 存在不足 of the 结项报告) — the columns of the proposal's and the closing
/// report's fields, in 项目台账's order, so the two cannot drift apart.
static SUBMITTED: std::sync::LazyLock<Vec<Column>> = std::sync::LazyLock::new(|| {
    use super::field::{Field, Scope};
    let submitted = |c: Column| {
        Field::of_column(Scope::Proposal, c).is_some()
            || Field::of_column(Scope::Closing, c).is_some_and(|f| f.scope() == Scope::Closing)
    };
    std::iter::once(C::ProjectId)
        .chain(
            PROJECTS
                .iter()
                .copied()
                .filter(|&c| c != C::ProjectId && submitted(c)),
        )
        .collect()
});

impl Sheet {
    /// Every sheet taizhang owns, in workbook order.
    pub const ALL: &'static [Sheet] = &[
        Sheet::Projects,
        Sheet::Reports,
        Sheet::Units,
        Sheet::Changes,
        Sheet::Sources,
        Sheet::Materials,
        Sheet::About,
        Sheet::Submitted,
    ];

    /// The sheet's name on its tab.
    pub const fn name(self) -> &'static str {
        match self {
            Sheet::Projects => "项目台账",
            Sheet::Reports => "进度记录",
            Sheet::Units => "单位汇总",
            Sheet::Changes => "变更记录",
            Sheet::Sources => "来源文件",
            Sheet::Materials => "佐证材料",
            Sheet::About => "说明",
            Sheet::Submitted => "报送原值",
        }
    }

    /// The sheet whose tab has this name.
    pub fn named(name: &str) -> Option<Sheet> {
        Sheet::ALL.iter().copied().find(|s| s.name() == name)
    }

    /// The columns of a new sheet, in order.
    pub fn columns(self) -> &'static [Column] {
        match self {
            Sheet::Projects => PROJECTS,
            Sheet::Reports => REPORTS,
            Sheet::Units => UNITS,
            Sheet::Changes => CHANGES,
            Sheet::Sources => SOURCES,
            Sheet::Materials => MATERIALS,
            Sheet::About => ABOUT,
            Sheet::Submitted => SUBMITTED.as_slice(),
        }
    }

    /// The headers of a new sheet, in order.
    pub fn headers(self) -> Vec<&'static str> {
        self.columns().iter().map(|c| c.header()).collect()
    }

    /// Columns taizhang added after SPEC §6: a ledger written by an older version may lack them
    /// (they are added back on read), so their absence is no damage.
    pub fn later_columns(self) -> &'static [Column] {
        match self {
            Sheet::Projects => &[
                C::Topic,
                C::Content,
                C::Feasibility,
                C::Budget,
                C::Submitted,
                C::Milestones,
                C::Approval,
                C::ApprovalNote,
                C::Acceptance,
                C::AcceptanceNote,
                C::GoalsMet,
                C::SelfGrade,
                C::SelfScore,
                C::Results,
                C::MaterialsList,
                C::Shortfalls,
            ],
            Sheet::Reports => &[C::Reporter, C::Extension],
            Sheet::Sources => &[C::Sender, C::Subject, C::SentAt],
            Sheet::Submitted => &[
                C::GoalsMet,
                C::SelfGrade,
                C::SelfScore,
                C::Results,
                C::MaterialsList,
                C::Shortfalls,
            ],
            Sheet::Units | Sheet::Changes | Sheet::About | Sheet::Materials => &[],
        }
    }

    /// The columns a sheet must have when read back (SPEC §6: "at least these"): a column of a
    /// policy feature is not, since a ledger of a policy without it never had it.
    pub fn required_columns(self) -> impl Iterator<Item = Column> {
        let later = self.later_columns();
        self.columns()
            .iter()
            .copied()
            .filter(move |c| !later.contains(c) && c.feature().is_none())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_headers_are_spec_section_6() {
        let projects: Vec<_> = Sheet::Projects.required_columns().collect();
        assert_eq!(
            projects.len(),
            22,
            "项目类别 only where the policy has categories"
        );
        assert_eq!(projects[0], Column::ProjectId);
        assert_eq!(projects[21], Column::Note);
        assert_eq!(Sheet::Reports.required_columns().count(), 10);
        assert!(Sheet::Reports
            .required_columns()
            .any(|c| c == Column::Source));
        assert_eq!(
            Sheet::Sources.required_columns().count(),
            6,
            "mail columns are not required"
        );
        let run = &PROJECTS[2..22];
        assert_eq!(&SUBMITTED[1..21], run, "报送原值 follows 项目台账");
        assert_eq!(&SUBMITTED[21..], Sheet::Submitted.later_columns());
    }

    #[test]
    fn headers_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for c in Column::ALL {
            assert!(seen.insert(c.header()), "{} twice", c.header());
        }
    }
}
