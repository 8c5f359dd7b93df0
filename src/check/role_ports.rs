//! The server-role port lists against the flows of the other pages: the
//! internal-servers table gives, per server role, the ports it listens on;
//! the load-balancer tables the ports open on each pool's virtual IP. A
//! firewall in front of a role built from those lists opens nothing else,
//! so every rule of another page that sends traffic to the role must be on
//! a port they give.

use std::collections::BTreeMap;

use super::finding::{MAX_WITNESSES, describe, heading_loc, row_loc};
use super::{CheckCode as C, Finding};
use crate::model::{EndpointKind, Page, PortScope, Rule, Table, TableKind, Transport};
use crate::names::Localized;

/// The server roles the lists give ports for and the flow pages send
/// traffic to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum ServerRole {
    FrontEnd,
    Director,
    Mediation,
}

impl ServerRole {
    fn name(self) -> &'static str {
        match self {
            ServerRole::FrontEnd => "Front End",
            ServerRole::Director => "Director",
            ServerRole::Mediation => "Mediation Server",
        }
    }
}

/// Which role an endpoint kind stands for: the server, its pool, the pool's
/// virtual IP (the address the load balancer tables give) and its web
/// services are the same servers behind one firewall. A Standard Edition
/// server is a Front End Server on its own. Every other kind (the Edge, the
/// reverse proxy, Office Web Apps, the Central Management store pool, which
/// the lists give under other roles or not at all) is not compared.
const ROLES: [(EndpointKind, ServerRole); 8] = [
    (EndpointKind::FrontEndServer, ServerRole::FrontEnd),
    (EndpointKind::FrontEndPool, ServerRole::FrontEnd),
    (EndpointKind::FrontEndWebServices, ServerRole::FrontEnd),
    (EndpointKind::StandardEditionServer, ServerRole::FrontEnd),
    (EndpointKind::Director, ServerRole::Director),
    (EndpointKind::DirectorPool, ServerRole::Director),
    (EndpointKind::DirectorWebServices, ServerRole::Director),
    (EndpointKind::MediationServer, ServerRole::Mediation),
];

fn role(k: EndpointKind) -> Option<ServerRole> {
    ROLES.iter().find(|(e, _)| *e == k).map(|(_, r)| *r)
}

/// The tables that list ports per role.
fn is_list(kind: TableKind) -> bool {
    matches!(kind, TableKind::InternalServers | TableKind::LoadBalancers)
}

/// The tables whose rules are flows between two named endpoints. The other
/// layouts name one end or none (client ports, SQL Server, hybrid), or
/// exempt traffic on any port (IPsec exceptions): they send nothing to a
/// role on a port to compare.
fn is_flow(kind: TableKind) -> bool {
    !is_list(kind)
        && !matches!(
            kind,
            TableKind::ClientPorts
                | TableKind::IpsecExceptions
                | TableKind::SqlServer
                | TableKind::Hybrid
                | TableKind::TransportPreference
                | TableKind::DnsRecords
        )
}

/// The roles a rule's destination sends traffic to: its own kind, or each
/// server of a list (`Front End Server, Front End pool, Director`). `Any`
/// (even "can be defined as …") names no role the rule must reach.
fn roles_of(r: &Rule) -> Vec<ServerRole> {
    let d = &r.destination;
    let mut v: Vec<ServerRole> = if d.candidates.is_empty() {
        role(d.kind).into_iter().collect()
    } else if d.is_any() {
        Vec::new()
    } else {
        d.candidates.iter().filter_map(|c| role(c.kind)).collect()
    };
    v.sort();
    v.dedup();
    v
}

/// The ports the lists give one role on one transport, indexed: whether a
/// row gives it every port (`Any`, configured), and the listed ranges by
/// first port with the highest last port so far, so that "is this range
/// inside one of them" is a binary search, not a scan of every list row
/// (the lists grow with the pages; so do the flows asking).
#[derive(Default)]
struct Listed {
    every_port: bool,
    ranges: Vec<(u16, u16)>,
    /// `reach[k]`: the highest last port of `ranges[..=k]`.
    reach: Vec<u16>,
}

impl Listed {
    fn add(&mut self, r: &Rule) {
        if r.port_scope == PortScope::Listed {
            self.ranges.push((r.ports.first(), r.ports.last()));
        } else {
            self.every_port = true;
        }
    }

