//! Backdrop stage: what is drawn around the placed boxes and arrows — the
//! zone bands behind the columns, the frame around the described server's
//! boxes, the title and the legend — and the size of the whole diagram.
//!
//! Zone bands meet halfway across the gaps between columns of different
//! zones, so every box sits inside its zone's band and every label in the
//! gap between two bands or inside one. The extents of every text outside
//! boxes and labels are recorded ([`Topology::texts`]) so that tests can
//! check that nothing overlaps.

use std::collections::BTreeSet;

use super::columns::Columns;
use super::placement::Grid;
use super::{
    Edge, FONT, FRAME_PAD, FRAME_TITLE, Frame, LABEL_FONT, MARGIN, NodeBox, Rect, TOP, Topology,
    Unreadable, ZONE_TOP, ZoneBand, server_name, snap,
};
use crate::diagram::{limits, text};
use crate::model::{Page, Server};
use crate::names::{Label, label};

/// Space between the legend's entries (each starts with a sample arrow).
const LEGEND_STEP: f64 = 70.0;

/// The legend's texts: solid arrow, then dashed arrow.
fn legend_texts(locale: &str) -> Vec<String> {
    [Label::LegendRule, Label::LegendSummary]
        .map(|l| label(locale, l).to_string())
        .to_vec()
}

/// One band per run of neighbouring columns in the same zone, from
/// `ZONE_TOP` down to `zone_bottom`.
fn zone_bands(grid: &Grid, columns: &Columns, zone_bottom: f64, locale: &str) -> Vec<ZoneBand> {
    let ncols = columns.count();
    let mut zones: Vec<ZoneBand> = Vec::new();
    for c in 0..ncols {
        let left = if c == 0 {
            MARGIN
        } else {
            grid.col_x[c] - grid.gap_w[c - 1] / 2.0
        };
        let right = if c + 1 == ncols {
            grid.content_right + 12.0
        } else {
            grid.col_x[c] + grid.col_w[c] + grid.gap_w[c] / 2.0
        };
        let zone = columns.zones[c];
        match zones.last_mut() {
            Some(z) if z.zone == zone => z.rect.w = right - z.rect.x,
            _ => zones.push(ZoneBand {
                zone,
                title: zone.title(locale).to_string(),
                rect: Rect {
                    x: snap(left),
                    y: ZONE_TOP,
                    w: snap(right - left),
                    h: snap(zone_bottom - ZONE_TOP),
                },
            }),
        }
    }
    zones
}

/// One frame per described server around its boxes, with room above them
/// for its title.
fn frames(boxes: &[NodeBox], servers: &BTreeSet<Server>, locale: &str) -> Vec<Frame> {
    let mut frames = Vec::new();
    for s in servers {
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
        frames.push(Frame {
            title: server_name(*s, locale).to_string(),
            rect: Rect {
                x: x0,
                y: y0,
                w: x1 - x0,
                h: y1 - y0,
            },
        });
    }
    frames
}

/// The legend entries in a row at `y`, each text after room for its sample
/// arrow; and where the row ends.
fn legend(locale: &str, y: f64) -> (Vec<(String, Rect)>, f64) {
    let mut legend = Vec::new();
    let mut lx = MARGIN + 44.0;
    for t in legend_texts(locale) {
        let w = text::width(&t, LABEL_FONT, false);
        legend.push((
            t,
            Rect {
                x: lx,
                y,
                w,
                h: 15.0,
            },
        ));
        lx += w + LEGEND_STEP;
    }
    (legend, lx - LEGEND_STEP)
}

/// Completes the diagram of `page` from its placed and routed boxes and
/// arrows.
pub(super) fn finish(
    page: &Page,
    servers: &BTreeSet<Server>,
    grid: &Grid,
    columns: &Columns,
    boxes: Vec<NodeBox>,
    edges: Vec<Edge>,
) -> Topology {
    let locale: &str = &page.locale;
    let content_bottom = boxes
        .iter()
        .map(|b| b.rect.bottom())
        .chain(edges.iter().map(|e| e.label.bottom()))
        .fold(TOP, f64::max);
    let zone_bottom = content_bottom + 14.0;
    let zones = zone_bands(grid, columns, zone_bottom, locale);
    let frames = frames(&boxes, servers, locale);
    let title = limits::clip(&page.title, limits::MAX_TEXT_CHARS).into_owned();
    let title_w = text::width(&title, 16.0, true);
    let mut texts: Vec<(String, Rect)> = vec![(
        title.clone(),
        Rect {
            x: MARGIN,
            y: MARGIN,
            w: title_w,
            h: 20.0,
        },
    )];
    let zone_titles = zones
        .iter()
        .map(|z| (&z.title, z.rect.x + 8.0, z.rect.y + 4.0));
    let frame_titles = frames
        .iter()
        .map(|f| (&f.title, f.rect.x + 6.0, f.rect.y + 2.0));
    for (t, x, y) in zone_titles.chain(frame_titles) {
        let w = text::width(t, FONT, true);
        texts.push((t.clone(), Rect { x, y, w, h: 17.0 }));
    }
    let legend_y = zone_bottom + 12.0;
    let (legend, _) = legend(locale, legend_y);
    let width = width(grid, &title, locale);
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
        omitted: None,
    }
}

/// The width of the diagram: the columns and gaps, the title or the
/// legend, whichever is widest (known before anything is placed).
pub(super) fn width(grid: &Grid, title: &str, locale: &str) -> f64 {
    let title_w = text::width(title, 16.0, true);
    let (_, legend_right) = legend(locale, 0.0);
    ((grid.content_right + 12.0 + MARGIN)
        .max(MARGIN * 2.0 + title_w)
        .max(legend_right + MARGIN))
    .ceil()
}

/// The diagram of a page that is not drawn ([`Unreadable`]): its title, and
/// under it the text that says why and where the rules are
/// ([`Label::DiagramOmitted`]).
pub(super) fn omitted(page: &Page, why: Unreadable) -> Topology {
    let locale: &str = &page.locale;
    let title = limits::clip(&page.title, limits::MAX_TEXT_CHARS).into_owned();
    let title_w = text::width(&title, 16.0, true);
    let note = label(locale, Label::DiagramOmitted).to_string();
    let note_w = text::width(&note, FONT, false);
    let note_rect = Rect {
        x: MARGIN,
        y: ZONE_TOP + 6.0,
        w: note_w,
        h: 17.0,
    };
    Topology {
        width: (MARGIN * 2.0 + title_w.max(note_w)).ceil(),
        height: (note_rect.bottom() + MARGIN).ceil(),
        texts: vec![
            (
                title.clone(),
                Rect {
                    x: MARGIN,
                    y: MARGIN,
                    w: title_w,
                    h: 20.0,
                },
            ),
            (note, note_rect),
        ],
        title,
        locale: locale.to_string(),
        zones: Vec::new(),
        frames: Vec::new(),
        boxes: Vec::new(),
        edges: Vec::new(),
        legend: Vec::new(),
        omitted: Some(why),
    }
}
