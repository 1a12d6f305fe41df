//! The exemplary-project workbook (示范项目, SPEC §8): a summary sheet, then one printable A4
//! portrait sheet per project. It is meant for publication, so phone numbers are masked. The
//! summary is written with the table kit of [`crate::xlsx`], two tables sharing their widths.

use std::collections::HashSet;

use rust_xlsxwriter::{Format, FormatAlign, Worksheet, XlsxError};

use super::report::YearEnd;
use super::{mask_phone, ProjectScore, Selection};
use crate::say::year_end as say;
use crate::xlsx::style::{self, GREY};
use crate::xlsx::table::{count, number as score, text, text_columns};
use crate::xlsx::{self, Column, Kind, Print, Row, Table};

pub use crate::say::year_end::SUMMARY;

/// Width of the value column of a project sheet.
const VALUE_WIDTH: f64 = 64.0;
/// Width of the label column of a project sheet.
const LABEL_WIDTH: f64 = 14.0;

/// Writes the exemplary workbook.
///
/// Errors: any [`XlsxError`] (none expected: texts are cut at Excel's limit, names made valid).
pub fn exemplary_workbook(y: &YearEnd<'_>, selection: &Selection) -> Result<Vec<u8>, XlsxError> {
    let title = say::title(y.policy.year, super::kind_name(y.policy), SUMMARY);
    let mut book = xlsx::workbook(&title, None);
    let mut used = HashSet::new();
    used.insert(SUMMARY.to_lowercase());
    summary(
        book.add_worksheet().set_name(SUMMARY)?,
        y,
        selection,
        &title,
    )?;
    for &i in &selection.chosen {
        let Some(s) = y.ranking.scores.get(i) else {
            continue;
        };
        let name = y
            .projects
            .get(s.project)
            .map_or(say::UNNAMED, |p| p.name.as_str())
            .to_owned();
        let sheet_name = style::sheet_name(&short_name(&name), &mut used);
        project_sheet(book.add_worksheet().set_name(sheet_name)?, y, s)?;
    }
    book.save_to_buffer()
}

/// A sheet name from a project name: no 「」“” decorations, at most 20 characters.
fn short_name(name: &str) -> String {
    let clean: String = name
        .chars()
        .filter(|c| !matches!(c, '「' | '」' | '“' | '”' | '"' | '\'' | '《' | '》'))
        .collect();
    let clean = clean.trim();
    if clean.chars().count() > 20 {
        clean.chars().take(20).collect()
    } else {
        clean.to_owned()
    }
}

