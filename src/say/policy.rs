//! The policy file's words: why a `taizhang.toml` cannot be used, naming the file, the key and
//! what is wrong.

use std::fmt::Display;

/// The policy file cannot be read.
pub fn unreadable(path: impl Display, reason: impl Display) -> String {
    format!("无法读取政策文件 {path}：{reason}")
}

/// TOML syntax or a value of the wrong type (toml's message names line and key).
pub fn syntax(path: impl Display, message: impl Display) -> String {
    format!("政策文件 {path} 有误：{message}")
}

/// A value that parses but makes no sense.
pub fn invalid(path: impl Display, key: impl Display, message: impl Display) -> String {
    format!("政策文件 {path} 中“{key}”不正确：{message}")
}

/// An unknown preset name.
pub fn unknown_preset(name: impl Display) -> String {
    format!("未知的预设“{name}”，可选：innovation（创新项目）、secretary（书记项目）")
}

/// What a built-in preset is called where a file name would stand.
pub fn preset_source(name: impl Display) -> String {
    format!("<预设 {name}>")
}

/// A date in the policy written some other way.
pub fn bad_date(text: impl Display) -> String {
    format!("日期应写成 2018-04-04 的形式，而不是“{text}”")
}

/// `team.min` above `team.max`.
pub const TEAM_MIN_ABOVE_MAX: &str = "不能大于 team.max";
/// A unit type's `min_projects` above its `max_projects`.
pub const QUOTA_MIN_ABOVE_MAX: &str = "不能大于 max_projects";
/// `exemplary.min` above `exemplary.max`.
pub const EXEMPLARY_MIN_ABOVE_MAX: &str = "不能大于 exemplary.max";

/// A unit whose type is not among `unit_types`.
pub fn unknown_unit_type(kind: impl Display) -> String {
    format!("“{kind}”不在 unit_types 中")
}

/// A value outside its range (validator's code names the check).
pub fn out_of_range(code: impl Display) -> String {
    format!("取值不在允许范围内（{code}）")
}
