//! Domain values. Each has a private field and a `parse` that is the only way in, so a value
//! of these types is valid by construction.

mod audit;
mod ids;
mod invite;
mod key;
mod language;
mod post;
mod role;
mod slug;
mod text;

pub use audit::AuditAction;
pub use ids::{
    ChatMessage, CommentId, DeliveryId, GroupId, MessageId, NoticeId, PersonId, PostId,
    PrototypeId, QuestionId, SurveyId, TelegramId,
};
pub use invite::{InviteCode, InviteCodeError};
pub use key::PostKey;
pub use language::LanguageCode;
pub use post::{Category, MediaKind, PostContent, PostKind, PostTitle, PrototypeStatus, Summary};
pub use role::Role;
pub use slug::{GroupSlug, SlugError};
pub use text::{Challenge, DisplayName, GroupName, TextError, Username};
