//! The dataset exactly as written in RON (the format the README's "The dataset format"
//! describes): its serde mirror.
//!
//! Strings that validation points at (ids, dates, levels, references) borrow from
//! the source text where they can, so a problem can be reported at their position.
//! The same types serialize a [`Dataset`](super::Dataset) back to RON.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A string that borrows from the RON text whenever it has no escapes, so validation
/// can find where it was written. (serde borrows a bare `Cow` field only, not one inside
/// an `Option`, a `Vec` or a map.)
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Text<'a>(pub Cow<'a, str>);

impl std::ops::Deref for Text<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Text<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'a> From<&'a str> for Text<'a> {
    fn from(s: &'a str) -> Self {
        Text(Cow::Borrowed(s))
    }
}

impl Serialize for Text<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(s)))
            }
            fn visit_str<E>(self, s: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(s.to_owned())))
            }
            fn visit_string<E>(self, s: String) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(s)))
            }
        }
        deserializer.deserialize_str(Visit)
    }
}

fn is_empty<T>(items: &[T]) -> bool {
    items.is_empty()
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "Dataset", deny_unknown_fields)]
pub struct RawDataset<'a> {
    #[serde(borrow)]
    pub title: Text<'a>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text<'a>>,
    #[serde(borrow)]
    pub schemes: Vec<RawScheme<'a>>,
    #[serde(borrow, deserialize_with = "councils_with_progress")]
    pub councils: Vec<RawCouncil<'a>>,
    #[serde(borrow, default, skip_serializing_if = "is_empty")]
    pub summaries: Vec<RawSummary<'a>>,
    #[serde(borrow, default, skip_serializing_if = "is_empty")]
    pub sources: Vec<RawSource<'a>>,
}

/// The councils, reporting parsing progress after each one (see `progress`).
fn councils_with_progress<'de: 'a, 'a, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<RawCouncil<'a>>, D::Error> {
    struct Councils<'a>(std::marker::PhantomData<&'a ()>);
    impl<'de: 'a, 'a> serde::de::Visitor<'de> for Councils<'a> {
        type Value = Vec<RawCouncil<'a>>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a list of councils")
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(council) = seq.next_element::<RawCouncil<'a>>()? {
                super::progress::parsed(&council.id);
                out.push(council);
            }
            Ok(out)
        }
    }
    deserializer.deserialize_seq(Councils(std::marker::PhantomData))
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "Scheme", deny_unknown_fields)]
pub struct RawScheme<'a> {
    #[serde(borrow)]
    pub id: Text<'a>,
    #[serde(borrow)]
    pub name: Text<'a>,
    #[serde(borrow)]
    pub body: Text<'a>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<Text<'a>>,
    #[serde(borrow)]
    pub scale: RawScale<'a>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Text<'a>>,
    #[serde(borrow, default, skip_serializing_if = "is_empty")]
    pub eras: Vec<(Text<'a>, Text<'a>)>,
    #[serde(borrow, default, skip_serializing_if = "is_empty")]
    pub rounds: Vec<Text<'a>>,
    /// How far the dataset's ratings of this scheme reach: those published up to then.
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub covered_until: Option<Text<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Text<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text<'a>>,
}

#[derive(Debug, Deserialize, Serialize)]
pub enum RawScale<'a> {
    #[serde(borrow)]
    Ordinal(Vec<Text<'a>>),
    Numeric {
        #[serde(borrow)]
        unit: Text<'a>,
        better: RawBetter,
    },
}

#[derive(Clone, Copy, Debug, Deserialize, Serialize)]
pub enum RawBetter {
    Higher,
    Lower,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "Council", deny_unknown_fields)]
pub struct RawCouncil<'a> {
    #[serde(borrow)]
    pub id: Text<'a>,
    #[serde(borrow)]
    pub name: Text<'a>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub code: Option<Text<'a>>,
    #[serde(borrow, default, skip_serializing_if = "is_empty")]
    pub aliases: Vec<Text<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub region: Option<Text<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Text<'a>>,
    #[serde(borrow, default, skip_serializing_if = "is_empty")]
    pub neighbours: Vec<Text<'a>>,
    #[serde(borrow, default, skip_serializing_if = "is_empty")]
    pub succeeded_by: Vec<Text<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub ended: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub ratings: Vec<RawRating<'a>>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "Rating", deny_unknown_fields)]
pub struct RawRating<'a> {
    #[serde(borrow)]
    pub scheme: Text<'a>,
    #[serde(borrow)]
    pub date: Text<'a>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Text<'a>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Text<'a>>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "Summary", deny_unknown_fields)]
pub struct RawSummary<'a> {
    #[serde(borrow)]
    pub scheme: Text<'a>,
    #[serde(borrow)]
    pub date: Text<'a>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<u32>,
    #[serde(borrow, default, skip_serializing_if = "BTreeMap::is_empty")]
    pub counts: BTreeMap<Text<'a>, u32>,
    /// Per cent at each level, where the source gives shares.
    #[serde(borrow, default, skip_serializing_if = "BTreeMap::is_empty")]
    pub shares: BTreeMap<Text<'a>, f64>,
    /// Figures for a set of levels ("two or three stars", "good or outstanding").
    #[serde(borrow, default, skip_serializing_if = "is_empty")]
    pub sets: Vec<RawSet<'a>>,
    /// Councils the source counts as given no rating.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unrated: Option<u32>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Text<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text<'a>>,
}

/// A published figure for a set of levels: `(label: "good or outstanding", levels:
/// ["Good", "Outstanding"], share: Some(60.0))`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "LevelSet", deny_unknown_fields)]
pub struct RawSet<'a> {
    #[serde(borrow)]
    pub label: Text<'a>,
    #[serde(borrow)]
    pub levels: Vec<Text<'a>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<f64>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "Source", deny_unknown_fields)]
pub struct RawSource<'a> {
    #[serde(borrow)]
    pub id: Text<'a>,
    #[serde(borrow)]
    pub title: Text<'a>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<Text<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Text<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Text<'a>>,
}
