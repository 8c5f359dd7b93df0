//! `portmatrix build --deployment FILE` (issue 15 item 4): a "Your
//! deployment" part in each book, the rules of the deployment's pages per
//! server and interface with its addresses, and the topology with the
//! addresses under the boxes; the diagram API behind it; errors in the file.

#![cfg(all(feature = "cli", feature = "firewall", feature = "diagrams"))]

use std::path::Path;

use portmatrix::deploy::Deployment;
use portmatrix::diagram::{self, BoxAddresses};
use scraper::{ElementRef, Html};

use crate::support::book::{sel, text_of};
use crate::support::{SEED_STEM, bin, read, run_ok, tree};

const EXAMPLE: &str = include_str!("../../examples/deployment.toml");

/// `build --out <dir>/out`, with the arguments after `build`, run in the
/// crate's folder (for `examples/deployment.toml`).
fn build(dir: &Path, args: &[&str]) -> std::process::Output {
    bin()
        .arg("build")
        .args(args)
        .arg("--out")
        .arg(dir.join("out"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

/// A cell as text: its `<code>` items joined with `, ` (the addresses, the
/// checks), else its text.
fn cell(td: ElementRef<'_>) -> String {
    let codes: Vec<String> = td.select(&sel("code")).map(text_of).collect();
    if codes.is_empty() {
        text_of(td)
    } else {
        codes.join(", ")
    }
}

/// The row of `line` in the part's chapter, as cells, and the heading of
/// its section.
fn row(html: &Html, line: u32) -> (Vec<String>, String) {
    let tr = html
        .select(&sel("table.pm-deployment tr"))
        .find(|tr| {
            tr.value()
                .attr("data-location")
                .is_some_and(|l| l.ends_with(&format!(".md:{line}")))
        })
        .unwrap_or_else(|| panic!("no row {line}"));
    let cells = tr.select(&sel("td")).map(cell).collect();
    // The section: the last h2 before the row's table.
    let table = tr.ancestors().find_map(ElementRef::wrap).unwrap();
    let table = table
        .ancestors()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "table")
        .unwrap();
    let heading = table
        .prev_siblings()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "h2")
        .map(text_of)
        .unwrap_or_default();
    (cells, heading)
}

#[test]
fn build_with_a_deployment_adds_the_part_to_both_books() {
    let dir = tempfile::tempdir().unwrap();
    let o = build(dir.path(), &["--deployment", "examples/deployment.toml"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stderr = String::from_utf8(o.stderr).unwrap();
    assert!(
        stderr.contains("books: part \"Your deployment\" (your-deployment.md, 37 rule(s), 0 row(s) without a rule) from examples/deployment.toml in en-US, ja-JP, zh-CN, zh-TW"),
        "{stderr}"
    );
    let out = dir.path().join("out");
    for (locale, part) in [("en-US", "Your deployment"), ("zh-CN", "您的部署")] {
        // In the book's table of contents, as a part of its own.
        let summary = read(&out.join(format!("book-src/{locale}/src/SUMMARY.md")));
        let colon = if locale == "en-US" { ": " } else { "：" };
        assert!(
            summary.ends_with(&format!(
                "\n# {part}\n\n- [{part}{colon}Example Edge pool](your-deployment.md)\n"
            )),
            "{summary}"
        );
        assert!(read(&out.join(format!("book/{locale}/toc.js"))).contains("your-deployment.html"));
        let html = Html::parse_document(&read(
            &out.join(format!("book/{locale}/your-deployment.html")),
        ));
        // Every rule of the page, once.
        assert_eq!(
            html.select(&sel("table.pm-deployment tbody tr")).count(),
            37,
            "{locale}"
        );
        // The language switcher links the other book's part.
        let other = if locale == "en-US" { "zh-CN" } else { "en-US" };
        assert!(
            html.select(&sel(&format!(
                "nav.pm-lang-switch a[href='../{other}/your-deployment.html']"
            )))
            .next()
            .is_some()
        );
        // The topology with the addresses.
        let img = html
            .select(&sel("figure.pm-deployment-diagram img"))
            .next()
            .unwrap();
        let src = img.value().attr("src").unwrap();
        assert_eq!(
            src,
            format!("diagrams/your-deployment-1-{locale}-topology.svg")
        );
        assert!(out.join(format!("book/{locale}/{src}")).is_file());
    }

    // Two rules, exactly: an inbound one on the external interface, and
    // the outbound XMPP summary row that the checks find no interface row
    // for (an error), with the addresses of both ends.
    let en = Html::parse_document(&read(&out.join("book/en-US/your-deployment.html")));
    assert_eq!(
        row(&en, 50),
        (
            vec![
                "inbound".to_string(),
                String::new(),
                "XMPP".into(),
                "TCP".into(),
                "5269".into(),
                "Any".into(),
                "any".into(),
                "XMPP Proxy service".into(),
                "203.0.113.10, 203.0.113.11".into(),
                String::new(),
                "L50".into(),
            ],
            "Edge Server, interface eth0".to_string()
        )
    );
    let zh = Html::parse_document(&read(&out.join("book/zh-CN/your-deployment.html")));
    assert_eq!(
        row(&zh, 351),
        (
            vec![
                "出站".to_string(),
                String::new(),
                "XMPP".into(),
                "TCP".into(),
                "5269".into(),
                "访问边缘服务接口 IP 地址".into(),
                "203.0.113.10, 203.0.113.11, 2001:db8:100::10, 2001:db8:100::11".into(),
                "任意".into(),
                "any".into(),
                "summary_flow_not_opened".into(),
                "L351".into(),
            ],
            "边缘服务器，接口 eth0".to_string()
        )
    );
    // The internal interface's rules are a section of their own, and each
    // row links to itself in the page's chapter.
    let (cells, heading) = row(&en, 168);
    assert_eq!(heading, "Edge Server, interface eth1");
    assert_eq!(cells[8], "192.0.2.10, 192.0.2.11");
    let link = en
        .select(&sel("tr[data-location$='.md:168'] td.pm-loc a"))
        .next()
        .unwrap();
    assert_eq!(
        link.value().attr("href"),
        Some(format!("{SEED_STEM}.html#r168").as_str())
    );

    // The diagram: the Edge internal interface's box shows its addresses
    // under its name, inside the box.
    let svg = read(&out.join("book/en-US/diagrams/your-deployment-1-en-US-topology.svg"));
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let b = doc
        .descendants()
        .find(|n| {
            n.attribute("class") == Some("box")
                && n.attribute("data-name") == Some("Edge Server internal interface")
        })
        .expect("the Edge internal interface's box");
    let rect = b.children().find(|c| c.has_tag_name("rect")).unwrap();
    let num = |n: roxmltree::Node, a: &str| n.attribute(a).unwrap().parse::<f64>().unwrap();
    let (top, bottom) = (num(rect, "y"), num(rect, "y") + num(rect, "height"));
    let texts: Vec<roxmltree::Node> = b.children().filter(|c| c.has_tag_name("text")).collect();
    let spans = |t: roxmltree::Node<'_, '_>| -> Vec<(String, f64)> {
        t.children()
            .filter(|c| c.has_tag_name("tspan"))
            .map(|s| (s.text().unwrap().to_string(), num(s, "y")))
            .collect()
    };
    let name = spans(texts[0]);
    let addresses = texts
        .iter()
        .find(|t| t.attribute("class") == Some("addresses"))
        .map(|t| spans(*t))
        .expect("addresses under the box's name");
    assert_eq!(name[0].0, "Edge Server internal interface");
    assert_eq!(
        addresses
            .iter()
            .map(|(a, _)| a.as_str())
            .collect::<Vec<_>>(),
        ["192.0.2.10", "192.0.2.11"]
    );
    let last_name = name.last().unwrap().1;
    assert!(
        addresses
            .iter()
            .all(|(_, y)| *y > last_name && *y > top && *y < bottom)
    );

    // The page's own diagrams are as without a deployment, byte for byte.
    let plain = tempfile::tempdir().unwrap();
    run_ok(
        bin()
            .arg("build")
            .arg("--out")
            .arg(plain.path().join("out"))
            .current_dir(env!("CARGO_MANIFEST_DIR")),
    );
    for locale in ["en-US", "zh-CN"] {
        let with = tree(&out.join(format!("book/{locale}/diagrams")));
        let without = tree(&plain.path().join(format!("out/book/{locale}/diagrams")));
        let with: std::collections::BTreeMap<_, _> = with
            .into_iter()
            .filter(|(k, _)| !k.starts_with("your-deployment-"))
            .collect();
        assert_eq!(with, without, "{locale}");
        assert!(
            !plain
                .path()
                .join(format!("out/book/{locale}/your-deployment.html"))
                .exists()
        );
    }
}

#[test]
fn build_stops_on_deployment_errors_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let typo = dir.path().join("typo.toml");
    std::fs::write(
        &typo,
        EXAMPLE.replace("[endpoints.access_edge]", "[endpoints.acces_edge]"),
    )
    .unwrap();
    let o = build(dir.path(), &["--deployment", typo.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8(o.stderr).unwrap();
    assert!(
        stderr.contains("error: unknown endpoint kind `acces_edge` (did you mean `access_edge`?)"),
        "{stderr}"
    );
    assert!(
        stderr
            .lines()
            .any(|l| l.starts_with(&format!("{}:", typo.display()))),
        "{stderr}"
    );
    assert!(
        stderr.contains("error(s) in the input; nothing written"),
        "{stderr}"
    );
    assert!(!dir.path().join("out").exists());
    // A file that is not there: the same, as `firewall` says it.
    let o = build(dir.path(), &["--deployment", "no-such.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!dir.path().join("out").exists());
}

/// The diagram API: a deployment's addresses under the boxes; the boxes
/// grow and the layout stays free of overlaps.
#[test]
fn topology_with_addresses_keeps_boxes_and_labels_apart() {
    let m = portmatrix::embedded();
    let d = Deployment::parse(EXAMPLE, "examples/deployment.toml", m).unwrap();
    let page = &m.pages[0];
    let addresses = BoxAddresses::of_page(page, |e| {
        d.resolve(e)
            .ok()
            .map(|hosts| hosts.iter().map(ToString::to_string).collect())
    });
    assert!(!addresses.is_empty());
    let with = diagram::topology_with(page, &addresses);
    let without = diagram::topology(page);
    assert_eq!(with.boxes.len(), without.boxes.len());
    for (a, b) in with.boxes.iter().zip(&without.boxes) {
        assert_eq!(a.name, b.name);
        assert!(!a.addresses.is_empty(), "{}", a.name);
        // Tall enough for the name (17 px a line), the gap and the
        // addresses (14 px a line), padded (8 px above and below).
        let text = 17.0 * a.lines.len() as f64 + 4.0 + 14.0 * a.addresses.len() as f64;
        assert!(
            a.rect.h >= text + 16.0 && a.rect.h >= b.rect.h,
            "{}",
            a.name
        );
        assert!(b.addresses.is_empty());
    }
    for (i, a) in with.boxes.iter().enumerate() {
        for b in &with.boxes[i + 1..] {
            assert!(!a.rect.intersects(&b.rect), "{} and {}", a.name, b.name);
        }
        for e in &with.edges {
            assert!(!a.rect.intersects(&e.label), "{} and a label", a.name);
        }
    }
    // SVG and Mermaid carry them; without addresses both are as ever.
    let svg = diagram::topology::to_svg(&with);
    assert!(svg.contains("<text class=\"addresses\""));
    assert!(diagram::topology::to_mermaid(&with).contains("<br/>192.0.2.10<br/>192.0.2.11"));
    assert_eq!(
        diagram::topology_svg_with(page, &BoxAddresses::new()),
        diagram::topology_svg(page)
    );
}
