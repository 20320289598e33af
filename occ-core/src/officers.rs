//! Officers and what they may see and do; the audit log; warnings and subscriptions.
//!
//! An officer is a platform identity with a [`Role`]: the screening desk sees every complaint,
//! an agency officer the complaints forwarded to their agency, an administrator manages officers
//! and rules. [`Office`](crate::office::Office) checks the role for every officer operation.

use std::fmt;
use std::str::FromStr;

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use crate::catalog::{AgencyCode, CategoryCode};
use crate::complaint::{Complaint, UserRef};
use crate::id::IssueId;
use crate::language::Language;
use crate::workflow::{Actor, EventKind, OfficerId};

/// What an officer may do.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The center's screening desk: every complaint.
    Desk,
    /// An agency's officer: the complaints assigned to that agency.
    Agency(AgencyCode),
    /// Manages officers and rules, and sees every complaint (without contact details).
    Admin,
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Role::Desk => f.write_str("desk"),
            Role::Agency(a) => write!(f, "agency:{a}"),
            Role::Admin => f.write_str("admin"),
        }
    }
}

/// A role that is not `desk`, `admin` or `agency:CODE`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a role: use desk, admin or agency:CODE (such as agency:OCPB)")]
pub struct ParseRoleError(pub String);

impl FromStr for Role {
    type Err = ParseRoleError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || ParseRoleError(s.to_owned());
        match s.trim() {
            "desk" => Ok(Role::Desk),
            "admin" => Ok(Role::Admin),
            other => {
                let code = other.strip_prefix("agency:").ok_or_else(bad)?;
                AgencyCode::new(code).map(Role::Agency).map_err(|_| bad())
            }
        }
    }
}

/// An officer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Officer {
    /// Their platform identity.
    pub user: UserRef,
    /// Their name, as colleagues know it.
    pub name: String,
    /// What they may do.
    pub role: Role,
    /// The language they read.
    #[serde(default)]
    pub language: Language,
}

impl Officer {
    /// The id the timeline records for them: their platform identity as text.
    pub fn id(&self) -> OfficerId {
        OfficerId(self.user.to_string())
    }

    /// Them as the actor of a change.
    pub fn actor(&self) -> Actor {
        Actor::Officer(self.id())
    }

    /// True when their role covers `complaint`.
    pub fn covers(&self, complaint: &Complaint) -> bool {
        match &self.role {
            Role::Desk | Role::Admin => true,
            Role::Agency(a) => complaint.agency == *a,
        }
    }

    /// True when they may see the reporter's phone number and email: the desk, and the agency
    /// the complaint is assigned to.
    pub fn sees_contact_details(&self, complaint: &Complaint) -> bool {
        match &self.role {
            Role::Desk => true,
            Role::Agency(a) => complaint.agency == *a,
            Role::Admin => false,
        }
    }

    /// True for the desk and administrators, who act on incidents and publish warnings.
    pub fn is_desk(&self) -> bool {
        matches!(self.role, Role::Desk | Role::Admin)
    }
}

/// The platform identity an officer id names (`telegram:123`), if it is one.
pub fn officer_user(id: &OfficerId) -> Option<UserRef> {
    id.0.parse().ok()
}

/// A refused officer operation, kept in the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// When.
    pub at: Timestamp,
    /// Who tried (their platform identity as text).
    pub who: String,
    /// What they tried (`open`, `forward`, `queue`...).
    pub action: String,
    /// On which complaint, if one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issue: Option<IssueId>,
    /// Why it was refused.
    pub reason: String,
}

/// A warning or piece of news for the public, in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// Its number, from 1.
    pub id: u64,
    /// When it was published.
    pub published_at: Timestamp,
    /// The Thai text.
    pub th: String,
    /// The English text.
    pub en: String,
    /// The officer who published it.
    pub by: OfficerId,
}

impl Warning {
    /// The text in `lang`.
    pub fn text(&self, lang: Language) -> &str {
        match lang {
            Language::Thai => &self.th,
            Language::English => &self.en,
        }
    }
}

/// A citizen who asked to receive warnings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subscription {
    /// Who.
    pub user: UserRef,
    /// Where to send them.
    pub chat: String,
    /// In which language.
    pub language: Language,
}

