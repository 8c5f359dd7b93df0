//! `portmatrix firewall`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;
use portmatrix::deploy::{DeployError, Deployment, linux_interface_ok};
use portmatrix::diag::Severity;
use portmatrix::firewall::{self, Format, Options, SkipReason};
use portmatrix::model::{Direction, Matrix};
use portmatrix::pipeline::WriteError;

use super::exit::Error;
use super::global::Global;
use super::inputs::Inputs;

/// Write the rules of a deployment's pages, with its addresses, as a rule
/// set a firewall can load: nftables, iptables-restore (IPv4),
/// ip6tables-restore (IPv6), Windows PowerShell (New-NetFirewallRule), CSV
/// or JSON. One rule per row and address pair, each with its page, table
/// and line as a comment; rows with check findings are marked.
///
/// Errors in the deployment file are printed as file:line:column: error:
/// …; the exit status is then 2 and nothing is written.
#[derive(clap::Args)]
#[command(after_help = "Examples:
  portmatrix firewall --deployment examples/deployment.toml --format nftables -o portmatrix.nft
  nft -c -f portmatrix.nft
  portmatrix firewall --deployment site.toml --source-docs docs --format windows -o edge.ps1
  portmatrix firewall --deployment site.toml --format csv --skip-findings error")]
pub struct Args {
    /// The deployment file: which pages apply, the addresses of each
    /// endpoint (see examples/deployment.toml).
    #[arg(long, value_name = "FILE", required_unless_present = "schema")]
    deployment: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, required_unless_present = "schema")]
    format: Option<Format>,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Leave out the rows with a check finding of this severity or worse
    /// (a note on stderr names each); by default they are kept and marked.
    #[arg(long, value_enum, value_name = "SEVERITY")]
    skip_findings: Option<SeverityArg>,
    /// Print the JSON Schema of `--format json` and exit.
    #[arg(long, exclusive = true)]
    schema: bool,
    #[command(flatten)]
    inputs: Inputs,
}

/// `--skip-findings`.
#[derive(Clone, Copy, ValueEnum)]
enum SeverityArg {
    Error,
    Warning,
    Info,
}

/// Loads and checks a deployment file; its errors are printed (exit 2).
pub fn load_deployment(path: &Path, m: &Matrix) -> Result<Deployment, Error> {
    Deployment::load(path, m).map_err(|errors| print_errors(&errors))
}

/// Prints deployment errors; the error to stop with.
fn print_errors(errors: &[DeployError]) -> Error {
    for e in errors {
        eprintln!("{e}");
    }
    Error::Input {
        errors: errors.len(),
    }
}

/// Writes the rule set.
pub fn run(args: &Args, g: &Global) -> Result<ExitCode, Error> {
    if args.schema {
        print!("{}", firewall::json::schema());
        return Ok(ExitCode::SUCCESS);
    }
    let (Some(path), Some(format)) = (&args.deployment, args.format) else {
        unreachable!("clap requires --deployment and --format without --schema");
    };
    let (loaded, status) = args.inputs.load(g, false)?;
    let m = loaded.get();
    let deployment = load_deployment(path, m)?;
    if format.is_linux() {
        let bad: Vec<DeployError> = deployment
            .endpoints
            .values()
            .filter_map(|e| Some((e.interface.as_deref()?, e.interface_at?)))
            .filter(|(name, _)| !linux_interface_ok(name))
            .map(|(name, at)| DeployError {
                file: deployment.file.clone(),
                at: Some(at),
                message: format!("interface `{name}` is not a Linux interface name, which nftables and iptables need"),
                expected: vec!["1 to 15 letters, digits and `_ . @ -` (eth0, ens192)".to_string()],
            })
            .collect();
        if !bad.is_empty() {
            return Err(print_errors(&bad));
        }
    }
    let findings = portmatrix::check::run(m);
    let options = Options {
        skip_findings: args.skip_findings.map(|s| match s {
            SeverityArg::Error => Severity::Error,
            SeverityArg::Warning => Severity::Warning,
            SeverityArg::Info => Severity::Info,
        }),
    };
    let plan = firewall::plan(m, &deployment, &findings, options);
    let text = firewall::render(&plan, format);
    match &args.output {
        Some(out) => portmatrix::output::write_atomic(out, text.as_bytes())
            .map_err(|e| WriteError::new(out, e))?,
        None => {
            use std::io::Write;
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
                .map_err(Error::Stdout)?;
        }
    }
    if !g.quiet {
        notes(&plan, format);
    }
    Ok(status)
}

/// What the output leaves out or marks, on stderr.
fn notes(plan: &firewall::Plan, format: Format) {
    for s in &plan.skipped {
        let why = match &s.reason {
            SkipReason::Finding(sev) => {
                format!("left out: it has a finding of severity {sev} (--skip-findings)")
            }
            other => format!("left out: {}", firewall::json::reason(other)),
        };
        // A configured port is a rule the administrator must still write.
        let level = match s.reason {
            SkipReason::ConfiguredPort => "warning",
            _ => "note",
        };
        eprintln!("{level}: {}:{}: {why}", s.page.path, s.rule.line);
    }
    let marked = plan.rules.iter().filter(|r| !r.findings.is_empty()).count();
    if marked > 0 {
        eprintln!(
            "note: {marked} rule(s) come from rows with check findings; they are marked (see `portmatrix check`)"
        );
    }
    if format.is_loadable() {
        let named = plan
            .rules
            .iter()
            .filter(|r| firewall::has_name(r).is_some())
            .count();
        if named > 0 {
            eprintln!(
                "note: {named} rule(s) name a host name and are written as comments: give addresses to load them"
            );
        }
    }
    if format == Format::Windows {
        let unknown = plan
            .rules
            .iter()
            .filter(|r| r.direction == Direction::Unknown)
            .count();
        if unknown > 0 {
            eprintln!(
                "note: {unknown} rule(s) have no direction relative to the table's server and are written as comments"
            );
        }
    }
    eprintln!(
        "{} rule(s) from {} page(s) of {}",
        plan.rules.len(),
        plan.pages.len(),
        plan.deployment
    );
}
