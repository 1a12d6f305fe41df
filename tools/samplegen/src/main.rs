//! samplegen — writes the bundled sample submissions of taizhang (samples/inbox) and their
//! README, for a fictional year: Huainan 2018, innovation preset.
//!
//! Usage: samplegen [OUT_DIR] [--through 2018-MM] [--keep-post | --remake-post]
//!   OUT_DIR        the samples folder (default `samples`)
//!   --through      last month of progress reports, 2018-04 … 2018-12 (default 2018-12)
//!   --keep-post    keep the existing .xls/.ods/encrypted files even if their source changed
//!   --remake-post  re-make them even if their source did not change
//!   --college      write the college sample (secretary preset, 2017) into OUT_DIR
//!                  (samples/college) instead of the Huainan one
//!   --scores       write only the reviewers' score sheets (OUT_DIR/scores) and the README; the
//!                  inbox is left as it is (a full run writes both)
//!
//! Everything is deterministic except the files made by outside tools (LibreOffice, msoffcrypto-
//! tool); see external.rs. To keep reruns byte-identical, such a file is re-made only when the
//! xlsx it is made from changed: OUT_DIR/.samplegen-post records a hash of each source.

mod cells;
mod closing;
mod college;
mod external;
mod layout_progress;
mod layout_proposal;
mod model;
mod multiform;
mod oddities;
mod progress;
mod proposals;
mod readme;
mod scores;
mod word;
mod workbook;

use model::{Content, Entry, Post, Proposal, Report};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

struct Args {
    out: PathBuf,
    through: u32,
    keep_post: bool,
    remake_post: bool,
    scores_only: bool,
    /// Write the college sample (secretary preset, 2017) into OUT_DIR instead.
    college: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args =
        Args { out: PathBuf::from("samples"), through: 12, keep_post: false, remake_post: false, scores_only: false, college: false };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--through" => {
                let v = it.next().ok_or("--through needs a month, e.g. 2018-12")?;
                let m = v
                    .strip_prefix("2018-")
                    .and_then(|m| m.parse::<u32>().ok())
                    .filter(|m| (4..=12).contains(m))
                    .ok_or_else(|| format!("--through {v}: expected 2018-04 … 2018-12"))?;
                args.through = m;
            }
            "--keep-post" => args.keep_post = true,
            "--remake-post" => args.remake_post = true,
            "--scores" => args.scores_only = true,
            "--college" => args.college = true,
            "-h" | "--help" => {
                println!("usage: samplegen [OUT_DIR] [--through 2018-MM] [--keep-post | --remake-post] [--scores]");
                std::process::exit(0);
            }
            s if s.starts_with('-') => return Err(format!("unknown option {s}")),
            s => args.out = PathBuf::from(s),
        }
    }
    Ok(args)
}

fn final_path(stem: &str, post: Post) -> String {
    format!("{stem}.{}", post.ext())
}

