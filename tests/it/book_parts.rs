//! Bounded books (issue 14): above a size a cross-cutting chapter becomes an
//! index chapter with parts of bounded size, and a book of many pages has no
//! `print.html`. Small limits (`book::Options::limits`) split the embedded
//! default, whose books with the default limits stay whole.
#![cfg(all(feature = "book", feature = "parse"))]

use std::path::Path;

use crate::support::book::*;
use crate::support::read;
use portmatrix::book::{
    self, Options,
    parts::{Limits, VOLUME_BYTES, VOLUME_CHAPTERS},
};
use scraper::Html;

/// The link of every row of a cross-cutting chapter to the row in its page
/// chapter (`chapter.html#r<line>`), in order: from the whole rows of a
/// whole chapter, or the one-line rows (`li.pm-row`) of a part.
fn row_links(path: &Path) -> Vec<String> {
    Html::parse_document(&read(path))
        .select(&sel("tr.pm-row td.pm-page > a, li.pm-row > a"))
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect()
}

fn split_build(dir: &Path, limits: Limits) -> book::Report {
    let mut o = Options::new(dir.join("book"));
    o.limits = limits;
    book::build(portmatrix::embedded(), &o).unwrap()
}

/// Parts of at most 10 rows: "Rules by port" (37 rows) in 5, "Rules by
/// endpoint" in 10 (its groups of more than 10 rows cut).
const PORT_PARTS: usize = 5;
const EP_PARTS: usize = 10;
/// 3 hand-written chapters, the seed's page, the 3 cross-cutting ones
/// (indexes now) and their 15 parts.
const CHAPTERS: usize = 22;

const SMALL: Limits = Limits {
    max_rows: 10,
    max_sync_pages: 1,
    print_max_pages: 0,
    volume_chapters: VOLUME_CHAPTERS,
    volume_bytes: VOLUME_BYTES,
};

/// With parts of at most 10 rows, "Rules by port" and "Rules by endpoint"
/// are index chapters whose parts hold every row of
/// the whole chapter once, in order, none with more than 10; the table of
/// contents nests the parts under their index.
#[test]
fn cross_cutting_chapters_split_into_bounded_parts() {
    let whole = tempfile::tempdir().unwrap();
    let split = tempfile::tempdir().unwrap();
    build(portmatrix::embedded(), whole.path());
    let report = split_build(split.path(), SMALL);
    for l in ["en-US", "zh-CN"] {
        let w = whole.path().join("book").join(l);
        let s = split.path().join("book").join(l);
        let summary = read(&split.path().join("book-src").join(l).join("src/SUMMARY.md"));
        for (stem, parts) in [("by-port", PORT_PARTS), ("by-endpoint", EP_PARTS)] {
            let all = row_links(&w.join(format!("{stem}.html")));
            // The index holds no row but links every part.
            let index = read(&s.join(format!("{stem}.html")));
            assert!(
                row_links(&s.join(format!("{stem}.html"))).is_empty(),
                "{l} {stem}"
            );
            let mut joined = Vec::new();
            for k in 1..=parts {
                let file = format!("{stem}_{k}.html");
                assert!(index.contains(&format!("href=\"{file}")), "{l} {file}");
                // Nested under the index in the table of contents.
                assert!(
                    summary.lines().any(
                        |x| x.starts_with("  - [") && x.ends_with(&format!("]({stem}_{k}.md)"))
                    ),
                    "{l}: SUMMARY lists {file}"
                );
                let part = row_links(&s.join(&file));
                assert!(
                    !part.is_empty() && part.len() <= 10,
                    "{l} {file}: {}",
                    part.len()
                );
                joined.extend(part);
            }
            assert!(!s.join(format!("{stem}_{}.html", parts + 1)).exists());
            assert_eq!(joined, all, "{l} {stem}: the parts are the whole chapter");
        }
    }
    let en = report.books.iter().find(|b| b.locale == "en-US").unwrap();
    assert_eq!(en.chapters, CHAPTERS);
}

/// The books of the default limits have `print.html` and no parts; a book
/// over `print_max_pages` has no `print.html`, and its introduction ends
/// with a note saying why, in the book's language.
#[test]
fn print_version_only_for_small_books() {
    let whole = tempfile::tempdir().unwrap();
    let split = tempfile::tempdir().unwrap();
    build(portmatrix::embedded(), whole.path());
    split_build(split.path(), SMALL);
    for (l, note) in [
        ("en-US", "This book has no print version"),
        ("zh-CN", "本书没有打印版"),
        ("ja-JP", "印刷版"),
    ] {
        let w = whole.path().join("book").join(l);
        let s = split.path().join("book").join(l);
        assert!(w.join("print.html").is_file(), "{l}");
        assert!(!w.join("by-port_1.html").exists(), "{l}");
        assert!(!s.join("print.html").exists(), "{l}");
        let intro = Html::parse_document(&read(&s.join("introduction.html")));
        let last = intro
            .select(&sel("main blockquote, main .mdbook-alert"))
            .next_back()
            .map(text_of)
            .unwrap_or_default();
        assert!(last.contains(note), "{l}: {last}");
        assert!(last.contains('0'), "{l}: names the limit: {last}");
        let toml = read(&split.path().join("book-src").join(l).join("book.toml"));
        assert!(
            toml.contains("[output.html.print]\nenable = false"),
            "{toml}"
        );
    }
}

