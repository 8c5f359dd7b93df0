//! Text measurement against the real fonts, PNG rendering, Mermaid, and the
//! `diagrams`/`build` commands.
#![cfg(feature = "diagrams")]

use crate::support::svg::*;
use crate::support::{SEED_STEM, bin, clean_corpus, corpus_is_set, read, run_ok, tree};
use portmatrix::diagram::{self, png::PngRenderer, text};

/// Every string a diagram draws in a box or label, with its size and weight.
fn drawn_strings(pages: &[&portmatrix::model::Page]) -> Vec<(String, f64, bool)> {
    let mut v = Vec::new();
    for p in pages {
        let t = diagram::topology(p);
        for b in &t.boxes {
            v.extend(b.lines.iter().map(|l| (l.clone(), 13.0, false)));
        }
        for e in &t.edges {
            v.extend(e.lines.iter().map(|l| (l.text.clone(), 12.0, false)));
        }
        v.extend(t.zones.iter().map(|z| (z.title.clone(), 13.0, true)));
        v.extend(t.frames.iter().map(|f| (f.title.clone(), 13.0, true)));
        v.extend(t.legend.iter().map(|(s, _)| (s.clone(), 12.0, false)));
    }
    v.sort_by(|a, b| a.0.cmp(&b.0).then(a.2.cmp(&b.2)));
    v.dedup();
    v
}

#[test]
#[ignore = "needs fonts-noto-cjk (installed by .ci/run)"]
fn baked_widths_are_never_narrower_than_the_real_fonts() {
    let r = PngRenderer::new();
    let m = portmatrix::embedded();
    let mut pages: Vec<&portmatrix::model::Page> = m.pages().collect();
    let corpus = corpus_is_set().then(clean_corpus);
    if let Some(c) = &corpus {
        pages.extend(port_pages(c));
    }
    let strings = drawn_strings(&pages);
    assert!(strings.iter().any(|s| s.0.contains("访问边缘服务")));
    let mut checked = 0;
    for family in ["Noto Sans CJK SC", "DejaVu Sans"] {
        for (s, size, bold) in &strings {
            let Some(real) = r.measure(family, *bold, s, *size) else {
                // DejaVu has no CJK glyphs: those strings fall back to Noto.
                assert!(
                    family != "Noto Sans CJK SC",
                    "Noto Sans CJK SC is not installed or lacks a glyph of `{s}`"
                );
                continue;
            };
            let baked = text::width(s, *size, *bold);
            // The table holds whole thousandths of an em: allow their rounding.
            let rounding = s.chars().count() as f64 * size * 0.0005;
            assert!(
                real <= baked + rounding + 0.01,
                "{family}: `{s}` is {real:.2} px, the table says {baked:.2} px"
            );
            // And not wildly wider: the boxes would look empty.
            assert!(
                baked <= real * 1.25 + 2.0,
                "{family}: `{s}`: table {baked:.2} px for real {real:.2} px"
            );
            checked += 1;
        }
    }
    assert!(checked >= strings.len(), "{checked} of {}", strings.len());
}

#[test]
#[ignore = "needs fonts-noto-cjk (installed by .ci/run)"]
fn png_of_a_cjk_page_is_rendered_at_twice_the_svg_size() {
    let r = PngRenderer::new();
    assert!(r.has_glyph('访'), "no CJK font installed");
    let page = &portmatrix::embedded().pages[0];
    let t = diagram::topology(page);
    let png = r
        .render(&diagram::topology_svg(page), 2.0)
        .expect("rendered");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let w = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(png[20..24].try_into().unwrap());
    assert_eq!(
        (w, h),
        (
            (t.width * 2.0).round() as u32,
            (t.height * 2.0).round() as u32
        )
    );
    assert_eq!(
        png,
        r.render(&diagram::topology_svg(page), 2.0).unwrap(),
        "PNG not deterministic"
    );
    let ports = r
        .render(&diagram::port_map_svg(page), 1.0)
        .expect("port map rendered");
    assert_eq!(&ports[..8], b"\x89PNG\r\n\x1a\n");
}

#[test]
fn png_is_refused_with_a_clear_message_when_no_font_has_the_glyphs() {
    let r = PngRenderer::new();
    // A private-use character no font has.
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><text>\u{10FFFD}</text></svg>";
    let err = r.render(svg, 1.0).unwrap_err();
    assert_eq!(err, diagram::png::PngError::MissingGlyph('\u{10FFFD}'));
    assert!(err.to_string().contains("fonts-noto-cjk"), "{err}");
}

