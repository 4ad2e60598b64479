//! Who gave an answer: a person's row id for a named survey, a keyed hash for an anonymous one.

use std::fmt;

use crate::domain::{PersonId, QuestionId, SurveyId};

/// Who gave an answer, as stored with it.
///
/// For a named survey that is the person (`p<row id>`, and the answer row also links the
/// person so that erasure cascades). For an anonymous survey it is a keyed hash (HMAC-SHA256)
/// of the survey and the person, under a key that is kept outside the database
/// ([`RespondentKey`]): the bot can find *its own* answer again (to change it, or to erase it
/// on `/forget`), but someone holding only the database cannot tell whose answer it is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Respondent(String);

impl Respondent {
    pub fn named(person: PersonId) -> Self {
        Self(format!("p{}", person.get()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The secret that keys anonymous respondents. Generated once per deployment and kept outside
/// the database (a key file or the environment).
#[derive(Clone)]
pub struct RespondentKey(Vec<u8>);

impl fmt::Debug for RespondentKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RespondentKey(…)")
    }
}

impl RespondentKey {
    /// At least 16 bytes of secret.
    pub fn new(secret: Vec<u8>) -> Option<Self> {
        (secret.len() >= 16).then_some(Self(secret))
    }

    /// A fresh random key of 32 bytes.
    pub fn generate() -> Self {
        use rand::RngCore as _;
        let mut secret = vec![0u8; 32];
        rand::rng().fill_bytes(&mut secret);
        Self(secret)
    }

    pub fn to_hex(&self) -> String {
        hex(&self.0)
    }

    /// A value that identifies this key without revealing it (an HMAC of a fixed text): kept
    /// in the database, so that a different or lost key is noticed at start instead of
    /// silently splitting people's anonymous answers.
    pub fn check_value(&self) -> String {
        use hmac::Mac as _;
        match hmac::Hmac::<sha2::Sha256>::new_from_slice(&self.0) {
            Ok(mut mac) => {
                mac.update(b"coloop-answer-key-check");
                hex(&mac.finalize().into_bytes())
            }
            Err(_) => String::new(),
        }
    }

    pub fn from_hex(text: &str) -> Option<Self> {
        let text = text.trim();
        if !text.len().is_multiple_of(2) {
            return None;
        }
        let bytes = (0..text.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
            .collect::<Option<Vec<u8>>>()?;
        Self::new(bytes)
    }

    /// Who answers question `question` of survey `survey` when `person` does: named or keyed,
    /// as the survey is. Keyed per question, so that even one person's answers to the
    /// questions of a survey cannot be told to belong together.
    pub fn respondent(
        &self,
        survey: SurveyId,
        question: QuestionId,
        person: PersonId,
        anonymous: bool,
    ) -> Respondent {
        if !anonymous {
            return Respondent::named(person);
        }
        use hmac::Mac as _;
        // HMAC accepts keys of any length; `new_from_slice` cannot fail for it.
        let Ok(mut mac) = hmac::Hmac::<sha2::Sha256>::new_from_slice(&self.0) else {
            return Respondent::named(person);
        };
        mac.update(
            format!(
                "coloop-answer:{}:{}:{}",
                survey.get(),
                question.get(),
                person.get()
            )
            .as_bytes(),
        );
        Respondent(format!("h{}", hex(&mac.finalize().into_bytes())))
    }
}

fn hex(bytes: &[u8]) -> String {
    use fmt::Write as _;
    bytes.iter().fold(String::new(), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anonymous_respondents_depend_on_the_key_survey_and_person() {
        let key = RespondentKey::generate();
        let other = RespondentKey::generate();
        let person = PersonId::new(7);
        let a = key.respondent(SurveyId::new(1), QuestionId::new(10), person, true);
        assert_eq!(
            a,
            key.respondent(SurveyId::new(1), QuestionId::new(10), person, true)
        );
        assert_ne!(
            a,
            key.respondent(SurveyId::new(1), QuestionId::new(11), person, true),
            "per question"
        );
        assert_ne!(
            a,
            key.respondent(SurveyId::new(2), QuestionId::new(10), person, true)
        );
        assert_ne!(
            a,
            other.respondent(SurveyId::new(1), QuestionId::new(10), person, true)
        );
        assert_eq!(a.as_str().len(), 65, "h and 64 hex digits");
        assert_eq!(
            key.respondent(SurveyId::new(1), QuestionId::new(10), person, false)
                .as_str(),
            "p7"
        );
        assert_eq!(
            RespondentKey::from_hex(&key.to_hex()).map(|k| k.to_hex()),
            Some(key.to_hex())
        );
        assert!(RespondentKey::from_hex("abc").is_none());
        assert!(RespondentKey::from_hex("zz").is_none());
        assert!(RespondentKey::from_hex("00").is_none(), "too short");
        assert!(!format!("{key:?}").contains(&key.to_hex()));
    }
}
