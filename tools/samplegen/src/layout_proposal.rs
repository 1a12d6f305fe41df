//! Proposal form (立项书) layouts. One function per layout variant; each places the same fields
//! differently, the way real submissions drift from the official template (SPEC §3).

use crate::cells::{Grid, R};
use crate::model::{t, Owner, PLayout, Proposal, Val};
use rust_xlsxwriter::{Worksheet, XlsxError};
use std::collections::HashMap;

/// One labelled field of the form.
pub struct F {
    pub key: &'static str,
    pub label: &'static str,
    pub val: Val,
}

/// Where each value landed (row, column), for dropdown validations.
pub type Pos = HashMap<&'static str, (u32, u16)>;

/// The fields of a proposal in the official order. Optional fields the unit left out entirely
/// (no label at all) are absent.
pub fn fields(p: &Proposal) -> Vec<F> {
    let l = &p.labels;
    let f = |key, label, val| F { key, label, val };
    let mut v = vec![
        f("unit", l.unit, t(&p.unit)),
        f("name", l.name, t(&p.name)),
    ];
    if p.has_category {
        v.push(f("category", l.category, p.category.clone()));
    }
    if let Some(topic) = &p.topic {
        v.push(f("topic", l.topic, topic.clone()));
    }
    v.push(f("scope", l.scope, t(&p.scope)));
    for (key, label, text) in &p.extra {
        v.push(f(*key, *label, t(text)));
    }
    v.push(f("goals", l.goals, t(&p.goals)));
    v.push(f("measures", l.measures, t(&p.measures)));
    if let Some(start) = &p.start {
        v.push(f("start", l.start, start.clone()));
    }
    v.push(f("deadline", l.deadline, p.deadline.clone()));
    v.push(f("deliverables", l.deliverables, t(&p.deliverables)));
    match &p.owner {
        Owner::Separate { unit, person } => {
            v.push(f("owner_unit", l.owner_unit, t(unit)));
            v.push(f("owner", l.owner, t(person)));
        }
        Owner::Combined(text) => v.push(f("owner_combined", "责任单位及责任人", t(text))),
    }
    v.push(f("owner_title", l.owner_title, t(&p.owner_title)));
    v.push(f("members", l.members, t(&p.members)));
    if let Some(phone) = &p.phone {
        v.push(f("phone", l.phone, phone.clone()));
    }
    if let Some(budget) = &p.budget {
        v.push(f("budget", l.budget, budget.clone()));
    }
    if let Some(submitted) = &p.submitted {
        v.push(f("submitted", l.submitted, submitted.clone()));
    }
    v
}

/// Long texts get the wide cells.
fn long(key: &str) -> bool {
    matches!(key, "scope" | "goals" | "measures" | "content" | "feasibility")
}

pub fn take<'a>(fs: &'a [F], key: &str) -> Option<&'a F> {
    fs.iter().find(|f| f.key == key)
}

/// Writes the form body with the proposal's layout onto `ws`.
pub fn body(ws: &mut Worksheet, p: &Proposal) -> Result<Pos, XlsxError> {
    match p.layout {
        PLayout::Official => official(ws, p),
        PLayout::LabelAbove => label_above(ws, p),
        PLayout::Paired => paired(ws, p),
        PLayout::InstructionRows => instruction_rows(ws, p),
        PLayout::Plain => plain(ws, p),
    }
}

/// The timetable: an optional heading row, then the header 阶段 | 起止时间 | 内容 and one row per
/// stage; `cols` gives the (first, last) column of each of the three.
fn milestones(g: &mut Grid, p: &Proposal, mut row: u32, cols: [(u16, u16); 3], heading: &str) -> R {
    if p.milestones.is_empty() {
        return Ok(());
    }
    if !heading.is_empty() {
        g.note(row, cols[0].0, cols[2].1, heading, true)?;
        row += 1;
    }
    for (i, h) in p.labels.ms.iter().enumerate() {
        g.label(row, cols[i].0, cols[i].1, h)?;
    }
    row += 1;
    for m in &p.milestones {
        for (i, text) in m.iter().enumerate() {
            g.value(row, cols[i].0, cols[i].1, &t(text))?;
        }
        row += 1;
    }
    Ok(())
}

