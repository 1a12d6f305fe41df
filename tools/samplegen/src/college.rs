//! samples/college: a fictional college year for the `secretary` preset (基层党建“书记项目”,
//! 2017): six proposals from the 二级党组织 secretaries (three of them flawed on purpose), four
//! months of progress reports, five reviewers' score sheets and the README with the table of
//! expected kinds and problem codes that a test checks.
//!
//! The policy, `samples/college/taizhang.toml`, is `taizhang init --preset secretary --year 2017`
//! as written; the generator does not touch it.
//!
//! 机电工程学院党总支 and 经济管理学院党委 name the same 责任人 (王军, who chairs both): one
//! project per secretary is counted by 责任人 across units, so both files get `W_PER_OWNER`.

use crate::model::*;
use crate::workbook::new_workbook;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Formula, XlsxError};

fn s(x: &str) -> String {
    x.to_string()
}

/// The labels of the college's official template (`taizhang init --preset secretary`).
fn labels() -> PLabels {
    let mut l = crate::proposals::labels(0);
    l.budget = "经费预算（万元）";
    l
}

/// One 书记项目 as a secretary fills it in.
struct Plan {
    key: &'static str,
    unit: &'static str,
    name: &'static str,
    owner: &'static str,
    title: &'static str,
    /// (year, month, day) of 完成时间.
    deadline: (u16, u8, u8),
    content: &'static str,
    feasibility: &'static str,
    expect: Vec<&'static str>,
    note: &'static str,
    /// Percent reported at the end of 2017-04 … 2017-07 (empty: never reported).
    schedule: [u32; 4],
}

fn plans() -> Vec<Plan> {
    vec![
        Plan {
            key: "jd",
            unit: "机电工程学院党总支",
            name: "“双带头人”教师党支部书记培育工程",
            owner: "王军",
            title: "机电工程学院党总支书记",
            deadline: (2017, 12, 31),
            content: "选拔培养既是教学科研骨干又是党建带头人的教师党支部书记，建立培育、考核和激励机制。",
            feasibility: "学院现有教师党支部6个，已有3名支部书记为学科带头人，学院党政联席会议已研究同意并安排专项经费。",
            expect: vec!["W_PER_OWNER"],
            note: "责任人王军同时是经济管理学院党委项目的责任人：每位书记每年1个项目，按责任人跨单位计，两份都报 W_PER_OWNER（仅提醒，照常合并）",
            schedule: [20, 40, 55, 70],
        },
        Plan {
            key: "wf",
            unit: "文法学院党委",
            name: "“支部建在学科上”组织设置优化项目",
            owner: "李红",
            title: "文法学院党委书记",
            deadline: (2018, 6, 30),
            content: "按学科专业调整教工和学生党支部设置，推动支部工作与学科建设、人才培养深度融合。",
            feasibility: "学院已完成学科梳理，党委会研究通过调整方案，需跨两个学年逐步完成支部换届。",
            expect: vec!["W_DEADLINE"],
            note: "两年期项目：完成时间2018-06-30，周期超过12个月（仅提醒，最长24个月）；年终未完成，本年度不参加评分（综合排名的“说明”列出）",
            schedule: [10, 20, 30, 40],
        },
        Plan {
            key: "wy",
            unit: "外国语学院党总支",
            name: "学生党员“先锋引领”志愿服务项目",
            owner: "赵刚",
            title: "外国语学院党总支副书记",
            deadline: (2017, 12, 31),
            content: "组织学生党员结对帮扶学业困难学生，开展外语志愿服务。",
            feasibility: "学院有学生党员86名，已与两所中学建立志愿服务合作。",
            expect: vec!["E_OWNER_TITLE"],
            note: "缺陷：负责人职务是“党总支副书记”，书记项目须由书记本人牵头（副书记、委员不作为负责人）",
            schedule: [0, 0, 0, 0],
        },
        Plan {
            key: "jg",
            unit: "经济管理学院党委",
            name: "党建引领“三全育人”示范学院创建",
            owner: "王 军",
            title: "经济管理学院党委书记",
            deadline: (2017, 12, 31),
            content: "以党建带团建，构建全员、全过程、全方位育人格局，创建校级示范学院。",
            feasibility: "学院已列入学校“三全育人”试点，党委班子分工明确，经费纳入年度预算。",
            expect: vec!["W_PER_OWNER"],
            note: "责任人写作“王 军”（中间有空格），与机电工程学院党总支的王军是同一人：报 W_PER_OWNER",
            schedule: [15, 35, 50, 65],
        },
        Plan {
            key: "xx",
            unit: "信息工程学院党总支",
            name: "“智慧党建”信息平台建设项目",
            owner: "陈静",
            title: "信息工程学院党总支书记",
            deadline: (2017, 12, 31),
            content: "建设覆盖全院党员的线上学习、组织生活和积分管理平台。",
            feasibility: "",
            expect: vec!["E_REQUIRED"],
            note: "缺陷：“可行性分析”空白（书记项目必填）",
            schedule: [0, 0, 0, 0],
        },
        Plan {
            key: "mk",
            unit: "马克思主义学院党总支",
            name: "“理论铸魂”青年师生宣讲团项目",
            owner: "刘洋",
            title: "马克思主义学院党总支书记",
            deadline: (2017, 11, 30),
            content: "组建由骨干教师和学生党员组成的宣讲团，深入各学院党支部开展理论宣讲。",
            feasibility: "学院思政课教师全部为党员，已开展宣讲试点12场，反响良好。",
            expect: vec![],
            note: "合格；7月报告进度100%、项目状态“已完成”",
            schedule: [30, 60, 85, 100],
        },
    ]
}

