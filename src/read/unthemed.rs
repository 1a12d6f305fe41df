//! An `.xlsx` without its theme, for calamine.
//!
//! calamine 0.38 parses the workbook's theme (`xl/theme/theme1.xml`, tens of kilobytes of XML)
//! every time it opens a file, to resolve theme colours of fonts and fills. taizhang reads no
//! colours, and on a one-page form that parse is about a tenth of the whole read. calamine falls
//! back to the default Office palette when a workbook has no theme, so taizhang hands it a copy
//! of the file whose central directory calls the theme something else: nothing is inflated,
//! nothing else changes, and a file whose directory does not look exactly as expected is passed
//! on untouched.

use std::borrow::Cow;

/// The entry calamine looks for, and the name it is given instead (same length).
const THEME: &[u8] = b"xl/theme/theme1.xml";
const HIDDEN: &[u8] = b"xl/theme/theme1.xm_";

/// End of central directory record: signature and fixed size.
const EOCD_SIG: &[u8] = b"PK\x05\x06";
const EOCD_LEN: usize = 22;
/// Central directory file header: signature and fixed size.
const CDFH_SIG: &[u8] = b"PK\x01\x02";
const CDFH_LEN: usize = 46;

/// The bytes with the theme entry renamed in the central directory, or the bytes as they are.
pub fn without_theme(bytes: &[u8]) -> Cow<'_, [u8]> {
    match theme_name_at(bytes) {
        Some(at) => {
            let mut copy = bytes.to_vec();
            copy[at..at + HIDDEN.len()].copy_from_slice(HIDDEN);
            Cow::Owned(copy)
        }
        None => Cow::Borrowed(bytes),
    }
}

fn u16_at(b: &[u8], i: usize) -> Option<usize> {
    Some(u16::from_le_bytes(b.get(i..i + 2)?.try_into().ok()?) as usize)
}

fn u32_at(b: &[u8], i: usize) -> Option<usize> {
    Some(u32::from_le_bytes(b.get(i..i + 4)?.try_into().ok()?) as usize)
}

/// Where the theme's name starts in the central directory, walking it record by record from
/// the offset the end record gives.
fn theme_name_at(b: &[u8]) -> Option<usize> {
    // The end record is the last 22 bytes unless the archive has a comment (xlsx files don't).
    let eocd = b.len().checked_sub(EOCD_LEN)?;
    if b.get(eocd..eocd + 4)? != EOCD_SIG {
        return None;
    }
    let entries = u16_at(b, eocd + 10)?;
    let mut at = u32_at(b, eocd + 16)?;
    for _ in 0..entries {
        if b.get(at..at + 4)? != CDFH_SIG {
            return None;
        }
        let name_len = u16_at(b, at + 28)?;
        let extra_len = u16_at(b, at + 30)?;
        let comment_len = u16_at(b, at + 32)?;
        let name = at + CDFH_LEN;
        if b.get(name..name + name_len)? == THEME {
            return Some(name);
        }
        at = name + name_len + extra_len + comment_len;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Reader, Xlsx};
    use std::io::Cursor;

    fn form() -> Vec<u8> {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/samples/inbox/2018-03-立项/田家庵区委-立项书.xlsx"
        );
        std::fs::read(path).unwrap()
    }

    #[test]
    fn the_theme_is_renamed_and_every_cell_reads_the_same() {
        let bytes = form();
        let at = theme_name_at(&bytes).expect("the sample has a theme");
        assert_eq!(&bytes[at..at + THEME.len()], THEME);
        let hidden = without_theme(&bytes);
        assert_eq!(hidden.len(), bytes.len());
        let cells = |b: &[u8]| {
            let mut book = Xlsx::new(Cursor::new(b.to_vec())).unwrap();
            let name = book.sheet_names()[0].clone();
            let range = book.worksheet_range(&name).unwrap();
            range
                .used_cells()
                .map(|(r, c, v)| format!("{r},{c}:{v:?}"))
                .collect::<Vec<_>>()
        };
        assert_eq!(cells(&hidden), cells(&bytes));
        assert!(theme_name_at(&hidden).is_none());
    }

    #[test]
    fn anything_unexpected_is_passed_on_untouched() {
        for bytes in [
            Vec::new(),
            b"PK\x05\x06".to_vec(),
            vec![0u8; 100],
            form()[..2000].to_vec(),
        ] {
            assert!(matches!(without_theme(&bytes), Cow::Borrowed(_)));
        }
        // A directory offset pointing past the end.
        let mut bytes = form();
        let n = bytes.len();
        bytes[n - 6..n - 2].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(matches!(without_theme(&bytes), Cow::Borrowed(_)));
    }
}
