//! The workspace `taizhang serve` works in, and the safe names uploads are saved under.
//!
//! Layout (the same folder `taizhang init` makes):
//!
//! ```text
//! DIR/taizhang.toml        the policy (absent: the innovation preset, as for the commands)
//! DIR/inbox/2018-05/…      the month's attachments, saved by the page under safe names
//! DIR/台账.xlsx            the master ledger (created by the first merge)
//! DIR/输出/…               a copy of every workbook the page hands out (校验报告, 月度汇总)
//! ```
//!
//! An uploaded file's name comes from a browser and is only a name: [`safe_name`] keeps its last
//! part, drops what Windows or a shell would read as anything but text, and the file is written
//! into the month's inbox and nowhere else.

use std::path::{Path, PathBuf};

use crate::batch::{self, Input, InputError};
use crate::policy::{Policy, PolicyError};

/// The ledger's file name in a workspace.
pub const LEDGER: &str = crate::say::page::LEDGER_FILE;
/// The folder the monthly attachments are saved under.
pub const INBOX: &str = "inbox";
/// The folder copies of generated workbooks are written to.
pub const OUTPUT: &str = crate::say::page::OUTPUT_DIR;
/// A folder of score sheets the clerk may keep apart from the inbox.
pub const SCORES: &str = crate::say::page::SCORES_DIR;
/// Longest saved name, in characters (Windows paths stay well under their limit).
const MAX_NAME_CHARS: usize = 120;

/// A workspace folder and where each thing lives in it.
#[derive(Debug, Clone)]
pub struct Workspace {
    root: PathBuf,
}

/// A month the page was given that is not `YYYY-MM`; the text is what the clerk typed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", crate::say::page::bad_month(.0))]
pub struct BadMonth(pub String);

/// A month as `YYYY-MM`, checked, so it can name a folder without surprises.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Month(String);

impl Month {
    /// Parses `2018-05` (also `2018-5`); anything else is a message for the clerk.
    pub fn parse(s: &str) -> Result<Month, BadMonth> {
        let t = s.trim();
        let bad = || BadMonth(s.to_owned());
        let (y, m) = t.split_once('-').ok_or_else(bad)?;
        let year: u16 = y.parse().map_err(|_| bad())?;
        let month: u8 = m.parse().map_err(|_| bad())?;
        if !(1900..=9999).contains(&year) || !(1..=12).contains(&month) || y.len() != 4 {
            return Err(bad());
        }
        Ok(Month(format!("{year:04}-{month:02}")))
    }

    /// The current month on this computer.
    pub fn current() -> Month {
        Month(chrono::Local::now().format("%Y-%m").to_string())
    }

    /// `2018-05`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Workspace {
    /// A workspace at `root` (made absolute, so names stay the same whatever the current folder).
    pub fn new(root: &Path) -> Workspace {
        let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
        Workspace { root }
    }

    /// The workspace folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The policy: `taizhang.toml` in the workspace, else the innovation preset.
    ///
    /// # Errors
    /// [`PolicyError`] when the workspace's `taizhang.toml` is unreadable or invalid.
    pub fn policy(&self) -> Result<Policy, PolicyError> {
        Policy::resolve(None, &self.root)
    }

    /// `DIR/台账.xlsx`.
    pub fn ledger(&self) -> PathBuf {
        self.root.join(LEDGER)
    }

    /// `DIR/inbox/YYYY-MM`.
    pub fn inbox(&self, month: &Month) -> PathBuf {
        self.root.join(INBOX).join(month.as_str())
    }

    /// `DIR/输出/name`, creating the folder.
    pub fn output(&self, name: &str) -> std::io::Result<PathBuf> {
        let dir = self.root.join(OUTPUT);
        std::fs::create_dir_all(&dir)?;
        Ok(dir.join(safe_name(name)))
    }

