//! Domain values. Each has a private field and a `parse` that is the only way in, so a value
//! of these types is valid by construction.

mod audit;
mod ids;
mod invite;
mod key;
mod language;
mod network;
mod post;
mod role;
mod slug;
mod text;
mod web;

pub use audit::AuditAction;
pub use ids::{
    ChatMessage, CommentId, DeliveryId, GroupId, MessageId, NoticeId, PersonId, PostId,
    PrototypeId, QuestionId, SurveyId, TelegramId,
};
pub use invite::{InviteCode, InviteCodeError};
pub use key::PostKey;
pub use language::LanguageCode;
pub use network::{
    ActorContact, ActorName, ActorOffers, ContactConsent, IntroAnswer, IntroState, IntroductionId,
    OfferId, OfferStep, ProfileLine, RelayId,
};
pub use post::{Category, MediaKind, PostContent, PostKind, PostTitle, PrototypeStatus, Summary};
pub use role::Role;
pub use slug::{GroupSlug, SlugError};
pub use text::{Challenge, DisplayName, GroupName, TextError, Username};
pub use web::WebToken;

/// `len` random ASCII letters and digits from the operating system's CSPRNG: codes, keys and
/// tokens that cannot be guessed.
pub(crate) fn random_alphanumeric(len: usize) -> String {
    use rand::Rng as _;
    rand::rng()
        .sample_iter(&rand::distr::Alphanumeric)
        .take(len)
        .map(char::from)
        .collect()
}

/// Whether `raw` is exactly `len` ASCII letters and digits.
pub(crate) fn is_alphanumeric_of_len(raw: &str, len: usize) -> bool {
    raw.len() == len && raw.bytes().all(|b| b.is_ascii_alphanumeric())
}
