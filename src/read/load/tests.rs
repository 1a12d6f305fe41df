//! The loader's tests: format detection, diagnoses, limits.

use super::*;
use crate::read::{read_bytes, Workbook};

#[test]
fn percent_formats() {
    assert!(is_percent_format("0%"));
    assert!(is_percent_format("0.00%"));
    assert!(!is_percent_format("\"%\"0"));
    assert!(!is_percent_format("General"));
    assert!(!is_percent_format("yyyy\"年\"m\"月\"d\"日\""));
}

#[test]
fn non_spreadsheets_are_named() {
    assert!(diagnose_other(b"%PDF-1.4 ...").contains("PDF"));
    assert!(diagnose_other("你好".as_bytes()).contains("文本"));
    let e = load(b"", "xlsx", &Limits::default()).unwrap_err();
    assert!(e.to_string().contains("空"));
}

fn timed(
    what: &str,
    f: impl FnOnce() -> Result<Workbook, ReadError>,
) -> Result<Workbook, ReadError> {
    let t = std::time::Instant::now();
    let r = f();
    let ms = t.elapsed().as_millis();
    eprintln!("{what}: {ms} ms");
    assert!(ms < 5000, "{what} took {ms} ms");
    r
}

fn refused(r: Result<Workbook, ReadError>, sheet: &str) {
    match r {
        Err(ReadError::TooManyCells { sheet: s, limit }) => {
            assert_eq!((s.as_str(), limit), (sheet, 1_000_000));
        }
        other => panic!("expected TooManyCells for {sheet}, got {other:?}"),
    }
}

/// A minimal `.xlsb` (MS-XLSB records) with one sheet "S" holding
/// numbers at `cells`.
fn xlsb(cells: &[(u32, u32, f64)]) -> Vec<u8> {
    use std::io::Write;
    fn rec(out: &mut Vec<u8>, typ: u16, body: &[u8]) {
        if typ < 0x80 {
            out.push(typ as u8);
        } else {
            out.extend_from_slice(&[(typ & 0x7F) as u8 | 0x80, (typ >> 7) as u8]);
        }
        let mut len = body.len();
        loop {
            let b = (len & 0x7F) as u8;
            len >>= 7;
            if len == 0 {
                out.push(b);
                break;
            }
            out.push(b | 0x80);
        }
        out.extend_from_slice(body);
    }
    fn wide(s: &str) -> Vec<u8> {
        let units: Vec<u16> = s.encode_utf16().collect();
        let mut v = (units.len() as u32).to_le_bytes().to_vec();
        v.extend(units.iter().flat_map(|u| u.to_le_bytes()));
        v
    }
    let mut wb = Vec::new();
    let mut sheet = [0u32.to_le_bytes(), 1u32.to_le_bytes()].concat();
    sheet.extend(wide("rId1"));
    sheet.extend(wide("S"));
    rec(&mut wb, 0x009C, &sheet); // BrtBundleSh
    rec(&mut wb, 0x0090, &[]); // BrtEndBundleShs
    rec(&mut wb, 0x009D, &[]); // BrtCalcProp
    let mut ws = Vec::new();
    rec(&mut ws, 0x0081, &[]); // BrtBeginSheet
    rec(&mut ws, 0x0094, &[0; 16]); // BrtWsDim
    rec(&mut ws, 0x0091, &[]); // BrtBeginSheetData
    for &(row, col, v) in cells {
        let mut hdr = row.to_le_bytes().to_vec();
        hdr.extend_from_slice(&[0; 13]);
        rec(&mut ws, 0x0000, &hdr); // BrtRowHdr
        let mut cell = col.to_le_bytes().to_vec();
        cell.extend_from_slice(&[0; 4]);
        cell.extend_from_slice(&v.to_le_bytes());
        rec(&mut ws, 0x0005, &cell); // BrtCellReal
    }
    rec(&mut ws, 0x0092, &[]); // BrtEndSheetData
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opt = zip::write::SimpleFileOptions::default();
    for (name, data) in [
        (
            "xl/_rels/workbook.bin.rels",
            br#"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.bin"/></Relationships>"#.to_vec(),
        ),
        ("xl/workbook.bin", wb),
        ("xl/worksheets/sheet1.bin", ws),
    ] {
        z.start_file(name, opt).unwrap();
        z.write_all(&data).unwrap();
    }
    z.finish().unwrap().into_inner()
}

