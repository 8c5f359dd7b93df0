//! Checks within one page: rows against rows of the same kind of table,
//! rows against their role, headings against their rows, summary tables
//! against the interface tables, federation directions, endpoint naming.

use super::{
    CheckCode as C, Finding, compatible, covers, describe, heading_loc, kind_set, part, row_loc,
    same_endpoint,
};
use crate::diag::Severity;
use crate::model::{
    Address, Endpoint, EndpointKind, Page, Protocol, Role, Rule, Table, TableKind, Transport,
};
use crate::names::Localized;

pub(super) fn check_page(page: &Page, out: &mut Vec<Finding>) {
    pairs(page, out);
    for table in page.tables.iter() {
        for rule in table.rules.iter() {
            role_fit(page, rule, out);
        }
        heading(page, table, out);
        federation_direction(page, table, out);
        naming(page, table, out);
    }
    summary_opened(page, out);
}

/// Rows of tables of the same kind on one page, taken two at a time.
fn pairs(page: &Page, out: &mut Vec<Finding>) {
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

/// The Edge services a role may use.
fn role_fits(role: &Role, k: EndpointKind) -> bool {
    use EndpointKind::*;
    match role {
        Role::Access => !matches!(k, AvEdge | WebConferencingEdge),
        Role::AudioVideo => !matches!(k, AccessEdge | WebConferencingEdge | XmppProxy),
        Role::WebConferencing => !matches!(k, AccessEdge | AvEdge | XmppProxy),
        Role::Unrecognized(_) => true,
    }
}

fn role_fit(page: &Page, rule: &Rule, out: &mut Vec<Finding>) {
    let Some(role) = &rule.role else { return };
    for (side, e) in [("source", &rule.source), ("destination", &rule.destination)] {
        if let Some(bad) = e.kinds().find(|k| !role_fits(role, *k)) {
            let right = match role {
                Role::AudioVideo => "A/V Edge service",
                Role::WebConferencing => "Web Conferencing Edge service",
                _ => "Access Edge service",
            };
            out.push(
                Finding::new(
                    C::RoleEndpointMismatch,
                    Severity::Error,
                    format!(
                        "{} row whose {side} is the {}: {}",
                        role.name("en"),
                        bad.name("en"),
                        describe(rule)
                    ),
                    format!("the {side} of a {} row is the {right}", role.name("en")),
                )
                .at(row_loc(page, rule, "this row")),
            );
            return;
        }
    }
}

/// Which side of the Edge Server the rows of a table touch: `Some(true)` for
/// the internal interface only, `Some(false)` for the external services only.
fn rows_side(rules: &[Rule]) -> Option<bool> {
    let touches = |r: &Rule, f: &dyn Fn(EndpointKind) -> bool| {
        r.source.kinds().chain(r.destination.kinds()).any(f)
    };
    let internal = rules
        .iter()
        .filter(|r| touches(r, &|k| k == EndpointKind::EdgeInternal))
        .count();
    let external = rules
        .iter()
        .filter(|r| touches(r, &EndpointKind::is_edge_external))
        .count();
    if rules.is_empty() {
        None
    } else if internal == rules.len() && external == 0 {
        Some(true)
    } else if external == rules.len() && internal == 0 {
        Some(false)
    } else {
        None
    }
}

fn heading(page: &Page, table: &Table, out: &mut Vec<Finding>) {
    if table.kind_source != crate::model::KindSource::Heading {
        return;
    }
    let heading_internal = match table.kind {
        TableKind::InternalInterface | TableKind::InternalVirtualIps => true,
        TableKind::ExternalInterface | TableKind::ExternalVirtualIps => false,
        _ => return,
    };
    let Some(rows_internal) = rows_side(&table.rules) else {
        return;
    };
    if rows_internal == heading_internal {
        return;
    }
    let (said, is) = if heading_internal {
        ("internal interface", "the external Edge services")
    } else {
        ("external interface", "the Edge internal interface")
    };
    let right = if rows_internal {
        TableKind::InternalInterface
    } else {
        TableKind::ExternalInterface
    };
    let mut f = Finding::new(
        C::HeadingContradictsRows,
        Severity::Error,
        format!(
            "the heading says {said}, but all {} rows of its table go to or from {is}",
            table.rules.len()
        ),
        format!(
            "the heading should name the {} (`{}`)",
            right.name("en"),
            right.name(&page.locale)
        ),
    )
    .at(heading_loc(page, table, "heading"));
    for r in table.rules.iter() {
        f = f.at(row_loc(page, r, "row"));
    }
    out.push(f);
}

/// Federation over SIP/MTLS 5061 through the Access Edge needs both directions.
fn federation_direction(page: &Page, table: &Table, out: &mut Vec<Finding>) {
    let is_fed = |r: &Rule| {
        r.transport == Transport::Tcp
            && r.ports.contains(5061)
            && r.protocols.contains(&Protocol::Sip)
            && r.protocols.contains(&Protocol::Mtls)
    };
    let access = |e: &Endpoint| e.kinds().any(|k| part(k) == EndpointKind::AccessEdge);
    for r in table
        .rules
        .iter()
        .filter(|r| is_fed(r) && (access(&r.source) != access(&r.destination)))
    {
        let reverse = table.rules.iter().any(|x| {
            is_fed(x)
                && compatible(&x.source, &r.destination)
                && compatible(&x.destination, &r.source)
                && {
                    // the Access Edge must be on the other side now
                    access(&x.source) == access(&r.destination)
                }
        });
        if !reverse {
            let missing = if access(&r.source) {
                "inbound"
            } else {
                "outbound"
            };
            out.push(
                Finding::new(
                    C::OneDirectionalFederation,
                    Severity::Warning,
                    format!(
                        "federation over SIP/MTLS 5061 is given in one direction only ({}); the {missing} direction is missing from this table",
                        describe(r)
                    ),
                    format!("add the {missing} SIP/MTLS TCP 5061 row (federated partners and the Access Edge service connect to each other)"),
                )
                .at(row_loc(page, r, "one-directional row"))
                .at(heading_loc(page, table, "table")),
            );
        }
    }
}

/// The same server part named with two different addresses in one table.
fn naming(page: &Page, table: &Table, out: &mut Vec<Finding>) {
    let mut seen: Vec<(EndpointKind, Vec<(Address, &Rule)>)> = Vec::new();
    for r in table.rules.iter() {
        for e in [&r.source, &r.destination] {
            // A virtual IP and a node's own address are different addresses
            // (a pool is reached on its VIP, its nodes send from their own).
            let vip = matches!(e.address, Address::VirtualIp | Address::PublicVirtualIp);
            if e.kind.server().is_none() || !e.candidates.is_empty() || vip {
                continue;
            }
            match seen.iter_mut().find(|(k, _)| *k == e.kind) {
                Some((_, addrs)) => {
                    if !addrs.iter().any(|(a, _)| *a == e.address) {
                        addrs.push((e.address, r));
                    }
                }
                None => seen.push((e.kind, vec![(e.address, r)])),
            }
        }
    }
    for (kind, addrs) in seen {
        if addrs.len() < 2 {
            continue;
        }
        let count = |a: Address| {
            table
                .rules
                .iter()
                .flat_map(|r| [&r.source, &r.destination])
                .filter(|e| e.kind == kind && e.candidates.is_empty() && e.address == a)
                .count()
        };
        // Report at the first row of the least used naming.
        let mut ordered = addrs.clone();
        ordered.sort_by_key(|(a, r)| (count(*a), r.line));
        let names: Vec<String> = addrs
            .iter()
            .map(|(a, _)| {
                let n = a.name("en");
                if n.is_empty() {
                    format!("`{}`", kind.name("en"))
                } else {
                    format!("`{} {n}`", kind.name("en"))
                }
            })
            .collect();
        let mut f = Finding::new(
            C::InconsistentEndpointNaming,
            Severity::Info,
            format!(
                "the {} is named {} in one table",
                kind.name("en"),
                names.join(" and ")
            ),
            "name the endpoint the same way in every row",
        );
        for (i, (_, r)) in ordered.iter().enumerate() {
            f = f.at(row_loc(
                page,
                r,
                if i == 0 {
                    "named differently here"
                } else {
                    "named so here"
                },
            ));
        }
        out.push(f);
    }
}

/// An endpoint of a summary row against an endpoint of an interface row in
/// the same position: a part of the Edge Server must be named as that part;
/// a remote endpoint must be included.
fn position_opens(interface: &Endpoint, summary: &Endpoint) -> bool {
    let summary_local = summary.kinds().any(|k| k.server().is_some());
    if summary_local {
        match (kind_set(interface), kind_set(summary)) {
            (Some(ki), Some(ks)) => ks.iter().any(|s| {
                ki.iter().any(|i| {
                    part(*i) == part(*s)
                        || (*i == EndpointKind::EdgeServer && s.server() == i.server())
                })
            }),
            _ => false,
        }
    } else {
        compatible(interface, summary)
    }
}

fn summary_opened(page: &Page, out: &mut Vec<Finding>) {
    let is_interface = |k: TableKind| {
        matches!(
            k,
            TableKind::ExternalInterface
                | TableKind::InternalInterface
                | TableKind::ExternalVirtualIps
                | TableKind::InternalVirtualIps
        )
    };
    let interface: Vec<&Rule> = page
        .tables
        .iter()
        .filter(|t| is_interface(t.kind))
        .flat_map(|t| t.rules.iter())
        .collect();
    if interface.is_empty() {
        return;
    }
    for table in page.tables.iter().filter(|t| t.kind.is_summary()) {
        for r in table.rules.iter() {
            let opened = interface.iter().any(|i| {
                i.transport == r.transport
                    && i.ports.first <= r.ports.first
                    && r.ports.last <= i.ports.last
                    && position_opens(&i.source, &r.source)
                    && position_opens(&i.destination, &r.destination)
            });
            if opened {
                continue;
            }
            let mut f = Finding::new(
                C::SummaryFlowNotOpened,
                Severity::Error,
                format!(
                    "the {} table needs {}, but no interface table of this page opens it",
                    table.kind.name("en"),
                    describe(r)
                ),
                "add the flow to the interface table, or correct the summary row",
            )
            .at(row_loc(page, r, "summary row"));
            // Point at the interface rows on the same transport and ports.
            for i in interface
                .iter()
                .filter(|i| i.transport == r.transport && i.ports.overlaps(&r.ports))
            {
                f = f.at(row_loc(page, i, "interface row on the same port"));
            }
            out.push(f);
        }
    }
}