    /// The month's inputs, named relative to the workspace (`inbox/2018-05/x.xlsx`), in path
    /// order; none when the folder does not exist yet. Goes through [`batch::inputs`], so whatever
    /// that learns to open (mail, archives) the page opens too.
    ///
    /// # Errors
    /// [`InputError`] when the folder vanishes while it is listed.
    pub fn inputs(&self, month: &Month) -> Result<Vec<Input>, InputError> {
        let dir = self.inbox(month);
        if !dir.is_dir() {
            return Ok(Vec::new());
        }
        let mut inputs = batch::inputs(&[dir])?;
        let prefix = format!("{}{}", self.root.display(), std::path::MAIN_SEPARATOR);
        for input in &mut inputs {
            if let Some(rest) = input.name.strip_prefix(&prefix) {
                input.name = rest.replace('\\', "/");
            }
        }
        Ok(inputs)
    }

    /// The reviewers' score sheets received so far: every spreadsheet on disk under `inbox/` (any
    /// month) that reads as a score sheet, and every file in `DIR/评分表/`, in path order. What a
    /// file is, is decided by the same check as on the intake page.
    pub fn score_sheets(&self, policy: &Policy) -> Vec<PathBuf> {
        let mut found = Vec::new();
        let inbox = self.root.join(INBOX);
        if inbox.is_dir() {
            if let Ok(files) = batch::collect(&[inbox]) {
                let inputs: Vec<Input> = files.into_iter().map(Input::file).collect();
                let checked = batch::check_inputs(&inputs, policy, &Default::default(), &|| {});
                for (input, result) in inputs.iter().zip(&checked.files) {
                    if let (crate::form::FormKind::Scores, batch::InputData::File(path)) =
                        (result.kind, &input.data)
                    {
                        found.push(path.clone());
                    }
                }
            }
        }
        let folder = self.root.join(SCORES);
        if folder.is_dir() {
            if let Ok(files) = batch::collect(&[folder]) {
                found.extend(files);
            }
        }
        found
    }

    /// Saves uploaded bytes into the month's inbox under a safe form of `raw_name`, never
    /// outside it. The same bytes under the same name are saved once; different bytes under a
    /// name already taken get `（2）`, `（3）` … Returns the name saved under.
    ///
    /// # Errors
    /// The I/O error, when the folder or the file cannot be written.
    pub fn save_upload(
        &self,
        month: &Month,
        raw_name: &str,
        bytes: &[u8],
    ) -> std::io::Result<String> {
        let dir = self.inbox(month);
        std::fs::create_dir_all(&dir)?;
        let name = safe_name(raw_name);
        let (stem, ext) = split_extension(&name);
        for n in 1..10_000 {
            let candidate = if n == 1 {
                name.clone()
            } else {
                format!("{stem}（{n}）{ext}")
            };
            let path = dir.join(&candidate);
            if path.exists() {
                if std::fs::read(&path).is_ok_and(|old| old == bytes) {
                    return Ok(candidate);
                }
                continue;
            }
            // A file that appeared meanwhile is never overwritten.
            match crate::fsio::write_new(&path, bytes) {
                Ok(()) => return Ok(candidate),
                Err(e) if e.source.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e.source),
            }
        }
        Err(std::io::Error::other(crate::say::page::TOO_MANY_SAME))
    }
}

/// True for the names the page accepts: spreadsheets, mails (`.eml`) and archives (`.zip`).
pub fn accepted_name(name: &str) -> bool {
    let path = Path::new(name);
    crate::read::extension(path)
        .is_some_and(|e| crate::read::EXTENSIONS.contains(&e.as_str()) || e == "eml" || e == "zip")
}

