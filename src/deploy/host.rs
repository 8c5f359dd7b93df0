//! One address of a deployment endpoint: an IP address, a CIDR range, a
//! host name or the wildcard `any`.

use std::fmt;
use std::net::IpAddr;

use ipnet::IpNet;

/// An address as a deployment file gives it, checked: what a firewall rule
/// matches on one side.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Host {
    /// Any address: the rule matches every source or destination (`any` in
    /// the file; also what an `Any` cell without narrowing becomes).
    Any,
    /// One IPv4 or IPv6 address (`203.0.113.10`, `2001:db8::10`).
    Ip(IpAddr),
    /// A CIDR range without host bits (`198.51.100.0/24`, `2001:db8:1::/48`).
    Net(IpNet),
    /// A host name (`pool01.example.com`), lower case, without a final dot.
    /// Firewalls that need addresses (nftables, iptables, Windows) cannot
    /// load a rule with a name: such rules are written as comments there.
    Fqdn(String),
}

/// The IP version of an address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    /// IPv4.
    V4,
    /// IPv6.
    V6,
}

/// Why a string is not a [`Host`]: the message and the values expected
/// instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostError {
    /// What is wrong (`malformed CIDR range `192.0.2.0/33``).
    pub message: String,
    /// What would be accepted (forms, or the corrected value).
    pub expected: Vec<String>,
}

impl Host {
    /// Reads an address as written in a deployment file: `any`, an IPv4 or
    /// IPv6 address, a CIDR range (host bits must be zero), or a host name
    /// (letters, digits and `-` in dot-separated labels of at most 63
    /// characters, 253 in all, the last label not all digits).
    ///
    /// ```
    /// use portmatrix::deploy::Host;
    /// assert_eq!(Host::parse("ANY").unwrap(), Host::Any);
    /// assert_eq!(Host::parse("192.0.2.10").unwrap().to_string(), "192.0.2.10");
    /// assert_eq!(Host::parse("2001:db8::/32").unwrap().to_string(), "2001:db8::/32");
    /// assert_eq!(Host::parse("Pool01.Example.com.").unwrap().to_string(), "pool01.example.com");
    /// assert!(Host::parse("192.0.2.300").is_err());
    /// assert!(Host::parse("192.0.2.10/24").is_err()); // host bits set
    /// ```
    pub fn parse(s: &str) -> Result<Host, HostError> {
        let s = s.trim();
        let forms = || {
            vec![
                "an IPv4 address (192.0.2.10)".to_string(),
                "an IPv6 address (2001:db8::10)".to_string(),
                "a CIDR range (198.51.100.0/24, 2001:db8::/32)".to_string(),
                "a host name (pool01.example.com)".to_string(),
                "`any`".to_string(),
            ]
        };
        if s.eq_ignore_ascii_case("any") {
            return Ok(Host::Any);
        }
        if s.contains('/') {
            let net: IpNet = s.parse().map_err(|_| HostError {
                message: format!("malformed CIDR range `{s}`"),
                expected: vec![
                    "an address, `/` and a prefix length (198.51.100.0/24, 2001:db8::/32)"
                        .to_string(),
                ],
            })?;
            if net.trunc() != net {
                return Err(HostError {
                    message: format!("CIDR range `{s}` has host bits set"),
                    expected: vec![net.trunc().to_string(), format!("{}", net.addr())],
                });
            }
            return Ok(Host::Net(net));
        }
        if let Ok(ip) = s.parse::<IpAddr>() {
            return Ok(Host::Ip(ip));
        }
        if s.contains(':') {
            return Err(HostError {
                message: format!("malformed IPv6 address `{s}`"),
                expected: vec!["an IPv6 address (2001:db8::10)".to_string()],
            });
        }
        let name = s.strip_suffix('.').unwrap_or(s).to_ascii_lowercase();
        let labels: Vec<&str> = name.split('.').collect();
        let last_numeric = labels
            .last()
            .is_some_and(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_digit()));
        if last_numeric {
            return Err(HostError {
                message: format!("malformed IPv4 address `{s}`"),
                expected: vec!["four numbers 0 to 255 joined by dots (192.0.2.10)".to_string()],
            });
        }
        let label_ok = |l: &&str| {
            (1..=63).contains(&l.len())
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !l.starts_with('-')
                && !l.ends_with('-')
        };
        if name.is_empty() || name.len() > 253 || !labels.iter().all(label_ok) {
            return Err(HostError {
                message: format!("malformed address `{s}`"),
                expected: forms(),
            });
        }
        Ok(Host::Fqdn(name))
    }

    /// The IP version; `None` for [`Host::Any`] and host names (which match
    /// either).
    pub fn family(&self) -> Option<Family> {
        let v4 = match self {
            Host::Ip(ip) => ip.is_ipv4(),
            Host::Net(net) => matches!(net, IpNet::V4(_)),
            Host::Any | Host::Fqdn(_) => return None,
        };
        Some(if v4 { Family::V4 } else { Family::V6 })
    }

    /// Whether a rule can go from `self` to `other`: not from an IPv4 to an
    /// IPv6 address or back.
    pub fn pairs_with(&self, other: &Host) -> bool {
        match (self.family(), other.family()) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        }
    }

    /// Whether this is [`Host::Any`].
    pub fn is_any(&self) -> bool {
        matches!(self, Host::Any)
    }
}

/// `any`, the address, the range or the name, as a deployment file writes
/// them.
impl fmt::Display for Host {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Host::Any => f.write_str("any"),
            Host::Ip(ip) => write!(f, "{ip}"),
            Host::Net(net) => write!(f, "{net}"),
            Host::Fqdn(name) => f.write_str(name),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        assert!(matches!(Host::parse("198.51.100.0/24"), Ok(Host::Net(_))));
        assert!(matches!(Host::parse("2001:db8::10"), Ok(Host::Ip(_))));
        assert_eq!(
            Host::parse("192.0.2.1/33").unwrap_err().message,
            "malformed CIDR range `192.0.2.1/33`"
        );
        assert_eq!(
            Host::parse("2001:db8::g").unwrap_err().message,
            "malformed IPv6 address `2001:db8::g`"
        );
        assert_eq!(
            Host::parse("192.0.2.5/24").unwrap_err().expected[0],
            "192.0.2.0/24"
        );
        assert!(Host::parse("-bad.example.com").is_err());
        assert!(Host::parse("a b").is_err());
        assert!(Host::parse("").is_err());
        assert!(Host::parse("edge").is_ok());
    }

    #[test]
    fn families() {
        let v4 = Host::parse("192.0.2.1").unwrap();
        let v6 = Host::parse("2001:db8::/32").unwrap();
        assert!(!v4.pairs_with(&v6));
        assert!(v4.pairs_with(&Host::Any));
        assert!(v6.pairs_with(&Host::parse("x.example.com").unwrap()));
    }
}
