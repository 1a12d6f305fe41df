//! The words of the blank forms (立项书, 进度报告, [`crate::write::template`]): sheet names,
//! titles, the hint on every value cell, the validation messages and the 填表说明 sheet. Built
//! from the policy, so that hints state the same limits `check` applies.

use chrono::NaiveDate;

use super::project_kind;
use crate::model::{Field, Scope};
use crate::policy::{Policy, Preset};
use crate::rules::Code;

// ---- Sheet names ----

/// Sheet name of the proposal form.
pub const PROPOSAL_SHEET: &str = "立项书";
/// Sheet name of the progress-report form.
pub const PROGRESS_SHEET: &str = "进度报告";
/// Sheet name of the closing-report form.
pub const CLOSING_SHEET: &str = "结项报告";
/// Sheet name of the instructions that travel with each form.
pub const NOTES_SHEET: &str = "填表说明";

// ---- Look ----

/// The body font: what Chinese official forms use, present on every Chinese Windows.
pub const FONT: &str = super::sheets::FONT;
/// The number format of date cells: units see `2018年12月31日` whatever they type.
pub const DATE_FORMAT: &str = "yyyy\"年\"m\"月\"d\"日\"";

// ---- The form sheet ----

/// The proposal form's title row, also the workbook's document title.
pub fn proposal_title(p: &Policy) -> String {
    format!("{}年度{}立项书", p.year, project_kind(p.preset))
}

/// The progress form's title row, also the workbook's document title.
pub fn progress_title(p: &Policy) -> String {
    format!("{}年度{}进度报告", p.year, project_kind(p.preset))
}

/// The closing report's title row, also the workbook's document title: the 自查考评 of SPEC §10.
pub fn closing_title(p: &Policy) -> String {
    format!(
        "{}年度{}结项报告（自查考评表）",
        p.year,
        project_kind(p.preset)
    )
}

/// The note under a form's title.
pub const READ_FIRST: &str =
    "请先阅读“填表说明”；只在白色格内填写，点击格子可看到填写提示；标 * 的栏目为必填。";

/// The mark before a required field's label on a form.
pub const REQUIRED_MARK: &str = "*";

/// The seal box at the foot of the 立项书: one long text, so the reader takes none of it for a
/// field (its words are no labels of the form).
pub const SEAL_BOX: &str = "申报单位党组织意见（盖章）：\n\n\n\
    负责人（签字）：                              （盖章）          年      月      日";

/// The printed page footer of a form (Excel's header/footer codes).
pub const FOOTER: &str = super::sheets::FOOTER;

/// The document properties' subject.
pub const DOC_SUBJECT: &str = "空白表格，由各单位填写后报送";

/// The document properties' comment.
pub const DOC_COMMENT: &str = "由 taizhang init 生成";

/// Whether a field must be filled: 必填 or 选填, in input titles and on the 填表说明 sheet.
pub const fn need(required: bool) -> &'static str {
    if required {
        "必填"
    } else {
        "选填"
    }
}

// ---- Value cells: input messages and validation errors ----

/// The title of a value cell's input message: the label and whether it is required.
pub fn input_title(label: &str, required: bool) -> String {
    format!("{label}（{}）", need(required))
}

/// The title of a value cell's validation error.
pub fn error_title(label: &str) -> String {
    format!("“{label}”填写有误")
}

/// Error of a dropdown cell given something off the list.
pub const PICK_FROM_LIST: &str = "请从下拉列表中选择。";

/// Error of a whole-number cell (参考目录序号) out of range.
pub fn whole_between(min: i32, max: i32) -> String {
    format!("请填写 {min} 到 {max} 之间的整数序号。")
}

/// Error of a money cell (万元) given no number.
pub const MONEY_ONLY: &str = "请只填数字（单位：万元），如 2 或 0.5。";

/// Error of a percentage cell out of 0–100 %.
pub const PERCENT_BETWEEN: &str = "请填 0% 到 100% 之间的百分比，如 60%。";

