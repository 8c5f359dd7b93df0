//! The port map of a page, drawn with plotters: ports on a logarithmic axis
//! from 1 to 65535, one row per endpoint pair (source → destination, the
//! boxes of the topology diagram), single ports as marks, ranges as bars, TCP
//! and UDP in two colours with a legend.

use plotters::coord::combinators::{LogCoord, WithKeyPoints};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use std::collections::{BTreeSet, HashMap};

use super::topology::graph::{Graph, has_both_ends};
use super::topology::{Edge, Topology};
use super::xml::xml_escape;
use super::{limits, text};
use crate::model::{EndpointKind, Page, PortRange, Transport};
use crate::names::Localized;
use crate::names::{Label, label};

/// One row of the port map.
#[derive(Debug, Clone, PartialEq)]
pub struct PortRow {
    /// `Any → Access Edge service public IP address`.
    pub label: String,
    /// The label's lines as drawn.
    pub lines: Vec<String>,
    /// Distinct (transport, ports) of the row's rules, sorted.
    pub marks: Vec<(Transport, PortRange)>,
    /// The marks that only summary tables state (drawn hollow), sorted.
    pub summary_only: Vec<(Transport, PortRange)>,
}

/// The rows of a page's port map: one per (source box, destination box) pair
/// of the topology, in the order the pair first appears on the page.
pub fn port_rows(page: &Page, t: &Topology) -> Vec<PortRow> {
    let names: Vec<&str> = t.boxes.iter().map(|b| b.name.as_str()).collect();
    rows(page, &names, &t.edges)
}

/// The rows of the port map of the arrows `edges` between boxes named
/// `names`. Only the graph is needed (no sizes, no positions), so the port
/// map of a page never waits for a layout.
pub(crate) fn rows(page: &Page, names: &[&str], edges: &[Edge]) -> Vec<PortRow> {
    let mut rows: Vec<((usize, usize), PortRow)> = Vec::new();
    // The row of each pair of boxes (looked up, not searched: a page of many
    // endpoints has many rows).
    let mut row_of: HashMap<(usize, usize), usize> = HashMap::new();
    // Marks some interface (non-summary) table states, per row.
    let mut stated: Vec<BTreeSet<(Transport, PortRange)>> = Vec::new();
    for e in edges {
        let key = (e.from, e.to);
        let idx = match row_of.get(&key) {
            Some(&i) => i,
            None => {
                let label = format!("{} → {}", names[e.from], names[e.to]);
                // Wrapped, at most so many lines (`limits`): a long name
                // makes a taller row, never a wider one.
                let lines = limits::clip_lines(
                    text::wrap(&label, FONT, false, LABEL_MAX),
                    limits::MAX_ROW_LABEL_LINES,
                );
                rows.push((
                    key,
                    PortRow {
                        label,
                        lines,
                        marks: Vec::new(),
                        summary_only: Vec::new(),
                    },
                ));
                stated.push(BTreeSet::new());
                row_of.insert(key, rows.len() - 1);
                rows.len() - 1
            }
        };
        for l in &e.lines {
            for &(ti, ri) in &l.rules {
                if let Some((table, rule)) = page
                    .tables
                    .get(ti)
                    .and_then(|t| Some((t, t.rules.get(ri)?)))
                {
                    rows[idx].1.marks.push((rule.transport, rule.ports));
                    if !table.kind.is_summary() {
                        stated[idx].insert((rule.transport, rule.ports));
                    }
                }
            }
        }
    }
    // The server-role rows: the rules with an end the table does not give
    // (`Server role | Service name | Port | Protocol`: the role listens, no
    // source), one row per role, in the order the role first appears.
    let mut one_ended: HashMap<String, usize> = HashMap::new();
    for table in page.tables.iter() {
        for rule in table.rules.iter().filter(|r| !has_both_ends(r)) {
            let role = if rule.source.kind == EndpointKind::Unspecified {
                &rule.destination
            } else {
                &rule.source
            };
            if role.kind == EndpointKind::Unspecified {
                continue;
            }
            let label = role.name(&page.locale).into_owned();
            let idx = match one_ended.get(&label) {
                Some(&i) => i,
                None => {
                    // As the pairs' rows: wrapped, at most so many lines.
                    let lines = limits::clip_lines(
                        text::wrap(&label, FONT, false, LABEL_MAX),
                        limits::MAX_ROW_LABEL_LINES,
                    );
                    rows.push((
                        ONE_ENDED,
                        PortRow {
                            label: label.clone(),
                            lines,
                            marks: Vec::new(),
                            summary_only: Vec::new(),
                        },
                    ));
                    stated.push(BTreeSet::new());
                    one_ended.insert(label, rows.len() - 1);
                    rows.len() - 1
                }
            };
            rows[idx].1.marks.push((rule.transport, rule.ports));
            stated[idx].insert((rule.transport, rule.ports));
        }
    }
    rows.into_iter()
        .zip(stated)
        .map(|((_, mut r), stated)| {
            r.marks.sort();
            r.marks.dedup();
            r.summary_only = r
                .marks
                .iter()
                .filter(|m| !stated.contains(m))
                .copied()
                .collect();
            r
        })
        .collect()
}

