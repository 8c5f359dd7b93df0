//! The cell grammars of the port tables other than the port summary: one
//! grammar per column meaning ([`Column`](crate::model::Column)), whatever
//! the page, the column order or the language.
//!
//! ```text
//! port cell      := [names SEP] item (LIST item)* [FOOTNOTE]   5061 · 57501 -65535 · 67/68
//!                 | ANY | CONFIGURED                            TCP 80 and 443 · STUN/UDP 3478
//! item           := a port or range of the first-column grammar (50,000-59,999)
//! names          := name ("/" | " " name)*                      TCP · PSOM/TLS · RTP/TCP
//! LIST           := "/" | ", " | a list word ("and", "和")
//! FOOTNOTE       := "*"                                         1024-65535 *
//!
//! protocol cell  := segment (SEP segment)* [(" - " | "-" | ", ") remark]
//! segment        := (name | spelled-out name)* ("(" names ")" | "(" remark ")")*
//! name           := NAME | NAME "-" DIRECTION | "IP-" protocol   TCP · TCP-OUT · UDP-IN · IP-HTTPS
//! SEP            := "," | "&" | "/" | a list word              TCP/UDP · UDP and TCP · UDP & TCP
//! ```
//!
//! A name is `TCP`, `UDP` or a protocol ([`Protocol::from_name`]). Words
//! before a parenthesised protocol that name no protocol themselves are its
//! spelled-out name (`remote procedure call (RPC)`, `远程过程调用 (RPC)`), so
//! no language needs to list them. A parenthesis that holds other words is
//! a remark (`HTTPS (from reverse proxy)`), as is what follows ` - ` (`TCP -
//! Client and device retrieval of root certificate …`), and what follows a
//! hyphen or a comma after the names when it names nothing (`TCP-client e
//! recupero …`, `TCP, Recuperación cliente …`: translations that lost the
//! spaces around the dash).
//!
//! A transport may carry the direction it is opened in (`TCP-OUT`, `UDP-IN`,
//! as Windows Firewall names its rules): the transport is read, the direction
//! word is typed ([`ProtocolCell::direction`], from the vocabularies'
//! `directions`) and kept as written in the remark. `IP-HTTPS` (IP tunnelled
//! in HTTPS) opens HTTPS: the protocol is read, `IP-` is kept in the remark.
//!
//! Words ("Any", "Statically defined", the list words) come from the
//! vocabularies; the notation (digits, `TCP`, protocol names) is the same in
//! every language.

use super::normalize::{fold, is_cjk, key};
use super::spec;
use super::vocab::{Index, Vocabs};
use crate::diag::Code;
use crate::model::{ALL_PORTS, PortRange, PortScope, Protocol, Transport};

/// A typed port cell (`Port`, `Source port`, `Destination port`, `Protocol
/// / Port`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortCell {
    /// Transports written before the ports (`TCP 443`).
    pub transports: Vec<Transport>,
    /// Protocols written before the ports (`STUN/UDP 3478`, `PSOM/TLS 443`).
    pub protocols: Vec<Protocol>,
    /// The ports or ranges, one per item (`67/68` gives two); `ALL_PORTS`
    /// alone for `Any` and for a configured port.
    pub ports: Vec<PortRange>,
    /// Numbers, "any", or a port the administrator configures.
    pub scope: PortScope,
    /// A footnote mark after the ports (`*`).
    pub remark: Option<String>,
}

/// Why a port cell could not be typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellError {
    /// The diagnostic code.
    pub code: Code,
    /// What is wrong.
    pub message: String,
    /// What was expected.
    pub expected: String,
}

const EXPECTED_PORT: &str = "a port (`5061`), a range (`57501-65535`, `50,000-59,999`), a list (`67/68`, `80 and 443`), optionally after the transport (`TCP 443`), or a word of the vocabularies for any or a configured port (`Any`, `Statically defined`)";

/// Types a port cell with the words of `locale`'s vocabularies.
///
/// ```
/// use portmatrix_parse::cells::port_cell;
/// use portmatrix_model::{PortScope, Transport};
/// let c = port_cell("TCP 80 and 443", "en-US").unwrap();
/// assert_eq!(c.transports, [Transport::Tcp]);
/// assert_eq!(c.ports.iter().map(|p| p.first()).collect::<Vec<_>>(), [80, 443]);
/// assert_eq!(port_cell("任意", "zh-CN").unwrap().scope, PortScope::Any);
/// ```
pub fn port_cell(text: &str, locale: &str) -> Result<PortCell, CellError> {
    port_cell_in(text, locale, Vocabs::embedded())
}

