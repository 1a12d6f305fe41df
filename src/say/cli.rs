//! The command line's words: what `taizhang check`, `merge`, `status`, `init`, `export`,
//! `scoresheet`, `rank` and the start-up print, the errors that stop a command, and clap's own
//! words (help headings, `-h`/`-V`, argument errors) in Chinese. The help texts of the options
//! stay with their flags (clap reads the doc comments in `src/cli/`), as the flags'
//! documentation.

use std::fmt::Display;

// ----- progress and timing -----

/// The progress bar's label while files are checked.
pub const CHECKING: &str = "正在检查";
/// The spinner's label while the ledger is written.
pub const WRITING_LEDGER: &str = "正在写入台账…";
/// The progress bar's template (indicatif): files done, rate, time left.
pub const PROGRESS_TEMPLATE: &str = "{msg} [{bar:30}] {pos}/{len} 个文件，{per_sec}，剩余约 {eta}";

/// The last line of a command: how long it took.
pub fn took(seconds: f64) -> String {
    format!("用时 {seconds:.2} 秒")
}

// ----- check -----

/// A file's verdict in the text report, from its kind and its counts.
pub fn verdict(skipped: bool, errors: usize, warnings: usize) -> String {
    match (skipped, errors, warnings) {
        (true, ..) => "跳过：不是表格文件".to_owned(),
        (_, 0, 0) => "通过".to_owned(),
        (_, 0, w) => format!("通过，{w} 个提醒"),
        (_, e, 0) => format!("退回：{e} 个错误"),
        (_, e, w) => format!("退回：{e} 个错误，{w} 个提醒"),
    }
}

/// The verdict of a file with errors that a later valid file of the same unit and project
/// replaced: `已由后来的文件取代：立项书（修改稿）.xlsx`.
pub fn superseded(by: &str) -> String {
    format!("已由后来的文件取代：{by}（不再退回，问题仅供参考）")
}

/// Before each problem of a superseded file.
pub const FOR_REFERENCE: &str = "（供参考）";

/// Appended to the summary line when some files were superseded.
pub fn superseded_count(n: usize) -> String {
    format!("，{n} 个已由后来的文件取代")
}

/// The text report's summary line.
pub fn check_summary(
    files: usize,
    ok: usize,
    errors: usize,
    warnings: usize,
    skipped: usize,
) -> String {
    format!(
        "共 {files} 个文件：{ok} 个通过，{errors} 个有错误，{warnings} 个有提醒，{skipped} 个跳过"
    )
}

/// `--report` written.
pub fn report_saved(path: impl Display) -> String {
    format!("校验报告已保存：{path}")
}

/// `--replies` written.
pub fn replies_saved(count: usize, dir: impl Display) -> String {
    format!("已生成 {count} 份回复（邮件草稿和文本）：{dir}")
}

/// What is being built, for [`crate::say::cli::cannot_build`]: the check report.
pub const CHECK_REPORT: &str = "校验报告";

// ----- merge -----

/// A ledger warning (a cell that does not fit its column), as merge prints it.
pub fn ledger_warning(warning: impl Display) -> String {
    format!("提醒：{warning}")
}

/// The count of ledger warnings not printed one by one.
pub fn more_ledger_warnings(count: usize) -> String {
    format!("提醒：台账中还有 {count} 处类似情况未逐一列出，请在台账中筛选核对")
}

/// `--dry-run`'s closing line.
pub const DRY_RUN: &str = "（试运行：台账未改动）";

/// The ledger saved, with the backup of the version before.
pub fn ledger_saved_with_backup(path: impl Display, backup: impl Display) -> String {
    format!("台账已保存：{path}（上一版本：{backup}）")
}

/// The ledger saved (a new ledger: no backup).
pub fn ledger_saved(path: impl Display) -> String {
    format!("台账已保存：{path}")
}

// ----- status -----

/// What is being built: the monthly status workbook.
pub const STATUS_BOOK: &str = "进度汇总表";

/// `status --out` written.
pub fn status_saved(path: impl Display) -> String {
    format!("进度汇总表已保存：{path}")
}

