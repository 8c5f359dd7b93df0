//! Bakes a parsed [`Matrix`] into Rust source: a `static MATRIX` built only
//! from literals (`Cow::Borrowed` lists, [`literal!`](portmatrix_model::literal)
//! texts), so the data crate does no parsing and allocates nothing at run
//! time (the idea of ICU4X's `databake`, written out for this one model
//! instead of derived, to keep proc-macros out of the build). Used by
//! `build.rs`; the generated file is included by `src/data.rs`, which
//! imports `B` (= `Cow::Borrowed`), `S!` (= `literal!`) and the model types.
//! The last stage, and a module apart, because only the build of the data
//! crate needs it.

use std::fmt::Write;

use crate::diag::Diagnostic;
use crate::model::*;

/// A value that can write itself as a Rust expression of literals.
pub trait Bake {
    /// Appends the expression to `out`.
    fn bake(&self, out: &mut String);
}

/// The whole generated file: `pub static MATRIX: Matrix = …;`.
pub fn bake_matrix(m: &Matrix) -> String {
    let mut out = String::from(
        "// @generated from the docs tree by portmatrix-parse (build.rs); do not edit.\n\
         // Regenerate: PORTMATRIX_UPDATE_BAKED=1 cargo build\n",
    );
    out.push_str("/// The docs tree as the parser read it when this file was made.\n");
    out.push_str("pub static MATRIX: Matrix = ");
    m.bake(&mut out);
    out.push_str(";\n");
    out
}

impl Bake for str {
    fn bake(&self, out: &mut String) {
        // Debug output of a str is a valid Rust string literal.
        let _ = write!(out, "S!({self:?})");
    }
}

impl Bake for Str {
    fn bake(&self, out: &mut String) {
        self.as_ref().bake(out)
    }
}

impl<T: Bake> Bake for Option<T> {
    fn bake(&self, out: &mut String) {
        match self {
            Some(v) => {
                out.push_str("Some(");
                v.bake(out);
                out.push(')');
            }
            None => out.push_str("None"),
        }
    }
}

impl<T: Bake + Clone> Bake for List<T> {
    fn bake(&self, out: &mut String) {
        out.push_str("B(&[");
        for v in self.iter() {
            v.bake(out);
            out.push(',');
        }
        out.push_str("])");
    }
}

macro_rules! bake_num {
    ($($t:ty),*) => {$(
        impl Bake for $t {
            fn bake(&self, out: &mut String) {
                let _ = write!(out, "{self}");
            }
        }
    )*};
}
bake_num!(u8, u16, u32, bool);

/// Field-less enums: `Type::Variant` from their Debug name.
macro_rules! bake_unit_enum {
    ($($t:ident),*) => {$(
        impl Bake for $t {
            fn bake(&self, out: &mut String) {
                let _ = write!(out, concat!(stringify!($t), "::{:?}"), self);
            }
        }
    )*};
}
bake_unit_enum!(
    LocaleSource,
    KindSource,
    TableKind,
    Transport,
    EndpointKind,
    Address,
    Severity,
    Code,
    Column,
    PortScope,
    Direction
);
use crate::diag::{Code, Severity};

/// Structs: `Type { field: <baked>, … }`.
macro_rules! bake_struct {
    ($t:ident { $($f:ident),* }) => {
        impl Bake for $t {
            fn bake(&self, out: &mut String) {
                out.push_str(concat!(stringify!($t), " {"));
                $(
                    out.push_str(concat!(stringify!($f), ":"));
                    self.$f.bake(out);
                    out.push(',');
                )*
                out.push('}');
            }
        }
    };
}
bake_struct!(Matrix { pages, diagnostics });
bake_struct!(Page {
    asset_id,
    locale,
    locale_source,
    path,
    title,
    toc_title,
    mtps_url,
    date,
    translation_type,
    headings,
    paragraphs,
    tables
});
bake_struct!(Paragraph {
    text,
    original,
    line
});
bake_struct!(Heading {
    level,
    text,
    original,
    line
});
bake_struct!(Table {
    kind,
    kind_source,
    heading,
    line,
    has_role_column,
    rules,
    columns
});
bake_struct!(Rule {
    line,
    role,
    protocols,
    transport,
    transport_inferred,
    ports,
    source,
    destination,
    note,
    cells,
    port_scope,
    source_ports,
    service,
    name,
    authentication,
    stated_direction,
    remark
});
bake_struct!(RowCells {
    spec,
    source,
    destination,
    note,
    other
});
bake_struct!(ColumnCell { column, cell });
bake_struct!(SourcePorts { ports, scope });
bake_struct!(Cell {
    text,
    original,
    line
});
impl Bake for PortRange {
    fn bake(&self, out: &mut String) {
        // Checked when the crate compiles: an invalid range fails the build.
        let _ = write!(
            out,
            "PortRange::new_const({},{})",
            self.first(),
            self.last()
        );
    }
}
bake_struct!(Endpoint {
    kind,
    address,
    candidates,
    unrecognized,
    text
});
bake_struct!(Candidate {
    kind,
    address,
    unrecognized
});
bake_struct!(Diagnostic {
    severity,
    code,
    path,
    line,
    message,
    cell,
    expected
});

/// Enums whose one data variant is `Unrecognized(Str)`: that variant with
/// its text, the others as `Type::Variant`.
macro_rules! bake_open_enum {
    ($($t:ident),*) => {$(
        impl Bake for $t {
            fn bake(&self, out: &mut String) {
                match self {
                    $t::Unrecognized(s) => {
                        out.push_str(concat!(stringify!($t), "::Unrecognized("));
                        s.bake(out);
                        out.push(')');
                    }
                    other => {
                        let _ = write!(out, concat!(stringify!($t), "::{:?}"), other);
                    }
                }
            }
        }
    )*};
}
bake_open_enum!(Role, Protocol, Authentication);
