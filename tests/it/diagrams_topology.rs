//! The topology diagrams read back from their SVG: every rule is on an arrow
//! between the right two boxes, nothing overlaps, output is deterministic and
//! valid SVG; on the embedded default and on every corpus page in both locales.
#![cfg(feature = "diagrams")]

use std::collections::BTreeSet;

use crate::support::svg::*;
use crate::support::{clean_corpus, find_page};
use portmatrix::diagram::{self, text};
use portmatrix::model::{Page, Rule};
use portmatrix::names::Localized;

/// The label a rule must have, written here independently of the library.
fn expected_label(rule: &Rule, locale: &str) -> String {
    let ports = if rule.ports.first() == rule.ports.last() {
        rule.ports.first().to_string()
    } else {
        format!("{}-{}", rule.ports.first(), rule.ports.last())
    };
    let protos: Vec<String> = rule
        .protocols
        .iter()
        .map(|p| p.name(locale).into_owned())
        .collect();
    let mut s = format!("{} {ports}", rule.transport.name(locale));
    if !protos.is_empty() {
        s = format!("{s} {}", protos.join("/"));
    }
    s
}

fn on_boundary(p: (f64, f64), r: &R) -> bool {
    let within_y = p.1 >= r.y - 0.06 && p.1 <= r.y + r.h + 0.06;
    ((p.0 - r.x).abs() < 0.06 || (p.0 - (r.x + r.w)).abs() < 0.06) && within_y
}

#[derive(Debug, PartialEq)]
struct Counts {
    rules: usize,
    boxes: usize,
    arrows: usize,
    dashed: usize,
}

