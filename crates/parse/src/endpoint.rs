//! The grammar of source and destination cells: the stage that types the
//! second and third cell of a port row, after `html` has read their text. A
//! grammar of its own because those cells name endpoints in prose, in each
//! page's language, while the first cell (`spec`) is a compact notation.
//!
//! ```text
//! endpoint  := ANY [ "(" [DEFINED_AS] list ")" ]      Any (can be defined as X, Y or Z)
//!            | list
//! list      := item ( ("," | OR | "") item )*         one item: that endpoint; more: one_of
//!            | CLAUSE name OR name                   中央管理ストアを保持する X またはプール
//! item      := NOISE* [SERVER] name [address] NOISE*  Edge Server Access Edge service public IP address
//!            | NOISE* address [JOINER] name NOISE*    Dirección IP del director
//!            | name "(" remark ")"                    XMPP Proxy service (shares IP address with …)
//!            | item "," CLAUSE …                      Pool, der den zentralen Verwaltungsspeicher enthält
//! ```
//!
//! Words of scripts written with spaces (OR, NOISE, CLAUSE, JOINER) match
//! whole words only; CJK words match anywhere.
//!
//! Words come from the page's vocabulary and then English (see `vocab`).
//! Whatever is left unknown becomes `EndpointKind::Unrecognized` with the
//! phrase, and the caller reports it.

use super::normalize::{is_cjk, key};
use super::vocab::{Index, Vocabs};
use crate::model::{Address, Candidate, Endpoint, EndpointKind, Str};

/// Types one cell. `locale` selects the vocabularies.
///
/// ```
/// use portmatrix_parse::endpoint::parse_endpoint;
/// use portmatrix_model::{Address, EndpointKind};
/// let zh = parse_endpoint("边缘服务器访问边缘服务公用 IP 地址", "zh-CN");
/// let en = parse_endpoint("Edge Server Access Edge service public IP address", "en-US");
/// assert_eq!((zh.kind, zh.address), (EndpointKind::AccessEdge, Address::PublicIp));
/// assert_eq!(zh.typed(), en.typed());
/// ```
pub fn parse_endpoint(text: &str, locale: &str) -> Endpoint {
    parse_endpoint_in(text, locale, Vocabs::embedded())
}

/// [`parse_endpoint`] with the words of `vocabs`.
pub fn parse_endpoint_in(text: &str, locale: &str, vocabs: &Vocabs) -> Endpoint {
    parse_endpoint_with(text, &vocabs.for_locale(locale))
}

/// [`parse_endpoint`] with the given vocabularies, in the order they are
/// consulted (`align::learn` tries words that are in no registry yet).
pub fn parse_endpoint_with(text: &str, vocabs: &[&Index]) -> Endpoint {
    let k = key(text);
    let text: Str = text.trim().to_string().into();

    // ANY [ "(" [DEFINED_AS] list ")" ]
    for v in vocabs {
        for any in &v.any {
            let Some(rest) = k.strip_prefix(any.as_str()) else {
                continue;
            };
            let rest = rest.trim();
            if rest.is_empty() {
                return endpoint(EndpointKind::Any, Address::Unspecified, vec![], None, text);
            }
            if let Some(inner) = rest.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
                let inner = inner.trim();
                let inner = vocabs
                    .iter()
                    .flat_map(|v| v.defined_as.iter())
                    .find_map(|d| inner.strip_prefix(d.as_str()))
                    .unwrap_or(inner)
                    .trim();
                let candidates = list(inner, vocabs);
                return endpoint(
                    EndpointKind::Any,
                    Address::Unspecified,
                    candidates,
                    None,
                    text,
                );
            }
        }
    }

    // A phrase that a vocabulary lists whole is read whole, before the list
    // grammar splits it on its commas: some locales write one name with a
    // comma (`A/V-Edgeserver, intern`: the A/V Edge Server's internal side;
    // `Серверы переднего плана, на которых …`: a relative clause).
    if k.contains(',')
        && let Some(c) = lookup(&k, Address::Unspecified, vocabs)
    {
        return endpoint(c.kind, c.address, vec![], None, text);
    }

    let mut items = list(&k, vocabs);
    match items.len() {
        0 => endpoint(
            EndpointKind::Unrecognized,
            Address::Unspecified,
            vec![],
            Some(text.clone()),
            text,
        ),
        1 => {
            let c = items.remove(0);
            // Report an unknown single phrase as written, not in key form.
            let unrecognized = c.unrecognized.map(|_| text.clone());
            endpoint(c.kind, c.address, vec![], unrecognized, text)
        }
        _ => endpoint(EndpointKind::OneOf, Address::Unspecified, items, None, text),
    }
}

