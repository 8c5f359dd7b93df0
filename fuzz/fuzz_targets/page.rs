//! The whole-page parser (front matter, markdown, HTML tables, cells) on any
//! bytes: never panics, and every diagnostic names the page and a line inside it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use portmatrix::parse::parse_page;

fuzz_target!(|data: &[u8]| {
    let (page, diags) = parse_page("fuzz/page.md", data, Some("en-US"));
    // Lines end at LF, CRLF or a lone CR (the parser counts CR-only pages
    // line by line too).
    let lone_cr = data
        .windows(2)
        .filter(|w| w[0] == b'\r' && w[1] != b'\n')
        .count()
        + usize::from(data.last() == Some(&b'\r'));
    let lines = (data.iter().filter(|&&b| b == b'\n').count() + lone_cr) as u32 + 1;
    for d in &diags {
        assert_eq!(d.path, "fuzz/page.md");
        assert!(
            d.line <= lines,
            "diagnostic line {} beyond the {} lines: {d}",
            d.line,
            lines
        );
    }
    if let Some(page) = page {
        for t in page.tables.iter() {
            for r in t.rules.iter() {
                assert!(r.line >= 1 && r.line <= lines);
                assert!(r.ports.first() >= 1 && r.ports.first() <= r.ports.last());
            }
        }
    }
});
