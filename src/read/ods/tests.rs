//! Hand-made `.ods` files for the tests. The loader's tests build hostile
//! files with [`ods`].

use std::io::Cursor;

pub(super) const ODS: &[u8] = include_bytes!("../../../tests/data/percent/percent.ods");

/// An `.ods` whose spreadsheet body is `tables`.
pub(crate) fn ods(tables: &str) -> Vec<u8> {
    use std::io::Write;
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default();
    z.start_file("mimetype", stored).unwrap();
    z.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    z.start_file("META-INF/manifest.xml", deflated).unwrap();
    z.write_all(b"<manifest:manifest/>").unwrap();
    z.start_file("content.xml", deflated).unwrap();
    write!(
        z,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content><office:body>\
         <office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"
    )
    .unwrap();
    z.finish().unwrap().into_inner()
}
