//! The port tables other than the port summary (internal servers, load
//! balancers, client ports, IPsec exceptions, A/V firewall, SQL Server,
//! hybrid, and the two non-port tables) in the books, the diagrams, `query`
//! and the firewall exports, on the typed fixture of `support::layouts`.

use portmatrix::book::{self, Options};

use crate::support::layouts;

fn chapter(locale: &str, stem: &str) -> String {
    let m = layouts::matrix();
    let mut o = Options::new("/nonexistent/book");
    o.locales = vec![locale.to_string()];
    let r = book::render_sources(&m, &o).unwrap();
    let files = &r.books[locale];
    String::from_utf8(files[&format!("src/{stem}.md")].clone()).unwrap()
}

#[test]
fn dump() {
    println!("{}", chapter("en-US", "lync-server-2013-ports-and-protocols-for-internal-servers"));
    panic!();
}