fn summary(
    sheet: &mut Worksheet,
    y: &YearEnd<'_>,
    selection: &Selection,
    title: &str,
) -> Result<(), XlsxError> {
    let mut headers = vec![
        Column::new(say::NUMBER, Kind::Count),
        Column::new(say::PLACE, Kind::Count),
    ];
    headers.extend(text_columns(say::SUMMARY_TEXT));
    headers.push(Column::new(say::TOTAL, Kind::Score));
    headers.extend(text_columns(say::SUMMARY_TAIL));
    let table = Table::boxed(headers, 36.0);
    let row_of = |n: usize, s: &ProjectScore, note: String, fill: Option<u32>| {
        let p = y.projects.get(s.project).cloned().unwrap_or_default();
        let cells = vec![
            count(Some(n)),
            count(s.rank),
            text(p.id),
            text(p.unit),
            text(p.name),
            text(p.category),
            text(p.owner),
            score(s.total),
            text(s.grade.clone().unwrap_or_default()),
            text(note),
        ];
        Row::filled(cells, fill)
    };
    let chosen: Vec<Row> = selection
        .chosen
        .iter()
        .enumerate()
        .filter_map(|(n, &i)| {
            let s = y.ranking.scores.get(i)?;
            Some(row_of(n + 1, s, String::new(), None))
        })
        .collect();
    let passed: Vec<Row> = selection
        .passed_over
        .iter()
        .enumerate()
        .filter_map(|(n, (i, reason))| {
            let s = y.ranking.scores.get(*i)?;
            Some(row_of(n + 1, s, reason.clone(), Some(GREY)))
        })
        .collect();
    // The policy's columns only (no 项目类别 without categories).
    let (mut table, mut chosen, mut passed) = (table, chosen, passed);
    let mut columns = table.columns.clone();
    crate::xlsx::table::retain_columns(&mut columns, &mut chosen, |h| y.policy.shows(h));
    crate::xlsx::table::retain_columns(&mut table.columns, &mut passed, |h| y.policy.shows(h));
    let width = table.columns.len();
    let widths = table.widths(&[&chosen, &passed]);
    widths.apply(sheet)?;
    xlsx::title(sheet, 0, title, width)?;
    table.write_rows(sheet, 1, &chosen, &widths)?;
    table.filter(sheet, 1, chosen.len())?;
    let e = &y.policy.exemplary;
    let mut r = 3 + chosen.len() as u32;
    let note = Format::new().set_font_name(style::FONT).set_text_wrap();
    let rule = say::exemplary_rule(e.min_score, e.max_per_unit, e.max, e.min);
    let last = width as u16 - 1;
    sheet.merge_range(r, 0, r, last, &rule, &note)?;
    sheet.set_row_height(r, 32)?;
    r += 1;
    if let Some(w) = &selection.warning {
        let warn = style::warning_fill(note.clone()).set_bold();
        sheet.merge_range(r, 0, r, last, &say::reminder(w), &warn)?;
        sheet.set_row_height(r, 20)?;
        r += 1;
    }
    if !passed.is_empty() {
        r += 1;
        sheet.write_string_with_format(r, 0, say::PASSED_OVER, &style::title())?;
        sheet.set_row_height(r, 24)?;
        table.write_rows(sheet, r + 1, &passed, &widths)?;
    }
    Print::wide(1).apply(sheet)
}

/// Lines of text a cell of `width` needs.
fn lines(s: &str, width: f64) -> f64 {
    s.lines()
        .map(|l| (style::text_width(l) / (width - 1.5)).ceil().max(1.0))
        .sum::<f64>()
        .max(1.0)
}

fn project_sheet(
    sheet: &mut Worksheet,
    y: &YearEnd<'_>,
    s: &ProjectScore,
) -> Result<(), XlsxError> {
    let p = y.projects.get(s.project).cloned().unwrap_or_default();
    sheet.set_column_width(0, LABEL_WIDTH)?;
    sheet.set_column_width(1, VALUE_WIDTH)?;
    let heading = style::title()
        .set_align(FormatAlign::Center)
        .set_text_wrap();
    sheet.merge_range(0, 0, 0, 1, &p.name, &heading)?;
    sheet.set_row_height(0, 22.0 * lines(&p.name, 80.0) + 10.0)?;
    let sub = Format::new()
        .set_font_name(style::FONT)
        .set_align(FormatAlign::Center);
    let subtitle = say::title(y.policy.year, super::kind_name(y.policy), SUMMARY);
    sheet.merge_range(1, 0, 1, 1, &subtitle, &sub)?;
    let results = p
        .results
        .iter()
        .map(|(period, done)| format!("{}：{}", period_words(period), without_period(done, period)))
        .collect::<Vec<_>>()
        .join("\n");
    let places = y.ranking.scores.iter().filter(|x| x.rank.is_some()).count();
    let values = [
        p.unit.clone(),
        category_words(&p.category, y.policy),
        p.owner.clone(),
        p.owner_title.clone(),
        mask_phone(&p.phone),
        p.goals.clone(),
        p.measures.clone(),
    ];
    let mut rows: Vec<(String, String)> = say::PROJECT_LABELS
        .iter()
        .zip(values)
        .filter(|(l, _)| y.policy.shows(l))
        .map(|(l, v)| (l.to_string(), v))
        .collect();
    rows.push((
        say::RESULTS.into(),
        if results.is_empty() {
            say::NO_RESULTS.into()
        } else {
            results
        },
    ));
    let per_criterion = y
        .policy
        .rubric
        .iter()
        .zip(&s.means)
        .map(|(c, m)| say::criterion_score(&c.name, *m, c.max))
        .collect::<Vec<_>>()
        .join("\n");
    rows.push((say::PER_CRITERION.into(), per_criterion));
    rows.push((
        say::TOTAL.into(),
        s.total.map(|t| format!("{t:.2}")).unwrap_or_default(),
    ));
    rows.push((
        say::PLACE.into(),
        s.rank.map(|r| say::place(r, places)).unwrap_or_default(),
    ));
    rows.push((say::GRADE.into(), s.grade.clone().unwrap_or_default()));
    let label = style::label_format();
    let value = style::body().set_align(FormatAlign::VerticalCenter);
    for (i, (k, v)) in rows.iter().enumerate() {
        let r = 3 + i as u32;
        sheet.write_string_with_format(r, 0, k, &label)?;
        match (k == say::TOTAL, s.total) {
            // The total is a number, as in 综合排名.
            (true, Some(t)) => {
                let number = value
                    .clone()
                    .set_num_format("0.00")
                    .set_align(FormatAlign::Left);
                sheet.write_number_with_format(r, 1, t, &number)?;
            }
            _ => style::write_text(sheet, r, 1, v, &value)?,
        }
        let n = lines(v, VALUE_WIDTH).max(lines(k, LABEL_WIDTH));
        sheet.set_row_height(r, (14.5 * n + 6.0).clamp(22.0, 409.0))?;
    }
    // One page per project: long results are scaled down rather than split.
    Print::one_page(false).apply(sheet)
}

