//! The two storage types every string and list of the model uses.
//!
//! They are `Cow<'static, _>` so that one set of types serves both the data
//! baked into the crate at build time (borrowed, `static`) and pages parsed at
//! run time (owned). Kept in their own module so that `diag` and the model
//! both depend on it and not on each other.

use std::borrow::Cow;

/// Text that is either baked (`&'static str`) or parsed at run time (`String`).
pub type Str = Cow<'static, str>;
/// A list that is either baked (`&'static [T]`) or parsed at run time (`Vec<T>`).
pub type List<T> = Cow<'static, [T]>;
