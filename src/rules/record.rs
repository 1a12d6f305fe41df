//! Typed records: what a valid form says, as the ledger and JSON need it (SPEC §5).

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{Field, Value};

/// A proposal (立项书). Every key is optional: the record holds what was found and understood.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Proposal {
    /// Submitting unit (canonical name when the policy knows it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Project name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Category code (`A`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Reference catalogue number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub topic: Option<u32>,
    /// Scope or target group.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// Main content (secretary preset).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    /// Feasibility analysis (secretary preset).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feasibility: Option<String>,
    /// Goals.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goals: Option<String>,
    /// Measures.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measures: Option<String>,
    /// Start date (defaults to 1 January of the policy year).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<NaiveDate>,
    /// Completion date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline: Option<NaiveDate>,
    /// Form of results.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deliverables: Option<String>,
    /// Responsible unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner_unit: Option<String>,
    /// Responsible person.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// The owner's post.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner_title: Option<String>,
    /// Team members.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub members: Option<Vec<String>>,
    /// Contact phone, as written (half-width).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Funding in 万元.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget: Option<f64>,
    /// Date filled in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub submitted: Option<NaiveDate>,
    /// Timetable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub milestones: Option<Vec<Milestone>>,
}

/// One timetable row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Milestone {
    /// Stage name.
    pub stage: String,
    /// First day.
    pub start: Option<NaiveDate>,
    /// Last day.
    pub end: Option<NaiveDate>,
    /// What is done.
    pub content: String,
}

/// A monthly progress report (进度报告).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Progress {
    /// Ledger project ID (`2018-003`), when the unit wrote it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    /// Submitting unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Project name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Report month `YYYY-MM`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// Overall progress 0–100.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub percent: Option<f64>,
    /// 正常推进 / 滞后 / 已完成 / 申请延期.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// Work done this period.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub done: Option<String>,
    /// The new completion date asked for with 项目状态 申请延期.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_deadline: Option<NaiveDate>,
    /// Problems met.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problems: Option<String>,
    /// Plan for the next period.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    /// Date filled in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub submitted: Option<NaiveDate>,
    /// Who filled it in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reporter: Option<String>,
}

/// A 结项报告 / 自查考评表: the unit's own account of a finished project (SPEC §10), kept in
/// 项目台账 beside the clerk's 验收结果 so that the acceptance is decided on it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Closing {
    /// Ledger project ID (`2018-003`), when the unit wrote it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    /// Submitting unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Project name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// 目标完成情况: one of [`super::closing::GOALS`] when the wording says it, else as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goals_met: Option<String>,
    /// 主要成效.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub results: Option<String>,
    /// 佐证材料清单, as the unit lists it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub materials_list: Option<String>,
    /// 自评等次: a grade of the policy's ranking when the wording says it, else as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub self_grade: Option<String>,
    /// 自评得分 0–100.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub self_score: Option<f64>,
    /// 存在不足.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shortfalls: Option<String>,
    /// Date filled in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub submitted: Option<NaiveDate>,
    /// Who filled it in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reporter: Option<String>,
}

/// A form's record, whichever kind it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Record {
    /// A proposal.
    Proposal(Proposal),
    /// A progress report.
    Progress(Progress),
    /// A closing report.
    Closing(Closing),
    /// A reviewer's score sheet.
    Scores(super::scores::ScoreSheet),
}

impl Record {
    /// The submitting unit, if known.
    pub fn unit(&self) -> Option<&str> {
        match self {
            Record::Proposal(p) => p.unit.as_deref(),
            Record::Progress(p) => p.unit.as_deref(),
            Record::Closing(c) => c.unit.as_deref(),
            Record::Scores(_) => None,
        }
    }

    /// The project name, if known.
    pub fn name(&self) -> Option<&str> {
        match self {
            Record::Proposal(p) => p.name.as_deref(),
            Record::Progress(p) => p.name.as_deref(),
            Record::Closing(c) => c.name.as_deref(),
            Record::Scores(_) => None,
        }
    }
}

fn text(v: &Option<String>) -> Value {
    v.as_ref().map_or(Value::Empty, |s| Value::text(s.clone()))
}

fn date(v: Option<NaiveDate>) -> Value {
    v.map_or(Value::Empty, Value::Date)
}