/// [`port_cell`] with the words of `vocabs`.
pub fn port_cell_in(text: &str, locale: &str, vocabs: &Vocabs) -> Result<PortCell, CellError> {
    let indexes = vocabs.for_locale(locale);
    let k = key(text);
    let whole = |scope: PortScope| PortCell {
        transports: vec![],
        protocols: vec![],
        ports: vec![ALL_PORTS],
        scope,
        remark: None,
    };
    if indexes.iter().any(|v| v.any.contains(&k)) {
        return Ok(whole(PortScope::Any));
    }
    if let Some(scope) = indexes
        .iter()
        .find_map(|v| v.port_scopes.iter().find(|(w, _)| *w == k).map(|(_, s)| *s))
    {
        return Ok(whole(scope));
    }
    let folded = fold(text);
    let mut t = folded.trim();
    let mut remark = None;
    // A footnote mark, escaped or not (`1024-65535 \*` in pipe tables).
    if let Some(rest) = t.strip_suffix('*') {
        remark = Some("*".to_string());
        t = rest.strip_suffix('\\').unwrap_or(rest).trim_end();
    }
    let bad = |message: String| CellError {
        code: Code::UnrecognizedPort,
        message,
        expected: EXPECTED_PORT.into(),
    };
    let Some(first_digit) = t.find(|c: char| c.is_ascii_digit()) else {
        return Err(bad(format!("`{text}` names no port")));
    };
    let (prefix, list) = t.split_at(first_digit);
    let mut names = Names::default();
    for word in prefix.split(['/', ' ']).filter(|w| !w.is_empty()) {
        if !names.push(word) {
            return Err(bad(format!(
                "`{word}` before the port is no transport or protocol"
            )));
        }
    }
    let mut ports = Vec::new();
    for item in split_list(list, &indexes, vocabs) {
        let range = spec::parse_ports(&item, vocabs).map_err(|e| CellError {
            code: e.code,
            message: e.message,
            expected: EXPECTED_PORT.into(),
        })?;
        ports.push(range);
    }
    if ports.is_empty() {
        return Err(bad(format!("`{text}` names no port")));
    }
    Ok(PortCell {
        transports: names.transports,
        protocols: names.protocols,
        ports,
        scope: PortScope::Listed,
        remark,
    })
}

/// The items of a port list: split on `/`, on a comma followed by a space
/// (a comma between digits groups thousands: `50,000`) and on list words.
fn split_list(list: &str, indexes: &[&Index], vocabs: &Vocabs) -> Vec<String> {
    let mut s = list.replace(", ", "/").replace(" ,", "/");
    for w in vocabs
        .list_words()
        .iter()
        .chain(indexes.iter().flat_map(|v| v.or_words.iter()))
    {
        if w.chars().all(is_cjk) {
            s = s.replace(w.as_str(), "/");
        } else {
            s = s
                .split(' ')
                .map(|tok| {
                    if tok.eq_ignore_ascii_case(w) {
                        "/"
                    } else {
                        tok
                    }
                })
                .collect::<Vec<_>>()
                .join(" ");
        }
    }
    s.split('/')
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Transports and protocols in the order written, each once.
#[derive(Debug, Default)]
struct Names {
    transports: Vec<Transport>,
    protocols: Vec<Protocol>,
}

impl Names {
    /// Adds a name; false when the word is neither a transport nor a
    /// protocol.
    fn push(&mut self, word: &str) -> bool {
        match name(word) {
            Some(Name::Transport(t)) => {
                if !self.transports.contains(&t) {
                    self.transports.push(t);
                }
                true
            }
            Some(Name::Protocol(p)) => {
                if !self.protocols.contains(&p) {
                    self.protocols.push(p);
                }
                true
            }
            None => false,
        }
    }
}

enum Name {
    Transport(Transport),
    Protocol(Protocol),
}

fn name(word: &str) -> Option<Name> {
    match word.to_ascii_lowercase().as_str() {
        "tcp" => Some(Name::Transport(Transport::Tcp)),
        "udp" => Some(Name::Transport(Transport::Udp)),
        w => Protocol::from_name(w).map(Name::Protocol),
    }
}

/// A typed protocol cell (`TCP (TLS)`, `HTTPS`, `DCOM and remote procedure
/// call (RPC)`, `TCP - Client and device retrieval …`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProtocolCell {
    /// The transports written, in order, each once (`UDP and TCP`: UDP,
    /// TCP).
    pub transports: Vec<Transport>,
    /// The protocols written, in order, each once; words that name none
    /// are kept as [`Protocol::Unrecognized`] (in upper case).
    pub protocols: Vec<Protocol>,
    /// Parenthesised words that name no protocol and what follows ` - `,
    /// joined with `; `.
    pub remark: Option<String>,
    /// The direction a transport's suffix states (`TCP-OUT`: outbound), when
    /// it has one; the suffix is also in [`ProtocolCell::remark`] as written.
    pub direction: Option<crate::model::Direction>,
}

