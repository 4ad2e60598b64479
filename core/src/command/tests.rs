use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::domain::{
    Category, CommentId, GroupId, GroupName, GroupSlug, InviteCode, LanguageCode, PostContent,
    PostId, PostKey, PostTitle, PrototypeStatus, SlugError, Summary, SurveyId, TextError,
};

fn p(text: &str) -> Option<Result<Command, ParseError>> {
    parse(text, "coloop_bot")
}

fn slug(s: &str) -> GroupSlug {
    GroupSlug::parse(s).unwrap()
}

#[test]
fn the_table_names_each_command_once_and_parses_it_as_itself() {
    let mut names: Vec<&str> = CommandName::ALL.iter().map(|c| c.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), CommandName::ALL.len(), "a name is used twice");
    for command in CommandName::ALL {
        let name = command.as_str();
        assert_eq!(name, name.to_ascii_lowercase(), "{command:?}");
        assert_eq!(CommandName::from_name(name), Some(command));
        // Bare, and with arguments enough for every command: either way the parsed command
        // (or the complaint) is this one.
        for text in [
            format!("/{name}"),
            format!("/{name} water-access 7 Title\nline: one\nBody"),
        ] {
            match p(&text) {
                Some(Ok(parsed)) => {
                    assert_eq!(parsed.name(), Some(command), "{text}");
                    assert_eq!(parsed.as_str(), name, "{text}");
                }
                Some(Err(problem)) => assert_eq!(problem.command(), command, "{text}"),
                None => panic!("{text} is not a command"),
            }
        }
    }
    assert_eq!(CommandName::from_name("frobnicate"), None);
    assert_eq!(p("/Frobnicate").unwrap().unwrap().name(), None);
    assert_eq!(p("/Frobnicate").unwrap().unwrap().as_str(), "frobnicate");
}

#[test]
fn the_menu_and_the_places_come_from_the_table() {
    let menu: Vec<&str> = CommandName::menu().map(CommandName::as_str).collect();
    assert_eq!(menu.first(), Some(&"start"));
    assert_eq!(menu.len(), CommandName::ALL.len());
    for command in CommandName::ALL {
        let place = if matches!(command, CommandName::Link | CommandName::Unlink) {
            Place::GroupChat
        } else {
            Place::PrivateChat
        };
        assert_eq!(command.place(), place, "{command:?}");
    }
}

#[test]
fn plain_text_is_not_a_command() {
    assert_eq!(p("hello"), None);
    assert_eq!(p(""), None);
    assert_eq!(p("/"), None);
    assert_eq!(p("/ start"), None);
}

#[test]
fn start_with_and_without_code() {
    assert_eq!(p("/start"), Some(Ok(Command::Start(StartArg::None))));
    assert_eq!(
        p("/start abc_DEF-1"),
        Some(Ok(Command::Start(StartArg::Code(
            InviteCode::parse("abc_DEF-1").unwrap()
        ))))
    );
    assert_eq!(
        p("/start a=b"),
        Some(Ok(Command::Start(StartArg::Malformed)))
    );
    assert_eq!(
        p("/start abc def"),
        Some(Ok(Command::Start(StartArg::Malformed)))
    );
    assert_eq!(
        p(&format!("/start {}", "a".repeat(65))),
        Some(Ok(Command::Start(StartArg::Malformed)))
    );
}

#[test]
fn addressed_commands() {
    assert_eq!(p("/help@coloop_bot"), Some(Ok(Command::Help)));
    assert_eq!(p("/help@Coloop_Bot"), Some(Ok(Command::Help)));
    assert_eq!(p("/help@other_bot"), None);
    assert_eq!(p("/HELP"), Some(Ok(Command::Help)));
}

#[test]
fn addressed_to_this_bot() {
    assert!(is_addressed_to("/help@coloop_bot", "coloop_bot"));
    assert!(is_addressed_to("/link@Coloop_Bot water", "coloop_bot"));
    assert!(!is_addressed_to("/help", "coloop_bot"));
    assert!(!is_addressed_to("/help@other_bot", "coloop_bot"));
    assert!(!is_addressed_to("hello @coloop_bot", "coloop_bot"));
}