/// Every file here would make calamine allocate gigabytes (or abort, or
/// loop forever) if it reached `Xls::new` / `Ods::new` /
/// `worksheet_range`: the test finishing is the proof it did not.
#[test]
fn hostile_sheets_are_refused_before_calamine_allocates() {
    use super::super::ods::tests::ods;
    use super::super::xls::tests::{container, number, workbook};
    let limits = Limits::default();
    // LibreOffice files: A1 and IV65536 (16.8M dense cells); A1 and
    // ALL90000 (90M dense cells, ~2.9 GB in calamine).
    let xls: &[u8] = include_bytes!("../../../tests/data/hostile/corners.xls");
    refused(
        timed("corners.xls", || read_bytes(xls, "xls", &limits)),
        "表一",
    );
    let ods_file: &[u8] = include_bytes!("../../../tests/data/hostile/corners.ods");
    refused(
        timed("corners.ods", || read_bytes(ods_file, "ods", &limits)),
        "表一",
    );
    // Cells at (0, 0) and (65535, 65535): 2^32 dense cells, 137 GB.
    let far = container(&workbook(&[], &[number(0, 0), number(65535, 65535)]));
    refused(timed("far.xls", || read_bytes(&far, "xls", &limits)), "S");
    // One value repeated over 16,384 columns: 100,000 rows (1.6G cells)
    // and 6,000 rows (98M cells, under calamine's cap: 3.1 GB).
    for rows in [100_000, 6_000] {
        let bytes = ods(&format!(
            r#"<table:table table:name="R"><table:table-row table:number-rows-repeated="{rows}"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="16384"/></table:table-row></table:table>"#
        ));
        refused(
            timed(&format!("repeat{rows}.ods"), || {
                read_bytes(&bytes, "ods", &limits)
            }),
            "R",
        );
    }
    // A document ending inside a table: calamine would loop forever.
    let endless = ods(
        r#"<table:table table:name="E"><table:table-row><table:table-cell office:value="1"/></table:table-row>"#,
    );
    refused(
        timed("endless.ods", || read_bytes(&endless, "ods", &limits)),
        "E",
    );
    // Four billion spaces in one cell.
    let spaces = ods(
        r#"<table:table table:name="T"><table:table-row><table:table-cell office:value-type="string"><text:p><text:s text:c="4000000000"/></text:p></table:table-cell></table:table-row></table:table>"#,
    );
    refused(
        timed("spaces.ods", || read_bytes(&spaces, "ods", &limits)),
        "T",
    );
    // xlsb is streamed: A1 and XFD1048576 (550 GB as a range) read fine.
    let bin = xlsb(&[(0, 0, 1.0), (1_048_575, 16_383, 2.0)]);
    let wb = timed("corners.xlsb", || read_bytes(&bin, "xlsb", &limits)).unwrap();
    let cells: Vec<(u32, u32)> = wb.sheets[0].cells.iter().map(|c| (c.row, c.col)).collect();
    assert_eq!(cells, [(0, 0), (1_048_575, 16_383)]);
    // ... and still held to the value-cell limit.
    let small = Limits {
        max_cells_per_sheet: 1,
        ..Limits::default()
    };
    assert!(matches!(
        read_bytes(&bin, "xlsb", &small),
        Err(ReadError::TooManyCells { .. })
    ));
}

