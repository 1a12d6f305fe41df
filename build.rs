//! Sets `TAIZHANG_BUILD_DATE` (YYYY-MM-DD, UTC) for `taizhang --version` and the page: the date of
//! `SOURCE_DATE_EPOCH` when it is set, so that a release build is reproducible, else today.
//!
//! The script runs again only when it changes or `SOURCE_DATE_EPOCH` does (not at every edit of a
//! source file, which would rebuild everything): in a developer's incremental builds the date is
//! that of the first build; a release, built fresh, has its own.
//!
//! For Windows (the `x86_64-pc-windows-gnu` target, README「发布 / Release」) it also links the
//! icon 台账 into `taizhang.exe` (`packaging/taizhang.rc`), with mingw-w64's `windres`.

use std::path::PathBuf;
use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH");
    let seconds = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(text) => match text.trim().parse::<i64>() {
            Ok(s) => s,
            Err(_) => {
                println!("cargo:warning=SOURCE_DATE_EPOCH “{text}” is not a number of seconds; using today");
                now()
            }
        },
        Err(_) => now(),
    };
    let (y, m, d) = civil_from_days(seconds.div_euclid(86_400));
    println!("cargo:rustc-env=TAIZHANG_BUILD_DATE={y:04}-{m:02}-{d:02}");
    windows_icon();
}

/// The icon resource compiled by `windres` (`$WINDRES`, else mingw-w64's cross one) and linked
/// into the `taizhang` binary; without `windres` the exe has no icon, with a warning.
fn windows_icon() {
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    if var("CARGO_CFG_TARGET_OS") != "windows" || var("CARGO_CFG_TARGET_ENV") != "gnu" {
        return;
    }
    println!("cargo:rerun-if-changed=packaging/taizhang.rc");
    println!("cargo:rerun-if-changed=packaging/taizhang.ico");
    println!("cargo:rerun-if-env-changed=WINDRES");
    let windres = match std::env::var("WINDRES") {
        Ok(w) => w,
        Err(_) if cfg!(windows) => "windres".to_owned(),
        Err(_) => format!("{}-w64-mingw32-windres", var("CARGO_CFG_TARGET_ARCH")),
    };
    let object = PathBuf::from(var("OUT_DIR")).join("taizhang-icon.o");
    let made = Command::new(&windres)
        .args([
            "--include-dir",
            "packaging",
            "--output-format",
            "coff",
            "--input",
        ])
        .arg("packaging/taizhang.rc")
        .arg("--output")
        .arg(&object)
        .status();
    match made {
        Ok(status) if status.success() => {
            println!("cargo:rustc-link-arg-bin=taizhang={}", object.display());
        }
        Ok(status) => {
            println!("cargo:warning={windres} failed ({status}): taizhang.exe has no icon")
        }
        Err(e) => println!("cargo:warning=cannot run {windres} ({e}): taizhang.exe has no icon"),
    }
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}