#[test]
fn unknown_commands_are_values() {
    assert_eq!(
        p("/frobnicate now"),
        Some(Ok(Command::Unknown("frobnicate".into())))
    );
}

#[test]
fn group_arguments() {
    assert_eq!(
        p("/leave water-access"),
        Some(Ok(Command::Leave(slug("water-access"))))
    );
    assert_eq!(
        p("/invite Water-Access"),
        Some(Ok(Command::Invite(slug("water-access"))))
    );
    assert_eq!(
        p("/invite"),
        Some(Err(ParseError::MissingArgument(CommandName::Invite)))
    );
    assert_eq!(
        p("/invite abc def"),
        Some(Err(ParseError::TooManyArguments(CommandName::Invite)))
    );
    assert_eq!(
        p("/leave no"),
        Some(Err(ParseError::BadSlug(
            CommandName::Leave,
            SlugError::TooShort
        )))
    );
}

#[test]
fn newgroup_takes_slug_name_and_body() {
    let parsed =
        p("/newgroup water-access Water  access for all\nSafe water within 200 m.\nSecond line.");
    assert_eq!(
        parsed,
        Some(Ok(Command::NewGroup {
            slug: slug("water-access"),
            name: GroupName::parse("Water access for all").unwrap(),
            challenge: Challenge::parse("Safe water within 200 m.\nSecond line.").unwrap(),
        }))
    );
    assert_eq!(
        p("/newgroup water-access"),
        Some(Err(ParseError::MissingArgument(CommandName::NewGroup)))
    );
    assert_eq!(
        p("/newgroup"),
        Some(Err(ParseError::MissingArgument(CommandName::NewGroup)))
    );
    assert!(matches!(
        p(&format!("/newgroup abc {}", "n".repeat(101))),
        Some(Err(ParseError::BadName(
            CommandName::NewGroup,
            TextError::TooLong { .. }
        )))
    ));
}

#[test]
fn outcome_with_and_without_date() {
    let parsed = p(
        "/outcome water-access Session 3: rain tanks\ndate: 2026-11-20\nWe agreed on three tanks.\n\nNext: costs.",
    );
    let Some(Ok(Command::Broadcast { group, content, .. })) = parsed else {
        panic!("{parsed:?}")
    };
    assert_eq!(group, slug("water-access"));
    assert_eq!(
        content,
        PostContent::Outcome {
            title: PostTitle::parse("Session 3: rain tanks").unwrap(),
            session_date: NaiveDate::from_ymd_opt(2026, 11, 20),
            summary: Summary::parse("We agreed on three tanks.\n\nNext: costs.").unwrap(),
        }
    );
    let Some(Ok(Command::Broadcast {
        content: PostContent::Outcome { session_date, .. },
        ..
    })) = p("/outcome water-access Title\nA summary: with a colon.")
    else {
        panic!()
    };
    assert_eq!(session_date, None);
    let Some(Ok(Command::Broadcast { content, .. })) =
        p("/outcome water-access T\nStatus: all built.")
    else {
        panic!()
    };
    assert_eq!(content.summary().as_str(), "Status: all built.");
    assert!(matches!(
        p("/outcome water-access Title\ndate: 20/11/2026\nx"),
        Some(Err(ParseError::BadDate(..)))
    ));
    assert!(matches!(
        p("/outcome water-access Title"),
        Some(Err(ParseError::BadSummary(_, TextError::Empty)))
    ));
    assert!(matches!(
        p("/outcome water-access\nbody"),
        Some(Err(ParseError::MissingArgument(CommandName::Outcome)))
    ));
    assert!(matches!(
        p("/outcome"),
        Some(Err(ParseError::MissingArgument(CommandName::Outcome)))
    ));
}

