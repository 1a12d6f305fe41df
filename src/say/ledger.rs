//! The ledger's words: merge actions, statuses, quota verdicts, the 说明 sheet, merge problems,
//! the monthly reminders and the ledger's errors (`merge`, `status`, the page).

use std::fmt::Display;

/// The ledger's file name where none is given: in a workspace, and for `taizhang undo`.
pub const LEDGER_FILE: &str = "台账.xlsx";

// ---- Merge actions (来源文件 and the printed list) ----

/// A proposal new to the ledger.
pub const ACTION_ADDED: &str = "新立项";
/// A proposal that changed a project.
pub const ACTION_UPDATED: &str = "更新";
/// A proposal identical to the ledger's project.
pub const ACTION_UNCHANGED: &str = "未变";
/// A progress report new for its period.
pub const ACTION_REPORT_ADDED: &str = "新增报告";
/// A progress report replacing its period's earlier one.
pub const ACTION_REPORT_REPLACED: &str = "替换报告";
/// A 结项报告 recorded on its project's row.
pub const ACTION_CLOSED: &str = "登记结项";
/// A file merged before, byte for byte.
pub const ACTION_ALREADY_MERGED: &str = "已合并过";
/// A file with errors, not merged.
pub const ACTION_REJECTED: &str = "退回";
/// A file with errors replaced by a later valid file of the same unit and project: not merged,
/// not returned.
pub const ACTION_SUPERSEDED: &str = "已取代";

/// After 已取代 in the merge's list: the file that replaced it.
pub fn superseded_by(by: &str) -> String {
    format!("（由 {by} 取代，问题仅供参考）")
}
/// A file not for the ledger.
pub const ACTION_SKIPPED: &str = "跳过";

/// The one-line count of a merge, printed after the file list.
#[allow(clippy::too_many_arguments)]
pub fn merge_summary(
    added: usize,
    updated: usize,
    unchanged: usize,
    reports_added: usize,
    reports_replaced: usize,
    rejected: usize,
    superseded: usize,
    already: usize,
    skipped: usize,
    changes: usize,
    closed: usize,
) -> String {
    // 结项报告 arrive at the year's end only: the line names them when there are some.
    let closed = if closed > 0 {
        format!("结项报告：登记 {closed} 份；")
    } else {
        String::new()
    };
    format!(
        "项目：新增 {added} 个，更新 {updated} 个，未变 {unchanged} 个；进度报告：新增 {reports_added} 份，替换 {reports_replaced} 份；{closed}退回 {rejected} 个文件，已取代 {superseded} 个，已合并过 {already} 个，跳过 {skipped} 个；记录变更 {changes} 处"
    )
}

// ---- Project statuses (状态 column) ----

/// Proposed, not yet reported on.
pub const STATUS_PROPOSED: &str = "已立项";
/// On schedule.
pub const STATUS_ONGOING: &str = "推进中";
/// Behind schedule.
pub const STATUS_LAGGING: &str = "滞后";
/// Past its deadline, not finished.
pub const STATUS_OVERDUE: &str = "逾期";
/// Finished.
pub const STATUS_DONE: &str = "已完成";

// ---- Reporting (报送情况 column of the monthly status) ----

/// No report for the month.
pub const REPORTING_MISSING: &str = "未报送";
/// Finished before the month: nothing due.
pub const REPORTING_FINISHED: &str = "已完成";
/// Not yet started in the month.
pub const REPORTING_NOT_STARTED: &str = "未开始";
/// Reported for the month.
pub const REPORTING_REPORTED: &str = "已报送";

/// `2018年6月`: a report month (`2018-06`'s year and month without zero) as a title says it.
pub fn month_title(year: &str, month: &str) -> String {
    format!("{year}年{month}月")
}

/// An as-of date that is no date.
pub fn bad_as_of(text: &str) -> String {
    format!("日期应写成 2018-06-30 的形式，而不是“{text}”")
}

// ---- Reminder reasons (monthly status) ----

/// Overdue, with its last percentage.
pub fn overdue_with(deadline: impl Display, percent: &str) -> String {
    format!("逾期：完成时间 {deadline} 已过，进度 {percent}%")
}

