//! Rule sets a firewall can load, written from a [`Deployment`]: the rules
//! of the pages it chose, with its addresses.
//!
//! [`plan`] makes one [`FirewallRule`] per typed rule and address pair
//! (source address × destination address, IPv4 with IPv4 and IPv6 with
//! IPv6), each with its provenance (page, table, source line) and the check
//! findings about its row. [`render`] writes them in a [`Format`]:
//!
//! - [`Format::Nftables`]: a complete `table inet portmatrix` (input,
//!   output and forward chains), for `nft -f`;
//! - [`Format::Iptables`] / [`Format::Ip6tables`]: `iptables-restore` /
//!   `ip6tables-restore` input (a whole `filter` table; IPv4 and IPv6
//!   rules respectively);
//! - [`Format::Windows`]: PowerShell `New-NetFirewallRule` commands;
//! - [`Format::Csv`] and [`Format::Json`] (schema in
//!   `schema/firewall.schema.json`, [`json::schema`]): every rule, for
//!   other tools.
//!
//! The viewpoint is the host's, as in the pages: a rule is written from
//! the server its table describes (the Edge Server, the reverse proxy, the
//! Director), so an inbound rule goes to the input chain (Windows:
//! `-Direction Inbound`), an outbound rule to the output chain, and a rule
//! whose direction is unknown to the forward chain (not written for
//! Windows). The interface of the local end (the destination of an inbound
//! rule, the source of an outbound one) is the rule's interface.
//!
//! Output is deterministic: pages in the deployment's order, tables and
//! rows in document order, address pairs in the file's order.
//!
//! ```
//! use portmatrix::deploy::Deployment;
//! use portmatrix::firewall::{self, Format, Options};
//! let m = portmatrix::embedded();
//! let toml = r#"
//! pages = ["f7cbd0f1-841d-4116-8d17-e9d991daa4a8"]
//! [endpoints.access_edge]
//! addresses = ["203.0.113.10"]
//! interface = "eth0"
//! "#;
//! // The deployment must name every endpoint its pages need: here it does
//! // not, and says which.
//! let errors = Deployment::parse(toml, "d.toml", m).unwrap_err();
//! assert!(errors.iter().any(|e| e.to_string().contains("edge_internal")));
//! let example = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/deployment.toml")).unwrap();
//! let d = Deployment::parse(&example, "examples/deployment.toml", m).unwrap();
//! let plan = firewall::plan(m, &d, &portmatrix::check::run(m), Options::default());
//! let nft = firewall::render(&plan, Format::Nftables);
//! assert!(nft.contains("table inet portmatrix {"));
//! assert!(nft.contains("ip daddr 203.0.113.10 tcp dport 443 accept"));
//! ```

use crate::check::Finding;
use crate::deploy::{Deployment, Host, Unresolved, ids};
use crate::diag::Severity;
use crate::model::{Column, Direction, Matrix, Page, PortScope, Rule, Table};

pub mod csv;
pub mod iptables;
pub mod json;
pub mod nftables;
pub mod query;
pub mod windows;

/// The formats [`render`] writes. With the `cli` feature it is also the
/// `--format` value of `portmatrix firewall` (one list, so a new format
/// cannot be written but not offered, or the reverse).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Format {
    /// nftables: `table inet portmatrix { … }`, for `nft -f`.
    Nftables,
    /// iptables-restore input: the IPv4 rules.
    Iptables,
    /// ip6tables-restore input: the IPv6 rules.
    Ip6tables,
    /// PowerShell `New-NetFirewallRule` commands.
    Windows,
    /// CSV, a header row then one rule per line (RFC 4180).
    Csv,
    /// JSON, as `schema/firewall.schema.json` describes.
    Json,
}

impl Format {
    /// Whether the format is loaded by a firewall that needs addresses (not
    /// host names) and interface names it can use.
    pub fn is_loadable(self) -> bool {
        !matches!(self, Format::Csv | Format::Json)
    }