/// Types a protocol cell with the list words of `locale`'s vocabularies.
///
/// ```
/// use portmatrix_parse::cells::protocol_cell;
/// use portmatrix_model::{Protocol, Transport};
/// let c = protocol_cell("DCOM and remote procedure call (RPC)", "en-US");
/// assert_eq!(c.protocols, [Protocol::Dcom, Protocol::Rpc]);
/// assert!(c.transports.is_empty()); // TCP is inferred by the caller
/// let c = protocol_cell("HTTPS（来自反向代理）", "zh-CN");
/// assert_eq!(c.protocols, [Protocol::Https]);
/// assert_eq!(c.remark.as_deref(), Some("来自反向代理"));
/// ```
pub fn protocol_cell(text: &str, locale: &str) -> ProtocolCell {
    protocol_cell_in(text, locale, Vocabs::embedded())
}

/// [`protocol_cell`] with the words of `vocabs`.
pub fn protocol_cell_in(text: &str, locale: &str, vocabs: &Vocabs) -> ProtocolCell {
    let indexes = vocabs.for_locale(locale);
    let folded = fold(text);
    let mut t = folded.trim().to_string();
    let mut remarks: Vec<String> = Vec::new();
    if let Some(i) = t.find(" - ") {
        remarks.push(t[i + 3..].trim().to_string());
        t.truncate(i);
    }
    let is_list_word = |w: &str| {
        vocabs
            .list_words()
            .iter()
            .chain(indexes.iter().flat_map(|v| v.or_words.iter()))
            .any(|l| l.eq_ignore_ascii_case(w))
    };
    let (glued, direction) = hyphenated_names(&t, &indexes);
    t = glued.text;
    remarks.extend(glued.remarks);
    if let Some(i) = comma_remark(&t, &is_list_word) {
        remarks.push(t[i + 1..].trim().to_string());
        t.truncate(i);
    }
    // List words of scripts without spaces separate wherever they are.
    for w in vocabs
        .list_words()
        .iter()
        .chain(indexes.iter().flat_map(|v| v.or_words.iter()))
    {
        if w.chars().all(is_cjk) {
            t = t.replace(w.as_str(), ",");
        }
    }
    let mut out = Names::default();
    let mut unknown: Vec<String> = Vec::new();
    for segment in segments(&t, &is_list_word) {
        let mut named_in_parens = false;
        for group in &segment.groups {
            let words: Vec<&str> = group
                .split(['/', ',', ' '])
                .filter(|w| !w.is_empty())
                .collect();
            if !words.is_empty() && words.iter().all(|w| name(w).is_some()) {
                for w in words {
                    out.push(w);
                }
                named_in_parens = true;
            } else if !group.trim().is_empty() {
                remarks.push(group.trim().to_string());
            }
        }
        let unnamed: Vec<&String> = segment.words.iter().filter(|w| name(w).is_none()).collect();
        // `remote procedure call (RPC)`: the words spell out the name in
        // parentheses.
        if named_in_parens && unnamed.len() == segment.words.len() {
            continue;
        }
        let mut run: Vec<&str> = Vec::new();
        for w in &segment.words {
            if out.push(w) {
                if !run.is_empty() {
                    unknown.push(run.join(" "));
                    run.clear();
                }
            } else {
                run.push(w);
            }
        }
        if !run.is_empty() {
            unknown.push(run.join(" "));
        }
    }
    for u in unknown {
        let p = Protocol::Unrecognized(u.to_uppercase().into());
        if !out.protocols.contains(&p) {
            out.protocols.push(p);
        }
    }
    ProtocolCell {
        transports: out.transports,
        protocols: out.protocols,
        remark: (!remarks.is_empty()).then(|| remarks.join("; ")),
        direction,
    }
}

