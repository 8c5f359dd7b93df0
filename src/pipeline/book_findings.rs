//! The checks' findings in the books.

use std::collections::{BTreeSet, HashMap};

use crate::model::Str;
use crate::{book, check};

/// The findings of [`check::run`] as the books show them: an admonition next
/// to the row, table or page each one is about, at every place the defect is
/// ([`check::Finding::defect_locations`]: where it is reported and every
/// copy of it, on other pages and in other editions), so that the book of
/// each locale marks its own edition's row. A copy on another page than the
/// one where the finding is reported says where that is.
///
/// The severity is the finding's [`check::Level`]: `error`, `warning` or
/// `style`. The books show style findings (naming and wording that change
/// no rule) in a collapsed block under the table, not as admonitions, and
/// put no mark on their rows: hidden until asked for, as `portmatrix check`
/// shows them only with `--style`.
///
/// Why: the books are where operators read the rules, so a contradiction
/// the checks found must be visible right there; the book module does not
/// depend on the checks' findings, this is the bridge. Pass the findings
/// already computed (checks are not free on large trees).
pub fn book_findings(findings: &[check::Finding]) -> Vec<book::Finding> {
    // The few codes and severities, one text each (see book::Finding).
    let mut words: HashMap<&'static str, Str> = HashMap::new();
    let mut word = |w: &'static str| words.entry(w).or_insert_with(|| Str::from(w)).clone();
    let mut out = Vec::new();
    for f in findings {
        let Some(primary) = f.locations.first() else {
            continue;
        };
        let mut seen = BTreeSet::new();
        for l in f.defect_locations() {
            if !seen.insert((l.path.as_str(), l.line)) {
                continue;
            }
            let message = if l.path == primary.path {
                f.message.clone()
            } else {
                format!(
                    "{} (reported at {}:{})",
                    f.message, primary.path, primary.line
                )
                .into()
            };
            out.push(book::Finding {
                path: l.path.clone(),
                line: l.line,
                severity: word(f.level().as_str()),
                code: word(f.code.as_str()),
                message,
            });
        }
    }
    out
}
