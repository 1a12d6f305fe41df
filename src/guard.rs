//! Panics the library expects: a parser (calamine, cfb, zip, mail-parser) fed a hostile file may
//! panic, and the library turns that into one "broken file" result. Such a panic is no crash, so
//! the command line's panic hook must stay silent about it; every other panic is a bug that the
//! clerk is asked to report. [`catch`] is `catch_unwind` that says so while it runs.

use std::cell::Cell;
use std::panic::UnwindSafe;

thread_local! {
    /// How many [`catch`] calls are running on this thread.
    static DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// [`std::panic::catch_unwind`] for a parser run on untrusted bytes: a panic inside is turned
/// into a result by the caller, and [`expected`] is true on this thread while `f` runs.
///
/// # Errors
/// The panic's payload, as `catch_unwind` gives it.
pub fn catch<R>(f: impl FnOnce() -> R + UnwindSafe) -> std::thread::Result<R> {
    /// Lowers the depth again however `f` ends.
    struct Leave;
    impl Drop for Leave {
        fn drop(&mut self) {
            DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
        }
    }
    DEPTH.with(|d| d.set(d.get() + 1));
    let _leave = Leave;
    std::panic::catch_unwind(f)
}

/// True when a panic now, on this thread, would be caught by [`catch`] and reported as a broken
/// input: a panic hook then says nothing.
pub fn expected() -> bool {
    DEPTH.with(Cell::get) > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_depth_is_kept_inside_and_restored_after_a_panic() {
        assert!(!expected());
        let inner = catch(expected);
        assert_eq!(inner.ok(), Some(true));
        let panicked: std::thread::Result<()> = catch(|| panic!("hostile file"));
        assert!(panicked.is_err());
        assert!(!expected());
    }
}
