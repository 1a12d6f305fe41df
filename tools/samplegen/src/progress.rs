//! Monthly progress reports (进度报告) for the good projects, 2018-04 up to `--through`.
//!
//! Unit and project name are copied from the proposal, so they match exactly. Percentages only
//! rise from month to month (no W_PERCENT_DOWN); one project lags. The flawed reports and the
//! broken files replace or sit beside the regular ones as a clerk's inbox would have them.

use crate::model::*;
use chrono::{Datelike, NaiveDate, Weekday};

/// How one project reports: its file names, template and who fills it in.
struct Reporter {
    key: &'static str,
    /// File stem for month `m` (folder added by the caller).
    stem: fn(u32) -> String,
    layout: RLayout,
    wrap: Wrap,
    /// Label variant (synonyms of SPEC §3.2).
    lv: usize,
    reporter: &'static str,
    /// What the project builds, for the texts (e.g. 社区大党委).
    object: &'static str,
    /// Where it is tried first.
    pilot: &'static str,
    /// Percent at months 4..=12.
    schedule: [u32; 9],
    lagging: bool,
    /// 项目编号 row: none, blank, or filled from the ledger IDs.
    id_row: IdRow,
}

#[derive(Clone, Copy, PartialEq)]
enum IdRow {
    Absent,
    Blank,
    Filled,
}

const S0: [u32; 9] = [15, 35, 55, 65, 75, 85, 92, 97, 100];
const S1: [u32; 9] = [10, 30, 50, 60, 72, 82, 90, 96, 100];
const S2: [u32; 9] = [20, 40, 60, 70, 80, 88, 94, 98, 100];
const S3: [u32; 9] = [12, 25, 45, 58, 70, 80, 90, 95, 100];
const LAG: [u32; 9] = [5, 8, 12, 20, 30, 40, 50, 60, 70];

fn reporters() -> Vec<Reporter> {
    let w0 = Wrap::default();
    vec![
        Reporter { key: "tja1", stem: |m| format!("田家庵区委-进度报告-2018年{m}月"), layout: RLayout::Official, wrap: w0, lv: 0, reporter: "李娜", object: "社区大党委", pilot: "龙泉街道", schedule: S0, lagging: false, id_row: IdRow::Blank },
        Reporter { key: "tja2", stem: |m| format!("淮南市田家庵区委 积分制管理 {m}月进度"), layout: RLayout::Paired, wrap: w0, lv: 1, reporter: "孙丽", object: "党员积分管理办法", pilot: "龙泉街道新村社区", schedule: S1, lagging: false, id_row: IdRow::Absent },
        Reporter { key: "dt1", stem: |m| format!("大通区委 红色网格 进度报告（{m}月）"), layout: RLayout::LabelAbove, wrap: w0, lv: 2, reporter: "黄磊", object: "红色网格", pilot: "大通街道", schedule: S2, lagging: false, id_row: IdRow::Absent },
        Reporter { key: "dt2", stem: |m| format!("大通区委-指导员研究-{m}月份进度报告"), layout: RLayout::Monthly, wrap: w0, lv: 3, reporter: "许敏", object: "党建工作指导员管理办法", pilot: "大通经济开发区", schedule: LAG, lagging: true, id_row: IdRow::Absent },
        Reporter { key: "xjj1", stem: |m| format!("谢家集区委 先锋驿站 进度报告{m}月"), layout: RLayout::Official, wrap: w0, lv: 4, reporter: "董雪", object: "先锋驿站", pilot: "蔡家岗街道", schedule: S3, lagging: false, id_row: IdRow::Absent },
        Reporter { key: "bgs1", stem: |m| format!("八公山区委-一村一品-进度报告（{m}月）"), layout: RLayout::Paired, wrap: w0, lv: 5, reporter: "汪洋", object: "一村一品产业项目", pilot: "山王镇", schedule: S0, lagging: false, id_row: IdRow::Absent },
        Reporter { key: "ft1", stem: |m| format!("凤台县委智慧党建项目{m}月进度报告"), layout: RLayout::Official, wrap: Wrap { instructions_sheet: true, hidden_lists: None }, lv: 6, reporter: "汤敏", object: "智慧党建云平台", pilot: "城关镇", schedule: S2, lagging: false, id_row: IdRow::Blank },
        Reporter { key: "sx1", stem: |m| format!("寿县县委-进度报告-2018{m:02}"), layout: RLayout::LabelAbove, wrap: w0, lv: 7, reporter: "高飞", object: "古城红党群服务品牌", pilot: "古城东街社区", schedule: S1, lagging: false, id_row: IdRow::Absent },
        Reporter { key: "jy1", stem: |m| format!("市教育局党委 {m}月份进度报告"), layout: RLayout::Monthly, wrap: w0, lv: 8, reporter: "柯南", object: "学校党组织议事规则", pilot: "淮南二中", schedule: S3, lagging: false, id_row: IdRow::Absent },
        Reporter { key: "sz1", stem: |m| format!("市直机关工委-双报到-进度报告-{m}月"), layout: RLayout::Paired, wrap: Wrap { instructions_sheet: false, hidden_lists: Some(true) }, lv: 9, reporter: "祁琳", object: "双报到双服务", pilot: "市直机关第一党建片区", schedule: S0, lagging: false, id_row: IdRow::Absent },
        Reporter { key: "df1", stem: |m| format!("东方医院集团党委 {m}月进度报告"), layout: RLayout::Official, wrap: w0, lv: 10, reporter: "谷雨", object: "党员先锋岗", pilot: "集团总院", schedule: S2, lagging: false, id_row: IdRow::Filled },
    ]
}

