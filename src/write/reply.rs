//! Reply notices: per unit, the letter a clerk sends back — 退回修改 (return for correction) listing
//! each file and each problem in words the unit can act on, or 已收到 (an acknowledgement) for a
//! unit whose files were all good.
//!
//! Composing is pure ([`compose`]: batch + policy → replies), so the command line and a web page
//! make the same letters; [`to_eml`] turns one into a draft a mail client opens ready to send,
//! and [`write_all`] saves every reply as `.eml` and `.txt` into a folder.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::batch::{Batch, FileResult, SEPARATOR};
use crate::form::FormKind;
use crate::policy::Policy;
use crate::rules::units::UnitIndex;
use crate::rules::{Record, Severity};
use crate::say::letters as say;

/// Files whose unit cannot be told from the form nor from the mail are answered under this name.
pub use crate::batch::UNKNOWN_UNIT;

/// What a reply says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplyKind {
    /// Some file has an error: 退回修改.
    Return,
    /// Every file is good: 已收到.
    Ack,
}

impl ReplyKind {
    /// The word in the subject and the file name.
    pub fn label(self) -> &'static str {
        match self {
            ReplyKind::Return => say::RETURN,
            ReplyKind::Ack => say::ACK,
        }
    }
}

/// One letter to one unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    /// The unit (canonical when the policy knows it), or the sender, or [`UNKNOWN_UNIT`].
    pub unit: String,
    /// Return or acknowledgement.
    pub kind: ReplyKind,
    /// The address to send to: the mail the files came in, else the unit's address in the policy.
    pub to: Option<String>,
    /// `【退回修改】2018年度基层党建创新项目立项书`.
    pub subject: String,
    /// The letter, plain text, lines separated by `\n`.
    pub body: String,
}

impl Reply {
    /// The file name without extension, safe on Windows: `田家庵区委-退回修改`.
    pub fn file_stem(&self) -> String {
        let unit: String = self
            .unit
            .chars()
            .map(|c| match c {
                '\\' | '/' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
                c if c.is_control() => '_',
                c => c,
            })
            .take(60)
            .collect();
        let unit = unit.trim().trim_end_matches('.');
        let unit = if unit.is_empty() { UNKNOWN_UNIT } else { unit };
        format!("{unit}-{}", self.kind.label())
    }
}

/// Composes the replies for a checked batch: a 退回修改 for every unit with a file in error (a
/// file a later valid resend replaced is only named, never to be corrected), and,
/// with `ack`, a 已收到 for every unit whose files were all good. Units in the order their first
/// file appears; skipped files (not spreadsheets) are not mentioned. `today` dates the letter
/// and the resend deadline (`policy.resend_days` after it).
pub fn compose(batch: &Batch, policy: &Policy, today: NaiveDate, ack: bool) -> Vec<Reply> {
    let index = UnitIndex::new(policy);
    let mut order: Vec<String> = Vec::new();
    let mut groups: HashMap<String, Vec<&FileResult>> = HashMap::new();
    let senders = batch.senders(policy);
    for (r, unit) in batch.files.iter().zip(senders) {
        if r.kind == FormKind::Skipped {
            continue;
        }
        if !groups.contains_key(&unit) {
            order.push(unit.clone());
        }
        groups.entry(unit).or_default().push(r);
    }
    let mut replies = Vec::new();
    for unit in order {
        let files = groups.remove(&unit).unwrap_or_default();
        let kind = if files.iter().any(|r| r.returned()) {
            ReplyKind::Return
        } else if ack {
            ReplyKind::Ack
        } else {
            continue;
        };
        let to = files
            .iter()
            .find_map(|r| r.origin.as_ref().and_then(|o| o.from.clone()))
            .or_else(|| {
                index
                    .find(&unit)
                    .map(|u| u.email.trim().to_owned())
                    .filter(|e| !e.is_empty())
            });
        let subject = say::subject(kind.label(), &topic(&files, policy));
        let body = body(&unit, kind, &files, policy, today);
        replies.push(Reply {
            unit,
            kind,
            to,
            subject,
            body,
        });
    }
    replies
}