/// Every check on one page; returns what it counted.
fn check_page(page: &Page) -> Counts {
    let locale: &str = &page.locale;
    let ctx = format!("{} ({locale})", page.path);
    let svg = diagram::topology_svg(page);

    // Valid SVG for usvg, and byte-identical when drawn again.
    resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default())
        .unwrap_or_else(|e| panic!("{ctx}: usvg rejects the topology SVG: {e}"));
    assert_eq!(svg, diagram::topology_svg(page), "{ctx}: not deterministic");

    let t = read_topology(&svg);
    let by_id = |id: &str| {
        t.boxes
            .iter()
            .find(|b| b.id == id)
            .unwrap_or_else(|| panic!("{ctx}: no box {id}"))
    };

    // Every rule: its label on an arrow from the source box to the destination box.
    let mut stated: BTreeSet<(String, String, String)> = BTreeSet::new();
    let mut rules = 0;
    for table in page.tables.iter() {
        for rule in table.rules.iter() {
            rules += 1;
            let (src, dst, label) = (
                rule.source.name(locale).into_owned(),
                rule.destination.name(locale).into_owned(),
                expected_label(rule, locale),
            );
            // Only a summary table states it when no interface table of the page does.
            let summary_only = page.tables.iter().all(|t2| {
                t2.kind.is_summary()
                    || !t2.rules.iter().any(|r2| {
                        r2.source.name(locale) == src
                            && r2.destination.name(locale) == dst
                            && expected_label(r2, locale) == label
                    })
            });
            let found = t.labels.iter().find(|l| {
                by_id(&l.from).name == src
                    && by_id(&l.to).name == dst
                    && l.lines.contains(&label)
                    && l.summary == summary_only
            });
            let l = found.unwrap_or_else(|| {
                panic!("{ctx}:{}: no label `{label}` (summary only: {summary_only}) on an arrow {src} -> {dst}", rule.line)
            });
            let a = t
                .arrows
                .iter()
                .find(|a| a.id == l.arrow)
                .unwrap_or_else(|| panic!("{ctx}: label without arrow"));
            assert_eq!(
                (&a.from, &a.to),
                (&l.from, &l.to),
                "{ctx}: arrow and label disagree"
            );
            assert_eq!(
                a.dashed, summary_only,
                "{ctx}: `{label}` {src} -> {dst} dashed"
            );
            // Direction: the arrow starts on the source box and ends on the destination box.
            let (first, last) = (a.points[0], *a.points.last().unwrap());
            assert!(
                on_boundary(first, &by_id(&a.from).rect),
                "{ctx}: arrow {} does not start at {src}",
                a.id
            );
            assert!(
                on_boundary(last, &by_id(&a.to).rect),
                "{ctx}: arrow {} does not end at {dst}",
                a.id
            );
            stated.insert((src, dst, label));
        }
    }
    // And nothing else: every label line is some rule's.
    for l in &t.labels {
        for line in &l.lines {
            let key = (
                by_id(&l.from).name.clone(),
                by_id(&l.to).name.clone(),
                line.clone(),
            );
            assert!(
                stated.contains(&key),
                "{ctx}: label `{line}` states no rule"
            );
        }
    }

    // Nothing overlaps: label/label, label/box, box/box.
    for (i, a) in t.labels.iter().enumerate() {
        for b in &t.labels[i + 1..] {
            assert!(
                !a.rect.meets(&b.rect),
                "{ctx}: labels {:?} and {:?} overlap",
                a.lines,
                b.lines
            );
        }
        for b in &t.boxes {
            assert!(
                !a.rect.meets(&b.rect),
                "{ctx}: label {:?} crosses box {}",
                a.lines,
                b.name
            );
        }
    }
    for (i, a) in t.boxes.iter().enumerate() {
        for b in &t.boxes[i + 1..] {
            assert!(
                !a.rect.meets(&b.rect),
                "{ctx}: boxes {} and {} overlap",
                a.name,
                b.name
            );
        }
    }

    // Text fits its box and label (widths measured, CJK full width).
    for b in &t.boxes {
        for line in &b.lines {
            let w = text::width(line, 13.0, false);
            assert!(
                w <= b.rect.w - 16.0,
                "{ctx}: `{line}` ({w:.1} px) does not fit box {} ({} px)",
                b.name,
                b.rect.w
            );
        }
        assert!(
            b.lines.len() as f64 * 17.0 <= b.rect.h,
            "{ctx}: box {} too low",
            b.name
        );
    }
    for l in &t.labels {
        for line in &l.lines {
            let w = text::width(line, 12.0, false);
            assert!(
                w <= l.rect.w - 6.0,
                "{ctx}: `{line}` does not fit its label"
            );
        }
        assert!(
            l.lines.len() as f64 * 15.0 <= l.rect.h,
            "{ctx}: label {:?} too low",
            l.lines
        );
    }

    // The library's geometry is the SVG's, and its other texts (title, zone
    // and frame titles, legend) meet no box and no label.
    let topo = diagram::topology(page);
    assert_eq!(topo.boxes.len(), t.boxes.len());
    assert_eq!(topo.edges.len(), t.labels.len());
    for (b, s) in topo.boxes.iter().zip(&t.boxes) {
        assert!(
            (b.rect.x - s.rect.x).abs() < 0.06 && (b.rect.y - s.rect.y).abs() < 0.06,
            "{ctx}: box geometry"
        );
        assert!(
            (b.rect.w - s.rect.w).abs() < 0.06 && (b.rect.h - s.rect.h).abs() < 0.06,
            "{ctx}: box geometry"
        );
    }
    for (e, s) in topo.edges.iter().zip(&t.labels) {
        assert!(
            (e.label.x - s.rect.x).abs() < 0.06 && (e.label.y - s.rect.y).abs() < 0.06,
            "{ctx}: label geometry"
        );
    }
    for (txt, r) in topo.texts.iter().chain(&topo.legend) {
        let r = R {
            x: r.x,
            y: r.y,
            w: r.w,
            h: r.h,
        };
        for b in &t.boxes {
            assert!(!r.meets(&b.rect), "{ctx}: `{txt}` crosses box {}", b.name);
        }
        for l in &t.labels {
            assert!(
                !r.meets(&l.rect),
                "{ctx}: `{txt}` crosses label {:?}",
                l.lines
            );
        }
        assert!(
            r.x + r.w <= topo.width && r.y + r.h <= topo.height,
            "{ctx}: `{txt}` outside the picture"
        );
    }
    for b in &t.boxes {
        assert!(
            b.rect.x >= 0.0
                && b.rect.x + b.rect.w <= topo.width
                && b.rect.y + b.rect.h <= topo.height
        );
    }

    Counts {
        rules,
        boxes: t.boxes.len(),
        arrows: t.arrows.len(),
        dashed: t.arrows.iter().filter(|a| a.dashed).count(),
    }
}

