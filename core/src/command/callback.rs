//! What an inline button carries back: [`Callback`] and a survey answer's [`Press`], read
//! from and written to Telegram's callback data. The wire format is kept as it is: buttons
//! already sitting in people's chats must keep working.

use crate::domain::{
    CommentId, ContactConsent, GroupId, IntroductionId, InviteCode, LanguageCode, OfferId,
    PersonId, PostId, PostKey, RelayId, Role, SurveyId,
};
use crate::survey::{MAX_OPTIONS, MAX_QUESTIONS};

/// What an inline button carries back. Telegram limits callback data to 64 bytes; every
/// variant here stays under it (an invite code we generate has 22 characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Callback {
    /// "I agree" under the consent text, for the invite that brought the person.
    Consent(InviteCode),
    /// "No thanks" under the consent text.
    Decline,
    /// "I agree" under a newer consent text shown to someone who agreed to an older one: the
    /// version shown.
    RenewConsent(i64),
    /// "Send" under a broadcast preview.
    Send(PostKey),
    /// "Cancel" under a broadcast preview.
    Cancel(PostKey),
    /// "Which post is this about?": file the comment under a post.
    AboutPost(CommentId, PostId),
    /// "Which post is this about?": a general comment to a group.
    AboutGroup(CommentId, GroupId),
    /// "Keep me anonymous" under a comment's acknowledgement.
    Anonymous(CommentId),
    /// `/forget` confirmed.
    ForgetConfirm,
    /// `/forget` called off.
    ForgetCancel,
    /// A `/language` button: write to me in this language. Whether coloop has it is checked
    /// by the bot (a forged code is a stale button).
    Language(LanguageCode),
    /// "Send" under a survey preview.
    SendSurvey(PostKey),
    /// "Cancel" under a survey preview.
    CancelSurvey(PostKey),
    /// A survey answer button: question `question` (0-based) of `survey`. Whether the survey
    /// is open, the question exists and has that option, and the presser is a member is
    /// checked against the database.
    Answer {
        survey: SurveyId,
        question: u8,
        press: Press,
    },
    /// "Continue" under a reminder: ask me the question I am at again.
    ContinueSurvey(SurveyId),
    /// "Send the failed ones again" under `/status`: the post's failed deliveries.
    RetryFailed(PostId),
    /// ◀ ▶ under `/members`: that page (0-based).
    MembersPage(GroupId, u16),
    /// A person in a picker (`/remove`, `/promote`, `/demote`).
    Pick {
        what: PickWhat,
        group: GroupId,
        person: PersonId,
    },
    /// ◀ ▶ under a picker: that page (0-based).
    PickPage {
        what: PickWhat,
        group: GroupId,
        page: u16,
    },
    /// "Remove" under a removal's confirmation.
    ConfirmRemove(GroupId, PersonId),
    /// A `/rotate` choice: this role's link, or both (`None`).
    Rotate(GroupId, Option<Role>),
    /// "Archive" under an archive's confirmation.
    ConfirmArchive(GroupId),
    /// "Cancel" under a group change's confirmation or picker.
    Dismiss,
    /// "I'd like to help" under a prototype post (issue #19).
    HelpWith(PostId),
    /// "Skip" under "what can you offer?".
    OfferSkip(OfferId),
    /// How the volunteer agrees to be contacted, for their offer.
    OfferContact(OfferId, ContactConsent),
    /// "Withdraw" under an offer in `/offers`.
    WithdrawOffer(OfferId),
    /// A person in the `/introduce` picker, chosen (`on`) or not.
    IntroPick {
        intro: IntroductionId,
        person: PersonId,
        on: bool,
    },
    /// An actor in the `/introduce` picker, chosen (`on`) or not.
    IntroPickActor {
        intro: IntroductionId,
        actor: i64,
        on: bool,
    },
    /// "Next" under the `/introduce` picker.
    IntroNext(IntroductionId),
    /// "Cancel" under the `/introduce` picker.
    IntroCancel(IntroductionId),
    /// "Accept" (`true`) or "No thanks" under an invitation to an introduction.
    IntroAnswer(IntroductionId, bool),
    /// "End this conversation" under a relay message.
    RelayEnd(RelayId),
    /// A contact button in `/people <group>`: ask this listed member to be in touch.
    ContactPerson(GroupId, PersonId),
}

