//! What officers read, as messages: a complaint opened, a queue line, a period report. The bot
//! and the admin command line show the same words from the same Fluent messages.

use occ_core::office::{CaseView, QueueItem};
use occ_core::officers::Late;
use occ_core::stats::PeriodReport;
use occ_core::{Event, EventKind, Language};

use super::{Engine, evidence_line, lines};
use crate::i18n::date_msg;
use crate::reply::{Arg, Msg};

impl Engine {
    /// A complaint as an officer opens it (`case-show`): details, evidence, identifiers,
    /// incidents, the routing suggestion and the timeline. `view` is already redacted for the
    /// officer's role.
    pub fn case_message(&self, lang: Language, view: &CaseView) -> Msg {
        let c = &view.complaint;
        let catalog = self.store.catalog();
        let category = catalog.category(&c.category);
        let not_shown = || {
            Arg::from(Msg::new(if view.contact_shown {
                "not-given"
            } else {
                "not-shown"
            }))
        };
        let suggestion = match &c.routing {
            Some(r) if r.rule.is_some() => Msg::new("case-suggestion")
                .arg("agency", self.agency_name(&r.agency, lang))
                .arg(
                    "reason",
                    r.reason
                        .as_ref()
                        .map_or(String::new(), |x| x.get(lang).to_owned()),
                )
                .arg("confidence", i64::from(r.confidence))
                .into(),
            _ => Arg::from(Msg::new("case-no-suggestion")),
        };
        let identifiers = c
            .identifiers
            .iter()
            .map(|i| {
                Msg::new("identifier-line")
                    .arg("kind", i.kind.code())
                    .arg("value", i.value.as_str())
            })
            .collect();
        let incidents = view
            .incidents
            .iter()
            .map(|i| {
                Msg::new("incident-line")
                    .arg("kind", i.kind.code())
                    .arg("value", i.value.as_str())
                    .arg("count", i.complaints as usize)
            })
            .collect();
        let timeline = c
            .timeline
            .iter()
            .map(|e| self.officer_event_line(lang, e, &view.officer_names))
            .collect();
        Msg::new("case-show")
            .arg("id", c.id.to_string())
            .arg("status", officer_status(c.status))
            .arg("agency", self.agency_name(&c.agency, lang))
            .arg(
                "category",
                category.map_or(c.category.to_string(), |k| k.name.get(lang).to_owned()),
            )
            .arg(
                "subcategory",
                category
                    .and_then(|k| k.subcategory(&c.subcategory))
                    .map_or(c.subcategory.to_string(), |s| s.name.get(lang).to_owned()),
            )
            .arg("filed", date_msg("date-time", lang, c.filed_at))
            .arg("late", late_msg(lang, view.late))
            .arg("name", c.reporter.display_name.as_str())
            .arg(
                "phone",
                c.reporter
                    .phone
                    .as_ref()
                    .map_or_else(not_shown, |p| Arg::from(p.to_string())),
            )
            .arg(
                "email",
                c.reporter
                    .email
                    .as_ref()
                    .map_or_else(not_shown, |e| Arg::from(e.to_string())),
            )
            .arg(
                "national_id",
                c.reporter.national_id.as_ref().map_or_else(
                    || Arg::from(Msg::new("not-given")),
                    |n| Arg::from(n.masked()),
                ),
            )
            .arg("description", c.description.as_str())
            .arg(
                "evidence",
                listed(c.evidence.iter().map(evidence_line).collect()),
            )
            .arg("identifiers", listed(identifiers))
            .arg("incidents", listed(incidents))
            .arg("suggestion", suggestion)
            .arg("timeline", listed(timeline))
    }

    /// One line of an officer's queue (`queue-item`, or `queue-item-late` when it is late).
    pub fn queue_item_message(&self, lang: Language, item: &QueueItem) -> Msg {
        let c = &item.complaint;
        let sub = self
            .store
            .catalog()
            .category(&c.category)
            .and_then(|k| k.subcategory(&c.subcategory))
            .map_or(c.subcategory.to_string(), |s| s.name.get(lang).to_owned());
        let suggestion = c
            .routing
            .as_ref()
            .map_or("?".to_owned(), |r| r.agency.to_string());
        let id = if item.late.is_some() {
            "queue-item-late"
        } else {
            "queue-item"
        };
        Msg::dynamic(id.to_owned())
            .arg("id", c.id.to_string())
            .arg("subcategory", sub)
            .arg("suggestion", suggestion)
    }

