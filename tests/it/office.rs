//! The ledger in a real office suite: LibreOffice Calc (headless, driven by Python-UNO scripts in
//! `tests/office/`) edits the ledger as a clerk does between two merges (a filled row, a red bold
//! cell, a date format, column widths, hidden columns and rows, an autofilter criterion, a
//! comment, a 是/否 list, merged cells in the clerk's own column, 备注, a sheet of formulas, a
//! defined name) and saves it over the ledger as xlsx; the next merge must keep every edit and
//! still bring the month's data in. LibreOffice reads the ledger back to check (`inspect.py`).
//!
//! Needs `soffice` and Debian's `/usr/bin/python3` with `uno` (`apt-get install
//! libreoffice-calc-nogui python3-uno`); skipped with a loud note without them, unless
//! `TAIZHANG_REQUIRE_OFFICE=1` (CI sets it, after installing them).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use serde_json::Value;

use crate::common::*;

const PYTHON: &str = "/usr/bin/python3";
const POLICY: &[&str] = &["--policy", "samples/taizhang.toml"];
const PROPOSALS: &str = "samples/inbox/2018-03-立项";

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|d| d.join(program).is_file()))
        .unwrap_or(false)
}

/// Debian's Python with `uno`, never a pyenv or virtualenv one.
fn python() -> Command {
    let mut cmd = Command::new(PYTHON);
    cmd.env_remove("PYTHONHOME").env_remove("PYTHONPATH");
    cmd
}

/// True when LibreOffice can be driven here; otherwise says so loudly, or fails when
/// `TAIZHANG_REQUIRE_OFFICE=1`.
fn office_available() -> bool {
    let soffice = on_path("soffice");
    let uno = soffice
        && python()
            .args(["-c", "import uno"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
    if uno {
        return true;
    }
    let missing = if soffice {
        format!("{PYTHON} -c 'import uno' fails")
    } else {
        "soffice is not on PATH".to_owned()
    };
    let message = format!(
        "\n!!!!!!!!!!\n!!! office round-trip test SKIPPED: {missing} \
         (apt-get install libreoffice-calc-nogui python3-uno)\n!!!!!!!!!!\n"
    );
    if std::env::var("TAIZHANG_REQUIRE_OFFICE").as_deref() == Ok("1") {
        panic!("{message}");
    }
    eprintln!("{message}");
    false
}

/// Runs one of `tests/office/*.py` and parses the JSON it prints.
fn script(name: &str, args: &[&Path]) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/office")
        .join(name);
    let out = python().arg(&path).args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "{name} failed: {}\n{stderr}",
        out.status
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{name} printed no JSON ({e}):\n{}\n{stderr}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

fn merge(paths: &[PathBuf], ledger: &Path) -> String {
    let mut cmd = taizhang();
    cmd.arg("merge")
        .args(paths)
        .arg("--ledger")
        .arg(ledger)
        .args(POLICY);
    let out = cmd.output().unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    // 1: some sample files are flawed on purpose and sent back; the rest is merged.
    let code = out.status.code().unwrap_or(-1);
    assert!(code == 0 || code == 1, "merge exited {code}:\n{text}");
    assert!(
        text.contains("台账已保存"),
        "the ledger was not saved:\n{text}"
    );
    text
}

/// LibreOffice's lock file, left when soffice is ended hard; merge would (rightly) refuse.
fn remove_office_lock(ledger: &Path) {
    let name = ledger.file_name().unwrap().to_string_lossy();
    let lock = ledger.with_file_name(format!(".~lock.{name}#"));
    if lock.exists() {
        std::fs::remove_file(lock).unwrap();
    }
}

/// Every failed check, reported together.
#[derive(Default)]
struct Checks(Vec<String>);

impl Checks {
    fn ok(&mut self, ok: bool, what: impl FnOnce() -> String) {
        if !ok {
            self.0.push(what());
        }
    }

    fn eq(&mut self, what: &str, got: &Value, want: &Value) {
        self.ok(got == want, || format!("{what}: {got} (wanted {want})"));
    }

    fn panic_if_failed(self, heading: &str) {
        if !self.0.is_empty() {
            panic!(
                "{heading}: {} failed\n  - {}",
                self.0.len(),
                self.0.join("\n  - ")
            );
        }
    }
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}

/// The hidden rows' project IDs.
fn hidden_ids(ledger: &Value) -> Vec<&str> {
    ledger["hidden_rows"]
        .as_array()
        .map(|rows| rows.iter().map(|r| s(&r["id"])).collect())
        .unwrap_or_default()
}

/// 统计's cells by address.
fn stats_cell<'a>(book: &'a Value, cell: &str) -> &'a Value {
    book["统计"]["cells"]
        .as_array()
        .and_then(|cells| cells.iter().find(|c| c["cell"] == cell))
        .unwrap_or(&Value::Null)
}

