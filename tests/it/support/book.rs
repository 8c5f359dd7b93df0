//! Helpers of the `book_*` tests: build the books, the seed with texts
//! replaced, and the HTML read back.

use std::path::{Path, PathBuf};

use portmatrix::model::Matrix;
use scraper::{ElementRef, Html, Selector};

use super::SEED_STEM;

/// Builds the books of `m` into `<dir>/book` (sources `<dir>/book-src`).
pub fn build(m: &Matrix, dir: &Path) -> portmatrix::book::Report {
    let opts = portmatrix::book::Options::new(dir.join("book"));
    portmatrix::book::build(m, &opts).unwrap_or_else(|e| panic!("book build failed: {e}"))
}

/// The seed page's chapter in the `locale` book under `books` (a `book/`
/// folder).
pub fn seed_chapter(books: &Path, locale: &str) -> PathBuf {
    books.join(locale).join(format!("{SEED_STEM}.html"))
}

/// The embedded seed with the first rule's note replaced.
pub fn with_note(note: &str) -> Matrix {
    let mut m = portmatrix::embedded().clone();
    let page = &mut m.pages.to_mut()[0];
    let table = &mut page.tables.to_mut()[0];
    table.rules.to_mut()[0].note = note.into();
    m
}

/// The embedded seed with the page title and the third table's heading
/// replaced.
pub fn with_title_and_heading(title: &str, heading: &str) -> Matrix {
    let mut m = portmatrix::embedded().clone();
    let page = &mut m.pages.to_mut()[0];
    page.title = title.into();
    let table = &mut page.tables.to_mut()[2];
    table
        .heading
        .as_mut()
        .expect("the seed's third table has a heading")
        .text = heading.into();
    m
}

/// A CSS selector.
pub fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// An element's text.
pub fn text_of(el: ElementRef<'_>) -> String {
    el.text().collect::<String>()
}

/// The text of the first element `selector` selects (there must be one).
pub fn first_text(html: &Html, selector: &str) -> String {
    let el = html
        .select(&sel(selector))
        .next()
        .unwrap_or_else(|| panic!("no {selector}"));
    text_of(el)
}