/// What a picker picks a person for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickWhat {
    Remove,
    Promote,
    Demote,
}

impl PickWhat {
    fn parse(text: &str) -> Option<Self> {
        match text {
            "r" => Some(PickWhat::Remove),
            "p" => Some(PickWhat::Promote),
            "d" => Some(PickWhat::Demote),
            _ => None,
        }
    }

    fn encode(self) -> &'static str {
        match self {
            PickWhat::Remove => "r",
            PickWhat::Promote => "p",
            PickWhat::Demote => "d",
        }
    }

    /// The word naming it in catalogue keys (`pick-remove`).
    pub fn as_str(self) -> &'static str {
        match self {
            PickWhat::Remove => "remove",
            PickWhat::Promote => "promote",
            PickWhat::Demote => "demote",
        }
    }
}

/// A positive id in callback data.
fn positive(text: &str) -> Option<i64> {
    (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse::<i64>().ok())
        .flatten()
        .filter(|id| *id > 0)
}

/// `<a>:<b>` of callback data.
fn pair(arg: &str) -> Option<(&str, &str)> {
    arg.split_once(':')
}

/// Which survey answer button was pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Press {
    /// 1–5.
    Rating(u8),
    Yes,
    No,
    /// A choice question's option (0-based).
    Choice(u8),
    /// A multi question's option (0-based) set on or off. The button carries the state it
    /// sets, not "toggle", so a redelivered press changes nothing.
    Toggle {
        option: u8,
        on: bool,
    },
    /// A multi question's "Done".
    Done,
}

impl Press {
    fn parse(text: &str) -> Option<Self> {
        let small = |digits: &str, max: usize| -> Option<u8> {
            (digits.len() == 1)
                .then(|| digits.parse::<u8>().ok())
                .flatten()
                .filter(|n| usize::from(*n) < max)
        };
        let (head, rest) = text.split_at_checked(1)?;
        match head {
            "r" => small(rest, 6).filter(|n| *n >= 1).map(Press::Rating),
            "y" if rest.is_empty() => Some(Press::Yes),
            "n" if rest.is_empty() => Some(Press::No),
            "c" => small(rest, MAX_OPTIONS).map(Press::Choice),
            "m" => {
                let (digit, sign) = rest.split_at_checked(1)?;
                let option = small(digit, MAX_OPTIONS)?;
                match sign {
                    "+" => Some(Press::Toggle { option, on: true }),
                    "-" => Some(Press::Toggle { option, on: false }),
                    _ => None,
                }
            }
            "d" if rest.is_empty() => Some(Press::Done),
            _ => None,
        }
    }

    fn encode(self) -> String {
        match self {
            Press::Rating(n) => format!("r{n}"),
            Press::Yes => "y".to_owned(),
            Press::No => "n".to_owned(),
            Press::Choice(i) => format!("c{i}"),
            Press::Toggle { option, on } => format!("m{option}{}", if on { '+' } else { '-' }),
            Press::Done => "d".to_owned(),
        }
    }
}

