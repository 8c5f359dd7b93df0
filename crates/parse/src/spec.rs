//! The grammar of the first column, "Role/Protocol/TCP or UDP/Port": the
//! stage that types a row's first cell once `html` has read its text. The
//! notation is compact and the same in every language, so it has a grammar
//! of its own, apart from the prose of the endpoint cells.
//!
//! ```text
//! spec      := [role SEP] protocols [SEP] [transport] SEP ports [remark]
//! role      := a role name of any vocabulary ("Access", "A/V", "Web 会议")
//! protocols := proto ((SEP | "," | "(" | ")") proto)*      e.g. SIP(MTLS), STUN,MSTURN
//! transport := "TCP" | "UDP"
//! ports     := number [RANGE number]
//! number    := digits | digits{1,3} (GROUP digits{3})+     50,000  50.000  50 000
//! SEP       := "/" | " "                                   "HTTPS/TCP 4443"
//! RANGE     := "-" | "~" | a range word of any vocabulary  after folding – — ～ ("to", "至")
//! remark    := "(" text ")"                                "(entrada)", "(entrada/salida)"
//! ```
//!
//! It is read from the right: the port is always last and always digits, the
//! transport (when present) is the word before it, and what remains is an
//! optional role followed by protocols. Reading from the right is what makes
//! a role that itself contains a slash (`A/V`) and a missing slash
//! (`PSOM(TLS)TCP/443`) unambiguous.
//!
//! The port must follow a `/`, a space, a parenthesis or a word
//! (`TCP443`): digits glued to anything else (`50&61`, `-1`) are a wrong
//! port, reported as such, not a missing transport. A remark in parentheses
//! after the port (`SIP/TLS/443 (entrada)`: inbound) says something about
//! the rule, not about its port: it is set apart in [`Spec::remark`] and the
//! rest is read as usual. Invisible format
//! characters (a zero-width joiner) are removed before reading; the caller
//! reports them.

use std::borrow::Cow;

use super::normalize::{fold, is_format, key};
use super::vocab::Vocabs;
use crate::diag::Code;
use crate::model::{PortRange, PortRangeError, Protocol, Role, Transport};

/// A successfully typed first cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Spec {
    /// The role column, when the cell starts with one (`Access/…`).
    pub role: Option<Role>,
    /// The protocols, in the order written.
    pub protocols: Vec<Protocol>,
    /// TCP or UDP, written or inferred.
    pub transport: Transport,
    /// Whether the transport was inferred (no TCP/UDP written).
    pub transport_inferred: bool,
    /// The port or port range.
    pub ports: PortRange,
    /// A remark written in parentheses after the port (`entrada/salida` in
    /// `STUN/MSTURN/UDP/3478 (entrada/salida)`), without its parentheses.
    pub remark: Option<String>,
}

/// Why the first cell could not be typed: a code, a message and what was
/// expected, for a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError {
    /// The diagnostic code.
    pub code: Code,
    /// What is wrong, naming the text.
    pub message: String,
    /// What was expected instead.
    pub expected: String,
}

fn err(code: Code, message: impl Into<String>, expected: impl Into<String>) -> SpecError {
    SpecError {
        code,
        message: message.into(),
        expected: expected.into(),
    }
}

const EXPECTED_SHAPE: &str = "Role/Protocol/TCP or UDP/Port, for example `Access/SIP(TLS)/TCP/443` or `A/V/RTP/UDP/50,000-59,999`";

/// Parses a first-column cell.
///
/// ```
/// use portmatrix_parse::spec::parse_spec;
/// use portmatrix_model::{Protocol, Role, Transport};
/// let s = parse_spec("A/V/STUN,MSTURN/UDP/3478").unwrap();
/// assert_eq!(s.role, Some(Role::AudioVideo));
/// assert_eq!(s.protocols, vec![Protocol::Stun, Protocol::Msturn]);
/// assert_eq!((s.transport, s.ports.first()), (Transport::Udp, 3478));
/// ```
pub fn parse_spec(cell: &str) -> Result<Spec, SpecError> {
    parse_spec_in(cell, Vocabs::embedded())
}

