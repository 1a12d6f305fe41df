//! The command line in Chinese: every help page and every argument error through the binary,
//! usage errors with exit code 2, help and version with 0.

use crate::common::*;

/// clap's English words that must not reach the clerk.
const ENGLISH: &[&str] = &[
    "Usage",
    "Options",
    "Arguments",
    "Commands",
    "[OPTIONS]",
    "Print help",
    "Print version",
    "error:",
    "required arguments",
    "[default:",
    "possible values",
    "For more information",
    "tip:",
];

fn no_english(text: &str) {
    for word in ENGLISH {
        assert!(!text.contains(word), "{word:?} in:\n{text}");
    }
}

#[test]
fn every_help_page_is_chinese() {
    let commands = [
        "",
        "init",
        "check",
        "merge",
        "undo",
        "status",
        "export",
        "scoresheet",
        "rank",
        "serve",
        "desktop",
    ];
    for command in commands {
        for flag in ["-h", "--help"] {
            let mut cmd = taizhang();
            if !command.is_empty() {
                cmd.arg(command);
            }
            let out = cmd.arg(flag).output().unwrap();
            assert_eq!(out.status.code(), Some(0), "{command} {flag}");
            let text = String::from_utf8(out.stdout).unwrap();
            assert!(text.contains("用法：taizhang"), "{command}:\n{text}");
            assert!(text.contains("显示帮助"), "{command}:\n{text}");
            no_english(&text);
        }
    }
    let out = taizhang().arg("--help").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("命令:") && text.contains("显示版本"),
        "{text}"
    );
    let out = taizhang().args(["check", "--help"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("用法：taizhang check [选项] <路径>..."),
        "{text}"
    );
    assert!(text.contains("（默认：50）"), "{text}");
    assert!(text.contains("--format <格式>"), "{text}");
}

#[test]
fn argument_errors_are_chinese_with_exit_code_2() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["export"],
            "错误：缺少必须填写的参数：\n  --ledger <台账.xlsx>",
        ),
        (&["check"], "错误：缺少必须填写的参数：\n  <路径>..."),
        (&["chek", "inbox"], "错误：没有“chek”这个命令"),
        (&["check", "x", "--bogus"], "错误：不认识的参数“--bogus”"),
        (
            &["export", "--ledger", "L.xlsx", "--format", "xls"],
            "可以填写：csv、jsonl",
        ),
        (
            &[
                "scoresheet",
                "--ledger",
                "L",
                "--out",
                "o",
                "--reviewers",
                "0",
            ],
            "应为 1 到 50 之间的整数",
        ),
        (
            &["serve", "--port", "abc"],
            "“--port <端口>”的值“abc”不正确",
        ),
        (
            &["export", "--ledger"],
            "“--ledger <台账.xlsx>”后面要写一个值",
        ),
        (&["check", "x", "--ack"], "--replies <文件夹>"),
        (
            &["merge", "x", "--ledger", "a", "--ledger", "b"],
            "参数“--ledger <台账.xlsx>”只能写一次",
        ),
    ];
    for (args, expected) in cases {
        let out = taizhang().args(*args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let text = String::from_utf8(out.stderr).unwrap();
        assert!(
            text.contains(expected),
            "{args:?}: {expected:?} not in:\n{text}"
        );
        assert!(text.starts_with("错误："), "{args:?}:\n{text}");
        no_english(&text);
    }
    let out = taizhang().arg("chek").output().unwrap();
    let text = String::from_utf8(out.stderr).unwrap();
    assert!(text.contains("是不是要写“check”？"), "{text}");
    let out = taizhang().args(["export"]).output().unwrap();
    let text = String::from_utf8(out.stderr).unwrap();
    assert!(
        text.contains("用法：taizhang export [选项] --ledger <台账.xlsx>"),
        "{text}"
    );
    assert!(
        text.contains("详细说明请运行：taizhang export --help"),
        "{text}"
    );
}

#[test]
fn version_is_exit_0() {
    for flag in ["-V", "--version"] {
        let out = taizhang().arg(flag).output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        assert!(String::from_utf8(out.stdout)
            .unwrap()
            .starts_with("taizhang "));
    }
}
