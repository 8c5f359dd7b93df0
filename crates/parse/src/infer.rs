//! A role the first column leaves out, read from the row's own endpoints.
//!
//! Some editions write a row of a role table without its role
//! (`SIP/TLS/443 (entrada)` where en-US writes `Access/SIP(TLS)/TCP/443`).
//! The role is the Edge service the row opens: the Access Edge service's
//! rows are `Access` rows, the A/V Edge service's `A/V` rows, the Web
//! Conferencing Edge service's `Web Conferencing` rows. When exactly one of
//! those services is on the row's ends, that is its role; an info
//! `role_inferred` says so. A row whose ends name none of them (`XMPP/TCP/5269`
//! to the XMPP proxy) or two of them keeps no role: nothing is guessed.

use crate::diag::{Code, Diagnostic, Severity};
use crate::model::{EndpointKind, Role, Rule};

/// Gives each rule of a role table (`rules`, of the page at `path`) that
/// names no role the role of the one Edge service on its ends, with an info
/// `role_inferred` per rule. Run when the table is read, and again after
/// alignment typed a row's endpoints.
pub(crate) fn roles(path: &str, rules: &mut [Rule]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in rules.iter_mut().filter(|r| r.role.is_none()) {
        if let Some(role) = role_from_endpoints(rule) {
            out.push(
                Diagnostic::new(
                    Severity::Info,
                    Code::RoleInferred,
                    path.to_string(),
                    rule.cells.spec.line,
                    format!(
                        "no role written; `{}` read from the {} on the row's ends",
                        label(&role).0,
                        label(&role).1
                    ),
                )
                .with_cell(rule.cells.spec.text.clone()),
            );
            rule.role = Some(role);
        }
    }
    out
}

/// The role of the one Edge service on the rule's ends, if exactly one is.
pub(crate) fn role_from_endpoints(rule: &Rule) -> Option<Role> {
    let mut found: Option<Role> = None;
    for kind in rule.source.kinds().chain(rule.destination.kinds()) {
        let role = match kind {
            EndpointKind::AccessEdge => Role::Access,
            EndpointKind::AvEdge => Role::AudioVideo,
            EndpointKind::WebConferencingEdge => Role::WebConferencing,
            _ => continue,
        };
        match &found {
            Some(r) if *r != role => return None,
            _ => found = Some(role),
        }
    }
    found
}

/// The role as the English first column writes it, and its Edge service.
fn label(role: &Role) -> (&'static str, &'static str) {
    match role {
        Role::Access => ("Access", "Access Edge service"),
        Role::AudioVideo => ("A/V", "A/V Edge service"),
        Role::WebConferencing => ("Web Conferencing", "Web Conferencing Edge service"),
        _ => ("?", "Edge service"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_page;

    /// es-ES-ht-first's notation: `SIP/TLS/443 (entrada)` in a role table,
    /// to the Access Edge; `STUN/MSTURN/UDP/3478` between any and the A/V
    /// Edge; `XMPP/TCP/5269` to the XMPP proxy keeps no role.
    #[test]
    fn the_one_edge_service_on_the_ends_gives_the_role() {
        let page = "---\nms.contentlocale: en-US\n---\n# T\n\n## External Interface\n\n<table>\n<thead>\n<tr>\n<th>Role/Protocol/TCP or UDP/Port</th>\n<th>Source IP address</th>\n<th>Destination IP address</th>\n<th>Notes</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>SIP/TLS/443 (in)</td>\n<td>Any</td>\n<td>Edge Server Access Edge service public IP address</td>\n<td>n</td>\n</tr>\n<tr>\n<td>STUN,MSTURN/UDP/3478</td>\n<td>Any</td>\n<td>Edge Server A/V Edge service public IP address</td>\n<td>n</td>\n</tr>\n<tr>\n<td>XMPP/TCP/5269</td>\n<td>Any</td>\n<td>XMPP Proxy service</td>\n<td>n</td>\n</tr>\n<tr>\n<td>Access/SIP(MTLS)/TCP/5061</td>\n<td>Any</td>\n<td>Edge Server Access Edge service public IP address</td>\n<td>n</td>\n</tr>\n</tbody>\n</table>\n";
        let (page, diags) = parse_page("t.md", page.as_bytes(), None);
        let rules = &page.unwrap().tables[0].rules;
        let roles: Vec<_> = rules.iter().map(|r| r.role.clone()).collect();
        assert_eq!(
            roles,
            [
                Some(Role::Access),
                Some(Role::AudioVideo),
                None,
                Some(Role::Access)
            ]
        );
        let inferred: Vec<_> = diags
            .iter()
            .filter(|d| d.code == Code::RoleInferred)
            .map(|d| (d.line, d.message.to_string()))
            .collect();
        assert_eq!(
            inferred,
            [
                (
                    19,
                    "no role written; `Access` read from the Access Edge service on the row's ends"
                        .to_string()
                ),
                (
                    25,
                    "no role written; `A/V` read from the A/V Edge service on the row's ends"
                        .to_string()
                ),
            ]
        );
    }
}
