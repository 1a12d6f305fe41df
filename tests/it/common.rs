//! Test helpers: real xlsx forms built with rust_xlsxwriter, and the binary run on them.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use rust_xlsxwriter::{Format, Formula, Workbook};

/// A cell value for a test form.
#[derive(Clone, Debug)]
pub enum V {
    /// Text.
    T(&'static str),
    /// Number.
    N(f64),
    /// Number in a `0%` cell.
    Pct(f64),
    /// Date cell (y, m, d).
    D(u16, u8, u8),
    /// Excel error via a formula with a cached error.
    Err(&'static str),
}

/// Places cells on one sheet: `(row, col, value)`.
pub struct Sheet {
    pub name: &'static str,
    pub cells: Vec<(u32, u16, V)>,
    pub hidden: bool,
}

pub fn sheet(name: &'static str, cells: Vec<(u32, u16, V)>) -> Sheet {
    Sheet {
        name,
        cells,
        hidden: false,
    }
}

/// Writes a workbook with the given sheets to `path`.
pub fn write_book(path: &Path, sheets: &[Sheet]) {
    let mut book = Workbook::new();
    let pct = Format::new().set_num_format("0%");
    let date = Format::new().set_num_format("yyyy\"年\"m\"月\"d\"日\"");
    for s in sheets {
        let ws = book.add_worksheet();
        ws.set_name(s.name).unwrap();
        for (r, c, v) in &s.cells {
            match v {
                V::T(t) => {
                    ws.write_string(*r, *c, *t).unwrap();
                }
                V::N(n) => {
                    ws.write_number(*r, *c, *n).unwrap();
                }
                V::Pct(n) => {
                    ws.write_number_with_format(*r, *c, *n, &pct).unwrap();
                }
                V::D(y, m, d) => {
                    let dt = rust_xlsxwriter::ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                    ws.write_datetime_with_format(*r, *c, &dt, &date).unwrap();
                }
                V::Err(e) => {
                    ws.write_formula(*r, *c, Formula::new("=1/0").set_result(*e))
                        .unwrap();
                }
            }
        }
        if s.hidden {
            ws.set_hidden(true);
        }
    }
    book.save(path).unwrap();
}

/// A label-left form from (label, value) pairs, one per row under a title.
pub fn rows(title: &'static str, pairs: &[(&'static str, V)]) -> Vec<(u32, u16, V)> {
    let mut cells = vec![(0, 0, V::T(title))];
    for (i, (label, value)) in pairs.iter().enumerate() {
        cells.push((i as u32 + 1, 0, V::T(label)));
        cells.push((i as u32 + 1, 1, value.clone()));
    }
    cells
}

/// A valid innovation-preset proposal, as (label, value) pairs.
pub fn good_proposal() -> Vec<(&'static str, V)> {
    vec![
        ("申报单位", V::T("田家庵区委")),
        ("项目名称", V::T("红色网格党建引领基层治理工程")),
        ("项目类别", V::T("A类")),
        ("参考目录序号", V::N(18.0)),
        ("工作范围或对象", V::T("全区各街道社区党组织")),
        (
            "工作目标",
            V::T("建立区、街道、社区、网格四级党建网格体系，实现党的组织和工作全覆盖"),
        ),
        (
            "主要措施",
            V::T("一是划分网格；二是选派网格党小组长；三是建立问题清单和责任清单"),
        ),
        ("开始时间", V::D(2018, 4, 1)),
        ("完成时间", V::T("2018年12月31日")),
        ("成果形式", V::T("工作制度汇编、典型案例")),
        ("责任单位", V::T("田家庵区委组织部")),
        ("责任人", V::T("张伟")),
        ("职务", V::T("区委常委、组织部部长")),
        ("项目组成员", V::T("张伟、李娜、王强、赵敏")),
        ("联系电话", V::T("13805546677")),
        ("经费预算", V::N(5.0)),
        ("填报日期", V::D(2018, 3, 28)),
    ]
}

/// A valid progress report, as (label, value) pairs.
pub fn good_progress() -> Vec<(&'static str, V)> {
    vec![
        ("申报单位", V::T("田家庵区委")),
        ("项目名称", V::T("红色网格党建引领基层治理工程")),
        ("报告期", V::T("2018年5月")),
        ("完成进度", V::Pct(0.35)),
        ("项目状态", V::T("正常推进")),
        ("本期完成情况", V::T("完成网格划分，选派网格党小组长62名")),
        ("存在问题", V::T("部分小区物业配合不够")),
        ("下步计划", V::T("开展网格员培训")),
        ("填报人", V::T("李娜")),
        ("填报日期", V::D(2018, 6, 3)),
    ]
}

/// Replaces (or removes, with `None`) one pair.
pub fn with(
    mut pairs: Vec<(&'static str, V)>,
    label: &str,
    value: Option<V>,
) -> Vec<(&'static str, V)> {
    let i = pairs
        .iter()
        .position(|(l, _)| *l == label)
        .expect("label in fixture");
    match value {
        Some(v) => pairs[i].1 = v,
        None => {
            pairs.remove(i);
        }
    }
    pairs
}

/// The binary.
pub fn taizhang() -> Command {
    Command::cargo_bin("taizhang").unwrap()
}

/// `taizhang approve --all`: the clerk approves every proposal waiting (SPEC §10), as the
/// routine does between the proposals' merge and the first status.
pub fn approve_all(ledger: &Path, policy: Option<&Path>) {
    let mut c = taizhang();
    c.args(["approve", "--all", "--ledger"]).arg(ledger);
    if let Some(p) = policy {
        c.arg("--policy").arg(p);
    }
    let out = c.output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("已批复"));
}

/// Runs `check --format json` on paths and returns the parsed JSON and the exit code.
pub fn check_json(paths: &[&Path], extra: &[&str]) -> (serde_json::Value, i32) {
    let mut cmd = taizhang();
    cmd.arg("check").arg("--format").arg("json");
    for p in paths {
        cmd.arg(p);
    }
    cmd.args(extra);
    let out = cmd.output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (json, out.status.code().unwrap_or(-1))
}

/// The codes of one file's problems, sorted.
pub fn codes(file: &serde_json::Value) -> Vec<String> {
    let mut c: Vec<String> = file["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap().to_owned())
        .collect();
    c.sort();
    c
}

/// A fresh temporary folder.
pub fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

/// `dir/name` as a PathBuf.
pub fn at(dir: &Path, name: &str) -> PathBuf {
    dir.join(name)
}
