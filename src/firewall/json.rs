//! The JSON rule set and its JSON Schema (`schema/firewall.schema.json`).
//!
//! Modelled on Microsoft 365's endpoints web service: one object per rule
//! with a stable `id`, what it opens (`transport`, `ports`), between which
//! addresses, and where it comes from (page, table, line), plus the check
//! findings about its row.

use schemars::JsonSchema;
use serde::Serialize;

use crate::deploy::{Family, Host};
use crate::diag::Severity;
use crate::model::{
    Address, Direction, Endpoint, EndpointKind, PortRange, PortScope, Protocol, Role, SourcePorts,
    TableKind, Transport,
};

use super::{FirewallRule, Plan, SkipReason};

/// Version of the firewall JSON contract; changes when a field is removed
/// or changes meaning.
pub const SCHEMA_VERSION: u32 = 1;

/// What `portmatrix firewall --format json` prints.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(
    title = "portmatrix firewall",
    description = "Firewall rules for one deployment: the rules of the TechNet Lync Server 2013 port-summary pages it chose, with its addresses"
)]
pub struct Document {
    /// Version of this contract (currently 1).
    pub schema_version: u32,
    /// `portmatrix <version>`.
    pub generator: String,
    /// The deployment file, as named on the command line.
    pub deployment: String,
    /// The deployment's `name`, if it has one.
    pub name: Option<String>,
    /// The chosen pages, in the deployment's order.
    pub pages: Vec<DocPage>,
    /// One rule per typed rule and address pair, in order: pages as the
    /// deployment lists them, tables and rows in document order.
    pub rules: Vec<DocRule>,
    /// The rows of the chosen pages that gave no rule, and why.
    pub skipped: Vec<DocSkipped>,
}

/// A chosen page.
#[derive(Debug, Serialize, JsonSchema)]
pub struct DocPage {
    /// `ms:assetid` of the page.
    pub asset_id: String,
    /// The edition's locale.
    pub locale: String,
    /// The page's path in the sources.
    pub path: String,
    /// The page's title, in its language.
    pub title: String,
}

/// One rule.
#[derive(Debug, Serialize, JsonSchema)]
pub struct DocRule {
    /// Stable id: `asset-id:locale:line`, then `#n` when the row gives
    /// several address pairs.
    pub id: String,
    /// The page's asset id.
    pub asset_id: String,
    /// The page's locale.
    pub locale: String,
    /// The page's path.
    pub path: String,
    /// 1-based line of the row (`<tr>`) in the page.
    pub line: u32,
    /// The kind of the row's table.
    pub table_kind: TableKind,
    /// The heading above the table, in the page's language.
    pub heading: Option<String>,
    /// Into or out of the table's server.
    pub direction: Direction,
    /// The row's role.
    pub role: Option<Role>,
    /// The row's protocols.
    pub protocols: Vec<Protocol>,
    /// TCP or UDP.
    pub transport: Transport,
    /// The destination ports.
    pub ports: PortRange,
    /// How the page names the destination ports: left out when it lists
    /// them; `any` for any port (`ports` is 1-65535). Rows whose port is
    /// `configured` are not rules but `skipped`.
    #[serde(default, skip_serializing_if = "PortScope::is_listed")]
    pub port_scope: PortScope,
    /// The source ports, when the row's table gives them (IPsec exceptions,
    /// A/V firewall requirements).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_ports: Option<SourcePorts>,
    /// Where the connection comes from.
    pub source: DocEnd,
    /// Where it goes.
    pub destination: DocEnd,
    /// The interface of the local end, if the deployment names one.
    pub interface: Option<String>,
    /// The check findings about the row (empty when none).
    pub findings: Vec<DocFinding>,
    /// The first cell as written (`Access/SIP(TLS)/TCP/443`).
    pub spec: String,
    /// The notes cell, in the page's language.
    pub note: String,
}

/// One end of a rule.
#[derive(Debug, Serialize, JsonSchema)]
pub struct DocEnd {
    /// The endpoint kind the row names.
    pub kind: EndpointKind,
    /// Which of its addresses the row names.
    pub address: Address,
    /// The deployment's address: `any`, an IP address, a CIDR range or a
    /// host name.
    pub host: String,
    /// What `host` is.
    pub host_type: HostType,
    /// The cell as written, in the page's language.
    pub text: String,
}

