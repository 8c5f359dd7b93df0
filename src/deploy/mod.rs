//! Deployment files: which topology pages describe *our* servers, and the
//! addresses of each typed endpoint in them.
//!
//! A deployment file is TOML (an annotated example is
//! `examples/deployment.toml`):
//!
//! ```toml
//! # The pages that describe this deployment, by asset id or file slug.
//! pages = ["f7cbd0f1-841d-4116-8d17-e9d991daa4a8"]
//! # Which edition to read when the sources hold several (optional).
//! locale = "zh-CN"
//!
//! # One table per endpoint kind (the snake_case names of the JSON
//! # contract): `addresses` serves every address the pages name; `ip`,
//! # `public_ip`, `interface_ip`, `virtual_ip` and `public_virtual_ip`
//! # override it where a row names that address; `interface` is the
//! # network interface the endpoint is on.
//! [endpoints.access_edge]
//! addresses = ["203.0.113.10", "203.0.113.11", "2001:db8:100::10"]
//! interface = "eth0"
//! ```
//!
//! [`Deployment::parse`] checks it against the matrix: every endpoint kind
//! known, every address an IPv4 or IPv6 address, a CIDR range, a host name
//! or `any`, every page in the sources, and every endpoint that a row of a
//! chosen page names given. Each problem is a [`DeployError`] with its
//! line and column and the values expected there.
//!
//! [`Deployment::resolve`] turns a rule's [`Endpoint`] into the deployment's
//! addresses: `Any` stays [`Host::Any`] unless the file gives one of its
//! candidates ("Any (can be defined as Front End pool IP address)"), which
//! then narrow it; `one_of` becomes the addresses of the candidates given.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::model::{Address, Endpoint, EndpointKind, Matrix, Page};

mod host;
pub mod ids;

pub use host::{Family, Host, HostError};

/// A checked deployment file.
#[derive(Debug, Clone, PartialEq)]
pub struct Deployment {
    /// The file as named in messages and outputs.
    pub file: String,
    /// `name`: what the deployment is called (free text, optional).
    pub name: Option<String>,
    /// The chosen pages, in the order the file lists them.
    pub pages: Vec<ChosenPage>,
    /// The addresses given for each endpoint kind.
    pub endpoints: BTreeMap<EndpointKind, EndpointAddresses>,
}

/// A page of the sources that the deployment file chose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChosenPage {
    /// As the file names it (an asset id or a slug).
    pub key: String,
    /// The page's asset id.
    pub asset_id: String,
    /// The edition chosen.
    pub locale: String,
    /// The page's path in the matrix (unique).
    pub path: String,
    /// Where the file names it.
    pub at: Pos,
}

/// The addresses and interface of one endpoint kind.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EndpointAddresses {
    /// `addresses`: used wherever the pages name this endpoint, unless
    /// `by_address` has the address the row names.
    pub addresses: Option<Vec<Host>>,
    /// `ip`, `public_ip`, `interface_ip`, `virtual_ip`, `public_virtual_ip`:
    /// the addresses to use where a row names that address of the endpoint.
    pub by_address: BTreeMap<Address, Vec<Host>>,
    /// `interface`: the name of the network interface the endpoint is on
    /// (`eth0`, `Edge External`), used on rules into (inbound) or out of
    /// (outbound) it.
    pub interface: Option<String>,
    /// Where `interface` is written.
    pub interface_at: Option<Pos>,
    /// Where the endpoint's table starts.
    pub at: Pos,
}

/// A place in a deployment file: 1-based line, and column counted in
/// characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
}

impl Pos {
    /// The line and column of byte `offset` of `text`.
    pub fn of(text: &str, offset: usize) -> Pos {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Pos {
            line: before.matches('\n').count() as u32 + 1,
            column: before[line_start..].chars().count() as u32 + 1,
        }
    }
}

/// One problem in a deployment file. Displays as `file:line:column: error:
/// message`, then `  expected: …` when there are expected values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeployError {
    /// The file.
    pub file: String,
    /// Where; `None` when the file could not be read at all.
    pub at: Option<Pos>,
    /// What is wrong.
    pub message: String,
    /// The values or forms accepted there.
    pub expected: Vec<String>,
}

