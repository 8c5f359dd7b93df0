//! Every page's diagrams, written as files.

use std::path::{Path, PathBuf};

use super::WriteError;
use super::png_cache::PngCache;
use crate::diagram::{self, Format};
use crate::model::{Matrix, Page};

/// What [`write_diagram_files`] wrote.
#[derive(Debug, Default)]
pub struct DiagramFiles {
    /// Number of files written.
    pub files: usize,
    /// PNGs not made and why (one line each), e.g. no font with the page's
    /// glyphs.
    pub skipped: Vec<String>,
}

/// The pages that get diagrams (those with at least one rule), in matrix
/// order, each with its folder and file stem under the diagrams folder:
/// `<locale>/<stem>`, the stem made from the page's path relative to its docs
/// tree by [`crate::filename`] (safe, unique within the locale's folder, so
/// that `x/p.md` and `y/p.md` never share a file).
pub fn diagram_names(m: &Matrix) -> Vec<(&Page, PathBuf)> {
    use crate::filename::{locale_dir, page_stem, sanitize, unique};
    use std::collections::BTreeMap;
    let pages: Vec<&Page> = m
        .pages()
        .filter(|p| p.tables.iter().any(|t| !t.rules.is_empty()))
        .collect();
    let dirs: Vec<String> = pages.iter().map(|p| locale_dir(&p.locale)).collect();
    let mut by_dir: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, d) in dirs.iter().enumerate() {
        by_dir.entry(d).or_default().push(i);
    }
    let mut stems = vec![String::new(); pages.len()];
    for idx in by_dir.values() {
        let items: Vec<(String, String)> = idx
            .iter()
            .map(|&i| {
                let path = pages[i].path.to_string();
                let base = sanitize(page_stem(&path));
                (path, base)
            })
            .collect();
        for (&i, name) in idx.iter().zip(unique(&items, &[])) {
            stems[i] = name;
        }
    }
    pages
        .into_iter()
        .zip(dirs.into_iter().zip(stems))
        .map(|(p, (d, s))| (p, Path::new(&d).join(s)))
        .collect()
}

/// A warning `unreadable_diagram` for each page whose diagrams are not
/// drawn (they say so instead), in page order: the diagnostics of the
/// diagram stage, which `portmatrix diagrams` prints and `build` adds to its
/// summary and `diagnostics.txt`. Why apart from the drawing: the diagrams
/// are drawn page by page in parallel and say nothing back; this asks the
/// same question of each page (a sizing without placement: cheap), so that
/// a command can report it before drawing.
pub fn unreadable_diagnostics(m: &Matrix) -> Vec<crate::Diagnostic> {
    use rayon::prelude::*;
    let pages: Vec<&Page> = m
        .pages()
        .filter(|p| p.tables.iter().any(|t| !t.rules.is_empty()))
        .collect();
    pages
        .par_iter()
        .filter_map(|p| Some(diagram::unreadable(p)?.diagnostic(p)))
        .collect()
}

/// Renders every page's diagrams in `formats` and writes them under `dir`
/// (`<locale>/<stem>-{topology,ports}.{svg,png,mmd}`, see [`diagram_names`]).
/// `dir` is a folder being built (a [`crate::output::Staging`] folder, or a
/// new one): files are written straight into it, and the caller puts the
/// folder in place when everything succeeded. PNGs come from `png` (a
/// cache: only SVGs it has not seen are rasterized); `Format::Png` without
/// one reports every PNG as skipped. `tick` is called once per page drawn
/// (a progress display).
///
/// Why: pages are rendered and written in parallel, each page's files as
/// soon as they are drawn (memory does not grow with the tree). The files
/// and the warnings do not depend on the threads.
pub fn write_diagram_files(
    m: &Matrix,
    dir: &Path,
    formats: &[Format],
    png: Option<&PngCache>,
    tick: &(dyn Fn() + Sync),
) -> Result<DiagramFiles, WriteError> {
    use rayon::prelude::*;
    let pages = diagram_names(m);
    let per_page: Vec<Result<DiagramFiles, WriteError>> = pages
        .par_iter()
        .map(|(page, stem)| {
            let drawn = diagram::PageDiagrams::new(page);
            let r = write_page_files(&drawn, &dir.join(stem), formats, png);
            tick();
            r
        })
        .collect();
    let mut out = DiagramFiles::default();
    for r in per_page {
        out.add(r?);
    }
    Ok(out)
}

impl DiagramFiles {
    /// Adds the counts and warnings of `other` (in order).
    pub fn add(&mut self, other: DiagramFiles) {
        self.files += other.files;
        self.skipped.extend(other.skipped);
    }
}

/// Writes the files of one page, laid out once in `drawn`, at `stem`
/// (`<stem>-<kind>.<ext>`).
pub fn write_page_files(
    drawn: &diagram::PageDiagrams<'_>,
    stem: &Path,
    formats: &[Format],
    png: Option<&PngCache>,
) -> Result<DiagramFiles, WriteError> {
    let page = drawn.page();
    let mut out = DiagramFiles::default();
    let path_of = |suffix: &str| {
        let mut name = stem.as_os_str().to_os_string();
        name.push(suffix);
        PathBuf::from(name)
    };
    if let Some(d) = stem.parent() {
        std::fs::create_dir_all(d).map_err(|e| WriteError::new(d, e))?;
    }
    let mut put = |suffix: &str, bytes: &[u8]| -> Result<(), WriteError> {
        let path = path_of(suffix);
        std::fs::write(&path, bytes).map_err(|e| WriteError::new(&path, e))?;
        out.files += 1;
        Ok(())
    };
    let mut skipped = Vec::new();
    let mut pngs = 0;
    for kind in diagram::DiagramKind::ALL {
        let part = kind.file_part();
        let svg = drawn.svg(kind);
        if formats.contains(&Format::Png) {
            match png {
                Some(cache) => match cache.write_png(&svg, &path_of(&format!("-{part}.png")))? {
                    Ok(()) => pngs += 1,
                    Err(e) => skipped.push(format!("{}: {part} PNG skipped: {e}", page.path)),
                },
                None => skipped.push(format!("{}: {part} PNG skipped: no renderer", page.path)),
            }
        }
        if formats.contains(&Format::Svg) {
            put(&format!("-{part}.svg"), svg.as_bytes())?;
        }
    }
    if formats.contains(&Format::Mermaid) {
        put("-topology.mmd", drawn.mermaid().as_bytes())?;
    }
    out.files += pngs;
    out.skipped = skipped;
    Ok(out)
}
