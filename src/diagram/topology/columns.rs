//! Columns stage: which column each box sits in, which zone each column
//! belongs to, and which gap between columns each arrow's label goes in.
//!
//! Columns run left to right from the Internet to the core: external; the
//! perimeter's external side; its internal side; then internal servers in
//! up to three layers by their distance (in arrows) from the perimeter, so
//! that arrows mostly run between neighbouring columns and labels have a gap
//! of their own to sit in. Empty columns are dropped.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use super::graph::Place;
use super::{Edge, Zone};

/// The innermost layer: internal boxes further from the perimeter share it.
const DEEPEST: usize = 5;

/// The display columns of a graph.
#[derive(Debug, Clone)]
pub(super) struct Columns {
    /// The display column of each box (0 = leftmost non-empty column).
    pub of_box: Vec<usize>,
    /// The zone of each display column.
    pub zones: Vec<Zone>,
}

/// The boxes joined to box `i` by an arrow either way, sorted, once each.
fn neighbours(edges: &[Edge], i: usize) -> Vec<usize> {
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
}

/// Layers: external 0, perimeter out 1, perimeter in 2; internal boxes 3..=5
/// by breadth-first distance from the perimeter. Internal boxes no path
/// reaches (a page of only internal rules) start a layer 3 of their own,
/// lowest box first.
fn layers(places: &[Place], edges: &[Edge]) -> Vec<usize> {
    let n = places.len();
    let mut col: Vec<usize> = places
        .iter()
        .map(|p| match p {
            Place::External => 0,
            Place::PerimeterOut => 1,
            Place::PerimeterIn => 2,
            Place::Internal => usize::MAX,
        })
        .collect();
    let mut queue: VecDeque<usize> = (0..n)
        .filter(|&i| {
            places[i] == Place::Internal
                && neighbours(edges, i)
                    .iter()
                    .any(|&j| places[j] != Place::Internal)
        })
        .collect();
    for &i in &queue {
        col[i] = 3;
    }
    loop {
        while let Some(i) = queue.pop_front() {
            for j in neighbours(edges, i) {
                if col[j] == usize::MAX {
                    col[j] = (col[i] + 1).min(DEEPEST);
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
    col
}

impl Columns {
    /// Assigns columns to the boxes of a graph (`places` per box, `edges`
    /// between them).
    pub fn assign(places: &[Place], edges: &[Edge]) -> Columns {
        let col = layers(places, edges);
        let used: BTreeSet<usize> = col.iter().copied().collect();
        let display: BTreeMap<usize, usize> =
            used.iter().enumerate().map(|(d, c)| (*c, d)).collect();
        Columns {
            of_box: col.iter().map(|c| display[c]).collect(),
            zones: used
                .iter()
                .map(|&c| match c {
                    0 => Zone::External,
                    1 | 2 => Zone::Perimeter,
                    _ => Zone::Internal,
                })
                .collect(),
        }
    }

    /// The number of display columns.
    pub fn count(&self) -> usize {
        self.zones.len()
    }

    /// The gap an arrow's label goes in (gap `g` lies between display
    /// columns `g` and `g + 1`): the one between its two columns, or for an
    /// arrow within one column the gap to its right (left for the last).
    pub fn gap_of(&self, e: &Edge) -> usize {
        let (a, b) = (self.of_box[e.from], self.of_box[e.to]);
        if a != b {
            a.min(b)
        } else if a + 1 < self.count() {
            a
        } else {
            a.saturating_sub(1)
        }
    }

    /// Which side of its source and destination box an arrow attaches to
    /// (`true` = right side): the side facing its label's gap.
    pub fn sides(&self, e: &Edge) -> (bool, bool) {
        let g = self.gap_of(e);
        (self.of_box[e.from] <= g, self.of_box[e.to] <= g)
    }
}
