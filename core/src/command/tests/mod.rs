//! The command grammar's tests: the table, each command's arguments, and that no input makes
//! it panic. Buttons' callback data are in [`callbacks`]; the commands of group composition,
//! the dashboard and networks in [`people`].

mod callbacks;
mod people;

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
