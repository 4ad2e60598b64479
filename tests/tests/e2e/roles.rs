//! The role matrix: every command of the command table × every kind of person.
//!
//! Each command has one row ([`row`]: a `match` with no catch-all, so a command added to the
//! table without a row does not compile). A row says what is sent and, for each kind of person,
//! whether they may use the command (and a wording of what they get) or exactly which refusal
//! they get, as the bot's own catalogue renders it. The test walks `CommandName::ALL` in the
//! chat the table says the command is for, then once more in the other kind of chat.

use chrono::Utc;
use coloop_bot::texts::{Catalogues, Texts};
use coloop_core::command::{CommandName, ParseError, Place};
use coloop_core::domain::{CommentId, GroupSlug, SlugError, SurveyId};
use coloop_e2e::harness::{BOT_USERNAME, PATIENCE, Person, TestApp};

/// The kinds of person, in the order of a row's cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    /// Unknown to coloop.
    Nobody,
    /// A member of `water-access`.
    Member,
    /// A facilitator of `water-access`.
    Facilitator,
    /// A facilitator of `housing` only.
    OtherFacilitator,
    /// A coordinator, in no group.
    Coordinator,
}

const EVERYONE: [Who; 5] = [
    Who::Nobody,
    Who::Member,
    Who::Facilitator,
    Who::OtherFacilitator,
    Who::Coordinator,
];

/// A refusal, rendered from the bot's own catalogue.
#[derive(Debug, Clone, Copy)]
enum Refusal {
    /// Only the facilitators of `water-access` (and coordinators).
    FacilitatorsOnly,
    /// Only facilitators of some group (and coordinators).
    FacilitatorsCommand,
    CoordinatorsOnly,
    /// Not in `water-access`.
    NotInGroup,
    NotInAnyGroup,
    NothingStored,
    /// Issue #20: someone who may not act on a comment or survey is told it does not exist,
    /// exactly as for a number nobody used.
    NoComment(i64),
    NoSurvey(SurveyId),
}

impl Refusal {
    const ALL: [Refusal; 6] = [
        Refusal::FacilitatorsOnly,
        Refusal::FacilitatorsCommand,
        Refusal::CoordinatorsOnly,
        Refusal::NotInGroup,
        Refusal::NotInAnyGroup,
        Refusal::NothingStored,
    ];

    fn text(self, texts: &Texts<'_>) -> String {
        let water = GroupSlug::parse("water-access").unwrap();
        match self {
            Refusal::FacilitatorsOnly => texts.facilitators_only(&water),
            Refusal::FacilitatorsCommand => texts.facilitators_only_command(),
            Refusal::CoordinatorsOnly => texts.coordinators_only(),
            Refusal::NotInGroup => texts.not_in_group(&water),
            Refusal::NotInAnyGroup => texts.not_in_any_group(),
            Refusal::NothingStored => texts.nothing_stored(),
            Refusal::NoComment(id) => texts.unknown_comment(CommentId::new(id)),
            Refusal::NoSurvey(id) => texts.survey_unknown(id),
        }
    }
}

