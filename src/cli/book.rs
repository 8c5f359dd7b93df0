//! `portmatrix book`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use portmatrix::book::{Catalogs, Options};
use portmatrix::model::Matrix;
use portmatrix::output::Staging;
use portmatrix::pipeline::{book_diagrams, book_findings};

use super::exit::Error;
use super::global::Global;
use super::inputs::Inputs;

/// Build the localized runbook books (mdBook HTML) from the matrix.
///
/// DIR gets the books (DIR/index.html, DIR/<locale>/) and their mdBook
/// sources (DIR/_sources/<locale>/), written into a staging folder and
/// swapped in whole at the end: a failed, killed or interrupted run leaves DIR
/// as it was. Files in DIR that portmatrix did not write are kept.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    inputs: Inputs,
    #[command(flatten)]
    book: BookArgs,
    /// Output directory of the HTML books (their sources go to DIR/_sources).
    #[arg(long, default_value = "out/book", value_name = "DIR")]
    out: PathBuf,
}

#[derive(clap::Args, Clone)]
struct BookArgs {
    /// A folder of *.tera templates replacing the embedded ones by name.
    /// Templates are code: see templates/README.md.
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// Book locale, a BCP 47 tag matched case-insensitively (repeatable;
    /// default: every locale that has pages or a catalog). A locale is known
    /// when the locale data (i18n/<locale>/), a catalog
    /// (i18n/<locale>/book.po) or a page has it; an unknown one is an error
    /// (exit 2) that lists the known ones.
    #[arg(long = "locale", value_name = "L", value_parser = parse_locale)]
    locales: Vec<String>,
}

/// `--locale L`: a BCP 47 tag (it names folders of the output).
pub fn parse_locale(s: &str) -> Result<String, String> {
    if portmatrix::filename::is_locale_tag(s) {
        Ok(s.to_string())
    } else {
        Err(format!(
            "`{s}` is not a BCP 47 language tag (such as en-US or zh-CN): \
             letters, digits and `-` only"
        ))
    }
}

/// The catalogs the books use: the embedded ones, and `--i18n DIR`'s.
pub fn catalogs(g: &Global) -> Result<Catalogs, Error> {
    match &g.i18n {
        Some(dir) => Catalogs::load(dir),
        None => Catalogs::embedded(),
    }
    .map_err(Error::Catalogs)
}

/// `--locale` values as known locales (case-insensitive BCP 47 matching,
/// see [`portmatrix::book::resolve_locale`]); an unknown one is an error
/// that lists the known ones (exit 2).
pub fn resolve_locales(
    given: &[String],
    m: &Matrix,
    cats: &Catalogs,
) -> Result<Vec<String>, Error> {
    let known = portmatrix::book::known_locales(Some(m), cats);
    let mut out: Vec<String> = Vec::new();
    for l in given {
        let r = portmatrix::book::resolve_locale(l, &known)?;
        if !out.contains(&r) {
            out.push(r);
        }
    }
    Ok(out)
}

/// The folder of the books' sources inside `--out`.
pub const SOURCES: &str = "_sources";

/// Builds the books, with the checks' findings next to the rows.
pub fn run(args: &Args, g: &Global) -> Result<ExitCode, Error> {
    let staging = Staging::begin(&args.out, &args.inputs.protected())?;
    let (loaded, status) = args.inputs.load(g, false)?;
    let m = loaded.get();
    let mut o = Options::new(args.out.clone());
    o.sources = Some(args.out.join(SOURCES));
    o.templates = args.book.templates.clone();
    // The global --i18n DIR: its catalogs (<locale>/book.po) replace the
    // embedded ones of the same locale, as its locale folders do.
    o.catalogs = g.i18n.clone();
    o.locales = resolve_locales(&args.book.locales, m, &catalogs(g)?)?;
    let dir = staging.dir().to_path_buf();
    build_into(m, &o, &portmatrix::check::run(m), &dir, &dir.join(SOURCES))
        .map_err(|e| super::relocate(e, &dir, &args.out))?;
    let committed = staging.commit()?;
    super::note_kept(&committed, &args.out, g);
    Ok(status)
}

/// Builds the books of `opts` with the checks' `findings` (of `m`) next to
/// the rows and each page's diagrams into `html_dir` and `src_dir` (folders
/// of a staging folder), and prints what was written (where it will be:
/// `opts.out`).
pub fn build_into(
    m: &Matrix,
    opts: &Options,
    findings: &[portmatrix::check::Finding],
    html_dir: &Path,
    src_dir: &Path,
) -> Result<(), Error> {
    let start = std::time::Instant::now();
    let mut opts = prepare(m, opts, findings)?;
    book_diagrams::write_book_diagrams(m, &mut opts, src_dir, None, &|| {})?;
    let report = write_books(m, &opts, html_dir, src_dir, &|_| {})?;
    print_report(&report, start);
    Ok(())
}

/// `opts` for `m`: the books to build (known before the diagrams are drawn
/// for them) and the checks' `findings` as the books show them.
pub fn prepare(
    m: &Matrix,
    opts: &Options,
    findings: &[portmatrix::check::Finding],
) -> Result<Options, Error> {
    let mut opts = opts.clone();
    let cats = opts.load_catalogs().map_err(Error::Catalogs)?;
    opts.locales = opts.book_locales(m, &cats).map_err(|source| Error::Book {
        out: opts.out.clone(),
        source,
    })?;
    opts.findings.extend(book_findings::book_findings(findings));
    Ok(opts)
}

/// Renders and builds the books of `opts` (prepared, their diagrams in
/// place); `built` is called as each book is done.
pub fn write_books(
    m: &Matrix,
    opts: &Options,
    html_dir: &Path,
    src_dir: &Path,
    built: &dyn Fn(&str),
) -> Result<portmatrix::book::Report, Error> {
    portmatrix::book::build_into_with(m, opts, html_dir, src_dir, built).map_err(|source| {
        Error::Book {
            out: opts.out.clone(),
            source,
        }
    })
}

/// Prints what the books are and where, with the time since `start`.
pub fn print_report(report: &portmatrix::book::Report, start: std::time::Instant) {
    for b in &report.books {
        eprintln!(
            "book {}: {}, {} -> {}",
            b.locale,
            count(b.chapters, "chapter", "chapters"),
            count(b.untranslated, "untranslated text", "untranslated texts"),
            b.index.display()
        );
    }
    eprintln!(
        "books: {} (sources in {}) ({:.1} ms)",
        report.index.display(),
        report.sources.display(),
        start.elapsed().as_secs_f64() * 1000.0
    );
}

/// `1 chapter`, `3 chapters`: an English count for the terminal.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