/// [`parse_spec`] with the role, range and list words of `vocabs`.
pub fn parse_spec_in(cell: &str, vocabs: &Vocabs) -> Result<Spec, SpecError> {
    let visible: Cow<'_, str> = if cell.contains(is_format) {
        Cow::Owned(cell.chars().filter(|&c| !is_format(c)).collect())
    } else {
        Cow::Borrowed(cell)
    };
    let folded = fold(&visible);
    if folded.is_empty() {
        return Err(err(Code::MalformedSpec, "empty first cell", EXPECTED_SHAPE));
    }
    let (folded, remark) = match split_remark(&folded) {
        Some((spec, remark)) => (spec, Some(remark.to_string())),
        None => (folded.as_str(), None),
    };
    let (head, port_text) = split_ports(folded, vocabs).ok_or_else(|| {
        err(
            Code::InvalidPort,
            "no port number at the end of the cell",
            format!("a port (1-65535) or range at the end: {EXPECTED_SHAPE}"),
        )
    })?;
    // What the port is glued to: a separator, a parenthesis or a word
    // (`TCP443`); anything else makes the whole token a wrong port.
    if let Some(c) = head.chars().next_back()
        && !(c == '/' || c == ' ' || c == '(' || c == ')' || c.is_alphanumeric())
    {
        let token_start = head.rfind(['/', ' ']).map_or(0, |i| i + 1);
        return Err(err(
            Code::InvalidPort,
            format!("`{}` is not a port or a port range", &folded[token_start..]),
            format!("a port (1-65535) or range after a `/` or a space: {EXPECTED_SHAPE}"),
        ));
    }
    let ports = parse_ports(port_text, vocabs)?;
    let head = head.trim_end_matches(['/', ' ']);

    // Transport: the trailing ASCII word, if it is TCP or UDP.
    let word_start = head
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_alphanumeric())
        .last()
        .map(|(i, _)| i)
        .unwrap_or(head.len());
    let word = &head[word_start..];
    let (rest, transport) = match word.to_ascii_lowercase().as_str() {
        "tcp" => (&head[..word_start], Some(Transport::Tcp)),
        "udp" => (&head[..word_start], Some(Transport::Udp)),
        "" => (head, None),
        w if protocol(w).is_some() || is_role_tail(head, vocabs) => (head, None),
        _ => {
            return Err(err(
                Code::UnknownTransport,
                format!("unknown transport `{word}`"),
                "TCP or UDP before the port",
            ));
        }
    };
    let rest = rest.trim_end_matches(['/', ' ']);
    let (role, protocols) = split_role(rest, vocabs);

    let (transport, transport_inferred) = match transport {
        Some(t) => (t, false),
        None => {
            if let Some(t) = protocols.iter().find_map(Protocol::only_transport) {
                (t, true)
            } else {
                return Err(err(
                    Code::MissingTransport,
                    "no transport, and none of the protocols implies one",
                    "TCP or UDP before the port, for example `XMPP/TCP/5269`",
                ));
            }
        }
    };
    Ok(Spec {
        role,
        protocols,
        transport,
        transport_inferred,
        ports,
        remark,
    })
}

/// `…/3478 (entrada/salida)` → (`…/3478`, `entrada/salida`): a cell that
/// ends in a parenthesized remark right after a port number. Anything else
/// (`SIP(TLS)`, a cell ending in a digit) is `None`.
fn split_remark(s: &str) -> Option<(&str, &str)> {
    let inner = s.trim_end().strip_suffix(')')?;
    // The parenthesis that opens the last group, counting nested ones.
    let mut depth = 0usize;
    let mut open = None;
    for (i, c) in inner.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' if depth == 0 => {
                open = Some(i);
                break;
            }
            '(' => depth -= 1,
            _ => {}
        }
    }
    let open = open?;
    let spec = s[..open].trim_end();
    let remark = inner[open + 1..].trim();
    (spec.ends_with(|c: char| c.is_ascii_digit()) && !remark.is_empty()).then_some((spec, remark))
}

/// Whether the whole head is a role name alone (`Access/5061`): then the last
/// word belongs to the role, not to a transport.
fn is_role_tail(head: &str, vocabs: &Vocabs) -> bool {
    let k = key(head);
    vocabs.roles().iter().any(|(r, _)| *r == k)
}

