//! Each page's diagrams in the books.

use std::collections::BTreeSet;

use crate::book::{Diagram, Options};
use crate::diagram;
use crate::model::Matrix;
use crate::names::{Label, label};

/// Adds each page's topology and port map to `opts.diagrams`, for every book
/// of `opts.locales()`, labelled in that book's language.
///
/// Why: a book should show the diagrams next to the tables they are drawn
/// from, in its own language. A page with no edition in a book's language
/// (the zh-CN seed in the en-US book) is drawn with that language's names,
/// which the typed values make possible; a page that has its own edition in
/// that language is drawn from that edition instead.
pub fn add_book_diagrams(m: &Matrix, opts: &mut Options) {
    // Named after the page's chapter (unique in the book, see
    // crate::filename): `<chapter>-<locale>-<kind>.svg`.
    let stems = crate::book::chapter_stems(m);
    let mut seen = BTreeSet::new();
    for page in m.pages().filter(|p| !p.tables.is_empty()) {
        for locale in opts.locales() {
            let source = match m.page(&page.asset_id, &locale) {
                Some(own) if !std::ptr::eq(own, page) => continue,
                _ => page,
            };
            if !seen.insert((page.asset_id.to_string(), locale.clone())) {
                continue;
            }
            let mut drawn = source.clone();
            drawn.locale = locale.clone().into();
            let Some(stem) = stems.get(&page.asset_id.to_ascii_lowercase()) else {
                continue;
            };
            for (kind, svg, title) in [
                (
                    "topology",
                    diagram::topology_svg(&drawn),
                    label(&locale, Label::TopologyHeading),
                ),
                (
                    "ports",
                    diagram::port_map_svg(&drawn),
                    label(&locale, Label::PortMapHeading),
                ),
            ] {
                opts.diagrams.push(Diagram {
                    asset_id: page.asset_id.to_string(),
                    locale: Some(locale.clone()),
                    file_name: format!("{stem}-{locale}-{kind}.svg"),
                    bytes: svg.into_bytes(),
                    title: title.to_string(),
                });
            }
        }
    }
}