#[test]
fn answers_lines_name_earlier_posts() {
    let Some(Ok(Command::Broadcast {
        answers, content, ..
    })) = p("/outcome water-access We built it\nanswers: 12, #15\nThe tanks are up.")
    else {
        panic!()
    };
    assert_eq!(answers, vec![PostId::new(12), PostId::new(15)]);
    assert_eq!(content.summary().as_str(), "The tanks are up.");
    let Some(Ok(Command::Broadcast { answers, .. })) =
        p("/prototype water-access sme Loans\nstatus: testing\nanswers: 3\nBody")
    else {
        panic!()
    };
    assert_eq!(answers, vec![PostId::new(3)]);
    assert!(matches!(
        p("/outcome water-access T\nanswers: soon\nBody"),
        Some(Err(ParseError::BadNumber(..)))
    ));
    assert!(matches!(
        p("/outcome water-access T\nanswers:\nBody"),
        Some(Err(ParseError::BadNumber(..)))
    ));
}

#[test]
fn prototype_with_category_status_and_summary() {
    let parsed = p(
        "/prototype water-access public-service Water kiosks\nstatus: Testing\nTwo kiosks run by the council.",
    );
    let Some(Ok(Command::Broadcast { content, .. })) = parsed else {
        panic!("{parsed:?}")
    };
    assert_eq!(
        content,
        PostContent::Prototype {
            title: PostTitle::parse("Water kiosks").unwrap(),
            category: Category::PublicService,
            status: PrototypeStatus::Testing,
            summary: Summary::parse("Two kiosks run by the council.").unwrap(),
        }
    );
    let Some(Ok(Command::Broadcast {
        content: PostContent::Prototype { status, .. },
        ..
    })) = p("/prototype water-access sme Tank loans\nMicro-loans for tanks.")
    else {
        panic!()
    };
    assert_eq!(status, PrototypeStatus::Idea);
    assert_eq!(
        p("/prototype water-access business X\nbody"),
        Some(Err(ParseError::BadCategory(
            CommandName::Prototype,
            "business".into()
        )))
    );
    assert_eq!(
        p("/prototype water-access sme X\nstatus: done\nbody"),
        Some(Err(ParseError::BadStatus(
            CommandName::Prototype,
            "done".into()
        )))
    );
    assert!(matches!(
        p("/prototype water-access sme\nbody"),
        Some(Err(ParseError::MissingArgument(_)))
    ));
}

#[test]
fn comment_keeps_both_readings() {
    assert_eq!(
        p("/comment water-access The tanks are too far."),
        Some(Ok(Command::Comment {
            group: Some(slug("water-access")),
            rest: "The tanks are too far.".into(),
            text: "water-access The tanks are too far.".into(),
        }))
    );
    assert_eq!(
        p("/comment ¡Muy bien!"),
        Some(Ok(Command::Comment {
            group: None,
            rest: "bien!".into(),
            text: "¡Muy bien!".into()
        })),
    );
    assert!(matches!(
        p("/comment water-access"),
        Some(Ok(Command::Comment { group: None, .. }))
    ));
    assert_eq!(
        p("/comment"),
        Some(Err(ParseError::MissingArgument(CommandName::Comment)))
    );
    assert_eq!(
        p("/comment   \n  "),
        Some(Err(ParseError::MissingArgument(CommandName::Comment)))
    );
}

#[test]
fn digest_and_export() {
    assert_eq!(
        p("/digest"),
        Some(Ok(Command::Digest {
            group: None,
            days: None
        }))
    );
    assert_eq!(
        p("/digest 30"),
        Some(Ok(Command::Digest {
            group: None,
            days: Some(30)
        }))
    );
    assert_eq!(
        p("/digest water-access 14"),
        Some(Ok(Command::Digest {
            group: Some(slug("water-access")),
            days: Some(14)
        }))
    );
    assert!(matches!(
        p("/digest water-access 0"),
        Some(Err(ParseError::BadNumber(..)))
    ));
    assert!(matches!(
        p("/digest 7 water-access"),
        Some(Err(ParseError::TooManyArguments(_)))
    ));
    assert_eq!(p("/export"), Some(Ok(Command::Export(None))));
    assert_eq!(
        p("/export water-access"),
        Some(Ok(Command::Export(Some(slug("water-access")))))
    );
}

