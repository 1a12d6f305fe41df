//! Intake: mails (`.eml`) and archives (`.zip`) opened in memory into the spreadsheets they carry.
//!
//! Units email their forms, often zipped, sometimes as a zip inside a forwarded mail. The clerk
//! should not have to save each attachment by hand, so every spreadsheet inside a container
//! becomes one [`Input`] named `信件或压缩包名 › 附件名`, and the rest of taizhang never knows
//! it came by mail.
//!
//! Nothing is ever written to disk: an entry named `../../x.xlsx` is only a name. Everything
//! inflated is bounded by [`Limits`]: one attachment by `max_file_bytes`, all of one container
//! (nested ones included) by `max_unpacked_bytes`, nesting by [`MAX_DEPTH`]. A container that
//! cannot be opened, or that holds no spreadsheet at all, still gives exactly one result, so
//! the clerk always hears about every file received.

pub mod archive;
pub mod mail;

use std::path::Path;
use std::sync::Arc;

use crate::input::{Input, InputData, Origin, SEPARATOR};
use crate::read::{self, Limits};
use crate::rules::{Code, Problem};
use crate::say::reading as say;

/// How deep containers may nest (a zip in a zip in a mail is depth 3): deeper ones are refused,
/// since no unit means to send that and a hostile file could nest without end.
pub const MAX_DEPTH: usize = 3;

/// The kinds of container taizhang opens, by lower-case extension.
pub const CONTAINER_EXTENSIONS: &[&str] = &["eml", "zip"];

/// True when the name says mail or archive (case-insensitive), so it is opened, not skipped.
pub fn is_container_name(path: &Path) -> bool {
    read::extension(path).is_some_and(|e| CONTAINER_EXTENSIONS.contains(&e.as_str()))
}

/// Opens a mail or archive on disk into its inputs, in entry order. Never fails: a file that
/// cannot be read is one input carrying the reason.
pub fn expand_file(path: &Path, limits: &Limits) -> Vec<Input> {
    let name = path.display().to_string();
    let size = match std::fs::metadata(path) {
        Ok(meta) => meta.len(),
        Err(e) => return vec![broken(name, say::cannot_open(e), None)],
    };
    if size > limits.max_unpacked_bytes {
        return vec![too_large(name, size, limits.max_unpacked_bytes, None)];
    }
    match std::fs::read(path) {
        Ok(bytes) => expand_bytes(&name, &bytes, None, limits),
        Err(e) => vec![broken(name, say::cannot_read(e), None)],
    }
}

/// Opens a mail or archive held in memory (an upload, say) into its inputs; `name` is what the
/// outputs call it, `origin` the mail it came in, if any. A panic inside a parser (a hostile
/// file finding a bug in a crate) is one broken input, never a crash of the whole run.
pub fn expand_bytes(
    name: &str,
    bytes: &[u8],
    origin: Option<&Origin>,
    limits: &Limits,
) -> Vec<Input> {
    crate::guard::catch(std::panic::AssertUnwindSafe(|| {
        expand_unguarded(name, bytes, origin, limits)
    }))
    .unwrap_or_else(|_| {
        vec![broken(
            name.to_owned(),
            say::OPENER_CRASHED.to_owned(),
            origin,
        )]
    })
}

/// [`expand_bytes`] without its `catch_unwind`: a panic in a mail or zip parser reaches the
/// caller. It exists so that tests and fuzzing see panics, which [`expand_bytes`] turns into one
/// broken input; everything else should call [`expand_bytes`]. The spreadsheets it returns are
/// not read here (see [`read::read_bytes_unguarded`] for those).
pub fn expand_unguarded(
    name: &str,
    bytes: &[u8],
    origin: Option<&Origin>,
    limits: &Limits,
) -> Vec<Input> {
    let mut unpack = Unpack {
        limits,
        budget: limits.max_unpacked_bytes,
    };
    unpack.container(name, bytes, origin, 0)
}

/// The bounds of one top-level container while it is being opened.
struct Unpack<'a> {
    limits: &'a Limits,
    /// Bytes that may still be inflated from this container and everything nested in it.
    budget: u64,
}

impl Unpack<'_> {
    /// A mail or archive at `depth` (0: the file itself).
    fn container(
        &mut self,
        name: &str,
        bytes: &[u8],
        origin: Option<&Origin>,
        depth: usize,
    ) -> Vec<Input> {
        let is_mail = read::extension(Path::new(leaf(name))).as_deref() == Some("eml");
        self.open_as(is_mail, name, bytes, origin, depth)
    }

    /// A mail (`is_mail`) or an archive at `depth`, whatever its name says.
    fn open_as(
        &mut self,
        is_mail: bool,
        name: &str,
        bytes: &[u8],
        origin: Option<&Origin>,
        depth: usize,
    ) -> Vec<Input> {
        if depth >= MAX_DEPTH {
            let message = say::nested_too_deep(MAX_DEPTH);
            return vec![rejected(
                name.to_owned(),
                Code::E_UNREADABLE,
                message,
                origin,
            )];
        }
        if is_mail {
            mail::open(self, name, bytes, origin, depth)
        } else {
            archive::open(self, name, bytes, origin, depth)
        }
    }

    /// One attachment or entry, already in memory: a container is opened, anything else is an
    /// input (a spreadsheet to check, or a file listed as skipped).
    fn entry(
        &mut self,
        name: String,
        bytes: &[u8],
        origin: Option<&Origin>,
        depth: usize,
    ) -> Vec<Input> {
        if is_container_name(Path::new(leaf(&name))) {
            return self.container(&name, bytes, origin, depth + 1);
        }
        let path = Path::new(leaf(&name));
        // Evidence keeps its bytes: merge records its SHA-256 and may copy it (佐证材料).
        if !read::is_spreadsheet_name(path) && !read::is_material_name(path) {
            return vec![skipped(name, origin)];
        }
        vec![Input {
            name,
            data: InputData::Bytes(Arc::from(bytes)),
            origin: origin.cloned(),
        }]
    }
}

