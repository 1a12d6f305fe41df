//! The OLE compound file around an `.xls` workbook stream, read the way
//! calamine 0.38 reads it (its cfb.rs), and written anew for calamine.
//!
//! calamine finds a stream by the first directory entry whose name matches,
//! ignoring ASCII case, anywhere in the directory, and follows the FAT with
//! no check on chain length. The same rules are used here, so a legitimate
//! file yields the stream calamine would read; unlike calamine, every chain
//! is bounded by the number of sectors in the file, and a file that breaks
//! that bound (a cycle, a FAT listed twice) is refused.
//!
//! [`rewrap`] then writes the stream alone into a fresh container, so calamine
//! never walks the original's sector chains.

use std::io::Cursor;

use super::{u16_at, u32_at};

/// Writes `stream` as the only stream of a new compound file, version 3
/// (512-byte sectors): calamine bounds mini-sector ids by 8 per file sector,
/// which wrongly refuses small version-4 files.
pub(super) fn rewrap(name: &str, stream: &[u8]) -> Option<Vec<u8>> {
    use std::io::Write;
    let mut cf =
        cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new())).ok()?;
    {
        let mut s = cf.create_stream(format!("/{name}")).ok()?;
        s.write_all(stream).ok()?;
    }
    cf.flush().ok()?;
    Some(cf.into_inner().into_inner())
}

const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const RESERVED_SECTORS: u32 = 0xFFFF_FFFA;
const DIFSECT: u32 = 0xFFFF_FFFC;

struct Compound<'a> {
    /// The file after its header sector.
    body: &'a [u8],
    /// Sector size (512 or 4096).
    size: usize,
    /// calamine's bound on sector ids: file length / sector size.
    maxid: u32,
    fats: Vec<u32>,
    /// (name, first sector, length) of each directory entry, in order.
    dirs: Vec<(String, u32, u64)>,
    mini: Vec<u8>,
    minifats: Vec<u32>,
}

fn u32s(d: &[u8]) -> impl Iterator<Item = u32> + '_ {
    d.chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
}

impl<'a> Compound<'a> {
    fn open(bytes: &'a [u8]) -> Result<Compound<'a>, &'static str> {
        const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        let header = bytes.get(..512).ok_or("file too short")?;
        if header.get(..8) != Some(&CFB_MAGIC[..]) {
            return Err("not a compound file");
        }
        let size = match u16_at(header, 30) {
            Some(9) => 512,
            Some(12) => 4096,
            _ => return Err("invalid sector size"),
        };
        if u16_at(header, 32) != Some(6) {
            return Err("invalid mini sector size");
        }
        let field = |at: usize| u32_at(header, at).ok_or("short header");
        let version = u16_at(header, 26).ok_or("short header")?;
        let dir_start = field(48)?;
        let mini_fat_start = field(60)?;
        let mini_fat_len = u64::from(field(64)?);
        let difat_start = field(68)?;
        let body = bytes.get(size..).ok_or("file too short")?;
        let maxid = u32::try_from(bytes.len() / size).unwrap_or(u32::MAX);
        let mut cf = Compound {
            body,
            size,
            maxid,
            fats: Vec::new(),
            dirs: Vec::new(),
            mini: Vec::new(),
            minifats: Vec::new(),
        };
        // Most sectors any chain can legitimately visit.
        let steps = maxid as usize + 1;

        let mut difat: Vec<u32> = u32s(header.get(76..512).ok_or("short header")?).collect();
        let mut id = difat_start;
        let mut difat_sectors = 0usize;
        while id < RESERVED_SECTORS {
            difat_sectors += 1;
            if difat_sectors > steps {
                return Err("DIFAT chain too long");
            }
            difat.extend(u32s(cf.sector(id)?));
            id = difat.pop().ok_or("empty DIFAT sector")?;
        }
        let fat_sectors: Vec<u32> = difat.into_iter().filter(|&id| id < DIFSECT).collect();
        if fat_sectors.len() > steps {
            return Err("more FAT sectors than the file holds");
        }
        for id in fat_sectors {
            let s = cf.sector(id)?;
            cf.fats.extend(u32s(s));
        }

        let dirs = cf.chain(dir_start, u64::MAX)?;
        for d in dirs.chunks_exact(128) {
            let start = u32_at(d, 116).unwrap_or(ENDOFCHAIN);
            let len = if size == 512 {
                u64::from(u32_at(d, 120).unwrap_or(0))
            } else {
                let lo = u64::from(u32_at(d, 120).unwrap_or(0));
                let hi = u64::from(u32_at(d, 124).unwrap_or(0));
                hi << 32 | lo
            };
            cf.dirs
                .push((dir_name(d.get(..64).unwrap_or(&[])), start, len));
        }
        let Some(&(_, root_start, root_len)) = cf.dirs.first() else {
            return Err("empty root directory");
        };
        if version != 3 && root_start == ENDOFCHAIN {
            return Err("empty root directory");
        }
        if mini_fat_len > 0 {
            cf.mini = cf.chain(root_start, root_len)?;
            let minifat = cf.chain(mini_fat_start, mini_fat_len.saturating_mul(size as u64))?;
            cf.minifats = u32s(&minifat).collect();
        }
        Ok(cf)
    }

