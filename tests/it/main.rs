//! The integration tests, in one binary (one link, one run), a module per area as ripgrep's
//! `tests/tests.rs` does. Run one area with `cargo test --test it fuzz::`, one test by a part
//! of its name.
//!
//! - `check`: `taizhang check` end to end on real xlsx files.
//! - `cli`: help pages and argument errors in Chinese, exit codes 0 and 2.
//! - `closing`: the 结项报告 / 自查考评表 read, merged onto its project's row once, a resend logged.
//! - `college`: the college sample (secretary preset) against its README, and its whole year.
//! - `fuzz`: property tests of the reader, the form extractor, the rules and mail/zip intake.
//! - `hostile`: broken, encrypted and malicious files.
//! - `mail`: mails and zips, reply notices.
//! - `materials`: 佐证材料 recorded with their project, copied, and asked for in the status.
//! - `merge`: the ledger: merging, corrections, change log, round trips, locks.
//! - `rank`: score sheets, ranking and exemplary projects.
//! - `office`: the ledger edited in LibreOffice Calc between two merges (tests/office/*.py).
//! - `resend`: a flawed form superseded by its corrected resend; `check --ledger`.
//! - `print`: the ledger, status, report and ranking printed to PDF by LibreOffice: A4, one
//!   page wide, readable.
//! - `package`: `--version` and `taizhang desktop`, as the installed program is started.
//! - `safety`: the ledger kept safe: deleted rows, open ledgers, backups, kills, a full disk.
//! - `samples`: the bundled samples against `samples/README.md`.
//! - `serve`: the local web page over HTTP, and in headless Chromium (`serve::browser`).
//! - `status`: the monthly status workbook and exports.
//! - `templates`: `init`'s templates against the committed `templates/`, part by part.
//! - `undo`: `taizhang undo`, the ledger back to the version before the last merge.
//! - `word`: Word documents: the Word templates filled in by label and checked.
//! - `common`: shared helpers (forms written with rust_xlsxwriter, the binary run on them).

mod common;

mod approve;
mod check;
mod cli;
mod closing;
mod college;
mod fuzz;
mod hostile;
mod lifecycle;
mod mail;
mod materials;
mod merge;
mod multiform;
mod office;
mod package;
mod print;
mod rank;
mod resend;
mod safety;
mod samples;
mod serve;
mod status;
mod templates;
mod undo;
mod word;
