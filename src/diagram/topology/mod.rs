//! The topology flow diagram of a page: zones left to right (external,
//! perimeter, internal), one box per typed endpoint, one arrow per group of
//! rules between the same two boxes in the same direction.
//!
//! Layout: boxes sit in columns (external; the perimeter's external side; its
//! internal side; internal servers in up to three layers). Every arrow has a
//! label block (one line per distinct `TCP 5061 SIP/MTLS`), and every label
//! block sits in the gap between two columns, stacked with the other labels of
//! that gap; so no label can meet a box or another label. Arrows run from the
//! source box through their label to the destination box. Boxes are then
//! moved towards their labels (a few barycentre passes) so that arrows run
//! nearly level.

use std::collections::{BTreeMap, BTreeSet};

use super::text;
pub use super::xml::xml_escape;
pub use mermaid::{mermaid_escape, to_mermaid};
pub use svg::to_svg;

mod mermaid;
mod svg;
use crate::model::{Candidate, Endpoint, EndpointKind, Page, Rule, Server};
use crate::names::{self, Lang, Localized};

/// An axis-aligned rectangle in SVG pixels (y grows downwards).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn right(&self) -> f64 {
        self.x + self.w
    }
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }
    pub fn cy(&self) -> f64 {
        self.y + self.h / 2.0
    }
    /// Whether the interiors meet (touching edges do not count).
    pub fn intersects(&self, o: &Rect) -> bool {
        self.x < o.right() && o.x < self.right() && self.y < o.bottom() && o.y < self.bottom()
    }
}

/// The network zones, left to right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Zone {
    External,
    Perimeter,
    Internal,
}

impl Zone {
    pub fn title(self, locale: &str) -> &'static str {
        let zh = Lang::of(locale) == Lang::ZhHans;
        match (self, zh) {
            (Zone::External, false) => "Internet / external",
            (Zone::External, true) => "Internet / 外部",
            (Zone::Perimeter, false) => "Perimeter network",
            (Zone::Perimeter, true) => "外围网络",
            (Zone::Internal, false) => "Internal network",
            (Zone::Internal, true) => "内部网络",
        }
    }
}

/// Where an endpoint sits; the column order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Place {
    External,
    PerimeterOut,
    PerimeterIn,
    Internal,
}

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
        Any | OneOf | Unrecognized => return None,
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

/// The identity of a box: the typed endpoint and where it sits.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct BoxKey {
    place: Place,
    kind: EndpointKind,
    address: crate::model::Address,
    candidates: Vec<Candidate>,
    unrecognized: Option<String>,
}

fn box_key(e: &Endpoint, other: &Endpoint) -> BoxKey {
    BoxKey {
        place: place(e, other),
        kind: e.kind,
        address: e.address,
        candidates: e.candidates.to_vec(),
        unrecognized: e.unrecognized.as_deref().map(str::to_string),
    }
}

/// One endpoint box.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeBox {
    /// `n0`, `n1`, …: the SVG id and the Mermaid node id.
    pub id: String,
    /// The endpoint in words, in the page's locale (`Endpoint::name`).
    pub name: String,
    /// The lines drawn in the box.
    pub lines: Vec<String>,
    pub zone: Zone,
    /// Display column (0 = leftmost non-empty column).
    pub column: usize,
    /// The server this endpoint is a part of, if any.
    pub server: Option<Server>,
    /// Part of the server the page describes.
    pub described: bool,
    pub rect: Rect,
}

/// One line of an arrow's label and the rules it stands for.
#[derive(Debug, Clone, PartialEq)]
pub struct EdgeLine {
    /// `TCP 5061 SIP/MTLS`.
    pub text: String,
    /// (table index, rule index) in the page.
    pub rules: Vec<(usize, usize)>,
}

