//! The bundled samples: `samples/README.md` says what each file must produce; hold the tool to it.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::*;

/// (path under samples/, kind, sorted codes) for every row of the README's table.
fn expected() -> BTreeMap<String, (String, Vec<String>)> {
    let text = std::fs::read_to_string("samples/README.md").unwrap();
    let mut out = BTreeMap::new();
    for line in text.lines().filter(|l| l.starts_with("| `")) {
        let cols: Vec<&str> = line.split('|').map(str::trim).collect();
        let path = cols[1].trim_matches('`').to_owned();
        let kind = cols[2].to_owned();
        let mut codes: Vec<String> = cols[3]
            .split([',', '，', ' '])
            .map(str::trim)
            .filter(|c| c.starts_with("E_") || c.starts_with("W_"))
            .map(str::to_owned)
            .collect();
        codes.sort();
        out.insert(path, (kind, codes));
    }
    out
}

fn run_samples() -> serde_json::Value {
    let (json, code) = check_json(
        &[Path::new("samples/inbox")],
        &["--policy", "samples/taizhang.toml"],
    );
    assert_eq!(code, 1, "the samples include flawed files");
    json
}

#[test]
fn every_sample_produces_exactly_what_the_readme_says() {
    let expected = expected();
    assert!(expected.len() >= 40, "the README table lists every sample");
    let json = run_samples();
    let files = json["files"].as_array().unwrap();
    let mut seen = Vec::new();
    let mut wrong = Vec::new();
    for f in files {
        let path = f["path"].as_str().unwrap().replace('\\', "/");
        let rel = path.trim_start_matches("samples/").to_owned();
        let Some((kind, want)) = expected.get(&rel) else {
            wrong.push(format!("{rel}: not listed in samples/README.md"));
            continue;
        };
        seen.push(rel.clone());
        let got = codes(f);
        if f["kind"] != kind.as_str() || &got != want {
            wrong.push(format!(
                "{rel}: expected {kind} {want:?}, got {} {got:?}: {}",
                f["kind"], f["problems"]
            ));
        }
    }
    for path in expected.keys() {
        if !seen.contains(path) {
            wrong.push(format!("{path}: listed but not found"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn json_follows_spec_section_5_for_every_sample() {
    let json = run_samples();
    let files = json["files"].as_array().unwrap();
    let summary = &json["summary"];
    assert_eq!(summary["files"].as_u64().unwrap() as usize, files.len());
    let mut ok = 0;
    let mut skipped = 0;
    for f in files {
        let obj = f.as_object().unwrap();
        let keys: Vec<&str> = obj.keys().map(String::as_str).collect();
        assert_eq!(keys.len(), 5, "{keys:?}");
        for k in ["path", "kind", "ok", "record", "problems"] {
            assert!(obj.contains_key(k), "{k} missing in {f}");
        }
        let kind = f["kind"].as_str().unwrap();
        // SPEC §5's kinds, and `closing` for the 结项报告 of SPEC §10 (issue 17).
        let kinds = [
            "proposal", "progress", "closing", "scores", "unknown", "skipped",
        ];
        assert!(kinds.contains(&kind), "{kind}");
        let has_error = f["problems"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["severity"] == "error");
        assert_eq!(f["ok"].as_bool().unwrap(), !has_error);
        ok += usize::from(!has_error);
        skipped += usize::from(kind == "skipped");
        if kind == "unknown" || kind == "skipped" {
            assert!(f["record"].is_null());
        } else {
            let record = f["record"].as_object().unwrap();
            for (key, value) in record {
                match key.as_str() {
                    "start" | "deadline" | "submitted" => {
                        let s = value.as_str().unwrap();
                        assert!(
                            chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok(),
                            "{key}={s}"
                        );
                    }
                    "period" => assert_eq!(value.as_str().unwrap().len(), 7),
                    "percent" | "budget" | "topic" | "self_score" => {
                        assert!(value.is_number(), "{key}")
                    }
                    "members" => assert!(value.as_array().unwrap().iter().all(|m| m.is_string())),
                    "milestones" => {
                        for m in value.as_array().unwrap() {
                            for k in ["stage", "start", "end", "content"] {
                                assert!(m.get(k).is_some(), "milestone {k}");
                            }
                        }
                    }
                    _ => assert!(value.is_string(), "{key} should be text: {value}"),
                }
            }
        }
        for p in f["problems"].as_array().unwrap() {
            let p = p.as_object().unwrap();
            let keys: Vec<&str> = p.keys().map(String::as_str).collect();
            assert_eq!(keys.len(), 5, "{keys:?}");
            assert!(["error", "warning"].contains(&p["severity"].as_str().unwrap()));
            let code = p["code"].as_str().unwrap();
            assert!(code.starts_with(if p["severity"] == "error" { "E_" } else { "W_" }));
            assert!(p["field"].is_null() || p["field"].is_string());
            assert!(p["cell"].is_null() || p["cell"].as_str().unwrap().contains('!'));
            assert!(!p["message"].as_str().unwrap().is_empty());
        }
    }
    assert_eq!(summary["ok"].as_u64().unwrap() as usize, ok);
    assert_eq!(
        summary["with_errors"].as_u64().unwrap() as usize,
        files.len() - ok
    );
    assert_eq!(summary["skipped"].as_u64().unwrap() as usize, skipped);
}

#[test]
fn the_sample_report_opens_with_both_sheets_and_one_row_per_problem() {
    use calamine::{open_workbook, Reader, Xlsx};
    let dir = tmp();
    let report = at(dir.path(), "r.xlsx");
    taizhang()
        .args([
            "check",
            "samples/inbox",
            "--policy",
            "samples/taizhang.toml",
            "--report",
        ])
        .arg(&report)
        .assert()
        .code(1);
    let json = run_samples();
    let problems: usize = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["problems"].as_array().unwrap().len())
        .sum();
    let mut book: Xlsx<_> = open_workbook(&report).unwrap();
    let names = book.sheet_names();
    assert_eq!(names[0], "问题清单");
    assert_eq!(names[1], "文件清单");
    assert!(
        names.len() > 3,
        "one sheet per unit with problems: {names:?}"
    );
    assert_eq!(
        book.worksheet_range("问题清单").unwrap().height(),
        problems + 1
    );
    assert_eq!(
        book.worksheet_range("文件清单").unwrap().height(),
        json["files"].as_array().unwrap().len() + 1
    );
}
