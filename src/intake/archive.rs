//! Archives (`.zip`): every file inside is an entry, folders and all.
//!
//! Windows' "send to compressed folder" writes entry names in the system code page (GBK on a
//! Chinese Windows) without the UTF-8 flag; the zip crate would read those as CP437 mojibake, so
//! names are decoded here: UTF-8 when they are valid UTF-8, else GB18030 (a superset of GBK).
//! Sizes are checked against the directory before anything is inflated, and again while
//! inflating, since a hostile directory may lie.

use std::io::{Cursor, Read};

use super::{join, or_nothing_found, Unpack};
use crate::input::{Input, Origin};
use crate::rules::Code;
use crate::say::reading as say;

/// Opens an archive held in memory.
pub(super) fn open(
    unpack: &mut Unpack<'_>,
    name: &str,
    bytes: &[u8],
    origin: Option<&Origin>,
    depth: usize,
) -> Vec<Input> {
    let mut archive = match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(a) => a,
        Err(_) => {
            let reason = say::BROKEN_ARCHIVE.to_owned();
            return vec![super::broken(name.to_owned(), reason, origin)];
        }
    };
    let declared = archive.decompressed_size().unwrap_or(u128::MAX);
    if declared > u128::from(unpack.budget) {
        let size = u64::try_from(declared).unwrap_or(u64::MAX);
        let limit = unpack.limits.max_unpacked_bytes;
        return vec![super::too_large(name.to_owned(), size, limit, origin)];
    }
    let mut inputs = Vec::new();
    for index in 0..archive.len() {
        let mut file = match archive.by_index(index) {
            Ok(f) => f,
            Err(e) => {
                inputs.push(unreadable_entry(name, index, &e, origin));
                continue;
            }
        };
        if file.is_dir() {
            continue;
        }
        let entry_name = entry_name(file.name_raw());
        let full = join(name, &entry_name);
        // Resource forks macOS adds (`__MACOSX/._立项书.xlsx`) look like spreadsheets but are not.
        if entry_name.starts_with("__MACOSX/") {
            inputs.push(super::skipped(full, origin));
            continue;
        }
        let wanted = super::is_container_name(std::path::Path::new(&entry_name))
            || crate::read::is_spreadsheet_name(std::path::Path::new(&entry_name));
        // Evidence (佐证材料) is kept for merge to record; one it cannot take is only listed.
        let material = !wanted && crate::read::is_material_name(std::path::Path::new(&entry_name));
        let limit = unpack.limits.max_file_bytes.min(unpack.budget);
        if (!wanted && !material) || (material && (file.encrypted() || file.size() > limit)) {
            inputs.push(super::skipped(full, origin));
            continue;
        }
        if file.encrypted() {
            let message = say::ENCRYPTED_ENTRY.to_owned();
            inputs.push(super::rejected(full, Code::E_ENCRYPTED, message, origin));
            continue;
        }
        let mut data = Vec::new();
        let read = (&mut file)
            .take(limit.saturating_add(1))
            .read_to_end(&mut data);
        if data.len() as u64 > limit {
            let size = file.size().max(data.len() as u64);
            inputs.push(super::too_large(full, size, limit, origin));
            continue;
        }
        if let Err(e) = read {
            let message = say::broken_entry(e);
            inputs.push(super::rejected(full, Code::E_UNREADABLE, message, origin));
            continue;
        }
        unpack.budget -= data.len() as u64;
        drop(file);
        inputs.extend(unpack.entry(full, &data, origin, depth));
    }
    or_nothing_found(name, say::ARCHIVE, inputs, origin)
}

fn unreadable_entry(
    name: &str,
    index: usize,
    e: &zip::result::ZipError,
    origin: Option<&Origin>,
) -> Input {
    let message = say::unreadable_entry(index + 1, e);
    super::rejected(
        join(name, &say::nth_entry(index + 1)),
        Code::E_UNREADABLE,
        message,
        origin,
    )
}

/// An entry's name from its raw bytes: UTF-8 when valid, else GB18030 (GBK as Windows writes).
/// Back slashes (old Windows tools) become `/`; nothing else is changed: `../x.xlsx` stays a name.
pub fn entry_name(raw: &[u8]) -> String {
    let text = match std::str::from_utf8(raw) {
        Ok(s) => s.to_owned(),
        Err(_) => encoding_rs::GB18030
            .decode_without_bom_handling(raw)
            .0
            .into_owned(),
    };
    text.replace('\\', "/")
}
