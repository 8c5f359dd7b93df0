//! The first-column grammar ("Role/Protocol/TCP or UDP/Port") on any text:
//! never panics, and whatever it accepts is a valid typed value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use portmatrix::parse::spec::parse_spec;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(spec) = parse_spec(text) {
        // PortRange invariants hold for everything the grammar accepts.
        assert!(spec.ports.first() >= 1 && spec.ports.first() <= spec.ports.last());
        // A spec without a written transport is only accepted when inferred.
        let _ = spec.transport_inferred;
    }
});
