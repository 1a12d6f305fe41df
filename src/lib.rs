//! taizhang (台账): reads the Excel forms units send to an Organisation Department, checks every
//! field with reasons a clerk can paste into a reply, and keeps the master ledger.
//!
//! Data flows one way, each layer using only those before it:
//!
//! 1. base: [`model`] (the one cell [`model::Value`], the catalogue of fields and columns),
//!    [`text`], [`policy`], and [`say`] (every Chinese word the product says);
//! 2. [`read`]: workbook → grid of cells with addresses;
//! 3. [`form`]: labels → raw fields, score tables → raw scores (found, not judged);
//! 4. [`rules`]: typed records and problems, under a [`policy::Policy`];
//! 5. [`input`] and [`intake`] (files, mails, archives → inputs) → [`batch`] (many inputs, one
//!    result each);
//! 6. [`xlsx`]: the one kit for writing workbooks (styles, Chinese widths, tables, print setup);
//! 7. [`ledger`]: the master ledger, its merge, quotas and monthly status, as typed data;
//! 8. [`write`](mod@write) (check report, replies, status workbook, templates) and [`rank`] (year end),
//!    rendering typed results with [`xlsx`].
//!
//! `serve` is the local web page over the same library.
//! Every file written goes through [`fsio`]; [`guard`] marks the parser panics that are broken
//! inputs, not bugs. The page's server is the cargo feature `serve`, on by default.
#![warn(missing_docs)]

pub mod batch;
pub mod form;
pub mod fsio;
pub mod guard;
pub mod input;
pub mod intake;
pub mod ledger;
pub mod model;
pub mod policy;
pub mod rank;
pub mod read;
pub mod rules;
pub mod say;
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
pub mod xlsx;
