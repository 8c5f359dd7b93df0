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

/// How many warnings `build` prints in full before it summarizes the rest.
pub const SHOWN: usize = 10;

/// Prints the diagnostics of a command that writes them all to a file
/// (`build`: `out/diagnostics.txt`): every error, the first [`SHOWN`]
/// warnings (none with `--quiet`), then, when some were left out, how many
/// of each code there are and where the full list is. `--verbose` prints
/// every diagnostic, info included, as the other commands do. `written` says
/// whether the file will be written (not when errors stop the run): when it
/// will not, every diagnostic is printed.
///
/// Why: a large tree has thousands of warnings; printed one by one they
/// bury the errors and the summary, and the file holds them anyway.
pub fn print_summarized(
    ds: &[portmatrix::Diagnostic],
    g: &Global,
    sources: &[Source],
    written: bool,
    file: &std::path::Path,
) {
    if g.verbose || !written {
        for d in ds {
            print(d, g, sources);
        }
        return;
    }
    let mut warnings = 0;
    let mut left_out = 0;
    for d in ds {
        let show = match d.severity {
            Severity::Error => true,
            Severity::Warning => {
                warnings += 1;
                warnings <= SHOWN
            }
            Severity::Info => false,
        };
        if show {
            print(d, g, sources);
        } else if d.severity == Severity::Warning && !g.quiet {
            left_out += 1;
        }
    }
    if left_out == 0 {
        return;
    }
    eprintln!(
        "note: {left_out} more warning(s) not shown (-v shows every diagnostic); all {} diagnostic(s) are in {}:",
        ds.len(),
        file.display()
    );
    for line in by_code(ds) {
        eprintln!("  {line}");
    }
}

/// `code: 3 error(s), 1,200 warning(s)` per code, the most frequent first
/// (then by code, so that the order never depends on anything else).
pub fn by_code(ds: &[portmatrix::Diagnostic]) -> Vec<String> {
    use std::collections::BTreeMap;
    let mut counts: BTreeMap<String, [usize; 3]> = BTreeMap::new();
    for d in ds {
        let c = counts.entry(d.code.to_string()).or_default();
        c[match d.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        }] += 1;
    }
    let mut rows: Vec<(String, [usize; 3])> = counts.into_iter().collect();
    rows.sort_by(|a, b| {
        b.1.iter()
            .sum::<usize>()
            .cmp(&a.1.iter().sum::<usize>())
            .then_with(|| a.0.cmp(&b.0))
    });
    rows.into_iter()
        .map(|(code, [e, w, i])| {
            let parts: Vec<String> = [(e, "error(s)"), (w, "warning(s)"), (i, "info")]
                .into_iter()
                .filter(|(n, _)| *n > 0)
                .map(|(n, what)| format!("{n} {what}"))
                .collect();
            format!("{code}: {}", parts.join(", "))
        })
        .collect()
}
