//! The year end's words (SPEC §8, [`crate::rank`]): the blank score sheet, the ranking workbook
//! (年度综合排名), the exemplary projects' workbook (示范项目), and what `rank` prints and refuses.

use std::fmt::Display;

use crate::model::Column as C;
use crate::text::number_text;

// ---- Titles ----

/// `2018年度基层党建创新项目综合排名`: a year-end title, `what` after the year and the preset's
/// projects (综合排名, 评分明细, 单位排名, 总分（按排名）, 示范项目, 评分表).
pub fn title(year: impl Display, kind: &str, what: &str) -> String {
    format!("{year}年度{kind}{what}")
}

/// A criterion with its maximum on one line, `创新性（20分）`: the score sheet's input prompt and
/// the page's rubric.
pub fn criterion_title(name: &str, max: f64) -> String {
    format!("{name}（{}分）", number_text(max))
}

/// A criterion's column header on two lines (`创新性` / `（20分）`), so the column stays narrow:
/// the score sheet and 综合排名, 评分明细.
pub fn criterion_header(name: &str, max: f64) -> String {
    format!("{name}\n（{}分）", number_text(max))
}

// ---- Shared headers ----

/// Header of the place.
pub const PLACE: &str = "排名";
/// Header of the running number.
pub const NUMBER: &str = "序号";
/// Header of the mean total; also the chart's series and value axis.
pub const TOTAL: &str = "总分";
/// Header of the grade (优秀, 良好…).
pub const GRADE: &str = "等次";

// ---- The blank score sheet (评分表, `scoresheet`) ----

/// The score sheet's sheet name (and the word its title holds, which the reader looks for).
pub const SCORE_SHEET: &str = "评分表";

/// The sheet name of reviewer `i`'s copy when several are made: `评分表2`.
pub fn score_sheet_numbered(i: usize) -> String {
    format!("{SCORE_SHEET}{i}")
}

/// The score sheet's columns before the criteria (widths are the sheet's).
pub const SCORE_LEAD: [&str; 7] = [
    NUMBER,
    C::ProjectId.header(),
    C::Unit.header(),
    C::Name.header(),
    "类别",
    C::Status.header(),
    C::LatestPercent.header(),
];

/// The reviewer's label, beside the cell for the name (the reader looks for it).
pub const REVIEWER: &str = "评审人";

/// The instructions above the score table.
pub fn score_help(full: f64) -> String {
    format!(
        "说明：每个评分项填写 0 至该项满分之间的分数（可带小数）；“合计”自动计算，仅供核对，\
         排名时由系统根据各项分数重新计算；请勿修改项目编号和项目名称。满分 {} 分。",
        number_text(full)
    )
}

/// The header of the reviewer's 合计 column, on two lines with the full score.
pub fn score_total_header(full: f64) -> String {
    format!("{SUM}\n（{}分）", number_text(full))
}

/// The header of the reviewer's notes column.
pub const SCORE_NOTE: &str = C::Note.header();

/// A score cell's input prompt.
pub fn score_prompt(max: &str) -> String {
    format!("请填写 0–{max} 之间的分数，可带小数。")
}

/// The title of a score cell's refusal.
pub const SCORE_REFUSED: &str = "分数超出范围";

/// A score cell's refusal of a value out of range.
pub fn score_refusal(criterion: &str, max: &str) -> String {
    format!("“{criterion}”的分数应为 0–{max} 之间的数。")
}

/// The printed copy's signature line.
pub const SIGNATURE: &str = "评审人签名：                    ";
/// The printed copy's date line.
pub const SIGNED_ON: &str = "日期：        年    月    日";

// ---- The ranking workbook: sheet names (the contract of SPEC §8) ----

/// The ranking itself.
pub const RANKING: &str = "综合排名";
/// Every reviewer's raw scores.
pub const DETAILS: &str = "评分明细";
/// Units by mean total.
pub const UNITS: &str = "单位排名";
/// The bar chart of totals.
pub const CHART: &str = "总分图";
/// Rubric and method.
pub const ABOUT: &str = "说明";
/// Problems found in the score sheets.
pub const PROBLEMS: &str = "评分表问题";

// ---- 综合排名 ----