impl Callback {
    pub fn parse(data: &str) -> Option<Self> {
        let (kind, arg) = data.split_once(':').unwrap_or((data, ""));
        match kind {
            "consent" => InviteCode::parse(arg).ok().map(Callback::Consent),
            "decline" if arg.is_empty() => Some(Callback::Decline),
            "renew" => arg
                .parse::<i64>()
                .ok()
                .filter(|version| *version > 0 && version.to_string() == arg)
                .map(Callback::RenewConsent),
            "send" => PostKey::parse(arg).map(Callback::Send),
            "cancel" => PostKey::parse(arg).map(Callback::Cancel),
            "about" => {
                let (comment, target) = arg.split_once(':')?;
                let comment: CommentId = comment.parse().ok()?;
                match target.strip_prefix('g') {
                    Some(group) => Some(Callback::AboutGroup(
                        comment,
                        GroupId::new(group.parse().ok()?),
                    )),
                    None => Some(Callback::AboutPost(comment, target.parse().ok()?)),
                }
            }
            "anon" => arg.parse().ok().map(Callback::Anonymous),
            "forget" if arg == "yes" => Some(Callback::ForgetConfirm),
            "forget" if arg == "no" => Some(Callback::ForgetCancel),
            "lang" => LanguageCode::parse(arg)
                .filter(|code| code.as_str() == arg)
                .map(Callback::Language),
            "ssend" => PostKey::parse(arg).map(Callback::SendSurvey),
            "scancel" => PostKey::parse(arg).map(Callback::CancelSurvey),
            "sv" => {
                let mut fields = arg.split(':');
                let survey = survey_id(fields.next()?)?;
                let question = fields
                    .next()?
                    .parse::<u8>()
                    .ok()
                    .filter(|q| usize::from(*q) < MAX_QUESTIONS)?;
                let press = Press::parse(fields.next()?)?;
                if fields.next().is_some() {
                    return None;
                }
                Some(Callback::Answer {
                    survey,
                    question,
                    press,
                })
            }
            "svgo" => survey_id(arg).map(Callback::ContinueSurvey),
            "mbp" => {
                let (group, page) = pair(arg)?;
                Some(Callback::MembersPage(
                    GroupId::new(positive(group)?),
                    page.parse().ok()?,
                ))
            }
            "pk" | "pkp" => {
                let mut fields = arg.split(':');
                let what = PickWhat::parse(fields.next()?)?;
                let group = GroupId::new(positive(fields.next()?)?);
                let last = fields.next()?;
                if fields.next().is_some() {
                    return None;
                }
                if kind == "pk" {
                    Some(Callback::Pick {
                        what,
                        group,
                        person: PersonId::new(positive(last)?),
                    })
                } else {
                    Some(Callback::PickPage {
                        what,
                        group,
                        page: last.parse().ok()?,
                    })
                }
            }
            "rmok" => {
                let (group, person) = pair(arg)?;
                Some(Callback::ConfirmRemove(
                    GroupId::new(positive(group)?),
                    PersonId::new(positive(person)?),
                ))
            }
            "rot" => {
                let (group, which) = pair(arg)?;
                let which = match which {
                    "m" => Some(Role::Member),
                    "f" => Some(Role::Facilitator),
                    "b" => None,
                    _ => return None,
                };
                Some(Callback::Rotate(GroupId::new(positive(group)?), which))
            }
            "arok" => positive(arg).map(|g| Callback::ConfirmArchive(GroupId::new(g))),
            "dismiss" if arg.is_empty() => Some(Callback::Dismiss),
            "help" => positive(arg).map(|p| Callback::HelpWith(PostId::new(p))),
            "ofskip" => positive(arg).map(|o| Callback::OfferSkip(OfferId::new(o))),
            "ofw" => positive(arg).map(|o| Callback::WithdrawOffer(OfferId::new(o))),
            "inp" | "inpa" => {
                let mut fields = arg.split(':');
                let intro = IntroductionId::new(positive(fields.next()?)?);
                let who = positive(fields.next()?)?;
                let on = match fields.next()? {
                    "1" => true,
                    "0" => false,
                    _ => return None,
                };
                if fields.next().is_some() {
                    return None;
                }
                Some(if kind == "inp" {
                    Callback::IntroPick {
                        intro,
                        person: PersonId::new(who),
                        on,
                    }
                } else {
                    Callback::IntroPickActor {
                        intro,
                        actor: who,
                        on,
                    }
                })
            }
            "inx" => positive(arg).map(|i| Callback::IntroNext(IntroductionId::new(i))),
            "inc" => positive(arg).map(|i| Callback::IntroCancel(IntroductionId::new(i))),
            "ina" => {
                let (intro, answer) = pair(arg)?;
                let accept = match answer {
                    "y" => true,
                    "n" => false,
                    _ => return None,
                };
                Some(Callback::IntroAnswer(
                    IntroductionId::new(positive(intro)?),
                    accept,
                ))
            }
            "pc" => {
                let (group, person) = pair(arg)?;
                Some(Callback::ContactPerson(
                    GroupId::new(positive(group)?),
                    PersonId::new(positive(person)?),
                ))
            }
            "rle" => positive(arg).map(|r| Callback::RelayEnd(RelayId::new(r))),
            "ofc" => {
                let (offer, consent) = pair(arg)?;
                let consent = match consent {
                    "i" => ContactConsent::Introduce,
                    "f" => ContactConsent::FacilitatorOnly,
                    _ => return None,
                };
                Some(Callback::OfferContact(
                    OfferId::new(positive(offer)?),
                    consent,
                ))
            }
            "refail" => {
                let id: i64 = arg.parse().ok().filter(|id| *id > 0)?;
                (id.to_string() == arg).then(|| Callback::RetryFailed(PostId::new(id)))
            }
            _ => None,
        }
    }