    /// Whether the format takes Linux interface names only.
    pub fn is_linux(self) -> bool {
        matches!(
            self,
            Format::Nftables | Format::Iptables | Format::Ip6tables
        )
    }
}

/// A check finding about the row of a [`FirewallRule`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// The finding's code (`heading_contradicts_rows`).
    pub code: String,
    /// Its severity.
    pub severity: Severity,
    /// Its message.
    pub message: String,
}

/// One rule to load: a typed rule of a chosen page with one source and one
/// destination address of the deployment.
#[derive(Debug, Clone)]
pub struct FirewallRule<'m> {
    /// Stable id: `asset-id:locale:line`, then `#n` (1-based) when the row
    /// gives several address pairs.
    pub id: String,
    /// The page of the row.
    pub page: &'m Page,
    /// The table of the row.
    pub table: &'m Table,
    /// The row.
    pub rule: &'m Rule,
    /// The row's direction relative to the table's server.
    pub direction: Direction,
    /// Where the connection comes from.
    pub source: Host,
    /// Where it goes (and listens on the rule's ports).
    pub destination: Host,
    /// The interface of the local end: the destination's for an inbound
    /// rule, the source's for an outbound one; none otherwise.
    pub interface: Option<String>,
    /// The findings whose primary location is the row, or the heading or
    /// tag of its table.
    pub findings: Vec<Mark>,
}

/// Why a row of a chosen page gives no rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// `--skip-findings`: the row has a finding this severe.
    Finding(Severity),
    /// The row names an endpoint the parser did not recognize.
    Unrecognized(String),
    /// The row's endpoints have addresses of different IP versions only.
    NoPair,
    /// The row's port is one the administrator configures (`Statically
    /// defined`: [`PortScope::Configured`]): no port to write until the
    /// administrator gives it. Every format says so in a comment.
    ConfiguredPort,
}

/// The comment every format writes for a row left out because its port is
/// configured ([`SkipReason::ConfiguredPort`]), without the comment marker.
pub fn configured_port_comment(s: &Skipped) -> String {
    one_line(&format!(
        "not written: {}:{} `{}`: the port is configured by the administrator; give the configured port",
        s.page.path,
        s.rule.line,
        s.rule
            .cells
            .get(Column::Port)
            .unwrap_or(&s.rule.cells.spec)
            .text
    ))
}

/// The comments of the rows left out because their port is configured, in
/// order (without the comment marker).
pub fn configured_port_comments(plan: &Plan) -> Vec<String> {
    plan.skipped
        .iter()
        .filter(|s| s.reason == SkipReason::ConfiguredPort)
        .map(configured_port_comment)
        .collect()
}

/// A row of a chosen page that gives no rule, and why.
#[derive(Debug, Clone)]
pub struct Skipped<'m> {
    /// The page of the row.
    pub page: &'m Page,
    /// The row.
    pub rule: &'m Rule,
    /// Why.
    pub reason: SkipReason,
}

/// Options of [`plan`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Leave out the rows with a finding of this severity or a more severe
    /// one (`Some(Severity::Error)`: errors only).
    pub skip_findings: Option<Severity>,
}

/// The rules of a deployment, ready to render.
#[derive(Debug, Clone)]
pub struct Plan<'m> {
    /// The deployment file, as named in outputs.
    pub deployment: String,
    /// The deployment's `name`.
    pub name: Option<String>,
    /// The chosen pages, in the file's order.
    pub pages: Vec<&'m Page>,
    /// The rules, in order.
    pub rules: Vec<FirewallRule<'m>>,
    /// The rows left out, in order.
    pub skipped: Vec<Skipped<'m>>,
}