/// Overdue, never reported on.
pub fn overdue_unreported(deadline: impl Display) -> String {
    format!("逾期：完成时间 {deadline} 已过，尚无进度报告")
}

/// Lagging by the schedule.
pub fn lagging(expected: &str, percent: &str) -> String {
    format!("滞后：计划 {expected}%，实际 {percent}%")
}

/// Lagging by the unit's own word.
pub fn lagging_self(expected: &str, percent: &str) -> String {
    format!("滞后：单位自报“滞后”，计划 {expected}%，实际 {percent}%")
}

/// The month's report is missing; `last` is [`last_reported`] or [`NEVER_REPORTED`].
pub fn not_reported(month: &str, last: &str) -> String {
    format!("未报送 {month} 进度报告{last}")
}

/// The tail of [`not_reported`] naming the last period reported.
pub fn last_reported(period: &str) -> String {
    format!("（最近一次为 {period}）")
}

/// The tail of [`not_reported`] for a project never reported on.
pub const NEVER_REPORTED: &str = "（从未报送）";

// ---- Quota verdicts (是否符合) ----

/// A unit with no projects (ledger), or no monthly report.
pub const QUOTA_NONE: &str = "未报送";
/// The monthly status's word for a unit with no projects.
pub const QUOTA_NONE_MONTH: &str = "未申报项目";
/// Within the quota.
pub const QUOTA_MET: &str = "符合";
/// A unit the policy does not list.
pub const QUOTA_NOT_LISTED: &str = "不在单位名单中";

/// Fewer projects than the minimum.
pub fn quota_too_few(n: impl Display) -> String {
    format!("不符合：少于 {n} 个")
}

/// More projects than the maximum.
pub fn quota_too_many(n: impl Display) -> String {
    format!("不符合：多于 {n} 个")
}

/// Fewer category-A projects than the minimum.
pub fn quota_too_few_a(n: impl Display) -> String {
    format!("不符合：A类少于 {n} 个")
}

/// The quota rule as the ledger shows it: `1–3 个`.
pub fn quota_rule(min: impl Display, max: impl Display) -> String {
    let (min, max) = (min.to_string(), max.to_string());
    if min == max {
        format!("{min} 个")
    } else {
        format!("{min}–{max} 个")
    }
}

/// The quota rule with a category-A minimum.
pub fn quota_rule_a(min: impl Display, max: impl Display, a: impl Display) -> String {
    format!("{min}–{max} 个，至少 {a} 个A类")
}

// ---- Merge problems ----

/// E_NO_PROJECT: a progress report for a project the ledger does not have.
pub fn no_project(name: &str, unit: &str) -> String {
    format!(
        "台账中没有{}这个项目（申报单位{}），请核对项目名称与立项书是否一致",
        super::quoted(name),
        super::quoted(unit)
    )
}

/// W_PERCENT_DOWN: the percentage fell since the previous period.
pub fn percent_down(now: impl Display, when: &str, before: impl Display) -> String {
    format!("本期完成进度 {now}% 低于上期（{when}）的 {before}%，请核实")
}

// ---- The 说明 sheet (item, text) ----

/// Item: the tool and its version.
pub const ABOUT_TOOL: &str = "工具";
/// Item: the ledger format version.
pub const ABOUT_FORMAT: &str = "台账格式版本";
/// Item: the policy.
pub const ABOUT_POLICY: &str = "政策";
/// Item: the last merge's time.
pub const ABOUT_MERGED_AT: &str = "最近合并时间";
/// Item: how many projects.
pub const ABOUT_PROJECTS: &str = "项目数";
/// Item: how many progress records.
pub const ABOUT_REPORTS: &str = "进度记录数";
/// Item: how statuses are reckoned.
pub const ABOUT_STATUS: &str = "状态口径";
/// Item: the note to the clerk.
pub const ABOUT_NOTE: &str = "说明";

/// The policy row's text: the preset's name and the year.
pub fn about_policy(preset: &str, year: impl Display) -> String {
    format!("{preset}，{year} 年度")
}

