//! portmatrix's integration tests, as one test binary (`cargo test --test it`):
//! the crate is linked once, not once per test file. Each module is one area;
//! `support` holds what they share. Run one area with
//! `cargo test --test it check_seed::`.

mod support;

// The parser: the embedded default, the real corpus, unseen editions, and
// every kind of bad input.
mod alignment;
mod bad_input;
mod build_script;
mod corpus;
mod editions_layouts;
mod editions_rows;
mod editions_vocab;
mod embedded;
mod grammar_props;
mod layouts;
mod locales;
mod malformed;
mod parse_robustness;
mod unseen_editions;

// The JSON output and the command line's outputs.
mod build_all;
mod build_deployment;
mod build_scale;
mod json_contract;
mod json_roundtrip;

// Deployments, firewall rule sets, queries and pages.
mod firewall;
mod output_safety;
mod outputs;

// Checks over the typed matrix.
mod check_across;
mod check_corpus;
mod check_grouping;
mod check_layouts;
mod check_mutations;
mod check_sarif;
mod check_schema;
mod check_seed;
mod check_translations;

// The books' gettext catalogs and locales.
mod catalogs;

// Books.
mod book_browser;
mod book_build;
mod book_i18n;
mod book_parts;
mod book_wiring;
mod hostile_notes;

// The mdBook preprocessor in a team's own book.
mod mdbook;

// Diagrams.
mod diagrams_output;
mod diagrams_ports;
mod diagrams_topology;

// Every port-table layout (issue 12) in every renderer.
mod render_layouts;
// Bounded work whatever the input's shape (repeated tables, long cells,
// many endpoints, deep HTML, `-j`).
mod shapes;