/// The counts `status` prints, in the order of the sentence.
pub struct StatusCounts<'a> {
    /// The as-of date.
    pub as_of: &'a str,
    /// The month whose report is due.
    pub month: &'a str,
    /// Projects in all.
    pub projects: usize,
    /// 推进中.
    pub ongoing: usize,
    /// 滞后.
    pub lagging: usize,
    /// 逾期.
    pub overdue: usize,
    /// 已完成.
    pub done: usize,
    /// 已立项 (not started).
    pub proposed: usize,
    /// 未报送 for the month.
    pub missing: usize,
    /// On the 督办清单.
    pub chase: usize,
}

/// `status`'s summary line.
pub fn status_summary(c: &StatusCounts<'_>) -> String {
    format!(
        "截至 {}（应报 {} 进度报告）：共 {} 个项目，推进中 {}，滞后 {}，逾期 {}，已完成 {}，已立项 {}；未报送 {}；督办 {} 个",
        c.as_of, c.month, c.projects, c.ongoing, c.lagging, c.overdue, c.done, c.proposed, c.missing, c.chase
    )
}

/// Units on the policy's list with no project.
pub fn units_without_projects(names: &[&str]) -> String {
    format!(
        "单位名单中尚未申报项目的单位（{} 个）：{}",
        names.len(),
        names.join("、")
    )
}

/// Units that sent no report for the month.
pub fn units_without_reports(month: impl Display, names: &[&str]) -> String {
    format!(
        "{month}进度报告一份也未报送的单位（{} 个）：{}",
        names.len(),
        names.join("、")
    )
}

// ----- export, scoresheet, rank -----

/// `export` written.
pub fn exported(count: usize, path: impl Display) -> String {
    format!("已导出 {count} 个项目：{path}")
}

/// What is being built: the score sheet.
pub const SCORE_SHEET: &str = "评分表";

/// `scoresheet` written: where, how many projects, the criteria, and the sheets per reviewer.
pub fn scoresheet_saved(
    path: impl Display,
    projects: usize,
    criteria: &[String],
    reviewers: usize,
) -> String {
    let sheets = if reviewers > 1 {
        format!("；{reviewers} 张工作表，每位评委一张")
    } else {
        String::new()
    };
    format!(
        "评分表已保存：{path}（{projects} 个项目；评分项：{}{sheets}）",
        criteria.join("、")
    )
}

/// `rank --out` written.
pub fn ranking_saved(path: impl Display) -> String {
    format!("年度综合排名已保存：{path}")
}

/// The exemplary projects chosen.
pub fn exemplary_chosen(names: &[String]) -> String {
    format!("示范项目 {} 个：{}", names.len(), names.join("、"))
}

/// A warning of the year end (too few exemplary projects …).
pub fn warning(text: impl Display) -> String {
    format!("提醒：{text}")
}

/// `rank --exemplary` written.
pub fn exemplary_saved(path: impl Display) -> String {
    format!("示范项目材料已保存：{path}")
}

// ----- init -----

/// What is being built: the blank proposal form.
pub const BLANK_PROPOSAL: &str = "空白立项书";
/// What is being built: the blank progress report.
pub const BLANK_PROGRESS: &str = "空白进度报告";
/// What is being built: the blank closing report.
pub const BLANK_CLOSING: &str = "空白结项报告";
/// The templates' file names in a workspace.
pub const PROPOSAL_FILE: &str = "立项书.xlsx";
/// The progress template's file name.
pub const PROGRESS_FILE: &str = "进度报告.xlsx";
/// The Word version of the proposal template (SPEC §3.6), for units that fill forms in Word.
pub const PROPOSAL_DOCX: &str = "立项书.docx";
/// The Word version of the progress template.
pub const PROGRESS_DOCX: &str = "进度报告.docx";
/// The closing-report template's file name (结项报告 / 自查考评表, sent with the 佐证材料).
pub const CLOSING_FILE: &str = "结项报告.xlsx";
/// The Word version of the closing-report template.
pub const CLOSING_DOCX: &str = "结项报告.docx";

