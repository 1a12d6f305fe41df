//! Ledger: the master ledger (管理台账) — the clerk's workbook and taizhang's store (SPEC §6).

pub mod merge;
pub mod run;
pub mod schedule;
pub mod status;
pub mod store;
pub mod table;

pub use store::{Ledger, LedgerError, Lock};
pub use table::Table;

#[cfg(test)]
mod tests_merge;