fn proposal(p: &Plan) -> Proposal {
    let (y, m, d) = p.deadline;
    let mut extra = vec![("content", "主要内容", s(p.content))];
    extra.push(("feasibility", "可行性分析", s(p.feasibility)));
    Proposal {
        key: p.key,
        stem: format!("2017-03-立项/{}-立项书", p.unit),
        post: Post::None,
        layout: PLayout::Official,
        wrap: Wrap::default(),
        title: s("2017年度基层党建“书记项目”立项书"),
        labels: labels(),
        unit: s(p.unit),
        name: s(p.name),
        category: Val::Blank,
        is_a: false,
        topic: None,
        scope: format!("{}所属各党支部和全体师生党员", p.unit),
        goals: s("年底前形成可复制推广的工作机制，党支部组织力明显增强，师生党员满意度达到90%以上。"),
        measures: s("一是制定实施方案，明确责任分工；二是每季度召开推进会，研究解决问题；三是建立工作台账，按月报送进度；四是年底总结评估，提炼典型经验。"),
        start: Some(d_iso(2017, 4, 1)),
        deadline: d_iso(y, m, d),
        deliverables: s("工作方案、制度汇编、典型案例"),
        owner: Owner::Separate { unit: s(p.unit), person: s(p.owner) },
        owner_title: s(p.title),
        members: s("张华、刘敏、孙磊"),
        phone: Some(t("13812345678")),
        budget: Some(Val::Num(2.0, "")),
        submitted: Some(d_iso(2017, 3, 28)),
        milestones: Vec::new(),
        expect: p.expect.clone(),
        note: s(p.note),
        duplicate_of: None,
        has_category: false,
        extra,
    }
}

fn report_labels() -> RLabels {
    RLabels {
        project_id: "项目编号",
        unit: "申报单位",
        name: "项目名称",
        period: "报告期",
        percent: "完成进度",
        state: "项目状态",
        done: "本期完成情况",
        problems: "存在问题",
        next: "下步计划",
        submitted: "填报日期",
        reporter: "填报人",
    }
}

/// The month reports of the merged projects; 2017-06's report of 经济管理学院党委 says 120 %.
fn reports(plans: &[Plan]) -> Vec<Report> {
    let mut out = Vec::new();
    for p in plans.iter().filter(|p| p.schedule[0] > 0) {
        for (i, month) in (4u32..=7).enumerate() {
            let pct = p.schedule[i];
            let flawed = p.key == "jg" && month == 6;
            let state = if pct >= 100 { "已完成" } else { "正常推进" };
            out.push(Report {
                stem: format!("2017-{month:02}/{}-进度报告-{month}月", p.unit),
                post: Post::None,
                layout: RLayout::Official,
                wrap: Wrap::default(),
                title: s("2017年度基层党建“书记项目”进度报告"),
                labels: report_labels(),
                project_id: IdField::Blank,
                unit: s(p.unit),
                name: s(p.name),
                period: t(&format!("2017-{month:02}")),
                percent: if flawed { t("120%") } else { Val::Percent(pct as f64 / 100.0) },
                state: Some(s(state)),
                extension: None,
                done: format!("{month}月：按实施方案推进，召开推进会1次，完成阶段任务。"),
                problems: String::new(),
                next: s("按计划推进下一阶段工作。"),
                submitted: Some(d_iso(2017, month as u8 + 1, 3)),
                reporter: s("张华"),
                expect: if flawed { vec!["E_PERCENT"] } else { vec![] },
                note: if flawed {
                    s("缺陷：完成进度填“120%”（超过100%）")
                } else {
                    format!("进度{pct}%")
                },
            });
        }
    }
    out
}

