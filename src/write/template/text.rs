//! The words of the blank forms: which fields each form asks for, the hint on every value cell,
//! and the 填表说明 sheet. All user-facing Chinese text of the templates lives here, built from
//! the policy so that hints state the same limits `check` applies.

use chrono::NaiveDate;

use super::{NOTES_SHEET, PROGRESS_SHEET, PROPOSAL_SHEET};
use crate::model::field::{Input, Need};
use crate::model::{self, Scope};
use crate::policy::{Policy, Preset};
use crate::rules::progress::STATES;

/// What a value cell holds: decides its format and its data validation.
pub(super) enum Value {
    /// One line of text.
    Line,
    /// A tall wrapped box of the given height in points.
    Box(f64),
    /// Text kept exactly as typed (phone numbers, IDs, `2018-06`).
    Text,
    /// A date, shown as `2018年12月31日`.
    Date,
    /// A fraction shown as a percentage (0.6 → 60%).
    Percent,
    /// A number ≥ 0 (万元).
    Money,
    /// One of these entries, from a dropdown.
    List(Vec<String>),
    /// A whole number in this range.
    Whole(i32, i32),
}

/// One labelled row of a form.
pub(super) struct Field {
    pub(super) label: &'static str,
    pub(super) required: bool,
    pub(super) value: Value,
    /// What to write: the cell's input message, repeated on the 填表说明 sheet.
    pub(super) tip: String,
}

/// A paragraph of the 填表说明 sheet.
pub(super) enum Note {
    Title(String),
    Head(String),
    Para(String),
}

/// The project family named in titles.
pub(super) fn project_kind(policy: &Policy) -> &'static str {
    crate::say::project_kind(policy.preset)
}

/// The labelled rows of a form: the catalogue's fields of `scope` that the template asks for
/// under the policy, in the catalogue's order.
pub(super) fn fields(scope: Scope, p: &Policy) -> Vec<Field> {
    model::Field::ALL
        .iter()
        .copied()
        .filter(|f| f.on(scope) && f.on_template(p))
        .map(|f| Field {
            label: f.template_label(),
            // 主要内容 and 可行性分析 are asked for only where they are wanted, and then required.
            required: f.need() == Need::Listed || f.required(p),
            value: input(f, p),
            tip: tip(f, scope, p),
        })
        .collect()
}

/// The proposal form's rows.
pub(super) fn proposal_fields(p: &Policy) -> Vec<Field> {
    fields(Scope::Proposal, p)
}

/// The progress report's rows.
pub(super) fn progress_fields(p: &Policy) -> Vec<Field> {
    fields(Scope::Progress, p)
}

/// The catalogue's input, with the policy's choices filled in.
fn input(f: model::Field, p: &Policy) -> Value {
    match f.input() {
        Input::Line | Input::Absent => Value::Line,
        Input::Box(h) => Value::Box(f64::from(h)),
        Input::Text => Value::Text,
        Input::Date => Value::Date,
        Input::Percent => Value::Percent,
        Input::Money => Value::Money,
        Input::Choice if f == model::Field::Category => {
            Value::List(p.categories.iter().map(|c| c.name.clone()).collect())
        }
        Input::Choice => Value::List(STATES.iter().map(|s| (*s).to_owned()).collect()),
        Input::Whole => Value::Whole(1, i32::try_from(p.catalogue.len()).unwrap_or(i32::MAX)),
    }
}

