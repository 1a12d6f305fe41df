//! Write: the workbooks taizhang hands the clerk, and the styles they share.

pub mod reply;
pub mod report;
pub mod status;
pub mod style;
pub mod template;
mod template_style;
