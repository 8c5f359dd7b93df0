//! `portmatrix diagrams`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use portmatrix::diagram::Format;
use portmatrix::model::Matrix;
use portmatrix::output::Staging;
use portmatrix::parse::Source;
use portmatrix::pipeline::png_cache::PngCache;

use super::exit::Error;
use super::global::Global;
use super::inputs::Inputs;

/// Draw every page's topology and port-map diagrams (SVG, Mermaid; PNG with --png).
///
/// Files: DIR/<locale>/<page>-topology.{svg,png,mmd} and
/// DIR/<locale>/<page>-ports.{svg,png}. PNGs need an installed font with
/// the page's glyphs (fonts-noto-cjk for zh-CN); without one they are
/// skipped with a message. DIR is written whole (a staging folder swapped
/// in at the end) or not at all; files in it that portmatrix did not write
/// are kept.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    inputs: Inputs,
    /// Output directory.
    #[arg(long, default_value = "out/diagrams", value_name = "DIR")]
    out: PathBuf,
    /// Formats to write, comma-separated: svg, png, mermaid.
    #[arg(long, value_delimiter = ',', default_value = "svg,mermaid", value_parser = parse_format)]
    format: Vec<Format>,
    /// Also rasterize the diagrams to PNG (the same as adding `png` to
    /// --format). PNGs are cached by the SHA-256 of their SVG and fonts in
    /// DIR/.portmatrix-cache/png: a rerun rasterizes only what changed.
    #[arg(long)]
    png: bool,
}

fn parse_format(s: &str) -> Result<Format, String> {
    Format::parse(s).ok_or_else(|| format!("unknown format `{s}` (svg, png, mermaid)"))
}

/// Writes the diagrams and says how many files.
pub fn run(args: &Args, g: &Global) -> Result<ExitCode, Error> {
    let staging = Staging::begin(&args.out, &args.inputs.protected())?;
    let (loaded, status) = args.inputs.load(g, false)?;
    let dir = staging.dir().to_path_buf();
    let sources = args.inputs.sources();
    let mut formats = args.format.clone();
    if args.png && !formats.contains(&Format::Png) {
        formats.push(Format::Png);
    }
    let cache = formats
        .contains(&Format::Png)
        .then(|| PngCache::for_output(staging.out(), &dir));
    let n = write(loaded.get(), &dir, &formats, cache.as_ref(), g, &sources)
        .map_err(|e| super::relocate(e, &dir, &args.out))?;
    if cache.is_none() {
        // No PNGs this time: the next run with --png still finds them.
        PngCache::keep_previous_for_output(staging.out(), &dir)
            .map_err(|e| super::relocate(Error::Write(e), &dir, &args.out))?;
    }
    let committed = staging.commit()?;
    super::note_kept(&committed, &args.out, g);
    if let Some(c) = &cache {
        eprintln!("{}", c.summary(&args.out));
    }
    eprintln!("wrote {n} diagram file(s) in {}", args.out.display());
    Ok(status)
}

/// Writes the diagrams of every page under `dir` (PNGs through `png`) and
/// warns about the PNGs skipped and the pages not drawn (unless `--quiet`),
/// naming pages as `sources` were typed (see `diagnostics::print`); returns
/// the number of files.
fn write(
    m: &Matrix,
    dir: &Path,
    formats: &[Format],
    png: Option<&PngCache>,
    g: &Global,
    sources: &[Source],
) -> Result<usize, Error> {
    let written =
        portmatrix::pipeline::diagram_files::write_diagram_files(m, dir, formats, png, &|| {})?;
    if !g.quiet {
        for s in &written.skipped {
            eprintln!("warning: {s}");
        }
    }
    for d in portmatrix::pipeline::diagram_files::unreadable_diagnostics(m) {
        super::diagnostics::print(&d, g, sources);
    }
    Ok(written.files)
}
