//! Readability stage: whether a page's diagram can be drawn legibly and
//! within the size cap, decided before placement where it can be (too
//! many boxes or arrows, too wide, a port map too tall, more height needed
//! than allowed) and after it only for a page that may be too tall.
//! [`super::topology_with`] draws a page that fails as a diagram that says
//! so ([`super::Topology::omitted`]); [`unreadable`] gives the same answer,
//! cheaply, for the diagnostic.

use super::{
    BOX_GAP, BoxAddresses, Edge, FRAME_PAD, FRAME_TITLE, LABEL_GAP, MARGIN, NodeBox, TOP, backdrop,
    columns, graph, lay_out, placement, sizing,
};
use crate::diagram::limits;
use crate::model::{Page, Server};
use std::collections::BTreeSet;

/// Why a page's diagrams are not drawn, if they are not: too many distinct
/// endpoints or arrows to read, or too large (see
/// [`crate::diagram::limits`]). The same answer as [`super::topology`] gives
/// ([`super::Topology::omitted`]), at less cost: boxes and labels are sized, but
/// placed only for a page that may be too tall (when a bound on its height
/// is over the limit and the least height it needs is not).
pub fn unreadable(page: &Page) -> Option<Unreadable> {
    unreadable_with(page, &BoxAddresses::new())
}

/// [`unreadable`] with addresses under the boxes (they make boxes taller).
pub fn unreadable_with(page: &Page, addresses: &BoxAddresses) -> Option<Unreadable> {
    let draft = Draft::of(page, addresses);
    if let Some(why) = draft.unreadable(page) {
        return Some(why);
    }
    if draft.height_bound <= limits::MAX_SIDE {
        return None;
    }
    lay_out(page, draft).err()
}

/// The line of a page's first rule (0 without one).
pub(super) fn first_rule_line(page: &Page) -> u32 {
    page.tables
        .iter()
        .flat_map(|t| t.rules.iter())
        .map(|r| r.line)
        .next()
        .unwrap_or(0)
}

/// Why the diagrams of a page are not drawn ([`unreadable`]). Lines are the
/// page's: where the first endpoint or arrow over the limit is named, or the
/// page's first rule for a diagram that is too large.
#[derive(Debug, Clone, PartialEq)]
pub enum Unreadable {
    /// More distinct endpoints (boxes) than [`limits::MAX_BOXES`].
    TooManyEndpoints {
        /// How many.
        count: usize,
        /// The line of the row that names the first one over the limit.
        line: u32,
    },
    /// More arrows (pairs of boxes with rules, a port map's rows) than
    /// [`limits::MAX_ARROWS`].
    TooManyArrows {
        /// How many.
        count: usize,
        /// The line of the row that makes the first one over the limit.
        line: u32,
    },
    /// A diagram wider or taller than [`limits::MAX_SIDE`].
    TooLarge {
        /// Width of the larger diagram, px (at least).
        width: f64,
        /// Height of the taller diagram, px (at least).
        height: f64,
        /// The line of the page's first rule.
        line: u32,
    },
}

impl Unreadable {
    /// The line of the page the diagnostic points at.
    pub fn line(&self) -> u32 {
        match self {
            Unreadable::TooManyEndpoints { line, .. }
            | Unreadable::TooManyArrows { line, .. }
            | Unreadable::TooLarge { line, .. } => *line,
        }
    }

    /// What is wrong, in English (the diagnostic's message).
    pub fn message(&self) -> String {
        let what = match self {
            Unreadable::TooManyEndpoints { count, .. } => format!(
                "{count} distinct endpoints on this page, more than the {} a diagram shows legibly",
                limits::MAX_BOXES
            ),
            Unreadable::TooManyArrows { count, .. } => format!(
                "{count} pairs of endpoints with rules between them on this page, more than the {} a diagram shows legibly",
                limits::MAX_ARROWS
            ),
            Unreadable::TooLarge { width, height, .. } => format!(
                "its diagrams would be at least {width:.0} x {height:.0} px, more than {} px a side",
                limits::MAX_SIDE
            ),
        };
        format!(
            "{what}: its topology diagram and port map are not drawn (they say so); the tables list every rule"
        )
    }

    /// The warning that reports it, at `page`'s path and [`Unreadable::line`].
    pub fn diagnostic(&self, page: &Page) -> crate::diag::Diagnostic {
        crate::diag::Diagnostic::new(
            crate::diag::Severity::Warning,
            crate::diag::Code::UnreadableDiagram,
            page.path.to_string(),
            self.line(),
            self.message(),
        )
    }
}

