//! Bakes the docs tree into the crate (feature `bake`, on by default).
//!
//! The parser is the `portmatrix-parse` crate, called here like any
//! dependency, so the data baked here and what `portmatrix json` parses at run
//! time come from one parser. A page with errors fails the build with the same
//! `file:line: error[code]: message` the CLI prints.
//!
//! Without `bake` (a data-only consumer, `default-features = false`) this
//! script does nothing and `src/data/mod.rs` includes the committed
//! `src/data/baked.rs`, so no parser is compiled. With `bake`, the committed
//! file is compared with what the parser makes of `source-docs/` and a stale
//! one is reported (or rewritten when `PORTMATRIX_UPDATE_BAKED=1`).

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    #[cfg(feature = "bake")]
    bake::run();
}

#[cfg(feature = "bake")]
mod bake {
    use std::path::PathBuf;

    use portmatrix_model::diag::Severity;
    use portmatrix_parse as parse;

    /// The committed baked data, relative to the manifest directory.
    const COMMITTED: &str = "src/data/baked.rs";

    pub fn run() {
        let manifest = PathBuf::from(
            std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
        );
        println!("cargo:rerun-if-env-changed=PORTMATRIX_SOURCE_DOCS");
        println!("cargo:rerun-if-env-changed=PORTMATRIX_UPDATE_BAKED");
        println!("cargo:rerun-if-changed={COMMITTED}");
        let custom = std::env::var_os("PORTMATRIX_SOURCE_DOCS").filter(|p| !p.is_empty());
        let source = match &custom {
            Some(p) => parse::Source::new(PathBuf::from(p)),
            None => parse::Source {
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
            // Pages are named relative to the tree (`<folder>/<path>`); the
            // message names the file as PORTMATRIX_SOURCE_DOCS spelled it, so
            // that it can be opened.
            let mut d = d.clone();
            if let Some(typed) = source.typed_path(&d.path) {
                d.path = typed.into();
            }
            let one_line = d.to_string().replace('\n', "; ");
            match d.severity {
                Severity::Error => {
                    failed = true;
                    eprintln!("{d}");
                    println!("cargo::error={one_line}");
                }
                Severity::Warning => println!("cargo::warning={one_line}"),
                Severity::Info => {}
            }
        }
        if failed {
            std::process::exit(1);
        }
        let baked = parse::bake::bake_matrix(&matrix);
        let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"))
            .join("baked.rs");
        if let Err(e) = std::fs::write(&out, &baked) {
            println!("cargo::error=cannot write {}: {e}", out.display());
            std::process::exit(1);
        }
        // Only the default docs tree is committed: a custom one is baked into
        // OUT_DIR alone.
        if custom.is_none() {
            verify_committed(&manifest.join(COMMITTED), &baked);
        }
    }

    /// Compares the committed data with a fresh bake; rewrites it on request.
    fn verify_committed(path: &std::path::Path, baked: &str) {
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        if committed == baked {
            return;
        }
        if std::env::var_os("PORTMATRIX_UPDATE_BAKED").is_some_and(|v| v == "1") {
            if let Err(e) = std::fs::write(path, baked) {
                println!("cargo::error=cannot write {}: {e}", path.display());
                std::process::exit(1);
            }
        } else {
            println!(
                "cargo::warning={COMMITTED} is stale: source-docs/ changed since it was baked; \
                 a build without the `bake` feature would use the old data. \
                 Regenerate it with `PORTMATRIX_UPDATE_BAKED=1 cargo build`."
            );
        }
    }
}