/// A protocol cell's text with its hyphenated names read, and what they
/// leave as remarks.
#[derive(Debug, Default)]
struct Glued {
    text: String,
    remarks: Vec<String>,
}

/// Reads the words of `t` that glue a name to something with a hyphen:
/// `TCP-OUT` (a transport and its direction: `TCP`, the direction, `OUT`
/// kept as a remark), `IP-HTTPS` (`HTTPS`, `IP-` kept), and `TCP-client e
/// recupero …` (a name, then a remark: the text is cut there). A word that
/// is a name whole (`MS-TURN`) is left alone.
fn hyphenated_names(t: &str, indexes: &[&Index]) -> (Glued, Option<crate::model::Direction>) {
    let mut out = Glued::default();
    let mut direction = None;
    let mut words: Vec<String> = Vec::new();
    let mut rest = t.split(' ');
    while let Some(word) = rest.next() {
        let Some((a, b)) = word.split_once('-') else {
            words.push(word.to_string());
            continue;
        };
        let bare = a.trim_start_matches(['(', '/']);
        if name(word).is_some() || name(bare).is_none() && !bare.eq_ignore_ascii_case("ip") {
            words.push(word.to_string());
            continue;
        }
        if bare.eq_ignore_ascii_case("ip") {
            // `IP-HTTPS`: IP carried in HTTPS; the port opens HTTPS.
            if matches!(name(b), Some(Name::Protocol(_))) {
                out.remarks.push(format!("{a}-"));
                words.push(b.to_string());
            } else {
                words.push(word.to_string());
            }
            continue;
        }
        if let Some(d) = direction_word(b, indexes) {
            direction = direction.or(Some(d));
            out.remarks.push(b.to_string());
            words.push(a.to_string());
            continue;
        }
        if name(b).is_some() || b.is_empty() {
            words.push(word.to_string());
            continue;
        }
        // `TCP-client e recupero …`: the rest of the cell is a remark.
        let remark: Vec<&str> = std::iter::once(b).chain(rest).collect();
        out.remarks.push(remark.join(" "));
        words.push(a.to_string());
        break;
    }
    out.text = words.join(" ");
    (out, direction)
}

/// A direction word written whole (`OUT`, `IN`, `出站`): one of the
/// vocabularies' `directions` phrases, not a prefix of one.
fn direction_word(w: &str, indexes: &[&Index]) -> Option<crate::model::Direction> {
    let k = key(w);
    indexes
        .iter()
        .find_map(|v| v.directions.iter().find(|(p, _)| *p == k))
        .map(|(_, d)| *d)
}

