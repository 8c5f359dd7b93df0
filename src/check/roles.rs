//! Rows whose role (Access, Web Conferencing, A/V) is on an Edge service
//! that does not carry it.

use super::finding::{describe, row_loc};
use super::{CheckCode as C, Finding};
use crate::model::{EndpointKind, Page, Role, Rule};
use crate::names::Localized;

/// The Edge services a role may use.
fn role_fits(role: &Role, k: EndpointKind) -> bool {
    use EndpointKind::*;
    match role {
        Role::Access => !matches!(k, AvEdge | WebConferencingEdge),
        Role::AudioVideo => !matches!(k, AccessEdge | WebConferencingEdge | XmppProxy),
        Role::WebConferencing => !matches!(k, AccessEdge | AvEdge | XmppProxy),
        // An unknown role, or one the model gains later: nothing to check.
        _ => true,
    }
}

/// [`C::RoleEndpointMismatch`]: the first side on a wrong Edge service.
pub(super) fn role_endpoint_mismatch(page: &Page, rule: &Rule, out: &mut Vec<Finding>) {
    let Some(role) = &rule.role else { return };
    for (side, e) in [("source", &rule.source), ("destination", &rule.destination)] {
        if let Some(bad) = e.kinds().find(|k| !role_fits(role, *k)) {
            // The rule's table, looked up only for a finding: a lookup for
            // every rule scanned the page's rules once per rule (quadratic
            // in a page's rows).
            let table = page
                .tables
                .iter()
                .find(|t| t.rules.iter().any(|r| std::ptr::eq(r, rule)))
                .map_or(0, |t| t.line);
            let right = match role {
                Role::AudioVideo => "A/V Edge service",
                Role::WebConferencing => "Web Conferencing Edge service",
                _ => "Access Edge service",
            };
            out.push(
                Finding::new(
                    C::RoleEndpointMismatch,
                    format!(
                        "{} row whose {side} is the {}: {}",
                        role.name("en"),
                        bad.name("en"),
                        describe(rule)
                    ),
                    format!("the {side} of a {} row is the {right}", role.name("en")),
                )
                .rows(
                    table,
                    format!("{} on {}", role.name("en"), bad.name("en")),
                    format!(
                        "{{n}} {} rows of this table use the {} (the {right} carries {}); the first: {}",
                        role.name("en"),
                        bad.name("en"),
                        role.name("en"),
                        describe(rule)
                    ),
                )
                .at(row_loc(page, rule, "this row")),
            );
            return;
        }
    }
}
