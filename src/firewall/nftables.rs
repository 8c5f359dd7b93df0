//! nftables: one `table inet portmatrix` with an input, an output and a
//! forward chain, for `nft -f FILE`.
//!
//! The file first makes sure the table exists, then deletes it and writes
//! it anew, all in one transaction: loading it again replaces the rules
//! instead of adding them twice. The chains' policy is `accept`: loading
//! the file opens what the pages open and closes nothing; set `policy
//! drop` once your own management access is allowed.

use std::fmt::Write;

use crate::deploy::Host;
use crate::model::{Direction, Transport};

use super::{
    FirewallRule, Plan, configured_port_comments, dports, has_name, header, provenance, short_id,
    sports,
};

/// The address match of one end (`ip saddr 192.0.2.10`); empty for `any`.
fn addr(h: &Host, side: &str) -> String {
    let family = match h.family() {
        Some(crate::deploy::Family::V4) => "ip",
        Some(crate::deploy::Family::V6) => "ip6",
        None => return String::new(),
    };
    format!("{family} {side} {h} ")
}

/// The rule as one nftables statement.
pub fn statement(r: &FirewallRule) -> String {
    let mut s = String::new();
    if let Some(i) = &r.interface {
        let key = match r.direction {
            Direction::Outbound => "oifname",
            _ => "iifname",
        };
        let _ = write!(s, "{key} \"{i}\" ");
    }
    s.push_str(&addr(&r.source, "saddr"));
    s.push_str(&addr(&r.destination, "daddr"));
    let proto = match r.rule.transport {
        Transport::Tcp => "tcp",
        Transport::Udp => "udp",
    };
    // Source ports first (`tcp sport 50000-59999 tcp dport 443`); any port
    // is no port match, only the protocol (`meta l4proto tcp`).
    let sport = sports(r).map(|p| format!("{proto} sport {p} "));
    let dport = dports(r).map(|p| format!("{proto} dport {p} "));
    if sport.is_none() && dport.is_none() {
        let _ = write!(s, "meta l4proto {proto} ");
    }
    s.push_str(&sport.unwrap_or_default());
    s.push_str(&dport.unwrap_or_default());
    let _ = write!(s, "accept comment \"{}", short_id(r));
    if let Some(worst) = r.findings.iter().map(|f| f.severity).min() {
        let _ = write!(s, " finding:{worst}");
    }
    s.push('"');
    s
}

/// The nftables file.
pub fn render(plan: &Plan) -> String {
    let mut out = String::from("#!/usr/sbin/nft -f\n");
    for l in header(plan, "nftables rule set") {
        let _ = writeln!(out, "# {l}");
    }
    out.push_str(
        "# Load with `nft -f FILE`: the table is replaced as a whole. The chains\n\
         # only accept, with policy accept: set `policy drop` once your own\n\
         # management access is allowed.\n\
         \n\
         table inet portmatrix\n\
         delete table inet portmatrix\n\
         table inet portmatrix {\n",
    );
    let chains = [
        ("input", "input", Direction::Inbound),
        ("output", "output", Direction::Outbound),
        ("forward", "forward", Direction::Unknown),
    ];
    for (n, (name, hook, direction)) in chains.into_iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "\tchain {name} {{\n\t\ttype filter hook {hook} priority filter; policy accept;"
        );
        let mut last_row: Option<(&str, u32)> = None;
        for r in plan.rules.iter().filter(|r| r.direction == direction) {
            let row = (r.page.path.as_ref(), r.rule.line);
            if last_row != Some(row) {
                out.push('\n');
                for l in provenance(r) {
                    let _ = writeln!(out, "\t\t# {l}");
                }
                last_row = Some(row);
            }
            match has_name(r) {
                Some(name) => {
                    let _ = writeln!(
                        out,
                        "\t\t# not loaded: `{name}` is a host name; give its addresses\n\t\t# {}",
                        statement(r)
                    );
                }
                None => {
                    let _ = writeln!(out, "\t\t{}", statement(r));
                }
            }
        }
        out.push_str("\t}\n");
    }
    out.push_str("}\n");
    for l in configured_port_comments(plan) {
        let _ = writeln!(out, "# {l}");
    }
    out
}