#[test]
fn mermaid_flowchart_has_every_box_and_rule() {
    let page = &portmatrix::embedded().pages[0];
    let mmd = diagram::mermaid(page);
    assert_eq!(mmd, diagram::mermaid(page), "deterministic");
    let t = diagram::topology(page);
    let lines: Vec<&str> = mmd.lines().collect();
    assert_eq!(lines[0], "flowchart LR");
    let opens = lines
        .iter()
        .filter(|l| l.trim_start().starts_with("subgraph "))
        .count();
    let ends = lines.iter().filter(|l| l.trim() == "end").count();
    assert_eq!(opens, ends);
    assert_eq!(opens, t.zones.len() + t.frames.len());
    for b in &t.boxes {
        let decl = format!("{}[\"", b.id);
        assert_eq!(
            lines
                .iter()
                .filter(|l| l.trim_start().starts_with(&decl))
                .count(),
            1,
            "{} declared once",
            b.id
        );
    }
    let arrows: Vec<&&str> = lines
        .iter()
        .filter(|l| l.contains("-->|") || l.contains("-.->|"))
        .collect();
    assert_eq!(arrows.len(), t.edges.len());
    assert_eq!(
        arrows.iter().filter(|l| l.contains("-.->|")).count(),
        t.edges.iter().filter(|e| e.summary_only).count()
    );
    for table in page.tables.iter() {
        for rule in table.rules.iter() {
            let label = diagram::rule_label(rule, &page.locale);
            assert!(arrows.iter().any(|l| l.contains(&label)), "{label} missing");
        }
    }
    assert!(mmd.contains("访问边缘服务"));
    // Labels are quoted and contain no bare quote or bracket.
    for l in &arrows {
        let inner = l.split("|\"").nth(1).unwrap().split("\"|").next().unwrap();
        assert!(!inner.contains(['"', '[', ']', '|']), "{l}");
    }
}

#[test]
fn mermaid_escape_handles_quotes_and_brackets() {
    use portmatrix::diagram::topology::mermaid_escape;
    assert_eq!(
        mermaid_escape(r#"a "b" [c] {d} |e| <f> #g"#),
        "a #quot;b#quot; #91;c#93; #123;d#125; #124;e#124; #lt;f#gt; #35;g"
    );
}

#[test]
fn diagrams_command_writes_svg_and_mermaid_per_page() {
    let dir = tempfile::tempdir().unwrap();
    run_ok(
        bin()
            .args(["diagrams", "--format", "svg,mermaid", "--out"])
            .arg(dir.path()),
    );
    let stem = format!("zh-CN/{SEED_STEM}");
    assert_eq!(
        tree(dir.path()).into_keys().collect::<Vec<_>>(),
        [
            ".portmatrix-manifest".to_string(),
            format!("{stem}-ports.svg"),
            format!("{stem}-topology.mmd"),
            format!("{stem}-topology.svg")
        ]
    );
    let page = &portmatrix::embedded().pages[0];
    let svg = read(&dir.path().join(format!("{stem}-topology.svg")));
    assert_eq!(svg, diagram::topology_svg(page));
    let bad = bin()
        .args(["diagrams", "--format", "gif"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown format `gif`"));
}

#[test]
fn build_writes_diagrams_too() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_ok(bin().args(["build", "--png", "--out"]).arg(dir.path()));
    let files: Vec<String> = tree(&dir.path().join("diagrams")).into_keys().collect();
    let svgs = files.iter().filter(|f| f.ends_with(".svg")).count();
    let mmds = files.iter().filter(|f| f.ends_with(".mmd")).count();
    let pngs = files.iter().filter(|f| f.ends_with(".png")).count();
    assert_eq!((svgs, mmds), (2, 1), "{files:?}");
    // PNGs when a CJK font is installed, otherwise a warning says why not.
    let stderr = String::from_utf8_lossy(&out.stderr);
    if PngRenderer::new().has_glyph('访') {
        assert_eq!(pngs, 2, "{files:?}");
    } else {
        assert_eq!(pngs, 0);
        assert!(
            stderr.contains("PNG skipped") && stderr.contains("fonts-noto-cjk"),
            "{stderr}"
        );
    }
}