/// What one kind of person gets for one command.
#[derive(Debug, Clone, Copy)]
enum Cell {
    /// Allowed: the first answer contains this wording, and no answer is a refusal.
    Ok(&'static str),
    /// Allowed, and the first answer does not contain the second wording.
    OkWithout(&'static str, &'static str),
    /// Refused with exactly this text (one message).
    No(Refusal),
}

use Cell::{No, Ok, OkWithout};
use Refusal::{CoordinatorsOnly, FacilitatorsOnly, NotInAnyGroup, NotInGroup, NothingStored};

/// What the matrix needs of the world it runs in.
struct World {
    /// A comment of the member's in `water-access`.
    comment: i64,
    /// A sent survey of `water-access`.
    survey: SurveyId,
    /// A sent prototype of `water-access` (issue #19: help is offered on prototypes).
    prototype: i64,
    /// An actor of `solo`, a group nobody is in: only coordinators may share it, with nobody.
    actor: i64,
}

/// One command's row: the message sent, and the cells in [`EVERYONE`]'s order: nobody,
/// member, facilitator, facilitator of another group, coordinator. (Rows run in the table's
/// order, /leave last.)
#[rustfmt::skip]
fn row(command: CommandName, world: &World) -> (String, [Cell; 5]) {
    use CommandName as C;
    const F: Cell = No(FacilitatorsOnly);
    const CO: Cell = No(CoordinatorsOnly);
    const NOTHING: Cell = No(NothingStored);
    const WELCOME: Cell = Ok("Welcome to <b>coloop</b>!");
    const BACK: Cell = Ok("Welcome back! You are in 1 working group.");
    const THANKS: Cell = Ok("Thanks — shared with the <b>Water access</b> working group");
    const PAUSED: Cell = Ok("Paused: you will get no posts or questions from any working group");
    const UNPAUSED: Cell = Ok("Nothing was paused.");
    const RESUMED: Cell = Ok("Welcome back — you will get the posts of your working groups again.");
    const MY_DATA: Cell = Ok("Everything coloop keeps about you.");
    const SURE: Cell = Ok("It cannot be undone. Are you sure?");
    const LEFT: Cell = Ok("You left <code>water-access</code>.");
    let text = |t: &str| t.to_owned();
    // The facilitators of water-access and coordinators; the first answer shows `wording`.
    let facilitators = |wording| [F, F, Ok(wording), F, Ok(wording)];
    match command {
        C::Start => (text("/start"), [WELCOME, BACK, BACK, BACK, WELCOME]),
        C::Groups => (text("/groups"), [
            Ok("You are not in a working group yet"),
            Ok("(<code>water-access</code>) — member"),
            Ok("(<code>water-access</code>) — facilitator"),
            Ok("(<code>housing</code>) — facilitator"),
            Ok("(you are a coordinator)"),
        ]),
        C::Help => (text("/help"), [
            Ok("open the invite link your facilitator shared"),
            Ok("/leave &lt;group&gt; — leave a working group"),
            Ok("<b>As a facilitator</b>"),
            Ok("<b>As a facilitator</b>"),
            Ok("<b>As a coordinator</b>"),
        ]),
        C::Leave => (text("/leave water-access"),
            [No(NotInGroup), LEFT, LEFT, No(NotInGroup), No(NotInGroup)]),
        C::Invite => (text("/invite water-access"), [
            F,
            F,
            OkWithout("<b>Member invite link</b>", "Facilitator invite link"),
            F,
            Ok("<b>Facilitator invite link</b>"),
        ]),
        C::Outcome => (text("/outcome water-access Session 2\nDetails."),
            facilitators("<b>Session outcome · Water access</b>")),
        C::Prototype => (text("/prototype water-access sme Tank loans\nDetails."),
            facilitators("<b>Prototype · Water access</b>")),
        C::Status => (text("/status water-access"),
            facilitators("<b>Latest posts · Water access</b>")),
        C::Comment => (text("/comment water-access Good idea"), [
            No(NotInAnyGroup),
            THANKS,
            THANKS,
            // Not in water-access: the first word is read as text, for her only group.
            Ok("Thanks — shared with the <b>Housing</b> working group"),
            No(NotInAnyGroup),
        ]),
        C::Ask => (text("/ask water-access Where should the tanks go?"),
            facilitators("<b>A question from the Water access working group</b>")),
        C::Comments => (text("/comments water-access"),
            facilitators("<b>Latest comments · Water access</b>")),
        C::Hide => {
            let no = No(Refusal::NoComment(world.comment));
            (format!("/hide {}", world.comment),
                [no, no, Ok("is hidden from lists and digests"), no, Ok("is hidden from lists and digests")])
        }
        C::Link => (text("/link water-access"),
            facilitators("Linked: what the <b>Water access</b> working group shares")),
        C::Unlink => (text("/unlink"),
            facilitators("Unlinked: working group posts will no longer appear here")),
        // A coordinator in no group is no person coloop keeps anything about.
        C::Stop => (text("/stop"), [NOTHING, PAUSED, PAUSED, PAUSED, NOTHING]),
        C::Resume => (text("/resume"), [UNPAUSED, RESUMED, RESUMED, RESUMED, UNPAUSED]),
        C::Language => (text("/language"), [Ok("Which language should I write to you in?"); 5]),
        C::Privacy => (text("/privacy"), [Ok("<b>What coloop keeps about you, and why</b>"); 5]),
        C::MyData => (text("/mydata"), [NOTHING, MY_DATA, MY_DATA, MY_DATA, NOTHING]),
        C::Forget => (text("/forget"), [NOTHING, SURE, SURE, SURE, NOTHING]),
        C::Survey => (text("/survey water-access Quick\nyesno: Ok?"),
            facilitators("📋 <b>Survey · Water access</b>")),
        // The coordinator comes after the facilitator, who closed it.
        C::CloseSurvey => {
            let no = No(Refusal::NoSurvey(world.survey));
            (format!("/closesurvey {}", world.survey),
                [no, no, Ok("“Tanks” is closed"), no, Ok("was already closed")])
        }
        C::Digest => (text("/digest water-access"),
            facilitators("📊 <b>Feedback digest · Water access</b>")),
        C::Export => (text("/export"), [CO, CO, CO, CO, Ok("Comments · all working groups (CSV)")]),
        C::NewGroup => (text("/newgroup made-here A new group"),
            [CO, CO, CO, CO, Ok("Created the <b>A new group</b> working group")]),
        C::Members => (text("/members water-access"), facilitators("<b>People · Water access</b>")),
        C::Remove => (text("/remove water-access"),
            facilitators("Whom should I remove from <b>Water access</b>?")),
        C::Promote => (text("/promote water-access"),
            facilitators("Whom should I make a facilitator of <b>Water access</b>?")),
        C::Demote => (text("/demote water-access"),
            [CO, CO, CO, CO, Ok("Which facilitator of <b>Water access</b> should become a member?")]),
        // The facilitator replaces the member link at once; the coordinator chooses.
        C::Rotate => (text("/rotate water-access"),
            [F, F, Ok("New invite link(s) for <b>Water access</b>"), F,
             Ok("Which invite link of <b>Water access</b> should I replace?")]),
        C::Archive => (text("/archive water-access"),
            [CO, CO, CO, CO, Ok("Archive <b>Water access</b>? Then:")]),
        C::Unarchive => (text("/unarchive water-access"),
            [CO, CO, CO, CO, Ok("<b>Water access</b> is not archived.")]),
        C::Audit => (text("/audit water-access"), facilitators("<b>Audit · Water access</b>")),
        // Issue #21: no HTTP server runs in this test, and /web says so.
        C::Web => {
            const NO: Cell = No(Refusal::FacilitatorsCommand);
            const SERVER: Cell = Ok("The dashboard is served by coloop's HTTP server");
            (text("/web"), [NO, NO, SERVER, SERVER, SERVER])
        }
        // Issue #19: the prototype's group only; to anyone else it does not exist.
        C::HelpWith => {
            const UNKNOWN: Cell = Ok("in your working groups.");
            const THANK: Cell = Ok("Thank you for offering to help with <b>Tank loans</b>");
            (format!("/help_with {}", world.prototype), [UNKNOWN, THANK, THANK, UNKNOWN, UNKNOWN])
        }
        // After /help_with (the table's order): those who offered see their offer.
        C::Offers => {
            const NONE: Cell = Ok("You have not offered help with anything.");
            const MINE: Cell = Ok("<b>Your offers of help</b> (1)");
            (text("/offers"), [NONE, MINE, MINE, NONE, NONE])
        }
        C::Volunteers => (text("/volunteers water-access"),
            facilitators("<b>Volunteers · Water access</b> (2, newest first)")),
        // Mia and Fede offered help: nobody for Fede to introduce Mia to; both for Carla.
        C::Introduce => (text("/introduce water-access"), [F, F,
            Ok("has offered help and agreed to be introduced yet"), F,
            Ok("Whom should I introduce to each other in <b>Water access</b>?")]),
        C::Actor => (text("/actor add water-access Agua Viva\noffers: Water tests"),
            facilitators("<b>Agua Viva</b> added to <b>Water access</b>")),
        C::Actors => (text("/actors water-access"),
            facilitators("<b>Other actors · Water access</b> (2)")),
        C::ShareActor => {
            const UNKNOWN: Cell = Ok("in your groups.");
            (format!("/share_actor {}", world.actor),
                [UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, Ok("📣 Shared <b>Solo NGO</b> with 0 members")])
        }
        C::Profile => (text("/profile I fix bikes"), [No(NotInAnyGroup),
            Ok("You are listed in who's who"), Ok("You are listed in who's who"),
            Ok("You are listed in who's who"), No(NotInAnyGroup)]),
        C::People => (text("/people water-access"), [No(NotInGroup),
            Ok("<b>Who's who · Water access</b> (2)"), Ok("<b>Who's who · Water access</b> (2)"),
            No(NotInGroup), No(NotInGroup)]),
    }
}

/// A chat the matrix talks in, and its sentinel: a message whose answer is known, sent after
/// each try. The bot answers one chat's messages in order, so what comes before the sentinel's
/// answer is all of the try's.
struct Chat {
    id: i64,
    sentinel: &'static str,
    answer: String,
    /// Who sends the sentinel: the person trying, or (in a group chat, where the answer to a
    /// wrong `/link` depends on the sender's rights) always the same coordinator.
    sentinel_from: Option<i64>,
}

impl Chat {
    /// The texts (or captions) of everything `from` got for `text` here.
    async fn answers(&self, app: &TestApp, from: i64, text: &str) -> Vec<String> {
        let before = app.tg.messages_in(self.id).len();
        app.tg.send_text(from, self.id, text);
        app.tg
            .send_text(self.sentinel_from.unwrap_or(from), self.id, self.sentinel);
        let answered = app
            .tg
            .wait_until(PATIENCE, |tg| {
                tg.messages_in(self.id)[before..]
                    .iter()
                    .any(|m| m.source_text.as_deref() == Some(&self.answer))
            })
            .await;
        let mut answers: Vec<String> = app.tg.messages_in(self.id)[before..]
            .iter()
            .map(|m| m.source_text.clone().unwrap_or_default())
            .collect();
        assert!(answered, "{text:?} in chat {}: {answers:#?}", self.id);
        assert_eq!(
            answers.pop().as_ref(),
            Some(&self.answer),
            "{text:?}: something came after the sentinel's answer"
        );
        answers
    }
}

/// `/name@bot rest`: a command addressed to this bot by name.
fn addressed(text: &str) -> String {
    let at = text.find(char::is_whitespace).unwrap_or(text.len());
    format!("{}@{BOT_USERNAME}{}", &text[..at], &text[at..])
}

/// Sends the outcome and the survey the matrix's world needs: the first survey of the
/// database.
async fn sent_post_and_survey(app: &TestApp, fede: &Person<'_>) -> SurveyId {
    let (_, control) = fede
        .previews("/outcome water-access Session 1\nDetails.", 1)
        .await;
    fede.presses(&control, "Send").await;
    fede.edited_message(control.message_id).await;
    fede.sends("/survey water-access Tanks\nyesno: Build them?");
    fede.next_reply().await;
    fede.next_reply().await;
    let control = fede.next_reply().await;
    fede.presses(&control, "Send").await;
    fede.edited_message(control.message_id).await;
    let first = SurveyId::new(1);
    assert!(app.store.survey(first).await.unwrap().is_some());
    first
}

#[tokio::test]
async fn every_command_by_role() {
    let app = TestApp::spawn().await;
    let catalogues = Catalogues::embedded().expect("the catalogues");
    let texts = catalogues.texts("en");
    let water = app.group("water-access", "Water access").await;
    let housing = app.group("housing", "Housing").await;
    let people: Vec<(Who, Person<'_>)> = vec![
        (Who::Nobody, app.user("Nadia")),
        (Who::Member, app.member_of("Mia", &water).await),
        (Who::Facilitator, app.facilitator_of("Fede", &water).await),
        (
            Who::OtherFacilitator,
            app.facilitator_of("Olga", &housing).await,
        ),
        (Who::Coordinator, app.coordinator("Carla").await),
    ];
    assert_eq!(
        people.iter().map(|(who, _)| *who).collect::<Vec<_>>(),
        EVERYONE
    );
    let person = |who: Who| &people.iter().find(|(w, _)| *w == who).unwrap().1;
    let (mia, fede) = (person(Who::Member), person(Who::Facilitator));

    mia.says("/comment water-access The tanks are too far")
        .await;
    let comment = app.store.list_comments(water.id, None, 10).await.unwrap()[0].id;
    let survey = sent_post_and_survey(&app, fede).await;
    let (_, control) = fede
        .previews("/prototype water-access sme Tank loans\nDetails.", 1)
        .await;
    fede.presses(&control, "Send").await;
    fede.edited_message(control.message_id).await;
    app.outbox_drained(PATIENCE).await;
    let solo = app.group("solo", "Solo").await;
    let actor = app
        .store
        .add_actor(
            solo.id,
            &coloop_core::command::NewActor {
                group: GroupSlug::parse("solo").unwrap(),
                name: coloop_core::domain::ActorName::parse("Solo NGO").unwrap(),
                offers: None,
                contact: None,
                category: None,
            },
            person(Who::Coordinator).telegram_id(),
            Utc::now(),
        )
        .await
        .unwrap();
    let world = World {
        comment: comment.get(),
        survey,
        prototype: 2,
        actor,
    };
    let private = |id| Chat {
        id,
        sentinel: "/sentinel",
        answer: texts.unknown_command("sentinel"),
        sentinel_from: None,
    };
    let group = Chat {
        id: app.tg.add_group("Barrio", false),
        sentinel: "/link@coloop_test_bot x",
        answer: texts.bad_input(&ParseError::BadSlug(CommandName::Link, SlugError::TooShort)),
        sentinel_from: Some(person(Who::Coordinator).id),
    };
    let refusals: Vec<String> = Refusal::ALL.iter().map(|r| r.text(&texts)).collect();

    // /leave last: it changes who is in the group.
    let mut commands = CommandName::ALL.to_vec();
    commands.sort_by_key(|c| *c == CommandName::Leave);
    for command in commands {
        let (text, cells) = row(command, &world);
        let name = text.split([' ', '\n']).next().unwrap_or_default();
        assert_eq!(
            name,
            format!("/{}", command.as_str()),
            "the row of {command:?}"
        );
        for (cell, who) in cells.into_iter().zip(EVERYONE) {
            let from = person(who).id;
            let shown = match command.place() {
                Place::PrivateChat => private(from).answers(&app, from, &text).await,
                Place::GroupChat => {
                    // Linked to water-access before each try (an allowed /unlink undoes it).
                    let by = fede.telegram_id();
                    app.store
                        .link_chat(water.id, group.id, None, "Barrio", by, Utc::now())
                        .await
                        .unwrap();
                    group.answers(&app, from, &text).await
                }
            };
            let first = shown.first().map(String::as_str).unwrap_or_default();
            match cell {
                No(refusal) => assert_eq!(
                    shown,
                    [refusal.text(&texts)],
                    "{who:?} {text}: expected {refusal:?}"
                ),
                Ok(wording) | OkWithout(wording, _) => {
                    assert!(
                        !shown.iter().any(|s| refusals.contains(s)),
                        "{who:?} {text}: refused: {shown:?}"
                    );
                    assert!(
                        first.contains(wording),
                        "{who:?} {text}: expected {wording:?}, got {shown:?}"
                    );
                    if let OkWithout(_, never) = cell {
                        assert!(
                            !first.contains(never),
                            "{who:?} {text}: must not see {never:?}: {first:?}"
                        );
                    }
                }
            }
        }
    }
    // Only the coordinator's /newgroup created a group (beside the world's three).
    assert_eq!(app.store.count_groups().await.unwrap(), 4);

    // Every command in the other kind of chat, by the coordinator: pointed to the right one.
    let carla = person(Who::Coordinator).id;
    for command in CommandName::ALL {
        let (text, _) = row(command, &world);
        let (shown, expected) = match command.place() {
            Place::PrivateChat => (
                group.answers(&app, carla, &addressed(&text)).await,
                texts.private_only(BOT_USERNAME),
            ),
            Place::GroupChat => (
                private(carla).answers(&app, carla, &text).await,
                texts.link_in_a_group(),
            ),
        };
        assert_eq!(shown, [expected], "{text} in the wrong chat");
    }
}
