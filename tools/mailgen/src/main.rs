//! mailgen — writes samples/mail/*.eml from the sample forms in samples/inbox.
//!
//! Usage: mailgen [SAMPLES_DIR]   (default `samples`)

use std::path::{Path, PathBuf};

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn base64(data: &[u8]) -> String {
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(B64[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Base64 in lines of 76, as mail wants.
fn base64_lines(data: &[u8]) -> String {
    let text = base64(data);
    let mut out = String::new();
    for line in text.as_bytes().chunks(76) {
        out.push_str(std::str::from_utf8(line).unwrap_or(""));
        out.push_str("\r\n");
    }
    out
}

/// Quoted-printable (RFC 2045) of bytes already in the body's charset.
fn quoted_printable(data: &[u8]) -> String {
    let mut out = String::new();
    let mut line = 0;
    for &b in data {
        if b == b'\n' {
            out.push_str("\r\n");
            line = 0;
            continue;
        }
        let piece = if (33..=126).contains(&b) && b != b'=' || b == b' ' {
            (b as char).to_string()
        } else {
            format!("={b:02X}")
        };
        if line + piece.len() > 75 {
            out.push_str("=\r\n");
            line = 0;
        }
        line += piece.len();
        out.push_str(&piece);
    }
    out.push_str("\r\n");
    out
}

fn gbk(text: &str) -> Vec<u8> {
    encoding_rs::GBK.encode(text).0.into_owned()
}

/// RFC 2231 `filename*=UTF-8''…` (percent-encoded).
fn rfc2231(name: &str) -> String {
    let mut out = String::from("UTF-8''");
    for &b in name.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// CRC-32 (IEEE) for the zip's headers.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// A zip of stored entries whose names are raw bytes (GBK here) and carry no UTF-8 flag.
fn zip(entries: &[(Vec<u8>, Vec<u8>)]) -> Vec<u8> {
    let (time, date) = (0x4800u16, 0x4C7Du16); // 2018-03-29 09:00
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in entries {
        let offset = out.len() as u32;
        let crc = crc32(data);
        let header = |sig: u32, central: bool| {
            let mut h = Vec::new();
            h.extend(sig.to_le_bytes());
            if central {
                h.extend(20u16.to_le_bytes()); // made by
            }
            h.extend(20u16.to_le_bytes()); // needed
            h.extend(0u16.to_le_bytes()); // flags: no UTF-8 bit
            h.extend(0u16.to_le_bytes()); // stored
            h.extend(time.to_le_bytes());
            h.extend(date.to_le_bytes());
            h.extend(crc.to_le_bytes());
            h.extend((data.len() as u32).to_le_bytes());
            h.extend((data.len() as u32).to_le_bytes());
            h.extend((name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes()); // extra
            if central {
                h.extend(0u16.to_le_bytes()); // comment
                h.extend(0u16.to_le_bytes()); // disk
                h.extend(0u16.to_le_bytes()); // internal attributes
                h.extend(0u32.to_le_bytes()); // external attributes
                h.extend(offset.to_le_bytes());
            }
            h.extend(name);
            h
        };
        out.extend(header(0x0403_4B50, false));
        out.extend(data);
        central.extend(header(0x0201_4B50, true));
    }
    let start = out.len() as u32;
    out.extend(&central);
    out.extend(0x0605_4B50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(start.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

struct Part {
    content_type: String,
    disposition: String,
    body: String,
}

fn attachment(mime: &str, name: &str, data: &[u8]) -> Part {
    Part {
        content_type: format!("{mime}; name=\"=?UTF-8?B?{}?=\"", base64(name.as_bytes())),
        disposition: format!("attachment; filename*={}", rfc2231(name)),
        body: base64_lines(data),
    }
}

fn mail(headers: &[(&str, String)], text: (&str, &str, String), parts: Vec<Part>, boundary: &str) -> Vec<u8> {
    let mut m = String::new();
    for (k, v) in headers {
        m.push_str(&format!("{k}: {v}\r\n"));
    }
    m.push_str("MIME-Version: 1.0\r\n");
    m.push_str(&format!("Content-Type: multipart/mixed; boundary=\"{boundary}\"\r\n\r\n"));
    m.push_str("This is a multi-part message in MIME format.\r\n");
    let (charset, encoding, body) = text;
    m.push_str(&format!("--{boundary}\r\nContent-Type: text/plain; charset=\"{charset}\"\r\nContent-Transfer-Encoding: {encoding}\r\n\r\n{body}"));
    for p in parts {
        m.push_str(&format!(
            "--{boundary}\r\nContent-Type: {}\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: {}\r\n\r\n{}",
            p.content_type, p.disposition, p.body
        ));
    }
    m.push_str(&format!("--{boundary}--\r\n"));
    m.into_bytes()
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

fn read(samples: &Path, rel: &str) -> Result<Vec<u8>, String> {
    let path = samples.join("inbox").join(rel);
    std::fs::read(&path).map_err(|e| format!("{}: {e} (run tools/samplegen first)", path.display()))
}

fn run(samples: &Path) -> Result<(), String> {
    let out = samples.join("mail");
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    let p = |rel: &str| read(samples, &format!("2018-03-立项/{rel}"));
    let mut written: Vec<(PathBuf, Vec<u8>)> = Vec::new();

    // 1. Two attachments, base64, RFC 2231 names; UTF-8 subject and body.
    let body = "周科长：\n\n　　附件是我区2018年度基层党建创新项目立项书两份，请审核。\n\n田家庵区委组织部 周敏\n";
    let m = mail(
        &[
            ("From", format!("=?UTF-8?B?{}?= <tjaqwzzb@example.cn>", base64("田家庵区委组织部".as_bytes()))),
            ("To", "zzb@example.cn".into()),
            ("Subject", format!("=?UTF-8?B?{}?=", base64("田家庵区委报送创新项目立项书（两份）".as_bytes()))),
            ("Date", "Thu, 29 Mar 2018 09:12:00 +0800".into()),
            ("Message-ID", "<20180329091200.tja@example.cn>".into()),
        ],
        ("UTF-8", "base64", base64_lines(body.as_bytes())),
        vec![
            attachment(XLSX, "田家庵区委-立项书.xlsx", &p("田家庵区委-立项书.xlsx")?),
            attachment(XLSX, "田家庵区委 新业态党建立项书.xlsx", &p("田家庵区委 新业态党建立项书.xlsx")?),
        ],
        "----=_Part_1_20180329",
    );
    written.push((out.join("田家庵区委-立项书两份.eml"), m));

    // 2. A zip with GBK entry names in a folder; GB18030 subject; GBK quoted-printable body.
    let entries = [
        "大通区委-红色网格-立项书.xlsx",
        "大通区委 社区党校立项书.xlsx",
        "大通区委-立项书（两新组织）.xlsx",
    ];
    let mut files = Vec::new();
    for e in entries {
        files.push((gbk(&format!("大通区委立项书/{e}")), p(e)?));
    }
    let archive = zip(&files);
    let subject = encoding_rs::GB18030.encode("大通区委立项书（压缩包）").0.into_owned();
    let body = gbk("市委组织部：\n\n    我区立项书三份已打包，请查收。\n\n大通区委组织部\n");
    let m = mail(
        &[
            ("From", format!("=?GBK?B?{}?= <dtqwzzb@example.cn>", base64(&gbk("大通区委组织部")))),
            ("To", "zzb@example.cn".into()),
            ("Subject", format!("=?GB18030?B?{}?=", base64(&subject))),
            ("Date", "Fri, 30 Mar 2018 16:40:00 +0800".into()),
            ("Message-ID", "<20180330164000.dt@example.cn>".into()),
        ],
        ("GBK", "quoted-printable", quoted_printable(&body)),
        vec![Part {
            content_type: format!("application/x-zip-compressed; name=\"=?GBK?B?{}?=\"", base64(&gbk("大通区委立项书.zip"))),
            disposition: format!("attachment; filename=\"=?GBK?B?{}?=\"", base64(&gbk("大通区委立项书.zip"))),
            body: base64_lines(&archive),
        }],
        "----=_NextPart_2_20180330",
    );
    written.push((out.join("大通区委-压缩包.eml"), m));

    // 3. A non-spreadsheet attachment beside a flawed form; GBK quoted-printable body.
    let pdf = b"%PDF-1.4\n% sample\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
    let body = gbk("组织部：\n\n    寿县县委党建品牌项目立项书及说明材料，请审核。\n\n寿县县委组织部\n");
    let m = mail(
        &[
            ("From", format!("=?UTF-8?Q?{}?= <sxxwzzb@example.cn>", "=E5=AF=BF=E5=8E=BF=E5=8E=BF=E5=A7=94=E7=BB=84=E7=BB=87=E9=83=A8")),
            ("To", "zzb@example.cn".into()),
            ("Subject", format!("=?GBK?B?{}?=", base64(&gbk("寿县县委党建品牌立项书")))),
            ("Date", "Mon, 2 Apr 2018 10:05:00 +0800".into()),
            ("Message-ID", "<20180402100500.sx@example.cn>".into()),
        ],
        ("GBK", "quoted-printable", quoted_printable(&body)),
        vec![
            attachment("application/pdf", "项目说明.pdf", pdf),
            attachment(XLSX, "寿县县委 党建品牌立项书.xlsx", &p("寿县县委 党建品牌立项书.xlsx")?),
        ],
        "----=_Part_3_20180402",
    );
    written.push((out.join("寿县县委-立项书和说明.eml"), m));

    for (path, bytes) in written {
        std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        println!("wrote {}", path.display());
    }
    Ok(())
}

fn main() {
    let samples = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "samples".into()));
    if let Err(e) = run(&samples) {
        eprintln!("mailgen: {e}");
        std::process::exit(1);
    }
}
