//! clap in Chinese: every help page and every argument error of the command line.
//!
//! clap writes its own words in English (`Usage:`, `Options:`, `[OPTIONS]`, `Print help`,
//! `error: the following required arguments were not provided`). [`localise`] rebuilds the
//! command tree with Chinese headings (`help_heading`), a Chinese help template and usage lines,
//! its own `-h/--help` and `-V/--version` with Chinese help, and defaults said after the help
//! text; [`render_error`] says clap's parse errors by their [`ErrorKind`] in Chinese. All the
//! words are in [`taizhang::say::cli`].

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};
use taizhang::say::cli as say;

/// `cmd` (the root, named `bin`) and all its subcommands, said in Chinese.
pub fn localise(cmd: Command) -> Command {
    let bin = cmd.get_name().to_owned();
    localise_named(cmd, &bin, true)
}

fn localise_named(cmd: Command, bin: &str, root: bool) -> Command {
    let mut cmd = cmd
        .bin_name(bin)
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .help_template(say::HELP_TEMPLATE)
        .subcommand_help_heading(say::HELP_COMMANDS)
        .subcommand_value_name(say::HELP_COMMAND)
        .mut_args(localise_arg)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(say::HELP_FLAG)
                .help_heading(say::HELP_OPTIONS),
        );
    if root {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(say::VERSION_FLAG)
                .help_heading(say::HELP_OPTIONS),
        );
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for name in names {
        let sub_bin = format!("{bin} {name}");
        cmd = cmd.mut_subcommand(&name, |s| localise_named(s, &sub_bin, false));
    }
    let usage = cmd.clone().render_usage().to_string();
    let usage = usage
        .trim()
        .trim_start_matches("Usage:")
        .trim()
        .replace("[OPTIONS]", say::HELP_OPTIONS_TAG);
    cmd.override_usage(usage)
}

/// An argument under a Chinese heading, its default said in Chinese after its help (unless the
/// help already says it), clap's `[default: …]` and `[possible values: …]` hidden (the help
/// texts name the choices).
fn localise_arg(arg: Arg) -> Arg {
    let heading = if arg.is_positional() {
        say::HELP_ARGUMENTS
    } else {
        say::HELP_OPTIONS
    };
    let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    let says_default = help.contains("默认");
    let takes_value = arg.get_action().takes_values();
    let arg = arg.help_heading(heading);
    if !takes_value {
        return arg;
    }
    let mut arg = arg.hide_default_value(true).hide_possible_values(true);
    // No name, or clap's default (the option's name in capitals, which derive writes in).
    let id = arg.get_id().as_str().to_uppercase();
    let unnamed = arg
        .get_value_names()
        .is_none_or(|names| names.iter().all(|n| n.as_str() == id));
    if unnamed {
        let name = say::help_value_name(arg.get_id().as_str());
        arg = arg.value_name(name);
    }
    if !defaults.is_empty() && !says_default {
        let help = format!("{help}{}", say::help_default(&defaults.join("、")));
        arg.help(help)
    } else {
        arg
    }
}

