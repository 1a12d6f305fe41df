//! samples/scores: five reviewers' filled score sheets (评分表) for the 21 projects of the sample
//! ledger, and the README section that says what `check` and `rank` make of them.
//!
//! The scores are made, not drawn: each project has a target total (finished projects score
//! higher), each reviewer a bias (one strict, one lenient), and each score a small deterministic
//! offset from an FNV hash of (reviewer, project, criterion). Reruns give the same bytes.
//!
//! Sheets 1, 2, 4 and 5 keep the layout `taizhang scoresheet` writes. Sheet 3 was rearranged by
//! its reviewer: no 项目编号 column, names typed without the 「」 quotes, criteria in another order,
//! a 备注 column with remarks, rows in another order. Sheet 4 has 创新性 25 of 20 for one project
//! (`E_SCORE`); sheet 5 leaves one score blank (`W_NOT_SCORED`).

use crate::workbook::new_workbook;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError};

/// One ledger project as the score sheet lists it.
pub struct Project {
    pub id: String,
    pub unit: String,
    pub name: String,
    pub category: &'static str,
    /// Target total, 0–100.
    pub target: f64,
}

/// The rubric of the sample policy (samples/taizhang.toml).
const RUBRIC: &[(&str, f64)] = &[("目标完成度", 30.0), ("创新性", 20.0), ("实际成效", 30.0), ("推广价值", 20.0)];

/// Target totals by proposal key: the finished projects (已完成 in the sample ledger) score higher.
const TARGETS: &[(&str, f64)] = &[
    ("df1", 91.0),
    ("df2_deadline", 78.0),
    ("bgs2", 74.0),
    ("bgs1", 89.0),
    ("ft2_phone", 70.0),
    ("ft1", 87.0),
    ("dt2", 64.0),
    ("dt1", 93.0),
    ("sx2_late", 76.0),
    ("sx1", 86.0),
    ("wj1", 72.0),
    ("jy1", 84.0),
    ("sz1", 88.0),
    ("mj_unit", 67.0),
    ("tja2", 90.0),
    ("hn1", 75.0),
    ("pj1", 71.0),
    ("pj2", 57.0),
    ("tja1", 92.0),
    ("xjj2", 79.0),
    ("xjj1", 85.0),
];

/// The target of a proposal key (80 for one not listed).
pub fn target(key: &str) -> f64 {
    TARGETS.iter().find(|(k, _)| *k == key).map_or(80.0, |(_, t)| *t)
}

/// The five reviewers: name, bias in points of 100, half points allowed.
const REVIEWERS: &[(&str, f64, bool)] =
    &[("王建国", 0.0, false), ("李秀英", -2.5, true), ("张明", 2.5, false), ("陈静", 1.0, false), ("赵立新", -1.0, false)];

/// The project whose 创新性 sheet 4 gives as 25, and the one sheet 5 leaves blank.
pub const OUT_OF_RANGE_ID: &str = "2018-006";
pub const BLANK_ID: &str = "2018-012";

fn fnv(s: &str) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// A reviewer's score of one criterion.
fn score(reviewer: usize, p: &Project, criterion: usize) -> f64 {
    let (name, bias, halves) = REVIEWERS[reviewer];
    let (cname, max) = RUBRIC[criterion];
    let noise = (fnv(&format!("{name}|{}|{cname}", p.id)) % 5) as f64 - 2.0; // -2 ..= 2
    let raw = (p.target + bias + noise * 1.5) / 100.0 * max;
    let step = if halves { 2.0 } else { 1.0 };
    ((raw * step).round() / step).clamp(0.0, max)
}

/// A score cell's content: the number, or what the sample's flaw puts there.
enum S {
    N(f64),
    Blank,
}

fn cell_for(reviewer: usize, p: &Project, criterion: usize) -> S {
    match (reviewer, p.id.as_str(), RUBRIC[criterion].0) {
        (3, OUT_OF_RANGE_ID, "创新性") => S::N(25.0),
        (4, BLANK_ID, "实际成效") => S::Blank,
        _ => S::N(score(reviewer, p, criterion)),
    }
}

fn base() -> Format {
    Format::new().set_font_name("宋体").set_font_size(11)
}

fn boxed() -> Format {
    base().set_border(FormatBorder::Thin).set_align(FormatAlign::VerticalCenter).set_text_wrap()
}

fn header() -> Format {
    boxed().set_bold().set_align(FormatAlign::Center)
}

