//! Graph stage: the boxes and arrows of a page, from its typed rules alone.
//!
//! One box per typed endpoint and the zone it sits in; one arrow per group of
//! rules from one box to another, split by whether an interface table states
//! them (solid) or only summary tables do (dashed); one label line per
//! distinct `TCP 5061 SIP/MTLS`. Everything is keyed by typed values in
//! `BTreeMap`s, so box and arrow order depend on the page, never on hashing
//! or on the text of a locale. Nothing here has a size or a position yet:
//! the port map needs only this stage.

use std::collections::{BTreeMap, BTreeSet};

use super::{Edge, EdgeLine, Rect};
use crate::diagram::limits;
use crate::model::{Address, Candidate, Endpoint, EndpointKind, Page, Rule, Server};
use crate::names::{self, Localized};

/// Where an endpoint sits; the column order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Place {
    External,
    PerimeterOut,
    PerimeterIn,
    Internal,
}

/// The place an endpoint kind names, if it names one (`Any` does not).
fn kind_place(k: EndpointKind) -> Option<Place> {
    use EndpointKind::*;
    Some(match k {
        Clients | LiveMessengerClients | PublicImPartners | FederatedPartners => Place::External,
        AccessEdge | WebConferencingEdge | AvEdge | XmppProxy | ReverseProxyExternal => {
            Place::PerimeterOut
        }
        EdgeInternal | EdgeServer | ReverseProxyInternal => Place::PerimeterIn,
        Director
        | DirectorPool
        | DirectorWebServices
        | FrontEndServer
        | FrontEndPool
        | FrontEndWebServices
        | StandardEditionServer
        | Pool
        | CentralManagementStorePool
        | SurvivableBranchAppliance
        | SurvivableBranchServer
        | OfficeWebApps
        | InternalClients => Place::Internal,
        // `Any`, `OneOf`, unknown phrases, and kinds the model gains later
        // take the other end's side.
        _ => return None,
    })
}

/// The place an endpoint names by itself: its kind's, else its candidates'
/// (the outermost of them).
fn own_place(e: &Endpoint) -> Option<Place> {
    kind_place(e.kind).or_else(|| e.candidates.iter().filter_map(|c| kind_place(c.kind)).min())
}

/// The place of an endpoint, using the other end of the rule when the
/// endpoint says nothing (`Any`): what talks to an external interface is
/// outside, what talks to an internal one is inside.
fn place(e: &Endpoint, other: &Endpoint) -> Place {
    own_place(e).unwrap_or(match own_place(other) {
        Some(Place::External | Place::PerimeterOut) | None => Place::External,
        Some(Place::PerimeterIn | Place::Internal) => Place::Internal,
    })
}

/// The identity of a box: the typed endpoint and where it sits. Its order
/// (place first) is the box order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct BoxKey {
    place: Place,
    kind: EndpointKind,
    address: Address,
    candidates: Vec<Candidate>,
    unrecognized: Option<String>,
}

/// The box of endpoint `e` in a rule whose other end is `other`.
fn box_key(e: &Endpoint, other: &Endpoint) -> BoxKey {
    BoxKey {
        place: place(e, other),
        kind: e.kind,
        address: e.address,
        candidates: e.candidates.to_vec(),
        unrecognized: e.unrecognized.as_deref().map(str::to_string),
    }
}

/// The text of a rule's label: `TCP 5061 SIP/MTLS`, `UDP 50000-59999 RTP`
/// (at most [`limits::MAX_TEXT_CHARS`] characters: unknown protocols are
/// written as the page writes them).
pub fn rule_label(rule: &Rule, locale: &str) -> String {
    let mut s = format!("{} {}", rule.transport.name(locale), rule.ports);
    let p = names::protocols(&rule.protocols);
    if !p.is_empty() {
        s.push(' ');
        s.push_str(&p);
    }
    limits::clip(&s, limits::MAX_TEXT_CHARS).into_owned()
}

/// The servers a page describes: one per interface table's server (the
/// boxes of these servers are framed).
fn described_servers(page: &Page) -> BTreeSet<Server> {
    page.tables.iter().filter_map(|t| t.kind.server()).collect()
}

/// The rules of one label line, before boxes are renumbered: every rule
/// from box `from` to box `to` with the same label text.
struct LabelGroup {
    from: usize,
    to: usize,
    text: String,
    /// (table index, rule index) in the page.
    rules: Vec<(usize, usize)>,
    /// Some interface (non-summary) table states one of the rules.
    stated_by_interface: bool,
}

/// Boxes in first-seen order, found while grouping the rules into label
/// lines.
struct FirstSeen {
    /// Box identity to first-seen number.
    keys: BTreeMap<BoxKey, usize>,
    /// The endpoint of each box, by first-seen number.
    endpoints: Vec<Endpoint>,
    /// Label lines in first-seen order (boxes by first-seen number).
    labels: Vec<LabelGroup>,
}

/// The line of the row that first names each box of the page's graph, in
/// no particular order (for the diagnostic of a page with too many boxes).
pub(crate) fn first_lines(page: &Page) -> Vec<u32> {
    let mut seen: BTreeMap<BoxKey, u32> = BTreeMap::new();
    for rule in page.tables.iter().flat_map(|t| t.rules.iter()) {
        for (e, other) in [
            (&rule.source, &rule.destination),
            (&rule.destination, &rule.source),
        ] {
            seen.entry(box_key(e, other)).or_insert(rule.line);
        }
    }
    seen.into_values().collect()
}

