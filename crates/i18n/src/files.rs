//! The two files of a locale folder, as serde reads them, and their checks.
//!
//! Both files are TOML. Every enum value is written as the model's serde
//! name (`kind = "access_edge"`); an unknown name, an unknown key or a value
//! of the wrong type is an [`Error`] naming the file, the line and what was
//! expected there.

use std::collections::HashMap;
use std::fmt;
use std::marker::PhantomData;

use portmatrix_model::{
    Address, Authentication, Column, Direction, EndpointKind, PortScope, Protocol, Role, Server,
    TableKind, Transport,
};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use crate::Error;
use crate::value::{HeadingWord, Label, Value};

/// The words one language's pages use, as the grammars read them.
///
/// Phrases are written as the pages write them; the parser matches them after
/// its normalization (case, full-width forms, spaces between CJK characters),
/// so they need not be listed twice.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Vocabulary {
    /// Header words: the first column's header names the port (`Port`, `端口`).
    pub port_header: Vec<String>,
    /// Header words: the first column's header names the role (`Role`, `角色`).
    pub role_header: Vec<String>,
    /// Words for "Any" in a source or destination cell.
    pub any: Vec<String>,
    /// "can be defined as" in `Any (can be defined as X, Y)`.
    pub defined_as: Vec<String>,
    /// Words that separate list items besides `,` (`or`, `或`).
    pub or: Vec<String>,
    /// Words before an item that do not change what it names (`the`, `每个`).
    pub noise_prefixes: Vec<String>,
    /// Words after an item that do not change what it names.
    pub noise_suffixes: Vec<String>,
    /// "Edge Server" as a prefix of a service name.
    pub server_prefixes: Vec<String>,
    /// Words between the two ports of a range in the first column (`to`, `至`).
    pub range: Vec<String>,
    /// Words between protocols in the first column (`and`, `或`).
    pub list: Vec<String>,
    /// Role names in the first column.
    pub roles: Vec<(String, Role)>,
    /// Endpoint names, each with its kind and the address it implies
    /// ([`Address::Unspecified`] when it implies none).
    pub endpoints: Vec<(String, EndpointKind, Address)>,
    /// Address words that may follow an endpoint name, or come before it
    /// (`indirizzo IP del server front-end`, `IP-адрес сервера …`).
    pub addresses: Vec<(String, Address)>,
    /// Words that join an address written before the name to the name
    /// (`del`, `de la`: `Dirección IP del director`). An address before a
    /// name is read with or without one of them (Russian needs none: the
    /// name is in the genitive).
    pub address_joiners: Vec<String>,
    /// Words that open a relative clause (`der`, `in dem`, `который`,
    /// `that`): after a comma, they continue the item before the comma
    /// instead of starting a new list item.
    pub clause_words: Vec<String>,
    /// Words of table headings and the concept each names. For tables
    /// other than the port summary they are also looked for in the header
    /// row (`Audio/Video Transport`: a table without ports).
    pub headings: Vec<(String, HeadingWord)>,
    /// Header cells of tables other than the port summary and the column
    /// each names (`Server role`, `Service name`, `Protocol / Port`),
    /// matched on the whole cell.
    pub columns: Vec<(String, Column)>,
    /// Port cells that name no number (`Statically defined`, `Specified
    /// media port range`: a port the administrator configures). "Any" is
    /// read from [`Vocabulary::any`].
    pub port_scopes: Vec<(String, PortScope)>,
    /// IPsec authentication requirements (`Do not authenticate`).
    pub authentication: Vec<(String, Authentication)>,
    /// Direction cells (`Inbound`, `Inbound to SQL Server`): a cell starting
    /// with the phrase states that direction.
    pub directions: Vec<(String, Direction)>,
}