/// Splits `…/50,000-59,999` into head and port text. Returns `None` when the
/// cell does not end in a digit.
fn split_ports<'s>(s: &'s str, vocabs: &Vocabs) -> Option<(&'s str, &'s str)> {
    let s = s.trim_end();
    if !s.ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    // Walk left over digits, digit-group separators, range separators and
    // range words; then move right again to the first digit, so the `/` or
    // space before the port stays in the head.
    let mut i = s.len();
    while let Some(c) = s[..i].chars().next_back() {
        if c.is_ascii_digit() || matches!(c, ',' | '.' | '\'' | ' ' | '-' | '~') {
            i -= c.len_utf8();
        } else if let Some(len) = range_word_before(s, i, vocabs) {
            i -= len;
        } else {
            break;
        }
    }
    let start = i + s[i..].find(|c: char| c.is_ascii_digit())?;
    Some((&s[..start], &s[start..]))
}

/// If a range word ends at byte `end` of `s`, with a digit after it and a
/// digit before it (spaces aside), its length in bytes.
fn range_word_before(s: &str, end: usize, vocabs: &Vocabs) -> Option<usize> {
    let before = &s[..end];
    let after = s[end..].trim_start();
    if !after.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    vocabs.range_words().iter().find_map(|w| {
        let rest = before.strip_suffix(w.as_str())?;
        rest.trim_end()
            .ends_with(|c: char| c.is_ascii_digit())
            .then_some(w.len())
    })
}

pub(crate) fn parse_ports(text: &str, vocabs: &Vocabs) -> Result<PortRange, SpecError> {
    let text = text.trim();
    let mut parts: Vec<&str> = Vec::new();
    // Split once on the first range separator found.
    let seps = ['-', '~'];
    if let Some(i) = text.find(seps) {
        parts.push(&text[..i]);
        parts.push(&text[i + 1..]);
    } else if let Some((a, b)) = vocabs.range_words().iter().find_map(|w| {
        text.find(w.as_str())
            .map(|i| (&text[..i], &text[i + w.len()..]))
    }) {
        parts.push(a);
        parts.push(b);
    } else {
        parts.push(text);
    }
    if parts.iter().any(|p| p.trim().is_empty()) || parts[parts.len() - 1].contains(seps) {
        return Err(err(
            Code::InvalidPort,
            format!("`{text}` is not a port or a port range"),
            "a port such as `5061` or a range such as `50,000-59,999`",
        ));
    }
    let nums: Vec<u32> = parts
        .iter()
        .map(|p| parse_number(p.trim()))
        .collect::<Result<_, _>>()?;
    let (first, last) = (nums[0], *nums.last().unwrap_or(&nums[0]));
    PortRange::new(first, last).map_err(|e| match e {
        PortRangeError::OutOfRange(p) => err(
            Code::InvalidPort,
            format!("port {p} is out of range"),
            "a port between 1 and 65535",
        ),
        PortRangeError::Reversed { first, last } => err(
            Code::ReversedRange,
            format!("range {first}-{last} runs backwards"),
            format!("the lower port first: {last}-{first}"),
        ),
    })
}

/// `50000`, `50,000`, `50.000`, `50 000`, `50'000`. Group separators must
/// separate groups of exactly three digits, so `5,06` is refused rather than
/// read as 506. A number too long for any port is refused here, named as
/// written (never as a saturated value).
fn parse_number(s: &str) -> Result<u32, SpecError> {
    let bad = || {
        err(
            Code::InvalidPort,
            format!("`{s}` is not a port number"),
            "digits, optionally grouped by thousands (`50,000`)",
        )
    };
    let groups: Vec<&str> = s.split([',', '.', '\'', ' ']).collect();
    if groups
        .iter()
        .any(|g| g.is_empty() || !g.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(bad());
    }
    if groups.len() > 1 && (groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3)) {
        return Err(bad());
    }
    let digits: String = groups.concat();
    let significant = digits.trim_start_matches('0');
    if significant.len() > 9 {
        // Not even a u32: say so with the digits as written.
        return Err(err(
            Code::InvalidPort,
            format!("port {s} is out of range 1-65535"),
            "a port between 1 and 65535",
        ));
    }
    Ok(significant.parse().unwrap_or(0))
}