/// The edit script's edits, as inspect.py sees them in the file it saved.
fn check_edits(c: &mut Checks, did: &Value, book: &Value) {
    let l = &book["项目台账"];
    let fill = &did["fill"];
    c.eq("row 2's project", &l["fill"]["id"], &fill["id"]);
    let cells = l["fill"]["cells"].as_object().cloned().unwrap_or_default();
    c.ok(cells.len() >= 29, || {
        format!("row 2 has {} cells", cells.len())
    });
    for (cell, color) in &cells {
        c.eq(&format!("fill of {cell}"), color, &fill["color"]);
    }
    c.eq("font cell", &l["font"]["cell"], &did["font"]["cell"]);
    c.eq("font colour", &l["font"]["color"], &did["font"]["color"]);
    c.eq("font bold", &l["font"]["bold"], &Value::Bool(true));
    let text = s(&l["number_format"]["text"]);
    c.ok(text.contains('年') && text.ends_with('日'), || {
        format!("number format of the date: {}", l["number_format"])
    });
    let width = l["columns"]["项目名称"]["width"].as_i64().unwrap_or(0);
    let want = did["width"]["width"].as_i64().unwrap();
    c.ok((width - want).abs() <= 30, || {
        format!("width of 项目名称: {width} (wanted {want})")
    });
    c.eq(
        "联系电话 hidden",
        &l["columns"]["联系电话"]["hidden"],
        &Value::Bool(true),
    );
    let row = s(&did["hidden_row"]["id"]);
    c.ok(hidden_ids(l).contains(&row), || {
        format!("row of {row} hidden: hidden are {:?}", hidden_ids(l))
    });
    let filter = &l["autofilter"];
    c.eq("autofilter on", &filter["on"], &Value::Bool(true));
    c.eq(
        "autofilter range",
        &filter["range"],
        &did["autofilter"]["range"],
    );
    c.eq(
        "autofilter criteria",
        &filter["criteria"],
        &serde_json::json!([{"header": "申报单位", "operator": "EQUAL",
            "value": did["autofilter"]["value"]}]),
    );
    c.eq(
        "comments",
        &l["comments"],
        &serde_json::json!([{"cell": did["comment"]["cell"], "id": did["comment"]["id"],
            "text": did["comment"]["text"]}]),
    );
    let rows: Vec<Value> = (2..=l["data_rows"].as_u64().unwrap_or(0) + 1)
        .map(Value::from)
        .collect();
    c.eq(
        "validation of 重点项目",
        &l["validation"],
        &serde_json::json!([{"type": "LIST", "formula1": did["validation"]["list"], "rows": rows}]),
    );
    let clerk = &did["clerk_column"];
    c.eq(
        "last header",
        l["headers"]
            .as_array()
            .and_then(|h| h.last())
            .unwrap_or(&Value::Null),
        &clerk["header"],
    );
    c.eq(
        "merged ranges",
        &l["merged"],
        &serde_json::json!([clerk["merged"]]),
    );
    c.eq(
        "督办人 values",
        &l["clerk_column"]["values"],
        &serde_json::json!({format!("{}2", s(&clerk["column"])): clerk["value"]}),
    );
    c.eq(
        "备注",
        &l["notes"],
        &serde_json::json!({s(&did["note"]["id"]): did["note"]["text"]}),
    );
    c.eq(
        "重点项目",
        &l["key_projects"],
        &serde_json::json!({s(&did["key"]["id"]): did["key"]["value"]}),
    );
    for cell in ["B1", "B2"] {
        let got = stats_cell(book, cell);
        c.eq(
            &format!("统计!{cell} type"),
            &got["type"],
            &"FORMULA".into(),
        );
        c.eq(
            &format!("统计!{cell} formula"),
            &got["formula"],
            &did["stats"][cell]["formula"],
        );
        c.eq(
            &format!("统计!{cell} value"),
            &got["value"],
            &did["stats"][cell]["value"],
        );
    }
    c.eq(
        "统计!B1 counts the projects",
        &stats_cell(book, "B1")["value"],
        &Value::from(l["data_rows"].as_f64().unwrap_or(-1.0)),
    );
    let name = s(&did["defined_name"]["name"]);
    c.eq(
        &format!("defined name {name}"),
        &book["defined_names"][name],
        &did["defined_name"]["content"],
    );
}

