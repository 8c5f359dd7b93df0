//! The words of a cell, for [`learn`](super::learn()): splitting cells into
//! candidate phrases and list items, and scoring a set of words by how many
//! cells the endpoint grammar then types like the English ones. A stage of
//! its own so that the learning loop stays apart from the text handling.

use std::collections::BTreeMap;

use crate::endpoint;
use crate::normalize::key;
use crate::vocab::Index;

use super::{Seen, has_unknown};

use crate::model::{Candidate, Endpoint, EndpointKind};

/// A cell to type: its phrase (key form), the value it must get, how often
/// it occurs, whether alignment typed it (else the locale's words already
/// do, and learning must not change that), and where it was seen.
#[derive(Debug, Clone)]
pub(super) struct Target {
    pub(super) text: String,
    pub(super) value: Endpoint,
    pub(super) weight: usize,
    pub(super) aligned: bool,
    /// For an aligned list (`any` with candidates, `one_of`): the English
    /// items in the order written.
    pub(super) items: Option<Vec<Candidate>>,
    pub(super) seen: Vec<Seen>,
}

/// Which target (by index) each learned phrase came from.
pub(super) type Provenance = Vec<(String, usize)>;

/// Words being learned.
#[derive(Debug, Clone, Default)]
pub(super) struct Words {
    pub(super) any: Vec<String>,
    pub(super) defined_as: Vec<String>,
    pub(super) or: Vec<String>,
    pub(super) endpoints: Vec<(String, EndpointKind, crate::model::Address)>,
}

impl Words {
    pub(super) fn index(&self) -> Index {
        Index::new(&portmatrix_i18n::Vocabulary {
            any: self.any.clone(),
            defined_as: self.defined_as.clone(),
            or: self.or.clone(),
            endpoints: self.endpoints.clone(),
            ..Default::default()
        })
    }

    /// Adds a structural word: 1 "Any", 2 "can be defined as", 3 "or".
    pub(super) fn add(&mut self, kind: u8, word: String) {
        match kind {
            1 => self.any.push(word),
            2 => self.defined_as.push(word),
            3 => self.or.push(word),
            _ => {}
        }
    }

    pub(super) fn knows(&self, phrase: &str) -> bool {
        self.endpoints.iter().any(|(p, _, _)| p == phrase)
    }
}

/// What [`learn`] checks learned words with: the locale's own words, and
/// the targets.
///
/// [`learn`]: fn@super::learn
pub(super) struct Learner<'a> {
    pub(super) base: Vec<&'a Index>,
    pub(super) targets: Vec<Target>,
}

impl Learner<'_> {
    pub(super) fn typed(&self, text: &str, learned: &Index) -> Endpoint {
        let mut all: Vec<&Index> = Vec::with_capacity(self.base.len() + 1);
        all.push(learned);
        all.extend(self.base.iter().copied());
        endpoint::parse_endpoint_with(text, &all)
    }

    /// How many cells (by weight) the words type as they must, and which.
    pub(super) fn score(&self, words: &Words) -> (usize, Vec<bool>) {
        let index = words.index();
        let ok: Vec<bool> = self
            .targets
            .iter()
            .map(|t| self.typed(&t.text, &index).typed() == t.value.typed())
            .collect();
        let n = self
            .targets
            .iter()
            .zip(&ok)
            .filter(|(_, ok)| **ok)
            .map(|(t, _)| t.weight)
            .sum();
        (n, ok)
    }

    /// The items of a list cell, as the endpoint grammar splits it with
    /// `learned` and the locale's words: `None` when an `any` cell does not
    /// start with a known word for "Any" and a parenthesis.
    pub(super) fn items(&self, text: &str, any: bool, learned: &Index) -> Option<Vec<String>> {
        let mut all: Vec<&Index> = vec![learned];
        all.extend(self.base.iter().copied());
        split_list(text, any, &all)
    }

    /// Endpoint entries that pair the items of the aligned list cells that
    /// `words` does not type yet with their English items, where both have
    /// as many (the learned words first, a phrase never given two values).
    pub(super) fn pair_items(&self, words: &mut Words, ok: &[bool], from: &mut Provenance) {
        let index = words.index();
        let mut added: Vec<(String, EndpointKind, crate::model::Address)> = Vec::new();
        for (i, t) in self.targets.iter().enumerate() {
            let (Some(items), false) = (&t.items, ok[i]) else {
                continue;
            };
            let any = t.value.kind == EndpointKind::Any;
            let Some(pieces) = self.items(&t.text, any, &index) else {
                continue;
            };
            if pieces.len() != items.len() {
                continue;
            }
            for (piece, item) in pieces.iter().zip(items) {
                let e = self.typed(piece, &index);
                if e.candidates.is_empty()
                    && e.unrecognized.is_none()
                    && (e.kind, e.address) == (item.kind, item.address)
                {
                    continue;
                }
                if words.knows(piece) || added.iter().any(|(p, _, _)| p == piece) {
                    continue;
                }
                added.push((piece.clone(), item.kind, item.address));
                from.push((piece.clone(), i));
            }
        }
        words.endpoints.extend(added);
    }
}

