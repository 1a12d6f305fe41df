//! The local page's words: the server's start-up lines and errors, the API's refusals and the
//! names of the files it hands back (`taizhang serve`).

use std::fmt::Display;

// ---- Workspace folders and files ----

/// The ledger's file name in the workspace.
pub const LEDGER_FILE: &str = super::ledger::LEDGER_FILE;
/// The folder of outputs.
pub const OUTPUT_DIR: &str = "输出";
/// The folder of judges' score sheets.
pub const SCORES_DIR: &str = "评分表";
/// The name given to an upload whose name is nothing.
pub const UNNAMED: &str = "未命名文件";
/// No free name for an upload.
pub const TOO_MANY_SAME: &str = "同名文件过多";

/// A month that is not `YYYY-MM`.
pub fn bad_month(text: &str) -> String {
    format!("月份应写成 2018-05 的形式，而不是“{text}”")
}

// ---- Downloads ----

/// The check report's file name.
pub fn check_report_file(month: &str) -> String {
    format!("{month}校验报告.xlsx")
}
/// The reply drafts' zip name.
pub fn replies_file(month: &str) -> String {
    format!("{month}回复草稿.zip")
}
/// The monthly status's file name.
pub fn status_file(month: &str) -> String {
    format!("{month}月度汇总.xlsx")
}
/// The score sheet's file name.
pub const SCORESHEET_FILE: &str = "评分表.xlsx";
/// The exemplary projects' file name.
pub const EXEMPLARY_FILE: &str = "示范项目.xlsx";
/// The ranking's file name.
pub const RANKING_FILE: &str = "年度综合排名.xlsx";

// ---- API refusals and failures ----

/// A request's processing stopped.
pub fn interrupted(e: impl Display) -> String {
    format!("处理中断：{e}")
}
/// Too many files in one upload.
pub fn too_many_files(max: impl Display) -> String {
    format!("一次最多上传 {max} 个文件，本次未保存任何文件，请分批上传")
}
/// One uploaded file too large.
pub fn file_too_large(name: &str, mb: impl Display) -> String {
    format!("“{name}”超过 {mb} MB，本次未保存任何文件；请确认是否发错了文件")
}
/// An upload could not be saved.
pub fn cannot_save(name: &str, e: impl Display) -> String {
    format!("无法保存“{name}”：{e}")
}
/// The whole upload too large.
pub fn upload_too_large(mb: impl Display) -> String {
    format!("一次上传的文件合计超过 {mb} MB，本次未保存任何文件，请分批上传")
}
/// The upload broke off.
pub fn upload_incomplete(e: impl Display) -> String {
    format!("上传没有完成，请重试：{e}")
}
/// A name to remove that is not a plain file name of the inbox.
pub fn bad_remove_name(name: &str) -> String {
    format!("“{name}”不是收件夹中的文件名，未删除任何文件")
}
/// An uploaded file could not be removed.
pub fn cannot_remove(e: impl Display) -> String {
    format!("无法删除文件：{e}（文件是否正在 Excel/WPS 中打开？）")
}
/// The file to remove is not (or no longer) in the inbox.
pub fn not_in_inbox(name: &str, month: &str) -> String {
    format!("本月收件夹 inbox/{month}/ 中没有“{name}”（可能已经删除）")
}
/// A dry_run value that is no boolean.
pub fn bad_dry_run(other: &str) -> String {
    format!("dry_run 应为 true 或 false，而不是“{other}”")
}
/// No ledger yet.
pub const NO_LEDGER: &str = "还没有台账：请先在“合并”一步把合格的表格合并进台账";
/// The button setting the ticked proposals to 已批复.
pub const APPROVE_BUTTON: &str = "批复所选";
/// The button setting them to 退回修改.
pub const RETURN_BUTTON: &str = "退回修改";
/// The button setting them to 不予立项.
pub const REJECT_BUTTON: &str = "不予立项";
/// The question confirm() asks before a decision; the page puts the number ticked for `{n}`.
pub fn approve_confirm(state: &str) -> String {
    format!(
        "把勾选的 {{n}} 个项目的审核状态设为“{state}”？\n（写入台账，并在“变更记录”中留下记录。）"
    )
}
/// A decision with no project ticked.
pub const APPROVE_NONE_TICKED: &str = "请先勾选要审核的项目";
/// A decision whose request is not the JSON the page sends.
pub fn bad_approve_request(e: impl Display) -> String {
    format!("审核请求的格式不对：{e}")
}
/// A copy could not be kept in the output folder.
pub fn copy_not_saved(dir: &str, e: impl Display) -> String {
    format!("提醒：未能在“{dir}”中保存副本：{e}")
}
/// The check report failed.
pub fn no_check_report(e: impl Display) -> String {
    format!("无法生成校验报告：{e}")
}
/// Nobody to reply to.
pub const NO_REPLIES: &str = "本月没有需要回复的单位：收到的文件都已通过";
/// The reply drafts failed.
pub fn no_replies(e: impl Display) -> String {
    format!("无法生成回复草稿：{e}")
}
/// Zipping failed.
pub fn no_zip(e: impl Display) -> String {
    format!("无法打包：{e}")
}
/// The monthly status failed.
pub fn no_status(e: impl Display) -> String {
    format!("无法生成月度汇总：{e}")
}
/// The policy has no rubric.
pub const NO_RUBRIC: &str = "政策文件中没有评分标准（rubric），无法生成评分表";
/// The ledger has no projects.
pub const NO_PROJECTS: &str = "台账中还没有项目，无法生成评分表";
/// The score sheet failed.
pub fn no_scoresheet(e: impl Display) -> String {
    format!("无法生成评分表：{e}")
}
/// No judges' sheets received.
pub const NO_SCORES: &str =
    "还没有收到评委的评分表：请在“收件检查”中把评分表拖进来（或放进工作目录的“评分表”文件夹）";

