//! The page in a real browser: headless Chromium from Debian's packages, driven through
//! chromedriver with fantoccini. Two sample files are picked on the page; their rows and problems
//! must appear; then the preview, the merge, the status chart and, with approval on, one
//! proposal approved from the waiting list. Screenshots go to `target/`
//! (and, with `TAIZHANG_DOCS_SCREENSHOTS=1`, a fuller month to `docs/` for the clerks' guide).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

use super::{Server, SAMPLES};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// chromedriver on a free port; killed when dropped.
struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_driver() -> Driver {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let driver = Driver { child, port };
    let until = Instant::now() + Duration::from_secs(15);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < until, "chromedriver did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    driver
}

/// True when the browser can run here; otherwise says so loudly, or fails when
/// `TAIZHANG_REQUIRE_BROWSER=1` (CI sets it, after installing Chromium).
fn browser_available() -> bool {
    if Path::new(CHROMIUM).is_file() && Path::new(CHROMEDRIVER).is_file() {
        return true;
    }
    let message = format!(
        "\n!!!!!!!!!!\n!!! browser test SKIPPED: {CHROMIUM} or {CHROMEDRIVER} is missing \
         (apt-get install chromium chromium-driver)\n!!!!!!!!!!\n"
    );
    if std::env::var("TAIZHANG_REQUIRE_BROWSER").as_deref() == Ok("1") {
        panic!("{message}");
    }
    eprintln!("{message}");
    false
}

async fn connect(driver: &Driver, profile: &Path) -> Client {
    let caps = json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--lang=zh-CN", "--window-size=1280,1000",
                format!("--user-data-dir={}", profile.display()),
            ]
        }
    });
    let Value::Object(caps) = caps else {
        unreachable!()
    };
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("a WebDriver session")
}