/// The 状态口径 row's text.
pub const ABOUT_STATUS_TEXT: &str =
    "按台账中最近一个报告期的月末计算；“滞后”指实际进度低于计划进度超过容差";
/// The 说明 row's text.
pub const ABOUT_NOTE_TEXT: &str = "本台账由 taizhang 生成和更新。可以在“备注”“重点项目”列填写，也可以增加列或工作表，合并时都会保留；请勿修改第1行的列标题。隐藏的“报送原值”表记录各单位最近一次报送的内容。";

// ---- Ledger errors and warnings ----

/// The ledger is no readable workbook.
pub fn unreadable(path: &str, reason: &str) -> String {
    format!("台账“{path}”无法读取：{reason}。台账未作任何改动；可用备份文件 {path}.bak 恢复")
}

/// A sheet the ledger needs is missing.
pub fn missing_sheet(path: &str, sheet: &str) -> String {
    format!("台账“{path}”缺少工作表“{sheet}”（可能被删除或改名），请恢复后再合并；台账未作任何改动")
}

/// A required column header is missing.
pub fn missing_header(path: &str, sheet: &str, header: &str) -> String {
    format!("台账“{path}”的工作表“{sheet}”缺少列“{header}”（第1行的列标题可能被删除或改名），请恢复后再合并；台账未作任何改动")
}

/// The same project ID twice.
pub fn duplicate_id(path: &str, id: &str, first: &str, second: &str) -> String {
    format!("台账“{path}”中项目编号“{id}”重复出现（{first} 和 {second}），请核对后再合并；台账未作任何改动")
}

/// Another merge holds the lock.
pub fn locked(path: &str) -> String {
    format!("台账“{path}”正在被另一个合并任务使用，请等它完成后再试")
}

/// Saving failed; the old ledger is intact.
pub fn write_failed(path: &str, reason: &str) -> String {
    format!("无法保存台账“{path}”：{reason}。原台账保持不变")
}

/// What a typed column's cell should hold: a date.
pub const KIND_DATE: &str = "日期";
/// … a number.
pub const KIND_NUMBER: &str = "数字";
/// … a year and month.
pub const KIND_MONTH: &str = "年月（如 2018-06）";

/// A cell whose value is not of its column's kind, kept as it is.
pub fn odd_cell(sheet: impl Display, cell: &str, header: &str, what: &str, text: &str) -> String {
    format!("{sheet}!{cell}：“{header}”应为{what}，现为“{text}”，已原样保留，请核对")
}

/// The backup copy failed.
pub fn no_backup(backup: impl Display, e: impl Display) -> String {
    format!("无法备份到“{backup}”：{e}")
}

/// The temporary file could not be written in the ledger's folder.
pub fn no_temp(dir: impl Display, e: impl Display) -> String {
    format!("无法在“{dir}”中写入临时文件：{e}")
}

/// Writing the temporary file failed.
pub fn write_error(e: impl Display) -> String {
    format!("写入失败：{e}")
}

/// Replacing the ledger failed: perhaps it is open.
pub fn replace_failed(e: impl Display) -> String {
    format!("{e}（如果台账正在 Excel 或 WPS 中打开，请先关闭）")
}

/// The lock file could not be made.
pub fn no_lock(e: impl Display) -> String {
    format!("无法创建锁文件：{e}")
}

// ---- Any file written (fsio) ----

/// Replacing a file failed: perhaps it is open.
pub fn file_replace_failed(path: impl Display, e: impl Display) -> String {
    format!("无法写入“{path}”：{e}（如果该文件正在 Excel 或 WPS 中打开，请先关闭）")
}

/// Writing a file failed.
pub fn file_write_failed(path: impl Display, e: impl Display) -> String {
    format!("无法写入“{path}”：{e}")
}

/// Why the ledger was written whole instead of updated in place: a sheet past Excel's row limit.
pub fn rewrite_too_long(sheet: &str) -> String {
    format!("工作表“{sheet}”超过 Excel 的行数上限，需要分成几张工作表")
}