/// How a language joins the parts of an endpoint's name. Each field is a
/// template; a locale without one falls back like the names do.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Typography {
    /// An endpoint name and its address word: `{name}`, `{address}` and
    /// `{gap}`, a space only where a wide script (Han, kana, full-width
    /// forms) meets a narrow one (`{name}{gap}{address}`: `前端池 IP 地址`,
    /// `前端池地址`).
    pub address: Option<String>,
    /// Between the items of a list (`, `, `、`).
    pub list_separator: Option<String>,
    /// "Any" with the candidates it may be defined as: `{list}`
    /// (`Any ({list})`).
    pub any_of: Option<String>,
}

/// Display names of the typed values and the renderers' labels in one
/// language. Any entry may be missing: it is then taken from the next locale
/// of the fallback chain.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Names {
    /// `(Value::TYPE, key)` → name.
    pub(crate) names: HashMap<(&'static str, &'static str), String>,
    /// Joining rules.
    pub typography: Typography,
}

impl Names {
    /// The name of `value`, if this file has it.
    pub fn get<V: Value>(&self, value: &V) -> Option<&str> {
        self.names.get(&(V::TYPE, value.key()?)).map(String::as_str)
    }

    /// The keys of type `V` this file lacks.
    pub(crate) fn missing<V: Value>(&self) -> Vec<&'static str> {
        V::all()
            .iter()
            .filter(|(k, _)| !self.names.contains_key(&(V::TYPE, *k)))
            .map(|(k, _)| *k)
            .collect()
    }
}

/// A value written by its key, checked against the keys of `T`.
struct Key<T>(T);

impl<'de, T: Value> Deserialize<'de> for Key<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        T::from_key(&s).map(Key).ok_or_else(|| {
            de::Error::custom(format!(
                "unknown {} `{s}`, expected one of {}",
                T::TYPE,
                T::expected()
            ))
        })
    }
}

/// A table of names keyed by the keys of `T`.
struct Table<T>(Vec<(T, String)>);

impl<T> Default for Table<T> {
    fn default() -> Self {
        Table(Vec::new())
    }
}

