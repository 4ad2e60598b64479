//! The parsers of issue #13's commands: a group's people, links and end.

use super::Input;
use crate::command::{Command, ParseError};

/// `<group> [name…]`: the group, and the person's name if given.
fn group_and_name(
    i: &mut Input<'_>,
) -> Result<(crate::domain::GroupSlug, Option<String>), ParseError> {
    let group = i.slug()?;
    let rest = i.rest();
    Ok((group, (!rest.is_empty()).then(|| rest.join(" "))))
}

pub(in crate::command) fn remove(i: &mut Input<'_>) -> Result<Command, ParseError> {
    let (group, name) = group_and_name(i)?;
    Ok(Command::Remove { group, name })
}

pub(in crate::command) fn promote(i: &mut Input<'_>) -> Result<Command, ParseError> {
    let (group, name) = group_and_name(i)?;
    Ok(Command::Promote { group, name })
}

pub(in crate::command) fn demote(i: &mut Input<'_>) -> Result<Command, ParseError> {
    let (group, name) = group_and_name(i)?;
    Ok(Command::Demote { group, name })
}

/// `/invite <group> [expires 7d] [uses 50]`.
pub(in crate::command) fn invite(i: &mut Input<'_>) -> Result<Command, ParseError> {
    let group = i.slug()?;
    let mut expires_days = None;
    let mut uses = None;
    while let Some(word) = i.words.next() {
        let key = word.to_ascii_lowercase();
        if !matches!(key.as_str(), "expires" | "uses") {
            return Err(ParseError::TooManyArguments(i.command));
        }
        let value = i.word()?;
        match key.as_str() {
            "expires" if expires_days.is_none() => {
                let digits = value.strip_suffix(['d', 'D']).unwrap_or(value);
                expires_days = Some(
                    digits
                        .parse::<u32>()
                        .ok()
                        .filter(|d| (1..=365).contains(d))
                        .ok_or_else(|| i.bad_number(value))?,
                );
            }
            "uses" if uses.is_none() => {
                uses = Some(
                    value
                        .parse::<u32>()
                        .ok()
                        .filter(|n| (1..=100_000).contains(n))
                        .ok_or_else(|| i.bad_number(value))?,
                );
            }
            _ => return Err(ParseError::TooManyArguments(i.command)),
        }
    }
    if expires_days.is_none() && uses.is_none() {
        return Ok(Command::Invite(group));
    }
    Ok(Command::InviteLimited {
        group,
        expires_days,
        uses,
    })
}

/// `/archive <group>`, optional last words on the next lines.
pub(in crate::command) fn archive(i: &mut Input<'_>) -> Result<Command, ParseError> {
    let group = i.only_slug()?;
    let words = i.body.trim();
    Ok(Command::Archive {
        group,
        farewell: (!words.is_empty()).then(|| words.chars().take(1000).collect()),
    })
}

/// `/audit <group> [days]`.
pub(in crate::command) fn audit(i: &mut Input<'_>) -> Result<Command, ParseError> {
    let group = i.slug()?;
    let days = match i.words.next() {
        None => None,
        Some(word) => Some(
            word.parse::<u32>()
                .ok()
                .filter(|d| (1..=3650).contains(d))
                .ok_or_else(|| i.bad_number(word))?,
        ),
    };
    i.end()?;
    Ok(Command::Audit { group, days })
}
