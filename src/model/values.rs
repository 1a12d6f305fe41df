//! Value parsers of SPEC §3.4: the ways people really type dates, months, percents and lists.
//!
//! Each parser takes what the form holds and returns the typed value or `None`; the caller turns
//! `None` into a problem that quotes the text.

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use regex::Regex;

use super::Value;
use crate::text::{fold_width, number_text, strip_spaces};

/// Whether a month-only date means its first day (a start) or its last (a deadline).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayRole {
    /// `2018年4月` as a start: 1 April.
    Start,
    /// `2018年12月` as a deadline: 31 December.
    End,
}

/// Excel's day 0 is 1899-12-30 in the 1900 system (its phantom 29 Feb 1900 included).
fn excel_serial(n: f64) -> Option<NaiveDate> {
    if !(1.0..=2_958_465.0).contains(&n) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(chrono::Days::new(n.trunc() as u64))
}

fn last_day(year: i32, month: u32) -> Option<NaiveDate> {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
}

fn month_day(year: i32, month: u32, role: DayRole) -> Option<NaiveDate> {
    match role {
        DayRole::Start => NaiveDate::from_ymd_opt(year, month, 1),
        DayRole::End => last_day(year, month),
    }
}

static FULL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*[日号]?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?$")
        .expect("static regex")
});
static COMPACT_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{4})(\d{2})(\d{2})$").expect("static regex"));
static YEAR_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:月份?)?\s*(?:底|末)?(?:前)?$")
        .expect("static regex")
});
static YEAR_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:(\d{4})年?)?(?:年底|年末|底|末)前?$").expect("static regex"));
static MONTH_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,2})月(?:份)?(?:(\d{1,2})[日号])?(?:底|末)?前?$").expect("static regex")
});

/// A date from a cell (SPEC §3.4). `year` fills in dates typed without one (`年底前`).
pub fn parse_date(value: &Value, role: DayRole, year: i32) -> Option<NaiveDate> {
    match value {
        Value::Date(d) => Some(*d),
        Value::DateTime(d) => Some(d.date()),
        Value::Number(n) => {
            // 43465 in a General cell is a date typed as a serial; 2018.12 is a month typed as a number.
            if (20_000.0..=80_000.0).contains(n) {
                excel_serial(*n)
            } else {
                parse_date_text(&number_text(*n), role, year)
            }
        }
        Value::Text(t) => parse_date_text(t, role, year),
        _ => None,
    }
}

/// A date written the common way — `2018-12-31`, `2018/12/31`, `2018.12.31`, `2018年12月31日`,
/// `2018年12月`, `2018.12`, `4月`, `4月5日` — read without regular expressions: (year if written,
/// month, day if written). Anything else returns `None` and is left to the full parsers.
fn simple_date(t: &str) -> Option<(Option<i32>, u32, Option<u32>)> {
    let b = t.as_bytes();
    let digits = |at: usize| b[at..].iter().take_while(|c| c.is_ascii_digit()).count();
    let num = |at: usize, n: usize| {
        std::str::from_utf8(&b[at..at + n])
            .ok()?
            .parse::<u32>()
            .ok()
    };
    let n = digits(0);
    let (year, mut i) = match n {
        4 => {
            let y = num(0, 4)? as i32;
            let sep = t[4..].chars().next()?;
            if !matches!(sep, '-' | '/' | '.' | '年') {
                return None;
            }
            (Some(y), 4 + sep.len_utf8())
        }
        1 | 2 => (None, 0),
        _ => return None,
    };
    let m_len = digits(i);
    if !(1..=2).contains(&m_len) {
        return None;
    }
    let month = num(i, m_len)?;
    i += m_len;
    let rest = &t[i..];
    if year.is_none() && !rest.starts_with('月') {
        return None;
    }
    let rest = rest.strip_prefix('月').unwrap_or(rest);
    if rest.is_empty() {
        return Some((year, month, None));
    }
    let sep_ok = rest.starts_with(['-', '/', '.']) || t.contains('月');
    let day_at = t.len() - rest.len() + usize::from(rest.starts_with(['-', '/', '.']));
    let d_len = digits(day_at);
    if !sep_ok || !(1..=2).contains(&d_len) {
        return None;
    }
    let day = num(day_at, d_len)?;
    let tail = &t[day_at + d_len..];
    matches!(tail, "" | "日" | "号").then_some((year, month, Some(day)))
}

