//! The mdBook preprocessor (feature `mdbook`): port tables, diagrams,
//! queries and check findings in any team's own book.
//!
//! A book turns it on in `book.toml`; mdBook then runs the
//! `mdbook-portmatrix` binary (or `portmatrix mdbook`, with
//! `command = "portmatrix mdbook"`) on mdBook 0.5's preprocessor protocol:
//! `supports <renderer>` first (exit 0 for `html` and `markdown`), then the
//! `[context, book]` JSON on standard input, the book JSON on standard
//! output ([`run_protocol`]).
//!
//! ```toml
//! [book]
//! language = "zh-CN"            # the tables' language (else en-US)
//!
//! [preprocessor.portmatrix]
//! source-docs = ["docs"]        # folders of TechNet pages, relative to the
//!                               # book; default: the pages built in
//! deployment = "deployment.toml" # addresses shown in the tables (optional)
//! fail-on = "error"             # a check finding this severe on a page the
//!                               # book shows fails the build (error,
//!                               # warning, info; default never)
//! ```
//!
//! # Directives
//!
//! Each stands alone on its line of a chapter (in a blockquote or a list
//! item too); `PAGE` is a page's asset id or its slug (the file name
//! without `.md`, `portmatrix pages` lists both); filter values are the
//! snake_case names of the JSON contract (`-` for `_` and any case are
//! accepted):
//!
//! ```text
//! {{#portmatrix table PAGE [kind=KIND] [direction=DIRECTION] [role=ROLE]}}
//! {{#portmatrix diagram PAGE topology|ports}}
//! {{#portmatrix query [port=N] [transport=tcp|udp] [page=PAGE] [kind=KIND]
//!                     [direction=DIRECTION] [role=ROLE] [from=ENDPOINT] [to=ENDPOINT]}}
//! {{#portmatrix findings PAGE}}
//! ```
//!
//! - `table`: the page's port tables (the filtered rows), one Markdown table
//!   each, captioned with the table's kind and heading;
//! - `diagram`: the page's topology or port map, inline SVG in a `<figure>`;
//! - `query`: the rules that match across the pages (one edition of each),
//!   a table per page;
//! - `findings`: what the consistency checks ([`crate::check::run`]) find
//!   on the page.
//!
//! Names are in the book's language ([`crate::names::Localized`]); of a
//! page in several locales, the edition in the book's language is shown
//! (else en-US, else any). Page text is escaped ([`escape::text`]): no
//! cell can inject HTML, Markdown or another directive into the book.
//! Directives in code blocks, code spans and HTML comments, and
//! `\{{#portmatrix …}}`, are left as written ([`directive::scan`]).
//!
//! # Errors
//!
//! An unknown directive, page, filter or value, a bad `book.toml` table,
//! source pages with errors, a bad deployment file and (with `fail-on`) a
//! finding on a page the book shows: every one is reported (chapter path
//! and line, what is wrong, what was expected) and the build fails; no
//! directive is left raw in the book.

pub mod directive;
pub mod escape;
mod render;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fmt;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use mdbook_preprocessor::PreprocessorContext;
use mdbook_preprocessor::book::{Book, BookItem};
use serde::Deserialize;
use serde::de::IgnoredAny;

use crate::check::Finding;
use crate::deploy::{DeployError, Deployment};
use crate::diag::Severity;
use crate::model::Matrix;
use crate::parse::{Source, parse_sources};

pub use directive::{Directive, Expected, Problem};
pub use render::{Block, Env};

/// The preprocessor's name: `[preprocessor.portmatrix]`, run as
/// `mdbook-portmatrix`.
pub const NAME: &str = "portmatrix";

/// The renderers whose output the directives are made for: HTML (inline SVG
/// and Markdown tables) and mdBook's Markdown renderer.
pub const RENDERERS: &[&str] = &["html", "markdown"];

/// Whether the preprocessor runs for `renderer` (`supports <renderer>`).
pub fn supports(renderer: &str) -> bool {
    RENDERERS.contains(&renderer)
}

