//! The proposals (立项书) of the fictional year: Huainan 2018, innovation preset, submission
//! deadline 2018-04-04. Counties may send 2–3 projects with at least one A; other committees 1–2.
//!
//! Quota bookkeeping (so that W_QUOTA appears only where intended, whether or not a checker
//! counts files with errors): every county except 潘集区委 sends two error-free proposals, at
//! least one of them A, plus at most one proposal with an error (or a re-sent copy) — 2 or 3
//! either way. Every other committee sends one error-free proposal plus one more file — 1 or 2.
//! 潘集区委 sends exactly two, both B: W_QUOTA on both.

use crate::model::*;

fn s(x: &str) -> String {
    x.to_string()
}

fn sep(unit: &str, person: &str) -> Owner {
    Owner::Separate { unit: s(unit), person: s(person) }
}

/// Synonyms of SPEC §3.1, some decorated as units type them (variant 5). Each file takes the
/// `lv`-th entry of every list (modulo its length), so the combinations differ from file to file.
pub fn labels(lv: usize) -> PLabels {
    fn pick(list: &[&'static str], lv: usize) -> &'static str {
        list[lv % list.len()]
    }
    PLabels {
        unit: pick(&["申报单位", "单位名称", "党组织名称", "填报单位", "申报单位（盖章）", "申报单位："], lv),
        name: pick(&["项目名称", "项目名称：", "项　目　名　称", "项目名称*", "项目名称（必填）"], lv),
        category: pick(&["项目类别", "项目类型", "项目类别（A/B类）"], lv),
        topic: pick(&["参考目录序号", "选题序号", "参考选题", "参考目录序号（选填）"], lv),
        scope: pick(&["工作范围或对象", "工作范围", "工作对象", "实施范围", "工作范围\n或对象"], lv),
        goals: pick(&["工作目标", "主要目标", "项目目标", "预期目标", "工作目标*", "工作目标（必填）"], lv),
        measures: pick(&["主要措施", "推进措施", "工作措施", "具体措施", "主要措施（必填）"], lv),
        start: pick(&["开始时间", "启动时间", "开始时间（年月日）"], lv),
        deadline: pick(&["完成时间", "完成时限", "计划完成时间", "截止时间", "完成时间（年月日）"], lv),
        deliverables: pick(&["成果形式", "预期成果"], lv),
        owner_unit: pick(&["责任单位", "责任单位："], lv),
        owner: pick(&["责任人", "项目负责人"], lv),
        owner_title: pick(&["职务", "负责人职务"], lv),
        members: pick(&["项目组成员", "项目成员", "项目组\n成员"], lv),
        phone: pick(&["联系电话", "电话", "联系电话："], lv),
        budget: pick(&["经费预算（万元）", "扶持经费（万元）", "经费预算"], lv),
        submitted: pick(&["填报日期", "申报日期", "填报日期："], lv),
        ms: if lv % 2 == 0 { ["阶段", "起止时间", "内容"] } else { ["阶段", "时间", "内容"] },
    }
}

/// Three timetable rows (调研摸底 / 组织实施 / 总结提升) with periods typed in one of the ways of
/// SPEC §3.4; all fall inside 2018-04-01 .. 2018-12-31.
fn ms(style: usize, c: [&str; 3]) -> Vec<[String; 3]> {
    let periods: [&str; 3] = match style {
        0 => ["2018年4月—2018年5月", "2018年6月—2018年10月", "2018年11月—2018年12月"],
        1 => ["2018.4-2018.5", "2018.6-2018.10", "2018.11-2018.12"],
        2 => ["2018/04/01～2018/05/31", "2018/06/01～2018/10/31", "2018/11/01～2018/12/31"],
        3 => ["4月-5月", "6月-10月", "11月-12月"],
        _ => ["2018年4月", "2018年5月—2018年10月", "2018年11月—2018年12月"],
    };
    let stages = ["调研摸底", "组织实施", "总结提升"];
    (0..3).map(|i| [s(stages[i]), s(periods[i]), s(c[i])]).collect()
}

/// The title tells the form kind (立项书 / 申报表); units keep the one of the template they had.
fn title(layout: PLayout) -> String {
    match layout {
        PLayout::Paired => "淮南市基层党建创新项目申报表".into(),
        PLayout::Plain => "基层党建创新项目立项书".into(),
        _ => "2018年度淮南市基层党建创新项目立项书".into(),
    }
}

/// A proposal with the defaults most units have; each entry below overrides what differs.
fn blank(key: &'static str, stem: &str, lv: usize, layout: PLayout) -> Proposal {
    Proposal {
        key,
        stem: format!("2018-03-立项/{stem}"),
        post: Post::None,
        layout,
        wrap: Wrap::default(),
        title: title(layout),
        labels: labels(lv),
        unit: String::new(),
        name: String::new(),
        category: t("A类"),
        is_a: true,
        topic: None,
        scope: String::new(),
        goals: String::new(),
        measures: String::new(),
        start: Some(d_iso(2018, 4, 1)),
        deadline: d_cn(2018, 12, 31),
        deliverables: String::new(),
        owner: sep("", ""),
        owner_title: String::new(),
        members: String::new(),
        phone: None,
        budget: None,
        submitted: Some(d_iso(2018, 3, 30)),
        milestones: Vec::new(),
        expect: Vec::new(),
        note: String::new(),
        duplicate_of: None,
        has_category: true,
        extra: Vec::new(),
    }
}

pub fn all() -> Vec<Proposal> {
    let mut v = Vec::new();
    v.extend(tianjiaan());
    v.extend(datong());
    v.extend(xiejiaji());
    v.extend(bagongshan());
    v.extend(panji());
    v.extend(fengtai());
    v.extend(shouxian());
    v.extend(others());
    v
}

/// 田家庵区委: A + B (the B one written with the city prefix, an alias) + one with a blank goal.
fn tianjiaan() -> Vec<Proposal> {
    vec![
        Proposal {
            unit: s("田家庵区委"),
            name: s("「社区大党委」实体化运行机制建设"),
            category: t("A类"),
            topic: Some(t("19")),
            scope: s("全区8个街道42个城市社区党组织，以及驻区机关、企事业单位和“两新”组织党组织"),
            goals: s("用一年时间在全区42个城市社区全面建立实体化运行的“社区大党委”，吸纳驻区单位党组织负责人担任兼职委员，形成资源共享、阵地共建、活动共办的区域化党建格局；年底前打造8个示范社区，驻区单位参与社区治理的比例达到90%以上。"),
            measures: s("一是建立社区大党委联席会议制度，每季度至少召开一次会议，研究解决辖区重点难点问题；二是推行需求、资源、项目“三张清单”，推动驻区单位与社区双向认领服务项目；三是把驻区单位党组织参与社区治理情况纳入年度党建考核，考核结果向其上级党组织反馈；四是每个街道选树1个示范社区，组织现场观摩，以点带面整体推进。"),
            deliverables: s("调研报告、社区大党委工作制度汇编、典型案例集"),
            owner: sep("田家庵区委组织部", "张伟"),
            owner_title: s("区委常委、组织部部长"),
            members: s("张伟、李娜、王强、赵敏、陈磊"),
            phone: Some(t("0554-2668123")),
            budget: Some(Val::Num(10.0, "")),
            submitted: Some(d_cn(2018, 3, 30)),
            milestones: ms(0, [
                "对全区42个社区和驻区单位开展调研，摸清资源和需求底数",
                "全面组建社区大党委，落实“三张清单”和联席会议制度",
                "开展考核评估，总结提炼经验，汇编制度成果",
            ]),
            note: s("官方模板样式：合并标题，短标签在A列、长文本标签合并A:B，值合并到F列，长文本加高换行；日期为日期单元格（yyyy-mm-dd 与 yyyy\"年\"m\"月\"d\"日\"）；有里程碑表"),
            ..blank("tja1", "田家庵区委-立项书", 0, PLayout::Official)
        },
        Proposal {
            unit: s("淮南市田家庵区委"),
            name: s("城市社区党员积分制管理实践研究"),
            category: t("B"),
            is_a: false,
            topic: Some(t("32")),
            scope: s("龙泉街道、舜耕镇所属15个社区党支部的在册党员"),
            goals: s("通过对15个社区党支部党员积分制管理情况的跟踪研究，梳理积分标准设置、日常记录、结果运用等环节存在的问题，提出一套可操作、可量化的城市社区党员积分管理办法，为全区推行党员积分制管理提供理论依据和制度样本。"),
            measures: s("组建由街道党工委、社区党组织书记和高校教师组成的课题组；采取问卷调查、个别访谈、案例分析相结合的方式开展研究，发放问卷不少于600份；每两个月召开一次课题研讨会，邀请市委党校专家指导；形成研究报告后在两个社区先行试用，根据反馈修改完善。"),
            deliverables: s("研究报告、《城市社区党员积分管理办法（试行）》"),
            owner: sep("龙泉街道党工委", "刘洋"),
            owner_title: s("街道党工委副书记"),
            members: s("刘洋，孙丽，周杰，吴芳"),
            phone: Some(t("13805541236")),
            budget: Some(Val::Num(3.0, "")),
            start: Some(t("2018年4月")),
            deadline: t("2018.12.31"),
            submitted: Some(t("2018年3月29日")),
            milestones: ms(1, [
                "组建课题组，设计调查问卷，到15个社区党支部开展调研",
                "分析积分制管理运行数据，起草研究报告和管理办法",
                "在两个社区试用管理办法，修改定稿",
            ]),
            note: s("单位写作“淮南市田家庵区委”（带市名前缀的别名，应视同田家庵区委）；四列成对布局；日期为文本“2018年4月”“2018.12.31”“2018年3月29日”；类别只写“B”；成员以“，”分隔"),
            ..blank("tja2", "淮南市田家庵区委 党员积分制管理立项书", 1, PLayout::Paired)
        },
        Proposal {
            unit: s("田家庵区委"),
            name: s("快递物流新业态党建“暖蜂驿站”工程"),
            topic: Some(t("22")),
            scope: s("辖区内快递、外卖配送企业及其从业人员中的党员"),
            goals: String::new(),
            measures: s("依托商圈和社区党群服务中心建设8个“暖蜂驿站”，为快递员、外卖骑手提供歇脚、充电、饮水等服务；建立新业态企业党建指导员制度，选派12名机关干部担任指导员；开展“红色骑手”评选，引导从业党员亮身份、作表率。"),
            deliverables: s("暖蜂驿站建设标准、工作总结"),
            owner: sep("田家庵区委两新工委", "马超"),
            owner_title: s("区委委员、两新工委书记"),
            members: s("马超、何静、罗斌、郑洁"),
            phone: Some(t("13965548810")),
            budget: Some(Val::Num(6.0, "")),
            submitted: Some(d_iso(2018, 4, 2)),
            milestones: ms(0, [
                "走访辖区快递、外卖企业，摸清从业党员底数",
                "建设暖蜂驿站，选派党建指导员",
                "开展“红色骑手”评选，总结经验",
            ]),
            expect: vec!["E_REQUIRED"],
            note: s("缺陷：“工作目标”的值空白（其下一行是“主要措施”标签，不能当作目标的值）；官方模板样式"),
            ..blank("tja3_required", "田家庵区委 新业态党建立项书", 2, PLayout::Official)
        },
    ]
}

/// 大通区委: the 「红色网格」 A project (values under labels), a B study (WPS-style sheet), and
/// one whose deadline cannot be read.
fn datong() -> Vec<Proposal> {
    vec![
        Proposal {
            unit: s("大通区委"),
            name: s("「红色网格」党建引领基层治理工程"),
            category: t("创新实践"),
            topic: Some(t("18")),
            scope: s("全区5个乡镇（街道）、36个村（社区）划分的312个网格"),
            goals: s("按照“支部建在网格上”的思路，年内实现全区312个网格党组织全覆盖，每个网格配备1名党员网格长；建立“网格收集、社区处理、街道协调、部门联动”的四级响应机制，群众诉求办结率达到95%以上，打造10个“红色网格”示范点。"),
            measures: s("一是科学划分网格，按照每300户左右一个网格的标准优化调整，同步建立网格党支部或党小组；二是选优配强网格长，从社区“两委”成员、在职党员、退休党员中选聘；三是开发网格信息管理系统，实现问题上报、派单、办结、评价全程留痕；四是建立积分考评制度，考评结果与网格员补贴挂钩。"),
            deliverables: s("调研报告、网格化管理工作手册、示范点案例汇编"),
            owner: Owner::Combined(s("大通区委组织部\n李强")),
            owner_title: s("区委副书记"),
            members: s("李强\n黄磊\n宋佳\n韩梅\n冯涛\n曹宇"),
            phone: Some(Val::Num(13956781234.0, "0")),
            budget: Some(Val::Num(8.0, "")),
            start: Some(t("2018-04-01")),
            deadline: t("2018年12月31日"),
            submitted: Some(d_slash(2018, 3, 31)),
            milestones: ms(2, [
                "优化调整网格，摸清党员和群众底数",
                "建立网格党组织，选聘网格长，上线网格信息管理系统",
                "开展积分考评，评选示范点，总结经验",
            ]),
            note: s("值在标签下方（工作范围、目标、措施、成果、成员；开始/完成时间两个标签并排、值在下一行）；合并标签“责任单位及责任人”，单位和人分两行；成员每人一行；电话是数字单元格；里程碑“2018/04/01～2018/05/31”"),
            ..blank("dt1", "大通区委-红色网格-立项书", 3, PLayout::LabelAbove)
        },
        Proposal {
            unit: s("大通区委"),
            name: s("非公企业党建工作指导员管理机制研究"),
            category: t("理论研究"),
            is_a: false,
            topic: Some(t("24")),
            scope: s("全区规模以上非公企业和选派的46名党建工作指导员"),
            goals: s("摸清全区党建工作指导员选派、履职、考核现状，分析指导员“派而不驻、指而不导”等问题的成因，提出指导员选派、培训、考核、激励的制度化措施，形成一篇有实践指导意义的研究报告。"),
            measures: s("采取座谈走访和问卷调查相结合的方式，对46名指导员和60家非公企业开展全覆盖调研；赴外地学习借鉴先进经验；邀请市委党校教师参与研究，形成初稿后征求区直部门和企业意见，修改完善后报区委审定。"),
            deliverables: s("研究报告、党建工作指导员管理办法"),
            owner: sep("大通区委非公工委", "唐军"),
            owner_title: s("区委非公工委副书记"),
            members: s("唐军 许敏 邓超 彭丽"),
            phone: Some(t("0554-5512345")),
            budget: Some(t("2.5")),
            start: Some(t("2018年4月1日")),
            deadline: t("年底前"),
            submitted: Some(t("2018-03-30")),
            milestones: ms(3, [
                "走访指导员和非公企业，开展问卷调查",
                "分析调研情况，撰写研究报告",
                "征求意见，修改定稿，报区委审定",
            ]),
            note: s("WPS风格：没有合并单元格，表从B2开始（标签在B列、值在C列）；完成时间“年底前”；成员以空格分隔；经费是文本“2.5”；里程碑“4月-5月”（年份取政策年度）"),
            ..blank("dt2", "大通区委-立项书（两新组织）", 4, PLayout::Plain)
        },
        Proposal {
            unit: s("大通区委"),
            name: s("「社区党校」党员教育阵地建设"),
            topic: Some(t("5")),
            scope: s("全区36个村（社区）党组织和2800余名农村、社区党员"),
            goals: s("在全区36个村（社区）建成“社区党校”，配齐兼职教师队伍，年内组织党员集中轮训不少于2次，党员参学率达到90%以上，探索形成“固定课堂+流动课堂+网络课堂”相结合的基层党员教育模式。"),
            measures: s("依托村（社区）党群服务中心设立教学点，统一挂牌、统一制度、统一课程；从党校教师、机关干部、优秀村干部中选聘兼职教师80名；编印本土教材，开设“田间课堂”；建立学员学习档案，实行学分管理。"),
            deliverables: s("社区党校建设标准、本土教材1册、工作总结"),
            owner: sep("大通区委宣传部", "孟华"),
            owner_title: s("区委常委、宣传部部长"),
            members: s("孟华、严可、吕芳、陶勇、袁丽"),
            phone: Some(t("0554-5523456")),
            budget: Some(Val::Num(5.0, "")),
            deadline: t("明年春天"),
            submitted: Some(d_iso(2018, 4, 3)),
            expect: vec!["E_DATE"],
            note: s("缺陷：完成时间写作“明年春天”，无法识别（无里程碑表）"),
            ..blank("dt3_date", "大通区委 社区党校立项书", 5, PLayout::Official)
        },
    ]
}

/// 谢家集区委: two A projects (instruction rows; form on the second sheet) and a B study whose
/// deadline comes before its start.
fn xiejiaji() -> Vec<Proposal> {
    vec![
        Proposal {
            unit: s("谢家集区委"),
            name: s("「先锋驿站」在职党员进社区服务工程"),
            topic: Some(t("14")),
            scope: s("区直机关、企事业单位在职党员1600余名及全区28个社区"),
            goals: s("在全区28个社区建设“先锋驿站”，组织1600余名在职党员到居住地社区报到，认领服务岗位，年内每名在职党员参加社区服务活动不少于4次，形成“八小时以外”党员作用发挥的长效机制。"),
            measures: s("一是建立在职党员报到登记台账，实行“一人一卡”管理；二是社区根据居民需求设置政策宣讲、矛盾调解、关爱帮扶等服务岗位，党员自主认领；三是社区每半年向党员所在单位反馈表现情况，作为评先评优的重要依据；四是开展“最美先锋驿站”评选。"),
            deliverables: s("工作方案、在职党员服务台账、经验材料"),
            owner: Owner::Combined(s("谢家集区委组织部 林峰")),
            owner_title: s("区委常委、组织部部长"),
            members: s("林峰、董雪、萧然、程亮、曾静、田野、潘婷"),
            phone: Some(t("１３８０５５４６６７７")),
            budget: Some(Val::Num(12.0, "")),
            start: Some(t("2018/4/1")),
            deadline: t("2018/12/31"),
            submitted: Some(d_cn(2018, 4, 1)),
            milestones: ms(4, [
                "制定工作方案，建立在职党员报到登记台账",
                "在职党员到社区报到，认领服务岗位，开展服务活动",
                "反馈党员表现情况，评选“最美先锋驿站”，总结经验",
            ]),
            note: s("标题下和字段之间插入“填表说明”等说明行，字段顺序打乱（项目名称在申报单位前，完成时间在开始时间前），中间留一空行；合并标签“责任单位及责任人”（空格分隔）；电话为全角数字；日期为文本“2018/4/1”“2018/12/31”；7名成员；单月里程碑“2018年4月”"),
            ..blank("xjj1", "谢家集区委-立项书", 6, PLayout::InstructionRows)
        },
        Proposal {
            unit: s("谢家集区委"),
            name: s("农村基层党组织“三会一课”规范化建设"),
            category: t("A"),
            topic: Some(t("31")),
            scope: s("全区9个乡镇（街道）所属74个农村党支部"),
            goals: s("针对部分农村党支部“三会一课”不经常、不规范、质量不高的问题，年内实现74个农村党支部“三会一课”记录规范率100%，打造20个规范化建设示范支部，推动组织生活严起来、实起来。"),
            measures: s("统一制作“三会一课”记录本和操作指引；乡镇党委班子成员每季度至少列席一次联系支部的组织生活；区委组织部开展季度抽查，通报检查结果；开展优秀党课评选，组织示范支部现场观摩。"),
            deliverables: s("“三会一课”操作指引、示范支部名单、督查通报"),
            owner: sep("谢家集区委", "许亮"),
            owner_title: s("区委副书记"),
            members: s("许亮，江波，白雪，孔祥"),
            phone: Some(t("0554-6712345")),
            budget: Some(Val::Num(4.0, "")),
            start: Some(d_cn(2018, 4, 1)),
            submitted: Some(d_iso(2018, 3, 28)),
            wrap: Wrap { instructions_sheet: true, hidden_lists: None },
            milestones: ms(0, [
                "检查各支部2017年“三会一课”记录，梳理问题",
                "统一记录本和操作指引，开展季度抽查",
                "评选优秀党课和示范支部，组织现场观摩",
            ]),
            note: s("表单在第二张工作表“立项书”，第一张是“填表说明”；官方模板样式；日期单元格为yyyy\"年\"m\"月\"d\"日\"格式"),
            ..blank("xjj2", "谢家集区委-立项书-三会一课", 7, PLayout::Official)
        },
        Proposal {
            unit: s("谢家集区委"),
            name: s("农村党员量化考核管理办法研究"),
            category: t("B类"),
            is_a: false,
            topic: Some(t("10")),
            scope: s("平山街道、望峰岗镇所属农村党支部党员"),
            goals: s("研究提出一套符合农村实际的党员量化考核指标体系，解决党员评议“好人主义”、考核结果运用不足等问题，形成研究报告和考核办法，在2个乡镇试点运行。"),
            measures: s("课题组深入16个农村党支部开展调研，召开党员座谈会不少于10场；借鉴外地党员积分管理经验，设计基础分、奖励分、扣减分三类指标；试点期间每月跟踪记录，及时修正指标权重。"),
            deliverables: s("研究报告、农村党员量化考核办法"),
            owner: sep("望峰岗镇党委", "蒋波"),
            owner_title: s("镇党委书记"),
            members: s("蒋波、沈洁、韦东"),
            phone: Some(t("13855467788")),
            budget: Some(Val::Num(2.0, "")),
            start: Some(t("2018年10月1日")),
            deadline: t("2018年6月30日"),
            submitted: Some(d_iso(2018, 4, 2)),
            expect: vec!["E_DATE_ORDER"],
            note: s("缺陷：完成时间“2018年6月30日”早于开始时间“2018年10月1日”（无里程碑表）；四列成对布局"),
            ..blank("xjj3_order", "谢家集区委 党员量化考核立项书", 8, PLayout::Paired)
        },
    ]
}

/// 八公山区委: A project sent twice (the second copy is a duplicate) and a B study whose workbook
/// carries a hidden sheet of dropdown sources.
fn bagongshan() -> Vec<Proposal> {
    let bgs1 = Proposal {
        unit: s("八公山区委"),
        name: s("抓党建促脱贫攻坚“一村一品”工程"),
        topic: Some(t("12")),
        scope: s("全区有脱贫任务的12个村党组织"),
        goals: s("发挥村党组织在脱贫攻坚中的战斗堡垒作用，年内帮助12个村各培育1个特色主导产业，建立“党支部+合作社+贫困户”利益联结机制，带动贫困户户均增收2000元以上，村集体经济收入全部达到5万元以上。"),
        measures: s("一是区直单位党组织与12个村结对共建，选派第一书记驻村；二是每村确定1个特色产业项目，由村党组织书记领办；三是组织党员致富带头人与贫困户结对帮扶，每名党员至少联系2户；四是建立月调度制度，区委组织部定期督查通报。"),
        deliverables: s("产业项目清单、结对帮扶台账、工作总结"),
        owner: sep("八公山区委组织部", "杨帆"),
        owner_title: s("区委常委、组织部部长"),
        members: s("杨帆、汪洋、尹红、钱亮、傅强"),
        phone: Some(t("13705547766")),
        budget: Some(Val::Num(15.0, "")),
        deadline: d_iso(2018, 12, 31),
        submitted: Some(d_iso(2018, 3, 29)),
        milestones: ms(0, [
            "走访12个村，确定特色产业项目和结对单位",
            "党支部领办产业项目，党员结对帮扶贫困户",
            "核算增收和集体经济收入，总结经验",
        ]),
        note: s("官方模板样式；日期单元格（yyyy-mm-dd）"),
        ..blank("bgs1", "八公山区委-立项书", 10, PLayout::Official)
    };
    let resent = Proposal {
        key: "bgs1_resent",
        stem: s("2018-03-立项/八公山区委-立项书（重发）"),
        submitted: Some(d_iso(2018, 4, 2)),
        duplicate_of: Some("bgs1"),
        expect: vec!["W_DUPLICATE"],
        note: s("缺陷：与“八公山区委-立项书.xlsx”同一单位、同一项目名称的重发件（只改了填报日期），按路径顺序排在后面，报重复"),
        ..bgs1.clone()
    };
    let bgs2 = Proposal {
        unit: s("八公山区委"),
        name: s("离退休党员“银发先锋”管理服务机制研究"),
        category: t("理论研究"),
        is_a: false,
        topic: Some(t("3")),
        scope: s("全区离退休干部党支部和社区离退休党员1100余名"),
        goals: s("系统梳理全区离退休党员组织设置、教育管理和作用发挥现状，针对组织关系转接不及时、部分党员参加组织生活难等问题，提出“单位+社区”双重管理服务机制，形成研究报告1篇，为完善离退休党员管理制度提供参考。"),
        measures: s("对离退休党支部书记和部分党员开展问卷调查和入户走访；分类研究随子女异地居住、高龄体弱等特殊群体的管理方式；结合“银发先锋”志愿服务队建设开展实践检验；邀请老干部工作部门专家论证研究成果。"),
        deliverables: s("研究报告、离退休党员管理服务工作指引"),
        owner: sep("八公山区委老干部局", "毛建华"),
        owner_title: s("区委老干部局党组书记"),
        members: s("毛建华、邱萍、秦勇"),
        phone: Some(t("0554-6612388")),
        budget: Some(Val::Num(2.0, "")),
        deadline: t("2018年12月"),
        wrap: Wrap { instructions_sheet: false, hidden_lists: Some(false) },
        milestones: ms(0, [
            "问卷调查和入户走访离退休党员",
            "分类研究管理方式，结合志愿服务队开展实践检验",
            "专家论证，形成研究报告和工作指引",
        ]),
        note: s("最后一张是隐藏工作表“下拉选项”（类别下拉的来源），类别单元格带下拉；四列成对布局；完成时间“2018年12月”（取月末）；3名成员"),
        ..blank("bgs2", "八公山区委 离退休党员管理研究 立项书", 9, PLayout::Paired)
    };
    vec![bgs2, bgs1, resent]
}

/// 潘集区委: two B studies and no A project — the one deliberate quota case (W_QUOTA on both).
fn panji() -> Vec<Proposal> {
    vec![
        Proposal {
            unit: s("潘集区委"),
            name: s("农村发展党员“双推双评”机制研究"),
            category: t("B类"),
            is_a: false,
            topic: Some(t("8")),
            scope: s("全区10个乡镇农村党组织发展党员工作"),
            goals: s("总结近三年全区农村发展党员工作情况，研究“党员推荐、群众推荐，党内评议、群众评议”的“双推双评”机制在发展党员回避、预审、备案等环节的作用，提出改进农村发展党员工作的对策建议，形成研究报告。"),
            measures: s("调阅近三年农村发展党员档案不少于200份；在3个乡镇召开党员群众座谈会；对“双推双评”试点村进行跟踪分析；研究报告征求乡镇党委和组织员意见后修改定稿。"),
            deliverables: s("研究报告"),
            owner: sep("潘集镇党委", "范磊"),
            owner_title: s("镇党委书记"),
            members: s("范磊、方圆、石磊、贺兰"),
            phone: Some(t("13856412345")),
            budget: Some(Val::Num(2.0, "")),
            deadline: t("2018-12-31"),
            milestones: ms(1, [
                "调阅发展党员档案，召开座谈会",
                "跟踪分析试点村，撰写研究报告",
                "征求意见，修改定稿",
            ]),
            expect: vec!["W_QUOTA"],
            note: s("配额：潘集区委两个项目都是B类，没有A类项目（两个文件都报W_QUOTA），其余内容有效；四列成对布局"),
            ..blank("pj1", "潘集区委-立项书1", 11, PLayout::Paired)
        },
        Proposal {
            unit: s("潘集区委"),
            name: s("村（社区）无职党员设岗定责实践研究"),
            category: t("B类"),
            is_a: false,
            topic: Some(t("6")),
            scope: s("贺疃镇、架河镇所属村（社区）无职党员"),
            goals: s("研究无职党员设岗定责的岗位设置、认岗履职和考评激励办法，破解农村无职党员“无事可做、作用难显”问题，形成研究报告和设岗定责工作指引，年内在2个镇的20个村试行。"),
            measures: s("分类梳理无职党员年龄、能力和意愿，按政策宣传、环境整治、矛盾调解等类别设置岗位；实行党员认岗、支部定岗、群众评岗；每季度开展一次履职评议，结果在村务公开栏公示；年底形成研究报告。"),
            deliverables: s("研究报告、设岗定责工作指引"),
            owner: sep("贺疃镇党委", "常浩"),
            owner_title: s("镇党委副书记"),
            members: s("常浩、孙宁、武斌、段丽、雷鸣"),
            phone: Some(t("0554-4912345")),
            budget: Some(Val::Num(1.5, "")),
            submitted: Some(d_iso(2018, 3, 31)),
            milestones: ms(0, [
                "梳理无职党员情况，设计岗位",
                "20个村试行设岗定责，季度履职评议",
                "形成研究报告和工作指引",
            ]),
            expect: vec!["W_QUOTA"],
            note: s("配额：同上（潘集区委无A类项目）；值在标签下方"),
            ..blank("pj2", "潘集区委-立项书2", 12, PLayout::LabelAbove)
        },
    ]
}

/// 凤台县委: A project saved as .xls, a B study with a malformed phone, one with category C.
fn fengtai() -> Vec<Proposal> {
    vec![
        Proposal {
            unit: s("凤台县委"),
            name: s("「互联网+党建」智慧党建云平台建设"),
            topic: Some(t("１３")),
            scope: s("全县18个乡镇（园区）、县直单位党组织和2.6万名党员"),
            goals: s("建成覆盖全县各级党组织的智慧党建云平台，实现党员信息管理、组织生活记录、党费收缴、学习教育等功能线上办理，党员注册使用率达到85%以上，让党组织工作“看得见、管得住、考得准”。"),
            measures: s("一是组织专班开展需求调研，明确平台功能模块；二是采取政府购买服务方式开发平台，6月底前上线试运行；三是分级开展操作培训，每个党支部培养1名平台管理员；四是将平台使用情况纳入基层党建考核，每月通报各单位使用情况。"),
            deliverables: s("智慧党建云平台、平台使用管理办法、工作总结"),
            owner: sep("凤台县委组织部", "钟华"),
            owner_title: s("县委常委、组织部部长"),
            members: s("钟华、汤敏、易杰、黎明、龚雪、史磊"),
            phone: Some(t("0554-8612345")),
            budget: Some(Val::Num(20.0, "")),
            start: Some(d_cn(2018, 4, 1)),
            submitted: Some(d_cn(2018, 3, 30)),
            post: Post::Xls,
            milestones: ms(0, [
                "开展需求调研，确定平台功能模块",
                "开发平台并上线试运行，分级开展操作培训",
                "通报使用情况，完善平台功能，总结验收",
            ]),
            note: s("用LibreOffice另存为.xls（Excel 97-2003）；参考目录序号为全角“１３”；官方模板样式；日期单元格"),
            ..blank("ft1", "凤台县委-立项书", 13, PLayout::Official)
        },
        Proposal {
            unit: s("凤台县委"),
            name: s("基层党建督查考评机制创新研究"),
            category: t("理论研究"),
            is_a: false,
            topic: Some(t("30")),
            scope: s("全县乡镇、县直单位基层党建工作督查考评"),
            goals: s("梳理当前基层党建督查考评中存在的多头检查、重留痕轻实效、考评结果运用不充分等问题，研究提出“一线督查+群众评议+量化考核”相结合的考评机制，形成研究报告和考评办法修订建议。"),
            measures: s("收集近两年全县基层党建考核资料进行分析；到5个乡镇、10个县直单位开展调研座谈；对比研究省内外典型做法；形成初稿后召开专家论证会，修改完善后提交县委组织部部务会研究。"),
            deliverables: s("研究报告、考评办法修订建议"),
            owner: sep("凤台县直机关工委", "侯勇"),
            owner_title: s("县直机关工委副书记"),
            members: s("侯勇、夏雨、蔡明"),
            phone: Some(t("1380554")),
            budget: Some(Val::Num(2.0, "")),
            deadline: d_iso(2018, 12, 31),
            wrap: Wrap { instructions_sheet: false, hidden_lists: Some(true) },
            milestones: ms(0, [
                "收集分析考核资料，开展调研座谈",
                "比较研究典型做法，撰写研究报告",
                "专家论证，提交部务会研究",
            ]),
            expect: vec!["W_PHONE"],
            note: s("缺陷：联系电话“1380554”位数不对（仅警告）；第一张是隐藏工作表“下拉选项”，表单是第二张（可见的第一张）"),
            ..blank("ft2_phone", "凤台县委 督查考评机制研究", 14, PLayout::Official)
        },
        Proposal {
            unit: s("凤台县委"),
            name: s("沿淮行蓄洪区“党员中心户”示范工程"),
            category: t("C类"),
            topic: Some(t("1")),
            scope: s("沿淮行蓄洪区6个乡镇的“党员中心户”"),
            goals: s("在沿淮行蓄洪区6个乡镇选树120户“党员中心户”，每户联系10户左右群众，承担政策宣传、民意收集、防汛预警等职责，形成党员联系服务群众的常态化机制。"),
            measures: s("按照政治素质好、带富能力强、群众威信高的标准推选党员中心户；统一挂牌，明确职责清单；乡镇党委每季度召开一次中心户座谈会；汛期组织中心户参与巡堤查险。"),
            deliverables: s("党员中心户名册、工作制度、总结报告"),
            owner: sep("凤台县委", "魏东"),
            owner_title: s("县委副书记"),
            members: s("魏东、朱琳、阎明、葛亮"),
            phone: Some(t("13905548899")),
            budget: Some(Val::Num(5.0, "")),
            deadline: t("2018年12月31日"),
            submitted: Some(d_iso(2018, 4, 3)),
            milestones: ms(4, [
                "推选党员中心户，统一挂牌",
                "党员中心户联系群众，汛期参与巡堤查险",
                "召开座谈会，总结经验",
            ]),
            expect: vec!["E_CATEGORY"],
            note: s("缺陷：项目类别填“C类”；插入说明行、字段顺序打乱"),
            ..blank("ft3_category", "凤台县委-立项书（补报）", 15, PLayout::InstructionRows)
        },
    ]
}

/// 寿县县委: A project saved as .ods (form on the second sheet), an A project sent late, and a
/// B study citing catalogue number 35 (there are 32).
fn shouxian() -> Vec<Proposal> {
    vec![
        Proposal {
            unit: s("寿县县委"),
            name: s("「党建+文旅」古城社区服务型党组织创建"),
            topic: Some(t("11")),
            scope: s("寿春镇古城片区8个社区党组织及景区、商户党员"),
            goals: s("围绕古城保护和文旅发展，推动8个古城社区党组织建成“服务型党组织”，打造“古城红”党群服务品牌，建设党员志愿服务岗位30个，年内开展文明引导、游客服务等志愿活动不少于200场次。"),
            measures: s("一是整合社区、景区、商户党员资源，成立古城片区联合党委；二是在主要景点设置党员服务岗，推行党员亮身份、亮承诺；三是建立“居民点单、支部派单、党员接单”服务机制；四是每季度评选“古城红”服务明星，扩大品牌影响。"),
            deliverables: s("服务品牌建设方案、典型事例汇编、工作总结"),
            owner: sep("寿县县委组织部", "孙涛"),
            owner_title: s("县委常委、组织部部长"),
            members: s("孙涛，高飞，邵琳，毕然，包文"),
            phone: Some(t("0554-4021234")),
            budget: Some(Val::Num(10.0, "")),
            submitted: Some(d_iso(2018, 4, 4)),
            post: Post::Ods,
            wrap: Wrap { instructions_sheet: true, hidden_lists: None },
            milestones: ms(1, [
                "成立古城片区联合党委，梳理服务需求",
                "设置党员服务岗，开展志愿服务活动",
                "评选服务明星，汇编典型事例",
            ]),
            note: s("用LibreOffice另存为.ods；表单在第二张工作表（第一张“填表说明”）；四列成对布局；填报日期恰为截止日2018-04-04（不算迟报）"),
            ..blank("sx1", "寿县县委-立项书", 16, PLayout::Paired)
        },
        Proposal {
            unit: s("寿县县委"),
            name: s("流动党员“双向管理”机制创新"),
            category: t("A"),
            topic: Some(t("2")),
            scope: s("全县外出务工经商流动党员1900余名"),
            goals: s("建立流出地党组织和流入地党组织“双向管理”机制，年内实现流动党员组织关系理顺率100%，在长三角流动党员相对集中地建立3个流动党员党支部，流动党员每年参加组织生活不少于4次。"),
            measures: s("开展流动党员排查登记，建立动态台账；与流动党员集中的城市组织部门建立联系协作机制；依托微信群和智慧党建平台开展线上组织生活；春节等返乡高峰期集中开展学习培训和评议。"),
            deliverables: s("流动党员管理台账、联系协作机制文件、工作总结"),
            owner: sep("寿县县委组织部", "胡斌"),
            owner_title: s("县委委员、组织部常务副部长"),
            members: s("胡斌、鲁楠、杜娟、尚进"),
            phone: Some(t("13605547812")),
            budget: Some(Val::Num(6.0, "")),
            start: Some(t("2018-04-01")),
            deadline: t("2018年底"),
            submitted: Some(d_iso(2018, 4, 10)),
            expect: vec!["W_LATE"],
            note: s("缺陷：填报日期2018-04-10晚于报送截止日2018-04-04（仅警告）；WPS风格无合并；完成时间“2018年底”"),
            ..blank("sx2_late", "寿县县委 流动党员双向管理 立项书", 17, PLayout::Plain)
        },
        Proposal {
            unit: s("寿县县委"),
            name: s("「寿州先锋」基层党建品牌培育研究"),
            category: t("B类"),
            is_a: false,
            topic: Some(t("35")),
            scope: s("全县乡镇、县直单位已创建的基层党建品牌"),
            goals: s("对全县已创建的基层党建品牌进行梳理评估，分析品牌同质化、重创建轻运用等问题，研究提出党建品牌培育、评价和推广的工作机制，形成研究报告，为打造“寿州先锋”党建品牌体系提供参考。"),
            measures: s("收集整理全县各类党建品牌资料；选取10个代表性品牌进行实地调研；运用案例比较方法分析品牌成效；召开研讨会听取基层党组织书记意见；形成研究报告报县委审定。"),
            deliverables: s("研究报告、党建品牌案例选编"),
            owner: sep("寿春镇党委", "葛明"),
            owner_title: s("镇党委副书记"),
            members: s("葛明、艾琳、柏松"),
            phone: Some(t("0554-4031234")),
            budget: Some(Val::Num(2.0, "")),
            deadline: d_iso(2018, 12, 31),
            submitted: Some(d_iso(2018, 4, 2)),
            milestones: ms(0, [
                "收集整理党建品牌资料，实地调研",
                "案例比较分析，召开研讨会",
                "形成研究报告，报县委审定",
            ]),
            expect: vec!["E_TOPIC"],
            note: s("缺陷：参考目录序号35（目录只有1–32）"),
            ..blank("sx3_topic", "寿县县委 党建品牌立项书", 18, PLayout::Official)
        },
    ]
}

/// The other committees (quota 1–2), each with one good proposal and one more file, plus a unit
/// that is not on the list.
fn others() -> Vec<Proposal> {
    vec![
        Proposal {
            unit: s("市教育局党委"),
            name: s("公办中小学校党组织政治核心作用发挥研究"),
            category: t("B类"),
            is_a: false,
            topic: Some(t("29")),
            scope: s("市直属中小学校和部分县区公办中小学校党组织"),
            goals: s("围绕公办中小学校党组织如何发挥政治核心作用，研究党组织参与学校重大问题决策、加强教职工党员教育管理服务的有效途径，形成研究报告，提出健全学校党组织议事规则的意见建议。"),
            measures: s("选取15所不同类型学校开展调研；分别召开校长、党组织书记、教师党员座谈会；学习借鉴外地党组织领导的校长负责制试点经验；形成研究报告和议事规则范本。"),
            deliverables: s("研究报告、学校党组织议事规则范本"),
            owner: Owner::Combined(s("市教育局机关党委/卢静")),
            owner_title: s("局党委副书记"),
            members: s("卢静、柯南、江涛、闵慧"),
            phone: Some(t("0554-6671234")),
            budget: Some(Val::Num(3.0, "")),
            deadline: t("2018年12月31日"),
            milestones: ms(0, [
                "选取15所学校开展调研座谈",
                "学习借鉴外地经验，撰写研究报告",
                "形成议事规则范本，修改定稿",
            ]),
            note: s("四列成对布局；合并标签“责任单位及责任人”写作“市教育局机关党委/卢静”"),
            ..blank("jy1", "市教育局党委-立项书", 19, PLayout::Paired)
        },
        Proposal {
            unit: s("市教育局党委"),
            name: s("民办学校党建工作“行业托管”模式探索"),
            topic: Some(t("21")),
            scope: s("全市民办中小学校、幼儿园和培训机构党组织"),
            goals: s("建立由教育行政部门党组织对民办学校党建工作实施“行业托管”的工作模式，年内实现民办学校党的组织和工作覆盖率100%，每所民办学校配备1名党建工作指导员。"),
            measures: s("摸清全市民办学校党员和党组织底数；对有3名以上党员的学校单独组建党支部，不足3名的组建联合党支部；选派机关党员干部担任党建指导员；将党建工作纳入民办学校年检内容。"),
            deliverables: s("民办学校党建工作台账、工作制度、总结报告"),
            owner: sep("市教育局党委", "严峰"),
            owner_title: s("局党委书记"),
            members: s("严峰、程丽"),
            phone: Some(t("0554-6672345")),
            budget: Some(Val::Num(4.0, "")),
            deadline: d_iso(2018, 12, 31),
            submitted: Some(d_iso(2018, 4, 3)),
            milestones: ms(3, [
                "摸清民办学校党员和党组织底数",
                "组建党组织，选派党建指导员",
                "纳入年检，总结经验",
            ]),
            expect: vec!["E_MEMBERS"],
            note: s("缺陷：项目组只有2名成员（要求3–7人）；WPS风格无合并"),
            ..blank("jy2_members", "市教育局党委 民办学校党建立项书", 20, PLayout::Plain)
        },
        Proposal {
            unit: s("市卫生健康委党委"),
            name: s("民办医院党组织“双覆盖”提升行动"),
            topic: Some(t("27")),
            scope: s("全市42家民办医院及其党员职工"),
            goals: s("推动全市民办医院党的组织和工作有效覆盖，年内新建党组织8个，党组织覆盖率由60%提高到90%以上；每家民办医院党组织每季度至少开展1次主题党日活动，党员亮身份、树形象。"),
            measures: s("开展民办医院党建工作摸底排查；采取单独组建、联合组建、挂靠组建等方式建立党组织；选派公立医院党员骨干担任党建指导员；将党建工作情况与医院等级评审、评先评优挂钩。"),
            deliverables: s("民办医院党组织名册、党建工作指导手册、工作总结"),
            owner: sep("市卫生健康委党委", "邹平"),
            owner_title: s("委党委委员、副主任"),
            members: s("邹平、戴敏、谭力、付强、孟雪"),
            phone: Some(t("13956432109")),
            budget: Some(Val::Num(8.0, "")),
            start: Some(t("2018.04.01")),
            deadline: t("2018.12"),
            submitted: Some(t("2018年4月2日")),
            milestones: ms(0, [
                "民办医院党建工作摸底排查",
                "组建党组织，选派党建指导员",
                "检查评估，总结经验",
            ]),
            note: s("插入说明行、字段顺序打乱；开始时间“2018.04.01”，完成时间“2018.12”（取月末）"),
            ..blank("wj1", "市卫生健康委党委-立项书", 21, PLayout::InstructionRows)
        },
        Proposal {
            unit: s("市卫生健康委党委"),
            name: s("医务人员党员“线上+线下”教育培训模式创新"),
            topic: Some(t("5")),
            scope: s("市直公立医疗卫生单位党员医务人员"),
            goals: s("针对医务人员工作时间不固定、集中学习难的问题，建立“线上学习打卡+线下专题研讨”相结合的教育培训模式，年内实现党员医务人员人均学习时长不少于40学时，培训覆盖率达到100%。"),
            measures: s("开发手机学习课程，按月推送学习内容；各单位利用交接班间隙开展“微党课”；每季度组织一次线下专题研讨；建立学习积分档案，积分结果与评先评优挂钩。"),
            deliverables: s("线上课程资源库、培训制度、工作总结"),
            owner: sep("市卫生健康委机关党委", "王建国"),
            owner_title: s("办公室主任"),
            members: s("王建国、李红、张明、刘芳"),
            phone: Some(t("0554-6681234")),
            budget: Some(Val::Num(3.0, "")),
            deadline: d_iso(2018, 12, 31),
            submitted: Some(d_iso(2018, 4, 3)),
            milestones: ms(2, [
                "开发线上课程，制定培训制度",
                "线上打卡学习，季度线下研讨",
                "统计学时，总结经验",
            ]),
            expect: vec!["E_OWNER_TITLE"],
            note: s("缺陷：A类项目负责人职务是“办公室主任”（A类须党（工）委书记或委员）；值在标签下方"),
            ..blank("wj2_title", "市卫生健康委党委 医务人员党员教育立项书", 22, PLayout::LabelAbove)
        },
        Proposal {
            unit: s("淮南师范学院党委"),
            name: s("高校毕业生党员“离校不离党”管理机制研究"),
            category: t("B"),
            is_a: false,
            topic: Some(t("4")),
            scope: s("学院2016—2018届毕业生党员"),
            goals: s("调查毕业生党员离校后组织关系转接、参加组织生活和作用发挥情况，分析“口袋党员”“隐形党员”产生的原因，提出毕业生党员“离校不离党”的跟踪管理机制，形成研究报告和管理办法。"),
            measures: s("对近三届毕业生党员开展问卷调查，回收有效问卷不少于300份；与部分毕业生党员所在地党组织联系了解情况；召开学生党支部书记研讨会；形成研究成果并在本院试行。"),
            deliverables: s("调研报告、毕业生党员跟踪管理办法"),
            owner: sep("文学与传媒学院党总支", "章红"),
            owner_title: s("学院党总支书记"),
            members: s("章红、温馨、乐天、顾晨、池宇"),
            phone: Some(t("13855413579")),
            budget: Some(Val::Num(2.0, "")),
            milestones: ms(0, [
                "近三届毕业生党员问卷调查",
                "联系毕业生党员所在地党组织，召开研讨会",
                "形成研究成果，在本院试行",
            ]),
            note: s("值在标签下方；B类负责人为党总支书记"),
            ..blank("hn1", "淮南师范学院党委-立项书", 23, PLayout::LabelAbove)
        },
        Proposal {
            unit: s("淮南师范学院党委"),
            name: s("「样板党支部」创建工程"),
            topic: Some(t("11")),
            scope: s("学院各二级党组织所属教工、学生党支部"),
            goals: s("抓好党建"),
            measures: s("制定样板党支部创建标准，从组织设置、队伍建设、组织生活、作用发挥等方面明确要求；各党总支推荐创建对象，学院党委组织评审；对创建支部给予工作经费支持；年底组织验收并命名。"),
            deliverables: s("创建标准、样板党支部名单、经验材料"),
            owner: sep("淮南师范学院党委组织部", "陆明"),
            owner_title: s("学院党委委员、组织部部长"),
            members: s("陆明、梁爽、宁静"),
            phone: Some(t("0554-6863456")),
            budget: Some(Val::Num(5.0, "")),
            deadline: d_iso(2018, 12, 31),
            milestones: ms(4, [
                "制定创建标准，推荐创建对象",
                "创建支部对标建设",
                "组织验收并命名",
            ]),
            expect: vec!["E_LENGTH"],
            note: s("缺陷：工作目标只写“抓好党建”（不足10字）；插入说明行"),
            ..blank("hn2_length", "淮南师范学院党委 立项书（样板支部）", 24, PLayout::InstructionRows)
        },
        Proposal {
            unit: s("市直机关工委"),
            name: s("机关党员“双报到、双服务”联系基层机制建设"),
            category: t("创新实践"),
            topic: Some(t("20")),
            scope: s("市直机关86个党组织和3200余名机关党员"),
            goals: s("推动市直机关党组织到联系社区报到、机关党员到居住地社区报到，年内实现“双报到”全覆盖，每个机关党组织为联系社区办实事不少于3件，机关党员志愿服务不少于2次，形成机关联系基层的长效机制。"),
            measures: s("一是制定“双报到、双服务”实施办法，明确报到程序和服务内容；二是建立机关党组织与社区结对名单；三是利用智慧党建平台记录党员服务情况；四是把“双报到”情况纳入机关党建考核和党员评议。"),
            deliverables: s("实施办法、结对名单、服务台账、工作总结"),
            owner: sep("市直机关工委", "郝刚"),
            owner_title: s("市直机关工委常务副书记"),
            members: s("郝刚、祁琳、牛犇、苗苗、安然"),
            phone: Some(t("0554-6691234")),
            budget: Some(Val::Num(6.0, "")),
            wrap: Wrap { instructions_sheet: false, hidden_lists: Some(false) },
            milestones: ms(0, [
                "制定实施办法，建立结对名单",
                "机关党组织和党员到社区报到服务",
                "考核评议，总结经验",
            ]),
            note: s("最后一张是隐藏工作表“下拉选项”，类别单元格带下拉（“创新实践”）；四列成对布局"),
            ..blank("sz1", "市直机关工委-立项书", 25, PLayout::Paired)
        },
        Proposal {
            unit: s("市直机关工委"),
            name: s("「模范机关」创建标准化建设"),
            topic: Some(t("30")),
            scope: s("市直机关各级党组织"),
            goals: s("制定市直机关“模范机关”创建标准，在市直机关开展创建活动，年内命名表彰10个“模范机关”，带动机关党建工作整体提升，做到“两个维护”走在前、作表率。"),
            measures: s("研究制定创建标准和评估细则；各单位对照标准自查自评、整改提升；市直机关工委组织实地检查和群众满意度测评；对创建成效突出的单位进行命名表彰。"),
            deliverables: s("创建标准、评估细则、表彰决定"),
            owner: sep("市直机关工委", "钱进"),
            owner_title: s("市直机关工委委员、组织部部长"),
            members: s("钱进、欧阳雪、葛林、齐鹏"),
            phone: Some(t("0554-6692345")),
            budget: Some(Val::Error("#REF!")),
            deadline: d_iso(2018, 12, 31),
            submitted: Some(d_iso(2018, 4, 3)),
            milestones: ms(0, [
                "研究制定创建标准和评估细则",
                "自查自评、整改提升，实地检查测评",
                "命名表彰，总结经验",
            ]),
            expect: vec!["E_CELL_ERROR"],
            note: s("缺陷：经费预算单元格是公式“=#REF!”，缓存结果为错误值#REF!（引用的单元格被删）"),
            ..blank("sz2_ref", "市直机关工委 模范机关立项书", 26, PLayout::Official)
        },
        Proposal {
            unit: s("东方医院集团党委"),
            name: s("「党员先锋岗」医疗服务品牌创建"),
            category: t("创新实践"),
            topic: Some(t("17")),
            scope: s("集团所属5家医院32个党支部和860余名党员职工"),
            goals: s("在集团各临床、医技科室设立“党员先锋岗”100个，开展“党员示范门诊”“党员义诊进社区”等活动，年内患者满意度提升到95%以上，形成具有集团特色的“红色医疗”服务品牌。"),
            measures: s("一是制定党员先锋岗设岗标准和考评办法；二是各党支部结合科室特点设岗定责，党员挂牌上岗；三是每月组织党员义诊进社区、进乡村；四是每季度评选“党员先锋岗”标兵，在院内外宣传推广。"),
            deliverables: s("设岗标准、考评办法、品牌宣传片、工作总结"),
            owner: sep("东方医院集团党委", "邓辉"),
            owner_title: s("集团党委书记"),
            members: s("邓辉、谷雨、向阳、庞博"),
            phone: Some(t("0554-3312345")),
            budget: Some(Val::Num(5.0, "")),
            deadline: d_iso(2018, 12, 31),
            submitted: Some(d_iso(2018, 3, 28)),
            wrap: Wrap { instructions_sheet: false, hidden_lists: Some(false) },
            milestones: ms(0, [
                "制定设岗标准和考评办法",
                "设岗定责、挂牌上岗，开展义诊活动",
                "评选标兵，宣传推广",
            ]),
            note: s("官方模板样式，最后一张是隐藏工作表“下拉选项”"),
            ..blank("df1", "东方医院集团党委-立项书", 27, PLayout::Official)
        },
        Proposal {
            unit: s("东方医院集团党委"),
            name: s("公立医院党委领导下的院长负责制运行机制研究"),
            category: t("B类"),
            is_a: false,
            topic: None,
            scope: s("集团所属5家公立医院党委和领导班子"),
            goals: s("围绕公立医院实行党委领导下的院长负责制，研究党委会和院长办公会议事规则、“三重一大”决策程序等制度的衔接问题，形成研究报告和议事规则范本，为集团所属医院完善治理结构提供参考。"),
            measures: s("梳理集团所属医院现行议事决策制度；赴省内先行医院考察学习；召开医院党委书记、院长座谈会；委托高校专家参与研究论证；形成成果后在1家医院试行。"),
            deliverables: s("研究报告、议事规则范本"),
            owner: sep("东方医院集团党委", "齐明"),
            owner_title: s("集团党委副书记"),
            members: s("齐明、柳青、龙飞、封雪"),
            phone: Some(t("13966412580")),
            budget: Some(Val::Num(3.0, "")),
            deadline: d_iso(2019, 3, 31),
            expect: vec!["W_DEADLINE"],
            note: s("缺陷：完成时间2019-03-31超出本年度（仅警告，无里程碑表）；没有参考目录序号一栏（选填）"),
            ..blank("df2_deadline", "东方医院集团党委-立项书（二）", 28, PLayout::Paired)
        },
        Proposal {
            unit: s("淮南市毛集实验区党工委"),
            name: s("「淮河渔家」沿淮渔民流动党员管理服务"),
            topic: Some(t("2")),
            scope: s("焦岗湖及沿淮水域渔民党员和流动渔民群众"),
            goals: s("针对沿淮渔民党员常年水上作业、流动性大、参加组织生活难的问题，组建“水上党支部”2个，建立渔民党员流动管理台账，实现渔民党员组织生活“船上开、网上学”，年内渔民党员参加组织生活率达到90%以上。"),
            measures: s("依托渔业合作社组建水上党支部；建立渔民党员微信群，定期推送学习内容；在渔港码头设立党员服务点；每季度在休渔期集中开展一次组织生活和技能培训。"),
            deliverables: s("水上党支部工作制度、渔民党员管理台账、工作总结"),
            owner: sep("毛集实验区党工委", "曹林"),
            owner_title: s("党工委书记"),
            members: s("曹林、邢云、庄严、车晓"),
            phone: Some(t("0554-5812345")),
            budget: Some(Val::Num(4.0, "")),
            milestones: ms(0, [
                "摸清渔民党员底数，组建水上党支部",
                "开展船上组织生活和线上学习",
                "休渔期集中培训，总结经验",
            ]),
            expect: vec!["W_UNIT_UNKNOWN"],
            note: s("缺陷：申报单位“淮南市毛集实验区党工委”不在单位名单里（仅警告），其余有效；WPS风格无合并"),
            ..blank("mj_unit", "淮南市毛集实验区党工委-立项书", 29, PLayout::Plain)
        },
    ]
}
