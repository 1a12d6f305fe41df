//! The year's 通报 (issue 17): a Word draft the office edits and sends upward and to the units —
//! title, a 【文号】 placeholder, the year's figures (projects by unit and category, approved,
//! finished on time, overdue, the average score), the ranking by grade, the exemplary projects
//! and the 重点项目. Its numbers are computed from the same ledger rows and ranking as the
//! workbooks, so they agree with them.

use std::io::Cursor;

use chrono::Datelike;
use docx_rs::{
    AlignmentType, Docx, LineSpacing, PageMargin, Paragraph, Run, RunFonts, Table, TableCell,
    TableLayoutType, TableRow, WidthType,
};

use super::report::YearEnd;
use super::Selection;
use crate::ledger::schedule::Status;
use crate::ledger::Ledger;
use crate::model::Column;
use crate::rules::units::UnitIndex;
use crate::say::year_report as say;

/// The year's figures, as the 通报 states them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Figures {
    /// Projects of the policy year in the ledger (every 审核状态).
    pub proposed: usize,
    /// Of which approved (all of them without the approval step).
    pub approved: usize,
    /// Approved projects per category code (`A`, `B`), in the policy's order.
    pub by_category: Vec<(String, usize)>,
    /// Approved projects finished.
    pub finished: usize,
    /// Of which finished by their 完成时间 (the first report at 100 % or 已完成 in or before the
    /// deadline's month).
    pub on_time: usize,
    /// Approved projects 逾期 in the ledger.
    pub overdue: usize,
    /// Projects ranked.
    pub ranked: usize,
    /// Mean of the ranked totals, two decimals.
    pub mean: Option<f64>,
    /// Per unit: (unit, approved projects, finished).
    pub units: Vec<(String, usize, usize)>,
    /// Projects marked 重点项目: (ID, unit, name, 状态).
    pub key: Vec<(String, String, String, String)>,
}

/// Counts the year's figures from the ledger and the ranking.
pub fn figures(ledger: &Ledger, y: &YearEnd<'_>) -> Figures {
    let policy = y.policy;
    let t = &ledger.projects;
    let units = UnitIndex::new(policy);
    let mut f = Figures {
        proposed: ledger
            .project_rows()
            .filter(|&r| ledger.is_of_year(r, policy.year))
            .count(),
        ..Figures::default()
    };
    let done_in = first_done(ledger);
    for code in policy.categories.iter().map(|c| c.code.clone()) {
        f.by_category.push((code, 0));
    }
    for r in ledger.year_rows(policy) {
        f.approved += 1;
        let get = |c: Column| t.get(r, c).display().trim().to_owned();
        let category = get(Column::Category);
        if let Some(e) = f.by_category.iter_mut().find(|(c, _)| *c == category) {
            e.1 += 1;
        }
        let raw = get(Column::Unit);
        let unit = units.find(&raw).map_or(raw.clone(), |u| u.name.clone());
        let status = Status::from_label(&get(Column::Status));
        let id = get(Column::ProjectId);
        let finished = status == Some(Status::Done);
        if finished {
            f.finished += 1;
            let deadline = t.get(r, Column::Deadline).date();
            let month = done_in.get(&id);
            if let (Some(d), Some(m)) = (deadline, month) {
                if *m <= format!("{:04}-{:02}", d.year(), d.month()) {
                    f.on_time += 1;
                }
            }
        }
        if status == Some(Status::Overdue) {
            f.overdue += 1;
        }
        match f.units.iter_mut().find(|(u, _, _)| *u == unit) {
            Some(e) => {
                e.1 += 1;
                e.2 += usize::from(finished);
            }
            None => f.units.push((unit.clone(), 1, usize::from(finished))),
        }
        if ledger.is_key(r) {
            f.key
                .push((id, unit, get(Column::Name), get(Column::Status)));
        }
    }
    let totals: Vec<f64> = y
        .ranking
        .scores
        .iter()
        .filter(|s| s.rank.is_some())
        .filter_map(|s| s.total)
        .collect();
    f.ranked = totals.len();
    if !totals.is_empty() {
        let mean = totals.iter().sum::<f64>() / totals.len() as f64;
        f.mean = Some((mean * 100.0).round() / 100.0);
    }
    f
}

/// Per project ID, the first period whose report says 100 % or 已完成.
fn first_done(ledger: &Ledger) -> std::collections::HashMap<String, String> {
    let r = &ledger.reports;
    let mut out: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    for row in 0..r.rows.len() {
        let done = r.get(row, Column::Percent).number() >= Some(100.0)
            || r.get(row, Column::State).display().trim() == crate::say::ledger::STATUS_DONE;
        if !done {
            continue;
        }
        let id = r.get(row, Column::ProjectId).display().trim().to_owned();
        let period = r.get(row, Column::Period).display().trim().to_owned();
        let e = out.entry(id).or_insert_with(|| period.clone());
        if period < *e {
            *e = period;
        }
    }
    out
}