/// Times to act on a complaint: to its first action by an officer, and to its resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    /// From filing to the first officer action.
    pub first_action: SignedDuration,
    /// From filing to resolution.
    pub resolution: SignedDuration,
}

/// Response targets, by agency and category, with a default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Targets {
    /// For complaints no rule names: a first action within a day, resolution within 30 days.
    pub default: Target,
    /// Targets for an agency, a category, or both (the most specific applies).
    pub rules: Vec<(Option<AgencyCode>, Option<CategoryCode>, Target)>,
}

impl Default for Targets {
    fn default() -> Self {
        Self {
            default: Target {
                first_action: SignedDuration::from_hours(24),
                resolution: SignedDuration::from_hours(30 * 24),
            },
            rules: Vec::new(),
        }
    }
}

/// Which target a complaint missed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Late {
    /// No officer has acted on it yet.
    FirstAction {
        /// When the first action was due.
        due: Timestamp,
    },
    /// It is not resolved yet.
    Resolution {
        /// When it was due.
        due: Timestamp,
    },
}

impl Late {
    /// When it was due.
    pub fn due(self) -> Timestamp {
        match self {
            Late::FirstAction { due } | Late::Resolution { due } => due,
        }
    }
}

impl Targets {
    /// The target for a complaint: a rule for its agency and category, else for its agency,
    /// else for its category, else the default.
    pub fn for_complaint(&self, c: &Complaint) -> Target {
        let fits = |a: &Option<AgencyCode>, k: &Option<CategoryCode>| {
            a.as_ref().is_none_or(|a| *a == c.agency) && k.as_ref().is_none_or(|k| *k == c.category)
        };
        self.rules
            .iter()
            .filter(|(a, k, _)| fits(a, k))
            .max_by_key(|(a, k, _)| (a.is_some() as u8) * 2 + k.is_some() as u8)
            .map_or(self.default, |(_, _, t)| *t)
    }

    /// Whether a complaint is late at `now`. Closed complaints and those waiting for the
    /// citizen are never late.
    pub fn late(&self, c: &Complaint, now: Timestamp) -> Option<Late> {
        if !c.status.is_open() || c.status == crate::workflow::Status::NeedInfo {
            return None;
        }
        let target = self.for_complaint(c);
        let acted = c
            .timeline
            .iter()
            .any(|e| matches!(e.actor, Actor::Officer(_)) && !matches!(e.kind, EventKind::Note));
        if !acted {
            let due = c.filed_at + target.first_action;
            return (now > due).then_some(Late::FirstAction { due });
        }
        let due = c.filed_at + target.resolution;
        (now > due).then_some(Late::Resolution { due })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::sample_complaint;

    #[test]
    fn roles_parse_and_print() {
        for s in ["desk", "admin", "agency:OCPB"] {
            assert_eq!(s.parse::<Role>().unwrap().to_string(), s);
        }
        assert!("agency:ocpb".parse::<Role>().is_err());
        assert!("boss".parse::<Role>().is_err());
    }

    #[test]
    fn targets_pick_the_most_specific_rule_and_lateness_follows() {
        let c = sample_complaint();
        let day = SignedDuration::from_hours(24);
        let targets = Targets {
            default: Target {
                first_action: day,
                resolution: day * 30,
            },
            rules: vec![
                (
                    None,
                    Some(c.category.clone()),
                    Target {
                        first_action: day * 2,
                        resolution: day * 10,
                    },
                ),
                (
                    Some(c.agency.clone()),
                    Some(c.category.clone()),
                    Target {
                        first_action: day * 3,
                        resolution: day * 5,
                    },
                ),
            ],
        };
        assert_eq!(targets.for_complaint(&c).first_action, day * 3);
        assert_eq!(targets.late(&c, c.filed_at + day * 2), None);
        assert_eq!(
            targets.late(&c, c.filed_at + day * 4),
            Some(Late::FirstAction {
                due: c.filed_at + day * 3
            })
        );
        let officer = Officer {
            user: crate::testing::sample_user("desk"),
            name: "D".into(),
            role: Role::Desk,
            language: Language::Thai,
        };
        assert!(officer_user(&officer.id()).is_some_and(|u| u == officer.user));
    }
}
