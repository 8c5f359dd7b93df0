//! One layout per page, every rendering from it.
//!
//! Laying out a topology (barycentre passes over every box and label) is
//! the costly step of drawing a page, rasterizing PNGs aside; the SVG, the
//! Mermaid chart, the PNGs and the port map are all views of one layout. [`PageDiagrams`] lays
//! a page out once and renders each of them from that one layout. Writing
//! an SVG from a layout is cheap and is done on each call; nothing but the
//! layout is kept, so holding many pages' diagrams costs little memory.

use std::path::PathBuf;

use super::png::{PngError, PngRenderer};
use super::ports::{PortRow, omitted_svg, port_map_svg_of, port_rows};
use super::topology::{Topology, Unreadable, to_mermaid, to_svg, topology};
use super::{Format, Rendered, page_stem, page_stem_locale};
use crate::model::Page;

/// The two diagrams of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DiagramKind {
    /// The topology flow diagram (SVG, PNG, Mermaid).
    Topology,
    /// The port map (SVG, PNG).
    Ports,
}

impl DiagramKind {
    /// Both kinds, in the order their files are made.
    pub const ALL: [DiagramKind; 2] = [DiagramKind::Topology, DiagramKind::Ports];

    /// The kind in file names: `<stem>-topology.svg`, `<stem>-ports.svg`.
    pub fn file_part(self) -> &'static str {
        match self {
            DiagramKind::Topology => "topology",
            DiagramKind::Ports => "ports",
        }
    }
}

/// The diagrams of one page, laid out once: build it with
/// [`PageDiagrams::new`], then ask for any rendering.
///
/// Every rendering comes from the same layout. Labels are in the
/// page's locale; to draw a page in another language, draw a copy of the
/// page with its `locale` changed (one `PageDiagrams` per page and locale).
///
/// ```
/// use portmatrix::diagram::{DiagramKind, Format, PageDiagrams};
/// let m = portmatrix::embedded();
/// let d = PageDiagrams::new(&m.pages[0]);
/// assert_eq!(d.topology_svg(), portmatrix::diagram::topology_svg(&m.pages[0]));
/// assert_eq!(d.svg(DiagramKind::Ports), portmatrix::diagram::port_map_svg(&m.pages[0]));
/// assert!(d.mermaid().starts_with("flowchart LR"));
/// let files = d.files(&[Format::Svg, Format::Mermaid], None);
/// assert_eq!(files.files.len(), 3);
/// ```
#[derive(Debug, Clone)]
pub struct PageDiagrams<'p> {
    page: &'p Page,
    topology: Topology,
    port_rows: Vec<PortRow>,
}

impl<'p> PageDiagrams<'p> {
    /// Lays out the page's topology (once) and the rows of its port map.
    pub fn new(page: &'p Page) -> PageDiagrams<'p> {
        let topology = topology(page);
        let port_rows = port_rows(page, &topology);
        PageDiagrams {
            page,
            topology,
            port_rows,
        }
    }

    /// The page drawn.
    pub fn page(&self) -> &'p Page {
        self.page
    }

    /// The laid-out topology diagram.
    pub fn topology(&self) -> &Topology {
        &self.topology
    }

    /// The rows of the port map (one per pair of topology boxes).
    pub fn port_rows(&self) -> &[PortRow] {
        &self.port_rows
    }

    /// Whether the page has any rule to draw (pages without port tables
    /// get no files).
    pub fn has_rules(&self) -> bool {
        self.page.tables.iter().any(|t| !t.rules.is_empty())
    }

    /// Whether the topology has an arrow: some rule has both a source and
    /// a destination.
    pub fn has_topology(&self) -> bool {
        !self.topology.edges.is_empty()
    }

    /// The topology diagram as SVG (same as [`super::topology_svg`]).
    pub fn topology_svg(&self) -> String {
        to_svg(&self.topology)
    }

    /// The port map as SVG (same as [`super::port_map_svg`]).
    pub fn port_map_svg(&self) -> String {
        if self.topology.omitted.is_some() {
            return omitted_svg(self.page);
        }
        port_map_svg_of(self.page, &self.port_rows)
    }

    /// Why the page's diagrams are not drawn, if they are not (they say so
    /// instead): too many endpoints or arrows, or too large. See
    /// [`super::topology::unreadable`]; [`Unreadable::diagnostic`] reports it.
    pub fn omitted(&self) -> Option<&Unreadable> {
        self.topology.omitted.as_ref()
    }

    /// One diagram as SVG.
    pub fn svg(&self, kind: DiagramKind) -> String {
        match kind {
            DiagramKind::Topology => self.topology_svg(),
            DiagramKind::Ports => self.port_map_svg(),
        }
    }

    /// The topology as a Mermaid flowchart (same as [`super::mermaid`]).
    pub fn mermaid(&self) -> String {
        to_mermaid(&self.topology)
    }

    /// One diagram as PNG, rasterized from its SVG at `scale` (the SVG is
    /// written for it; [`PageDiagrams::files`] writes each SVG once for both).
    pub fn png(
        &self,
        kind: DiagramKind,
        renderer: &PngRenderer,
        scale: f32,
    ) -> Result<Vec<u8>, PngError> {
        renderer.render(&self.svg(kind), scale)
    }

    /// The page's files in the formats asked for, as
    /// [`render_pages`](super::render_pages) makes them (unsorted):
    /// `<locale>/<page-stem>-{topology,ports}.{svg,png}` and
    /// `<locale>/<page-stem>-topology.mmd`. Nothing for a page without
    /// rules. PNGs (at scale 2) need `png`; without it each is reported in
    /// [`Rendered::skipped`].
    pub fn files(&self, formats: &[Format], png: Option<&PngRenderer>) -> Rendered {
        let mut out = Rendered::default();
        if !self.has_rules() {
            return out;
        }
        let page = self.page;
        let dir = PathBuf::from(page_stem_locale(page));
        let stem = page_stem(page);
        // A page whose rules all lack an end (internal servers, client
        // ports) has no flow to draw: its port map only.
        let kinds = DiagramKind::ALL
            .into_iter()
            .filter(|k| *k != DiagramKind::Topology || self.has_topology());
        for kind in kinds {
            let part = kind.file_part();
            let svg = self.svg(kind);
            if formats.contains(&Format::Png) {
                match png {
                    Some(r) => match r.render(&svg, 2.0) {
                        Ok(bytes) => out
                            .files
                            .push((dir.join(format!("{stem}-{part}.png")), bytes)),
                        Err(e) => out
                            .skipped
                            .push(format!("{}: {part} PNG skipped: {e}", page.path)),
                    },
                    None => out
                        .skipped
                        .push(format!("{}: {part} PNG skipped: no renderer", page.path)),
                }
            }
            if formats.contains(&Format::Svg) {
                out.files
                    .push((dir.join(format!("{stem}-{part}.svg")), svg.into_bytes()));
            }
        }
        if formats.contains(&Format::Mermaid) && self.has_topology() {
            out.files.push((
                dir.join(format!("{stem}-topology.mmd")),
                self.mermaid().into_bytes(),
            ));
        }
        out
    }
}