impl<'de, T: Value> Deserialize<'de> for Table<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Value> Visitor<'de> for V<T> {
            type Value = Table<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "a table of {} names", T::TYPE)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Table<T>, A::Error> {
                let mut out = Vec::new();
                while let Some(Key(k)) = map.next_key::<Key<T>>()? {
                    out.push((k, map.next_value::<String>()?));
                }
                Ok(Table(out))
            }
        }
        d.deserialize_map(V(PhantomData))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleEntry {
    phrase: String,
    role: Key<Role>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EndpointEntry {
    phrase: String,
    kind: Key<EndpointKind>,
    address: Option<Key<Address>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AddressEntry {
    phrase: String,
    address: Key<Address>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HeadingEntry {
    phrase: String,
    means: Key<HeadingWord>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ColumnEntry {
    phrase: String,
    column: Key<Column>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PortScopeEntry {
    phrase: String,
    scope: Key<PortScope>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AuthenticationEntry {
    phrase: String,
    means: Key<Authentication>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DirectionEntry {
    phrase: String,
    direction: Key<Direction>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VocabularyFile {
    #[serde(default)]
    port_header: Vec<String>,
    #[serde(default)]
    role_header: Vec<String>,
    #[serde(default)]
    any: Vec<String>,
    #[serde(default)]
    defined_as: Vec<String>,
    #[serde(default)]
    or: Vec<String>,
    #[serde(default)]
    noise_prefixes: Vec<String>,
    #[serde(default)]
    noise_suffixes: Vec<String>,
    #[serde(default)]
    server_prefixes: Vec<String>,
    #[serde(default)]
    range: Vec<String>,
    #[serde(default)]
    list: Vec<String>,
    #[serde(default)]
    roles: Vec<RoleEntry>,
    #[serde(default)]
    endpoints: Vec<EndpointEntry>,
    #[serde(default)]
    addresses: Vec<AddressEntry>,
    #[serde(default)]
    address_joiners: Vec<String>,
    #[serde(default)]
    clause_words: Vec<String>,
    #[serde(default)]
    headings: Vec<HeadingEntry>,
    #[serde(default)]
    columns: Vec<ColumnEntry>,
    #[serde(default)]
    port_scopes: Vec<PortScopeEntry>,
    #[serde(default)]
    authentication: Vec<AuthenticationEntry>,
    #[serde(default)]
    directions: Vec<DirectionEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TypographyFile {
    address: Option<String>,
    list_separator: Option<String>,
    any_of: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NamesFile {
    typography: Option<TypographyFile>,
    #[serde(default)]
    endpoint_kind: Table<EndpointKind>,
    #[serde(default)]
    address: Table<Address>,
    #[serde(default)]
    role: Table<Role>,
    #[serde(default)]
    protocol: Table<Protocol>,
    #[serde(default)]
    transport: Table<Transport>,
    #[serde(default)]
    table_kind: Table<TableKind>,
    #[serde(default)]
    direction: Table<Direction>,
    #[serde(default)]
    server: Table<Server>,
    #[serde(default)]
    column: Table<Column>,
    #[serde(default)]
    port_scope: Table<PortScope>,
    #[serde(default)]
    authentication: Table<Authentication>,
    #[serde(default)]
    label: Table<Label>,
}

/// Parses a TOML file; a serde or syntax error becomes an [`Error`] at its line.
fn from_toml<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T, Error> {
    toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| line_of(text, s.start)).unwrap_or_default();
        Error::new(file, line, e.message().trim_end().to_string())
    })
}

/// The 1-based line of byte `offset` of `text`.
pub(crate) fn line_of(text: &str, offset: usize) -> u32 {
    let offset = offset.min(text.len());
    text.as_bytes()[..offset]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u32
        + 1
}

/// The line of the first occurrence of `needle` in `text` (0 when absent).
fn line_with(text: &str, needle: &str) -> u32 {
    text.find(needle).map_or(0, |i| line_of(text, i))
}

/// Reads and checks a `vocabulary.toml`.
pub(crate) fn vocabulary(file: &str, text: &str) -> Result<Vocabulary, Error> {
    let f: VocabularyFile = from_toml(file, text)?;
    let v = Vocabulary {
        port_header: f.port_header,
        role_header: f.role_header,
        any: f.any,
        defined_as: f.defined_as,
        or: f.or,
        noise_prefixes: f.noise_prefixes,
        noise_suffixes: f.noise_suffixes,
        server_prefixes: f.server_prefixes,
        range: f.range,
        list: f.list,
        roles: f.roles.into_iter().map(|e| (e.phrase, e.role.0)).collect(),
        endpoints: f
            .endpoints
            .into_iter()
            .map(|e| {
                let address = e.address.map_or(Address::Unspecified, |a| a.0);
                (e.phrase, e.kind.0, address)
            })
            .collect(),
        addresses: f
            .addresses
            .into_iter()
            .map(|e| (e.phrase, e.address.0))
            .collect(),
        address_joiners: f.address_joiners,
        clause_words: f.clause_words,
        headings: f
            .headings
            .into_iter()
            .map(|e| (e.phrase, e.means.0))
            .collect(),
        columns: f
            .columns
            .into_iter()
            .map(|e| (e.phrase, e.column.0))
            .collect(),
        port_scopes: f
            .port_scopes
            .into_iter()
            .map(|e| (e.phrase, e.scope.0))
            .collect(),
        authentication: f
            .authentication
            .into_iter()
            .map(|e| (e.phrase, e.means.0))
            .collect(),
        directions: f
            .directions
            .into_iter()
            .map(|e| (e.phrase, e.direction.0))
            .collect(),
    };
    let words = v
        .port_header
        .iter()
        .chain(&v.role_header)
        .chain(&v.any)
        .chain(&v.defined_as)
        .chain(&v.or)
        .chain(&v.noise_prefixes)
        .chain(&v.noise_suffixes)
        .chain(&v.server_prefixes)
        .chain(&v.range)
        .chain(&v.list)
        .chain(v.roles.iter().map(|(p, _)| p))
        .chain(v.endpoints.iter().map(|(p, _, _)| p))
        .chain(v.addresses.iter().map(|(p, _)| p))
        .chain(&v.address_joiners)
        .chain(&v.clause_words)
        .chain(v.headings.iter().map(|(p, _)| p))
        .chain(v.columns.iter().map(|(p, _)| p))
        .chain(v.port_scopes.iter().map(|(p, _)| p))
        .chain(v.authentication.iter().map(|(p, _)| p))
        .chain(v.directions.iter().map(|(p, _)| p));
    for w in words {
        if w.trim().is_empty() {
            return Err(Error::new(
                file,
                line_with(text, "\"\""),
                "an empty phrase matches everything; expected words",
            ));
        }
    }
    Ok(v)
}

/// Reads and checks a `names.toml`.
pub(crate) fn names(file: &str, text: &str) -> Result<Names, Error> {
    let f: NamesFile = from_toml(file, text)?;
    let mut names = HashMap::new();
    fn put<T: Value>(names: &mut HashMap<(&'static str, &'static str), String>, t: Table<T>) {
        for (v, n) in t.0 {
            if let Some(k) = v.key() {
                names.insert((T::TYPE, k), n);
            }
        }
    }
    put(&mut names, f.endpoint_kind);
    put(&mut names, f.address);
    put(&mut names, f.role);
    put(&mut names, f.protocol);
    put(&mut names, f.transport);
    put(&mut names, f.table_kind);
    put(&mut names, f.direction);
    put(&mut names, f.server);
    put(&mut names, f.column);
    put(&mut names, f.port_scope);
    put(&mut names, f.authentication);
    put(&mut names, f.label);
    let typography = match f.typography {
        Some(t) => Typography {
            address: t.address,
            list_separator: t.list_separator,
            any_of: t.any_of,
        },
        None => Typography::default(),
    };
    for (field, template, needs) in [
        ("address", &typography.address, &["{name}", "{address}"][..]),
        ("any_of", &typography.any_of, &["{list}"][..]),
    ] {
        if let Some(t) = template {
            for n in needs {
                if !t.contains(n) {
                    return Err(Error::new(
                        file,
                        line_with(text, &format!("{field} =")),
                        format!(
                            "typography.{field} `{t}` has no {n}; expected a template with {}",
                            needs.join(" and ")
                        ),
                    ));
                }
            }
        }
    }
    Ok(Names { names, typography })
}

/// Checks that the names of the source language leave nothing to fall back to.
pub(crate) fn complete(file: &str, names: &Names) -> Result<(), Error> {
    let mut missing = Vec::new();
    fn of<V: Value>(n: &Names, out: &mut Vec<String>) {
        out.extend(
            n.missing::<V>()
                .into_iter()
                .map(|k| format!("{}.{k}", V::TYPE)),
        );
    }
    of::<EndpointKind>(names, &mut missing);
    of::<Address>(names, &mut missing);
    of::<Role>(names, &mut missing);
    of::<Protocol>(names, &mut missing);
    of::<Transport>(names, &mut missing);
    of::<TableKind>(names, &mut missing);
    of::<Direction>(names, &mut missing);
    of::<Server>(names, &mut missing);
    of::<Column>(names, &mut missing);
    of::<PortScope>(names, &mut missing);
    of::<Authentication>(names, &mut missing);
    of::<Label>(names, &mut missing);
    let t = &names.typography;
    for (f, v) in [
        ("address", &t.address),
        ("list_separator", &t.list_separator),
        ("any_of", &t.any_of),
    ] {
        if v.is_none() {
            missing.push(format!("typography.{f}"));
        }
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(Error::new(
            file,
            0,
            format!(
                "the source language's names are what every other locale falls back to, so none may be missing; missing: {}",
                missing.join(", ")
            ),
        ))
    }
}
