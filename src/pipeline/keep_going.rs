//! `--keep-going`: publish the pages that parsed cleanly, not the others.

use std::collections::HashSet;

use crate::model::Matrix;

/// The matrix without the pages that have errors; every diagnostic is kept.
///
/// Why: a page with a row that could not be typed would otherwise be
/// published incomplete, and a firewall matrix with a silently missing rule is
/// worse than one without the page. The diagnostics stay, so that the errors
/// are still reported (and the run still fails with exit status 2).
pub fn drop_failed_pages(m: Matrix) -> Matrix {
    let failed: HashSet<&str> = m
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.path.as_ref())
        .collect();
    if failed.is_empty() {
        return m;
    }
    let pages = m
        .pages
        .iter()
        .filter(|p| !failed.contains(p.path.as_ref()))
        .cloned()
        .collect::<Vec<_>>();
    Matrix {
        pages: pages.into(),
        diagnostics: m.diagnostics.clone(),
    }
}
