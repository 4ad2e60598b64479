//! Callback data: every button round-trips and fits Telegram's 64 bytes; forged data parses
//! to nothing.

use super::*;

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