    /// Sector `id`; past the end of the file it is short or empty, as the
    /// first read of it is in calamine.
    fn sector(&self, id: u32) -> Result<&'a [u8], &'static str> {
        if id > self.maxid {
            return Err("sector beyond the end of the file");
        }
        let start = (id as usize).saturating_mul(self.size);
        let end = start.saturating_add(self.size).min(self.body.len());
        Ok(self.body.get(start..end).unwrap_or(&[]))
    }

    /// Mini sector `id` of the mini stream.
    fn mini_sector(&self, id: u32) -> Result<&[u8], &'static str> {
        if u64::from(id) > u64::from(self.maxid) * 8 {
            return Err("mini sector beyond the end of the file");
        }
        let start = (id as usize).saturating_mul(64);
        // calamine would read past the mini stream from wherever its file
        // reader stands; no legitimate file needs that.
        self.mini
            .get(start..start.saturating_add(64))
            .ok_or("mini sector beyond the mini stream")
    }

    /// Follows a FAT chain from `id` until ENDOFCHAIN or `len` bytes.
    fn chain(&self, id: u32, len: u64) -> Result<Vec<u8>, &'static str> {
        self.follow(id, len, &self.fats, self.maxid as usize + 1, |id| {
            self.sector(id)
        })
    }

    fn follow<'s>(
        &'s self,
        mut id: u32,
        len: u64,
        fats: &[u32],
        max_steps: usize,
        get: impl Fn(u32) -> Result<&'s [u8], &'static str>,
    ) -> Result<Vec<u8>, &'static str> {
        let mut out = Vec::new();
        let mut steps = 0usize;
        while id != ENDOFCHAIN {
            steps += 1;
            if steps > max_steps {
                return Err("sector chain longer than the file");
            }
            let s = get(id)?;
            let remaining = len.saturating_sub(out.len() as u64);
            let take = s
                .len()
                .min(usize::try_from(remaining).unwrap_or(usize::MAX));
            out.extend_from_slice(s.get(..take).unwrap_or(s));
            if out.len() as u64 >= len {
                break;
            }
            id = *fats.get(id as usize).ok_or("sector missing from the FAT")?;
        }
        Ok(out)
    }

    /// The stream of the first directory entry called `name` (ASCII case
    /// ignored), from the mini stream when shorter than 4096 bytes.
    fn stream(&self, name: &str) -> Result<Vec<u8>, &'static str> {
        let &(_, start, len) = self
            .dirs
            .iter()
            .find(|(n, _, _)| n.as_bytes().eq_ignore_ascii_case(name.as_bytes()))
            .ok_or("stream not found")?;
        if len < 4096 {
            let steps = (self.maxid as usize).saturating_mul(8).saturating_add(1);
            self.follow(start, len, &self.minifats, steps, |id| self.mini_sector(id))
        } else {
            self.chain(start, len)
        }
    }
}

/// A directory entry name as calamine decodes it: encoding_rs's UTF-16LE
/// decoder (which honours a byte-order mark, UTF-8's included), cut at the
/// first NUL.
fn dir_name(raw: &[u8]) -> String {
    let utf16 = |b: &[u8], be: bool| {
        let units: Vec<u16> = b
            .chunks_exact(2)
            .map(|c| {
                if be {
                    u16::from_be_bytes([c[0], c[1]])
                } else {
                    u16::from_le_bytes([c[0], c[1]])
                }
            })
            .collect();
        String::from_utf16_lossy(&units)
    };
    let mut name = if let Some(rest) = raw.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        String::from_utf8_lossy(rest).into_owned()
    } else if let Some(rest) = raw.strip_prefix(&[0xFF, 0xFE]) {
        utf16(rest, false)
    } else if let Some(rest) = raw.strip_prefix(&[0xFE, 0xFF]) {
        utf16(rest, true)
    } else {
        utf16(raw, false)
    };
    if let Some(nul) = name.find('\0') {
        name.truncate(nul);
    }
    name
}