/// One context value as text (a list joined by `、`).
fn value(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join("、")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(
            v.iter()
                .map(StyledStr::to_string)
                .collect::<Vec<_>>()
                .join("、"),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn values(e: &clap::Error, kind: ContextKind) -> Vec<String> {
    match e.get(kind) {
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

/// A value parser's reason, when it is taizhang's own (Chinese) or a number range of clap's.
fn reason(e: &clap::Error) -> Option<String> {
    let source = std::error::Error::source(e)?.to_string();
    if !source.is_ascii() {
        return Some(source);
    }
    // clap's ranged integer parser: "7 is not in 1..=50".
    if let Some((_, range)) = source.split_once(" is not in ") {
        if let Some((low, high)) = range.split_once("..=") {
            return Some(say::arg_out_of_range(low.trim(), high.trim()));
        }
    }
    Some(say::ARG_NOT_NUMBER.to_owned())
}

/// What went wrong, in Chinese, without the usage lines.
fn what(e: &clap::Error) -> String {
    let arg = value(e, ContextKind::InvalidArg).unwrap_or_default();
    let given = value(e, ContextKind::InvalidValue).unwrap_or_default();
    match e.kind() {
        ErrorKind::MissingRequiredArgument => say::arg_missing(&values(e, ContextKind::InvalidArg)),
        ErrorKind::UnknownArgument => say::arg_unknown(arg),
        ErrorKind::InvalidSubcommand => {
            say::arg_no_command(value(e, ContextKind::InvalidSubcommand).unwrap_or_default())
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            say::ARG_NO_COMMAND_GIVEN.to_owned()
        }
        ErrorKind::InvalidValue if given.is_empty() => say::arg_no_value(arg),
        ErrorKind::InvalidValue => {
            say::arg_bad_choice(arg, given, &values(e, ContextKind::ValidValue))
        }
        ErrorKind::ValueValidation => say::arg_bad_value(arg, given, reason(e).as_deref()),
        ErrorKind::ArgumentConflict => match value(e, ContextKind::PriorArg) {
            Some(prior) if prior != arg => say::arg_conflict(arg, prior),
            _ => say::arg_twice(arg),
        },
        ErrorKind::TooManyValues => say::arg_extra_value(arg, given),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => say::arg_value_count(arg),
        ErrorKind::NoEquals => say::arg_needs_equals(arg),
        ErrorKind::InvalidUtf8 => say::ARG_NOT_UTF8.to_owned(),
        _ => say::ARG_OTHER.to_owned(),
    }
}

/// A parse error as the clerk reads it: `错误：…`, a suggestion when clap has one, the usage
/// line, and which `--help` to read.
pub fn render_error(e: &clap::Error) -> String {
    let mut lines = vec![say::arg_error(what(e))];
    let suggestion = [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .find_map(|k| value(e, k));
    if let Some(s) = suggestion {
        lines.push(say::arg_did_you_mean(s));
    }
    if let Some(usage) = value(e, ContextKind::Usage) {
        let usage = usage.trim().trim_start_matches("Usage:").trim().to_owned();
        // The command is the usage line up to its first placeholder: `taizhang check`.
        let command = usage
            .split(' ')
            .take_while(|w| !w.starts_with('[') && !w.starts_with('<'))
            .collect::<Vec<_>>()
            .join(" ");
        lines.push(String::new());
        lines.push(say::arg_usage(&usage));
        lines.push(say::arg_more(command));
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cmd() -> Command {
        localise(
            Command::new("taizhang")
                .version("1")
                .subcommand(
                    Command::new("export")
                        .about("导出")
                        .arg(
                            Arg::new("ledger")
                                .long("ledger")
                                .required(true)
                                .help("台账"),
                        )
                        .arg(
                            Arg::new("format")
                                .long("format")
                                .value_parser(["csv", "jsonl"])
                                .default_value("csv")
                                .help("格式"),
                        )
                        .arg(
                            Arg::new("n")
                                .long("n")
                                .value_parser(clap::value_parser!(u8).range(1..=5)),
                        ),
                )
                .subcommand(Command::new("check").arg(Arg::new("paths").required(true))),
        )
    }

    fn error(args: &[&str]) -> clap::Error {
        match cmd().try_get_matches_from(args) {
            Err(e) => e,
            Ok(m) => panic!("parsed: {m:?}"),
        }
    }

    #[test]
    fn help_is_chinese() {
        let help = cmd()
            .find_subcommand_mut("export")
            .map(|c| c.render_help().to_string())
            .unwrap();
        assert!(
            help.contains("用法：taizhang export [选项] --ledger <值>"),
            "{help}"
        );
        assert!(help.contains("选项:"), "{help}");
        assert!(help.contains("显示帮助"), "{help}");
        assert!(help.contains("格式（默认：csv）"), "{help}");
        for english in [
            "Usage",
            "Options",
            "[OPTIONS]",
            "Print",
            "default:",
            "possible",
        ] {
            assert!(!help.contains(english), "{english} in {help}");
        }
        let root = cmd().render_help().to_string();
        assert!(root.contains("命令:"), "{root}");
        assert!(root.contains("显示版本和构建日期"), "{root}");
        assert!(!root.contains("Commands"), "{root}");
    }

    #[test]
    fn errors_are_chinese_by_kind() {
        let e = error(&["taizhang", "export"]);
        assert_eq!(e.kind(), ErrorKind::MissingRequiredArgument);
        let text = render_error(&e);
        assert!(
            text.starts_with("错误：缺少必须填写的参数：\n  --ledger <值>"),
            "{text}"
        );
        assert!(text.contains("用法：taizhang export"), "{text}");
        assert!(
            text.contains("详细说明请运行：taizhang export --help"),
            "{text}"
        );
        let text = render_error(&error(&[
            "taizhang", "export", "--ledger", "L", "--format", "xls",
        ]));
        assert!(
            text.contains("“--format <格式>”的值“xls”不正确，可以填写：csv、jsonl"),
            "{text}"
        );
        let text = render_error(&error(&["taizhang", "export", "--ledger", "L", "--n", "9"]));
        assert!(text.contains("应为 1 到 5 之间的整数"), "{text}");
        let text = render_error(&error(&["taizhang", "exprot"]));
        assert!(text.contains("没有“exprot”这个命令"), "{text}");
        assert!(text.contains("是不是要写“export”？"), "{text}");
        let text = render_error(&error(&["taizhang", "check", "x", "--bogus"]));
        assert!(text.contains("不认识的参数“--bogus”"), "{text}");
        assert!(text.is_ascii() || !text.contains("error"), "{text}");
    }
}
