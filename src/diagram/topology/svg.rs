//! Writing stage: a laid-out [`Topology`] as an SVG document.
//!
//! Nothing is measured or moved here: every position comes from the layout,
//! so the SVG, the Mermaid chart and the port map show the same diagram.
//! Elements are written back to front (zones, frames, arrows, boxes, labels,
//! legend) so that labels sit on top of the arrows that run through them,
//! and each carries `class`/`id`/`data-*` attributes that the tests and
//! readers of the SVG use to find boxes, arrows and labels again.

use std::fmt::Write;

use super::{
    ADDR_FONT, ADDR_GAP, ADDR_LINE, Edge, FONT, LABEL_FONT, LABEL_LINE, LABEL_PAD, LINE, MARGIN,
    NodeBox, Topology, sizing,
};
use crate::diagram::text;
use crate::diagram::xml::xml_escape;

/// The colour of TCP in both diagrams (the port map's TCP marks).
const TCP_COLOUR: &str = "#1f5fa8";
/// Background of the external, perimeter and internal zones.
const ZONE_FILL: [&str; 3] = ["#fdf3e7", "#fbe9e9", "#eaf3ea"];

/// A number for SVG: at most one decimal, no `-0`, so that output does not
/// carry float noise and stays byte-identical across machines.
fn num(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    let r = if r == 0.0 { 0.0 } else { r };
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// The topology diagram as SVG.
pub fn to_svg(t: &Topology) -> String {
    let mut s = String::new();
    write_head(&mut s, t);
    if t.omitted.is_some() {
        write_omitted(&mut s, t);
        s.push_str("</svg>\n");
        return s;
    }
    write_zones(&mut s, t);
    write_frames(&mut s, t);
    // Arrows under boxes and labels.
    for (i, e) in t.edges.iter().enumerate() {
        write_arrow(&mut s, t, i, e);
    }
    for b in &t.boxes {
        write_box(&mut s, b);
    }
    for (i, e) in t.edges.iter().enumerate() {
        write_label(&mut s, t, i, e);
    }
    write_legend(&mut s, t);
    s.push_str("</svg>\n");
    s
}

/// The root element, the document title, the arrow-head markers, the white
/// background and the visible title.
fn write_head(s: &mut String, t: &Topology) {
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{f}" font-size="{fs}" data-locale="{l}">"#,
        w = num(t.width),
        h = num(t.height),
        f = xml_escape(text::FONT_FAMILY),
        fs = num(FONT),
        l = xml_escape(&t.locale)
    );
    let _ = writeln!(s, "<title>{}</title>", xml_escape(&t.title));
    s.push_str(concat!(
        "<defs>",
        r##"<marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#333"/></marker>"##,
        r##"<marker id="arrow-summary" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#8a4b9c"/></marker>"##,
        "</defs>\n"
    ));
    let _ = writeln!(s, r##"<rect width="100%" height="100%" fill="#ffffff"/>"##);
    let _ = writeln!(
        s,
        r##"<text class="title" x="{}" y="{}" font-size="16" font-weight="bold" fill="#222">{}</text>"##,
        num(MARGIN),
        num(MARGIN + 15.0),
        xml_escape(&t.title)
    );
}

/// The text of a diagram that is not drawn (the second of its texts; the
/// first is the title).
fn write_omitted(s: &mut String, t: &Topology) {
    for (note, r) in t.texts.iter().skip(1) {
        let _ = writeln!(
            s,
            r##"<text class="omitted" x="{}" y="{}" fill="#555">{}</text>"##,
            num(r.x),
            num(r.y + 13.0),
            xml_escape(note)
        );
    }
}

/// The zone bands with their titles.
fn write_zones(s: &mut String, t: &Topology) {
    for z in &t.zones {
        let fill = ZONE_FILL[z.zone as usize];
        let _ = writeln!(
            s,
            r##"<g class="zone" data-zone="{:?}"><rect x="{}" y="{}" width="{}" height="{}" fill="{fill}" stroke="#d8d0c0"/><text x="{}" y="{}" font-weight="bold" fill="#555">{}</text></g>"##,
            z.zone,
            num(z.rect.x),
            num(z.rect.y),
            num(z.rect.w),
            num(z.rect.h),
            num(z.rect.x + 8.0),
            num(z.rect.y + 17.0),
            xml_escape(&z.title)
        );
    }
}

/// The frames around the described server's boxes, with their titles.
fn write_frames(s: &mut String, t: &Topology) {
    for f in &t.frames {
        let _ = writeln!(
            s,
            r##"<g class="frame"><rect x="{}" y="{}" width="{}" height="{}" rx="6" fill="#fffdf5" stroke="#b08a3e" stroke-width="1.5"/><text x="{}" y="{}" font-weight="bold" fill="#8a6420">{}</text></g>"##,
            num(f.rect.x),
            num(f.rect.y),
            num(f.rect.w),
            num(f.rect.h),
            num(f.rect.x + 6.0),
            num(f.rect.y + 16.0),
            xml_escape(&f.title)
        );
    }
}

/// Arrow `i`: its polyline, solid or (summary only) dashed and purple.
fn write_arrow(s: &mut String, t: &Topology, i: usize, e: &Edge) {
    let d: Vec<String> = e
        .path
        .iter()
        .enumerate()
        .map(|(k, (x, y))| format!("{}{},{}", if k == 0 { "M" } else { " L" }, num(*x), num(*y)))
        .collect();
    let (stroke, dash, marker) = if e.summary_only {
        ("#8a4b9c", r#" stroke-dasharray="6 4""#, "arrow-summary")
    } else {
        ("#333", "", "arrow")
    };
    let _ = writeln!(
        s,
        r#"<path class="arrow" id="a{i}" data-from="{}" data-to="{}" d="{}" fill="none" stroke="{stroke}" stroke-width="1.3"{dash} marker-end="url(#{marker})"/>"#,
        t.boxes[e.from].id,
        t.boxes[e.to].id,
        d.concat()
    );
}

/// One endpoint box and its lines, centred; boxes of the described server
/// are highlighted.
fn write_box(s: &mut String, b: &NodeBox) {
    let (fill, stroke, sw) = if b.described {
        ("#fff4d6", "#b08a3e", "2")
    } else {
        ("#ffffff", "#5a6b7b", "1.2")
    };
    let _ = write!(
        s,
        r#"<g class="box" id="{}" data-name="{}" data-zone="{:?}"><rect x="{}" y="{}" width="{}" height="{}" rx="4" fill="{fill}" stroke="{stroke}" stroke-width="{sw}"/>"#,
        b.id,
        xml_escape(&b.name),
        b.zone,
        num(b.rect.x),
        num(b.rect.y),
        num(b.rect.w),
        num(b.rect.h)
    );
    let text_h = sizing::text_height(b);
    let y0 = b.rect.cy() - text_h / 2.0 + LINE * 0.75;
    let _ = write!(s, r##"<text text-anchor="middle" fill="#1d2833">"##);
    for (k, l) in b.lines.iter().enumerate() {
        let _ = write!(
            s,
            r#"<tspan x="{}" y="{}">{}</tspan>"#,
            num(b.rect.x + b.rect.w / 2.0),
            num(y0 + k as f64 * LINE),
            xml_escape(l)
        );
    }
    s.push_str("</text>");
    if !b.addresses.is_empty() {
        // Under the lines, smaller and in the arrows' blue: the deployment's
        // addresses of this endpoint.
        let a0 =
            b.rect.cy() - text_h / 2.0 + b.lines.len() as f64 * LINE + ADDR_GAP + ADDR_LINE * 0.75;
        let _ = write!(
            s,
            r##"<text class="addresses" text-anchor="middle" font-size="{}" fill="#1f5fa8">"##,
            num(ADDR_FONT)
        );
        for (k, a) in b.addresses.iter().enumerate() {
            let _ = write!(
                s,
                r#"<tspan x="{}" y="{}">{}</tspan>"#,
                num(b.rect.x + b.rect.w / 2.0),
                num(a0 + k as f64 * ADDR_LINE),
                xml_escape(a)
            );
        }
        s.push_str("</text>");
    }
    s.push_str("</g>\n");
}

/// The label block of arrow `i`: a white background and one line per
/// `TCP 5061 SIP/MTLS`; summary-only labels in purple italics.
fn write_label(s: &mut String, t: &Topology, i: usize, e: &Edge) {
    let l = e.label;
    let (colour, style) = if e.summary_only {
        ("#6d3a7c", r#" font-style="italic""#)
    } else {
        (TCP_COLOUR, "")
    };
    let _ = write!(
        s,
        r##"<g class="label" data-arrow="a{i}" data-from="{}" data-to="{}" data-summary="{}"><rect x="{}" y="{}" width="{}" height="{}" rx="3" fill="#ffffff" fill-opacity="0.92" stroke="#c9c9c9" stroke-width="0.6"/><text font-size="{}" fill="{colour}"{style}>"##,
        t.boxes[e.from].id,
        t.boxes[e.to].id,
        e.summary_only,
        num(l.x),
        num(l.y),
        num(l.w),
        num(l.h),
        num(LABEL_FONT)
    );
    for (k, line) in e.lines.iter().enumerate() {
        let _ = write!(
            s,
            r#"<tspan x="{}" y="{}">{}</tspan>"#,
            num(l.x + LABEL_PAD),
            num(l.y + LABEL_PAD + LABEL_LINE * (k as f64 + 0.78)),
            xml_escape(&line.text)
        );
    }
    s.push_str("</text></g>\n");
}

/// The legend: a sample solid arrow and a sample dashed one, each before
/// its text.
fn write_legend(s: &mut String, t: &Topology) {
    for (k, (txt, r)) in t.legend.iter().enumerate() {
        let (stroke, dash, marker) = if k == 1 {
            ("#8a4b9c", r#" stroke-dasharray="6 4""#, "arrow-summary")
        } else {
            ("#333", "", "arrow")
        };
        let _ = writeln!(
            s,
            r##"<g class="legend"><path d="M{},{} L{},{}" stroke="{stroke}" stroke-width="1.3"{dash} marker-end="url(#{marker})"/><text x="{}" y="{}" font-size="{}" fill="#333">{}</text></g>"##,
            num(r.x - 40.0),
            num(r.cy()),
            num(r.x - 6.0),
            num(r.cy()),
            num(r.x),
            num(r.y + 11.5),
            num(LABEL_FONT),
            xml_escape(txt)
        );
    }
}