/// A page's diagram before placement: boxes and labels sized, columns and
/// gaps measured. Enough to tell its width, and a bound on its height.
pub(super) struct Draft {
    pub servers: BTreeSet<Server>,
    pub columns: columns::Columns,
    pub boxes: Vec<NodeBox>,
    pub edges: Vec<Edge>,
    pub grid: placement::Grid,
    /// The laid-out diagram is no taller (see [`Draft::height_bound`]).
    pub height_bound: f64,
    /// Nor shorter than this: its tallest column or gap, stacked.
    pub min_height: f64,
}

impl Draft {
    pub fn of(page: &Page, addresses: &BoxAddresses) -> Draft {
        let graph = graph::Graph::of(page);
        let columns = columns::Columns::assign(&graph.places, &graph.edges);
        let mut boxes = sizing::boxes(&graph, &columns, &page.locale, addresses);
        let mut edges = graph.edges;
        sizing::set_box_heights(&mut boxes, &edges, &columns);
        sizing::set_label_sizes(&mut edges);
        let grid = placement::Grid::measure(&boxes, &edges, &columns);
        let height_bound = Draft::height_bound(&boxes, &edges, &columns);
        let min_height = Draft::min_height(&boxes, &edges, &columns);
        Draft {
            servers: graph.servers,
            columns,
            boxes,
            edges,
            grid,
            height_bound,
            min_height,
        }
    }

    /// The least height of the laid-out diagram: the boxes of its fullest
    /// column, or the labels of its fullest gap, one under the other.
    fn min_height(boxes: &[NodeBox], edges: &[Edge], columns: &columns::Columns) -> f64 {
        let mut stacks = vec![0.0f64; 2 * columns.count().max(1)];
        for b in boxes {
            stacks[2 * b.column] += b.rect.h + BOX_GAP;
        }
        for e in edges {
            stacks[2 * columns.gap_of(e) + 1] += e.label.h + LABEL_GAP;
        }
        TOP + stacks.into_iter().fold(0.0, f64::max) + 14.0 + 12.0 + 15.0 + MARGIN
    }

    /// A bound on the laid-out diagram's height: every box and every label
    /// stacked in one column, with every frame's room, under the title and
    /// above the legend. Placement stacks each column and gap around the
    /// others' centres, so it never needs more (a debug assertion checks it
    /// on every page drawn). About four times the real height on the
    /// corpus: below the limit, no placement is needed to know a page fits.
    fn height_bound(boxes: &[NodeBox], edges: &[Edge], columns: &columns::Columns) -> f64 {
        let stacked: f64 = boxes.iter().map(|b| b.rect.h + BOX_GAP).sum::<f64>()
            + edges.iter().map(|e| e.label.h + LABEL_GAP).sum::<f64>()
            + columns.count() as f64 * (FRAME_TITLE + 4.0 * FRAME_PAD + BOX_GAP);
        // Under the content: the zones' foot, the legend and the margin
        // (`backdrop::finish`).
        (TOP + stacked + 14.0 + 12.0 + 15.0 + MARGIN).ceil()
    }

    /// What is known to make the page unreadable before placement: too
    /// many boxes or arrows, too wide, a port map too tall, or more height
    /// needed than the limit.
    pub fn unreadable(&self, page: &Page) -> Option<Unreadable> {
        // The line where the (max + 1)-th of some things first appears.
        let over = |mut lines: Vec<u32>, max: usize| {
            lines.sort_unstable();
            lines.get(max).copied().unwrap_or(0)
        };
        let rule_line = |(ti, ri): (usize, usize)| {
            page.tables
                .get(ti)
                .and_then(|t| t.rules.get(ri))
                .map_or(0, |r| r.line)
        };
        if self.boxes.len() > limits::MAX_BOXES {
            return Some(Unreadable::TooManyEndpoints {
                count: self.boxes.len(),
                line: over(graph::first_lines(page), limits::MAX_BOXES),
            });
        }
        // A port map has a row per pair of boxes, so no more rows than this.
        let arrows = self.edges.len();
        if arrows > limits::MAX_ARROWS {
            let lines = self
                .edges
                .iter()
                .filter_map(|e| e.lines.first()?.rules.first().copied())
                .map(rule_line)
                .collect();
            return Some(Unreadable::TooManyArrows {
                count: arrows,
                line: over(lines, limits::MAX_ARROWS),
            });
        }
        let title = limits::clip(&page.title, limits::MAX_TEXT_CHARS);
        let width = backdrop::width(&self.grid, &title, &page.locale);
        let names: Vec<&str> = self.boxes.iter().map(|b| b.name.as_str()).collect();
        let rows = crate::diagram::ports::rows(page, &names, &self.edges);
        let (map_w, map_h) = crate::diagram::ports::map_size(&rows);
        let (w, h) = (width.max(map_w), self.min_height.max(map_h));
        (w > limits::MAX_SIDE || h > limits::MAX_SIDE).then(|| Unreadable::TooLarge {
            width: w,
            height: h,
            line: first_rule_line(page),
        })
    }
}
