//! The port map (plotters) read back from its SVG: every rule's port is drawn
//! in its endpoint pair's row, at its place on the log axis, in its
//! transport's colour; deterministic and valid SVG.
#![cfg(feature = "diagrams")]

use crate::support::svg::*;
use crate::support::{clean_corpus, find_page};
use portmatrix::diagram;
use portmatrix::model::{Page, Transport};
use portmatrix::names::Localized;

const TCP: &str = "#1F5FA8";
const UDP: &str = "#D9730D";

/// Checks one page; returns (rows, dots, bars).
fn check_page(page: &Page) -> (usize, usize, usize) {
    let ctx = format!("{} ({})", page.path, page.locale);
    let svg = diagram::port_map_svg(page);
    resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default())
        .unwrap_or_else(|e| panic!("{ctx}: usvg rejects the port map: {e}"));
    assert_eq!(svg, diagram::port_map_svg(page), "{ctx}: not deterministic");
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let texts: Vec<(String, f64, f64)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| {
            (
                n.text().unwrap_or("").trim().to_string(),
                f(&n, "x"),
                f(&n, "y"),
            )
        })
        .collect();
    let tick = |s: &str| {
        texts
            .iter()
            .find(|t| t.0 == s)
            .unwrap_or_else(|| panic!("{ctx}: no tick {s}"))
            .1
    };
    // The axis: 1 ... 65535, logarithmic.
    let (x1, x2) = (tick("1"), tick("65535"));
    let x_of = |p: f64| x1 + (x2 - x1) * p.ln() / 65535f64.ln();
    assert!(
        (tick("100") - x_of(100.0)).abs() <= 1.0,
        "{ctx}: axis is not logarithmic"
    );
    assert!(
        texts.iter().any(|t| t.0 == "TCP") && texts.iter().any(|t| t.0 == "UDP"),
        "{ctx}: no legend"
    );

    let topo = diagram::topology(page);
    let rows = diagram::port_rows(page, &topo);
    // Each row label is drawn, and the rows' centres are where the row labels are.
    // (Rows are drawn in order, each as its consecutive lines.)
    let mut row_y = Vec::new();
    let mut cursor = 0;
    for r in &rows {
        let k = r.lines.len();
        let at = (cursor..texts.len().saturating_sub(k - 1))
            .find(|&i| (0..k).all(|j| texts[i + j].0 == r.lines[j]))
            .unwrap_or_else(|| panic!("{ctx}: row label {:?} not drawn", r.lines));
        row_y.push((0..k).map(|j| texts[at + j].2).sum::<f64>() / k as f64);
        cursor = at + k;
    }
    // Every rule's ports are in the row of its endpoint pair.
    let locale: &str = &page.locale;
    for t in page.tables.iter() {
        for rule in t.rules.iter() {
            let label = format!(
                "{} → {}",
                rule.source.name(locale),
                rule.destination.name(locale)
            );
            assert!(
                rows.iter()
                    .any(|r| r.label == label && r.marks.contains(&(rule.transport, rule.ports))),
                "{ctx}:{}: {} {} not in row `{label}`",
                rule.line,
                rule.transport.name(locale),
                rule.ports
            );
        }
    }
    // Marks in the SVG: one dot per single port, one bar per range, in the
    // transport's colour, at the port's place on the axis, in the row;
    // filled, or hollow (colour as stroke) when only a summary table states it.
    let paint = |n: &roxmltree::Node| -> (String, bool) {
        match n.attribute("fill") {
            Some("none") => (n.attribute("stroke").unwrap_or("").to_string(), true),
            f => (f.unwrap_or("").to_string(), false),
        }
    };
    let is_mark = |n: &roxmltree::Node| matches!(paint(n).0.as_str(), TCP | UDP);
    let circles: Vec<((String, bool), f64, f64)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("circle") && is_mark(n))
        .map(|n| (paint(&n), f(&n, "cx"), f(&n, "cy")))
        .collect();
    let bars: Vec<((String, bool), R)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect") && is_mark(n))
        .map(|n| {
            let r = R {
                x: f(&n, "x"),
                y: f(&n, "y"),
                w: f(&n, "width"),
                h: f(&n, "height"),
            };
            (paint(&n), r)
        })
        .collect();
    // Which marks only summary tables state, computed here from the tables.
    let summary_only = |row: &str, t: Transport, p: portmatrix::model::PortRange| {
        !page.tables.iter().any(|tb| {
            !tb.kind.is_summary()
                && tb.rules.iter().any(|r| {
                    format!("{} → {}", r.source.name(locale), r.destination.name(locale)) == row
                        && r.transport == t
                        && r.ports == p
                })
        })
    };
    let mut dots = 0;
    let mut ranges = 0;
    let mut hollow = 0;
    for (i, r) in rows.iter().enumerate() {
        for (t, p) in &r.marks {
            let colour = if *t == Transport::Tcp { TCP } else { UDP };
            let want = (colour.to_string(), summary_only(&r.label, *t, *p));
            hollow += want.1 as usize;
            if p.is_single() {
                dots += 1;
                let x = x_of(p.first() as f64);
                assert!(
                    circles.iter().any(|c| c.0 == want
                        && (c.1 - x).abs() <= 1.5
                        && (c.2 - row_y[i]).abs() < 20.0),
                    "{ctx}: no {want:?} dot for {p} in row `{}`",
                    r.label
                );
            } else {
                ranges += 1;
                let (a, b) = (x_of(p.first() as f64), x_of(p.last() as f64 + 1.0));
                assert!(
                    bars.iter().any(|(c, rect)| *c == want
                        && (rect.x - a).abs() <= 1.5
                        && (rect.x + rect.w - b).abs() <= 1.5
                        && (rect.y + rect.h / 2.0 - row_y[i]).abs() < 20.0),
                    "{ctx}: no {want:?} bar for {p} in row `{}`",
                    r.label
                );
            }
        }
    }
    assert_eq!(circles.len(), dots, "{ctx}: dots");
    assert_eq!(bars.len(), ranges + 2, "{ctx}: bars (+2 legend swatches)");
    let hollow_drawn =
        circles.iter().filter(|c| c.0.1).count() + bars.iter().filter(|b| b.0.1).count();
    assert_eq!(hollow_drawn, hollow, "{ctx}: hollow marks");
    (rows.len(), dots, ranges)
}