/// What to write in a field: its cell's input message, repeated on the 填表说明 sheet. Every
/// field is listed, so a new field must say here how a unit fills it in.
fn tip(f: model::Field, scope: Scope, p: &Policy) -> String {
    use model::Field as F;
    let l = &p.limits;
    let y = p.year;
    let progress = scope == Scope::Progress;
    match f {
        F::ProjectId => {
            format!("立项批复中的项目编号，如 {y}-001；不清楚可不填，按申报单位和项目名称对应。")
        }
        F::Unit if progress => "与立项书中的申报单位一致。".into(),
        F::Unit => "填写申报党组织的全称，与所盖公章一致。".into(),
        F::Name if progress => "与立项书中的项目名称一致。".into(),
        F::Name => format!("{}-{}个字，简明反映项目内容。", l.name_min, l.name_max),
        F::Category => {
            let rules: Vec<String> = p
                .categories
                .iter()
                .map(|c| {
                    let rule = if c.owner_rule.is_empty() {
                        String::new()
                    } else {
                        format!("，{}", c.owner_rule)
                    };
                    format!("{}（{}类）{rule}", c.name, c.code)
                })
                .collect();
            format!("从下拉列表中选择：{}。", rules.join("；"))
        }
        F::Topic => {
            let n = p.catalogue.len();
            let examples: Vec<String> = p
                .catalogue
                .iter()
                .take(3)
                .enumerate()
                .map(|(i, t)| format!("{} {t}", i + 1))
                .collect();
            format!(
                "参照参考目录选题的，填写序号（1-{n}），如：{}……全部目录见“{NOTES_SHEET}”。自主选题可不填。",
                examples.join("；")
            )
        }
        F::Scope => "写明项目覆盖的范围或面向的对象，如“全区各村（社区）党组织和党员”。".into(),
        F::Content => "写明项目要解决的问题和主要工作内容。".into(),
        F::Feasibility => "从必要性、工作基础、保障条件等方面分析项目的可行性。".into(),
        F::Goals => format!("写明项目要达到的具体目标，不少于{}个字。", l.goals_min),
        F::Measures => format!("分条写明推进措施，不少于{}个字。", l.measures_min),
        F::Start => format!("按“{y}-03-01”的格式填写；不填按{y}年1月1日计。"),
        F::Deadline => deadline_tip(p),
        F::Deliverables => "如：调研报告、制度文件、工作案例、经验材料等。".into(),
        F::OwnerUnit => "负责实施项目的党组织。".into(),
        F::Owner => "项目负责人姓名。".into(),
        F::OwnerTitle => owner_title_tip(p),
        F::Members => team_tip(p),
        F::Phone => "手机号（11位）或座机（区号-号码，如0554-6666666）。".into(),
        F::Budget => "单位：万元，只填数字，如 2 或 0.5；无经费可不填。".into(),
        F::Period => format!("报告所属月份，如 {y}-06（表示{y}年6月）。"),
        F::Percent => "项目总体完成的比例：填 60% 表示完成了百分之六十；全部完成填 100%。".into(),
        F::State => "从下拉列表中选择：正常推进、滞后、已完成、申请延期。".into(),
        F::Done => "本报告期开展的主要工作、取得的进展和成效。".into(),
        F::Problems => "推进中遇到的困难和问题；没有可不填。".into(),
        F::Next => "下一报告期的工作安排。".into(),
        F::Reporter => "填表人姓名，便于联系核实。".into(),
        F::Submitted if progress => format!("按“{y}-06-30”的格式填写。"),
        F::Submitted => submitted_tip(p),
        // Not on the templates: the timetable is its own table, the others are no form rows.
        F::OwnerCombined | F::Milestones | F::Reviewer => String::new(),
    }
}

pub(super) fn deadline_tip(p: &Policy) -> String {
    let y = p.year;
    let d = &p.duration;
    let within = if d.within_year {
        format!("原则上于{y}年12月31日前完成。")
    } else {
        String::new()
    };
    let length = match (d.warn_months, d.max_months) {
        (0, 0) => String::new(),
        (warn, 0) => format!("实施周期一般在{warn}个月以内。"),
        (0, max) => format!("实施周期最长不超过{max}个月。"),
        (warn, max) => format!("实施周期一般在{warn}个月以内，最长不超过{max}个月。"),
    };
    format!("按“{y}-12-31”的格式填写。{within}{length}")
}

pub(super) fn owner_title_tip(p: &Policy) -> String {
    let rules: Vec<&str> = p
        .categories
        .iter()
        .map(|c| c.owner_rule.as_str())
        .filter(|r| !r.is_empty())
        .collect();
    if rules.is_empty() {
        "项目负责人的党内职务，如“党总支书记”。".into()
    } else {
        format!(
            "项目负责人的党内职务，如“区委常委、组织部部长”。{}。",
            rules.join("；")
        )
    }
}

pub(super) fn team_tip(p: &Policy) -> String {
    let t = &p.team;
    let size = match (t.min, t.max) {
        (0, 0) => String::new(),
        (min, 0) => format!("，不少于{min}人"),
        (0, max) => format!("，不超过{max}人"),
        (min, max) => format!("，一般{min}-{max}人"),
    };
    format!("填写成员姓名，用顿号“、”分隔{size}。")
}

pub(super) fn submitted_tip(p: &Policy) -> String {
    match p.submission_deadline {
        Some(d) => format!("按“{}”的格式填写。请于{}前报送。", d, chinese_date(d)),
        None => format!("按“{}-03-31”的格式填写。", p.year),
    }
}

pub(super) fn chinese_date(d: NaiveDate) -> String {
    d.format("%Y年%-m月%-d日").to_string()
}