impl fmt::Display for DeployError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            Some(p) => write!(f, "{}:{}:{}: ", self.file, p.line, p.column)?,
            None => write!(f, "{}: ", self.file)?,
        }
        write!(f, "error: {}", self.message)?;
        if !self.expected.is_empty() {
            write!(f, "\n  expected: {}", self.expected.join(", "))?;
        }
        Ok(())
    }
}

impl std::error::Error for DeployError {}

/// The file as TOML reads it, with the places of its values.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    name: Option<String>,
    locale: Option<Spanned<String>>,
    pages: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    endpoints: BTreeMap<Spanned<String>, Spanned<RawEndpoint>>,
}

type RawList = Option<Spanned<Vec<Spanned<String>>>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEndpoint {
    addresses: RawList,
    ip: RawList,
    public_ip: RawList,
    interface_ip: RawList,
    virtual_ip: RawList,
    public_virtual_ip: RawList,
    interface: Option<Spanned<String>>,
}

/// The endpoint kinds a deployment file can give addresses for: every kind
/// but `any`, `one_of` and `unrecognized`, which name no server.
pub fn configurable_kinds() -> Vec<EndpointKind> {
    ids::variants::<EndpointKind>()
        .iter()
        .filter_map(|n| ids::parse::<EndpointKind>(n))
        .filter(|k| {
            !matches!(
                k,
                EndpointKind::Any | EndpointKind::OneOf | EndpointKind::Unrecognized
            )
        })
        .collect()
}

/// The file name of a page without `.md`: the slug a deployment file or
/// `query --page` may name it by.
pub fn slug(page: &Page) -> &str {
    let name = page.path.rsplit('/').next().unwrap_or(&page.path);
    name.strip_suffix(".md").unwrap_or(name)
}

/// Whether `key` names the page: its asset id or its slug (ASCII case
/// ignored; a final `.md` is allowed).
pub fn names_page(page: &Page, key: &str) -> bool {
    let key = key.trim();
    let key = key.strip_suffix(".md").unwrap_or(key);
    page.asset_id.eq_ignore_ascii_case(key) || slug(page).eq_ignore_ascii_case(key)
}

/// What [`Deployment::resolve`] could not give addresses for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unresolved {
    /// The file gives none of these (kind, address) pairs: one for a plain
    /// endpoint, the candidates of a `one_of`.
    Missing(Vec<(EndpointKind, Address)>),
    /// The page names an endpoint the parser did not recognize (the phrase).
    Unrecognized(String),
}

/// Checks an interface name: 1 to 64 characters, letters, digits, spaces
/// and `_ . @ ( ) -` only, so that it can be quoted in every output format.
fn interface_ok(name: &str) -> bool {
    (1..=64).contains(&name.chars().count())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || " _.@()-".contains(c))
        && name.trim() == name
}

/// Whether an interface name is a valid Linux interface name (at most 15
/// bytes, no spaces or parentheses), as nftables and iptables need.
pub fn linux_interface_ok(name: &str) -> bool {
    (1..=15).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_.@-".contains(&b))
}

impl Deployment {
    /// Reads and checks the deployment file at `path` against the matrix.
    /// The file is named in messages as `path` is written.
    pub fn load(path: &Path, m: &Matrix) -> Result<Deployment, Vec<DeployError>> {
        let file = path.display().to_string();
        match std::fs::read_to_string(path) {
            Ok(text) => Deployment::parse(&text, &file, m),
            Err(e) => Err(vec![DeployError {
                file,
                at: None,
                message: format!("cannot read the deployment file: {e}"),
                expected: Vec::new(),
            }]),
        }
    }