fn col_name(col: u16) -> String {
    let mut c = col as u32 + 1;
    let mut s = Vec::new();
    while c > 0 {
        s.push((b'A' + ((c - 1) % 26) as u8) as char);
        c = (c - 1) / 26;
    }
    s.iter().rev().collect()
}

fn title(ws: &mut Worksheet, last_col: u16) -> Result<(), XlsxError> {
    let f = base().set_bold().set_font_size(14).set_align(FormatAlign::Center).set_align(FormatAlign::VerticalCenter);
    ws.merge_range(0, 0, 0, last_col, "2018年度基层党建创新项目评分表", &f)?;
    ws.set_row_height(0, 30)?;
    Ok(())
}

/// The layout `taizhang scoresheet` writes: 序号 | 项目编号 | 申报单位 | 项目名称 | 类别 | criteria | 合计 | 备注.
fn standard(ws: &mut Worksheet, reviewer: usize, projects: &[Project]) -> Result<(), XlsxError> {
    let (name, _, _) = REVIEWERS[reviewer];
    ws.set_name("评分表")?;
    let last = 5 + RUBRIC.len() as u16 + 1;
    title(ws, last)?;
    ws.write_string_with_format(1, 1, "评审人", &header())?;
    ws.merge_range(1, 2, 1, 3, name, &base().set_border_bottom(FormatBorder::Thin))?;
    ws.merge_range(2, 0, 2, last, "说明：每个评分项填写 0 至该项满分之间的分数；“合计”自动计算，仅供核对。", &base().set_font_size(10))?;
    let mut headers: Vec<String> = ["序号", "项目编号", "申报单位", "项目名称", "类别"].map(String::from).to_vec();
    headers.extend(RUBRIC.iter().map(|(n, m)| format!("{n}\n（{m}分）")));
    headers.push("合计\n（100分）".into());
    headers.push("备注".into());
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(3, c as u16, h, &header())?;
    }
    ws.set_row_height(3, 32)?;
    for (c, w) in [5.0, 10.0, 16.0, 34.0, 6.0, 11.0, 11.0, 11.0, 11.0, 11.0, 16.0].iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let centred = boxed().set_align(FormatAlign::Center);
    for (i, p) in projects.iter().enumerate() {
        let r = 4 + i as u32;
        ws.write_number_with_format(r, 0, (i + 1) as f64, &centred)?;
        ws.write_string_with_format(r, 1, &p.id, &centred)?;
        ws.write_string_with_format(r, 2, &p.unit, &boxed())?;
        ws.write_string_with_format(r, 3, &p.name, &boxed())?;
        ws.write_string_with_format(r, 4, p.category, &centred)?;
        let mut sum = 0.0;
        for c in 0..RUBRIC.len() {
            let col = 5 + c as u16;
            match cell_for(reviewer, p, c) {
                S::N(n) => {
                    sum += n;
                    ws.write_number_with_format(r, col, n, &centred)?;
                }
                S::Blank => {
                    ws.write_blank(r, col, &centred)?;
                }
            }
        }
        let (a, b) = (col_name(5), col_name(4 + RUBRIC.len() as u16));
        let r1 = r + 1;
        let f = Formula::new(format!("=IF(COUNT({a}{r1}:{b}{r1})=0,\"\",SUM({a}{r1}:{b}{r1}))")).set_result(sum.to_string());
        ws.write_formula_with_format(r, 5 + RUBRIC.len() as u16, f, &centred)?;
        ws.write_blank(r, last, &boxed())?;
        ws.set_row_height(r, 30)?;
    }
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    Ok(())
}

/// A name as a reviewer retyped it: without the 「」 quotes.
fn retyped(name: &str) -> String {
    name.chars().filter(|c| !matches!(c, '「' | '」')).collect()
}