/// Why the ledger was written whole: one of taizhang's sheets is not in it.
pub fn rewrite_missing_sheet(sheet: &str) -> String {
    format!("台账中缺少工作表“{sheet}”")
}

/// Why the ledger was written whole: a part of the file taizhang cannot take apart.
pub const REWRITE_UNREADABLE: &str = "台账文件中有 taizhang 无法逐项保留的内容";

/// The line after a merge that had to write the ledger whole (the clerk's formatting is gone
/// from the new file, kept in the backup).
pub fn rewritten(reason: &str, backup: Option<&std::path::Path>) -> String {
    let kept = match backup {
        Some(b) => format!("原来的台账（含格式）保存在“{}”", b.display()),
        None => "原来的台账没有备份".to_owned(),
    };
    format!("注意：{reason}，台账已按标准格式重新生成，您在台账中设置的格式（颜色、列宽、批注等）未能保留；{kept}。")
}

/// 审核状态 of a new project, before the clerk decides.
pub const APPROVAL_PENDING: &str = "待审核";
/// 审核状态: approved; only such projects are chased, counted and scored (policy `approval`).
pub const APPROVAL_APPROVED: &str = "已批复";
/// 审核状态: not approved.
pub const APPROVAL_REJECTED: &str = "不予立项";
/// 审核状态: returned to the unit for changes.
pub const APPROVAL_RETURNED: &str = "退回修改";
/// Every 审核状态, in the order of the ledger's drop-down.
pub const APPROVAL_STATES: [&str; 4] = [
    APPROVAL_PENDING,
    APPROVAL_APPROVED,
    APPROVAL_REJECTED,
    APPROVAL_RETURNED,
];
/// 来源文件 of the 变更记录 row of an extension granted (`approve --deadline`).
pub const EXTENSION_SOURCE: &str = "taizhang approve（批准延期）";
/// `approve --deadline` with `--all`: an extension is granted project by project.
pub const EXTENSION_NEEDS_IDS: &str =
    "批准延期要逐个写出项目编号，不能与 --all 一起使用。台账未作任何改动";
/// `approve --deadline` done.
pub fn extended(changed: usize, deadline: &str) -> String {
    format!("已将 {changed} 个项目的完成时间改为 {deadline}（记入变更记录）")
}
/// The heading of the pending extension requests (after a merge, in `status`).
pub fn extensions_pending(n: usize) -> String {
    format!("{n} 个项目申请延期，等待审核（同意后状态按新的完成时间计算）：")
}
/// One pending request, with the command that grants it.
pub fn extension_line(r: &crate::ledger::extension::Request, ledger: &std::path::Path) -> String {
    let deadline = r.deadline.map(|d| d.to_string()).unwrap_or_default();
    format!(
        "  {} {} {}：{} 报告申请延期至 {}（原完成时间 {deadline}）。同意：taizhang approve {} --deadline {} --ledger \"{}\"",
        r.id,
        r.unit,
        crate::say::quoted(&r.name),
        r.period,
        r.asked,
        r.id,
        r.asked,
        ledger.display()
    )
}
/// 来源文件 of a 变更记录 row written by `taizhang approve`.
pub const APPROVAL_SOURCE: &str = "taizhang approve（办事员审核）";

/// `approve` done: how many projects changed.
pub fn approved(changed: usize, unchanged: usize, state: &str) -> String {
    if unchanged == 0 {
        format!("已将 {changed} 个项目的审核状态设为“{state}”")
    } else {
        format!("已将 {changed} 个项目的审核状态设为“{state}”，{unchanged} 个原已是“{state}”")
    }
}

/// `approve` refused: IDs not in the ledger (nothing is changed).
pub fn approve_unknown(ids: &str) -> String {
    format!("台账中没有这些项目编号：{ids}。台账未作任何改动")
}

/// `approve` refused: a state that is none of the four.
pub fn approve_bad_state(state: &str) -> String {
    format!("审核状态只能是 待审核、已批复、不予立项、退回修改 之一，不能是“{state}”")
}