    /// Parses and checks a deployment file's text (`file` names it in
    /// messages) against the matrix. All problems are returned, sorted by
    /// place; on error there is no deployment.
    pub fn parse(text: &str, file: &str, m: &Matrix) -> Result<Deployment, Vec<DeployError>> {
        let err = |span: Range<usize>, message: String, expected: Vec<String>| DeployError {
            file: file.to_string(),
            at: Some(Pos::of(text, span.start)),
            message,
            expected,
        };
        let raw: RawFile = toml::from_str(text).map_err(|e| {
            vec![err(
                e.span().unwrap_or(0..0),
                e.message().trim_end().to_string(),
                Vec::new(),
            )]
        })?;
        let mut errors = Vec::new();

        // Endpoints first: whether an endpoint is given decides what the
        // pages are missing.
        let mut endpoints: BTreeMap<EndpointKind, EndpointAddresses> = BTreeMap::new();
        for (key, spec) in &raw.endpoints {
            let kind = ids::parse::<EndpointKind>(key.get_ref()).filter(|k| {
                !matches!(
                    k,
                    EndpointKind::Any | EndpointKind::OneOf | EndpointKind::Unrecognized
                )
            });
            if kind.is_none() {
                let names: Vec<String> = configurable_kinds().iter().map(ids::name).collect();
                let hint = closest(key.get_ref(), &names)
                    .map(|n| format!(" (did you mean `{n}`?)"))
                    .unwrap_or_default();
                errors.push(err(
                    key.span(),
                    format!("unknown endpoint kind `{}`{hint}", key.get_ref()),
                    names,
                ));
                // Its addresses are still checked below, so that one run
                // reports every error.
            }
            if let Some(kind) = kind
                && endpoints.contains_key(&kind)
            {
                errors.push(err(
                    key.span(),
                    format!("endpoint kind `{}` is given twice", ids::name(&kind)),
                    Vec::new(),
                ));
                continue;
            }
            let spec_ref = spec.get_ref();
            let mut e = EndpointAddresses {
                at: Pos::of(text, key.span().start),
                ..EndpointAddresses::default()
            };
            let lists = [
                (None, &spec_ref.addresses),
                (Some(Address::Ip), &spec_ref.ip),
                (Some(Address::PublicIp), &spec_ref.public_ip),
                (Some(Address::InterfaceIp), &spec_ref.interface_ip),
                (Some(Address::VirtualIp), &spec_ref.virtual_ip),
                (Some(Address::PublicVirtualIp), &spec_ref.public_virtual_ip),
            ];
            for (address, list) in lists {
                let Some(list) = list else { continue };
                if list.get_ref().is_empty() {
                    errors.push(err(
                        list.span(),
                        "empty list of addresses".to_string(),
                        vec!["at least one address, or leave the key out".to_string()],
                    ));
                }
                let mut hosts: Vec<Host> = Vec::new();
                for item in list.get_ref() {
                    match Host::parse(item.get_ref()) {
                        Ok(h) if !hosts.contains(&h) => hosts.push(h),
                        Ok(_) => {}
                        Err(he) => errors.push(err(item.span(), he.message, he.expected)),
                    }
                }
                match address {
                    None => e.addresses = Some(hosts),
                    Some(a) => {
                        e.by_address.insert(a, hosts);
                    }
                }
            }
            if let Some(i) = &spec_ref.interface {
                if interface_ok(i.get_ref()) {
                    e.interface = Some(i.get_ref().clone());
                    e.interface_at = Some(Pos::of(text, i.span().start));
                } else {
                    errors.push(err(
                        i.span(),
                        format!("malformed interface name `{}`", i.get_ref()),
                        vec![
                            "1 to 64 letters, digits, spaces and `_ . @ ( ) -` (eth0, Edge External)"
                                .to_string(),
                        ],
                    ));
                }
            }
            if e.addresses.is_none() && e.by_address.is_empty() {
                errors.push(err(
                    spec.span(),
                    format!("endpoint `{}` gives no addresses", key.get_ref()),
                    vec![format!(
                        "`addresses = [...]` (or {})",
                        address_fields().join(", ")
                    )],
                ));
            }
            if let Some(kind) = kind {
                endpoints.insert(kind, e);
            }
        }

        // The pages.
        let locale = raw.locale.as_ref();
        if let Some(l) = locale
            && !m
                .pages()
                .any(|p| p.locale.eq_ignore_ascii_case(l.get_ref()))
        {
            errors.push(err(
                l.span(),
                format!("no page of the sources is in locale `{}`", l.get_ref()),
                locales(m),
            ));
        }
        if raw.pages.get_ref().is_empty() {
            errors.push(err(
                raw.pages.span(),
                "no pages chosen".to_string(),
                available_pages(m),
            ));
        }
        let mut pages: Vec<ChosenPage> = Vec::new();
        for key in raw.pages.get_ref() {
            let k = key.get_ref();
            let matching: Vec<&Page> = m.pages().filter(|p| names_page(p, k)).collect();
            if matching.is_empty() {
                errors.push(err(
                    key.span(),
                    format!("page `{k}` is not in the sources"),
                    available_pages(m),
                ));
                continue;
            }
            let mut editions: Vec<&Page> = match locale {
                Some(l) => matching
                    .iter()
                    .copied()
                    .filter(|p| p.locale.eq_ignore_ascii_case(l.get_ref()))
                    .collect(),
                None => matching.clone(),
            };
            editions.dedup_by(|a, b| a.path == b.path);
            let page = match (editions.as_slice(), locale) {
                ([page], _) => *page,
                ([], Some(l)) => {
                    errors.push(err(
                        key.span(),
                        format!("page `{k}` has no `{}` edition", l.get_ref()),
                        matching.iter().map(|p| p.locale.to_string()).collect(),
                    ));
                    continue;
                }
                (several, _) => {
                    errors.push(err(
                        key.span(),
                        format!(
                            "page `{k}` names {} pages; set `locale` to choose an edition",
                            several.len()
                        ),
                        several
                            .iter()
                            .map(|p| format!("locale = \"{}\" ({})", p.locale, p.path))
                            .collect(),
                    ));
                    continue;
                }
            };
            if page.tables.is_empty() {
                errors.push(err(
                    key.span(),
                    format!("page `{k}` has no port tables"),
                    available_pages(m),
                ));
                continue;
            }
            if pages.iter().any(|c| c.path == page.path) {
                errors.push(err(
                    key.span(),
                    format!("page `{k}` is chosen twice"),
                    Vec::new(),
                ));
                continue;
            }
            pages.push(ChosenPage {
                key: k.clone(),
                asset_id: page.asset_id.to_string(),
                locale: page.locale.to_string(),
                path: page.path.to_string(),
                at: Pos::of(text, key.span().start),
            });
        }

        let deployment = Deployment {
            file: file.to_string(),
            name: raw.name,
            pages,
            endpoints,
        };

        // Every endpoint a chosen page names must be given.
        for chosen in &deployment.pages {
            let Some(page) = m.pages().find(|p| p.path == chosen.path) else {
                continue;
            };
            let mut missing: BTreeMap<Vec<(EndpointKind, Address)>, (u32, String)> =
                BTreeMap::new();
            for rule in page.tables.iter().flat_map(|t| t.rules.iter()) {
                for e in [&rule.source, &rule.destination] {
                    if let Err(Unresolved::Missing(need)) = deployment.resolve(e) {
                        missing
                            .entry(need)
                            .or_insert((rule.line, rule.cells.spec.text.to_string()));
                    }
                }
            }
            // An endpoint kind the file does not give at all is one error,
            // whatever addresses of it the rows name: `addresses` serves them
            // all.
            let mut merged: BTreeMap<Vec<(EndpointKind, Address)>, (u32, String)> = BTreeMap::new();
            for (need, first) in missing {
                let key = match need.as_slice() {
                    [(k, _)] if !deployment.endpoints.contains_key(k) => {
                        vec![(*k, Address::Unspecified)]
                    }
                    _ => need,
                };
                let slot = merged.entry(key).or_insert_with(|| first.clone());
                if first.0 < slot.0 {
                    *slot = first;
                }
            }
            for (need, (line, spec)) in merged {
                let what = need
                    .iter()
                    .map(|(k, a)| describe_need(*k, *a))
                    .collect::<Vec<_>>();
                // An endpoint given without the list this row needs.
                let given = match need.as_slice() {
                    [(k, _)] => deployment.endpoints.get(k).map(|e| {
                        let mut keys: Vec<String> = e
                            .by_address
                            .keys()
                            .map(|a| format!("`{}`", ids::name(a)))
                            .collect();
                        if e.addresses.is_some() {
                            keys.push("`addresses`".to_string());
                        }
                        keys.join(", ")
                    }),
                    _ => None,
                };
                let message = if let Some(keys) = given {
                    format!(
                        "page `{}` needs the addresses of {}, which gives {keys} only, first at {}:{line} `{spec}`",
                        chosen.key, what[0], page.path
                    )
                } else if what.len() == 1 {
                    format!(
                        "page `{}` needs the addresses of {}, first at {}:{line} `{spec}`",
                        chosen.key, what[0], page.path
                    )
                } else {
                    format!(
                        "page `{}` needs the addresses of one of {}, first at {}:{line} `{spec}`",
                        chosen.key,
                        what.join(", "),
                        page.path
                    )
                };
                errors.push(DeployError {
                    file: file.to_string(),
                    at: Some(chosen.at),
                    message,
                    expected: need.iter().map(|(k, a)| expected_entry(*k, *a)).collect(),
                });
            }
        }

        if errors.is_empty() {
            Ok(deployment)
        } else {
            errors.sort_by(|a, b| (a.at, &a.message).cmp(&(b.at, &b.message)));
            errors.dedup();
            Err(errors)
        }
    }

