//! taizhang (台账): reads the Excel forms units send to an Organisation Department, checks every
//! field with reasons a clerk can paste into a reply, and keeps the master ledger.
//!
//! Data flows one way: [`read`] (workbook → grid of cells with addresses) → [`form`] (labels →
//! raw fields) → [`rules`] (typed records and problems, under a [`policy::Policy`]) → [`batch`]
//! (many files, one result each) → [`write`](mod@write) (workbooks for the clerk). `serve` is the local
//! web page over the same library (cargo feature `serve`, on by default). Every file written
//! goes through [`fsio`]; [`guard`] marks the parser panics that are broken inputs, not bugs.
#![warn(missing_docs)]

pub mod batch;
pub mod form;
pub mod fsio;
pub mod guard;
pub mod intake;
pub mod ledger;
pub mod model;
pub mod policy;
pub mod rank;
pub mod read;
pub mod rules;
#[cfg(feature = "serve")]
pub mod serve;
pub mod text;
pub mod write;

/// The version, as in Cargo.toml.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
/// The build date (YYYY-MM-DD, UTC): from `SOURCE_DATE_EPOCH` when the build set it, else the day
/// of the build (see `build.rs`).
pub const BUILD_DATE: &str = env!("TAIZHANG_BUILD_DATE");
/// What `taizhang --version` prints after the program's name, and the page shows.
pub const VERSION_TEXT: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    "（构建日期 ",
    env!("TAIZHANG_BUILD_DATE"),
    "）"
);
#[cfg(test)]
mod testkit;
