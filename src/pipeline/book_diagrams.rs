//! Each page's diagrams in the books.

use std::collections::BTreeSet;
use std::path::Path;

use super::WriteError;
use super::diagram_files::{DiagramFiles, diagram_names, write_page_files};
use super::png_cache::PngCache;
use crate::book::{Diagram, Options};
use crate::diagram::{DiagramKind, Format, PageDiagrams};
use crate::model::{Matrix, Page, Str};
use crate::names::{Label, label};

/// One diagram pair of a book: `page` drawn in `locale`, named after the
/// page's chapter.
struct Planned<'m> {
    page: &'m Page,
    locale: Str,
    stem: String,
    /// The captions of the book's topology and port map, shared by its
    /// diagrams (see [`Diagram`]).
    titles: [Str; 2],
}

/// Which page each book draws for each asset, in the order the diagrams
/// are listed in `opts.diagrams`.
///
/// Why: a book should show the diagrams next to the tables they are drawn
/// from, in its own language. A page with no edition in a book's language
/// (the zh-CN seed in the en-US book) is drawn with that language's names,
/// which the typed values make possible; a page that has its own edition in
/// that language is drawn from that edition instead.
fn plan<'m>(m: &'m Matrix, locales: &[String]) -> Vec<Planned<'m>> {
    // Named after the page's chapter (unique in the book, see
    // crate::filename): `<chapter>-<locale>-<kind>.svg`.
    let stems = crate::book::chapter_stems(m);
    // The first page of each asset id and locale (what `Matrix::page`
    // finds), looked up once per page and book instead of by a scan.
    let key = |asset: &str, locale: &str| (asset.to_ascii_lowercase(), locale.to_ascii_lowercase());
    let mut first: std::collections::HashMap<(String, String), &Page> = Default::default();
    for p in m.pages() {
        first.entry(key(&p.asset_id, &p.locale)).or_insert(p);
    }
    let books: Vec<(Str, [Str; 2])> = locales
        .iter()
        .map(|l| {
            let title = |kind| Str::from(label(l, kind));
            let titles = [title(Label::TopologyHeading), title(Label::PortMapHeading)];
            (Str::from(l.as_str()), titles)
        })
        .collect();
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for page in m.pages().filter(|p| !p.tables.is_empty()) {
        for (locale, titles) in &books {
            let source = match first.get(&key(&page.asset_id, locale)) {
                Some(own) if !std::ptr::eq(*own, page) => continue,
                _ => page,
            };
            if !seen.insert((page.asset_id.clone(), locale.clone())) {
                continue;
            }
            let Some(stem) = stems.get(&page.asset_id.to_ascii_lowercase()) else {
                continue;
            };
            out.push(Planned {
                page: source,
                locale: locale.clone(),
                stem: stem.clone(),
                titles: titles.clone(),
            });
        }
    }
    out
}

/// The file name of a book's diagram.
fn file_name(p: &Planned<'_>, kind: DiagramKind) -> String {
    format!("{}-{}-{}.svg", p.stem, p.locale, kind.file_part())
}

/// A book's diagram of `p`, listed for the books (`bytes` the SVG, or
/// `None` when it is written already).
fn listed(p: &Planned<'_>, kind: DiagramKind, bytes: Option<Vec<u8>>) -> Diagram {
    let title = match kind {
        DiagramKind::Topology => &p.titles[0],
        DiagramKind::Ports => &p.titles[1],
    };
    Diagram {
        asset_id: p.page.asset_id.clone(),
        locale: Some(p.locale.clone()),
        file_name: file_name(p, kind).into(),
        bytes,
        title: title.clone(),
    }
}

/// `page` as drawn in `locale` (its own labels when it is in that locale).
fn in_locale(page: &Page, locale: &str) -> Page {
    let mut drawn = page.clone();
    drawn.locale = locale.to_string().into();
    drawn
}

/// Adds each page's topology and port map to `opts.diagrams`, for every book
/// of `opts.locales()`, labelled in that book's language, with the SVGs in
/// memory. [`write_book_diagrams`] writes them instead, page by page.
pub fn add_book_diagrams(m: &Matrix, opts: &mut Options) {
    for p in plan(m, &opts.locales()) {
        let drawn = in_locale(p.page, &p.locale);
        let drawn = PageDiagrams::new(&drawn);
        for kind in DiagramKind::ALL {
            let bytes = drawn.svg(kind).into_bytes();
            opts.diagrams.push(listed(&p, kind, Some(bytes)));
        }
    }
}

