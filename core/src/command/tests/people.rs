//! The commands of group composition (/remove, /promote, …), the dashboard (/web) and
//! networks (offers, volunteers, actors, profiles).

use super::*;

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
