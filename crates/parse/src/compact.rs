//! What a parsed tree keeps, made small: equal texts shared, lists without
//! spare capacity.
//!
//! Why: a matrix is held whole while the checks and the books run on it,
//! and a tree repeats itself (the same endpoint cell on every topology
//! page, a row copied onto other pages, a rule's endpoint text that is its
//! cell's text). Each page held its own copy of every text, and the lists
//! kept the capacity they grew with: 3,000 synthetic pages (27 MB) took
//! 97 MB of heap (issue 14). [`compact_page`] runs on each page as it is
//! parsed, so the copies are freed while the tree is read, not after.

use std::borrow::Cow;
use std::collections::HashSet;

use crate::diag::Diagnostic;
use crate::model::{
    Authentication, Cell, Endpoint, Heading, List, Page, Paragraph, Protocol, Role, Rule, Str,
    Table,
};

/// Equal texts made one: [`TextPool::share`] replaces a text by the equal
/// one the pool already holds (or keeps it for the next ones).
#[derive(Debug, Default)]
pub(crate) struct TextPool {
    texts: HashSet<Str>,
}

impl TextPool {
    /// Makes `s` the pool's text equal to it, adding it when the pool has
    /// none.
    fn share(&mut self, s: &mut Str) {
        match self.texts.get(s.as_str()) {
            Some(t) => {
                if !Str::ptr_eq(t, s) {
                    *s = t.clone();
                }
            }
            None => {
                self.texts.insert(s.clone());
            }
        }
    }

    fn share_opt(&mut self, s: &mut Option<Str>) {
        if let Some(s) = s {
            self.share(s);
        }
    }
}

/// Each item of an owned list, which loses its spare capacity; a borrowed
/// (baked, static) list is left as it is.
fn each<T: Clone>(list: &mut List<T>, mut f: impl FnMut(&mut T)) {
    if let Cow::Owned(v) = list {
        v.shrink_to_fit();
        v.iter_mut().for_each(&mut f);
    }
}

/// Shares every text of `page` through `pool` and frees the spare capacity
/// of its lists. The page is equal to what it was.
pub(crate) fn compact_page(page: &mut Page, pool: &mut TextPool) {
    for s in [
        &mut page.asset_id,
        &mut page.locale,
        &mut page.path,
        &mut page.title,
    ] {
        pool.share(s);
    }
    for s in [
        &mut page.toc_title,
        &mut page.mtps_url,
        &mut page.date,
        &mut page.translation_type,
    ] {
        pool.share_opt(s);
    }
    each(&mut page.headings, |h| heading(h, pool));
    each(&mut page.paragraphs, |p: &mut Paragraph| {
        pool.share(&mut p.text);
        pool.share_opt(&mut p.original);
    });
    each(&mut page.tables, |t| table(t, pool));
}

/// Shares the texts of a diagnostic (its path is its page's).
pub(crate) fn compact_diagnostic(d: &mut Diagnostic, pool: &mut TextPool) {
    pool.share(&mut d.path);
    pool.share(&mut d.message);
    pool.share_opt(&mut d.cell);
    pool.share_opt(&mut d.expected);
}

fn heading(h: &mut Heading, pool: &mut TextPool) {
    pool.share(&mut h.text);
    pool.share_opt(&mut h.original);
}

fn table(t: &mut Table, pool: &mut TextPool) {
    if let Some(h) = &mut t.heading {
        heading(h, pool);
    }
    each(&mut t.columns, |_| {});
    each(&mut t.rules, |r| rule(r, pool));
}

fn cell(c: &mut Cell, pool: &mut TextPool) {
    pool.share(&mut c.text);
    pool.share_opt(&mut c.original);
}

fn endpoint(e: &mut Endpoint, pool: &mut TextPool) {
    each(&mut e.candidates, |c| pool.share_opt(&mut c.unrecognized));
    pool.share_opt(&mut e.unrecognized);
    pool.share(&mut e.text);
}

fn rule(r: &mut Rule, pool: &mut TextPool) {
    if let Some(Role::Unrecognized(s)) = &mut r.role {
        pool.share(s);
    }
    each(&mut r.protocols, |p| {
        if let Protocol::Unrecognized(s) = p {
            pool.share(s);
        }
    });
    endpoint(&mut r.source, pool);
    endpoint(&mut r.destination, pool);
    pool.share(&mut r.note);
    let c = &mut r.cells;
    for x in [&mut c.spec, &mut c.source, &mut c.destination, &mut c.note] {
        cell(x, pool);
    }
    each(&mut c.other, |o| cell(&mut o.cell, pool));
    for s in [&mut r.service, &mut r.name, &mut r.remark] {
        pool.share_opt(s);
    }
    if let Some(Authentication::Unrecognized(s)) = &mut r.authentication {
        pool.share(s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Equal texts of two pages are one in memory, and the pages are what
    /// they were.
    #[test]
    fn equal_texts_are_shared() {
        let text = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../source-docs/zh-CN/lync-server-2013-port-summary-scaled-consolidated-edge-dns-load-balancing-with-public-ip-addresses.md"
        ))
        .expect("the embedded page");
        let page = || crate::parse_page("a.md", &text, None).0.expect("a page");
        let (mut a, mut b) = (page(), page());
        let (a0, b0) = (a.clone(), b.clone());
        let mut pool = TextPool::default();
        compact_page(&mut a, &mut pool);
        compact_page(&mut b, &mut pool);
        assert_eq!((&a, &b), (&a0, &b0));
        let (ra, rb) = (&a.tables[0].rules[0], &b.tables[0].rules[0]);
        assert!(Str::ptr_eq(&ra.note, &rb.note));
        // A rule's endpoint text is its cell's.
        assert!(Str::ptr_eq(&ra.source.text, &ra.cells.source.text));
        assert!(Str::ptr_eq(&ra.note, &rb.cells.note.text));
    }
}