/// Splits a list cell (key form) as the endpoint grammar does: after an
/// "Any" word and a parenthesis and "can be defined as" for an `any` cell,
/// on commas and "or" words outside parentheses.
pub(super) fn split_list(text: &str, any: bool, vocabs: &[&Index]) -> Option<Vec<String>> {
    let inner = if any {
        let inner = vocabs.iter().flat_map(|v| v.any.iter()).find_map(|a| {
            let rest = text.strip_prefix(a.as_str())?.trim();
            rest.strip_prefix('(')?.strip_suffix(')').map(str::trim)
        })?;
        vocabs
            .iter()
            .flat_map(|v| v.defined_as.iter())
            .find_map(|d| inner.strip_prefix(d.as_str()))
            .unwrap_or(inner)
            .trim()
    } else {
        text
    };
    let mut out = Vec::new();
    for part in split_outside_parens(inner, |rest| rest.starts_with(',').then_some(1)) {
        let mut pieces = vec![part.trim().to_string()];
        for v in vocabs {
            for or in &v.or_words {
                pieces = pieces
                    .iter()
                    .flat_map(|p| split_outside_parens(p, |rest| word_at(p, rest, or)))
                    .map(str::to_string)
                    .collect();
            }
        }
        out.extend(
            pieces
                .into_iter()
                .map(|p| p.trim().to_string())
                .filter(|p| !p.is_empty()),
        );
    }
    Some(out)
}

/// The length of `word` when `rest` (a suffix of `s`) starts with it as a
/// word of its own: between spaces for a Latin word, anywhere for others.
pub(super) fn word_at(s: &str, rest: &str, word: &str) -> Option<usize> {
    if !rest.starts_with(word) {
        return None;
    }
    if !word.chars().all(|c| c.is_ascii_alphabetic()) {
        return Some(word.len());
    }
    let at = s.len() - rest.len();
    let before = at == 0 || s.as_bytes()[at - 1] == b' ';
    let after = rest.len() == word.len() || rest.as_bytes()[word.len()] == b' ';
    (before && after).then_some(word.len())
}

/// `s` split where `sep` (given the rest of `s`) finds a separator, outside
/// parentheses.
pub(super) fn split_outside_parens(s: &str, sep: impl Fn(&str) -> Option<usize>) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start, mut i) = (0i32, 0usize, 0usize);
    while i < s.len() {
        let rest = &s[i..];
        let c = rest.chars().next().unwrap_or(' ');
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        if depth <= 0
            && let Some(n) = sep(rest)
        {
            parts.push(&s[start..i]);
            i += n;
            start = i;
            continue;
        }
        i += c.len_utf8();
    }
    parts.push(&s[start..]);
    parts
}

/// The items of an English list cell in the order written, each typed as
/// one candidate; `None` unless they are exactly the cell's candidates.
pub(super) fn english_items(
    en: &Endpoint,
    text: &str,
    english: &[&Index],
) -> Option<Vec<Candidate>> {
    let any = en.kind == EndpointKind::Any;
    let pieces = split_list(&key(text), any, english)?;
    let mut items = Vec::new();
    for p in pieces {
        let e = endpoint::parse_endpoint_with(&p, english);
        if !e.candidates.is_empty()
            || has_unknown(&e)
            || matches!(e.kind, EndpointKind::Any | EndpointKind::OneOf)
        {
            return None;
        }
        items.push(Candidate {
            kind: e.kind,
            address: e.address,
            unrecognized: None,
        });
    }
    let mut sorted = items.clone();
    sorted.sort();
    sorted.dedup();
    (sorted == en.candidates.as_ref()).then_some(items)
}

