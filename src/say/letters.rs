//! The words of the reply letters ([`crate::write::reply`]): what a reply is, its subject, every
//! line of its body, and the header of its `.txt` copy.

use chrono::{Datelike, NaiveDate};

use super::project_kind;
use crate::policy::Preset;

// ---- What a reply is (subject and file name) ----

/// A reply asking for corrections: some file has an error.
pub const RETURN: &str = "退回修改";
/// A reply acknowledging files that were all good.
pub const ACK: &str = "已收到";

/// The subject: `【退回修改】2018年度基层党建创新项目立项书`.
pub fn subject(kind: &str, topic: &str) -> String {
    format!("【{kind}】{topic}")
}

// ---- What the unit sent (the topic) ----

/// The unit sent proposals.
pub const SENT_PROPOSALS: &str = "立项书";
/// The unit sent progress reports of several months, or of none.
pub const SENT_REPORTS: &str = "进度报告";
/// The unit sent closing reports (结项报告).
pub const SENT_CLOSING: &str = "结项报告";
/// The unit sent score sheets.
pub const SENT_SCORES: &str = "评分表";
/// The unit sent forms of several kinds.
pub const SENT_MIXED: &str = "报送材料";

/// The unit sent progress reports of one period: `5月进度报告`.
pub fn sent_reports_of(period: &str) -> String {
    format!("{}{SENT_REPORTS}", month(period))
}

/// `2018年度基层党建创新项目立项书`: the year, the programme and what the unit sent.
pub fn topic(year: i32, preset: Preset, sent: &str) -> String {
    format!("{year}年度{}{sent}", project_kind(preset))
}

/// `2018-05` → `5月`; a period that is no `year-month` stays as it is.
fn month(period: &str) -> String {
    match period.split_once('-') {
        Some((_, m)) => format!("{}月", m.trim_start_matches('0')),
        None => period.to_owned(),
    }
}

/// `2018年4月9日`: the letter's date and the resend deadline.
pub fn date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// 一, 二, … 九十九 for the numbered files; larger numbers in digits.
fn chinese_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => DIGITS[n].to_owned(),
        10..=19 => format!("十{}", DIGITS[n % 10]),
        20..=99 => format!("{}十{}", DIGITS[n / 10], DIGITS[n % 10]),
        _ => n.to_string(),
    }
}

// ---- The files, as the unit knows them ----

/// A file that did not come by mail: `《立项书.xlsx》`.
pub fn file(name: &str) -> String {
    format!("《{name}》")
}

/// A file that came by mail: the attachment, with when and under which subject it came:
/// `《立项书.xlsx》（2018-04-09 来信“报送立项书”）`.
pub fn mailed_file(attachment: &str, date: Option<&str>, subject: Option<&str>) -> String {
    let mut came = String::new();
    if let Some(date) = date {
        came.push_str(date);
        came.push(' ');
    }
    came.push_str("来信");
    if let Some(subject) = subject {
        came.push_str(&format!("“{subject}”"));
    }
    format!("《{attachment}》（{came}）")
}

// ---- The body, line by line ----

/// The salutation of a letter to a unit taizhang could not tell.
pub const HELLO: &str = "您好：";

/// The salutation of a letter to `unit`.
pub fn dear(unit: &str) -> String {
    format!("{unit}：")
}

/// A return's opening: what came, and that files must be corrected.
pub fn return_opening(topic: &str) -> String {
    format!("　　你单位报送的{topic}已收到。经审核，以下文件需要修改后重新报送：")
}

/// The heading of the `n`th file to correct (from 1).
pub fn file_to_correct(n: usize, file: &str) -> String {
    format!("{}、{file}", chinese_number(n))
}

/// A file's `n`th problem (from 1), with its severity's word.
pub fn problem(n: usize, severity: &str, message: &str) -> String {
    format!("　　{n}. {severity}：{message}")
}

/// A return's line before the files that were good.
pub const GOOD_TOO: &str = "　　以下文件审核通过，已经收到，无需重发：";

/// The line before the files the unit replaced by a later one.
pub const SUPERSEDED: &str = "　　以下文件已由你单位后来报送的文件取代，无需修改：";

/// A replaced file in a list, with the file that replaced it.
pub fn superseded_file(file: &str, by: &str) -> String {
    format!("　　· {file}（已由{by}取代）")
}

/// A return's closing with a deadline (a [`date`]).
pub fn resend_by(date: &str) -> String {
    format!("　　请按上述意见修改后，于{date}前重新报送。如有疑问，请与我们联系。")
}

/// A return's closing without a deadline.
pub const RESEND: &str = "　　请按上述意见修改后重新报送。如有疑问，请与我们联系。";

/// An acknowledgement's opening: what came, and that it is good.
pub fn ack_opening(topic: &str) -> String {
    format!("　　你单位报送的{topic}已收到，经审核符合要求：")
}

/// An acknowledgement's opening when reminders follow: received and taken, but not "符合要求".
pub fn ack_opening_with_reminders(topic: &str) -> String {
    format!("　　你单位报送的{topic}已收到，已登记，另有以下事项请核实：")
}

/// The line before the warnings said of several files.
pub const SHARED: &str = "　　另请注意（以上多个文件均涉及）：";

/// A warning said of several files, once.
pub fn shared_warning(message: &str) -> String {
    format!("　　· 提醒：{message}")
}

/// The office's phone under the signature.
pub fn phone(phone: &str) -> String {
    format!("联系电话：{phone}")
}

/// An acknowledgement's closing.
pub const THANKS: &str = "　　感谢配合！";

/// A good file in a list.
pub fn good_file(file: &str) -> String {
    format!("　　· {file}")
}

/// A warning on a good file, under it.
pub fn reminder(message: &str) -> String {
    format!("　　　　提醒：{message}")
}

// ---- The saved files ----

/// The head of a reply's `.txt` copy: to whom (or 未知) and the subject, then a blank line.
pub fn text_head(to: Option<&str>, subject: &str) -> String {
    format!("收件人：{}\n主题：{subject}\n\n", to.unwrap_or("（未知）"))
}

/// The `n`th file stem of a name used before: `田家庵区委-退回修改（2）`.
pub fn numbered(stem: &str, n: usize) -> String {
    format!("{stem}（{n}）")
}

// ---- The replies folder's index ----

/// The index's file name in the replies folder.
pub const INDEX_FILE: &str = "回复清单.txt";

/// The index's head: how many letters, and when they were made.
pub fn index_head(letters: usize, when: &str) -> String {
    format!("回复清单（{when}）\n\n本文件夹中的回复共 {letters} 份（每份一个邮件草稿 .eml 和同样内容的 .txt）：\n")
}

/// One letter in the index: its files, what it is, to whom.
pub fn index_letter(stem: &str, kind: &str, to: Option<&str>) -> String {
    let to = to.unwrap_or("（没有邮箱，请在邮件中填写收件人）");
    format!("  {stem}.eml / .txt  {kind}  收件人：{to}")
}

/// The head of the files of no known sender (command output and index).
pub fn unaddressed_head(count: usize) -> String {
    format!(
        "\n以下 {count} 个文件无法确定报送单位（表中没有申报单位，不是邮件附件，文件名中也没有单位名称），\
         未生成回复，请核实是哪个单位报送的，再另行联系：\n"
    )
}

/// One file of no known sender, with its verdict.
pub fn unaddressed_file(path: &str, verdict: &str) -> String {
    format!("  {path}  {verdict}")
}