/// Where a remark starts after a comma: the first comma (outside
/// parentheses) after which the words name nothing, when every word before
/// it is a name (`TCP, Recuperación cliente y dispositivo …`). A comma
/// between names (`TCP, UDP`) is a separator.
fn comma_remark(t: &str, is_list_word: &dyn Fn(&str) -> bool) -> Option<usize> {
    let mut depth = 0i32;
    for (i, c) in t.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                let before_named = t[..i]
                    .split([' ', '/', ','])
                    .filter(|w| !w.is_empty())
                    .all(|w| name(w).is_some());
                let first_after = t[i + 1..]
                    .split([' ', '/', ',', '('])
                    .find(|w| !w.is_empty());
                let names_nothing =
                    first_after.is_some_and(|w| name(w).is_none() && !is_list_word(w));
                let words_after = t[i + 1..].split_whitespace().count();
                if before_named && !t[..i].trim().is_empty() && names_nothing && words_after > 1 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// Words and parenthesised groups between separators.
#[derive(Debug, Default)]
struct Segment {
    words: Vec<String>,
    groups: Vec<String>,
}

fn segments(t: &str, is_list_word: &dyn Fn(&str) -> bool) -> Vec<Segment> {
    let mut out = vec![Segment::default()];
    let mut word = String::new();
    let mut group: Option<(usize, String)> = None;
    let flush = |word: &mut String, out: &mut Vec<Segment>| {
        if word.is_empty() {
            return;
        }
        let w = std::mem::take(word);
        if is_list_word(&w) {
            out.push(Segment::default());
        } else if let Some(s) = out.last_mut() {
            s.words.push(w);
        }
    };
    for c in t.chars() {
        if let Some((depth, text)) = group.as_mut() {
            match c {
                '(' => {
                    *depth += 1;
                    text.push(c);
                }
                ')' if *depth == 0 => {
                    let (_, text) = group.take().unwrap_or_default();
                    if let Some(s) = out.last_mut() {
                        s.groups.push(text);
                    }
                }
                ')' => {
                    *depth -= 1;
                    text.push(c);
                }
                _ => text.push(c),
            }
            continue;
        }
        match c {
            '(' => {
                flush(&mut word, &mut out);
                group = Some((0, String::new()));
            }
            ',' | '&' | '/' | ';' => {
                flush(&mut word, &mut out);
                out.push(Segment::default());
            }
            c if c.is_whitespace() => flush(&mut word, &mut out),
            c => word.push(c),
        }
    }
    // An unclosed parenthesis: its words are words.
    if let Some((_, text)) = group {
        word.push_str(&text);
    }
    flush(&mut word, &mut out);
    out.retain(|s| !s.words.is_empty() || !s.groups.is_empty());
    out
}

/// What a direction cell states (`Inbound to SQL Server`: inbound), from
/// the phrase it starts with.
pub fn direction_in(text: &str, locale: &str, vocabs: &Vocabs) -> Option<crate::model::Direction> {
    let k = key(text);
    // A whole phrase: `in` (of `TCP-IN`) must not read `internal …`.
    let whole = |w: &str| {
        k.strip_prefix(w).is_some_and(|rest| {
            !(w.ends_with(|c: char| c.is_alphanumeric() && !is_cjk(c))
                && rest.starts_with(|c: char| c.is_alphanumeric() && !is_cjk(c)))
        })
    };
    vocabs
        .for_locale(locale)
        .iter()
        .find_map(|v| v.directions.iter().find(|(w, _)| whole(w)))
        .map(|(_, d)| *d)
}

/// The authentication requirement a cell names, if a vocabulary knows it.
pub fn authentication_in(
    text: &str,
    locale: &str,
    vocabs: &Vocabs,
) -> Option<crate::model::Authentication> {
    let k = key(text);
    vocabs
        .for_locale(locale)
        .iter()
        .find_map(|v| v.authentication.iter().find(|(w, _)| *w == k))
        .map(|(_, a)| a.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Direction, Protocol::*, Transport::*};

    fn ports(c: &PortCell) -> Vec<(u16, u16)> {
        c.ports.iter().map(|p| (p.first(), p.last())).collect()
    }

    #[test]
    fn port_cells() {
        for (text, want) in [
            ("5061", vec![(5061, 5061)]),
            ("57501-65535", vec![(57501, 65535)]),
            ("57501 -65535", vec![(57501, 65535)]),
            ("67/68", vec![(67, 67), (68, 68)]),
            ("5061, 5062", vec![(5061, 5061), (5062, 5062)]),
        ] {
            let c = port_cell(text, "en-US").unwrap();
            assert_eq!(ports(&c), want, "{text}");
            assert_eq!((c.scope, c.remark), (PortScope::Listed, None), "{text}");
        }
        for text in ["1024-65535 *", r"1024-65535 \*"] {
            let c = port_cell(text, "en-US").unwrap();
            assert_eq!(
                (ports(&c), c.remark.as_deref()),
                (vec![(1024, 65535)], Some("*"))
            );
        }
        let c = port_cell("TCP 50,000-59,999", "en-US").unwrap();
        assert_eq!((ports(&c), c.transports), (vec![(50000, 59999)], vec![Tcp]));
        let c = port_cell("TCP 80 and 443", "en-US").unwrap();
        assert_eq!(ports(&c), vec![(80, 80), (443, 443)]);
        let c = port_cell("TCP 80 和 443", "zh-CN").unwrap();
        assert_eq!(ports(&c), vec![(80, 80), (443, 443)]);
        let c = port_cell("STUN/UDP 3478", "en-US").unwrap();
        assert_eq!((c.transports, c.protocols), (vec![Udp], vec![Stun]));
        let c = port_cell("PSOM/TLS 443", "en-US").unwrap();
        assert_eq!((c.transports, c.protocols), (vec![], vec![Psom, Tls]));
        for (text, locale, scope) in [
            ("Any", "en-US", PortScope::Any),
            ("任意", "zh-CN", PortScope::Any),
            ("Statically defined", "en-US", PortScope::Configured),
            ("Specified media port range", "en-US", PortScope::Configured),
            ("静态定义", "zh-CN", PortScope::Configured),
            ("指定的媒体端口范围", "zh-CN", PortScope::Configured),
        ] {
            let c = port_cell(text, locale).unwrap();
            assert_eq!((c.scope, ports(&c)), (scope, vec![(1, 65535)]), "{text}");
        }
        let e = port_cell("Dynamic", "en-US").unwrap_err();
        assert_eq!(e.code, Code::UnrecognizedPort);
        let e = port_cell("99999", "en-US").unwrap_err();
        assert_eq!(e.code, Code::InvalidPort);
        let e = port_cell("QUUX 443", "en-US").unwrap_err();
        assert_eq!(e.code, Code::UnrecognizedPort);
    }

    fn proto(text: &str, locale: &str) -> (Vec<Transport>, Vec<Protocol>, Option<String>) {
        let c = protocol_cell(text, locale);
        (c.transports, c.protocols, c.remark)
    }

    #[test]
    fn protocol_cells() {
        let none: Option<String> = None;
        assert_eq!(
            proto("TCP (TLS)", "en-US"),
            (vec![Tcp], vec![Tls], none.clone())
        );
        assert_eq!(
            proto("TCP (MTLS)", "en-US"),
            (vec![Tcp], vec![Mtls], none.clone())
        );
        assert_eq!(
            proto("TCP (PSOM/TLS)", "en-US"),
            (vec![Tcp], vec![Psom, Tls], none.clone())
        );
        assert_eq!(
            proto("UDP (STUN/MSTURN)", "en-US"),
            (vec![Udp], vec![Stun, Msturn], none.clone())
        );
        assert_eq!(
            proto("HTTPS TCP", "en-US"),
            (vec![Tcp], vec![Https], none.clone())
        );
        assert_eq!(
            proto("TCP and HTTP", "en-US"),
            (vec![Tcp], vec![Http], none.clone())
        );
        assert_eq!(
            proto("TCP 和 HTTP", "zh-CN"),
            (vec![Tcp], vec![Http], none.clone())
        );
        assert_eq!(
            proto("TCP (TLS) and TCP (MTLS)", "en-US"),
            (vec![Tcp], vec![Tls, Mtls], none.clone())
        );
        assert_eq!(
            proto("TCP/UDP", "en-US"),
            (vec![Tcp, Udp], vec![], none.clone())
        );
        assert_eq!(
            proto("UDP and TCP", "en-US"),
            (vec![Udp, Tcp], vec![], none.clone())
        );
        assert_eq!(
            proto("UDP & TCP", "en-US"),
            (vec![Udp, Tcp], vec![], none.clone())
        );
        assert_eq!(
            proto("UDP 和 TCP", "zh-CN"),
            (vec![Udp, Tcp], vec![], none.clone())
        );
        assert_eq!(proto("HTTPS", "en-US"), (vec![], vec![Https], none.clone()));
        assert_eq!(proto("DHCP", "en-US"), (vec![], vec![Dhcp], none.clone()));
        assert_eq!(
            proto("DCOM and remote procedure call (RPC)", "en-US"),
            (vec![], vec![Dcom, Rpc], none.clone())
        );
        assert_eq!(
            proto("DCOM 和远程过程调用 (RPC)", "zh-CN"),
            (vec![], vec![Dcom, Rpc], none.clone())
        );
        assert_eq!(
            proto("HTTPS (from reverse proxy)", "en-US"),
            (vec![], vec![Https], Some("from reverse proxy".into()))
        );
        assert_eq!(
            proto(
                "TCP - Client and device retrieval of root certificate from Front End Server – clients and devices authenticated by NTLM",
                "en-US"
            ),
            (
                vec![Tcp],
                vec![],
                Some("Client and device retrieval of root certificate from Front End Server - clients and devices authenticated by NTLM".into())
            )
        );
        assert_eq!(
            proto("QUUX/TCP", "en-US"),
            (
                vec![Tcp],
                vec![Protocol::Unrecognized("QUUX".into())],
                none.clone()
            )
        );
        assert_eq!(proto("", "en-US"), (vec![], vec![], none));
    }

    fn with_direction(
        text: &str,
    ) -> (
        Vec<Transport>,
        Vec<Protocol>,
        Option<String>,
        Option<Direction>,
    ) {
        let c = protocol_cell(text, "zh-TW");
        (c.transports, c.protocols, c.remark, c.direction)
    }

    #[test]
    fn a_transport_with_a_direction_suffix_keeps_the_direction() {
        assert_eq!(
            with_direction("TCP-OUT"),
            (
                vec![Tcp],
                vec![],
                Some("OUT".into()),
                Some(Direction::Outbound)
            )
        );
        assert_eq!(
            with_direction("UDP-IN"),
            (
                vec![Udp],
                vec![],
                Some("IN".into()),
                Some(Direction::Inbound)
            )
        );
        // `IP-HTTPS` opens HTTPS (the en-US row: `HTTPS` / `TCP`, port 444).
        assert_eq!(
            with_direction("IP-HTTPS TCP-OUT"),
            (
                vec![Tcp],
                vec![Https],
                Some("IP-; OUT".into()),
                Some(Direction::Outbound)
            )
        );
        assert_eq!(
            with_direction("IP-HTTPS"),
            (vec![], vec![Https], Some("IP-".into()), None)
        );
        // A name written with a hyphen stays one name; an unknown suffix
        // of a word that is no name is an unknown protocol, as before.
        assert_eq!(with_direction("MS-TURN").1, vec![Msturn]);
        assert_eq!(
            with_direction("QUUX-IN").1,
            vec![Protocol::Unrecognized("QUUX-IN".into())]
        );
    }

    #[test]
    fn a_remark_after_a_hyphen_or_a_comma_is_kept_apart() {
        assert_eq!(
            proto(
                "TCP-client e recupero di dispositivi del certificato radice dal server front-end-client e dispositivi autenticati da NTLM",
                "it-IT"
            ),
            (
                vec![Tcp],
                vec![],
                Some("client e recupero di dispositivi del certificato radice dal server front-end-client e dispositivi autenticati da NTLM".into())
            )
        );
        assert_eq!(
            proto(
                "TCP, Recuperación cliente y dispositivo del certificado raíz",
                "es-ES"
            ),
            (
                vec![Tcp],
                vec![],
                Some("Recuperación cliente y dispositivo del certificado raíz".into())
            )
        );
        // A comma between names, or before a list word, separates names.
        assert_eq!(proto("TCP, UDP", "en-US").0, vec![Tcp, Udp]);
        assert_eq!(proto("TCP, and UDP", "en-US").0, vec![Tcp, Udp]);
        // One unknown word after a comma is an unknown protocol, reported.
        assert_eq!(
            proto("TCP, QUUX", "en-US").1,
            vec![Protocol::Unrecognized("QUUX".into())]
        );
    }

    #[test]
    fn directions_and_authentication() {
        let v = Vocabs::embedded();
        assert_eq!(
            direction_in("Inbound to SQL Server", "en-US", v),
            Some(Direction::Inbound)
        );
        assert_eq!(
            direction_in("入站至 SQL Server", "zh-CN", v),
            Some(Direction::Inbound)
        );
        assert_eq!(
            direction_in("Inbound", "zh-CN", v),
            Some(Direction::Inbound)
        );
        assert_eq!(direction_in("Sideways", "en-US", v), None);
        // Whole words: `in` is not the start of `internal`.
        assert_eq!(direction_in("Internal", "en-US", v), None);
        assert_eq!(direction_in("in", "en-US", v), Some(Direction::Inbound));
        assert_eq!(
            authentication_in("不进行身份验证", "zh-CN", v),
            Some(crate::model::Authentication::NotRequired)
        );
    }
}
