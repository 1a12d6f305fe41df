//! Reading files: why a file, an archive or a mail could not be opened or read, what a form
//! is called, and the names given to things that have none. These texts appear in the check
//! report and the reply letters, so a clerk can pass them on unchanged.

use std::fmt::Display;

// ---- Form kinds ----------------------------------------------------------------------------

/// A proposal (立项书), as results and reports name its kind.
pub const PROPOSAL: &str = "立项书";
/// A progress report (进度报告).
pub const PROGRESS: &str = "进度报告";
/// A closing report (结项报告 / 自查考评表).
pub const CLOSING: &str = "结项报告";
/// A score sheet (评分表).
pub const SCORES: &str = "评分表";
/// A workbook that is no form taizhang knows.
pub const UNKNOWN_FORM: &str = "无法识别";
/// A file that is no spreadsheet at all, skipped.
pub const SKIPPED: &str = "非表格文件";

// ---- Opening a file ------------------------------------------------------------------------

/// The file could not be opened (its metadata failed).
pub fn cannot_open(e: impl Display) -> String {
    format!("无法打开文件：{e}")
}

/// The file could be opened but not read.
pub fn cannot_read(e: impl Display) -> String {
    format!("无法读取文件：{e}")
}

/// A file of zero bytes.
pub const EMPTY_FILE: &str = "文件是空的（0 字节），可能没有保存或下载完整，请重新发送";

/// A file the reader crashed on (the panic caught).
pub const READER_CRASHED: &str =
    "文件结构异常，无法读取（可能已损坏），请用 Excel 打开后另存为 .xlsx 再发送";

/// A corrupt or truncated workbook; `detail` is the reader's own complaint.
pub fn corrupt(detail: impl Display) -> String {
    format!("文件已损坏或不完整（可能下载中断），无法打开（{detail}），请重新发送")
}

/// The detail of [`corrupt`] when the zip structure itself is broken.
pub const ZIP_INCOMPLETE: &str = "压缩结构不完整";

/// Password-protected workbook (the `ReadError::Encrypted` text).
pub const ENCRYPTED: &str = "文件设置了打开密码，无法读取，请取消密码后重新发送";

/// A file over the size limit.
pub fn too_large(size: &str, limit: &str) -> String {
    format!("文件过大（{size}），超过上限 {limit}，请删除无关内容后重新发送")
}

/// A zip-based workbook that would unpack past the limit.
pub fn unpacked_too_large(size: &str, limit: &str) -> String {
    format!(
        "文件解压后过大（{size}），超过上限 {limit}，可能已损坏或含有大量无关内容，请重新保存后发送"
    )
}

/// An `.xls`/`.ods` too full to read within one file's memory.
pub fn too_much_memory(need: &str, limit: &str) -> String {
    format!(
        "文件中的内容过多（读取约需 {need} 内存，上限 {limit}），不像是一份表单；请只保留表单内容，另存为 .xlsx 后重新发送"
    )
}

/// A sheet with more cells than the limit.
pub fn too_many_cells(sheet: &str, limit: impl Display) -> String {
    format!("工作表“{sheet}”的内容过多（超过 {limit} 个单元格），请只保留表单内容后重新发送")
}

// ---- Files that are no workbook ------------------------------------------------------------

/// A Word document renamed to a spreadsheet.
pub const WORD_DOCUMENT: &str = "Word 文档";
/// A PowerPoint file renamed to a spreadsheet.
pub const POWERPOINT: &str = "PowerPoint 演示文稿";
/// An archive (zip, rar, 7z) renamed to a spreadsheet.
pub const ARCHIVE: &str = "压缩包";
/// A PDF renamed to a spreadsheet.
pub const PDF: &str = "PDF 文档";
/// A web page (often an "xls" exported by a web system).
pub const HTML: &str = "网页（HTML）文件";
/// An image renamed to a spreadsheet.
pub const IMAGE: &str = "图片";
/// A plain text file.
pub const TEXT_FILE: &str = "文本文件";
/// Bytes taizhang cannot name.
pub const UNKNOWN_FILE: &str = "无法识别的文件";

/// A zip that is not a workbook but `what` (one of the words above).
pub fn zip_not_excel(what: &str) -> String {
    format!("不是 Excel 表格，而是{what}（扩展名被改成了表格），请用表格模板填写后发送")
}

/// A non-zip file that is not a workbook but `what`.
pub fn not_excel(what: &str) -> String {
    format!(
        "不是 Excel 表格，而是{what}（扩展名被改成了表格），请用表格模板填写后以 .xlsx 格式发送"
    )
}

/// What an .xls sheet without a name is called: its position.
pub fn nth_sheet(n: usize) -> String {
    format!("第 {n} 个工作表")
}

// ---- Workbooks that are no form ------------------------------------------------------------

/// A workbook with no cell content at all: blank, or a picture or scan pasted onto the sheet
/// (the grid holds no drawings, so both read alike; the message names both).
pub const EMPTY_WORKBOOK: &str =
    "工作簿中没有任何文字内容（没有填写，或表中只有图片、扫描件），请使用下发的模板填写后重新发送";

/// A workbook with no text but pictures: a scan or a photo of the form pasted in.
pub fn only_pictures(n: usize) -> String {
    format!("表中只有图片（{n} 张），没有可以读取的文字：请不要粘贴扫描件或照片，使用下发的模板填写后重新发送（扫描件可作为佐证材料另附）")
}

/// A workbook without sheets.
pub const NO_SHEETS: &str = "工作簿中没有工作表";

