//! Bakes the docs tree into the crate.
//!
//! This script includes the crate's own model, diagnostics and parser sources
//! (`#[path]` modules), so the data baked here and what `portmatrix json`
//! parses at run time come from one parser. A page with errors fails the build
//! with the same `file:line: error[code]: message` the CLI prints.

use std::path::PathBuf;

#[allow(dead_code)]
#[path = "src/bake.rs"]
mod bake;
#[allow(dead_code)]
#[path = "src/diag.rs"]
mod diag;
#[allow(dead_code)]
#[path = "src/model.rs"]
mod model;
#[allow(dead_code)]
#[path = "src/parse/mod.rs"]
mod parse;

fn main() {
    let manifest = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    );
    println!("cargo:rerun-if-env-changed=PORTMATRIX_SOURCE_DOCS");
    let source = match std::env::var_os("PORTMATRIX_SOURCE_DOCS") {
        Some(p) if !p.is_empty() => parse::Source::new(PathBuf::from(p)),
        _ => parse::Source {
            root: manifest.join("source-docs"),
            display: "source-docs".to_string(),
        },
    };
    // The directory itself (files added or removed) and every page.
    println!("cargo:rerun-if-changed={}", source.root.display());
    let (files, _) = parse::discover(&source);
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
    }

    let matrix = parse::parse_sources(std::slice::from_ref(&source));
    let mut failed = false;
    for d in matrix.diagnostics.iter() {
        let one_line = d.to_string().replace('\n', "; ");
        match d.severity {
            diag::Severity::Error => {
                failed = true;
                eprintln!("{d}");
                println!("cargo::error={one_line}");
            }
            diag::Severity::Warning => println!("cargo::warning={one_line}"),
            diag::Severity::Info => {}
        }
    }
    if failed {
        std::process::exit(1);
    }
    let out =
        PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("baked.rs");
    if let Err(e) = std::fs::write(&out, bake::bake_matrix(&matrix)) {
        println!("cargo::error=cannot write {}: {e}", out.display());
        std::process::exit(1);
    }
}