fn endpoint(
    kind: EndpointKind,
    address: Address,
    candidates: Vec<Candidate>,
    unrecognized: Option<Str>,
    text: Str,
) -> Endpoint {
    Endpoint {
        kind,
        address,
        candidates: candidates.into(),
        unrecognized,
        text,
    }
}

/// Splits a list on `,` and the vocabularies' "or" words, types every item,
/// sorts and removes duplicates (so "X or Y" equals "Y or X", and both
/// editions give the same list whatever their word order).
///
/// A comma followed by a clause word (`, in dem …`, `, который …`) does not
/// start an item: the clause belongs to the item before it. A comma inside a
/// known name (`Edgeserverzugriff, Edgedienst`) does not either.
///
/// An address belongs to the item it is written with, before or after its
/// name: `indirizzo IP del server front-end o pool di front-end` gives it to
/// the Front End Server as `Front End Server or Front End pool IP address`
/// gives it to the pool. Giving an address written before the first item to
/// the bare items after it was measured on the corpus editions and reads
/// them worse: the translations keep the English attachment
/// (`dirección IP de Servidor front-end o grupo de servidores que mantienen
/// el Almacén …` is en-US's `the Front End Server IP address, or pool that
/// holds the Central Management store`), so es-ES-ht-first, pt-BR-ht-first
/// and it-IT-mt-last lost 4, 4 and 9 rules and no edition gained one.
///
/// A clause written before the first item (`中央管理ストアを保持する X
/// またはプール`, as head-final languages place it) qualifies the item it
/// names a known endpoint with (the pool that holds the Central Management
/// store); the first item is read without it. Items written side by side
/// without a separator (`Directorpool-IP-Adresse Front-End-Server`) are read
/// as two items when each is a known name and the whole is not.
fn list(s: &str, vocabs: &[&Index]) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    let parts = commas_in_names(clause_joined(split_outside_parens(s, ','), vocabs), vocabs);
    for part in parts {
        let mut pieces = vec![part];
        for v in vocabs {
            for or in &v.or_words {
                pieces = pieces.iter().flat_map(|p| split_word(p, or)).collect();
            }
        }
        let mut pieces: Vec<String> = pieces
            .iter()
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect();
        leading_clause(&mut pieces, vocabs);
        for p in &pieces {
            let c = item(p, vocabs);
            match side_by_side(p, &c, vocabs) {
                Some(items) => out.extend(items),
                None => out.push(c),
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Whether an item is typed (not unrecognized).
fn known(c: &Candidate) -> bool {
    c.kind != EndpointKind::Unrecognized
}

/// Joins two comma-separated parts that name nothing alone when, with the
/// comma left out, they are one known name (`Edgeserverzugriff,
/// Edgedienst`).
fn commas_in_names(parts: Vec<String>, vocabs: &[&Index]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in parts {
        if let Some(prev) = out.last_mut()
            && !known(&item(prev, vocabs))
            && !known(&item(&part, vocabs))
        {
            let joined = format!("{prev} {part}");
            if known(&item(&joined, vocabs)) {
                *prev = joined;
                continue;
            }
        }
        out.push(part);
    }
    out
}

/// A clause before the first of several items (`擁有中央管理儲存區的 X 或池`):
/// when the first item names nothing, the words before a known name in it
/// are moved to the other item they name a known endpoint with (`擁有中央
/// 管理儲存區的池`). Nothing changes unless both readings are known.
fn leading_clause(pieces: &mut [String], vocabs: &[&Index]) {
    if pieces.len() < 2 || known(&item(&pieces[0], vocabs)) {
        return;
    }
    let first = pieces[0].clone();
    for (b, _) in first.char_indices().skip(1) {
        let (clause, name) = (first[..b].trim(), first[b..].trim());
        if name.is_empty() || !known(&item(name, vocabs)) {
            continue;
        }
        for i in 1..pieces.len() {
            let forms = [
                format!("{clause}{}", pieces[i]),
                format!("{clause} {}", pieces[i]),
            ];
            if let Some(form) = forms.into_iter().find(|f| known(&item(f, vocabs))) {
                pieces[0] = name.to_string();
                pieces[i] = form;
                return;
            }
        }
    }
}

/// Two or more known names written side by side without a separator
/// (`als Directorpool-IP-Adresse Front-End-Server`), for an item that names
/// nothing whole: the fewest known names that cover its words, or `None`.
fn side_by_side(p: &str, c: &Candidate, vocabs: &[&Index]) -> Option<Vec<Candidate>> {
    if known(c) {
        return None;
    }
    let words: Vec<&str> = strip_noise(p, vocabs).split(' ').collect();
    let n = words.len();
    if !(2..=16).contains(&n) {
        return None;
    }
    // best[j]: the fewest known names covering words[..j].
    let mut best: Vec<Option<Vec<Candidate>>> = vec![None; n + 1];
    best[0] = Some(Vec::new());
    for j in 1..=n {
        for i in 0..j {
            let Some(before) = best[i].clone() else {
                continue;
            };
            let c = item(&words[i..j].join(" "), vocabs);
            if !known(&c) {
                continue;
            }
            let mut names = before;
            names.push(c);
            if best[j].as_ref().is_none_or(|b| names.len() < b.len()) {
                best[j] = Some(names);
            }
        }
    }
    best[n].take().filter(|names| names.len() >= 2)
}

/// The comma-separated parts of a list, each part that opens with a clause
/// word appended to the part before it (its noise words removed first, so
/// that `Pool definiert werden, der …` reads `pool der …`).
fn clause_joined(parts: Vec<&str>, vocabs: &[&Index]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in parts {
        let part = part.trim();
        let opens_clause = vocabs
            .iter()
            .flat_map(|v| v.clause_words.iter())
            .any(|w| starts_with_word(part, w));
        match out.last_mut() {
            Some(prev) if opens_clause && !prev.is_empty() => {
                let name = strip_noise(prev, vocabs).to_string();
                *prev = format!("{name} {part}");
            }
            _ => out.push(part.to_string()),
        }
    }
    out
}

/// A letter or digit of a script written with spaces between words (not
/// Han, kana or Hangul), or a hyphen inside a word: what a word written in
/// such a script may not be glued to.
fn is_word_char(c: char) -> bool {
    (c.is_alphanumeric() && !is_cjk(c)) || c == '-'
}

/// Whether `word` ends (at its end) where a word does: a word of a spaced
/// script must not be followed by a letter (`или` is not the start of
/// `ильный`); a CJK word may be.
fn ends_at_boundary(word: &str, after: &str) -> bool {
    !word.ends_with(is_word_char) || !after.starts_with(is_word_char)
}

/// Whether `word` starts where a word does (the mirror of
/// [`ends_at_boundary`]): `или` is not the end of `хран`+`или`.
fn starts_at_boundary(word: &str, before: &str) -> bool {
    !word.starts_with(is_word_char) || !before.ends_with(is_word_char)
}

/// Whether `s` starts with the whole word (or words) `word`.
fn starts_with_word(s: &str, word: &str) -> bool {
    s.strip_prefix(word)
        .is_some_and(|rest| ends_at_boundary(word, rest))
}

/// Splits on `sep` except inside parentheses.
fn split_outside_parens(s: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0i32, 0usize);
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            c if c == sep && depth <= 0 => {
                parts.push(&s[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&s[start..]);
    parts
}

/// Splits on a word (`or`) that stands alone: a whole word for scripts
/// written with spaces (Latin, Cyrillic: `или` never inside `филиалах`),
/// anywhere for CJK ones (`或`). Not inside parentheses.
fn split_word(s: &str, word: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut depth = 0i32;
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        let c = rest.chars().next().unwrap_or(' ');
        if c == '(' {
            depth += 1;
        } else if c == ')' {
            depth -= 1;
        }
        if depth <= 0 && rest.starts_with(word) {
            let after = i + word.len();
            if starts_at_boundary(word, &s[..i]) && ends_at_boundary(word, &s[after..]) {
                out.push(std::mem::take(&mut cur));
                i = after;
                continue;
            }
        }
        cur.push(c);
        i += c.len_utf8();
    }
    out.push(cur);
    out
}

/// Types one list item.
fn item(s: &str, vocabs: &[&Index]) -> Candidate {
    let unknown = || Candidate {
        kind: EndpointKind::Unrecognized,
        address: Address::Unspecified,
        unrecognized: Some(s.to_string().into()),
    };
    // A name that starts with a noise word (`All servers`) is tried whole
    // first.
    if let Some(c) = lookup(s.trim(), Address::Unspecified, vocabs) {
        return c;
    }
    let s = strip_noise(s.trim(), vocabs);
    if let Some(c) = name_with_address(s, vocabs) {
        return c;
    }
    // `name (remark)`: the remark explains, it does not name another endpoint.
    if let Some(open) = s.find('(')
        && s.ends_with(')')
        && let Some(c) = name_with_address(s[..open].trim(), vocabs)
    {
        return c;
    }
    unknown()
}

fn strip_noise<'a>(mut s: &'a str, vocabs: &[&Index]) -> &'a str {
    loop {
        let before = s;
        for v in vocabs {
            for p in &v.noise_prefixes {
                if let Some(rest) = s.strip_prefix(p.as_str()) {
                    // Words of a spaced script must end at a space.
                    if p.ends_with(is_word_char) && !rest.starts_with(' ') {
                        continue;
                    }
                    s = rest.trim_start();
                }
            }
            for p in &v.noise_suffixes {
                if let Some(rest) = s.strip_suffix(p.as_str())
                    && starts_at_boundary(p, rest)
                {
                    s = rest.trim_end();
                }
            }
        }
        if s == before {
            return s;
        }
    }
}

/// `[SERVER] name [address]`, trying the whole phrase before splitting off an
/// address, and with the server prefix before without it.
fn name_with_address(s: &str, vocabs: &[&Index]) -> Option<Candidate> {
    let mut forms = vec![s];
    for v in vocabs {
        for p in &v.server_prefixes {
            if let Some(rest) = s.strip_prefix(p.as_str()) {
                let rest = rest.trim_start();
                if !rest.is_empty() {
                    forms.push(rest);
                }
            }
        }
    }
    for form in forms {
        if let Some(c) = lookup(form, Address::Unspecified, vocabs) {
            return Some(c);
        }
        for v in vocabs {
            for (word, addr) in &v.addresses {
                if let Some(name) = form.strip_suffix(word.as_str()) {
                    let glued = word.starts_with(|c: char| c.is_ascii_alphanumeric())
                        && !name.ends_with(' ')
                        && ends_latin(name);
                    let name = name.trim_end();
                    if name.is_empty() || glued {
                        continue;
                    }
                    if let Some(c) = lookup(name, *addr, vocabs) {
                        return Some(c);
                    }
                }
            }
        }
    }
    address_before_name(s, vocabs)
}

/// `<address> [joiner] <name>`: an address written before the name, as
/// Romance languages and Russian do (`Dirección IP del director`,
/// `indirizzo IP del server front-end`, `IP-адрес сервера Директор`), read
/// as `<name> <address>`. Each vocabulary's address words go with its own
/// joiners; the name may also follow the address directly.
fn address_before_name(s: &str, vocabs: &[&Index]) -> Option<Candidate> {
    for v in vocabs {
        for (word, addr) in &v.addresses {
            if !starts_with_word(s, word) {
                continue;
            }
            let rest = s[word.len()..].trim_start();
            let joined = v
                .address_joiners
                .iter()
                .filter(|j| starts_with_word(rest, j))
                .map(|j| rest[j.len()..].trim_start());
            for name in joined.chain([rest]) {
                let name = strip_noise(name, vocabs);
                if !name.is_empty()
                    && let Some(c) = lookup(name, *addr, vocabs)
                {
                    return Some(c);
                }
            }
        }
    }
    None
}

/// Whether the text ends in a Latin letter (so a Latin address word glued to
/// it would be part of a longer word: `pool` + `ip` must not match `poolip`).
fn ends_latin(s: &str) -> bool {
    s.chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_alphanumeric())
}