/// Splits `A/V/STUN,MSTURN` into the role (`A/V`) and protocols.
fn split_role(rest: &str, vocabs: &Vocabs) -> (Option<Role>, Vec<Protocol>) {
    let k = key(rest);
    for (name, role) in vocabs.roles() {
        // A role name that is also a protocol list on its own (none today)
        // would be read as a role; roles win by position.
        if let Some(after) = k.strip_prefix(name.as_str())
            && (after.is_empty() || after.starts_with('/'))
        {
            return (Some(role.clone()), protocols(after, vocabs));
        }
    }
    let protos = protocols(&k, vocabs);
    // An unknown first segment followed by known protocols is an unknown role
    // (`Relay/SIP(TLS)`), not an unknown protocol.
    let segments: Vec<&str> = k.splitn(2, '/').collect();
    if segments.len() == 2
        && protocol(segments[0]).is_none()
        && !segments[0].is_empty()
        && !protocols(segments[1], vocabs).is_empty()
        && protocols(segments[1], vocabs)
            .iter()
            .all(|p| !matches!(p, Protocol::Unrecognized(_)))
    {
        let original = rest.split('/').next().unwrap_or(rest).trim().to_string();
        return (
            Some(Role::Unrecognized(original.into())),
            protocols(segments[1], vocabs),
        );
    }
    (None, protos)
}

fn protocols(s: &str, vocabs: &Vocabs) -> Vec<Protocol> {
    s.split(['/', ',', '(', ')', ' ', '+', '&'])
        .filter(|t| !t.is_empty())
        .filter(|t| !vocabs.list_words().iter().any(|w| w == t))
        .map(|t| protocol(t).unwrap_or_else(|| Protocol::Unrecognized(t.to_uppercase().into())))
        .collect()
}

