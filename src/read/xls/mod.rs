//! Legacy `.xls` (BIFF8) workbooks: what calamine does not say about them,
//! read from the workbook stream itself.
//!
//! calamine reads `.xls` values but exposes no number formats for them, and it
//! builds each sheet as a dense range of its bounding box when it opens the
//! file. Two readers of our own fill the gaps:
//!
//! - `percent`: the percent-formatted numeric cells ([`percent_cells`]);
//! - `extent`: what calamine will allocate for every sheet ([`prepare`],
//!   [`Extent`]), with `compound` reading the OLE container the way calamine
//!   reads it and `scan` walking the records the way calamine turns them into
//!   cells.
//!
//! This file holds what they share: the record types and the bounds-checked
//! readers of records, integers and strings. Nothing here trusts a length or
//! offset from the file; every reader returns `None` when the data runs out.

mod compound;
mod decrypt;
mod extent;
mod percent;
mod scan;
#[cfg(test)]
pub(super) mod tests;

pub(crate) use extent::extent_map;
pub use extent::{prepare, Extent};
pub use percent::percent_cells;

/// Record types used here.
const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const CONTINUE: u16 = 0x003C;
const FILEPASS: u16 = 0x002F;
const BOUNDSHEET: u16 = 0x0085;
const FORMAT: u16 = 0x041E;
const XF: u16 = 0x00E0;
const NUMBER: u16 = 0x0203;
const RK: u16 = 0x027E;
const MULRK: u16 = 0x00BD;
const FORMULA: u16 = 0x0006;

/// More record types, read only to measure sheets.
const DIMENSIONS: u16 = 0x0200;
const LABEL: u16 = 0x0204;
const BOOLERR: u16 = 0x0205;
const STRING: u16 = 0x0207;
const RSTRING: u16 = 0x00D6;
const LABELSST: u16 = 0x00FD;
const SST: u16 = 0x00FC;

/// One BIFF record: type and body.
struct Record<'a> {
    typ: u16,
    data: &'a [u8],
}

/// Reads the record starting at `pos`; returns it and the next position.
fn record_at(stream: &[u8], pos: usize) -> Option<(Record<'_>, usize)> {
    let typ = u16_at(stream, pos)?;
    let len = usize::from(u16_at(stream, pos.checked_add(2)?)?);
    let start = pos.checked_add(4)?;
    let end = start.checked_add(len)?;
    let data = stream.get(start..end)?;
    Some((Record { typ, data }, end))
}

fn u16_at(d: &[u8], i: usize) -> Option<u16> {
    let b = d.get(i..i.checked_add(2)?)?;
    Some(u16::from_le_bytes([*b.first()?, *b.get(1)?]))
}

fn u32_at(d: &[u8], i: usize) -> Option<u32> {
    let b = d.get(i..i.checked_add(4)?)?;
    Some(u32::from_le_bytes([
        *b.first()?,
        *b.get(1)?,
        *b.get(2)?,
        *b.get(3)?,
    ]))
}

/// Reads an Excel unicode string body (after its character count) that may
/// span CONTINUE fragments: `frags[0]` starts at the flags byte. Each
/// continuation fragment begins with its own flags byte (only `fHighByte`
/// matters here). Returns `None` when the data runs out.
fn read_xl_chars(frags: &[&[u8]], first_offset: usize, cch: usize) -> Option<String> {
    let mut frag_idx = 0usize;
    let mut frag = frags.first()?;
    let mut pos = first_offset;
    let flags = *frag.get(pos)?;
    pos += 1;
    let mut high = flags & 0x01 != 0;
    let mut units: Vec<u16> = Vec::with_capacity(cch.min(1024));
    while units.len() < cch {
        if pos >= frag.len() {
            frag_idx += 1;
            frag = frags.get(frag_idx)?;
            high = *frag.first()? & 0x01 != 0;
            pos = 1;
            continue;
        }
        if high {
            units.push(u16_at(frag, pos)?);
            pos += 2;
        } else {
            units.push(u16::from(*frag.get(pos)?));
            pos += 1;
        }
    }
    Some(String::from_utf16_lossy(&units))
}
