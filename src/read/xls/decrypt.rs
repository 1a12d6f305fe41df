//! `.xls` workbooks encrypted with Excel's default password.
//!
//! "Protect workbook structure" and some "read-only recommended" saves encrypt the workbook
//! stream with the password `VelvetSweatshop`, which Excel supplies itself: the clerk who opens
//! the file is never asked for it. Such a file is no password-protected file to the unit, so it
//! is opened here (RC4, MS-XLS 2.2.10 / MS-OFFCRYPTO 2.3.6, and RC4 CryptoAPI, 2.3.5) before the
//! stream is measured and handed to calamine. A file with any other password is left as it was,
//! and calamine reports it as password-protected.
//!
//! The key derivation follows MS-OFFCRYPTO (and msoffcrypto-tool, which the test files were
//! checked against); the hashes and the cipher are the RustCrypto crates'.

use md5::{Digest, Md5};
use rc4::{KeyInit, Rc4, StreamCipher};
use sha1::Sha1;

use super::super::DEFAULT_PASSWORD;
use super::{record_at, u16_at, u32_at, BOF, BOUNDSHEET, EOF, FILEPASS};

/// Records that stay in the clear in an encrypted stream (MS-XLS 2.2.10).
const PLAIN_RECORDS: [u16; 7] = [BOF, FILEPASS, 0x0194, 0x0195, 0x00E1, 0x0196, 0x0138];

/// Bytes encrypted with one key: the key is derived again for every block of the stream.
const BLOCK: usize = 1024;

/// What [`open_default`] did with a workbook stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Opened {
    /// No encryption (or XOR obfuscation, which calamine reads through): left as it was.
    Plain,
    /// Encrypted with the default password: decrypted in place, FILEPASS blanked.
    Decrypted,
    /// Encrypted with another password, or a method not known here: left as it was.
    Locked,
}

/// The key schedule a FILEPASS record names.
enum Method {
    /// RC4 (version 1.1): MD5 of the password, salted.
    Rc4 { salt: [u8; 16] },
    /// RC4 CryptoAPI (versions 2–4 .2): SHA-1, with a key of `key_bytes` bytes.
    CryptoApi { salt: [u8; 16], key_bytes: usize },
}

/// Decrypts `stream` in place when its FILEPASS says RC4 or RC4 CryptoAPI and the default
/// password opens it. Never panics; linear in the stream.
pub(crate) fn open_default(stream: &mut [u8]) -> Opened {
    let Some((filepass_at, filepass_end)) = find_filepass(stream) else {
        return Opened::Plain;
    };
    let body = &stream[filepass_at + 4..filepass_end];
    if u16_at(body, 0) != Some(1) {
        return Opened::Plain; // XOR obfuscation: calamine does not refuse it
    }
    let Some((method, verifier, verifier_hash)) = parse_filepass(body) else {
        return Opened::Locked;
    };
    let password: Vec<u8> = DEFAULT_PASSWORD
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let keys = Keys::new(&method, &password);
    if !keys.verifies(&method, &verifier, &verifier_hash) {
        return Opened::Locked;
    }
    decrypt_records(stream, filepass_end, &keys);
    // Blank FILEPASS the way msoffcrypto-tool does: type 0, body zeroed, sizes kept.
    stream[filepass_at] = 0;
    stream[filepass_at + 1] = 0;
    stream[filepass_at + 4..filepass_end].fill(0);
    Opened::Decrypted
}

/// The FILEPASS record of the globals substream: its start and end.
fn find_filepass(stream: &[u8]) -> Option<(usize, usize)> {
    let mut pos = 0;
    while let Some((rec, next)) = record_at(stream, pos) {
        match rec.typ {
            FILEPASS => return Some((pos, next)),
            EOF => return None,
            _ => {}
        }
        pos = next;
    }
    None
}

