//! Hostile notes through both paths that write page text into a book, the
//! runbook books (`book::build`: tera templates, HTML tables) and the
//! mdBook preprocessor (`{{#portmatrix table}}`: Markdown tables), which
//! share one escaper (`book::escape_text` = `mdbook::escape::text`). Each
//! note starts with a construct of its own (HTML, a link, a heading, a
//! list, a table, code, an mdBook directive, a comment…), so that it stands
//! where a block would start. Both are real mdBook builds; in the HTML
//! every note reads as the text it is, in its own cell, and nothing of it
//! became an element.
#![cfg(all(feature = "book", feature = "mdbook"))]

use std::path::Path;

use portmatrix::model::Matrix;
use scraper::Html;

use crate::support::book::{build, seed_chapter, sel, text_of};
use crate::support::browser::{Chromium, assert_no_script_ran};
use crate::support::mdbook::{book_over_page, build as build_with_preprocessor};
use crate::support::{SEED, SEED_FILE, read};

/// One note a row, in the seed's first table (16 rows).
const NOTES: &[&str] = &[
    "<script>document.documentElement.setAttribute('data-pwned','script')</script>",
    "[x](javascript:document.documentElement.setAttribute('data-pwned','link'))",
    "<img src=x onerror=\"document.documentElement.setAttribute('data-pwned','img')\">",
    "# heading",
    "1. list",
    "- item -- ...",
    "+ item",
    "> quote",
    "| table | x |",
    "`code` ```fence```",
    "{{#include /etc/passwd}}",
    "<!-- comment -->",
    "**bold** _em_ ~~struck~~",
    "=== setext",
    ": definition",
    "[!NOTE] $math$ ^sup^ \\escape &amp;",
];

/// The seed page with the notes of its first table's rows replaced by
/// [`NOTES`], written as HTML text (`&lt;`) so that the parser reads them
/// as the text they are.
fn hostile_page() -> String {
    let mut notes = NOTES.iter();
    let mut out = String::new();
    // In a body row, the fourth cell is the note.
    let mut cell = 0;
    for line in SEED.split_inclusive('\n') {
        if line.starts_with("<tr class=") {
            cell = 0;
        }
        if line.starts_with("<td>") {
            cell += 1;
            if cell == 4
                && let Some(note) = notes.next()
            {
                let text = note
                    .replace('&', "&amp;")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;");
                out.push_str(&format!("<td><p>{text}</p></td>\n"));
                continue;
            }
        }
        out.push_str(line);
    }
    assert!(notes.next().is_none(), "the first table has a row a note");
    out
}

/// The hostile page, parsed.
fn hostile_matrix() -> Matrix {
    let (page, diags) = portmatrix::parse::parse_page(
        &format!("docs/zh-CN/{SEED_FILE}"),
        hostile_page().as_bytes(),
        Some("zh-CN"),
    );
    Matrix {
        pages: vec![page.unwrap()].into(),
        diagnostics: diags.into(),
    }
}

/// Asserts that every note reads whole, as text, in one of `cells`
/// (`badge` before it: the untranslated mark), and that no injected
/// element or script is in `html` (`what` names the page).
fn assert_notes_are_text(html: &Html, cells: &str, badge: &str, what: &str) {
    let texts: Vec<String> = html.select(&sel(cells)).map(text_of).collect();
    for note in NOTES {
        assert!(
            texts.contains(&format!("{badge}{note}")),
            "{what}: the note {note:?} is not a cell's text: {texts:#?}"
        );
    }
    assert_no_script_ran(html, what);
    for bad in ["main script", "main img", "main iframe"] {
        assert_eq!(html.select(&sel(bad)).count(), 0, "{what}: {bad}");
    }
    assert!(
        html.root_element().descendants().all(|n| n
            .value()
            .as_comment()
            .is_none_or(|c| !c.contains("comment"))),
        "{what}: a note became an HTML comment"
    );
}

/// The runbook books of the hostile page (zh-CN, the page's locale, and
/// en-US, where it is untranslated), and the preprocessor's book.
#[test]
fn hostile_notes_are_text_in_both_books() {
    // The runbook books.
    let books = tempfile::tempdir().unwrap();
    build(&hostile_matrix(), books.path());
    let mut pages = Vec::new();
    for (locale, badge) in [("zh-CN", ""), ("en-US", "untranslated ")] {
        let page = seed_chapter(&books.path().join("book"), locale);
        let text = read(&page);
        assert!(!text.contains("root:x:0"), "/etc/passwd was included");
        let html = Html::parse_document(&text);
        let what = format!("book {locale}");
        assert_notes_are_text(&html, "td.pm-note", badge, &what);
        pages.push((page, "td.pm-note", badge, what));
    }

    // The preprocessor in a team's book.
    let (_tmp, root) = book_over_page(
        &hostile_page(),
        "Notes",
        "notes",
        "# Notes\n\n{{#portmatrix table f7cbd0f1-841d-4116-8d17-e9d991daa4a8}}\n",
    );
    build_with_preprocessor(&root).unwrap();
    let page = root.join("book/notes.html");
    let text = read(&page);
    assert!(!text.contains("root:x:0"), "/etc/passwd was included");
    let cells = "main table tbody td:last-child";
    assert_notes_are_text(&Html::parse_document(&text), cells, "", "preprocessor");
    pages.push((page, cells, "", "preprocessor".to_string()));

    // With a Chromium at hand: the same, once the pages' scripts ran.
    if let Some(chromium) = Chromium::find() {
        for (page, cells, badge, what) in &pages {
            let dom = chromium.dump_dom(Path::new(page));
            assert_notes_are_text(&dom, cells, badge, &format!("{what}, in Chromium"));
        }
    }
}
