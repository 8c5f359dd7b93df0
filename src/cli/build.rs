//! `portmatrix build`.

use std::path::PathBuf;
use std::process::ExitCode;

use portmatrix::diag::Severity;
use portmatrix::diagram::Format;
use portmatrix::output::write_atomic;
use portmatrix::pipeline::WriteError;

use super::exit::Error;
use super::global::Global;
use super::inputs::Inputs;

/// Write every output (JSON, JSON Schema, diagnostics, findings, diagrams, the books) under --out.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    inputs: Inputs,
    /// Output directory.
    #[arg(long, default_value = "out", value_name = "DIR")]
    out: PathBuf,
}

/// Writes every output, then a summary line. The checks run once: their
/// findings go both to `findings.*` and to the books.
pub fn run(args: &Args, g: &Global) -> Result<ExitCode, Error> {
    let start = std::time::Instant::now();
    let out = &args.out;
    let (loaded, status) = args.inputs.load(g, true)?;
    let m = loaded.get();
    // Everything is computed before the first file is written.
    let findings = portmatrix::check::run(m);
    let [findings_json, findings_txt] = portmatrix::check::render::build_files_from(m, &findings);
    let json_path = out.join("portmatrix.json");
    portmatrix::output::write_atomic_with(&json_path, |w| portmatrix::json::write_json(m, w))
        .map_err(|e| WriteError::new(&json_path, e))?;
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
        let path = out.join(name);
        write_atomic(&path, contents.as_bytes()).map_err(|e| WriteError::new(&path, e))?;
    }
    let formats = [Format::Svg, Format::Png, Format::Mermaid];
    let diagrams = super::diagrams::write(m, &out.join("diagrams"), &formats, g)?;
    let books = portmatrix::book::Options::new(out.join("book"));
    super::book::build(m, &books, &findings)?;
    let count = |s: Severity| m.diagnostics.iter().filter(|d| d.severity == s).count();
    let found = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    eprintln!(
        "built {} page(s), {} table(s), {} rule(s); diagnostics: {} error(s), {} warning(s), {} info; check findings: {} error(s), {} warning(s), {} info; {} file(s) in {} ({:.1} ms)",
        m.pages.len(),
        m.tables().count(),
        m.rules().count(),
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
        found(Severity::Error),
        found(Severity::Warning),
        found(Severity::Info),
        files.len() + 1 + diagrams,
        out.display(),
        start.elapsed().as_secs_f64() * 1000.0
    );
    Ok(status)
}
