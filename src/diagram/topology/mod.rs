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
//!
//! [`topology`] runs the stages in order, each in its own module:
//! 1. `graph`: boxes and arrows from the typed rules;
//! 2. `columns`: each box's column and zone, each label's gap;
//! 3. `sizing`: box lines, box and label sizes;
//!    `readability`: whether the page can be drawn legibly and within the
//!    size cap (`diagram::limits`); if not, it is drawn as a diagram that
//!    says so ([`Topology::omitted`]);
//! 4. `placement`: x from the columns, y from stacking and barycentre passes;
//! 5. `routing`: attachment points and arrow paths through the labels;
//! 6. `backdrop`: zone bands, frames, title, legend, diagram size.
//!
//! The result, a [`Topology`], is then written as SVG ([`to_svg`]) or
//! Mermaid ([`to_mermaid`]); neither writer measures or moves anything.

use std::collections::BTreeMap;

use super::limits;
use crate::model::{Address, Candidate, Endpoint, EndpointKind, Page, Server};
use crate::names::{Label, label};

mod backdrop;
mod columns;
pub(crate) mod graph;
mod mermaid;
mod placement;
mod readability;
mod routing;
mod sizing;
mod svg;

pub use super::xml::xml_escape;
pub use graph::rule_label;
pub use mermaid::{mermaid_escape, to_mermaid};
use readability::{Draft, first_rule_line};
pub use readability::{Unreadable, unreadable, unreadable_with};
pub use svg::to_svg;

/// An axis-aligned rectangle in SVG pixels (y grows downwards).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Rect {
    /// Right edge.
    pub fn right(&self) -> f64 {
        self.x + self.w
    }
    /// Bottom edge.
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }
    /// Vertical centre.
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
    /// The Internet: clients, federated and public IM partners.
    External,
    /// The perimeter network: Edge Server, reverse proxy.
    Perimeter,
    /// The internal network: pools, Directors, internal clients.
    Internal,
}

impl Zone {
    /// The zone's title in the locale (`Perimeter network`, `外围网络`).
    pub fn title(self, locale: &str) -> &'static str {
        label(
            locale,
            match self {
                Zone::External => Label::ZoneExternal,
                Zone::Perimeter => Label::ZonePerimeter,
                Zone::Internal => Label::ZoneInternal,
            },
        )
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
    /// The zone the box sits in.
    pub zone: Zone,
    /// Display column (0 = leftmost non-empty column).
    pub column: usize,
    /// The server this endpoint is a part of, if any.
    pub server: Option<Server>,
    /// Part of the server the page describes.
    pub described: bool,
    /// Addresses drawn under the box's lines, one a line (a deployment's:
    /// [`topology_with`]); empty without.
    pub addresses: Vec<String>,
    /// Where the box is drawn.
    pub rect: Rect,
}

/// The identity of a typed endpoint, wording left out.
type EndpointId = (EndpointKind, Address, Vec<Candidate>, Option<String>);

fn endpoint_id(e: &Endpoint) -> EndpointId {
    (
        e.kind,
        e.address,
        e.candidates.to_vec(),
        e.unrecognized.as_deref().map(str::to_string),
    )
}

/// Addresses to draw under the boxes of a topology diagram, by typed
/// endpoint (its kind, address and candidates; the wording of the cell does
/// not matter): the lines a box shows under its name, such as
/// `203.0.113.10`. A box whose endpoint has none is drawn as without the
/// map.
///
/// ```
/// use portmatrix::diagram::{BoxAddresses, topology_svg, topology_svg_with};
/// use portmatrix::model::EndpointKind;
/// let page = &portmatrix::embedded().pages[0];
/// let addresses = BoxAddresses::of_page(page, |e| {
///     (e.kind == EndpointKind::EdgeInternal).then(|| vec!["192.0.2.10".to_string()])
/// });
/// let svg = topology_svg_with(page, &addresses);
/// assert!(svg.contains(">192.0.2.10</tspan>"));
/// // No addresses: the diagram as ever.
/// assert_eq!(topology_svg_with(page, &BoxAddresses::new()), topology_svg(page));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BoxAddresses {
    by_endpoint: BTreeMap<EndpointId, Vec<String>>,
}