/// Who to send to and by when, in one sentence.
pub(super) fn send_to(p: &Policy, what: &str) -> String {
    let to = if p.organisation.is_empty() {
        "组织部门"
    } else {
        p.organisation.as_str()
    };
    let when = match p.submission_deadline {
        Some(d) if what == PROPOSAL_SHEET => format!("请于{}前", chinese_date(d)),
        _ => "请按通知要求的时间".to_owned(),
    };
    format!(
        "{when}将填好的 Excel 文件（.xlsx，不要转成 PDF 或图片）报送{to}，文件名用“单位名称-项目名称-{what}.xlsx”。"
    )
}

pub(super) fn quota_text(p: &Policy) -> Option<String> {
    let parts: Vec<String> = p
        .unit_types
        .iter()
        .map(|t| {
            let n = if t.min_projects == t.max_projects {
                format!("{}个", t.min_projects)
            } else {
                format!("{}-{}个", t.min_projects, t.max_projects)
            };
            let a = if t.min_category_a > 0 {
                let name = p.categories.first().map_or("A类", |c| c.name.as_str());
                format!("（其中{name}项目至少{}个）", t.min_category_a)
            } else {
                String::new()
            };
            format!("{}每个单位每年申报{n}{a}", t.name)
        })
        .collect();
    (!parts.is_empty()).then(|| format!("申报数量：{}。", parts.join("；")))
}

pub(super) fn common_notes(what: &str, year: i32) -> Vec<Note> {
    vec![
        Note::Head("二、填写方法".into()),
        Note::Para(format!(
            "1. 在“{what}”工作表中填写，左侧栏目名称不要修改，不要删除行或列；每份表只填一个项目。"
        )),
        Note::Para("2. 点击空白格会出现填写提示；带下拉箭头的格子请从列表中选择。".into()),
        Note::Para(format!(
            "3. 日期请按“{year}-12-31”的格式输入，表格会自动显示为“{year}年12月31日”。"
        )),
        Note::Para(
            "4. 内容较多时可拉高行高，在格内按 Alt+Enter 换行。表格已设保护（无密码），只能在填写区输入；确需调整格式的，可在“审阅”中撤消工作表保护，但请不要改动栏目名称。".into(),
        ),
    ]
}

pub(super) fn field_notes(fields: &[Field]) -> Vec<Note> {
    let mut notes = vec![Note::Head("四、栏目说明（带“必填”的不能空）".into())];
    notes.extend(fields.iter().map(|f| {
        let need = if f.required { "必填" } else { "选填" };
        Note::Para(format!("{}（{need}）：{}", f.label, f.tip))
    }));
    notes
}

pub(super) fn proposal_notes(p: &Policy, fields: &[Field]) -> Vec<Note> {
    let mut notes = vec![
        Note::Title(format!("{}立项书填表说明", project_kind(p))),
        Note::Head("一、填报对象".into()),
    ];
    notes.push(Note::Para(match p.preset {
        Preset::Innovation => format!(
            "各县（区）委、市委直接管理的其他党（工）委申报{}年度基层党建创新项目时填写本表。",
            p.year
        ),
        Preset::Secretary => format!(
            "各级党组织书记确定{}年度基层党建“书记项目”后填写本表。",
            p.year
        ),
    }));
    notes.extend(quota_text(p).map(Note::Para));
    notes.extend(common_notes(PROPOSAL_SHEET, p.year));
    notes.push(Note::Para(format!(
        "5. 表格末尾的进度安排表（阶段、起止时间、内容）每个阶段填一行，起止时间如“{0}年4月—{0}年5月”，时间应在开始时间和完成时间之间。",
        p.year
    )));
    notes.push(Note::Head("三、报送要求".into()));
    notes.push(Note::Para(send_to(p, PROPOSAL_SHEET)));
    notes.extend(field_notes(fields));
    if !p.catalogue.is_empty() {
        notes.push(Note::Head(
            "五、参考目录（“参考目录序号”填下列序号）".into(),
        ));
        notes.extend(
            p.catalogue
                .iter()
                .enumerate()
                .map(|(i, t)| Note::Para(format!("{}. {t}", i + 1))),
        );
    }
    notes
}

pub(super) fn progress_notes(p: &Policy, fields: &[Field]) -> Vec<Note> {
    let mut notes = vec![
        Note::Title(format!("{}进度报告填表说明", project_kind(p))),
        Note::Head("一、填报对象".into()),
        Note::Para(format!(
            "{}年度已立项项目的实施单位，每个项目每月报送一份；年底报送最终进度（完成进度填 100%，项目状态选“已完成”）。",
            p.year
        )),
    ];
    notes.extend(common_notes(PROGRESS_SHEET, p.year));
    notes.push(Note::Head("三、报送要求".into()));
    notes.push(Note::Para(send_to(p, PROGRESS_SHEET)));
    notes.extend(field_notes(fields));
    notes
}