    /// The addresses the file gives for this address of this endpoint kind:
    /// the specific list (`public_ip`, …) if given, else `addresses`.
    pub fn addresses(&self, kind: EndpointKind, address: Address) -> Option<&[Host]> {
        let e = self.endpoints.get(&kind)?;
        e.by_address
            .get(&address)
            .or(e.addresses.as_ref())
            .map(Vec::as_slice)
    }

    /// The interface the file gives for an endpoint kind.
    pub fn interface(&self, kind: EndpointKind) -> Option<&str> {
        self.endpoints.get(&kind)?.interface.as_deref()
    }

    /// A rule's endpoint as the deployment's addresses, without duplicates,
    /// in the order given: `any` stays [`Host::Any`] unless the file gives
    /// some of its candidates, `one_of` takes the candidates given (at least
    /// one), `unspecified` (no endpoint given on that side) takes the
    /// file's `[endpoints.unspecified]` or else `any`, every other kind
    /// needs its own addresses.
    pub fn resolve(&self, e: &Endpoint) -> Result<Vec<Host>, Unresolved> {
        let mut out: Vec<Host> = Vec::new();
        let mut push = |hosts: &[Host]| {
            for h in hosts {
                if !out.contains(h) {
                    out.push(h.clone());
                }
            }
        };
        match e.kind {
            EndpointKind::Any | EndpointKind::OneOf => {
                let mut need = Vec::new();
                for c in e.candidates.iter() {
                    if let Some(u) = &c.unrecognized {
                        return Err(Unresolved::Unrecognized(u.to_string()));
                    }
                    match self.addresses(c.kind, c.address) {
                        Some(hosts) => push(hosts),
                        None => need.push((c.kind, c.address)),
                    }
                }
                if out.is_empty() {
                    if e.kind == EndpointKind::Any {
                        return Ok(vec![Host::Any]);
                    }
                    return Err(Unresolved::Missing(need));
                }
            }
            // The side a table gives no endpoint for (an internal server
            // role's clients, a client port's servers): what the file says
            // under `[endpoints.unspecified]`, else any address, as the
            // table itself restricts nothing.
            EndpointKind::Unspecified => match self.addresses(e.kind, e.address) {
                Some(hosts) => push(hosts),
                None => return Ok(vec![Host::Any]),
            },
            EndpointKind::Unrecognized => {
                return Err(Unresolved::Unrecognized(
                    e.unrecognized
                        .as_deref()
                        .unwrap_or(e.text.as_ref())
                        .to_string(),
                ));
            }
            kind => match self.addresses(kind, e.address) {
                Some(hosts) => push(hosts),
                None => return Err(Unresolved::Missing(vec![(kind, e.address)])),
            },
        }
        // `any` among the addresses makes the rest moot.
        if out.contains(&Host::Any) {
            return Ok(vec![Host::Any]);
        }
        Ok(out)
    }

