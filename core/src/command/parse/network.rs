//! The parsers of issue #19's commands: offering help, who offered it, introductions, other
//! actors and who's who.

use super::Input;
use crate::command::{Command, NewActor, ParseError, ProfileArg};
use crate::domain::{ActorContact, ActorName, ActorOffers, Category, PostId, ProfileLine};

impl Input<'_> {
    /// A post number (`12` or `#12`), positive.
    fn post_id(&self, raw: &str) -> Result<PostId, ParseError> {
        raw.parse::<PostId>()
            .ok()
            .filter(|id| id.get() > 0)
            .ok_or_else(|| self.bad_number(raw))
    }
}

/// `/help_with <post>`.
pub(in crate::command) fn help_with(i: &mut Input<'_>) -> Result<Command, ParseError> {
    let raw = i.word()?;
    let post = i.post_id(raw)?;
    i.end()?;
    Ok(Command::HelpWith(post))
}

/// `<group> [post]`.
fn group_and_post(
    i: &mut Input<'_>,
) -> Result<(crate::domain::GroupSlug, Option<PostId>), ParseError> {
    let group = i.slug()?;
    let post = i.words.next().map(|w| i.post_id(w)).transpose()?;
    i.end()?;
    Ok((group, post))
}

/// `/volunteers <group> [post]`.
pub(in crate::command) fn volunteers(i: &mut Input<'_>) -> Result<Command, ParseError> {
    let (group, post) = group_and_post(i)?;
    Ok(Command::Volunteers { group, post })
}

/// `/introduce <group> [post]`.
pub(in crate::command) fn introduce(i: &mut Input<'_>) -> Result<Command, ParseError> {
    let (group, post) = group_and_post(i)?;
    Ok(Command::Introduce { group, post })
}

/// `/profile`, `/profile off` or `/profile <one line>`.
pub(in crate::command) fn profile(i: &mut Input<'_>) -> Result<Command, ParseError> {
    let text = format!("{} {}", i.args, i.body);
    let text = text.trim();
    Ok(Command::Profile(if text.is_empty() {
        ProfileArg::Show
    } else if text.eq_ignore_ascii_case("off") {
        ProfileArg::Off
    } else {
        ProfileArg::Set(ProfileLine::parse(text).map_err(|e| ParseError::BadText(i.command, e))?)
    }))
}

/// `/people <group>`.
pub(in crate::command) fn people(i: &mut Input<'_>) -> Result<Command, ParseError> {
    Ok(Command::People(i.only_slug()?))
}

/// `/share_actor <actor number>`.
pub(in crate::command) fn share_actor(i: &mut Input<'_>) -> Result<Command, ParseError> {
    let raw = i.word()?;
    let id = raw
        .trim_start_matches('#')
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| i.bad_number(raw))?;
    i.end()?;
    Ok(Command::ShareActor(id))
}

/// `/actor add <group> <name>`, then optional `offers:`, `contact:` and `category:` lines.
pub(in crate::command) fn actor(i: &mut Input<'_>) -> Result<Command, ParseError> {
    let verb = i.word()?;
    if !verb.eq_ignore_ascii_case("add") {
        return Err(ParseError::MissingArgument(i.command));
    }
    let group = i.slug()?;
    let name = i.rest().join(" ");
    if name.is_empty() {
        return Err(i.missing());
    }
    let name = ActorName::parse(&name).map_err(|e| ParseError::BadName(i.command, e))?;
    let (meta, rest) = super::split_meta(i.body, &["offers", "contact", "category"]);
    if !rest.trim().is_empty() {
        return Err(ParseError::TooManyArguments(i.command));
    }
    let mut actor = NewActor {
        group,
        name,
        offers: None,
        contact: None,
        category: None,
    };
    for (key, value) in meta {
        match key.as_str() {
            "offers" => {
                actor.offers =
                    Some(ActorOffers::parse(value).map_err(|e| ParseError::BadText(i.command, e))?);
            }
            "contact" => {
                actor.contact = Some(
                    ActorContact::parse(value)
                        .ok_or_else(|| ParseError::BadContact(i.command, value.to_owned()))?,
                );
            }
            _ => {
                actor.category = Some(
                    Category::parse(value)
                        .ok_or_else(|| ParseError::BadCategory(i.command, value.to_owned()))?,
                );
            }
        }
    }
    Ok(Command::ActorAdd(actor))
}
