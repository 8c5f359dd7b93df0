//! iptables-restore and ip6tables-restore input: a whole `filter` table
//! with three chains of ours (`portmatrix-input`, `-output`, `-forward`)
//! that INPUT, OUTPUT and FORWARD jump to.
//!
//! `iptables-restore FILE` replaces the filter table (as `iptables-save`
//! output does); the built-in chains keep policy ACCEPT. One file holds one
//! IP version: rules with IPv4 addresses go to the iptables file, rules
//! with IPv6 addresses to the ip6tables file, rules with `any` on both
//! ends to both.

use std::fmt::Write;

use crate::deploy::{Family, Host};
use crate::model::{Direction, Transport};

use super::{
    FirewallRule, Plan, configured_port_comments, dports, has_name, header, provenance, short_id,
    sports,
};

/// Whether the rule belongs in the file of this IP version.
fn in_family(r: &FirewallRule, family: Family) -> bool {
    [&r.source, &r.destination]
        .iter()
        .all(|h| h.family().is_none_or(|f| f == family))
}

/// The address option of one end (`-s 192.0.2.10`); empty for `any`.
fn addr(h: &Host, option: &str) -> String {
    match h {
        Host::Any => String::new(),
        h => format!("{option} {h} "),
    }
}

/// The rule as one `-A` line.
pub fn line(r: &FirewallRule) -> String {
    let chain = chain(r.direction);
    let mut s = format!("-A {chain} ");
    if let Some(i) = &r.interface {
        let opt = match r.direction {
            Direction::Outbound => "-o",
            _ => "-i",
        };
        let _ = write!(s, "{opt} {i} ");
    }
    s.push_str(&addr(&r.source, "-s"));
    s.push_str(&addr(&r.destination, "-d"));
    let proto = match r.rule.transport {
        Transport::Tcp => "tcp",
        Transport::Udp => "udp",
    };
    // iptables writes a range `first:last`.
    let range = |p: crate::model::PortRange| {
        if p.is_single() {
            p.first().to_string()
        } else {
            format!("{}:{}", p.first(), p.last())
        }
    };
    let mut ports = String::new();
    if let Some(p) = sports(r) {
        let _ = write!(ports, " --sport {}", range(p));
    }
    if let Some(p) = dports(r) {
        let _ = write!(ports, " --dport {}", range(p));
    }
    let mut comment = short_id(r);
    if let Some(worst) = r.findings.iter().map(|f| f.severity).min() {
        let _ = write!(comment, " finding:{worst}");
    }
    let _ = write!(
        s,
        "-p {proto} -m {proto}{ports} -m comment --comment \"{comment}\" -j ACCEPT"
    );
    s
}

/// Our chain for a direction.
fn chain(d: Direction) -> &'static str {
    match d {
        Direction::Inbound => "portmatrix-input",
        Direction::Outbound => "portmatrix-output",
        Direction::Unknown => "portmatrix-forward",
    }
}

/// The restore file for one IP version.
pub fn render(plan: &Plan, family: Family) -> String {
    let (what, tool) = match family {
        Family::V4 => ("iptables rule set (IPv4)", "iptables-restore"),
        Family::V6 => ("ip6tables rule set (IPv6)", "ip6tables-restore"),
    };
    let mut out = String::new();
    for l in header(plan, what) {
        let _ = writeln!(out, "# {l}");
    }
    let other = plan.rules.iter().filter(|r| !in_family(r, family)).count();
    if other > 0 {
        let _ = writeln!(
            out,
            "# {other} rule(s) with {} addresses are in the {} output.",
            if family == Family::V4 { "IPv6" } else { "IPv4" },
            if family == Family::V4 {
                "ip6tables"
            } else {
                "iptables"
            }
        );
    }
    let _ = writeln!(
        out,
        "# Load with `{tool} FILE`: the filter table is replaced as a whole;\n\
         # the built-in chains keep policy ACCEPT.\n\
         *filter\n\
         :INPUT ACCEPT [0:0]\n\
         :FORWARD ACCEPT [0:0]\n\
         :OUTPUT ACCEPT [0:0]\n\
         :portmatrix-input - [0:0]\n\
         :portmatrix-output - [0:0]\n\
         :portmatrix-forward - [0:0]\n\
         -A INPUT -j portmatrix-input\n\
         -A OUTPUT -j portmatrix-output\n\
         -A FORWARD -j portmatrix-forward"
    );
    for direction in [Direction::Inbound, Direction::Outbound, Direction::Unknown] {
        let mut last_row: Option<(&str, u32)> = None;
        for r in plan
            .rules
            .iter()
            .filter(|r| r.direction == direction && in_family(r, family))
        {
            let row = (r.page.path.as_ref(), r.rule.line);
            if last_row != Some(row) {
                for l in provenance(r) {
                    let _ = writeln!(out, "# {l}");
                }
                last_row = Some(row);
            }
            match has_name(r) {
                Some(name) => {
                    let _ = writeln!(
                        out,
                        "# not loaded: `{name}` is a host name; give its addresses\n# {}",
                        line(r)
                    );
                }
                None => {
                    let _ = writeln!(out, "{}", line(r));
                }
            }
        }
    }
    for l in configured_port_comments(plan) {
        let _ = writeln!(out, "# {l}");
    }
    out.push_str("COMMIT\n");
    out
}
