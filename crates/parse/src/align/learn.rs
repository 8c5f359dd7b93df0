//! What `portmatrix i18n vocab` learns: [`learn`] reads again the cells
//! alignment typed and keeps the words that type them, as a [`Learned`]
//! (written out by [`Learned::to_toml`]). A stage of its own because it runs
//! after the pass, on its output, and only for that command.

use std::collections::{BTreeMap, HashMap};

use portmatrix_i18n::Value;

use crate::endpoint;
use crate::normalize::key;
use crate::vocab::{Index, Vocabs};

use super::words::{Learner, Provenance, Target, Words, english_items, holds_word, structural};
use super::{describe, has_unknown, matched_rows, may_take, references, spec_parts};

use crate::model::{Candidate, Endpoint, EndpointKind, Protocol, Role, Rule};

/// Where a learned word was seen: a cell of the locale's pages and the
/// English cell it was aligned with.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Seen {
    /// The page, as the matrix names it.
    pub path: String,
    /// The cell's line.
    pub line: u32,
    /// The cell as written.
    pub cell: String,
    /// The aligned English cell: `path:line` and its text.
    pub english: String,
}

/// What alignment learned for one locale: vocabulary entries, each with
/// the cells it was learned from. Phrases are in the form the parser
/// matches on ([`crate::normalize::key`]: lower case, compatibility
/// characters folded), so a vocabulary file that lists them reads them
/// back exactly.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Learned {
    /// The locale (as given).
    pub locale: String,
    /// Words for "Any".
    pub any: Vec<(String, Vec<Seen>)>,
    /// "can be defined as".
    pub defined_as: Vec<(String, Vec<Seen>)>,
    /// List separators ("or").
    pub or: Vec<(String, Vec<Seen>)>,
    /// Role names.
    pub roles: Vec<(String, Role, Vec<Seen>)>,
    /// Endpoint phrases with their kind and address.
    pub endpoints: Vec<(String, EndpointKind, crate::model::Address, Vec<Seen>)>,
    /// Cells alignment typed that the learned words still do not type like
    /// the English cell (a list whose items could not be told apart, words
    /// in an order the grammar does not read): the cell's phrase, the
    /// English value, where. For a person to write by hand.
    pub not_learned: Vec<(String, String, Vec<Seen>)>,
}

impl Learned {
    /// The number of entries learned (words, roles and endpoints).
    pub fn entries(&self) -> usize {
        self.any.len()
            + self.defined_as.len()
            + self.or.len()
            + self.roles.len()
            + self.endpoints.len()
    }

    /// The entries as a vocabulary file (the format of
    /// `i18n/<locale>/vocabulary.toml`), each after comments that say where
    /// it was learned (up to three cells, and how many in all); the cells
    /// not learned are listed at the end, as comments. For a person to
    /// review, then to copy into the locale's vocabulary.
    pub fn to_toml(&self, english: &str) -> String {
        let l = &self.locale;
        let mut out = format!(
            "# {l}: words learned by alignment with the {english} editions of the same\n\
             # pages (`portmatrix i18n vocab --locale {l}`), none of them in the {l}\n\
             # vocabulary yet. Each entry follows the cells it was learned from, each\n\
             # with the {english} cell it was aligned with. Review every entry: a\n\
             # phrase is learned from a whole cell, or from a list split where the\n\
             # grammar splits it and paired with the {english} items in order, so it\n\
             # may be longer than the words it stands for or stand for the wrong\n\
             # item. Phrases are in the parser's normalized form (lower case).\n\
             # Then add the entries to i18n/{l}/vocabulary.toml (or to the folder of\n\
             # {l} that you pass with --i18n).\n"
        );
        let words = [
            ("any", &self.any),
            ("defined_as", &self.defined_as),
            ("or", &self.or),
        ];
        for (name, list) in words {
            if list.is_empty() {
                continue;
            }
            out.push_str(&format!("\n{name} = [\n"));
            for (w, seen) in list {
                comments(&mut out, seen);
                out.push_str(&format!("  {},\n", quoted(w)));
            }
            out.push_str("]\n");
        }
        if !self.roles.is_empty() {
            out.push_str("\nroles = [\n");
            for (phrase, role, seen) in &self.roles {
                comments(&mut out, seen);
                out.push_str(&format!(
                    "  {{ phrase = {}, role = \"{}\" }},\n",
                    quoted(phrase),
                    role.key().unwrap_or("?")
                ));
            }
            out.push_str("]\n");
        }
        if !self.endpoints.is_empty() {
            out.push_str("\nendpoints = [\n");
            for (phrase, kind, address, seen) in &self.endpoints {
                comments(&mut out, seen);
                let address = match address.key() {
                    Some(a) if *address != crate::model::Address::Unspecified => {
                        format!(", address = \"{a}\"")
                    }
                    _ => String::new(),
                };
                out.push_str(&format!(
                    "  {{ phrase = {}, kind = \"{}\"{address} }},\n",
                    quoted(phrase),
                    kind.key().unwrap_or("?")
                ));
            }
            out.push_str("]\n");
        }
        if !self.not_learned.is_empty() {
            out.push_str(&format!(
                "\n# Not learned: cells that the words above still do not type like the\n\
                 # {english} edition. Write their words by hand (the value wanted is\n\
                 # after `=`).\n"
            ));
            for (phrase, value, seen) in &self.not_learned {
                out.push_str(&format!("#\n# `{phrase}` = {value}\n"));
                comments(&mut out, seen);
            }
        }
        out
    }
}

