//! Message catalogues: one Fluent file per language in `bot/locales/<code>.ftl`, embedded in
//! the binary by `build.rs` and loaded once at start into [`crate::App`]. Adding a language is
//! adding a file.
//!
//! Which language a person reads: their stored choice (`people.language`) when we ship it,
//! otherwise Telegram's `language_code` of the update (`es-AR` → `es`) when we ship that,
//! otherwise English.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use unic_langid::LanguageIdentifier;

use crate::texts::Texts;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/catalogues.rs"));
}

/// The language everyone gets when we have nothing better, and the fallback of a missing
/// message. Its catalogue must exist.
pub const DEFAULT_LANGUAGE: &str = "en";

/// Why the catalogues could not be loaded (a broken file: a build that ships it is a bug).
#[derive(Debug, thiserror::Error)]
pub enum CatalogueError {
    #[error("locales/{code}.ftl: {errors}")]
    Syntax { code: String, errors: String },
    #[error("locales/{code}.ftl: the file name is not a language code")]
    BadCode { code: String },
    #[error("locales/{code}.ftl: {errors}")]
    Duplicate { code: String, errors: String },
    #[error("there is no catalogue for the default language ({DEFAULT_LANGUAGE})")]
    NoDefault,
}

/// One language's messages.
pub struct Catalogue {
    code: String,
    bundle: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for Catalogue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalogue")
            .field("code", &self.code)
            .finish_non_exhaustive()
    }
}

impl Catalogue {
    fn parse(code: &str, source: &str) -> Result<Self, CatalogueError> {
        let langid: LanguageIdentifier = code.parse().map_err(|_| CatalogueError::BadCode {
            code: code.to_owned(),
        })?;
        let resource = FluentResource::try_new(source.to_owned()).map_err(|(_, errors)| {
            CatalogueError::Syntax {
                code: code.to_owned(),
                errors: format!("{errors:?}"),
            }
        })?;
        let mut bundle = FluentBundle::new_concurrent(vec![langid]);
        // No Unicode isolation marks around arguments: they would end up in Telegram messages.
        bundle.set_use_isolating(false);
        bundle
            .add_resource(resource)
            .map_err(|errors| CatalogueError::Duplicate {
                code: code.to_owned(),
                errors: format!("{errors:?}"),
            })?;
        Ok(Self {
            code: code.to_owned(),
            bundle,
        })
    }

    pub fn code(&self) -> &str {
        &self.code
    }

    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }

    /// The message `id` with `args`; `None` when the catalogue has no such message. Formatting
    /// problems (a missing argument) are returned with the best-effort text.
    pub fn format(&self, id: &str, args: Option<&FluentArgs<'_>>) -> Option<(String, Vec<String>)> {
        let message = self.bundle.get_message(id)?;
        let pattern = message.value()?;
        let mut errors = Vec::new();
        let text = self.bundle.format_pattern(pattern, args, &mut errors);
        Some((
            text.into_owned(),
            errors.iter().map(ToString::to_string).collect(),
        ))
    }
}

/// Every shipped language, the default first.
#[derive(Debug)]
pub struct Catalogues {
    list: Vec<Catalogue>,
}

impl Catalogues {
    /// The catalogues built into the binary.
    pub fn embedded() -> Result<Self, CatalogueError> {
        Self::from_sources(embedded::CATALOGUES)
    }

    /// Catalogues from `(code, Fluent source)` pairs.
    pub fn from_sources(sources: &[(&str, &str)]) -> Result<Self, CatalogueError> {
        let mut list = sources
            .iter()
            .map(|(code, source)| Catalogue::parse(code, source))
            .collect::<Result<Vec<_>, _>>()?;
        let default = list
            .iter()
            .position(|c| c.code == DEFAULT_LANGUAGE)
            .ok_or(CatalogueError::NoDefault)?;
        let default = list.remove(default);
        list.insert(0, default);
        Ok(Self { list })
    }