/// 综合排名's text headers after 排名.
pub const RANKING_TEXT: &[&str] = &[
    C::ProjectId.header(),
    C::Unit.header(),
    C::Name.header(),
    C::Category.header(),
];
/// 综合排名's headers of the project's progress, after the text headers.
pub const RANKING_PROGRESS: &[&str] = &[C::Status.header(), C::LatestPercent.header()];
/// 综合排名: the count of reviewers counted.
pub const REVIEWERS: &str = "评委人数";
/// 综合排名's text headers after 总分.
pub const RANKING_TAIL: &[&str] = &[GRADE, C::Note.header()];

// ---- How a reviewer's row entered the result (评分明细's 计分情况) ----

/// Counted in the means.
pub const USE_COUNTED: &str = "计入";
/// The highest total, dropped by the trim.
pub const USE_DROPPED_HIGH: &str = "去掉最高分";
/// The lowest total, dropped by the trim.
pub const USE_DROPPED_LOW: &str = "去掉最低分";
/// A score left blank: the row is not counted.
pub const USE_INCOMPLETE: &str = "评分不完整，未计入";
/// A score out of range or not a number: the row is not counted.
pub const USE_INVALID: &str = "有无效分数，未计入";

/// 评分明细's cell for an invalid score, with what the reviewer wrote: `无效分数：25`.
pub fn invalid_score(written: &str) -> String {
    format!("无效分数：{written}")
}

// ---- A project's notes (综合排名's 备注) ----

/// No reviewer scored the project.
pub const NOT_SCORED: &str = "未评分，不参加排名";

/// Too few reviewers to rank the project.
pub fn too_few_reviewers(reviewers: usize) -> String {
    format!("评委不足（{reviewers}人），不参加排名")
}

/// Too few reviewers to drop the highest and lowest.
pub fn not_trimmed(reviewers: usize, trim_min: usize) -> String {
    format!("评委{reviewers}人（不足{trim_min}人），未去掉最高分和最低分")
}

/// Some reviewers' rows held an invalid score.
pub fn invalid(count: usize) -> String {
    format!("{count}份有无效分数，未计入")
}

/// Some reviewers' rows were incomplete.
pub fn incomplete(count: usize) -> String {
    format!("{count}份评分不完整，未计入")
}

// ---- 评分明细 ----

/// 评分明细's text headers before the criteria.
pub const DETAILS_TEXT: &[&str] = &[
    C::ProjectId.header(),
    C::Unit.header(),
    C::Name.header(),
    REVIEWER,
];
/// 评分明细: the reviewer's total (also the score sheet's 合计).
pub const SUM: &str = "合计";
/// 评分明细's text headers after 合计.
pub const DETAILS_TAIL: &[&str] = &["计分情况", C::Source.header()];
/// 评分明细's note when no score was read.
pub const NO_SCORES: &str = "没有读到任何评分。";

// ---- 单位排名 ----

/// 单位排名's counts after 排名 and 申报单位.
pub const UNIT_COUNTS: &[&str] = &[C::ProjectCount.header(), "参加排名项目数"];
/// 单位排名: the unit's mean total.
pub const UNIT_MEAN: &str = "平均总分";
/// 单位排名: the unit's best project.
pub const BEST: &str = "最好项目";
/// 单位排名: the best project's total.
pub const BEST_TOTAL: &str = "最好项目总分";
/// 单位排名: the best project's place.
pub const BEST_PLACE: &str = "最好项目排名";
/// 单位排名's note under the table.
pub const UNITS_NOTE: &str =
    "平均总分：本单位参加排名的项目总分的平均值；没有项目参加排名的单位不排名。";

// ---- 总分图 ----

/// 总分图's note when nothing was ranked.
pub const NO_CHART: &str = "没有参加排名的项目，无法绘制图表。";
/// What the chart's title says after the year and the projects.
pub const CHART_TITLE: &str = "总分（按排名）";

// ---- 说明 ----

/// One criterion of the rubric: `创新性：20 分`.
pub fn rubric_line(name: &str, max: f64) -> String {
    format!("{name}：{} 分", number_text(max))
}

/// One grade band: `优秀：总分不低于 90 分`; the lowest band, which takes every total below the
/// band above it (`below`), says so: `不合格：总分低于 60 分`.
pub fn grade_line(name: &str, min: f64, below: Option<f64>) -> String {
    match below {
        Some(next) => format!("{name}：总分低于 {} 分", number_text(next)),
        None => format!("{name}：总分不低于 {} 分", number_text(min)),
    }
}

