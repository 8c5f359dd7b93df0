//! Every page's diagrams, written as files.

use std::path::Path;

use super::WriteError;
use crate::diagram::{self, Format};
use crate::model::Matrix;

/// What [`write_diagram_files`] wrote.
#[derive(Debug, Default)]
pub struct DiagramFiles {
    /// Number of files written.
    pub files: usize,
    /// PNGs not made and why (one line each), e.g. no font with the page's
    /// glyphs.
    pub skipped: Vec<String>,
}

/// Renders every page's diagrams in `formats` and writes them under `dir`
/// (`<locale>/<page>-{topology,ports}.{svg,png,mmd}`), each file atomically.
///
/// Why: rendering is parallel and gathered in page order, so the files do not
/// depend on the threads; every file is rendered before the first is written,
/// and the fonts for PNGs are loaded once, only when PNGs are asked for.
pub fn write_diagram_files(
    m: &Matrix,
    dir: &Path,
    formats: &[Format],
) -> Result<DiagramFiles, WriteError> {
    let renderer = formats
        .contains(&Format::Png)
        .then(diagram::png::PngRenderer::new);
    let rendered = diagram::render_pages(m.pages(), formats, renderer.as_ref());
    for (rel, bytes) in &rendered.files {
        let path = dir.join(rel);
        crate::output::write_atomic(&path, bytes).map_err(|e| WriteError::new(path, e))?;
    }
    Ok(DiagramFiles {
        files: rendered.files.len(),
        skipped: rendered.skipped,
    })
}
