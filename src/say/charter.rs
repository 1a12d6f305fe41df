//! The words of the 项目责任书 template ([`crate::write::charter`]): its title, the placeholders
//! filled from the ledger, and the wording the office may change in Word.

/// The document's title, and the end of its file name.
pub const TITLE: &str = "项目责任书";
/// The template's file name in the workspace's `templates/`.
pub const TEMPLATE_FILE: &str = "项目责任书模板.docx";
/// The folder the filled documents go into, inside the notices folder.
pub const FOLDER: &str = "项目责任书";

/// Placeholder: the policy year.
pub const YEAR: &str = "【年度】";
/// Placeholder: the organisation (淮南市委组织部).
pub const ORGANISATION: &str = "【组织部门】";
/// Placeholder: what the projects are called (基层党建创新项目).
pub const KIND: &str = "【项目类型】";
/// Placeholder: 项目编号.
pub const ID: &str = "【项目编号】";
/// Placeholder: 项目名称.
pub const NAME: &str = "【项目名称】";
/// Placeholder: 申报单位.
pub const UNIT: &str = "【申报单位】";
/// Placeholder: 项目类别.
pub const CATEGORY: &str = "【项目类别】";
/// Placeholder: 工作范围或对象.
pub const SCOPE: &str = "【工作范围或对象】";
/// Placeholder: 工作目标.
pub const GOALS: &str = "【工作目标】";
/// Placeholder: 主要措施.
pub const MEASURES: &str = "【主要措施】";
/// Placeholder: 成果形式.
pub const DELIVERABLES: &str = "【成果形式】";
/// Placeholder: 开始时间.
pub const START: &str = "【开始时间】";
/// Placeholder: 完成时间.
pub const DEADLINE: &str = "【完成时间】";
/// Placeholder: 责任单位.
pub const OWNER_UNIT: &str = "【责任单位】";
/// Placeholder: 责任人.
pub const OWNER: &str = "【责任人】";
/// Placeholder: 职务.
pub const OWNER_TITLE: &str = "【职务】";
/// Placeholder: 项目组成员.
pub const MEMBERS: &str = "【项目组成员】";
/// Placeholder of the timetable row (the row is repeated per stage): the stage.
pub const STAGE: &str = "【阶段】";
/// Placeholder of the timetable row: its period.
pub const PERIOD: &str = "【起止时间】";
/// Placeholder of the timetable row: what is done.
pub const STAGE_CONTENT: &str = "【阶段内容】";
/// The timetable's one row when the proposal listed no stages.
pub const NO_STAGES: &str = "按立项书确定的措施推进";

/// Under the title.
pub const SUBTITLE: &str = "（【年度】年度【项目类型】）";
/// The particulars table: label, value (placeholders).
pub const FACTS: [(&str, &str); 12] = [
    ("项目编号", ID),
    ("项目名称", NAME),
    ("申报单位", UNIT),
    ("项目类别", CATEGORY),
    ("工作范围或对象", SCOPE),
    ("工作目标", GOALS),
    ("主要措施", MEASURES),
    ("成果形式", DELIVERABLES),
    ("开始时间", START),
    ("完成时间", DEADLINE),
    ("责任单位及责任人", "【责任单位】　【责任人】（【职务】）"),
    ("项目组成员", MEMBERS),
];
/// The timetable's heading.
pub const TIMETABLE: &str = "进度安排";
/// The timetable's header.
pub const TIMETABLE_HEAD: [&str; 3] = ["阶段", "起止时间", "主要内容"];
/// What the responsible unit undertakes.
pub const COMMITMENTS: [&str; 4] = [
    "　　一、项目责任单位按照立项书确定的工作目标和主要措施组织实施，确保【完成时间】前完成，达到预期成果。",
    "　　二、项目责任人是项目实施的第一责任人，按月向【组织部门】报送进度报告（注明项目编号【项目编号】），如实反映进展和问题。",
    "　　三、项目完成后，及时报送能体现项目实施过程及成果经验的报告、文件、成效、图文资料等佐证材料，接受考核验收。",
    "　　四、弄虚作假、夸大成效或无显著效果的，按有关规定追回扶持经费，情节严重的依规追究相关责任人责任。",
];
/// Side A's signature block (the department).
pub const SIDE_A: [&str; 4] = [
    "甲方：【组织部门】",
    "负责人（签字）：",
    "（盖章）",
    "年　　月　　日",
];
/// Side B's signature block (the responsible unit).
pub const SIDE_B: [&str; 4] = [
    "乙方：【申报单位】",
    "项目责任人（签字）：",
    "（盖章）",
    "年　　月　　日",
];

/// A template that is no Word document, in the clerk's words.
pub fn bad_template(reason: &str) -> String {
    format!("项目责任书模板无法使用（{reason}）。请用 Word 或 WPS 另存为 .docx 格式，或删除它，由 taizhang 重新生成")
}
/// The template's zip has no document part.
pub const NO_DOCUMENT: &str = "文件中没有 Word 正文";