impl BoxAddresses {
    /// No addresses.
    pub fn new() -> BoxAddresses {
        BoxAddresses::default()
    }

    /// The addresses `f` gives for each endpoint that a rule of `page`
    /// names (as source or destination); `None` or an empty list leaves the
    /// endpoint's box as it is.
    pub fn of_page(
        page: &Page,
        mut f: impl FnMut(&Endpoint) -> Option<Vec<String>>,
    ) -> BoxAddresses {
        let mut out = BoxAddresses::new();
        for rule in page.tables.iter().flat_map(|t| t.rules.iter()) {
            for e in [&rule.source, &rule.destination] {
                if out.get(e).is_none()
                    && let Some(a) = f(e)
                {
                    out.insert(e, a);
                }
            }
        }
        out
    }

    /// Sets the addresses of an endpoint's box (an empty list removes them).
    pub fn insert(&mut self, endpoint: &Endpoint, addresses: Vec<String>) {
        if addresses.is_empty() {
            self.by_endpoint.remove(&endpoint_id(endpoint));
        } else {
            self.by_endpoint.insert(endpoint_id(endpoint), addresses);
        }
    }

    /// The addresses of an endpoint's box, if any.
    pub fn get(&self, endpoint: &Endpoint) -> Option<&[String]> {
        self.by_endpoint
            .get(&endpoint_id(endpoint))
            .map(Vec::as_slice)
    }

    /// Whether no box has addresses.
    pub fn is_empty(&self) -> bool {
        self.by_endpoint.is_empty()
    }
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
    /// Index into `Topology::boxes` of the source box.
    pub from: usize,
    /// Index into `Topology::boxes` of the destination box.
    pub to: usize,
    /// The rules are stated only by summary tables (federation, public IM,
    /// XMPP); drawn dashed.
    pub summary_only: bool,
    /// The label's lines, in the order the page first states them.
    pub lines: Vec<EdgeLine>,
    /// The label block (its background rectangle).
    pub label: Rect,
    /// The arrow's polyline, source box to destination box.
    pub path: Vec<(f64, f64)>,
}

/// A zone's background band.
#[derive(Debug, Clone, PartialEq)]
pub struct ZoneBand {
    /// The zone.
    pub zone: Zone,
    /// Its title, in the page's locale.
    pub title: String,
    /// Where the band is drawn.
    pub rect: Rect,
}

/// The frame around the boxes of the server the page describes.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// The server's name, in the page's locale.
    pub title: String,
    /// Where the frame is drawn.
    pub rect: Rect,
}

/// A laid-out topology diagram.
#[derive(Debug, Clone, PartialEq)]
pub struct Topology {
    /// The page's title.
    pub title: String,
    /// The page's locale (labels are in it).
    pub locale: String,
    /// Width of the diagram, px.
    pub width: f64,
    /// Height of the diagram, px.
    pub height: f64,
    /// Zone bands, left to right.
    pub zones: Vec<ZoneBand>,
    /// Frames around the described servers' boxes.
    pub frames: Vec<Frame>,
    /// The endpoint boxes; `n{i}` is `boxes[i]`.
    pub boxes: Vec<NodeBox>,
    /// The arrows; `a{i}` is `edges[i]`.
    pub edges: Vec<Edge>,
    /// Texts outside boxes and labels (title, zone titles, frame titles)
    /// with their extents, for overlap checks.
    pub texts: Vec<(String, Rect)>,
    /// Legend entries: solid arrow, dashed arrow; the text extents.
    pub legend: Vec<(String, Rect)>,
    /// Why the page is not drawn, when it is not ([`unreadable`]): the
    /// diagram then has only its title and a text that says so
    /// ([`Label::DiagramOmitted`]), and no boxes or arrows.
    pub omitted: Option<Unreadable>,
}

