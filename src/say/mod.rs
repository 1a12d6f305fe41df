//! Say: the product's words. Every Chinese text a clerk reads — problem messages, sheet names,
//! titles and headers of the workbooks, status and action labels, letters, command-line and page
//! messages — lives in this module, by area, so a reviewer reads taizhang's whole language in
//! one place. The ledger's own headers are the catalogue's ([`crate::model::column`]); the label
//! synonyms units use are data ([`crate::model::field`], [`crate::form::labels`]).
//!
//! Code elsewhere calls these functions and constants; it spells no sentence itself.

pub mod charter;
pub mod cli;
pub mod ledger;
pub mod letters;
pub mod materials;
pub mod notices;
#[cfg(feature = "serve")]
pub mod page;
pub mod policy;
pub mod problems;
pub mod reading;
pub mod report;
pub mod safety;
pub mod sheets;
pub mod status;
pub mod templates;
pub mod undo;
pub mod year_end;
pub mod year_report;

use crate::policy::Preset;

/// What a preset's projects are called in titles and letters: 基层党建创新项目 or
/// 基层党建“书记项目”. Said once, here.
pub const fn project_kind(preset: Preset) -> &'static str {
    match preset {
        Preset::Innovation => "基层党建创新项目",
        Preset::Secretary => "基层党建“书记项目”",
    }
}

/// A name in quotation marks as Chinese writing has it: “…”, with quotation marks inside the name
/// turned to ‘…’ (never “““双带头人”工程”).
pub fn quoted(s: &str) -> String {
    let inner: String = s
        .chars()
        .map(|c| match c {
            '“' => '‘',
            '”' => '’',
            c => c,
        })
        .collect();
    format!("“{inner}”")
}

/// The preset as the 说明 sheet and messages name it: its key and its projects.
pub fn preset_name(preset: Preset) -> String {
    let key = match preset {
        Preset::Innovation => "innovation",
        Preset::Secretary => "secretary",
    };
    format!("{key}（{}）", project_kind(preset))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_quoted_name_never_doubles_its_quotation_marks() {
        assert_eq!(super::quoted("“双带头人”培育工程"), "“‘双带头人’培育工程”");
        assert_eq!(super::quoted("红色网格"), "“红色网格”");
    }
}
