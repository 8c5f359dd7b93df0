//! Diagnostics as a person reads them in a terminal: rustc's layout, drawn by
//! annotate-snippets (the library rustc itself uses), so that the underline
//! sits under the cell that is wrong, as wide as it is on screen (CJK text is
//! two columns a character), colored only when the terminal and `NO_COLOR`
//! allow.
//!
//! ```text
//! error[reversed_range]: range 59999-50000 runs backwards
//!   --> docs/zh-CN/page.md:99:13
//!    |
//! 99 |     <td><p>A/V/RTP/TCP/59,999-50,000</p></td>
//!    |            ^^^^^^^^^^^^^^^^^^^^^^^^^ expected: the lower port first: 50000-59999
//! ```
//!
//! The one-line form (`path:line: severity[code]: message`, the
//! [`Diagnostic`]'s `Display`) stays the format of files such as
//! `out/diagnostics.txt`, where one line a diagnostic is what tools grep.
//!
//! ```
//! use portmatrix::snippet::{ColorChoice, SnippetRenderer};
//! let d = &portmatrix::embedded().diagnostics[0]; // source-docs/README.md is not a page
//! let mut r = SnippetRenderer::new(ColorChoice::Never.for_stderr());
//! assert!(r.render(d).starts_with("info[skipped_path]: not a docs page"));
//! ```

use std::collections::HashMap;
use std::path::Path;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use crate::diag::{Diagnostic, Severity};

/// Pages larger than this are not read again to show a snippet (the parser
/// already refused or read them; the one-line location is enough).
const MAX_SOURCE_BYTES: u64 = 16 << 20;

/// When to color the output, as `--color` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum ColorChoice {
    /// Color when stderr is a terminal and neither `NO_COLOR` nor
    /// `CLICOLOR=0` is set (`CLICOLOR_FORCE` forces it).
    #[default]
    Auto,
    /// Always color.
    Always,
    /// Never color.
    Never,
}

impl ColorChoice {
    /// Whether to color text written to stderr.
    pub fn for_stderr(self) -> bool {
        self.decide(|| anstream::AutoStream::choice(&std::io::stderr()))
    }

    /// Whether to color text written to stdout (the `check` report).
    pub fn for_stdout(self) -> bool {
        self.decide(|| anstream::AutoStream::choice(&std::io::stdout()))
    }

    fn decide(self, auto: impl FnOnce() -> anstream::ColorChoice) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => !matches!(auto(), anstream::ColorChoice::Never),
        }
    }
}

/// Renders diagnostics with snippets of the pages they point into. Each page
/// is read at most once.
pub struct SnippetRenderer {
    renderer: Renderer,
    sources: HashMap<String, Option<String>>,
}

impl SnippetRenderer {
    /// A renderer with or without ANSI colors.
    pub fn new(color: bool) -> SnippetRenderer {
        SnippetRenderer {
            renderer: if color {
                Renderer::styled()
            } else {
                Renderer::plain()
            },
            sources: HashMap::new(),
        }
    }

    /// The diagnostic, rustc-style, ending in a newline. When its page
    /// cannot be read (the embedded data, a file that is gone), the location
    /// is shown without a snippet.
    ///
    /// ```
    /// use portmatrix::diag::{Code, Diagnostic, Severity};
    /// let d = Diagnostic::new(Severity::Error, Code::InvalidPort, "gone.md", 3, "port 99999 is out of range 1-65535");
    /// let text = portmatrix::snippet::SnippetRenderer::new(false).render(&d);
    /// assert!(text.starts_with("error[invalid_port]: port 99999 is out of range 1-65535\n"));
    /// assert!(text.contains("--> gone.md:3"));
    /// assert!(text.ends_with("\n\n"), "a blank line after each");
    /// ```
    pub fn render(&mut self, d: &Diagnostic) -> String {
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Info => Level::INFO,
        };
        let code = d.code.to_string();
        let title = level.primary_title(d.message.as_ref()).id(code.as_str());
        let expected = d.expected.as_deref().map(|e| format!("expected: {e}"));
        let line_text = source_line(&mut self.sources, &d.path, d.line);
        // The cell is repeated in a note only when the snippet cannot show it
        // (no source, or the line holds it in another spelling).
        let mut cell_shown = false;
        let mut group: Group<'_> = match line_text {
            Some(text) => {
                let found = d.cell.as_deref().and_then(|c| find_cell(text, c));
                cell_shown = found.as_ref().is_some_and(|f| f.exact);
                let span = found.map(|f| f.span).unwrap_or_else(|| trimmed(text));
                let mut ann = AnnotationKind::Primary.span(span);
                if let Some(e) = &expected {
                    ann = ann.label(e.as_str());
                }
                title.element(
                    Snippet::source(text)
                        .line_start(d.line as usize)
                        .path(d.path.as_ref())
                        .annotation(ann),
                )
            }
            None => {
                let mut origin = Origin::path(d.path.as_ref());
                if d.line > 0 {
                    origin = origin.line(d.line as usize);
                }
                let mut g = title.element(origin);
                if let Some(e) = &expected {
                    g = g.element(Level::NOTE.message(e.as_str()));
                }
                g
            }
        };
        let cell_note = d
            .cell
            .as_deref()
            .filter(|_| !cell_shown)
            .map(|c| format!("cell: `{c}`"));
        if let Some(c) = &cell_note {
            group = group.element(Level::NOTE.message(c.as_str()));
        }
        // A blank line after each, as rustc does, so that a list reads.
        let mut out = self.renderer.render(&[group]);
        out.push_str("\n\n");
        out
    }
}

