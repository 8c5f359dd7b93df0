//! Command-line values that name the model's enums (`--kind`,
//! `--direction`, `--role`, `--from`, `--to`): their snake_case names, as in
//! the JSON contract, with `-` accepted for `_`.

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use portmatrix::deploy::ids;

/// A parser that accepts the names of `T`'s unit variants (listed in
/// `--help` and in errors); pair it with `ignore_case = true`.
pub fn model_enum<T>() -> impl TypedValueParser<Value = T>
where
    T: schemars::JsonSchema + serde::de::DeserializeOwned + Clone + Send + Sync + 'static,
{
    // clap keeps possible values for the life of the process; there are a
    // few dozen short names, made once per run.
    let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
    let values: Vec<PossibleValue> = ids::variants::<T>()
        .into_iter()
        .map(|n| {
            let dashed = n.replace('_', "-");
            let v = PossibleValue::new(leak(n.clone()));
            if dashed != n {
                v.alias(leak(dashed))
            } else {
                v
            }
        })
        .collect();
    PossibleValuesParser::new(values)
        .map(|s| ids::parse::<T>(&s).expect("a possible value names a variant"))
}
