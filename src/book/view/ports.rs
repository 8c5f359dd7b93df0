//! The cross-cutting chapters by port and by endpoint: the rules of every
//! page grouped by port range and transport, and by endpoint.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{PageView, RowView};
use crate::book::Asset;
use crate::model::EndpointKind;
use crate::names::Localized;

/// Rules grouped by port range and transport.
#[derive(Debug, Clone, Serialize)]
pub struct PortGroup {
    pub anchor: String,
    /// `TCP 443`.
    pub label: String,
    pub transport: String,
    pub ports: String,
    pub first: u16,
    pub last: u16,
    pub rows: Vec<RowView>,
}

pub(crate) fn by_port(pages: &[PageView]) -> Vec<PortGroup> {
    // Keyed by range, transport, then how the cell names the range: a port
    // "any" and one "configured" are both 1-65535 but not the same group.
    type Key = (u16, u16, String, u8, &'static str);
    let mut groups: BTreeMap<Key, Vec<RowView>> = BTreeMap::new();
    for p in pages {
        for t in &p.tables {
            for g in &t.groups {
                for r in &g.rows {
                    let order = match r.port_scope {
                        "listed" => 0,
                        "any" => 1,
                        _ => 2,
                    };
                    groups
                        .entry((
                            r.port_first,
                            r.port_last,
                            r.transport.clone(),
                            order,
                            r.port_scope,
                        ))
                        .or_default()
                        .push(r.clone());
                }
            }
        }
    }
    groups
        .into_iter()
        .map(|((first, last, transport, _, scope), rows)| {
            let key = match scope {
                "listed" => rows[0].ports.clone(),
                s => s.to_string(),
            };
            PortGroup {
                anchor: format!("port-{}-{key}", transport.to_ascii_lowercase()),
                label: format!("{transport} {}", rows[0].ports),
                transport,
                ports: rows[0].ports.clone(),
                first,
                last,
                rows,
            }
        })
        .collect()
}

/// Rules grouped by the endpoints they name.
#[derive(Debug, Clone, Serialize)]
pub struct EndpointGroup {
    pub anchor: String,
    pub name: String,
    /// Rules where the endpoint (or one of its candidates) is the source.
    pub as_source: Vec<RowView>,
    /// Rules where it is the destination.
    pub as_destination: Vec<RowView>,
}

pub(crate) fn by_endpoint(
    locale: &str,
    assets: &[Asset<'_>],
    pages: &[PageView],
) -> Vec<EndpointGroup> {
    let mut groups: BTreeMap<EndpointKind, (Vec<RowView>, Vec<RowView>)> = BTreeMap::new();
    for (a, pv) in assets.iter().zip(pages) {
        let page = a.edition(locale);
        for (t, tv) in page.tables.iter().zip(&pv.tables) {
            for (i, r) in t.rules.iter().enumerate() {
                // By index: the rules of a row expanded into several (one
                // per transport or port) share its line.
                let Some(rv) = tv
                    .groups
                    .iter()
                    .flat_map(|g| &g.rows)
                    .find(|x| x.rule_index == i)
                else {
                    continue;
                };
                for (is_source, endpoint) in [(true, &r.source), (false, &r.destination)] {
                    let mut kinds: Vec<EndpointKind> = endpoint
                        .kinds()
                        // `Unspecified`: the table gives no endpoint on
                        // that side, nothing to list the rule under.
                        .filter(|k| !matches!(k, EndpointKind::OneOf | EndpointKind::Unspecified))
                        .collect();
                    kinds.sort();
                    kinds.dedup();
                    for k in kinds {
                        let (as_source, as_destination) = groups.entry(k).or_default();
                        if is_source { as_source } else { as_destination }.push(rv.clone());
                    }
                }
            }
        }
    }
    groups
        .into_iter()
        .map(|(k, (s, d))| EndpointGroup {
            anchor: format!("ep-{}", format!("{k:?}").to_ascii_lowercase()),
            name: k.name(locale).into_owned(),
            as_source: s,
            as_destination: d,
        })
        .collect()
}
