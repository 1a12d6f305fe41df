//! `taizhang export --ledger 台账.xlsx --format csv|jsonl`: the ledger's projects for other systems.
//!
//! CSV is UTF-8 with a byte-order mark (so Excel opens the Chinese intact), every 项目台账 column in
//! sheet order (the clerk's own columns too), RFC 4180 quoting, CRLF line ends, a leading `'` on
//! text that a spreadsheet would take for a formula (CWE-1236), and a leading tab on text that it
//! would take for a number or a date (phone numbers, IDs, the period 2018-12): Excel and
//! LibreOffice keep such a field as text (the tab is the usual way to make Excel keep a CSV
//! number as text; `="…"` would be a formula, which the guard forbids). JSON Lines is one object per
//! project with the SPEC §5 record keys plus the ledger's ID, status, progress and version.
//!
//! Examples:
//!   taizhang export --ledger 台账.xlsx --format csv --out 项目台账.csv
//!   taizhang export --ledger 台账.xlsx --format jsonl > projects.jsonl

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use serde_json::Value;
use taizhang::ledger::Table;
use taizhang::model::field::Input;
use taizhang::model::{Column, Field, Scope, Value as Cell};
use taizhang::write::style::looks_like_formula;

use super::exit::Exit;
use super::CliError;

/// Export formats.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    /// CSV（UTF-8 带 BOM，Excel 可直接打开）
    Csv,
    /// JSON Lines（每行一个项目，供其他程序读取）
    Jsonl,
}

/// Arguments of `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// 管理台账文件（由 taizhang merge 生成）
    #[arg(long, value_name = "台账.xlsx")]
    pub ledger: PathBuf,
    /// 导出格式：csv 或 jsonl
    #[arg(long, value_enum, default_value = "csv")]
    pub format: ExportFormat,
    /// 输出文件（默认：输出到屏幕，可用 > 重定向）
    #[arg(long, value_name = "文件")]
    pub out: Option<PathBuf>,
}

/// Runs `export`: 0 once the projects are written.
pub fn run(args: ExportArgs) -> Result<Exit, CliError> {
    let ledger = super::read_ledger(&args.ledger)?;
    let text = match args.format {
        ExportFormat::Csv => csv(&ledger.projects)?,
        ExportFormat::Jsonl => jsonl(&ledger.projects)
            .map_err(|e| CliError::Json(e.into()))?
            .into_bytes(),
    };
    let count = ledger.project_rows().count();
    match &args.out {
        Some(path) => {
            taizhang::fsio::write(path, &text)?;
            eprintln!("{}", taizhang::say::cli::exported(count, path.display()));
        }
        None => {
            let mut out = std::io::stdout().lock();
            match out.write_all(&text).and_then(|()| out.flush()) {
                // A closed pipe (`| head`) is not the clerk's problem.
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    return Err(CliError::Stdout(e))
                }
                _ => {}
            }
        }
    }
    Ok(Exit::Ok)
}

/// One CSV field's text under its column's header: formula-like text gets a leading `'` (the
/// `csv` writer quotes it); text that Excel would turn into a number or a date (a phone number
/// shown as 1.39666E+10, an ID losing its leading 0 or its last digits, a period 2018-12 made
/// into 18年12月) gets a leading tab, which Excel and LibreOffice keep as text.
fn csv_field(header: &str, cell: &Cell) -> String {
    let mut s = cell.display();
    if matches!(cell, Cell::Text(_)) && looks_like_formula(&s) {
        s.insert(0, '\'');
    } else if keeps_text(header, cell) && spreadsheet_would_convert(&s) {
        s.insert(0, '\t');
    }
    s
}

/// Whether a cell must reach the spreadsheet as text: every cell of taizhang's text columns
/// (项目编号, 联系电话, 最近报告期 …, even a phone the unit typed as a number), and text cells of
/// the clerk's own columns. Numbers, percents and dates of their own columns stay numbers and
/// dates.
fn keeps_text(header: &str, cell: &Cell) -> bool {
    use taizhang::model::column::Kind;
    match Column::for_header(header).map(Column::kind) {
        Some(Kind::Number | Kind::Percent | Kind::Date | Kind::DateTime) => false,
        Some(Kind::Text | Kind::Long | Kind::Month) => true,
        None => matches!(cell, Cell::Text(_)),
    }
}

