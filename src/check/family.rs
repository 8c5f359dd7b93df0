//! Topology families: the pages of one family (the consolidated Edge pages;
//! the Director pages) in one locale disagreeing on which endpoint a flow
//! uses.

use std::collections::{BTreeMap, BTreeSet};

use super::endpoints::part;
use super::finding::{MAX_WITNESSES, describe, row_loc};
use super::{CheckCode as C, Finding};
use crate::model::{Endpoint, EndpointKind, Page, PortRange, Protocol, Rule, TableKind, Transport};
use crate::names::Localized;

/// [`C::TopologyFamilyMismatch`], over the pages of one locale: the Edge
/// family, then the Director family.
pub(super) fn topology_family_mismatch(pages: &[&Page], out: &mut Vec<Finding>) {
    family(pages, Family::Edge, C::TopologyFamilyMismatch, out);
    family(pages, Family::Director, C::TopologyFamilyMismatch, out);
}

/// A set of comparable tables across the pages of one locale.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Family {
    /// The consolidated Edge pages: their interface and virtual IP tables.
    Edge,
    /// The Director pages: their Director tables.
    Director,
    /// The summary tables of one kind (federation, public IM, XMPP), on
    /// whatever page they are.
    Summary(TableKind),
    /// The reverse proxy tables (both sides).
    ReverseProxy,
}

impl Family {
    /// Whether tables of kind `k` belong to the family's comparison.
    pub(super) fn has(self, k: TableKind) -> bool {
        match self {
            Family::Edge => matches!(
                k,
                TableKind::ExternalInterface
                    | TableKind::InternalInterface
                    | TableKind::ExternalVirtualIps
                    | TableKind::InternalVirtualIps
            ),
            Family::Director => k == TableKind::Director,
            Family::Summary(kind) => k == kind,
            Family::ReverseProxy => matches!(
                k,
                TableKind::ReverseProxyExternal | TableKind::ReverseProxyInternal
            ),
        }
    }
}

/// The server part an endpoint names, or `None` for a remote endpoint.
/// `Any (can be defined as X, Y)` is remote: its candidates only illustrate.
pub(super) fn local_part(e: &Endpoint) -> Option<EndpointKind> {
    if e.is_any() {
        return None;
    }
    let parts: Vec<EndpointKind> = e
        .kinds()
        .filter(|k| k.server().is_some())
        .map(part)
        .collect();
    parts
        .iter()
        .copied()
        .find(|k| *k != EndpointKind::EdgeServer)
        .or(parts.first().copied())
}

/// `from A/V Edge service to a remote endpoint`: an endpoint pair in words.
fn pair_name((s, d): Pair) -> String {
    let name = |e: Option<EndpointKind>| match e {
        Some(k) => k.name("en").into_owned(),
        None => "a remote endpoint".to_string(),
    };
    format!("from {} to {}", name(s), name(d))
}

/// The server parts a row's source and destination name (`None`: remote).
type Pair = (Option<EndpointKind>, Option<EndpointKind>);
/// A flow: (internal side of the Edge, transport, ports, protocols).
type Key = (bool, Transport, PortRange, Vec<Protocol>);
/// Rows of one page with their endpoint pair.
type PageRows<'a> = BTreeMap<usize, Vec<(Pair, &'a Rule)>>;

/// One family's flows given by at least three pages: a page whose rows use
/// an endpoint pair no other page uses, while it lacks a pair every other
/// page gives, disagrees with the family.
pub(super) fn family(pages: &[&Page], fam: Family, code: C, out: &mut Vec<Finding>) {
    // key -> page index -> rows with their endpoint pair
    let mut flows: BTreeMap<Key, PageRows> = BTreeMap::new();
    for (pi, page) in pages.iter().enumerate() {
        for t in page.tables.iter().filter(|t| fam.has(t.kind)) {
            for r in t.rules.iter() {
                // Edge rows are compared per side (internal interface or
                // external services); Director tables have one side.
                let internal = fam == Family::Edge
                    && [&r.source, &r.destination]
                        .iter()
                        .any(|e| e.kinds().any(|k| k == EndpointKind::EdgeInternal));
                let key = (internal, r.transport, r.ports, r.protocols.to_vec());
                let pair = (local_part(&r.source), local_part(&r.destination));
                flows
                    .entry(key)
                    .or_default()
                    .entry(pi)
                    .or_default()
                    .push((pair, r));
            }
        }
    }
    for by_page in flows.values() {
        // With two pages there is no majority to say which one is wrong.
        if by_page.len() < 3 {
            continue;
        }
        // Pages of the flow giving each endpoint pair. "In every other page"
        // and "in some other page" are then counts, not set operations over
        // the other pages (which made this quadratic in the pages).
        let sets: BTreeMap<usize, BTreeSet<Pair>> = by_page
            .iter()
            .map(|(q, rs)| (*q, rs.iter().map(|(p, _)| *p).collect()))
            .collect();
        let mut count: BTreeMap<Pair, usize> = BTreeMap::new();
        for set in sets.values() {
            for p in set {
                *count.entry(*p).or_default() += 1;
            }
        }
        let n_others = by_page.len() - 1;
        for (&pi, rows) in by_page {
            let mine = &sets[&pi];
            let in_others =
                |p: &Pair| count.get(p).copied().unwrap_or(0) - usize::from(mine.contains(p));
            // Pairs every other page gives and this one does not.
            let lacking: Vec<Pair> = count
                .keys()
                .filter(|p| !mine.contains(p) && in_others(p) == n_others)
                .copied()
                .collect();
            if lacking.is_empty() {
                continue;
            }
            for (pair, r) in rows.iter().filter(|(p, _)| in_others(p) == 0) {
                let page = pages[pi];
                let table = page
                    .tables
                    .iter()
                    .find(|t| t.rules.iter().any(|x| std::ptr::eq(x, *r)))
                    .map_or(0, |t| t.line);
                let what = if code == C::TopologyFamilyMismatch {
                    "the {k} other pages of its topology family"
                } else {
                    "the {k} other pages with this kind of table"
                }
                .replace("{k}", &n_others.to_string());
                let mut f = Finding::new(
                    code,
                    format!(
                        "{} disagrees with {what}, which all give this flow between other endpoints",
                        describe(r),
                    ),
                    "check which endpoint this flow really uses and correct the page that differs",
                )
                .rows(
                    table,
                    format!("{} instead of {}", pair_name(*pair), lacking.iter().map(|p| pair_name(*p)).collect::<Vec<_>>().join(", ")),
                    format!(
                        "{{n}} rows of this table give flows {} where {what} give them {}; the first: {}",
                        pair_name(*pair),
                        lacking.iter().map(|p| pair_name(*p)).collect::<Vec<_>>().join(", "),
                        describe(r)
                    ),
                )
                .at(row_loc(page, r, "this row"));
                for q in sets.keys().filter(|q| **q != pi).take(MAX_WITNESSES) {
                    if let Some((_, x)) = by_page[q].iter().find(|(p, _)| lacking.contains(p)) {
                        f = f.at(row_loc(pages[*q], x, "the family gives it so"));
                    }
                }
                out.push(f);
            }
        }
    }
}