/// One arrow: every rule from one box to another, either all stated by an
/// interface table (solid) or all only by summary tables (dashed).
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// Index into `Topology::boxes`.
    pub from: usize,
    pub to: usize,
    /// The rules are stated only by summary tables (federation, public IM,
    /// XMPP); drawn dashed.
    pub summary_only: bool,
    pub lines: Vec<EdgeLine>,
    /// The label block (its background rectangle).
    pub label: Rect,
    /// The arrow's polyline, source box to destination box.
    pub path: Vec<(f64, f64)>,
}

/// A zone's background band.
#[derive(Debug, Clone, PartialEq)]
pub struct ZoneBand {
    pub zone: Zone,
    pub title: String,
    pub rect: Rect,
}

/// The frame around the boxes of the server the page describes.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    pub title: String,
    pub rect: Rect,
}

/// A laid-out topology diagram.
#[derive(Debug, Clone, PartialEq)]
pub struct Topology {
    pub title: String,
    pub locale: String,
    pub width: f64,
    pub height: f64,
    pub zones: Vec<ZoneBand>,
    pub frames: Vec<Frame>,
    pub boxes: Vec<NodeBox>,
    pub edges: Vec<Edge>,
    /// Texts outside boxes and labels (title, zone titles, frame titles)
    /// with their extents, for overlap checks.
    pub texts: Vec<(String, Rect)>,
    /// Legend entries: solid arrow, dashed arrow; the text extents.
    pub legend: Vec<(String, Rect)>,
}

/// The server an endpoint belongs to: its kind's, or the one server all its
/// candidates belong to (`Edge Server IP or Edge internal interface`).
fn endpoint_server(e: &Endpoint) -> Option<Server> {
    if let Some(s) = e.kind.server() {
        return Some(s);
    }
    let mut servers = e.candidates.iter().map(|c| c.kind.server());
    let first = servers.next()??;
    servers.all(|s| s == Some(first)).then_some(first)
}

// Geometry, px.
pub(crate) const FONT: f64 = 13.0;
const LINE: f64 = 17.0;
const LABEL_FONT: f64 = 12.0;
const LABEL_LINE: f64 = 15.0;
const BOX_PAD_X: f64 = 10.0;
const BOX_PAD_Y: f64 = 8.0;
const BOX_MAX_TEXT: f64 = 210.0;
const BOX_GAP: f64 = 22.0;
const LABEL_PAD: f64 = 4.0;
const LABEL_GAP: f64 = 8.0;
const GAP_MARGIN: f64 = 34.0;
const ATTACH_STEP: f64 = 11.0;
const FRAME_PAD: f64 = 9.0;
const FRAME_TITLE: f64 = 20.0;
const MARGIN: f64 = 16.0;

/// The text of a rule's label: `TCP 5061 SIP/MTLS`, `UDP 50000-59999 RTP`.
pub fn rule_label(rule: &Rule, locale: &str) -> String {
    let mut s = format!("{} {}", rule.transport.name(locale), rule.ports);
    let p = names::protocols(&rule.protocols);
    if !p.is_empty() {
        s.push(' ');
        s.push_str(&p);
    }
    s
}

fn box_lines(e: &Endpoint, locale: &str) -> Vec<String> {
    let one = |k: EndpointKind, a: crate::model::Address, u: Option<&str>| -> Vec<String> {
        if let Some(u) = u {
            return vec![u.to_string()];
        }
        let mut v = vec![k.name(locale).into_owned()];
        let a = a.name(locale);
        if !a.is_empty() {
            v.push(a.into_owned());
        }
        v
    };
    let mut raw =
        if e.candidates.is_empty() || !matches!(e.kind, EndpointKind::Any | EndpointKind::OneOf) {
            one(e.kind, e.address, e.unrecognized.as_deref())
        } else {
            let mut v = vec![e.kind.name(locale).into_owned()];
            for c in e.candidates.iter() {
                let parts = one(c.kind, c.address, c.unrecognized.as_deref());
                v.push(format!("· {}", join_words(&parts)));
            }
            v
        };
    raw.retain(|l| !l.is_empty());
    raw.iter()
        .flat_map(|l| text::wrap(l, FONT, false, BOX_MAX_TEXT))
        .collect()
}

