//! The data behind the samples: what a submission says, independent of where its cells sit.
//!
//! A form is described once (unit, name, dates, …) and a layout function decides where each
//! label and value goes. `Val` is how one value is typed into its cell, because the same date can
//! arrive as a real date cell or as one of many texts (SPEC §3.4), and the reader must cope.

/// One cell value, as the unit typed it.
#[derive(Clone, Debug)]
pub enum Val {
    /// Nothing typed (the cell keeps its border, so it is a formatted blank, as in a template).
    Blank,
    Text(String),
    /// A number cell with the given number format ("General" when empty).
    Num(f64, &'static str),
    /// A real date cell with this number format (e.g. `yyyy"年"m"月"d"日"`).
    Date(u16, u8, u8, &'static str),
    /// A fraction in a cell formatted `0%` (0.6 shows as 60%).
    Percent(f64),
    /// A formula whose cached result is an Excel error such as `#REF!`.
    Error(&'static str),
}

pub fn t(s: &str) -> Val {
    if s.is_empty() {
        Val::Blank
    } else {
        Val::Text(s.to_string())
    }
}

/// A date cell shown as 2018-04-01.
pub fn d_iso(y: u16, m: u8, d: u8) -> Val {
    Val::Date(y, m, d, "yyyy-mm-dd")
}
/// A date cell shown as 2018年4月1日 (what Chinese Excel offers first).
pub fn d_cn(y: u16, m: u8, d: u8) -> Val {
    Val::Date(y, m, d, "yyyy\"年\"m\"月\"d\"日\"")
}
/// A date cell shown as 2018/4/1.
pub fn d_slash(y: u16, m: u8, d: u8) -> Val {
    Val::Date(y, m, d, "yyyy/m/d")
}

/// After generation a few files are changed by an outside tool.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Post {
    None,
    /// Saved again by LibreOffice as `.xls` (the `.xlsx` is removed).
    Xls,
    /// Saved again by LibreOffice as `.ods` (the `.xlsx` is removed).
    Ods,
    /// Encrypted with a password (OOXML agile encryption, msoffcrypto-tool).
    Encrypt,
    /// Only the first 40 % of the bytes are kept (a broken download).
    Truncate,
}

impl Post {
    /// The extension the final file has.
    pub fn ext(self) -> &'static str {
        match self {
            Post::Xls => "xls",
            Post::Ods => "ods",
            _ => "xlsx",
        }
    }
}

/// Who is responsible: separate 责任单位 / 责任人 labels, or the notice's combined label.
#[derive(Clone, Debug)]
pub enum Owner {
    Separate { unit: String, person: String },
    /// 责任单位及责任人, the cell text as typed (`田家庵区委组织部 张伟`, or two lines).
    Combined(String),
}

/// The body layouts of a proposal form (see layout_proposal.rs).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PLayout {
    Official,
    LabelAbove,
    Paired,
    InstructionRows,
    Plain,
}

/// The body layouts of a progress report (see layout_progress.rs).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RLayout {
    Official,
    Paired,
    LabelAbove,
    /// Title without the word 进度 and an instruction row: told apart by labels only.
    Monthly,
}

/// Where the form sits in its workbook.
#[derive(Clone, Copy, Debug, Default)]
pub struct Wrap {
    /// A 填表说明 sheet comes first, the form is the second sheet.
    pub instructions_sheet: bool,
    /// A hidden 下拉选项 sheet holds the dropdown sources (`Some(true)`: it is the FIRST sheet).
    pub hidden_lists: Option<bool>,
}

