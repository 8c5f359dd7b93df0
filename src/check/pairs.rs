//! Rows of one page compared two at a time: duplicate rows, rows another
//! row already opens, one flow with two meanings, and overlapping port ranges.
//!
//! [`related`] classifies each pair once; the four checks each report the
//! pairs of their own relation, so each is one registry entry.

use std::collections::HashMap;

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
///
/// Why not every pair: a page that repeats a table or a row k times would
/// give k² findings (400 copies of an 11-row table: millions, 1.7 GB and
/// minutes of grouping) for what is one defect per copy. Rows with the same
/// typed values (a [`Class`]) relate to other rows alike, so each class is
/// compared once with each class whose ports overlap its own, and a related
/// pair of classes gives the pairs (first row of one, each row of the other)
/// both ways: every row is still reported, each copy once against the first
/// of its kind. With no row repeated this is every related pair, as before.
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
    let classes = classes(&rows);
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut add = |a: &Class, b: &Class| {
        let (a0, b0) = (a.rows[0], b.rows[0]);
        for &y in &b.rows {
            pairs.push((a0.min(y), a0.max(y)));
        }
        for &x in &a.rows {
            pairs.push((x.min(b0), x.max(b0)));
        }
    };
    for class in &classes {
        if class.rows.len() > 1 {
            add(class, class);
        }
    }
    // Classes by table kind and transport, by first port: a class meets only
    // the classes after it whose first port is within its range.
    let mut order: Vec<usize> = (0..classes.len()).collect();
    let key = |c: &Class| {
        let (t, r) = rows[c.rows[0]];
        (t.kind, r.transport, r.ports.first())
    };
    order.sort_by_key(|&c| (key(&classes[c]), c));
    for (k, &i) in order.iter().enumerate() {
        let (ta, a) = rows[classes[i].rows[0]];
        for &j in &order[k + 1..] {
            let (tb, b) = rows[classes[j].rows[0]];
            if ta.kind != tb.kind || a.transport != b.transport || b.ports.first() > a.ports.last()
            {
                break;
            }
            // Different source ports: different rules (see `comparable`).
            if a.source_ports != b.source_ports {
                continue;
            }
            if relation(a, b).is_some() {
                add(&classes[i], &classes[j]);
            }
        }
    }
    // Page order, as the pairs were always reported (the grouping keeps the
    // first finding of a place as its main one).
    pairs.sort_unstable();
    pairs.dedup();
    pairs
        .into_iter()
        .filter(|&(i, j)| i != j)
        .filter_map(|(i, j)| {
            let ((_, a), (_, b)) = (rows[i], rows[j]);
            relation(a, b).map(|rel| (a, b, rel))
        })
        .collect()
}

/// Rows of one table kind with the same typed values (`Rule::typed`): they
/// relate to every other row alike.
struct Class {
    /// Indices of the rows, in page order.
    rows: Vec<usize>,
}

/// The classes of `rows`, in the order of their first rows.
fn classes(rows: &[(&Table, &Rule)]) -> Vec<Class> {
    let mut index: HashMap<_, usize> = HashMap::new();
    let mut out: Vec<Class> = Vec::new();
    for (i, (t, r)) in rows.iter().enumerate() {
        let n = out.len();
        let ty = r.typed();
        let key = (
            t.kind,
            ty.role,
            ty.protocols,
            ty.transport,
            ty.ports,
            ty.source,
            ty.destination,
            r.source_ports,
        );
        let c = *index.entry(key).or_insert(n);
        if c == n {
            out.push(Class { rows: Vec::new() });
        }
        out[c].rows.push(i);
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
