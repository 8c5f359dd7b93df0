//! Statements in a page's prose: a paragraph that names a transport and a
//! port (`TCP 443`, `SIP/MTLS/TCP 5061`, `5269 over TCP`) promises a flow;
//! a row of the page should open it.
//!
//! The page model keeps the tables and headings only, so the check reads
//! the page file again from `page.path`. A page whose file is not on disk
//! (the embedded default read outside the repository) is not checked.

use super::finding::{describe, loc, row_loc};
use super::{CheckCode as C, Finding};
use crate::model::{Page, PortRange, Protocol, Transport};
use crate::names::{self, Localized};

/// A transport and port a paragraph names, with the protocols written
/// before them (`SIP/MTLS/TCP 5061`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Statement {
    /// 1-based line in the page file.
    pub line: u32,
    /// The words, as written (`SIP/MTLS/TCP 5061`).
    pub text: String,
    /// The protocols named with it (may be empty).
    pub protocols: Vec<Protocol>,
    /// TCP or UDP.
    pub transport: Transport,
    /// The port or range.
    pub ports: PortRange,
}

fn protocol(word: &str) -> Option<Protocol> {
    Protocol::from_name(word)
}

/// The byte index just after the character at `i` (which may be wider than
/// one byte: prose is in every script).
fn after_char(s: &str, i: usize) -> usize {
    i + s[i..].chars().next().map_or(1, char::len_utf8)
}

/// A port number at the start of `s` (`443`, `50,000`): the number and the
/// bytes it took.
fn number(s: &str) -> Option<(u32, usize)> {
    let mut n: u32 = 0;
    let mut len = 0;
    let mut digits = 0;
    for (i, c) in s.char_indices() {
        if let Some(d) = c.to_digit(10) {
            n = n.checked_mul(10)?.checked_add(d)?;
            digits += 1;
            len = i + 1;
        } else if c == ',' && digits > 0 && s[i + 1..].starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        } else {
            break;
        }
    }
    (digits > 0).then_some((n, len))
}

/// A port or range at the start of `s`, and the bytes it took.
fn port_range(s: &str) -> Option<(PortRange, usize)> {
    let (first, mut len) = number(s)?;
    let mut last = first;
    if let Some(rest) = s[len..].strip_prefix('-')
        && let Some((l, n)) = number(rest)
    {
        last = l;
        len += 1 + n;
    }
    Some((PortRange::new(first, last).ok()?, len))
}

/// Whether `s[i..]` starts a word (the byte before is not alphanumeric).
fn word_start(s: &str, i: usize) -> bool {
    s[..i]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_ascii_alphanumeric())
}

/// The statements of one line of prose.
fn statements_in(line: &str, n: u32, out: &mut Vec<Statement>) {
    let upper = line.to_ascii_uppercase();
    for (t, transport) in [("TCP", Transport::Tcp), ("UDP", Transport::Udp)] {
        let mut from = 0;
        while let Some(off) = upper[from..].find(t) {
            let s = from + off;
            let e = s + t.len();
            from = e;
            let after_ok = line[e..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_ascii_alphanumeric());
            if !word_start(line, s) || !after_ok {
                continue;
            }
            // Protocols written before: `SIP/MTLS/TCP`.
            let mut start = s;
            let mut protocols = Vec::new();
            while line[..start].ends_with('/') {
                let before = &line[..start - 1];
                let w = before
                    .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                    .map_or(0, |i| after_char(before, i));
                match protocol(&before[w..]) {
                    Some(p) => {
                        protocols.insert(0, p);
                        start = w;
                    }
                    None => break,
                }
            }
            // The port after: `TCP 443`, `TCP/443`, `TCP port 1433`,
            // `TCP 上的端口 5269`.
            let rest = &line[e..];
            let skipped = rest
                .trim_start_matches([' ', '/', '\u{a0}'])
                .trim_start_matches("port ")
                .trim_start_matches("上的端口")
                .trim_start_matches("端口")
                .trim_start_matches(' ');
            let after = port_range(skipped).map(|(p, len)| {
                let end = e + (rest.len() - skipped.len()) + len;
                (p, end)
            });
            // Or before: `5269 over TCP`.
            let before = || {
                let head = line[..s].trim_end().strip_suffix("over")?.trim_end();
                let digits = head
                    .rfind(|c: char| !(c.is_ascii_digit() || c == ',' || c == '-'))
                    .map_or(0, |i| after_char(head, i));
                let (p, len) = port_range(&head[digits..])?;
                (digits + len == head.len()).then_some((p, digits))
            };
            let (ports, text) = match (after, before()) {
                (Some((p, end)), _) => (p, &line[start..end]),
                (None, Some((p, begin))) => (p, &line[begin..e]),
                _ => continue,
            };
            out.push(Statement {
                line: n,
                text: text.to_string(),
                protocols,
                transport,
                ports,
            });
        }
    }
}

