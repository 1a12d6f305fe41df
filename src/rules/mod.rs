//! Rules: raw form fields → typed records and problems, under a policy. Score sheets arrive
//! already located by [`crate::form::scores`]; [`scores`] only judges them.

pub mod problem;

pub use problem::{Code, Problem, Severity};
pub mod closing;
mod fields;
pub mod progress;
pub mod proposal;
pub mod record;
pub mod scores;

pub use record::{Closing, Milestone, Progress, Proposal, Record};
pub mod cross;
pub mod missing;
pub mod units;

#[cfg(test)]
mod tests_cross;
#[cfg(test)]
mod tests_proposal;
