//! The benchmark, a cargo bench (not an installed binary): `cargo bench --bench bench` (full,
//! optimised) or `cargo bench --bench bench --profile dev -- --smoke` (a few files, for CI, on
//! the debug build the tests already made). Run without cargo bench's `--bench` flag (by
//! `cargo test --all-targets`) it is the smoke run too, so a test run never starts the full one.
//!
//! In one run it generates the inputs and measures, side by side on the same files:
//! (a) the floor — a bare parallel calamine read of every cell of every file; (b) `taizhang check`,
//! on all cores and on one; (c) `taizhang merge` into a new ledger, and 500 reports into a
//! 100,000-project ledger against the floor of a full rewrite (calamine read + rust_xlsxwriter
//! write of the same ledger); (d) `baseline_openpyxl.py` when Python with openpyxl is present.
//! Every measurement is a child process, so its wall time and peak memory are its own.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use calamine::{open_workbook_auto, Data, Reader};
use rayon::prelude::*;
use taizhang::ledger::schedule::Status;
use taizhang::ledger::Ledger;
use taizhang::model::{Column, Value};

type Res<T> = Result<T, String>;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("floor") => floor(&args[1..]),
        Some("ledger-floor") => ledger_floor(&args[1..]),
        Some("make-ledger") => make_ledger(&args[1..]),
        _ => run(&args),
    };
    if let Err(e) = result {
        eprintln!("bench: {e}");
        std::process::exit(2);
    }
}

/// The read floor: every cell of every file, files in parallel (or serially with `--serial`).
fn floor(args: &[String]) -> Res<()> {
    let dir = args.first().ok_or("floor DIR")?;
    let files = list(Path::new(dir));
    let count = |p: &PathBuf| -> usize {
        let Ok(mut book) = open_workbook_auto(p) else {
            return 0;
        };
        let names = book.sheet_names();
        names
            .iter()
            .filter_map(|n| book.worksheet_range(n).ok())
            .map(|r| r.used_cells().count())
            .sum()
    };
    let cells: usize = if args.iter().any(|a| a == "--serial") {
        files.iter().map(count).sum()
    } else {
        files.par_iter().map(count).sum()
    };
    println!("{} files, {cells} cells", files.len());
    Ok(())
}

/// The ledger floor: read every sheet with calamine, write every cell with rust_xlsxwriter.
fn ledger_floor(args: &[String]) -> Res<()> {
    let (src, out) = (
        args.first().ok_or("ledger-floor IN OUT")?,
        args.get(1).ok_or("OUT")?,
    );
    let mut book = open_workbook_auto(src).map_err(|e| e.to_string())?;
    let mut wb = rust_xlsxwriter::Workbook::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(|e| e.to_string())?;
        let ws = wb.add_worksheet();
        ws.set_name(&name).map_err(|e| e.to_string())?;
        for (r, c, v) in range.used_cells() {
            let (r, c) = (r as u32, c as u16);
            let written = match v {
                Data::String(s) => ws.write_string(r, c, s).map(|_| ()),
                Data::Float(f) => ws.write_number(r, c, *f).map(|_| ()),
                Data::Int(i) => ws.write_number(r, c, *i as f64).map(|_| ()),
                Data::DateTime(d) => ws.write_number(r, c, d.as_f64()).map(|_| ()),
                other => ws.write_string(r, c, other.to_string()).map(|_| ()),
            };
            written.map_err(|e| e.to_string())?;
        }
    }
    wb.save(out).map_err(|e| e.to_string())
}