/// What a [`DocEnd::host`] is.
#[derive(Debug, Clone, Copy, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum HostType {
    /// Any address.
    Any,
    /// An IPv4 address or range.
    Ipv4,
    /// An IPv6 address or range.
    Ipv6,
    /// A host name.
    Fqdn,
}

/// A check finding about the row.
#[derive(Debug, Serialize, JsonSchema)]
pub struct DocFinding {
    /// The check's code.
    pub code: String,
    /// Its severity.
    pub severity: Severity,
    /// What it says.
    pub message: String,
}

/// A row that gave no rule.
#[derive(Debug, Serialize, JsonSchema)]
pub struct DocSkipped {
    /// The page's path.
    pub path: String,
    /// 1-based line of the row.
    pub line: u32,
    /// Why, in words.
    pub reason: String,
}

fn end(e: &Endpoint, h: &Host) -> DocEnd {
    DocEnd {
        kind: e.kind,
        address: e.address,
        host: h.to_string(),
        host_type: match (h, h.family()) {
            (Host::Any, _) => HostType::Any,
            (Host::Fqdn(_), _) => HostType::Fqdn,
            (_, Some(Family::V6)) => HostType::Ipv6,
            _ => HostType::Ipv4,
        },
        text: e.text.to_string(),
    }
}

/// A rule as the document holds it.
pub fn doc_rule(r: &FirewallRule) -> DocRule {
    DocRule {
        id: r.id.clone(),
        asset_id: r.page.asset_id.to_string(),
        locale: r.page.locale.to_string(),
        path: r.page.path.to_string(),
        line: r.rule.line,
        table_kind: r.table.kind,
        heading: r.table.heading.as_ref().map(|h| h.text.to_string()),
        direction: r.direction,
        role: r.rule.role.clone(),
        protocols: r.rule.protocols.to_vec(),
        transport: r.rule.transport,
        ports: r.rule.ports,
        port_scope: r.rule.port_scope,
        source_ports: r.rule.source_ports,
        source: end(&r.rule.source, &r.source),
        destination: end(&r.rule.destination, &r.destination),
        interface: r.interface.clone(),
        findings: r
            .findings
            .iter()
            .map(|f| DocFinding {
                code: f.code.clone(),
                severity: f.severity,
                message: f.message.clone(),
            })
            .collect(),
        spec: r.rule.cells.spec.text.to_string(),
        note: r.rule.note.to_string(),
    }
}

/// Why a row was skipped, in words.
pub fn reason(r: &SkipReason) -> String {
    match r {
        SkipReason::Finding(s) => format!("--skip-findings: the row has a finding of severity {s}"),
        SkipReason::Unrecognized(u) => {
            format!("the row names an endpoint the parser did not recognize (`{u}`)")
        }
        SkipReason::NoPair => {
            "the source and destination addresses are of different IP versions".to_string()
        }
        SkipReason::ConfiguredPort => {
            "the port is configured by the administrator; give the configured port".to_string()
        }
    }
}

/// The document of a plan.
pub fn document(plan: &Plan) -> Document {
    Document {
        schema_version: SCHEMA_VERSION,
        generator: format!("portmatrix {}", env!("CARGO_PKG_VERSION")),
        deployment: plan.deployment.clone(),
        name: plan.name.clone(),
        pages: plan
            .pages
            .iter()
            .map(|p| DocPage {
                asset_id: p.asset_id.to_string(),
                locale: p.locale.to_string(),
                path: p.path.to_string(),
                title: p.title.to_string(),
            })
            .collect(),
        rules: plan.rules.iter().map(doc_rule).collect(),
        skipped: plan
            .skipped
            .iter()
            .map(|s| DocSkipped {
                path: s.page.path.to_string(),
                line: s.rule.line,
                reason: reason(&s.reason),
            })
            .collect(),
    }
}

/// The plan as pretty-printed JSON with a final newline.
pub fn render(plan: &Plan) -> String {
    let mut s = serde_json::to_string_pretty(&document(plan)).expect("the document serializes");
    s.push('\n');
    s
}

/// The JSON Schema of [`Document`], pretty-printed with a final newline:
/// what `schema/firewall.schema.json` holds.
pub fn schema() -> String {
    let mut s =
        serde_json::to_string_pretty(&schemars::schema_for!(Document)).expect("schemas serialize");
    s.push('\n');
    s
}
