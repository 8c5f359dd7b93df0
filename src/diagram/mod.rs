//! Diagrams drawn from the typed matrix, so that they can never disagree with
//! the tables (feature `diagrams`).
//!
//! Per page:
//! - a topology flow diagram ([`topology_svg`], [`mermaid`]): zones left to
//!   right (Internet/external, perimeter, internal), one box per typed
//!   endpoint, one arrow per group of rules between two boxes in the rule's
//!   direction, labelled `TCP 5061 SIP/MTLS`; rules that only a summary table
//!   states are dashed;
//! - a port map ([`port_map_svg`], drawn with plotters): ports on a log axis,
//!   one row per endpoint pair, marks and bars, TCP and UDP in two colours.
//!
//! A page is laid out once by [`PageDiagrams::new`]; its SVGs, PNGs, Mermaid
//! chart and port map all render from that one layout, so a caller that
//! wants several of them (the files of `build`, a book's embedded diagrams)
//! lays the page out once. The free functions ([`topology_svg`],
//! [`mermaid`], [`port_map_svg`]) each make one rendering from scratch.
//!
//! Labels are in the page's locale. SVG output is deterministic and does not
//! depend on the machine (text is measured with a baked width table, see
//! [`text`]); PNGs are rendered from the SVGs with resvg and the installed
//! fonts ([`png::PngRenderer`]).
//!
//! ```
//! let m = portmatrix::embedded();
//! let page = &m.pages[0];
//! let svg = portmatrix::diagram::topology_svg(page);
//! assert!(svg.contains("访问边缘服务"));
//! assert!(svg.contains("TCP 5061 SIP/MTLS"));
//! ```

pub mod limits;
pub mod page;
pub mod png;
pub mod ports;
pub mod text;
pub mod topology;
pub mod xml;

use std::path::PathBuf;

use crate::model::Page;

pub use page::{DiagramKind, PageDiagrams};
pub use ports::{PortRow, port_map_svg, port_rows};
pub use topology::{
    BoxAddresses, Edge, EdgeLine, NodeBox, Rect, Topology, Unreadable, Zone, rule_label, topology,
    topology_with, unreadable,
};

/// The topology diagram of a page as SVG. Lays the page out; to render
/// more than one diagram of a page, use [`PageDiagrams`].
pub fn topology_svg(page: &Page) -> String {
    topology::to_svg(&topology::topology(page))
}

/// The topology diagram of a page as SVG with addresses under the boxes
/// ([`BoxAddresses`]: a deployment's addresses of each endpoint). With no
/// addresses it is [`topology_svg`], byte for byte.
pub fn topology_svg_with(page: &Page, addresses: &BoxAddresses) -> String {
    topology::to_svg(&topology::topology_with(page, addresses))
}

/// The topology diagram of a page as a Mermaid flowchart. Lays the page
/// out; to render more than one diagram of a page, use [`PageDiagrams`].
pub fn mermaid(page: &Page) -> String {
    topology::to_mermaid(&topology::topology(page))
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// SVG: topology and port map.
    Svg,
    /// PNG rasterized from the SVGs (needs installed fonts).
    Png,
    /// Mermaid flowchart of the topology.
    Mermaid,
}

impl Format {
    /// Parses `svg`, `png`, `mermaid` (or `mmd`).
    pub fn parse(s: &str) -> Option<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "svg" => Some(Format::Svg),
            "png" => Some(Format::Png),
            "mermaid" | "mmd" => Some(Format::Mermaid),
            _ => None,
        }
    }
}

/// The file stem of a page: its file name without `.md`.
pub fn page_stem(page: &Page) -> String {
    let name = page.path.rsplit(['/', '\\']).next().unwrap_or(&page.path);
    let stem = name.strip_suffix(".md").unwrap_or(name);
    // Keep file names portable.
    stem.chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// What [`render_pages`] produced.
#[derive(Debug, Default)]
pub struct Rendered {
    /// Relative path (`<locale>/<stem>-topology.svg`) and contents, sorted.
    pub files: Vec<(PathBuf, Vec<u8>)>,
    /// PNGs not made and why (one line each).
    pub skipped: Vec<String>,
}

/// Renders every page that has port tables in the formats asked for. Paths
/// are `<locale>/<page-stem>-{topology,ports}.{svg,png,mmd}`. PNGs are made
/// only when `png` is given (load the fonts once with `PngRenderer::new`).
/// Each page is laid out once ([`PageDiagrams::files`]).
pub fn render_pages<'a>(
    pages: impl IntoIterator<Item = &'a Page>,
    formats: &[Format],
    png: Option<&png::PngRenderer>,
) -> Rendered {
    // Pages are rendered in parallel (PNG rasterization is the slow part)
    // and gathered in page order: the result does not depend on the threads.
    use rayon::prelude::*;
    let pages: Vec<&Page> = pages.into_iter().collect();
    let per_page: Vec<Rendered> = pages
        .par_iter()
        .map(|page| PageDiagrams::new(page).files(formats, png))
        .collect();
    let mut out = Rendered::default();
    for r in per_page {
        out.files.extend(r.files);
        out.skipped.extend(r.skipped);
    }
    out.files.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The directory of a page's files: its locale, kept to ASCII letters,
/// digits and `-` (`und` when nothing is left).
fn page_stem_locale(page: &Page) -> String {
    let l: String = page
        .locale
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    if l.is_empty() { "und".to_string() } else { l }
}
