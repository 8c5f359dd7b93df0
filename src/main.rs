//! The `portmatrix` command line. See `portmatrix --help`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use portmatrix::diag::Severity;
use portmatrix::model::{Matrix, Transport};
use portmatrix::names::{self, Localized};
use portmatrix::parse::Source;

mod perf;

/// Compile Microsoft TechNet Lync Server 2013 port-summary pages into a typed
/// firewall matrix.
///
/// Without --source-docs every command works on the embedded default: the
/// pages baked into this binary at build time (source-docs/ of the crate).
/// With --source-docs DIR (repeatable) the pages are parsed now; DIR is
/// searched recursively for .md files with TechNet front matter.
///
/// Exit status: 0 on success, 2 when an input has errors (each printed as
/// file:line: error[code]: message), 1 on other failures.
#[derive(Parser)]
#[command(name = "portmatrix", version, about, long_about, after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Do not print warnings (errors are always printed).
    #[arg(long, short, global = true)]
    quiet: bool,
    /// Also print info diagnostics (inferred transports, …).
    #[arg(long, short, global = true)]
    verbose: bool,
    /// Parse with N threads (default: all cores, or RAYON_NUM_THREADS). The
    /// output is the same whatever N.
    #[arg(long, short = 'j', global = true, value_name = "N")]
    jobs: Option<usize>,
    /// When some pages have errors, still process and write the others: the
    /// pages with errors are left out of the output, their diagnostics are
    /// kept, and the exit status is still 2.
    #[arg(long, global = true)]
    keep_going: bool,
}

const EXAMPLES: &str = "Examples:
  portmatrix build                                  # JSON + schema of the embedded default into ./out
  portmatrix json --source-docs ../docs -o m.json   # parse another docs tree
  portmatrix query --port 443 --transport tcp       # which rules open TCP 443?
  portmatrix query --port 3478 --locale zh-CN       # names in Chinese
  portmatrix book --out out/book                    # zh-CN and en-US runbook books (HTML)
  portmatrix i18n update                            # refresh i18n/portmatrix.pot and i18n/*.po";

