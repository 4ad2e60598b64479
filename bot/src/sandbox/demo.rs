//! `coloop sandbox --demo`: a story played through the bot by the imitation's people, as they
//! would on their phones — every step a message or a button press the bot handles, so what the
//! bot stores is exactly what real use would leave. Afterwards `/digest`, `/comments` and
//! `/export` have something to show.
//!
//! The story: the coordinator creates the working group "Water access"; a facilitator and
//! eight members (some with Telegram in Spanish) join through the invite links and agree to the
//! consent text; the facilitator sends an outcome, a prototype in each of two categories and a
//! survey; most members answer it, some reply to the posts (one with a voice note), and one
//! member pauses the group.
//!
//! What the people write is the story's data, not the bot's words: it is here, not in the
//! message catalogues.

use std::time::Duration;

use anyhow::{Context as _, anyhow};

use super::telegram::{BotMessage, Content, FakeTelegram};

/// How long one step may wait for the bot.
const PATIENCE: Duration = Duration::from_secs(60);

const SLUG: &str = "water-access";
const NEW_GROUP: &str = "/newgroup water-access Water access\n\
    Every household in the barrio has safe drinking water within 200 metres of home.";
const FACILITATOR: (&str, &str) = ("Marta", "es");
const MEMBERS: [(&str, &str); 8] = [
    ("Ana", "es"),
    ("Bilal", "en"),
    ("Chen", "en"),
    ("Dolores", "es"),
    ("Emeka", "en"),
    ("Fátima", "es"),
    ("Gus", "en"),
    ("Hana", "en"),
];
const OUTCOME: &str = "/outcome water-access Mapping the wells\n\
    We walked the barrio and mapped 14 wells: 9 work, 3 need a new pump and 2 are \
    contaminated. The map hangs in the community centre.";
const PROTOTYPES: [&str; 2] = [
    "/prototype water-access community Rain tanks on school roofs\nstatus: prototyping\n\
     Neighbours build two 5,000-litre tanks on the school roof with the parents' association.",
    "/prototype water-access public_service Water point map\nstatus: testing\n\
     The city publishes a map of every public water point and its state, kept up to date by \
     residents.",
];
const SURVEY: &str = "/survey water-access Rain tanks\n\
    rating: How useful would a rain tank be for your household?\n\
    yesno: Would you help build one?\n\
    choice: Where should the first one go? | School | Market | Clinic";
/// Replies to the outcome: (member, text).
const OUTCOME_REPLIES: [(usize, &str); 3] = [
    (1, "The well behind the market has been dry since June."),
    (3, "El pozo de la calle 5 huele raro desde hace semanas."),
    (4, "Can the map show which wells are safe for children?"),
];
/// Replies to the first prototype: (member, text).
const PROTOTYPE_REPLIES: [(usize, &str); 2] = [
    (2, "Count me in for the weekend builds."),
    (5, "¿Quién mantiene los tanques en vacaciones?"),
];
/// The member who answers a voice note to the first prototype.
const VOICE_FROM: usize = 0;
/// Each member's answers: the rating, yes or no, the place (0-based); `None` answers nothing.
/// Gus stops after the first question; Hana answers nothing and then pauses the group.
const ANSWERS: [Option<(u8, bool, Option<u8>)>; 8] = [
    Some((5, true, Some(0))),
    Some((4, true, Some(1))),
    Some((5, false, Some(0))),
    Some((3, true, Some(2))),
    Some((4, true, Some(0))),
    Some((5, true, Some(0))),
    Some((2, false, None)),
    None,
];
const PAUSED: usize = 7;

/// The story, ready to play.
pub struct Story {
    tg: FakeTelegram,
    coordinator: i64,
}

impl Story {
    pub fn new(tg: FakeTelegram, coordinator: i64) -> Story {
        Story { tg, coordinator }
    }

