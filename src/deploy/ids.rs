//! The snake_case names of the model's enums, as the JSON contract and
//! deployment files write them (`access_edge`, `external_interface`), read
//! from their serde and JSON Schema derives so that a new variant is named
//! here without a table to keep in step.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// The serde name of a unit variant (`EndpointKind::AccessEdge` →
/// `access_edge`); for a variant that carries data (`Role::Unrecognized`),
/// the value it carries.
///
/// ```
/// use portmatrix::deploy::ids;
/// use portmatrix::model::{EndpointKind, TableKind};
/// assert_eq!(ids::name(&EndpointKind::AccessEdge), "access_edge");
/// assert_eq!(ids::name(&TableKind::ReverseProxyExternal), "reverse_proxy_external");
/// ```
pub fn name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(serde_json::Value::Object(o)) => o
            .values()
            .next()
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string(),
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// The names of every unit variant of an enum, in declaration order (read
/// from its JSON Schema).
///
/// ```
/// use portmatrix::deploy::ids;
/// use portmatrix::model::Direction;
/// assert_eq!(ids::variants::<Direction>(), ["inbound", "outbound", "unknown"]);
/// ```
pub fn variants<T: schemars::JsonSchema>() -> Vec<String> {
    fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(o) => {
                if let Some(serde_json::Value::String(s)) = o.get("const") {
                    out.push(s.clone());
                }
                if let Some(serde_json::Value::Array(a)) = o.get("enum") {
                    out.extend(a.iter().filter_map(|x| x.as_str().map(String::from)));
                }
                for (k, x) in o {
                    if k != "const" && k != "enum" {
                        walk(x, out);
                    }
                }
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let schema = schemars::schema_for!(T);
    let mut out = Vec::new();
    walk(schema.as_value(), &mut out);
    out
}

/// The unit variant named `name` (case-insensitive; `-` may stand for
/// `_`), or `None`.
///
/// ```
/// use portmatrix::deploy::ids;
/// use portmatrix::model::EndpointKind;
/// assert_eq!(ids::parse::<EndpointKind>("Front-End-Pool"), Some(EndpointKind::FrontEndPool));
/// assert_eq!(ids::parse::<EndpointKind>("frontend"), None);
/// ```
pub fn parse<T: DeserializeOwned>(name: &str) -> Option<T> {
    let n = name.trim().to_ascii_lowercase().replace('-', "_");
    serde_json::from_value(serde_json::Value::String(n)).ok()
}