#[test]
fn stop_and_resume() {
    assert_eq!(p("/stop"), Some(Ok(Command::Stop(None))));
    assert_eq!(
        p("/stop water-access"),
        Some(Ok(Command::Stop(Some(slug("water-access")))))
    );
    assert_eq!(p("/resume"), Some(Ok(Command::Resume(None))));
    for word in ["stop", "STOP", " Stop! ", "stop."] {
        assert!(is_stop_word(word), "{word}");
    }
    for not in ["stop it", "don't stop", "stopped", "bus stop", ""] {
        assert!(!is_stop_word(not), "{not}");
    }
}

#[test]
fn link_and_unlink() {
    assert_eq!(
        p("/link@coloop_bot water-access"),
        Some(Ok(Command::Link(slug("water-access"))))
    );
    assert_eq!(
        p("/link"),
        Some(Err(ParseError::MissingArgument(CommandName::Link)))
    );
    assert_eq!(p("/unlink"), Some(Ok(Command::Unlink)));
}

#[test]
fn comments_hide_and_ask() {
    assert_eq!(
        p("/comments water-access"),
        Some(Ok(Command::Comments {
            group: slug("water-access"),
            post: None
        }))
    );
    assert_eq!(
        p("/comments water-access #12"),
        Some(Ok(Command::Comments {
            group: slug("water-access"),
            post: Some(PostId::new(12))
        }))
    );
    assert!(matches!(
        p("/comments water-access x"),
        Some(Err(ParseError::BadNumber(..)))
    ));
    assert_eq!(p("/hide 7"), Some(Ok(Command::Hide(CommentId::new(7)))));
    assert!(matches!(
        p("/hide"),
        Some(Err(ParseError::MissingArgument(CommandName::Hide)))
    ));
    let Some(Ok(Command::Broadcast { content, .. })) =
        p("/ask water-access Where should the tanks go?\nThink of the school.")
    else {
        panic!()
    };
    assert_eq!(content.title().as_str(), "Where should the tanks go?");
    assert_eq!(
        content.summary().as_str(),
        "Where should the tanks go?\nThink of the school."
    );
    assert!(matches!(
        p("/ask water-access"),
        Some(Err(ParseError::BadSummary(..)))
    ));
}

#[test]
fn language_takes_no_arguments() {
    assert_eq!(p("/language"), Some(Ok(Command::Language)));
    assert_eq!(p("/Language@coloop_bot"), Some(Ok(Command::Language)));
    assert_eq!(
        p("/language es"),
        Some(Err(ParseError::TooManyArguments(CommandName::Language)))
    );
}

#[test]
fn status_with_and_without_group() {
    assert_eq!(p("/status"), Some(Ok(Command::Status(None))));
    assert_eq!(
        p("/status water-access"),
        Some(Ok(Command::Status(Some(slug("water-access")))))
    );
}