/// Line `line` (1-based) of the page at `path`, if it can be read.
fn source_line<'s>(
    sources: &'s mut HashMap<String, Option<String>>,
    path: &str,
    line: u32,
) -> Option<&'s str> {
    if line == 0 {
        return None;
    }
    let text = sources
        .entry(path.to_string())
        .or_insert_with(|| read_source(Path::new(path)))
        .as_deref()?;
    text.split('\n')
        .nth(line as usize - 1)
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
}

fn read_source(path: &Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX_SOURCE_BYTES {
        return None;
    }
    std::fs::read_to_string(path).ok()
}

/// Where a cell stands in its line.
struct Found {
    span: std::ops::Range<usize>,
    /// The whole cell text, not only its first word.
    exact: bool,
}

/// Where the cell's text stands in the line: exactly, else its first word
/// (the line holds HTML, the cell is decoded text).
fn find_cell(line: &str, cell: &str) -> Option<Found> {
    let cell = cell.trim();
    if cell.is_empty() {
        return None;
    }
    if let Some(at) = line.find(cell) {
        return Some(Found {
            span: at..at + cell.len(),
            exact: true,
        });
    }
    let word = cell.split_whitespace().next()?;
    line.find(word).map(|at| Found {
        span: at..at + word.len(),
        exact: false,
    })
}

/// The line without its leading and trailing blanks (never empty).
fn trimmed(line: &str) -> std::ops::Range<usize> {
    let start = line.len() - line.trim_start().len();
    let end = line.trim_end().len().max(start);
    if start == end {
        0..line.len()
    } else {
        start..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Code;

    #[test]
    fn underline_spans_the_cell_in_display_columns() {
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("p.md");
        std::fs::write(&page, "a\n<td><p>访问/SIP/TCP/99999</p></td>\n").unwrap();
        let path = page.to_string_lossy().into_owned();
        let mut d = Diagnostic::new(
            Severity::Error,
            Code::InvalidPort,
            path.clone(),
            2,
            "port 99999 is out of range 1-65535",
        );
        d.cell = Some("访问/SIP/TCP/99999".into());
        d.expected = Some("a port from 1 to 65535".into());
        let text = SnippetRenderer::new(false).render(&d);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "error[invalid_port]: port 99999 is out of range 1-65535"
        );
        assert_eq!(lines[1], format!(" --> {path}:2:8"));
        assert_eq!(lines[3], "2 | <td><p>访问/SIP/TCP/99999</p></td>");
        // Two Han characters are four columns: 4 + 14 = 18 carets.
        assert_eq!(
            lines[4],
            format!(
                "  |        {} expected: a port from 1 to 65535",
                "^".repeat(18)
            )
        );
        assert_eq!(
            lines.len(),
            6,
            "the cell is in the snippet, not repeated: {text}"
        );
        assert_eq!(lines[5], "", "a blank line after each diagnostic");
    }

    #[test]
    fn unreadable_pages_show_the_location_alone() {
        let d = Diagnostic::new(
            Severity::Warning,
            Code::EmptyFile,
            "nowhere.md",
            0,
            "the file is empty",
        );
        let text = SnippetRenderer::new(false).render(&d);
        assert_eq!(
            text,
            "warning[empty_file]: the file is empty\n--> nowhere.md\n\n"
        );
    }
}
