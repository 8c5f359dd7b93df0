//! The built books in a real browser: headless Chromium opens the zh-CN and
//! en-US books from disk, checks title, rules table and language switch,
//! takes screenshots, and checks that a poisoned note produced no element and
//! ran no script. Needs `chromium` (Debian package; `.ci/run` installs it;
//! `PORTMATRIX_CHROMIUM` overrides the binary).
#![cfg(all(feature = "book", feature = "parse"))]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::support::book::*;
use scraper::Html;

fn chromium() -> PathBuf {
    let p = std::env::var_os("PORTMATRIX_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    assert!(
        p.is_file(),
        "{} not found: install Chromium (`apt-get install -y chromium`) or set PORTMATRIX_CHROMIUM",
        p.display()
    );
    p
}

/// Runs headless Chromium with a fresh profile and the given arguments;
/// returns standard output. Killed if it hangs (a guard, not an assertion).
fn run_chromium(profile: &Path, args: &[String]) -> String {
    let mut cmd = Command::new(chromium());
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--virtual-time-budget=5000",
    ])
    .arg(format!("--user-data-dir={}", profile.display()))
    .args(args)
    .stdin(Stdio::null())
    .stdout(Stdio::piped())
    .stderr(Stdio::null());
    let child = cmd.spawn().expect("cannot start chromium");
    let id = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(std::time::Duration::from_secs(180)) {
        Ok(out) => {
            let out = out.expect("chromium failed");
            assert!(out.status.success(), "chromium exited with {}", out.status);
            String::from_utf8_lossy(&out.stdout).into_owned()
        }
        Err(_) => {
            let _ = Command::new("kill").arg("-9").arg(id.to_string()).status();
            panic!("chromium did not finish");
        }
    }
}

fn url(p: &Path) -> String {
    format!("file://{}", std::fs::canonicalize(p).unwrap().display())
}

fn dump_dom(profile: &Path, page: &Path) -> Html {
    Html::parse_document(&run_chromium(profile, &["--dump-dom".into(), url(page)]))
}

/// Asserts that no script of the poison ran in `dom` (the page of book
/// `l`): no `data-pwned`, no `<img onerror>`, no `javascript:` link.
fn assert_inert(dom: &Html, l: &str) {
    assert_eq!(
        dom.root_element().value().attr("data-pwned"),
        None,
        "{l}: a script ran"
    );
    assert_eq!(dom.select(&sel("img[onerror]")).count(), 0, "{l}");
    assert!(dom.select(&sel("a[href]")).all(|a| {
        !a.value()
            .attr("href")
            .unwrap()
            .trim_start()
            .to_ascii_lowercase()
            .starts_with("javascript")
    }));
}

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
        let profile = tempfile::tempdir().unwrap();
        let dom = dump_dom(profile.path(), &page);

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
        assert_inert(&dom, l);
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
        let other_dom = dump_dom(profile.path(), &target);
        assert_eq!(other_dom.root_element().value().attr("lang"), Some(other));
        assert_eq!(
            other_dom.select(&sel("table.pm-rules tbody tr")).count(),
            37
        );

        // Screenshot into the test's output folder.
        let shot = out_dir.join(format!("{l}.png"));
        run_chromium(
            profile.path(),
            &[
                "--window-size=1400,1800".into(),
                format!("--screenshot={}", shot.display()),
                url(&page),
            ],
        );
        let png = std::fs::read(&shot).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
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
        let profile = tempfile::tempdir().unwrap();
        let dom = dump_dom(profile.path(), &page);
        assert_inert(&dom, l);
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
    let profile = tempfile::tempdir().unwrap();
    let index = dump_dom(profile.path(), &books.join("index.html"));
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
        let book_index = dump_dom(profile.path(), &books.join(&href));
        assert_eq!(book_index.select(&sel("nav.pm-lang-switch")).count(), 1);
    }
}
