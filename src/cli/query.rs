//! `portmatrix query`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use portmatrix::firewall::query::{Filter, QueryDocument, QueryHit};
use portmatrix::model::{Direction, EndpointKind, Role, TableKind, Transport};
use portmatrix::names::{self, Localized};

use super::exit::Error;
use super::global::Global;
use super::inputs::Inputs;
use super::values::model_enum;

/// Show the rules that match a query, as a table: any combination of a
/// port, a transport, a page, a table kind, a direction, a role and the
/// endpoint kinds at either end; with --deployment, only the deployment's
/// pages, with its addresses. Without a filter every rule is shown.
#[derive(clap::Args)]
#[command(after_help = "Examples:
  portmatrix query --port 443 --transport tcp
  portmatrix query --kind internal-interface --direction inbound
  portmatrix query --to edge_internal --from front_end_pool
  portmatrix query --deployment examples/deployment.toml --role audio_video")]
pub struct Args {
    /// A port the rule opens (a rule matches when its range contains it).
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    port: Option<u16>,
    /// Only rules over this transport.
    #[arg(long, value_enum, ignore_case = true)]
    transport: Option<TransportArg>,
    /// Only the rules of this page: its asset id or its file name without
    /// .md (see `portmatrix pages`).
    #[arg(long, value_name = "ASSET_ID|SLUG")]
    page: Option<String>,
    /// Only the rules of tables of this kind.
    #[arg(long, value_parser = model_enum::<TableKind>(), ignore_case = true)]
    kind: Option<TableKind>,
    /// Only the rules in this direction (relative to the table's server).
    #[arg(long, value_parser = model_enum::<Direction>(), ignore_case = true)]
    direction: Option<Direction>,
    /// Only the rules of this role.
    #[arg(long, value_parser = model_enum::<Role>(), ignore_case = true)]
    role: Option<Role>,
    /// Only the rules whose source is (or may be) this endpoint kind.
    #[arg(long, value_name = "ENDPOINT", value_parser = model_enum::<EndpointKind>(), ignore_case = true, hide_possible_values = true)]
    from: Option<EndpointKind>,
    /// Only the rules whose destination is (or may be) this endpoint kind
    /// (the snake_case names of the JSON contract, as in deployment files;
    /// an unknown name lists them).
    #[arg(long, value_name = "ENDPOINT", value_parser = model_enum::<EndpointKind>(), ignore_case = true, hide_possible_values = true)]
    to: Option<EndpointKind>,
    /// A deployment file (see examples/deployment.toml): only its pages,
    /// each rule with the deployment's addresses.
    #[arg(long, value_name = "FILE")]
    deployment: Option<PathBuf>,
    /// Language of the names shown (default: each page's own locale): a
    /// known BCP 47 tag, matched case-insensitively (the locale data, a book
    /// catalog or a page has it; an unknown one is an error, exit 2). A
    /// locale without names of its own shows those of its fallback.
    #[arg(long, value_name = "LOCALE", value_parser = super::book::parse_locale)]
    locale: Option<String>,
    #[command(flatten)]
    inputs: Inputs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Print the JSON Schema of `--format json` and exit.
    #[arg(long, exclusive = true)]
    schema: bool,
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

/// Prints the rules that match: a table (and a count on stderr), or a JSON
/// document.
pub fn run(args: &Args, g: &Global) -> Result<ExitCode, Error> {
    if args.schema {
        print!("{}", portmatrix::firewall::query::schema());
        return Ok(ExitCode::SUCCESS);
    }
    let (loaded, status) = args.inputs.load(g, false)?;
    let m = loaded.get();
    // `--locale`: a known locale, in its canonical spelling (`zh-cn` is
    // zh-CN); an unknown one lists the known ones.
    let locale: Option<String> = match &args.locale {
        Some(l) => {
            super::book::resolve_locales(std::slice::from_ref(l), m, &super::book::catalogs(g)?)?
                .into_iter()
                .next()
        }
        None => None,
    };
    let deployment = match &args.deployment {
        Some(path) => Some(super::firewall::load_deployment(path, m)?),
        None => None,
    };
    if let Some(key) = &args.page
        && !m.pages().any(|p| portmatrix::deploy::names_page(p, key))
    {
        eprintln!("error: no page `{key}` in the sources; `portmatrix pages` lists them");
        return Err(Error::Input { errors: 1 });
    }
    let filter = Filter {
        port: args.port,
        transport: args.transport.map(|t| match t {
            TransportArg::Tcp => Transport::Tcp,
            TransportArg::Udp => Transport::Udp,
        }),
        page: args.page.clone(),
        kind: args.kind,
        direction: args.direction,
        role: args.role.clone(),
        from: args.from,
        to: args.to,
    };
    let chosen: Option<Vec<&str>> = deployment
        .as_ref()
        .map(|d| d.pages.iter().map(|c| c.path.as_str()).collect());
    let hits: Vec<_> = m
        .rules()
        .filter(|h| filter.matches(h))
        .filter(|h| {
            chosen
                .as_ref()
                .is_none_or(|paths| paths.contains(&h.page.path.as_ref()))
        })
        .collect();
    if args.format == Format::Json {
        let doc = QueryDocument {
            port: args.port,
            rules: hits
                .iter()
                .map(|h| QueryHit::new(h, deployment.as_ref()))
                .collect(),
        };
        println!(
            "{}",
            serde_json::to_string_pretty(&doc).map_err(Error::Serialize)?
        );
        return Ok(status);
    }
    let mut header = vec![
        "location",
        "table",
        "direction",
        "role",
        "protocol",
        "transport",
        "ports",
        "source",
        "destination",
    ];
    if deployment.is_some() {
        header.insert(8, "source addresses");
        header.push("destination addresses");
    }
    let mut rows = vec![header.into_iter().map(String::from).collect::<Vec<_>>()];
    for h in &hits {
        let l = locale.as_deref().unwrap_or(&h.page.locale);
        let mut row = vec![
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
        ];
        if let Some(d) = &deployment {
            let (s, t) = portmatrix::firewall::query::addresses(d, h.rule);
            row.insert(8, s.join(", "));
            row.push(t.join(", "));
        }
        rows.push(row);
    }
    super::table::print(&rows);
    let only_port = args.page.is_none()
        && args.kind.is_none()
        && args.direction.is_none()
        && args.role.is_none()
        && args.from.is_none()
        && args.to.is_none()
        && deployment.is_none();
    match args.port {
        Some(port) if only_port => eprintln!("{} rule(s) open port {port}", hits.len()),
        _ => eprintln!("{} rule(s) match", hits.len()),
    }
    Ok(status)
}
