//! One server part named with two different addresses in one table.

use super::finding::row_loc;
use super::{CheckCode as C, Finding};
use crate::model::{Address, EndpointKind, Page, Rule, Table};
use crate::names::Localized;

/// [`C::InconsistentEndpointNaming`]: the same server part named with two
/// different addresses in one table.
pub(super) fn inconsistent_endpoint_naming(page: &Page, table: &Table, out: &mut Vec<Finding>) {
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
