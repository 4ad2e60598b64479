//! The parsers of issue #19's commands: offering help and who offered it.

use super::Input;
use crate::command::{Command, ParseError};
use crate::domain::PostId;

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