/// The findings about a row: those whose primary location is the row
/// itself, or the heading (or `<table>` line) of its table.
fn marks(page: &Page, table: &Table, rule: &Rule, findings: &[Finding]) -> Vec<Mark> {
    let table_line = table.heading.as_ref().map_or(table.line, |h| h.line);
    findings
        .iter()
        .filter(|f| {
            f.locations.first().is_some_and(|l| {
                l.path == *page.path
                    && (l.line == rule.line || l.line == table_line || l.line == table.line)
            })
        })
        .map(|f| Mark {
            code: f.code.as_str().to_string(),
            severity: f.severity,
            message: f.message.to_string(),
        })
        .collect()
}

/// The rules of the deployment's pages with its addresses; `findings` are
/// `check::run` of the matrix (used to mark and, with
/// [`Options::skip_findings`], leave out rows).
pub fn plan<'m>(
    m: &'m Matrix,
    deployment: &Deployment,
    findings: &[Finding],
    options: Options,
) -> Plan<'m> {
    let pages = deployment.chosen_pages(m);
    let mut rules = Vec::new();
    let mut skipped = Vec::new();
    for &page in &pages {
        for table in page.tables.iter() {
            for rule in table.rules.iter() {
                // "Statically defined": not 1-65535, but a port only the
                // administrator knows.
                if rule.port_scope == PortScope::Configured {
                    skipped.push(Skipped {
                        page,
                        rule,
                        reason: SkipReason::ConfiguredPort,
                    });
                    continue;
                }
                let findings = marks(page, table, rule, findings);
                if let Some(limit) = options.skip_findings
                    && let Some(worst) = findings.iter().map(|f| f.severity).min()
                    && worst <= limit
                {
                    skipped.push(Skipped {
                        page,
                        rule,
                        reason: SkipReason::Finding(worst),
                    });
                    continue;
                }
                let resolve = |e| match deployment.resolve(e) {
                    Ok(h) => Ok(h),
                    Err(Unresolved::Unrecognized(u)) => Err(u),
                    // Deployment::parse made sure every endpoint is given.
                    Err(Unresolved::Missing(_)) => Err(String::new()),
                };
                let (sources, destinations) =
                    match (resolve(&rule.source), resolve(&rule.destination)) {
                        (Ok(s), Ok(d)) => (s, d),
                        (Err(u), _) | (_, Err(u)) => {
                            skipped.push(Skipped {
                                page,
                                rule,
                                reason: SkipReason::Unrecognized(u),
                            });
                            continue;
                        }
                    };
                let direction = rule.direction(table.kind);
                let interface = match direction {
                    Direction::Inbound => deployment.interface(rule.destination.kind),
                    Direction::Outbound => deployment.interface(rule.source.kind),
                    Direction::Unknown => None,
                };
                let pairs: Vec<(&Host, &Host)> = sources
                    .iter()
                    .flat_map(|s| destinations.iter().map(move |d| (s, d)))
                    .filter(|(s, d)| s.pairs_with(d))
                    .collect();
                if pairs.is_empty() {
                    skipped.push(Skipped {
                        page,
                        rule,
                        reason: SkipReason::NoPair,
                    });
                    continue;
                }
                let mut base = format!("{}:{}:{}", page.asset_id, page.locale, rule.line);
                // A row expanded into several rules (one per transport or
                // port: `TCP/UDP`, `5061, 5062`) numbers them `.1`, `.2`.
                let same_line: Vec<&Rule> =
                    table.rules.iter().filter(|r| r.line == rule.line).collect();
                if same_line.len() > 1
                    && let Some(k) = same_line.iter().position(|r| std::ptr::eq(*r, rule))
                {
                    base = format!("{base}.{}", k + 1);
                }
                let several = pairs.len() > 1;
                for (n, (s, d)) in pairs.into_iter().enumerate() {
                    rules.push(FirewallRule {
                        id: if several {
                            format!("{base}#{}", n + 1)
                        } else {
                            base.clone()
                        },
                        page,
                        table,
                        rule,
                        direction,
                        source: s.clone(),
                        destination: d.clone(),
                        interface: interface.map(String::from),
                        findings: findings.clone(),
                    });
                }
            }
        }
    }
    Plan {
        deployment: deployment.file.clone(),
        name: deployment.name.clone(),
        pages,
        rules,
        skipped,
    }
}

