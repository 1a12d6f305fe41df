//! The words of the year's 通报 ([`crate::rank::notice`]), a draft the office edits.

/// The 文号 line, left for the office to fill in.
pub const NUMBER: &str = "【文号】";
/// The addressees.
pub const ADDRESSEES: &str = "各有关单位：";

/// `关于2018年度基层党建创新项目考评情况的通报`.
pub fn title(year: i32, kind: &str) -> String {
    format!("关于{year}年度{kind}考评情况的通报")
}

/// The opening paragraph.
pub fn opening(year: i32, kind: &str) -> String {
    format!("　　{year}年，各单位认真组织实施{kind}，按照立项、推进、考评的要求扎实开展工作。年终，按照评分细则对项目进行了量化考评和综合排名，现将有关情况通报如下。")
}

/// Section: the figures.
pub const FIGURES: &str = "　　一、基本情况";
/// Section: the results.
pub const RESULTS: &str = "　　二、考评结果";
/// Section: the exemplary projects.
pub const EXEMPLARY: &str = "　　三、示范项目";
/// Section: the 重点项目.
pub const KEY: &str = "　　四、重点项目";
/// Section: what comes next, fourth.
pub const NEXT_FOUR: &str = "　　四、下步要求";
/// Section: what comes next, fifth (after the 重点项目).
pub const NEXT_FIVE: &str = "　　五、下步要求";

/// `A类 12 个`.
pub fn category_count(code: &str, n: usize) -> String {
    format!("{code}类 {n} 个")
}

/// The figures paragraph.
#[allow(clippy::too_many_arguments)]
pub fn figures_text(
    proposed: usize,
    approved: usize,
    categories: &str,
    finished: usize,
    on_time: usize,
    overdue: usize,
    ranked: usize,
    mean: Option<f64>,
) -> String {
    let categories = if categories.is_empty() {
        String::new()
    } else {
        format!("（{categories}）")
    };
    let mean = mean.map_or(String::new(), |m| format!("，平均得分 {m:.2} 分"));
    format!(
        "　　全年各单位申报项目 {proposed} 个，经审核批复立项 {approved} 个{categories}。截至年底，已完成 {finished} 个，\
         其中按期完成 {on_time} 个；逾期未完成 {overdue} 个。参加综合排名的项目 {ranked} 个{mean}。各单位情况如下表。"
    )
}

/// The per-unit table's header.
pub const UNIT_HEADERS: [&str; 3] = ["单位", "立项数", "已完成"];
/// The ranking table's header.
pub const RANKING_HEADERS: [&str; 6] = ["等次", "名次", "项目编号", "申报单位", "项目名称", "总分"];

/// `优秀 5 个`.
pub fn grade_count(grade: &str, n: usize) -> String {
    format!("{grade} {n} 个")
}

/// The results paragraph.
pub fn results_text(ranked: usize, grades: &str) -> String {
    format!("　　经评委评分，{ranked} 个项目参加综合排名，其中{grades}。具体名次如下表。")
}

/// One exemplary project.
pub fn exemplary_project(unit: &str, name: &str) -> String {
    format!("{unit}{}", crate::say::quoted(name))
}

/// The exemplary paragraph.
pub fn exemplary_text(chosen: &[String]) -> String {
    if chosen.is_empty() {
        return "　　本年度没有评出示范项目。".to_owned();
    }
    format!(
        "　　经综合评定，{}等 {} 个项目为本年度示范项目，请各单位学习借鉴。",
        chosen.join("、"),
        chosen.len()
    )
}

/// One 重点项目 and where it stands.
pub fn key_project(id: &str, unit: &str, name: &str, status: &str) -> String {
    format!("　　{id}　{unit}{}：{status}。", crate::say::quoted(name))
}

/// What comes next.
pub const NEXT: [&str; 2] = [
    "　　各单位要认真总结经验，对照考评中发现的问题抓好整改；未按期完成的项目要明确时限、加快推进。",
    "　　示范项目所在单位要进一步深化提升，形成可复制、可推广的经验做法。",
];
