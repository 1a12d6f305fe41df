//! A panic is a bug in taizhang, not something the clerk did: instead of Rust's English panic
//! text the clerk reads one Chinese line saying so, with the place in the code, to send on to
//! whoever maintains the program; the run then ends with exit code 2.
//!
//! Panics the library expects (a parser on a hostile file, caught and reported as a broken
//! input, see [`taizhang::guard`]) are not bugs and print nothing. With `RUST_BACKTRACE` set
//! Rust's own text follows, for the maintainer.

/// Installs the hook; called first thing in `main`.
pub fn install() {
    let rust_hook = std::panic::take_hook();
    let verbose = std::env::var_os("RUST_BACKTRACE").is_some_and(|v| v != "0");
    std::panic::set_hook(Box::new(move |info| {
        if taizhang::guard::expected() {
            return;
        }
        eprintln!("{}", line(info));
        if verbose {
            rust_hook(info);
        }
    }));
}

/// `taizhang 内部错误：… （位置：src/x.rs:12:5）（请把这条信息和出错的文件发给维护人员）`.
fn line(info: &std::panic::PanicHookInfo<'_>) -> String {
    let payload = info.payload();
    let message = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| taizhang::say::cli::UNKNOWN_ERROR.to_owned());
    let place = info.location().map(|l| (l.file(), l.line(), l.column()));
    taizhang::say::cli::internal_error(message, place)
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    #[test]
    fn a_panic_is_one_chinese_line_with_its_place() {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let keep = Arc::clone(&seen);
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if let Ok(mut lines) = keep.lock() {
                lines.push(super::line(info));
            }
        }));
        let caught = std::panic::catch_unwind(|| panic!("索引越界 {}", 3));
        let _ = std::panic::catch_unwind(|| std::panic::panic_any(7_u8));
        std::panic::set_hook(previous);
        assert!(caught.is_err());
        let lines = seen.lock().unwrap();
        assert!(
            lines[0].starts_with("taizhang 内部错误：索引越界 3（位置：src/cli/panic.rs:"),
            "{}",
            lines[0]
        );
        assert!(lines[0].ends_with("（请把这条信息和出错的文件发给维护人员）"));
        assert!(
            lines[1].starts_with("taizhang 内部错误：未知错误"),
            "{}",
            lines[1]
        );
    }
}
