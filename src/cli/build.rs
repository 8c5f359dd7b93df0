//! `portmatrix build`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use portmatrix::check::Level;
use portmatrix::diag::Severity;
use portmatrix::diagram::Format;
use portmatrix::output::Staging;
use portmatrix::pipeline::WriteError;

use super::exit::Error;
use super::global::Global;
use super::inputs::Inputs;

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
}

/// Writes every output, then a summary line. The checks run once, the
/// catalog checks included (as `portmatrix check` runs them): their
/// findings go both to `findings.*` and to the books.
pub fn run(args: &Args, g: &Global) -> Result<ExitCode, Error> {
    let start = std::time::Instant::now();
    let out = &args.out;
    // A refused or busy --out fails before any parsing; the lock is held to
    // the end, and dropping `staging` on any error frees what was written.
    let staging = Staging::begin(out, &args.inputs.protected())?;
    let (loaded, status) = args.inputs.load(g, true)?;
    let m = loaded.get();
    let deployment = match &args.deployment {
        Some(path) => Some(super::firewall::load_deployment(path, m)?),
        None => None,
    };
    let dir = staging.dir();
    // Every check of `portmatrix check`, the books' catalogs included.
    let findings =
        portmatrix::pipeline::translations::check_findings(m).map_err(Error::Catalogs)?;
    let [findings_json, findings_txt] = portmatrix::check::render::build_files_from(m, &findings);
    put(dir, out, "portmatrix.json", |w| {
        portmatrix::json::write_json(m, &mut *w)
    })?;
    let files = [
        ("portmatrix.schema.json", portmatrix::json::schema()),
        (
            "diagnostics.txt",
            m.diagnostics.iter().map(|d| format!("{d}\n")).collect(),
        ),
        findings_json,
        findings_txt,
    ];
    for (name, contents) in &files {
        put(dir, out, name, |w| w.write_all(contents.as_bytes()))?;
    }
    let formats = [Format::Svg, Format::Png, Format::Mermaid];
    let diagrams = super::diagrams::write(m, &dir.join("diagrams"), &formats, g)
        .map_err(|e| super::relocate(e, dir, out))?;
    // Every locale that has pages or a catalog, with --i18n DIR's catalogs.
    let mut books = portmatrix::book::Options::new(out.join("book"));
    books.catalogs = g.i18n.clone();
    super::book::build_into(
        m,
        &books,
        &findings,
        &dir.join("book"),
        &dir.join("book-src"),
    )
    .map_err(|e| super::relocate(e, dir, out))?;
    if let Some(d) = &deployment {
        let part = portmatrix::pipeline::book_deployment::add_deployment_part(
            m,
            d,
            &findings,
            &books,
            &dir.join("book"),
            &dir.join("book-src"),
        )
        .map_err(|source| Error::Book {
            out: books.out.clone(),
            source,
        })
        .map_err(|e| super::relocate(e, dir, out))?;
        eprintln!(
            "books: part \"Your deployment\" ({}, {} rule(s), {} row(s) without a rule) from {} in {}",
            part.chapter,
            part.rules,
            part.skipped,
            d.file,
            part.locales.join(", ")
        );
    }
    let committed = staging.commit()?;
    super::note_kept(&committed, out, g);
    let count = |s: Severity| m.diagnostics.iter().filter(|d| d.severity == s).count();
    let found = |l: Level| findings.iter().filter(|f| f.level() == l).count();
    eprintln!(
        "built {} page(s), {} table(s), {} rule(s); diagnostics: {} error(s), {} warning(s), {} info; check findings: {} error(s), {} warning(s), {} style; {} file(s) in {} ({:.1} ms)",
        m.pages.len(),
        m.tables().count(),
        m.rules().count(),
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
        found(Level::Error),
        found(Level::Warning),
        found(Level::Style),
        files.len() + 1 + diagrams,
        out.display(),
        start.elapsed().as_secs_f64() * 1000.0
    );
    Ok(status)
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
