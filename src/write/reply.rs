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
    /// The 立项批复 of `taizhang notices --kind approval` ([`crate::write::notice`]).
    Approval,
    /// The 督办通知 of `taizhang notices --kind reminder`.
    Reminder,
}

impl ReplyKind {
    /// The word in the subject and the file name.
    pub fn label(self) -> &'static str {
        match self {
            ReplyKind::Return => say::RETURN,
            ReplyKind::Ack => say::ACK,
            ReplyKind::Approval => crate::say::notices::APPROVAL,
            ReplyKind::Reminder => crate::say::notices::REMINDER,
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
        let unit = safe_name(&self.unit, 60);
        let unit = unit.trim().trim_end_matches('.');
        let unit = if unit.is_empty() { UNKNOWN_UNIT } else { unit };
        format!("{unit}-{}", self.kind.label())
    }
}

pub(crate) use crate::text::windows_name as safe_name;

/// A text file as Notepad reads it right: UTF-8 with a BOM, Windows line ends.
pub(crate) fn notepad_text(text: &str) -> Vec<u8> {
    [
        b"\xEF\xBB\xBF".as_slice(),
        text.replace('\n', "\r\n").as_bytes(),
    ]
    .concat()
}

/// The letters of a batch, and the files no letter can answer.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Replies {
    /// One letter per unit, in the order the units' first files appear.
    pub letters: Vec<Reply>,
    /// Files that needed an answer (an error, or `ack`) but whose unit could be told neither
    /// from the form, the mail, nor the file's name: no letter to 你单位 without a recipient is
    /// made; the clerk finds out who sent them.
    pub unaddressed: Vec<Unaddressed>,
}

/// A file that needed an answer but whose sender is unknown.
#[derive(Debug, Clone, PartialEq)]
pub struct Unaddressed {
    /// The file as listed by `check` (`inbox/签到表.xlsx`, `信件.eml › 附件.xlsx`).
    pub path: String,
    /// Errors in it.
    pub errors: usize,
    /// Warnings in it.
    pub warnings: usize,
}

/// Composes the replies for a checked batch: a 退回修改 for every unit with a file in error (a
/// file a later valid resend replaced is only named, never to be corrected), and,
/// with `ack`, a 已收到 for every unit whose files were all good. Units in the order their first
/// file appears; skipped files (not spreadsheets) are not mentioned; files of no known sender are
/// [`Replies::unaddressed`], never a letter. `today` dates the letter and the resend deadline
/// (`policy.resend_days` after it).
pub fn compose_all(batch: &Batch, policy: &Policy, today: NaiveDate, ack: bool) -> Replies {
    let mut replies = Replies::default();
    for reply in compose_letters(batch, policy, today, ack) {
        if reply.unit == UNKNOWN_UNIT {
            continue;
        }
        replies.letters.push(reply);
    }
    let senders = batch.senders(policy);
    for (r, unit) in batch.files.iter().zip(senders) {
        if r.kind == FormKind::Skipped || unit != UNKNOWN_UNIT || (r.ok && !ack) {
            continue;
        }
        replies.unaddressed.push(Unaddressed {
            path: r.path.clone(),
            errors: r.count(Severity::Error),
            warnings: r.count(Severity::Warning),
        });
    }
    replies
}

/// The letters of [`compose_all`] alone (files of no known sender get none).
pub fn compose(batch: &Batch, policy: &Policy, today: NaiveDate, ack: bool) -> Vec<Reply> {
    compose_all(batch, policy, today, ack).letters
}

/// The office's time zone (China Standard Time, UTC+8): the letters' dates and the drafts' Date.
pub fn office_zone() -> chrono::FixedOffset {
    use chrono::Offset;
    chrono::FixedOffset::east_opt(8 * 3600).unwrap_or_else(|| chrono::Utc.fix())
}

/// Now, in the office's time zone.
pub fn office_now() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::Utc::now().with_timezone(&office_zone())
}

/// A draft's Date header: `timestamp` (seconds since 1970) in the office's time zone,
/// `Wed, 02 Dec 2026 10:05:00 +0800`.
pub fn mail_date(timestamp: i64) -> String {
    let utc = chrono::DateTime::from_timestamp(timestamp, 0).unwrap_or_default();
    utc.with_timezone(&office_zone()).to_rfc2822()
}