#[test]
fn embedded_default_every_rule_on_the_right_arrow_nothing_overlaps() {
    let m = portmatrix::embedded();
    let page = &m.pages[0];
    assert_eq!(page.locale, "zh-CN");
    let c = check_page(page);
    assert_eq!(c.rules, 37);
    // The seed page: five tables, three of them summaries restating the
    // interface tables, so only the rules no interface table opens are dashed.
    let svg = diagram::topology_svg(page);
    let t = read_topology(&svg);
    let names: BTreeSet<&str> = t.boxes.iter().map(|b| b.name.as_str()).collect();
    assert!(names.contains("访问边缘服务"), "{names:?}");
    assert!(names.contains("边缘服务器内部接口"), "{names:?}");
    assert!(
        !svg.contains("Access Edge service"),
        "zh-CN page drawn with English names"
    );
    assert_eq!(
        c,
        Counts {
            rules: 37,
            boxes: c.boxes,
            arrows: c.arrows,
            dashed: c.dashed
        }
    );
    assert!(c.dashed > 0 && c.dashed < c.arrows);
}

#[test]
#[ignore = "needs PORTMATRIX_CORPUS (the real corpus)"]
fn corpus_every_page_both_locales_every_rule_on_the_right_arrow_nothing_overlaps() {
    let m = clean_corpus();
    let pages = port_pages(&m);
    assert_eq!(pages.len(), 26, "13 port-summary pages per locale");
    let mut rules = 0;
    for locale in ["en-US", "zh-CN"] {
        let n: usize = pages
            .iter()
            .filter(|p| p.locale == locale)
            .map(|p| check_page(p).rules)
            .sum();
        assert_eq!(n, 237, "{locale}: every rule checked");
        rules += n;
    }
    assert_eq!(rules, 474);
}

#[test]
#[ignore = "needs PORTMATRIX_CORPUS (the real corpus)"]
fn corpus_single_director_page_exact_boxes_and_arrows() {
    let m = clean_corpus();
    let page = find_page(
        &m,
        "en-US",
        "lync-server-2013-port-summary-single-director.md",
    );
    let c = check_page(page);
    // Reverse proxy internal, Edge internal, Director, Director web services,
    // one of (Front End Server, Front End pool), internal clients, any.
    assert_eq!(
        c,
        Counts {
            rules: 9,
            boxes: 7,
            arrows: 5,
            dashed: 0
        }
    );
    let t = read_topology(&diagram::topology_svg(page));
    let name = |id: &str| t.boxes.iter().find(|b| b.id == id).unwrap().name.clone();
    let rp = t
        .labels
        .iter()
        .find(|l| name(&l.from) == "Reverse proxy internal interface")
        .unwrap();
    assert_eq!(name(&rp.to), "Director");
    assert_eq!(rp.lines, ["TCP 8080 HTTP", "TCP 4443 HTTPS"]);
    // Zones: the reverse proxy and Edge interfaces are in the perimeter, left
    // of the Director.
    let x = |n: &str| t.boxes.iter().find(|b| b.name == n).unwrap().rect.x;
    assert!(x("Reverse proxy internal interface") < x("Director"));
    assert!(x("Edge Server internal interface") < x("Director"));
    assert!(x("Director") < x("Internal clients"));
}

