//! Every page's diagrams, written as files.

use std::path::{Path, PathBuf};

use super::WriteError;
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

/// Renders every page's diagrams in `formats` and writes them under `dir`
/// (`<locale>/<stem>-{topology,ports}.{svg,png,mmd}`, see [`diagram_names`]).
/// `dir` is a folder being built (a [`crate::output::Staging`] folder, or a
/// new one): files are written straight into it, and the caller puts the
/// folder in place when everything succeeded.
///
/// Why: pages are rendered and written in parallel, each page's files as
/// soon as they are drawn (memory does not grow with the tree); the fonts
/// for PNGs are loaded once, only when PNGs are asked for. The files and the
/// warnings do not depend on the threads.
pub fn write_diagram_files(
    m: &Matrix,
    dir: &Path,
    formats: &[Format],
) -> Result<DiagramFiles, WriteError> {
    use rayon::prelude::*;
    let renderer = formats
        .contains(&Format::Png)
        .then(diagram::png::PngRenderer::new);
    let pages = diagram_names(m);
    let per_page: Vec<Result<DiagramFiles, WriteError>> = pages
        .par_iter()
        .map(|(page, stem)| write_page(page, &dir.join(stem), formats, renderer.as_ref()))
        .collect();
    let mut out = DiagramFiles::default();
    for r in per_page {
        let r = r?;
        out.files += r.files;
        out.skipped.extend(r.skipped);
    }
    Ok(out)
}

/// Draws one page and writes its files (`<stem>-<kind>.<ext>`).
fn write_page(
    page: &Page,
    stem: &Path,
    formats: &[Format],
    png: Option<&diagram::png::PngRenderer>,
) -> Result<DiagramFiles, WriteError> {
    let mut out = DiagramFiles::default();
    let mut put = |suffix: &str, bytes: &[u8]| -> Result<(), WriteError> {
        let mut name = stem.as_os_str().to_os_string();
        name.push(suffix);
        let path = PathBuf::from(name);
        if let Some(d) = path.parent() {
            std::fs::create_dir_all(d).map_err(|e| WriteError::new(d, e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| WriteError::new(&path, e))?;
        out.files += 1;
        Ok(())
    };
    // One layout of the page for every file of it (SVG, PNG, Mermaid).
    let drawn = diagram::PageDiagrams::new(page);
    let svgs = [
        ("topology", drawn.topology_svg()),
        ("ports", drawn.port_map_svg()),
    ];
    let mut skipped = Vec::new();
    for (kind, svg) in &svgs {
        if formats.contains(&Format::Png) {
            match png {
                Some(r) => match r.render(svg, 2.0) {
                    Ok(bytes) => put(&format!("-{kind}.png"), &bytes)?,
                    Err(e) => skipped.push(format!("{}: {kind} PNG skipped: {e}", page.path)),
                },
                None => skipped.push(format!("{}: {kind} PNG skipped: no renderer", page.path)),
            }
        }
        if formats.contains(&Format::Svg) {
            put(&format!("-{kind}.svg"), svg.as_bytes())?;
        }
    }
    if formats.contains(&Format::Mermaid) {
        put("-topology.mmd", drawn.mermaid().as_bytes())?;
    }
    out.skipped = skipped;
    Ok(out)
}