/// `2018年度基层党建创新项目立项书`: the year, the programme and what the unit sent.
fn topic(files: &[&FileResult], policy: &Policy) -> String {
    let all = |kind: FormKind| files.iter().all(|r| r.kind == kind);
    let sent = if all(FormKind::Proposal) {
        say::SENT_PROPOSALS.to_owned()
    } else if all(FormKind::Progress) {
        let mut periods: Vec<&str> = files
            .iter()
            .filter_map(|r| match &r.record {
                Some(Record::Progress(p)) => p.period.as_deref(),
                _ => None,
            })
            .collect();
        periods.sort_unstable();
        periods.dedup();
        match periods.as_slice() {
            [one] => say::sent_reports_of(one),
            _ => say::SENT_REPORTS.to_owned(),
        }
    } else if all(FormKind::Scores) {
        say::SENT_SCORES.to_owned()
    } else {
        say::SENT_MIXED.to_owned()
    };
    say::topic(policy.year, policy.preset, &sent)
}

/// The name the unit knows a file by: the attachment (`立项书.xlsx`, `材料.zip › 立项书.xlsx`) for
/// one that came by mail, with when and under which subject it came; the file name otherwise.
fn file_words(r: &FileResult) -> String {
    let name = r.file_name();
    let Some(origin) = &r.origin else {
        return say::file(name);
    };
    let attachment = name.split_once(SEPARATOR).map_or(name, |(_, rest)| rest);
    say::mailed_file(
        attachment,
        origin.date.as_deref(),
        origin.subject.as_deref(),
    )
}

/// The letter itself.
fn body(
    unit: &str,
    kind: ReplyKind,
    files: &[&FileResult],
    policy: &Policy,
    today: NaiveDate,
) -> String {
    let mut lines: Vec<String> = Vec::new();
    lines.push(if unit == UNKNOWN_UNIT {
        say::HELLO.to_owned()
    } else {
        say::dear(unit)
    });
    lines.push(String::new());
    let good: Vec<&&FileResult> = files.iter().filter(|r| r.ok).collect();
    if kind == ReplyKind::Return {
        lines.push(say::return_opening(&topic(files, policy)));
        for (n, r) in files.iter().filter(|r| r.returned()).enumerate() {
            lines.push(String::new());
            lines.push(say::file_to_correct(n + 1, &file_words(r)));
            for (i, p) in r.problems.iter().enumerate() {
                lines.push(say::problem(i + 1, p.severity.label(), &p.message));
            }
        }
        if !good.is_empty() {
            lines.push(String::new());
            lines.push(say::GOOD_TOO.to_owned());
            list_good(&mut lines, &good);
        }
        list_superseded(&mut lines, files);
        lines.push(String::new());
        if policy.resend_days > 0 {
            let by = today + chrono::Days::new(u64::from(policy.resend_days));
            lines.push(say::resend_by(&say::date(by)));
        } else {
            lines.push(say::RESEND.to_owned());
        }
    } else {
        lines.push(say::ack_opening(&topic(files, policy)));
        list_good(&mut lines, &good);
        list_superseded(&mut lines, files);
        lines.push(String::new());
        lines.push(say::THANKS.to_owned());
    }
    lines.push(String::new());
    let signature = if policy.department.trim().is_empty() {
        policy.organisation.trim()
    } else {
        policy.department.trim()
    };
    if !signature.is_empty() {
        lines.push(signature.to_owned());
    }
    lines.push(say::date(today));
    lines.join("\n") + "\n"
}

/// Good files, each with its reminders (warnings), so nothing the checker said is withheld.
fn list_good(lines: &mut Vec<String>, good: &[&&FileResult]) {
    for r in good {
        lines.push(say::good_file(&file_words(r)));
        for p in r
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Warning)
        {
            lines.push(say::reminder(&p.message));
        }
    }
}