/// Places items of a vertical stack, in the given order, as close to their
/// desired tops as the order, their heights and the gaps allow: items pushed
/// together form a block that sits where its members want it on average
/// (so a crowded stack spreads both up and down instead of only down).
/// `items` are (desired top, height, gap before); no item starts above
/// `min_top`.
fn stack(items: &[(f64, f64, f64)], min_top: f64) -> Vec<f64> {
    // Blocks of consecutive items: (first index, top).
    let mut blocks: Vec<(usize, f64)> = Vec::new();
    // Offset of each item from the top of its block.
    let offset_in =
        |first: usize, j: usize| -> f64 { (first..j).map(|k| items[k].1 + items[k + 1].2).sum() };
    let block_top = |first: usize, last: usize| -> f64 {
        let n = (last - first + 1) as f64;
        let mean = (first..=last)
            .map(|j| items[j].0 - offset_in(first, j))
            .sum::<f64>()
            / n;
        mean.max(min_top)
    };
    for i in 0..items.len() {
        blocks.push((i, block_top(i, i)));
        // Merge while the last block runs into the one before it.
        while blocks.len() > 1 {
            let (cur_first, cur_top) = blocks[blocks.len() - 1];
            let (prev_first, prev_top) = blocks[blocks.len() - 2];
            let prev_last = cur_first - 1;
            let prev_bottom = prev_top + offset_in(prev_first, prev_last) + items[prev_last].1;
            if prev_bottom + items[cur_first].2 <= cur_top {
                break;
            }
            blocks.pop();
            blocks.pop();
            blocks.push((prev_first, block_top(prev_first, i)));
        }
    }
    let mut out = vec![0.0; items.len()];
    for (b, &(first, t)) in blocks.iter().enumerate() {
        let last = blocks
            .get(b + 1)
            .map(|n| n.0 - 1)
            .unwrap_or(items.len().saturating_sub(1));
        for (j, o) in out.iter_mut().enumerate().take(last + 1).skip(first) {
            *o = t + offset_in(first, j);
        }
    }
    out
}

/// Joins words with a space, except between two CJK characters (so
/// `前端服务器` + `IP 地址` gives `前端服务器 IP 地址`, as Chinese text sets
/// Latin words apart, and `边缘服务器` + `内部接口` stays one word).
fn join_words(parts: &[String]) -> String {
    let mut out = String::new();
    for p in parts {
        let wide_join = out.chars().last().is_some_and(text::is_wide)
            && p.chars().next().is_some_and(text::is_wide);
        if !out.is_empty() && !wide_join {
            out.push(' ');
        }
        out.push_str(p);
    }
    out
}

fn described_servers(page: &Page) -> BTreeSet<Server> {
    page.tables.iter().filter_map(|t| t.kind.server()).collect()
}