/// Salt, encrypted verifier and encrypted verifier hash of an RC4 FILEPASS body.
fn parse_filepass(body: &[u8]) -> Option<(Method, Vec<u8>, Vec<u8>)> {
    let (major, minor) = (u16_at(body, 2)?, u16_at(body, 4)?);
    let salt = |at: usize| -> Option<[u8; 16]> { body.get(at..at + 16)?.try_into().ok() };
    match (major, minor) {
        (1, 1) => Some((
            Method::Rc4 { salt: salt(6)? },
            body.get(22..38)?.to_vec(),
            body.get(38..54)?.to_vec(),
        )),
        (2..=4, 2) => {
            let header_size = usize::try_from(u32_at(body, 10)?).ok()?;
            let header = 14usize;
            let key_bits = match u32_at(body, header + 16)? {
                0 => 40, // "0 means 40 bits" for RC4 CryptoAPI
                bits => bits,
            };
            if key_bits % 8 != 0 || !(40..=128).contains(&key_bits) {
                return None;
            }
            let verifier = header.checked_add(header_size)?;
            if u32_at(body, verifier)? != 16 {
                return None;
            }
            Some((
                Method::CryptoApi {
                    salt: salt(verifier + 4)?,
                    key_bytes: (key_bits / 8) as usize,
                },
                body.get(verifier + 20..verifier + 36)?.to_vec(),
                body.get(verifier + 40..verifier + 60)?.to_vec(),
            ))
        }
        _ => None,
    }
}

/// The per-block keys of one password and FILEPASS.
struct Keys {
    /// What every block's key is hashed from, before the block number.
    base: Vec<u8>,
    /// True for RC4 CryptoAPI (SHA-1), false for RC4 (MD5).
    sha1: bool,
    /// Bytes of the key the cipher is given (40-bit CryptoAPI keys are padded to 16).
    key_bytes: usize,
    /// Bytes of the hash that are key material.
    key_used: usize,
}

impl Keys {
    fn new(method: &Method, password: &[u8]) -> Keys {
        match method {
            Method::Rc4 { salt } => {
                let h0 = Md5::digest(password);
                let mut buf = Vec::with_capacity(16 * 21);
                for _ in 0..16 {
                    buf.extend_from_slice(&h0[..5]);
                    buf.extend_from_slice(salt);
                }
                Keys {
                    base: Md5::digest(&buf)[..5].to_vec(),
                    sha1: false,
                    key_bytes: 16,
                    key_used: 16,
                }
            }
            Method::CryptoApi { salt, key_bytes } => {
                let mut h = Sha1::new();
                h.update(salt);
                h.update(password);
                Keys {
                    base: h.finalize().to_vec(),
                    sha1: true,
                    key_bytes: if *key_bytes == 5 { 16 } else { *key_bytes },
                    key_used: *key_bytes,
                }
            }
        }
    }

    /// The key of block `block`, zero-padded to the cipher's key length.
    fn key(&self, block: u32) -> Vec<u8> {
        let hash = if self.sha1 {
            let mut h = Sha1::new();
            h.update(&self.base);
            h.update(block.to_le_bytes());
            h.finalize().to_vec()
        } else {
            let mut h = Md5::new();
            h.update(&self.base);
            h.update(block.to_le_bytes());
            h.finalize().to_vec()
        };
        let mut key = vec![0u8; self.key_bytes];
        key[..self.key_used].copy_from_slice(&hash[..self.key_used]);
        key
    }

    /// `len` bytes of the keystream of block `block`.
    fn keystream(&self, block: u32, len: usize) -> Vec<u8> {
        let mut out = vec![0u8; len];
        apply_rc4(&self.key(block), &mut out);
        out
    }

    /// True when the password decrypts the verifier to the value its hash names.
    fn verifies(&self, method: &Method, verifier: &[u8], verifier_hash: &[u8]) -> bool {
        let ks = self.keystream(0, verifier.len() + verifier_hash.len());
        let plain: Vec<u8> = verifier.iter().zip(&ks).map(|(a, b)| a ^ b).collect();
        let hash: Vec<u8> = verifier_hash
            .iter()
            .zip(&ks[verifier.len()..])
            .map(|(a, b)| a ^ b)
            .collect();
        match method {
            Method::Rc4 { .. } => Md5::digest(&plain)[..] == hash[..],
            Method::CryptoApi { .. } => Sha1::digest(&plain)[..] == hash[..],
        }
    }
}

