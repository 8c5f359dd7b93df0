//! Rows of one page compared two at a time: duplicate rows, rows another
//! row already opens, one flow with two meanings, and overlapping port ranges.
//!
//! [`related`] classifies each pair once; the four checks each report the
//! pairs of their own relation, so each is one registry entry.

use super::endpoints::{covers, same_endpoint};
use super::finding::{describe, row_loc};
use super::repeats;
use super::{CheckCode as C, Finding};
use crate::model::{EndpointKind, Page, PortScope, Rule, Table};
use crate::names::{self, Localized};

/// How two rows of tables of the same kind relate, when one of the checks
/// of this module reports it. The relations exclude each other.
enum Relation<'a> {
    /// Same ports, endpoints, role and protocols.
    Duplicate,
    /// Same ports and endpoints, two roles (`"role"`) or protocol lists
    /// (`"protocol"`).
    Conflicting(&'static str),
    /// Same ports, role and protocols; `broad`'s endpoints include `narrow`'s.
    Subsumed { narrow: &'a Rule, broad: &'a Rule },
    /// Overlapping, unequal ports between the same endpoints, another role
    /// or protocol list.
    Overlapping,
}

/// Rows of tables of the same kind on one page, taken two at a time in page
/// order, that relate: `(earlier row, later row, relation)`.
fn related(page: &Page) -> Vec<(&Rule, &Rule, Relation<'_>)> {
    // The second copy of a repeated block is `duplicate_rule`'s one
    // finding: its rows are not compared again, pair by pair.
    let rows: Vec<(&Table, &Rule)> = page
        .tables
        .iter()
        .flat_map(|t| {
            let again = repeats::repeated_lines(t);
            t.rules
                .iter()
                .filter(move |r| !again.contains(&r.line))
                .map(move |r| (t, r))
        })
        .filter(|(_, r)| comparable(r))
        .collect();
    let mut out = Vec::new();
    for (i, (ta, a)) in rows.iter().enumerate() {
        for (tb, b) in &rows[i + 1..] {
            if ta.kind != tb.kind
                || a.transport != b.transport
                || !a.ports.overlaps(&b.ports)
                || a.source_ports != b.source_ports
            {
                continue;
            }
            if let Some(rel) = relation(a, b) {
                out.push((*a, *b, rel));
            }
        }
    }
    out
}

/// Whether two rows can be told to be the same flow at all. Not when a side
/// is [`EndpointKind::Unspecified`]: the internal servers, load balancer,
/// client port, SQL Server and hybrid layouts name one end or none, so two
/// of their rows on the same port (a service of the Front End and one of
/// the Mobility Services on 443; clients' SIP and PSOM on 443) are
/// different flows whose other end the table does not give. Not when the
/// port is `Any` or configured (IPsec exceptions, SQL Server named
/// instances): such a row names traffic for a service, not a port, and two
/// of them on "every port" are not a duplicate or an overlap. Rows with
/// different source ports (the A/V firewall page's table with source ports
/// and its table without) are different rules: the pair loop skips them.
fn comparable(r: &Rule) -> bool {
    r.source.kind != EndpointKind::Unspecified
        && r.destination.kind != EndpointKind::Unspecified
        && r.port_scope == PortScope::Listed
}

/// How `a` and `b` (same kind of table, same transport, overlapping ports)
/// relate, or `None` when no check reports them.
fn relation<'a>(a: &'a Rule, b: &'a Rule) -> Option<Relation<'a>> {
    let same_meaning = a.role == b.role && a.protocols == b.protocols;
    let same_ends =
        same_endpoint(&a.source, &b.source) && same_endpoint(&a.destination, &b.destination);
    if a.ports == b.ports && same_ends && same_meaning {
        Some(Relation::Duplicate)
    } else if a.ports == b.ports && same_ends {
        if a.role != b.role && a.role.is_some() && b.role.is_some() {
            Some(Relation::Conflicting("role"))
        } else if a.protocols != b.protocols {
            Some(Relation::Conflicting("protocol"))
        } else {
            None // a role on one row and none on the other: wording
        }
    } else if a.ports == b.ports && same_meaning {
        // One row inside the other: `Any` against a named endpoint.
        if covers(&a.source, &b.source) && covers(&a.destination, &b.destination) {
            Some(Relation::Subsumed {
                narrow: b,
                broad: a,
            })
        } else if covers(&b.source, &a.source) && covers(&b.destination, &a.destination) {
            Some(Relation::Subsumed {
                narrow: a,
                broad: b,
            })
        } else {
            None
        }
    } else if a.ports != b.ports && same_ends && !same_meaning {
        Some(Relation::Overlapping)
    } else {
        None
    }
}