// ---- Archives and mails --------------------------------------------------------------------

/// A mail (in "…中没有表格附件").
pub const MAIL: &str = "邮件";

/// A zip that cannot be opened.
pub const BROKEN_ARCHIVE: &str =
    "压缩包已损坏或不完整，无法打开，请重新压缩后发送，或直接发送表格文件";

/// A password-protected file inside an archive.
pub const ENCRYPTED_ENTRY: &str = "压缩包中的文件设置了密码，无法读取，请取消密码后重新发送";

/// An archive entry that fails to inflate.
pub fn broken_entry(e: impl Display) -> String {
    format!("压缩包中的这个文件已损坏，无法解压（{e}），请重新压缩后发送")
}

/// The `n`th (from 1) archive entry that cannot even be listed.
pub fn unreadable_entry(n: usize, e: impl Display) -> String {
    format!("压缩包中第 {n} 个文件无法读取（{e}），请重新压缩后发送")
}

/// The name given to such an entry.
pub fn nth_entry(n: usize) -> String {
    format!("第{n}个文件")
}

/// A file that is not a valid .eml.
pub const BAD_MAIL: &str = "不是有效的邮件文件（.eml），可能已损坏，请从邮箱重新导出或直接保存附件";

/// The name of the `n`th attachment that has none: a mail in the mail, or another file.
pub fn unnamed_attachment(n: usize, is_message: bool) -> String {
    if is_message {
        format!("附件{n}.eml")
    } else {
        format!("附件{n}（无文件名）")
    }
}

/// A mail or archive the opener crashed on (the panic caught).
pub const OPENER_CRASHED: &str = "文件结构异常，无法打开（可能已损坏），请对方重新发送";

/// Archives and mails nested deeper than `max` levels.
pub fn nested_too_deep(max: impl Display) -> String {
    format!("压缩包或邮件嵌套超过 {max} 层，未打开，请解压后直接发送表格文件")
}

/// An entry or attachment that would inflate past the limit.
pub fn entry_too_large(size: &str, limit: &str) -> String {
    format!("文件解压后过大（{size}），超过上限 {limit}，未打开，请只发送表格文件")
}

/// A mail or archive (`what`) holding no spreadsheet; `others` are the files it did hold.
pub fn no_spreadsheet(what: &str, others: &[&str]) -> String {
    if others.is_empty() {
        format!("{what}中没有表格附件，请将立项书或进度报告（Excel 文件）作为附件重新发送")
    } else {
        format!(
            "{what}中没有表格附件（只有：{}），请将立项书或进度报告（Excel 文件）作为附件重新发送",
            others.join("、")
        )
    }
}

/// A workbook with none of the proposal's or progress report's labels.
pub const NOT_A_FORM: &str = "未找到立项书或进度报告的栏目（如“项目名称”“工作目标”“报告期”），\
                 不是规定的表单，请使用下发的模板填写后重新发送";

/// A readable sheet whose labels are another form's (a personnel card, a hazard report).
pub fn only_labels(found: &[String]) -> String {
    let quoted: String = found.iter().map(|l| format!("“{l}”")).collect();
    format!("只找到{quoted}等栏目，不是立项书或进度报告，请使用下发的模板填写后重新发送")
}

/// The part of a file that is one row of a table of forms: `一览表 第5行`.
pub fn part_row(sheet: &str, row: u32) -> String {
    format!("{sheet} 第{}行", row as u64 + 1)
}

/// The part of a file that is one column of forms side by side: `项目情况 C列`.
pub fn part_column(sheet: &str, letters: &str) -> String {
    format!("{sheet} {letters}列")
}

/// The sheet a Word document's paragraphs are read into (SPEC §3.6): its title and `标签：值`
/// lines are common to the forms in the document's tables.
pub const WORD_TEXT_SHEET: &str = "正文";

// ---- Batches -------------------------------------------------------------------------------

/// The unit of files whose unit cannot be told from the form, the mail, nor the file's name.
pub const UNKNOWN_UNIT: &str = "未识别单位";

/// A path given on the command line that does not exist.
pub fn missing_path(path: &str) -> String {
    format!("找不到“{path}”，请检查路径")
}

// ---- Word documents (SPEC §3.6) ------------------------------------------------------------

/// The sheet a Word document's `n`-th table becomes (`表1`), as cell addresses name it.
pub fn word_table_sheet(n: usize) -> String {
    format!("表{n}")
}

/// The sheet of a Word document's paragraphs outside its tables.
pub const WORD_BODY_SHEET: &str = "正文";

/// An old binary Word (`.doc`) or WPS text (`.wps`) file, which cannot be read.
pub const OLD_WORD: &str = "这是旧版 Word（.doc）或 WPS 文字（.wps）文件，无法读取，\
                 请用 Word 或 WPS 打开后另存为 .docx（或把表格填入 Excel 模板存为 .xlsx）再发送";

/// A cell longer than Excel's 32,767 characters.
pub fn cell_too_long(sheet: &str) -> String {
    format!("“{sheet}”中有单元格超过 32767 个字符，不是表单内容，请只保留表单内容后重新发送")
}

/// Where an over-long text or an over-large text table sits when it is the workbook's shared
/// strings, which belong to no one sheet.
pub const WORKBOOK_TEXT: &str = "工作簿的文字表（共享字符串）";

/// Where an over-long text sits when it is in a sheet's XML, scanned before the sheet is named.
pub const WORKBOOK_SHEETS: &str = "工作簿中的工作表";