/// A synthetic ledger of `projects` projects with `reports` progress rows each.
fn make_ledger(args: &[String]) -> Res<()> {
    let out = args.first().ok_or("make-ledger OUT PROJECTS REPORTS")?;
    let projects: usize = args.get(1).and_then(|s| s.parse().ok()).ok_or("PROJECTS")?;
    let reports: usize = args.get(2).and_then(|s| s.parse().ok()).ok_or("REPORTS")?;
    let mut l = Ledger::new();
    let date = |m: u32, d: u32| {
        Value::Date(chrono::NaiveDate::from_ymd_opt(2018, m, d).unwrap_or_default())
    };
    for i in 0..projects {
        let r = l.projects.push_row();
        let t = &mut l.projects;
        let id = format!("2018-{:06}", i + 1);
        t.set(r, Column::ProjectId, Value::text(id.clone()));
        t.set(r, Column::Year, Value::Number(2018.0));
        t.set(r, Column::Unit, Value::text(format!("第{}区委", i % 997)));
        t.set(
            r,
            Column::Category,
            Value::text(if i % 3 == 0 { "A" } else { "B" }),
        );
        t.set(
            r,
            Column::Name,
            Value::text(format!("基层党建创新项目第{i}号工程")),
        );
        t.set(
            r,
            Column::Scope,
            Value::text("全区各街道社区党组织和在册党员"),
        );
        t.set(r, Column::Goals, Value::text("建立区、街道、社区、网格四级党建网格体系，实现党的组织和工作全覆盖，形成可复制可推广的工作经验。"));
        t.set(r, Column::Measures, Value::text("一是划分网格；二是选派网格党小组长；三是建立问题清单、任务清单和责任清单；四是每季度召开推进会。"));
        t.set(r, Column::Start, date(4, 1));
        t.set(r, Column::Deadline, date(12, 31));
        t.set(
            r,
            Column::Deliverables,
            Value::text("调研报告、工作制度汇编"),
        );
        t.set(r, Column::OwnerUnit, Value::text("区委组织部"));
        t.set(r, Column::Owner, Value::text("张伟"));
        t.set(r, Column::OwnerTitle, Value::text("区委常委、组织部部长"));
        t.set(r, Column::Members, Value::text("张伟、李娜、王强、赵敏"));
        t.set(r, Column::Phone, Value::text("13805546677"));
        t.set(r, Column::Version, Value::Number(1.0));
        t.set(r, Column::Status, Value::text(Status::Ongoing.label()));
        // The last `reports` months of the year, so that ten reports end in December.
        let first = 13 - reports.clamp(1, 12) as u32;
        for m in 0..reports.min(12) {
            let month = first + m as u32;
            let q = l.reports.push_row();
            let t = &mut l.reports;
            t.set(q, Column::ProjectId, Value::text(id.clone()));
            t.set(
                q,
                Column::Name,
                Value::text(format!("基层党建创新项目第{i}号工程")),
            );
            t.set(q, Column::Period, Value::text(format!("2018-{month:02}")));
            t.set(q, Column::Percent, Value::Number(10.0 * (m + 1) as f64));
            t.set(q, Column::State, Value::text("正常推进"));
            t.set(
                q,
                Column::Done,
                Value::text("完成网格划分，选派网格党小组长62名，召开推进会1次。"),
            );
            let filed =
                chrono::NaiveDate::from_ymd_opt(2018 + (month / 12) as i32, month % 12 + 1, 3);
            t.set(q, Column::Submitted, Value::Date(filed.unwrap_or_default()));
        }
    }
    l.save(Path::new(out)).map(drop).map_err(|e| e.to_string())
}

fn list(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    out.sort();
    out
}

/// One timed child process: wall seconds and peak resident memory (MB), from wait4.
fn measure(cmd: &mut Command) -> Res<(f64, f64)> {
    cmd.stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    let start = Instant::now();
    let child = cmd.spawn().map_err(|e| format!("{cmd:?}: {e}"))?;
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: rusage is plain old data; wait4 fills it for the child we just spawned.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is our own child; the pointers are valid for the call.
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let secs = start.elapsed().as_secs_f64();
    if r < 0 {
        return Err(format!("wait4 failed for {cmd:?}"));
    }
    Ok((secs, usage.ru_maxrss as f64 / 1024.0))
}