/// A date from text: `2018-12-31`, `2018/12/31`, `2018.12.31`, `2018年12月31日`, `2018年12月`,
/// `2018.12`, `20181231`, `年底`, `2018年底`, `12月31日`.
pub fn parse_date_text(text: &str, role: DayRole, year: i32) -> Option<NaiveDate> {
    let t = strip_spaces(&fold_width(text));
    if let Some((y, m, d)) = simple_date(&t) {
        let y = y.unwrap_or(year);
        return match d {
            Some(d) => NaiveDate::from_ymd_opt(y, m, d),
            None => month_day(y, m, role),
        };
    }
    let num = |s: &str| s.parse::<u32>().ok();
    if let Some(c) = FULL_DATE.captures(&t).or_else(|| COMPACT_DATE.captures(&t)) {
        let y = c[1].parse::<i32>().ok()?;
        return NaiveDate::from_ymd_opt(y, num(&c[2])?, num(&c[3])?);
    }
    if let Some(c) = YEAR_MONTH.captures(&t) {
        let y = c[1].parse::<i32>().ok()?;
        let role = if t.contains('底') || t.contains('末') {
            DayRole::End
        } else {
            role
        };
        return month_day(y, num(&c[2])?, role);
    }
    if let Some(c) = YEAR_END.captures(&t) {
        let y = match c.get(1) {
            Some(m) => m.as_str().parse::<i32>().ok()?,
            None => year,
        };
        return NaiveDate::from_ymd_opt(y, 12, 31);
    }
    if let Some(c) = MONTH_ONLY.captures(&t) {
        let m = num(&c[1])?;
        return match c.get(2) {
            Some(d) => NaiveDate::from_ymd_opt(year, m, num(d.as_str())?),
            None => {
                let role = if t.contains('底') || t.contains('末') {
                    DayRole::End
                } else {
                    role
                };
                month_day(year, m, role)
            }
        };
    }
    None
}

/// A report period `YYYY-MM` (SPEC §3.2): `2018年6月`, `2018-06`, `2018.6`, a date, `6月`.
pub fn parse_period(value: &Value, year: i32) -> Option<(i32, u32)> {
    let date = match value {
        Value::Date(d) => Some(*d),
        Value::DateTime(d) => Some(d.date()),
        Value::Number(n) if (20_000.0..=80_000.0).contains(n) => excel_serial(*n),
        Value::Number(n) => parse_date_text(&number_text(*n), DayRole::Start, year),
        Value::Text(t) => {
            if let Some(quarter) = parse_quarter(t, year) {
                return Some(quarter);
            }
            parse_date_text(t.trim_end_matches("份"), DayRole::Start, year)
        }
        _ => None,
    }?;
    Some((date.year(), date.month()))
}

/// A quarter (`2018年第二季度`, `二季度`, `2018Q2`, `2018年第2季度`) as the period of its last
/// month (`2018-06`), for offices whose units report quarterly.
fn parse_quarter(text: &str, year: i32) -> Option<(i32, u32)> {
    static RE: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    let re = RE
        .get_or_init(|| {
            regex::Regex::new(r"^(?:(\d{4})\s*年?\s*)?(?:第\s*([一二三四1-4])\s*季度?|([一二三四1-4])\s*季度|[Qq]([1-4]))$").ok()
        })
        .as_ref()?;
    let t = strip_spaces(&fold_width(text.trim()));
    let c = re.captures(&t)?;
    let y = c
        .get(1)
        .and_then(|m| m.as_str().parse().ok())
        .unwrap_or(year);
    let q = c.get(2).or(c.get(3)).or(c.get(4))?.as_str();
    let q = match q {
        "一" | "1" => 1,
        "二" | "2" => 2,
        "三" | "3" => 3,
        "四" | "4" => 4,
        _ => return None,
    };
    Some((y, q * 3))
}

/// Formats a period as `2018-06`.
pub fn period_text((y, m): (i32, u32)) -> String {
    format!("{y:04}-{m:02}")
}

/// A percent 0–100 (SPEC §3.4): a percent cell 0.6 → 60; text `60%` → 60; a plain 60 → 60; a plain
/// fraction 0.6 (someone typed the fraction into a General cell) → 60. Range is checked by the caller.
pub fn parse_percent(value: &Value) -> Option<f64> {
    let n = match value {
        Value::Percent(f) => f * 100.0,
        Value::Number(n) if *n > 0.0 && *n < 1.0 => n * 100.0,
        Value::Number(n) => *n,
        Value::Text(t) => {
            let t = strip_spaces(&fold_width(t));
            let (digits, percent) = match t.strip_suffix('%') {
                Some(d) => (d, true),
                None => (t.as_str(), false),
            };
            let n: f64 = digits.parse().ok()?;
            if !percent && n > 0.0 && n < 1.0 {
                n * 100.0
            } else {
                n
            }
        }
        _ => return None,
    };
    n.is_finite().then_some((n * 100.0).round() / 100.0)
}

