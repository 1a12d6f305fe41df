//! What is said about 佐证材料: the kinds of file, where they came from, and the lines after a
//! merge and in the status.

use std::path::Path;

/// The folder under `--materials` for files no project could be told for.
pub const NO_PROJECT_FOLDER: &str = "未对应项目";

/// The name of a copy whose own name is unusable.
pub const UNNAMED: &str = "未命名文件";

/// What kind of evidence a file is, by its extension.
pub fn kind_of(path: &Path) -> &'static str {
    match crate::read::extension(path).as_deref() {
        Some("pdf" | "ofd") => "PDF/版式文件",
        Some("doc" | "docx" | "wps") => "Word 文档",
        Some("ppt" | "pptx" | "dps") => "演示文稿",
        Some("mp4" | "mov" | "avi" | "wmv" | "mkv" | "flv") => "视频",
        Some("mp3" | "wav" | "m4a") => "音频",
        Some(_) => "图片",
        None => "文件",
    }
}

/// The 来源 of a file that came by mail: the mail and its sender.
pub fn from_mail(mail: &str, sender: &str) -> String {
    format!("{mail}（发件人：{sender}）")
}

/// A copy under `--materials` could not be written.
pub fn copy_failed(path: &str, reason: &str) -> String {
    format!("佐证材料无法保存到“{path}”：{reason}")
}

/// `check`'s verdict on a file that may be evidence.
pub const CHECK_VERDICT: &str = "不是表格：合并时登记为佐证材料";

/// The action of a file recorded in 佐证材料.
pub const ACTION_RECORDED: &str = "登记为佐证材料";

/// The action of a file 佐证材料 already holds.
pub const ACTION_KNOWN: &str = "佐证材料已登记过";

/// The count after a merge: recorded, known, and without a project.
pub fn summary(recorded: usize, known: usize, unassigned: usize) -> String {
    let mut s = format!("佐证材料：新登记 {recorded} 个，已登记过 {known} 个");
    if unassigned > 0 {
        s.push_str(&format!(
            "；其中 {unassigned} 个未能确定所属项目，请在台账“佐证材料”表的“项目编号”栏补填"
        ));
    }
    s
}

/// The heading of the list of finished projects with no 佐证材料.
pub fn finished_without(n: usize) -> String {
    format!("已完成但未收到佐证材料的项目（{n} 个）：")
}

/// The heading of the status sheet of finished projects with no 佐证材料.
pub const FINISHED_WITHOUT_SHEET: &str = "缺佐证材料";

/// The heading of the status sheet of finished projects with no 佐证材料.
pub fn finished_without_heading(kind_name: &str, as_of: &str) -> String {
    format!("已完成但未收到佐证材料的{kind_name}（截至 {as_of}）")
}
