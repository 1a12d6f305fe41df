//! The words of the notices to units (`taizhang notices`, SPEC §10): the 立项批复 letter, the
//! 立项名单 workbook and the 项目责任书.

/// What an approval notice is (subject and file name).
pub const APPROVAL: &str = "立项批复";

/// `2018年度基层党建创新项目立项批复`.
pub fn approval_topic(year: i32, kind: &str) -> String {
    format!("{year}年度{kind}{APPROVAL}")
}

/// The opening: which proposals were decided.
pub fn approval_opening(year: i32, kind: &str) -> String {
    format!("　　你单位报送的{year}年度{kind}立项书，经审核，现将结果通知如下。")
}

/// The head of a section: `一、同意立项（2个）`.
pub fn section(n: usize, what: &str, count: usize) -> String {
    const NUMBERS: [&str; 3] = ["一", "二", "三"];
    let n = NUMBERS.get(n).copied().unwrap_or("");
    format!("　　{n}、{what}（{count}个）：")
}

/// Section: approved.
pub const APPROVED: &str = "同意立项";
/// Section: not approved.
pub const REJECTED: &str = "不予立项";
/// Section: returned for changes.
pub const RETURNED: &str = "退回修改";

/// One approved project: its ID first, since the unit quotes it on every report.
pub fn approved_project(n: usize, id: &str, name: &str, details: &str) -> String {
    format!(
        "　　　　{n}. 项目编号 {id}　{}（{details}）",
        crate::say::quoted(name)
    )
}

/// The details of an approved project: `A类，负责人 张伟，完成时间 2018年12月31日`.
pub fn details(category: &str, owner: &str, deadline: &str) -> String {
    let mut parts = Vec::new();
    if !category.is_empty() {
        parts.push(format!("{category}类"));
    }
    if !owner.is_empty() {
        parts.push(format!("负责人 {owner}"));
    }
    if !deadline.is_empty() {
        parts.push(format!("完成时间 {deadline}"));
    }
    parts.join("，")
}

/// What the unit does with its approved projects.
pub const APPROVED_THEN: &str =
    "　　请在每次报送进度报告时填写上述项目编号，按立项书确定的目标和措施抓好落实，按期完成。";

/// What the unit does with its approved projects when 项目责任书 come with the notice.
pub const APPROVED_CHARTER: &str = "　　所附项目责任书请负责人签字、单位盖章后报回一份。";

/// A not-approved or returned project, with the clerk's note when there is one.
pub fn decided_project(n: usize, id: &str, name: &str, note: &str) -> String {
    let note = note.trim();
    if note.is_empty() {
        format!("　　　　{n}. {}（{id}）", crate::say::quoted(name))
    } else {
        format!(
            "　　　　{n}. {}（{id}）。意见：{note}",
            crate::say::quoted(name)
        )
    }
}

/// After the returned projects: resend by a date, or as soon as possible.
pub fn resend(by: Option<&str>) -> String {
    match by {
        Some(d) => format!("　　退回修改的项目，请按意见修改后于{d}前重新报送立项书。"),
        None => "　　退回修改的项目，请按意见修改后重新报送立项书。".to_owned(),
    }
}

/// The index file of the notices folder.
pub const INDEX_FILE: &str = "通知清单.txt";

/// The 立项名单 workbook's file name.
pub const LIST_FILE: &str = "立项名单.xlsx";
/// Its sheet.
pub const LIST_SHEET: &str = "立项名单";
/// Its title: `2018年度基层党建创新项目立项名单`.
pub fn list_title(year: i32, kind: &str) -> String {
    format!("{year}年度{kind}立项名单")
}
/// Its headers, without 类别 under a preset that has no categories.
pub fn list_headers(categories: bool) -> Vec<&'static str> {
    let mut h = vec!["序号", "单位", "项目编号", "项目名称"];
    if categories {
        h.push("类别");
    }
    h.extend(["负责人", "完成时间"]);
    h
}

/// `notices` done.
pub fn written(letters: usize, dir: &std::path::Path) -> String {
    format!(
        "已生成 {letters} 个单位的通知（邮件草稿 .eml 和 .txt），在“{}”中",
        dir.display()
    )
}

/// `notices` with nothing decided yet.
pub const NOTHING_DECIDED: &str = "台账中还没有审核过的项目（审核状态都是“待审核”），没有要发的立项批复。请先审核：taizhang approve";

