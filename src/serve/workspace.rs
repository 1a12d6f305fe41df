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
/// Longest saved name, in bytes of UTF-8 (what Linux and macOS allow for one name).
const MAX_NAME_BYTES: usize = 255;

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
                for result in &checked.files {
                    let Some(input) = inputs.get(result.input) else {
                        continue;
                    };
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

    /// A new, empty file to stream an upload into before it is given its name: in `DIR/inbox/`
    /// itself (the same disk as the months' folders, so that naming it is a rename, and outside
    /// every month, so that no check sees a half-received file). Removed if never saved.
    ///
    /// # Errors
    /// The I/O error, when the folder or the file cannot be made.
    pub fn staging_file(&self) -> std::io::Result<tempfile::NamedTempFile> {
        let dir = self.root.join(INBOX);
        std::fs::create_dir_all(&dir)?;
        tempfile::Builder::new()
            .prefix(".上传中-")
            .suffix(".part")
            .tempfile_in(dir)
    }

    /// Saves uploaded bytes into the month's inbox, as [`Workspace::save_staged`].
    ///
    /// # Errors
    /// The I/O error, when the folder or the file cannot be written.
    pub fn save_upload(
        &self,
        month: &Month,
        raw_name: &str,
        bytes: &[u8],
    ) -> std::io::Result<String> {
        use std::io::Write;
        let mut staged = self.staging_file()?;
        staged.write_all(bytes)?;
        self.save_staged(month, raw_name, staged)
    }

    /// Gives a received file (see [`Workspace::staging_file`]) its place in the month's inbox
    /// under a safe form of `raw_name`, never outside it. The same bytes under the same name are
    /// saved once, also when two uploads of the same file overlap (a file appears under its name
    /// whole, in one step, and is then compared); different bytes under a name already taken get
    /// `（2）`, `（3）` … Returns the name saved under.
    ///
    /// # Errors
    /// The I/O error, when the folder or the file cannot be written.
    pub fn save_staged(
        &self,
        month: &Month,
        raw_name: &str,
        staged: tempfile::NamedTempFile,
    ) -> std::io::Result<String> {
        let dir = self.inbox(month);
        std::fs::create_dir_all(&dir)?;
        staged.as_file().sync_all()?;
        let name = safe_name(raw_name);
        let (stem, ext) = split_extension(&name);
        let mut staged = Some(staged);
        let mut n = 1;
        while n < 10_000 {
            let candidate = if n == 1 {
                name.clone()
            } else {
                let suffix = format!("（{n}）{ext}");
                fit(stem, &suffix)
            };
            let path = dir.join(&candidate);
            let Some(file) = staged.take() else { break };
            if path.exists() {
                if same_contents(&path, file.path()) {
                    return Ok(candidate);
                }
                staged = Some(file);
                n += 1;
                continue;
            }
            // A file that appeared meanwhile is never overwritten: it is compared like any other.
            match file.persist_noclobber(&path) {
                Ok(_) => return Ok(candidate),
                Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => {
                    staged = Some(e.file);
                }
                Err(e) => return Err(e.error),
            }
        }
        Err(std::io::Error::other(crate::say::page::TOO_MANY_SAME))
    }

    /// Removes a file the clerk uploaded by mistake: `name` must be a plain file name (no folder,
    /// nothing [`safe_name`] would change) of a file directly in the month's inbox. Returns
    /// whether there was such a file.
    ///
    /// # Errors
    /// [`RemoveError`]: a name that is not a plain name, or the I/O error.
    pub fn remove_upload(&self, month: &Month, name: &str) -> Result<bool, RemoveError> {
        if name.is_empty() || safe_name(name) != name || name.starts_with('.') {
            return Err(RemoveError::BadName(name.to_owned()));
        }
        let path = self.inbox(month).join(name);
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_file() => {
                std::fs::remove_file(&path).map_err(RemoveError::Io)?;
                Ok(true)
            }
            Ok(_) => Err(RemoveError::BadName(name.to_owned())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(RemoveError::Io(e)),
        }
    }
}

/// Why an uploaded file could not be removed.
#[derive(Debug, thiserror::Error)]
pub enum RemoveError {
    /// Not a plain file name in the inbox.
    #[error("{}", crate::say::page::bad_remove_name(.0))]
    BadName(String),
    /// The file could not be removed.
    #[error("{}", crate::say::page::cannot_remove(.0))]
    Io(std::io::Error),
}

