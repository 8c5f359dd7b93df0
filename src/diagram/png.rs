//! PNG rendering of the SVG diagrams with resvg (pure Rust), using the fonts
//! installed on this machine. When no installed font has the glyphs a
//! diagram needs (CJK pages without `fonts-noto-cjk` or similar), the PNG is
//! not made and the caller is told why.

use std::sync::Arc;

use resvg::{tiny_skia, usvg};

/// Fonts loaded once, for any number of renderings.
pub struct PngRenderer {
    fonts: Arc<usvg::fontdb::Database>,
    /// Characters already looked up.
    glyphs: std::sync::Mutex<std::collections::BTreeMap<char, bool>>,
}

/// Why a PNG was not made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PngError {
    /// No installed font has this character.
    MissingGlyph(char),
    /// The SVG could not be read or rendered.
    Render(String),
}

impl std::fmt::Display for PngError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PngError::MissingGlyph(c) => write!(
                f,
                "no installed font has U+{:04X} '{c}' (install fonts-noto-cjk or another font with the glyphs)",
                *c as u32
            ),
            PngError::Render(e) => write!(f, "cannot render: {e}"),
        }
    }
}

impl Default for PngRenderer {
    fn default() -> Self {
        Self::new()
    }
}

impl PngRenderer {
    /// Loads the system fonts (fontconfig, the usual directories).
    pub fn new() -> PngRenderer {
        let mut db = usvg::fontdb::Database::new();
        db.load_system_fonts();
        PngRenderer {
            fonts: Arc::new(db),
            glyphs: Default::default(),
        }
    }

    /// Number of font faces found.
    pub fn font_count(&self) -> usize {
        self.fonts.len()
    }

    /// Names every font face this renderer can draw with (file, index in
    /// the file, PostScript name, weight), one per line, sorted.
    ///
    /// Why: a PNG depends on the fonts as much as on its SVG, so a cache of
    /// PNGs keyed by their SVG must also be keyed by this (installing or
    /// removing a font changes every key).
    pub fn fonts_fingerprint(&self) -> String {
        let mut lines: Vec<String> = self
            .fonts
            .faces()
            .map(|f| {
                let file = match &f.source {
                    usvg::fontdb::Source::File(p) | usvg::fontdb::Source::SharedFile(p, _) => {
                        p.display().to_string()
                    }
                    usvg::fontdb::Source::Binary(_) => "(memory)".to_string(),
                };
                format!(
                    "{file}\t{}\t{}\t{}",
                    f.index, f.post_script_name, f.weight.0
                )
            })
            .collect();
        lines.sort();
        lines.join("\n")
    }

    /// Whether some installed font has a glyph for `c`.
    pub fn has_glyph(&self, c: char) -> bool {
        if let Some(&known) = self.glyphs.lock().ok().as_ref().and_then(|g| g.get(&c)) {
            return known;
        }
        let found = self.fonts.faces().any(|f| {
            self.fonts
                .with_face_data(f.id, |data, index| face_has(data, index, c))
                .unwrap_or(false)
        });
        if let Ok(mut g) = self.glyphs.lock() {
            g.insert(c, found);
        }
        found
    }

    /// Renders an SVG document at `scale` (2.0 for crisp text). Fails with
    /// `MissingGlyph` when a character of the text has no font.
    pub fn render(&self, svg: &str, scale: f32) -> Result<Vec<u8>, PngError> {
        let mut needed: Vec<char> = svg
            .chars()
            .filter(|c| !c.is_ascii() && !c.is_whitespace())
            .collect();
        needed.sort_unstable();
        needed.dedup();
        needed.push('A');
        for c in needed {
            if !self.has_glyph(c) {
                return Err(PngError::MissingGlyph(c));
            }
        }
        let opt = usvg::Options {
            fontdb: self.fonts.clone(),
            ..usvg::Options::default()
        };
        let tree = usvg::Tree::from_str(svg, &opt).map_err(|e| PngError::Render(e.to_string()))?;
        let size = tree
            .size()
            .to_int_size()
            .scale_by(scale)
            .ok_or_else(|| PngError::Render("empty image".into()))?;
        let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
            .ok_or_else(|| PngError::Render("image too large".into()))?;
        pixmap.fill(tiny_skia::Color::WHITE);
        resvg::render(
            &tree,
            tiny_skia::Transform::from_scale(scale, scale),
            &mut pixmap.as_mut(),
        );
        pixmap
            .encode_png()
            .map_err(|e| PngError::Render(e.to_string()))
    }
}

fn face_has(data: &[u8], index: u32, c: char) -> bool {
    use skrifa::MetadataProvider;
    skrifa::FontRef::from_index(data, index)
        .ok()
        .and_then(|f| f.charmap().map(c))
        .is_some()
}

impl PngRenderer {
    /// Width in px of `text` at `size` px set in the first installed face of
    /// `family` (exact name, e.g. `Noto Sans CJK SC`) with the given weight,
    /// from the font's advance widths; `None` when the face is not installed
    /// or lacks a character. Used by tests to check the baked width table.
    pub fn measure(&self, family: &str, bold: bool, text: &str, size: f64) -> Option<f64> {
        use skrifa::MetadataProvider;
        let weight = if bold {
            usvg::fontdb::Weight::BOLD
        } else {
            usvg::fontdb::Weight::NORMAL
        };
        let query = usvg::fontdb::Query {
            families: &[usvg::fontdb::Family::Name(family)],
            weight,
            ..usvg::fontdb::Query::default()
        };
        let id = self.fonts.query(&query)?;
        let face = self.fonts.face(id)?;
        if !face.families.iter().any(|(n, _)| n == family) {
            return None;
        }
        self.fonts
            .with_face_data(id, |data, index| {
                let font = skrifa::FontRef::from_index(data, index).ok()?;
                let upem = font
                    .metrics(
                        skrifa::instance::Size::unscaled(),
                        skrifa::instance::LocationRef::default(),
                    )
                    .units_per_em as f64;
                let gm = font.glyph_metrics(
                    skrifa::instance::Size::unscaled(),
                    skrifa::instance::LocationRef::default(),
                );
                let cmap = font.charmap();
                let mut w = 0.0;
                for c in text.chars() {
                    w += gm.advance_width(cmap.map(c)?)? as f64;
                }
                Some(w / upem * size)
            })
            .flatten()
    }
}