#[test]
fn ordinary_xls_and_ods_still_read() {
    let limits = Limits::default();
    for (bytes, ext) in [
        (
            &include_bytes!("../../../tests/data/percent/percent.xls")[..],
            "xls",
        ),
        (
            &include_bytes!("../../../tests/data/percent/percent.ods")[..],
            "ods",
        ),
    ] {
        let wb = timed(ext, || read_bytes(bytes, ext, &limits)).unwrap();
        let alpha = wb.sheets.iter().find(|s| s.name == "Alpha").unwrap();
        assert_eq!(alpha.get(0, 2), Some(&Value::Percent(0.3)), "{ext}");
        assert_eq!(alpha.get(4, 3), Some(&Value::Number(0.6)), "{ext}");
        let second = wb.sheets.iter().find(|s| s.name == "第二页").unwrap();
        assert_eq!(second.get(1999, 29), Some(&Value::Percent(0.5)), "{ext}");
        // The rule scales with the limit: 第二页 spans 2,000 × 30 cells.
        let tight = Limits {
            max_cells_per_sheet: 10_000,
            ..Limits::default()
        };
        match read_bytes(bytes, ext, &tight) {
            Err(ReadError::TooManyCells { sheet, .. }) => assert_eq!(sheet, "第二页"),
            other => panic!("{ext}: {other:?}"),
        }
    }
}

#[test]
fn rule_thresholds() {
    let limits = Limits {
        max_cells_per_sheet: 100,
        ..Limits::default()
    };
    let sheet = |rows: u32, cols: u32, cells: u64| filled(rows, cols, cells, 0);
    let one = |e: Extent| HashMap::from([("A".to_owned(), e)]);
    assert!(check_extents(&one(sheet(20, 20, 100)), &limits).is_ok());
    assert!(check_extents(&one(sheet(20, 20, 101)), &limits).is_err());
    assert!(check_extents(&one(sheet(20, 21, 2)), &limits).is_err());
    let staged = Extent {
        staged: 401,
        ..sheet(1, 1, 1)
    };
    assert!(check_extents(&one(staged), &limits).is_err());
    let text = Extent {
        text_bytes: 128 * 100 + 1,
        ..sheet(1, 1, 1)
    };
    assert!(check_extents(&one(text), &limits).is_err());
    assert!(check_extents(&one(Extent::EMPTY), &limits).is_ok());
    // Two sheets at the allowance pass; a third does not, naming the
    // largest.
    let mut m = HashMap::from([
        ("A".to_owned(), sheet(20, 20, 10)),
        ("B".to_owned(), sheet(20, 20, 10)),
    ]);
    assert!(check_extents(&m, &limits).is_ok());
    m.insert("C".to_owned(), sheet(10, 10, 10));
    match check_extents(&m, &limits) {
        Err(ReadError::TooManyCells { sheet, limit }) => {
            assert_eq!((sheet.as_str(), limit), ("A", 100));
        }
        other => panic!("{other:?}"),
    }
}

/// The text values of every sheet, for comparing two saves of one form.
fn texts(wb: &Workbook) -> Vec<String> {
    let mut out: Vec<String> = wb
        .sheets
        .iter()
        .flat_map(|s| s.cells.iter())
        .filter_map(|c| match &c.value {
            Value::Text(t) => Some(t.clone()),
            _ => None,
        })
        .collect();
    out.sort();
    out
}