/// RC4 with a key of 5 to 16 bytes; the cipher's type carries the key length.
fn apply_rc4(key: &[u8], data: &mut [u8]) {
    use rc4::consts::{U10, U11, U12, U13, U14, U15, U16, U5, U6, U7, U8, U9};
    macro_rules! by_length {
        ($($len:literal => $size:ty),+) => {
            match key.len() {
                $($len => {
                    if let Ok(mut c) = Rc4::<$size>::new_from_slice(key) {
                        c.apply_keystream(data);
                    }
                })+
                _ => {}
            }
        };
    }
    by_length!(5 => U5, 6 => U6, 7 => U7, 8 => U8, 9 => U9, 10 => U10, 11 => U11, 12 => U12,
        13 => U13, 14 => U14, 15 => U15, 16 => U16);
}

/// Decrypts the bodies of every record from `from` on: the keystream runs over stream offsets
/// (headers included, though they stay in the clear), with a new key every [`BLOCK`] bytes.
fn decrypt_records(stream: &mut [u8], from: usize, keys: &Keys) {
    let mut block: Option<(usize, Vec<u8>)> = None;
    let mut pos = from;
    while let Some((rec, next)) = record_at(stream, pos) {
        let start = match rec.typ {
            t if PLAIN_RECORDS.contains(&t) => next,
            BOUNDSHEET => (pos + 8).min(next), // its stream offset stays in the clear
            _ => pos + 4,
        };
        for (at, byte) in stream[start..next].iter_mut().enumerate() {
            let offset = start + at;
            let index = offset / BLOCK;
            if block.as_ref().is_none_or(|(i, _)| *i != index) {
                let n = u32::try_from(index).unwrap_or(u32::MAX);
                block = Some((index, keys.keystream(n, BLOCK)));
            }
            if let Some((_, ks)) = &block {
                *byte ^= ks[offset % BLOCK];
            }
        }
        pos = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VELVET: &[u8] = include_bytes!("../../../tests/data/encrypted/velvet-rc4.xls");
    const SECRET: &[u8] = include_bytes!("../../../tests/data/encrypted/secret-rc4.xls");
    const CRYPTOAPI: &[u8] = include_bytes!("../../../tests/data/encrypted/velvet-cryptoapi.xls");

    fn stream(bytes: &[u8]) -> Vec<u8> {
        super::super::compound::calamine_stream(bytes).unwrap().1
    }

    #[test]
    fn default_password_opens_rc4_and_cryptoapi() {
        for file in [VELVET, CRYPTOAPI] {
            let mut s = stream(file);
            assert_eq!(open_default(&mut s), Opened::Decrypted);
            assert_eq!(find_filepass(&s), None);
            // The decrypted stream names its sheet in the clear.
            let name: Vec<u8> = "立项书".encode_utf16().flat_map(u16::to_le_bytes).collect();
            assert!(s.windows(name.len()).any(|w| w == name));
        }
    }

    #[test]
    fn other_passwords_stay_locked() {
        let mut s = stream(SECRET);
        let before = s.clone();
        assert_eq!(open_default(&mut s), Opened::Locked);
        assert_eq!(s, before);
        let mut plain = stream(super::super::tests::XLS);
        assert_eq!(open_default(&mut plain), Opened::Plain);
    }

    #[test]
    fn truncated_filepass_is_locked_not_a_panic() {
        let mut s = stream(VELVET);
        let (at, end) = find_filepass(&s).unwrap();
        for cut in 0..(end - at - 4) {
            let mut body = s[at + 4..at + 4 + cut].to_vec();
            assert!(parse_filepass(&body).is_none() || cut >= 54, "{cut}");
            body.clear();
        }
        s.truncate(end - 3);
        let _ = open_default(&mut s);
    }
}
