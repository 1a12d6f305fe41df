//! The words of the table-writing kit ([`crate::xlsx`]) that every workbook shares: the font, the
//! page footer, the 说明 table and the mark of a cut text.

/// The body font: Excel and WPS on Chinese Windows both have it.
pub const FONT: &str = "宋体";

/// Every printed page's footer, `第 1 页，共 3 页` (Excel's header/footer codes).
pub const FOOTER: &str = "&C第 &P 页，共 &N 页";

/// The 说明 table's headers: term and explanation.
pub const NOTES_HEADERS: &[&str] = &["项目", "内容"];

/// The 说明 table's last term, before the tool's name and version.
pub const TOOL: &str = "生成工具";

/// The mark that ends a text cut at Excel's cell limit.
pub const CUT: &str = "…（超长内容已截断）";