    /// A period report in words (`stats-summary`).
    pub fn report_message(&self, lang: Language, report: &PeriodReport) -> Msg {
        let hours = |d: Option<occ_core::jiff::SignedDuration>| {
            d.map_or_else(
                || "-".to_owned(),
                |d| format!("{:.1}", d.as_secs_f64() / 3600.0),
            )
        };
        let agencies = report
            .current
            .forwarded
            .iter()
            .map(|(a, n)| {
                Msg::new("agency-count")
                    .arg("agency", self.agency_name(a, lang))
                    .arg("count", *n as usize)
            })
            .collect();
        let ratio = report
            .received_ratio()
            .map_or(String::from("none"), |r| format!("{r:.1}")); // "none": the messages select on it
        let period = report.period;
        Msg::new("stats-summary")
            .arg("from", date_msg("date", lang, period.first.noon()))
            .arg("to", date_msg("date", lang, period.last.noon()))
            .arg("received", report.current.received as usize)
            .arg("previous", report.previous.received as usize)
            .arg("ratio", ratio)
            .arg("forwarded", report.current.forwarded_total() as usize)
            .arg("agencies", listed(agencies))
            .arg("resolved", report.current.resolved as usize)
            .arg("to_forward", hours(report.current.median_time_to_forward()))
            .arg("to_resolve", hours(report.current.median_time_to_resolve()))
    }

    fn officer_event_line(
        &self,
        lang: Language,
        e: &Event,
        names: &std::collections::BTreeMap<occ_core::OfficerId, String>,
    ) -> Msg {
        let at = date_msg("date-time", lang, e.at);
        let who: Arg = match &e.actor {
            // Colleagues by name; one no longer on the list by their identity.
            occ_core::Actor::Officer(o) => Arg::from(names.get(o).unwrap_or(&o.0).clone()),
            occ_core::Actor::Citizen => Msg::new("actor-citizen").into(),
            _ => Msg::new("actor-system").into(),
        };
        let note = e.note.as_ref().map(|n| n.as_str().to_owned());
        let agency = |a| self.agency_name(a, lang);
        let what = match (&e.kind, note) {
            (EventKind::Filed, _) => Msg::new("officer-what-filed"),
            (EventKind::Forwarded { to_agency, .. }, None) => {
                Msg::new("officer-what-forwarded").arg("agency", agency(to_agency))
            }
            (EventKind::Forwarded { to_agency, .. }, Some(n)) => {
                Msg::new("officer-what-forwarded-note")
                    .arg("agency", agency(to_agency))
                    .arg("note", n)
            }
            (EventKind::StatusChanged { to, .. }, None) => {
                Msg::new("officer-what-status").arg("status", officer_status(*to))
            }
            // The citizen's answer to a question, which returns the complaint to the officers.
            (EventKind::StatusChanged { .. }, Some(n)) if e.actor == occ_core::Actor::Citizen => {
                Msg::new("officer-what-from-citizen").arg("text", n)
            }
            (EventKind::StatusChanged { to, .. }, Some(n)) => Msg::new("officer-what-status-note")
                .arg("status", officer_status(*to))
                .arg("note", n),
            (EventKind::MarkedDuplicate { of, .. }, _) => {
                Msg::new("officer-what-duplicate").arg("original", of.to_string())
            }
            (EventKind::Note, n) => {
                Msg::new("officer-what-note").arg("text", n.unwrap_or_default())
            }
            (EventKind::MessageToCitizen, n) => {
                Msg::new("officer-what-to-citizen").arg("text", n.unwrap_or_default())
            }
            (EventKind::MessageFromCitizen, n) => {
                Msg::new("officer-what-from-citizen").arg("text", n.unwrap_or_default())
            }
            (EventKind::EvidenceAdded { evidence }, _) => {
                Msg::new("officer-what-evidence").arg("evidence", evidence_line(evidence))
            }
            _ => Msg::new("officer-what-other"),
        };
        Msg::new("officer-event")
            .arg("at", at)
            .arg("who", who)
            .arg("what", what)
    }
}

/// Whether, and how, a complaint is late, in words.
fn late_msg(lang: Language, late: Option<Late>) -> Arg {
    match late {
        None => Arg::from(Msg::new("late-none")),
        Some(Late::FirstAction { due }) => Msg::new("late-first-action")
            .arg("due", date_msg("date-time", lang, due))
            .into(),
        Some(Late::Resolution { due }) => Msg::new("late-resolution")
            .arg("due", date_msg("date-time", lang, due))
            .into(),
    }
}

/// Lines, or a line saying there are none.
pub(super) fn listed(msgs: Vec<Msg>) -> Arg {
    if msgs.is_empty() {
        lines(vec![Msg::new("list-none")])
    } else {
        lines(msgs)
    }
}

/// A status as officers name it (`officer-status-CODE`).
pub(super) fn officer_status(s: occ_core::Status) -> Msg {
    Msg::dynamic(format!("officer-status-{}", s.code()))
}