/// `approve` with nothing to do: no IDs and no `--all`.
pub const APPROVE_NOTHING: &str = "请给出要审核的项目编号，或用 --all 审核全部“待审核”的项目";

/// 验收结果: accepted.
pub const ACCEPTANCE_PASSED: &str = "通过";
/// 验收结果: not accepted.
pub const ACCEPTANCE_FAILED: &str = "不通过";
/// 验收结果: to be put right and checked again.
pub const ACCEPTANCE_REWORK: &str = "整改";
/// Every 验收结果, in the order of the ledger's drop-down.
pub const ACCEPTANCE_STATES: [&str; 3] = [ACCEPTANCE_PASSED, ACCEPTANCE_REWORK, ACCEPTANCE_FAILED];
/// The drop-down's refusal in 验收结果.
pub const ACCEPTANCE_CHOOSE: &str = "请从列表中选择：通过、整改、不通过";
/// 来源文件 of a 变更记录 row written by `taizhang accept`.
pub const ACCEPTANCE_SOURCE: &str = "taizhang accept（验收）";
/// `accept` refused: a result that is none of the three.
pub fn accept_bad_state(state: &str) -> String {
    format!("验收结果只能是 通过、整改、不通过 之一，不能是“{state}”。台账未作任何改动")
}
/// `accept` done.
pub fn accepted(changed: usize, state: &str) -> String {
    format!("已将 {changed} 个项目的验收结果记为“{state}”（记入变更记录）")
}
/// The title of the drop-down's refusal in 审核状态.
pub const APPROVAL_HEADER: &str = "审核状态";
/// The drop-down's refusal in 审核状态 when something else is typed.
pub const APPROVAL_CHOOSE: &str = "请从列表中选择：待审核、已批复、不予立项、退回修改";

/// `rollover` refused: the new ledger's file is already there (it is never overwritten).
pub fn rollover_exists(out: &std::path::Path) -> String {
    format!(
        "“{}”已存在，未作任何改动。新年度的台账要写到一个新文件，请换一个文件名，或先把这个文件移走",
        out.display()
    )
}
/// 字段 of the 变更记录 row that says a project was carried into the new year's ledger.
pub const ROLLOVER_FIELD: &str = "年度结转";
/// 来源文件 of that row.
pub const ROLLOVER_SOURCE: &str = "taizhang rollover（年度结转）";
/// `2019年度台账`.
pub fn year_ledger(year: &str) -> String {
    format!("{year}年度台账")
}

/// `rollover` done: what was carried and what was left in the old ledger.
pub fn rolled(
    out: &std::path::Path,
    year: i32,
    carried: usize,
    finished: usize,
    not_approved: usize,
) -> String {
    format!(
        "已建立{year}年度台账“{}”：结转未完成的已批复项目 {carried} 个（编号、进度记录和您加的列都保留）；\
         已完成的 {finished} 个、未批复的 {not_approved} 个留在原台账中",
        out.display()
    )
}

/// After `rollover`: sheets the clerk added stay in the old ledger.
pub fn rollover_other_sheets(names: &str) -> String {
    format!("您在原台账中自建的工作表（{names}）没有带入新台账，仍在原台账中")
}

/// After `rollover`: the policy file's year must follow.
pub fn rollover_policy_year(year: i32, policy_year: i32) -> String {
    format!(
        "请把政策文件 taizhang.toml 中的 year = {policy_year} 改为 year = {year}，之后的检查和合并才按{year}年度进行"
    )
}

/// A quarter as messages name it: `2018年第二季度`.
pub fn quarter(year: i32, q: u32) -> String {
    const NAMES: [&str; 4] = ["一", "二", "三", "四"];
    let name = NAMES
        .get(q.saturating_sub(1) as usize)
        .copied()
        .unwrap_or("");
    format!("{year}年第{name}季度")
}

/// One more part of a file in its 来源文件 row (`谢家集区委-三个项目.xlsx › 项目一、项目二`), or
/// one more project ID beside the first.
pub fn with_part(listed: &str, part: &str) -> String {
    format!("{listed}、{part}")
}