/// The error of a 自评得分 cell.
pub const SCORE_BETWEEN: &str = "请填 0 到 100 之间的分数，如 92 或 88.5。";

/// Warning of a date cell outside the year before to two years after `year`.
pub fn date_between(year: i32) -> String {
    format!(
        "请按“{}-12-31”的格式填写{}年至{}年之间的日期。",
        year,
        year - 1,
        year + 2
    )
}

// ---- The 进度安排 table of the proposal ----

/// The timetable's column headers, which are also the titles of their cells' input messages.
pub const MILESTONE_HEADERS: [&str; 3] = ["阶段", "起止时间", "内容"];

/// The input messages of the timetable's columns, in [`MILESTONE_HEADERS`]' order.
pub fn milestone_hints(year: i32) -> [String; 3] {
    [
        "如：第一阶段（调研启动）。".to_owned(),
        format!("如：{year}年4月—{year}年5月，或 {year}.4-{year}.5。"),
        "本阶段要完成的主要工作。".to_owned(),
    ]
}

// ---- Field hints ----

/// What to write in a field of the `scope` form: its cell's input message, repeated on the
/// 填表说明 sheet. Every field is listed, so a new field must say here how a unit fills it in;
/// those not on the templates say nothing.
pub fn tip(f: Field, scope: Scope, p: &Policy) -> String {
    use Field as F;
    let l = &p.limits;
    let y = p.year;
    // A report (monthly or closing) is about a project already approved.
    let report = matches!(scope, Scope::Progress | Scope::Closing);
    match f {
        F::ProjectId => {
            format!("立项批复中的项目编号，如 {y}-001；不清楚可不填，按申报单位和项目名称对应。")
        }
        F::Unit if report => "与立项书中的申报单位一致。".into(),
        F::Unit => match p.preset {
            Preset::Innovation => "填写申报党组织的全称，与所盖公章一致。".into(),
            Preset::Secretary => "填写二级党组织（党委/党总支）的全称，与所盖公章一致。".into(),
        },
        F::Name if report => "与立项书中的项目名称一致。".into(),
        F::Name => format!("{}-{}个字，简明反映项目内容。", l.name_min, l.name_max),
        F::Category => category_tip(p),
        F::Topic => topic_tip(p),
        F::Scope => match p.preset {
            Preset::Innovation => {
                "写明项目覆盖的范围或面向的对象，如“全区各村（社区）党组织和党员”。".into()
            }
            Preset::Secretary => {
                "写明项目覆盖的范围或面向的对象，如“本学院各党支部和全体师生党员”。".into()
            }
        },
        F::Content => "写明项目要解决的问题和主要工作内容。".into(),
        F::Feasibility => "从必要性、工作基础、保障条件等方面分析项目的可行性。".into(),
        F::Goals => format!("写明项目要达到的具体目标，不少于{}个字。", l.goals_min),
        F::Measures => format!("分条写明推进措施，不少于{}个字。", l.measures_min),
        F::Start => format!("按“{y}-03-01”的格式填写；不填按{y}年1月1日计。"),
        F::Deadline => deadline_tip(p),
        F::Deliverables => "如：调研报告、制度文件、工作案例、经验材料等。".into(),
        F::OwnerUnit => "负责实施项目的党组织。".into(),
        F::Owner if p.per_owner > 0 && p.checks(Code::W_PER_OWNER) => format!(
            "项目负责人姓名。每位书记每年确定{}个项目，按负责人计。",
            p.per_owner
        ),
        F::Owner => "项目负责人姓名。".into(),
        F::OwnerTitle => owner_title_tip(p),
        F::Members => team_tip(p),
        F::Phone => match p.preset {
            Preset::Innovation => "手机号（11位）或座机（区号-号码，如0554-6666666）。".into(),
            Preset::Secretary => "手机号（11位）或座机（区号-号码）。".into(),
        },
        F::Budget => "单位：万元，只填数字，如 2 或 0.5；无经费可不填。".into(),
        F::Period => format!("报告所属月份，如 {y}-06（表示{y}年6月）。"),
        F::Percent => "项目总体完成的比例：填 60% 表示完成了百分之六十；全部完成填 100%。".into(),
        F::State => "从下拉列表中选择：正常推进、滞后、已完成、申请延期。".into(),
        F::Extension => format!(
            "仅在项目状态为“申请延期”时填写：申请延期到的日期，如 {}-06-30；需经审核同意。",
            y + 1
        ),
        F::Done => "本报告期开展的主要工作、取得的进展和成效。".into(),
        F::Problems => "推进中遇到的困难和问题；没有可不填。".into(),
        F::Next => "下一报告期的工作安排。".into(),
        F::GoalsMet => {
            "对照立项时确定的工作目标，从下拉列表中选择：全部完成、基本完成、部分完成、未完成。"
                .into()
        }
        F::Results => "项目实施取得的主要成效：解决了什么问题、形成了哪些制度和经验、党员群众的评价。".into(),
        F::MaterialsList => {
            "逐项列出随本表报送的报告、文件、成效、图文资料等佐证材料（文件名），材料与本表一并发送。"
                .into()
        }
        F::SelfGrade => format!(
            "从下拉列表中选择：{}。",
            crate::rules::closing::grades(p).join("、")
        ),
        F::SelfScore => "对照评分标准自评的得分，0-100 分；可不填。".into(),
        F::Shortfalls => "项目实施中的不足和下一步改进措施；没有可不填。".into(),
        F::Reporter => "填表人姓名，便于联系核实。".into(),
        F::Submitted if scope == Scope::Closing => format!("按“{y}-12-20”的格式填写。"),
        F::Submitted if report => format!("按“{y}-06-30”的格式填写。"),
        F::Submitted => submitted_tip(p),
        // Not on the templates: the timetable is its own table, the others are no form rows.
        F::OwnerCombined | F::Milestones | F::Reviewer => String::new(),
    }
}