/// Files the unit replaced by a later valid one: named, so the unit knows they need nothing.
fn list_superseded(lines: &mut Vec<String>, files: &[&FileResult]) {
    let replaced: Vec<&&FileResult> = files
        .iter()
        .filter(|r| !r.ok && r.superseded_by.is_some())
        .collect();
    if replaced.is_empty() {
        return;
    }
    lines.push(String::new());
    lines.push(say::SUPERSEDED.to_owned());
    for r in replaced {
        let by = r.superseded_by_name().unwrap_or_default();
        lines.push(say::superseded_file(&file_words(r), &say::file(by)));
    }
}

/// The reply as an `.eml` draft: UTF-8, RFC 2047 subject, `X-Unsent: 1` so that Outlook opens
/// it as a message to send (Foxmail and Thunderbird open it as a message with its To filled in).
/// `timestamp` (seconds since 1970) is its Date.
pub fn to_eml(reply: &Reply, policy: &Policy, timestamp: i64) -> std::io::Result<Vec<u8>> {
    use mail_builder::headers::raw::Raw;
    let mut mail = mail_builder::MessageBuilder::new()
        .subject(reply.subject.as_str())
        .date(timestamp)
        .header("X-Unsent", Raw::new("1"))
        .text_body(reply.body.replace('\n', "\r\n"));
    if let Some(to) = &reply.to {
        mail = mail.to((reply.unit.as_str(), to.as_str()));
    }
    let from = policy.department_email.trim();
    if !from.is_empty() {
        let name = if policy.department.trim().is_empty() {
            policy.organisation.trim()
        } else {
            policy.department.trim()
        };
        mail = mail.from((name, from));
    }
    mail.write_to_vec()
}

/// Every reply as two files, `{单位}-退回修改.eml` and `.txt` (the same text, UTF-8 with a BOM so
/// Notepad shows it right), named and filled in memory: the command line saves them into a
/// folder, the web page hands them over as one zip. Two units whose names clean to the same file
/// name get `（2）` on the second.
pub fn files(
    replies: &[Reply],
    policy: &Policy,
    timestamp: i64,
) -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let mut out = Vec::new();
    let mut used: HashMap<String, usize> = HashMap::new();
    for reply in replies {
        let stem = reply.file_stem();
        let n = used.entry(stem.clone()).or_insert(0);
        *n += 1;
        let stem = if *n == 1 {
            stem
        } else {
            say::numbered(&stem, *n)
        };
        out.push((format!("{stem}.eml"), to_eml(reply, policy, timestamp)?));
        let mut text = say::text_head(reply.to.as_deref(), &reply.subject);
        text.push_str(&reply.body);
        let bytes = [
            b"\xEF\xBB\xBF".as_slice(),
            text.replace('\n', "\r\n").as_bytes(),
        ]
        .concat();
        out.push((format!("{stem}.txt"), bytes));
    }
    Ok(out)
}

/// Saves every reply into `dir` (created if missing) as the [`files`], each by the one atomic
/// write ([`crate::fsio`]); returns the paths written.
///
/// # Errors
/// [`WriteError`](crate::fsio::WriteError) naming the folder or the file that could not be
/// written.
pub fn write_all(
    dir: &Path,
    replies: &[Reply],
    policy: &Policy,
    timestamp: i64,
) -> Result<Vec<PathBuf>, crate::fsio::WriteError> {
    use crate::fsio::{Step, WriteError};
    let fail = |e| WriteError::new(dir, Step::Create, e);
    std::fs::create_dir_all(dir).map_err(fail)?;
    let mut written = Vec::new();
    for (name, bytes) in files(replies, policy, timestamp).map_err(fail)? {
        let path = dir.join(name);
        crate::fsio::write(&path, &bytes)?;
        written.push(path);
    }
    Ok(written)
}
