//! The `---` front matter of a TechNet page: flat `key: value` lines. The
//! first stage of a page: it tells a docs page from any other Markdown file
//! and where the body starts.
//!
//! The pages use a small, flat subset of YAML; a full YAML parser would add a
//! dependency and accept far more than these pages contain, so the subset is
//! read by hand and anything else is kept as text.
//!
//! What is clearly meant is accepted: blank lines (or stray byte order
//! marks) before the opening fence, and a fence of more than three dashes
//! (`----`) when a closing fence follows.

/// Parsed front matter and where the body starts.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    /// `key: value` pairs in order, values unquoted.
    pub fields: Vec<(String, String)>,
    /// Byte offset of the first body byte.
    pub body_start: usize,
    /// 1-based line of the first body line.
    pub body_line: u32,
}

impl FrontMatter {
    /// The value of `key` (case-insensitive), if present and not empty.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }
}

/// Why front matter could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrontMatterError {
    /// Opened with `---`, never closed.
    Unterminated {
        /// 1-based line of the opening `---`.
        line: u32,
    },
}

/// A fence line: three or more dashes, nothing else but trailing spaces.
fn dashes(l: &str) -> Option<usize> {
    let l = l.trim_end();
    (l.len() >= 3 && l.bytes().all(|b| b == b'-')).then_some(l.len())
}

/// Reads the front matter at the start of `text` (leading BOMs already
/// removed; lines end in `\n` or `\r\n`). `Ok(None)` when the page has none.
pub fn parse(text: &str) -> Result<Option<FrontMatter>, FrontMatterError> {
    let mut lines = text.split_inclusive('\n');
    let mut offset = 0usize;
    let mut line_no = 0u32;
    // The first line that is not blank (a BOM counts as blank) opens it.
    let fence = loop {
        let Some(l) = lines.next() else {
            return Ok(None);
        };
        offset += l.len();
        line_no += 1;
        let visible = l.trim_start_matches('\u{FEFF}');
        if !visible.trim().is_empty() {
            break dashes(visible);
        }
    };
    let Some(fence) = fence else {
        return Ok(None);
    };
    let open_line = line_no;
    let mut fields = Vec::new();
    for line in lines {
        line_no += 1;
        offset += line.len();
        let l = line.trim_end_matches(['\n', '\r']);
        if dashes(l).is_some() || l.trim_end() == "..." {
            return Ok(Some(FrontMatter {
                fields,
                body_start: offset,
                body_line: line_no + 1,
            }));
        }
        // YAML keys may hold `:` (`ms:assetid`); the separator is `: ` or a
        // `:` that ends the line.
        let split = l
            .split_once(": ")
            .or_else(|| l.strip_suffix(':').map(|k| (k, "")));
        if let Some((k, v)) = split {
            let k = k.trim();
            if !k.is_empty() && !k.starts_with('#') && !k.starts_with(' ') {
                fields.push((k.to_string(), unquote(v.trim()).to_string()));
            }
        }
    }
    if fence == 3 {
        Err(FrontMatterError::Unterminated { line: open_line })
    } else {
        // `----` that nothing closes is a thematic break, not a fence.
        Ok(None)
    }
}

fn unquote(v: &str) -> &str {
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return &v[1..v.len() - 1];
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_fields_and_body_position() {
        let fm = parse("---\ntitle: A: b\nms:assetid: x-1\n---\n\n# H\n")
            .unwrap()
            .unwrap();
        assert_eq!(fm.get("title"), Some("A: b"));
        assert_eq!(fm.get("ms:assetid"), Some("x-1"));
        assert_eq!(fm.body_line, 5);
        assert_eq!(
            &"---\ntitle: A: b\nms:assetid: x-1\n---\n\n# H\n"[fm.body_start..],
            "\n# H\n"
        );
    }

    #[test]
    fn crlf_and_unterminated() {
        let fm = parse("---\r\ntitle: T\r\n---\r\nbody").unwrap().unwrap();
        assert_eq!(fm.get("title"), Some("T"));
        assert_eq!(
            parse("---\ntitle: T\n"),
            Err(FrontMatterError::Unterminated { line: 1 })
        );
        assert_eq!(
            parse("\n---\ntitle: T\n"),
            Err(FrontMatterError::Unterminated { line: 2 })
        );
        assert_eq!(parse("# no front matter"), Ok(None));
        assert_eq!(parse("----\ntitle: T\n\ntext\n"), Ok(None));
    }

    #[test]
    fn blank_lines_boms_and_long_fences() {
        for text in [
            "\n---\ntitle: T\n---\nbody",
            " \n\u{FEFF}---\ntitle: T\n---\nbody",
            "----\ntitle: T\n----\nbody",
            "\r\n---\r\ntitle: T\r\n---\r\nbody",
        ] {
            let fm = parse(text).unwrap().unwrap();
            assert_eq!(fm.get("title"), Some("T"), "{text:?}");
            assert_eq!(&text[fm.body_start..], "body", "{text:?}");
        }
        assert_eq!(
            parse("\n---\ntitle: T\n---\nbody")
                .unwrap()
                .unwrap()
                .body_line,
            5
        );
    }
}
