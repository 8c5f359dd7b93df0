//! The cross-cutting chapters by port and by endpoint: the rules of every
//! page grouped by port range and transport, and by endpoint.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{PageView, RowView};
use crate::book::Asset;
use crate::book::parts::Piece;
use crate::model::EndpointKind;
use crate::names::Localized;

/// Rules grouped by port range and transport. The rows are the page
/// chapters' own (borrowed: a tree's rows are not copied once per
/// cross-cutting chapter).
#[derive(Debug, Clone, Serialize)]
pub struct PortGroup<'a> {
    pub anchor: String,
    /// `TCP 443`.
    pub label: String,
    pub transport: String,
    pub ports: String,
    pub first: u16,
    pub last: u16,
    pub rows: Vec<&'a RowView>,
    /// The rows before these are in the part before (a group bigger than a
    /// part, [`crate::book::parts`]).
    pub continued: bool,
}

impl<'a> PortGroup<'a> {
    /// The rows of `piece` (planned on the groups' row counts).
    pub fn piece(&self, piece: &Piece) -> PortGroup<'a> {
        PortGroup {
            rows: self.rows[piece.rows.clone()].to_vec(),
            continued: piece.continued(),
            ..self.clone()
        }
    }
}

pub(crate) fn by_port(pages: &[PageView]) -> Vec<PortGroup<'_>> {
    // Keyed by range, transport, then how the cell names the range: a port
    // "any" and one "configured" are both 1-65535 but not the same group.
    type Key = (u16, u16, String, u8, &'static str);
    let mut groups: BTreeMap<Key, Vec<&RowView>> = BTreeMap::new();
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
                        .push(r);
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
                continued: false,
            }
        })
        .collect()
}

/// Rules grouped by the endpoints they name (rows borrowed, as in
/// [`PortGroup`]).
#[derive(Debug, Clone, Serialize)]
pub struct EndpointGroup<'a> {
    pub anchor: String,
    pub name: String,
    /// Rules where the endpoint (or one of its candidates) is the source.
    pub as_source: Vec<&'a RowView>,
    /// Rules where it is the destination.
    pub as_destination: Vec<&'a RowView>,
    /// The rows before these are in the part before.
    pub continued: bool,
    /// Whether the "As source" and "As destination" headings show: both
    /// unless the group is cut into parts and this piece holds rows of one
    /// side only.
    pub show_source: bool,
    pub show_destination: bool,
}

impl<'a> EndpointGroup<'a> {
    /// How many rows the group shows: the parts are planned on it.
    pub fn len(&self) -> usize {
        self.as_source.len() + self.as_destination.len()
    }

    /// The rows of `piece`: a range of the source rows followed by the
    /// destination rows.
    pub fn piece(&self, piece: &Piece) -> EndpointGroup<'a> {
        let s = self.as_source.len();
        let (start, end) = (piece.rows.start, piece.rows.end);
        EndpointGroup {
            anchor: self.anchor.clone(),
            name: self.name.clone(),
            as_source: self.as_source[start.min(s)..end.min(s)].to_vec(),
            as_destination: self.as_destination[start.saturating_sub(s)..end.saturating_sub(s)]
                .to_vec(),
            continued: piece.continued(),
            show_source: start == 0 || start < s,
            show_destination: end > s || end == self.len(),
        }
    }
}

pub(crate) fn by_endpoint<'a>(
    locale: &str,
    assets: &[Asset<'_>],
    pages: &'a [PageView],
) -> Vec<EndpointGroup<'a>> {
    let mut groups: BTreeMap<EndpointKind, (Vec<&RowView>, Vec<&RowView>)> = BTreeMap::new();
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
                        if is_source { as_source } else { as_destination }.push(rv);
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
            continued: false,
            show_source: true,
            show_destination: true,
        })
        .collect()
}
