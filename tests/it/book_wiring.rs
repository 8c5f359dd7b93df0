//! The checks wired into the books (issue 13 item 4): findings at every
//! place the defect is (copies on other pages and in other editions), style
//! findings in a collapsed block, and the locale-sync chapter aligned as
//! `check::locale_sync` aligns.

#![cfg(all(feature = "book", feature = "check"))]

use portmatrix::book::{self, Options};
use portmatrix::model::Matrix;
use portmatrix::pipeline::book_findings::book_findings;
use scraper::Html;

use crate::support::book::sel;
use crate::support::{SEED_STEM, clean_corpus};

/// The mdBook sources of the books of `m` with the checks' findings, by
/// locale, then file (`src/<chapter>.md`), as text.
fn sources(
    m: &Matrix,
) -> std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>> {
    let mut o = Options::new("out/book");
    o.findings = book_findings(&portmatrix::check::run(m));
    book::render_sources(m, &o)
        .unwrap()
        .books
        .into_iter()
        .map(|(l, files)| {
            let files = files
                .into_iter()
                .map(|(f, b)| (f, String::from_utf8(b).unwrap()))
                .collect();
            (l, files)
        })
        .collect()
}

#[test]
fn style_findings_are_collapsed_and_leave_their_row_unmarked() {
    let books = sources(portmatrix::embedded());
    for l in ["zh-CN", "en-US"] {
        let chapter = &books[l][&format!("src/{SEED_STEM}.md")];
        let html = Html::parse_fragment(chapter);
        // The style finding (row 140): in the collapsed block, linked to its
        // row, not an admonition, no mark on the row.
        let details: Vec<_> = html.select(&sel("details.pm-style-findings")).collect();
        assert_eq!(details.len(), 1, "{l}");
        let d = details[0].html();
        assert!(!details[0].value().attrs().any(|(k, _)| k == "open"));
        assert!(
            d.contains("inconsistent&#95;endpoint&#95;naming")
                || d.contains("inconsistent_endpoint_naming"),
            "{d}"
        );
        assert!(d.contains("href=\"#r140\""), "{d}");
        assert!(
            html.select(&sel("tr#r140 a.pm-finding-mark"))
                .next()
                .is_none()
        );
        // Admonitions: the three other findings, none about row 140.
        let codes: Vec<&str> = chapter
            .lines()
            .filter(|x| x.starts_with("> ") && x.contains("<code>"))
            .map(|x| {
                x.split("<code>")
                    .nth(1)
                    .unwrap()
                    .split("</code>")
                    .next()
                    .unwrap()
            })
            .collect();
        assert_eq!(
            codes,
            [
                "heading&#95;contradicts&#95;rows",
                "one&#95;directional&#95;federation",
                "summary&#95;flow&#95;not&#95;opened"
            ],
            "{l}"
        );
        assert!(!chapter.contains("id=\"f-r140\""));
        // The error (row 351) is marked on its row.
        assert!(
            html.select(&sel("tr#r351 a.pm-finding-mark.pm-error"))
                .next()
                .is_some()
        );
    }
}

/// A defect copied into the zh-CN edition is reported once, at the en-US
/// row; the zh-CN book, which shows the zh-CN edition, marks the zh-CN row
/// and says where it is reported.
#[test]
#[ignore = "needs PORTMATRIX_CORPUS (the real corpus)"]
fn copies_in_other_editions_are_marked_in_their_book() {
    let m = clean_corpus();
    let books = sources(&m);
    let public_im = "lync-server-2013-port-summary-public-instant-messaging-connectivity";
    let chapter = |l: &str| books[l][&format!("src/{public_im}.md")].clone();
    let en = chapter("en-US");
    let zh = chapter("zh-CN");
    // One admonition for the three rows of the en-US table.
    assert!(
        en.contains("<a id=\"f-r85\" href=\"#r85\">Line 85</a>, <a id=\"f-r91\" href=\"#r91\">91</a>, <a id=\"f-r97\" href=\"#r97\">97</a>"),
        "{en}"
    );
    assert!(
        zh.contains("<a id=\"f-r64\" href=\"#r64\">"),
        "zh-CN row 64"
    );
    let zh_html = Html::parse_fragment(&zh);
    assert!(
        zh_html
            .select(&sel("tr#r64 a.pm-finding-mark.pm-error"))
            .next()
            .is_some()
    );
    let line = zh.lines().find(|x| x.contains("<a id=\"f-r64\"")).unwrap();
    assert!(line.contains("role&#95;endpoint&#95;mismatch"), "{line}");
    assert!(
        line.contains(&format!("reported at corpus/en-US/{public_im}.md:85")),
        "{line}"
    );
}
