//! Property tests ("fuzz"): no input — random bytes, damaged real files, random cell grids — makes
//! the reader, the form extractor or the rules panic. `PROPTEST_CASES=100000 cargo test --release
//! --test it fuzz::` runs them long; CI runs the default 256 cases each.
//!
//! They call the unguarded entries ([`read::read_bytes_unguarded`],
//! [`taizhang::intake::expand_unguarded`]): the guarded ones turn a panic into an ordinary
//! "unreadable" result, which would leave these properties green over a real bug.

use chrono::NaiveDate;
use proptest::prelude::*;
use taizhang::form::{self, FormKind};
use taizhang::policy::Policy;
use taizhang::read::{self, Cell, Limits, Sheet, Value, Workbook};
use taizhang::rules;

fn sample_files() -> &'static [(Vec<u8>, String)] {
    static FILES: std::sync::OnceLock<Vec<(Vec<u8>, String)>> = std::sync::OnceLock::new();
    FILES.get_or_init(load_samples)
}

fn load_samples() -> Vec<(Vec<u8>, String)> {
    let mut out = Vec::new();
    for entry in walk("samples/inbox") {
        let ext = read::extension(&entry).unwrap_or_default();
        if read::EXTENSIONS.contains(&ext.as_str()) {
            if let Ok(bytes) = std::fs::read(&entry) {
                if !bytes.is_empty() && bytes.len() < 200_000 {
                    out.push((bytes, ext));
                }
            }
        }
    }
    out.sort();
    out.truncate(40);
    out
}

fn walk(dir: &str) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(dir)];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out
}

fn value_strategy() -> impl Strategy<Value = Value> {
    let all_labels: Vec<String> = taizhang::model::Field::ALL
        .iter()
        .flat_map(|f| f.labels().iter().map(|l| (*l).to_owned()))
        .chain(
            [
                "阶段",
                "起止时间",
                "内容",
                "进度安排",
                "立项书",
                "进度报告",
                "评分表",
            ]
            .map(String::from),
        )
        .collect();
    let label = proptest::sample::select(all_labels);
    let decorated = (
        label,
        proptest::sample::select(vec!["", "：", "*", "（必填）", ":", "\n"]),
    )
        .prop_map(|(l, d)| Value::Text(format!("{l}{d}")));
    let inline = (
        proptest::sample::select(vec!["项目名称", "完成时间", "报告期"]),
        ".{0,12}",
    )
        .prop_map(|(l, v)| Value::Text(format!("{l}：{v}")));
    prop_oneof![
        3 => decorated,
        1 => inline,
        2 => "[\\PC]{0,40}".prop_map(Value::Text),
        1 => proptest::sample::select(vec![
            "2018-12-31", "2018年13月", "年底前", "2018.4-2018.5", "4月-5月", "60%", "150", "A类",
            "张三、李四", "13805546677", "0554-1234567", "  ", "=1+1", "#REF!", "２０１８年１２月",
            "2018年4月—2018年5月", "99999999999999999999", "-0", "NaN", "inf", "1e309",
        ]).prop_map(|s| Value::Text(s.to_owned())),
        1 => any::<f64>().prop_map(Value::Number),
        1 => (-1.0e6f64..1.0e6).prop_map(Value::Number),
        1 => any::<f64>().prop_map(Value::Percent),
        1 => (1900i32..2200, 1u32..13, 1u32..29).prop_map(|(y, m, d)| {
            Value::Date(NaiveDate::from_ymd_opt(y, m, d).unwrap())
        }),
        1 => Just(Value::Error("#DIV/0!".into())),
        1 => any::<bool>().prop_map(Value::Bool),
    ]
}

fn sheet_strategy() -> impl Strategy<Value = Sheet> {
    (
        "[\\PC]{0,10}",
        any::<bool>(),
        proptest::collection::vec((0u32..40, 0u32..10, value_strategy()), 0..80),
    )
        .prop_map(|(name, visible, cells)| {
            let mut seen = std::collections::HashSet::new();
            let cells = cells
                .into_iter()
                .filter(|(r, c, _)| seen.insert((*r, *c)))
                .map(|(row, col, value)| Cell { row, col, value })
                .collect();
            Sheet::new(name, visible, cells)
        })
}

