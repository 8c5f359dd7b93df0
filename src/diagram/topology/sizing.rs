//! Sizing stage: what each box says and how big boxes and label blocks are.
//!
//! Text is measured with the baked width table ([`crate::diagram::text`]),
//! never with installed fonts, so sizes (and so the whole layout) are the
//! same on every machine. A box is tall enough for its lines and for the
//! arrows that attach to its busier side, spaced so that arrowheads do not
//! touch.

use std::collections::BTreeSet;

use super::columns::Columns;
use super::graph::Graph;
use super::{
    ADDR_FONT, ADDR_GAP, ADDR_LINE, ATTACH_STEP, BOX_MAX_TEXT, BOX_PAD_X, BOX_PAD_Y, BoxAddresses,
    Edge, FONT, LABEL_FONT, LABEL_LINE, LABEL_PAD, LINE, NodeBox, Rect,
};
use crate::diagram::{limits, text};
use crate::model::{Address, Endpoint, EndpointKind, Server};
use crate::names::Localized;

/// The narrowest box, so that short names do not make slivers.
const BOX_MIN_W: f64 = 110.0;

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

/// The words of one endpoint (or candidate): its unrecognized text as
/// written, else its kind and then its address, if it has one.
fn endpoint_words(k: EndpointKind, a: Address, u: Option<&str>, locale: &str) -> Vec<String> {
    if let Some(u) = u {
        return vec![u.to_string()];
    }
    let mut v = vec![k.name(locale).into_owned()];
    let a = a.name(locale);
    if !a.is_empty() {
        v.push(a.into_owned());
    }
    v
}

/// The lines drawn in a box, wrapped to the box's text width: the endpoint's
/// kind and address; for `Any`/`OneOf` with candidates, the kind and then one
/// `· candidate` line each, so a reader sees every choice the table gives.
fn box_lines(e: &Endpoint, locale: &str) -> Vec<String> {
    let mut raw =
        if e.candidates.is_empty() || !matches!(e.kind, EndpointKind::Any | EndpointKind::OneOf) {
            endpoint_words(e.kind, e.address, e.unrecognized.as_deref(), locale)
        } else {
            let mut v = vec![e.kind.name(locale).into_owned()];
            for c in e.candidates.iter() {
                let parts = endpoint_words(c.kind, c.address, c.unrecognized.as_deref(), locale);
                v.push(format!("· {}", join_words(&parts)));
            }
            v
        };
    raw.retain(|l| !l.is_empty());
    // Bounded, whatever the page says (`limits`): each text cut short, the
    // box at most so many lines.
    let lines = raw
        .iter()
        .flat_map(|l| {
            text::wrap(
                &limits::clip(l, limits::MAX_TEXT_CHARS),
                FONT,
                false,
                BOX_MAX_TEXT,
            )
        })
        .collect();
    limits::clip_lines(lines, limits::MAX_BOX_LINES)
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

/// One box per endpoint of the graph with its lines, addresses, column,
/// zone, server and width; heights and positions come later.
pub(super) fn boxes(
    graph: &Graph,
    columns: &Columns,
    locale: &str,
    addresses: &BoxAddresses,
) -> Vec<NodeBox> {
    let servers: &BTreeSet<Server> = &graph.servers;
    graph
        .endpoints
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let lines = box_lines(e, locale);
            let addresses: Vec<String> = addresses
                .get(e)
                .unwrap_or_default()
                .iter()
                .flat_map(|a| {
                    let a = limits::clip(a, limits::MAX_TEXT_CHARS);
                    text::wrap(&a, ADDR_FONT, false, BOX_MAX_TEXT)
                })
                .collect();
            let addresses = limits::clip_lines(addresses, limits::MAX_BOX_LINES);
            let tw = lines
                .iter()
                .map(|l| text::width(l, FONT, false))
                .chain(addresses.iter().map(|a| text::width(a, ADDR_FONT, false)))
                .fold(0.0, f64::max);
            let column = columns.of_box[i];
            NodeBox {
                id: format!("n{i}"),
                name: e.name(locale).into_owned(),
                lines,
                zone: columns.zones[column],
                column,
                server: endpoint_server(e),
                described: endpoint_server(e).is_some_and(|s| servers.contains(&s)),
                addresses,
                rect: Rect {
                    x: 0.0,
                    y: 0.0,
                    w: (tw + 2.0 * BOX_PAD_X).max(BOX_MIN_W),
                    h: 0.0,
                },
            }
        })
        .collect()
}

/// Box heights: the lines, or one attachment step per arrow on the busier
/// side plus one, whichever is taller.
pub(super) fn set_box_heights(boxes: &mut [NodeBox], edges: &[Edge], columns: &Columns) {
    let mut attach_count = vec![[0usize; 2]; boxes.len()];
    for e in edges {
        let (sf, st) = columns.sides(e);
        attach_count[e.from][sf as usize] += 1;
        attach_count[e.to][st as usize] += 1;
    }
    for (i, b) in boxes.iter_mut().enumerate() {
        let text_h = text_height(b) + 2.0 * BOX_PAD_Y;
        let most = attach_count[i][0].max(attach_count[i][1]) as f64;
        b.rect.h = text_h.max((most + 1.0) * ATTACH_STEP);
    }
}

/// The height of a box's text: its lines, then (if any) a gap and its
/// addresses.
pub(super) fn text_height(b: &NodeBox) -> f64 {
    let mut h = b.lines.len() as f64 * LINE;
    if !b.addresses.is_empty() {
        h += ADDR_GAP + b.addresses.len() as f64 * ADDR_LINE;
    }
    h
}

/// Label block sizes: the widest line and one line height per line, padded.
pub(super) fn set_label_sizes(edges: &mut [Edge]) {
    for e in edges.iter_mut() {
        let tw = e
            .lines
            .iter()
            .map(|l| text::width(&l.text, LABEL_FONT, false))
            .fold(0.0, f64::max);
        e.label.w = tw + 2.0 * LABEL_PAD;
        e.label.h = e.lines.len() as f64 * LABEL_LINE + 2.0 * LABEL_PAD;
    }
}