    /// The shipped language codes, the default first.
    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.list.iter().map(|c| c.code.as_str())
    }

    fn default_catalogue(&self) -> &Catalogue {
        &self.list[0]
    }

    /// The catalogue for a language tag we ship (`es`, `es-AR`, `ES_mx`), if any.
    pub fn find(&self, tag: &str) -> Option<&Catalogue> {
        let tag = tag.trim();
        self.list
            .iter()
            .find(|c| c.code.eq_ignore_ascii_case(tag))
            .or_else(|| {
                let primary = tag.split(['-', '_']).next().unwrap_or_default();
                self.list
                    .iter()
                    .find(|c| c.code.eq_ignore_ascii_case(primary))
            })
    }

    /// The texts of a language tag, English when we do not ship it.
    pub fn texts(&self, tag: &str) -> Texts<'_> {
        let lang = self.find(tag).unwrap_or(self.default_catalogue());
        Texts::new(lang, self.default_catalogue())
    }

    /// The texts for a person: their stored choice when we ship it, else Telegram's
    /// `language_code` when we ship that, else English.
    pub fn choose(&self, stored: Option<&str>, telegram: Option<&str>) -> Texts<'_> {
        let lang = stored
            .and_then(|tag| self.find(tag))
            .or_else(|| telegram.and_then(|tag| self.find(tag)))
            .unwrap_or(self.default_catalogue());
        Texts::new(lang, self.default_catalogue())
    }

    /// The texts of every shipped language, the default first.
    pub fn all(&self) -> impl Iterator<Item = Texts<'_>> {
        self.list
            .iter()
            .map(|lang| Texts::new(lang, self.default_catalogue()))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use fluent_bundle::FluentValue;
    use fluent_syntax::ast;
    use fluent_syntax::parser;

    use super::*;

    fn sources() -> &'static [(&'static str, &'static str)] {
        embedded::CATALOGUES
    }

    fn message_ids(source: &str) -> BTreeSet<String> {
        let resource = parser::parse(source).expect("the catalogue parses");
        resource
            .body
            .iter()
            .filter_map(|entry| match entry {
                ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                _ => None,
            })
            .collect()
    }

    /// Every `$variable` a catalogue's messages use.
    fn variables(source: &str) -> BTreeSet<String> {
        let mut found = BTreeSet::new();
        let mut rest = source;
        while let Some(at) = rest.find('$') {
            rest = &rest[at + 1..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            if !name.is_empty() {
                found.insert(name);
            }
        }
        found
    }

    #[test]
    fn every_catalogue_parses_and_english_and_spanish_ship() {
        for (code, source) in sources() {
            if let Err((_, errors)) = parser::parse(*source) {
                panic!("locales/{code}.ftl does not parse: {errors:#?}");
            }
        }
        let catalogues = Catalogues::embedded().expect("the catalogues load");
        let codes: Vec<&str> = catalogues.codes().collect();
        assert_eq!(codes.first(), Some(&"en"));
        assert!(codes.contains(&"es"), "{codes:?}");
    }

    #[test]
    fn every_catalogue_has_exactly_the_keys_of_english() {
        let english = sources()
            .iter()
            .find(|(code, _)| *code == DEFAULT_LANGUAGE)
            .map(|(_, source)| message_ids(source))
            .expect("en.ftl");
        for (code, source) in sources() {
            let ids = message_ids(source);
            let missing: Vec<_> = english.difference(&ids).collect();
            let extra: Vec<_> = ids.difference(&english).collect();
            assert!(missing.is_empty(), "locales/{code}.ftl lacks {missing:?}");
            assert!(
                extra.is_empty(),
                "locales/{code}.ftl has keys en.ftl lacks: {extra:?}"
            );
        }
    }

    #[test]
    fn every_message_formats_without_errors_in_every_language() {
        let catalogues = Catalogues::embedded().expect("the catalogues load");
        for (code, source) in sources() {
            let catalogue = catalogues.find(code).expect("loaded");
            let names = variables(source);
            // Numbers that take every plural form, and a text.
            for sample in [
                FluentValue::from(0),
                FluentValue::from(1),
                FluentValue::from(2),
                FluentValue::from(5),
                FluentValue::from(1_000_000),
                FluentValue::from("Água & <b>co</b>"),
            ] {
                let mut args = FluentArgs::new();
                for name in &names {
                    args.set(name.clone(), sample.clone());
                }
                for id in message_ids(source) {
                    let (text, errors) = catalogue
                        .format(&id, Some(&args))
                        .unwrap_or_else(|| panic!("{code}: {id} has no value"));
                    assert!(errors.is_empty(), "{code}: {id}: {errors:?}");
                    assert!(!text.trim().is_empty(), "{code}: {id} is empty");
                    assert!(
                        !text.contains(['\u{2068}', '\u{2069}']),
                        "{code}: {id} has isolation marks"
                    );
                }
            }
        }
    }

    #[test]
    fn languages_are_chosen_stored_first_then_telegram_then_english() {
        let c = Catalogues::embedded().expect("the catalogues load");
        assert_eq!(c.choose(Some("es"), Some("en")).code(), "es");
        assert_eq!(c.choose(Some("fr"), Some("es-AR")).code(), "es");
        assert_eq!(c.choose(None, Some("es-AR")).code(), "es");
        assert_eq!(c.choose(None, Some("ES_mx")).code(), "es");
        assert_eq!(c.choose(None, Some("fr")).code(), "en");
        assert_eq!(c.choose(None, None).code(), "en");
        assert_eq!(c.choose(Some("en"), Some("es")).code(), "en");
        assert!(c.find("xx").is_none());
        assert!(c.find("").is_none());
    }
}