    /// The chosen pages of the matrix, in the file's order.
    pub fn chosen_pages<'m>(&self, m: &'m Matrix) -> Vec<&'m Page> {
        self.pages
            .iter()
            .filter_map(|c| m.pages().find(|p| p.path == c.path))
            .collect()
    }
}

/// The name in `names` closest to `s` (edit distance at most a third of
/// its length), for a "did you mean".
fn closest<'a>(s: &str, names: &'a [String]) -> Option<&'a str> {
    let s = s.to_ascii_lowercase().replace('-', "_");
    let distance = |a: &str, b: &str| {
        let b: Vec<char> = b.chars().collect();
        let mut row: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.chars().enumerate() {
            let mut prev = row[0];
            row[0] = i + 1;
            for (j, cb) in b.iter().enumerate() {
                let cur = row[j + 1];
                row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
                prev = cur;
            }
        }
        row[b.len()]
    };
    names
        .iter()
        .map(|n| (distance(&s, n), n))
        .filter(|(d, n)| *d * 3 <= n.len().max(3))
        .min()
        .map(|(_, n)| n.as_str())
}

/// The keys of an endpoint table that give addresses for one address of
/// the endpoint.
fn address_fields() -> Vec<String> {
    ids::variants::<Address>()
        .into_iter()
        .filter(|a| a != "unspecified")
        .map(|a| format!("`{a} = [...]`"))
        .collect()
}

