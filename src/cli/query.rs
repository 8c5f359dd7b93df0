//! `portmatrix query`.

use std::path::PathBuf;
use std::process::ExitCode;

use std::collections::BTreeMap;

use clap::ValueEnum;
use portmatrix::check::{self, CheckCode, Level};
use portmatrix::firewall::query::{Filter, QueryDocument, QueryHit, listeners, rule_findings};
use portmatrix::model::{Direction, EndpointKind, PortScope, Role, TableKind, Transport};
use portmatrix::names::{self, Localized};

use super::exit::Error;
use super::global::Global;
use super::inputs::Inputs;
use super::values::model_enum;

/// Show the rules that match a query, as a table: any combination of a
/// port, a transport, a page, a table kind, a direction, a role and the
/// endpoint kinds at either end; with --deployment, only the deployment's
/// pages, with its addresses. Without a filter every rule is shown.
///
/// A rule with a check finding (at its row, a copy of its row on another
/// page or edition, or its table's heading) is marked in the first column,
/// E (error) or W (warning), and the last column names the checks;
/// `portmatrix check` explains them. Style findings (naming and wording
/// that change no rule) are marked S with --style. The JSON carries every
/// code, style included, as `findings`.
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
    /// Also mark the style findings (naming and wording that change no rule)
    /// in the table; the JSON always carries them.
    #[arg(long)]
    style: bool,
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
    let findings = check::run(m);
    let marks = check::findings_by_rule(&findings);
    if args.format == Format::Json {
        let doc = QueryDocument {
            port: args.port,
            listeners: listeners(&hits),
            rules: hits
                .iter()
                .map(|h| {
                    QueryHit::new(h, deployment.as_ref()).with_findings(rule_findings(&marks, h))
                })
                .collect(),
        };
        println!(
            "{}",
            serde_json::to_string_pretty(&doc).map_err(Error::Serialize)?
        );
        return Ok(status);
    }
    let levels = levels(&findings);
    let mut header = vec![
        "!",
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
        header.insert(9, "source addresses");
        header.push("destination addresses");
    }
    header.push("findings");
    let mut rows = vec![header.into_iter().map(String::from).collect::<Vec<_>>()];
    let mut marked = 0;
    for h in &hits {
        let l = locale.as_deref().unwrap_or(&h.page.locale);
        // The codes shown, with the worst level among their findings.
        let shown: Vec<(CheckCode, Level)> = rule_findings(&marks, h)
            .into_iter()
            .filter_map(|c| {
                let level = worst_level(&levels, h, c)?;
                (args.style || level != Level::Style).then_some((c, level))
            })
            .collect();
        let marker = match shown.iter().map(|(_, l)| *l).min() {
            Some(Level::Error) => "E",
            Some(Level::Warning) => "W",
            Some(Level::Style) => "S",
            None => "",
        };
        marked += usize::from(!shown.is_empty());
        let mut row = vec![
            marker.to_string(),
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
            match h.rule.port_scope {
                PortScope::Listed => h.rule.ports.to_string(),
                s => s.name(l).into_owned(),
            },
            h.rule.source.name(l).into_owned(),
            h.rule.destination.name(l).into_owned(),
        ];
        if let Some(d) = &deployment {
            let (s, t) = portmatrix::firewall::query::addresses(d, h.rule);
            row.insert(9, s.join(", "));
            row.push(t.join(", "));
        }
        row.push(
            shown
                .iter()
                .map(|(c, _)| c.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        );
        rows.push(row);
    }
    super::table::print(&rows);
    // Which internal server roles listen on the port (the internal servers
    // tables name the role, not a flow): one line per role and service.
    let roles = listeners(&hits);
    if !roles.is_empty() {
        let what = match args.port {
            Some(p) => format!("server roles that listen on port {p}:"),
            None => "server roles that listen on these ports:".to_string(),
        };
        println!("\n{what}");
        for x in &roles {
            let h = hits
                .iter()
                .find(|h| h.page.path.as_ref() == x.path && h.rule.line == x.line)
                .expect("a listener comes from a hit");
            let l = locale.as_deref().unwrap_or(&h.page.locale);
            let service = x
                .service
                .as_deref()
                .map(|s| format!(" ({s})"))
                .unwrap_or_default();
            println!(
                "  {}{service}, {} — {}:{}",
                x.role.name(l),
                x.transport.name(l),
                x.path,
                x.line
            );
        }
    }
    let only_port = args.page.is_none()
        && args.kind.is_none()
        && args.direction.is_none()
        && args.role.is_none()
        && args.from.is_none()
        && args.to.is_none()
        && deployment.is_none();
    let with_findings = match marked {
        0 => String::new(),
        n => format!(", {n} with check findings (`portmatrix check` explains them)"),
    };
    match args.port {
        Some(port) if only_port => {
            eprintln!("{} rule(s) open port {port}{with_findings}", hits.len())
        }
        _ => eprintln!("{} rule(s) match{with_findings}", hits.len()),
    }
    Ok(status)
}

/// The level of each finding at each place where its defect is (its
/// primary and `also` locations), by check: what the marker column shows.
fn levels(findings: &[check::Finding]) -> BTreeMap<(String, u32, CheckCode), Level> {
    let mut out: BTreeMap<(String, u32, CheckCode), Level> = BTreeMap::new();
    for f in findings {
        for l in f.defect_locations() {
            for c in f.codes() {
                let level = out
                    .entry((l.path.to_string(), l.line, c))
                    .or_insert(f.level());
                *level = (*level).min(f.level());
            }
        }
    }
    out
}

/// The worst level at which check `code` found a defect at the rule's row
/// or its table's heading or `<table>` line.
fn worst_level(
    levels: &BTreeMap<(String, u32, CheckCode), Level>,
    h: &portmatrix::model::query::RuleRef,
    code: CheckCode,
) -> Option<Level> {
    let path = h.page.path.to_string();
    let mut lines = vec![h.rule.line, h.table.line];
    lines.extend(h.table.heading.as_ref().map(|x| x.line));
    lines
        .into_iter()
        .filter_map(|line| levels.get(&(path.clone(), line, code)).copied())
        .min()
}