#[test]
fn callbacks_round_trip_and_fit_telegram() {
    let code = InviteCode::generate();
    let key = PostKey::generate();
    for cb in [
        Callback::AboutPost(CommentId::new(i64::MAX), PostId::new(i64::MAX)),
        Callback::AboutGroup(CommentId::new(12), GroupId::new(i64::MAX)),
        Callback::Anonymous(CommentId::new(i64::MAX)),
        Callback::ForgetConfirm,
        Callback::ForgetCancel,
        Callback::Consent(code),
        Callback::Decline,
        Callback::RenewConsent(crate::CONSENT_VERSION),
        Callback::RenewConsent(i64::MAX),
        Callback::Send(key.clone()),
        Callback::Cancel(key),
        Callback::Language(LanguageCode::parse("es").unwrap()),
        Callback::Language(LanguageCode::parse(&"x".repeat(LanguageCode::MAX_LEN)).unwrap()),
        Callback::SendSurvey(PostKey::generate()),
        Callback::CancelSurvey(PostKey::generate()),
        Callback::ContinueSurvey(SurveyId::new(i64::MAX)),
        Callback::MembersPage(GroupId::new(i64::MAX), u16::MAX),
        Callback::Pick {
            what: crate::command::PickWhat::Remove,
            group: GroupId::new(i64::MAX),
            person: crate::domain::PersonId::new(i64::MAX),
        },
        Callback::PickPage {
            what: crate::command::PickWhat::Demote,
            group: GroupId::new(3),
            page: 2,
        },
        Callback::ConfirmRemove(
            GroupId::new(i64::MAX),
            crate::domain::PersonId::new(i64::MAX),
        ),
        Callback::Rotate(GroupId::new(4), None),
        Callback::Rotate(GroupId::new(4), Some(crate::domain::Role::Facilitator)),
        Callback::ConfirmArchive(GroupId::new(i64::MAX)),
        Callback::Dismiss,
        Callback::RetryFailed(PostId::new(i64::MAX)),
        Callback::RetryFailed(PostId::new(1)),
        Callback::HelpWith(PostId::new(i64::MAX)),
        Callback::OfferSkip(crate::domain::OfferId::new(i64::MAX)),
        Callback::OfferContact(
            crate::domain::OfferId::new(i64::MAX),
            crate::domain::ContactConsent::FacilitatorOnly,
        ),
        Callback::OfferContact(
            crate::domain::OfferId::new(1),
            crate::domain::ContactConsent::Introduce,
        ),
        Callback::WithdrawOffer(crate::domain::OfferId::new(i64::MAX)),
        Callback::IntroPick {
            intro: crate::domain::IntroductionId::new(i64::MAX),
            person: crate::domain::PersonId::new(i64::MAX),
            on: true,
        },
        Callback::IntroPick {
            intro: crate::domain::IntroductionId::new(1),
            person: crate::domain::PersonId::new(2),
            on: false,
        },
        Callback::IntroPickActor {
            intro: crate::domain::IntroductionId::new(i64::MAX),
            actor: i64::MAX,
            on: true,
        },
        Callback::IntroNext(crate::domain::IntroductionId::new(i64::MAX)),
        Callback::IntroCancel(crate::domain::IntroductionId::new(3)),
        Callback::IntroAnswer(crate::domain::IntroductionId::new(i64::MAX), true),
        Callback::IntroAnswer(crate::domain::IntroductionId::new(4), false),
        Callback::RelayEnd(crate::domain::RelayId::new(i64::MAX)),
        Callback::ContactPerson(
            GroupId::new(i64::MAX),
            crate::domain::PersonId::new(i64::MAX),
        ),
        Callback::Answer {
            survey: SurveyId::new(i64::MAX),
            question: 9,
            press: Press::Toggle {
                option: 9,
                on: false,
            },
        },
        Callback::Answer {
            survey: SurveyId::new(1),
            question: 0,
            press: Press::Rating(5),
        },
        Callback::Answer {
            survey: SurveyId::new(2),
            question: 3,
            press: Press::Choice(0),
        },
        Callback::Answer {
            survey: SurveyId::new(2),
            question: 3,
            press: Press::Yes,
        },
        Callback::Answer {
            survey: SurveyId::new(2),
            question: 3,
            press: Press::No,
        },
        Callback::Answer {
            survey: SurveyId::new(2),
            question: 3,
            press: Press::Done,
        },
    ] {
        let data = cb.encode();
        assert!(data.len() <= 64, "{data} is over 64 bytes");
        assert_eq!(Callback::parse(&data), Some(cb));
    }
    assert_eq!(Callback::parse("consent:"), None);
    assert_eq!(Callback::parse("consent:a b"), None);
    assert_eq!(Callback::parse("decline:x"), None);
    assert_eq!(Callback::parse("nonsense"), None);
    assert_eq!(Callback::parse("lang:"), None);
    // Forged survey buttons: out-of-range ratings, options, questions; junk.
    for forged in [
        "sv:1:0:r0",
        "sv:1:0:r6",
        "sv:1:0:c10",
        "sv:1:10:y",
        "sv:0:0:y",
        "sv:-1:0:y",
        "sv:1:0:m1",
        "sv:1:0:m1*",
        "sv:1:0:y:extra",
        "sv:1:0:yy",
        "sv:+1:0:y",
        "svgo:",
        "svgo:x",
        "refail:",
        "refail:0",
        "refail:-3",
        "refail:+3",
        "refail:03",
        "refail:#3",
        "help:",
        "help:0",
        "help:-2",
        "ofc:3:x",
        "ofc:3",
        "ofc:0:i",
        "ofw:x",
        "ofskip:",
        "inp:1:2",
        "inp:1:2:2",
        "inp:1:0:1",
        "inp:1:2:1:x",
        "inpa:1:0:1",
        "ina:1:maybe",
        "ina:0:y",
        "inx:",
        "rle:-1",
        "pc:1",
        "pc:0:2",
        "pc:1:x",
    ] {
        assert_eq!(Callback::parse(forged), None, "{forged}");
    }
    assert_eq!(Callback::parse("lang:ES"), None);
    assert_eq!(Callback::parse("lang:e s"), None);
    assert_eq!(
        Callback::parse("lang:xx"),
        Some(Callback::Language(LanguageCode::parse("xx").unwrap()))
    );
}

