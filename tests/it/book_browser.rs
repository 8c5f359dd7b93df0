//! The built books in a real browser: headless Chromium opens the zh-CN and
//! en-US books from disk, checks title, rules table and language switch,
//! takes screenshots, and checks that a poisoned note produced no element and
//! ran no script. Needs `chromium` (Debian package; `.ci/run` installs it;
//! `PORTMATRIX_CHROMIUM` overrides the binary).
#![cfg(all(feature = "book", feature = "parse"))]

use std::path::Path;

use crate::support::book::*;
use crate::support::browser::{Chromium, assert_no_script_ran};

const POISON: &str = "<script>document.documentElement.setAttribute('data-pwned','script')</script> \
<img src=x onerror=\"document.documentElement.setAttribute('data-pwned','img')\"> \
[click me](javascript:document.documentElement.setAttribute('data-pwned','link')) | a | b |";

#[test]
fn books_render_in_chromium_switch_languages_and_stay_inert() {
    let out_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("book_browser");
    let _ = std::fs::remove_dir_all(&out_dir);
    std::fs::create_dir_all(&out_dir).unwrap();
    let work = tempfile::tempdir().unwrap();
    let m = with_note(POISON);
    build(&m, work.path());
    let books = work.path().join("book");

    for (l, other, title) in [
        (
            "zh-CN",
            "en-US",
            "Lync Server 2013：端口摘要 - 扩展的合并边缘（通过公用 IP 地址进行 DNS 负载平衡）",
        ),
        (
            "en-US",
            "zh-CN",
            "Lync Server 2013: Port summary - Scaled consolidated edge (DNS load balancing with public IP addresses)",
        ),
    ] {
        let page = seed_chapter(&books, l);
        let chromium = Chromium::require();
        let dom = chromium.dump_dom(&page);

        // Renders: title, lang, the rules tables with all 37 rows.
        let doc_title = first_text(&dom, "title");
        assert!(doc_title.starts_with(title), "{l}: title {doc_title:?}");
        assert_eq!(dom.root_element().value().attr("lang"), Some(l));
        assert_eq!(
            dom.select(&sel("table.pm-rules tbody tr")).count(),
            37,
            "{l}"
        );
        assert_eq!(first_text(&dom, "main h1"), title);

        // The poisoned note is literal text; nothing ran, nothing was created.
        assert_no_script_ran(&dom, l);
        let note = first_text(&dom, "tr#r50 td.pm-note");
        let expected = if l == "en-US" {
            format!("untranslated {POISON}")
        } else {
            POISON.to_string()
        };
        assert_eq!(note, expected, "{l}");
        assert_eq!(
            dom.select(&sel("td.pm-note img, td.pm-note script, td.pm-note a"))
                .count(),
            0,
            "{l}"
        );
        assert!(
            dom.select(&sel("script"))
                .all(|s| !s.text().collect::<String>().contains("pwned")),
            "{l}"
        );

        // The language switch leads to the same chapter of the other book.
        let href = dom
            .select(&sel("nav.pm-lang-switch a.pm-lang"))
            .find(|a| a.value().attr("hreflang") == Some(other))
            .unwrap_or_else(|| panic!("{l}: no switch to {other}"))
            .value()
            .attr("href")
            .unwrap()
            .to_string();
        let target = page.parent().unwrap().join(&href);
        let other_dom = chromium.dump_dom(&target);
        assert_eq!(other_dom.root_element().value().attr("lang"), Some(other));
        assert_eq!(
            other_dom.select(&sel("table.pm-rules tbody tr")).count(),
            37
        );

        // Screenshot into the test's output folder.
        let shot = out_dir.join(format!("{l}.png"));
        let png = chromium.screenshot(&page, &shot, (1400, 1800));
        assert!(png.len() > 20_000, "{l}: screenshot of {} bytes", png.len());
    }

    // A poisoned page title (chapter name in <title>, the sidebar built by
    // toc.js, the heading) and table heading are inert too.
    let work2 = tempfile::tempdir().unwrap();
    let title = format!("T {POISON}");
    let heading = format!("H {POISON}");
    build(&with_title_and_heading(&title, &heading), work2.path());
    for l in ["zh-CN", "en-US"] {
        let page = seed_chapter(&work2.path().join("book"), l);
        let dom = Chromium::require().dump_dom(&page);
        assert_no_script_ran(&dom, l);
        let doc_title = first_text(&dom, "title");
        assert!(doc_title.starts_with(&title), "{l}: {doc_title:?}");
        let badge = if l == "en-US" { "untranslated " } else { "" };
        assert_eq!(first_text(&dom, "main h1"), format!("{badge}{title}"));
        let h2: Vec<String> = dom
            .select(&sel("main h2"))
            .map(|h| h.text().collect())
            .collect();
        assert_eq!(h2[2], format!("{badge}{heading}"));
        // The sidebar (filled in by toc.js) names the chapter literally.
        let sidebar = dom
            .select(&sel("#mdbook-sidebar, nav.sidebar, .sidebar"))
            .next()
            .expect("sidebar");
        assert!(
            sidebar.text().collect::<String>().contains(&title),
            "{l}: sidebar"
        );
    }

    // The root page links every book.
    let chromium = Chromium::require();
    let index = chromium.dump_dom(&books.join("index.html"));
    let links: Vec<_> = index
        .select(&sel("a.book"))
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(
        links,
        [
            "en-US/index.html",
            "ja-JP/index.html",
            "zh-CN/index.html",
            "zh-TW/index.html"
        ]
    );
    for href in links {
        let book_index = chromium.dump_dom(&books.join(&href));
        assert_eq!(book_index.select(&sel("nav.pm-lang-switch")).count(), 1);
    }
}