/// The key of the rows of one-ended rules (no box pair).
const ONE_ENDED: (usize, usize) = (usize::MAX, usize::MAX);

const FONT: f64 = 12.0;
const HEADROOM: f64 = 1.3;
const LABEL_MAX: f64 = 330.0;
const LINE: f64 = 15.0;
/// Width of the plot, px.
const PLOT_W: u32 = 760;
/// Above the plot (the title), px.
const TOP: u32 = 50;
/// Under the plot (the port axis), px.
const BOTTOM: u32 = 56;
/// Plotters writes `font-size = size / 1.24`.
const PLOTTERS_FONT_SCALE: f64 = 1.24;
const TCP: RGBColor = RGBColor(0x1f, 0x5f, 0xa8);
const UDP: RGBColor = RGBColor(0xd9, 0x73, 0x0d);

fn colour(t: Transport) -> RGBColor {
    match t {
        Transport::Tcp => TCP,
        Transport::Udp => UDP,
    }
}

/// The port map of a page as SVG (plotters' SVG backend). Only the page's
/// graph is built, not its topology layout; with a laid-out page at hand use
/// [`PageDiagrams::port_map_svg`](super::PageDiagrams::port_map_svg). A page
/// whose diagrams are not drawn ([`super::topology::unreadable`]) gets a
/// port map that says so.
pub fn port_map_svg(page: &Page) -> String {
    if super::topology::unreadable(page).is_some() {
        return omitted_svg(page);
    }
    let graph = Graph::of(page);
    let names = graph.names(&page.locale);
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    port_map_svg_of(page, &rows(page, &names, &graph.edges))
}

/// The port map of `page` as SVG, from its rows.
pub(crate) fn port_map_svg_of(page: &Page, rows: &[PortRow]) -> String {
    let mut out = String::new();
    if let Err(e) = draw(page, rows, &mut out) {
        // Plotters' SVG backend writes to a String and does not fail; keep a
        // valid document if it ever does.
        out = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" height=\"40\"><text x=\"8\" y=\"24\">{}</text></svg>\n",
            xml_escape(&e)
        );
    }
    out
}

/// The port map of a page that is not drawn: its title and the text that
/// says why ([`Label::DiagramOmitted`]), as the topology diagram says it.
pub(crate) fn omitted_svg(page: &Page) -> String {
    let locale: &str = &page.locale;
    let title = format!(
        "{} — {}",
        limits::clip(&page.title, limits::MAX_TEXT_CHARS),
        label(locale, Label::PortMap)
    );
    let note = label(locale, Label::DiagramOmitted);
    let w = text::width(&title, 16.0, true).max(text::width(note, FONT, false)) + 32.0;
    format!(
        concat!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"80\" viewBox=\"0 0 {w} 80\" font-family=\"{f}\">\n",
            "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n",
            "<text x=\"16\" y=\"30\" font-size=\"16\" font-weight=\"bold\" fill=\"#222222\">{title}</text>\n",
            "<text class=\"omitted\" x=\"16\" y=\"58\" font-size=\"{fs}\" fill=\"#555555\">{note}</text>\n",
            "</svg>\n"
        ),
        w = w.ceil(),
        f = xml_escape(text::FONT_FAMILY),
        title = xml_escape(&title),
        fs = FONT,
        note = xml_escape(note)
    )
}

/// The size of the port map of `rows`, px (width, height): the row labels
/// and the plot across, the rows and the legend's room down.
pub(crate) fn map_size(rows: &[PortRow]) -> (f64, f64) {
    let (w, h, _) = layout(rows);
    (w as f64, h as f64)
}

