//! Hand-made `.xls` workbooks for the tests: raw records, BIFF8 streams and
//! the compound files around them. The loader's tests build hostile files
//! from [`container`], [`workbook`] and [`number`].

use super::compound::rewrap;
use super::{
    BOF, BOUNDSHEET, CONTINUE, EOF, FORMAT, FORMULA, LABELSST, MULRK, NUMBER, RK, SST, XF,
};

pub(super) const XLS: &[u8] = include_bytes!("../../../tests/data/percent/percent.xls");

pub(crate) fn rec(typ: u16, body: &[u8]) -> Vec<u8> {
    let mut v = typ.to_le_bytes().to_vec();
    v.extend_from_slice(&(body.len() as u16).to_le_bytes());
    v.extend_from_slice(body);
    v
}

pub(super) fn cell_body(row: u16, col: u16, xf: u16, tail: &[u8]) -> Vec<u8> {
    let mut v = Vec::new();
    for x in [row, col, xf] {
        v.extend_from_slice(&x.to_le_bytes());
    }
    v.extend_from_slice(tail);
    v
}

/// A hand-made BIFF8 stream: built-in formats 9 and 10, a FORMAT record
/// whose string continues in a CONTINUE record, a UTF-16 sheet name, a
/// chart substream inside the sheet, a string-result FORMULA.
pub(super) fn synthetic_stream() -> Vec<u8> {
    let mut g = rec(BOF, &[0x00, 0x06, 0x05, 0x00]);
    // FORMAT 200 = "0.0%" split as "0." + (UTF-16) "0%".
    let mut fmt = 200u16.to_le_bytes().to_vec();
    fmt.extend_from_slice(&[4, 0, 0x00, b'0', b'.']);
    g.extend(rec(FORMAT, &fmt));
    g.extend(rec(CONTINUE, &[0x01, b'0', 0, b'%', 0]));
    // FORMAT 9 redefined as a date must no longer count as percent.
    let mut f9 = 9u16.to_le_bytes().to_vec();
    f9.extend_from_slice(&[4, 0, 0x00, b'y', b'y', b'y', b'y']);
    // XF 0: General, 1: built-in 10, 2: FORMAT 200, 3: ifmt 9 (later
    // redefined), 4: ifmt 14 (date).
    for ifmt in [0u16, 10, 200, 9, 14] {
        let mut xf = vec![0u8; 20];
        xf[2..4].copy_from_slice(&ifmt.to_le_bytes());
        g.extend(rec(XF, &xf));
    }
    let sheet_name: Vec<u8> = "表1".encode_utf16().flat_map(u16::to_le_bytes).collect();
    let boundsheet_len = 4 + 8 + sheet_name.len();
    let globals_len = g.len() + 4 + f9.len() + boundsheet_len + 4;
    let mut bs = (globals_len as u32).to_le_bytes().to_vec();
    bs.extend_from_slice(&[0, 0, 2, 1]);
    bs.extend_from_slice(&sheet_name);
    g.extend(rec(FORMAT, &f9));
    g.extend(rec(BOUNDSHEET, &bs));
    g.extend(rec(EOF, &[]));
    assert_eq!(g.len(), globals_len);
    // The sheet.
    g.extend(rec(BOF, &[0x00, 0x06, 0x10, 0x00]));
    g.extend(rec(NUMBER, &cell_body(0, 0, 1, &[0; 8])));
    g.extend(rec(NUMBER, &cell_body(0, 1, 0, &[0; 8])));
    g.extend(rec(RK, &cell_body(1, 0, 2, &[0; 4])));
    g.extend(rec(RK, &cell_body(1, 1, 3, &[0; 4])));
    g.extend(rec(RK, &cell_body(1, 2, 4, &[0; 4])));
    // MULRK row 2, columns 3..=5 with XF 1, 0, 2.
    let mut m = cell_body(2, 3, 1, &[0; 4]);
    m.extend_from_slice(&[0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 5, 0]);
    g.extend(rec(MULRK, &m));
    // FORMULA with a numeric and with a string result.
    let mut num = cell_body(3, 0, 1, &[0; 8]);
    num.extend_from_slice(&[0; 6]);
    g.extend(rec(FORMULA, &num));
    let mut s = cell_body(3, 1, 1, &[0, 0, 0, 0, 0, 0, 0xFF, 0xFF]);
    s.extend_from_slice(&[0; 6]);
    g.extend(rec(FORMULA, &s));
    // An embedded chart substream: its cells are not the sheet's.
    g.extend(rec(BOF, &[0x00, 0x06, 0x20, 0x00]));
    g.extend(rec(NUMBER, &cell_body(9, 9, 1, &[0; 8])));
    g.extend(rec(EOF, &[]));
    g.extend(rec(NUMBER, &cell_body(4, 0, 1, &[0; 8])));
    g.extend(rec(EOF, &[]));
    g
}

pub(crate) fn container(stream: &[u8]) -> Vec<u8> {
    rewrap("Workbook", stream).unwrap()
}

/// A BIFF8 workbook stream: globals (BOF, `globals`, one BOUNDSHEET
/// "S", EOF), then one worksheet substream holding `sheet`.
pub(crate) fn workbook(globals: &[Vec<u8>], sheet: &[Vec<u8>]) -> Vec<u8> {
    let mut g = rec(BOF, &[0x00, 0x06, 0x05, 0x00]);
    for r in globals {
        g.extend(r);
    }
    // BOUNDSHEET (4 + 9 bytes) and EOF (4) come before the sheet.
    let offset = (g.len() + 13 + 4) as u32;
    let mut bs = offset.to_le_bytes().to_vec();
    bs.extend_from_slice(&[0, 0, 1, 0, b'S']);
    g.extend(rec(BOUNDSHEET, &bs));
    g.extend(rec(EOF, &[]));
    assert_eq!(g.len(), offset as usize);
    g.extend(rec(BOF, &[0x00, 0x06, 0x10, 0x00]));
    for r in sheet {
        g.extend(r);
    }
    g.extend(rec(EOF, &[]));
    g
}

pub(crate) fn number(row: u16, col: u16) -> Vec<u8> {
    rec(NUMBER, &cell_body(row, col, 0, &1.5f64.to_le_bytes()))
}

/// An SST holding `strings` (compressed 8-bit), cut into CONTINUE
/// records every `chunk` bytes of character data.
pub(super) fn sst(strings: &[&[u8]], chunk: usize) -> Vec<Vec<u8>> {
    let n = strings.len() as u32;
    let mut body = [n.to_le_bytes(), n.to_le_bytes()].concat();
    let mut out = Vec::new();
    for s in strings {
        body.extend_from_slice(&(s.len() as u16).to_le_bytes());
        body.push(0);
        for (i, part) in s.chunks(chunk).enumerate() {
            if i > 0 {
                out.push(std::mem::take(&mut body));
                body.push(0); // the continuation's own flags byte
            }
            body.extend_from_slice(part);
        }
    }
    out.push(body);
    let mut recs = vec![rec(SST, &out[0])];
    recs.extend(out[1..].iter().map(|b| rec(CONTINUE, b)));
    recs
}

pub(super) fn label_sst(row: u16, col: u16, index: u32) -> Vec<u8> {
    rec(LABELSST, &cell_body(row, col, 0, &index.to_le_bytes()))
}
