//! The college sample (`samples/college`, secretary preset, 2017): `check` against its README's
//! table, then the year's routine — merge, approve, merge the reports, status, score sheet,
//! rank — with no trace of the innovation preset's categories in any output.

use std::collections::BTreeMap;
use std::path::Path;

use calamine::{open_workbook, Data, Reader, Xlsx};

use crate::common::*;

const POLICY: &str = "samples/college/taizhang.toml";

/// (path under samples/college/, kind, sorted codes) for every row of its README's table.
fn expected() -> BTreeMap<String, (String, Vec<String>)> {
    let text = std::fs::read_to_string("samples/college/README.md").unwrap();
    let mut out = BTreeMap::new();
    for line in text.lines().filter(|l| l.starts_with("| `")) {
        let cols: Vec<&str> = line.split('|').map(str::trim).collect();
        let path = cols[1].trim_matches('`').to_owned();
        let mut codes: Vec<String> = cols[3]
            .split([',', '，', ' '])
            .map(str::trim)
            .filter(|c| c.starts_with("E_") || c.starts_with("W_"))
            .map(str::to_owned)
            .collect();
        codes.sort();
        out.insert(path, (cols[2].to_owned(), codes));
    }
    out
}

#[test]
fn every_college_sample_produces_exactly_what_its_readme_says() {
    let expected = expected();
    assert_eq!(expected.len(), 22, "six proposals and sixteen reports");
    let (json, code) = check_json(&[Path::new("samples/college/inbox")], &["--policy", POLICY]);
    assert_eq!(code, 1, "the sample includes flawed files");
    let mut wrong = Vec::new();
    let mut seen = 0;
    for f in json["files"].as_array().unwrap() {
        let path = f["path"].as_str().unwrap().replace('\\', "/");
        let rel = path.trim_start_matches("samples/college/").to_owned();
        let Some((kind, want)) = expected.get(&rel) else {
            wrong.push(format!("{rel}: not in samples/college/README.md"));
            continue;
        };
        seen += 1;
        let got = codes(f);
        if f["kind"] != kind.as_str() || &got != want {
            wrong.push(format!(
                "{rel}: expected {kind} {want:?}, got {} {got:?}",
                f["kind"]
            ));
        }
    }
    assert_eq!(seen, expected.len(), "every listed file was checked");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Every text of every sheet of a workbook.
fn texts(path: &Path) -> Vec<String> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        for cell in range.used_cells() {
            if let Data::String(s) = cell.2 {
                out.push(s.clone());
            }
        }
    }
    out
}

/// Runs taizhang under the college policy: exit code and everything it said.
fn run(args: &[&str]) -> (i32, String) {
    let out = taizhang()
        .args(args)
        .args(["--policy", POLICY])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), said)
}

#[test]
fn the_college_year_runs_through_merge_status_scoresheet_and_rank() {
    let dir = tmp();
    let ledger = at(dir.path(), "台账.xlsx");
    let l = ledger.to_str().unwrap();
    let (_, said) = run(&["merge", "samples/college/inbox/2017-03-立项", "--ledger", l]);
    assert!(said.contains("新增 4 个"), "{said}");
    approve_all(&ledger, Some(Path::new(POLICY)));
    let (_, said) = run(&["merge", "samples/college/inbox", "--ledger", l]);
    assert!(said.contains("新增 15 份"), "{said}");
    let status = at(dir.path(), "进度汇总.xlsx");
    let s = status.to_str().unwrap();
    let (code, said) = run(&["status", "--ledger", l, "--as-of", "2017-07-31", "--out", s]);
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("已完成 1"), "{said}");
    let sheet = at(dir.path(), "评分表.xlsx");
    let (code, said) = run(&[
        "scoresheet",
        "--ledger",
        l,
        "--out",
        sheet.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{said}");
    assert!(
        said.contains("3 个项目"),
        "the two-year project waits: {said}"
    );
    let ranking = at(dir.path(), "年度综合排名.xlsx");
    let exemplary = at(dir.path(), "示范项目.xlsx");
    let (code, said) = run(&[
        "rank",
        "--ledger",
        l,
        "--scores",
        "samples/college/scores",
        "--out",
        ranking.to_str().unwrap(),
        "--exemplary",
        exemplary.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{said}");
    assert!(
        said.contains("第 1 名") && said.contains("马克思主义学院党总支"),
        "{said}"
    );
    for book in [&ledger, &status, &sheet, &ranking, &exemplary] {
        let all = texts(book);
        for gone in ["项目类别", "参考目录序号", "A类项目数", "类别"] {
            assert!(
                !all.iter().any(|t| t == gone),
                "{gone} in {}",
                book.display()
            );
        }
    }
    for shown in ["状态", "最新进度", "推进中", "已完成"] {
        assert!(
            texts(&sheet).iter().any(|t| t == shown),
            "{shown} on the score sheet"
        );
        assert!(
            texts(&ranking).iter().any(|t| t == shown),
            "{shown} in the ranking"
        );
    }
    let about = texts(&ranking).join("\n");
    assert!(
        about.contains("跨年度项目") && about.contains("文法学院党委，完成时间 2018-06-30"),
        "{about}"
    );
}
