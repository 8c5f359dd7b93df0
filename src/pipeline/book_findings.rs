//! The checks' findings in the books.

use crate::{book, check};

/// The findings of [`check::run`] as the books show them: an admonition next
/// to the row, table or page each one is about.
///
/// Why: the books are where operators read the rules, so a contradiction
/// the checks found must be visible right there; the book module does not
/// depend on the checks, this is the bridge. Pass the findings already
/// computed (checks are not free on large trees).
pub fn book_findings(findings: &[check::Finding]) -> Vec<book::Finding> {
    findings
        .iter()
        .map(|f| book::Finding {
            path: f.path().to_string(),
            line: f.line(),
            severity: f.severity.to_string(),
            code: f.code.as_str().to_string(),
            message: f.message.clone(),
        })
        .collect()
}
