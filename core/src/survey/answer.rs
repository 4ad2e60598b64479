//! What an answer is ([`Answer`]) and how it is stored — the one place that knows the encoding
//! — which buttons a question has and in what order ([`Key`]), and what pressing one means
//! ([`QuestionKind::press`]).
//!
//! Stored in `answers.value` / `answers.text`: a rating as 1–5, yes as 1 and no as 0, a choice
//! and a multi as a bit mask of options (`1 << position`: one bit for a choice), a text in
//! `text`. The digest's SQL aggregates read the same encoding (`(value >> position) & 1`).

use std::ops::RangeInclusive;

use super::{QuestionKind, QuestionTag};
use crate::command::Press;

/// The ratings a rating question offers, in the order of its buttons.
pub const RATINGS: RangeInclusive<u8> = 1..=5;

/// An answer to one question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// 1–5 ([`RATINGS`]).
    Rating(u8),
    /// Yes (`true`) or no.
    YesNo(bool),
    /// The chosen option's position (0-based).
    Choice(u8),
    /// The ticked options (possibly none yet).
    Multi(OptionSet),
    /// A free reply.
    Text(String),
}

/// The ticked options of a multi question, by position (0-based, below
/// [`super::MAX_OPTIONS`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OptionSet(u16);

impl OptionSet {
    pub fn contains(self, option: u8) -> bool {
        option < 16 && self.0 & (1 << option) != 0
    }

    /// The set with `option` ticked (`on`) or not.
    pub fn with(self, option: u8, on: bool) -> Self {
        if option >= 16 {
            return self;
        }
        if on {
            Self(self.0 | (1 << option))
        } else {
            Self(self.0 & !(1 << option))
        }
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The ticked positions, in order.
    pub fn iter(self) -> impl Iterator<Item = u8> {
        (0..16u8).filter(move |o| self.contains(*o))
    }

    /// An option's bit in the stored mask.
    pub(crate) fn bit(option: u8) -> i64 {
        1i64 << option
    }

    /// The set a stored mask holds; `None` for one no option set can be.
    pub(crate) fn from_mask(mask: i64) -> Option<Self> {
        u16::try_from(mask).ok().map(Self)
    }

    fn mask(self) -> i64 {
        i64::from(self.0)
    }
}

impl Answer {
    /// The stored `(value, text)`.
    pub fn to_stored(&self) -> (Option<i64>, Option<String>) {
        match self {
            Answer::Text(text) => (None, Some(text.clone())),
            _ => (self.stored_value(), None),
        }
    }

    /// The stored `value` (`None` for a text answer).
    pub(crate) fn stored_value(&self) -> Option<i64> {
        match self {
            Answer::Rating(n) => Some(i64::from(*n)),
            Answer::YesNo(yes) => Some(i64::from(*yes)),
            Answer::Choice(option) => Some(OptionSet::bit(*option)),
            Answer::Multi(set) => Some(set.mask()),
            Answer::Text(_) => None,
        }
    }

    /// A stored answer to a question of this kind; `None` when the stored values cannot be
    /// one (a corrupt row).
    pub fn from_stored(tag: QuestionTag, value: Option<i64>, text: Option<String>) -> Option<Self> {
        Some(match tag {
            QuestionTag::Rating => {
                let n = u8::try_from(value?).ok()?;
                RATINGS.contains(&n).then_some(Answer::Rating(n))?
            }
            QuestionTag::YesNo => match value? {
                1 => Answer::YesNo(true),
                0 => Answer::YesNo(false),
                _ => return None,
            },
            QuestionTag::Choice => {
                let mask = value?;
                (mask > 0 && mask.count_ones() == 1)
                    .then(|| Answer::Choice(mask.trailing_zeros() as u8))?
            }
            QuestionTag::Multi => Answer::Multi(OptionSet::from_mask(value?)?),
            QuestionTag::Text => Answer::Text(text?),
        })
    }

    /// The labels of the chosen options (a choice or multi answer), in order.
    pub fn chosen<'a>(&self, options: &'a [String]) -> Vec<&'a str> {
        let picked = |position: usize| options.get(position).map(String::as_str);
        match self {
            Answer::Choice(option) => picked(usize::from(*option)).into_iter().collect(),
            Answer::Multi(set) => set.iter().filter_map(|o| picked(usize::from(o))).collect(),
            _ => Vec::new(),
        }
    }

    /// Whether this answer counts as given (a multi answer needs a ticked option).
    pub fn is_given(&self) -> bool {
        !matches!(self, Answer::Multi(set) if set.is_empty())
    }
}

/// What a press on a question's button means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pressed {
    /// This is the answer (it replaces any earlier one) and the person moves on.
    Answer(Answer),
    /// A multi question's option ticked (`on`) or not; they stay on the question.
    Toggle { option: u8, on: bool },
    /// A multi question's "Done": the ticked options are the answer, and they move on.
    Done,
}