/// Why no workbook stream could be taken out of an `.xls`: English detail, shown inside the
/// loader's Chinese "the file is damaged" sentence.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PrepareError {
    /// No readable compound file (too short, bad header, broken chains).
    #[error("{0}")]
    Container(&'static str),
    /// A compound file without a `Workbook` or `Book` stream.
    #[error("cannot read the Workbook stream: {0}")]
    NoWorkbook(&'static str),
    /// The measured stream could not be wrapped again for calamine.
    #[error("cannot rebuild the compound file")]
    Rewrap,
    /// The reader panicked on the file's structure (caught).
    #[error("unexpected structure")]
    Panicked,
}

/// The stream calamine parses: `Workbook`, else `Book` (BIFF5), with its
/// name.
pub(super) fn calamine_stream(bytes: &[u8]) -> Result<(&'static str, Vec<u8>), PrepareError> {
    let cf = Compound::open(bytes).map_err(PrepareError::Container)?;
    match cf.stream("Workbook") {
        Ok(s) => Ok(("Workbook", s)),
        Err(_) => match cf.stream("Book") {
            Ok(s) => Ok(("Book", s)),
            Err(e) => Err(PrepareError::NoWorkbook(e)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::xls::extent::{extents, prepare};
    use crate::read::xls::tests::{number, workbook};

    /// A compound file: header, FAT in sector 0, directory in sector 1
    /// whose FAT entry points back at itself.
    fn cyclic_directory() -> Vec<u8> {
        let mut f = vec![0u8; 512 * 3];
        f[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
        f[26] = 3; // version
        f[28..30].copy_from_slice(&0xFFFEu16.to_le_bytes());
        f[30] = 9;
        f[32] = 6;
        f[44] = 1; // one FAT sector
        f[48..52].copy_from_slice(&1u32.to_le_bytes()); // directory at sector 1
        f[60..64].copy_from_slice(&ENDOFCHAIN.to_le_bytes());
        f[68..72].copy_from_slice(&ENDOFCHAIN.to_le_bytes());
        for i in 0..109 {
            f[76 + 4 * i..80 + 4 * i].copy_from_slice(&u32::MAX.to_le_bytes());
        }
        f[76..80].copy_from_slice(&0u32.to_le_bytes()); // FAT in sector 0
        let fat = 512;
        f[fat..fat + 4].copy_from_slice(&0xFFFF_FFFDu32.to_le_bytes());
        f[fat + 4..fat + 8].copy_from_slice(&1u32.to_le_bytes()); // 1 -> 1
        f
    }

    #[test]
    fn hostile_containers_are_refused() {
        // calamine would follow the cycle until memory runs out.
        let t = std::time::Instant::now();
        assert!(prepare(&cyclic_directory()).is_err());
        // The FAT listed 10,000 times over: calamine would copy it each time.
        let mut f = cyclic_directory();
        f[fat_terminate()..fat_terminate() + 4].copy_from_slice(&ENDOFCHAIN.to_le_bytes());
        f[68..72].copy_from_slice(&2u32.to_le_bytes()); // DIFAT sector 2
        for i in 0..127 {
            f[1024 + 4 * i..1028 + 4 * i].copy_from_slice(&0u32.to_le_bytes());
        }
        f[1024 + 508..1024 + 512].copy_from_slice(&2u32.to_le_bytes()); // DIFAT loops
        assert!(prepare(&f).is_err());
        assert!(t.elapsed().as_secs() < 2);
        // Without a Workbook stream there is nothing for calamine either.
        let mut cf = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
        cf.create_stream("/EncryptedPackage").unwrap();
        cf.flush().unwrap();
        assert!(prepare(&cf.into_inner().into_inner()).is_err());
    }

    fn fat_terminate() -> usize {
        512 + 4
    }

    #[test]
    fn stream_is_found_the_way_calamine_finds_it() {
        // Name case and a BIFF5 "Book" stream.
        for name in ["/WORKBOOK", "/Book"] {
            let mut cf = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
            {
                use std::io::Write;
                let mut s = cf.create_stream(name).unwrap();
                s.write_all(&workbook(&[], &[number(3, 4)])).unwrap();
            }
            cf.flush().unwrap();
            let bytes = cf.into_inner().into_inner();
            let e = extents(&bytes)["S"];
            assert_eq!((e.first_row, e.first_col, e.cells), (3, 4, 1));
        }
        // A directory name behind a UTF-8 byte-order mark is decoded as
        // UTF-8 by calamine.
        let mut raw = [0u8; 64];
        raw[..3].copy_from_slice(&[0xEF, 0xBB, 0xBF]);
        raw[3..11].copy_from_slice(b"Workbook");
        assert_eq!(dir_name(&raw), "Workbook");
        let utf16: Vec<u8> = "Book".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(dir_name(&utf16), "Book");
    }
}