/// The projects `taizhang scoresheet` lists after the merge and approval: error-free proposals
/// in path order get 2017-001 …; the two-year one is left for 2018.
fn scored(plans: &[Plan]) -> Vec<(String, &Plan, f64)> {
    let mut ok: Vec<&Plan> = plans
        .iter()
        .filter(|p| !p.expect.iter().any(|c| c.starts_with("E_")))
        .collect();
    ok.sort_by(|a, b| a.unit.cmp(b.unit));
    ok.iter()
        .enumerate()
        .map(|(i, p)| (format!("2017-{:03}", i + 1), *p))
        .filter(|(_, p)| p.deadline.0 == 2017)
        .map(|(id, p)| {
            let target = match p.key {
                "mk" => 92.0,
                "jd" => 84.0,
                _ => 76.0,
            };
            (id, p, target)
        })
        .collect()
}

const RUBRIC: &[(&str, f64)] = &[("目标完成度", 30.0), ("创新性", 20.0), ("实际成效", 30.0), ("推广价值", 20.0)];
const REVIEWERS: &[(&str, f64)] = &[("周立", 0.0), ("吴敏", -2.0), ("郑强", 2.0), ("孙芳", 1.0), ("钱伟", -1.0)];

/// (file name, bytes) of the five reviewers' sheets, in the layout `taizhang scoresheet` writes
/// for the secretary preset (no 类别; 状态 and 最新进度 before the criteria).
fn score_sheets(plans: &[Plan]) -> Result<Vec<(String, Vec<u8>)>, XlsxError> {
    let projects = scored(plans);
    let boxed = Format::new().set_font_name("宋体").set_border(FormatBorder::Thin).set_align(FormatAlign::VerticalCenter);
    let mut out = Vec::new();
    for (n, (reviewer, bias)) in REVIEWERS.iter().enumerate() {
        let mut wb = new_workbook()?;
        let ws = wb.add_worksheet();
        ws.set_name("评分表")?;
        ws.write_string(0, 0, "2017年度基层党建“书记项目”评分表")?;
        ws.write_string(1, 1, "评审人")?;
        ws.write_string(1, 2, *reviewer)?;
        let mut headers: Vec<String> = ["序号", "项目编号", "申报单位", "项目名称", "状态", "最新进度"].map(String::from).to_vec();
        headers.extend(RUBRIC.iter().map(|(c, m)| format!("{c}\n（{m}分）")));
        headers.push("合计\n（100分）".into());
        for (c, h) in headers.iter().enumerate() {
            ws.write_string_with_format(3, c as u16, h, &boxed)?;
        }
        for (i, (id, p, target)) in projects.iter().enumerate() {
            let r = 4 + i as u32;
            let last = p.schedule[3];
            let state = if last >= 100 { "已完成" } else { "推进中" };
            ws.write_number_with_format(r, 0, (i + 1) as f64, &boxed)?;
            ws.write_string_with_format(r, 1, id, &boxed)?;
            ws.write_string_with_format(r, 2, p.unit, &boxed)?;
            ws.write_string_with_format(r, 3, p.name, &boxed)?;
            ws.write_string_with_format(r, 4, state, &boxed)?;
            ws.write_string_with_format(r, 5, &format!("{last}%"), &boxed)?;
            let mut sum = 0.0;
            for (c, (_, max)) in RUBRIC.iter().enumerate() {
                let wobble = ((n + i + c) % 3) as f64 - 1.0;
                let v = (((target + bias + wobble) / 100.0 * max) * 2.0).round() / 2.0;
                let v = v.clamp(0.0, *max);
                sum += v;
                ws.write_number_with_format(r, 6 + c as u16, v, &boxed)?;
            }
            let row = r + 1;
            let f = Formula::new(format!("=SUM(G{row}:J{row})")).set_result(sum.to_string());
            ws.write_formula_with_format(r, 10, f, &boxed)?;
        }
        out.push((format!("评分表-{}-{reviewer}.xlsx", n + 1), wb.save_to_buffer()?));
    }
    Ok(out)
}