/// One protocol token.
fn protocol(token: &str) -> Option<Protocol> {
    Protocol::from_name(token)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Protocol::*;

    fn ok(s: &str) -> Spec {
        parse_spec(s).unwrap_or_else(|e| panic!("{s}: {e:?}"))
    }

    #[test]
    fn corpus_shapes() {
        let s = ok("Access/SIP(TLS)/TCP/443");
        assert_eq!(
            (s.role, s.protocols, s.transport),
            (Some(Role::Access), vec![Sip, Tls], Transport::Tcp)
        );
        let s = ok("访问/SIP(MTLS)/TCP/5061");
        assert_eq!((s.role, s.protocols), (Some(Role::Access), vec![Sip, Mtls]));
        let s = ok("Web 会议/PSOM(TLS)TCP/443");
        assert_eq!(
            (s.role, s.protocols, s.ports.first()),
            (Some(Role::WebConferencing), vec![Psom, Tls], 443)
        );
        let s = ok("A/V/RTP/TCP/50,000-59,999");
        assert_eq!(
            (s.role, s.ports),
            (
                Some(Role::AudioVideo),
                PortRange::new(50000, 59999).unwrap()
            )
        );
        assert_eq!(ok("STUN/MSTURN/TCP/443").protocols, vec![Stun, Msturn]);
        assert_eq!(ok("MTLS/TCP/50001").protocols, vec![Mtls]);
        assert_eq!(ok("HTTPS/TCP 4443").ports.first(), 4443);
        let s = ok("XMPP/MTLS/23456");
        assert!(s.transport_inferred);
        assert_eq!(s.transport, Transport::Tcp);
    }

    #[test]
    fn other_editions() {
        assert_eq!(ok("访问/SIP（MTLS）/TCP/5061").protocols, vec![Sip, Mtls]);
        assert_eq!(
            ok("A/V/STUN、MSTURN/UDP/3478").protocols,
            vec![Stun, Msturn]
        );
        assert_eq!(ok("SIP (MTLS) /TCP/5061").protocols, vec![Sip, Mtls]);
        for r in [
            "50.000-59.999",
            "50000-59999",
            "50,000 ～ 59,999",
            "50 000 – 59 999",
            "50000 to 59999",
        ] {
            assert_eq!(
                ok(&format!("A/V/RTP/UDP/{r}")).ports,
                PortRange::new(50000, 59999).unwrap(),
                "{r}"
            );
        }
    }

    #[test]
    fn errors() {
        assert_eq!(
            parse_spec("SIP/TCP/99999").unwrap_err().code,
            Code::InvalidPort
        );
        assert_eq!(
            parse_spec("A/V/RTP/UDP/59999-50000").unwrap_err().code,
            Code::ReversedRange
        );
        assert_eq!(
            parse_spec("SCTP/5061").unwrap_err().code,
            Code::UnknownTransport
        );
        assert_eq!(
            parse_spec("SIP/5061").unwrap_err().code,
            Code::MissingTransport
        );
        assert_eq!(
            parse_spec("SIP/TCP/5,06").unwrap_err().code,
            Code::InvalidPort
        );
        assert_eq!(parse_spec("SIP/TCP/").unwrap_err().code, Code::InvalidPort);
        assert_eq!(parse_spec("").unwrap_err().code, Code::MalformedSpec);
    }

    #[test]
    fn wrong_ports_are_named_not_taken_for_a_missing_transport() {
        let msg = |s: &str| {
            let e = parse_spec(s).unwrap_err();
            (e.code, e.message)
        };
        let invalid = |m: &str| (Code::InvalidPort, m.to_string());
        assert_eq!(
            msg("SIP/TCP 50&61"),
            invalid("`50&61` is not a port or a port range")
        );
        assert_eq!(
            msg("SIP/TCP/-1"),
            invalid("`-1` is not a port or a port range")
        );
        assert_eq!(
            msg("SIP/TCP:5061"),
            invalid("`TCP:5061` is not a port or a port range")
        );
        assert_eq!(
            msg("SIP/TCP/12345678901234567890123456"),
            invalid("port 12345678901234567890123456 is out of range 1-65535")
        );
        assert_eq!(
            msg("A/V/RTP/UDP/50,000-99,999,999,999"),
            invalid("port 99,999,999,999 is out of range 1-65535")
        );
        assert_eq!(msg("SIP/TCP/99999"), invalid("port 99999 is out of range"));
        // Glued to a word or a parenthesis: still read.
        assert_eq!(ok("SIP/TCP443").ports.first(), 443);
        assert_eq!(ok("SIP(TLS)443").ports.first(), 443);
        assert_eq!(ok("SIP/TCP/000443").ports.first(), 443);
    }

    #[test]
    fn a_remark_after_the_port_is_set_apart() {
        let s = ok("SIP/TLS/443 (entrada)");
        assert_eq!(
            (s.protocols, s.transport, s.ports.first()),
            (vec![Sip, Tls], Transport::Tcp, 443)
        );
        assert_eq!(s.remark.as_deref(), Some("entrada"));
        let s = ok("STUN/MSTURN/UDP/3478 (entrada/salida)");
        assert_eq!((s.transport, s.ports.first()), (Transport::Udp, 3478));
        assert_eq!(s.remark.as_deref(), Some("entrada/salida"));
        let s = ok("A/V/RTP/UDP/50,000-59,999（入站 (UDP)）");
        assert_eq!(s.ports, PortRange::new(50000, 59999).unwrap());
        assert_eq!(s.remark.as_deref(), Some("入站 (UDP)"));
        assert_eq!(ok("Access/SIP(TLS)/TCP/443").remark, None);
        // Not after a port: still an error, not a remark.
        assert_eq!(
            parse_spec("SIP/TCP/443x (entrada)").unwrap_err().code,
            Code::InvalidPort
        );
        assert_eq!(
            parse_spec("SIP/TCP (443)").unwrap_err().code,
            Code::InvalidPort
        );
        assert_eq!(
            parse_spec("SIP/TCP/443 ()").unwrap_err().code,
            Code::InvalidPort
        );
    }

    #[test]
    fn invisible_characters_are_not_read() {
        let s = ok("SIP/TCP/50\u{200D}61");
        assert_eq!((s.transport, s.ports.first()), (Transport::Tcp, 5061));
        assert_eq!(
            ok("\u{200B}SIP\u{2060}/TCP/5061\u{200E}").protocols,
            vec![Sip]
        );
    }

    #[test]
    fn unknown_role_and_protocol_are_typed() {
        let s = ok("Relay/SIP(TLS)/TCP/443");
        assert_eq!(s.role, Some(Role::Unrecognized("Relay".into())));
        let s = ok("QUUX/TCP/443");
        assert_eq!(s.protocols, vec![Protocol::Unrecognized("QUUX".into())]);
    }
}