/// `parent › child`.
pub fn join(parent: &str, child: &str) -> String {
    format!("{parent}{SEPARATOR}{child}")
}

/// The last part of a name (`附件.xlsx` of `信件.eml › 附件.xlsx`).
fn leaf(name: &str) -> &str {
    name.rsplit(SEPARATOR).next().unwrap_or(name)
}

/// An entry that is not a spreadsheet: listed as skipped, its bytes never kept nor read.
fn skipped(name: String, origin: Option<&Origin>) -> Input {
    Input {
        name,
        data: InputData::Bytes(Arc::from(Vec::new())),
        origin: origin.cloned(),
    }
}

/// A container that could not be opened.
fn broken(name: String, message: String, origin: Option<&Origin>) -> Input {
    Input {
        name,
        data: InputData::Broken(message),
        origin: origin.cloned(),
    }
}

/// A container or entry refused for a stated reason.
fn rejected(name: String, code: Code, message: String, origin: Option<&Origin>) -> Input {
    Input {
        name,
        data: InputData::Rejected(Problem::file(code, message)),
        origin: origin.cloned(),
    }
}

/// Refused because it would inflate past a limit (a "zip bomb", a huge attachment).
fn too_large(name: String, size: u64, limit: u64, origin: Option<&Origin>) -> Input {
    let message = say::entry_too_large(&read::human_size(size), &read::human_size(limit));
    rejected(name, Code::E_TOO_LARGE, message, origin)
}

/// What a container gave, or, when it held no spreadsheet and nothing went wrong inside it, one
/// input saying so: the clerk must hear about every mail, even an empty one.
fn or_nothing_found(
    name: &str,
    what: &str,
    inputs: Vec<Input>,
    origin: Option<&Origin>,
) -> Vec<Input> {
    let worth_a_result = |i: &Input| match &i.data {
        InputData::Bytes(_) => read::is_spreadsheet_name(Path::new(leaf(&i.name))),
        _ => true,
    };
    if inputs.iter().any(worth_a_result) {
        return inputs;
    }
    let others: Vec<&str> = inputs.iter().map(|i| leaf(&i.name)).collect();
    let message = say::no_spreadsheet(what, &others);
    vec![rejected(
        name.to_owned(),
        Code::E_NO_SPREADSHEET,
        message,
        origin,
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut buf = std::io::Cursor::new(Vec::new());
        let mut z = zip::ZipWriter::new(&mut buf);
        let options = zip::write::SimpleFileOptions::default();
        for (name, data) in entries {
            z.start_file(*name, options).unwrap();
            z.write_all(data).unwrap();
        }
        z.finish().unwrap();
        buf.into_inner()
    }

    fn problem(input: &Input) -> Option<&Problem> {
        match &input.data {
            InputData::Rejected(p) => Some(p),
            _ => None,
        }
    }

    #[test]
    fn an_archive_declaring_more_than_the_budget_is_refused_whole() {
        let limits = Limits {
            max_unpacked_bytes: 1024 * 1024,
            ..Limits::default()
        };
        let zeros = vec![0u8; 2 * 1024 * 1024];
        let inputs = expand_bytes("a.zip", &zip_of(&[("x.xlsx", &zeros)]), None, &limits);
        assert_eq!(inputs.len(), 1);
        assert_eq!(problem(&inputs[0]).map(|p| p.code), Some(Code::E_TOO_LARGE));
    }

    #[test]
    fn nesting_deeper_than_the_limit_is_refused() {
        let mut bytes = zip_of(&[("x.xlsx", b"not really")]);
        for _ in 0..MAX_DEPTH {
            bytes = zip_of(&[("inner.zip", &bytes)]);
        }
        let inputs = expand_bytes("a.zip", &bytes, None, &Limits::default());
        assert_eq!(inputs.len(), 1);
        assert!(inputs[0]
            .name
            .ends_with("inner.zip › inner.zip › inner.zip"));
        let p = problem(&inputs[0])
            .map(|p| p.message.clone())
            .unwrap_or_default();
        assert!(p.contains("嵌套"), "{p}");
    }

    #[test]
    fn entries_keep_archive_order_and_only_evidence_keeps_bytes() {
        let inputs = expand_bytes(
            "a.zip",
            &zip_of(&[
                ("b.xlsx", b"1"),
                ("a.pdf", b"2"),
                ("说明.txt", b"4"),
                ("__MACOSX/._b.xlsx", b"3"),
            ]),
            None,
            &Limits::default(),
        );
        let names: Vec<&str> = inputs.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "a.zip › b.xlsx",
                "a.zip › a.pdf",
                "a.zip › 说明.txt",
                "a.zip › __MACOSX/._b.xlsx"
            ]
        );
        // The PDF may be 佐证材料: merge records its hash. The note is only listed.
        assert!(matches!(&inputs[1].data, InputData::Bytes(b) if b.as_ref() == b"2"));
        assert!(matches!(&inputs[2].data, InputData::Bytes(b) if b.is_empty()));
        assert!(matches!(&inputs[3].data, InputData::Bytes(b) if b.is_empty()));
    }
}
