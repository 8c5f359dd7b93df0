//! `portmatrix build`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use portmatrix::check::Level;
use portmatrix::diag::Severity;
use portmatrix::diagram::Format;
use portmatrix::output::Staging;
use portmatrix::pipeline::WriteError;
use portmatrix::pipeline::book_diagrams::{self, DiagramFolder};

use super::exit::Error;
use super::global::Global;
use super::inputs::Inputs;
use super::progress::{BUILD_STAGES, Stages};

/// Write every output (JSON, JSON Schema, diagnostics, findings, diagrams, the books) under --out.
///
/// All or nothing: everything is written into a staging folder beside DIR and
/// swapped in for DIR at the end, so a failed, killed or interrupted run
/// leaves DIR as it was. A second build into DIR while one runs is refused.
/// Files in DIR that portmatrix did not write are kept (DIR/.portmatrix-manifest
/// lists its own).
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    inputs: Inputs,
    /// Output directory.
    #[arg(long, default_value = "out", value_name = "DIR")]
    out: PathBuf,
    /// A deployment file (see examples/deployment.toml): each book gets a
    /// "Your deployment" part, the rules of its pages per server and
    /// interface with its addresses, and the topology with the addresses
    /// under the boxes. Errors in the file are printed as `firewall` prints
    /// them; nothing is written then (exit status 2).
    #[arg(long, value_name = "FILE")]
    deployment: Option<PathBuf>,
    /// Also rasterize the diagrams to PNG (DIR/diagrams/…png; needs fonts
    /// with the pages' glyphs). PNGs are cached by the SHA-256 of their SVG
    /// and fonts in DIR/.portmatrix-cache/png: a rebuild rasterizes only the
    /// diagrams that changed.
    #[arg(long)]
    png: bool,
}