/// One button under a question: what it sends, what it shows, and how it is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key<'a> {
    pub press: Press,
    pub face: Face<'a>,
    pub mark: Mark,
}

/// What a button stands for (its words come from the catalogue, or are the option itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Face<'a> {
    Rating(u8),
    Yes,
    No,
    /// A choice or multi question's option.
    Option(&'a str),
    /// A multi question's "Done".
    Done,
}

/// How a button shows the current answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Not part of the answer.
    Plain,
    /// The chosen rating, yes/no or option.
    Chosen,
    /// A multi question's option: ticked (`true`) or not.
    Ticked(bool),
}

impl QuestionKind {
    /// The rows of buttons under a question of this kind, marking `current`; `None` for a
    /// text question (answered with a reply).
    pub fn keys<'a>(&'a self, current: Option<&Answer>) -> Option<Vec<Vec<Key<'a>>>> {
        let mark = |chosen: bool| if chosen { Mark::Chosen } else { Mark::Plain };
        Some(match self {
            QuestionKind::Rating => vec![
                RATINGS
                    .map(|n| Key {
                        press: Press::Rating(n),
                        face: Face::Rating(n),
                        mark: mark(current == Some(&Answer::Rating(n))),
                    })
                    .collect(),
            ],
            QuestionKind::YesNo => vec![vec![
                Key {
                    press: Press::Yes,
                    face: Face::Yes,
                    mark: mark(current == Some(&Answer::YesNo(true))),
                },
                Key {
                    press: Press::No,
                    face: Face::No,
                    mark: mark(current == Some(&Answer::YesNo(false))),
                },
            ]],
            QuestionKind::Choice(options) => (0u8..)
                .zip(options)
                .map(|(i, label)| {
                    vec![Key {
                        press: Press::Choice(i),
                        face: Face::Option(label),
                        mark: mark(current == Some(&Answer::Choice(i))),
                    }]
                })
                .collect(),
            QuestionKind::Multi(options) => {
                let ticked = match current {
                    Some(Answer::Multi(set)) => *set,
                    _ => OptionSet::default(),
                };
                let mut rows: Vec<Vec<Key<'a>>> = (0u8..)
                    .zip(options)
                    .map(|(option, label)| {
                        let on = ticked.contains(option);
                        vec![Key {
                            // The button carries the state it sets.
                            press: Press::Toggle { option, on: !on },
                            face: Face::Option(label),
                            mark: Mark::Ticked(on),
                        }]
                    })
                    .collect();
                rows.push(vec![Key {
                    press: Press::Done,
                    face: Face::Done,
                    mark: Mark::Plain,
                }]);
                rows
            }
            QuestionKind::Text => return None,
        })
    }

    /// What `press` means for a question of this kind; `None` for a button this question
    /// never had (forged, or from another question).
    pub fn press(&self, press: Press) -> Option<Pressed> {
        let options = self.options().len();
        Some(match (self, press) {
            (QuestionKind::Rating, Press::Rating(n)) if RATINGS.contains(&n) => {
                Pressed::Answer(Answer::Rating(n))
            }
            (QuestionKind::YesNo, Press::Yes) => Pressed::Answer(Answer::YesNo(true)),
            (QuestionKind::YesNo, Press::No) => Pressed::Answer(Answer::YesNo(false)),
            (QuestionKind::Choice(_), Press::Choice(i)) if usize::from(i) < options => {
                Pressed::Answer(Answer::Choice(i))
            }
            (QuestionKind::Multi(_), Press::Toggle { option, on })
                if usize::from(option) < options =>
            {
                Pressed::Toggle { option, on }
            }
            (QuestionKind::Multi(_), Press::Done) => Pressed::Done,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("o{i}")).collect()
    }

    #[test]
    fn answers_round_trip_through_storage() {
        let answers = [
            (QuestionTag::Rating, Answer::Rating(1)),
            (QuestionTag::Rating, Answer::Rating(5)),
            (QuestionTag::YesNo, Answer::YesNo(true)),
            (QuestionTag::YesNo, Answer::YesNo(false)),
            (QuestionTag::Choice, Answer::Choice(0)),
            (QuestionTag::Choice, Answer::Choice(9)),
            (QuestionTag::Multi, Answer::Multi(OptionSet::default())),
            (
                QuestionTag::Multi,
                Answer::Multi(OptionSet::default().with(0, true).with(9, true)),
            ),
            (QuestionTag::Text, Answer::Text("a reply".into())),
        ];
        for (tag, answer) in answers {
            let (value, text) = answer.to_stored();
            assert_eq!(Answer::from_stored(tag, value, text), Some(answer));
        }
        // The encoding the digest's SQL reads.
        assert_eq!(Answer::YesNo(true).to_stored(), (Some(1), None));
        assert_eq!(Answer::YesNo(false).to_stored(), (Some(0), None));
        assert_eq!(Answer::Choice(2).to_stored(), (Some(4), None));
        let set = OptionSet::default().with(0, true).with(2, true);
        assert_eq!(Answer::Multi(set).to_stored(), (Some(5), None));
        assert_eq!(
            Answer::Text("x".into()).to_stored(),
            (None, Some("x".into()))
        );
    }

    #[test]
    fn impossible_stored_values_are_not_answers() {
        assert_eq!(
            Answer::from_stored(QuestionTag::Rating, Some(6), None),
            None
        );
        assert_eq!(
            Answer::from_stored(QuestionTag::Rating, Some(0), None),
            None
        );
        assert_eq!(Answer::from_stored(QuestionTag::YesNo, Some(2), None), None);
        assert_eq!(
            Answer::from_stored(QuestionTag::Choice, Some(3), None),
            None
        );
        assert_eq!(
            Answer::from_stored(QuestionTag::Choice, Some(0), None),
            None
        );
        assert_eq!(
            Answer::from_stored(QuestionTag::Multi, Some(-1), None),
            None
        );
        assert_eq!(Answer::from_stored(QuestionTag::Text, Some(1), None), None);
        assert_eq!(Answer::from_stored(QuestionTag::Rating, None, None), None);
    }

    #[test]
    fn presses_mean_what_the_question_offers() {
        let choice = QuestionKind::Choice(options(3));
        let multi = QuestionKind::Multi(options(3));
        assert_eq!(
            QuestionKind::Rating.press(Press::Rating(4)),
            Some(Pressed::Answer(Answer::Rating(4)))
        );
        assert_eq!(
            QuestionKind::YesNo.press(Press::No),
            Some(Pressed::Answer(Answer::YesNo(false)))
        );
        assert_eq!(
            choice.press(Press::Choice(2)),
            Some(Pressed::Answer(Answer::Choice(2)))
        );
        assert_eq!(choice.press(Press::Choice(3)), None, "no such option");
        assert_eq!(
            multi.press(Press::Toggle {
                option: 1,
                on: true
            }),
            Some(Pressed::Toggle {
                option: 1,
                on: true
            })
        );
        assert_eq!(
            multi.press(Press::Toggle {
                option: 3,
                on: true
            }),
            None
        );
        assert_eq!(multi.press(Press::Done), Some(Pressed::Done));
        assert_eq!(QuestionKind::Rating.press(Press::Yes), None);
        assert_eq!(choice.press(Press::Done), None);
        assert_eq!(QuestionKind::Text.press(Press::Rating(1)), None);
    }

    #[test]
    fn every_key_means_something_to_its_question() {
        let kinds = [
            QuestionKind::Rating,
            QuestionKind::YesNo,
            QuestionKind::Choice(options(4)),
            QuestionKind::Multi(options(4)),
        ];
        for kind in &kinds {
            let keys = kind.keys(None).expect("buttons");
            for key in keys.iter().flatten() {
                assert!(kind.press(key.press).is_some(), "{kind:?} {key:?}");
                assert_ne!(key.mark, Mark::Chosen);
            }
        }
        assert!(QuestionKind::Text.keys(None).is_none());
    }

    #[test]
    fn keys_mark_the_current_answer() {
        let rating = QuestionKind::Rating.keys(Some(&Answer::Rating(3))).unwrap();
        let marks: Vec<Mark> = rating[0].iter().map(|k| k.mark).collect();
        assert_eq!(marks[2], Mark::Chosen);
        assert_eq!(marks.iter().filter(|m| **m == Mark::Chosen).count(), 1);
        let multi = QuestionKind::Multi(options(3));
        let set = OptionSet::default().with(1, true);
        let rows = multi.keys(Some(&Answer::Multi(set))).unwrap();
        assert_eq!(rows.len(), 4, "three options and Done");
        assert_eq!(rows[1][0].mark, Mark::Ticked(true));
        assert_eq!(
            rows[1][0].press,
            Press::Toggle {
                option: 1,
                on: false
            },
            "a ticked option's button unticks it"
        );
        assert_eq!(rows[0][0].mark, Mark::Ticked(false));
        assert_eq!(rows[3][0].face, Face::Done);
    }

    #[test]
    fn chosen_labels_follow_the_options() {
        let labels = options(3);
        let set = OptionSet::default().with(2, true).with(0, true);
        assert_eq!(Answer::Multi(set).chosen(&labels), ["o0", "o2"]);
        assert_eq!(Answer::Choice(1).chosen(&labels), ["o1"]);
        assert!(Answer::Rating(2).chosen(&labels).is_empty());
        assert!(!Answer::Multi(OptionSet::default()).is_given());
        assert!(Answer::Choice(0).is_given());
    }
}