/// `[preprocessor.portmatrix]` of `book.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// `source-docs`: folders of TechNet pages, relative to the book's
    /// root. Empty: the pages built into the binary.
    pub source_docs: Vec<PathBuf>,
    /// `deployment`: a deployment file, relative to the book's root; its
    /// addresses are shown in the tables.
    pub deployment: Option<PathBuf>,
    /// `fail-on`: the least severity of a check finding, on a page the book
    /// shows, that fails the build; `None` (`"never"`, the default): no
    /// finding does.
    pub fail_on: Option<Severity>,
}

/// The table as written; mdBook's own keys of every preprocessor table are
/// accepted and left to mdBook.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    source_docs: Option<Vec<PathBuf>>,
    deployment: Option<PathBuf>,
    fail_on: Option<String>,
    #[serde(rename = "command")]
    _command: Option<IgnoredAny>,
    #[serde(rename = "before")]
    _before: Option<IgnoredAny>,
    #[serde(rename = "after")]
    _after: Option<IgnoredAny>,
    #[serde(rename = "renderers")]
    _renderers: Option<IgnoredAny>,
    #[serde(rename = "optional")]
    _optional: Option<IgnoredAny>,
}

impl Config {
    /// Reads `[preprocessor.portmatrix]` of the book's configuration (all
    /// defaults when there is none).
    pub fn from_book(config: &mdbook_preprocessor::config::Config) -> Result<Config, Error> {
        let key = format!("preprocessor.{NAME}");
        let raw: Option<RawConfig> = config
            .get(&key)
            .map_err(|e| Error::Config(format!("{:#}", e)))?;
        let Some(raw) = raw else {
            return Ok(Config::default());
        };
        let fail_on = match raw.fail_on.as_deref() {
            None | Some("never") => None,
            Some("error") => Some(Severity::Error),
            Some("warning") => Some(Severity::Warning),
            Some("info") => Some(Severity::Info),
            Some(other) => {
                return Err(Error::Config(format!(
                    "unknown fail-on `{other}`\n  expected: error, warning, info, never"
                )));
            }
        };
        if raw.source_docs.as_ref().is_some_and(Vec::is_empty) {
            return Err(Error::Config(
                "source-docs is empty\n  expected: folders of TechNet pages, or no source-docs for the pages built in"
                    .to_string(),
            ));
        }
        Ok(Config {
            source_docs: raw.source_docs.unwrap_or_default(),
            deployment: raw.deployment,
            fail_on,
        })
    }

    /// The pages: `source-docs` parsed (folders relative to `root`, named
    /// in messages as written), or the embedded default. Source errors fail;
    /// warnings are counted in the returned lines.
    pub fn matrix(&self, root: &Path) -> Result<(Cow<'static, Matrix>, Vec<String>), Error> {
        if self.source_docs.is_empty() {
            return Ok((Cow::Borrowed(crate::embedded()), Vec::new()));
        }
        let sources: Vec<Source> = self
            .source_docs
            .iter()
            .map(|d| Source {
                root: root.join(d),
                display: d.to_string_lossy().replace('\\', "/"),
            })
            .collect();
        let m = parse_sources(&sources);
        let errors: Vec<String> = m
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.to_string())
            .collect();
        if !errors.is_empty() {
            return Err(Error::Sources(errors));
        }
        let warnings = m
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count();
        let mut notes = Vec::new();
        if warnings > 0 {
            notes.push(format!(
                "warning: source-docs: {warnings} warning(s) in the pages (`portmatrix pages --source-docs DIR` prints them)"
            ));
        }
        Ok((Cow::Owned(m), notes))
    }

    /// The deployment file, read relative to `root` and checked against the
    /// pages; `None` without `deployment`.
    pub fn deployment(&self, root: &Path, m: &Matrix) -> Result<Option<Deployment>, Error> {
        let Some(rel) = &self.deployment else {
            return Ok(None);
        };
        let name = rel.to_string_lossy().replace('\\', "/");
        let text = std::fs::read_to_string(root.join(rel)).map_err(|e| {
            Error::Deployment(vec![DeployError {
                file: name.clone(),
                at: None,
                message: format!("cannot read the deployment file: {e}"),
                expected: Vec::new(),
            }])
        })?;
        Deployment::parse(&text, &name, m)
            .map(Some)
            .map_err(Error::Deployment)
    }
}