#[test]
fn embedded_default_port_map() {
    let m = portmatrix::embedded();
    let (rows, dots, bars) = check_page(&m.pages[0]);
    assert!(rows > 10, "{rows}");
    assert!(dots > bars && bars >= 4, "{dots} {bars}");
    let svg = diagram::port_map_svg(&m.pages[0]);
    assert!(svg.contains("端口（对数刻度）"));
    assert!(svg.contains("任意 → A/V 边缘服务"), "zh-CN row labels");
    // The public IM summary's Live Messenger rules are in no interface
    // table: hollow marks, and a legend entry for them.
    let rows = diagram::port_rows(&m.pages[0], &diagram::topology(&m.pages[0]));
    let lm = rows
        .iter()
        .find(|r| r.label == "A/V 边缘服务 → Live Messenger 客户端")
        .unwrap();
    assert_eq!(lm.marks, lm.summary_only);
    assert!(svg.contains("空心：仅见于摘要表"));
}

#[test]
#[ignore = "needs PORTMATRIX_CORPUS (the real corpus)"]
fn corpus_port_maps_every_page_both_locales() {
    let m = clean_corpus();
    let pages = port_pages(&m);
    assert_eq!(pages.len(), 26);
    for p in pages {
        check_page(p);
    }
}

#[test]
#[ignore = "needs PORTMATRIX_CORPUS (the real corpus)"]
fn corpus_reverse_proxy_port_map_exact_rows() {
    let m = clean_corpus();
    let page = find_page(
        &m,
        "en-US",
        "lync-server-2013-port-summary-reverse-proxy.md",
    );
    let rows = diagram::port_rows(page, &diagram::topology(page));
    let labels: Vec<(&str, Vec<String>)> = rows
        .iter()
        .map(|r| {
            (
                r.label.as_str(),
                r.marks.iter().map(|(t, p)| format!("{t:?} {p}")).collect(),
            )
        })
        .collect();
    assert_eq!(
        labels,
        [
            (
                "Any → Reverse proxy listener",
                vec!["Tcp 80".to_string(), "Tcp 443".to_string()]
            ),
            (
                "Reverse proxy internal interface → Director, Director pool, Front End Server, Front End pool",
                vec!["Tcp 4443".to_string(), "Tcp 8080".to_string()]
            ),
            (
                "Reverse proxy internal interface → Office Web Apps for conferencing",
                vec!["Tcp 443".to_string()]
            ),
        ]
    );
    assert_eq!(check_page(page), (3, 5, 0));
}
