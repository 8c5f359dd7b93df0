//! Helpers of the `book_*` tests: build the books, and the seed with
//! texts replaced.

use std::borrow::Cow;
use std::path::Path;

use portmatrix::model::Matrix;

/// Builds the books of `m` into `<dir>/book` (sources `<dir>/book-src`).
pub fn build(m: &Matrix, dir: &Path) -> portmatrix::book::Report {
    let opts = portmatrix::book::Options::new(dir.join("book"));
    portmatrix::book::build(m, &opts).unwrap_or_else(|e| panic!("book build failed: {e}"))
}

/// The embedded seed with the first rule's note replaced.
pub fn with_note(note: &str) -> Matrix {
    let mut m = portmatrix::embedded().clone();
    let page = &mut m.pages.to_mut()[0];
    let table = &mut page.tables.to_mut()[0];
    table.rules.to_mut()[0].note = Cow::Owned(note.to_string());
    m
}

/// The embedded seed with the page title and the third table's heading
/// replaced.
pub fn with_title_and_heading(title: &str, heading: &str) -> Matrix {
    let mut m = portmatrix::embedded().clone();
    let page = &mut m.pages.to_mut()[0];
    page.title = Cow::Owned(title.to_string());
    let table = &mut page.tables.to_mut()[2];
    table
        .heading
        .as_mut()
        .expect("the seed's third table has a heading")
        .text = Cow::Owned(heading.to_string());
    m
}
