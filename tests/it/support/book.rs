//! Helpers of the `book_*` tests.
#![allow(dead_code)]

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use portmatrix::model::Matrix;

pub const SEED_SLUG: &str = "lync-server-2013-port-summary-scaled-consolidated-edge-dns-load-balancing-with-public-ip-addresses";

/// Every file under `dir`, by relative path, with its bytes.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

pub fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

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

pub fn corpus() -> PathBuf {
    PathBuf::from(
        std::env::var_os("PORTMATRIX_CORPUS")
            .expect("PORTMATRIX_CORPUS must point at the real corpus"),
    )
}