/// A browser-given file name made safe to save: only its last part (after `/` or `\`), without
/// control characters or `<>:"|?*`, without leading or trailing dots and spaces, not a Windows
/// device name (`CON`, `NUL`, `COM1` …), at most 120 characters, never empty. Chinese and other
/// letters are kept as they are.
pub fn safe_name(raw: &str) -> String {
    let leaf = raw.rsplit(['/', '\\']).next().unwrap_or(raw);
    let cleaned: String = leaf
        .chars()
        .map(|c| {
            if c.is_control() || "<>:\"|?*".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    let trimmed = cleaned.trim_matches(|c: char| c == '.' || c.is_whitespace());
    let mut name: String = if trimmed.is_empty() || trimmed.chars().all(|c| c == '_') {
        crate::say::page::UNNAMED.to_owned()
    } else {
        trimmed.to_owned()
    };
    let (stem, _) = split_extension(&name);
    let device = stem.split('.').next().unwrap_or(stem).to_ascii_uppercase();
    let reserved = ["CON", "PRN", "AUX", "NUL"].contains(&device.as_str())
        || ((device.starts_with("COM") || device.starts_with("LPT"))
            && device.len() == 4
            && device.ends_with(|c: char| c.is_ascii_digit()));
    if reserved {
        name.insert(0, '_');
    }
    if name.chars().count() > MAX_NAME_CHARS {
        let (stem, ext) = split_extension(&name);
        let keep = MAX_NAME_CHARS.saturating_sub(ext.chars().count());
        name = stem.chars().take(keep).collect::<String>() + ext;
    }
    name
}

/// `("立项书", ".xlsx")`; the extension is empty when there is none (or the name is one).
fn split_extension(name: &str) -> (&str, &str) {
    match name.rfind('.') {
        Some(i) if i > 0 && name.len() - i <= 6 => name.split_at(i),
        _ => (name, ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_stay_names() {
        assert_eq!(safe_name("../../etc/passwd"), "passwd");
        assert_eq!(safe_name("..\\..\\Windows\\win.ini"), "win.ini");
        assert_eq!(safe_name("/abs/path/立项书.xlsx"), "立项书.xlsx");
        assert_eq!(safe_name("C:\\Users\\x\\报告.xlsx"), "报告.xlsx");
        assert_eq!(safe_name(".."), "未命名文件");
        assert_eq!(safe_name(""), "未命名文件");
        assert_eq!(safe_name("CON.xlsx"), "_CON.xlsx");
        assert_eq!(safe_name("com1.tar.xlsx"), "_com1.tar.xlsx");
        assert_eq!(safe_name("a<b>:c|d?e*.xlsx"), "a_b__c_d_e_.xlsx");
        assert_eq!(
            safe_name("  田家庵区委 立项书.xlsx. "),
            "田家庵区委 立项书.xlsx"
        );
        assert_eq!(safe_name("x\u{0}\n.xlsx"), "x__.xlsx");
        let long = "长".repeat(300) + ".xlsx";
        let s = safe_name(&long);
        assert_eq!(s.chars().count(), 120);
        assert!(s.ends_with(".xlsx"));
    }

    #[test]
    fn months() {
        assert_eq!(Month::parse("2018-5").unwrap().as_str(), "2018-05");
        assert!(Month::parse("2018-13").is_err());
        assert!(Month::parse("../x").is_err());
        assert!(Month::parse("18-05").is_err());
    }

    #[test]
    fn uploads_land_in_the_inbox_only() {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::new(dir.path());
        let m = Month::parse("2018-05").unwrap();
        assert_eq!(ws.save_upload(&m, "../../x.xlsx", b"a").unwrap(), "x.xlsx");
        assert_eq!(ws.save_upload(&m, "x.xlsx", b"a").unwrap(), "x.xlsx");
        assert_eq!(ws.save_upload(&m, "x.xlsx", b"b").unwrap(), "x（2）.xlsx");
        assert!(dir.path().join("inbox/2018-05/x（2）.xlsx").is_file());
        assert!(!dir.path().join("x.xlsx").exists());
        let names: Vec<String> = ws.inputs(&m).unwrap().into_iter().map(|i| i.name).collect();
        assert_eq!(names, ["inbox/2018-05/x.xlsx", "inbox/2018-05/x（2）.xlsx"]);
    }

    #[test]
    fn accepted_extensions() {
        assert!(accepted_name("a.XLSX"));
        assert!(accepted_name("a.eml"));
        assert!(accepted_name("a.zip"));
        assert!(!accepted_name("a.exe"));
        assert!(!accepted_name("a"));
    }
}
