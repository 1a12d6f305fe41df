//! Write: the workbooks taizhang hands the clerk (check report, replies, monthly status, blank
//! templates), rendered from typed results with the kit of [`crate::xlsx`].

/// The styles moved to [`crate::xlsx::style`]; this path stays for callers outside the library
/// layers (`cli::export`) until they are switched.
pub use crate::xlsx::style;

pub mod charter;
pub mod notice;
pub mod reply;
pub mod report;
pub mod spot;
pub mod status;
pub mod template;
mod template_style;
