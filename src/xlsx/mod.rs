//! Xlsx: the one kit every workbook writer uses, below [`crate::ledger`], [`crate::write`] and
//! [`crate::rank`] so data flows one way.
//!
//! [`style`] holds the font, formats, fills and Chinese column widths; [`table`] writes a table
//! of [`crate::model::Value`]s typed by column (frozen header, filter, wrapped long text, real
//! dates, never a formula from user text); [`page`] titles a sheet and sets it up to print.

pub mod page;
pub mod patch;
pub mod style;
pub mod table;

pub use page::{title, workbook, Fit, Print};
pub use table::{Column, Kind, Look, Row, Table, TableRow, Width};