// Geometry, px.
/// Box text size.
const FONT: f64 = 13.0;
/// Box line height.
const LINE: f64 = 17.0;
/// Address text size (the lines under a box's name).
const ADDR_FONT: f64 = 11.0;
/// Address line height.
const ADDR_LINE: f64 = 14.0;
/// Between a box's name and its addresses.
const ADDR_GAP: f64 = 4.0;
/// Label text size.
const LABEL_FONT: f64 = 12.0;
/// Label line height.
const LABEL_LINE: f64 = 15.0;
const BOX_PAD_X: f64 = 10.0;
const BOX_PAD_Y: f64 = 8.0;
/// Box lines are wrapped to this width.
const BOX_MAX_TEXT: f64 = 210.0;
/// Between two boxes of a column.
const BOX_GAP: f64 = 22.0;
const LABEL_PAD: f64 = 4.0;
/// Between two labels of a gap.
const LABEL_GAP: f64 = 8.0;
/// Room for the arrows either side of the widest label of a gap.
const GAP_MARGIN: f64 = 34.0;
/// Between two arrows attached to one side of a box.
const ATTACH_STEP: f64 = 11.0;
const FRAME_PAD: f64 = 9.0;
/// Room above a frame's boxes for its title.
const FRAME_TITLE: f64 = 20.0;
const MARGIN: f64 = 16.0;
/// Top of the zone bands: under the title.
const ZONE_TOP: f64 = MARGIN + 26.0;
/// Top of the boxes and labels: under the zone titles.
const TOP: f64 = ZONE_TOP + 24.0;

/// Rounds to the half pixel, so that output does not depend on float noise.
fn snap(v: f64) -> f64 {
    (v * 2.0).round() / 2.0
}

/// A server's name for its frame, in the locale.
fn server_name(s: Server, locale: &str) -> &'static str {
    crate::names::registry()
        .name(locale, &s)
        .unwrap_or_default()
}

/// Builds and lays out the topology diagram of a page.
pub fn topology(page: &Page) -> Topology {
    topology_with(page, &BoxAddresses::new())
}

/// Builds and lays out the topology diagram of a page with addresses under
/// the boxes whose endpoint `addresses` gives (boxes grow to hold them, and
/// the layout follows). With no addresses it is [`topology`], byte for byte
/// in every rendering.
///
/// A page whose diagram would be unreadable ([`unreadable_with`]) gets a
/// diagram that says so instead ([`Topology::omitted`]).
pub fn topology_with(page: &Page, addresses: &BoxAddresses) -> Topology {
    match lay_out(page, Draft::of(page, addresses)) {
        Ok(t) => t,
        Err(why) => backdrop::omitted(page, why),
    }
}

/// Places a drafted page, unless it is unreadable: what is known before
/// placement is checked first, the height after (placement decides it).
fn lay_out(page: &Page, draft: Draft) -> Result<Topology, Unreadable> {
    if let Some(why) = draft.unreadable(page) {
        return Err(why);
    }
    let Draft {
        servers,
        columns,
        mut boxes,
        mut edges,
        grid,
        height_bound,
        ..
    } = draft;
    grid.place(&mut boxes, &mut edges, &columns);
    placement::place_vertically(&mut boxes, &mut edges, &columns, &servers);
    routing::route(&mut edges, &boxes, &columns);
    let t = backdrop::finish(page, &servers, &grid, &columns, boxes, edges);
    // The bound `unreadable_with` goes by holds.
    debug_assert!(
        t.height <= height_bound,
        "{}: height {} over its bound {height_bound}",
        page.path,
        t.height
    );
    if t.height > limits::MAX_SIDE {
        return Err(Unreadable::TooLarge {
            width: t.width,
            height: t.height,
            line: first_rule_line(page),
        });
    }
    Ok(t)
}