/// `  # path:line: `cell` ← english` for up to three cells, then how many.
fn comments(out: &mut String, seen: &[Seen]) {
    let indent = if out.ends_with("[\n") || out.ends_with("},\n") || out.ends_with("\",\n") {
        "  "
    } else {
        ""
    };
    for s in seen.iter().take(3) {
        let line = if s.english.is_empty() {
            format!("{}:{}: `{}`", s.path, s.line, s.cell)
        } else {
            format!("{}:{}: `{}` ← {}", s.path, s.line, s.cell, s.english)
        };
        // A comment is one line.
        out.push_str(&format!("{indent}# {}\n", line.replace(['\n', '\r'], " ")));
    }
    if seen.len() > 3 {
        out.push_str(&format!("{indent}# … {} cells in all\n", seen.len()));
    }
}

/// A TOML basic string.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// What alignment learned for `locale` in `m` (a matrix parsed with the
/// English editions beside, as `parse_sources_with_registry` gives it), as
/// vocabulary entries that are not in the locale's vocabulary yet
/// (`portmatrix i18n vocab`).
///
/// Every matched row (see the [module](super)) is read again with the words
/// of `vocabs` alone; a cell they do not type, whose English cell alignment
/// took, is something to learn:
///
/// - a cell the English edition types as one endpoint, or as "Any", gives
///   an endpoint phrase (or an "Any" word): the cell's whole phrase;
/// - a list (`Any (can be defined as X, Y or Z)`, `X, Y or Z`) gives its
///   words one by one: a word for "Any" (before the parenthesis), words
///   for "can be defined as" and "or" (tried among the cell's words), and
///   the items paired in order with the English items where both have as
///   many;
/// - an unknown role gives a role name.
///
/// Each word is kept only if, with the words kept before it, more cells
/// are typed like the English cells (by the endpoint grammar itself) and
/// none that the locale's words typed changes; then every word that no
/// cell needs is dropped again. Greedy, deterministic (candidates in a
/// fixed order), and checked: the cells the words still do not type are
/// listed in [`Learned::not_learned`].
pub fn learn(m: &crate::model::Matrix, locale: &str, vocabs: &Vocabs) -> Learned {
    let registry = vocabs.registry();
    let refs = references(&m.pages, registry);
    let english_words = vocabs.for_locale(portmatrix_i18n::SOURCE_LANGUAGE);
    let mut learned = Learned {
        locale: locale.to_string(),
        ..Learned::default()
    };
    let mut targets: BTreeMap<(String, String), Target> = BTreeMap::new();
    let mut roles: BTreeMap<String, BTreeMap<Role, Vec<Seen>>> = BTreeMap::new();
    let mut add =
        |text: &str, value: &Endpoint, aligned: bool, items: Option<Vec<Candidate>>, seen: Seen| {
            let k = key(text);
            let t = targets
                .entry((k.clone(), format!("{:?}", value.typed())))
                .or_insert_with(|| Target {
                    text: k,
                    value: Endpoint {
                        text: "".into(),
                        ..value.clone()
                    },
                    weight: 0,
                    aligned,
                    items,
                    seen: Vec::new(),
                });
            t.weight += 1;
            t.seen.push(seen);
        };
    let mut base: Vec<&Index> = Vec::new();
    for (p, page) in m.pages.iter().enumerate() {
        if !page.locale.eq_ignore_ascii_case(locale) {
            continue;
        }
        if base.is_empty() {
            base = vocabs.for_locale(&page.locale);
        }
        let own = |text: &str| endpoint::parse_endpoint_in(text, &page.locale, vocabs);
        let matched: HashMap<(usize, usize), (usize, usize)> = match refs[p] {
            Some(e) => matched_rows(page, &m.pages[e])
                .into_iter()
                .map(|[t, r, u, s]| ((t, r), (u, s)))
                .collect(),
            None => HashMap::new(),
        };
        for (t, table) in page.tables.iter().enumerate() {
            for (r, rule) in table.rules.iter().enumerate() {
                let en = matched.get(&(t, r)).and_then(|&(u, s)| {
                    let e = refs[p]?;
                    Some((&m.pages[e], &m.pages[e].tables[u].rules[s]))
                });
                for (cell, en_of) in [
                    (
                        &rule.cells.source,
                        (|r: &Rule| (&r.source, &r.cells.source))
                            as fn(&Rule) -> (&Endpoint, &crate::model::Cell),
                    ),
                    (&rule.cells.destination, |r: &Rule| {
                        (&r.destination, &r.cells.destination)
                    }),
                ] {
                    // A layout without the column (a client port names no
                    // destination): nothing written, nothing to learn.
                    if cell.text.trim().is_empty() {
                        continue;
                    }
                    let mine = own(&cell.text);
                    let seen = |english: String| Seen {
                        path: page.path.to_string(),
                        line: cell.line,
                        cell: cell.text.to_string(),
                        english,
                    };
                    if !has_unknown(&mine) {
                        add(&cell.text, &mine, false, None, seen(String::new()));
                        continue;
                    }
                    let Some((en_page, en_rule)) = en else {
                        continue;
                    };
                    let (value, en_cell) = en_of(en_rule);
                    if !may_take(&mine, value) {
                        continue;
                    }
                    let items = match value.kind {
                        EndpointKind::Any | EndpointKind::OneOf if !value.candidates.is_empty() => {
                            english_items(value, &en_cell.text, &english_words)
                        }
                        _ => None,
                    };
                    let english = format!("{}:{}: `{}`", en_page.path, en_cell.line, en_cell.text);
                    add(&cell.text, value, true, items, seen(english));
                }
                // The first column: an unknown role.
                let Some((en_page, en_rule)) = en else {
                    continue;
                };
                let Ok(spec) = crate::spec::parse_spec_in(&rule.cells.spec.text, vocabs) else {
                    continue;
                };
                if let Some((Some(role), _)) = spec_parts(&spec.role, &spec.protocols, en_rule) {
                    let leading = spec
                        .protocols
                        .iter()
                        .take_while(|p| matches!(p, Protocol::Unrecognized(_)))
                        .count();
                    let phrase = match &spec.role {
                        Some(Role::Unrecognized(r)) => key(r),
                        _ if leading > 0 => key(&rule
                            .cells
                            .spec
                            .text
                            .split('/')
                            .take(leading)
                            .collect::<Vec<_>>()
                            .join("/")),
                        _ => continue,
                    };
                    roles
                        .entry(phrase)
                        .or_default()
                        .entry(role)
                        .or_default()
                        .push(Seen {
                            path: page.path.to_string(),
                            line: rule.cells.spec.line,
                            cell: rule.cells.spec.text.to_string(),
                            english: format!(
                                "{}:{}: `{}`",
                                en_page.path, en_rule.cells.spec.line, en_rule.cells.spec.text
                            ),
                        });
                }
            }
        }
    }
    // Roles: the value most cells give (ties: the first in the model's order).
    for (phrase, values) in roles {
        if let Some((role, seen)) = values
            .into_iter()
            .max_by(|a, b| a.1.len().cmp(&b.1.len()).then(b.0.cmp(&a.0)))
        {
            learned.roles.push((phrase, role, seen));
        }
    }

    let learner = Learner {
        base,
        targets: targets.into_values().collect(),
    };
    let targets = &learner.targets;
    let already = |f: fn(&Index) -> &Vec<String>, w: &str| {
        learner.base.iter().any(|v| f(v).iter().any(|x| x == w))
    };

    // 1. Whole cells: one endpoint, or "Any" (the value most cells give).
    let mut words = Words::default();
    let mut by_phrase: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, t) in targets.iter().enumerate() {
        if t.aligned && t.value.candidates.is_empty() {
            by_phrase.entry(&t.text).or_default().push(i);
        }
    }
    let mut provenance: Provenance = Vec::new();
    for (phrase, ts) in &by_phrase {
        let Some(&best) = ts
            .iter()
            .max_by(|&&a, &&b| targets[a].weight.cmp(&targets[b].weight).then(b.cmp(&a)))
        else {
            continue;
        };
        let v = &targets[best].value;
        if v.kind == EndpointKind::Any {
            if !already(|i| &i.any, phrase) {
                words.any.push(phrase.to_string());
            }
        } else {
            words
                .endpoints
                .push((phrase.to_string(), v.kind, v.address));
        }
        provenance.push((phrase.to_string(), best));
    }

    // 2. Lists: greedy, one structural word (or none) at a time, each with
    // the items it lets pair: the move that types the most cells (then the
    // one with the fewest words).
    let size = |w: &Words| w.endpoints.len() + w.any.len() + w.or.len() + w.defined_as.len();
    let mut score = learner.score(&words);
    for _round in 0..64 {
        let mut moves: Vec<(u8, String)> = vec![(0, String::new())];
        moves.extend(structural(&learner, &words, Some(&score.1)));
        let mut best: Option<(usize, usize, Words, Provenance)> = None;
        for (kind, w) in moves {
            let mut next = words.clone();
            next.add(kind, w);
            let mut from = Vec::new();
            let ok = learner.score(&next).1;
            learner.pair_items(&mut next, &ok, &mut from);
            let (s, _) = learner.score(&next);
            let n = size(&next);
            if s > score.0
                && best
                    .as_ref()
                    .is_none_or(|b| s > b.0 || (s == b.0 && n < b.1))
            {
                best = Some((s, n, next, from));
            }
        }
        let Some((_, _, next, from)) = best else {
            break;
        };
        words = next;
        provenance.extend(from);
        score = learner.score(&words);
    }

    // Then fewer, shorter words: a structural word that the items learned
    // from lists hold (`pode ser definido como diretor` holds "can be
    // defined as") replaces them when the lists, paired again, type as many
    // cells with fewer entries.
    let from_lists: std::collections::HashSet<String> = provenance
        .iter()
        .filter(|(_, i)| targets[*i].items.is_some())
        .map(|(p, _)| p.clone())
        .collect();
    for _round in 0..16 {
        let mut best: Option<(usize, Words, Provenance)> = None;
        for (kind, w) in structural(&learner, &words, None) {
            let mut next = words.clone();
            next.endpoints
                .retain(|(p, _, _)| !(from_lists.contains(p) && holds_word(p, &w)));
            next.add(kind, w);
            let mut from = Vec::new();
            let ok = learner.score(&next).1;
            learner.pair_items(&mut next, &ok, &mut from);
            let n = size(&next);
            if learner.score(&next).0 >= score.0
                && n < size(&words)
                && best.as_ref().is_none_or(|b| n < b.0)
            {
                best = Some((n, next, from));
            }
        }
        let Some((_, next, from)) = best else {
            break;
        };
        words = next;
        provenance.extend(from);
        score = learner.score(&words);
    }

    // 3. Drop what no cell needs, last learned first.
    let total = score.0;
    for i in (0..words.endpoints.len()).rev() {
        let mut fewer = words.clone();
        fewer.endpoints.remove(i);
        if learner.score(&fewer).0 >= total {
            words = fewer;
        }
    }
    for list in [0, 1, 2] {
        let len = match list {
            0 => words.any.len(),
            1 => words.defined_as.len(),
            _ => words.or.len(),
        };
        for i in (0..len).rev() {
            let mut fewer = words.clone();
            match list {
                0 => fewer.any.remove(i),
                1 => fewer.defined_as.remove(i),
                _ => fewer.or.remove(i),
            };
            if learner.score(&fewer).0 >= total {
                words = fewer;
            }
        }
    }
    let (_, ok) = learner.score(&words);

    // Where each word was seen: the cells that gave an entry; for the
    // structural words, the aligned cells they occur in.
    let seen_of = |phrase: &str| -> Vec<Seen> {
        let mut out: Vec<Seen> = provenance
            .iter()
            .filter(|(p, _)| p == phrase)
            .flat_map(|(_, i)| targets[*i].seen.iter().cloned())
            .collect();
        out.sort();
        out.dedup();
        out
    };
    let seen_in = |word: &str| -> Vec<Seen> {
        let mut out: Vec<Seen> = targets
            .iter()
            .filter(|t| t.aligned && t.items.is_some() && t.text.contains(word))
            .flat_map(|t| t.seen.iter().cloned())
            .collect();
        out.sort();
        out.dedup();
        out
    };
    let mut any: Vec<String> = words.any.clone();
    any.sort();
    learned.any = any
        .into_iter()
        .map(|w| {
            let mut s = seen_of(&w);
            if s.is_empty() {
                s = seen_in(&w);
            }
            (w, s)
        })
        .collect();
    let mut defined_as = words.defined_as.clone();
    defined_as.sort();
    learned.defined_as = defined_as
        .into_iter()
        .map(|w| {
            let s = seen_in(&w);
            (w, s)
        })
        .collect();
    let mut or = words.or.clone();
    or.sort();
    learned.or = or
        .into_iter()
        .map(|w| {
            let s = seen_in(&w);
            (w, s)
        })
        .collect();
    let mut endpoints = words.endpoints.clone();
    endpoints.sort_by(|a, b| (a.1, a.2, &a.0).cmp(&(b.1, b.2, &b.0)));
    learned.endpoints = endpoints
        .into_iter()
        .map(|(p, k, a)| {
            let s = seen_of(&p);
            (p, k, a, s)
        })
        .collect();
    for (t, ok) in targets.iter().zip(ok) {
        if t.aligned && !ok {
            learned
                .not_learned
                .push((t.text.clone(), describe(&t.value), t.seen.clone()));
        }
    }
    learned
}