/// Runs a script until it returns true, or fails after `secs` seconds saying what it waited for.
async fn wait_for(c: &Client, script: &str, secs: u64) {
    let until = Instant::now() + Duration::from_secs(secs);
    loop {
        let v = c.execute(script, vec![]).await.unwrap();
        if v == Value::Bool(true) {
            return;
        }
        if Instant::now() > until {
            let text = c
                .execute("return document.body.innerText", vec![])
                .await
                .unwrap();
            panic!("waited for `{script}`; the page says:\n{text}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn text_of(c: &Client, css: &str) -> String {
    c.find(Locator::Css(css))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

async fn set_value(c: &Client, id: &str, value: &str) {
    let script = "const n = document.getElementById(arguments[0]); n.value = arguments[1]; \
                  n.dispatchEvent(new Event('change'));";
    c.execute(script, vec![json!(id), json!(value)])
        .await
        .unwrap();
}

async fn click(c: &Client, css: &str) {
    c.find(Locator::Css(css))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

async fn screenshot(c: &Client, path: &Path) {
    // From the top of the page, wherever the last click scrolled to.
    c.execute("window.scrollTo(0, 0); return true", vec![])
        .await
        .unwrap();
    let png = c.screenshot().await.unwrap();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, png).unwrap();
    eprintln!("screenshot: {}", path.display());
}

/// Picks files on the page's file input (WebDriver sets several paths at once, one per line).
async fn pick(c: &Client, files: &[PathBuf]) {
    let keys: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    let input = c.find(Locator::Css("#files")).await.unwrap();
    input.send_keys(&keys.join("\n")).await.unwrap();
}

fn inbox(folder: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(Path::new(SAMPLES).join("inbox").join(folder))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

/// Step 3: the preview, waited for until the merge button is offered.
async fn preview(c: &Client) {
    click(c, "[data-step=merge]").await;
    click(c, "#preview").await;
    wait_for(
        c,
        "return !document.getElementById('do-merge').disabled",
        20,
    )
    .await;
}

/// Step 3: the merge itself, waited for until the page says it is done.
async fn confirm_merge(c: &Client) {
    click(c, "#do-merge").await;
    let done = "return document.getElementById('merge-msg').textContent.startsWith('已合并')";
    wait_for(c, done, 20).await;
}

const RETURN_ROWS: &str = "return document.querySelectorAll('#return-list tbody tr').length > 0";
const ROWS: &str = "return document.querySelectorAll('#results tbody tr').length";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_checks_picked_files_merges_and_shows_the_status() {
    if !browser_available() {
        return;
    }
    let docs = std::env::var("TAIZHANG_DOCS_SCREENSHOTS").as_deref() == Ok("1");
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    let docs_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs");
    let server = Server::start();
    let driver = start_driver();
    let profile = tempfile::tempdir().unwrap();
    let c = connect(&driver, profile.path()).await;
    c.goto(&server.url()).await.unwrap();
    wait_for(
        &c,
        "return document.getElementById('workspace').textContent.length > 0",
        10,
    )
    .await;
    // The token leaves the address bar at once (the cookie carries it from now on).
    let address = c.current_url().await.unwrap();
    assert!(!address.as_str().contains("token"), "{address}");
    set_value(&c, "month", "2018-03").await;

    // A download refused (no ledger yet) is said on the page, in Chinese, and the page stays.
    click(&c, "[data-step=status]").await;
    click(&c, "#download-ledger").await;
    wait_for(
        &c,
        "return document.getElementById('download-msg').textContent.includes('还没有台账')",
        10,
    )
    .await;
    let here = c.execute("return location.pathname", vec![]).await.unwrap();
    assert_eq!(here, "/");
    click(&c, "[data-step=intake]").await;

    // 收件: two files, one with an error, one without.
    let dir = Path::new(SAMPLES).join("inbox/2018-03-立项");
    let two = [
        dir.join("大通区委 社区党校立项书.xlsx"),
        dir.join("田家庵区委-立项书.xlsx"),
    ];
    let picked = if docs {
        inbox("2018-03-立项")
    } else {
        two.to_vec()
    };
    pick(&c, &picked).await;
    let expected = if docs { 32 } else { 2 };
    let rows =
        format!("return document.querySelectorAll('#results tbody tr').length === {expected}");
    wait_for(&c, &rows, 20).await;
    let bars = c
        .execute(
            "return document.querySelectorAll('#upload-progress li progress').length",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(bars, json!(picked.len()), "a bar per file");
    let free = "return !document.getElementById('files').disabled && \
                !document.getElementById('drop').classList.contains('busy')";
    wait_for(&c, free, 5).await;

    let table = text_of(&c, "#results").await;
    assert!(table.contains("大通区委"), "{table}");
    assert!(
        table.contains("明年春天"),
        "the problem in the clerk's words: {table}"
    );
    assert!(table.contains("退回：1 个错误"), "{table}");
    assert!(table.contains("通过"), "{table}");
    let red = c
        .execute(
            "return [...document.querySelectorAll('#results .problem.bad')].map(n => getComputedStyle(n).color)",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(red[0], "rgb(176, 0, 32)", "errors are red");
    screenshot(&c, &target.join("serve-screenshot.png")).await;
    if docs {
        screenshot(&c, &docs_dir.join("serve-intake.png")).await;
    }

    // A file sent by mistake, and removed with its button.
    let wrong = Path::new(SAMPLES).join("inbox/2018-05/寿县县委-进度报告-201805.xlsx");
    pick(&c, &[wrong]).await;
    let more = format!(
        "return document.querySelectorAll('#results tbody tr').length === {}",
        expected + 1
    );
    wait_for(&c, &more, 20).await;
    c.execute("window.confirm = () => true; return true", vec![])
        .await
        .unwrap();
    click(
        &c,
        "#results tr[data-path='inbox/2018-03/寿县县委-进度报告-201805.xlsx'] button.remove",
    )
    .await;
    wait_for(&c, &rows, 20).await;
    assert!(!server
        .dir
        .path()
        .join("inbox/2018-03/寿县县委-进度报告-201805.xlsx")
        .exists());
    let said = text_of(&c, "#intake-msg").await;
    assert!(said.contains("已从收件夹删除"), "{said}");
    click(&c, "#only-problems").await;
    let with_problems = c.execute(ROWS, vec![]).await.unwrap();
    assert!(
        with_problems.as_u64().unwrap() < expected,
        "the filter hides good files"
    );

    // 退回: the library's letter for the unit whose file is in error, ready to copy.
    click(&c, "[data-step=return]").await;
    wait_for(&c, RETURN_ROWS, 20).await;
    let letters = text_of(&c, "#return-list").await;
    assert!(
        letters.contains("大通区委") && letters.contains("退回修改"),
        "{letters}"
    );

    // A reload keeps the month and the step (both in the address).
    c.refresh().await.unwrap();
    wait_for(
        &c,
        "return document.getElementById('workspace').textContent.length > 0",
        10,
    )
    .await;
    let kept = c
        .execute(
            "return [document.getElementById('month').value, \
             document.querySelector('.step.active').dataset.step, \
             document.getElementById('return').hidden]",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(kept, json!(["2018-03", "return", false]));
    wait_for(&c, RETURN_ROWS, 20).await;
    // The 退回 step follows the month: nothing received in July.
    set_value(&c, "month", "2018-07").await;
    wait_for(
        &c,
        "return document.querySelectorAll('#return-list tbody tr').length === 0 && \
         !document.getElementById('return-empty').hidden",
        20,
    )
    .await;
    set_value(&c, "month", "2018-03").await;
    wait_for(&c, RETURN_ROWS, 20).await;

    // 合并: preview, then merge.
    preview(&c).await;
    let tiles = text_of(&c, "#merge-tiles").await;
    assert!(tiles.contains("新立项"), "{tiles}");
    let msg = text_of(&c, "#merge-msg").await;
    assert!(msg.contains("台账未改动"), "{msg}");
    if docs {
        screenshot(&c, &docs_dir.join("serve-merge.png")).await;
    }
    confirm_merge(&c).await;
    assert!(server.dir.path().join("台账.xlsx").is_file());

    if docs {
        // A second month, for a status with reports in it and a return list.
        set_value(&c, "month", "2018-04").await;
        click(&c, "[data-step=intake]").await;
        c.execute(
            "const b = document.getElementById('only-problems'); b.checked = false; \
             b.dispatchEvent(new Event('change')); return true",
            vec![],
        )
        .await
        .unwrap();
        pick(&c, &inbox("2018-04")).await;
        wait_for(
            &c,
            &format!(
                "return document.querySelectorAll('#results tbody tr').length === {}",
                inbox("2018-04").len()
            ),
            20,
        )
        .await;
        click(&c, "[data-step=return]").await;
        wait_for(&c, RETURN_ROWS, 20).await;
        c.execute(
            "document.querySelector('#return-list details').open = true; return true",
            vec![],
        )
        .await
        .unwrap();
        screenshot(&c, &docs_dir.join("serve-return.png")).await;
        preview(&c).await;
        confirm_merge(&c).await;
    }

    // 进度: counts, the chart drawn on the page, the 督办清单.
    click(&c, "[data-step=status]").await;
    set_value(&c, "as-of", "2018-04-30").await;
    click(&c, "#load-status").await;
    wait_for(
        &c,
        "return document.querySelectorAll('#chart svg rect').length > 5",
        20,
    )
    .await;
    let tiles = text_of(&c, "#status-tiles").await;
    assert!(
        tiles.contains("已立项") && tiles.contains("需督办"),
        "{tiles}"
    );
    let chase = text_of(&c, "#chase").await;
    assert!(docs || chase.contains("田家庵区委"), "{chase}");
    assert!(
        chase.contains("未报送") || chase.contains("滞后"),
        "{chase}"
    );
    // Long names wrap: a unit's name over several lines beside its bar, the 督办清单's cells.
    let wrapped = c
        .execute(
            "const svg = chart({ units: [{ unit: '中共淮南市某某县某某镇某某村党总支部委员会第一党支部联合党委', \
             projects: 1, by_status: [1, 0, 0, 0, 0] }], statuses: ['a', 'b', 'c', 'd', 'e'], \
             colours: ['#000', '#111', '#222', '#333', '#444'] }); \
             return [svg.querySelectorAll('text.unit tspan').length, \
             getComputedStyle(document.querySelector('#chase td')).overflowWrap]",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(wrapped, json!([3, "anywhere"]));
    screenshot(&c, &target.join("serve-status.png")).await;
    if docs {
        screenshot(&c, &docs_dir.join("serve-status.png")).await;
    }

    // Approval on (the innovation preset): the proposals waiting show on the 合并 step, and the
    // one ticked and approved leaves the list.
    std::fs::write(
        server.dir.path().join("taizhang.toml"),
        taizhang::policy::INNOVATION_TOML,
    )
    .unwrap();
    click(&c, "[data-step=merge]").await;
    const WAITING: &str = "document.querySelectorAll('#approve-list tbody tr').length";
    wait_for(
        &c,
        &format!("return !document.getElementById('approve-box').hidden && {WAITING} > 0"),
        20,
    )
    .await;
    let waiting = c
        .execute(&format!("return {WAITING}"), vec![])
        .await
        .unwrap()
        .as_u64()
        .unwrap();
    c.execute(
        "window.confirm = () => true; \
         document.querySelector('#approve-list tbody input').click(); return true",
        vec![],
    )
    .await
    .unwrap();
    click(&c, "#approve-buttons button[data-state='已批复']").await;
    wait_for(
        &c,
        &format!(
            "return {WAITING} === {} && (document.getElementById('approve-box').hidden === ({} === 0)) \
             && document.getElementById('approve-msg').textContent \
             .includes('已将 1 个项目的审核状态设为“已批复”')",
            waiting - 1,
            waiting - 1
        ),
        20,
    )
    .await;

    // The undo button puts the ledger back as it was before that approval (it was saved with a
    // backup like a merge): the project waits again.
    wait_for(
        &c,
        "return !document.getElementById('undo-box').hidden && !document.getElementById('undo').disabled",
        20,
    )
    .await;
    c.execute("window.confirm = () => true; return true", vec![])
        .await
        .unwrap();
    click(&c, "#undo").await;
    wait_for(
        &c,
        &format!(
            "return document.getElementById('undo-msg').textContent.includes('撤销前的台账保存为') \
             && {WAITING} === {waiting}"
        ),
        20,
    )
    .await;

    // taizhang closed: the page says so instead of "Failed to fetch".
    let mut server = server;
    let _ = server.child.kill();
    let _ = server.child.wait();
    click(&c, "[data-step=status]").await;
    click(&c, "#load-status").await;
    wait_for(
        &c,
        "return document.getElementById('status-msg').textContent.includes('taizhang 已关闭，请重新打开')",
        20,
    )
    .await;
    c.close().await.unwrap();
}