    pub fn encode(&self) -> String {
        match self {
            Callback::Consent(code) => format!("consent:{}", code.as_str()),
            Callback::Decline => "decline".to_owned(),
            Callback::RenewConsent(version) => format!("renew:{version}"),
            Callback::Send(key) => format!("send:{}", key.as_str()),
            Callback::Cancel(key) => format!("cancel:{}", key.as_str()),
            Callback::AboutPost(comment, post) => format!("about:{comment}:{post}"),
            Callback::AboutGroup(comment, group) => format!("about:{comment}:g{}", group.get()),
            Callback::Anonymous(comment) => format!("anon:{comment}"),
            Callback::ForgetConfirm => "forget:yes".to_owned(),
            Callback::ForgetCancel => "forget:no".to_owned(),
            Callback::Language(code) => format!("lang:{code}"),
            Callback::SendSurvey(key) => format!("ssend:{}", key.as_str()),
            Callback::CancelSurvey(key) => format!("scancel:{}", key.as_str()),
            Callback::Answer {
                survey,
                question,
                press,
            } => format!("sv:{survey}:{question}:{}", press.encode()),
            Callback::ContinueSurvey(survey) => format!("svgo:{survey}"),
            Callback::MembersPage(group, page) => format!("mbp:{}:{page}", group.get()),
            Callback::Pick {
                what,
                group,
                person,
            } => format!("pk:{}:{}:{}", what.encode(), group.get(), person.get()),
            Callback::PickPage { what, group, page } => {
                format!("pkp:{}:{}:{page}", what.encode(), group.get())
            }
            Callback::ConfirmRemove(group, person) => {
                format!("rmok:{}:{}", group.get(), person.get())
            }
            Callback::Rotate(group, which) => format!(
                "rot:{}:{}",
                group.get(),
                match which {
                    Some(Role::Member) => "m",
                    Some(Role::Facilitator) => "f",
                    None => "b",
                }
            ),
            Callback::ConfirmArchive(group) => format!("arok:{}", group.get()),
            Callback::Dismiss => "dismiss".to_owned(),
            Callback::RetryFailed(post) => format!("refail:{post}"),
            Callback::HelpWith(post) => format!("help:{post}"),
            Callback::OfferSkip(offer) => format!("ofskip:{offer}"),
            Callback::OfferContact(offer, consent) => format!(
                "ofc:{offer}:{}",
                match consent {
                    ContactConsent::Introduce => "i",
                    ContactConsent::FacilitatorOnly => "f",
                }
            ),
            Callback::WithdrawOffer(offer) => format!("ofw:{offer}"),
            Callback::IntroPick { intro, person, on } => {
                format!("inp:{intro}:{}:{}", person.get(), u8::from(*on))
            }
            Callback::IntroPickActor { intro, actor, on } => {
                format!("inpa:{intro}:{actor}:{}", u8::from(*on))
            }
            Callback::IntroNext(intro) => format!("inx:{intro}"),
            Callback::IntroCancel(intro) => format!("inc:{intro}"),
            Callback::IntroAnswer(intro, accept) => {
                format!("ina:{intro}:{}", if *accept { "y" } else { "n" })
            }
            Callback::RelayEnd(relay) => format!("rle:{relay}"),
            Callback::ContactPerson(group, person) => {
                format!("pc:{}:{}", group.get(), person.get())
            }
        }
    }
}

/// A survey id in callback data: digits only, positive.
fn survey_id(text: &str) -> Option<SurveyId> {
    (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse::<i64>().ok())
        .flatten()
        .filter(|id| *id > 0)
        .map(SurveyId::new)
}
