//! The weekly digest schedule: a weekday and a time of day in the deployment's time zone
//! ([`Zone`]: a named zone with daylight saving, or a fixed offset). [`Schedule::period_start`] gives the latest scheduled moment at or before
//! now — the period a digest is due for.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Datelike, Duration, NaiveTime, Utc, Weekday};

use crate::zone::local_to_utc;
pub use crate::zone::{Zone, parse_offset};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    pub weekday: Weekday,
    pub time: NaiveTime,
    pub zone: Zone,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a schedule is a weekday and a time, e.g. \"mon 09:00\" (or \"off\"), not {0:?}")]
pub struct ScheduleError(pub String);

impl Schedule {
    /// Parses `"mon 09:00"` (any weekday name or its first three letters, any case).
    pub fn parse(raw: &str, zone: Zone) -> Result<Self, ScheduleError> {
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
            zone,
        })
    }

    /// The latest scheduled moment at or before `now`.
    pub fn period_start(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        let local = now.with_timezone(&self.zone);
        let days_back = (7 + local.weekday().num_days_from_monday() as i64
            - self.weekday.num_days_from_monday() as i64)
            % 7;
        let date = local.date_naive() - Duration::days(days_back);
        let candidate = local_to_utc(self.zone, date.and_time(self.time));
        if candidate > now {
            // A week back on the calendar, not 168 hours: the offset may differ then.
            local_to_utc(self.zone, (date - Duration::days(7)).and_time(self.time))
        } else {
            candidate
        }
    }
}

impl fmt::Display for Schedule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} ({})",
            self.weekday,
            self.time.format("%H:%M"),
            self.zone
        )
    }
}

/// The hours in which coloop does not remind anyone (21:00 to 08:00 by default), in the
/// deployment's time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuietHours {
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub zone: Zone,
}

impl QuietHours {
    /// 21:00 to 08:00 in `zone`.
    pub fn evenings_and_nights(zone: Zone) -> Self {
        Self {
            start: NaiveTime::from_hms_opt(21, 0, 0).unwrap_or_default(),
            end: NaiveTime::from_hms_opt(8, 0, 0).unwrap_or_default(),
            zone,
        }
    }

    /// Whether `now` falls in the quiet hours (start inclusive, end exclusive; the span may
    /// cross midnight).
    pub fn contains(&self, now: DateTime<Utc>) -> bool {
        let time = now.with_timezone(&self.zone).time();
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
        let local = now.with_timezone(&self.zone);
        let mut date = local.date_naive();
        if local.time() >= self.end {
            date += Duration::days(1);
        }
        local_to_utc(self.zone, date.and_time(self.end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use chrono::TimeZone as _;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn the_period_is_the_latest_scheduled_moment() {
        let bogota = Zone::parse("-05:00").unwrap();
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
        let utc0 = Zone::utc();
        assert!(Schedule::parse("Monday 09:00", utc0).is_ok());
        assert!(Schedule::parse("FRI 17:30", utc0).is_ok());
        for bad in ["", "mon", "funday 09:00", "mon 25:00", "mon 09:00 extra"] {
            assert!(Schedule::parse(bad, utc0).is_err(), "{bad}");
        }
        assert_eq!(parse_offset("+02:00"), chrono::FixedOffset::east_opt(7200));
        assert_eq!(parse_offset("-5"), chrono::FixedOffset::east_opt(-18000));
        for bad in ["02:00", "+15:00", "+02:60", "Europe/Madrid"] {
            assert_eq!(parse_offset(bad), None, "{bad}");
        }
    }

    #[test]
    fn quiet_hours_cross_midnight_in_the_local_zone() {
        let offset = chrono::FixedOffset::west_opt(5 * 3600).unwrap();
        let quiet = QuietHours::evenings_and_nights(Zone::Fixed(offset));
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

    fn madrid() -> Zone {
        Zone::parse("Europe/Madrid").unwrap()
    }

    #[test]
    fn the_weekly_digest_keeps_its_local_hour_across_daylight_saving() {
        // Europe/Madrid moves to summer time on 2026-03-29 and back on 2026-10-25 (Sundays).
        let s = Schedule::parse("mon 09:00", madrid()).unwrap();
        // Winter: 09:00 is 08:00 UTC; summer: 07:00 UTC.
        assert_eq!(
            s.period_start(utc("2026-03-23T12:00:00Z")),
            utc("2026-03-23T08:00:00Z")
        );
        assert_eq!(
            s.period_start(utc("2026-03-30T12:00:00Z")),
            utc("2026-03-30T07:00:00Z")
        );
        // Just before 09:00 local on the first summer Monday, the period is still last week's.
        assert_eq!(
            s.period_start(utc("2026-03-30T06:59:00Z")),
            utc("2026-03-23T08:00:00Z")
        );
        // And back: the first winter Monday's 09:00 is 08:00 UTC again.
        assert_eq!(
            s.period_start(utc("2026-10-26T08:00:00Z")),
            utc("2026-10-26T08:00:00Z")
        );
        assert_eq!(
            s.period_start(utc("2026-10-26T07:30:00Z")),
            utc("2026-10-19T07:00:00Z")
        );
    }

    #[test]
    fn quiet_hours_follow_daylight_saving_both_ways() {
        let quiet = QuietHours::evenings_and_nights(madrid());
        // Winter (UTC+1): 21:00 local is 20:00 UTC.
        assert!(!quiet.contains(utc("2026-03-27T19:59:00Z")));
        assert!(quiet.contains(utc("2026-03-27T20:00:00Z")));
        // The night of the spring change: quiet until 08:00 summer time, 06:00 UTC.
        assert_eq!(
            quiet.end_after(utc("2026-03-28T23:00:00Z")),
            utc("2026-03-29T06:00:00Z")
        );
        // Summer (UTC+2): 21:00 local is 19:00 UTC.
        assert!(quiet.contains(utc("2026-07-01T19:00:00Z")));
        assert!(!quiet.contains(utc("2026-07-01T18:59:00Z")));
        // The night of the autumn change: quiet until 08:00 winter time, 07:00 UTC.
        assert_eq!(
            quiet.end_after(utc("2026-10-24T22:00:00Z")),
            utc("2026-10-25T07:00:00Z")
        );
        assert!(quiet.contains(utc("2026-10-25T06:59:00Z")));
        assert!(!quiet.contains(utc("2026-10-25T07:00:00Z")));
    }
}
