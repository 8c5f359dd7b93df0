//! Per-locale vocabularies: the words the grammars need, and nothing else.
//!
//! The grammars (`spec`, `endpoint`, `classify`) are written once; what varies
//! by language is only which words mean "Any", "or", "Access", "public IP
//! address", "internal interface", and so on. Those words are data: each
//! locale's `i18n/<locale>/vocabulary.toml`, read through the
//! [`Registry`] (`portmatrix-i18n`). [`Vocabs`] holds them in the form the
//! grammars match on ([`super::normalize::key`]), so full-width punctuation
//! and CJK spacing need not be listed twice.
//!
//! A page's words come from the folders of its locale's fallback chain
//! ([`Registry::fallback`]), which always ends with English: localized pages
//! keep product names (`Live Messenger`, `Survivable Branch Appliance`) in
//! English. A locale without a vocabulary still gets ports, transports and
//! protocols (they are ASCII), and its endpoints are reported as
//! unrecognized. Roles and the first column's range and list words are
//! recognized whatever the page's language (zh pages write `A/V`).

use std::collections::HashMap;
use std::sync::OnceLock;

pub use portmatrix_i18n::HeadingWord;
use portmatrix_i18n::{Registry, Vocabulary};

use super::normalize::{fold, key};
use crate::model::{
    Address, Authentication, Column, Direction, EndpointKind as E, PortScope, Role,
};

/// Normalized lookup tables of one vocabulary.
#[derive(Debug, Default)]
pub struct Index {
    /// Endpoint names → kind and implied address.
    pub endpoints: HashMap<String, (E, Address)>,
    /// Address words (after a name, or before it), longest first.
    pub addresses: Vec<(String, Address)>,
    /// Words joining an address before a name to the name (`del`), longest
    /// first.
    pub address_joiners: Vec<String>,
    /// Words opening a relative clause (`der`, `который`), longest first.
    pub clause_words: Vec<String>,
    /// Words for "Any", longest first (and so for the lists below).
    pub any: Vec<String>,
    /// "can be defined as".
    pub defined_as: Vec<String>,
    /// List separators besides `,`.
    pub or_words: Vec<String>,
    /// Words before an item that do not change what it names.
    pub noise_prefixes: Vec<String>,
    /// Words after an item that do not change what it names.
    pub noise_suffixes: Vec<String>,
    /// "Edge Server" as a prefix of a service name.
    pub server_prefixes: Vec<String>,
    /// Heading words and their concepts, in file order.
    pub headings: Vec<(String, HeadingWord)>,
    /// Header words naming the port column.
    pub port_words: Vec<String>,
    /// Header words naming the role.
    pub role_words: Vec<String>,
    /// Whole header cells of the other layouts and their column.
    pub columns: Vec<(String, Column)>,
    /// Port cells without numbers and their scope.
    pub port_scopes: Vec<(String, PortScope)>,
    /// Authentication requirements.
    pub authentication: Vec<(String, Authentication)>,
    /// Direction phrases (a cell starting with one), longest first.
    pub directions: Vec<(String, Direction)>,
}

/// Every vocabulary of a [`Registry`], normalized for the grammars.
#[derive(Debug)]
pub struct Vocabs<'r> {
    registry: &'r Registry,
    /// Locale tag → its index (only locales with a vocabulary).
    indexes: HashMap<String, Index>,
    /// Role names of every vocabulary, longest first.
    roles: Vec<(String, Role)>,
    /// Range words of every vocabulary, folded, longest first.
    range_words: Vec<String>,
    /// List words of every vocabulary, in key form.
    list_words: Vec<String>,
}

