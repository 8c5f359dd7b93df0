//! Printing the inputs' diagnostics.

use portmatrix::diag::Severity;

use super::global::Global;

/// Prints a diagnostic to stderr if the verbosity asks for it: errors
/// always, warnings unless `--quiet`, info with `--verbose`.
pub fn print(d: &portmatrix::Diagnostic, g: &Global) {
    let show = match d.severity {
        Severity::Error => true,
        Severity::Warning => !g.quiet,
        Severity::Info => g.verbose,
    };
    if show {
        eprintln!("{d}");
    }
}