/// The statements of a page's prose: its paragraphs and list items, as the
/// parser kept them (headings, tables and code blocks are not prose).
pub(super) fn statements(page: &Page) -> Vec<Statement> {
    let mut out = Vec::new();
    for p in page.paragraphs.iter() {
        statements_in(&p.text, p.line, &mut out);
    }
    out
}

/// [`C::ProsePortUnbacked`]: reported at the paragraph's line.
pub(super) fn prose_port_unbacked(page: &Page, out: &mut Vec<Finding>) {
    let rules: Vec<_> = page.tables.iter().flat_map(|t| t.rules.iter()).collect();
    if rules.is_empty() {
        return;
    }
    let mut seen = Vec::new();
    for st in statements(page) {
        let backed = rules.iter().any(|r| {
            r.transport == st.transport
                && r.ports.first() <= st.ports.first()
                && st.ports.last() <= r.ports.last()
                && st.protocols.iter().all(|p| r.protocols.contains(p))
        });
        let key = (st.line, st.protocols.clone(), st.transport, st.ports);
        if backed || seen.contains(&key) {
            continue;
        }
        seen.push(key);
        let named = if st.protocols.is_empty() {
            String::new()
        } else {
            format!("{} ", names::protocols(&st.protocols))
        };
        let mut f = Finding::new(
            C::ProsePortUnbacked,
            format!(
                "the text names {named}{} {}, but no row of this page opens it",
                st.transport.name("en"),
                st.ports
            ),
            "add the row the text describes, or correct the text",
        )
        .at(loc(page, st.line, "paragraph", st.text.clone()));
        // The rows on the same transport and port, if any, with other
        // protocols: what the tables do say.
        for r in rules.iter().filter(|r| {
            r.transport == st.transport
                && r.ports.first() <= st.ports.first()
                && st.ports.last() <= r.ports.last()
        }) {
            f = f.at(row_loc(
                page,
                r,
                &format!("opens this port for {}", describe(r)),
            ));
        }
        out.push(f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(line: &str) -> Vec<(Vec<Protocol>, Transport, u16, u16, String)> {
        let mut v = Vec::new();
        statements_in(line, 1, &mut v);
        v.into_iter()
            .map(|s| {
                (
                    s.protocols,
                    s.transport,
                    s.ports.first(),
                    s.ports.last(),
                    s.text,
                )
            })
            .collect()
    }

    #[test]
    fn statements_after_wide_characters_do_not_panic() {
        // A word of another script right before `/` or a port: byte
        // indices must stay on character boundaries.
        assert!(one("порт/SIP/TCP 5061").len() <= 1);
        assert!(one("端口5269 over TCP").len() <= 1);
        assert!(one("ΠΡΩΤΌΚΟΛΛΟ/TCP/443").len() <= 1);
    }

    #[test]
    fn statements_in_english_and_chinese_prose() {
        use Protocol::*;
        assert_eq!(
            one("The SIP protocol uses SIP/MTLS/TCP 5061 from the Edge Server."),
            vec![(
                vec![Sip, Mtls],
                Transport::Tcp,
                5061,
                5061,
                "SIP/MTLS/TCP 5061".into()
            )]
        );
        assert_eq!(
            one("requirements are the HTTPS/TCP/443 and the optional HTTP/TCP/80."),
            vec![
                (
                    vec![Https],
                    Transport::Tcp,
                    443,
                    443,
                    "HTTPS/TCP/443".into()
                ),
                (vec![Http], Transport::Tcp, 80, 80, "HTTP/TCP/80".into())
            ]
        );
        assert_eq!(
            one("the port **5269 over TCP** entry"),
            vec![(vec![], Transport::Tcp, 5269, 5269, "5269 over TCP".into())]
        );
        assert_eq!(
            one("用于 XMPP 的 **TCP 上的端口 5269** 项"),
            vec![(
                vec![],
                Transport::Tcp,
                5269,
                5269,
                "TCP 上的端口 5269".into()
            )]
        );
        assert_eq!(
            one("a range of 50,000-59,999 over UDP"),
            vec![(
                vec![],
                Transport::Udp,
                50000,
                59999,
                "50,000-59,999 over UDP".into()
            )]
        );
        // No port, or a word that only contains the letters: nothing.
        assert!(one("over TCP, if UDP fails").is_empty());
        assert!(one("TCPIP 443").is_empty());
    }
}
