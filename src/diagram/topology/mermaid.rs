//! Writing stage: a [`Topology`] as a Mermaid flowchart, for Markdown
//! renderers that draw diagrams themselves.
//!
//! Mermaid does its own placement, so only the graph is written (boxes,
//! arrows, labels, zones and the described server as subgraphs); the ids
//! are the SVG's (`n0`, `n1`, …), so both documents name the same boxes.

use std::collections::BTreeSet;
use std::fmt::Write;

use super::{NodeBox, Topology, server_name};
use crate::model::Server;

/// Escapes a label for a double-quoted Mermaid string.
pub fn mermaid_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => o.push_str("#quot;"),
            '#' => o.push_str("#35;"),
            '<' => o.push_str("#lt;"),
            '>' => o.push_str("#gt;"),
            '[' => o.push_str("#91;"),
            ']' => o.push_str("#93;"),
            '{' => o.push_str("#123;"),
            '}' => o.push_str("#125;"),
            '|' => o.push_str("#124;"),
            '`' => o.push_str("#96;"),
            '\n' | '\r' => o.push(' '),
            c => o.push(c),
        }
    }
    o
}

/// A box as a Mermaid node: `n3["line<br/>line"]`, its addresses (if
/// any) as more lines.
fn node(b: &NodeBox) -> String {
    let lines: Vec<String> = b
        .lines
        .iter()
        .chain(&b.addresses)
        .map(|l| mermaid_escape(l))
        .collect();
    format!("{}[\"{}\"]", b.id, lines.join("<br/>"))
}

/// The topology as a Mermaid flowchart (`flowchart LR`), zones as subgraphs,
/// the described server as a nested subgraph, summary-only arrows dotted.
pub fn to_mermaid(t: &Topology) -> String {
    let mut s = String::from("flowchart LR\n");
    let _ = writeln!(s, "  %% {}", mermaid_escape(&t.title));
    if t.omitted.is_some() {
        // Not drawn: one node that says so.
        for (note, _) in t.texts.iter().skip(1) {
            let _ = writeln!(s, "  omitted[\"{}\"]", mermaid_escape(note));
        }
        return s;
    }
    for (zi, z) in t.zones.iter().enumerate() {
        let _ = writeln!(s, "  subgraph z{zi}[\"{}\"]", mermaid_escape(&z.title));
        let in_zone: Vec<&NodeBox> = t.boxes.iter().filter(|b| b.zone == z.zone).collect();
        let framed: BTreeSet<Server> = in_zone
            .iter()
            .filter(|b| b.described)
            .filter_map(|b| b.server)
            .collect();
        for srv in framed {
            let _ = writeln!(
                s,
                "    subgraph z{zi}s{}[\"{}\"]",
                srv as usize,
                mermaid_escape(server_name(srv, &t.locale))
            );
            for b in in_zone
                .iter()
                .filter(|b| b.described && b.server == Some(srv))
            {
                let _ = writeln!(s, "      {}", node(b));
            }
            s.push_str("    end\n");
        }
        for b in in_zone.iter().filter(|b| !b.described) {
            let _ = writeln!(s, "    {}", node(b));
        }
        s.push_str("  end\n");
    }
    for e in &t.edges {
        let label: Vec<String> = e.lines.iter().map(|l| mermaid_escape(&l.text)).collect();
        let arrow = if e.summary_only { "-.->" } else { "-->" };
        let _ = writeln!(
            s,
            "  {} {arrow}|\"{}\"| {}",
            t.boxes[e.from].id,
            label.join("<br/>"),
            t.boxes[e.to].id
        );
    }
    s
}