    /// Plays the story through the running bot; `Err` names the step the bot did not answer.
    pub async fn play(&self) -> anyhow::Result<()> {
        let c = self.coordinator;
        let created = self
            .say_and_wait(c, c, NEW_GROUP, "the group's invite links", |m| {
                start_codes(m).len() >= 2
            })
            .await?;
        let codes = start_codes(&created);
        let (member_code, facilitator_code) = (&codes[0], &codes[1]);

        let (name, language) = FACILITATOR;
        let facilitator = self.tg.add_user(name, None, Some(language));
        self.join(facilitator, facilitator_code).await?;
        let mut members = Vec::new();
        for (name, language) in MEMBERS {
            let member = self.tg.add_user(name, None, Some(language));
            self.join(member, member_code).await?;
            members.push(member);
        }

        let f = facilitator;
        let outcome = self.broadcast(f, OUTCOME, "send:", &members).await?;
        let mut prototypes = Vec::new();
        for prototype in PROTOTYPES {
            prototypes.push(self.broadcast(f, prototype, "send:", &members).await?);
        }
        for (who, text) in OUTCOME_REPLIES {
            self.reply(members[who], &outcome[who], Content::Text(text.into()))
                .await?;
        }
        for (who, text) in PROTOTYPE_REPLIES {
            self.reply(
                members[who],
                &prototypes[0][who],
                Content::Text(text.into()),
            )
            .await?;
        }
        let voice = Content::made_up_voice(7);
        self.reply(members[VOICE_FROM], &prototypes[0][VOICE_FROM], voice)
            .await?;

        self.broadcast(f, SURVEY, "ssend:", &[]).await?;
        let answering = members
            .iter()
            .zip(ANSWERS)
            .filter_map(|(member, answers)| Some(self.answer(*member, answers?)));
        for answered in futures_util::future::join_all(answering).await {
            answered?;
        }
        let paused = members[PAUSED];
        self.say_and_wait(
            paused,
            paused,
            &format!("/stop {SLUG}"),
            "the pause",
            |_| true,
        )
        .await?;
        Ok(())
    }

    /// `who` writes `text` in `chat`, then waits for the bot's next message there that `done`
    /// accepts.
    async fn say_and_wait(
        &self,
        who: i64,
        chat: i64,
        text: &str,
        what: &str,
        done: impl Fn(&BotMessage) -> bool,
    ) -> anyhow::Result<BotMessage> {
        let seen = self.tg.messages_in(chat).len();
        self.tg
            .try_send(who, chat, None, Content::Text(text.into()))
            .map_err(|e| anyhow!(e))?;
        self.next_message(chat, seen, what, done).await
    }

    /// The first bot message in `chat` after the first `seen` that `done` accepts.
    async fn next_message(
        &self,
        chat: i64,
        seen: usize,
        what: &str,
        done: impl Fn(&BotMessage) -> bool,
    ) -> anyhow::Result<BotMessage> {
        let found = |tg: &FakeTelegram| {
            tg.messages_in(chat)
                .into_iter()
                .skip(seen)
                .find(|m| done(m))
        };
        self.tg.wait_until(PATIENCE, |tg| found(tg).is_some()).await;
        found(&self.tg).with_context(|| format!("waiting for {what} in chat {chat}"))
    }

    /// `person` opens the invite link and agrees to the consent text.
    async fn join(&self, person: i64, code: &str) -> anyhow::Result<()> {
        let consent = self
            .say_and_wait(
                person,
                person,
                &format!("/start {code}"),
                "the consent text",
                |m| button(m, |data| data.starts_with("consent:")).is_some(),
            )
            .await?;
        let seen = self.tg.messages_in(person).len();
        self.press(person, &consent, |data| data.starts_with("consent:"))?;
        // Agreeing edits the consent text and welcomes the person to the group.
        self.next_message(person, seen, "the welcome to the group", |_| true)
            .await?;
        Ok(())
    }

