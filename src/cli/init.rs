//! `taizhang init`: sets up a working folder for a year's projects.
//!
//! Writes the policy (`taizhang.toml`, the preset's commented text with the year adjusted), the
//! blank forms to email to units (`templates/立项书.xlsx`, `templates/进度报告.xlsx`, the year-end
//! `templates/结项报告.xlsx`, and their Word versions `立项书.docx`, `进度报告.docx`,
//! `结项报告.docx` for units that fill forms in Word) and an empty `inbox/` for the attachments
//! that come back. Nothing existing is overwritten without `--force`.

use std::fs;
use std::path::{Path, PathBuf};

use taizhang::policy::{Policy, PolicyError, INNOVATION_TOML, SECRETARY_TOML};
use taizhang::write::template::{
    closing_docx, closing_template, progress_docx, progress_template, proposal_docx,
    proposal_template, WordError,
};

use super::exit::Exit;
use super::CliError;

/// Arguments of `taizhang init`.
#[derive(clap::Args, Debug)]
pub struct InitArgs {
    /// 要创建的工作目录（默认为当前目录）。目录不存在时会自动创建。
    #[arg(value_name = "目录", default_value = ".")]
    pub dir: PathBuf,

    /// 采用哪套规则：innovation（基层党建创新项目，按市委组织部通知）或 secretary（基层党建“书记项目”）。
    #[arg(long, value_name = "预设", default_value = "innovation")]
    pub preset: String,

    /// 项目年度，如 2019。不填则用预设中的年度；填写后政策文件和空白表格中的年度、报送截止日期随之调整。
    #[arg(long, value_name = "年度")]
    pub year: Option<i32>,

    /// 目录中已有 taizhang.toml 或空白表格时，仍然覆盖它们（原文件不保留，请先备份）。
    #[arg(long)]
    pub force: bool,
}

/// Why `init` could not set up the folder (exit 2), in the clerk's words.
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    /// `--year` outside the years a policy can have.
    #[error("{}", taizhang::say::cli::bad_year(.0))]
    BadYear(i32),
    /// A preset text without its `year = ` line (a bug in the preset).
    #[error("{}", taizhang::say::cli::PRESET_WITHOUT_YEAR)]
    PresetWithoutYear,
    /// The policy or a template is already there and `--force` was not given.
    #[error("{}", taizhang::say::cli::workspace_exists(.0))]
    Exists(String),
    /// A folder could not be made.
    #[error("{}", taizhang::say::cli::cannot_make_folder(.path.display(), .source))]
    CreateDir {
        /// The folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// Runs `init`: 0 when the folder is ready; the error when it could not be done (unknown
/// preset, bad year, files already there, a write failing).
pub fn run(args: InitArgs) -> Result<Exit, CliError> {
    let preset_text = match args.preset.as_str() {
        "innovation" => INNOVATION_TOML,
        "secretary" => SECRETARY_TOML,
        other => return Err(PolicyError::UnknownPreset(other.to_owned()).into()),
    };
    let toml_text = match args.year {
        Some(year) => with_year(preset_text, year)?,
        None => preset_text.to_owned(),
    };
    let policy = Policy::from_toml(&toml_text, "taizhang.toml")?;
    let proposal =
        proposal_template(&policy).map_err(CliError::build(taizhang::say::cli::BLANK_PROPOSAL))?;
    let progress =
        progress_template(&policy).map_err(CliError::build(taizhang::say::cli::BLANK_PROGRESS))?;
    let word = |e: WordError| rust_xlsxwriter::XlsxError::CustomError(e.to_string());
    let proposal_docx = proposal_docx(&policy)
        .map_err(word)
        .map_err(CliError::build(taizhang::say::cli::BLANK_PROPOSAL))?;
    let progress_docx = progress_docx(&policy)
        .map_err(word)
        .map_err(CliError::build(taizhang::say::cli::BLANK_PROGRESS))?;
    let closing =
        closing_template(&policy).map_err(CliError::build(taizhang::say::cli::BLANK_CLOSING))?;
    let closing_docx = closing_docx(&policy)
        .map_err(word)
        .map_err(CliError::build(taizhang::say::cli::BLANK_CLOSING))?;

    let charter = taizhang::write::charter::template(&policy)?;
    let dir = &args.dir;
    let files: [(PathBuf, &[u8]); 8] = [
        (dir.join("taizhang.toml"), toml_text.as_bytes()),
        (
            dir.join("templates")
                .join(taizhang::say::cli::PROPOSAL_FILE),
            &proposal,
        ),
        (
            dir.join("templates")
                .join(taizhang::say::cli::PROGRESS_FILE),
            &progress,
        ),
        (
            dir.join("templates")
                .join(taizhang::say::cli::PROPOSAL_DOCX),
            &proposal_docx,
        ),
        (
            dir.join("templates")
                .join(taizhang::say::cli::PROGRESS_DOCX),
            &progress_docx,
        ),
        (
            dir.join("templates").join(taizhang::say::cli::CLOSING_FILE),
            &closing,
        ),
        (
            dir.join("templates").join(taizhang::say::cli::CLOSING_DOCX),
            &closing_docx,
        ),
        (
            dir.join("templates")
                .join(taizhang::say::charter::TEMPLATE_FILE),
            &charter,
        ),
    ];
    if !args.force {
        let existing: Vec<String> = files
            .iter()
            .filter(|(path, _)| path.exists())
            .map(|(path, _)| path.display().to_string())
            .collect();
        if !existing.is_empty() {
            return Err(InitError::Exists(existing.join("、")).into());
        }
    }
    for sub in [dir.join("templates"), dir.join("inbox")] {
        fs::create_dir_all(&sub).map_err(|source| InitError::CreateDir { path: sub, source })?;
    }
    for (path, bytes) in &files {
        taizhang::fsio::write(path, bytes)?;
    }
    print_summary(dir, &policy);
    Ok(Exit::Ok)
}

/// The preset text for another year: the `year = ` line, and the year of every date on a
/// `submission_deadline` line (commented or not) and of the `（如 2018-001）` example.
fn with_year(text: &str, year: i32) -> Result<String, InitError> {
    if !(2000..=2100).contains(&year) {
        return Err(InitError::BadYear(year));
    }
    let old = text
        .lines()
        .find_map(|line| line.strip_prefix("year = "))
        .and_then(|v| v.trim().parse::<i32>().ok())
        .ok_or(InitError::PresetWithoutYear)?;
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        let new = if body.starts_with("year = ") {
            format!("year = {year}")
        } else if body.contains("submission_deadline = ") || body.contains(&format!("{old}-001")) {
            body.replace(&format!("{old}-"), &format!("{year}-"))
        } else {
            body.to_owned()
        };
        out.push_str(&new);
        out.push_str(end);
    }
    Ok(out)
}

fn print_summary(dir: &Path, policy: &Policy) {
    let kind = taizhang::say::project_kind(policy.preset);
    println!(
        "{}",
        taizhang::say::cli::workspace_made(dir.display(), kind, policy.year)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_moves_deadline_and_examples() {
        let text = with_year(INNOVATION_TOML, 2019).unwrap();
        assert!(text.contains("\nyear = 2019\n"));
        assert!(text.contains("submission_deadline = 2019-04-04"));
        assert!(text.contains("2019-001"));
        let policy = Policy::from_toml(&text, "t").unwrap();
        assert_eq!(policy.year, 2019);
        let text = with_year(SECRETARY_TOML, 2020).unwrap();
        assert!(text.contains("# submission_deadline = 2020-03-31"));
        assert!(with_year(SECRETARY_TOML, 1999).is_err());
    }
}
