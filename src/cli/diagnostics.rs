//! Printing the inputs' diagnostics, rustc-style (see `portmatrix::snippet`).

use std::cell::RefCell;

use portmatrix::diag::Severity;
use portmatrix::snippet::SnippetRenderer;

use super::global::Global;

thread_local! {
    // One renderer for the process: it reads each page once to show its
    // lines, however many diagnostics point into it and whichever command
    // prints them.
    static RENDERER: RefCell<Option<SnippetRenderer>> = const { RefCell::new(None) };
}

/// Prints a diagnostic to stderr if the verbosity asks for it: errors
/// always, warnings unless `--quiet`, info with `--verbose`.
pub fn print(d: &portmatrix::Diagnostic, g: &Global) {
    let show = match d.severity {
        Severity::Error => true,
        Severity::Warning => !g.quiet,
        Severity::Info => g.verbose,
    };
    if show {
        let text = RENDERER.with(|r| {
            r.borrow_mut()
                .get_or_insert_with(|| SnippetRenderer::new(g.color.for_stderr()))
                .render(d)
        });
        eprint!("{text}");
    }
}
