//! The `---` front matter of a TechNet page: flat `key: value` lines.
//!
//! The pages use a small, flat subset of YAML; a full YAML parser would add a
//! dependency and accept far more than these pages contain, so the subset is
//! read by hand and anything else is kept as text.

/// Parsed front matter and where the body starts.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    pub fields: Vec<(String, String)>,
    /// Byte offset of the first body byte.
    pub body_start: usize,
    /// 1-based line of the first body line.
    pub body_line: u32,
}

impl FrontMatter {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrontMatterError {
    /// Opened on line 1, never closed.
    Unterminated,
}

/// Reads the front matter at the start of `text` (BOM already removed).
/// `Ok(None)` when the page has none.
pub fn parse(text: &str) -> Result<Option<FrontMatter>, FrontMatterError> {
    let mut lines = text.split_inclusive('\n');
    let Some(first) = lines.next() else {
        return Ok(None);
    };
    if first.trim_end() != "---" {
        return Ok(None);
    }
    let mut offset = first.len();
    let mut fields = Vec::new();
    let mut line_no = 1u32;
    for line in lines {
        line_no += 1;
        offset += line.len();
        let l = line.trim_end_matches(['\n', '\r']);
        if l.trim_end() == "---" || l.trim_end() == "..." {
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
    Err(FrontMatterError::Unterminated)
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
            Err(FrontMatterError::Unterminated)
        );
        assert_eq!(parse("# no front matter"), Ok(None));
    }
}
