//! Progress report (进度报告) layouts. One function per layout variant.

use crate::cells::Grid;
use crate::layout_proposal::{above, pair, take, Pos, F};
use crate::model::{t, IdField, RLayout, Report, Val};
use rust_xlsxwriter::{Worksheet, XlsxError};

/// The fields of a report in the template's order; 项目编号 only when the row exists.
fn fields(r: &Report) -> Vec<F> {
    let l = &r.labels;
    let f = |key, label, val| F { key, label, val };
    let mut v = Vec::new();
    match &r.project_id {
        IdField::Absent => {}
        IdField::Blank => v.push(f("project_id", l.project_id, Val::Blank)),
        IdField::Value(id) => v.push(f("project_id", l.project_id, t(id))),
    }
    v.push(f("unit", l.unit, t(&r.unit)));
    v.push(f("name", l.name, t(&r.name)));
    v.push(f("period", l.period, r.period.clone()));
    v.push(f("percent", l.percent, r.percent.clone()));
    if let Some(s) = &r.state {
        v.push(f("state", l.state, t(s)));
    }
    if let Some(e) = &r.extension {
        v.push(f("extension", "申请延期至", e.clone()));
    }
    v.push(f("done", l.done, t(&r.done)));
    v.push(f("problems", l.problems, t(&r.problems)));
    v.push(f("next", l.next, t(&r.next)));
    if let Some(s) = &r.submitted {
        v.push(f("submitted", l.submitted, s.clone()));
    }
    v.push(f("reporter", l.reporter, t(&r.reporter)));
    v
}

pub fn body(ws: &mut Worksheet, r: &Report) -> Result<Pos, XlsxError> {
    match r.layout {
        RLayout::Official => official(ws, r),
        RLayout::Paired => paired(ws, r),
        RLayout::LabelAbove => label_above(ws, r),
        RLayout::Monthly => monthly(ws, r),
    }
}

/// Variant 1: the official monthly template, label in column A, value merged over B:D.
fn official(ws: &mut Worksheet, r: &Report) -> Result<Pos, XlsxError> {
    let mut g = Grid::new(ws, &[16.0, 20.0, 20.0, 20.0])?;
    g.title(0, 0, 3, &r.title)?;
    let mut pos = Pos::new();
    let mut row = 1;
    for f in fields(r) {
        g.label(row, 0, 0, f.label)?;
        g.value(row, 1, 3, &f.val)?;
        pos.insert(f.key, (row, 1));
        row += 1;
    }
    g.finish()?;
    Ok(pos)
}

/// Variant 3: two fields a row (`申报单位 | … | 报告期 | …`, `完成进度 | … | 项目状态 | …`).
fn paired(ws: &mut Worksheet, r: &Report) -> Result<Pos, XlsxError> {
    let fs = fields(r);
    let mut g = Grid::new(ws, &[14.0, 26.0, 14.0, 20.0])?;
    g.title(0, 0, 3, &r.title)?;
    let mut pos = Pos::new();
    let rows = [
        ("unit", "period"),
        ("name", ""),
        ("project_id", "submitted"),
        ("percent", "state"),
        ("extension", ""),
        ("done", ""),
        ("problems", ""),
        ("next", ""),
        ("reporter", ""),
    ];
    let mut row = 1;
    for (a, b) in rows {
        let (fa, fb) = (take(&fs, a), take(&fs, b));
        if fa.is_none() && fb.is_none() {
            continue;
        }
        pair(&mut g, &mut pos, row, fa, fb)?;
        row += 1;
    }
    g.finish()?;
    Ok(pos)
}

/// Variant 2: the three texts each under their label; 报告期 and 完成进度 side by side with the
/// values beneath.
fn label_above(ws: &mut Worksheet, r: &Report) -> Result<Pos, XlsxError> {
    let fs = fields(r);
    let mut g = Grid::new(ws, &[16.0, 22.0, 16.0, 22.0])?;
    g.title(0, 0, 3, &r.title)?;
    let mut pos = Pos::new();
    let mut row = 1;
    pair(&mut g, &mut pos, row, take(&fs, "unit"), take(&fs, "project_id"))?;
    row += 1;
    pair(&mut g, &mut pos, row, take(&fs, "name"), None)?;
    row += 1;
    if let (Some(p), Some(c)) = (take(&fs, "period"), take(&fs, "percent")) {
        g.label(row, 0, 1, p.label)?;
        g.label(row, 2, 3, c.label)?;
        g.value(row + 1, 0, 1, &p.val)?;
        g.value(row + 1, 2, 3, &c.val)?;
        pos.insert("period", (row + 1, 0));
        pos.insert("percent", (row + 1, 2));
        row += 2;
    }
    pair(&mut g, &mut pos, row, take(&fs, "state"), None)?;
    row += 1;
    if let Some(e) = take(&fs, "extension") {
        pair(&mut g, &mut pos, row, Some(e), None)?;
        row += 1;
    }
    for key in ["done", "problems", "next"] {
        if let Some(f) = take(&fs, key) {
            row = above(&mut g, &mut pos, row, f)?;
        }
    }
    pair(&mut g, &mut pos, row, take(&fs, "reporter"), take(&fs, "submitted"))?;
    g.finish()?;
    Ok(pos)
}

/// A unit's own monthly sheet: the title says 推进情况, not 进度 (so the kind must come from
/// the labels), an instruction row under it, no merged cells, labels in column B.
fn monthly(ws: &mut Worksheet, r: &Report) -> Result<Pos, XlsxError> {
    let mut g = Grid::new(ws, &[3.0, 16.0, 62.0])?;
    g.heading(0, 1, &r.title)?;
    g.note(1, 1, 2, "说明：请于每月5日前报送上月推进情况，问题和计划请逐条填写。", false)?;
    let mut pos = Pos::new();
    let mut row = 3;
    for f in fields(r) {
        g.label(row, 1, 1, f.label)?;
        g.value(row, 2, 2, &f.val)?;
        pos.insert(f.key, (row, 2));
        row += 1;
    }
    g.finish()?;
    Ok(pos)
}