/// True when both files hold the same bytes (read side by side, never whole into memory).
fn same_contents(a: &Path, b: &Path) -> bool {
    use std::io::Read;
    let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) else {
        return false;
    };
    if ma.len() != mb.len() {
        return false;
    }
    let (Ok(fa), Ok(fb)) = (std::fs::File::open(a), std::fs::File::open(b)) else {
        return false;
    };
    let (mut ra, mut rb) = (
        std::io::BufReader::with_capacity(64 * 1024, fa),
        std::io::BufReader::with_capacity(64 * 1024, fb),
    );
    let (mut ba, mut bb) = (vec![0u8; 64 * 1024], vec![0u8; 64 * 1024]);
    loop {
        let Ok(n) = ra.read(&mut ba) else {
            return false;
        };
        if n == 0 {
            return rb.read(&mut bb[..1]).is_ok_and(|m| m == 0);
        }
        if rb.read_exact(&mut bb[..n]).is_err() || ba[..n] != bb[..n] {
            return false;
        }
    }
}

/// True for the names the page accepts: spreadsheets and Word documents (`read::EXTENSIONS`),
/// mails (`.eml`) and archives (`.zip`).
pub fn accepted_name(name: &str) -> bool {
    let path = Path::new(name);
    crate::read::extension(path)
        .is_some_and(|e| crate::read::EXTENSIONS.contains(&e.as_str()) || e == "eml" || e == "zip")
}

/// A browser-given file name made safe to save: only its last part (after `/` or `\`), without
/// control characters or `<>:"|?*`, without leading or trailing dots and spaces, not a Windows
/// device name (`CON`, `NUL`, `COM1` …), at most 120 characters and 255 bytes (cut at a character,
/// the extension kept), never empty. Chinese and other letters are kept as they are.
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
    if name.chars().count() > MAX_NAME_CHARS || name.len() > MAX_NAME_BYTES {
        let (stem, ext) = split_extension(&name);
        name = fit(stem, ext);
    }
    name
}

/// `stem` shortened at a character boundary so that `stem + tail` is at most 120 characters and
/// 255 bytes; `tail` (the extension, perhaps after `（2）`) is kept whole.
fn fit(stem: &str, tail: &str) -> String {
    let mut chars = MAX_NAME_CHARS.saturating_sub(tail.chars().count());
    let mut bytes = MAX_NAME_BYTES.saturating_sub(tail.len());
    let mut out = String::new();
    for c in stem.chars() {
        if chars == 0 || c.len_utf8() > bytes {
            break;
        }
        chars -= 1;
        bytes -= c.len_utf8();
        out.push(c);
    }
    out + tail
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
        assert!(s.len() <= 255 && s.len() > 240, "{}", s.len());
        assert!(s.ends_with(".xlsx"));
        assert_eq!(safe_name(&("a".repeat(300) + ".xls")).chars().count(), 120);
        let mixed = "a长".repeat(150) + ".xlsx";
        assert!(safe_name(&mixed).len() <= 255);
        assert_eq!(fit(&"长".repeat(100), "（2）.xlsx").len(), 255);
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
    fn the_same_file_saved_twice_at_once_is_saved_once() {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::new(dir.path());
        let m = Month::parse("2018-05").unwrap();
        let bytes = vec![7u8; 300_000];
        std::thread::scope(|s| {
            for _ in 0..8 {
                s.spawn(|| ws.save_upload(&m, "同一个.xlsx", &bytes).unwrap());
            }
        });
        let names: Vec<String> = ws.inputs(&m).unwrap().into_iter().map(|i| i.name).collect();
        assert_eq!(names, ["inbox/2018-05/同一个.xlsx"]);
        let staged: Vec<_> = std::fs::read_dir(dir.path().join("inbox"))
            .unwrap()
            .filter(|e| e.as_ref().unwrap().path().is_file())
            .collect();
        assert!(staged.is_empty(), "no staging file left");
    }

    #[test]
    fn only_plain_names_in_the_inbox_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::new(dir.path());
        let m = Month::parse("2018-05").unwrap();
        ws.save_upload(&m, "错的.xlsx", b"a").unwrap();
        std::fs::write(dir.path().join("taizhang.toml"), "x").unwrap();
        for bad in [
            "../../taizhang.toml",
            "..",
            "",
            "a/b.xlsx",
            "a\\b.xlsx",
            ".上传中-x.part",
        ] {
            assert!(ws.remove_upload(&m, bad).is_err(), "{bad}");
        }
        assert!(dir.path().join("taizhang.toml").is_file());
        assert!(!ws.remove_upload(&m, "没有.xlsx").unwrap());
        assert!(ws.remove_upload(&m, "错的.xlsx").unwrap());
        assert!(ws.inputs(&m).unwrap().is_empty());
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