/// After the next merge: every edit as it was (`before` is inspect.py on the edited file), and
/// the month's data in.
fn check_kept(c: &mut Checks, did: &Value, before: &Value, after: &Value) {
    let (b, a) = (&before["项目台账"], &after["项目台账"]);
    // The formatting and the clerk's structures.
    c.eq("sheets (in order)", &after["sheets"], &before["sheets"]);
    c.eq("row 2's project", &a["fill"]["id"], &b["fill"]["id"]);
    let cells = b["fill"]["cells"].as_object().cloned().unwrap_or_default();
    let lost: Vec<&String> = cells
        .iter()
        .filter(|(cell, color)| a["fill"]["cells"][cell.as_str()] != **color)
        .map(|(cell, _)| cell)
        .collect();
    c.ok(lost.is_empty(), || {
        format!(
            "fill of row 2 ({}): lost in {} of {} cells ({})",
            b["fill"]["cells"]["A2"],
            lost.len(),
            cells.len(),
            a["fill"]["cells"]
        )
    });
    c.eq("font of the red bold cell", &a["font"], &b["font"]);
    c.eq("number format", &a["number_format"], &b["number_format"]);
    let width = |l: &Value| l["columns"]["项目名称"]["width"].as_i64().unwrap_or(0);
    c.ok((width(a) - width(b)).abs() <= 30, || {
        format!(
            "width of 项目名称: {} (was {})",
            a["columns"]["项目名称"]["width"], b["columns"]["项目名称"]["width"]
        )
    });
    c.eq(
        "联系电话 hidden",
        &a["columns"]["联系电话"]["hidden"],
        &b["columns"]["联系电话"]["hidden"],
    );
    let row = s(&did["hidden_row"]["id"]);
    c.ok(hidden_ids(a).contains(&row), || {
        format!("the hidden row of {row}: hidden now {:?}", hidden_ids(a))
    });
    c.eq(
        "autofilter criteria",
        &a["autofilter"]["criteria"],
        &b["autofilter"]["criteria"],
    );
    c.eq(
        "autofilter on",
        &a["autofilter"]["on"],
        &b["autofilter"]["on"],
    );
    c.eq("comments", &a["comments"], &b["comments"]);
    let validation = |l: &Value| {
        l["validation"]
            .as_array()
            .and_then(|v| v.iter().find(|k| k["type"] == "LIST"))
            .map(|k| k["formula1"].clone())
            .unwrap_or(Value::Null)
    };
    c.eq(
        "validation list of 重点项目",
        &validation(a),
        &validation(b),
    );
    let list_rows = |l: &Value| -> Vec<Value> {
        l["validation"]
            .as_array()
            .and_then(|v| v.iter().find(|k| k["type"] == "LIST"))
            .and_then(|k| k["rows"].as_array().cloned())
            .unwrap_or_default()
    };
    let missing: Vec<Value> = list_rows(b)
        .into_iter()
        .filter(|r| !list_rows(a).contains(r))
        .collect();
    c.ok(missing.is_empty(), || {
        format!(
            "validation of 重点项目 lost in rows {}",
            Value::Array(missing.clone())
        )
    });
    c.eq("merged ranges", &a["merged"], &b["merged"]);
    for cell in ["B1", "B2"] {
        let (was, now) = (stats_cell(before, cell), stats_cell(after, cell));
        c.eq(&format!("统计!{cell} type"), &now["type"], &was["type"]);
        c.eq(
            &format!("统计!{cell} formula"),
            &now["formula"],
            &was["formula"],
        );
    }
    c.eq(
        "统计!B1 recomputed: the projects",
        &stats_cell(after, "B1")["value"],
        &Value::from(a["data_rows"].as_f64().unwrap_or(-1.0)),
    );
    c.eq(
        "统计!B2 recomputed: row 2's project name",
        &stats_cell(after, "B2")["value"],
        &stats_cell(before, "B2")["value"],
    );
    c.eq(
        "defined names",
        &after["defined_names"],
        &before["defined_names"],
    );
    // The clerk's values and the merged data.
    c.eq("备注", &a["notes"], &b["notes"]);
    c.eq("重点项目", &a["key_projects"], &b["key_projects"]);
    c.eq("督办人 values", &a["clerk_column"], &b["clerk_column"]);
    let headers = |l: &Value| l["headers"].as_array().cloned().unwrap_or_default();
    c.ok(headers(b).iter().all(|h| headers(a).contains(h)), || {
        format!("headers: {:?} (were {:?})", headers(a), headers(b))
    });
    let ids = |l: &Value| l["ids"].as_array().cloned().unwrap_or_default();
    c.ok(ids(a).starts_with(&ids(b)), || {
        format!("项目台账 IDs: {:?} (were {:?})", ids(a), ids(b))
    });
    let reports = |book: &Value| book["进度记录"]["data_rows"].as_u64().unwrap_or(0);
    c.ok(reports(after) > reports(before), || {
        format!(
            "进度记录 rows: {} (were {}): the reports did not arrive",
            reports(after),
            reports(before)
        )
    });
}