impl Proposal {
    /// The value of one field as the ledger keeps it (members joined with 、, the timetable one
    /// stage a line); `Empty` for a field that is not a proposal's. The match lists every field,
    /// so a new field must say here what a proposal holds for it.
    pub fn value(&self, field: Field) -> Value {
        match field {
            Field::Unit => text(&self.unit),
            Field::Name => text(&self.name),
            Field::Category => text(&self.category),
            Field::Topic => self.topic.map_or(Value::Empty, |t| Value::Number(t as f64)),
            Field::Scope => text(&self.scope),
            Field::Content => text(&self.content),
            Field::Feasibility => text(&self.feasibility),
            Field::Goals => text(&self.goals),
            Field::Measures => text(&self.measures),
            Field::Start => date(self.start),
            Field::Deadline => date(self.deadline),
            Field::Deliverables => text(&self.deliverables),
            Field::OwnerUnit => text(&self.owner_unit),
            Field::Owner => text(&self.owner),
            Field::OwnerTitle => text(&self.owner_title),
            Field::Members => self
                .members
                .as_ref()
                .map_or(Value::Empty, |m| Value::text(m.join("、"))),
            Field::Phone => text(&self.phone),
            Field::Budget => self.budget.map_or(Value::Empty, Value::Number),
            Field::Submitted => date(self.submitted),
            Field::Milestones => self
                .milestones
                .as_ref()
                .map_or(Value::Empty, |m| Value::text(Milestone::timetable(m))),
            Field::ProjectId
            | Field::OwnerCombined
            | Field::Period
            | Field::Percent
            | Field::State
            | Field::Extension
            | Field::Done
            | Field::Problems
            | Field::Next
            | Field::GoalsMet
            | Field::Results
            | Field::MaterialsList
            | Field::SelfGrade
            | Field::SelfScore
            | Field::Shortfalls
            | Field::Reporter
            | Field::Reviewer => Value::Empty,
        }
    }
}

impl Milestone {
    /// The timetable as the ledger's 进度安排 cell: `阶段｜起～止｜内容`, one stage a line (read
    /// back by the schedule).
    pub fn timetable(stages: &[Milestone]) -> String {
        stages
            .iter()
            .map(|m| {
                let d = |x: Option<NaiveDate>| x.map(|d| d.to_string()).unwrap_or_default();
                format!("{}｜{}～{}｜{}", m.stage, d(m.start), d(m.end), m.content)
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

impl Progress {
    /// The value of one field as the ledger keeps it; `Empty` for a field that is not a
    /// report's. Every field is listed, as for [`Proposal::value`].
    pub fn value(&self, field: Field) -> Value {
        match field {
            Field::ProjectId => text(&self.project_id),
            Field::Unit => text(&self.unit),
            Field::Name => text(&self.name),
            Field::Period => text(&self.period),
            Field::Percent => self.percent.map_or(Value::Empty, Value::Number),
            Field::State => text(&self.state),
            Field::Extension => date(self.new_deadline),
            Field::Done => text(&self.done),
            Field::Problems => text(&self.problems),
            Field::Next => text(&self.next),
            Field::Submitted => date(self.submitted),
            Field::Reporter => text(&self.reporter),
            Field::Category
            | Field::Topic
            | Field::Scope
            | Field::Content
            | Field::Feasibility
            | Field::Goals
            | Field::Measures
            | Field::Start
            | Field::Deadline
            | Field::Deliverables
            | Field::OwnerUnit
            | Field::Owner
            | Field::OwnerCombined
            | Field::OwnerTitle
            | Field::Members
            | Field::Phone
            | Field::Budget
            | Field::Milestones
            | Field::GoalsMet
            | Field::Results
            | Field::MaterialsList
            | Field::SelfGrade
            | Field::SelfScore
            | Field::Shortfalls
            | Field::Reviewer => Value::Empty,
        }
    }
}

impl Closing {
    /// The value of one field as the ledger keeps it; `Empty` for a field that is not a
    /// closing report's. Every field is listed, as for [`Proposal::value`].
    pub fn value(&self, field: Field) -> Value {
        match field {
            Field::ProjectId => text(&self.project_id),
            Field::Unit => text(&self.unit),
            Field::Name => text(&self.name),
            Field::GoalsMet => text(&self.goals_met),
            Field::Results => text(&self.results),
            Field::MaterialsList => text(&self.materials_list),
            Field::SelfGrade => text(&self.self_grade),
            Field::SelfScore => self.self_score.map_or(Value::Empty, Value::Number),
            Field::Shortfalls => text(&self.shortfalls),
            Field::Submitted => date(self.submitted),
            Field::Reporter => text(&self.reporter),
            Field::Category
            | Field::Topic
            | Field::Scope
            | Field::Content
            | Field::Feasibility
            | Field::Goals
            | Field::Measures
            | Field::Start
            | Field::Deadline
            | Field::Deliverables
            | Field::OwnerUnit
            | Field::Owner
            | Field::OwnerCombined
            | Field::OwnerTitle
            | Field::Members
            | Field::Phone
            | Field::Budget
            | Field::Milestones
            | Field::Period
            | Field::Percent
            | Field::State
            | Field::Extension
            | Field::Done
            | Field::Problems
            | Field::Next
            | Field::Reviewer => Value::Empty,
        }
    }
}