/// The 通报 as a .docx.
///
/// # Errors
/// docx-rs's packing error, as text.
pub fn year_report(
    ledger: &Ledger,
    y: &YearEnd<'_>,
    selection: &Selection,
) -> Result<Vec<u8>, String> {
    let policy = y.policy;
    let f = figures(ledger, y);
    let kind = super::kind_name(policy);
    let org = if policy.organisation.trim().is_empty() {
        policy.department.trim()
    } else {
        policy.organisation.trim()
    };
    let body = |text: &str| {
        Paragraph::new()
            .add_run(Run::new().add_text(text).fonts(song()).size(32))
            .line_spacing(LineSpacing::new().line(560))
    };
    let heading = |text: &str| {
        Paragraph::new()
            .add_run(
                Run::new()
                    .add_text(text)
                    .fonts(RunFonts::new().east_asia("黑体"))
                    .size(32),
            )
            .line_spacing(LineSpacing::new().line(560))
    };
    let mut doc = Docx::new().page_margin(
        PageMargin::new()
            .top(2098)
            .bottom(1984)
            .left(1587)
            .right(1474),
    );
    doc = doc
        .add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text(say::NUMBER).fonts(song()).size(32))
                .align(AlignmentType::Center),
        )
        .add_paragraph(
            Paragraph::new()
                .add_run(
                    Run::new()
                        .add_text(say::title(policy.year, kind))
                        .fonts(RunFonts::new().east_asia("方正小标宋简体").ascii("SimHei"))
                        .size(44),
                )
                .align(AlignmentType::Center)
                .line_spacing(LineSpacing::new().before(240).after(240)),
        )
        .add_paragraph(body(say::ADDRESSEES))
        .add_paragraph(body(&say::opening(policy.year, kind)));
    doc = doc.add_paragraph(heading(say::FIGURES));
    let categories: Vec<String> = f
        .by_category
        .iter()
        .map(|(c, n)| say::category_count(c, *n))
        .collect();
    doc = doc.add_paragraph(body(&say::figures_text(
        f.proposed,
        f.approved,
        &categories.join("、"),
        f.finished,
        f.on_time,
        f.overdue,
        f.ranked,
        f.mean,
    )));
    let unit_rows: Vec<Vec<String>> = f
        .units
        .iter()
        .map(|(u, n, done)| vec![u.clone(), n.to_string(), done.to_string()])
        .collect();
    doc = doc.add_table(table(&say::UNIT_HEADERS, &unit_rows));
    doc = doc.add_paragraph(heading(say::RESULTS));
    let grades: Vec<String> = policy
        .ranking
        .grades
        .iter()
        .map(|g| g.name.clone())
        .collect();
    let mut rows = Vec::new();
    let mut counts = Vec::new();
    for grade in &grades {
        let mut n = 0;
        for s in y
            .ranking
            .scores
            .iter()
            .filter(|s| s.grade.as_deref() == Some(grade.as_str()))
        {
            let (Some(rank), Some(total)) = (s.rank, s.total) else {
                continue;
            };
            let p = y.projects.get(s.project).cloned().unwrap_or_default();
            rows.push(vec![
                grade.clone(),
                rank.to_string(),
                p.id,
                p.unit,
                p.name,
                format!("{total:.2}"),
            ]);
            n += 1;
        }
        counts.push(say::grade_count(grade, n));
    }
    doc = doc.add_paragraph(body(&say::results_text(f.ranked, &counts.join("，"))));
    doc = doc.add_table(table(&say::RANKING_HEADERS, &rows));
    doc = doc.add_paragraph(heading(say::EXEMPLARY));
    let chosen: Vec<String> = selection
        .chosen
        .iter()
        .filter_map(|&i| y.ranking.scores.get(i))
        .filter_map(|s| y.projects.get(s.project))
        .map(|p| say::exemplary_project(&p.unit, &p.name))
        .collect();
    doc = doc.add_paragraph(body(&say::exemplary_text(&chosen)));
    if !f.key.is_empty() {
        doc = doc.add_paragraph(heading(say::KEY));
        for (id, unit, name, status) in &f.key {
            doc = doc.add_paragraph(body(&say::key_project(id, unit, name, status)));
        }
    }
    doc = doc.add_paragraph(heading(if f.key.is_empty() {
        say::NEXT_FOUR
    } else {
        say::NEXT_FIVE
    }));
    for line in say::NEXT {
        doc = doc.add_paragraph(body(line));
    }
    doc = doc
        .add_paragraph(body(""))
        .add_paragraph(body(org).align(AlignmentType::Right))
        .add_paragraph(body(&crate::say::letters::date(y.date)).align(AlignmentType::Right));
    let mut buf = Cursor::new(Vec::new());
    doc.build().pack(&mut buf).map_err(|e| e.to_string())?;
    Ok(buf.into_inner())
}

fn song() -> RunFonts {
    RunFonts::new()
        .east_asia("仿宋_GB2312")
        .ascii("Times New Roman")
}

/// A boxed table, the header bold, 9,000 twips wide with columns by their headers' weights.
fn table(headers: &[&str], rows: &[Vec<String>]) -> Table {
    let cell = |text: &str, bold: bool| {
        let mut run = Run::new().add_text(text).fonts(song()).size(24);
        if bold {
            run = run.bold();
        }
        TableCell::new().add_paragraph(Paragraph::new().add_run(run))
    };
    let weights: Vec<usize> = headers
        .iter()
        .map(|h| match *h {
            "项目名称" => 32,
            "申报单位" | "单位" => 19,
            "项目编号" => 13,
            "名次" => 8,
            _ => 10,
        })
        .collect();
    let sum: usize = weights.iter().sum::<usize>().max(1);
    let grid: Vec<usize> = weights.iter().map(|w| 9000 * w / sum).collect();
    let mut out = vec![TableRow::new(
        headers.iter().map(|h| cell(h, true)).collect(),
    )];
    for r in rows {
        out.push(TableRow::new(r.iter().map(|c| cell(c, false)).collect()));
    }
    Table::new(out)
        .set_grid(grid)
        .width(9000, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}