/// Variant 1, the official template: merged title, label in column A (long-text labels merged
/// over A:B), the value merged over the rest of the row, long text wrapped in tall rows, then the
/// timetable. This is what the Organisation Department sends out.
fn official(ws: &mut Worksheet, p: &Proposal) -> Result<Pos, XlsxError> {
    let mut g = Grid::new(ws, &[13.0, 11.0, 14.0, 14.0, 14.0, 14.0])?;
    g.title(0, 0, 5, &p.title)?;
    let mut pos = Pos::new();
    let mut row = 2;
    for f in fields(p) {
        let vc = if long(f.key) {
            g.label(row, 0, 1, f.label)?;
            2
        } else {
            g.label(row, 0, 0, f.label)?;
            1
        };
        g.value(row, vc, 5, &f.val)?;
        pos.insert(f.key, (row, vc));
        row += 1;
    }
    milestones(&mut g, p, row + 1, [(0, 0), (1, 2), (3, 5)], "实施步骤")?;
    g.finish()?;
    Ok(pos)
}

/// Writes `a` (and `b`) on one row of a 4-column grid: `label | value | label | value`, or
/// `label | value over B:D` when alone. Variant 3.
pub fn pair(g: &mut Grid, pos: &mut Pos, row: u32, a: Option<&F>, b: Option<&F>) -> R {
    match (a, b) {
        (Some(a), Some(b)) => {
            g.label(row, 0, 0, a.label)?;
            g.value(row, 1, 1, &a.val)?;
            g.label(row, 2, 2, b.label)?;
            g.value(row, 3, 3, &b.val)?;
            pos.insert(a.key, (row, 1));
            pos.insert(b.key, (row, 3));
        }
        (Some(a), None) | (None, Some(a)) => {
            g.label(row, 0, 0, a.label)?;
            g.value(row, 1, 3, &a.val)?;
            pos.insert(a.key, (row, 1));
        }
        (None, None) => {}
    }
    Ok(())
}

/// Label on one row, value merged over A:D on the row beneath (variant 2). Returns the next row.
pub fn above(g: &mut Grid, pos: &mut Pos, row: u32, f: &F) -> Result<u32, XlsxError> {
    g.label(row, 0, 3, f.label)?;
    g.value(row + 1, 0, 3, &f.val)?;
    pos.insert(f.key, (row + 1, 0));
    Ok(row + 2)
}

/// Variant 2 with bits of 3: long texts, results, members and the dates have their label on one
/// row and the value on the row beneath (as units do when they need more room); the rest stays
/// label | value.
fn label_above(ws: &mut Worksheet, p: &Proposal) -> Result<Pos, XlsxError> {
    let fs = fields(p);
    let mut g = Grid::new(ws, &[16.0, 24.0, 16.0, 24.0])?;
    g.title(0, 0, 3, &p.title)?;
    let mut pos = Pos::new();
    let mut row = 1;
    for (a, b) in [("unit", ""), ("name", ""), ("category", "topic")] {
        pair(&mut g, &mut pos, row, take(&fs, a), take(&fs, b))?;
        row += 1;
    }
    for key in ["scope", "goals", "measures"] {
        if let Some(f) = take(&fs, key) {
            row = above(&mut g, &mut pos, row, f)?;
        }
    }
    // 开始时间 and 完成时间 side by side, each value under its label.
    match (take(&fs, "start"), take(&fs, "deadline")) {
        (Some(s), Some(d)) => {
            g.label(row, 0, 1, s.label)?;
            g.label(row, 2, 3, d.label)?;
            g.value(row + 1, 0, 1, &s.val)?;
            g.value(row + 1, 2, 3, &d.val)?;
            pos.insert("start", (row + 1, 0));
            pos.insert("deadline", (row + 1, 2));
            row += 2;
        }
        (None, Some(d)) => row = above(&mut g, &mut pos, row, d)?,
        _ => {}
    }
    if let Some(f) = take(&fs, "deliverables") {
        row = above(&mut g, &mut pos, row, f)?;
    }
    for key in ["owner_combined", "owner_unit", "owner", "owner_title"] {
        if let Some(f) = take(&fs, key) {
            pair(&mut g, &mut pos, row, Some(f), None)?;
            row += 1;
        }
    }
    if let Some(f) = take(&fs, "members") {
        row = above(&mut g, &mut pos, row, f)?;
    }
    pair(&mut g, &mut pos, row, take(&fs, "phone"), take(&fs, "budget"))?;
    row += 1;
    pair(&mut g, &mut pos, row, take(&fs, "submitted"), None)?;
    row += 2;
    milestones(&mut g, p, row, [(0, 0), (1, 1), (2, 3)], "时间安排")?;
    g.finish()?;
    Ok(pos)
}