fn compose_letters(batch: &Batch, policy: &Policy, today: NaiveDate, ack: bool) -> Vec<Reply> {
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
    } else if all(FormKind::Closing) {
        say::SENT_CLOSING.to_owned()
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

/// The letter itself. A warning said of several files (a unit's quota, a name not on the list)
/// is said once, after the files; nothing is said twice of one file.
fn body(
    unit: &str,
    kind: ReplyKind,
    files: &[&FileResult],
    policy: &Policy,
    today: NaiveDate,
) -> String {
    let shared = shared_warnings(files);
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
            let mut said: Vec<&str> = Vec::new();
            let own = r.problems.iter().filter(|p| {
                let repeated = said.contains(&p.message.as_str());
                said.push(&p.message);
                let elsewhere = p.severity == Severity::Warning && shared.contains(&p.message);
                !(repeated || elsewhere)
            });
            for (i, p) in own.enumerate() {
                lines.push(say::problem(i + 1, p.severity.label(), &p.message));
            }
        }
        if !good.is_empty() {
            lines.push(String::new());
            lines.push(say::GOOD_TOO.to_owned());
            list_good(&mut lines, &good, &shared);
        }
        list_superseded(&mut lines, files);
        list_shared(&mut lines, &shared);
        lines.push(String::new());
        if let Some(by) = reply_by(policy, today) {
            lines.push(say::resend_by(&by));
        } else {
            lines.push(say::RESEND.to_owned());
        }
    } else {
        // "符合要求" only when nothing is left to remind the unit of (a quota, a late file).
        let reminded = good.iter().any(|f| f.count(Severity::Warning) > 0) || !shared.is_empty();
        lines.push(if reminded {
            say::ack_opening_with_reminders(&topic(files, policy))
        } else {
            say::ack_opening(&topic(files, policy))
        });
        list_good(&mut lines, &good, &shared);
        list_superseded(&mut lines, files);
        list_shared(&mut lines, &shared);
        lines.push(String::new());
        lines.push(say::THANKS.to_owned());
    }
    sign(&mut lines, policy, today);
    lines.join("\n") + "\n"
}

/// The date a unit is to answer by (`policy.resend_days` after `today`), in words; `None` when
/// the policy gives no days. Every letter that sets a date uses it.
pub(crate) fn reply_by(policy: &Policy, today: NaiveDate) -> Option<String> {
    (policy.resend_days > 0)
        .then(|| say::date(today + chrono::Days::new(u64::from(policy.resend_days))))
}

/// A ledger date as letters write it (`2018年12月31日`); a cell that is no date, as typed.
pub(crate) fn day_words(v: &crate::model::Value) -> String {
    use crate::model::Value;
    match v {
        Value::Date(d) => say::date(*d),
        Value::DateTime(d) => say::date(d.date()),
        v => v.display().trim().to_owned(),
    }
}

/// Ends a letter: a blank line, the department (or organisation), its phone, the date. Every
/// letter to a unit (replies, notices) is signed so.
pub(crate) fn sign(lines: &mut Vec<String>, policy: &Policy, today: NaiveDate) {
    lines.push(String::new());
    let signature = if policy.department.trim().is_empty() {
        policy.organisation.trim()
    } else {
        policy.department.trim()
    };
    if !signature.is_empty() {
        lines.push(signature.to_owned());
    }
    let phone = policy.office.phone.trim();
    if !phone.is_empty() {
        lines.push(say::phone(phone));
    }
    lines.push(say::date(today));
}

/// Warnings said of more than one of the files, in the order first met.
fn shared_warnings(files: &[&FileResult]) -> Vec<String> {
    let mut seen: Vec<(&str, usize)> = Vec::new();
    for r in files {
        let mine: Vec<&str> = r
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Warning)
            .map(|p| p.message.as_str())
            .collect();
        let mut once: Vec<&str> = Vec::new();
        for m in mine {
            if once.contains(&m) {
                continue;
            }
            once.push(m);
            match seen.iter_mut().find(|(s, _)| *s == m) {
                Some((_, n)) => *n += 1,
                None => seen.push((m, 1)),
            }
        }
    }
    seen.into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|(m, _)| m.to_owned())
        .collect()
}

/// The warnings of several files, once each, after the files.
fn list_shared(lines: &mut Vec<String>, shared: &[String]) {
    if shared.is_empty() {
        return;
    }
    lines.push(String::new());
    lines.push(say::SHARED.to_owned());
    for m in shared {
        lines.push(say::shared_warning(m));
    }
}