/// Walks the rules in page order, giving each new endpoint a box and each
/// new (source box, destination box, label text) a label line, so that the
/// first rule stated decides the order of lines within an arrow.
/// Whether the rule names both its ends (no [`EndpointKind::Unspecified`]
/// side): only such a rule is an arrow of the topology.
pub(crate) fn has_both_ends(rule: &crate::model::Rule) -> bool {
    ![&rule.source, &rule.destination]
        .iter()
        .any(|e| e.kind == crate::model::EndpointKind::Unspecified)
}

fn group_rules(page: &Page) -> FirstSeen {
    let locale: &str = &page.locale;
    let mut keys: BTreeMap<BoxKey, usize> = BTreeMap::new();
    let mut endpoints: Vec<Endpoint> = Vec::new();
    let mut labels: Vec<LabelGroup> = Vec::new();
    let mut label_index: BTreeMap<(usize, usize, String), usize> = BTreeMap::new();
    for (ti, table) in page.tables.iter().enumerate() {
        for (ri, rule) in table.rules.iter().enumerate() {
            // A rule with no endpoint on one side (an internal server role's
            // port, a client port) is no flow between two boxes: the port
            // map draws it on the role's own row.
            if !has_both_ends(rule) {
                continue;
            }
            let mut id_of = |e: &Endpoint, other: &Endpoint| -> usize {
                let k = box_key(e, other);
                let n = keys.len();
                *keys.entry(k).or_insert_with(|| {
                    endpoints.push(e.clone());
                    n
                })
            };
            let from = id_of(&rule.source, &rule.destination);
            let to = id_of(&rule.destination, &rule.source);
            let key = (from, to, rule_label(rule, locale));
            let i = *label_index.entry(key.clone()).or_insert_with(|| {
                let (from, to, text) = key;
                labels.push(LabelGroup {
                    from,
                    to,
                    text,
                    rules: Vec::new(),
                    stated_by_interface: false,
                });
                labels.len() - 1
            });
            labels[i].rules.push((ti, ri));
            labels[i].stated_by_interface |= !table.kind.is_summary();
        }
    }
    FirstSeen {
        keys,
        endpoints,
        labels,
    }
}

/// Gathers label lines into arrows: one per (source box, destination box,
/// summary only), in the order of their first line, so that a rule only a
/// summary table states is never drawn as if an interface table stated it.
fn gather_edges(labels: Vec<LabelGroup>, renumber: &[usize]) -> Vec<Edge> {
    let mut edge_index: BTreeMap<(usize, usize, bool), usize> = BTreeMap::new();
    let mut edges: Vec<Edge> = Vec::new();
    for label in labels {
        let (from, to) = (renumber[label.from], renumber[label.to]);
        let summary_only = !label.stated_by_interface;
        let i = *edge_index
            .entry((from, to, summary_only))
            .or_insert_with(|| {
                edges.push(Edge {
                    from,
                    to,
                    summary_only,
                    lines: Vec::new(),
                    label: Rect {
                        x: 0.0,
                        y: 0.0,
                        w: 0.0,
                        h: 0.0,
                    },
                    path: Vec::new(),
                });
                edges.len() - 1
            });
        edges[i].lines.push(EdgeLine {
            text: label.text,
            rules: label.rules,
        });
    }
    for e in &mut edges {
        clip_lines(e);
    }
    edges
}

/// At most [`limits::MAX_ARROW_LINES`] lines in an arrow's label: the last
/// one says how many more there are (`… +12`) and stands for their rules,
/// so every rule is still on its arrow.
fn clip_lines(e: &mut Edge) {
    let max = limits::MAX_ARROW_LINES;
    if e.lines.len() <= max {
        return;
    }
    let rest = e.lines.split_off(max - 1);
    let text = limits::more(rest.len());
    let mut rules: Vec<(usize, usize)> = rest.into_iter().flat_map(|l| l.rules).collect();
    rules.sort_unstable();
    e.lines.push(EdgeLine { text, rules });
}

/// The boxes and arrows of a page, without sizes or positions.
#[derive(Debug, Clone)]
pub(crate) struct Graph {
    /// The servers the page describes.
    pub servers: BTreeSet<Server>,
    /// The endpoint of each box, in box order.
    pub endpoints: Vec<Endpoint>,
    /// Where each box sits.
    pub places: Vec<Place>,
    /// The arrows (boxes by index), with unsized labels and no paths.
    pub edges: Vec<Edge>,
}

impl Graph {
    /// The graph of a page. Boxes are ordered by their identity (place
    /// first), so the order does not depend on which rule names a box first.
    pub fn of(page: &Page) -> Graph {
        let FirstSeen {
            keys,
            endpoints: first_seen,
            labels,
        } = group_rules(page);
        let order: Vec<(BoxKey, usize)> = keys.into_iter().collect();
        let mut renumber = vec![0usize; order.len()];
        for (new, (_, old)) in order.iter().enumerate() {
            renumber[*old] = new;
        }
        Graph {
            servers: described_servers(page),
            endpoints: order
                .iter()
                .map(|(_, old)| first_seen[*old].clone())
                .collect(),
            places: order.iter().map(|(k, _)| k.place).collect(),
            edges: gather_edges(labels, &renumber),
        }
    }

    /// The name of each box in words, in the given locale
    /// (`Endpoint::name`, as [`NodeBox::name`](super::NodeBox::name)).
    pub fn names(&self, locale: &str) -> Vec<String> {
        self.endpoints
            .iter()
            .map(|e| e.name(locale).into_owned())
            .collect()
    }
}