/// The diagrams folder of `portmatrix build`, drawn in the same pass as the
/// books' diagrams: `dir/<locale>/<stem>-…` in `formats` (see
/// [`super::diagram_files`]), PNGs through `png`.
pub struct DiagramFolder<'a> {
    /// The folder (inside a staging folder).
    pub dir: &'a Path,
    /// The formats to write.
    pub formats: &'a [Format],
    /// The PNG cache, when PNGs are made.
    pub png: Option<&'a PngCache>,
}

/// Draws every page once per language and writes, page by page and in
/// parallel, its book diagrams into the books' source trees
/// (`src_dir/<locale>/src/diagrams/<chapter>-<locale>-<kind>.svg`) and,
/// with `folder`, its files of the diagrams folder; adds the book diagrams
/// to `opts.diagrams` without their bytes (they are in place). `tick` is
/// called once per page.
///
/// Why one pass: a page in its own language is laid out once for both its
/// files and its book's diagrams (the layout is the costly step), and no
/// SVG is held in memory after it is written, whatever the size of the tree.
/// The files are those [`add_book_diagrams`] and
/// [`super::diagram_files::write_diagram_files`] make, byte for byte.
pub fn write_book_diagrams(
    m: &Matrix,
    opts: &mut Options,
    src_dir: &Path,
    folder: Option<&DiagramFolder<'_>>,
    tick: &(dyn Fn() + Sync),
) -> Result<DiagramFiles, WriteError> {
    use rayon::prelude::*;
    use std::collections::HashMap;
    let planned = plan(m, &opts.locales());
    // Per page (by its address in `m`): its books' diagrams and its
    // diagrams-folder stem.
    let key = |p: &Page| p as *const Page as usize;
    let mut jobs: HashMap<usize, (Vec<&Planned<'_>>, Option<&Path>)> = HashMap::new();
    for p in &planned {
        jobs.entry(key(p.page)).or_default().0.push(p);
    }
    let names = folder.map(|_| diagram_names(m)).unwrap_or_default();
    for (page, stem) in &names {
        jobs.entry(key(page)).or_default().1 = Some(stem.as_path());
    }
    // In matrix order, so that the warnings come out in page order.
    let pages: Vec<&Page> = m.pages().filter(|p| jobs.contains_key(&key(p))).collect();
    let per_page: Vec<Result<DiagramFiles, WriteError>> = pages
        .par_iter()
        .map(|page| {
            let (books, stem) = &jobs[&key(page)];
            let own = PageDiagrams::new(page);
            let mut written = DiagramFiles::default();
            if let (Some(f), Some(stem)) = (folder, stem) {
                written = write_page_files(&own, &f.dir.join(stem), f.formats, f.png)?;
            }
            for p in books {
                let other;
                let drawn = if *p.page.locale == *p.locale {
                    &own
                } else {
                    other = in_locale(p.page, &p.locale);
                    &PageDiagrams::new(&other)
                };
                write_svgs(
                    p,
                    drawn,
                    &src_dir.join(p.locale.as_str()).join("src/diagrams"),
                )?;
            }
            tick();
            Ok(written)
        })
        .collect();
    let mut out = DiagramFiles::default();
    for r in per_page {
        out.add(r?);
    }
    for p in &planned {
        for kind in DiagramKind::ALL {
            opts.diagrams.push(listed(p, kind, None));
        }
    }
    Ok(out)
}

/// Writes a book's two SVGs of one page into its `diagrams` folder.
fn write_svgs(p: &Planned<'_>, drawn: &PageDiagrams<'_>, dir: &Path) -> Result<(), WriteError> {
    std::fs::create_dir_all(dir).map_err(|e| WriteError::new(dir, e))?;
    for kind in DiagramKind::ALL {
        let path = dir.join(file_name(p, kind));
        std::fs::write(&path, drawn.svg(kind)).map_err(|e| WriteError::new(&path, e))?;
    }
    Ok(())
}
