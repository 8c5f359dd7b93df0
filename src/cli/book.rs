//! `portmatrix book`.

use std::path::PathBuf;
use std::process::ExitCode;

use portmatrix::book::Options;
use portmatrix::model::Matrix;
use portmatrix::pipeline::{book_diagrams, book_findings};

use super::exit::Error;
use super::global::Global;
use super::inputs::Inputs;

/// Build the localized runbook books (mdBook HTML) from the matrix.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    inputs: Inputs,
    #[command(flatten)]
    book: BookArgs,
    /// Output directory of the HTML books (sources go to DIR-src).
    #[arg(long, default_value = "out/book", value_name = "DIR")]
    out: PathBuf,
}

#[derive(clap::Args, Clone)]
struct BookArgs {
    /// A folder of *.tera templates replacing the embedded ones by name.
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// Book locale (repeatable; default: zh-CN and en-US).
    #[arg(long = "locale", value_name = "L")]
    locales: Vec<String>,
}

/// Builds the books, with the checks' findings next to the rows.
pub fn run(args: &Args, g: &Global) -> Result<ExitCode, Error> {
    let (loaded, status) = args.inputs.load(g, false)?;
    let m = loaded.get();
    let mut o = Options::new(args.out.clone());
    o.templates = args.book.templates.clone();
    o.locales = args.book.locales.clone();
    // The global --i18n DIR: its catalogs (ui/<locale>.toml, <locale>.po)
    // replace the embedded ones by name, as its locale folders do.
    o.catalogs = g.i18n.clone();
    build(m, &o, &portmatrix::check::run(m))?;
    Ok(status)
}

/// Builds the books of `opts` with the checks' `findings` (of `m`) next to
/// the rows and each page's diagrams, and prints what was written.
pub fn build(
    m: &Matrix,
    opts: &Options,
    findings: &[portmatrix::check::Finding],
) -> Result<(), Error> {
    let start = std::time::Instant::now();
    let mut opts = opts.clone();
    opts.findings.extend(book_findings::book_findings(findings));
    book_diagrams::add_book_diagrams(m, &mut opts);
    let report = portmatrix::book::build(m, &opts).map_err(|source| Error::Book {
        out: opts.out.clone(),
        source,
    })?;
    for b in &report.books {
        eprintln!(
            "book {}: {} chapter(s), {} untranslated text(s) -> {}",
            b.locale,
            b.chapters,
            b.untranslated,
            b.index.display()
        );
    }
    eprintln!(
        "books: {} (sources in {}) ({:.1} ms)",
        report.index.display(),
        report.sources.display(),
        start.elapsed().as_secs_f64() * 1000.0
    );
    Ok(())
}
