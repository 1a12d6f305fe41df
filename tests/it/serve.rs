//! `taizhang serve`: HTTP tests against the real binary on `--port 0 --no-browser`, and one test
//! in a real browser (headless Chromium through chromedriver). Only in builds with the page.
#![cfg(feature = "serve")]

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use serde_json::Value;

mod browser;

const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/samples");

/// The server binary running on a temporary workspace; killed when dropped.
pub struct Server {
    child: Child,
    /// The server's stdout, kept open for as long as it runs.
    _stdout: BufReader<std::process::ChildStdout>,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// The access token.
    pub token: String,
    /// The port.
    pub port: u16,
    /// The workspace (removed when dropped).
    pub dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Starts `taizhang serve` on a fresh workspace holding the samples' policy.
    pub fn start() -> Server {
        let dir = tempfile::tempdir().unwrap();
        // The sample year without the approval step: the page's steps are tested on merged
        // projects straight away; approval has its own server (`server_with_approval`).
        let policy = std::fs::read_to_string(Path::new(SAMPLES).join("taizhang.toml")).unwrap();
        let without = policy.replace("\napproval = true\n", "\napproval = false\n");
        assert_ne!(policy, without);
        std::fs::write(dir.path().join("taizhang.toml"), without).unwrap();
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_taizhang"));
        cmd.args(["serve", "--port", "0", "--no-browser", "--workspace"])
            .arg(dir.path());
        Server::spawn(cmd, dir)
    }

    fn spawn(mut cmd: Command, dir: tempfile::TempDir) -> Server {
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        stdout.read_line(&mut line).unwrap();
        let url = line.trim();
        let (base, token) = url
            .split_once("/?token=")
            .unwrap_or_else(|| panic!("first line is not the address: {url:?}"));
        assert!(base.starts_with("http://127.0.0.1:"), "{url}");
        assert_eq!(token.len(), 32, "{url}");
        let port = base.rsplit(':').next().unwrap().parse().unwrap();
        Server {
            child,
            _stdout: stdout,
            base: base.to_owned(),
            token: token.to_owned(),
            port,
            dir,
        }
    }

