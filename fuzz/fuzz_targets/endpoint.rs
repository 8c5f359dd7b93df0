//! The endpoint vocabulary lookup on any text, in en-US, zh-CN and a locale
//! without a vocabulary of its own: never panics; candidates come sorted and
//! without duplicates, and an unrecognized kind names the unknown phrase.
#![no_main]

use libfuzzer_sys::fuzz_target;
use portmatrix::model::EndpointKind;
use portmatrix::parse::endpoint::parse_endpoint;

const LOCALES: [&str; 3] = ["en-US", "zh-CN", "de-DE"];

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let locale = LOCALES[sel as usize % LOCALES.len()];
    let e = parse_endpoint(text, locale);
    assert!(
        e.candidates.windows(2).all(|w| w[0] < w[1]),
        "candidates sorted and unique"
    );
    if e.kind == EndpointKind::Unrecognized {
        assert!(
            e.unrecognized.is_some(),
            "an unrecognized endpoint names its phrase"
        );
    }
});
