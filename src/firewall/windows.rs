//! Windows Defender Firewall: PowerShell `New-NetFirewallRule` commands,
//! one per rule, in the group `portmatrix`.
//!
//! Every string is single-quoted, with each quote character doubled: `'`
//! and the typographic single quotes (U+2018 to U+201B) that PowerShell
//! also takes for `'`; control characters and line separators become
//! spaces. No text of a page can end a string or a comment early, so none
//! can inject a command. The script starts with a UTF-8 byte order mark,
//! so that Windows PowerShell 5.1 reads the pages' non-ASCII text right,
//! and first removes the rules of the group, so that running it again
//! replaces them.
//!
//! A host firewall has no rule for a flow whose direction is unknown
//! (neither end is the table's server): such rules are written as
//! comments, as are rules with a host name.

use std::fmt::Write;

use crate::deploy::{Host, ids};
use crate::model::{Direction, Transport};

use super::{
    FirewallRule, Plan, configured_port_comments, dports, has_name, header, one_line, provenance,
    sports,
};

/// A PowerShell single-quoted string: quote characters doubled, control
/// characters and line separators replaced by spaces.
///
/// ```
/// use portmatrix::firewall::windows::quote;
/// assert_eq!(quote("it's"), "'it''s'");
/// assert_eq!(quote("a’; Remove-Item C:\\ ;‘"), "'a’’; Remove-Item C:\\ ;‘‘'");
/// assert_eq!(quote("x\ny"), "'x y'");
/// ```
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in one_line(s).chars() {
        if matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}') {
            out.push(c);
        }
        out.push(c);
    }
    out.push('\'');
    out
}

/// `Any` or the address, quoted.
fn addr(h: &Host) -> String {
    match h {
        Host::Any => quote("Any"),
        h => quote(&h.to_string()),
    }
}

/// The rule as one `New-NetFirewallRule` command; `None` when its direction
/// is unknown.
pub fn command(r: &FirewallRule) -> Option<String> {
    // The destination's ports are local to an inbound rule and remote to
    // an outbound one; the source's the other way round.
    let (direction, local, remote, port_key, sport_key) = match r.direction {
        Direction::Inbound => (
            "Inbound",
            &r.destination,
            &r.source,
            "-LocalPort",
            "-RemotePort",
        ),
        Direction::Outbound => (
            "Outbound",
            &r.source,
            &r.destination,
            "-RemotePort",
            "-LocalPort",
        ),
        Direction::Unknown => return None,
    };
    let mut ports = String::new();
    if let Some(p) = dports(r) {
        let _ = write!(ports, " {port_key} {}", quote(&p.to_string()));
    }
    if let Some(p) = sports(r) {
        let _ = write!(ports, " {sport_key} {}", quote(&p.to_string()));
    }
    let protocol = match r.rule.transport {
        Transport::Tcp => "TCP",
        Transport::Udp => "UDP",
    };
    let c = &r.rule.cells;
    let display = format!("portmatrix {} {}", r.id, c.spec.text);
    let mut description = format!(
        "{}:{} {} | {} | {} | {}",
        r.page.path,
        r.rule.line,
        ids::name(&r.table.kind),
        c.source.text,
        c.destination.text,
        r.rule.note
    );
    for f in &r.findings {
        let _ = write!(
            description,
            " | FINDING {}[{}]: {}",
            f.severity, f.code, f.message
        );
    }
    let mut s = format!(
        "New-NetFirewallRule -DisplayName {} -Group 'portmatrix' -Direction {direction} -Action Allow -Protocol {protocol}{ports} -LocalAddress {} -RemoteAddress {}",
        quote(&display),
        addr(local),
        addr(remote),
    );
    if let Some(i) = &r.interface {
        let _ = write!(s, " -InterfaceAlias {}", quote(i));
    }
    let _ = write!(s, " -Description {} | Out-Null", quote(&description));
    Some(s)
}

/// The PowerShell script.
pub fn render(plan: &Plan) -> String {
    let mut out = String::from("\u{FEFF}");
    for l in header(plan, "Windows Defender Firewall rules") {
        let _ = writeln!(out, "# {l}");
    }
    out.push_str(
        "# Run in an elevated PowerShell. Running it again replaces the rules of\n\
         # the group 'portmatrix'; remove them with\n\
         #   Remove-NetFirewallRule -Group 'portmatrix'\n\
         #Requires -RunAsAdministrator\n\
         $ErrorActionPreference = 'Stop'\n\
         Get-NetFirewallRule -Group 'portmatrix' -ErrorAction SilentlyContinue | Remove-NetFirewallRule\n",
    );
    let mut last_row: Option<(&str, u32)> = None;
    for r in &plan.rules {
        let row = (r.page.path.as_ref(), r.rule.line);
        if last_row != Some(row) {
            out.push('\n');
            for l in provenance(r) {
                let _ = writeln!(out, "# {l}");
            }
            last_row = Some(row);
        }
        match (command(r), has_name(r)) {
            (None, _) => {
                let _ = writeln!(
                    out,
                    "# not written: neither end is the server of the table (direction unknown)"
                );
            }
            (Some(cmd), Some(name)) => {
                let _ = writeln!(
                    out,
                    "# not loaded: `{}` is a host name; give its addresses\n# {cmd}",
                    one_line(name)
                );
            }
            (Some(cmd), None) => {
                let _ = writeln!(out, "{cmd}");
            }
        }
    }
    for l in configured_port_comments(plan) {
        let _ = writeln!(out, "# {l}");
    }
    out
}