/// `2018-06` → `2018年6月`.
fn period_words(period: &str) -> String {
    match period.split_once('-') {
        Some((y, m)) => match m.parse::<u32>() {
            Ok(m) => crate::say::ledger::month_title(y, &m.to_string()),
            Err(_) => period.to_owned(),
        },
        None => period.to_owned(),
    }
}

/// `A` → `A类（创新实践）` when the policy names the category.
fn category_words(code: &str, policy: &crate::policy::Policy) -> String {
    match policy.categories.iter().find(|c| c.code == code) {
        Some(c) => say::category(&c.code, &c.name),
        None => code.to_owned(),
    }
}

/// A report's 本期完成情况 without the month it begins with when that is the period's own
/// (`4月：完成调研` under 2017年4月), so the page does not say 2017年4月：4月：.
fn without_period<'a>(done: &'a str, period: &str) -> &'a str {
    let Some(month) = period
        .split_once('-')
        .and_then(|(_, m)| m.trim().parse::<u32>().ok())
    else {
        return done;
    };
    let year = period.split('-').next().unwrap_or("");
    let mut rest = done.trim_start();
    if let Some(r) = rest.strip_prefix(year).and_then(|r| r.strip_prefix('年')) {
        rest = r;
    }
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if digits.parse::<u32>().ok() != Some(month) {
        return done;
    }
    let Some(r) = rest[digits.len()..].strip_prefix('月') else {
        return done;
    };
    let r = r.strip_prefix('份').unwrap_or(r);
    let r = r.trim_start_matches(['：', ':', '，', ',', '、', ' ', '　']);
    if r.is_empty() {
        done
    } else {
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_result_does_not_repeat_its_month() {
        assert_eq!(without_period("4月：完成调研", "2017-04"), "完成调研");
        assert_eq!(
            without_period("2017年4月份，完成调研", "2017-04"),
            "完成调研"
        );
        assert_eq!(without_period("5月：下月计划", "2017-04"), "5月：下月计划");
        assert_eq!(without_period("完成调研", "2017-04"), "完成调研");
        assert_eq!(without_period("4月", "2017-04"), "4月");
    }

    #[test]
    fn names_and_periods() {
        assert_eq!(
            short_name("「党员先锋岗」医疗服务品牌创建"),
            "党员先锋岗医疗服务品牌创建"
        );
        assert_eq!(short_name(&"长".repeat(40)).chars().count(), 20);
        assert_eq!(period_words("2018-06"), "2018年6月");
    }
}