/// The kind `check` should report: a file it cannot open is `unknown`.
fn kind(base: &'static str, post: Post) -> &'static str {
    match post {
        Post::Encrypt | Post::Truncate => "unknown",
        _ => base,
    }
}

fn content(bytes: Vec<u8>, post: Post) -> Content {
    if post == Post::None {
        Content::Bytes(bytes)
    } else {
        Content::Post(bytes, post)
    }
}

fn proposal_entry(p: &Proposal) -> Result<Entry, String> {
    let bytes = workbook::proposal(p).map_err(|e| format!("{}: {e}", p.stem))?;
    Ok(Entry {
        path: final_path(&p.stem, p.post),
        kind: kind("proposal", p.post),
        codes: p.expect.clone(),
        note: p.note.clone(),
        content: content(bytes, p.post),
        parts: Vec::new(),
    })
}

fn report_entry(r: &Report) -> Result<Entry, String> {
    let bytes = workbook::report(r).map_err(|e| format!("{}: {e}", r.stem))?;
    Ok(Entry {
        path: final_path(&r.stem, r.post),
        kind: kind("progress", r.post),
        codes: r.expect.clone(),
        note: r.note.clone(),
        content: content(bytes, r.post),
        parts: Vec::new(),
    })
}

/// The IDs `merge` gives at first sight: error-free proposals in path order, a re-sent copy
/// getting none (SPEC §6).
fn ledger_ids(props: &[Proposal]) -> Vec<(&'static str, String)> {
    let mut ok: Vec<(String, &'static str)> = props
        .iter()
        .filter(|p| p.duplicate_of.is_none() && !p.expect.iter().any(|c| c.starts_with("E_")))
        .map(|p| (final_path(&p.stem, p.post), p.key))
        .collect();
    ok.sort();
    ok.into_iter().enumerate().map(|(i, (_, key))| (key, format!("2018-{:03}", i + 1))).collect()
}

/// FNV-1a, 64 bits: a stable fingerprint of a post step's source (std's hasher may change).
fn fnv(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in bytes {
        h ^= *b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("{h:016x}")
}

/// `.samplegen-post`: one `fingerprint<TAB>path` line per file made by an outside tool.
struct PostRecord {
    file: PathBuf,
    map: BTreeMap<String, String>,
}

impl PostRecord {
    fn load(out: &Path) -> PostRecord {
        let file = out.join(".samplegen-post");
        let map = std::fs::read_to_string(&file)
            .unwrap_or_default()
            .lines()
            .filter_map(|l| l.split_once('\t'))
            .map(|(h, p)| (p.to_string(), h.to_string()))
            .collect();
        PostRecord { file, map }
    }
    fn save(&self) -> std::io::Result<()> {
        let text: String = self.map.iter().map(|(p, h)| format!("{h}\t{p}\n")).collect();
        std::fs::write(&self.file, text)
    }
}

fn write_entry(inbox: &Path, e: &Entry, args: &Args, rec: &mut PostRecord) -> Result<&'static str, String> {
    let target = inbox.join(&e.path);
    if let Some(dir) = target.parent() {
        std::fs::create_dir_all(dir).map_err(|err| format!("{}: {err}", dir.display()))?;
    }
    match &e.content {
        Content::Bytes(b) => {
            std::fs::write(&target, b).map_err(|err| format!("{}: {err}", target.display()))?;
            Ok("written")
        }
        Content::Post(b, post) => {
            let print = fnv(b);
            let unchanged = rec.map.get(&e.path) == Some(&print);
            let tool = external::tool(*post);
            let missing = tool.is_some_and(|t| !external::available(t));
            if target.exists() && !args.remake_post && (args.keep_post || unchanged) {
                return Ok("kept");
            }
            if missing {
                if target.exists() {
                    eprintln!("samplegen: warning: {} kept although its source changed ({} missing)", e.path, tool.unwrap_or(""));
                    return Ok("kept");
                }
                return Err(format!(
                    "{}: needs `{}` (apt-get install libreoffice-calc-nogui / pip install msoffcrypto-tool)",
                    e.path,
                    tool.unwrap_or("")
                ));
            }
            external::apply(b, *post, &target)?;
            rec.map.insert(e.path.clone(), print);
            Ok("made")
        }
    }
}

/// Every file below `dir`, as paths relative to `root`.
fn walk(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
    if let Ok(rd) = std::fs::read_dir(dir) {
        for ent in rd.flatten() {
            let p = ent.path();
            if p.is_dir() {
                walk(root, &p, out);
            } else if let Ok(rel) = p.strip_prefix(root) {
                out.push(rel.to_path_buf());
            }
        }
    }
}

/// Removes files the manifest no longer has (e.g. months past a smaller `--through`).
fn remove_stale(inbox: &Path, keep: &BTreeSet<String>) -> std::io::Result<usize> {
    let mut files = Vec::new();
    walk(inbox, inbox, &mut files);
    let mut n = 0;
    for f in files {
        let rel = f.to_string_lossy().replace('\\', "/");
        if !keep.contains(&rel) {
            std::fs::remove_file(inbox.join(&f))?;
            n += 1;
        }
    }
    if let Ok(rd) = std::fs::read_dir(inbox) {
        for ent in rd.flatten() {
            if ent.path().is_dir() {
                let _ = std::fs::remove_dir(ent.path()); // only succeeds when empty
            }
        }
    }
    Ok(n)
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    if args.college {
        return college::write(&args.out);
    }
    let props = proposals::all();
    let ids = ledger_ids(&props);
    let id_of = |key: &str| ids.iter().find(|(k, _)| *k == key).map(|(_, id)| id.clone());
    let reports = progress::all(&props, args.through, &id_of);

    let mut entries = Vec::new();
    for p in &props {
        entries.push(proposal_entry(p)?);
    }
    for r in &reports {
        entries.push(report_entry(r)?);
    }
    entries.extend(oddities::all().map_err(|e| e.to_string())?);
    entries.extend(multiform::all().map_err(|e| e.to_string())?);
    entries.extend(closing::all()?);
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    let paths: BTreeSet<String> = entries.iter().map(|e| e.path.clone()).collect();
    if paths.len() != entries.len() {
        return Err("two samples share a file name".into());
    }

    let projects = score_projects(&props, &ids);
    let scored = write_scores(&args.out, &projects)?;
    let first_id = id_of("df1").unwrap_or_default();
    let mut md = readme::render(&entries, &props, args.through, &first_id);
    md.push_str(&scores::readme_section(&projects));
    md.push_str(readme::MAIL_SECTION);
    if args.scores_only {
        std::fs::write(args.out.join("README.md"), md).map_err(|e| e.to_string())?;
        println!("samplegen: {scored} score sheets in {}; inbox left as it is", args.out.join("scores").display());
        return Ok(());
    }

    let inbox = args.out.join("inbox");
    let mut rec = PostRecord::load(&args.out);
    let (mut written, mut made, mut kept) = (0, 0, 0);
    for e in &entries {
        match write_entry(&inbox, e, &args, &mut rec)? {
            "written" => written += 1,
            "made" => made += 1,
            _ => kept += 1,
        }
    }
    rec.map.retain(|p, _| paths.contains(p));
    rec.save().map_err(|e| e.to_string())?;
    let removed = remove_stale(&inbox, &paths).map_err(|e| e.to_string())?;
    std::fs::write(args.out.join("README.md"), md).map_err(|e| e.to_string())?;
    println!(
        "samplegen: {} files in {} (written {written}, made by outside tools {made}, kept {kept}, stale removed {removed}); reports through 2018-{:02}; {scored} score sheets",
        entries.len(),
        inbox.display(),
        args.through
    );
    Ok(())
}

/// The projects of the sample ledger, by ID, as the score sheets list them (canonical unit names:
/// `淮南市田家庵区委` is merged as `田家庵区委`).
fn score_projects(props: &[Proposal], ids: &[(&'static str, String)]) -> Vec<scores::Project> {
    let units: BTreeSet<&str> = props.iter().map(|p| p.unit.as_str()).collect();
    let mut out: Vec<scores::Project> = ids
        .iter()
        .filter_map(|(key, id)| {
            let p = props.iter().find(|p| p.key == *key)?;
            let unit = match p.unit.strip_prefix("淮南市") {
                Some(rest) if units.contains(rest) => rest.to_string(),
                _ => p.unit.clone(),
            };
            Some(scores::Project {
                id: id.clone(),
                unit,
                name: p.name.clone(),
                category: if p.is_a { "A" } else { "B" },
                target: scores::target(key),
            })
        })
        .collect();
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

/// Writes OUT_DIR/scores/*.xlsx, removing other spreadsheets there; returns how many were written.
fn write_scores(out: &Path, projects: &[scores::Project]) -> Result<usize, String> {
    let dir = out.join("scores");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let sheets = scores::sheets(projects).map_err(|e| e.to_string())?;
    let names: BTreeSet<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    if let Ok(rd) = std::fs::read_dir(&dir) {
        for ent in rd.flatten() {
            let name = ent.file_name().to_string_lossy().to_string();
            if name.ends_with(".xlsx") && !names.contains(name.as_str()) {
                std::fs::remove_file(ent.path()).map_err(|e| e.to_string())?;
            }
        }
    }
    for (name, bytes) in &sheets {
        std::fs::write(dir.join(name), bytes).map_err(|e| format!("{name}: {e}"))?;
    }
    Ok(sheets.len())
}

fn main() {
    if let Err(e) = run() {
        eprintln!("samplegen: {e}");
        std::process::exit(1);
    }
}
