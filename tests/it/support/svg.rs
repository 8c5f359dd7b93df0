//! Helpers of the `diagrams_*` tests: the SVG read back.

use portmatrix::model::{Matrix, Page};

/// Pages with at least one rule.
pub fn port_pages(m: &Matrix) -> Vec<&Page> {
    // Port summary pages (the other layouts' diagrams come with their
    // renderers).
    m.pages()
        .filter(|p| {
            p.tables
                .iter()
                .any(|t| t.columns.is_empty() && !t.rules.is_empty())
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct R {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl R {
    pub fn meets(&self, o: &R) -> bool {
        self.x < o.x + o.w && o.x < self.x + self.w && self.y < o.y + o.h && o.y < self.y + self.h
    }
}

pub fn f(n: &roxmltree::Node, a: &str) -> f64 {
    n.attribute(a)
        .unwrap_or_else(|| panic!("missing {a}"))
        .parse()
        .unwrap()
}

pub fn rect_of(g: &roxmltree::Node) -> R {
    let r = g.children().find(|c| c.has_tag_name("rect")).expect("rect");
    R {
        x: f(&r, "x"),
        y: f(&r, "y"),
        w: f(&r, "width"),
        h: f(&r, "height"),
    }
}

/// A box of the topology SVG.
#[derive(Debug, Clone)]
pub struct SvgBox {
    pub id: String,
    pub name: String,
    pub rect: R,
    pub lines: Vec<String>,
}

/// A label of the topology SVG.
#[derive(Debug, Clone)]
pub struct SvgLabel {
    pub arrow: String,
    pub from: String,
    pub to: String,
    pub summary: bool,
    pub rect: R,
    pub lines: Vec<String>,
}

/// An arrow of the topology SVG.
#[derive(Debug, Clone)]
pub struct SvgArrow {
    pub id: String,
    pub from: String,
    pub to: String,
    pub points: Vec<(f64, f64)>,
    pub dashed: bool,
}

pub struct SvgTopology {
    pub boxes: Vec<SvgBox>,
    pub labels: Vec<SvgLabel>,
    pub arrows: Vec<SvgArrow>,
}

fn tspans(g: &roxmltree::Node) -> Vec<String> {
    g.descendants()
        .filter(|n| n.has_tag_name("tspan"))
        .map(|t| t.text().unwrap_or("").to_string())
        .collect()
}

/// Reads the topology SVG back: boxes, labels, arrows.
pub fn read_topology(svg: &str) -> SvgTopology {
    let doc = roxmltree::Document::parse(svg).expect("topology SVG is well-formed XML");
    let class = |n: &roxmltree::Node, c: &str| n.attribute("class") == Some(c);
    let boxes = doc
        .descendants()
        .filter(|n| class(n, "box"))
        .map(|g| SvgBox {
            id: g.attribute("id").unwrap().to_string(),
            name: g.attribute("data-name").unwrap().to_string(),
            rect: rect_of(&g),
            lines: tspans(&g),
        })
        .collect();
    let labels = doc
        .descendants()
        .filter(|n| class(n, "label"))
        .map(|g| SvgLabel {
            arrow: g.attribute("data-arrow").unwrap().to_string(),
            from: g.attribute("data-from").unwrap().to_string(),
            to: g.attribute("data-to").unwrap().to_string(),
            summary: g.attribute("data-summary") == Some("true"),
            rect: rect_of(&g),
            lines: tspans(&g),
        })
        .collect();
    let arrows = doc
        .descendants()
        .filter(|n| class(n, "arrow"))
        .map(|p| {
            let d = p.attribute("d").unwrap();
            let points = d
                .split(['M', 'L'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|pt| {
                    let (x, y) = pt.split_once(',').unwrap();
                    (x.parse().unwrap(), y.parse().unwrap())
                })
                .collect();
            SvgArrow {
                id: p.attribute("id").unwrap().to_string(),
                from: p.attribute("data-from").unwrap().to_string(),
                to: p.attribute("data-to").unwrap().to_string(),
                points,
                dashed: p.attribute("stroke-dasharray").is_some(),
            }
        })
        .collect();
    SvgTopology {
        boxes,
        labels,
        arrows,
    }
}
