//! The questions an administrator asks of the matrix (`portmatrix query`):
//! a [`Filter`] over rules, and the JSON answer with its schema
//! (`schema/query.schema.json`).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Serialize;

use crate::check::{self, CheckCode};
use crate::deploy::{Deployment, names_page};
use crate::model::query::RuleRef;
use crate::model::{Direction, EndpointKind, PortScope, Role, Rule, TableKind, Transport};

/// What a rule must match; every field set must match (and), an unset
/// field matches every rule.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// A port the rule's range contains.
    pub port: Option<u16>,
    /// The rule's transport.
    pub transport: Option<Transport>,
    /// The page, by asset id or file slug ([`names_page`]).
    pub page: Option<String>,
    /// The kind of the rule's table.
    pub kind: Option<TableKind>,
    /// The rule's direction.
    pub direction: Option<Direction>,
    /// The rule's role.
    pub role: Option<Role>,
    /// An endpoint kind the source may stand for ([`Endpoint::kinds`]:
    /// its own kind or a candidate's).
    ///
    /// [`Endpoint::kinds`]: crate::model::Endpoint::kinds
    pub from: Option<EndpointKind>,
    /// An endpoint kind the destination may stand for.
    pub to: Option<EndpointKind>,
}

impl Filter {
    /// Whether the rule matches.
    ///
    /// ```
    /// use portmatrix::firewall::query::Filter;
    /// use portmatrix::model::{Direction, EndpointKind};
    /// let m = portmatrix::embedded();
    /// // Who may open connections to the Edge internal interface?
    /// let f = Filter {
    ///     to: Some(EndpointKind::EdgeInternal),
    ///     direction: Some(Direction::Inbound),
    ///     ..Filter::default()
    /// };
    /// assert_eq!(m.rules().filter(|r| f.matches(r)).count(), 11);
    /// ```
    pub fn matches(&self, r: &RuleRef) -> bool {
        let rule = r.rule;
        self.port.is_none_or(|p| opens(rule, p))
            && self.transport.is_none_or(|t| t == rule.transport)
            && self.page.as_deref().is_none_or(|k| names_page(r.page, k))
            && self.kind.is_none_or(|k| k == r.table.kind)
            && self.direction.is_none_or(|d| d == r.direction())
            && self
                .role
                .as_ref()
                .is_none_or(|x| rule.role.as_ref() == Some(x))
            && self
                .from
                .is_none_or(|k| rule.source.kinds().any(|x| x == k))
            && self
                .to
                .is_none_or(|k| rule.destination.kinds().any(|x| x == k))
    }
}

/// Whether the rule opens `port`: its range contains it, and the range is
/// the port's (listed, or "any port"). A port the administrator configures
/// (`Statically defined`) is no port in particular: it matches no `--port`.
pub fn opens(rule: &Rule, port: u16) -> bool {
    rule.port_scope != PortScope::Configured && rule.ports.contains(port)
}

/// A server role that listens on a port: a rule of an internal servers
/// table ([`TableKind::InternalServers`]), whose destination is the role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Listener {
    /// The role (`front_end_server`, `director`, …).
    pub role: EndpointKind,
    /// The `Service name` cell, in the page's language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    /// The transport it listens on.
    pub transport: Transport,
    /// The page's path.
    pub path: String,
    /// The row's line.
    pub line: u32,
}

/// The server roles of the hits that listen on a port: the destinations of
/// the hits from internal servers tables, in document order, each (role,
/// service, transport) once.
pub fn listeners(hits: &[RuleRef]) -> Vec<Listener> {
    let mut out: Vec<Listener> = Vec::new();
    for h in hits
        .iter()
        .filter(|h| h.table.kind == TableKind::InternalServers)
    {
        for role in h.rule.destination.kinds().filter(|k| {
            !matches!(
                k,
                EndpointKind::Any | EndpointKind::OneOf | EndpointKind::Unspecified
            )
        }) {
            let l = Listener {
                role,
                service: h.rule.service.as_deref().map(str::to_string),
                transport: h.rule.transport,
                path: h.page.path.to_string(),
                line: h.rule.line,
            };
            if !out
                .iter()
                .any(|x| (x.role, &x.service, x.transport) == (l.role, &l.service, l.transport))
            {
                out.push(l);
            }
        }
    }
    out
}