#[test]
fn a_clerks_edits_in_libreoffice_survive_the_next_merge() {
    if !office_available() {
        return;
    }
    let start = Instant::now();
    let dir = tmp();
    let ledger = at(dir.path(), "台账.xlsx");
    merge(&[PathBuf::from(PROPOSALS)], &ledger);

    // The clerk opens the ledger in Calc, edits, saves (over the ledger, in xlsx), closes.
    let did = script("clerk_edit.py", &[&ledger, &ledger]);
    remove_office_lock(&ledger);
    let edited = script("inspect.py", &[&ledger]);
    let mut c = Checks::default();
    check_edits(&mut c, &did, &edited);
    c.panic_if_failed("the edit script's edits are not in the file it saved");

    // The next months' reports.
    let mut months: Vec<PathBuf> = std::fs::read_dir("samples/inbox")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().as_ref() > "2018-03-立项")
        .collect();
    months.sort();
    assert!(months.len() >= 9, "a folder per month: {months:?}");
    merge(&months, &ledger);

    let merged = script("inspect.py", &[&ledger]);
    let mut c = Checks::default();
    check_kept(&mut c, &did, &edited, &merged);
    eprintln!("office round trip: {:.1} s", start.elapsed().as_secs_f64());
    c.panic_if_failed("after the next merge, the clerk's LibreOffice edits");
}