/// A directive that cannot be rendered, where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirectiveError {
    /// The chapter's file, from the book's root (`src/ports.md`).
    pub chapter: String,
    /// 1-based line of the directive in the chapter (as mdBook hands it
    /// over: after `{{#include}}`s are expanded).
    pub line: u32,
    /// The directive as written (shortened).
    pub directive: String,
    /// What is wrong.
    pub message: String,
    /// What was expected there.
    pub expected: Vec<String>,
}

impl fmt::Display for DirectiveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: error: {}\n  in: {}",
            self.chapter, self.line, self.message, self.directive
        )?;
        write_expected(f, &self.expected)
    }
}

/// `  expected: a, b` (one a line when they are long).
fn write_expected(f: &mut fmt::Formatter<'_>, expected: &[String]) -> fmt::Result {
    if expected.is_empty() {
        return Ok(());
    }
    if expected.len() == 1 || expected.iter().map(|e| e.len() + 2).sum::<usize>() <= 90 {
        write!(f, "\n  expected: {}", expected.join(", "))
    } else {
        write!(f, "\n  expected one of:")?;
        for e in expected {
            write!(f, "\n    {e}")?;
        }
        Ok(())
    }
}

/// A check finding that fails the build (`fail-on`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailedFinding {
    /// The finding.
    pub finding: Finding,
    /// The directives that show its page (`src/ports.md:12`).
    pub shown_at: Vec<String>,
}

/// Why the preprocessor failed. Displays as one `error` per problem, each
/// with its place and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The standard input is not mdBook's `[context, book]`.
    Input(String),
    /// The book cannot be written to standard output.
    Output(String),
    /// `[preprocessor.portmatrix]` is not valid.
    Config(String),
    /// The pages of `source-docs` have errors (as the parser prints them).
    Sources(Vec<String>),
    /// The deployment file has errors.
    Deployment(Vec<DeployError>),
    /// Directives that cannot be rendered.
    Directives(Vec<DirectiveError>),
    /// `fail-on`: findings on pages the book shows.
    Findings {
        /// The `fail-on` severity.
        fail_on: Severity,
        /// The findings at least that severe.
        findings: Vec<FailedFinding>,
    },
}

impl Error {
    /// The exit status: 2 for errors in the book or its inputs, 1 when
    /// mdBook's input or output fails.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Input(_) | Error::Output(_) => 1,
            _ => 2,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Input(e) => write!(
                f,
                "error: standard input is not mdBook's [context, book] JSON: {e}"
            ),
            Error::Output(e) => write!(f, "error: cannot write the book: {e}"),
            Error::Config(e) => write!(f, "error: book.toml [preprocessor.{NAME}]: {e}"),
            Error::Sources(errors) => {
                for (i, e) in errors.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "{e}")?;
                }
                write!(
                    f,
                    "\nerror: source-docs: {} error(s) in the pages",
                    errors.len()
                )
            }
            Error::Deployment(errors) => {
                for (i, e) in errors.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "{e}")?;
                }
                Ok(())
            }
            Error::Directives(errors) => {
                for (i, e) in errors.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "{e}")?;
                }
                write!(
                    f,
                    "\nerror: {} {{{{#{NAME}}}}} directive(s) cannot be rendered",
                    errors.len()
                )
            }
            Error::Findings { fail_on, findings } => {
                for (i, x) in findings.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    let fi = &x.finding;
                    write!(
                        f,
                        "{}:{}: error: {}[{}] (fail-on = \"{fail_on}\"): {}\n  shown at: {}",
                        fi.path(),
                        fi.line(),
                        fi.severity,
                        fi.code,
                        fi.message,
                        x.shown_at.join(", ")
                    )?;
                }
                write!(
                    f,
                    "\nerror: {} check finding(s) on pages the book shows",
                    findings.len()
                )
            }
        }
    }
}