    /// `author` sends a post or survey command, presses the preview's Send (its data starts
    /// with `send`), and waits until each of `members` got it: their messages, in order.
    async fn broadcast(
        &self,
        author: i64,
        command: &str,
        send: &str,
        members: &[i64],
    ) -> anyhow::Result<Vec<BotMessage>> {
        let preview = self
            .say_and_wait(author, author, command, "the preview", |m| {
                button(m, |data| data.starts_with(send)).is_some()
            })
            .await?;
        let before: Vec<usize> = members
            .iter()
            .map(|m| self.tg.messages_in(*m).len())
            .collect();
        self.press(author, &preview, |data| data.starts_with(send))?;
        let mut delivered = Vec::new();
        for (member, seen) in members.iter().zip(before) {
            delivered.push(
                self.next_message(*member, seen, "the post", |_| true)
                    .await?,
            );
        }
        Ok(delivered)
    }

    /// `who` replies to `message` of their chat with `content`; waits for the bot's answer.
    async fn reply(&self, who: i64, message: &BotMessage, content: Content) -> anyhow::Result<()> {
        let seen = self.tg.messages_in(who).len();
        self.tg
            .try_send(who, message.chat_id, Some(message.message_id), content)
            .map_err(|e| anyhow!(e))?;
        self.next_message(who, seen, "the comment's acknowledgement", |_| true)
            .await?;
        Ok(())
    }

    /// `member` answers the survey: each question as it comes.
    async fn answer(
        &self,
        member: i64,
        (rating, yes, place): (u8, bool, Option<u8>),
    ) -> anyhow::Result<()> {
        let presses = [
            Some(format!("r{rating}")),
            Some(if yes { "y" } else { "n" }.to_owned()),
            place.map(|p| format!("c{p}")),
        ];
        let mut seen = 0;
        for (question, press) in presses.into_iter().enumerate() {
            let Some(press) = press else { break };
            let wanted = |data: &str| survey_press(data, question, &press);
            let asked = self
                .next_message(member, seen, "a survey question", |m| {
                    button(m, wanted).is_some()
                })
                .await?;
            seen = self.tg.messages_in(member).len();
            self.press(member, &asked, wanted)?;
        }
        Ok(())
    }

    /// `who` presses the button of `message` whose data `wanted` accepts.
    fn press(
        &self,
        who: i64,
        message: &BotMessage,
        wanted: impl Fn(&str) -> bool,
    ) -> anyhow::Result<()> {
        let data = button(message, wanted).context("the button is gone")?;
        self.tg
            .try_press_button(who, message.chat_id, message.message_id, &data)
            .map_err(|e| anyhow!(e))?;
        Ok(())
    }
}

/// The data of the first button of `message` that `wanted` accepts.
fn button(message: &BotMessage, wanted: impl Fn(&str) -> bool) -> Option<String> {
    message
        .buttons()
        .into_iter()
        .filter_map(|(_, data, _)| data)
        .find(|data| wanted(data))
}

/// Whether `data` answers question `question` (0-based) of a survey with `press`
/// (`sv:<survey>:<question>:<press>`).
fn survey_press(data: &str, question: usize, press: &str) -> bool {
    let mut parts = data.split(':');
    parts.next() == Some("sv")
        && parts.next().is_some()
        && parts.next() == Some(question.to_string().as_str())
        && parts.next() == Some(press)
}

/// The invite codes of the `?start=` links in a message, in order, each once.
fn start_codes(message: &BotMessage) -> Vec<String> {
    let text = message.source_text.as_deref().unwrap_or_default();
    let mut codes: Vec<String> = Vec::new();
    for rest in text.split("?start=").skip(1) {
        let code: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
            .collect();
        if !code.is_empty() && !codes.contains(&code) {
            codes.push(code);
        }
    }
    codes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn survey_buttons_are_told_apart_by_question_and_press() {
        assert!(survey_press("sv:12:0:r4", 0, "r4"));
        assert!(!survey_press("sv:12:1:r4", 0, "r4"));
        assert!(!survey_press("sv:12:0:r5", 0, "r4"));
        assert!(!survey_press("send:abc", 0, "r4"));
    }
}