/// Synonyms of SPEC §3.2, some decorated.
fn labels(lv: usize) -> RLabels {
    fn pick(list: &[&'static str], lv: usize) -> &'static str {
        list[lv % list.len()]
    }
    RLabels {
        project_id: "项目编号",
        unit: pick(&["申报单位", "填报单位", "单位名称", "党组织名称"], lv),
        name: pick(&["项目名称", "项　目　名　称", "项目名称："], lv),
        period: pick(&["报告期", "报告月份", "所属月份", "报告期（月份）"], lv),
        percent: pick(&["完成进度", "总体进度", "完成比例", "完成进度（%）", "完成比例*"], lv),
        state: "项目状态",
        done: pick(&["本期完成情况", "本月工作", "工作进展", "本期完成情况*"], lv),
        problems: "存在问题",
        next: pick(&["下步计划", "下月计划"], lv),
        submitted: "填报日期",
        reporter: pick(&["填报人", "联系人"], lv),
    }
}

fn title(layout: RLayout, m: u32) -> String {
    match layout {
        RLayout::Official => "2018年度基层党建创新项目进度报告".into(),
        RLayout::Paired => format!("基层党建创新项目进度报告表（2018年{m}月）"),
        RLayout::LabelAbove => format!("{m}月份党建创新项目进度报告"),
        RLayout::Monthly => "党建创新项目月度推进情况表".into(),
    }
}

/// 报告期 typed four ways (variant 11): `2018-05`, `2018年5月`, `2018.5`, a date cell.
fn period(style: usize, m: u32) -> Val {
    match style % 4 {
        0 => t(&format!("2018-{m:02}")),
        1 => t(&format!("2018年{m}月")),
        2 => t(&format!("2018.{m}")),
        _ => Val::Date(2018, m as u8, 1, "yyyy\"年\"m\"月\""),
    }
}

/// 完成进度 typed three ways (variant 11): a `0%` cell holding 0.6, text `60%`, plain 60.
fn percent(style: usize, p: u32) -> Val {
    match style % 3 {
        0 => Val::Percent(p as f64 / 100.0),
        1 => t(&format!("{p}%")),
        _ => Val::Num(p as f64, ""),
    }
}

/// What was done in month `m` (practice projects and studies differ).
fn done_text(r: &Reporter, is_a: bool, i: usize, m: u32) -> String {
    let n = 120 + (i * 37 + m as usize * 13) % 200;
    let k = 2 + (i + m as usize) % 5;
    let (o, p) = (r.object, r.pilot);
    if r.lagging && m <= 6 {
        return match m {
            4 => "因非公工委人员调整，课题组尚未完成组建，研究提纲仍在修改。".into(),
            5 => "完成课题组组建，制定调研计划，走访了5家非公企业，调研工作刚刚起步。".into(),
            _ => "对12家非公企业和8名党建工作指导员开展了走访调研，调研进度明显滞后于计划。".into(),
        };
    }
    if is_a {
        match m {
            4 => format!("召开项目启动会，印发{o}工作实施方案，成立工作专班，明确责任分工和时间节点；完成基本情况摸底，建立工作台账。"),
            5 => format!("深入基层开展专题调研，发放调查问卷{n}份，召开座谈会{k}场，梳理形成问题清单和需求清单。"),
            6 => format!("形成调研报告初稿；在{p}开展{o}试点，完善相关工作制度{k}项。"),
            7 => format!("总结{p}试点经验，召开现场推进会，在面上全面推开{o}各项工作。"),
            8 => format!("组织业务培训{k}场、培训骨干{n}人次；对各单位推进情况开展一次督查。"),
            9 => format!("开展中期评估，对照目标逐项查摆，整改问题{k}个，{o}运行总体平稳。"),
            10 => format!("选树典型案例{k}个，在市级以上媒体宣传报道{k}篇，组织观摩交流。"),
            11 => format!("开展总结评估，收集整理{o}佐证材料，起草项目总结报告。"),
            _ => format!("完成项目总结报告，{o}各项目标任务全部完成，相关成果汇编成册，申请验收。"),
        }
    } else {
        match m {
            4 => "召开课题组第一次会议，细化研究提纲和任务分工，制定调研计划。".into(),
            5 => format!("开展问卷调查和个别访谈，回收问卷{n}份，召开座谈会{k}场。"),
            6 => "整理分析调研数据，形成调研报告初稿。".into(),
            7 => "赴外地学习借鉴先进经验，召开课题研讨会1次。".into(),
            8 => format!("撰写研究报告，形成初稿约{}字。", n * 100),
            9 => "召开专家论证会，根据论证意见修改研究报告。".into(),
            10 => format!("形成{o}征求意见稿，在{p}先行试用。"),
            11 => "根据试用反馈修改完善研究成果。".into(),
            _ => "研究报告定稿，成果报送上级党组织，申请结项。".into(),
        }
    }
}

fn problems_text(r: &Reporter, i: usize, m: u32) -> String {
    if r.lagging {
        return "课题组成员工作任务重，投入研究的时间不足，调研进度滞后。".into();
    }
    const P: [&str; 5] = [
        "部分单位重视程度不够，推进不够平衡。",
        "基层党务工作者业务能力有待提升。",
        "",
        "工作经费尚未全部到位。",
        "个别单位资料报送不及时。",
    ];
    P[(i + m as usize) % P.len()].into()
}

fn next_text(r: &Reporter, m: u32) -> String {
    if r.lagging {
        return "加快调研进度，增加课题组研究时间，确保年底前形成研究报告。".into();
    }
    match m {
        4 => "开展专题调研，梳理问题清单。",
        5 => "形成调研报告，选择试点单位先行先试。",
        6 => "总结试点经验，在面上推开。",
        7 => "组织业务培训，开展一次督查。",
        8 => "开展中期评估，整改发现的问题。",
        9 => "选树典型案例，加强宣传推广。",
        10 => "开展总结评估，收集佐证材料。",
        11 => "完成总结报告，做好验收准备。",
        _ => "做好成果转化运用和宣传推广。",
    }
    .into()
}

fn state(r: &Reporter, pct: u32, m: u32) -> String {
    if pct >= 100 {
        "已完成".into()
    } else if r.lagging {
        if m == 12 { "申请延期".into() } else { "滞后".into() }
    } else {
        "正常推进".into()
    }
}

/// Day of the month of the `n`-th working day (Monday–Friday; holidays ignored).
fn nth_workday(y: i32, m: u32, n: u32) -> u32 {
    let mut seen = 0;
    for d in 1..=28 {
        let date = NaiveDate::from_ymd_opt(y, m, d).expect("valid date");
        if !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
            seen += 1;
            if seen == n {
                return d;
            }
        }
    }
    unreachable!("a month has more than 4 working days")
}

/// The regular report of project `r` (index `i`) for month `m`.
fn report(r: &Reporter, i: usize, p: &Proposal, m: u32, ids: &dyn Fn(&str) -> Option<String>) -> Report {
    let pct = r.schedule[(m - 4) as usize];
    // Reports come in on the 1st–4th working day of the next month.
    let (sy, sm) = if m == 12 { (2019, 1) } else { (2018, m + 1) };
    let day = nth_workday(sy, sm, 1 + ((i + m as usize) % 4) as u32);
    let submitted = if (i + m as usize) % 3 == 0 {
        t(&format!("{sy}年{sm}月{day}日"))
    } else {
        d_iso(sy as u16, sm as u8, day as u8)
    };
    Report {
        stem: format!("2018-{m:02}/{}", (r.stem)(m)),
        post: Post::None,
        layout: r.layout,
        wrap: r.wrap,
        title: title(r.layout, m),
        labels: labels(r.lv),
        project_id: match r.id_row {
            IdRow::Absent => IdField::Absent,
            IdRow::Blank => IdField::Blank,
            IdRow::Filled => ids(r.key).map(IdField::Value).unwrap_or(IdField::Blank),
        },
        unit: p.unit.clone(),
        name: p.name.clone(),
        period: period(i + m as usize, m),
        percent: percent(i * 2 + m as usize, pct),
        // 市教育局党委's own sheet has no 项目状态 row (it is optional).
        state: if r.key == "jy1" { None } else { Some(state(r, pct, m)) },
        // The lagging project asks in December to finish by the end of March (SPEC §10).
        extension: (r.key != "jy1" && state(r, pct, m) == "申请延期").then(|| t("2019年3月31日")),
        done: done_text(r, p.is_a, i, m),
        problems: problems_text(r, i, m),
        next: next_text(r, m),
        submitted: Some(submitted),
        reporter: r.reporter.into(),
        expect: Vec::new(),
        note: String::new(),
    }
}

/// Describes the typed forms of period and percent, for the README.
fn describe(rep: &Report) -> String {
    let per = match &rep.period {
        Val::Date(..) => "报告期为日期单元格".to_string(),
        Val::Text(s) => format!("报告期“{s}”"),
        _ => String::new(),
    };
    let pct = match &rep.percent {
        Val::Percent(x) => format!("进度为百分比格式单元格{x}"),
        Val::Text(s) => format!("进度为文本“{s}”"),
        Val::Num(n, _) => format!("进度为数字{n}"),
        _ => String::new(),
    };
    let layout = match rep.layout {
        RLayout::Official => "官方月报样式",
        RLayout::Paired => "四列成对布局",
        RLayout::LabelAbove => "报告期/进度并排、值在下方，文字值在标签下方",
        RLayout::Monthly => "标题无“进度”二字（按标签识别），标签在B列，无合并",
    };
    let mut parts = vec![layout.to_string(), per, pct];
    if rep.wrap.instructions_sheet {
        parts.push("表单在第二张表（前有“填表说明”）".into());
    }
    if rep.wrap.hidden_lists == Some(true) {
        parts.push("第一张是隐藏的“下拉选项”表".into());
    }
    match &rep.project_id {
        IdField::Value(id) => parts.push(format!("填了项目编号{id}")),
        IdField::Blank => parts.push("项目编号一栏留空".into()),
        IdField::Absent => {}
    }
    parts.retain(|s| !s.is_empty());
    parts.join("；")
}

/// All reports for months 4..=`through`, the flawed ones included. `ids` gives the ledger ID a
/// project will get at its first merge.
pub fn all(props: &[Proposal], through: u32, ids: &dyn Fn(&str) -> Option<String>) -> Vec<Report> {
    let find = |key: &str| props.iter().find(|p| p.key == key).expect("reporting project exists");
    let mut out = Vec::new();
    for m in 4..=through {
        for (i, r) in reporters().iter().enumerate() {
            let p = find(r.key);
            let mut rep = report(r, i, p, m, ids);
            match (r.key, m) {
                // Saved again by LibreOffice: .xls with a 0% cell, .ods with a 0% cell and a date.
                ("dt1", 5) => {
                    rep.post = Post::Xls;
                    rep.percent = percent(0, r.schedule[1]);
                }
                ("sx1", 4) => {
                    rep.post = Post::Ods;
                    rep.percent = percent(0, r.schedule[0]);
                    rep.period = period(3, 4);
                }
                // The unit set a password on its file.
                ("bgs1", 4) => {
                    rep.post = Post::Encrypt;
                    rep.expect = vec!["E_ENCRYPTED"];
                    rep.note = "缺陷：文件设了打开密码（123456，OOXML加密），无法读取".into();
                }
                ("jy1", 5) => {
                    rep.done = String::new();
                    rep.expect = vec!["E_REQUIRED"];
                    rep.note = "缺陷：“本期完成情况”一栏空白".into();
                }
                ("xjj1", 6) => {
                    rep.period = t("六月份");
                    rep.expect = vec!["E_PERIOD"];
                    rep.note = "缺陷：报告期写作“六月份”，无法识别年月".into();
                }
                ("sz1", 6) => {
                    rep.percent = Val::Num(150.0, "");
                    rep.expect = vec!["E_PERCENT"];
                    rep.note = "缺陷：完成进度填150（超出0–100）".into();
                }
                _ => {}
            }
            let what = describe(&rep);
            rep.note = if rep.note.is_empty() { what } else { format!("{}；{}", rep.note, what) };
            if rep.post == Post::Xls {
                rep.note = format!("用LibreOffice另存为.xls；{}", rep.note);
            }
            if rep.post == Post::Ods {
                rep.note = format!("用LibreOffice另存为.ods；{}", rep.note);
            }
            out.push(rep);
        }
        if m == 5 {
            out.push(unknown_project());
        }
        if m == 4 {
            out.push(truncated_source(find("pj1")));
        }
    }
    out
}

/// A report of 凤台县委 for a project it never proposed: fine for `check`, E_NO_PROJECT at merge.
fn unknown_project() -> Report {
    Report {
        stem: "2018-05/凤台县委 沿淮党建示范带 5月进度报告".into(),
        post: Post::None,
        layout: RLayout::Official,
        wrap: Wrap::default(),
        title: "2018年度基层党建创新项目进度报告".into(),
        labels: labels(0),
        project_id: IdField::Absent,
        unit: "凤台县委".into(),
        name: "「淮河岸边党旗红」沿淮党建示范带建设".into(),
        period: t("2018年5月"),
        percent: t("30%"),
        state: Some("正常推进".into()),
        extension: None,
        done: "沿淮6个乡镇党委召开示范带建设推进会，确定示范点12个，完成示范点规划设计。".into(),
        problems: "示范点建设资金需要统筹解决。".into(),
        next: "启动示范点建设，6月底前完成3个示范点阵地改造。".into(),
        submitted: Some(d_iso(2018, 6, 4)),
        reporter: "朱琳".into(),
        expect: Vec::new(),
        note: "该项目名称在任何立项书中都没有：check 不报问题；merge 时应报 E_NO_PROJECT".into(),
    }
}

/// 潘集区委's April report of its first project, later cut to 40 % of its bytes (a broken
/// download): the real file behind the truncated one.
fn truncated_source(p: &Proposal) -> Report {
    Report {
        stem: "2018-04/潘集区委-双推双评-进度报告（4月）".into(),
        post: Post::Truncate,
        layout: RLayout::Official,
        wrap: Wrap::default(),
        title: "2018年度基层党建创新项目进度报告".into(),
        labels: labels(0),
        project_id: IdField::Absent,
        unit: p.unit.clone(),
        name: p.name.clone(),
        period: t("2018-04"),
        percent: t("10%"),
        state: Some("正常推进".into()),
        extension: None,
        done: "召开课题组第一次会议，细化研究提纲和任务分工，制定调研计划。".into(),
        problems: String::new(),
        next: "调阅发展党员档案，召开座谈会。".into(),
        submitted: Some(d_iso(2018, 5, 3)),
        reporter: "方圆".into(),
        expect: vec!["E_UNREADABLE"],
        note: "缺陷：文件只有原文件前40%的字节（下载中断），zip结构不完整".into(),
    }
}