/// 项目类别: the policy's categories with their owner rules (while that rule is checked).
fn category_tip(p: &Policy) -> String {
    let rules: Vec<String> = p
        .categories
        .iter()
        .map(|c| {
            let rule = if c.owner_rule.is_empty() || !p.checks(Code::E_OWNER_TITLE) {
                String::new()
            } else {
                format!("，{}", c.owner_rule)
            };
            format!("{}（{}类）{rule}", c.name, c.code)
        })
        .collect();
    format!("从下拉列表中选择：{}。", rules.join("；"))
}

/// 参考目录序号: the catalogue's range and first entries.
fn topic_tip(p: &Policy) -> String {
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

/// 完成时间: the format, and the policy's limits on the duration.
fn deadline_tip(p: &Policy) -> String {
    let y = p.year;
    let d = &p.duration;
    // A rule the policy has turned off is not mentioned.
    let usual = p.checks(Code::W_DEADLINE);
    let (warn, max) = (
        if usual { d.warn_months } else { 0 },
        if p.checks(Code::E_DURATION) {
            d.max_months
        } else {
            0
        },
    );
    let within = if d.within_year && usual {
        format!("原则上于{y}年12月31日前完成。")
    } else {
        String::new()
    };
    let length = match (warn, max) {
        (0, 0) => String::new(),
        (warn, 0) => format!("实施周期一般在{warn}个月以内。"),
        (0, max) => format!("实施周期最长不超过{max}个月。"),
        (warn, max) => format!("实施周期一般在{warn}个月以内，最长不超过{max}个月。"),
    };
    format!("按“{y}-12-31”的格式填写。{within}{length}")
}

/// 职务: an example, and the owner rules (the categories', or the policy's own) while checked.
fn owner_title_tip(p: &Policy) -> String {
    let checked = p.checks(Code::E_OWNER_TITLE);
    let rules: Vec<&str> = p
        .categories
        .iter()
        .map(|c| c.owner_rule.as_str())
        .filter(|r| !r.is_empty() && checked)
        .collect();
    if !p.has_categories() && checked && !p.owner_titles.is_empty() {
        let rule = if p.owner_rule.is_empty() {
            super::problems::owner_title_rule(&p.owner_titles)
        } else {
            p.owner_rule.clone()
        };
        format!("项目负责人的党内职务，如“党总支书记”。{rule}。")
    } else if rules.is_empty() {
        "项目负责人的党内职务，如“党总支书记”。".into()
    } else {
        format!(
            "项目负责人的党内职务，如“区委常委、组织部部长”。{}。",
            rules.join("；")
        )
    }
}

/// 项目组成员: the separator and the policy's team size.
fn team_tip(p: &Policy) -> String {
    let t = &p.team;
    let size = match (t.min, t.max) {
        _ if !p.checks(Code::E_MEMBERS) => String::new(),
        (0, 0) => String::new(),
        (min, 0) => format!("，不少于{min}人"),
        (0, max) => format!("，不超过{max}人"),
        (min, max) => format!("，一般{min}-{max}人"),
    };
    format!("填写成员姓名，用顿号“、”分隔{size}。")
}

/// 填报日期 of the proposal: the format, and the submission deadline if any.
fn submitted_tip(p: &Policy) -> String {
    match p.submission_deadline {
        Some(d) => format!("按“{}”的格式填写。请于{}前报送。", d, chinese_date(d)),
        None => format!("按“{}-03-31”的格式填写。", p.year),
    }
}

/// `2018年3月31日`.
fn chinese_date(d: NaiveDate) -> String {
    d.format("%Y年%-m月%-d日").to_string()
}

// ---- The 填表说明 sheet, in its order ----

/// The proposal's 填表说明 title.
pub fn proposal_notes_title(p: &Policy) -> String {
    format!("{}立项书填表说明", project_kind(p.preset))
}

/// The progress report's 填表说明 title.
pub fn progress_notes_title(p: &Policy) -> String {
    format!("{}进度报告填表说明", project_kind(p.preset))
}

/// The closing report's 填表说明 title.
pub fn closing_notes_title(p: &Policy) -> String {
    format!("{}结项报告填表说明", project_kind(p.preset))
}

/// Part 一's heading.
pub const WHO_HEAD: &str = "一、填报对象";

/// Part 一 of the proposal: who fills it in.
pub fn proposal_who(p: &Policy) -> String {
    match p.preset {
        Preset::Innovation => format!(
            "各县（区）委、市委直接管理的其他党（工）委申报{}年度基层党建创新项目时填写本表。",
            p.year
        ),
        Preset::Secretary => format!(
            "各二级党组织（党委/党总支）书记确定{}年度基层党建“书记项目”后填写本表，项目由书记本人牵头负责。",
            p.year
        ),
    }
}

/// Part 一 of the proposal, when the policy counts projects: per secretary (`per_owner`), else
/// how many each unit type sends; nothing for a rule the policy has turned off.
pub fn quota(p: &Policy) -> Option<String> {
    if p.per_owner > 0 {
        return p.checks(Code::W_PER_OWNER).then(|| {
            format!(
                "申报数量：每位书记每年确定{}个项目（按项目负责人计，跨单位、跨批次累计）。",
                p.per_owner
            )
        });
    }
    if !p.checks(Code::W_QUOTA) {
        return None;
    }
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

/// Part 一 of the progress report: who reports, how often.
pub fn progress_who(year: i32) -> String {
    format!(
        "{year}年度已立项项目的实施单位，每个项目每月报送一份；年底报送最终进度（完成进度填 100%，项目状态选“已完成”）。"
    )
}

/// Part 一 of the closing report: who reports, when, and what goes with it (the seeds' 佐证材料
/// and 自查考评).
pub fn closing_who(year: i32) -> String {
    format!(
        "{year}年度已立项项目完成后，实施单位对照立项时确定的目标开展自查考评，每个项目填写一份，连同能体现项目实施过程及成果经验的报告、文件、成效、图文资料等佐证材料一并报送，接受考核验收。"
    )
}

/// Part 二's heading.
pub const HOW_HEAD: &str = "二、填写方法";

/// Part 二's paragraphs common to both forms; `what` is the form's sheet name.
pub fn how(what: &str, year: i32) -> [String; 4] {
    [
        format!(
            "1. 在“{what}”工作表中填写，左侧栏目名称不要修改，不要删除行或列；每份表只填一个项目。"
        ),
        "2. 点击空白格会出现填写提示；带下拉箭头的格子请从列表中选择。".into(),
        format!("3. 日期请按“{year}-12-31”的格式输入，表格会自动显示为“{year}年12月31日”。"),
        "4. 内容较多时可拉高行高，在格内按 Alt+Enter 换行。表格已设保护（无密码），只能在填写区输入；确需调整格式的，可在“审阅”中撤消工作表保护，但请不要改动栏目名称。".into(),
    ]
}

/// Part 二's last paragraph on the proposal: the timetable.
pub fn how_timetable(year: i32) -> String {
    format!(
        "5. 表格末尾的进度安排表（阶段、起止时间、内容）每个阶段填一行，起止时间如“{year}年4月—{year}年5月”，时间应在开始时间和完成时间之间。"
    )
}

/// Part 三's heading.
pub const SEND_HEAD: &str = "三、报送要求";

/// Part 三: who to send to and by when, in one sentence; `what` is the form's sheet name.
pub fn send_to(p: &Policy, what: &str) -> String {
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

/// Part 四's heading.
pub const FIELDS_HEAD: &str = "四、栏目说明（带“必填”的不能空）";

/// Part 四: one field, whether it is required, and its hint.
pub fn field_note(label: &str, required: bool, tip: &str) -> String {
    format!("{label}（{}）：{tip}", need(required))
}

/// Part 五's heading, on the proposal when the policy has a catalogue.
pub const CATALOGUE_HEAD: &str = "五、参考目录（“参考目录序号”填下列序号）";

/// Part 五: the catalogue's entry number `n` (from 1).
pub fn catalogue_entry(n: usize, topic: &str) -> String {
    format!("{n}. {topic}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::RuleGrade;

    #[test]
    fn the_hints_follow_the_policy_grades_and_say_nothing_of_an_off_rule() {
        let mut p = Policy::preset("innovation").unwrap();
        assert!(tip(Field::Members, Scope::Proposal, &p).contains("3-7人"));
        assert!(tip(Field::Deadline, Scope::Proposal, &p).contains("12月31日前完成"));
        assert!(quota(&p).is_some_and(|q| q.contains("A类") || q.contains("创新实践")));
        p.rules.team = Some(RuleGrade::Off);
        p.rules.duration = Some(RuleGrade::Off);
        p.rules.quota = Some(RuleGrade::Off);
        assert!(!tip(Field::Members, Scope::Proposal, &p).contains("人"));
        assert!(!tip(Field::Deadline, Scope::Proposal, &p).contains("完成。"));
        assert_eq!(quota(&p), None);
        let mut s = Policy::preset("secretary").unwrap();
        let q = quota(&s).unwrap();
        assert!(q.contains("每位书记每年确定1个项目"), "{q}");
        assert!(!q.contains("A类"), "{q}");
        assert!(tip(Field::OwnerTitle, Scope::Proposal, &s).contains("副书记、委员不作为"));
        assert!(!tip(Field::Phone, Scope::Proposal, &s).contains("0554"));
        assert!(proposal_who(&s).contains("二级党组织（党委/党总支）书记"));
        s.rules.per_owner = Some(RuleGrade::Off);
        s.rules.owner_title = Some(RuleGrade::Off);
        assert_eq!(quota(&s), None);
        assert!(!tip(Field::OwnerTitle, Scope::Proposal, &s).contains("副书记"));
    }
}
