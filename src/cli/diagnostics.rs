//! Printing the inputs' diagnostics, rustc-style (see `portmatrix::snippet`).

use std::cell::RefCell;

use portmatrix::diag::Severity;
use portmatrix::parse::Source;
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
///
/// The outputs name a page relative to its tree (`corpus/en-US/p.md`); here
/// it is spelled with `--source-docs` as typed (`../corpus/en-US/p.md`), so
/// that a person can open the file from where the command ran (and the
/// snippet renderer can read the line it shows).
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
    let shown;
    let d = match typed {
        Some(t) if t != d.path => {
            let mut copy = d.clone();
            copy.path = t.into();
            shown = copy;
            &shown
        }
        _ => d,
    };
    let text = RENDERER.with(|r| {
        r.borrow_mut()
            .get_or_insert_with(|| SnippetRenderer::new(g.color.for_stderr()))
            .render(d)
    });
    eprint!("{text}");
}
