//! The whole year-end run, as the command line and the web page both make it: read the score
//! sheets, rank, pick the exemplary projects, and build both workbooks.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::{input, report::YearEnd};
use crate::ledger::Ledger;
use crate::policy::Policy;
use crate::read::Limits;
use crate::rules::Severity;
use crate::say::year_end as say;

/// What a year-end run made.
#[derive(Debug)]
pub struct YearEndBooks {
    /// 年度综合排名.xlsx.
    pub ranking: Vec<u8>,
    /// 示范项目.xlsx.
    pub exemplary: Vec<u8>,
    /// The year's 通报 draft (.docx).
    pub notice: Vec<u8>,
    /// The exemplary projects, `名称（单位）`.
    pub chosen: Vec<String>,
    /// Why fewer (or more) projects than the policy asks were chosen, if so.
    pub warning: Option<String>,
    /// One line per score file with its problems, then the ranking's summary (what `rank` prints).
    pub text: String,
    /// Some score file had an error.
    pub errors: bool,
}

/// Why no ranking could be made at all, in the clerk's words (exit 2 on the command line, a
/// message on the page).
#[derive(Debug, thiserror::Error)]
pub enum YearEndError {
    /// The policy has no rubric to score against.
    #[error("{}", say::NO_RUBRIC)]
    NoRubric,
    /// No score sheet was found among the files given.
    #[error("{}", say::NO_SCORE_SHEETS)]
    NoScoreSheets,
    /// The ranking workbook could not be built.
    #[error("{}", say::ranking_failed(.0))]
    Ranking(#[source] rust_xlsxwriter::XlsxError),
    /// The exemplary projects' workbook could not be built.
    #[error("{}", say::exemplary_failed(.0))]
    Exemplary(#[source] rust_xlsxwriter::XlsxError),
    /// The 通报 document could not be built.
    #[error("{}", say::notice_failed(.0))]
    Notice(String),
}

/// Ranks the ledger's projects from the score sheets at `score_files`. Errors are why no ranking
/// could be made at all (no rubric, no score sheet), in the clerk's words.
pub fn year_end(
    ledger: &Ledger,
    score_files: &[PathBuf],
    policy: &Policy,
    limits: &Limits,
    date: NaiveDate,
) -> Result<YearEndBooks, YearEndError> {
    if policy.rubric.is_empty() {
        return Err(YearEndError::NoRubric);
    }
    let projects = super::projects(ledger, policy);
    let later = super::later_projects(ledger, policy);
    let mut files = input::read_files(score_files, policy, limits);
    if !files.iter().any(|f| f.read) {
        return Err(YearEndError::NoScoreSheets);
    }
    let entries = input::entries(&mut files, &projects, policy);
    let ranking = super::rank(&projects, &entries, policy);
    let y = YearEnd {
        projects: &projects,
        entries: &entries,
        files: &files,
        ranking: &ranking,
        policy,
        date,
        later: &later,
    };
    let ranking_book = super::report::ranking_workbook(&y).map_err(YearEndError::Ranking)?;
    let selection = super::select(&projects, &ranking, policy);
    let chosen = selection
        .chosen
        .iter()
        .filter_map(|&i| ranking.scores.get(i))
        .filter_map(|s| projects.get(s.project))
        .map(|p| say::chosen(&p.name, &p.unit))
        .collect();
    let exemplary =
        super::publish::exemplary_workbook(&y, &selection).map_err(YearEndError::Exemplary)?;
    let notice =
        super::notice::year_report(ledger, &y, &selection).map_err(YearEndError::Notice)?;
    Ok(YearEndBooks {
        ranking: ranking_book,
        exemplary,
        notice,
        chosen,
        warning: selection.warning.clone(),
        text: render(&y),
        errors: files.iter().any(|f| f.count(Severity::Error) > 0),
    })
}

/// One line per score file (its problems below it), then the ranking's summary.
fn render(y: &YearEnd<'_>) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    for f in y.files {
        let what = if !f.read {
            say::NOT_A_TABLE.to_owned()
        } else if f.sheets.is_empty() {
            say::UNREADABLE.to_owned()
        } else {
            f.sheets
                .iter()
                .map(|s| {
                    say::sheet_read(
                        s.reviewer.as_deref().unwrap_or(say::NO_REVIEWER),
                        s.rows.len(),
                    )
                })
                .collect::<Vec<_>>()
                .join("；")
        };
        let _ = writeln!(out, "{}", say::file_line(&f.path, &what));
        for p in &f.problems {
            let _ = writeln!(out, "    {p}");
        }
    }
    let scores = &y.ranking.scores;
    let ranked = scores.iter().filter(|s| s.rank.is_some()).count();
    let reviewers = input::reviewers(y.entries).len();
    let _ = writeln!(out, "{}", say::summary(scores.len(), ranked, reviewers));
    for s in scores.iter().filter(|s| s.rank.is_some()).take(10) {
        if let (Some(p), Some(r), Some(t)) = (y.projects.get(s.project), s.rank, s.total) {
            let _ = writeln!(out, "{}", say::top_line(r, t, &p.id, &p.unit, &p.name));
        }
    }
    out
}