/// Text that Excel (and LibreOffice, WPS) would read as something else when it opens a CSV: a
/// number (`13966612345`, `0554`, `1,234`, `60%`, `1e5`), a date or a month (`2018-12`,
/// `2018/12/31`, `12-31`, `2018年12月`, `12月31日`), a time, or TRUE/FALSE.
fn spreadsheet_would_convert(s: &str) -> bool {
    use regex::Regex;
    use std::sync::LazyLock;
    static CONVERTED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"^(?:",
            r"[+-]?(?:\d+(?:,\d{3})*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?",
            r"|\d{1,4}[-/.]\d{1,2}(?:[-/.]\d{1,4})?",
            r"|\d{1,4}年\d{1,2}月(?:\d{1,2}日)?|\d{1,2}月\d{1,2}日",
            r"|\d{1,2}:\d{2}(?::\d{2})?",
            r"|(?i:true|false)",
            r")$"
        ))
        .expect("static regex")
    });
    CONVERTED.is_match(s.trim())
}

/// The 项目台账 sheet as CSV: BOM, header row, one line per project, RFC 4180 quoting where a
/// field needs it, CRLF line ends.
pub fn csv(t: &Table) -> Result<Vec<u8>, csv::Error> {
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer("\u{FEFF}".as_bytes().to_vec());
    out.write_record(
        t.headers
            .iter()
            .map(|h| csv_field("", &Cell::text(h.clone()))),
    )?;
    for r in t.rows_with_id() {
        out.write_record(t.headers.iter().map(|h| csv_field(h, t.get_named(r, h))))?;
    }
    out.into_inner().map_err(|e| e.into_error().into())
}

/// How a cell becomes a JSON value.
type ToJson = fn(&Cell) -> Value;

/// The ledger's own columns in a JSON line, after the proposal's fields: key, column, kind.
const LEDGER_KEYS: &[(&str, Column, ToJson)] = &[
    ("status", Column::Status, text),
    ("approval", Column::Approval, text),
    ("approval_note", Column::ApprovalNote, text),
    ("percent", Column::LatestPercent, float),
    ("period", Column::LatestPeriod, text),
    ("version", Column::Version, number),
];

/// A proposal field's cell as JSON, by what the field holds.
fn field_json(field: Field, cell: &Cell) -> Value {
    match (field, field.input()) {
        (Field::Members, _) => members(cell).into(),
        (Field::Milestones, _) => milestones(cell).into(),
        (_, Input::Whole) => number(cell),
        (_, Input::Money | Input::Percent) => float(cell),
        _ => text(cell),
    }
}

fn text(cell: &Cell) -> Value {
    match cell.display().trim() {
        "" => Value::Null,
        s => Value::String(s.to_owned()),
    }
}

/// A number (whole numbers as integers); text that is no number stays text, so nothing is lost.
fn number(cell: &Cell) -> Value {
    match cell.number() {
        Some(n) if n.fract() == 0.0 && n.abs() < 1e15 => Value::from(n as i64),
        Some(n) => Value::from(n),
        None => text(cell),
    }
}

/// A float (percent, budget): `60`, `5.5`.
fn float(cell: &Cell) -> Value {
    match cell.number() {
        Some(n) => Value::from(n),
        None => text(cell),
    }
}

