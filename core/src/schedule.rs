//! The weekly digest schedule: a weekday and a time of day in the deployment's time zone (a
//! fixed UTC offset). [`Schedule::period_start`] gives the latest scheduled moment at or before
//! now — the period a digest is due for.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveTime, TimeZone, Utc, Weekday};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    pub weekday: Weekday,
    pub time: NaiveTime,
    pub offset: FixedOffset,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a schedule is a weekday and a time, e.g. \"mon 09:00\" (or \"off\"), not {0:?}")]
pub struct ScheduleError(pub String);

impl Schedule {
    /// Parses `"mon 09:00"` (any weekday name or its first three letters, any case).
    pub fn parse(raw: &str, offset: FixedOffset) -> Result<Self, ScheduleError> {
        let bad = || ScheduleError(raw.to_owned());
        let mut words = raw.split_whitespace();
        let day = words.next().ok_or_else(bad)?;
        let weekday = Weekday::from_str(day).map_err(|_| bad())?;
        let time = words
            .next()
            .and_then(|t| NaiveTime::parse_from_str(t, "%H:%M").ok())
            .ok_or_else(bad)?;
        if words.next().is_some() {
            return Err(bad());
        }
        Ok(Self {
            weekday,
            time,
            offset,
        })
    }

    /// The latest scheduled moment at or before `now`.
    pub fn period_start(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        let local = now.with_timezone(&self.offset);
        let days_back = (7 + local.weekday().num_days_from_monday() as i64
            - self.weekday.num_days_from_monday() as i64)
            % 7;
        let date = local.date_naive() - Duration::days(days_back);
        let candidate = self
            .offset
            .from_local_datetime(&date.and_time(self.time))
            .single()
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or(now);
        if candidate > now {
            candidate - Duration::days(7)
        } else {
            candidate
        }
    }
}

impl fmt::Display for Schedule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} (UTC{})",
            self.weekday,
            self.time.format("%H:%M"),
            self.offset
        )
    }
}

/// Parses a time zone given as a UTC offset: `UTC`, `+02:00`, `-05:00`.
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
    let (h, m) = rest.split_once(':').unwrap_or((rest, "0"));
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    if !(0..=14).contains(&h) || !(0..60).contains(&m) {
        return None;
    }
    FixedOffset::east_opt(sign * (h * 3600 + m * 60))
}

/// The hours in which coloop does not remind anyone (21:00 to 08:00 by default), in the
/// deployment's time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuietHours {
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub offset: FixedOffset,
}

impl QuietHours {
    /// 21:00 to 08:00 in the zone `offset`.
    pub fn evenings_and_nights(offset: FixedOffset) -> Self {
        Self {
            start: NaiveTime::from_hms_opt(21, 0, 0).unwrap_or_default(),
            end: NaiveTime::from_hms_opt(8, 0, 0).unwrap_or_default(),
            offset,
        }
    }

    /// Whether `now` falls in the quiet hours (start inclusive, end exclusive; the span may
    /// cross midnight).
    pub fn contains(&self, now: DateTime<Utc>) -> bool {
        let time = now.with_timezone(&self.offset).time();
        if self.start <= self.end {
            self.start <= time && time < self.end
        } else {
            time >= self.start || time < self.end
        }
    }

    /// When the quiet hours around `now` end (`now` itself when it is not quiet).
    pub fn end_after(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        if !self.contains(now) {
            return now;
        }
        let local = now.with_timezone(&self.offset);
        let mut date = local.date_naive();
        if local.time() >= self.end {
            date += Duration::days(1);
        }
        self.offset
            .from_local_datetime(&date.and_time(self.end))
            .single()
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or(now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn the_period_is_the_latest_scheduled_moment() {
        let bogota = parse_offset("-05:00").unwrap();
        let s = Schedule::parse("mon 09:00", bogota).unwrap();
        // 2026-11-30 is a Monday; 09:00 in Bogotá is 14:00 UTC.
        assert_eq!(
            s.period_start(utc("2026-11-30T14:00:00Z")),
            utc("2026-11-30T14:00:00Z")
        );
        assert_eq!(
            s.period_start(utc("2026-11-30T13:59:00Z")),
            utc("2026-11-23T14:00:00Z")
        );
        assert_eq!(
            s.period_start(utc("2026-12-03T08:00:00Z")),
            utc("2026-11-30T14:00:00Z")
        );
        assert_eq!(
            s.period_start(utc("2026-12-07T13:00:00Z")),
            utc("2026-11-30T14:00:00Z")
        );
        assert_eq!(
            s.period_start(utc("2026-12-07T14:00:01Z")),
            utc("2026-12-07T14:00:00Z")
        );
    }

    #[test]
    fn parsing() {
        let utc0 = parse_offset("UTC").unwrap();
        assert!(Schedule::parse("Monday 09:00", utc0).is_ok());
        assert!(Schedule::parse("FRI 17:30", utc0).is_ok());
        for bad in ["", "mon", "funday 09:00", "mon 25:00", "mon 09:00 extra"] {
            assert!(Schedule::parse(bad, utc0).is_err(), "{bad}");
        }
        assert_eq!(parse_offset("+02:00"), FixedOffset::east_opt(7200));
        assert_eq!(parse_offset("-5"), FixedOffset::east_opt(-18000));
        for bad in ["02:00", "+15:00", "+02:60", "Europe/Madrid"] {
            assert_eq!(parse_offset(bad), None, "{bad}");
        }
    }

    #[test]
    fn quiet_hours_cross_midnight_in_the_local_zone() {
        let offset = FixedOffset::west_opt(5 * 3600).unwrap();
        let quiet = QuietHours::evenings_and_nights(offset);
        let at = |h: u32, m: u32| {
            offset
                .with_ymd_and_hms(2026, 11, 27, h, m, 0)
                .unwrap()
                .with_timezone(&Utc)
        };
        assert!(!quiet.contains(at(8, 0)));
        assert!(!quiet.contains(at(20, 59)));
        assert!(quiet.contains(at(21, 0)));
        assert!(quiet.contains(at(23, 30)));
        assert!(quiet.contains(at(0, 0)));
        assert!(quiet.contains(at(7, 59)));
        assert_eq!(quiet.end_after(at(12, 0)), at(12, 0));
        assert_eq!(quiet.end_after(at(3, 0)), at(8, 0));
        assert_eq!(quiet.end_after(at(22, 0)), at(8, 0) + Duration::days(1));
    }
}
