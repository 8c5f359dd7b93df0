//! Routing stage: the arrows' attachment points on the boxes and their
//! polylines through the label blocks.
//!
//! Every arrow runs from its source box to the near side of its label, along
//! the label, and on from its far side to the destination box, so a reader
//! can follow an arrow to its label without guessing. On each side of a box
//! the attachment points are spread evenly in the order of their labels'
//! heights, so arrows leaving one box do not cross each other at the box.

use std::collections::BTreeMap;

use super::columns::Columns;
use super::{Edge, NodeBox, Rect, snap};

/// How far the arrow stays off the label block's left and right edges.
const LABEL_CLEARANCE: f64 = 6.0;

/// The attachment point of every arrow end: index `i` is arrow `i`'s source
/// end, index `i + edges.len()` its destination end.
fn attachment_points(edges: &[Edge], boxes: &[NodeBox], columns: &Columns) -> Vec<(f64, f64)> {
    // (box, right side) -> (label centre height, slot) of the ends there.
    let mut slots: BTreeMap<(usize, bool), Vec<(f64, usize)>> = BTreeMap::new();
    for (ei, e) in edges.iter().enumerate() {
        let (sf, st) = columns.sides(e);
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
    attach
}

/// The polyline from attachment point `a` through label `l` to attachment
/// point `b`: across the label in the arrow's direction, or, when both ends
/// are on the same side of it (an arrow within one column), to the label's
/// near edge and back.
fn path(a: (f64, f64), b: (f64, f64), l: Rect) -> Vec<(f64, f64)> {
    let (left_pt, right_pt) = (
        (l.x - LABEL_CLEARANCE, l.cy()),
        (l.right() + LABEL_CLEARANCE, l.cy()),
    );
    if a.0 <= l.x && b.0 >= l.right() {
        vec![a, left_pt, right_pt, b]
    } else if a.0 >= l.right() && b.0 <= l.x {
        vec![a, right_pt, left_pt, b]
    } else {
        // Both ends on the same side of the label (same column).
        let near = if a.0 <= l.x { left_pt } else { right_pt };
        vec![a, near, b]
    }
}

/// Sets every arrow's path from the placed boxes and labels.
pub(super) fn route(edges: &mut [Edge], boxes: &[NodeBox], columns: &Columns) {
    let attach = attachment_points(edges, boxes, columns);
    let ne = edges.len();
    for (ei, e) in edges.iter_mut().enumerate() {
        e.path = path(attach[ei], attach[ei + ne], e.label);
    }
}