/// Good files, each with its reminders (warnings), so nothing the checker said is withheld;
/// those of several files are left to [`list_shared`].
fn list_good(lines: &mut Vec<String>, good: &[&&FileResult], shared: &[String]) {
    for r in good {
        lines.push(say::good_file(&file_words(r)));
        let mut said: Vec<&str> = Vec::new();
        for p in r
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Warning)
        {
            if said.contains(&p.message.as_str()) || shared.contains(&p.message) {
                continue;
            }
            said.push(&p.message);
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
        .header("Date", Raw::new(mail_date(timestamp)))
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
    Ok(named(replies, policy, timestamp)?
        .into_iter()
        .flat_map(|(_, eml, txt)| [eml, txt])
        .collect())
}

/// Each reply's two files, with the stem they share.
type Named = (String, (String, Vec<u8>), (String, Vec<u8>));

fn named(replies: &[Reply], policy: &Policy, timestamp: i64) -> std::io::Result<Vec<Named>> {
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
        let eml = (format!("{stem}.eml"), to_eml(reply, policy, timestamp)?);
        let mut text = say::text_head(reply.to.as_deref(), &reply.subject);
        text.push_str(&reply.body);
        out.push((
            stem.clone(),
            eml,
            (format!("{stem}.txt"), notepad_text(&text)),
        ));
    }
    Ok(out)
}

/// The replies' [`files`] and, when there is anything to list, the folder's index
/// ([`say::INDEX_FILE`]): every letter with its recipient, and every file no letter answers
/// because its sender is unknown.
pub fn files_with_index(
    replies: &Replies,
    policy: &Policy,
    timestamp: i64,
) -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let named = named(&replies.letters, policy, timestamp)?;
    let mut index = Vec::new();
    for ((stem, _, _), reply) in named.iter().zip(&replies.letters) {
        index.push(say::index_letter(
            stem,
            reply.kind.label(),
            reply.to.as_deref(),
        ));
    }
    let mut out: Vec<(String, Vec<u8>)> = named
        .into_iter()
        .flat_map(|(_, eml, txt)| [eml, txt])
        .collect();
    if replies.letters.is_empty() && replies.unaddressed.is_empty() {
        return Ok(out);
    }
    let mut text = say::index_head(replies.letters.len(), &mail_date(timestamp));
    for line in index {
        text.push_str(&line);
        text.push('\n');
    }
    text.push_str(&unaddressed_text(&replies.unaddressed));
    out.push((say::INDEX_FILE.to_owned(), notepad_text(&text)));
    Ok(out)
}

/// The files of no known sender, as the command line prints them and the index lists them:
/// empty when there is none.
pub fn unaddressed_text(files: &[Unaddressed]) -> String {
    if files.is_empty() {
        return String::new();
    }
    let mut text = say::unaddressed_head(files.len());
    for f in files {
        let verdict = crate::say::cli::verdict(false, f.errors, f.warnings);
        text.push_str(&say::unaddressed_file(&f.path, &verdict));
        text.push('\n');
    }
    text
}

/// Saves every reply into `dir` (created if missing) as the [`files_with_index`], each by the one
/// atomic write ([`crate::fsio`]); returns the paths written.
///
/// # Errors
/// [`WriteError`](crate::fsio::WriteError) naming the folder or the file that could not be
/// written.
pub fn write_all(
    dir: &Path,
    replies: &Replies,
    policy: &Policy,
    timestamp: i64,
) -> Result<Vec<PathBuf>, crate::fsio::WriteError> {
    let files = files_with_index(replies, policy, timestamp)
        .map_err(|e| crate::fsio::WriteError::new(dir, crate::fsio::Step::Create, e))?;
    save_into(dir, files)
}