// ---- The server ----

/// The workspace folder is not there.
pub fn no_workspace(path: &str) -> String {
    format!("找不到工作目录“{path}”，请检查路径")
}
/// The port cannot be bound.
pub fn cannot_bind(port: impl Display, e: impl Display) -> String {
    format!("无法在 127.0.0.1:{port} 上启动：{e}（可换一个端口，或用 --port 0 自动选择）")
}
/// The runtime failed.
pub fn cannot_start(e: impl Display) -> String {
    format!("无法启动本地网页服务：{e}")
}
/// The browser could not be opened.
pub fn no_browser(e: impl Display) -> String {
    format!("无法自动打开浏览器（{e}）")
}
/// The start-up line naming the workspace.
pub fn started(workspace: impl Display) -> String {
    format!("台账网页已启动，工作目录：{workspace}")
}
/// How to stop, on Windows (the console is the server).
pub const STOP_WINDOWS: &str = "使用期间请不要关闭本窗口；关闭本窗口即退出台账。";
/// How to stop, elsewhere.
pub const STOP_TERMINAL: &str = "使用期间请不要关闭本窗口；关闭本窗口（或按 Ctrl+C）即退出台账。";
/// The page opened in the browser.
pub fn opened(url: &str) -> String {
    format!("台账已在浏览器中打开：{url}")
}
/// The browser was not opened.
pub const OPEN_YOURSELF: &str = "请在浏览器中打开上面的地址（要带上 token=… 的完整地址）。";
/// How to reopen, then how to stop.
pub fn reopen(stop: &str) -> String {
    format!("浏览器页面关掉了可以再用上面的地址打开。{stop}")
}
/// A request not to the local address.
pub fn not_local(port: impl Display) -> String {
    format!("拒绝访问：本服务只接受本机地址 127.0.0.1:{port} 的请求")
}
/// A request sent by a page of another site (cross-site request forgery).
pub const OTHER_SITE: &str =
    "拒绝访问：这个请求来自其他网站，不是台账页面本身；请只在 taizhang 打开的页面上操作";
/// A request without the token.
pub const NO_TOKEN: &str =
    "缺少或错误的访问口令：请使用启动 taizhang serve 时显示的完整地址（含 token=…）打开页面\
     （每次启动口令都会更换）";

/// The 督办通知 drafts' zip: `2018-06督办通知.zip`.
pub fn reminders_file(month: &str) -> String {
    format!("{month}督办通知.zip")
}

/// The button that grants an extension on the 合并 step.
pub fn grant_button(asked: &str) -> String {
    format!("同意延期至 {asked}")
}

/// The workspace folder the page copies 佐证材料 into (`佐证材料/项目编号/`).
pub const MATERIALS_FOLDER: &str = "佐证材料";
