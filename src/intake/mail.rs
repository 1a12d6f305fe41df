//! Mails (`.eml`, as saved by Outlook, Foxmail, Thunderbird or a web mail): every attachment is
//! an entry; the sender, subject and date are the provenance of each.
//!
//! mail-parser (with its `full_encoding` feature) decodes base64 and quoted-printable bodies,
//! RFC 2047 and RFC 2231 names and GBK/GB18030 charsets, which is how Chinese mail clients write.

use mail_parser::{Message, MessageParser, MimeHeaders};

use super::{join, or_nothing_found, Unpack};
use crate::input::{Input, Origin};
use crate::say::reading as say;

/// Opens a mail held in memory.
pub(super) fn open(
    unpack: &mut Unpack<'_>,
    name: &str,
    bytes: &[u8],
    outer: Option<&Origin>,
    depth: usize,
) -> Vec<Input> {
    let Some(message) = parse(bytes) else {
        let reason = say::BAD_MAIL.to_owned();
        return vec![super::broken(name.to_owned(), reason, outer)];
    };
    // A mail attached to a mail (a forward) keeps the provenance of the mail the clerk received:
    // that is who the reply goes to.
    let origin = outer.cloned().unwrap_or_else(|| origin_of(&message));
    let mut inputs = Vec::new();
    for (n, part) in message.attachments().enumerate() {
        let entry_name = part
            .attachment_name()
            .map(clean_name)
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| unnamed(n + 1, part.is_message()));
        let full = join(name, &entry_name);
        if let Some(inner) = part.message() {
            // message/rfc822 (a forward): its own attachments are the entries.
            let raw = inner.raw_message();
            inputs.extend(unpack.open_as(true, &full, raw, Some(&origin), depth + 1));
            continue;
        }
        let contents = part.contents();
        let leaf = std::path::Path::new(&entry_name);
        // Evidence too large to keep (a video) is only listed; a form too large is refused.
        if contents.len() as u64 > unpack.budget
            && crate::read::is_material_name(leaf)
            && !crate::read::is_spreadsheet_name(leaf)
        {
            inputs.push(super::skipped(full, Some(&origin)));
            continue;
        }
        if contents.len() as u64 > unpack.budget {
            let limit = unpack.limits.max_unpacked_bytes;
            inputs.push(super::too_large(
                full,
                contents.len() as u64,
                limit,
                Some(&origin),
            ));
            continue;
        }
        unpack.budget -= contents.len() as u64;
        inputs.extend(unpack.entry(full, contents, Some(&origin), depth));
    }
    or_nothing_found(name, say::MAIL, inputs, Some(&origin))
}

/// Parses a mail, or `None` when the bytes are no mail at all (mail-parser accepts almost
/// anything as a body, so a mail must have at least one of the headers every client writes).
pub fn parse(bytes: &[u8]) -> Option<Message<'_>> {
    let message = MessageParser::default().parse(bytes)?;
    let looks_like_mail = message.from().is_some()
        || message.date().is_some()
        || message.subject().is_some()
        || message.message_id().is_some();
    looks_like_mail.then_some(message)
}

/// Sender, subject and date of a mail, as the clerk reads them.
pub fn origin_of(message: &Message<'_>) -> Origin {
    let sender = message.from().and_then(|a| a.first());
    Origin {
        from: sender
            .and_then(|a| a.address())
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty()),
        from_name: sender
            .and_then(|a| a.name())
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty()),
        subject: message
            .subject()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty()),
        // In the sender's own time zone, as the mail client showed it to the clerk.
        date: message.date().map(|d| {
            format!(
                "{:04}-{:02}-{:02} {:02}:{:02}",
                d.year, d.month, d.day, d.hour, d.minute
            )
        }),
        sent_at: message.date().map(|d| d.to_timestamp()),
    }
}

/// An attachment name without the folders some clients put in it or the line breaks of a
/// badly folded header; the name is only ever a label.
fn clean_name(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .trim()
        .to_owned()
}

/// A name for an attachment that has none.
fn unnamed(n: usize, is_message: bool) -> String {
    say::unnamed_attachment(n, is_message)
}
