//! Placement stage: where boxes and label blocks sit.
//!
//! Horizontally everything is fixed by the columns: each column is as wide
//! as its widest box, each gap as wide as its widest label plus room for the
//! arrows, and labels are centred in their gap, so no label can meet a box.
//! Vertically, boxes are stacked in their columns and labels in their gaps,
//! then boxes are moved towards the labels of their arrows and everything is
//! stacked again, a few times (barycentre passes), so that arrows run nearly
//! level. The boxes of the described server are kept together at the top of
//! their columns, under a frame that nothing else may enter.

use std::collections::BTreeSet;

use super::columns::Columns;
use super::{
    BOX_GAP, Edge, FRAME_PAD, FRAME_TITLE, GAP_MARGIN, LABEL_GAP, MARGIN, NodeBox, TOP, snap,
};
use crate::model::Server;

/// The narrowest gap between two columns, so that short arrows still show.
const GAP_MIN_W: f64 = 70.0;
/// Barycentre passes.
const ROUNDS: usize = 10;
/// The passes that also pull everything up (see [`desired_centres`]).
const PULL_ROUNDS: usize = 7;

/// The horizontal grid: column and gap widths and where columns start.
#[derive(Debug, Clone)]
pub(super) struct Grid {
    /// Left edge of each display column.
    pub col_x: Vec<f64>,
    /// Width of each display column (its widest box).
    pub col_w: Vec<f64>,
    /// Width of each gap (gap `g` follows column `g`).
    pub gap_w: Vec<f64>,
    /// Right edge of the last column.
    pub content_right: f64,
}

impl Grid {
    /// Measures the columns and gaps of sized boxes and labels.
    pub fn measure(boxes: &[NodeBox], edges: &[Edge], columns: &Columns) -> Grid {
        let ncols = columns.count();
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
                    .filter(|e| columns.gap_of(e) == g)
                    .map(|e| e.label.w)
                    .fold(0.0, f64::max);
                (widest + 2.0 * GAP_MARGIN).max(GAP_MIN_W)
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
        Grid {
            col_x,
            col_w,
            gap_w,
            content_right: x,
        }
    }

    /// Sets the x of every box (centred in its column) and every label
    /// (centred in its gap).
    pub fn place(&self, boxes: &mut [NodeBox], edges: &mut [Edge], columns: &Columns) {
        for b in boxes.iter_mut() {
            b.rect.x = self.col_x[b.column] + (self.col_w[b.column] - b.rect.w) / 2.0;
        }
        for e in edges.iter_mut() {
            let g = columns.gap_of(e);
            let gx = self.col_x[g] + self.col_w[g];
            e.label.x = gx + (self.gap_w.get(g).copied().unwrap_or(0.0) - e.label.w) / 2.0;
        }
    }
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

/// Stacks one column's boxes (`order`, top to bottom) around their desired
/// centres. The described server's boxes come first in the order; room is
/// left above them for their frame's title and below them for its edge.
fn place_column(boxes: &mut [NodeBox], order: &[usize], desired: &[f64]) {
    let mut items = Vec::with_capacity(order.len());
    let mut min_top = TOP;
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
            min_top = TOP + extra;
        }
        let h = boxes[i].rect.h;
        items.push((desired[i] - h / 2.0, h, BOX_GAP + extra));
    }
    for (&i, y) in order.iter().zip(stack(&items, min_top)) {
        boxes[i].rect.y = y;
    }
}

/// Stacks the labels of each gap, each as near as it can to halfway between
/// its two boxes, in that order, so that arrows through one gap do not cross
/// each other's labels.
fn place_labels(edges: &mut [Edge], boxes: &[NodeBox], columns: &Columns) {
    for g in 0..columns.count().max(1) {
        let mut in_gap: Vec<(f64, usize)> = edges
            .iter()
            .enumerate()
            .filter(|(_, e)| columns.gap_of(e) == g)
            .map(|(i, e)| ((boxes[e.from].rect.cy() + boxes[e.to].rect.cy()) / 2.0, i))
            .collect();
        in_gap.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let items: Vec<(f64, f64, f64)> = in_gap
            .iter()
            .map(|&(want, i)| (want - edges[i].label.h / 2.0, edges[i].label.h, LABEL_GAP))
            .collect();
        for (&(_, i), y) in in_gap.iter().zip(stack(&items, TOP)) {
            edges[i].label.y = y;
        }
    }
}

/// A frame spanning several columns must not cover the other boxes of those
/// columns: pushes them below it.
fn fix_frames(boxes: &mut [NodeBox], order_in_col: &[Vec<usize>], servers: &BTreeSet<Server>) {
    for s in servers {
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
}

/// The stacking only pushes down: lifts everything back so that the highest
/// box (with its frame title) or label starts at the top.
fn lift(boxes: &mut [NodeBox], edges: &mut [Edge]) {
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
    if min_y > TOP && min_y < f64::MAX {
        let d = min_y - TOP;
        boxes.iter_mut().for_each(|b| b.rect.y -= d);
        edges.iter_mut().for_each(|e| e.label.y -= d);
    }
}

/// Where each box would like its centre: the mean height of its arrows'
/// labels (where it is, if it has none), pulled towards the top by `pull`
/// (1 = not at all).
fn desired_centres(boxes: &[NodeBox], edges: &[Edge], pull: f64) -> Vec<f64> {
    (0..boxes.len())
        .map(|i| {
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
            TOP + (want - TOP) * pull
        })
        .collect()
}

/// The initial top-to-bottom order of each column: the described server's
/// boxes first, then box order.
fn initial_order(boxes: &[NodeBox], ncols: usize) -> Vec<Vec<usize>> {
    (0..ncols)
        .map(|c| {
            let mut v: Vec<usize> = (0..boxes.len()).filter(|&i| boxes[i].column == c).collect();
            v.sort_by_key(|&i| (!boxes[i].described, i));
            v
        })
        .collect()
}

/// Sets the y of every box and label: an initial stacking, then barycentre
/// passes, then a snap to the half pixel so that output does not depend on
/// float noise.
pub(super) fn place_vertically(
    boxes: &mut [NodeBox],
    edges: &mut [Edge],
    columns: &Columns,
    servers: &BTreeSet<Server>,
) {
    let mut order_in_col = initial_order(boxes, columns.count());
    let zero = vec![0.0; boxes.len()];
    for order in &order_in_col {
        place_column(boxes, order, &zero);
    }
    fix_frames(boxes, &order_in_col, servers);
    place_labels(edges, boxes, columns);
    for round in 0..ROUNDS {
        // Early rounds also pull everything up a little, so that empty
        // stretches the barycentre steps cannot see (one cluster of arrows
        // sitting far below another) close up; the last rounds only align.
        let pull = if round < PULL_ROUNDS { 0.8 } else { 1.0 };
        let desired = desired_centres(boxes, edges, pull);
        for o in order_in_col.iter_mut() {
            o.sort_by(|&a, &b| {
                (!boxes[a].described)
                    .cmp(&!boxes[b].described)
                    .then(desired[a].total_cmp(&desired[b]))
                    .then(a.cmp(&b))
            });
            place_column(boxes, o, &desired);
        }
        fix_frames(boxes, &order_in_col, servers);
        place_labels(edges, boxes, columns);
        lift(boxes, edges);
    }
    for b in boxes.iter_mut() {
        b.rect.x = snap(b.rect.x);
        b.rect.y = snap(b.rect.y);
    }
    for e in edges.iter_mut() {
        e.label.x = snap(e.label.x);
        e.label.y = snap(e.label.y);
    }
}