proptest! {
    #[test]
    fn parse_never_panics(text in "\\PC{0,200}") {
        let _ = parse(&text, "coloop_bot");
        let _ = Callback::parse(&text);
    }

    #[test]
    fn slash_words_are_always_commands(name in "[a-z]{1,12}", args in "[ a-z0-9-]{0,40}") {
        let text = format!("/{name} {args}");
        prop_assert!(parse(&text, "coloop_bot").is_some());
    }
}

#[test]
fn group_composition_commands() {
    let p = |t: &str| parse(t, "coloop_bot");
    assert_eq!(
        p("/remove water-access Ana María"),
        Some(Ok(Command::Remove {
            group: slug("water-access"),
            name: Some("Ana María".into())
        }))
    );
    assert_eq!(
        p("/promote water-access"),
        Some(Ok(Command::Promote {
            group: slug("water-access"),
            name: None
        }))
    );
    assert_eq!(
        p("/invite water-access expires 7d uses 50"),
        Some(Ok(Command::InviteLimited {
            group: slug("water-access"),
            expires_days: Some(7),
            uses: Some(50)
        }))
    );
    assert_eq!(
        p("/invite water-access"),
        Some(Ok(Command::Invite(slug("water-access"))))
    );
    assert!(matches!(
        p("/invite water-access uses lots"),
        Some(Err(ParseError::BadNumber(..)))
    ));
    assert!(matches!(
        p("/invite water-access forever 2"),
        Some(Err(ParseError::TooManyArguments(..)))
    ));
    assert_eq!(
        p("/archive water-access\nThank you all!"),
        Some(Ok(Command::Archive {
            group: slug("water-access"),
            farewell: Some("Thank you all!".into())
        }))
    );
    assert_eq!(
        p("/audit water-access 30"),
        Some(Ok(Command::Audit {
            group: slug("water-access"),
            days: Some(30)
        }))
    );
}

#[test]
fn web_signs_in_or_out() {
    assert_eq!(p("/web"), Some(Ok(Command::Web(WebAction::SignIn))));
    assert_eq!(p("/web LOGOUT"), Some(Ok(Command::Web(WebAction::SignOut))));
    for bad in ["/web please", "/web logout now"] {
        assert_eq!(
            p(bad),
            Some(Err(ParseError::TooManyArguments(CommandName::Web))),
            "{bad}"
        );
    }
}

