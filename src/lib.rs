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