/// Sheet 3, rearranged: 项目名称 | 推广价值 | 创新性 | 目标完成度 | 实际成效 | 总分 | 备注, rows by unit.
fn rearranged(ws: &mut Worksheet, reviewer: usize, projects: &[Project]) -> Result<(), XlsxError> {
    let (name, _, _) = REVIEWERS[reviewer];
    ws.set_name("Sheet1")?;
    title(ws, 6)?;
    ws.write_string(1, 0, &format!("评委：{name}"))?;
    let order = [3usize, 1, 0, 2];
    let mut headers = vec!["项目名称".to_string()];
    headers.extend(order.iter().map(|&c| RUBRIC[c].0.to_string()));
    headers.push("总分".into());
    headers.push("备注".into());
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(2, c as u16, h, &header())?;
    }
    for (c, w) in [40.0, 10.0, 10.0, 12.0, 10.0, 8.0, 24.0].iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let mut rows: Vec<&Project> = projects.iter().collect();
    rows.sort_by(|a, b| a.unit.cmp(&b.unit).then(a.id.cmp(&b.id)));
    for (i, p) in rows.iter().enumerate() {
        let r = 3 + i as u32;
        ws.write_string_with_format(r, 0, &retyped(&p.name), &boxed())?;
        let mut sum = 0.0;
        for (k, &c) in order.iter().enumerate() {
            if let S::N(n) = cell_for(reviewer, p, c) {
                sum += n;
                ws.write_number_with_format(r, 1 + k as u16, n, &boxed())?;
            }
        }
        ws.write_number_with_format(r, 5, sum, &boxed())?;
        let remark = if p.target >= 90.0 {
            "成效突出，建议推广"
        } else if p.target < 65.0 {
            "进度滞后，成果不足"
        } else {
            ""
        };
        ws.write_string_with_format(r, 6, remark, &boxed())?;
    }
    Ok(())
}

/// (file name, workbook bytes) of the five sheets.
pub fn sheets(projects: &[Project]) -> Result<Vec<(String, Vec<u8>)>, XlsxError> {
    let mut out = Vec::new();
    for (i, (name, _, _)) in REVIEWERS.iter().enumerate() {
        let mut wb: Workbook = new_workbook()?;
        let ws = wb.add_worksheet();
        if i == 2 {
            rearranged(ws, i, projects)?;
        } else {
            standard(ws, i, projects)?;
        }
        out.push((format!("评分表-{}-{name}.xlsx", i + 1), wb.save_to_buffer()?));
    }
    Ok(out)
}

/// The README section (below the table of `inbox/`; not in its row format, which a test parses).
pub fn readme_section(projects: &[Project]) -> String {
    let by_id = |id: &str| projects.iter().find(|p| p.id == id).map_or(String::new(), |p| p.name.clone());
    let mut s = String::new();
    s.push_str("\n## 年终评分表（`scores/`）\n\n");
    s.push_str("五位评委（虚构）对样例台账的 21 个项目（2018-001 至 2018-021）的评分表，由 `tools/samplegen` 生成；评分标准为样例政策的四项：目标完成度 30 分、创新性 20 分、实际成效 30 分、推广价值 20 分。已完成的项目分数较高；李秀英打分偏严（有半分），张明偏松。\n\n");
    s.push_str("- `scores/评分表-1-王建国.xlsx`、`scores/评分表-2-李秀英.xlsx`：按 `taizhang scoresheet` 生成的格式填写，`check` 无问题。\n");
    s.push_str("- `scores/评分表-3-张明.xlsx`：评委自己调整过的表：没有“项目编号”列，只写项目名称（去掉了「」），评分项顺序不同，另有“总分”“备注”两列，行按单位排序，评委写作“评委：张明”。`check` 无问题；`rank` 按项目名称对上台账。\n");
    s.push_str(&format!(
        "- `scores/评分表-4-陈静.xlsx`：“{}”（{OUT_OF_RANGE_ID}）的创新性填了 25 分（满分 20），`check` 报 `E_SCORE`（单元格 G10）。\n",
        by_id(OUT_OF_RANGE_ID)
    ));
    s.push_str(&format!(
        "- `scores/评分表-5-赵立新.xlsx`：“{}”（{BLANK_ID}）的实际成效空着，`check` 报 `W_NOT_SCORED`（单元格 H16）。\n\n",
        by_id(BLANK_ID)
    ));
    s.push_str("用 `taizhang merge samples/inbox --ledger 台账.xlsx --policy samples/taizhang.toml` 建好台账后，运行 `taizhang rank --ledger 台账.xlsx --scores samples/scores --out 年度综合排名.xlsx --exemplary 示范项目.xlsx --policy samples/taizhang.toml`：因为有 `E_SCORE`，退出码为 1，但排名照常生成。");
    s.push_str(&format!("{OUT_OF_RANGE_ID} 和 {BLANK_ID} 各有一位评委的评分不完整、不计入，只剩 4 位评委，不去掉最高分和最低分；其余 19 个项目有 5 位评委，去掉一个最高分和一个最低分后取平均。已完成且总分不低于 85 分的项目按排名评为示范项目，每个单位最多 1 个、共 5 个。\n"));
    s
}