    fn index(&mut self) {
        self.ranges.sort_unstable();
        let mut high = 0;
        self.reach = self
            .ranges
            .iter()
            .map(|&(_, last)| {
                high = high.max(last);
                high
            })
            .collect();
    }

    /// Whether a listed range holds `first..=last`: one of the ranges that
    /// start at or before `first` reaches `last`.
    fn holds(&self, first: u16, last: u16) -> bool {
        if self.every_port {
            return true;
        }
        let starts = self.ranges.partition_point(|&(f, _)| f <= first);
        starts > 0 && self.reach[starts - 1] >= last
    }
}

/// [`C::RolePortNotListed`], over the pages of one locale: only when the
/// locale has both the lists and flow pages.
pub(super) fn role_port_not_listed(pages: &[&Page], out: &mut Vec<Finding>) {
    let mut lists: Vec<(&Page, &Table)> = Vec::new();
    let mut listed: BTreeMap<(ServerRole, Transport), Listed> = BTreeMap::new();
    // The lists that give ports for each role, in list order.
    let mut lists_of: BTreeMap<ServerRole, Vec<usize>> = BTreeMap::new();
    for page in pages {
        for t in page.tables.iter().filter(|t| is_list(t.kind)) {
            let li = lists.len();
            lists.push((page, t));
            for r in t.rules.iter() {
                for role in roles_of(r) {
                    listed.entry((role, r.transport)).or_default().add(r);
                    let of = lists_of.entry(role).or_default();
                    if of.last() != Some(&li) {
                        of.push(li);
                    }
                }
            }
        }
    }
    if lists.is_empty() {
        return;
    }
    for l in listed.values_mut() {
        l.index();
    }
    for page in pages {
        // A page with lists is the lists' page: its own flows, if any, are
        // what the lists are made of.
        if page.tables.iter().any(|t| is_list(t.kind)) {
            continue;
        }
        for t in page.tables.iter().filter(|t| is_flow(t.kind)) {
            for r in t.rules.iter() {
                if r.port_scope != PortScope::Listed {
                    continue;
                }
                let missing: Vec<ServerRole> = roles_of(r)
                    .into_iter()
                    .filter(|role| {
                        !listed
                            .get(&(*role, r.transport))
                            .is_some_and(|l| l.holds(r.ports.first(), r.ports.last()))
                    })
                    .collect();
                if missing.is_empty() {
                    continue;
                }
                let names = missing
                    .iter()
                    .map(|m| m.name())
                    .collect::<Vec<_>>()
                    .join(", ");
                let protocols = crate::names::protocols(&r.protocols);
                let what = format!("{protocols} {}", r.transport.name("en"));
                let what = what.trim();
                let mut f = Finding::new(
                    C::RolePortNotListed,
                    format!(
                        "{} sends traffic to the {names} role on {} {}, which the internal \
                         servers and load balancer port lists do not give that role",
                        describe(r),
                        r.transport.name("en"),
                        r.ports
                    ),
                    "add the port to the role's list, or correct the flow's port or destination",
                )
                .at(row_loc(page, r, "this row"))
                // One defect: the lists lack this port for this role,
                // whichever page's row needs it (copies are grouped by it).
                .key(format!("{names} {} {}", r.transport.name("en"), r.ports))
                // Rows of one table sending the same protocols to the role
                // on ports the lists lack (50001, 50002, 50003) are one.
                .rows(
                    t.line,
                    format!("{names} {what}"),
                    format!(
                        "{{n}} rows of this table send {what} to the {names} role on ports \
                         that the internal servers and load balancer port lists do not give \
                         it; the first: {}",
                        describe(r)
                    ),
                );
                // The lists that give ports for a missing role, in list order
                // (the first MAX_WITNESSES: every page of a large tree may
                // hold such a list).
                let mut of: Vec<usize> = missing
                    .iter()
                    .flat_map(|m| lists_of.get(m).into_iter().flatten().copied())
                    .collect();
                of.sort_unstable();
                of.dedup();
                if of.len() > MAX_WITNESSES {
                    f.message = super::texts::shared(format!(
                        "{} (the first {MAX_WITNESSES} of its {} port lists are named)",
                        f.message,
                        of.len()
                    ));
                }
                for li in of.into_iter().take(MAX_WITNESSES) {
                    let (lp, lt) = lists[li];
                    f = f.at(heading_loc(lp, lt, "the role's port list"));
                }
                out.push(f);
            }
        }
    }
}