/// How the totals are computed.
pub fn method(trim: usize, min: usize) -> String {
    format!(
        "每位评委对各评分项打分，系统按各项分数重新计算每位评委的合计分（不采用评分表上的“合计”）。\
         某位评委对某项目有一项未评分或分数无效的，该评委对该项目的评分不计入。\
         评委达到 {trim} 人的项目，去掉一个最高分和一个最低分（按评委合计分，合计分相同时去掉先读到的一份），\
         被去掉的评委的各项分数一并不计；其余评委各项分数和合计分的平均值即为该项目的各项得分和总分。\
         平均值保留两位小数，第三位四舍五入（按十进制数值计算，如 85.325 记为 85.33）。\
         评委少于 {min} 人的项目列出但不参加排名。按总分从高到低排名，总分相同的名次相同（如 1、2、2、4）。"
    )
}

/// The 说明 sheet's rows: term and explanation. `rubric` and `grades` are [`rubric_line`]s and
/// [`grade_line`]s, one a line.
#[allow(clippy::too_many_arguments)]
pub fn about(
    year: i32,
    rubric: &str,
    full: f64,
    method: String,
    grades: String,
    reviewers: &[String],
    files: usize,
    errors: usize,
    warnings: usize,
    date: String,
) -> [(&'static str, String); 7] {
    [
        ("年度", format!("{year} 年")),
        (
            "评分标准",
            format!("{rubric}\n满分：{} 分", number_text(full)),
        ),
        ("计算方法", method),
        (GRADE, grades),
        (
            "评委",
            format!("共 {} 人：{}", reviewers.len(), reviewers.join("、")),
        ),
        (
            SCORE_SHEET,
            format!(
                "共读取 {files} 个文件；发现错误 {errors} 处、提醒 {warnings} 处{}",
                if errors + warnings > 0 {
                    "（见“评分表问题”）"
                } else {
                    ""
                }
            ),
        ),
        ("生成日期", date),
    ]
}

/// 说明's item naming the projects left for a later year.
pub const LATER: &str = "跨年度项目";

/// A project left for a later year: `2017-003《…》（…，完成时间 2018-06-30）`.
pub fn later_project(id: &str, name: &str, unit: &str, due: &str) -> String {
    format!("{id}《{name}》（{unit}，完成时间 {due}）")
}

/// 说明's line on the projects left for a later year (policy `score_unfinished = false`).
pub fn later_projects(listed: &[String]) -> String {
    format!(
        "下列项目尚未完成、完成时间在以后年度，本年度不参加评分，于完成的年度参加评分：\n{}",
        listed.join("\n")
    )
}

// ---- 评分表问题 ----

/// 评分表问题's headers.
pub const PROBLEM_HEADERS: &[&str] = &["文件", "类型", "代码", "单元格", "问题"];

// ---- The exemplary workbook (示范项目) ----

/// The summary sheet's name, and what its title says after the year and the projects.
pub const SUMMARY: &str = "示范项目";

/// The summary's text headers after 序号 and 排名.
pub const SUMMARY_TEXT: &[&str] = &[
    C::ProjectId.header(),
    C::Unit.header(),
    C::Name.header(),
    C::Category.header(),
    C::Owner.header(),
];
/// The summary's text headers after 总分.
pub const SUMMARY_TAIL: &[&str] = &[GRADE, "说明"];

/// The rule of the choice, under the summary's table.
pub fn exemplary_rule(min_score: f64, per_unit: usize, max: usize, min: usize) -> String {
    format!(
        "评选条件：项目已完成（台账状态为“已完成”，或最近一次进度报告为100%），参加排名且总分不低于 {} 分；\
         按排名依次选取，每个单位最多 {per_unit} 个，共不超过 {max} 个（不少于 {min} 个）。",
        number_text(min_score)
    )
}

/// The summary's warning line (the warning is [`crate::say::problems::few_exemplary`]).
pub fn reminder(warning: &str) -> String {
    format!("提醒：{warning}")
}

/// The heading of the eligible projects not chosen.
pub const PASSED_OVER: &str = "符合条件但未入选的项目";

/// Why an eligible project was passed over: its unit has its share.
pub fn unit_full(taken: usize, per_unit: usize) -> String {
    format!("本单位已有 {taken} 个示范项目（每单位最多 {per_unit} 个）")
}

/// Why an eligible project was passed over: the list is full.
pub fn list_full(max: usize) -> String {
    format!("示范项目已达上限（{max} 个）")
}

/// An exemplary project as `rank` prints it: `名称（单位）`.
pub fn chosen(name: &str, unit: &str) -> String {
    format!("{name}（{unit}）")
}

// ---- A project's sheet ----

/// A project's sheet name when the project has no name.
pub const UNNAMED: &str = "项目";

/// A project sheet's labels before 取得成效, in order.
pub const PROJECT_LABELS: [&str; 7] = [
    C::Unit.header(),
    C::Category.header(),
    C::Owner.header(),
    C::OwnerTitle.header(),
    C::Phone.header(),
    C::Goals.header(),
    C::Measures.header(),
];
/// A project sheet: its results, one report a line.
pub const RESULTS: &str = "取得成效";
/// 取得成效 of a project never reported on.
pub const NO_RESULTS: &str = "（台账中没有进度报告）";
/// A project sheet: every criterion's mean.
pub const PER_CRITERION: &str = "各项得分";

/// `A类（创新实践）`: a category the policy names.
pub fn category(code: &str, name: &str) -> String {
    format!("{code}类（{name}）")
}

/// One criterion's mean on a project sheet: `创新性：18.50 分（满分 20 分）` (— if none).
pub fn criterion_score(name: &str, mean: Option<f64>, max: f64) -> String {
    let v = mean
        .map(|v| format!("{v:.2}"))
        .unwrap_or_else(|| "—".into());
    format!("{name}：{v} 分（满分 {} 分）", number_text(max))
}

/// A project's place among those ranked.
pub fn place(place: usize, of: usize) -> String {
    format!("第 {place} 名（共 {of} 个项目参加排名）")
}

// ---- The run (`rank` and the page) ----

/// The policy has no rubric.
pub const NO_RUBRIC: &str = "政策文件中没有评分标准（rubric），无法排名";
/// No score sheet among the files given.
pub const NO_SCORE_SHEETS: &str =
    "没有找到评分表文件（.xlsx / .xls / .ods 等），请检查评分表放在了哪里";

/// The ranking workbook could not be built.
pub fn ranking_failed(error: impl Display) -> String {
    format!("无法生成排名表：{error}")
}

/// The exemplary workbook could not be built.
pub fn exemplary_failed(error: impl Display) -> String {
    format!("无法生成示范项目材料：{error}")
}

/// A file given as a score sheet that is no spreadsheet.
pub const NOT_A_TABLE: &str = "跳过：不是表格文件";
/// A score file that could not be read.
pub const UNREADABLE: &str = "无法读取";
/// A score sheet with no reviewer's name.
pub const NO_REVIEWER: &str = "（未填写，不计入排名）";

/// What one sheet of a score file holds.
pub fn sheet_read(reviewer: &str, projects: usize) -> String {
    format!("评审人：{reviewer}，{projects} 个项目")
}

/// The line of one score file; its problems follow it.
pub fn file_line(path: &str, what: &str) -> String {
    format!("{path}  [评分表]  {what}")
}

/// The counts after the files.
pub fn summary(projects: usize, ranked: usize, reviewers: usize) -> String {
    format!(
        "共 {projects} 个项目，{ranked} 个参加排名，{} 个未参加排名；评委 {reviewers} 人",
        projects - ranked
    )
}

/// One of the first ten places.
pub fn top_line(place: usize, total: f64, id: &str, unit: &str, name: &str) -> String {
    format!("    第 {place} 名  {total:.2}  {id}  {unit}  {name}")
}

/// The 通报 document could not be built.
pub fn notice_failed(reason: &str) -> String {
    format!("年度通报无法生成：{reason}")
}

/// Why an eligible project was passed over: not accepted (验收) as 通过.
pub fn not_accepted(result: &str) -> String {
    if result.trim().is_empty() {
        "尚未验收（政策要求验收通过）".to_owned()
    } else {
        format!("验收结果为“{}”（政策要求验收通过）", result.trim())
    }
}