fn members(cell: &Cell) -> Vec<String> {
    cell.display()
        .split(['、', '，', ',', ';', '；', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// 进度安排 lines (`阶段｜2018-04-01～2018-05-31｜内容`) as `{stage, start, end, content}`.
fn milestones(cell: &Cell) -> Vec<Value> {
    cell.display()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let mut parts = line.splitn(3, '｜');
            let stage = parts.next().unwrap_or_default().trim();
            let (start, end) = parts
                .next()
                .and_then(|span| span.split_once('～'))
                .unwrap_or_default();
            let content = parts.next().unwrap_or_default().trim();
            let opt = |s: &str| match s.trim() {
                "" => Value::Null,
                s => Value::String(s.to_owned()),
            };
            serde_json::json!({
                "stage": stage,
                "start": opt(start),
                "end": opt(end),
                "content": content,
            })
        })
        .collect()
}

/// The 项目台账 sheet as JSON Lines: SPEC §5's record keys (项目编号 and every proposal field
/// the ledger keeps, in the catalogue's order), then the ledger's own.
pub fn jsonl(t: &Table) -> Result<String, serde_json::Error> {
    let fields: Vec<Field> = std::iter::once(Field::ProjectId)
        .chain(
            Field::ALL
                .iter()
                .copied()
                .filter(|f| f.on(Scope::Proposal) && f.column().is_some()),
        )
        .collect();
    let mut out = String::new();
    for r in t.rows_with_id() {
        // Written pair by pair: the keys keep this order (serde_json's map would sort them).
        let mut pairs: Vec<(&str, Value)> = Vec::new();
        for &field in &fields {
            if let Some(column) = field.column() {
                pairs.push((field.key(), field_json(field, t.get(r, column))));
            }
        }
        for (key, column, json) in LEDGER_KEYS {
            pairs.push((key, json(t.get(r, *column))));
        }
        out.push('{');
        for (i, (key, value)) in pairs.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&serde_json::to_string(key)?);
            out.push(':');
            out.push_str(&serde_json::to_string(value)?);
        }
        out.push_str("}\n");
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use taizhang::ledger::Ledger;

    fn table() -> Table {
        let mut l = Ledger::new();
        let t = &mut l.projects;
        let r = t.push_row();
        t.set(r, Column::ProjectId, Cell::text("2018-001"));
        t.set(r, Column::Name, Cell::text("=HYPERLINK(\"x\")"));
        t.set(r, Column::Goals, Cell::text("一是，二是\n三是"));
        t.set(r, Column::Budget, Cell::Number(5.0));
        t.set(r, Column::Phone, Cell::Number(13805546677.0));
        let d = NaiveDate::from_ymd_opt(2018, 12, 31).unwrap();
        t.set(r, Column::Deadline, Cell::Date(d));
        t.set(r, Column::Members, Cell::text("张伟、李娜"));
        t.set(
            r,
            Column::Milestones,
            Cell::text("启动｜2018-04-01～2018-05-31｜划分网格"),
        );
        t.set(r, Column::Version, Cell::Number(2.0));
        t.push_row(); // a blank row the clerk left
        l.projects
    }

    #[test]
    fn csv_quotes_and_defuses() {
        let csv = String::from_utf8(csv(&table()).unwrap()).unwrap();
        assert!(csv.starts_with("\u{FEFF}项目编号,年度,"));
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines.len(), 3, "header, one project, final empty");
        assert!(
            lines[1].contains(",\"'=HYPERLINK(\"\"x\"\")\","),
            "{}",
            lines[1]
        );
        assert!(lines[1].contains(",\"一是，二是\n三是\","));
        assert!(lines[1].contains(",2018-12-31,"));
        // A phone typed as a number stays text in Excel: a leading tab, not 1.38055E+10.
        assert!(lines[1].contains(",\t13805546677,"), "{}", lines[1]);
        // An ID such as 2018-001 is no number nor date to Excel: as it is.
        assert!(lines[1].starts_with("2018-001,"), "{}", lines[1]);
        // Numbers of number columns stay numbers.
        assert!(lines[1].contains(",5,"), "{}", lines[1]);
    }

    #[test]
    fn what_a_spreadsheet_would_convert() {
        for s in [
            "13966612345",
            "0554",
            "340404199001011234",
            "2018-12",
            "2018/12/31",
            "12-31",
            "2018.12",
            "2018年12月",
            "12月31日",
            "60%",
            "1,234",
            "1e5",
            "9:30",
            "TRUE",
        ] {
            assert!(spreadsheet_would_convert(s), "{s}");
        }
        for s in [
            "2018-001",
            "0554-6661234",
            "张伟",
            "13805546677、13905541234",
            "A",
        ] {
            assert!(!spreadsheet_would_convert(s), "{s}");
        }
        let period = Cell::text("2018-12");
        assert_eq!(csv_field("最近报告期", &period), "\t2018-12");
        assert_eq!(csv_field("我的备注列", &period), "\t2018-12");
        assert_eq!(
            csv_field("我的数字列", &Cell::Number(13966612345.0)),
            "13966612345"
        );
        assert_eq!(
            csv_field("联系电话", &Cell::Number(13966612345.0)),
            "\t13966612345"
        );
        assert_eq!(csv_field("版本", &Cell::Number(2.0)), "2");
        // The formula guard comes first: never a tab before its quote.
        assert_eq!(csv_field("联系电话", &Cell::text("-1")), "'-1");
    }

    #[test]
    fn jsonl_has_the_record_keys() {
        let text = jsonl(&table()).unwrap();
        let v: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
        assert_eq!(v["project_id"], "2018-001");
        assert_eq!(v["deadline"], "2018-12-31");
        assert_eq!(v["members"], serde_json::json!(["张伟", "李娜"]));
        assert_eq!(v["budget"], 5.0);
        assert_eq!(v["version"], 2);
        assert_eq!(v["phone"], "13805546677");
        assert_eq!(v["milestones"][0]["end"], "2018-05-31");
        assert_eq!(v["start"], Value::Null);
        assert_eq!(text.lines().count(), 1);
    }
}