    /// The page's address with the token.
    pub fn url(&self) -> String {
        format!("{}/?token={}", self.base, self.token)
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

/// A response: status and body.
struct Got {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Got {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}): {} {}",
                self.status,
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

fn finish(r: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Got {
    let mut r = r.unwrap();
    let headers = r
        .headers()
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_owned()))
        .collect();
    let body = r
        .body_mut()
        .with_config()
        .limit(100 * 1024 * 1024)
        .read_to_vec()
        .unwrap();
    Got {
        status: r.status().as_u16(),
        headers,
        body,
    }
}

fn get(s: &Server, path: &str) -> Got {
    finish(
        agent()
            .get(format!("{}{path}", s.base))
            .header("Authorization", format!("Bearer {}", s.token))
            .call(),
    )
}

fn post(s: &Server, path: &str) -> Got {
    finish(
        agent()
            .post(format!("{}{path}", s.base))
            .header("Authorization", format!("Bearer {}", s.token))
            .send_empty(),
    )
}

/// Uploads `(name, bytes)` as the page does (multipart field `files`).
fn upload(s: &Server, month: &str, files: &[(String, Vec<u8>)]) -> Got {
    let boundary = "----taizhang-test-boundary-7d1f";
    let mut body = Vec::new();
    for (name, bytes) in files {
        write!(
            body,
            "--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        .unwrap();
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    write!(body, "--{boundary}--\r\n").unwrap();
    finish(
        agent()
            .post(format!("{}/api/check?month={month}", s.base))
            .header("Authorization", format!("Bearer {}", s.token))
            .header(
                "Content-Type",
                format!("multipart/form-data; boundary={boundary}"),
            )
            .send(&body[..]),
    )
}

/// Every file of a folder of `samples/inbox`, as (name, bytes).
fn sample_files(folder: &str) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> =
        std::fs::read_dir(Path::new(SAMPLES).join("inbox").join(folder))
            .unwrap()
            .map(|e| e.unwrap().path())
            .map(|p| {
                let name = p.file_name().unwrap().to_str().unwrap().to_owned();
                (name, std::fs::read(&p).unwrap())
            })
            .collect();
    files.sort();
    files
}

/// Runs the binary in the workspace (as a clerk would in a terminal there).
fn cli(s: &Server, args: &[&str]) -> (String, Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_taizhang"))
        .current_dir(s.dir.path())
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let json = serde_json::from_str(&stdout).unwrap_or(Value::Null);
    (stdout, json)
}

#[test]
fn check_returns_the_spec_json_exactly_as_the_command_line() {
    let s = Server::start();
    let files = sample_files("2018-03-立项");
    let got = upload(&s, "2018-03", &files);
    assert_eq!(got.status, 200, "{}", got.text());
    let api = got.json();
    // 说明.txt is neither a spreadsheet, a mail nor an archive: not saved, and said so.
    let refused = got.header("x-taizhang-refused").unwrap();
    assert!(refused.contains("%E8%AF%B4%E6%98%8E.txt"), "{refused}"); // 说明.txt
    let (_, cli_json) = cli(&s, &["check", "--format", "json", "inbox/2018-03"]);
    assert_eq!(api, cli_json);
    assert_eq!(api["summary"]["files"], files.len() - 1);
    assert!(api["summary"]["with_errors"].as_u64().unwrap() > 0);
    // And modulo the folder, the same as checking the samples where they are.
    let (_, original) = cli(
        &s,
        &[
            "check",
            "--format",
            "json",
            &format!("{SAMPLES}/inbox/2018-03-立项"),
        ],
    );
    let strip = |v: &Value| -> Vec<Value> {
        v["files"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| !f["path"].as_str().unwrap().ends_with(".txt"))
            .map(|f| {
                let mut f = f.clone();
                let name = f["path"].as_str().unwrap().rsplit('/').next().unwrap();
                f["path"] = Value::from(name);
                f
            })
            .collect()
    };
    assert_eq!(strip(&api), strip(&original));
    // The same month read again without uploading gives the same answer.
    assert_eq!(get(&s, "/api/check?month=2018-03").json(), api);
}

#[test]
fn every_api_call_needs_the_token() {
    let s = Server::start();
    let bare = |path: &str| finish(agent().get(format!("{}{path}", s.base)).call());
    for path in [
        "/api/meta",
        "/api/check",
        "/api/status",
        "/files/ledger",
        "/",
    ] {
        let got = bare(path);
        assert_eq!(got.status, 401, "{path}");
        assert!(got.text().contains("访问口令"), "{}", got.text());
    }
    assert_eq!(
        bare("/api/meta?token=0123456789abcdef0123456789abcdef").status,
        401
    );
    // The token in the address is for the page only: an API call must not carry it in its URL.
    assert_eq!(bare(&format!("/api/meta?token={}", s.token)).status, 401);
    let wrong = finish(
        agent()
            .get(format!("{}/api/meta", s.base))
            .header("Authorization", "Bearer nope")
            .call(),
    );
    assert_eq!(wrong.status, 401);
    assert_eq!(get(&s, "/api/meta").status, 200);
    let page = finish(agent().get(s.url()).call());
    assert_eq!(page.status, 200);
    assert!(page.text().contains("收件检查"));
    // The first load turns the token into a cookie only the server reads, for this port only.
    let cookie = page.header("set-cookie").unwrap().to_owned();
    assert!(
        cookie.starts_with(&format!("taizhang-{}={};", s.port, s.token))
            && cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let pair = cookie.split(';').next().unwrap().to_owned();
    let with_cookie = |path: &str| {
        finish(
            agent()
                .get(format!("{}{path}", s.base))
                .header("Cookie", format!("other=1; {pair}"))
                .call(),
        )
    };
    assert_eq!(with_cookie("/api/meta").status, 200);
    assert_eq!(with_cookie("/").status, 200);
    let stale = finish(
        agent()
            .get(format!("{}/api/meta", s.base))
            .header(
                "Cookie",
                format!("taizhang-{}=0123456789abcdef0123456789abcdef", s.port),
            )
            .call(),
    );
    assert_eq!(stale.status, 401);
    // The style and script hold nothing private and load without it.
    assert_eq!(bare("/app.js").status, 200);
    assert_eq!(bare("/style.css").status, 200);
}

/// A raw request, so that the Host header is exactly what a rebinding attack would send.
fn raw_status(s: &Server, host: &str) -> (u16, String) {
    let mut tcp = std::net::TcpStream::connect(("127.0.0.1", s.port)).unwrap();
    write!(
        tcp,
        "GET /api/meta HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {}\r\nConnection: close\r\n\r\n",
        s.token
    )
    .unwrap();
    let mut response = String::new();
    tcp.read_to_string(&mut response).unwrap();
    let status = response
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, response)
}

#[test]
fn a_foreign_host_header_is_refused() {
    let s = Server::start();
    for host in [
        format!("evil.example:{}", s.port),
        "127.0.0.1".to_owned(),
        format!("127.0.0.1:{}", s.port + 1),
        format!("localhost.evil.example:{}", s.port),
    ] {
        let (status, text) = raw_status(&s, &host);
        assert_eq!(status, 421, "{host}: {text}");
        assert!(text.contains("拒绝访问"), "{text}");
    }
    assert_eq!(raw_status(&s, &format!("127.0.0.1:{}", s.port)).0, 200);
    assert_eq!(raw_status(&s, &format!("localhost:{}", s.port)).0, 200);
}

#[test]
fn uploaded_names_stay_inside_the_inbox() {
    let s = Server::start();
    let bytes = std::fs::read(format!(
        "{SAMPLES}/inbox/2018-05/寿县县委-进度报告-201805.xlsx"
    ))
    .unwrap();
    let names = [
        "../../逃出去.xlsx",
        "..\\..\\windows.xlsx",
        "/etc/绝对路径.xlsx",
        "C:\\Users\\办事员\\桌面.xlsx",
        "CON.xlsx",
        "a<b>|c?.xlsx",
        "..",
    ];
    let files: Vec<(String, Vec<u8>)> = names
        .iter()
        .map(|n| (n.to_string(), bytes.clone()))
        .collect();
    let got = upload(&s, "2018-05", &files);
    assert_eq!(got.status, 200, "{}", got.text());
    let json = got.json();
    let paths: Vec<&str> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert!(
        paths
            .iter()
            .all(|p| p.starts_with("inbox/2018-05/") && !p.contains("..")),
        "{paths:?}"
    );
    let inbox = s.path("inbox/2018-05");
    for saved in [
        "逃出去.xlsx",
        "windows.xlsx",
        "绝对路径.xlsx",
        "桌面.xlsx",
        "_CON.xlsx",
        "a_b__c_.xlsx",
    ] {
        assert!(inbox.join(saved).is_file(), "{saved} in {paths:?}");
    }
    // Nothing anywhere else: the workspace holds only the policy and the inbox.
    let mut top: Vec<String> = std::fs::read_dir(s.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    top.sort();
    assert_eq!(top, ["inbox", "taizhang.toml"]);
    assert!(!s.dir.path().parent().unwrap().join("逃出去.xlsx").exists());
    // A month that is not a month is refused before anything is saved.
    let bad = upload(&s, "..%2F..", &files);
    assert_eq!(bad.status, 400);
    assert!(bad.json()["error"].as_str().unwrap().contains("月份"));
}

#[test]
fn upload_limits_are_said_in_chinese() {
    let s = Server::start();
    let many: Vec<(String, Vec<u8>)> = (0..501)
        .map(|i| (format!("{i}.xlsx"), vec![0u8; 10]))
        .collect();
    let got = upload(&s, "2018-05", &many);
    assert_eq!(got.status, 413);
    assert!(got.json()["error"]
        .as_str()
        .unwrap()
        .contains("一次最多上传 500 个文件"));
    let big = vec![(String::from("大文件.xlsx"), vec![0u8; 50 * 1024 * 1024 + 1])];
    let got = upload(&s, "2018-05", &big);
    assert_eq!(got.status, 413);
    assert!(got.json()["error"].as_str().unwrap().contains("超过 50 MB"));
    assert!(!s.path("inbox/2018-05").exists(), "nothing saved");
}

/// The counts line the command line prints for a merge (its second-to-last line).
fn summary_line(stdout: &str) -> String {
    stdout
        .lines()
        .find(|l| l.starts_with("项目：新增"))
        .unwrap_or_else(|| panic!("no summary in {stdout}"))
        .to_owned()
}

#[test]
fn merge_preview_equals_the_dry_run_then_merge_and_status_work() {
    let s = Server::start();
    assert_eq!(
        upload(&s, "2018-03", &sample_files("2018-03-立项")).status,
        200
    );
    let preview = post(&s, "/api/merge?month=2018-03&dry_run=true");
    assert_eq!(preview.status, 200, "{}", preview.text());
    let preview = preview.json();
    let (stdout, _) = cli(
        &s,
        &[
            "merge",
            "inbox/2018-03",
            "--ledger",
            "台账.xlsx",
            "--dry-run",
            "-q",
        ],
    );
    assert_eq!(preview["summary"].as_str().unwrap(), summary_line(&stdout));
    assert_eq!(
        preview["text"].as_str().unwrap(),
        stdout.split("（试运行").next().unwrap()
    );
    let count = |v: &Value, key: &str| {
        v["counts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["key"] == key)
            .unwrap()["count"]
            .as_u64()
            .unwrap()
    };
    assert!(count(&preview, "added") > 10);
    assert!(count(&preview, "rejected") > 0);
    assert!(!s.path("台账.xlsx").exists(), "a preview writes nothing");
    assert_eq!(get(&s, "/api/status").status, 404);

    // One merge at a time: while another holds the ledger's lock, the merge is refused.
    let lock = taizhang::ledger::Lock::take(&s.path("台账.xlsx")).unwrap();
    let refused = post(&s, "/api/merge?month=2018-03&dry_run=false");
    assert_eq!(refused.status, 409);
    assert!(refused.json()["error"]
        .as_str()
        .unwrap()
        .contains("另一个合并任务"));
    drop(lock);

    let merged = post(&s, "/api/merge?month=2018-03&dry_run=false");
    assert_eq!(merged.status, 200, "{}", merged.text());
    let merged = merged.json();
    assert_eq!(merged["summary"], preview["summary"]);
    assert!(s.path("台账.xlsx").is_file());
    let again = post(&s, "/api/merge?month=2018-03&dry_run=true").json();
    assert_eq!(
        count(&again, "already_merged"),
        count(&preview, "added") + count(&preview, "updated") + count(&preview, "unchanged")
    );

    // The reports of April, then the status at the end of April.
    assert_eq!(upload(&s, "2018-04", &sample_files("2018-04")).status, 200);
    assert_eq!(
        post(&s, "/api/merge?month=2018-04&dry_run=false").status,
        200
    );
    let status = get(&s, "/api/status?as_of=2018-04-30");
    assert_eq!(status.status, 200, "{}", status.text());
    let status = status.json();
    assert_eq!(status["month"], "2018-04");
    let total: u64 = status["totals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["count"].as_u64().unwrap())
        .sum();
    assert_eq!(total, status["projects"].as_u64().unwrap());
    assert!(total > 10);
    assert!(!status["chase"].as_array().unwrap().is_empty());
    assert!(!status["units"].as_array().unwrap().is_empty());
    // The command line says the same about the same ledger.
    let (stdout, _) = cli(
        &s,
        &[
            "status",
            "--ledger",
            "台账.xlsx",
            "--as-of",
            "2018-04-30",
            "--out",
            "x.xlsx",
        ],
    );
    assert!(
        stdout.contains(&format!(
            "督办 {} 个",
            status["chase"].as_array().unwrap().len()
        )),
        "{stdout}"
    );
    assert_eq!(get(&s, "/api/status?as_of=六月底").status, 400);
}

/// The query value of `text`, percent-encoded (the backup time has a space and colons).
fn query_value(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'0'..=b'9' | b'A'..=b'Z' | b'a'..=b'z' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[test]
fn undo_puts_back_the_ledger_of_before_the_last_merge_once_confirmed() {
    let s = Server::start();
    let ledger = s.path("台账.xlsx");
    // Guarded like every call.
    let bare = finish(agent().post(format!("{}/api/undo", s.base)).send_empty());
    assert_eq!(bare.status, 401);
    assert_eq!(get(&s, "/api/undo").json()["available"], false);
    // The 合并 tab has the button, and the script asks before it posts.
    assert!(finish(agent().get(s.url()).call())
        .text()
        .contains("撤销上次合并"));
    let script = finish(agent().get(format!("{}/app.js", s.base)).call()).text();
    assert!(script.contains("confirm(undoInfo.confirm)"), "{script}");

    assert_eq!(
        upload(&s, "2018-03", &sample_files("2018-03-立项")).status,
        200
    );
    assert_eq!(
        post(&s, "/api/merge?month=2018-03&dry_run=false").status,
        200
    );
    let first = std::fs::read(&ledger).unwrap();
    // The first merge made the ledger: nothing before it to go back to.
    assert_eq!(get(&s, "/api/undo").json()["available"], false);
    let none = post(&s, "/api/undo");
    assert_eq!(none.status, 422, "{}", none.text());
    assert!(none.json()["error"].as_str().unwrap().contains("无法撤销"));

    assert_eq!(upload(&s, "2018-04", &sample_files("2018-04")).status, 200);
    assert_eq!(
        post(&s, "/api/merge?month=2018-04&dry_run=false").status,
        200
    );
    let second = std::fs::read(&ledger).unwrap();
    let info = get(&s, "/api/undo");
    assert_eq!(info.status, 200, "{}", info.text());
    let info = info.json();
    assert_eq!(info["available"], true, "{info}");
    assert_eq!(info["generations"], 1);
    let time = info["time"].as_str().unwrap().to_owned();
    assert_eq!(time.len(), "2018-05-03 14:20".len(), "{time}");
    assert!(info["confirm"].as_str().unwrap().contains(&time), "{info}");
    assert!(info["note"].as_str().unwrap().contains(&time), "{info}");
    let expect = format!("/api/undo?expect={}", query_value(&time));

    // While a merge holds the lock, or the ledger is open in Excel: 409, nothing changes.
    let lock = taizhang::ledger::Lock::take(&ledger).unwrap();
    let locked = post(&s, &expect);
    assert_eq!(locked.status, 409, "{}", locked.text());
    assert!(locked.json()["error"]
        .as_str()
        .unwrap()
        .contains("另一个合并任务"));
    drop(lock);
    let office = s.path("~$台账.xlsx");
    std::fs::write(&office, b"").unwrap();
    let open = post(&s, &expect);
    assert_eq!(open.status, 409, "{}", open.text());
    assert!(open.json()["error"]
        .as_str()
        .unwrap()
        .contains("正在被 Excel/WPS 打开"));
    std::fs::remove_file(&office).unwrap();
    // A question about another backup than the one there now is not an answer.
    let stale = post(&s, "/api/undo?expect=2000-01-01%2000%3A00");
    assert_eq!(stale.status, 409, "{}", stale.text());
    assert_eq!(std::fs::read(&ledger).unwrap(), second);
    assert!(!s.path("台账.xlsx.undone").exists());

    let done = post(&s, &expect);
    assert_eq!(done.status, 200, "{}", done.text());
    let done = done.json();
    assert!(
        done["message"].as_str().unwrap().contains("已撤销上次合并"),
        "{done}"
    );
    assert!(done["message"].as_str().unwrap().contains(&time), "{done}");
    assert_eq!(done["remaining"], 0);
    assert_eq!(done["next"]["available"], false);
    assert_eq!(std::fs::read(&ledger).unwrap(), first);
    assert_eq!(std::fs::read(s.path("台账.xlsx.undone")).unwrap(), second);
    assert_eq!(get(&s, "/api/undo").json()["available"], false);
    // The page goes on from the restored ledger.
    assert_eq!(get(&s, "/api/status?as_of=2018-03-31").status, 200);
}

/// Sheet names of a downloaded workbook (which must open).
fn sheets(bytes: Vec<u8>) -> Vec<String> {
    use calamine::Reader;
    let book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).expect("a valid xlsx");
    book.sheet_names()
}

#[test]
fn downloads_are_workbooks_that_open() {
    let s = Server::start();
    assert_eq!(get(&s, "/files/ledger").status, 404);
    assert_eq!(
        upload(&s, "2018-03", &sample_files("2018-03-立项")).status,
        200
    );
    let report = get(&s, "/files/report?month=2018-03");
    assert_eq!(report.status, 200);
    let disposition = report.header("content-disposition").unwrap().to_owned();
    assert!(disposition.contains("UTF-8''2018-03"), "{disposition}");
    assert!(sheets(report.body).contains(&"问题清单".to_owned()));
    assert!(
        s.path("输出/2018-03校验报告.xlsx").is_file(),
        "a copy for the clerk"
    );
    assert_eq!(
        post(&s, "/api/merge?month=2018-03&dry_run=false").status,
        200
    );
    let ledger = get(&s, "/files/ledger");
    assert_eq!(ledger.status, 200);
    assert!(sheets(ledger.body).contains(&"项目台账".to_owned()));
    let status = get(&s, "/files/status?as_of=2018-04-30");
    assert_eq!(status.status, 200);
    let names = sheets(status.body);
    assert!(
        names.contains(&"进度总览".to_owned()) && names.contains(&"督办清单".to_owned()),
        "{names:?}"
    );
    // The 督办通知 drafts, as `notices --kind reminder` writes them: in April nobody has
    // reported yet, so every unit with a project started gets one.
    let reminders = get(&s, "/files/reminders?as_of=2018-05-10");
    assert_eq!(reminders.status, 200);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(reminders.body)).unwrap();
    let names: Vec<String> = (0..zip.len())
        .map(|i| zip.by_index(i).unwrap().name().unwrap().into_owned())
        .collect();
    assert!(
        names.iter().any(|n| n.ends_with("-督办通知.eml")),
        "{names:?}"
    );
    let mut text = String::new();
    let txt = names.iter().find(|n| n.ends_with(".txt")).unwrap().clone();
    std::io::Read::read_to_string(&mut zip.by_name(&txt).unwrap(), &mut text).unwrap();
    assert!(text.contains("未报送 2018-04 进度报告"), "{text}");
    // Before the first month nothing is to be chased: said, not an empty zip.
    let none = get(&s, "/files/reminders?as_of=2018-03-31");
    assert_eq!(none.status, 404);
}

#[test]
fn no_arguments_serves_the_current_folder() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_taizhang"));
    // `BROWSER=true`: the browser the webbrowser crate would start is `true`, which does nothing.
    cmd.current_dir(dir.path()).env("BROWSER", "true");
    let s = Server::spawn(cmd, dir);
    let meta = get(&s, "/api/meta").json();
    let shown = PathBuf::from(meta["workspace"].as_str().unwrap());
    assert_eq!(
        shown.canonicalize().unwrap(),
        s.dir.path().canonicalize().unwrap()
    );
}

#[test]
fn mails_dropped_on_the_page_are_opened_and_answered_with_reply_drafts() {
    let s = Server::start();
    let mut mails: Vec<(String, Vec<u8>)> = std::fs::read_dir(Path::new(SAMPLES).join("mail"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "eml"))
        .map(|p| {
            let name = p.file_name().unwrap().to_str().unwrap().to_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    mails.sort();
    assert_eq!(mails.len(), 3);
    let checked = upload(&s, "2018-03", &mails);
    assert_eq!(checked.status, 200);
    let body = checked.json();
    let names: Vec<&str> = body["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert!(
        names.iter().any(
            |n| n.ends_with("大通区委立项书.zip › 大通区委立项书/大通区委 社区党校立项书.xlsx")
        ),
        "{names:?}"
    );
    // The letters the page lists, as the library composes them: per unit, to the sender.
    let letters = get(&s, "/api/replies?month=2018-03").json();
    let datong = letters
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["unit"] == "大通区委")
        .unwrap_or_else(|| panic!("{letters}"));
    assert_eq!(datong["kind"], "退回修改");
    assert_eq!(datong["to"], "dtqwzzb@example.cn");
    assert!(datong["body"].as_str().unwrap().contains("明年春天"));
    // The drafts: one zip, a .eml and a .txt per unit with problems, addressed to the sender.
    let got = get(&s, "/files/replies?month=2018-03");
    assert_eq!(got.status, 200);
    assert_eq!(got.header("content-type"), Some("application/zip"));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(got.body)).unwrap();
    let entries: Vec<String> = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
    assert!(
        entries.contains(&"大通区委-退回修改.eml".to_owned())
            && entries.contains(&"大通区委-退回修改.txt".to_owned()),
        "{entries:?}"
    );
    let mut eml = Vec::new();
    std::io::Read::read_to_end(&mut zip.by_name("大通区委-退回修改.eml").unwrap(), &mut eml)
        .unwrap();
    let parsed = mail_parser::MessageParser::default().parse(&eml).unwrap();
    assert!(parsed.subject().unwrap().starts_with("【退回修改】"));
    let text = parsed.body_text(0).unwrap();
    assert!(
        text.contains("明年春天") && text.contains("立项书!B11"),
        "{text}"
    );
    // A month with nothing received has nothing to answer: a plain message, not an empty zip.
    let none = get(&s, "/files/replies?month=2018-07");
    assert_eq!(none.status, 404);
    assert!(none.text().contains("没有需要回复"), "{}", none.text());
}

#[test]
fn the_year_end_workbooks_come_from_the_score_sheets_dropped_on_the_page() {
    let s = Server::start();
    assert_eq!(get(&s, "/files/ranking").status, 404, "no ledger yet");
    let months = [
        ("2018-03", "2018-03-立项"),
        ("2018-04", "2018-04"),
        ("2018-05", "2018-05"),
    ];
    for (month, folder) in months {
        assert_eq!(upload(&s, month, &sample_files(folder)).status, 200);
        let merged = post(&s, &format!("/api/merge?month={month}&dry_run=false"));
        assert_eq!(merged.status, 200, "{}", merged.text());
    }
    let sheet = get(&s, "/files/scoresheet");
    assert_eq!(sheet.status, 200);
    assert!(!sheets(sheet.body).is_empty());
    let none = get(&s, "/files/ranking");
    assert_eq!(none.status, 404);
    assert!(none.text().contains("评分表"), "{}", none.text());
    // The reviewers' sheets arrive with December's mail, like any attachment.
    let scores: Vec<(String, Vec<u8>)> = std::fs::read_dir(Path::new(SAMPLES).join("scores"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let name = p.file_name().unwrap().to_str().unwrap().to_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    assert_eq!(upload(&s, "2018-12", &scores).status, 200);
    let ranking = get(&s, "/files/ranking");
    assert_eq!(ranking.status, 200, "{}", ranking.text());
    assert!(sheets(ranking.body).contains(&"综合排名".to_owned()));
    let exemplary = get(&s, "/files/exemplary");
    assert_eq!(exemplary.status, 200, "{}", exemplary.text());
    assert!(!sheets(exemplary.body).is_empty());
    assert!(s.path("输出/年度综合排名.xlsx").is_file());
}

#[test]
fn every_response_carries_the_security_headers() {
    let s = Server::start();
    let bare = |path: &str| finish(agent().get(format!("{}{path}", s.base)).call());
    for got in [
        finish(agent().get(s.url()).call()),
        get(&s, "/api/meta"),
        bare("/app.js"),
        bare("/api/meta"),
        get(&s, "/files/ledger"),
    ] {
        let csp = got.header("content-security-policy").unwrap_or("");
        assert!(
            csp.contains("script-src 'self'")
                && !csp.contains("unsafe-inline")
                && csp.contains("frame-ancestors 'none'"),
            "{csp}"
        );
        assert_eq!(got.header("x-frame-options"), Some("DENY"));
        assert_eq!(got.header("referrer-policy"), Some("no-referrer"));
        assert_eq!(got.header("x-content-type-options"), Some("nosniff"));
    }
    // No inline script in the page (the policy would block it).
    let page = finish(agent().get(s.url()).call()).text();
    assert_eq!(page.matches("<script").count(), 1, "{page}");
    assert!(page.contains("<script src=\"/app.js\"></script>"));
    assert!(!page.contains("onclick="), "no inline handlers");
}

/// A POST as a browser sends it for a page of `origin` (`Sec-Fetch-Site: site`), with the token
/// in every form a forging page could have put it: query, cookie.
fn forged_post(s: &Server, path: &str, origin: &str, site: Option<&str>) -> Got {
    let mut r = agent()
        .post(format!("{}{path}&token={}", s.base, s.token))
        .header("Origin", origin)
        .header("Cookie", format!("taizhang-{}={}", s.port, s.token))
        .header("Content-Type", "application/x-www-form-urlencoded");
    if let Some(site) = site {
        r = r.header("Sec-Fetch-Site", site);
    }
    finish(r.send("x=1"))
}

#[test]
fn a_post_from_another_origin_is_refused() {
    let s = Server::start();
    assert_eq!(
        upload(&s, "2018-03", &sample_files("2018-03-立项")).status,
        200
    );
    let merge = "/api/merge?month=2018-03&dry_run=false";
    let other_port = format!("http://127.0.0.1:{}", s.port + 1);
    for (origin, site) in [
        ("https://evil.example", Some("cross-site")),
        ("https://evil.example", None),
        ("null", Some("cross-site")),
        (other_port.as_str(), Some("same-site")),
        (other_port.as_str(), None),
    ] {
        let got = forged_post(&s, merge, origin, site);
        assert_eq!(got.status, 403, "{origin} {site:?}: {}", got.text());
        assert!(got.text().contains("其他网站"), "{}", got.text());
    }
    // The page's own origin, but the browser says another site asked: refused too.
    let own = format!("http://127.0.0.1:{}", s.port);
    assert_eq!(forged_post(&s, merge, &own, Some("cross-site")).status, 403);
    // Another site's page reading the month's checks or a download: refused.
    let read = finish(
        agent()
            .get(format!("{}/files/report?month=2018-03", s.base))
            .header("Authorization", format!("Bearer {}", s.token))
            .header("Sec-Fetch-Site", "cross-site")
            .call(),
    );
    assert_eq!(read.status, 403);
    for (path, method) in [
        ("/api/undo?x=1", "POST"),
        ("/api/inbox?month=2018-03&name=x.xlsx", "DELETE"),
    ] {
        let r = ureq::http::Request::builder()
            .method(method)
            .uri(format!("{}{path}", s.base))
            .header("Authorization", format!("Bearer {}", s.token))
            .header("Origin", "https://evil.example")
            .body(())
            .unwrap();
        assert_eq!(finish(agent().run(r)).status, 403, "{method} {path}");
    }
    assert!(!s.path("台账.xlsx").exists(), "nothing merged");
    // The page itself (its origin, same-origin) merges.
    let ok = finish(
        agent()
            .post(format!("{}{merge}", s.base))
            .header("Origin", &own)
            .header("Sec-Fetch-Site", "same-origin")
            .header("Cookie", format!("taizhang-{}={}", s.port, s.token))
            .send_empty(),
    );
    assert_eq!(ok.status, 200, "{}", ok.text());
    assert!(s.path("台账.xlsx").is_file());
}

fn delete(s: &Server, month: &str, name: &str) -> Got {
    let q = format!(
        "month={month}&name={}",
        name.bytes()
            .map(|b| format!("%{b:02X}"))
            .collect::<String>()
    );
    let r = ureq::http::Request::builder()
        .method("DELETE")
        .uri(format!("{}/api/inbox?{q}", s.base))
        .header("Authorization", format!("Bearer {}", s.token))
        .body(())
        .unwrap();
    finish(agent().run(r))
}

#[test]
fn a_file_uploaded_by_mistake_is_removed_from_the_inbox_only() {
    let s = Server::start();
    let files: Vec<(String, Vec<u8>)> = sample_files("2018-05")
        .into_iter()
        .filter(|(n, _)| n.ends_with(".xlsx"))
        .take(2)
        .collect();
    assert_eq!(upload(&s, "2018-05", &files).status, 200);
    let wrong = &files[0].0;
    let got = delete(&s, "2018-05", wrong);
    assert_eq!(got.status, 200, "{}", got.text());
    let paths: Vec<String> = got.json()["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(paths, [format!("inbox/2018-05/{}", files[1].0)]);
    assert!(!s.path(&format!("inbox/2018-05/{wrong}")).exists());
    let again = delete(&s, "2018-05", wrong);
    assert_eq!(again.status, 404);
    assert!(again.json()["error"].as_str().unwrap().contains("没有"));
    std::fs::create_dir_all(s.path("inbox/2018-04")).unwrap();
    for bad in [
        "../../taizhang.toml",
        "../2018-04",
        "..",
        "",
        "/etc/passwd",
        "..\\taizhang.toml",
    ] {
        let got = delete(&s, "2018-05", bad);
        assert_eq!(got.status, 400, "{bad}: {}", got.text());
    }
    assert_eq!(delete(&s, "..%2F..", &files[1].0).status, 400);
    assert!(s.path("taizhang.toml").is_file());
    assert!(s.path("inbox/2018-04").is_dir());
    assert!(s.path(&format!("inbox/2018-05/{}", files[1].0)).is_file());
}

#[test]
fn a_300_character_name_is_saved_shortened_with_its_extension() {
    let s = Server::start();
    let bytes = std::fs::read(format!(
        "{SAMPLES}/inbox/2018-05/寿县县委-进度报告-201805.xlsx"
    ))
    .unwrap();
    let long = format!("{}.xlsx", "寿县县委进度报告".repeat(38));
    assert!(long.chars().count() > 300);
    let got = upload(&s, "2018-05", &[(long, bytes)]);
    assert_eq!(got.status, 200, "{}", got.text());
    let saved: Vec<String> = std::fs::read_dir(s.path("inbox/2018-05"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(saved.len(), 1, "{saved:?}");
    assert!(
        saved[0].len() <= 255 && saved[0].ends_with(".xlsx"),
        "{saved:?}"
    );
    assert!(saved[0].starts_with("寿县县委进度报告"), "{saved:?}");
}

#[test]
fn overlapping_uploads_of_the_same_files_store_each_once() {
    let s = Server::start();
    let files = sample_files("2018-04");
    std::thread::scope(|scope| {
        let runs: Vec<_> = (0..3)
            .map(|_| scope.spawn(|| upload(&s, "2018-04", &files).status))
            .collect();
        for r in runs {
            assert_eq!(r.join().unwrap(), 200);
        }
    });
    let mut saved: Vec<String> = std::fs::read_dir(s.path("inbox/2018-04"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    saved.sort();
    let mut sent: Vec<String> = files
        .iter()
        .map(|(n, _)| n.clone())
        .filter(|n| !n.ends_with(".txt"))
        .collect();
    sent.sort();
    assert_eq!(saved, sent);
    // No staging file left behind either.
    let left: Vec<_> = std::fs::read_dir(s.path("inbox"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_half_sent_request_is_cut_off() {
    let s = Server::start();
    let mut tcp = std::net::TcpStream::connect(("127.0.0.1", s.port)).unwrap();
    tcp.set_read_timeout(Some(std::time::Duration::from_secs(40)))
        .unwrap();
    let started = std::time::Instant::now();
    write!(
        tcp,
        "GET /api/meta HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n",
        s.port
    )
    .unwrap();
    let mut rest = Vec::new();
    let _ = tcp.read_to_end(&mut rest);
    let took = started.elapsed();
    assert!(
        took >= std::time::Duration::from_secs(8) && took < std::time::Duration::from_secs(30),
        "{took:?}"
    );
    // And the server still answers.
    assert_eq!(get(&s, "/api/meta").status, 200);
}

#[test]
fn score_sheets_are_reviewers_and_get_no_letter() {
    let s = Server::start();
    let scores: Vec<(String, Vec<u8>)> = std::fs::read_dir(Path::new(SAMPLES).join("scores"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let name = p.file_name().unwrap().to_str().unwrap().to_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    let got = upload(&s, "2018-12", &scores);
    assert_eq!(got.status, 200);
    let json = got.json();
    let files = json["files"].as_array().unwrap();
    assert!(files.iter().all(|f| f["kind"] == "scores"), "{json}");
    assert!(files.iter().any(|f| f["record"]["reviewer"]
        .as_str()
        .is_some_and(|r| !r.is_empty())));
    let letters = get(&s, "/api/replies?month=2018-12&ack=true").json();
    assert_eq!(letters, Value::Array(vec![]), "{letters}");
    assert_eq!(get(&s, "/files/replies?month=2018-12&ack=true").status, 404);
}

/// `taizhang serve` on a workspace whose policy has `approval = true` (the innovation preset).
fn server_with_approval() -> Server {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("taizhang.toml"),
        taizhang::policy::INNOVATION_TOML,
    )
    .unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_taizhang"));
    cmd.args(["serve", "--port", "0", "--no-browser", "--workspace"])
        .arg(dir.path());
    Server::spawn(cmd, dir)
}

/// A POST of `body` as JSON with the token.
fn post_json(s: &Server, path: &str, body: &Value) -> Got {
    finish(
        agent()
            .post(format!("{}{path}", s.base))
            .header("Authorization", format!("Bearer {}", s.token))
            .header("Content-Type", "application/json")
            .send(body.to_string().as_bytes()),
    )
}

fn waiting_ids(s: &Server) -> Vec<String> {
    let got = get(s, "/api/approvals");
    assert_eq!(got.status, 200, "{}", got.text());
    let body = got.json();
    assert_eq!(body["approval"], true);
    body["waiting"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn the_proposals_waiting_are_listed_and_decided_on_the_page() {
    use taizhang::model::Column;
    let s = server_with_approval();
    // Before the first merge nothing waits.
    assert!(waiting_ids(&s).is_empty());
    assert_eq!(
        upload(&s, "2018-03", &sample_files("2018-03-立项")).status,
        200
    );
    let merged = post(&s, "/api/merge?month=2018-03&dry_run=false");
    assert_eq!(merged.status, 200, "{}", merged.text());
    let listed = get(&s, "/api/approvals").json();
    let first = &listed["waiting"][0];
    for key in ["id", "unit", "name", "category", "owner"] {
        assert!(first[key].is_string(), "{key}: {listed}");
    }
    assert!(!first["name"].as_str().unwrap().is_empty(), "{listed}");
    let labels: Vec<&str> = listed["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["label"].as_str().unwrap())
        .collect();
    assert_eq!(
        labels,
        ["项目编号", "申报单位", "项目名称", "项目类别", "责任人"]
    );
    let states: Vec<&str> = listed["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["state"].as_str().unwrap())
        .collect();
    assert_eq!(states, ["已批复", "退回修改", "不予立项"]);
    let waiting = waiting_ids(&s);
    assert!(waiting.len() > 10, "{waiting:?}");

    // An unknown ID, a state that is none of the four: refused, the ledger unchanged.
    let ledger = s.path("台账.xlsx");
    let before = std::fs::read(&ledger).unwrap();
    let unknown = post_json(
        &s,
        "/api/approve",
        &serde_json::json!({ "ids": [waiting[0], "2018-999"], "state": "已批复" }),
    );
    assert_eq!(unknown.status, 422, "{}", unknown.text());
    assert!(unknown.json()["error"]
        .as_str()
        .unwrap()
        .contains("2018-999"));
    let bad_state = post_json(
        &s,
        "/api/approve",
        &serde_json::json!({ "ids": [waiting[0]], "state": "批了" }),
    );
    assert_eq!(bad_state.status, 422, "{}", bad_state.text());
    assert_eq!(
        post_json(
            &s,
            "/api/approve",
            &serde_json::json!({ "ids": [], "state": "已批复" })
        )
        .status,
        422
    );
    assert_eq!(
        post_json(&s, "/api/approve", &serde_json::json!([1])).status,
        400
    );
    // While the ledger is locked (a merge elsewhere): 409.
    let lock = taizhang::ledger::Lock::take(&ledger).unwrap();
    let locked = post_json(
        &s,
        "/api/approve",
        &serde_json::json!({ "ids": [waiting[0]], "state": "已批复" }),
    );
    assert_eq!(locked.status, 409, "{}", locked.text());
    drop(lock);
    // A page of another site: refused.
    let forged = finish(
        agent()
            .post(format!("{}/api/approve", s.base))
            .header("Origin", "https://evil.example")
            .header("Sec-Fetch-Site", "cross-site")
            .header("Cookie", format!("taizhang-{}={}", s.port, s.token))
            .header("Content-Type", "application/json")
            .send(
                serde_json::json!({ "ids": [waiting[0]], "state": "已批复" })
                    .to_string()
                    .as_bytes(),
            ),
    );
    assert_eq!(forged.status, 403, "{}", forged.text());
    assert_eq!(std::fs::read(&ledger).unwrap(), before, "nothing written");
    assert_eq!(waiting_ids(&s), waiting);

    // Two approved: the rest still wait.
    let chosen = [waiting[0].clone(), waiting[1].clone()];
    let done = post_json(
        &s,
        "/api/approve",
        &serde_json::json!({ "ids": chosen, "state": "已批复", "note": "同意立项" }),
    );
    assert_eq!(done.status, 200, "{}", done.text());
    let done = done.json();
    assert_eq!(
        done["message"],
        taizhang::say::ledger::approved(2, 0, "已批复")
    );
    assert_eq!(
        done["next"]["waiting"].as_array().unwrap().len(),
        waiting.len() - 2
    );
    assert_eq!(waiting_ids(&s), waiting[2..]);

    // The ledger read back: 已批复 with the note, and the 变更记录 rows.
    let l = taizhang::ledger::Ledger::read(&ledger).unwrap();
    for id in &chosen {
        let r = l
            .project_rows()
            .find(|&r| l.projects.get(r, Column::ProjectId).display() == *id)
            .unwrap();
        assert_eq!(l.projects.get(r, Column::Approval).display(), "已批复");
        assert_eq!(
            l.projects.get(r, Column::ApprovalNote).display(),
            "同意立项"
        );
        let logged: Vec<(String, String)> = (0..l.changes.rows.len())
            .filter(|&c| l.changes.get(c, Column::ProjectId).display() == *id)
            .map(|c| {
                (
                    l.changes.get(c, Column::Field).display(),
                    l.changes.get(c, Column::NewValue).display(),
                )
            })
            .collect();
        assert!(
            logged.contains(&("审核状态".to_owned(), "已批复".to_owned())),
            "{logged:?}"
        );
        assert!(
            logged.contains(&("审核意见".to_owned(), "同意立项".to_owned())),
            "{logged:?}"
        );
    }
}

#[test]
fn nothing_waits_when_the_policy_has_no_approval() {
    let s = Server::start();
    assert_eq!(
        upload(&s, "2018-03", &sample_files("2018-03-立项")).status,
        200
    );
    assert_eq!(
        post(&s, "/api/merge?month=2018-03&dry_run=false").status,
        200
    );
    let got = get(&s, "/api/approvals").json();
    assert_eq!(got["approval"], false);
    assert!(got["waiting"].as_array().unwrap().is_empty());
}

/// An extension asked for in a report (SPEC §10) is listed on the 合并 step and granted there,
/// as `approve ID --deadline D` does: 完成时间 changes and the request leaves the list.
#[test]
fn an_extension_asked_in_a_report_is_granted_on_the_page() {
    let s = Server::start();
    for month in ["2018-03-立项", "2018-12"] {
        let name = if month.ends_with("立项") {
            "2018-03"
        } else {
            month
        };
        assert_eq!(upload(&s, name, &sample_files(month)).status, 200);
        assert_eq!(
            post(&s, &format!("/api/merge?month={name}&dry_run=false")).status,
            200
        );
    }
    let listed = get(&s, "/api/approvals").json();
    let ext = listed["extensions"].as_array().unwrap();
    assert_eq!(ext.len(), 1, "{listed}");
    assert_eq!(ext[0]["id"], "2018-007");
    assert_eq!(ext[0]["asked"], "2019-03-31");
    assert_eq!(ext[0]["label"], "同意延期至 2019-03-31");
    let bad = post_json(
        &s,
        "/api/approve",
        &serde_json::json!({ "ids": ["2018-007"], "deadline": "明年" }),
    );
    assert_eq!(bad.status, 422);
    let done = post_json(
        &s,
        "/api/approve",
        &serde_json::json!({ "ids": ["2018-007"], "deadline": "2019-03-31" }),
    );
    assert_eq!(done.status, 200);
    let body = done.json();
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("完成时间改为 2019-03-31"),
        "{body}"
    );
    assert!(
        body["next"]["extensions"].as_array().unwrap().is_empty(),
        "{body}"
    );
}