#[test]
fn default_password_is_opened_and_others_stay_encrypted() {
    let limits = Limits::default();
    let plain = read_bytes(
        include_bytes!("../../../samples/inbox/2018-03-立项/八公山区委-立项书.xlsx"),
        "xlsx",
        &limits,
    )
    .unwrap();
    assert!(texts(&plain).iter().any(|t| t == "项目名称"));
    for (bytes, ext) in [
        (
            &include_bytes!("../../../tests/data/encrypted/velvet-rc4.xls")[..],
            "xls",
        ),
        (
            &include_bytes!("../../../tests/data/encrypted/velvet-cryptoapi.xls")[..],
            "xls",
        ),
        (
            &include_bytes!("../../../tests/data/encrypted/velvet-agile.xlsx")[..],
            "xlsx",
        ),
    ] {
        let wb = read_bytes(bytes, ext, &limits).unwrap();
        assert_eq!(texts(&wb), texts(&plain), "{ext}");
    }
    for (bytes, ext) in [
        (
            &include_bytes!("../../../tests/data/encrypted/secret-rc4.xls")[..],
            "xls",
        ),
        (
            &include_bytes!("../../../tests/data/encrypted/secret-agile.xlsx")[..],
            "xlsx",
        ),
    ] {
        assert_eq!(
            read_bytes(bytes, ext, &limits).unwrap_err(),
            ReadError::Encrypted
        );
    }
}

#[test]
fn formatted_range_is_not_counted_only_values() {
    use crate::read::xls::tests::{container, number, rec, workbook};
    // An old template: DIMENSIONS says 65,536 rows by 256 columns (16.8M cells, four times
    // the default allowance), the sheet holds three values.
    let mut dims = 0u32.to_le_bytes().to_vec();
    dims.extend_from_slice(&65_536u32.to_le_bytes());
    dims.extend_from_slice(&[0, 0, 0, 1, 0, 0]);
    let stream = workbook(
        &[],
        &[
            rec(0x0200, &dims),
            number(0, 0),
            number(1, 1),
            number(40, 3),
        ],
    );
    let wb = read_bytes(&container(&stream), "xls", &Limits::default()).unwrap();
    assert_eq!(wb.sheets[0].cells.len(), 3);
    // xlsx: thousands of formatted empty cells, a few values, a limit of ten.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let format = rust_xlsxwriter::Format::new().set_border(rust_xlsxwriter::FormatBorder::Thin);
    for row in 0..2_000 {
        for col in 0..5 {
            sheet.write_blank(row, col, &format).unwrap();
        }
    }
    sheet.write(0, 0, "项目名称").unwrap();
    sheet.write(0, 1, "值").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let ten = Limits {
        max_cells_per_sheet: 10,
        ..Limits::default()
    };
    assert_eq!(
        read_bytes(&bytes, "xlsx", &ten).unwrap().sheets[0]
            .cells
            .len(),
        2
    );
}

/// A sheet of 60,000 × 16 text cells (what LibreOffice made of a CSV, 475 MB to read) is refused
/// by the memory it would take; a form's few hundred cells, or the same sheet under a
/// `--max-cells` raised tenfold, are not.
#[test]
fn an_xls_or_ods_too_full_to_read_in_256_mb_is_refused_before_calamine_reads_it() {
    let sheet = |rows: u32, cols: u32, text: u64| {
        let cells = u64::from(rows) * u64::from(cols);
        filled(rows, cols, cells, cells * text)
    };
    let big: HashMap<String, Extent> = [("big".to_owned(), sheet(60_000, 16, 72))].into();
    let e = check_memory(120 << 20, &big, &Limits::default()).unwrap_err();
    assert!(matches!(e, ReadError::TooMuchMemory { .. }), "{e}");
    assert!(e.to_string().contains("224.0 MB"), "{e}");
    let form: HashMap<String, Extent> = [("表".to_owned(), sheet(40, 8, 60))].into();
    assert!(check_memory(120 << 10, &form, &Limits::default()).is_ok());
    let raised = Limits {
        max_cells_per_sheet: 10_000_000,
        ..Limits::default()
    };
    assert!(check_memory(120 << 20, &big, &raised).is_ok());
}

/// A sheet's measure: a `rows × cols` box from A1 with `cells` values and `text` bytes of text.
fn filled(rows: u32, cols: u32, cells: u64, text: u64) -> Extent {
    Extent {
        first_row: 0,
        last_row: rows - 1,
        first_col: 0,
        last_col: cols - 1,
        cells,
        staged: cells,
        text_bytes: text,
    }
}
