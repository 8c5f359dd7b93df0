//! The texts of findings, shared: a location's path is its page's, and its
//! label and row text, a finding's message and help are made one with the
//! equal texts of the other findings of the run.
//!
//! Why: a 3,000-page tree gives 170,000 raw locations, and each held its
//! own copy of its page's path, its label and its row (10,500 different
//! rows, 105 different labels): 3 allocations per location, most of the
//! check stage's memory (issue 14). A [`Str`] clone is a counted pointer.
//!
//! The pool is per thread, alive while a run ([`Scope`]) lasts: the checks
//! are functions of a page or a set of pages that push findings, with no
//! context to carry it, and one run is on one thread.

use std::cell::RefCell;
use std::collections::HashSet;

use crate::model::Str;

thread_local! {
    static POOL: RefCell<Option<HashSet<Str>>> = const { RefCell::new(None) };
}

/// A run of the checks on this thread: texts are shared while it lives
/// (outside one, [`shared`] only converts). Runs do not nest; an inner
/// scope is a no-op.
pub(super) struct Scope {
    outer: bool,
}

impl Scope {
    /// Starts sharing texts on this thread.
    pub(super) fn new() -> Scope {
        let outer = POOL.with(|p| {
            let mut p = p.borrow_mut();
            let outer = p.is_none();
            if outer {
                *p = Some(HashSet::new());
            }
            outer
        });
        Scope { outer }
    }
}

impl Drop for Scope {
    fn drop(&mut self) {
        if self.outer {
            // The texts live on in the findings; the pool goes.
            POOL.with(|p| p.borrow_mut().take());
        }
    }
}

/// `s` as a [`Str`], the same in memory as the equal texts before it in
/// this run.
pub(super) fn shared(s: impl AsRef<str> + Into<Str>) -> Str {
    POOL.with(|p| match p.borrow_mut().as_mut() {
        Some(pool) => match pool.get(s.as_ref()) {
            Some(t) => t.clone(),
            None => {
                let t: Str = s.into();
                pool.insert(t.clone());
                t
            }
        },
        None => s.into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_are_one_in_a_run_only() {
        let (a, b) = {
            let _run = Scope::new();
            (shared(String::from("row")), shared("row"))
        };
        assert!(Str::ptr_eq(&a, &b));
        let (c, d) = (shared("row"), shared("row"));
        assert_eq!((&c, &d), (&a, &a));
        assert!(!Str::ptr_eq(&c, &d), "no pool outside a run");
    }
}