/// `init`'s report: the workspace made and what is in it.
pub fn workspace_made(dir: impl Display, kind: &str, year: i32) -> String {
    [
        format!("已创建工作目录 {dir}（{kind}，{year} 年度）："),
        "  taizhang.toml          政策文件：年度、报送截止日期、参考目录、评分细则等，可按本地要求修改".to_owned(),
        "  templates/立项书.xlsx   空白立项书，发给各单位填写".to_owned(),
        "  templates/进度报告.xlsx 空白进度报告，各单位每月填报".to_owned(),
        "  templates/立项书.docx、进度报告.docx  同上的 Word 版，给习惯用 Word 填表的单位".to_owned(),
        "  inbox/                 把各单位报来的附件保存到这里".to_owned(),
        "下一步：收到表格后运行 taizhang check inbox 检查填写情况。".to_owned(),
    ]
    .join("\n")
}

/// `init --year` out of range.
pub fn bad_year(year: impl Display) -> String {
    format!("年度“{year}”不正确，请填写 2000 到 2100 之间的年份，如 2019。")
}
/// A preset without its year.
pub const PRESET_WITHOUT_YEAR: &str = "预设中没有 year 设置";

/// `init` over an existing workspace.
pub fn workspace_exists(files: impl Display) -> String {
    format!("{files} 已存在，未做任何修改。如确需重新生成（会覆盖这些文件），请加 --force。")
}

/// A folder that cannot be made.
pub fn cannot_make_folder(path: impl Display, reason: impl Display) -> String {
    format!("无法创建目录 {path}：{reason}")
}

// ----- errors that stop a command -----

/// A build without the page.
pub const NO_PAGE: &str = "这个版本的 taizhang 不含本机网页（编译时未启用 serve 功能），请在命令行中使用 taizhang check、taizhang merge 等命令；taizhang --help 列出全部命令";
/// No home folder for the desktop workspace.
pub const NO_HOME: &str = "找不到用户主目录（环境变量 HOME 未设置），请用 --workspace 指定工作目录";

/// A ledger that is not there yet.
pub fn no_ledger(path: impl Display) -> String {
    format!("找不到台账“{path}”，请先用 taizhang merge 生成台账")
}

/// A workbook that could not be built.
pub fn cannot_build(what: impl Display, reason: impl Display) -> String {
    format!("无法生成{what}：{reason}")
}

/// A policy without a rubric, asked for a score sheet.
pub const NO_RUBRIC: &str = "政策文件中没有评分标准（rubric），无法生成评分表";
/// A ledger without projects, asked for a score sheet.
pub const NO_PROJECTS_TO_SCORE: &str = "台账中还没有项目，无法生成评分表";

/// CSV that could not be made.
pub fn cannot_csv(reason: impl Display) -> String {
    format!("无法生成 CSV：{reason}")
}
/// JSON that could not be printed.
pub fn cannot_json(reason: impl Display) -> String {
    format!("无法输出 JSON：{reason}")
}
/// Output that could not be printed.
pub fn cannot_print(reason: impl Display) -> String {
    format!("无法输出：{reason}")
}

/// After a failed start from an icon: keep the window until Enter.
pub const PRESS_ENTER: &str = "按回车键关闭本窗口。";

// ----- help and argument errors (clap's own words, said in Chinese) -----

/// The help page of a command: what it does, how to call it, then its commands, arguments and
/// options (clap's `help_template`).
pub const HELP_TEMPLATE: &str = "{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";
/// The heading over the commands in `taizhang --help`.
pub const HELP_COMMANDS: &str = "命令";
/// The heading over the positional arguments.
pub const HELP_ARGUMENTS: &str = "参数";
/// The heading over the options.
pub const HELP_OPTIONS: &str = "选项";
/// The placeholder for the command in `taizhang [命令]`.
pub const HELP_COMMAND: &str = "命令";
/// The placeholder for the options in a usage line, in place of clap's `[OPTIONS]`.
pub const HELP_OPTIONS_TAG: &str = "[选项]";
/// `-h, --help`.
pub const HELP_FLAG: &str = "显示帮助";
/// `-V, --version`.
pub const VERSION_FLAG: &str = "显示版本和构建日期";

/// The placeholder of an option's value when its flag names none (clap would write the
/// option's name in capitals, `<FORMAT>`).
pub fn help_value_name(option: &str) -> &'static str {
    match option {
        "format" => "格式",
        _ => "值",
    }
}

/// An option's default, after its help: `（默认：50）`.
pub fn help_default(values: &str) -> String {
    format!("（默认：{values}）")
}

