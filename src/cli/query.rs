//! `portmatrix query`.

use std::process::ExitCode;

use clap::ValueEnum;
use portmatrix::model::Transport;
use portmatrix::names::{self, Localized};

use super::exit::Error;
use super::global::Global;
use super::inputs::Inputs;

/// Show the rules that open a port, as a table.
#[derive(clap::Args)]
pub struct Args {
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
}

/// `--transport`.
#[derive(Clone, Copy, ValueEnum)]
enum TransportArg {
    Tcp,
    Udp,
}

/// `--format`.
#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum Format {
    Human,
    Json,
}

/// Prints the rules that open the port: a table (and a count on stderr), or
/// a JSON document.
pub fn run(args: &Args, g: &Global) -> Result<ExitCode, Error> {
    let (loaded, status) = args.inputs.load(g, false)?;
    let m = loaded.get();
    let port = args.port;
    let t = args.transport.map(|t| match t {
        TransportArg::Tcp => Transport::Tcp,
        TransportArg::Udp => Transport::Udp,
    });
    let hits: Vec<_> = m.rules_on_port(port, t).collect();
    if args.format == Format::Json {
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
        let l = args.locale.as_deref().unwrap_or(&h.page.locale);
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
    super::table::print(&rows);
    eprintln!("{} rule(s) open port {port}", hits.len());
    Ok(status)
}
