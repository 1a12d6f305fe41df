//! The model: what taizhang knows about cells, form fields and ledger columns, in one place.
//!
//! Every other module reads these tables instead of spelling labels, keys and headers itself, so
//! adding a field is one line in [`field`] and the compiler finds every place that must say
//! something about it.

pub mod value;
pub mod values;

pub use value::Value;
pub mod column;
pub mod field;

pub use column::{Column, Feature, Sheet};
pub use field::{Field, Scope};
