//! Comparing endpoints: when two rows name the same endpoint, when one
//! includes the other, and which Edge parts share an address. The checks
//! compare rows through these, not through `==`, because the pages name one
//! endpoint in several ways.

use crate::model::{Address, Endpoint, EndpointKind};

/// Edge parts that share an address are one part: the XMPP Proxy service
/// uses the Access Edge service's address.
pub(super) fn part(k: EndpointKind) -> EndpointKind {
    match k {
        EndpointKind::XmppProxy => EndpointKind::AccessEdge,
        EndpointKind::DirectorPool | EndpointKind::DirectorWebServices => EndpointKind::Director,
        k => k,
    }
}

/// The same endpoint, possibly named with and without its address
/// (`A/V Edge service` and `A/V Edge service public IP address`).
pub(super) fn same_endpoint(a: &Endpoint, b: &Endpoint) -> bool {
    a.kind == b.kind
        && a.unrecognized == b.unrecognized
        && a.candidates.len() == b.candidates.len()
        && a.candidates
            .iter()
            .zip(b.candidates.iter())
            .all(|(x, y)| x.kind == y.kind && x.unrecognized == y.unrecognized)
        && (a.address == b.address
            || a.address == Address::Unspecified
            || b.address == Address::Unspecified)
}

/// The kinds an endpoint names, or `None` for an unconstrained `Any`.
pub(super) fn kind_set(e: &Endpoint) -> Option<Vec<EndpointKind>> {
    match e.kind {
        EndpointKind::Any | EndpointKind::OneOf if e.candidates.is_empty() => None,
        EndpointKind::Any | EndpointKind::OneOf => {
            Some(e.candidates.iter().map(|c| c.kind).collect())
        }
        k => Some(vec![k]),
    }
}

/// Whether `a` includes everything `b` names (`Any` includes everything;
/// `Any (can be defined as X, Y)` includes X and Y).
pub(super) fn covers(a: &Endpoint, b: &Endpoint) -> bool {
    if same_endpoint(a, b) {
        return true;
    }
    match (kind_set(a), kind_set(b)) {
        (None, _) => true,
        (Some(_), None) => false,
        (Some(ka), Some(kb)) => {
            (a.kind == EndpointKind::Any || a.kind == EndpointKind::OneOf)
                && kb.iter().all(|k| ka.contains(k))
        }
    }
}

/// Whether two endpoints may denote the same address (one includes the
/// other, or they share a kind).
pub(super) fn compatible(a: &Endpoint, b: &Endpoint) -> bool {
    if covers(a, b) || covers(b, a) {
        return true;
    }
    match (kind_set(a), kind_set(b)) {
        (Some(ka), Some(kb)) => ka.iter().any(|x| kb.iter().any(|y| part(*x) == part(*y))),
        _ => true,
    }
}
