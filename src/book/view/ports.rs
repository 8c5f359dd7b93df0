//! The cross-cutting chapters by port and by endpoint: the rules of every
//! page grouped by port range and transport, and by endpoint.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{RowRef, RowView, direction_id, layout};
use crate::book::Asset;
use crate::book::parts::Piece;
use crate::model::{Direction, EndpointKind};
use crate::names::Localized;

/// Rules grouped by port range and transport. The rows are named by place
/// ([`RowRef`]: 12 bytes a row) and their views made only for the part
/// being rendered ([`PortGroup::piece`]): the views of every row of a large
/// tree, held at once, were most of the books' memory.
#[derive(Debug, Clone)]
pub struct PortGroup {
    pub anchor: String,
    /// `TCP 443`.
    pub label: String,
    pub transport: String,
    pub ports: String,
    pub first: u16,
    pub last: u16,
    pub rows: Vec<RowRef>,
}

/// What a template gets of a [`PortGroup`]: the rows of one part, with
/// their views.
#[derive(Debug, Clone, Serialize)]
pub struct PortPiece<'a> {
    pub anchor: &'a str,
    pub label: &'a str,
    pub transport: &'a str,
    pub ports: &'a str,
    pub first: u16,
    pub last: u16,
    pub rows: Vec<RowView>,
    /// The rows before these are in the part before (a group bigger than a
    /// part, [`crate::book::parts`]).
    pub continued: bool,
}

impl PortGroup {
    /// The rows of `piece` (planned on the groups' row counts), their views
    /// made by `views`.
    pub fn piece(&self, piece: &Piece, views: &dyn Fn(&[RowRef]) -> Vec<RowView>) -> PortPiece<'_> {
        PortPiece {
            anchor: &self.anchor,
            label: &self.label,
            transport: &self.transport,
            ports: &self.ports,
            first: self.first,
            last: self.last,
            rows: views(&self.rows[piece.rows.clone()]),
            continued: piece.continued(),
        }
    }
}

/// The rules of the book's pages (`assets`, in chapter order) grouped by
/// port: each page's tables in order, in a table the rows inbound, then
/// outbound, then of unknown direction (the order of the page chapter's
/// groups).
pub(crate) fn by_port(locale: &str, assets: &[Asset<'_>]) -> Vec<PortGroup> {
    // Keyed by range, transport, then how the cell names the range: a port
    // "any" and one "configured" are both 1-65535 but not the same group.
    type Key = (u16, u16, String, u8, &'static str);
    let mut groups: BTreeMap<Key, (String, Vec<RowRef>)> = BTreeMap::new();
    for (pi, a) in assets.iter().enumerate() {
        let page = a.edition(locale);
        for (ti, t) in page.tables.iter().enumerate() {
            for d in [Direction::Inbound, Direction::Outbound, Direction::Unknown] {
                let id = direction_id(d);
                for (ri, r) in t.rules.iter().enumerate() {
                    if direction_id(r.direction(t.kind)) != id {
                        continue;
                    }
                    let scope = layout::scope_id(r.port_scope);
                    let order = match scope {
                        "listed" => 0,
                        "any" => 1,
                        _ => 2,
                    };
                    let key = (
                        r.ports.first(),
                        r.ports.last(),
                        r.transport.name(locale).into_owned(),
                        order,
                        scope,
                    );
                    groups
                        .entry(key)
                        .or_insert_with(|| {
                            (layout::ports(r.ports, r.port_scope, locale), Vec::new())
                        })
                        .1
                        .push(RowRef::new(pi, ti, ri));
                }
            }
        }
    }
    groups
        .into_iter()
        .map(|((first, last, transport, _, scope), (ports, rows))| {
            let key = match scope {
                "listed" => ports.clone(),
                s => s.to_string(),
            };
            PortGroup {
                anchor: format!("port-{}-{key}", transport.to_ascii_lowercase()),
                label: format!("{transport} {ports}"),
                transport,
                ports,
                first,
                last,
                rows,
            }
        })
        .collect()
}

/// Rules grouped by the endpoints they name (rows named by place, as in
/// [`PortGroup`]).
#[derive(Debug, Clone)]
pub struct EndpointGroup {
    pub anchor: String,
    pub name: String,
    /// Rules where the endpoint (or one of its candidates) is the source.
    pub as_source: Vec<RowRef>,
    /// Rules where it is the destination.
    pub as_destination: Vec<RowRef>,
}

/// What a template gets of an [`EndpointGroup`]: the rows of one part.
#[derive(Debug, Clone, Serialize)]
pub struct EndpointPiece<'a> {
    pub anchor: &'a str,
    pub name: &'a str,
    pub as_source: Vec<RowView>,
    pub as_destination: Vec<RowView>,
    /// The rows before these are in the part before.
    pub continued: bool,
    /// Whether the "As source" and "As destination" headings show: both
    /// unless the group is cut into parts and this piece holds rows of one
    /// side only.
    pub show_source: bool,
    pub show_destination: bool,
}

impl EndpointGroup {
    /// How many rows the group shows: the parts are planned on it.
    pub fn len(&self) -> usize {
        self.as_source.len() + self.as_destination.len()
    }

    /// The rows of `piece`: a range of the source rows followed by the
    /// destination rows, their views made by `views`.
    pub fn piece(
        &self,
        piece: &Piece,
        views: &dyn Fn(&[RowRef]) -> Vec<RowView>,
    ) -> EndpointPiece<'_> {
        let s = self.as_source.len();
        let (start, end) = (piece.rows.start, piece.rows.end);
        EndpointPiece {
            anchor: &self.anchor,
            name: &self.name,
            as_source: views(&self.as_source[start.min(s)..end.min(s)]),
            as_destination: views(
                &self.as_destination[start.saturating_sub(s)..end.saturating_sub(s)],
            ),
            continued: piece.continued(),
            show_source: start == 0 || start < s,
            show_destination: end > s || end == self.len(),
        }
    }
}

/// The rules of the book's pages grouped by each endpoint they name, in
/// page, table and row order.
pub(crate) fn by_endpoint(locale: &str, assets: &[Asset<'_>]) -> Vec<EndpointGroup> {
    let mut groups: BTreeMap<EndpointKind, (Vec<RowRef>, Vec<RowRef>)> = BTreeMap::new();
    for (pi, a) in assets.iter().enumerate() {
        let page = a.edition(locale);
        for (ti, t) in page.tables.iter().enumerate() {
            for (i, r) in t.rules.iter().enumerate() {
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
                        if is_source { as_source } else { as_destination }
                            .push(RowRef::new(pi, ti, i));
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
