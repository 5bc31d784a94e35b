//! Actors: the people, states and organisations that briefings name.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::date::PartialDate;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    Person,
    State,
    Organisation,
}

impl ActorKind {
    pub fn key(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::State => "state",
            ActorKind::Organisation => "organisation",
        }
    }
}

/// A role held for a time: "Außenminister der USA" from 2025-01-21.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub title: String,
    #[serde(default)]
    pub from: Option<PartialDate>,
    #[serde(default)]
    pub to: Option<PartialDate>,
    #[serde(default)]
    pub note: Option<String>,
    /// URL of the record that dates the role.
    #[serde(default)]
    pub source: Option<String>,
}

/// The front matter of `content/actors/<slug>.md`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorFront {
    #[serde(deserialize_with = "crate::frontmatter::text")]
    pub name: String,
    #[serde(default)]
    pub kind: Option<ActorKind>,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub roles: Vec<Role>,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default = "crate::content::empty_extra")]
    pub extra: serde_yaml::Value,
}

/// A loaded actor.
#[derive(Debug, Clone)]
pub struct Actor {
    pub slug: String,
    pub file: PathBuf,
    pub front: ActorFront,
    /// The Markdown profile.
    pub body: String,
    /// The line of the file on which the profile starts.
    pub body_line: usize,
}

impl Actor {
    /// The role held on `date`, falling back to the free-text `role`.
    pub fn role_on(&self, date: &PartialDate) -> Option<&str> {
        let day = date.earliest_day();
        let held = self.front.roles.iter().rev().find(|r| {
            let started = match (r.from.and_then(|f| f.earliest_day()), day) {
                (Some(from), Some(d)) => from <= d,
                _ => true,
            };
            let not_ended = match (r.to.and_then(|t| t.latest_day()), day) {
                (Some(to), Some(d)) => d <= to,
                _ => true,
            };
            started && not_ended
        });
        held.map(|r| r.title.as_str())
            .or(self.front.role.as_deref())
    }
}
