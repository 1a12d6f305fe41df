//! The installed program as a clerk meets it: `--version` with the build date, and `taizhang
//! desktop` (the desktop entry's command) setting up the documents folder's 台账 workspace and
//! serving the page, which shows the version. Only in builds with the page.
#![cfg(feature = "serve")]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use chrono::Datelike;
use serde_json::Value;

const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/samples");

/// `YYYY-MM-DD`.
fn is_date(s: &str) -> bool {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok() && s.len() == 10
}

#[test]
fn version_gives_the_version_and_the_build_date() {
    let out = assert_cmd::Command::cargo_bin("taizhang")
        .unwrap()
        .arg("--version")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let rest = text
        .trim()
        .strip_prefix(concat!(
            "taizhang ",
            env!("CARGO_PKG_VERSION"),
            "（构建日期 "
        ))
        .unwrap_or_else(|| panic!("{text:?}"));
    let date = rest
        .strip_suffix('）')
        .unwrap_or_else(|| panic!("{text:?}"));
    assert!(is_date(date), "{text:?}");
}

/// `taizhang desktop` with `home` as the home folder (`HOME`: Unix only) and no browser started (`BROWSER=true`: the
/// webbrowser crate runs `true`, which does nothing); killed when dropped.
#[cfg(unix)]
struct Desktop {
    child: Child,
    base: String,
    token: String,
    /// Everything printed before the address (the workspace's set-up on a first start).
    before: Vec<String>,
}

#[cfg(unix)]
impl Drop for Desktop {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[cfg(unix)]
impl Desktop {
    fn start(home: &Path, xdg_documents: Option<&Path>) -> Desktop {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_taizhang"));
        cmd.arg("desktop")
            .env("HOME", home)
            .env("BROWSER", "true")
            .env_remove("XDG_CONFIG_HOME")
            .env_remove("XDG_DOCUMENTS_DIR")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        if let Some(dir) = xdg_documents {
            cmd.env("XDG_DOCUMENTS_DIR", dir);
        }
        let mut child = cmd.spawn().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut before = Vec::new();
        let url = loop {
            let mut line = String::new();
            assert!(
                stdout.read_line(&mut line).unwrap() > 0,
                "ended before the address: {before:?}"
            );
            if line.starts_with("http://") {
                break line.trim().to_owned();
            }
            before.push(line);
        };
        // The rest of stdout read (and dropped) in the background, so the server never blocks.
        std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
        let (base, token) = url.split_once("/?token=").unwrap();
        Desktop {
            child,
            base: base.to_owned(),
            token: token.to_owned(),
            before,
        }
    }

    fn get(&self, path: &str) -> String {
        ureq::get(format!("{}{path}", self.base))
            .header("Authorization", format!("Bearer {}", self.token))
            .call()
            .unwrap()
            .body_mut()
            .read_to_string()
            .unwrap()
    }

    fn meta(&self) -> Value {
        serde_json::from_str(&self.get("/api/meta")).unwrap()
    }
}

#[cfg(unix)]
#[test]
fn the_desktop_entry_sets_up_the_documents_folder_and_serves_it_with_the_version() {
    let home = tempfile::tempdir().unwrap();
    let d = Desktop::start(home.path(), None);
    let workspace = home.path().join("文档").join("台账");
    assert!(workspace.join("taizhang.toml").is_file());
    assert!(workspace.join("templates").join("立项书.xlsx").is_file());
    assert!(workspace.join("inbox").is_dir());
    assert!(
        d.before.iter().any(|l| l.starts_with("已创建工作目录")),
        "{:?}",
        d.before
    );
    let meta = d.meta();
    assert_eq!(
        Path::new(meta["workspace"].as_str().unwrap()),
        workspace,
        "{meta}"
    );
    assert_eq!(
        meta["policy"]["year"],
        chrono::Local::now().year(),
        "{meta}"
    );
    assert_eq!(meta["version"], env!("CARGO_PKG_VERSION"));
    assert!(is_date(meta["build_date"].as_str().unwrap()), "{meta}");
    assert!(d.get("/").contains(r#"<span id="version">"#));
    drop(d);
    // A second start finds the workspace and leaves it as it is.
    let d = Desktop::start(home.path(), None);
    assert!(d.before.is_empty(), "{:?}", d.before);
}

#[cfg(unix)]
#[test]
fn the_xdg_documents_folder_is_used_and_an_existing_policy_kept() {
    let home = tempfile::tempdir().unwrap();
    let documents = home.path().join("我的文档");
    let workspace = documents.join("台账");
    std::fs::create_dir_all(&workspace).unwrap();
    // The documents folder of an English desktop is there too: the XDG setting wins.
    std::fs::create_dir(home.path().join("Documents")).unwrap();
    let policy = std::fs::read(Path::new(SAMPLES).join("taizhang.toml")).unwrap();
    std::fs::write(workspace.join("taizhang.toml"), &policy).unwrap();
    let d = Desktop::start(home.path(), Some(&documents));
    let meta = d.meta();
    assert_eq!(
        Path::new(meta["workspace"].as_str().unwrap()),
        workspace,
        "{meta}"
    );
    assert_eq!(meta["policy"]["year"], 2018, "{meta}");
    assert_eq!(
        std::fs::read(workspace.join("taizhang.toml")).unwrap(),
        policy
    );
    assert!(!workspace.join("templates").exists());
}