fn readme(entries: &[Entry]) -> String {
    let mut md = String::new();
    md.push_str("Sample submissions for taizhang — a fictional college year (`secretary` preset, 2017) generated by `tools/samplegen --college`; the table lists every file under `inbox/` with its expected kind and problem codes.\n\n");
    md.push_str("# 样例报送文件：2017年度某高校基层党建“书记项目”\n\n");
    md.push_str("这些文件是虚构的，由 `tools/samplegen` 生成（`--college`，见 `tools/samplegen/README.md`）。人名、电话都是编的。政策文件 `taizhang.toml` 是 `taizhang init --preset secretary --year 2017` 写出的原样。\n\n");
    md.push_str("## 虚构的年度\n\n");
    md.push_str("- 依据：《关于推行基层党建“书记项目”管理工作实施方案》。各二级党组织（党委/党总支）书记每年确定1个项目，由书记本人牵头；实施周期一般在12个月以内，最长不超过24个月；立项书须写明主要内容和可行性分析。书记项目不分类别、不用参考目录。\n");
    md.push_str("- 六个二级党组织报来立项书（`inbox/2017-03-立项/`），其中三份有意做错；合格的四个项目经审核批复后，2017年4月至7月每月报送进度报告（`inbox/2017-04/` … `inbox/2017-07/`）。\n");
    md.push_str("- 文法学院党委的项目是两年期项目（完成时间2018-06-30）：按政策 `score_unfinished`（书记项目默认 false），本年度不参加评分，在综合排名的“说明”中列出。\n\n");
    md.push_str("## 应报问题\n\n");
    md.push_str("运行 `taizhang check samples/college/inbox --policy samples/college/taizhang.toml`，每个文件应得到下表的种类和问题代码（“—”表示没有问题）。文件路径相对于 `samples/college/`，按路径顺序排列。\n\n");
    md.push_str("| 文件 | 种类 | 应报问题 | 说明 |\n|---|---|---|---|\n");
    for e in entries {
        let codes = if e.codes.is_empty() { "—".to_string() } else { e.codes.join(", ") };
        md.push_str(&format!("| `inbox/{}` | {} | {} | {} |\n", e.path, e.kind, codes, e.note));
    }
    md.push_str("\n## 一年的流程\n\n");
    md.push_str("```sh\ncd samples/college\ntaizhang merge inbox/2017-03-立项 --ledger 台账.xlsx     # 合格的四个项目“待审核”\ntaizhang approve --all --ledger 台账.xlsx\ntaizhang merge inbox --ledger 台账.xlsx                # 进度报告；120% 的一份退回\ntaizhang status --ledger 台账.xlsx --as-of 2017-07-31 --out 进度汇总.xlsx\ntaizhang scoresheet --ledger 台账.xlsx --out 评分表.xlsx\ntaizhang rank --ledger 台账.xlsx --scores scores --out 年度综合排名.xlsx --exemplary 示范项目.xlsx\n```\n\n");
    md.push_str("台账、进度汇总、评分表、综合排名和示范项目中都没有“项目类别”“参考目录序号”“A类项目数”。评分表和综合排名列出每个项目的状态和最新进度；文法学院党委的两年期项目不在评分表上。`scores/` 里五位评委（虚构）的评分表按 `taizhang scoresheet` 的格式填写，`check` 无问题；马克思主义学院党总支的项目已完成且总分最高，评为示范项目。\n");
    md
}

/// Writes OUT_DIR (samples/college): inbox, scores and README.md; the policy is left alone.
pub fn write(out: &std::path::Path) -> Result<(), String> {
    let plans = plans();
    let mut entries = Vec::new();
    for p in &plans {
        let prop = proposal(p);
        let bytes = crate::workbook::proposal(&prop).map_err(|e| e.to_string())?;
        entries.push(Entry {
            path: format!("{}.xlsx", prop.stem),
            kind: "proposal",
            codes: prop.expect.clone(),
            note: prop.note.clone(),
            content: Content::Bytes(bytes),
            parts: Vec::new(),
        });
    }
    for r in reports(&plans) {
        let bytes = crate::workbook::report(&r).map_err(|e| e.to_string())?;
        entries.push(Entry {
            path: format!("{}.xlsx", r.stem),
            kind: "progress",
            codes: r.expect.clone(),
            note: r.note.clone(),
            content: Content::Bytes(bytes),
            parts: Vec::new(),
        });
    }
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    let inbox = out.join("inbox");
    let _ = std::fs::remove_dir_all(&inbox);
    for e in &entries {
        let target = inbox.join(&e.path);
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir).map_err(|err| format!("{}: {err}", dir.display()))?;
        }
        if let Content::Bytes(b) = &e.content {
            std::fs::write(&target, b).map_err(|err| format!("{}: {err}", target.display()))?;
        }
    }
    let scores = out.join("scores");
    let _ = std::fs::remove_dir_all(&scores);
    std::fs::create_dir_all(&scores).map_err(|e| e.to_string())?;
    for (name, bytes) in score_sheets(&plans).map_err(|e| e.to_string())? {
        std::fs::write(scores.join(name), bytes).map_err(|e| e.to_string())?;
    }
    std::fs::write(out.join("README.md"), readme(&entries)).map_err(|e| e.to_string())?;
    println!("samplegen: {} files in {}; 5 score sheets", entries.len(), inbox.display());
    Ok(())
}