fn lookup(name: &str, address: Address, vocabs: &[&Index]) -> Option<Candidate> {
    vocabs.iter().find_map(|v| {
        v.endpoints.get(name).map(|&(kind, implied)| Candidate {
            kind,
            // A name that implies an address (`Internal VIP interface`) keeps
            // it unless the cell names one explicitly.
            address: if address == Address::Unspecified {
                implied
            } else {
                address
            },
            unrecognized: None,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use Address::Unspecified;
    use Address::*;
    use EndpointKind::*;

    fn typed(text: &str, locale: &str) -> (EndpointKind, Address, Vec<(EndpointKind, Address)>) {
        let e = parse_endpoint(text, locale);
        assert!(e.unrecognized.is_none(), "{text}");
        assert!(
            e.candidates.iter().all(|c| c.unrecognized.is_none()),
            "{text}: {:?}",
            e.candidates
        );
        (
            e.kind,
            e.address,
            e.candidates.iter().map(|c| (c.kind, c.address)).collect(),
        )
    }

    #[test]
    fn same_endpoint_in_both_locales() {
        let pairs = [
            ("Any", "任意"),
            (
                "Edge Server Access Edge service public IP address",
                "边缘服务器访问边缘服务公用 IP 地址",
            ),
            ("Edge Server internal interface", "边缘服务器内部接口"),
            ("Edge Server A/V Edge service", "边缘服务器 A/V 边缘服务"),
            (
                "Edge Server Access Edge service interface IP address",
                "边缘服务器 访问边缘服务 接口 IP 地址",
            ),
            ("Edge Server Access interface", "边缘服务器访问接口"),
            ("Public IM connectivity partners", "公共 IM 连接合作伙伴"),
            ("Live Messenger clients", "Live Messenger 客户端"),
            (
                "Director Hardware Load Balancer VIP",
                "控制器硬件负载平衡器 VIP",
            ),
            (
                "Each internal Edge Server Interface IP",
                "每个内部 边缘服务器接口 IP",
            ),
            (
                "Edge Server IP, or pool that holds the internal interface",
                "边缘服务器 IP 或包含内部接口的池",
            ),
            (
                "Any (can be defined as Director, Director pool IP address, Front End Server or Front End pool IP address)",
                "任意（可以定义为 控制器、 控制器池 IP 地址、 前端服务器或 前端池 IP 地址）",
            ),
            (
                "Any (can be defined as Front End Server IP address, or Front End pool IP address or any Survivable Branch Appliance or Survivable Branch Server using this Edge Server)",
                "任意（可定义为前端服务器 IP 地址或前端池 IP 地址，或任何使用此边缘服务器的 Survivable Branch Appliance 或 Survivable Branch Server）",
            ),
            (
                "Any (can be defined as the Front End Server server IP or pool that holds the Central Management store)",
                "任意（可定义为 前端服务器服务器 IP 或承载 中央管理存储的池）",
            ),
            ("Front End pool or Front End Server", "前端服务器或 前端池"),
            (
                "XMPP Proxy service (shares IP address with Access Edge service)",
                "XMPP 代理服务（与访问边缘服务共享 IP 地址）",
            ),
        ];
        for (en, zh) in pairs {
            assert_eq!(typed(en, "en-US"), typed(zh, "zh-CN"), "{en} / {zh}");
        }
    }

    #[test]
    fn shapes() {
        assert_eq!(
            typed("Edge Server Access Edge service public IP address", "en-US").0,
            AccessEdge
        );
        let (k, _, c) = typed(
            "Any (can be defined as Director IP, Front End Server IP or Pool virtual IP)",
            "en-US",
        );
        assert_eq!(k, Any);
        assert_eq!(
            c,
            vec![(Director, Ip), (FrontEndServer, Ip), (Pool, VirtualIp)]
        );
        let (k, _, c) = typed(
            "Front End Server, Front End pool, Director, Director pool",
            "en-US",
        );
        assert_eq!((k, c.len()), (OneOf, 4));
    }

    #[test]
    fn unknown_phrase_is_typed_unrecognized() {
        let e = parse_endpoint("Mars relay station", "en-US");
        assert_eq!(e.kind, Unrecognized);
        assert_eq!(e.unrecognized.as_deref(), Some("Mars relay station"));
        let e = parse_endpoint("Any (can be defined as Director or Mars relay)", "en-US");
        assert_eq!(e.kind, Any);
        assert!(e.candidates.iter().any(|c| c.kind == Unrecognized));
    }

    #[test]
    fn a_clause_after_a_comma_belongs_to_the_item_before_it() {
        // German: the clause qualifies the pool (it names the CMS pool), or
        // only qualifies (noise); it is never an item of its own.
        assert_eq!(
            typed(
                "Beliebig (kann als die Server-IP des Front-End-Servers oder als der Pool definiert werden, der den zentralen Verwaltungsspeicher enthält)",
                "de-DE"
            ),
            typed(
                "Any (can be defined as the Front End Server server IP or pool that holds the Central Management store)",
                "en-US"
            ),
        );
        assert_eq!(
            typed(
                "als Survivable Branch-Server definiert sein, der diesen Edgeserver verwendet",
                "de-DE"
            ),
            (SurvivableBranchServer, Unspecified, vec![])
        );
        // Russian.
        assert_eq!(
            typed(
                "IP-адреса пула серверов переднего плана, в котором работает служба шлюза XMPP",
                "ru-RU"
            ),
            (FrontEndPool, Ip, vec![])
        );
        // An unknown clause stays in its item: one unknown item, not two.
        let e = parse_endpoint("Pool, der etwas Unbekanntes tut", "de-DE");
        assert_eq!((e.kind, e.candidates.len()), (Unrecognized, 0));
        // Without a clause word, a comma still separates items.
        assert_eq!(typed("Pool, Director", "en-US").2.len(), 2);
    }

    #[test]
    fn an_address_before_the_name_is_read_with_its_joiner() {
        assert_eq!(
            typed("indirizzo IP virtuale del pool di Director", "it-IT"),
            (DirectorPool, VirtualIp, vec![])
        );
        assert_eq!(
            typed(
                "Dirección IP virtual del servicios web del director",
                "es-ES"
            )
            .0,
            DirectorWebServices
        );
        assert_eq!(
            typed("endereço IP do pool de Diretores", "pt-BR"),
            typed("Director pool IP address", "en-US")
        );
        // Russian: no joiner, the name in the genitive.
        assert_eq!(
            typed("виртуальный IP-адрес пула Директоров", "ru-RU"),
            (DirectorPool, VirtualIp, vec![])
        );
        // The address belongs to the item it is written with.
        assert_eq!(
            typed("indirizzo IP del pool di Director o Director", "it-IT").2,
            vec![(Director, Unspecified), (DirectorPool, Ip)]
        );
        // An address word alone, or before an unknown name, names nothing.
        assert_eq!(parse_endpoint("indirizzo IP", "it-IT").kind, Unrecognized);
        assert_eq!(
            parse_endpoint("indirizzo IP del Marte", "it-IT").kind,
            Unrecognized
        );
    }

    #[test]
    fn a_comma_inside_a_known_name_does_not_split_it() {
        // "Edgeserverzugriff, Edgedienst": two parts that name nothing alone.
        assert_eq!(
            typed("Edgeserverzugriff, Edgedienst", "de-DE"),
            (AccessEdge, Unspecified, vec![])
        );
        // Parts that are names themselves stay two items.
        assert_eq!(typed("Director, Pool", "en-US").2.len(), 2);
    }

    #[test]
    fn names_side_by_side_without_a_separator_are_two_items() {
        assert_eq!(
            typed(
                "Beliebig (kann definiert werden als Director, als Directorpool-IP-Adresse Front-End-Server oder als Front-End-Pool-IP-Adresse)",
                "de-DE"
            ),
            typed(
                "Any (can be defined as Director, Director pool IP address, Front End Server or Front End pool IP address)",
                "en-US"
            ),
        );
        // A known name is never cut in two (`Front End pool` is not `Front
        // End` + `pool`), and words that name nothing stay one unknown item.
        assert_eq!(typed("Front End pool", "en-US").0, FrontEndPool);
        let e = parse_endpoint("Director Mars relay", "en-US");
        assert_eq!(e.unrecognized.as_deref(), Some("Director Mars relay"));
    }

    #[test]
    fn items_joined_by_the_or_word_alone_are_a_list() {
        assert_eq!(
            typed("Front-End-Server oder Front-End-Pool", "de-DE").2,
            vec![(FrontEndServer, Unspecified), (FrontEndPool, Unspecified)]
        );
        assert_eq!(
            typed("前端服务器或前端池", "zh-CN").2,
            vec![(FrontEndServer, Unspecified), (FrontEndPool, Unspecified)]
        );
    }

    #[test]
    fn a_clause_before_the_first_of_two_names_goes_to_the_name_it_qualifies() {
        let en = typed(
            "Edge Server IP, or pool that holds the internal interface",
            "en-US",
        );
        assert_eq!(
            typed(
                "内部インターフェイスを保持する エッジ サーバー IP またはプール",
                "ja-JP"
            ),
            en
        );
        assert_eq!(typed("包含內部介面的邊緣伺服器 IP 或池", "zh-TW"), en);
        let en = typed(
            "Any (can be defined as the Front End Server server IP or pool that holds the Central Management store)",
            "en-US",
        );
        assert_eq!(
            typed(
                "任意 ( 中央管理ストアを保持する フロント エンド サーバーのサーバー IP またはプールとして定義可能)",
                "ja-JP"
            ),
            en
        );
        assert_eq!(
            typed(
                "[任何] （可定義為擁有中央管理儲存區的前端伺服器伺服器 IP 或池）",
                "zh-TW"
            ),
            en
        );
        // Without a name the clause makes known, nothing moves: one unknown
        // item, reported.
        let e = parse_endpoint("火星を保持する エッジ サーバー IP またはプール", "ja-JP");
        assert!(e.candidates.iter().any(|c| c.kind == Unrecognized));
    }

    #[test]
    fn words_of_spaced_scripts_match_whole_words() {
        // `или` (or) is inside хранилище and филиалах: not a separator there.
        assert_eq!(split_word("хранилище управления", "или").len(), 1);
        assert_eq!(split_word("связи в филиалах", "или").len(), 1);
        assert_eq!(split_word("пул или директор", "или"), ["пул ", " директор"]);
        // Latin words too, and CJK words anywhere.
        assert_eq!(split_word("front-or pool", "or").len(), 1);
        assert_eq!(split_word("前端池或控制器", "或"), ["前端池", "控制器"]);
        let e = parse_endpoint(
            "IP-адрес сервера переднего плана или пула, содержащего центральное хранилище управления",
            "ru-RU",
        );
        assert!(
            e.candidates.iter().all(|c| c.kind != Unrecognized),
            "{:?}",
            e.candidates
        );
        // A noise suffix is a whole word: `сервер` is not stripped from
        // `суперсервер`.
        let e = parse_endpoint("суперсервер", "ru-RU");
        assert_eq!(e.unrecognized.as_deref(), Some("суперсервер"));
    }
}