/// The label texts one file uses (all accepted synonyms, some decorated).
#[derive(Clone, Debug)]
pub struct PLabels {
    pub unit: &'static str,
    pub name: &'static str,
    pub category: &'static str,
    pub topic: &'static str,
    pub scope: &'static str,
    pub goals: &'static str,
    pub measures: &'static str,
    pub start: &'static str,
    pub deadline: &'static str,
    pub deliverables: &'static str,
    pub owner_unit: &'static str,
    pub owner: &'static str,
    pub owner_title: &'static str,
    pub members: &'static str,
    pub phone: &'static str,
    pub budget: &'static str,
    pub submitted: &'static str,
    /// Header of the milestone table: 阶段 | 起止时间 | 内容.
    pub ms: [&'static str; 3],
}

/// A proposal form (立项书).
#[derive(Clone, Debug)]
pub struct Proposal {
    /// Short handle used by the progress reports.
    pub key: &'static str,
    /// Folder-relative file name without extension.
    pub stem: String,
    pub post: Post,
    pub layout: PLayout,
    pub wrap: Wrap,
    pub title: String,
    pub labels: PLabels,
    pub unit: String,
    pub name: String,
    pub category: Val,
    /// `true` for category A (used for the progress texts and the README).
    pub is_a: bool,
    pub topic: Option<Val>,
    pub scope: String,
    pub goals: String,
    pub measures: String,
    pub start: Option<Val>,
    pub deadline: Val,
    pub deliverables: String,
    pub owner: Owner,
    pub owner_title: String,
    pub members: String,
    pub phone: Option<Val>,
    pub budget: Option<Val>,
    pub submitted: Option<Val>,
    pub milestones: Vec<[String; 3]>,
    /// Expected problem codes (README).
    pub expect: Vec<&'static str>,
    /// What is special about this file (README 说明 column).
    pub note: String,
    /// Set by the file that repeats another proposal (same unit + name).
    pub duplicate_of: Option<&'static str>,
    /// Whether the form has a 项目类别 row (the college's 书记项目 have no categories).
    pub has_category: bool,
    /// Rows after 工作范围或对象 that only some policies ask for: (key, label, text), e.g.
    /// 主要内容 and 可行性分析 of the secretary preset.
    pub extra: Vec<(&'static str, &'static str, String)>,
}

/// The label texts of a progress report.
#[derive(Clone, Debug)]
pub struct RLabels {
    pub project_id: &'static str,
    pub unit: &'static str,
    pub name: &'static str,
    pub period: &'static str,
    pub percent: &'static str,
    pub state: &'static str,
    pub done: &'static str,
    pub problems: &'static str,
    pub next: &'static str,
    pub submitted: &'static str,
    pub reporter: &'static str,
}

/// 项目编号 on a progress report.
#[derive(Clone, Debug)]
pub enum IdField {
    /// No 项目编号 row at all.
    Absent,
    /// The row is there, the value left blank (the usual case).
    Blank,
    Value(String),
}

/// A monthly progress report (进度报告).
#[derive(Clone, Debug)]
pub struct Report {
    pub stem: String,
    pub post: Post,
    pub layout: RLayout,
    pub wrap: Wrap,
    pub title: String,
    pub labels: RLabels,
    pub project_id: IdField,
    pub unit: String,
    pub name: String,
    pub period: Val,
    pub percent: Val,
    pub state: Option<String>,
    /// 申请延期至, with 项目状态 申请延期 (a row of its own only then).
    pub extension: Option<Val>,
    pub done: String,
    pub problems: String,
    pub next: String,
    pub submitted: Option<Val>,
    pub reporter: String,
    pub expect: Vec<&'static str>,
    pub note: String,
}

/// One file of the inbox as the README lists it.
#[derive(Clone, Debug)]
pub struct Entry {
    /// Path relative to samples/inbox, with the final extension.
    pub path: String,
    pub kind: &'static str,
    pub codes: Vec<&'static str>,
    pub note: String,
    pub content: Content,
    /// The forms of a file holding several (SPEC §3.5), each a row of the README's table
    /// (`FILE › PART`); empty for a file with one form, whose own kind and codes are its row.
    pub parts: Vec<Part>,
}

/// One form of a file holding several: its part name and what `check` reports for it.
#[derive(Clone, Debug)]
pub struct Part {
    pub name: String,
    pub kind: &'static str,
    pub codes: Vec<&'static str>,
    pub note: String,
}

#[derive(Clone, Debug)]
pub enum Content {
    /// Written as is.
    Bytes(Vec<u8>),
    /// An xlsx that an outside tool turns into the final file.
    Post(Vec<u8>, Post),
}
