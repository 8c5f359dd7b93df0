//! Pages and tables against each other: the same flow given other ports or
//! endpoints on pages of comparable topologies, and a virtual IP table that
//! contradicts the node table of the same interface on its page.
//!
//! The families are those of the port summary pages. The A/V firewall
//! requirements page (`TableKind::AvFirewall`) is left out: its rows name no
//! protocols, and a flow here is named by its protocols, so none of its rows
//! could be matched with an Edge page's STUN/MSTURN or RTP rows; a match by
//! ports alone would compare every TCP 443 row. The internal-servers and
//! load-balancer lists are compared with the flows in `role_ports.rs`.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet};

use super::endpoints::{compatible, part};
use super::family::{self, Family, local_part};
use super::finding::{MAX_WITNESSES, describe, row_loc};
use super::{CheckCode as C, Finding};
use crate::model::{EndpointKind, Page, PortRange, Protocol, Rule, TableKind, Transport};
use crate::names::{self, Localized};

/// The sets of comparable tables, per locale.
const FAMILIES: [Family; 6] = [
    Family::Edge,
    Family::Director,
    Family::Summary(TableKind::Federation),
    Family::Summary(TableKind::PublicImConnectivity),
    Family::Summary(TableKind::Xmpp),
    Family::ReverseProxy,
];

/// A flow named by its protocols and one endpoint on each side (each
/// endpoint of a list `A, B, C` on its own; `Any` is an endpoint of its
/// own; the parts of the Edge that share an address are one).
type Atom = (Vec<Protocol>, EndpointKind, EndpointKind);

/// What one page gives for an atom: the transports and ports, the rows, and
/// whether every row names both endpoints alone (not in a list).
#[derive(Default)]
struct Given<'a> {
    ports: BTreeSet<(Transport, PortRange)>,
    rows: Vec<&'a Rule>,
    specific: bool,
}

fn atoms(r: &Rule) -> Vec<(EndpointKind, EndpointKind)> {
    let each = |e: &crate::model::Endpoint| -> Vec<EndpointKind> {
        if e.candidates.is_empty() {
            vec![part(e.kind)]
        } else {
            e.candidates.iter().map(|c| part(c.kind)).collect()
        }
    };
    let mut v = Vec::new();
    for s in each(&r.source) {
        for d in each(&r.destination) {
            v.push((s, d));
        }
    }
    v
}

fn ports_text(set: &BTreeSet<(Transport, PortRange)>) -> String {
    set.iter()
        .map(|(t, p)| format!("{} {p}", t.name("en")))
        .collect::<Vec<_>>()
        .join(", ")
}

/// [`C::FlowDiffersAcrossPages`], over the pages of one locale: ports per
/// flow in every family, then endpoints in the summary and reverse proxy
/// tables.
pub(super) fn flow_differs_across_pages(pages: &[&Page], out: &mut Vec<Finding>) {
    for fam in FAMILIES {
        ports_differ(pages, fam, out);
    }
    for fam in &FAMILIES[2..] {
        family::family(pages, *fam, C::FlowDiffersAcrossPages, out);
    }
}