#[test]
#[ignore = "needs PORTMATRIX_CORPUS (the real corpus)"]
fn corpus_both_editions_of_a_page_draw_the_same_picture_structure() {
    let m = clean_corpus();
    let pages = port_pages(&m);
    let mut pairs = 0;
    let mut differ = Vec::new();
    for en in pages.iter().filter(|p| p.locale == "en-US") {
        let zh = m.page(&en.asset_id, "zh-CN").expect("zh-CN edition");
        fn typed(p: &Page) -> Vec<portmatrix::model::TypedRule<'_>> {
            p.tables
                .iter()
                .flat_map(|t| t.rules.iter().map(|r| r.typed()))
                .collect()
        }
        if typed(en) != typed(zh) {
            // The editions say different things; the diagrams follow each.
            differ.push(en.path.rsplit('/').next().unwrap().to_string());
            continue;
        }
        let (a, b) = (diagram::topology(en), diagram::topology(zh));
        assert_eq!(a.boxes.len(), b.boxes.len(), "{}", en.path);
        let lines = |t: &diagram::Topology| -> Vec<(usize, usize, bool, Vec<String>)> {
            t.edges
                .iter()
                .map(|e| {
                    (
                        e.from,
                        e.to,
                        e.summary_only,
                        e.lines.iter().map(|l| l.text.clone()).collect(),
                    )
                })
                .collect()
        };
        assert_eq!(lines(&a), lines(&b), "{}", en.path);
        let zones = |t: &diagram::Topology| {
            t.boxes
                .iter()
                .map(|b| (b.zone, b.column))
                .collect::<Vec<_>>()
        };
        assert_eq!(zones(&a), zones(&b), "{}", en.path);
        pairs += 1;
    }
    // The hardware load balancer page's zh-CN edition names the Edge internal
    // interface without "VIP" in its internal-VIP table (typed differently by
    // the parser); every other page has the same typed rules in both locales.
    assert_eq!(
        differ,
        ["lync-server-2013-port-summary-scaled-consolidated-edge-with-hardware-load-balancers.md"]
    );
    assert_eq!(pairs, 12);
}

#[test]
fn svg_escapes_text_from_the_documents() {
    // A page whose words contain XML metacharacters: they must come out as
    // data, not markup.
    let mut page = portmatrix::embedded().pages[0].clone();
    page.title = "A <b>&\"quoted\" 'title'</b>".into();
    let mut tables = page.tables.to_vec();
    let mut rules = tables[0].rules.to_vec();
    rules[0].source.kind = portmatrix::model::EndpointKind::Unrecognized;
    rules[0].source.unrecognized = Some("x < y & \"z\"]".into());
    tables[0].rules = rules.into();
    page.tables = tables.into();
    let svg = diagram::topology_svg(&page);
    let doc = roxmltree::Document::parse(&svg).expect("well-formed");
    let title = doc.descendants().find(|n| n.has_tag_name("title")).unwrap();
    assert_eq!(title.text(), Some("A <b>&\"quoted\" 'title'</b>"));
    assert!(
        doc.descendants()
            .any(|n| n.attribute("data-name") == Some("x < y & \"z\"]"))
    );
    assert!(doc.descendants().all(|n| !n.has_tag_name("b")));
    check_page(&page);
    let mmd = diagram::mermaid(&page);
    assert!(mmd.contains("x #lt; y & #quot;z#quot;#93;"), "{mmd}");
}

#[test]
fn odd_pages_do_not_break_the_layout() {
    use portmatrix::model::{Address, Endpoint, EndpointKind};
    let base = portmatrix::embedded().pages[0].clone();
    let ep = |kind| Endpoint {
        kind,
        address: Address::Unspecified,
        candidates: Vec::new().into(),
        unrecognized: None,
        text: "".into(),
    };
    // Rules whose two ends share a column (internal to internal, a box to
    // itself), and one between the two outermost columns.
    let mut page = base.clone();
    let mut tables = page.tables.to_vec();
    let mut rules = tables[0].rules.to_vec();
    rules[0].source = ep(EndpointKind::FrontEndServer);
    rules[0].destination = ep(EndpointKind::FrontEndPool);
    rules[1].source = ep(EndpointKind::Clients);
    rules[1].destination = ep(EndpointKind::Clients);
    rules[2].source = ep(EndpointKind::FederatedPartners);
    rules[2].destination = ep(EndpointKind::InternalClients);
    tables[0].rules = rules.into();
    page.tables = tables.into();
    let c = check_page(&page);
    assert_eq!(c.rules, 37);

    // No tables at all: an empty but valid picture, and no files.
    let mut empty = base.clone();
    empty.tables = Vec::new().into();
    let svg = diagram::topology_svg(&empty);
    resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()).unwrap();
    assert_eq!(read_topology(&svg).boxes.len(), 0);
    resvg::usvg::Tree::from_str(
        &diagram::port_map_svg(&empty),
        &resvg::usvg::Options::default(),
    )
    .unwrap();
    let r = diagram::render_pages(
        [&empty],
        &[diagram::Format::Svg, diagram::Format::Mermaid],
        None,
    );
    assert!(r.files.is_empty());
}