/// Writes every output, then a summary line. The checks run once, the
/// catalog checks included (as `portmatrix check` runs them): their
/// findings go both to `findings.*` and to the books.
///
/// Stages (one progress display on a terminal): parse, check (the checks,
/// then `findings.json` and `findings.txt` written as rendered), diagrams
/// (each page drawn once per language, its files and its books' SVGs written
/// as it is drawn), books (chapters written as rendered, then mdBook), write
/// (JSON, the swap); `diagnostics.txt` is written after parsing. Nothing is
/// collected in memory but the typed matrix and the findings as the books
/// show them.
pub fn run(args: &Args, g: &Global) -> Result<ExitCode, Error> {
    let start = std::time::Instant::now();
    let out = &args.out;
    // A refused or busy --out fails before any parsing; the lock is held to
    // the end, and dropping `staging` on any error frees what was written.
    let staging = Staging::begin(out, &args.inputs.protected())?;
    let dir = staging.dir();
    let stages = Stages::new(&BUILD_STAGES, true);
    // The diagram stage's diagnostics (pages too large to draw) are known
    // before it runs: they are summarized and written with the input's.
    let (loaded, status, diagnostics) = args.inputs.load_staged(
        g,
        &stages,
        &out.join(DIAGNOSTICS),
        portmatrix::pipeline::diagram_files::unreadable_diagnostics,
    )?;
    let m = loaded.get();
    // The one-line form of every diagnostic (stderr shows a summary),
    // written now and not held through the books.
    put(dir, out, DIAGNOSTICS, |w| {
        for d in &diagnostics {
            writeln!(w, "{d}")?;
        }
        Ok(())
    })?;
    let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
    let counted = [Severity::Error, Severity::Warning, Severity::Info].map(count);
    drop(diagnostics);
    // The parser's working data is freed: see `give_back_freed`.
    crate::give_back_freed();
    let deployment = match &args.deployment {
        Some(path) => Some(stages.suspend(|| super::firewall::load_deployment(path, m))?),
        None => None,
    };
    // Every check of `portmatrix check`, the books' catalogs included.
    // Three steps: the checks, then their two files.
    stages.start("check", 3, "steps");
    let findings =
        portmatrix::pipeline::translations::check_findings(m).map_err(Error::Catalogs)?;
    stages.tick();
    {
        // Written as they are rendered: at 10,000 pages their text is
        // larger than the matrix.
        use portmatrix::check::render;
        let baseline = portmatrix::check::baseline::Baseline::embedded();
        let cmp = render::compared(m, &findings, &baseline);
        put(dir, out, "findings.json", |w| {
            render::write_json(w, &findings, Some(&cmp))
        })?;
        stages.tick();
        put(dir, out, "findings.txt", |w| {
            render::write_human(w, &findings, Some(&cmp), false, true)
        })?;
        stages.tick();
    }
    let found = |l: Level| findings.iter().filter(|f| f.level() == l).count();
    let found = [Level::Error, Level::Warning, Level::Style].map(found);

    // Every locale that has pages or a catalog, with --i18n DIR's catalogs.
    let books_start = std::time::Instant::now();
    let mut books = portmatrix::book::Options::new(out.join("book"));
    books.catalogs = g.i18n.clone();
    let mut books = super::book::prepare(m, &books, &findings)?;
    // The books have their own findings now: the checks' go with the
    // deployment, whose part needs them, and are dropped here without one
    // (about 20 MB of heap at 10,000 pages not held through the books).
    let deployment = deployment.map(|d| (d, findings));
    // And now the checks' working data and their findings.
    crate::give_back_freed();
    let formats: &[Format] = if args.png {
        &[Format::Svg, Format::Png, Format::Mermaid]
    } else {
        &[Format::Svg, Format::Mermaid]
    };
    let cache = args
        .png
        .then(|| portmatrix::pipeline::png_cache::PngCache::for_output(staging.out(), dir));
    let folder = DiagramFolder {
        dir: &dir.join("diagrams"),
        formats,
        png: cache.as_ref(),
    };
    stages.start("diagrams", drawn_pages(m), "pages");
    let diagrams = book_diagrams::write_book_diagrams(
        m,
        &mut books,
        &dir.join("book-src"),
        Some(&folder),
        &|| stages.tick(),
    )
    .map_err(|e| super::relocate(Error::Write(e), dir, out))?;
    if !g.quiet {
        stages.suspend(|| {
            for s in &diagrams.skipped {
                eprintln!("warning: {s}");
            }
        });
    }

    // And the diagrams' (laid out and written page by page).
    crate::give_back_freed();
    stages.start("books", books.locales.len() as u64, "books");
    let report =
        super::book::write_books(m, &books, &dir.join("book"), &dir.join("book-src"), &|_| {
            stages.tick()
        })
        .map_err(|e| super::relocate(e, dir, out))?;
    stages.suspend(|| super::book::print_report(&report, books_start));
    if let Some((d, findings)) = &deployment {
        let part = portmatrix::pipeline::book_deployment::add_deployment_part(
            m,
            d,
            findings,
            &books,
            &dir.join("book"),
            &dir.join("book-src"),
        )
        .map_err(|source| Error::Book {
            out: books.out.clone(),
            source,
        })
        .map_err(|e| super::relocate(e, dir, out))?;
        stages.suspend(|| {
            eprintln!(
                "books: part \"Your deployment\" ({}, {} rule(s), {} row(s) without a rule) from {} in {}",
                part.chapter,
                part.rules,
                part.skipped,
                d.file,
                part.locales.join(", ")
            )
        });
    }

    // The single files last (the diagnostics' and findings' were written
    // with the stage that made them).
    stages.start("write", 3, "files");
    put(dir, out, "portmatrix.json", |w| {
        portmatrix::json::write_json(m, &mut *w)
    })?;
    stages.tick();
    put(dir, out, "portmatrix.schema.json", |w| {
        w.write_all(portmatrix::json::schema().as_bytes())
    })?;
    stages.tick();
    let singles = 4;
    if cache.is_none() {
        // No PNGs this time: the next run with --png still finds them.
        portmatrix::pipeline::png_cache::PngCache::keep_previous_for_output(staging.out(), dir)
            .map_err(|e| super::relocate(Error::Write(e), dir, out))?;
    }
    let committed = staging.commit()?;
    stages.tick();
    stages.finish();
    if g.verbose {
        // Where the time went (the benchmarks' per-stage figures).
        eprintln!("stages: {}", stages.timings());
    }
    super::note_kept(&committed, out, g);
    if let Some(c) = &cache {
        eprintln!("{}", c.summary(out));
    }
    eprintln!(
        "built {} page(s), {} table(s), {} rule(s); diagnostics: {} error(s), {} warning(s), {} info; check findings: {} error(s), {} warning(s), {} style; {} file(s) in {} ({:.1} ms)",
        m.pages.len(),
        m.tables().count(),
        m.rules().count(),
        counted[0],
        counted[1],
        counted[2],
        found[0],
        found[1],
        found[2],
        singles + 1 + diagrams.files,
        out.display(),
        start.elapsed().as_secs_f64() * 1000.0
    );
    Ok(status)
}

/// The name of the file with every diagnostic, one line each.
pub const DIAGNOSTICS: &str = "diagnostics.txt";

/// The pages the diagrams stage draws (those with port tables).
fn drawn_pages(m: &portmatrix::model::Matrix) -> u64 {
    m.pages().filter(|p| !p.tables.is_empty()).count() as u64
}

/// Writes `<dir>/<name>` (a file of the staging folder); an error names the
/// file as it will be in `out`.
fn put(
    dir: &Path,
    out: &Path,
    name: &str,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Error> {
    let written = std::fs::File::create(dir.join(name)).and_then(|f| {
        let mut w = std::io::BufWriter::with_capacity(1 << 16, f);
        write(&mut w)?;
        w.flush()
    });
    written.map_err(|e| Error::Write(WriteError::new(out.join(name), e)))
}