/// Words of the locale that the grammar would split on or strip, to try as
/// "or" (inside list items) and "can be defined as" (at the start of an
/// `any` list): Latin words between spaces, and runs of one to four wide
/// characters.
pub(super) fn word_candidates(piece: &str, interior: bool) -> Vec<String> {
    let mut out = Vec::new();
    let words: Vec<&str> = piece.split(' ').filter(|w| !w.is_empty()).collect();
    if words.len() > 1 {
        let range = if interior {
            1..words.len().saturating_sub(1)
        } else {
            0..words.len()
        };
        for w in &words[range] {
            if w.chars().all(char::is_alphabetic) && w.chars().count() <= 8 {
                out.push((*w).to_string());
            }
        }
    }
    let chars: Vec<char> = piece.chars().collect();
    for n in 1..=4 {
        for start in 0..chars.len().saturating_sub(n - 1) {
            if interior && (start == 0 || start + n >= chars.len()) {
                continue;
            }
            let run = &chars[start..start + n];
            if run.iter().all(|&c| portmatrix_i18n::is_wide(c)) {
                out.push(run.iter().collect());
            }
        }
    }
    out
}

/// Whether `phrase` holds `word` as a word of its own (between spaces for
/// a Latin word, anywhere for others).
pub(super) fn holds_word(phrase: &str, word: &str) -> bool {
    if word.chars().all(|c| c.is_ascii_alphabetic()) {
        phrase.split(' ').any(|w| w == word) || phrase.starts_with(&format!("{word} "))
    } else {
        phrase.contains(word)
    }
}

/// Structural words to try, most frequent first (at most 48): the word for
/// "Any" before an `any` list's parenthesis, prefixes of its inner text as
/// "can be defined as", and words inside the items as "or" (in lists with
/// fewer items than the English one). Only in the aligned lists that `ok`
/// says are not typed yet, or in all of them without `ok`.
pub(super) fn structural(
    learner: &Learner,
    words: &Words,
    ok: Option<&[bool]>,
) -> Vec<(u8, String)> {
    let already = |f: fn(&Index) -> &Vec<String>, w: &str| {
        learner.base.iter().any(|v| f(v).iter().any(|x| x == w))
    };
    let mut counts: BTreeMap<(u8, String), usize> = BTreeMap::new();
    let index = words.index();
    for (i, t) in learner.targets.iter().enumerate() {
        if t.items.is_none() || ok.is_some_and(|ok| ok[i]) {
            continue;
        }
        let any = t.value.kind == EndpointKind::Any;
        if any
            && let Some(open) = t.text.find('(')
            && t.text.ends_with(')')
        {
            let head = t.text[..open].trim();
            if !head.is_empty()
                && !words.any.iter().any(|a| a == head)
                && !already(|i| &i.any, head)
            {
                *counts.entry((1, head.to_string())).or_default() += t.weight;
            }
            let inner = t.text[open + 1..t.text.len() - 1].trim();
            for p in prefix_candidates(inner) {
                if !words.defined_as.contains(&p) && !already(|i| &i.defined_as, &p) {
                    *counts.entry((2, p)).or_default() += t.weight;
                }
            }
        }
        if let Some(pieces) = learner.items(&t.text, any, &index)
            && (ok.is_none() || pieces.len() < t.items.as_ref().map_or(0, Vec::len))
        {
            for piece in &pieces {
                for w in word_candidates(piece, true) {
                    if !words.or.contains(&w) && !already(|i| &i.or_words, &w) {
                        *counts.entry((3, w)).or_default() += t.weight;
                    }
                }
            }
        }
    }
    let mut ranked: Vec<((u8, String), usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.into_iter().take(48).map(|(m, _)| m).collect()
}

/// Prefixes of an `any` list's inner text to try as "can be defined as":
/// its first one to six Latin words, or one to eight wide characters.
pub(super) fn prefix_candidates(inner: &str) -> Vec<String> {
    let mut out = Vec::new();
    let words: Vec<&str> = inner.split(' ').collect();
    for n in 1..=6.min(words.len().saturating_sub(1)) {
        let p = words[..n].join(" ");
        if p.contains([',', '(', ')']) {
            break;
        }
        out.push(p);
    }
    let chars: Vec<char> = inner
        .chars()
        .take_while(|&c| portmatrix_i18n::is_wide(c))
        .collect();
    for n in 1..=8.min(chars.len().saturating_sub(1)) {
        out.push(chars[..n].iter().collect());
    }
    out
}