/// One family: a flow given with different transports or ports on two or
/// more pages.
fn ports_differ(pages: &[&Page], fam: Family, out: &mut Vec<Finding>) {
    let mut by_atom: BTreeMap<Atom, BTreeMap<usize, Given>> = BTreeMap::new();
    for (pi, page) in pages.iter().enumerate() {
        for t in page.tables.iter().filter(|t| fam.has(t.kind)) {
            for r in t.rules.iter() {
                if r.source.unrecognized.is_some() || r.destination.unrecognized.is_some() {
                    continue;
                }
                let alone = r.source.candidates.is_empty() && r.destination.candidates.is_empty();
                for (s, d) in atoms(r) {
                    let g = by_atom
                        .entry((r.protocols.to_vec(), s, d))
                        .or_default()
                        .entry(pi)
                        .or_insert_with(|| Given {
                            specific: true,
                            ..Given::default()
                        });
                    g.ports.insert((r.transport, r.ports));
                    if !g.rows.iter().any(|x| std::ptr::eq(*x, r)) {
                        g.rows.push(r);
                    }
                    g.specific &= alone;
                }
            }
        }
    }
    // (page, first row's line) -> what differs there
    type At<'a> = Vec<(String, Vec<(usize, &'a Rule)>, Vec<&'a Rule>)>;
    let mut at: BTreeMap<(usize, u32), At> = BTreeMap::new();
    for ((protocols, s, d), by_page) in &by_atom {
        let mut variants: BTreeMap<&BTreeSet<(Transport, PortRange)>, Vec<usize>> = BTreeMap::new();
        for (pi, g) in by_page {
            variants.entry(&g.ports).or_default().push(*pi);
        }
        if variants.len() < 2 {
            continue;
        }
        // The variant most pages give, then the one the pages that name the
        // endpoints alone give, then the first page's.
        let specific = |ps: &[usize]| ps.iter().filter(|p| by_page[*p].specific).count();
        let Some((best, best_pages)) = variants
            .iter()
            .max_by_key(|(_, ps)| (ps.len(), specific(ps), Reverse(ps[0])))
        else {
            continue;
        };
        for (pi, g) in by_page {
            if g.ports == **best {
                continue;
            }
            let flow = format!(
                "{} from {} to {} is given on {} here but on {} by {} other page(s)",
                names::protocols(protocols),
                s.name("en"),
                d.name("en"),
                ports_text(&g.ports),
                ports_text(best),
                best_pages.len()
            );
            let theirs: Vec<(usize, &Rule)> = best_pages
                .iter()
                .take(MAX_WITNESSES)
                .map(|q| (*q, by_page[q].rows[0]))
                .collect();
            // The rows of this page that give the missing ports with these
            // protocols between other endpoints: when one of them is a
            // finding (a row on the wrong Edge service), it is the cause.
            let missing: Vec<&(Transport, PortRange)> = best.difference(&g.ports).collect();
            let causes: Vec<&Rule> = pages[*pi]
                .tables
                .iter()
                .filter(|t| fam.has(t.kind))
                .flat_map(|t| t.rules.iter())
                .filter(|r| {
                    r.protocols.as_ref() == protocols.as_slice()
                        && missing.contains(&&(r.transport, r.ports))
                })
                .collect();
            at.entry((*pi, g.rows[0].line))
                .or_default()
                .push((flow, theirs, causes));
        }
    }
    for ((pi, line), flows) in at {
        let page = pages[pi];
        let Some(row) = page
            .tables
            .iter()
            .flat_map(|t| t.rules.iter())
            .find(|r| r.line == line)
        else {
            continue;
        };
        let text: Vec<&str> = flows.iter().map(|(f, _, _)| f.as_str()).collect();
        let mut f = Finding::new(
            C::FlowDiffersAcrossPages,
            format!(
                "pages with the same kind of table give this flow other ports: {}",
                text.join("; ")
            ),
            "check which ports the flow really uses and correct the page that differs",
        )
        .at(row_loc(page, row, "this row"));
        for (_, _, causes) in &flows {
            for r in causes {
                f = f.caused_by(page, r);
            }
        }
        let mut seen = BTreeSet::new();
        for (_, theirs, _) in &flows {
            for (q, r) in theirs {
                if seen.len() < MAX_WITNESSES && seen.insert((*q, r.line)) {
                    f = f.at(row_loc(
                        pages[*q],
                        r,
                        &format!("`{}` gives it so", pages[*q].title),
                    ));
                }
            }
        }
        out.push(f);
    }
}

/// Whether two endpoints in the same position of a node row and a virtual
/// IP row are the same: the same part of the Edge Server (whatever address
/// names it), or two remote endpoints that may be the same.
fn same_position(a: &crate::model::Endpoint, b: &crate::model::Endpoint) -> bool {
    match (local_part(a), local_part(b)) {
        (Some(x), Some(y)) => x == y,
        (None, None) => compatible(a, b),
        _ => false,
    }
}

/// [`C::TableContradictsInterface`]: reported at the virtual IP row, with
/// the node rows it contradicts.
pub(super) fn table_contradicts_interface(page: &Page, out: &mut Vec<Finding>) {
    let sides = [
        (TableKind::ExternalInterface, TableKind::ExternalVirtualIps),
        (TableKind::InternalInterface, TableKind::InternalVirtualIps),
    ];
    for (node_kind, vip_kind) in sides {
        let nodes: Vec<&Rule> = page
            .tables
            .iter()
            .filter(|t| t.kind == node_kind)
            .flat_map(|t| t.rules.iter())
            .collect();
        for vt in page.tables.iter().filter(|t| t.kind == vip_kind) {
            for v in vt.rules.iter() {
                let against: Vec<&Rule> = nodes
                    .iter()
                    .copied()
                    .filter(|n| {
                        n.transport == v.transport
                            && n.ports.overlaps(&v.ports)
                            && same_position(&n.source, &v.source)
                            && same_position(&n.destination, &v.destination)
                            && (n.protocols != v.protocols
                                || (n.role.is_some() && v.role.is_some() && n.role != v.role))
                    })
                    .collect();
                let Some(first) = against.first() else {
                    continue;
                };
                let mut f = Finding::new(
                    C::TableContradictsInterface,
                    format!(
                        "the {} table gives {}, the {} table of the same interface gives {}",
                        vip_kind.name("en"),
                        describe(v),
                        node_kind.name("en"),
                        describe(first)
                    ),
                    "make the virtual IP and node tables of the interface give the flow the same protocols and role",
                )
                .at(row_loc(page, v, "virtual IP row"));
                for n in against {
                    f = f.at(row_loc(page, n, "node row of the same interface"));
                }
                out.push(f);
            }
        }
    }
}