fn policies() -> Vec<Policy> {
    vec![
        Policy::preset("innovation").unwrap(),
        Policy::preset("secretary").unwrap(),
    ]
}

proptest! {
    #[test]
    fn random_grids_never_panic(sheets in proptest::collection::vec(sheet_strategy(), 1..4)) {
        let book = Workbook { sheets };
        if let Ok(raw) = form::extract(&book) {
            for policy in policies() {
                match raw.kind {
                    FormKind::Proposal => { let _ = rules::proposal::check(&raw, &policy); }
                    FormKind::Progress => { let _ = rules::progress::check(&raw, &policy); }
                    _ => {}
                }
            }
        }
    }

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096), ext in proptest::sample::select(read::EXTENSIONS.to_vec())) {
        let _ = read::read_bytes_unguarded(&bytes, ext, &Limits::default());
    }

    #[test]
    fn zip_like_bytes_never_panic(tail in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let mut bytes = b"PK\x03\x04".to_vec();
        bytes.extend(tail);
        let _ = read::read_bytes_unguarded(&bytes, "xlsx", &Limits::default());
    }
}

proptest! {
    #[test]
    fn damaged_real_files_give_a_result_not_a_panic(
        pick in any::<prop::sample::Index>(),
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..12),
        cut in any::<prop::sample::Index>(),
        truncate in any::<bool>(),
    ) {
        let files = sample_files();
        prop_assume!(!files.is_empty());
        let (bytes, ext) = &files[pick.index(files.len())];
        let mut bytes = bytes.clone();
        for (at, b) in flips {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        if truncate {
            bytes.truncate(cut.index(bytes.len()));
        }
        if let Ok(book) = read::read_bytes_unguarded(&bytes, ext, &Limits::default()) {
            if let Ok(raw) = form::extract(&book) {
                for policy in policies() {
                    let _ = rules::proposal::check(&raw, &policy);
                    let _ = rules::progress::check(&raw, &policy);
                }
            }
        }
    }
}

fn sample_mails() -> &'static [Vec<u8>] {
    static MAILS: std::sync::OnceLock<Vec<Vec<u8>>> = std::sync::OnceLock::new();
    MAILS.get_or_init(|| {
        let mut out: Vec<Vec<u8>> = walk("samples/mail")
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "eml"))
            .filter_map(|p| std::fs::read(p).ok())
            .collect();
        out.sort();
        out
    })
}

proptest! {
    /// Mails and archives, random or damaged: always at least one input, never a panic (the
    /// unguarded expansion, so that a panic caught in production shows up here).
    #[test]
    fn random_mails_and_zips_never_panic(
        bytes in proptest::collection::vec(any::<u8>(), 0..4096),
        zip in any::<bool>(),
    ) {
        let mut bytes = bytes;
        if zip {
            bytes.splice(0..0, b"PK\x03\x04".iter().copied());
        }
        let name = if zip { "x.zip" } else { "x.eml" };
        let inputs = taizhang::intake::expand_unguarded(name, &bytes, None, &Limits::default());
        prop_assert!(!inputs.is_empty());
    }

    #[test]
    fn damaged_sample_mails_give_inputs_not_a_panic(
        pick in any::<prop::sample::Index>(),
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..16),
        cut in any::<prop::sample::Index>(),
        truncate in any::<bool>(),
    ) {
        let mails = sample_mails();
        prop_assume!(!mails.is_empty());
        let mut bytes = mails[pick.index(mails.len())].clone();
        for (at, b) in flips {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        if truncate {
            bytes.truncate(cut.index(bytes.len()));
        }
        let inputs = taizhang::intake::expand_unguarded("m.eml", &bytes, None, &Limits::default());
        prop_assert!(!inputs.is_empty());
        for input in &inputs {
            if let taizhang::batch::InputData::Bytes(b) = &input.data {
                let ext = read::extension(std::path::Path::new(&input.name)).unwrap_or_default();
                let _ = read::read_bytes_unguarded(b, &ext, &Limits::default());
            }
        }
    }
}
