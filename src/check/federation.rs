//! Federation flows: SIP/MTLS 5061 given in both directions, and the rows
//! of the summary tables (federation, public IM, XMPP) opened by the
//! interface tables of their page.

use super::endpoints::{compatible, covers, kind_set, part};
use super::finding::{Level, describe, heading_loc, row_loc};
use super::{CheckCode as C, Finding};
use crate::model::{Endpoint, EndpointKind, Page, Protocol, Rule, Table, TableKind, Transport};
use crate::names::Localized;

/// [`C::OneDirectionalFederation`]: federation over SIP/MTLS 5061 through
/// the Access Edge needs both directions.
pub(super) fn one_directional_federation(page: &Page, table: &Table, out: &mut Vec<Finding>) {
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
            // Another table of the page (the interface table) may open the
            // other direction: then the table is incomplete, the page is not.
            let elsewhere = page
                .tables
                .iter()
                .filter(|t| !std::ptr::eq(*t, table))
                .flat_map(|t| t.rules.iter())
                .any(|x| {
                    is_fed(x)
                        && covers(&x.source, &r.destination)
                        && covers(&x.destination, &r.source)
                });
            let level = if elsewhere {
                Level::Warning
            } else {
                Level::Error
            };
            out.push(
                Finding::new(
                    C::OneDirectionalFederation,
                    format!(
                        "federation over SIP/MTLS 5061 is given in one direction only ({}); the {missing} direction is missing from this table",
                        describe(r)
                    ),
                    format!("add the {missing} SIP/MTLS TCP 5061 row (federated partners and the Access Edge service connect to each other)"),
                )
                .with_level(level)
                .at(row_loc(page, r, "one-directional row"))
                .at(heading_loc(page, table, "table")),
            );
        }
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

/// [`C::SummaryFlowNotOpened`]: reported at the summary row, with the
/// interface rows on the same transport and ports.
pub(super) fn summary_flow_not_opened(page: &Page, out: &mut Vec<Finding>) {
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
                    && i.ports.first() <= r.ports.first()
                    && r.ports.last() <= i.ports.last()
                    && position_opens(&i.source, &r.source)
                    && position_opens(&i.destination, &r.destination)
            });
            if opened {
                continue;
            }
            let mut f = Finding::new(
                C::SummaryFlowNotOpened,
                format!(
                    "the {} table needs {}, but no interface table of this page opens it",
                    table.kind.name("en"),
                    describe(r)
                ),
                "add the flow to the interface table, or correct the summary row",
            )
            .at(row_loc(page, r, "summary row"));
            // Point at the interface rows that come closest: the same
            // transport, ports and protocols, and one of the two endpoints.
            // When one of them is itself a finding (a row on the wrong Edge
            // service), that finding is the cause of this one.
            for i in interface.iter().filter(|i| {
                i.transport == r.transport
                    && i.ports.first() <= r.ports.first()
                    && r.ports.last() <= i.ports.last()
                    && i.protocols == r.protocols
                    && (position_opens(&i.source, &r.source)
                        || position_opens(&i.destination, &r.destination))
            }) {
                f = f
                    .at(row_loc(
                        page,
                        i,
                        "interface row with these ports and one of the two endpoints",
                    ))
                    .caused_by(page, i);
            }
            out.push(f);
        }
    }
}