impl<'r> Vocabs<'r> {
    /// The vocabularies of `registry`, normalized.
    pub fn new(registry: &'r Registry) -> Vocabs<'r> {
        let vocabularies: Vec<&Vocabulary> = registry
            .locales()
            .iter()
            .filter_map(|l| l.vocabulary())
            .collect();
        let mut roles: Vec<(String, Role)> = vocabularies
            .iter()
            .flat_map(|v| v.roles.iter().map(|(w, role)| (key(w), role.clone())))
            .collect();
        roles.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        let mut range_words: Vec<String> = Vec::new();
        let mut list_words: Vec<String> = Vec::new();
        for v in &vocabularies {
            for w in &v.range {
                let w = fold(w);
                if !range_words.contains(&w) {
                    range_words.push(w);
                }
            }
            for w in &v.list {
                let w = key(w);
                if !list_words.contains(&w) {
                    list_words.push(w);
                }
            }
        }
        range_words.sort_by_key(|w| std::cmp::Reverse(w.len()));
        Vocabs {
            registry,
            indexes: registry
                .locales()
                .iter()
                .filter_map(|l| Some((l.tag().to_string(), build_index(l.vocabulary()?))))
                .collect(),
            roles,
            range_words,
            list_words,
        }
    }

    /// The vocabularies of [`Registry::embedded`] (built once).
    pub fn embedded() -> &'static Vocabs<'static> {
        static EMBEDDED: OnceLock<Vocabs<'static>> = OnceLock::new();
        EMBEDDED.get_or_init(|| Vocabs::new(Registry::embedded()))
    }

    /// The registry these vocabularies come from.
    pub fn registry(&self) -> &'r Registry {
        self.registry
    }

    /// The vocabularies to consult for a locale, in its fallback order (its
    /// own first, English last).
    pub fn for_locale(&self, locale: &str) -> Vec<&Index> {
        self.registry
            .fallback(locale)
            .iter()
            .filter_map(|l| self.indexes.get(l.tag()))
            .collect()
    }

    /// Role names of every vocabulary, normalized, longest first: a role is
    /// recognized whatever the page's language (zh pages write `A/V`).
    pub fn roles(&self) -> &[(String, Role)] {
        &self.roles
    }

    /// Words between the two ports of a range (`to`, `至`), of every
    /// vocabulary, folded, longest first.
    pub fn range_words(&self) -> &[String] {
        &self.range_words
    }

    /// Words between protocols in the first column (`and`, `或`), of every
    /// vocabulary, in key form.
    pub fn list_words(&self) -> &[String] {
        &self.list_words
    }
}

impl Index {
    /// The lookup tables of one vocabulary (one that is in no registry yet:
    /// `align::learn` checks the words it learns with it).
    pub fn new(v: &Vocabulary) -> Index {
        build_index(v)
    }
}

fn build_index(v: &Vocabulary) -> Index {
    let keys = |xs: &[String]| -> Vec<String> {
        let mut k: Vec<String> = xs.iter().map(|x| key(x)).collect();
        k.sort_by_key(|s| std::cmp::Reverse(s.len()));
        k
    };
    let mut addresses: Vec<(String, Address)> =
        v.addresses.iter().map(|(w, a)| (key(w), *a)).collect();
    addresses.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    Index {
        endpoints: v
            .endpoints
            .iter()
            .map(|(w, k, a)| (key(w), (*k, *a)))
            .collect(),
        addresses,
        address_joiners: keys(&v.address_joiners),
        clause_words: keys(&v.clause_words),
        any: keys(&v.any),
        defined_as: keys(&v.defined_as),
        or_words: keys(&v.or),
        noise_prefixes: keys(&v.noise_prefixes),
        noise_suffixes: keys(&v.noise_suffixes),
        server_prefixes: keys(&v.server_prefixes),
        headings: v.headings.iter().map(|(w, h)| (key(w), *h)).collect(),
        port_words: v.port_header.iter().map(|w| key(w)).collect(),
        role_words: v.role_header.iter().map(|w| key(w)).collect(),
        columns: v.columns.iter().map(|(w, c)| (key(w), *c)).collect(),
        port_scopes: v.port_scopes.iter().map(|(w, s)| (key(w), *s)).collect(),
        authentication: v
            .authentication
            .iter()
            .map(|(w, a)| (key(w), a.clone()))
            .collect(),
        directions: {
            let mut d: Vec<(String, Direction)> =
                v.directions.iter().map(|(w, d)| (key(w), *d)).collect();
            d.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
            d
        },
    }
}