/// `front_end_pool (ip)`.
fn describe_need(kind: EndpointKind, address: Address) -> String {
    match address {
        Address::Unspecified => format!("`{}`", ids::name(&kind)),
        a => format!("`{}` ({})", ids::name(&kind), ids::name(&a)),
    }
}

/// `[endpoints.front_end_pool] ip = [...] or addresses = [...]`.
fn expected_entry(kind: EndpointKind, address: Address) -> String {
    match address {
        Address::Unspecified => format!("[endpoints.{}] addresses = [...]", ids::name(&kind)),
        a => format!(
            "[endpoints.{}] {} = [...] or addresses = [...]",
            ids::name(&kind),
            ids::name(&a)
        ),
    }
}

/// The pages with port tables, as `asset-id (slug)`, once per asset id.
fn available_pages(m: &Matrix) -> Vec<String> {
    let mut out: Vec<String> = m
        .pages()
        .filter(|p| !p.tables.is_empty())
        .map(|p| format!("{} ({})", p.asset_id, slug(p)))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The locales of the sources.
fn locales(m: &Matrix) -> Vec<String> {
    let mut out: Vec<String> = m.pages().map(|p| p.locale.to_string()).collect();
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn address_keys_follow_the_model() {
        // RawEndpoint has one list per address of the model but `unspecified`.
        assert_eq!(
            address_fields(),
            [
                "`ip = [...]`",
                "`public_ip = [...]`",
                "`interface_ip = [...]`",
                "`virtual_ip = [...]`",
                "`public_virtual_ip = [...]`"
            ]
        );
    }

    #[test]
    fn suggestions() {
        let names: Vec<String> = configurable_kinds().iter().map(ids::name).collect();
        assert_eq!(closest("acess_edge", &names), Some("access_edge"));
        assert_eq!(closest("Front-End-Pol", &names), Some("front_end_pool"));
        assert_eq!(closest("database", &names), None);
    }

    #[test]
    fn positions() {
        let t = "a\nb 中c";
        assert_eq!(Pos::of(t, 0), Pos { line: 1, column: 1 });
        assert_eq!(Pos::of(t, 4), Pos { line: 2, column: 3 });
        assert_eq!(Pos::of(t, 7), Pos { line: 2, column: 4 });
    }
}