/// The first line of every argument error.
pub fn arg_error(what: impl Display) -> String {
    format!("错误：{what}")
}

/// Required arguments not given, one a line.
pub fn arg_missing(args: &[String]) -> String {
    format!("缺少必须填写的参数：\n  {}", args.join("\n  "))
}

/// An argument taizhang does not know.
pub fn arg_unknown(arg: impl Display) -> String {
    format!("不认识的参数“{arg}”")
}

/// A command taizhang does not have.
pub fn arg_no_command(name: impl Display) -> String {
    format!("没有“{name}”这个命令（taizhang --help 列出全部命令）")
}

/// No command given where one is needed.
pub const ARG_NO_COMMAND_GIVEN: &str = "请写出要执行的命令（taizhang --help 列出全部命令）";

/// An option written without its value.
pub fn arg_no_value(arg: impl Display) -> String {
    format!("“{arg}”后面要写一个值")
}

/// A value that is not one of the choices.
pub fn arg_bad_choice(arg: impl Display, value: impl Display, choices: &[String]) -> String {
    if choices.is_empty() {
        format!("“{arg}”的值“{value}”不正确")
    } else {
        format!(
            "“{arg}”的值“{value}”不正确，可以填写：{}",
            choices.join("、")
        )
    }
}

/// A value its parser refused; `why` is the parser's reason when it speaks Chinese.
pub fn arg_bad_value(arg: impl Display, value: impl Display, why: Option<&str>) -> String {
    match why {
        Some(why) => format!("“{arg}”的值“{value}”不正确：{why}"),
        None => format!("“{arg}”的值“{value}”不正确"),
    }
}

/// A number outside its range.
pub fn arg_out_of_range(low: impl Display, high: impl Display) -> String {
    format!("应为 {low} 到 {high} 之间的整数")
}

/// A value that should be a whole number.
pub const ARG_NOT_NUMBER: &str = "应为不带小数点的数字";

/// An option given twice.
pub fn arg_twice(arg: impl Display) -> String {
    format!("参数“{arg}”只能写一次")
}

/// Two options that exclude each other.
pub fn arg_conflict(arg: impl Display, other: impl Display) -> String {
    format!("参数“{arg}”不能与“{other}”同时使用")
}

/// A value too many.
pub fn arg_extra_value(arg: impl Display, value: impl Display) -> String {
    format!("“{arg}”多写了一个值“{value}”")
}

/// The wrong number of values.
pub fn arg_value_count(arg: impl Display) -> String {
    format!("“{arg}”后面的值的个数不对")
}

/// An option that wants `--name=value`.
pub fn arg_needs_equals(arg: impl Display) -> String {
    format!("“{arg}”的值要用等号连着写，如 {arg}=值")
}

/// Arguments that are not valid text.
pub const ARG_NOT_UTF8: &str = "参数中有无法识别的字符（不是 UTF-8 编码的文字）";

/// Any other argument error.
pub const ARG_OTHER: &str = "命令行参数有误";

/// A close match for a mistyped argument or command.
pub fn arg_did_you_mean(suggestion: impl Display) -> String {
    format!("是不是要写“{suggestion}”？")
}

/// The usage line under an argument error.
pub fn arg_usage(usage: impl Display) -> String {
    format!("用法：{usage}")
}

/// Where to read more, under an argument error.
pub fn arg_more(command: impl Display) -> String {
    format!("详细说明请运行：{command} --help")
}

// ----- a bug -----

/// A panic's message when it has none.
pub const UNKNOWN_ERROR: &str = "未知错误";

/// The one line a panic prints: what and where, and whom to tell.
pub fn internal_error(message: impl Display, place: Option<(&str, u32, u32)>) -> String {
    let place = place
        .map(|(file, line, col)| format!("（位置：{file}:{line}:{col}）"))
        .unwrap_or_default();
    format!("taizhang 内部错误：{message}{place}（请把这条信息和出错的文件发给维护人员）")
}

/// A date argument that is no date.
pub fn bad_day(text: &str) -> String {
    format!("“{text}”不是日期，请写成 2019-06-30 的样子")
}

/// The year's 通报 written.
pub fn notice_saved(path: impl Display) -> String {
    format!("年度通报初稿已保存：{path}（文号等请在 Word 中补充修改）")
}