/// (width, height, label column width) of the port map of `rows`.
fn layout(rows: &[PortRow]) -> (u32, u32, u32) {
    let n = rows.len().max(1);
    let label_w = rows
        .iter()
        .flat_map(|r| r.lines.iter())
        .map(|l| text::width(l, FONT, false))
        .fold(120.0, f64::max)
        .ceil() as u32
        + 24;
    let max_lines = rows.iter().map(|r| r.lines.len()).max().unwrap_or(1).max(2);
    let row_h = (max_lines as f64 * LINE + 14.0).max(40.0);
    let width = label_w + PLOT_W + 30;
    let height = TOP + (row_h * (n as f64 + HEADROOM)).round() as u32 + BOTTOM;
    (width, height, label_w)
}

/// The chart the marks are drawn on: ports on a log axis, one unit per row.
type Chart<'a, 'b> = ChartContext<
    'a,
    SVGBackend<'b>,
    Cartesian2d<WithKeyPoints<LogCoord<f64>>, plotters::coord::types::RangedCoordf64>,
>;

/// A font for plotters: the diagrams' family at `size` px as drawn.
fn font(size: f64) -> (&'static str, f64) {
    (text::FONT_FAMILY, size * PLOTTERS_FONT_SCALE)
}

/// A plotters error as text.
fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// Draws the port map of `page` into `out`: the title, the chart with one
/// band per row, each transport's marks, the legend, and the row labels
/// before the axis.
fn draw(page: &Page, rows: &[PortRow], out: &mut String) -> Result<(), String> {
    let locale: &str = &page.locale;
    let n = rows.len().max(1);
    let (width, height, label_w) = layout(rows);
    let (top, bottom) = (TOP, BOTTOM);
    let title = format!(
        "{} — {}",
        limits::clip(&page.title, limits::MAX_TEXT_CHARS),
        label(locale, Label::PortMap)
    );
    {
        let root = SVGBackend::with_string(out, (width, height)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        root.draw(&Text::new(
            title,
            (16, 14),
            font(16.0)
                .into_font()
                .style(FontStyle::Bold)
                .color(&RGBColor(0x22, 0x22, 0x22)),
        ))
        .map_err(err)?;
        let (_, right) = root.split_horizontally(label_w);
        let mut chart = ChartBuilder::on(&right)
            .margin_top(top - 10)
            .margin_right(30)
            .x_label_area_size(bottom - 10)
            .build_cartesian_2d(
                (1f64..65535f64)
                    .log_scale()
                    .with_key_points(vec![1.0, 10.0, 100.0, 1000.0, 10000.0, 65535.0]),
                // 1.3 empty rows on top hold the legend.
                0f64..n as f64 + HEADROOM,
            )
            .map_err(err)?;
        draw_axes_and_bands(&mut chart, n, locale)?;
        for transport in [Transport::Tcp, Transport::Udp] {
            draw_marks(&mut chart, rows, transport)?;
        }
        draw_legend(&mut chart, rows, locale)?;
        // Row labels, right-aligned before the axis.
        for (i, r) in rows.iter().enumerate() {
            let (_, cy) = chart.backend_coord(&(1.0, (n - i) as f64 - 0.5));
            let h = r.lines.len() as f64 * LINE;
            for (k, line) in r.lines.iter().enumerate() {
                let y = cy as f64 - h / 2.0 + LINE * (k as f64 + 0.5);
                root.draw(&Text::new(
                    line.clone(),
                    (label_w as i32 - 12, y.round() as i32),
                    font(FONT)
                        .into_font()
                        .color(&RGBColor(0x1d, 0x28, 0x33))
                        .pos(Pos::new(HPos::Right, VPos::Center)),
                ))
                .map_err(err)?;
            }
        }
        root.present().map_err(err)?;
    }
    Ok(())
}

/// The port axis (log scale, grid at the powers of ten) and a light band
/// behind every other row, so a reader can follow a row across.
fn draw_axes_and_bands(chart: &mut Chart, n: usize, locale: &str) -> Result<(), String> {
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(0)
        .x_label_formatter(&|v| format!("{}", v.round() as u32))
        .x_desc(label(locale, Label::PortAxis))
        .label_style(font(12.0))
        .axis_desc_style(font(12.0))
        .light_line_style(WHITE.mix(0.0))
        .bold_line_style(RGBColor(0xdd, 0xdd, 0xdd))
        .draw()
        .map_err(err)?;
    // Row bands and separators.
    let bands = (0..n).filter(|i| i % 2 == 1).map(|i| {
        let y = (n - i) as f64;
        Rectangle::new(
            [(1.0, y), (65535.0, y - 1.0)],
            RGBColor(0xf4, 0xf6, 0xf8).filled(),
        )
    });
    chart.draw_series(bands).map_err(err)?;
    Ok(())
}

/// The marks of one transport in every row (TCP above the row's middle,
/// UDP below, so both show where they share ports), with their port
/// numbers, and the transport's legend entry.
fn draw_marks(chart: &mut Chart, rows: &[PortRow], transport: Transport) -> Result<(), String> {
    let n = rows.len().max(1);
    let c = colour(transport);
    // Offset within the row: TCP above the middle, UDP below.
    let dy = if transport == Transport::Tcp {
        0.17
    } else {
        -0.17
    };
    let mut bars = Vec::new();
    let mut dots = Vec::new();
    let mut texts = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let y = (n - i) as f64 - 0.5 + dy;
        let marks: Vec<PortRange> = r
            .marks
            .iter()
            .filter(|(t, _)| *t == transport)
            .map(|(_, p)| *p)
            .collect();
        for p in &marks {
            // Hollow when only a summary table states it.
            let style = if r.summary_only.binary_search(&(transport, *p)).is_ok() {
                c.stroke_width(2)
            } else {
                c.filled()
            };
            if p.is_single() {
                dots.push(Circle::new((p.first() as f64, y), 4, style));
            } else {
                bars.push(Rectangle::new(
                    [
                        (p.first() as f64, y + 0.09),
                        (p.last() as f64 + 1.0, y - 0.09),
                    ],
                    style,
                ));
            }
        }
        // Port numbers beside the marks; marks closer than a label's
        // width share one label.
        for (first, last, label) in port_texts(&marks) {
            // Left of the group near the right end of the axis, else right of it.
            let right_side = first > 3000.0;
            let x = if right_side { first } else { last };
            let pos = Pos::new(
                if right_side { HPos::Right } else { HPos::Left },
                VPos::Center,
            );
            let dx = if right_side { -8 } else { 8 };
            texts.push(
                EmptyElement::at((x, y))
                    + Text::new(label, (dx, 0), font(10.5).into_font().color(&c).pos(pos)),
            );
        }
    }
    let name = if transport == Transport::Tcp {
        "TCP"
    } else {
        "UDP"
    };
    chart.draw_series(bars).map_err(err)?;
    chart.draw_series(texts).map_err(err)?;
    chart
        .draw_series(dots)
        .map_err(err)?
        .label(name)
        .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 14, y + 5)], c.filled()));
    Ok(())
}

