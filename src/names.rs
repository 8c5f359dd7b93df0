//! Display names of the typed values, per locale (feature `names`).
//!
//! The names are data: each locale's `i18n/<locale>/names.toml`, read
//! through the locale registry ([`Registry`], crate `portmatrix-i18n`). A
//! locale without a name of its own takes the next one of its BCP 47
//! fallback chain, and English last: `zh-HK` reads Traditional Chinese
//! (`zh-TW`), `fr-FR` English. The Chinese names follow the wording of the
//! zh-CN TechNet pages, so a rendered zh-CN rule reads like the page it came
//! from.
//!
//! [`Localized::name`] reads the process's registry ([`registry`]): the
//! embedded one, or the one a program [`install`]ed at start (the CLI's
//! `--i18n DIR`). [`Localized::name_in`] takes any registry.
//!
//! ```
//! use portmatrix::model::EndpointKind;
//! use portmatrix::names::Localized;
//! assert_eq!(EndpointKind::AccessEdge.name("en-US"), "Access Edge service");
//! assert_eq!(EndpointKind::AccessEdge.name("zh-CN"), "访问边缘服务");
//! // zh-HK falls back to Traditional Chinese, never to Simplified.
//! assert_eq!(EndpointKind::AccessEdge.name("zh-HK"), EndpointKind::AccessEdge.name("zh-TW"));
//! ```

use std::borrow::Cow;
use std::sync::OnceLock;

pub use portmatrix_i18n::{Label, Registry, SOURCE_LANGUAGE};

use crate::model::{
    Address, Authentication, Column, Direction, Endpoint, EndpointKind, PortScope, Protocol, Role,
    Server, TableKind, Transport,
};

static INSTALLED: OnceLock<Registry> = OnceLock::new();

/// The registry names are read from: the one [`install`]ed, else the
/// embedded one ([`Registry::embedded`]).
pub fn registry() -> &'static Registry {
    INSTALLED.get().unwrap_or_else(|| Registry::embedded())
}

/// Makes `registry` the one [`registry`] returns from now on (once per
/// process, before rendering anything: the CLI does it for `--i18n DIR`).
/// `false` when one was installed already (that one stays).
pub fn install(registry: Registry) -> bool {
    INSTALLED.set(registry).is_ok()
}

/// A value with a display name per locale.
///
/// ```
/// use portmatrix::names::Localized;
/// use portmatrix::model::{EndpointKind, Role};
/// assert_eq!(EndpointKind::AccessEdge.name("zh-CN"), "访问边缘服务");
/// assert_eq!(EndpointKind::AccessEdge.name("en-US"), "Access Edge service");
/// assert_eq!(EndpointKind::EdgeServer.name("zh-TW"), "邊緣伺服器");
/// assert_eq!(Role::AudioVideo.name("de-DE"), "A/V");
/// ```
pub trait Localized {
    /// The display name in `locale` (a BCP 47 tag) from `registry`: the
    /// locale's own, else that of the next locale of its fallback chain,
    /// English last.
    fn name_in<'r>(&self, registry: &'r Registry, locale: &str) -> Cow<'r, str>;

    /// [`Localized::name_in`] the process's [`registry`].
    fn name(&self, locale: &str) -> Cow<'static, str> {
        self.name_in(registry(), locale)
    }
}

macro_rules! by_key {
    ($($t:ty),*) => {$(
        impl Localized for $t {
            fn name_in<'r>(&self, registry: &'r Registry, locale: &str) -> Cow<'r, str> {
                Cow::Borrowed(registry.name(locale, self).unwrap_or_default())
            }
        }
    )*};
}

by_key!(
    EndpointKind,
    Address,
    TableKind,
    Transport,
    Direction,
    Server,
    Column,
    PortScope
);

impl Localized for Authentication {
    fn name_in<'r>(&self, registry: &'r Registry, locale: &str) -> Cow<'r, str> {
        match self {
            Authentication::Unrecognized(s) => Cow::Owned(s.to_string()),
            a => Cow::Borrowed(registry.name(locale, a).unwrap_or_default()),
        }
    }
}

impl Localized for Role {
    fn name_in<'r>(&self, registry: &'r Registry, locale: &str) -> Cow<'r, str> {
        match self {
            Role::Unrecognized(s) => Cow::Owned(s.to_string()),
            r => Cow::Borrowed(registry.name(locale, r).unwrap_or_default()),
        }
    }
}

impl Localized for Protocol {
    /// Protocol names are the same in every locale (only en-US lists them).
    fn name_in<'r>(&self, registry: &'r Registry, locale: &str) -> Cow<'r, str> {
        match self {
            Protocol::Unrecognized(s) => Cow::Owned(s.to_string()),
            p => Cow::Borrowed(registry.name(locale, p).unwrap_or_default()),
        }
    }
}

impl Localized for Endpoint {
    /// The typed endpoint in words: `Access Edge service public IP address`,
    /// `Any (Director, Front End pool IP address)`; joined as the locale's
    /// typography says (`前端池 IP 地址`, `任意（控制器、前端池）`).
    fn name_in<'r>(&self, registry: &'r Registry, locale: &str) -> Cow<'r, str> {
        let t = registry.typography(locale);
        let one = |k: EndpointKind, a: Address, unrec: Option<&str>| -> String {
            match unrec {
                Some(u) => u.to_string(),
                None => t.join_address(&k.name_in(registry, locale), &a.name_in(registry, locale)),
            }
        };
        let list = || {
            let items: Vec<String> = self
                .candidates
                .iter()
                .map(|c| one(c.kind, c.address, c.unrecognized.as_deref()))
                .collect();
            t.join_list(&items)
        };
        Cow::Owned(match self.kind {
            EndpointKind::Any if !self.candidates.is_empty() => t.any_of(&list()),
            EndpointKind::OneOf => list(),
            k => one(k, self.address, self.unrecognized.as_deref()),
        })
    }
}

/// The language's own name (`English`, `简体中文`) as the locale's folder
/// of the process's [`registry`] writes it (`[label] language_name`), else
/// the tag itself: a locale is never named with another language's name.
///
/// ```
/// assert_eq!(portmatrix::names::language_name("zh-CN"), "简体中文");
/// assert_eq!(portmatrix::names::language_name("ko-KR"), "ko-KR");
/// ```
pub fn language_name(locale: &str) -> String {
    registry()
        .language_name(locale)
        .map_or_else(|| locale.to_string(), str::to_string)
}

/// A renderer's fixed text in `locale`, from the process's [`registry`].
pub fn label(locale: &str, label: Label) -> &'static str {
    registry().label(locale, label)
}

/// `SIP/MTLS`, `STUN/MSTURN`: the protocols joined as the pages write them.
pub fn protocols(ps: &[Protocol]) -> String {
    ps.iter()
        .map(|p| p.name(SOURCE_LANGUAGE).into_owned())
        .collect::<Vec<_>>()
        .join("/")
}
