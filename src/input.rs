//! Input: one spreadsheet to check, and where it came from.
//!
//! [`crate::intake`] produces inputs (from disk, mails and archives) and [`crate::batch`]
//! checks them; both use this module, so data flows one way (intake → batch) with no cycle.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use crate::rules::Problem;

/// One spreadsheet to check: a file on disk, or an attachment inside a mail or an archive.
///
/// Everything downstream (rules, ledger, reports) sees only `name`, so a form that came inside
/// a mail is handled exactly like one saved by hand.
#[derive(Debug, Clone)]
pub struct Input {
    /// The name in every output: the path as walked, or `信件或压缩包名 › 附件名`.
    pub name: String,
    /// Where its bytes are.
    pub data: InputData,
    /// Who sent it, when it came by mail.
    pub origin: Option<Origin>,
}

/// Where an input's bytes are.
#[derive(Debug, Clone)]
pub enum InputData {
    /// A file on disk, read when it is checked.
    File(PathBuf),
    /// Bytes already in memory (an attachment, an archive entry). Never written to disk.
    Bytes(Arc<[u8]>),
    /// A container that could not be opened: one result with `E_UNREADABLE` and this message.
    Broken(String),
    /// A container or entry refused before reading (too large once inflated, nested too deep,
    /// password-protected inside a zip, no spreadsheet in it): one `unknown` result with this
    /// problem.
    Rejected(Problem),
}

/// The provenance of an input that came by mail.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Origin {
    /// The sender's address (`dangjian@tja.gov.cn`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// The sender's display name, when the mail gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_name: Option<String>,
    /// The mail's subject.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// When the mail was sent (`2018-05-03 09:12`, in the sender's time zone).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// When the mail was sent, in seconds since 1970 (UTC): tells a resend from its original.
    #[serde(skip)]
    pub sent_at: Option<i64>,
}

impl Input {
    /// A file on disk, named by its path.
    pub fn file(path: PathBuf) -> Input {
        Input {
            name: path.display().to_string(),
            data: InputData::File(path),
            origin: None,
        }
    }

    /// The SHA-256 of its bytes (hex), or `None` when they cannot be read.
    pub fn sha256(&self) -> Option<String> {
        use sha2::{Digest, Sha256};
        use std::io::Read;
        let mut hasher = Sha256::new();
        match &self.data {
            InputData::File(path) => {
                let mut file = std::fs::File::open(path).ok()?;
                let mut buf = vec![0u8; 64 * 1024];
                loop {
                    let n = file.read(&mut buf).ok()?;
                    if n == 0 {
                        break;
                    }
                    hasher.update(&buf[..n]);
                }
            }
            InputData::Bytes(bytes) => hasher.update(bytes),
            InputData::Broken(_) | InputData::Rejected(_) => return None,
        }
        Some(format!("{:x}", hasher.finalize()))
    }

    /// When the file on disk was last modified; `None` for an attachment or an archive entry.
    pub fn modified(&self) -> Option<std::time::SystemTime> {
        match &self.data {
            InputData::File(path) => std::fs::metadata(path).and_then(|m| m.modified()).ok(),
            _ => None,
        }
    }

    /// The name's last part (`附件名.xlsx`), which decides whether it is a spreadsheet.
    pub(crate) fn leaf(&self) -> &Path {
        let leaf = self.name.rsplit(SEPARATOR).next().unwrap_or(&self.name);
        Path::new(leaf)
    }
}

/// Between a mail's or archive's name and an entry's name: `信件.eml › 立项书.xlsx`.
pub const SEPARATOR: &str = " › ";