impl std::error::Error for Error {}

/// A preprocessed book.
#[derive(Debug)]
pub struct Processed {
    /// The book with every directive rendered.
    pub book: Book,
    /// Warnings to print (`warning: …`): directives whose filters match no
    /// rule, warnings in `source-docs`, another mdBook version.
    pub warnings: Vec<String>,
}

/// A chapter with its directives rendered.
struct Chapter {
    content: String,
    errors: Vec<DirectiveError>,
    /// The pages shown, each with the line of the directive.
    shown: Vec<(String, u32)>,
    warnings: Vec<String>,
}

/// Renders the directives of one chapter (`name` is its file from the
/// book's root, for messages).
fn expand(env: &Env<'_>, name: &str, content: &str) -> Chapter {
    let mut out = Chapter {
        content: String::new(),
        errors: Vec::new(),
        shown: Vec::new(),
        warnings: Vec::new(),
    };
    let mut replacements = Vec::new();
    for found in directive::scan(content) {
        let written = found.written(content).to_string();
        let rendered = found
            .words
            .clone()
            .and_then(|w| directive::parse(&w))
            .and_then(|d| env.render(&d));
        match rendered {
            Ok(block) => {
                for p in block.pages {
                    out.shown.push((p, found.line));
                }
                for w in block.warnings {
                    out.warnings.push(format!(
                        "warning: {name}:{}: {w}\n  in: {written}",
                        found.line
                    ));
                }
                replacements.push((found.range.clone(), directive::splice(&found, &block.text)));
            }
            Err(p) => out.errors.push(DirectiveError {
                chapter: name.to_string(),
                line: found.line,
                directive: written,
                message: p.message,
                expected: env.expected(&p.expected),
            }),
        }
    }
    let mut text = content.to_string();
    for (range, block) in replacements.into_iter().rev() {
        text.replace_range(range, &block);
    }
    out.content = text;
    out
}

/// `major.minor` of a version.
fn minor(v: &str) -> &str {
    let mut dots = v.match_indices('.');
    match dots.nth(1) {
        Some((i, _)) => &v[..i],
        None => v,
    }
}

/// Renders every directive of the book (the preprocessor's work, without
/// the protocol). All problems are reported at once.
pub fn process(ctx: &PreprocessorContext, mut book: Book) -> Result<Processed, Error> {
    let config = Config::from_book(&ctx.config)?;
    let (m, mut warnings) = config.matrix(&ctx.root)?;
    let deployment = config.deployment(&ctx.root, &m)?;
    if minor(&ctx.mdbook_version) != minor(mdbook_preprocessor::MDBOOK_VERSION) {
        warnings.push(format!(
            "warning: {NAME} is built for mdBook {}, called by mdBook {}",
            mdbook_preprocessor::MDBOOK_VERSION,
            ctx.mdbook_version
        ));
    }
    let lang = ctx
        .config
        .book
        .language
        .clone()
        .filter(|l| !l.trim().is_empty())
        .unwrap_or_else(|| "en-US".to_string());
    let env = Env::new(&m, &lang, deployment);
    let src = &ctx.config.book.src;
    let mut errors = Vec::new();
    let mut shown: BTreeMap<String, Vec<String>> = BTreeMap::new();
    book.for_each_mut(|item| {
        let BookItem::Chapter(ch) = item else {
            return;
        };
        let Some(file) = ch.source_path.as_ref().or(ch.path.as_ref()) else {
            return;
        };
        let name = src.join(file).to_string_lossy().replace('\\', "/");
        let done = expand(&env, &name, &ch.content);
        ch.content = done.content;
        errors.extend(done.errors);
        warnings.extend(done.warnings);
        for (page, line) in done.shown {
            let at = format!("{name}:{line}");
            let list = shown.entry(page).or_default();
            if !list.contains(&at) {
                list.push(at);
            }
        }
    });
    if !errors.is_empty() {
        return Err(Error::Directives(errors));
    }
    if let Some(fail_on) = config.fail_on {
        let findings: Vec<FailedFinding> = env
            .findings()
            .iter()
            .filter(|f| f.severity <= fail_on)
            .filter_map(|f| {
                shown.get(f.path()).map(|at| FailedFinding {
                    finding: f.clone(),
                    shown_at: at.clone(),
                })
            })
            .collect();
        if !findings.is_empty() {
            return Err(Error::Findings { fail_on, findings });
        }
    }
    Ok(Processed { book, warnings })
}