/// Variant 3: a compact 4-column form, two fields a row (`开始时间 | … | 完成时间 | …`,
/// `职务 | … | 联系电话 | …`), long texts over the three value columns.
fn paired(ws: &mut Worksheet, p: &Proposal) -> Result<Pos, XlsxError> {
    let fs = fields(p);
    let mut g = Grid::new(ws, &[16.0, 24.0, 16.0, 24.0])?;
    g.title(0, 0, 3, &p.title)?;
    let mut pos = Pos::new();
    let rows = [
        ("unit", "category"),
        ("name", ""),
        ("topic", "budget"),
        ("scope", ""),
        ("goals", ""),
        ("measures", ""),
        ("start", "deadline"),
        ("deliverables", ""),
        ("owner_combined", ""),
        ("owner_unit", "owner"),
        ("owner_title", "phone"),
        ("members", ""),
        ("submitted", ""),
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
    milestones(&mut g, p, row + 1, [(0, 0), (1, 1), (2, 3)], "")?;
    g.finish()?;
    Ok(pos)
}

/// Variant 4: the template with 填表说明 rows inserted between the fields, rows moved around
/// (name before unit, 完成时间 before 开始时间) and an empty row in the middle.
fn instruction_rows(ws: &mut Worksheet, p: &Proposal) -> Result<Pos, XlsxError> {
    let fs = fields(p);
    let mut g = Grid::new(ws, &[16.0, 18.0, 18.0, 18.0, 18.0])?;
    g.title(0, 0, 4, &p.title)?;
    g.note(
        1,
        0,
        4,
        "填表说明：1.项目类别请填写A类（创新实践）或B类（理论研究）；2.时间请按“2018年12月31日”格式填写；3.请于2018年4月4日前报市委组织部城市组织科。",
        false,
    )?;
    let mut pos = Pos::new();
    let order = [
        "name", "unit", "category", "topic", "owner_unit", "owner", "owner_combined", "owner_title",
        "members", "phone", "|", "scope", "goals", "measures", "deliverables", "", "deadline",
        "start", "budget", "submitted",
    ];
    let mut row = 2;
    for key in order {
        if key == "|" {
            g.note(row, 0, 4, "以下内容请结合本单位实际认真填写，篇幅较长的可另附页。", false)?;
            row += 1;
            continue;
        }
        if key.is_empty() {
            row += 1; // an empty row the unit left in
            continue;
        }
        if let Some(f) = take(&fs, key) {
            g.label(row, 0, 0, f.label)?;
            g.value(row, 1, 4, &f.val)?;
            pos.insert(f.key, (row, 1));
            row += 1;
        }
    }
    milestones(&mut g, p, row + 1, [(0, 0), (1, 2), (3, 4)], "推进计划")?;
    g.finish()?;
    Ok(pos)
}

/// A WPS-style sheet with no merged cells in the form, starting at B2: title in one cell,
/// labels in column B, values in column C. Shows the reader does not assume column A or merges.
fn plain(ws: &mut Worksheet, p: &Proposal) -> Result<Pos, XlsxError> {
    let mut g = Grid::new(ws, &[3.0, 16.0, 60.0, 36.0])?;
    g.heading(1, 1, &p.title)?;
    let mut pos = Pos::new();
    let mut row = 3;
    for f in fields(p) {
        g.label(row, 1, 1, f.label)?;
        g.value(row, 2, 2, &f.val)?;
        pos.insert(f.key, (row, 2));
        row += 1;
    }
    milestones(&mut g, p, row + 1, [(1, 1), (2, 2), (3, 3)], "")?;
    g.finish()?;
    Ok(pos)
}