/// A team list split on `、，,;；`, white space and new lines; role prefixes (`组长：`) dropped.
pub fn parse_members(text: &str) -> Vec<String> {
    let folded = fold_width(text);
    folded
        .split(|c: char| "、，,;；/".contains(c) || crate::text::is_space(c))
        .map(|s| {
            let s = s.trim();
            match s.rfind([':', '：']) {
                Some(i) => s[i..].trim_start_matches([':', '：']).trim(),
                None => s,
            }
        })
        .map(|s| s.trim_end_matches('等').trim_end_matches(['。', '.']))
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

static UNIT_THEN_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(.+(?:委|部|局|院|校|室|处|会|司|所|中心|支部|总支|办|厅|队|站|社|团))([\p{Han}·]{2,4})$")
        .expect("static regex")
});

/// Splits a combined 责任单位及责任人 value: `XX党委 张三`, `XX党委/张三`, two lines, `XX党委张三`.
pub fn split_owner(text: &str) -> Option<(String, String)> {
    let t = text.trim();
    let parts: Vec<&str> = t
        .split(|c: char| "/／、，,;；|".contains(c) || crate::text::is_space(c))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if parts.len() >= 2 {
        let owner = parts[parts.len() - 1].to_owned();
        let unit = parts[..parts.len() - 1].join("");
        return Some((unit, owner));
    }
    let c = UNIT_THEN_NAME.captures(t)?;
    Some((c[1].to_owned(), c[2].to_owned()))
}

static MOBILE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^1[3-9]\d{9}$").expect("static regex"));
static LANDLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\(?0\d{2,3}\)?-?)?[2-9]\d{6,7}(?:-\d{1,5})?$").expect("static regex")
});

/// True when every number in the text is a mobile (11 digits, 1[3-9]…) or a landline
/// (`0554-1234567`, with or without area code and extension).
pub fn phone_ok(text: &str) -> bool {
    let t = fold_width(text);
    let numbers: Vec<String> = t
        .split(|c: char| "/、，,;；".contains(c) || c == '\n')
        .map(|s| {
            s.chars()
                .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
                .collect::<String>()
        })
        .filter(|s| !s.is_empty())
        .collect();
    !numbers.is_empty()
        && numbers.iter().all(|n| {
            let digits: String = n.chars().filter(|c| *c != ' ').collect();
            MOBILE.is_match(&digits.replace('-', "")) || LANDLINE.is_match(&digits)
        })
}

/// A number ≥ 0 (经费预算 in 万元): `5`, `5.5`, `5万元`, `5万`.
pub fn parse_amount(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => Some(*n),
        Value::Text(t) => {
            let t = strip_spaces(&fold_width(t));
            let t = t.trim_end_matches("元").trim_end_matches('万');
            t.parse::<f64>().ok()
        }
        _ => None,
    }
    .filter(|n| n.is_finite())
}

static MILESTONE_TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<y1>\d{4})年(?P<m1>\d{1,2})月(?:(?P<d1>\d{1,2})[日号])?
      | (?P<y2>\d{4})\.(?P<m2>\d{1,2})(?:\.(?P<d2>\d{1,2}))?
      | (?P<y3>\d{4})/(?P<m3>\d{1,2})(?:/(?P<d3>\d{1,2}))?
      | (?P<y4>\d{4})-(?P<m4>\d{1,2})(?:-(?P<d4>\d{1,2}))?
      | (?P<m5>\d{1,2})月(?:(?P<d5>\d{1,2})[日号])?
      | (?P<y6>\d{4})(?:年)?(?:年底|年末)
      | (?P<end>年底|年末)",
    )
    .expect("static regex")
});

/// The common milestone periods without regular expressions: two simple dates around an explicit
/// range sign (`—`, `～`, `至` …, or `-` between dates that do not use `-` themselves), or one.
fn simple_span(text: &str, year: i32) -> Option<(NaiveDate, NaiveDate)> {
    let t = strip_spaces(text);
    let day = |(y, m, d): (Option<i32>, u32, Option<u32>), y0: i32, role| match d {
        Some(d) => NaiveDate::from_ymd_opt(y.unwrap_or(y0), m, d),
        None => month_day(y.unwrap_or(y0), m, role),
    };
    let split = t
        .split_once(['—', '–', '～', '~', '至', '到', '－'])
        .or_else(|| match t.matches('-').count() {
            1 => t.split_once('-'),
            _ => None,
        });
    match split {
        Some((a, b)) => {
            let a = simple_date(a)?;
            let b = simple_date(b)?;
            let ya = a.0.unwrap_or(year);
            Some((day(a, year, DayRole::Start)?, day(b, ya, DayRole::End)?))
        }
        None => {
            let one = simple_date(&t)?;
            Some((
                day(one, year, DayRole::Start)?,
                day(one, year, DayRole::End)?,
            ))
        }
    }
}

