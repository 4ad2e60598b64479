//! The deployment's time zone (`COLOOP_TIMEZONE`): an IANA name such as `Europe/Madrid`, with
//! its daylight-saving rules, or a fixed UTC offset such as `-05:00`. Quiet hours, survey close
//! times and the weekly digest are all reckoned in it.

use std::fmt;

use chrono::{FixedOffset, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone};
use chrono_tz::Tz;

/// A time zone: named (with daylight saving) or a fixed offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    Named(Tz),
    Fixed(FixedOffset),
}

impl Zone {
    /// UTC.
    pub fn utc() -> Self {
        Zone::Fixed(chrono::Utc.fix())
    }

    /// Reads `Europe/Madrid`, `America/Mexico_City`, `UTC`, `Z`, `+02:00`, `-05:00`, `+0530`.
    pub fn parse(raw: &str) -> Option<Self> {
        let raw = raw.trim();
        if let Some(offset) = parse_offset(raw) {
            return Some(Zone::Fixed(offset));
        }
        raw.parse::<Tz>().ok().map(Zone::Named)
    }

    /// The offset from UTC in effect at `utc` (changes with daylight saving in a named zone).
    pub fn offset_at(&self, utc: &NaiveDateTime) -> FixedOffset {
        self.offset_from_utc_datetime(utc).fix()
    }
}

impl Default for Zone {
    fn default() -> Self {
        Self::utc()
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Zone::Named(tz) => write!(f, "{}", tz.name()),
            Zone::Fixed(offset) => write!(f, "UTC{offset}"),
        }
    }
}

/// Parses a UTC offset: `UTC`, `Z`, `+02:00`, `-05:00`, `+0530`, `-5`.
pub fn parse_offset(raw: &str) -> Option<FixedOffset> {
    let raw = raw.trim();
    if raw.eq_ignore_ascii_case("utc") || raw == "Z" {
        return FixedOffset::east_opt(0);
    }
    let (sign, rest) = match raw.chars().next()? {
        '+' => (1, &raw[1..]),
        '-' => (-1, &raw[1..]),
        _ => return None,
    };
    let (h, m) = match rest.split_once(':') {
        Some(parts) => parts,
        None if rest.len() == 4 => rest.split_at(2),
        None => (rest, "0"),
    };
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    if !(0..=14).contains(&h) || !(0..60).contains(&m) {
        return None;
    }
    FixedOffset::east_opt(sign * (h * 3600 + m * 60))
}

/// The offset of a [`Zone`] at one moment; it remembers its zone, so date arithmetic on a
/// `DateTime<Zone>` follows the zone's rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZoneOffset {
    zone: Zone,
    fixed: FixedOffset,
}

impl Offset for ZoneOffset {
    fn fix(&self) -> FixedOffset {
        self.fixed
    }
}

impl fmt::Display for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.fixed)
    }
}

fn map_local<T: Offset>(zone: Zone, found: LocalResult<T>) -> LocalResult<ZoneOffset> {
    let wrap = |o: T| ZoneOffset {
        zone,
        fixed: o.fix(),
    };
    match found {
        LocalResult::Single(o) => LocalResult::Single(wrap(o)),
        LocalResult::Ambiguous(a, b) => LocalResult::Ambiguous(wrap(a), wrap(b)),
        LocalResult::None => LocalResult::None,
    }
}

impl TimeZone for Zone {
    type Offset = ZoneOffset;

    fn from_offset(offset: &ZoneOffset) -> Self {
        offset.zone
    }

    fn offset_from_local_date(&self, local: &NaiveDate) -> LocalResult<ZoneOffset> {
        match self {
            Zone::Named(tz) => map_local(*self, tz.offset_from_local_date(local)),
            Zone::Fixed(f) => map_local(*self, f.offset_from_local_date(local)),
        }
    }

    fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> LocalResult<ZoneOffset> {
        match self {
            Zone::Named(tz) => map_local(*self, tz.offset_from_local_datetime(local)),
            Zone::Fixed(f) => map_local(*self, f.offset_from_local_datetime(local)),
        }
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> ZoneOffset {
        let fixed = match self {
            Zone::Named(tz) => tz.offset_from_utc_date(utc).fix(),
            Zone::Fixed(f) => *f,
        };
        ZoneOffset { zone: *self, fixed }
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> ZoneOffset {
        let fixed = match self {
            Zone::Named(tz) => tz.offset_from_utc_datetime(utc).fix(),
            Zone::Fixed(f) => *f,
        };
        ZoneOffset { zone: *self, fixed }
    }
}

/// A local date and time in `zone` as a UTC instant. In a daylight-saving gap (a time that
/// does not exist that day) the instant is the same wall time an hour later; in an overlap
/// (a time that happens twice) it is the first of the two.
pub fn local_to_utc(zone: Zone, local: NaiveDateTime) -> chrono::DateTime<chrono::Utc> {
    match zone.from_local_datetime(&local) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.with_timezone(&chrono::Utc),
        LocalResult::None => {
            let later = local + chrono::Duration::hours(1);
            match zone.from_local_datetime(&later) {
                LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => {
                    t.with_timezone(&chrono::Utc)
                }
                // No zone has a two-hour gap; fall back to the offset before the gap.
                LocalResult::None => {
                    let offset = zone.offset_at(&local);
                    (local - chrono::Duration::seconds(i64::from(offset.local_minus_utc())))
                        .and_utc()
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, Timelike};

    use super::*;

    fn madrid() -> Zone {
        Zone::parse("Europe/Madrid").expect("a known zone")
    }

    #[test]
    fn names_and_offsets_are_read() {
        assert_eq!(Zone::parse("UTC"), Some(Zone::utc()));
        assert_eq!(
            Zone::parse("-05:00"),
            Some(Zone::Fixed(
                FixedOffset::west_opt(5 * 3600).expect("offset")
            ))
        );
        assert_eq!(
            Zone::parse("+0530"),
            Some(Zone::Fixed(
                FixedOffset::east_opt(5 * 3600 + 1800).expect("offset")
            ))
        );
        assert_eq!(madrid().to_string(), "Europe/Madrid");
        assert!(Zone::parse("America/Santiago").is_some());
        assert_eq!(Zone::parse("Mars/Olympus"), None);
        assert_eq!(Zone::parse("+15:00"), None);
    }

    #[test]
    fn a_named_zone_follows_daylight_saving() {
        let winter = NaiveDate::from_ymd_opt(2026, 1, 15)
            .and_then(|d| d.and_hms_opt(12, 0, 0))
            .expect("date");
        let summer = NaiveDate::from_ymd_opt(2026, 7, 15)
            .and_then(|d| d.and_hms_opt(12, 0, 0))
            .expect("date");
        assert_eq!(madrid().offset_at(&winter).local_minus_utc(), 3600);
        assert_eq!(madrid().offset_at(&summer).local_minus_utc(), 7200);
        let local = winter.and_utc().with_timezone(&madrid());
        assert_eq!(local.hour(), 13);
        let local = summer.and_utc().with_timezone(&madrid());
        assert_eq!(local.hour(), 14);
    }

    #[test]
    fn local_times_in_a_gap_or_an_overlap_have_one_instant() {
        // Madrid: 2026-03-29 02:00 → 03:00 (gap); 2026-10-25 03:00 → 02:00 (overlap).
        let gap = NaiveDate::from_ymd_opt(2026, 3, 29)
            .and_then(|d| d.and_hms_opt(2, 30, 0))
            .expect("date");
        let at = local_to_utc(madrid(), gap);
        assert_eq!(at.with_timezone(&madrid()).hour(), 3);
        let overlap = NaiveDate::from_ymd_opt(2026, 10, 25)
            .and_then(|d| d.and_hms_opt(2, 30, 0))
            .expect("date");
        let at = local_to_utc(madrid(), overlap);
        assert_eq!(at, overlap.and_utc() - chrono::Duration::hours(2));
    }
}
