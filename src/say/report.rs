//! The words of the check report (校验报告, [`crate::write::report`]): sheet names, headers,
//! verdicts and the note on each unit's sheet.

use crate::model::Column as C;

// ---- Sheet names ----

/// Sheet of every problem, one a row.
pub const PROBLEMS_SHEET: &str = "问题清单";
/// Sheet of every file, one a row, so nothing is missing.
pub const FILES_SHEET: &str = "文件清单";
/// Sheet of the units on the policy's list that sent nothing valid.
pub const MISSING_SHEET: &str = "未报送单位";

// ---- Headers ----

/// 问题清单's headers.
pub const PROBLEM_HEADERS: &[&str] = &[
    "文件",
    "单位",
    "种类",
    "严重程度",
    "栏目",
    "单元格",
    "问题说明",
    "代码",
];
/// 文件清单's headers.
pub const FILE_HEADERS: &[&str] = &[
    "文件",
    "单位",
    C::Name.header(),
    "种类",
    "结果",
    "错误数",
    "提醒数",
];
/// 未报送单位's headers.
pub const MISSING_HEADERS: &[&str] = &["单位", "应报材料", "情况"];
/// A unit's sheet's headers.
pub const UNIT_HEADERS: &[&str] = &["文件", "种类", "严重程度", "栏目", "单元格", "问题说明"];

// ---- Cells ----

/// 栏目 of a problem about the whole file rather than one field.
pub const WHOLE_FILE: &str = "（整个文件）";

/// 结果 of a file that is no spreadsheet.
pub const SKIPPED: &str = "跳过（非表格文件）";
/// 结果 of a file without problems.
pub const PASSED: &str = "通过";
/// 结果 of a file with warnings only.
pub const PASSED_WARNED: &str = "通过（有提醒）";
/// 结果 of a file with errors.
pub const RETURNED: &str = "退回修改";

/// 结果 of a file with errors replaced by a later valid file of the same unit and project.
pub fn superseded(by: &str) -> String {
    format!("已由后来的文件取代（{by}）")
}

/// 严重程度 of a problem of a superseded file: for information only.
pub const FOR_REFERENCE: &str = "供参考（已取代）";

/// 情况 of a unit that sent nothing valid.
pub const NOTHING_VALID: &str = "尚未收到合格的材料";

// ---- A unit's sheet ----

/// The title of a unit's sheet.
pub fn unit_title(unit: &str) -> String {
    format!("{unit}：报送材料校验结果")
}

/// The note under a unit's sheet's title.
pub const UNIT_NOTE: &str = "以下问题请修改后重新报送（“错误”须修改；“提醒”请核实）。单元格位置指表格中的工作表和格子，如“立项书!C9”。";