#[derive(clap::Args, Clone)]
pub(crate) struct Inputs {
    /// A docs tree to parse instead of the embedded default (repeatable).
    #[arg(long = "source-docs", value_name = "DIR")]
    source_docs: Vec<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Print the matrix as JSON (the contract is in README and `portmatrix schema`).
    Json {
        #[command(flatten)]
        inputs: Inputs,
        /// Write to FILE (atomically) instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Print the JSON Schema of the JSON document.
    Schema,
    /// Show the rules that open a port, as a table.
    Query {
        /// The port to look up (a rule matches when its range contains it).
        #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
        port: u16,
        /// Only rules over this transport.
        #[arg(long, value_enum)]
        transport: Option<TransportArg>,
        /// Language of the names shown (default: each page's own locale).
        #[arg(long, value_name = "LOCALE")]
        locale: Option<String>,
        #[command(flatten)]
        inputs: Inputs,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Check the tables for contradictions and drifted translations.
    ///
    /// Exit status: 0 when every finding is in the baseline, 1 when there are
    /// new findings or stale baseline entries, 2 on input errors.
    Check {
        #[command(flatten)]
        inputs: Inputs,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
        format: CheckFormat,
        /// Accepted findings (default: the check-baseline.json built in).
        #[arg(long, value_name = "FILE")]
        baseline: Option<PathBuf>,
    },
    /// Draw every page's topology and port-map diagrams (SVG, PNG, Mermaid).
    ///
    /// Files: DIR/<locale>/<page>-topology.{svg,png,mmd} and
    /// DIR/<locale>/<page>-ports.{svg,png}. PNGs need an installed font with
    /// the page's glyphs (fonts-noto-cjk for zh-CN); without one they are
    /// skipped with a message.
    Diagrams {
        #[command(flatten)]
        inputs: Inputs,
        /// Output directory.
        #[arg(long, default_value = "out/diagrams", value_name = "DIR")]
        out: PathBuf,
        /// Formats to write, comma-separated: svg, png, mermaid.
        #[arg(long, value_delimiter = ',', default_value = "svg,png,mermaid", value_parser = parse_format)]
        format: Vec<portmatrix::diagram::Format>,
    },
    /// Write every output (JSON, JSON Schema, diagnostics, findings, diagrams, the books) under --out.
    Build {
        #[command(flatten)]
        inputs: Inputs,
        /// Output directory.
        #[arg(long, default_value = "out", value_name = "DIR")]
        out: PathBuf,
    },
    /// Build the localized runbook books (mdBook HTML) from the matrix.
    Book {
        #[command(flatten)]
        inputs: Inputs,
        #[command(flatten)]
        book: BookArgs,
        /// Output directory of the HTML books (sources go to DIR-src).
        #[arg(long, default_value = "out/book", value_name = "DIR")]
        out: PathBuf,
    },
    /// Translation catalogs of the books.
    I18n {
        #[command(subcommand)]
        command: I18nCommand,
    },
}

#[derive(clap::Args, Clone)]
struct BookArgs {
    /// A folder of *.tera templates replacing the embedded ones by name.
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// Book locale (repeatable; default: zh-CN and en-US).
    #[arg(long = "locale", value_name = "L")]
    locales: Vec<String>,
    /// A catalog folder (ui/<locale>.toml, <locale>.po) replacing the embedded catalogs by name.
    #[arg(long, value_name = "DIR")]
    i18n: Option<PathBuf>,
}

#[derive(Subcommand)]
enum I18nCommand {
    /// Regenerate DIR/portmatrix.pot and merge it into DIR/<locale>.po (changed entries fuzzy).
    Update {
        #[command(flatten)]
        inputs: Inputs,
        /// Catalog folder.
        #[arg(long, default_value = "i18n", value_name = "DIR")]
        dir: PathBuf,
        /// Book locale (repeatable; default: zh-CN and en-US).
        #[arg(long = "locale", value_name = "L")]
        locales: Vec<String>,
    },
}

fn book_options(args: &BookArgs, out: PathBuf) -> portmatrix::book::Options {
    let mut o = portmatrix::book::Options::new(out);
    o.templates = args.templates.clone();
    o.locales = args.locales.clone();
    o.catalogs = args.i18n.clone();
    o
}

/// Builds the books, with the checks' `findings` (of `m`) next to the rows,
/// and prints what was written.
fn build_books(
    m: &Matrix,
    opts: &portmatrix::book::Options,
    findings: &[portmatrix::check::Finding],
) -> Result<(), Error> {
    let start = std::time::Instant::now();
    // The checks' findings go next to the rows they concern.
    let mut opts = opts.clone();
    opts.findings
        .extend(portmatrix::pipeline::book_findings::book_findings(findings));
    portmatrix::pipeline::book_diagrams::add_book_diagrams(m, &mut opts);
    let report = portmatrix::book::build(m, &opts).map_err(|source| Error::Book {
        out: opts.out.clone(),
        source,
    })?;
    for b in &report.books {
        eprintln!(
            "book {}: {} chapter(s), {} untranslated text(s) -> {}",
            b.locale,
            b.chapters,
            b.untranslated,
            b.index.display()
        );
    }
    eprintln!(
        "books: {} (sources in {}) ({:.1} ms)",
        report.index.display(),
        report.sources.display(),
        start.elapsed().as_secs_f64() * 1000.0
    );
    Ok(())
}

#[derive(Clone, Copy, ValueEnum)]
enum TransportArg {
    Tcp,
    Udp,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum CheckFormat {
    Human,
    Json,
    Sarif,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum Format {
    Human,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.jobs {
        Some(jobs) => rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .build_global()
            .map_err(|source| Error::Jobs { jobs, source }),
        None => Ok(()),
    };
    match result.and_then(|()| run(&cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            let mut cause = std::error::Error::source(&e);
            while let Some(c) = cause {
                eprintln!("  caused by: {c}");
                cause = c.source();
            }
            e.exit_code()
        }
    }
}

/// Why a command stopped early. Printed as `error: …`, then one
/// `  caused by: …` line per source in the chain.
#[derive(Debug, thiserror::Error)]
enum Error {
    /// The input has errors, each already printed: nothing is written (exit 2).
    #[error("{errors} error(s) in the input; nothing written")]
    Input { errors: usize },
    #[error("cannot read the baseline {}", .path.display())]
    BaselineRead {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("invalid baseline {}", .path.display())]
    BaselineSyntax {
        path: PathBuf,
        #[source]
        source: Message,
    },
    #[error("--jobs {jobs}")]
    Jobs {
        jobs: usize,
        #[source]
        source: rayon::ThreadPoolBuildError,
    },
    #[error(transparent)]
    Write(#[from] portmatrix::pipeline::WriteError),
    #[error("cannot write the JSON")]
    Stdout(#[source] std::io::Error),
    #[error("cannot serialize the rules as JSON")]
    Serialize(#[source] serde_json::Error),
    #[error("cannot load the embedded translation catalogs")]
    Catalogs(#[source] portmatrix::book::BookError),
    #[error("cannot build the books in {}", .out.display())]
    Book {
        out: PathBuf,
        #[source]
        source: portmatrix::book::BookError,
    },
    #[error("cannot update the translation catalogs in {}", .dir.display())]
    I18n {
        dir: PathBuf,
        #[source]
        source: portmatrix::book::BookError,
    },
}

/// An error that is only a message (from an API that reports a `String`).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct Message(String);

impl Error {
    /// 2 for errors in the input (the pages, the baseline), 1 for the others.
    fn exit_code(&self) -> ExitCode {
        match self {
            Error::Input { .. } | Error::BaselineRead { .. } | Error::BaselineSyntax { .. } => {
                ExitCode::from(2)
            }
            _ => ExitCode::from(1),
        }
    }
}

/// Loads the inputs and reports their diagnostics; stops with exit 2 on input
/// errors unless --keep-going, in which case the status to end with is 2.
fn load_checked(inputs: &Inputs, cli: &Cli) -> Result<(Loaded, ExitCode), Error> {
    let loaded = load(inputs, cli);
    let status = input_failed(loaded.get(), cli.keep_going)?;
    Ok((loaded, status))
}

/// The matrix to work on: the embedded default, or the trees given.
enum Loaded {
    Embedded(&'static Matrix),
    Parsed(Matrix),
}

impl Loaded {
    fn get(&self) -> &Matrix {
        match self {
            Loaded::Embedded(m) => m,
            Loaded::Parsed(m) => m,
        }
    }
}

fn load(inputs: &Inputs, cli: &Cli) -> Loaded {
    let loaded = if inputs.source_docs.is_empty() {
        Loaded::Embedded(portmatrix::embedded())
    } else {
        let sources: Vec<Source> = inputs.source_docs.iter().map(Source::new).collect();
        let show_progress = matches!(cli.command, Command::Build { .. });
        let m = perf::parse_with_progress(&sources, show_progress);
        Loaded::Parsed(if cli.keep_going {
            portmatrix::pipeline::keep_going::drop_failed_pages(m)
        } else {
            m
        })
    };
    for d in loaded.get().diagnostics.iter() {
        print_diag(d, cli);
    }
    loaded
}

/// Prints a diagnostic to stderr if the verbosity asks for it.
fn print_diag(d: &portmatrix::Diagnostic, cli: &Cli) {
    let show = match d.severity {
        Severity::Error => true,
        Severity::Warning => !cli.quiet,
        Severity::Info => cli.verbose,
    };
    if show {
        eprintln!("{d}");
    }
}

/// Exit status 2 when the input had errors: `Err` (stop, write nothing)
/// without --keep-going, `Ok(2)` (go on, then exit 2) with it.
fn input_failed(m: &Matrix, keep_going: bool) -> Result<ExitCode, Error> {
    if m.has_errors() {
        let n = m.diagnostics.iter().filter(|d| d.is_error()).count();
        if keep_going {
            eprintln!(
                "error: {n} error(s) in the input; --keep-going: writing the pages without errors"
            );
            Ok(ExitCode::from(2))
        } else {
            Err(Error::Input { errors: n })
        }
    } else {
        Ok(ExitCode::SUCCESS)
    }
}

fn run(cli: &Cli) -> Result<ExitCode, Error> {
    match &cli.command {
        Command::Schema => {
            print!("{}", portmatrix::json::schema());
            Ok(ExitCode::SUCCESS)
        }
        Command::Json {
            inputs,
            output: Some(path),
        } if !inputs.source_docs.is_empty() => {
            Ok(perf::json_streamed(inputs, path, cli.keep_going, |d| {
                print_diag(d, cli)
            })?)
        }
        Command::Json { inputs, output } => {
            let (loaded, status) = load_checked(inputs, cli)?;
            let m = loaded.get();
            // Streamed: the document is never held in memory as a whole.
            match output {
                Some(path) => portmatrix::output::write_atomic_with(path, |w| {
                    portmatrix::json::write_json(m, w)
                })
                .map_err(|e| portmatrix::pipeline::WriteError::new(path, e))?,
                None => portmatrix::json::write_json(m, std::io::stdout().lock())
                    .map_err(Error::Stdout)?,
            }
            Ok(status)
        }
        Command::Query {
            port,
            transport,
            locale,
            inputs,
            format,
        } => {
            let (loaded, status) = load_checked(inputs, cli)?;
            let m = loaded.get();
            let t = transport.map(|t| match t {
                TransportArg::Tcp => Transport::Tcp,
                TransportArg::Udp => Transport::Udp,
            });
            let hits: Vec<_> = m.rules_on_port(*port, t).collect();
            if *format == Format::Json {
                let rules: Vec<_> = hits
                    .iter()
                    .map(|h| {
                        serde_json::json!({
                            "path": h.page.path, "asset_id": h.page.asset_id, "locale": h.page.locale,
                            "table_kind": h.table.kind, "direction": h.direction(), "rule": h.rule,
                        })
                    })
                    .collect();
                let doc = serde_json::json!({ "port": port, "rules": rules });
                println!(
                    "{}",
                    serde_json::to_string_pretty(&doc).map_err(Error::Serialize)?
                );
                return Ok(status);
            }
            let mut rows = vec![
                [
                    "location",
                    "table",
                    "direction",
                    "role",
                    "protocol",
                    "transport",
                    "ports",
                    "source",
                    "destination",
                ]
                .map(String::from),
            ];
            for h in &hits {
                let l = locale.as_deref().unwrap_or(&h.page.locale);
                rows.push([
                    format!("{}:{}", h.page.path, h.rule.line),
                    h.table.kind.name(l).into_owned(),
                    h.direction().name(l).into_owned(),
                    h.rule
                        .role
                        .as_ref()
                        .map(|r| r.name(l).into_owned())
                        .unwrap_or_default(),
                    names::protocols(&h.rule.protocols),
                    h.rule.transport.name(l).into_owned(),
                    h.rule.ports.to_string(),
                    h.rule.source.name(l).into_owned(),
                    h.rule.destination.name(l).into_owned(),
                ]);
            }
            print_table(&rows);
            eprintln!("{} rule(s) open port {port}", hits.len());
            Ok(status)
        }
        Command::Check {
            inputs,
            format,
            baseline,
        } => {
            use portmatrix::check::{baseline::Baseline, render};
            let (loaded, status) = load_checked(inputs, cli)?;
            let m = loaded.get();
            let baseline = match baseline {
                None => Baseline::embedded(),
                Some(path) => {
                    let text =
                        std::fs::read_to_string(path).map_err(|source| Error::BaselineRead {
                            path: path.clone(),
                            source,
                        })?;
                    Baseline::parse(&text).map_err(|e| Error::BaselineSyntax {
                        path: path.clone(),
                        source: Message(e),
                    })?
                }
            };
            let format = match format {
                CheckFormat::Human => render::Format::Human,
                CheckFormat::Json => render::Format::Json,
                CheckFormat::Sarif => render::Format::Sarif,
            };
            let (text, mut code) = render::report(m, format, &baseline);
            print!("{text}");
            // Book translations: a text the books would show untranslated, or a
            // catalog entry whose text no page has any more, needs a translator.
            let issues = portmatrix::pipeline::translations::translation_issues(m)
                .map_err(Error::Catalogs)?;
            for i in &issues {
                eprintln!("{i}");
            }
            if !issues.is_empty() {
                eprintln!(
                    "{} translation issue(s): run `portmatrix i18n update` and translate i18n/*.po",
                    issues.len()
                );
                code = code.max(1);
            }
            // With --keep-going and input errors, the status is 2 (input errors).
            Ok(if m.has_errors() {
                status
            } else {
                ExitCode::from(code)
            })
        }
        Command::Build { inputs, out } => {
            let start = std::time::Instant::now();
            let (loaded, status) = load_checked(inputs, cli)?;
            let m = loaded.get();
            // Everything is computed before the first file is written.
            let findings = portmatrix::check::run(m);
            let [findings_json, findings_txt] =
                portmatrix::check::render::build_files_from(m, &findings);
            let json_path = out.join("portmatrix.json");
            portmatrix::output::write_atomic_with(&json_path, |w| {
                portmatrix::json::write_json(m, w)
            })
            .map_err(|e| portmatrix::pipeline::WriteError::new(&json_path, e))?;
            let files = [
                ("portmatrix.schema.json", portmatrix::json::schema()),
                (
                    "diagnostics.txt",
                    m.diagnostics.iter().map(|d| format!("{d}\n")).collect(),
                ),
                findings_json,
                findings_txt,
            ];
            for (name, contents) in &files {
                let path = out.join(name);
                portmatrix::output::write_atomic(&path, contents.as_bytes())
                    .map_err(|e| portmatrix::pipeline::WriteError::new(&path, e))?;
            }
            use portmatrix::diagram::Format as F;
            let diagrams = write_diagrams(
                m,
                &out.join("diagrams"),
                &[F::Svg, F::Png, F::Mermaid],
                cli.quiet,
            )?;
            build_books(
                m,
                &portmatrix::book::Options::new(out.join("book")),
                &findings,
            )?;
            let count = |s: Severity| m.diagnostics.iter().filter(|d| d.severity == s).count();
            let found = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
            eprintln!(
                "built {} page(s), {} table(s), {} rule(s); diagnostics: {} error(s), {} warning(s), {} info; check findings: {} error(s), {} warning(s), {} info; {} file(s) in {} ({:.1} ms)",
                m.pages.len(),
                m.tables().count(),
                m.rules().count(),
                count(Severity::Error),
                count(Severity::Warning),
                count(Severity::Info),
                found(Severity::Error),
                found(Severity::Warning),
                found(Severity::Info),
                files.len() + 1 + diagrams,
                out.display(),
                start.elapsed().as_secs_f64() * 1000.0
            );
            Ok(status)
        }
        Command::Book { inputs, book, out } => {
            let (loaded, status) = load_checked(inputs, cli)?;
            let m = loaded.get();
            build_books(
                m,
                &book_options(book, out.clone()),
                &portmatrix::check::run(m),
            )?;
            Ok(status)
        }
        Command::I18n {
            command:
                I18nCommand::Update {
                    inputs,
                    dir,
                    locales,
                },
        } => {
            let (loaded, status) = load_checked(inputs, cli)?;
            let m = loaded.get();
            let mut o = portmatrix::book::Options::new("out/book");
            o.locales = locales.clone();
            let r = portmatrix::book::i18n_update(m, dir, &o.locales()).map_err(|source| {
                Error::I18n {
                    dir: dir.clone(),
                    source,
                }
            })?;
            eprintln!("wrote {}", r.pot.display());
            for (path, n, ok, fuzzy, untranslated, obsolete) in &r.po {
                eprintln!(
                    "wrote {}: {n} message(s): {ok} translated, {fuzzy} fuzzy, {untranslated} untranslated; {obsolete} obsolete",
                    path.display()
                );
            }
            Ok(status)
        }
        Command::Diagrams {
            inputs,
            out,
            format,
        } => {
            let (loaded, status) = load_checked(inputs, cli)?;
            let m = loaded.get();
            let n = write_diagrams(m, out, format, cli.quiet)?;
            eprintln!("wrote {n} diagram file(s) in {}", out.display());
            Ok(status)
        }
    }
}

fn parse_format(s: &str) -> Result<portmatrix::diagram::Format, String> {
    portmatrix::diagram::Format::parse(s)
        .ok_or_else(|| format!("unknown format `{s}` (svg, png, mermaid)"))
}

/// Writes the diagrams of every page under `dir`; returns the number of files.
fn write_diagrams(
    m: &Matrix,
    dir: &std::path::Path,
    formats: &[portmatrix::diagram::Format],
    quiet: bool,
) -> Result<usize, Error> {
    let written = portmatrix::pipeline::diagram_files::write_diagram_files(m, dir, formats)?;
    if !quiet {
        for s in &written.skipped {
            eprintln!("warning: {s}");
        }
    }
    Ok(written.files)
}

/// Prints rows as aligned columns, measuring display width (CJK characters
/// take two columns).
fn print_table(rows: &[[String; 9]]) {
    let width = |s: &str| {
        s.chars()
            .map(|c| {
                if portmatrix::parse::normalize::is_cjk(c) {
                    2
                } else {
                    1
                }
            })
            .sum::<usize>()
    };
    let mut widths = [0usize; 9];
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(width(c));
        }
    }
    for r in rows {
        let mut line = String::new();
        for (i, c) in r.iter().enumerate() {
            line.push_str(c);
            if i + 1 < r.len() {
                line.push_str(&" ".repeat(widths[i] - width(c) + 2));
            }
        }
        println!("{}", line.trim_end());
    }
}