/// What `portmatrix query --format json` prints. The keys of each object
/// are in alphabetical order.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(
    title = "portmatrix query",
    description = "The rules of TechNet Lync Server 2013 port-summary pages that match a query"
)]
pub struct QueryDocument {
    /// `--port`, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    /// The internal server roles among the matching rules' destinations
    /// ([`listeners`]): with `--port`, which roles listen on it. Left out
    /// when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub listeners: Vec<Listener>,
    /// The matching rules, in document order.
    pub rules: Vec<QueryHit>,
}

/// One matching rule.
#[derive(Debug, Serialize, JsonSchema)]
pub struct QueryHit {
    /// The page's asset id.
    pub asset_id: String,
    /// With `--deployment`: the destination's addresses (`any`, addresses,
    /// CIDR ranges, host names).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination_addresses: Option<Vec<String>>,
    /// Into or out of the table's server.
    pub direction: Direction,
    /// The checks that found a defect at the rule ([`rule_findings`]): at
    /// its row, a copy of it, or its table's heading. Every level, style
    /// included; empty when none. `portmatrix check` explains them.
    pub findings: Vec<CheckCode>,
    /// The page's locale.
    pub locale: String,
    /// The page's path.
    pub path: String,
    /// The rule, as in the matrix JSON (keys in alphabetical order).
    #[schemars(with = "Rule")]
    pub rule: serde_json::Value,
    /// With `--deployment`: the source's addresses.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_addresses: Option<Vec<String>>,
    /// The kind of the rule's table.
    pub table_kind: TableKind,
}

/// The addresses of both ends of a rule in a deployment, as strings (`?`
/// for an end it cannot address).
pub fn addresses(d: &Deployment, rule: &Rule) -> (Vec<String>, Vec<String>) {
    let one = |e| match d.resolve(e) {
        Ok(hosts) => hosts.iter().map(ToString::to_string).collect(),
        Err(_) => vec!["?".to_string()],
    };
    (one(&rule.source), one(&rule.destination))
}

/// The checks that found a defect at a rule, from
/// [`check::findings_by_rule`]: those at its row (the row where a finding is
/// reported, or a copy of it on another page or edition) and those at its
/// table's heading or `<table>` line (a mislabelled table: the rule's
/// table kind and direction come from it). Registry order, each once.
///
/// ```
/// use portmatrix::check::{self, CheckCode};
/// use portmatrix::firewall::query::rule_findings;
/// let m = portmatrix::embedded();
/// let marks = check::findings_by_rule(&check::run(m));
/// // A row of the table whose heading says "external interface" over
/// // internal-interface rows.
/// let hit = m.rules().find(|r| r.rule.line == 204).unwrap();
/// assert_eq!(rule_findings(&marks, &hit), [CheckCode::HeadingContradictsRows]);
/// ```
pub fn rule_findings(
    marks: &BTreeMap<check::RuleRef, Vec<CheckCode>>,
    r: &RuleRef,
) -> Vec<CheckCode> {
    let path = r.page.path.to_string();
    let mut lines = vec![r.rule.line, r.table.line];
    lines.extend(r.table.heading.as_ref().map(|h| h.line));
    let mut codes: Vec<CheckCode> = Vec::new();
    for line in lines {
        for c in marks.get(&(path.clone(), line)).into_iter().flatten() {
            if !codes.contains(c) {
                codes.push(*c);
            }
        }
    }
    codes.sort();
    codes
}

impl QueryHit {
    /// The hit of a rule, with the deployment's addresses when given, and
    /// no findings (see [`QueryHit::with_findings`]).
    pub fn new(r: &RuleRef, deployment: Option<&Deployment>) -> QueryHit {
        let addrs = deployment.map(|d| addresses(d, r.rule));
        let (source_addresses, destination_addresses) = match addrs {
            Some((s, d)) => (Some(s), Some(d)),
            None => (None, None),
        };
        QueryHit {
            asset_id: r.page.asset_id.to_string(),
            destination_addresses,
            direction: r.direction(),
            findings: Vec::new(),
            locale: r.page.locale.to_string(),
            path: r.page.path.to_string(),
            rule: serde_json::to_value(r.rule).expect("rules serialize"),
            source_addresses,
            table_kind: r.table.kind,
        }
    }

    /// The hit with the checks that found a defect at its rule
    /// ([`rule_findings`]).
    pub fn with_findings(mut self, findings: Vec<CheckCode>) -> QueryHit {
        self.findings = findings;
        self
    }
}

/// The JSON Schema of [`QueryDocument`], pretty-printed with a final
/// newline: what `schema/query.schema.json` holds.
pub fn schema() -> String {
    let mut s = serde_json::to_string_pretty(&schemars::schema_for!(QueryDocument))
        .expect("schemas serialize");
    s.push('\n');
    s
}
