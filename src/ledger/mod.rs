//! Ledger: the master ledger (管理台账) — the clerk's workbook and taizhang's store (SPEC §6).
//!
//! It produces typed data — project [`schedule::Status`], [`quota::QuotaVerdict`], the
//! [`status::MonthlyStatus`] — that `write` and `rank` render; its own sheets are written with
//! the kit of [`crate::xlsx`], never with a `write` item.

pub mod approve;
mod derived;
pub mod extension;
pub mod materials;
pub mod merge;
pub mod quota;
pub mod rollover;
pub mod run;
mod safety;
pub mod schedule;
pub mod sent;
mod sheets;
pub mod spot;
pub mod status;
pub mod store;
pub mod table;
pub mod undo;

pub use store::{Ledger, LedgerError, Lock};
pub use table::Table;
pub use undo::{undo, UndoOutcome};

#[cfg(test)]
mod tests_merge;
#[cfg(test)]
mod tests_patch;