/// The legend, in the empty rows on top, right-aligned: TCP, UDP and, when
/// some mark is hollow, what hollow means.
fn draw_legend<'a, 'b: 'a>(
    chart: &mut Chart<'a, 'b>,
    rows: &[PortRow],
    locale: &str,
) -> Result<(), String> {
    if rows.iter().any(|r| !r.summary_only.is_empty()) {
        let grey = RGBColor(0x66, 0x66, 0x66);
        chart
            .draw_series(std::iter::empty::<Circle<(f64, f64), i32>>())
            .map_err(err)?
            .label(label(locale, Label::HollowMark))
            .legend(move |(x, y)| Circle::new((x + 7, y), 4, grey.stroke_width(2)));
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .border_style(RGBColor(0xbb, 0xbb, 0xbb))
        .background_style(WHITE)
        .label_font(font(12.0))
        .draw()
        .map_err(err)?;
    Ok(())
}

/// Groups sorted marks whose positions are close on the log axis and gives
/// each group one text: `443`, `50000-59999`, `50001, 50002, 50003`. Returns
/// (first port of the group, last port of the group, text).
fn port_texts(marks: &[PortRange]) -> Vec<(f64, f64, String)> {
    let mut groups: Vec<(f64, f64, Vec<String>)> = Vec::new();
    for p in marks {
        let x = p.first() as f64;
        match groups.last_mut() {
            // Within a factor 1.6 on the axis (~ 40 px at this width).
            Some((_, last, texts)) if x / *last < 1.6 => {
                texts.push(p.to_string());
                *last = p.last() as f64;
            }
            _ => groups.push((x, p.last() as f64, vec![p.to_string()])),
        }
    }
    groups
        .into_iter()
        .map(|(x, last, mut t)| {
            // A group of many close ports (thousands of single ports in
            // one row) gets a bounded text, not one as wide as the list.
            if t.len() > limits::MAX_PORT_TEXTS {
                let left_out = t.len() - (limits::MAX_PORT_TEXTS - 1);
                t.truncate(limits::MAX_PORT_TEXTS - 1);
                t.push(limits::more(left_out));
            }
            (x, last, t.join(", "))
        })
        .collect()
}
