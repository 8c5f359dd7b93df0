//! Rows of one page compared two at a time: duplicate rows, rows another
//! row already opens, one flow with two meanings, and overlapping port ranges.

use super::endpoints::{covers, same_endpoint};
use super::finding::{describe, row_loc};
use super::{CheckCode as C, Finding};
use crate::diag::Severity;
use crate::model::{Page, Rule, Table};
use crate::names::Localized;

/// Rows of tables of the same kind on one page, taken two at a time.
pub(super) fn pairs(page: &Page, out: &mut Vec<Finding>) {
    let rows: Vec<(&Table, &Rule)> = page
        .tables
        .iter()
        .flat_map(|t| t.rules.iter().map(move |r| (t, r)))
        .collect();
    for (i, (ta, a)) in rows.iter().enumerate() {
        for (tb, b) in &rows[i + 1..] {
            if ta.kind != tb.kind || a.transport != b.transport || !a.ports.overlaps(&b.ports) {
                continue;
            }
            let same_meaning = a.role == b.role && a.protocols == b.protocols;
            let same_ends = same_endpoint(&a.source, &b.source)
                && same_endpoint(&a.destination, &b.destination);
            if a.ports == b.ports && same_ends && same_meaning {
                out.push(
                    Finding::new(
                        C::DuplicateRule,
                        Severity::Warning,
                        format!("duplicate row: {} is already given", describe(b)),
                        "delete one of the two rows",
                    )
                    .at(row_loc(page, b, "duplicate row"))
                    .at(row_loc(page, a, "first given here")),
                );
            } else if a.ports == b.ports && same_ends {
                let (what, x, y) = if a.role != b.role && a.role.is_some() && b.role.is_some() {
                    (
                        "role",
                        a.role
                            .as_ref()
                            .map(|r| r.name("en"))
                            .unwrap_or_default()
                            .into_owned(),
                        b.role
                            .as_ref()
                            .map(|r| r.name("en"))
                            .unwrap_or_default()
                            .into_owned(),
                    )
                } else if a.protocols != b.protocols {
                    (
                        "protocol",
                        crate::names::protocols(&a.protocols),
                        crate::names::protocols(&b.protocols),
                    )
                } else {
                    continue; // a role on one row and none on the other: wording
                };
                out.push(
                    Finding::new(
                        C::ConflictingFlow,
                        Severity::Error,
                        format!(
                            "the same flow ({} {} from {} to {}) is given two {what}s: {x} and {y}",
                            b.transport.name("en"),
                            b.ports,
                            b.source.name("en"),
                            b.destination.name("en")
                        ),
                        format!(
                            "keep the row with the right {what} and correct or delete the other"
                        ),
                    )
                    .at(row_loc(page, b, "this row"))
                    .at(row_loc(page, a, "conflicts with this row")),
                );
            } else if a.ports == b.ports && same_meaning {
                // One row inside the other: `Any` against a named endpoint.
                let (narrow, broad) = if covers(&a.source, &b.source)
                    && covers(&a.destination, &b.destination)
                {
                    (b, a)
                } else if covers(&b.source, &a.source) && covers(&b.destination, &a.destination) {
                    (a, b)
                } else {
                    continue;
                };
                out.push(
                    Finding::new(
                        C::SubsumedRule,
                        Severity::Warning,
                        format!(
                            "row {} is already opened by the broader row {}",
                            describe(narrow),
                            describe(broad)
                        ),
                        "delete the narrower row, or narrow the broader one if it opens too much",
                    )
                    .at(row_loc(page, narrow, "narrower row"))
                    .at(row_loc(page, broad, "broader row")),
                );
            } else if a.ports != b.ports && same_ends && !same_meaning {
                out.push(
                    Finding::new(
                        C::OverlappingPorts,
                        Severity::Warning,
                        format!(
                            "port ranges {} and {} overlap between the same endpoints with a different meaning: {} / {}",
                            a.ports,
                            b.ports,
                            describe(a),
                            describe(b)
                        ),
                        "make the ranges disjoint or give both rows the same role and protocol",
                    )
                    .at(row_loc(page, b, "this row"))
                    .at(row_loc(page, a, "overlaps this row")),
                );
            }
        }
    }
}