/// Writes the plan in a format.
pub fn render(plan: &Plan, format: Format) -> String {
    match format {
        Format::Nftables => nftables::render(plan),
        Format::Iptables => iptables::render(plan, crate::deploy::Family::V4),
        Format::Ip6tables => iptables::render(plan, crate::deploy::Family::V6),
        Format::Windows => windows::render(plan),
        Format::Csv => csv::render(plan),
        Format::Json => json::render(plan),
    }
}

/// Text from a page, made safe for a one-line comment: control characters
/// and line or paragraph separators become spaces.
pub fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{85}') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// The provenance of a rule in a few comment lines (without the comment
/// marker): the page's path and line, the table kind and heading, the row
/// as written, and every finding.
pub fn provenance(r: &FirewallRule) -> Vec<String> {
    let heading = r
        .table
        .heading
        .as_ref()
        .map(|h| format!(" \"{}\"", h.text))
        .unwrap_or_default();
    let c = &r.rule.cells;
    let mut out = vec![
        one_line(&format!(
            "{}:{} {}{heading}",
            r.page.path,
            r.rule.line,
            ids::name(&r.table.kind)
        )),
        if r.table.columns.is_empty() {
            one_line(&format!(
                "{} | {} | {}",
                c.spec.text, c.source.text, c.destination.text
            ))
        } else {
            // Other layouts: the row's cells in its table's column order,
            // notes aside.
            let cells: Vec<&str> = r
                .table
                .layout()
                .iter()
                .filter(|col| !matches!(col, Column::Notes | Column::Applications))
                .filter_map(|col| c.get(*col))
                .map(|cell| cell.text.as_ref())
                .collect();
            one_line(&cells.join(" | "))
        },
    ];
    for f in &r.findings {
        out.push(one_line(&format!(
            "FINDING {}[{}]: {}",
            f.severity, f.code, f.message
        )));
    }
    out
}

/// The header comment lines every format starts with (without the comment
/// marker).
pub fn header(plan: &Plan, what: &str) -> Vec<String> {
    let mut out = vec![
        format!(
            "{what}, generated by portmatrix {} from {}{}: {} rule(s) of {} page(s).",
            env!("CARGO_PKG_VERSION"),
            plan.deployment,
            plan.name
                .as_ref()
                .map(|n| format!(" ({n})"))
                .unwrap_or_default(),
            plan.rules.len(),
            plan.pages.len()
        ),
        "Pages:".to_string(),
    ];
    for p in &plan.pages {
        out.push(format!("  {} {} {}", p.asset_id, p.locale, p.path));
    }
    out.into_iter().map(|l| one_line(&l)).collect()
}

/// The ASCII id of a rule for formats whose comments take few characters:
/// the id with anything but letters, digits and `. : # -` dropped, at most
/// 100 characters.
pub fn short_id(r: &FirewallRule) -> String {
    r.id.chars()
        .filter(|c| c.is_ascii_alphanumeric() || ".:#-".contains(*c))
        .take(100)
        .collect()
}

/// The destination ports to match, `None` for any port
/// ([`PortScope::Any`]: no port match at all).
pub fn dports(r: &FirewallRule) -> Option<crate::model::PortRange> {
    (r.rule.port_scope == PortScope::Listed).then_some(r.rule.ports)
}

/// The source ports to match, `None` when the table gives none or says
/// any.
pub fn sports(r: &FirewallRule) -> Option<crate::model::PortRange> {
    r.rule
        .source_ports
        .filter(|p| p.scope == PortScope::Listed)
        .map(|p| p.ports)
}

/// Whether a loadable format can write the rule: not when an end is a host
/// name.
pub fn has_name<'a>(r: &'a FirewallRule) -> Option<&'a str> {
    [&r.source, &r.destination]
        .into_iter()
        .find_map(|h| match h {
            Host::Fqdn(n) => Some(n.as_str()),
            _ => None,
        })
}