/// Builds and lays out the topology diagram of a page.
pub fn topology(page: &Page) -> Topology {
    let locale: &str = &page.locale;
    let servers = described_servers(page);

    // 1. Boxes and edges (deterministic: BTreeMaps keyed by typed values).
    let mut keys: BTreeMap<BoxKey, usize> = BTreeMap::new();
    let mut box_endpoints: Vec<Endpoint> = Vec::new();
    // (from, to, label text) -> (rules, any_from_interface_table), in first-seen order.
    type LabelKey = (usize, usize, String);
    type RuleRefs = Vec<(usize, usize)>;
    let mut labels: Vec<(LabelKey, RuleRefs, bool)> = Vec::new();
    let mut label_index: BTreeMap<(usize, usize, String), usize> = BTreeMap::new();
    for (ti, table) in page.tables.iter().enumerate() {
        for (ri, rule) in table.rules.iter().enumerate() {
            let mut id_of = |e: &Endpoint, other: &Endpoint| -> usize {
                let k = box_key(e, other);
                let n = keys.len();
                *keys.entry(k).or_insert_with(|| {
                    box_endpoints.push(e.clone());
                    n
                })
            };
            let from = id_of(&rule.source, &rule.destination);
            let to = id_of(&rule.destination, &rule.source);
            let key = (from, to, rule_label(rule, locale));
            let i = *label_index.entry(key.clone()).or_insert_with(|| {
                labels.push((key, Vec::new(), false));
                labels.len() - 1
            });
            labels[i].1.push((ti, ri));
            labels[i].2 |= !table.kind.is_summary();
        }
    }
    // Box order = key order (place first), renumbered.
    let order: Vec<(BoxKey, usize)> = keys.into_iter().collect();
    let mut renumber = vec![0usize; order.len()];
    for (new, (_, old)) in order.iter().enumerate() {
        renumber[*old] = new;
    }
    let places: Vec<Place> = order.iter().map(|(k, _)| k.place).collect();
    let endpoints: Vec<Endpoint> = order
        .iter()
        .map(|(_, old)| box_endpoints[*old].clone())
        .collect();
    let n = endpoints.len();

    let mut edge_index: BTreeMap<(usize, usize, bool), usize> = BTreeMap::new();
    let mut edges: Vec<Edge> = Vec::new();
    for ((from, to, text), rules, stated_by_interface) in labels {
        let (from, to) = (renumber[from], renumber[to]);
        let key = (from, to, !stated_by_interface);
        let i = *edge_index.entry(key).or_insert_with(|| {
            edges.push(Edge {
                from,
                to,
                summary_only: !stated_by_interface,
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
        edges[i].lines.push(EdgeLine { text, rules });
    }

    // 2. Columns. External 0, perimeter out 1, perimeter in 2, internal 3.. by
    // distance from the perimeter (capped at three layers).
    let mut col = vec![usize::MAX; n];
    for i in 0..n {
        col[i] = match places[i] {
            Place::External => 0,
            Place::PerimeterOut => 1,
            Place::PerimeterIn => 2,
            Place::Internal => usize::MAX,
        };
    }
    let neighbours = |i: usize| -> Vec<usize> {
        let mut v: Vec<usize> = edges
            .iter()
            .filter_map(|e| {
                if e.from == i {
                    Some(e.to)
                } else if e.to == i {
                    Some(e.from)
                } else {
                    None
                }
            })
            .collect();
        v.sort();
        v.dedup();
        v
    };
    let mut queue: std::collections::VecDeque<usize> = (0..n)
        .filter(|&i| {
            places[i] == Place::Internal
                && neighbours(i).iter().any(|&j| places[j] != Place::Internal)
        })
        .collect();
    for &i in &queue {
        col[i] = 3;
    }
    loop {
        while let Some(i) = queue.pop_front() {
            for j in neighbours(i) {
                if col[j] == usize::MAX {
                    col[j] = (col[i] + 1).min(5);
                    queue.push_back(j);
                }
            }
        }
        match (0..n).find(|&i| col[i] == usize::MAX) {
            Some(i) => {
                col[i] = 3;
                queue.push_back(i);
            }
            None => break,
        }
    }
    let used: BTreeSet<usize> = col.iter().copied().collect();
    let display: BTreeMap<usize, usize> = used.iter().enumerate().map(|(d, c)| (*c, d)).collect();
    let col: Vec<usize> = col.iter().map(|c| display[c]).collect();
    let ncols = used.len();
    let col_zone: Vec<Zone> = used
        .iter()
        .map(|&c| match c {
            0 => Zone::External,
            1 | 2 => Zone::Perimeter,
            _ => Zone::Internal,
        })
        .collect();

    // 3. Box contents and sizes.
    let mut boxes: Vec<NodeBox> = endpoints
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let lines = box_lines(e, locale);
            let tw = lines
                .iter()
                .map(|l| text::width(l, FONT, false))
                .fold(0.0, f64::max);
            NodeBox {
                id: format!("n{i}"),
                name: e.name(locale).into_owned(),
                lines,
                zone: col_zone[col[i]],
                column: col[i],
                server: endpoint_server(e),
                described: endpoint_server(e).is_some_and(|s| servers.contains(&s)),
                rect: Rect {
                    x: 0.0,
                    y: 0.0,
                    w: (tw + 2.0 * BOX_PAD_X).max(110.0),
                    h: 0.0,
                },
            }
        })
        .collect();

    // Which gap an edge's label goes in, and which side of each box it
    // attaches to. Gap g lies between display columns g and g+1.
    let gap_of = |e: &Edge| -> usize {
        let (a, b) = (col[e.from], col[e.to]);
        if a != b {
            a.min(b)
        } else if a + 1 < ncols {
            a
        } else {
            a.saturating_sub(1)
        }
    };
    // side: true = right side of the box.
    let sides = |e: &Edge| -> (bool, bool) {
        let g = gap_of(e);
        (col[e.from] <= g, col[e.to] <= g)
    };
    let mut attach_count = vec![[0usize; 2]; n];
    for e in &edges {
        let (sf, st) = sides(e);
        attach_count[e.from][sf as usize] += 1;
        attach_count[e.to][st as usize] += 1;
    }
    for (i, b) in boxes.iter_mut().enumerate() {
        let text_h = b.lines.len() as f64 * LINE + 2.0 * BOX_PAD_Y;
        let most = attach_count[i][0].max(attach_count[i][1]) as f64;
        b.rect.h = text_h.max((most + 1.0) * ATTACH_STEP);
    }
    for e in edges.iter_mut() {
        let tw = e
            .lines
            .iter()
            .map(|l| text::width(&l.text, LABEL_FONT, false))
            .fold(0.0, f64::max);
        e.label.w = tw + 2.0 * LABEL_PAD;
        e.label.h = e.lines.len() as f64 * LABEL_LINE + 2.0 * LABEL_PAD;
    }

    // 4. Horizontal positions: columns and gaps.
    let header = MARGIN + 26.0 + 24.0; // title + zone titles
    let col_w: Vec<f64> = (0..ncols)
        .map(|c| {
            boxes
                .iter()
                .filter(|b| b.column == c)
                .map(|b| b.rect.w)
                .fold(0.0, f64::max)
        })
        .collect();
    let gap_w: Vec<f64> = (0..ncols.saturating_sub(1))
        .map(|g| {
            let widest = edges
                .iter()
                .filter(|e| gap_of(e) == g)
                .map(|e| e.label.w)
                .fold(0.0, f64::max);
            (widest + 2.0 * GAP_MARGIN).max(70.0)
        })
        .collect();
    let mut col_x = Vec::with_capacity(ncols);
    let mut x = MARGIN + 12.0;
    for c in 0..ncols {
        col_x.push(x);
        x += col_w[c];
        if c < gap_w.len() {
            x += gap_w[c];
        }
    }
    let content_right = x;
    for b in boxes.iter_mut() {
        b.rect.x = col_x[b.column] + (col_w[b.column] - b.rect.w) / 2.0;
    }
    for e in edges.iter_mut() {
        let g = gap_of(e);
        let gx = col_x[g] + col_w[g];
        e.label.x = gx + (gap_w.get(g).copied().unwrap_or(0.0) - e.label.w) / 2.0;
    }

    // 5. Vertical positions: stack boxes, stack labels, move boxes towards
    // their labels, repeat.
    let top = header;
    let mut order_in_col: Vec<Vec<usize>> = (0..ncols)
        .map(|c| {
            let mut v: Vec<usize> = (0..n).filter(|&i| boxes[i].column == c).collect();
            v.sort_by_key(|&i| (!boxes[i].described, i));
            v
        })
        .collect();
    let place_column = |boxes: &mut Vec<NodeBox>, order: &[usize], desired: &[f64]| {
        let mut items = Vec::with_capacity(order.len());
        let mut min_top = top;
        let mut seen_described = false;
        let mut frame_open = false;
        for (k, &i) in order.iter().enumerate() {
            let mut extra = 0.0;
            if boxes[i].described && !seen_described {
                extra = FRAME_TITLE + FRAME_PAD;
                seen_described = true;
                frame_open = true;
            } else if !boxes[i].described && frame_open {
                extra = 2.0 * FRAME_PAD;
                frame_open = false;
            }
            if k == 0 {
                min_top = top + extra;
            }
            let h = boxes[i].rect.h;
            items.push((desired[i] - h / 2.0, h, BOX_GAP + extra));
        }
        for (&i, y) in order.iter().zip(stack(&items, min_top)) {
            boxes[i].rect.y = y;
        }
    };
    let place_labels = |edges: &mut Vec<Edge>, boxes: &[NodeBox]| {
        for g in 0..ncols.max(1) {
            let mut in_gap: Vec<(f64, usize)> = edges
                .iter()
                .enumerate()
                .filter(|(_, e)| gap_of(e) == g)
                .map(|(i, e)| ((boxes[e.from].rect.cy() + boxes[e.to].rect.cy()) / 2.0, i))
                .collect();
            in_gap.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            let items: Vec<(f64, f64, f64)> = in_gap
                .iter()
                .map(|&(want, i)| (want - edges[i].label.h / 2.0, edges[i].label.h, LABEL_GAP))
                .collect();
            for (&(_, i), y) in in_gap.iter().zip(stack(&items, top)) {
                edges[i].label.y = y;
            }
        }
    };
    // A frame spanning several columns must not cover the other boxes of
    // those columns: push them below it.
    let fix_frames = |boxes: &mut Vec<NodeBox>, order_in_col: &[Vec<usize>]| {
        for s in &servers {
            let member = |b: &NodeBox| b.described && b.server == Some(*s);
            let cols: BTreeSet<usize> = boxes
                .iter()
                .filter(|b| member(b))
                .map(|b| b.column)
                .collect();
            let bottom = boxes
                .iter()
                .filter(|b| member(b))
                .map(|b| b.rect.bottom())
                .fold(f64::MIN, f64::max);
            for &c in &cols {
                let mut min_y = bottom + 2.0 * FRAME_PAD + BOX_GAP;
                for &i in &order_in_col[c] {
                    if member(&boxes[i]) {
                        continue;
                    }
                    boxes[i].rect.y = boxes[i].rect.y.max(min_y);
                    min_y = boxes[i].rect.bottom() + BOX_GAP;
                }
            }
        }
    };
    // The greedy placement only pushes down: lift everything back so that
    // the highest box or label starts at the top.
    let lift = |boxes: &mut Vec<NodeBox>, edges: &mut Vec<Edge>| {
        let min_y = boxes
            .iter()
            .map(|b| {
                if b.described {
                    b.rect.y - FRAME_TITLE - FRAME_PAD
                } else {
                    b.rect.y
                }
            })
            .chain(edges.iter().map(|e| e.label.y))
            .fold(f64::MAX, f64::min);
        if min_y > top && min_y < f64::MAX {
            let d = min_y - top;
            boxes.iter_mut().for_each(|b| b.rect.y -= d);
            edges.iter_mut().for_each(|e| e.label.y -= d);
        }
    };
    // Initial stacking.
    let zero = vec![0.0; n];
    for order in &order_in_col {
        place_column(&mut boxes, order, &zero);
    }
    fix_frames(&mut boxes, &order_in_col);
    place_labels(&mut edges, &boxes);
    for round in 0..10 {
        // Early rounds also pull everything up a little, so that empty
        // stretches the barycentre steps cannot see (one cluster of arrows
        // sitting far below another) close up; the last rounds only align.
        let pull = if round < 7 { 0.8 } else { 1.0 };
        let mut desired = vec![0.0; n];
        for i in 0..n {
            let ys: Vec<f64> = edges
                .iter()
                .filter(|e| e.from == i || e.to == i)
                .map(|e| e.label.cy())
                .collect();
            let want = if ys.is_empty() {
                boxes[i].rect.cy()
            } else {
                ys.iter().sum::<f64>() / ys.len() as f64
            };
            desired[i] = top + (want - top) * pull;
        }
        for o in order_in_col.iter_mut() {
            o.sort_by(|&a, &b| {
                (!boxes[a].described)
                    .cmp(&!boxes[b].described)
                    .then(desired[a].total_cmp(&desired[b]))
                    .then(a.cmp(&b))
            });
            place_column(&mut boxes, o, &desired);
        }
        fix_frames(&mut boxes, &order_in_col);
        place_labels(&mut edges, &boxes);
        lift(&mut boxes, &mut edges);
    }
    // Snap to the half pixel so that output does not depend on float noise.
    let snap = |v: f64| (v * 2.0).round() / 2.0;
    for b in boxes.iter_mut() {
        b.rect.x = snap(b.rect.x);
        b.rect.y = snap(b.rect.y);
    }
    for e in edges.iter_mut() {
        e.label.x = snap(e.label.x);
        e.label.y = snap(e.label.y);
    }

    // 6. Attachment points and arrow paths. On each box side, attachments
    // are spread evenly in the order of their labels, so arrows do not cross
    // at the box.
    let mut slots: BTreeMap<(usize, bool), Vec<(f64, usize)>> = BTreeMap::new();
    for (ei, e) in edges.iter().enumerate() {
        let (sf, st) = sides(e);
        slots
            .entry((e.from, sf))
            .or_default()
            .push((e.label.cy(), ei));
        slots
            .entry((e.to, st))
            .or_default()
            .push((e.label.cy(), ei + edges.len()));
    }
    let mut attach = vec![(0.0, 0.0); 2 * edges.len()];
    for ((bi, right), mut list) in slots {
        list.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let r = boxes[bi].rect;
        let k = list.len() as f64;
        for (j, (_, slot)) in list.into_iter().enumerate() {
            let y = snap(r.y + r.h * (j as f64 + 1.0) / (k + 1.0));
            attach[slot] = (if right { r.right() } else { r.x }, y);
        }
    }
    let ne = edges.len();
    for (ei, e) in edges.iter_mut().enumerate() {
        let a = attach[ei];
        let b = attach[ei + ne];
        let l = e.label;
        let (left_pt, right_pt) = ((l.x - 6.0, l.cy()), (l.right() + 6.0, l.cy()));
        e.path = if a.0 <= l.x && b.0 >= l.right() {
            vec![a, left_pt, right_pt, b]
        } else if a.0 >= l.right() && b.0 <= l.x {
            vec![a, right_pt, left_pt, b]
        } else {
            // Both ends on the same side of the label (same column).
            let near = if a.0 <= l.x { left_pt } else { right_pt };
            vec![a, near, b]
        };
    }

    // 7. Zones, frames, title, legend.
    let content_bottom = boxes
        .iter()
        .map(|b| b.rect.bottom())
        .chain(edges.iter().map(|e| e.label.bottom()))
        .fold(top, f64::max);
    let zone_top = MARGIN + 26.0;
    let zone_bottom = content_bottom + 14.0;
    let mut zones: Vec<ZoneBand> = Vec::new();
    for c in 0..ncols {
        let left = if c == 0 {
            MARGIN
        } else {
            col_x[c] - gap_w[c - 1] / 2.0
        };
        let right = if c + 1 == ncols {
            content_right + 12.0
        } else {
            col_x[c] + col_w[c] + gap_w[c] / 2.0
        };
        match zones.last_mut() {
            Some(z) if z.zone == col_zone[c] => z.rect.w = right - z.rect.x,
            _ => zones.push(ZoneBand {
                zone: col_zone[c],
                title: col_zone[c].title(locale).to_string(),
                rect: Rect {
                    x: snap(left),
                    y: zone_top,
                    w: snap(right - left),
                    h: snap(zone_bottom - zone_top),
                },
            }),
        }
    }
    let mut texts: Vec<(String, Rect)> = Vec::new();
    let title = page.title.to_string();
    let title_w = text::width(&title, 16.0, true);
    texts.push((
        title.clone(),
        Rect {
            x: MARGIN,
            y: MARGIN,
            w: title_w,
            h: 20.0,
        },
    ));
    for z in &zones {
        let w = text::width(&z.title, FONT, true);
        texts.push((
            z.title.clone(),
            Rect {
                x: z.rect.x + 8.0,
                y: zone_top + 4.0,
                w,
                h: 17.0,
            },
        ));
    }
    let mut frames = Vec::new();
    for s in &servers {
        let members: Vec<&NodeBox> = boxes
            .iter()
            .filter(|b| b.described && b.server == Some(*s))
            .collect();
        if members.is_empty() {
            continue;
        }
        let x0 = members.iter().map(|b| b.rect.x).fold(f64::MAX, f64::min) - FRAME_PAD;
        let y0 =
            members.iter().map(|b| b.rect.y).fold(f64::MAX, f64::min) - FRAME_PAD - FRAME_TITLE;
        let x1 = members
            .iter()
            .map(|b| b.rect.right())
            .fold(f64::MIN, f64::max)
            + FRAME_PAD;
        let y1 = members
            .iter()
            .map(|b| b.rect.bottom())
            .fold(f64::MIN, f64::max)
            + FRAME_PAD;
        let title = server_name(*s, locale).to_string();
        let w = text::width(&title, FONT, true);
        texts.push((
            title.clone(),
            Rect {
                x: x0 + 6.0,
                y: y0 + 2.0,
                w,
                h: 17.0,
            },
        ));
        frames.push(Frame {
            title,
            rect: Rect {
                x: x0,
                y: y0,
                w: x1 - x0,
                h: y1 - y0,
            },
        });
    }
    let legend_y = zone_bottom + 12.0;
    let mut legend = Vec::new();
    let mut lx = MARGIN + 44.0;
    for t in legend_texts(locale) {
        let w = text::width(&t, LABEL_FONT, false);
        legend.push((
            t,
            Rect {
                x: lx,
                y: legend_y,
                w,
                h: 15.0,
            },
        ));
        lx += w + 70.0;
    }
    let width = ((content_right + 12.0 + MARGIN)
        .max(MARGIN * 2.0 + title_w)
        .max(lx - 70.0 + MARGIN))
    .ceil();
    let height = (legend_y + 15.0 + MARGIN).ceil();
    Topology {
        title,
        locale: locale.to_string(),
        width,
        height,
        zones,
        frames,
        boxes,
        edges,
        texts,
        legend,
    }
}

fn server_name(s: Server, locale: &str) -> &'static str {
    let zh = Lang::of(locale) == Lang::ZhHans;
    match (s, zh) {
        (Server::EdgeServer, false) => "Edge Server",
        (Server::EdgeServer, true) => "边缘服务器",
        (Server::ReverseProxy, false) => "Reverse proxy",
        (Server::ReverseProxy, true) => "反向代理",
        (Server::Director, false) => "Director",
        (Server::Director, true) => "控制器",
    }
}

fn legend_texts(locale: &str) -> Vec<String> {
    if Lang::of(locale) == Lang::ZhHans {
        vec![
            "端口表中的规则（源 → 目标）".to_string(),
            "仅见于摘要表（联盟、公共 IM、XMPP）".to_string(),
        ]
    } else {
        vec![
            "rule of a port table (source → destination)".to_string(),
            "stated only by a summary table (federation, public IM, XMPP)".to_string(),
        ]
    }
}
