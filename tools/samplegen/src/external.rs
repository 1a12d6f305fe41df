//! The steps done by outside tools: LibreOffice re-saves a few files as .xls / .ods, and
//! msoffcrypto-tool sets a password on one. Their output is not byte-identical from run to run
//! (LibreOffice stamps times, encryption uses a random salt), so when a tool is missing, or when
//! `--keep-post` is given, a file already in place is kept as it is.

use crate::model::Post;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Whether `prog` can be run (found on PATH).
pub fn available(prog: &str) -> bool {
    std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|d| d.join(prog).is_file()))
        .unwrap_or(false)
}

fn scratch() -> std::io::Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("samplegen-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

fn run(cmd: &mut Command) -> Result<(), String> {
    let out = cmd.output().map_err(|e| format!("{cmd:?}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{cmd:?} failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(())
}

/// Produces `target` from the xlsx bytes with the step `post`.
pub fn apply(xlsx: &[u8], post: Post, target: &Path) -> Result<(), String> {
    let dir = scratch().map_err(|e| e.to_string())?;
    let input = dir.join("in.xlsx");
    std::fs::write(&input, xlsx).map_err(|e| e.to_string())?;
    let produced = match post {
        Post::Xls | Post::Ods => {
            // A private profile so a running LibreOffice (or a first-start wizard) does not
            // interfere; headless conversion keeps formats, merges and date cells.
            let profile = format!("-env:UserInstallation=file://{}", dir.join("profile").display());
            run(Command::new("soffice")
                .arg(profile)
                .arg("--headless")
                .arg("--convert-to")
                .arg(post.ext())
                .arg("--outdir")
                .arg(&dir)
                .arg(&input))?;
            dir.join(format!("in.{}", post.ext()))
        }
        Post::Encrypt => {
            let out = dir.join("out.xlsx");
            run(Command::new("msoffcrypto-tool")
                .args(["-e", "-p", "123456"])
                .arg(&input)
                .arg(&out))?;
            out
        }
        Post::Truncate => {
            // The first 40 % of the bytes: the zip's central directory (at the end) is missing.
            let out = dir.join("cut.xlsx");
            std::fs::write(&out, &xlsx[..xlsx.len() * 4 / 10]).map_err(|e| e.to_string())?;
            out
        }
        Post::None => input.clone(),
    };
    std::fs::copy(&produced, target).map_err(|e| format!("{}: {e}", produced.display()))?;
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

/// The program a step needs, if any.
pub fn tool(post: Post) -> Option<&'static str> {
    match post {
        Post::Xls | Post::Ods => Some("soffice"),
        Post::Encrypt => Some("msoffcrypto-tool"),
        Post::Truncate | Post::None => None,
    }
}
