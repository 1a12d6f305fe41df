//! The words of the monthly status workbook (月度进度汇总, [`crate::write::status`]): sheet
//! names, titles, headers and the 说明 sheet.

use crate::model::Column as C;

// ---- Sheet names ----

/// Sheet of every project's progress.
pub const OVERVIEW: &str = "进度总览";
/// Sheet of the projects to chase, printed and sent.
pub const CHASE: &str = "督办清单";
/// Sheet of counts and quota by unit.
pub const UNITS: &str = "单位汇总";
/// Sheet of the status chart.
pub const CHART: &str = "图表";
/// Sheet explaining the workbook.
pub const ABOUT: &str = "说明";

// ---- Headers ----

/// 进度总览's first text headers.
pub const OVERVIEW_TEXT: &[&str] = &[
    C::ProjectId.header(),
    C::Unit.header(),
    C::Name.header(),
    CATEGORY,
    C::Owner.header(),
];
/// 进度总览's short header of 项目类别 (shown only where the policy has categories).
pub const CATEGORY: &str = "类别";
/// 进度总览: header of the expected progress.
pub const EXPECTED: &str = "计划进度";
/// 进度总览: header of the reported progress.
pub const ACTUAL: &str = "实际进度";
/// 进度总览: header of the gap in points.
pub const GAP: &str = "差距（百分点）";
/// 进度总览's text headers after the gap.
pub const OVERVIEW_TAIL: &[&str] = &[C::LatestPeriod.header(), "报送情况", C::Status.header()];
/// Header of the reasons to chase a project.
pub const REASONS: &str = "督办事由";
/// 督办清单's headers.
pub const CHASE_HEADERS: &[&str] = &[
    "序号",
    C::Unit.header(),
    C::ProjectId.header(),
    C::Name.header(),
    C::Owner.header(),
    C::OwnerTitle.header(),
    C::Phone.header(),
    "单位联系人",
    REASONS,
];
/// 单位汇总's leading headers.
pub const UNIT_HEAD: &[&str] = &[C::Unit.header(), C::UnitType.header()];
/// 单位汇总: the count of projects; also the chart's value axis.
pub const PROJECTS: &str = C::ProjectCount.header();
/// 单位汇总: the count of projects not reported.
pub const MISSING: &str = "未报送";
/// 单位汇总's trailing headers.
pub const UNIT_TAIL: &[&str] = &[
    C::Quota.header(),
    C::QuotaMet.header(),
    "联系人",
    "联系邮箱",
];
/// 单位汇总's totals row.
pub const TOTAL: &str = "合计";

// ---- Titles ----

/// The workbook's document title.
pub fn book_title(month: &str, kind: &str) -> String {
    format!("{month} {kind}进度汇总")
}

/// 进度总览's heading.
pub fn overview_heading(organisation: &str, kind: &str, as_of: &str, month: &str) -> String {
    format!("{organisation}{kind}进度总览（截至 {as_of}，应报 {month}进度报告）")
}

/// 督办清单's heading.
pub fn chase_heading(month: &str, kind: &str, as_of: &str, count: usize) -> String {
    format!("{month} {kind}督办清单（截至 {as_of}，共 {count} 个项目）")
}

/// 督办清单's note when nothing is to chase.
pub fn nothing_to_chase(month: &str) -> String {
    format!("{month}没有需要督办的项目。")
}

/// 单位汇总's heading.
pub fn units_heading(month: &str, as_of: &str) -> String {
    format!("{month} 各单位项目进展与配额（截至 {as_of}）")
}

/// 图表's note for an empty ledger.
pub const NO_CHART: &str = "台账中还没有项目，无法绘制图表。";

/// The chart's title.
pub fn chart_title(as_of: &str) -> String {
    format!("各单位项目状态（截至 {as_of}）")
}

// ---- 说明 ----

/// The 说明 sheet's rows: term and explanation.
pub fn about(as_of: &str, month: &str, tolerance: &str) -> [(&'static str, String); 9] {
    [
        ("截至日期", as_of.to_string()),
        (
            "应报月份",
            format!("{month}（到截至日期为止已经结束的最后一个月份）"),
        ),
        (
            EXPECTED,
            "按开始时间（0%）到完成时间（100%）线性计算；立项书有进度安排的，按各阶段平均计算"
                .to_owned(),
        ),
        (
            "滞后",
            format!("实际进度低于计划进度超过 {tolerance} 个百分点，或单位自报“滞后”"),
        ),
        ("逾期", "已过完成时间而进度未到 100%".to_owned()),
        (
            MISSING,
            format!("项目已开始、尚未完成，且没有 {month} 或之后的进度报告"),
        ),
        ("已立项", "尚无进度报告".to_owned()),
        (
            "差距",
            "计划进度减实际进度，正数表示落后，负数表示超前".to_owned(),
        ),
        (
            "颜色",
            "红色：逾期；黄色：滞后；橙色：未报送；绿色：已完成".to_owned(),
        ),
    ]
}

/// The sheet of the clerk's 重点项目.
pub const KEY: &str = "重点项目";
/// Its heading.
pub fn key_heading(kind: &str, as_of: &str, month: &str) -> String {
    format!("重点{kind}推进情况（截至 {as_of}，应报 {month}进度报告）")
}
/// The status command's line over the 重点项目.
pub fn key_count(n: usize) -> String {
    format!("重点项目 {n} 个（详见汇总表“重点项目”工作表）：")
}
