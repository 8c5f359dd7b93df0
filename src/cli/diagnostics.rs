//! Printing the inputs' diagnostics.

use portmatrix::diag::Severity;
use portmatrix::parse::Source;

use super::global::Global;

/// Prints a diagnostic to stderr if the verbosity asks for it: errors
/// always, warnings unless `--quiet`, info with `--verbose`.
///
/// The outputs name a page relative to its tree (`corpus/en-US/p.md`); here
/// it is spelled with `--source-docs` as typed (`../corpus/en-US/p.md`), so
/// that a person can open the file from where the command ran.
pub fn print(d: &portmatrix::Diagnostic, g: &Global, sources: &[Source]) {
    let show = match d.severity {
        Severity::Error => true,
        Severity::Warning => !g.quiet,
        Severity::Info => g.verbose,
    };
    if !show {
        return;
    }
    // The tree with the longest name that the path starts with.
    let typed = sources
        .iter()
        .filter_map(|s| s.typed_path(&d.path).map(|t| (s.display.len(), t)))
        .max_by_key(|(n, _)| *n)
        .map(|(_, t)| t);
    match typed {
        Some(t) if t != d.path => {
            let mut d = d.clone();
            d.path = t.into();
            eprintln!("{d}");
        }
        _ => eprintln!("{d}"),
    }
}