/// The 立项名单 written.
pub fn list_written(path: &std::path::Path, count: usize) -> String {
    format!("立项名单（{count} 个项目）：{}", path.display())
}

/// The 项目责任书 written.
pub fn charters_written(dir: &std::path::Path, count: usize) -> String {
    format!("项目责任书 {count} 份：{}", dir.display())
}

/// The head of the notices folder's index: how many letters, when made.
pub fn index_head(letters: usize, when: &str) -> String {
    format!("通知清单（{when}）\n\n本文件夹中的通知共 {letters} 份（每份一个邮件草稿 .eml 和同样内容的 .txt）：\n")
}

/// What a reminder is (subject and file name).
pub const REMINDER: &str = "督办通知";

/// `2018年12月基层党建创新项目推进情况`: the reminder's topic.
pub fn reminder_topic(month_title: &str, kind: &str) -> String {
    format!("{month_title}{kind}推进情况")
}

/// The reminder's opening.
pub fn reminder_opening(as_of: &str, kind: &str) -> String {
    format!("　　根据台账记录，截至{as_of}，你单位以下{kind}需要督促推进：")
}

/// One chased project.
pub fn chased_project(n: usize, id: &str, name: &str, owner: &str) -> String {
    let owner = if owner.trim().is_empty() {
        String::new()
    } else {
        format!("（负责人 {}）", owner.trim())
    };
    format!(
        "　　{n}. 项目编号 {id}　{}{owner}",
        crate::say::quoted(name)
    )
}

/// One reason under a chased project (the 督办清单's words).
pub fn reason(text: &str) -> String {
    format!("　　　　{text}")
}

/// What an overdue project is to do.
pub fn finish_overdue(deadline: &str) -> String {
    format!("　　　　已超过完成时间（{deadline}），请抓紧完成，并报送完成情况和佐证材料；确需延期的，请在进度报告中申请延期。")
}

/// What a lagging project is to do.
pub const SPEED_UP: &str = "　　　　请对照计划加快推进，确保按期完成。";

/// The report owed, and by when.
pub fn send_report(due: &str, by: Option<&str>) -> String {
    match by {
        Some(d) => format!("　　　　请于{d}前补报 {due} 进度报告。"),
        None => format!("　　　　请尽快补报 {due} 进度报告。"),
    }
}

/// The reminder's closing.
pub fn reminder_closing(by: Option<&str>) -> String {
    match by {
        Some(d) => format!("　　请高度重视，逐项落实，并于{d}前将有关情况报送我们。"),
        None => "　　请高度重视，逐项落实，并及时将有关情况报送我们。".to_owned(),
    }
}

/// `notices --kind reminder` with nothing to chase.
pub fn nothing_to_chase(as_of: &str) -> String {
    format!("截至 {as_of} 没有需要督办的项目（没有滞后、逾期或未报送的），没有生成督办通知")
}

/// The 抽查名单's sheet.
pub const SAMPLE_SHEET: &str = "抽查名单";
/// The 抽查名单's headers.
pub const SAMPLE_HEADERS: [&str; 6] = [
    "序号",
    "项目编号",
    "申报单位",
    "项目名称",
    "责任人",
    "抽取码",
];
/// The 抽查名单's title, with the seed.
pub fn sample_title(year: i32, drawn: usize, total: usize, seed: &str) -> String {
    format!("{year}年度项目抽查复核名单（已完成 {total} 个，抽取 {drawn} 个；随机种子：{seed}）")
}
/// `sample` done: what was drawn and how to draw it again.
pub fn sampled(drawn: usize, total: usize, seed: &str) -> String {
    format!(
        "从已完成的 {total} 个项目中抽取 {drawn} 个（随机种子：{seed}；用 --seed \"{seed}\" 可重复同样的抽取，\
         抽取码为 SHA-256(种子:项目编号) 的前 16 位，按抽取码从小到大取前 {drawn} 个）："
    )
}
/// `sample` with no finished project.
pub const NOTHING_FINISHED: &str = "台账中还没有已完成的项目，无法抽查";
/// The 抽查名单 written.
pub fn sample_saved(path: &std::path::Path) -> String {
    format!("抽查名单已保存：{}", path.display())
}