/// The chapter files a SUMMARY.md links, in order.
fn summary_files(path: &Path) -> Vec<String> {
    read(path)
        .lines()
        .filter_map(|l| {
            l.rsplit_once("](")
                .map(|(_, f)| f.trim_end_matches(')').to_string())
        })
        .collect()
}

/// The `<main>` of a built chapter: its text, without mdBook's navigation.
fn main_of(path: &Path) -> String {
    let html = Html::parse_document(&read(path));
    html.select(&sel("main"))
        .next()
        .map(|m| m.html())
        .unwrap_or_default()
}

/// A book of more pages than `volume_chapters` is a book of volumes: its
/// table of contents lists one chapter per volume of at most that many
/// pages (in page order, every page once), the parts of a split
/// cross-cutting chapter are built in volumes too, and every chapter a
/// volume holds is in the book's folder with the very content it has in a
/// book of one piece. No volume's build folder is left behind, and the
/// book has no print version.
#[test]
#[ignore = "needs PORTMATRIX_CORPUS"]
fn book_of_volumes_holds_every_chapter_once() {
    let m = crate::support::clean_corpus();
    let whole = tempfile::tempdir().unwrap();
    let split = tempfile::tempdir().unwrap();
    let mut o = Options::new(whole.path().join("book"));
    o.limits.max_rows = 100;
    let whole_report = book::build(&m, &o).unwrap();
    let mut o = Options::new(split.path().join("book"));
    o.limits.max_rows = 100;
    o.limits.volume_chapters = 10;
    let split_report = book::build(&m, &o).unwrap();
    // Every book counts the chapters it had, plus one per volume of pages.
    for (w, s) in whole_report.books.iter().zip(&split_report.books) {
        assert_eq!(s.chapters, w.chapters + 2, "{}", s.locale);
    }
    for l in ["en-US", "zh-CN"] {
        let w = whole.path().join("book").join(l);
        let s = split.path().join("book").join(l);
        let wsrc = whole.path().join("book-src").join(l);
        let ssrc = split.path().join("book-src").join(l);
        let whole_toc = summary_files(&wsrc.join("src/SUMMARY.md"));
        let main_toc = summary_files(&ssrc.join("src/SUMMARY.md"));
        let pages: Vec<&String> = whole_toc
            .iter()
            .filter(|f| f.starts_with("lync-"))
            .collect();
        // One chapter per page of the corpus (each shows its editions).
        assert_eq!(pages.len(), 18, "{l}");
        // The main book: the volumes of pages, no page and no part.
        let volumes: Vec<&String> = main_toc
            .iter()
            .filter(|f| f.starts_with("pages_"))
            .collect();
        assert_eq!(volumes, ["pages_1.md", "pages_2.md"], "{l}");
        assert!(
            !main_toc
                .iter()
                .any(|f| f.starts_with("lync-") || f.contains("_") && !f.starts_with("pages_")),
            "{l}: {main_toc:?}"
        );
        // Each volume: at most 10 chapters; the index chapters of the
        // volumes link every page once, in order.
        let mut listed = Vec::new();
        for k in 1..=2 {
            let toc = summary_files(&ssrc.join(format!("volumes/pages_{k}/src/SUMMARY.md")));
            assert!(
                !toc.is_empty() && toc.len() <= 10,
                "{l} volume {k}: {toc:?}"
            );
            let index = Html::parse_document(&read(&s.join(format!("pages_{k}.html"))));
            let links: Vec<String> = index
                .select(&sel("ul.pm-volume a"))
                .filter_map(|a| a.value().attr("href").map(|h| h.replace(".html", ".md")))
                .collect();
            assert_eq!(links, toc, "{l} volume {k}");
            listed.extend(links);
        }
        assert_eq!(listed.iter().collect::<Vec<_>>(), pages, "{l}");
        // The parts of the split cross-cutting chapters are in volumes.
        let parts: Vec<&String> = whole_toc.iter().filter(|f| f.contains('_')).collect();
        assert!(!parts.is_empty(), "{l}: max_rows 100 splits a chapter");
        for f in pages.iter().chain(&parts) {
            let html = f.replace(".md", ".html");
            assert_eq!(
                main_of(&s.join(&html)),
                main_of(&w.join(&html)),
                "{l} {html}"
            );
        }
        assert!(!s.join("print.html").exists(), "{l}");
        let left: Vec<_> = std::fs::read_dir(&s)
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().starts_with(".volume"))
            .collect();
        assert!(left.is_empty(), "{l}: {left:?}");
    }
}