/// Saves named files into `dir` (created if missing), each by the one atomic write; returns
/// the paths written. The replies and the notices are saved so.
pub(crate) fn save_into(
    dir: &Path,
    files: Vec<(String, Vec<u8>)>,
) -> Result<Vec<PathBuf>, crate::fsio::WriteError> {
    use crate::fsio::{Step, WriteError};
    std::fs::create_dir_all(dir).map_err(|e| WriteError::new(dir, Step::Create, e))?;
    let mut written = Vec::new();
    for (name, bytes) in files {
        let path = dir.join(name);
        crate::fsio::write(&path, &bytes)?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::Workbook;
    use crate::testkit::*;

    fn policy() -> Policy {
        innovation_with(
            "[[units]]\nname = \"田家庵区委\"\ntype = \"县区\"\nemail = \"tjaq@example.cn\"\n",
        )
    }

    fn project(name: &str) -> Workbook {
        let p = set(proposal(), "项目名称", Some(text(name)));
        proposal_form(&set(p, "职务", Some(text("党委书记"))))
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2018, 4, 9).unwrap()
    }

    #[test]
    fn a_warning_of_several_files_is_said_once() {
        // Four projects of a county allowed three: W_QUOTA on every file; one file in error.
        let bad = proposal_form(&set(
            set(proposal(), "项目名称", Some(text("田家庵区委第四号工程"))),
            "完成时间",
            Some(text("明年春天")),
        ));
        let books = vec![
            ("a.xlsx", project("田家庵区委第一号工程")),
            ("b.xlsx", project("田家庵区委第二号工程")),
            ("c.xlsx", project("田家庵区委第三号工程")),
            ("d.xlsx", bad),
        ];
        let policy = policy();
        let batch = check_all(&books, &policy);
        let quota: Vec<&str> = batch
            .files
            .iter()
            .flat_map(|r| &r.problems)
            .filter(|p| p.code.as_str() == "W_QUOTA")
            .map(|p| p.message.as_str())
            .collect();
        assert!(
            quota.len() > 1,
            "the fixture gives W_QUOTA on several files"
        );
        let replies = compose_all(&batch, &policy, today(), false);
        assert_eq!(replies.letters.len(), 1);
        let body = &replies.letters[0].body;
        assert_eq!(body.matches(quota[0]).count(), 1, "{body}");
        assert!(body.contains(say::SHARED), "{body}");
        assert!(body.contains("明年春天"), "{body}");
        // Every line said once.
        let problems: Vec<&str> = body.lines().filter(|l| l.contains("提醒")).collect();
        let mut unique = problems.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), problems.len(), "{body}");
    }

    #[test]
    fn no_letter_to_an_unknown_sender_and_the_office_phone_and_zone() {
        let no_unit = proposal_form(&set(proposal(), "申报单位", None));
        let books = vec![
            ("签到表.xlsx", no_unit),
            ("a.xlsx", project("田家庵区委第一号工程")),
        ];
        let mut policy = policy();
        policy.office.phone = "0554-6661234".into();
        let batch = check_all(&books, &policy);
        let replies = compose_all(&batch, &policy, today(), true);
        assert!(replies.letters.iter().all(|r| r.unit != UNKNOWN_UNIT));
        assert_eq!(replies.unaddressed.len(), 1);
        assert!(replies.unaddressed[0].path.ends_with("签到表.xlsx"));
        assert!(compose(&batch, &policy, today(), true)
            .iter()
            .all(|r| r.unit != UNKNOWN_UNIT));
        let letter = &replies.letters[0];
        assert!(
            letter.body.contains("联系电话：0554-6661234\n"),
            "{}",
            letter.body
        );
        // 2018-04-09 00:30 UTC is 08:30 in the office.
        let ts = chrono::NaiveDate::from_ymd_opt(2018, 4, 9)
            .unwrap()
            .and_hms_opt(0, 30, 0)
            .unwrap()
            .and_utc()
            .timestamp();
        assert_eq!(mail_date(ts), "Mon, 9 Apr 2018 08:30:00 +0800");
        let eml = String::from_utf8(to_eml(letter, &policy, ts).unwrap()).unwrap();
        assert!(
            eml.contains("Date: Mon, 9 Apr 2018 08:30:00 +0800\r\n"),
            "{eml}"
        );
        assert_eq!(eml.matches("Date:").count(), 1, "{eml}");
        let files = files_with_index(&replies, &policy, ts).unwrap();
        let (name, index) = files.last().unwrap();
        assert_eq!(name, say::INDEX_FILE);
        let index = String::from_utf8_lossy(index);
        assert!(index.contains("签到表.xlsx"), "{index}");
        assert!(index.contains("田家庵区委-已收到.eml"), "{index}");
        assert!(index.contains("tjaq@example.cn"), "{index}");
        assert!(!files.iter().any(|(n, _)| n.contains(UNKNOWN_UNIT)));
        assert!(files_with_index(&Replies::default(), &policy, ts)
            .unwrap()
            .is_empty());
    }
}
