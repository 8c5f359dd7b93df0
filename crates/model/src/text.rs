//! The two storage types every string and list of the model uses.
//!
//! [`Str`] is an immutable, reference-counted text that can also be a
//! `'static` literal (baked data: no allocation, no counting); [`List`] is
//! `Cow<'static, [T]>`. Both serve the data baked into the crate at build
//! time (static) and pages parsed at run time (allocated). Kept in their own
//! module so that `diag` and the model both depend on it and not on each
//! other.
//!
//! Why a shared text: a tree of pages repeats the same words thousands of
//! times (the same endpoint cell on every topology page, the same note on
//! every copy of a row; a rule's endpoint text is its cell's text), and a
//! parsed matrix held one copy of each (issue 14: 4.5x the input at 3,000
//! pages). A [`Str`] is one pointer and clones share the text: the parser
//! makes the equal texts of a tree one.

use std::borrow::{Borrow, Cow};
use std::fmt;
use std::ops::Deref;

use arcstr::ArcStr;

/// A list that is either baked (`&'static [T]`) or parsed at run time (`Vec<T>`).
pub type List<T> = Cow<'static, [T]>;

/// An immutable text: a `'static` literal (baked data, see [`literal!`](crate::literal))
/// or a reference-counted string shared by its clones. One pointer wide
/// (`Option<Str>` too); read it as a `&str` (`Deref`, [`Str::as_str`]).
/// It compares, hashes, orders, prints and serializes as the text itself:
///
/// ```
/// use portmatrix_model::Str;
/// let s = Str::from("Edge Server");
/// let t = s.clone(); // the same text, not a copy
/// assert_eq!(t, "Edge Server");
/// assert_eq!(s.len(), 11);
/// assert_eq!(format!("{s} / {s:?}"), "Edge Server / \"Edge Server\"");
/// ```
#[derive(Clone, Default)]
pub struct Str(ArcStr);

impl Str {
    /// The empty text (no allocation).
    pub const fn new() -> Str {
        Str(ArcStr::new())
    }

    /// The text as a `&str`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `a` and `b` are the same text in memory (not only equal):
    /// for tests of sharing.
    pub fn ptr_eq(a: &Str, b: &Str) -> bool {
        ArcStr::ptr_eq(&a.0, &b.0)
    }

    /// For [`literal!`](crate::literal) only.
    #[doc(hidden)]
    pub const fn __from_literal(s: ArcStr) -> Str {
        Str(s)
    }
}

/// A [`Str`] from a string literal, in `const` and `static` context too,
/// without allocating: what the baked data is made of.
///
/// ```
/// use portmatrix_model::Str;
/// static ANY: Str = portmatrix_model::literal!("Any");
/// assert_eq!(ANY, "Any");
/// ```
#[macro_export]
macro_rules! literal {
    ($text:expr $(,)?) => {
        $crate::Str::__from_literal($crate::__private::arcstr::literal!($text))
    };
}

impl Deref for Str {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Str {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Str {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

// Equality, order and hash are the text's (as `Borrow<str>` requires).
impl PartialEq for Str {
    fn eq(&self, other: &Str) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Str {}

impl PartialOrd for Str {
    fn partial_cmp(&self, other: &Str) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Str {
    fn cmp(&self, other: &Str) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl std::hash::Hash for Str {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state)
    }
}

/// `Str == str`, `Str == &str`, `Str == String` and the other way round.
macro_rules! eq_text {
    ($($t:ty),*) => {$(
        impl PartialEq<$t> for Str {
            fn eq(&self, other: &$t) -> bool {
                self.as_str() == AsRef::<str>::as_ref(other)
            }
        }
        impl PartialEq<Str> for $t {
            fn eq(&self, other: &Str) -> bool {
                AsRef::<str>::as_ref(self) == other.as_str()
            }
        }
    )*};
}
eq_text!(str, &str, String, Cow<'_, str>);

impl From<&str> for Str {
    fn from(s: &str) -> Str {
        Str(ArcStr::from(s))
    }
}

impl From<&String> for Str {
    fn from(s: &String) -> Str {
        Str(ArcStr::from(s.as_str()))
    }
}

impl From<String> for Str {
    fn from(s: String) -> Str {
        Str(ArcStr::from(s))
    }
}

impl From<Box<str>> for Str {
    fn from(s: Box<str>) -> Str {
        Str(ArcStr::from(&*s))
    }
}

impl From<Cow<'_, str>> for Str {
    fn from(s: Cow<'_, str>) -> Str {
        Str(ArcStr::from(&*s))
    }
}

impl From<&Str> for Str {
    fn from(s: &Str) -> Str {
        s.clone()
    }
}

impl From<Str> for String {
    fn from(s: Str) -> String {
        s.as_str().to_string()
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Str {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Str {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Str, D::Error> {
        String::deserialize(d).map(Str::from)
    }
}

// The schema of a string, inlined where it is used, as `Cow<str>` had it:
// the published JSON Schema does not change.
#[cfg(feature = "serde")]
impl schemars::JsonSchema for Str {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        String::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        String::schema_id()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        String::json_schema(generator)
    }
}

#[doc(hidden)]
pub mod __private {
    pub use arcstr;
}