/// [`C::DuplicateRule`]: reported at the later row; a block of rows that
/// a table repeats (any layout) is one finding at the block's first repeated
/// row, and its rows are not reported again pair by pair.
pub(super) fn duplicate_rule(page: &Page, out: &mut Vec<Finding>) {
    for table in page.tables.iter() {
        let rows = repeats::rows(table);
        for b in repeats::repeats(table) {
            let (first, again) = (rows[b.first][0], rows[b.again][0]);
            out.push(
                Finding::new(
                    C::DuplicateRule,
                    format!(
                        "the table repeats rows {}\u{2013}{} as rows {}\u{2013}{} ({} rows given twice)",
                        b.first + 1,
                        b.first + b.len,
                        b.again + 1,
                        b.again + b.len,
                        b.len
                    ),
                    "delete the repeated rows",
                )
                .at(row_loc(page, again, "first repeated row"))
                .at(row_loc(page, rows[b.again + b.len - 1][0], "last repeated row"))
                .at(row_loc(page, first, "first given here")),
            );
        }
    }
    for (a, b, rel) in related(page) {
        let Relation::Duplicate = rel else { continue };
        out.push(
            Finding::new(
                C::DuplicateRule,
                format!("duplicate row: {} is already given", describe(b)),
                "delete one of the two rows",
            )
            .at(row_loc(page, b, "duplicate row"))
            .at(row_loc(page, a, "first given here")),
        );
    }
}

/// [`C::ConflictingFlow`]: reported at the later row.
pub(super) fn conflicting_flow(page: &Page, out: &mut Vec<Finding>) {
    for (a, b, rel) in related(page) {
        let Relation::Conflicting(what) = rel else {
            continue;
        };
        let (x, y) = if what == "role" {
            let role = |r: &Rule| {
                r.role
                    .as_ref()
                    .map(|r| r.name("en"))
                    .unwrap_or_default()
                    .into_owned()
            };
            (role(a), role(b))
        } else {
            (
                names::protocols(&a.protocols),
                names::protocols(&b.protocols),
            )
        };
        out.push(
            Finding::new(
                C::ConflictingFlow,
                format!(
                    "the same flow ({} {} from {} to {}) is given two {what}s: {x} and {y}",
                    b.transport.name("en"),
                    b.ports,
                    b.source.name("en"),
                    b.destination.name("en")
                ),
                format!("keep the row with the right {what} and correct or delete the other"),
            )
            .at(row_loc(page, b, "this row"))
            .at(row_loc(page, a, "conflicts with this row")),
        );
    }
}

/// [`C::SubsumedRule`]: reported at the narrower row.
pub(super) fn subsumed_rule(page: &Page, out: &mut Vec<Finding>) {
    for (_, _, rel) in related(page) {
        let Relation::Subsumed { narrow, broad } = rel else {
            continue;
        };
        out.push(
            Finding::new(
                C::SubsumedRule,
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
    }
}

/// [`C::OverlappingPorts`]: reported at the later row.
pub(super) fn overlapping_ports(page: &Page, out: &mut Vec<Finding>) {
    for (a, b, rel) in related(page) {
        let Relation::Overlapping = rel else { continue };
        out.push(
            Finding::new(
                C::OverlappingPorts,
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