/// A milestone period: `2018年4月—2018年5月`, `2018.4-2018.5`, `2018/04/01～2018/05/31`, `4月-5月`,
/// or one month. Returns (first day, last day).
pub fn parse_span(value: &Value, year: i32) -> Option<(NaiveDate, NaiveDate)> {
    let text = match value {
        Value::Date(d) => return Some((*d, *d)),
        Value::DateTime(d) => return Some((d.date(), d.date())),
        Value::Number(n) if (20_000.0..=80_000.0).contains(n) => {
            let d = excel_serial(*n)?;
            return Some((d, d));
        }
        other => fold_width(&other.to_text()),
    };
    if let Some(span) = simple_span(&text, year) {
        return Some(span);
    }
    let mut dates: Vec<(i32, u32, Option<u32>)> = Vec::new();
    let mut last_year = year;
    for c in MILESTONE_TOKEN.captures_iter(&text) {
        let get = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
        let token = if c.name("end").is_some() {
            (last_year, 12, Some(31))
        } else if let Some(y) = get("y6") {
            (y as i32, 12, Some(31))
        } else {
            let (y, m, d) = [
                ("y1", "m1", "d1"),
                ("y2", "m2", "d2"),
                ("y3", "m3", "d3"),
                ("y4", "m4", "d4"),
            ]
            .iter()
            .find_map(|(y, m, d)| Some((get(y)? as i32, get(m)?, get(d))))
            .or_else(|| Some((last_year, get("m5")?, get("d5"))))?;
            (y, m, d)
        };
        last_year = token.0;
        dates.push(token);
        if dates.len() == 2 {
            break;
        }
    }
    let day = |(y, m, d): (i32, u32, Option<u32>), role| match d {
        Some(d) => NaiveDate::from_ymd_opt(y, m, d),
        None => month_day(y, m, role),
    };
    match dates.as_slice() {
        [one] => Some((day(*one, DayRole::Start)?, day(*one, DayRole::End)?)),
        [a, b] => Some((day(*a, DayRole::Start)?, day(*b, DayRole::End)?)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }
    fn t(s: &str) -> Value {
        Value::Text(s.into())
    }

    #[test]
    fn dates_as_typed() {
        let end = |s: &str| parse_date(&t(s), DayRole::End, 2018);
        assert_eq!(end("2018-12-31"), Some(d(2018, 12, 31)));
        assert_eq!(end("2018/12/31"), Some(d(2018, 12, 31)));
        assert_eq!(end("2018.12.31"), Some(d(2018, 12, 31)));
        assert_eq!(end("2018年12月31日"), Some(d(2018, 12, 31)));
        assert_eq!(end("２０１８年１２月３１日"), Some(d(2018, 12, 31)));
        assert_eq!(end("2018年12月"), Some(d(2018, 12, 31)));
        assert_eq!(end("2018.12"), Some(d(2018, 12, 31)));
        assert_eq!(end("2018年11月底"), Some(d(2018, 11, 30)));
        assert_eq!(end("年底"), Some(d(2018, 12, 31)));
        assert_eq!(end("年底前"), Some(d(2018, 12, 31)));
        assert_eq!(end("2018年底"), Some(d(2018, 12, 31)));
        assert_eq!(end("20181231"), Some(d(2018, 12, 31)));
        assert_eq!(end("2018-12-31 00:00:00"), Some(d(2018, 12, 31)));
        assert_eq!(end("12月31日"), Some(d(2018, 12, 31)));
        assert_eq!(
            parse_date(&t("2018年4月"), DayRole::Start, 2018),
            Some(d(2018, 4, 1))
        );
        assert_eq!(
            parse_date(&t("2018.4"), DayRole::Start, 2018),
            Some(d(2018, 4, 1))
        );
        assert_eq!(
            parse_date(&Value::Number(43465.0), DayRole::End, 2018),
            Some(d(2018, 12, 31))
        );
        assert_eq!(
            parse_date(&Value::Number(2018.12), DayRole::End, 2018),
            Some(d(2018, 12, 31))
        );
        for bad in [
            "明年春天",
            "待定",
            "2018年13月",
            "2018-02-30",
            "十二月底",
            "年中",
        ] {
            assert_eq!(end(bad), None, "{bad}");
        }
    }

    #[test]
    fn periods() {
        let p = |s: &str| parse_period(&t(s), 2018);
        assert_eq!(p("2018-06"), Some((2018, 6)));
        assert_eq!(p("2018年6月"), Some((2018, 6)));
        assert_eq!(p("2018.6"), Some((2018, 6)));
        assert_eq!(p("2018年6月份"), Some((2018, 6)));
        assert_eq!(p("6月"), Some((2018, 6)));
        assert_eq!(p("六月份"), None);
        assert_eq!(p("2018-13"), None);
        assert_eq!(p("2018年第二季度"), Some((2018, 6)));
        assert_eq!(p("第四季度"), Some((2018, 12)));
        assert_eq!(p("2019年1季度"), Some((2019, 3)));
        assert_eq!(p("2018Q3"), Some((2018, 9)));
        assert_eq!(p("第五季度"), None);
        assert_eq!(parse_period(&Value::Number(2018.06), 2018), Some((2018, 6)));
        assert_eq!(period_text((2018, 6)), "2018-06");
    }

    #[test]
    fn percents() {
        assert_eq!(parse_percent(&Value::Percent(0.6)), Some(60.0));
        assert_eq!(parse_percent(&Value::Percent(1.0)), Some(100.0));
        assert_eq!(parse_percent(&Value::Number(60.0)), Some(60.0));
        assert_eq!(parse_percent(&Value::Number(0.35)), Some(35.0));
        assert_eq!(parse_percent(&t("60%")), Some(60.0));
        assert_eq!(parse_percent(&t("６０％")), Some(60.0));
        assert_eq!(parse_percent(&t("150")), Some(150.0));
        assert_eq!(parse_percent(&t("过半")), None);
    }

    #[test]
    fn members_and_owner() {
        assert_eq!(parse_members("张三、李四，王五"), ["张三", "李四", "王五"]);
        assert_eq!(
            parse_members("张三 李四\n王五;赵六"),
            ["张三", "李四", "王五", "赵六"]
        );
        assert_eq!(
            parse_members("组长：张三、成员：李四、王五等"),
            ["张三", "李四", "王五"]
        );
        assert_eq!(
            split_owner("田家庵区委组织部 张伟"),
            Some(("田家庵区委组织部".into(), "张伟".into()))
        );
        assert_eq!(
            split_owner("田家庵区委组织部/张伟"),
            Some(("田家庵区委组织部".into(), "张伟".into()))
        );
        assert_eq!(
            split_owner("田家庵区委组织部\n张伟"),
            Some(("田家庵区委组织部".into(), "张伟".into()))
        );
        assert_eq!(
            split_owner("田家庵区委组织部张伟"),
            Some(("田家庵区委组织部".into(), "张伟".into()))
        );
        assert_eq!(split_owner("张伟"), None);
    }

    #[test]
    fn phones() {
        assert!(phone_ok("13805546677"));
        assert!(phone_ok("１３８０５５４６６７７"));
        assert!(phone_ok("0554-6671234"));
        assert!(phone_ok("0554-6671234/13805546677"));
        assert!(phone_ok("6671234"));
        assert!(!phone_ok("1380554"));
        assert!(!phone_ok("12345678901"));
        assert!(!phone_ok("无"));
    }

    #[test]
    fn spans() {
        let s = |x: &str| parse_span(&t(x), 2018);
        assert_eq!(
            s("2018年4月—2018年5月"),
            Some((d(2018, 4, 1), d(2018, 5, 31)))
        );
        assert_eq!(s("2018.4-2018.5"), Some((d(2018, 4, 1), d(2018, 5, 31))));
        assert_eq!(
            s("2018/04/01～2018/05/31"),
            Some((d(2018, 4, 1), d(2018, 5, 31)))
        );
        assert_eq!(
            s("2018-04-01-2018-05-31"),
            Some((d(2018, 4, 1), d(2018, 5, 31)))
        );
        assert_eq!(s("4月-5月"), Some((d(2018, 4, 1), d(2018, 5, 31))));
        assert_eq!(s("2018年6月"), Some((d(2018, 6, 1), d(2018, 6, 30))));
        assert_eq!(
            s("2018年11月—年底"),
            Some((d(2018, 11, 1), d(2018, 12, 31)))
        );
        assert_eq!(s("随时"), None);
    }
}