/// The preprocessor protocol: reads `[context, book]` JSON from `input`,
/// writes the book JSON to `output`, and returns the warnings to print.
pub fn run_protocol(input: impl Read, mut output: impl Write) -> Result<Vec<String>, Error> {
    let (ctx, book) =
        mdbook_preprocessor::parse_input(input).map_err(|e| Error::Input(format!("{e:#}")))?;
    let done = process(&ctx, book)?;
    serde_json::to_writer(&mut output, &done.book).map_err(|e| Error::Output(e.to_string()))?;
    output.flush().map_err(|e| Error::Output(e.to_string()))?;
    Ok(done.warnings)
}

/// The preprocessor as mdBook's library API takes it
/// (`MDBook::with_preprocessor`); warnings go to standard error.
#[derive(Debug, Clone, Copy, Default)]
pub struct PortmatrixPreprocessor;

impl mdbook_preprocessor::Preprocessor for PortmatrixPreprocessor {
    fn name(&self) -> &str {
        NAME
    }

    fn run(
        &self,
        ctx: &PreprocessorContext,
        book: Book,
    ) -> mdbook_preprocessor::errors::Result<Book> {
        let done = process(ctx, book).map_err(mdbook_preprocessor::errors::Error::new)?;
        for w in &done.warnings {
            eprintln!("{w}");
        }
        Ok(done.book)
    }

    fn supports_renderer(&self, renderer: &str) -> mdbook_preprocessor::errors::Result<bool> {
        Ok(supports(renderer))
    }
}

/// What the preprocessor prints when someone runs it in a terminal.
pub const USAGE: &str = "\
mdbook-portmatrix: the portmatrix preprocessor for mdBook 0.5

mdBook runs it for a book whose book.toml has [preprocessor.portmatrix]:
  mdbook-portmatrix supports <renderer>   exit 0 if the renderer is supported (html, markdown)
  mdbook-portmatrix                       read [context, book] JSON on stdin, write the book on stdout

Directives (one a line, in any chapter):
  {{#portmatrix table PAGE [kind=…] [direction=…] [role=…]}}
  {{#portmatrix diagram PAGE topology|ports}}
  {{#portmatrix query [port=…] [transport=tcp|udp] [page=…] [kind=…] [direction=…] [role=…] [from=…] [to=…]}}
  {{#portmatrix findings PAGE}}";

/// The preprocessor's standard streams: the book from standard input to
/// standard output, warnings and errors on standard error. Returns the exit
/// status (0, or [`Error::exit_code`]).
pub fn run_stdio(quiet: bool) -> ExitCode {
    let stdin = std::io::stdin();
    if std::io::IsTerminal::is_terminal(&stdin) {
        eprintln!(
            "reading mdBook's [context, book] JSON on standard input (mdbook build runs this)"
        );
    }
    match run_protocol(stdin.lock(), std::io::stdout().lock()) {
        Ok(warnings) => {
            if !quiet {
                for w in warnings {
                    eprintln!("{w}");
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(e.exit_code())
        }
    }
}

/// The `mdbook-portmatrix` binary: `supports <renderer>`, `--help`,
/// `--version`, or the protocol on the standard streams.
pub fn main(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    let args: Vec<String> = args
        .into_iter()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        [] => run_stdio(false),
        ["supports", renderer] => {
            if supports(renderer) {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        ["-h" | "--help"] => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        ["-V" | "--version"] => {
            println!("mdbook-portmatrix {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        other => {
            eprintln!(
                "error: unexpected arguments: {}\n\n{USAGE}",
                other.join(" ")
            );
            ExitCode::from(2)
        }
    }
}
