//! Port ranges: `PortRange`, validated, and `PortRangeError`.

/// An inclusive port range, `1 <= first <= last <= 65535`. A single port has
/// `first == last`. Construct with [`PortRange::new`], which enforces this.
///
/// Ordered by `first`, then `last`. Displays as `443` or `50000-59999` (no
/// digit grouping).
///
/// The fields are private so that the invariant holds for every value:
/// [`PortRange::new`] and [`PortRange::single`] check it, reading JSON checks
/// it (an invalid range is a deserialization error), and the baked data is
/// checked when it is compiled ([`PortRange::new_const`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, schemars::JsonSchema))]
pub struct PortRange {
    /// The lowest port of the range, 1 to 65535.
    first: u16,
    /// The highest port, inclusive; equal to `first` for a single port.
    last: u16,
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for PortRange {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<PortRange, D::Error> {
        // The same shape as the serialized form, checked like `new`.
        #[derive(serde::Deserialize)]
        struct Raw {
            first: u32,
            last: u32,
        }
        let raw = Raw::deserialize(d)?;
        PortRange::new(raw.first, raw.last).map_err(|e| {
            serde::de::Error::custom(match e {
                PortRangeError::OutOfRange(p) => format!("port {p} is out of range 1-65535"),
                PortRangeError::Reversed { first, last } => {
                    format!("range {first}-{last} runs backwards")
                }
            })
        })
    }
}

/// Why [`PortRange::new`] refused a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortRangeError {
    /// A port that is 0 or above 65535 (the number given).
    OutOfRange(u32),
    /// `first > last`, as in `59,999-50,000`.
    Reversed {
        /// The first port given, above `last`.
        first: u16,
        /// The last port given, below `first`.
        last: u16,
    },
}

impl PortRange {
    /// A validated range from `first` to `last` inclusive. Takes `u32` so
    /// that out-of-range numbers read from a page can be reported.
    ///
    /// # Errors
    ///
    /// [`PortRangeError::OutOfRange`] when either port is 0 or above 65535
    /// (checked first), [`PortRangeError::Reversed`] when `first > last`.
    ///
    /// ```
    /// use portmatrix_model::{PortRange, PortRangeError};
    /// assert_eq!(PortRange::new(50000, 59999).unwrap().len(), 10000);
    /// assert_eq!(PortRange::new(0, 1), Err(PortRangeError::OutOfRange(0)));
    /// assert!(PortRange::new(99999, 99999).is_err());
    /// assert!(matches!(PortRange::new(59999, 50000), Err(PortRangeError::Reversed { .. })));
    /// ```
    pub fn new(first: u32, last: u32) -> Result<PortRange, PortRangeError> {
        for p in [first, last] {
            if !(1..=65535).contains(&p) {
                return Err(PortRangeError::OutOfRange(p));
            }
        }
        let (first, last) = (first as u16, last as u16);
        if first > last {
            return Err(PortRangeError::Reversed { first, last });
        }
        Ok(PortRange { first, last })
    }

    /// A range checked at compile time when used in a constant or a static
    /// (the baked data): it panics when `first` is 0 or above `last`.
    ///
    /// ```
    /// use portmatrix_model::PortRange;
    /// const RTP: PortRange = PortRange::new_const(50000, 59999);
    /// assert_eq!(RTP.len(), 10000);
    /// ```
    pub const fn new_const(first: u16, last: u16) -> PortRange {
        assert!(first >= 1 && first <= last, "invalid port range");
        PortRange { first, last }
    }

    /// The lowest port of the range.
    pub const fn first(&self) -> u16 {
        self.first
    }

    /// The highest port of the range (the same as [`first`](Self::first)
    /// for a single port).
    pub const fn last(&self) -> u16 {
        self.last
    }

    /// A single port (`first == last`); `None` for port 0.
    ///
    /// ```
    /// use portmatrix_model::PortRange;
    /// let sip = PortRange::single(5061).unwrap();
    /// assert_eq!((sip.first(), sip.last()), (5061, 5061));
    /// assert_eq!(sip.to_string(), "5061");
    /// assert_eq!(PortRange::single(0), None);
    /// ```
    pub fn single(port: u16) -> Option<PortRange> {
        PortRange::new(port as u32, port as u32).ok()
    }

    /// Whether `port` is in the range, ends included.
    ///
    /// ```
    /// use portmatrix_model::PortRange;
    /// let media = PortRange::new(50000, 59999).unwrap();
    /// assert_eq!(media.to_string(), "50000-59999");
    /// assert!(media.contains(50000) && media.contains(59999));
    /// assert!(!media.contains(3478));
    /// ```
    pub fn contains(&self, port: u16) -> bool {
        self.first <= port && port <= self.last
    }

    /// Whether the two ranges share at least one port: what makes two rules
    /// on the same transport compete for the same ports.
    ///
    /// ```
    /// use portmatrix_model::PortRange;
    /// let media = PortRange::new(50000, 59999).unwrap();
    /// assert!(media.overlaps(&PortRange::new(59999, 60010).unwrap()));
    /// assert!(media.overlaps(&PortRange::single(50001).unwrap()));
    /// assert!(!media.overlaps(&PortRange::new(60000, 60010).unwrap()));
    /// ```
    pub fn overlaps(&self, other: &PortRange) -> bool {
        self.first <= other.last && other.first <= self.last
    }

    /// Whether the range is one port (`first == last`).
    ///
    /// ```
    /// use portmatrix_model::PortRange;
    /// assert!(PortRange::single(443).unwrap().is_single());
    /// assert!(!PortRange::new(50000, 59999).unwrap().is_single());
    /// ```
    pub fn is_single(&self) -> bool {
        self.first == self.last
    }

    /// Number of ports in the range (at least 1, at most 65535).
    ///
    /// ```
    /// use portmatrix_model::PortRange;
    /// assert_eq!(PortRange::single(443).unwrap().len(), 1);
    /// assert_eq!(PortRange::new(1, 65535).unwrap().len(), 65535);
    /// ```
    #[allow(clippy::len_without_is_empty)]
    pub fn len(&self) -> u32 {
        (self.last - self.first) as u32 + 1
    }
}

impl std::fmt::Display for PortRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.is_single() {
            write!(f, "{}", self.first)
        } else {
            write!(f, "{}-{}", self.first, self.last)
        }
    }
}