/// Issue #19: offering help, and who offered it.
#[test]
fn help_with_offers_and_volunteers() {
    use crate::command::ParseError as E;
    assert_eq!(
        p("/help_with 12"),
        Some(Ok(Command::HelpWith(PostId::new(12))))
    );
    assert_eq!(
        p("/help_with #12"),
        Some(Ok(Command::HelpWith(PostId::new(12))))
    );
    assert_eq!(
        p("/help_with"),
        Some(Err(E::MissingArgument(CommandName::HelpWith)))
    );
    assert_eq!(
        p("/help_with 0"),
        Some(Err(E::BadNumber(CommandName::HelpWith, "0".into())))
    );
    assert_eq!(
        p("/help_with 3 4"),
        Some(Err(E::TooManyArguments(CommandName::HelpWith)))
    );
    assert_eq!(p("/offers"), Some(Ok(Command::Offers)));
    assert_eq!(
        p("/volunteers water-access"),
        Some(Ok(Command::Volunteers {
            group: slug("water-access"),
            post: None
        }))
    );
    assert_eq!(
        p("/volunteers water-access 7"),
        Some(Ok(Command::Volunteers {
            group: slug("water-access"),
            post: Some(PostId::new(7))
        }))
    );
    assert_eq!(
        p("/volunteers water-access x"),
        Some(Err(E::BadNumber(CommandName::Volunteers, "x".into())))
    );
    assert_eq!(
        p("/volunteers"),
        Some(Err(E::MissingArgument(CommandName::Volunteers)))
    );
}

/// Issue #19: other actors and who's who.
#[test]
fn actors_and_profiles() {
    use crate::command::{NewActor, ParseError as E, ProfileArg};
    use crate::domain::{ActorContact, ActorName, ActorOffers, Category, ProfileLine};
    assert_eq!(
        p(
            "/actor add water-access Agua Viva NGO\noffers: Free water tests\ncontact: info@aguaviva.org\ncategory: community"
        ),
        Some(Ok(Command::ActorAdd(NewActor {
            group: slug("water-access"),
            name: ActorName::parse("Agua Viva NGO").unwrap(),
            offers: Some(ActorOffers::parse("Free water tests").unwrap()),
            contact: Some(ActorContact::Email("info@aguaviva.org".into())),
            category: Some(Category::Community),
        })))
    );
    assert!(matches!(
        p("/actor add water-access Town hall"),
        Some(Ok(Command::ActorAdd(NewActor {
            offers: None,
            contact: None,
            category: None,
            ..
        })))
    ));
    assert_eq!(
        p("/actor add water-access X\ncontact: call me maybe"),
        Some(Err(E::BadContact(
            CommandName::Actor,
            "call me maybe".into()
        )))
    );
    assert_eq!(
        p("/actor add water-access X\ncategory: big"),
        Some(Err(E::BadCategory(CommandName::Actor, "big".into())))
    );
    assert_eq!(
        p("/actor add water-access"),
        Some(Err(E::MissingArgument(CommandName::Actor)))
    );
    assert_eq!(
        p("/actor remove water-access X"),
        Some(Err(E::MissingArgument(CommandName::Actor)))
    );
    assert_eq!(
        p("/actors water-access"),
        Some(Ok(Command::Actors(slug("water-access"))))
    );
    assert_eq!(p("/share_actor #4"), Some(Ok(Command::ShareActor(4))));
    assert_eq!(
        p("/share_actor 0"),
        Some(Err(E::BadNumber(CommandName::ShareActor, "0".into())))
    );
    assert_eq!(p("/profile"), Some(Ok(Command::Profile(ProfileArg::Show))));
    assert_eq!(
        p("/profile OFF"),
        Some(Ok(Command::Profile(ProfileArg::Off)))
    );
    assert_eq!(
        p("/profile I fix bikes"),
        Some(Ok(Command::Profile(ProfileArg::Set(
            ProfileLine::parse("I fix bikes").unwrap()
        ))))
    );
    assert!(matches!(
        p(&format!("/profile {}", "x".repeat(201))),
        Some(Err(E::BadText(CommandName::Profile, _)))
    ));
    assert_eq!(
        p("/people water-access"),
        Some(Ok(Command::People(slug("water-access"))))
    );
}