/// Median wall time and the peak memory over `runs` runs.
fn median(
    runs: usize,
    mut make: impl FnMut() -> Command,
    mut before: impl FnMut(),
) -> Res<(f64, f64)> {
    let mut times = Vec::new();
    let mut peak: f64 = 0.0;
    for _ in 0..runs {
        before();
        let (t, m) = measure(&mut make())?;
        times.push(t);
        peak = peak.max(m);
    }
    times.sort_by(f64::total_cmp);
    Ok((times[times.len() / 2], peak))
}

struct Row {
    step: String,
    files: usize,
    secs: f64,
    mb: f64,
}

fn python_with(module: &str) -> bool {
    Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The number after `--name N`: `None` when the option is not given, an error when N is missing
/// or no number.
fn number_after(args: &[String], name: &str) -> Res<Option<usize>> {
    match args.iter().position(|a| a == name) {
        None => Ok(None),
        Some(i) => args
            .get(i + 1)
            .and_then(|s| s.parse().ok())
            .map(Some)
            .ok_or_else(|| format!("{name} N")),
    }
}

fn run(args: &[String]) -> Res<()> {
    let smoke = args.iter().any(|a| a == "--smoke") || !args.iter().any(|a| a == "--bench");
    let sizes: Vec<usize> = match args.iter().position(|a| a == "--sizes") {
        Some(i) => args
            .get(i + 1)
            .ok_or("--sizes 1000,10000")?
            .split(',')
            .filter_map(|s| s.parse().ok())
            .collect(),
        None if smoke => vec![20],
        None => vec![1000, 10000],
    };
    let big: usize = match number_after(args, "--ledger-projects")? {
        Some(n) => n,
        None if smoke => 500,
        None => 100_000,
    };
    // Ten reports a project: a 100,000-project ledger holds 1,000,000 progress rows.
    let per_project: usize = match number_after(args, "--ledger-reports")? {
        Some(n) => n,
        None if smoke => 2,
        None => 10,
    };
    let runs = if smoke { 1 } else { 3 };
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let shared = std::env::var_os("TAIZHANG_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("../shared/bench"));
    let gen = shared.join("gen_forms.py");
    let baseline = shared.join("baseline_openpyxl.py");
    let can_generate = gen.exists() && python_with("xlsxwriter");
    let can_baseline = baseline.exists() && python_with("openpyxl") && python_with("xlsxwriter");
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    // Built by cargo with the same profile as this benchmark.
    let taizhang = PathBuf::from(env!("CARGO_BIN_EXE_taizhang"));
    let work = tempfile::tempdir().map_err(|e| e.to_string())?;
    let w = work.path();
    println!(
        "taizhang benchmark — {} cores, {} run(s) per step, median wall time",
        rayon::current_num_threads(),
        runs
    );
    let mut rows: Vec<Row> = Vec::new();
    let mut ratios: Vec<String> = Vec::new();
    let mut check_times = Vec::new();
    for &n in &sizes {
        let forms = w.join(format!("forms-{n}"));
        if can_generate && !smoke {
            let ok = Command::new("python3")
                .arg(&gen)
                .args([
                    &n.to_string(),
                    forms.to_str().unwrap_or_default(),
                    "--jobs",
                    "2",
                ])
                .stdout(std::process::Stdio::null())
                .status()
                .is_ok_and(|s| s.success());
            if !ok {
                return Err("gen_forms.py failed".into());
            }
        } else {
            copy_samples(&manifest.join("samples/inbox/2018-03-立项"), &forms, n)?;
        }
        let files = list(&forms).len();
        let _ = measure(Command::new(&exe).arg("floor").arg(&forms)); // warm the page cache
        let floor = median(
            runs,
            || {
                let mut c = Command::new(&exe);
                c.arg("floor").arg(&forms);
                c
            },
            || {},
        )?;
        let serial = median(
            runs,
            || {
                let mut c = Command::new(&exe);
                c.args(["floor"]).arg(&forms).arg("--serial");
                c
            },
            || {},
        )?;
        let check = median(
            runs,
            || {
                let mut c = Command::new(&taizhang);
                c.arg("check").arg(&forms).args(["--format", "json"]);
                c
            },
            || {},
        )?;
        let check1 = median(
            runs,
            || {
                let mut c = Command::new(&taizhang);
                c.arg("check")
                    .arg(&forms)
                    .args(["--format", "json"])
                    .env("RAYON_NUM_THREADS", "1");
                c
            },
            || {},
        )?;
        let ledger = w.join(format!("new-{n}.xlsx"));
        let merge = median(
            runs,
            || {
                let mut c = Command::new(&taizhang);
                c.arg("merge").arg(&forms).arg("--ledger").arg(&ledger);
                c
            },
            || {
                let _ = std::fs::remove_file(&ledger);
                let _ = std::fs::remove_file(w.join(format!("new-{n}.xlsx.bak")));
            },
        )?;
        rows.push(Row {
            step: "floor: calamine read, parallel".into(),
            files,
            secs: floor.0,
            mb: floor.1,
        });
        rows.push(Row {
            step: "floor: calamine read, serial".into(),
            files,
            secs: serial.0,
            mb: serial.1,
        });
        rows.push(Row {
            step: "taizhang check".into(),
            files,
            secs: check.0,
            mb: check.1,
        });
        rows.push(Row {
            step: "taizhang check, 1 thread".into(),
            files,
            secs: check1.0,
            mb: check1.1,
        });
        rows.push(Row {
            step: "taizhang merge → new ledger".into(),
            files,
            secs: merge.0,
            mb: merge.1,
        });
        ratios.push(format!(
            "N={n}: check/floor = {:.2}×; 1 thread/2 threads = {:.2}×",
            check.0 / floor.0,
            check1.0 / check.0
        ));
        if can_baseline && !smoke {
            let out = w.join(format!("baseline-{n}.xlsx"));
            let b_runs = if n > 2000 { 1 } else { runs };
            let base = median(
                b_runs,
                || {
                    let mut c = Command::new("python3");
                    c.arg(&baseline).arg(&forms).arg(&out);
                    c
                },
                || {},
            )?;
            rows.push(Row {
                step: "baseline_openpyxl.py".into(),
                files,
                secs: base.0,
                mb: base.1,
            });
            ratios.push(format!("N={n}: baseline/check = {:.1}×", base.0 / check.0));
        }
        check_times.push((n, check.0));
    }
    if let [(n1, t1), .., (n2, t2)] = check_times.as_slice() {
        ratios.push(format!(
            "growth: {}× the files took {:.2}× the time",
            n2 / n1,
            t2 / t1
        ));
    }
    big_ledger(
        &exe,
        &taizhang,
        w,
        (big, per_project),
        &manifest,
        can_generate && !smoke,
        runs,
        &mut rows,
        &mut ratios,
    )?;
    println!("\n| step | files | median s | files/s | peak MB |\n|---|---:|---:|---:|---:|");
    for r in &rows {
        let rate = if r.files > 0 {
            format!("{:.0}", r.files as f64 / r.secs)
        } else {
            "—".into()
        };
        println!(
            "| {} | {} | {:.2} | {} | {:.0} |",
            r.step, r.files, r.secs, rate, r.mb
        );
    }
    println!();
    for r in ratios {
        println!("- {r}");
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn big_ledger(
    exe: &Path,
    taizhang: &Path,
    w: &Path,
    (projects, per_project): (usize, usize),
    manifest: &Path,
    generate: bool,
    runs: usize,
    rows: &mut Vec<Row>,
    ratios: &mut Vec<String>,
) -> Res<()> {
    let base = w.join("big-base.xlsx");
    let started = Instant::now();
    let ok = Command::new(exe)
        .arg("make-ledger")
        .arg(&base)
        .args([projects.to_string(), per_project.to_string()])
        .status();
    if !ok.is_ok_and(|s| s.success()) {
        return Err("make-ledger failed".into());
    }
    // 500 new projects, merged untimed; then their 500 reports, timed.
    let new = w.join("new500");
    let (proposals, reports) = (w.join("p500"), w.join("r500"));
    if generate {
        let gen = std::env::var_os("TAIZHANG_BENCH_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| manifest.join("../shared/bench"))
            .join("gen_forms.py");
        Command::new("python3")
            .arg(gen)
            .args([
                "500",
                new.to_str().unwrap_or_default(),
                "--progress",
                "1",
                "--jobs",
                "2",
            ])
            .stdout(std::process::Stdio::null())
            .status()
            .map_err(|e| e.to_string())?;
    } else {
        copy_samples(
            &manifest.join("samples/inbox/2018-03-立项"),
            &new.join("p"),
            20,
        )?;
        copy_samples(&manifest.join("samples/inbox/2018-05"), &new.join("r"), 20)?;
    }
    std::fs::create_dir_all(&proposals).map_err(|e| e.to_string())?;
    std::fs::create_dir_all(&reports).map_err(|e| e.to_string())?;
    for f in list(&new) {
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let to = if name.contains("进度") || f.parent().is_some_and(|p| p.ends_with("r")) {
            &reports
        } else {
            &proposals
        };
        std::fs::rename(&f, to.join(&name)).map_err(|e| e.to_string())?;
    }
    let status = Command::new(taizhang)
        .arg("merge")
        .arg(&proposals)
        .arg("--ledger")
        .arg(&base)
        .stdout(std::process::Stdio::null())
        .status();
    if status.is_err() {
        return Err("setup merge failed".into());
    }
    println!(
        "(setup: {projects}-project ledger with {per_project} reports each, built in {:.0} s)",
        started.elapsed().as_secs_f64()
    );
    let target = w.join("big.xlsx");
    let n = list(&reports).len();
    let merge = median(
        runs,
        || {
            let mut c = Command::new(taizhang);
            c.arg("merge").arg(&reports).arg("--ledger").arg(&target);
            c
        },
        || {
            let _ = std::fs::copy(&base, &target);
        },
    )?;
    let out = w.join("floor-out.xlsx");
    let floor = median(
        runs,
        || {
            let mut c = Command::new(exe);
            c.arg("ledger-floor").arg(&base).arg(&out);
            c
        },
        || {},
    )?;
    rows.push(Row {
        step: format!(
            "floor: read + rewrite {projects}-project ledger ({} progress rows)",
            projects * per_project
        ),
        files: 0,
        secs: floor.0,
        mb: floor.1,
    });
    rows.push(Row {
        step: format!("taizhang merge {n} reports → {projects}-project ledger"),
        files: n,
        secs: merge.0,
        mb: merge.1,
    });
    ratios.push(format!(
        "merge into {projects}-project ledger / rewrite floor = {:.2}×, peak {:.0} MB",
        merge.0 / floor.0,
        merge.1
    ));
    Ok(())
}

/// Fills `to` with `n` copies of the files in `from` (smoke mode, or no Python).
fn copy_samples(from: &Path, to: &Path, n: usize) -> Res<()> {
    std::fs::create_dir_all(to).map_err(|e| e.to_string())?;
    let files: Vec<PathBuf> = list(from)
        .into_iter()
        .filter(|p| taizhang::read::is_spreadsheet_name(p))
        .collect();
    if files.is_empty() {
        return Err(format!("no forms in {}", from.display()));
    }
    for i in 0..n {
        let src = &files[i % files.len()];
        let ext = taizhang::read::extension(src).unwrap_or_default();
        std::fs::copy(src, to.join(format!("{i:05}.{ext}"))).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// The same allocator as `taizhang` itself, so the floor measures calamine and the ratio
/// measures taizhang's own work, not a difference of allocators.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
