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

/// Exit status 2 when the input had `errors`: `Err` (stop, write nothing)
/// without `--keep-going`, `Ok(2)` (go on, then exit 2) with it.
pub fn input_status(
    errors: usize,
    g: &Global,
) -> Result<std::process::ExitCode, super::exit::Error> {
    use std::process::ExitCode;
    if errors == 0 {
        Ok(ExitCode::SUCCESS)
    } else if g.keep_going {
        eprintln!(
            "error: {errors} error(s) in the input; --keep-going: writing the pages without errors"
        );
        Ok(ExitCode::from(super::exit::INPUT_ERRORS))
    } else {
        Err(super::exit::Error::Input { errors })
    }
}
