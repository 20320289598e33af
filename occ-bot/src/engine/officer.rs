//! The officers' side of the conversation: the queue, opening a complaint, acting on it,
//! incidents, overdue complaints, statistics, warnings; and citizens' subscriptions to warnings.
//!
//! Every operation goes through [`Office`](occ_core::office::Office), which checks the role and
//! writes refusals to the audit log; a refusal always gets the same polite answer.

use occ_core::calendar::Day;
use occ_core::office::{ActRefusal, Denied, QueueItem};
use occ_core::officers::Subscription;
use occ_core::stats::Period;
use occ_core::workflow::{Change, WorkflowError};
use occ_core::{AgencyCode, Complaint, IdentifierKind, IssueId, Note, ParseIssueIdError, Status};

use super::views::{listed, officer_status};
use super::{Turn, TurnResult, button, label, lines};
use crate::i18n::date_msg;
use crate::reply::{Button, Msg, OutAttachment, Reply};
use crate::session::{OfficerAction, Step};

/// Button kinds that only officers are ever given.
const OFFICER_BUTTONS: &[&str] = &[
    "off", "case", "screen", "ok", "fwd", "fwdto", "ask", "work", "resolve", "reject", "dup",
    "msg", "note", "skipnote", "inc", "incfwd", "incfwdto", "incmsg", "warn", "evi",
];

pub(super) fn is_officer_button(id: &str) -> bool {
    let kind = id.split_once(':').map_or(id, |(k, _)| k);
    OFFICER_BUTTONS.contains(&kind)
}

fn denied() -> Msg {
    Msg::new("officer-denied")
}

impl Turn<'_> {
    /// A button only officers get, pressed when it was not offered: forged or stale.
    pub(super) async fn refuse_officer_button(&mut self, id: &str) -> TurnResult {
        let entry = occ_core::officers::AuditEntry {
            at: self.now(),
            who: self.inc.user.to_string(),
            action: "button".to_owned(),
            issue: id.split(':').nth(1).and_then(|x| x.parse().ok()),
            reason: "a button that was not offered (forged or stale)".to_owned(),
        };
        self.engine.store.audit(entry).await?;
        self.say(denied());
        Ok(())
    }

    /// The officers' commands; `None` when `name` is not one.
    pub(super) async fn officer_command(&mut self, name: &str, args: &str) -> Option<TurnResult> {
        Some(match name {
            "queue" => self.show_queue().await,
            "case" => match args.parse::<IssueId>() {
                Ok(id) => self.show_case(id).await,
                Err(_) => {
                    self.say(Msg::new("id-not-an-id"));
                    Ok(())
                }
            },
            "overdue" => self.show_overdue().await,
            "incidents" => self.show_incidents().await,
            "stats" => self.show_stats(args).await,
            "warn" => self.start_warning().await,
            "warnings" => self.show_warnings().await,
            "subscribe" => self.set_subscription(true).await,
            "unsubscribe" => self.set_subscription(false).await,
            _ => return None,
        })
    }

    /// The officers' buttons (and subscriptions); `None` when `kind` is not one of them.
    pub(super) async fn officer_button(&mut self, kind: &str, value: &str) -> Option<TurnResult> {
        let id = || {
            value
                .split(':')
                .next()
                .and_then(|v| v.parse::<IssueId>().ok())
        };
        Some(match (kind, value) {
            ("off", "queue") => self.show_queue().await,
            ("off", "overdue") => self.show_overdue().await,
            ("off", "incidents") => self.show_incidents().await,
            ("off", "stats") => self.show_stats("").await,
            ("off", "warn") => self.start_warning().await,
            ("subs", "on") => self.set_subscription(true).await,
            ("subs", "off") => self.set_subscription(false).await,
            ("warn", "yes") => self.publish_warning().await,
            ("warn", "no") => {
                self.s.step = Step::Menu;
                self.say(Msg::new("cancelled"));
                Ok(())
            }
            ("skipnote", _) => match self.s.step.clone() {
                Step::OfficerText {
                    id,
                    action: OfficerAction::Forward { agency },
                } => {
                    self.s.step = Step::Menu;
                    self.act(id, Change::Forward { agency }, None).await
                }
                Step::OfficerText {
                    id,
                    action: OfficerAction::Resolve,
                } => {
                    self.s.step = Step::Menu;
                    self.act(id, Change::Resolve, None).await
                }
                _ => self.prompt().await,
            },
            ("inc", n) => match n.parse::<usize>() {
                Ok(n) => self.show_incident(n).await,
                Err(_) => self.prompt().await,
            },
            ("incfwd", n) => {
                let reply = self.agency_choice(|a| format!("incfwdto:{n}:{a}"));
                self.out.push(reply);
                Ok(())
            }
            ("incfwdto", rest) => {
                let (n, agency) = rest.split_once(':').unwrap_or((rest, ""));
                match (n.parse::<usize>(), AgencyCode::new(agency)) {
                    (Ok(n), Ok(agency)) => {
                        self.act_on_incident(n, Change::Forward { agency }, None)
                            .await
                    }
                    _ => self.prompt().await,
                }
            }
            ("incmsg", n) => {
                self.s.step = Step::IncidentText {
                    index: n.parse().unwrap_or(usize::MAX),
                };
                self.say(Msg::new("officer-ask-incident-message"));
                Ok(())
            }
            (kind, _) => {
                let Some(issue) = id() else {
                    return Some(self.prompt().await);
                };
                match kind {
                    "case" => self.show_case(issue).await,
                    "evi" => self.send_evidence(issue).await,
                    "screen" => self.act(issue, Change::StartScreening, None).await,
                    "work" => self.act(issue, Change::StartWork, None).await,
                    "ok" => match self.engine.store.get(issue).await {
                        Ok(Some(c)) => match c.routing.as_ref().map(|r| r.agency.clone()) {
                            Some(agency) => {
                                self.ask_for_text(issue, OfficerAction::Forward { agency })
                            }
                            None => self.prompt().await,
                        },
                        Ok(None) => self.act(issue, Change::StartScreening, None).await,
                        Err(e) => Err(e),
                    },
                    "fwd" => {
                        let reply = self
                            .agency_choice(|a| format!("fwdto:{issue}:{a}"))
                            .row(vec![button(format!("case:{issue}"), "button-back")]);
                        self.out.push(reply);
                        Ok(())
                    }
                    "fwdto" => match value.split(':').nth(1).map(AgencyCode::new) {
                        Some(Ok(agency)) => {
                            self.ask_for_text(issue, OfficerAction::Forward { agency })
                        }
                        _ => self.prompt().await,
                    },
                    "ask" => self.ask_for_text(issue, OfficerAction::Ask),
                    "resolve" => self.ask_for_text(issue, OfficerAction::Resolve),
                    "reject" => self.ask_for_text(issue, OfficerAction::Reject),
                    "dup" => self.ask_for_text(issue, OfficerAction::Duplicate),
                    "msg" => self.ask_for_text(issue, OfficerAction::Message),
                    "note" => self.ask_for_text(issue, OfficerAction::Note),
                    _ => return None,
                }
            }
        })
    }

    /// The agencies to forward to, each with what it handles, and a button for each.
    fn agency_choice(&self, id: impl Fn(&AgencyCode) -> String) -> Reply {
        let lang = self.lang();
        let catalog = self.engine.store.catalog();
        let agencies = self.engine.office.agencies();
        let list = agencies
            .iter()
            .filter_map(|a| catalog.agency(a))
            .map(|a| {
                Msg::new("agency-line")
                    .arg("code", a.code.to_string())
                    .arg("name", a.name.get(lang))
                    .arg("handles", a.handles.get(lang))
            })
            .collect();
        let buttons = agencies
            .iter()
            .map(|a| Button::new(id(a), label(a.to_string())))
            .collect();
        Reply::text(Msg::new("choose-agency").arg("agencies", listed(list))).column(buttons)
    }

    fn ask_for_text(&mut self, id: IssueId, action: OfficerAction) -> TurnResult {
        let optional = matches!(
            action,
            OfficerAction::Forward { .. } | OfficerAction::Resolve
        );
        let what = match &action {
            OfficerAction::Forward { .. } => "forward",
            OfficerAction::Ask => "ask",
            OfficerAction::Resolve => "resolve",
            OfficerAction::Reject => "reject",
            OfficerAction::Duplicate => "duplicate",
            OfficerAction::Message => "message",
            OfficerAction::Note => "note",
        };
        self.s.step = Step::OfficerText { id, action };
        let mut reply = Reply::text(
            Msg::new("officer-ask-text")
                .arg("action", what)
                .arg("id", id.to_string()),
        );
        if optional {
            reply = reply.row(vec![button(format!("skipnote:{id}"), "button-skip-note")]);
        }
        self.out
            .push(reply.row(vec![button(format!("case:{id}"), "button-back")]));
        Ok(())
    }

    /// The text an officer's action needed.
    pub(super) async fn officer_text(&mut self, step: Step, text: &str) -> TurnResult {
        match step {
            Step::OfficerText { id, action } => {
                self.s.step = Step::Menu;
                if let OfficerAction::Duplicate = action {
                    return match text.parse::<IssueId>() {
                        Ok(of) => self.act(id, Change::MarkDuplicate { of }, None).await,
                        Err(ParseIssueIdError::CheckDigitMismatch) => {
                            self.s.step = Step::OfficerText {
                                id,
                                action: OfficerAction::Duplicate,
                            };
                            self.say(Msg::new("id-mistyped"));
                            Ok(())
                        }
                        Err(_) => {
                            self.s.step = Step::OfficerText {
                                id,
                                action: OfficerAction::Duplicate,
                            };
                            self.say(Msg::new("id-not-an-id"));
                            Ok(())
                        }
                    };
                }
                let Ok(note) = Note::new(text) else {
                    self.s.step = Step::OfficerText { id, action };
                    self.say(Msg::new("describe-empty"));
                    return Ok(());
                };
                let change = match action {
                    OfficerAction::Forward { agency } => Change::Forward { agency },
                    OfficerAction::Ask => Change::RequestInfo,
                    OfficerAction::Resolve => Change::Resolve,
                    OfficerAction::Reject => Change::Reject,
                    OfficerAction::Message => Change::MessageToCitizen,
                    OfficerAction::Note | OfficerAction::Duplicate => Change::AddNote,
                };
                self.act(id, change, Some(note)).await
            }
            Step::IncidentText { index } => {
                self.s.step = Step::Menu;
                match Note::new(text) {
                    Ok(note) => {
                        self.act_on_incident(index, Change::MessageToCitizen, Some(note))
                            .await
                    }
                    Err(_) => self.prompt().await,
                }
            }
            Step::WarnThai => {
                self.s.step = Step::WarnEnglish {
                    th: text.trim().to_owned(),
                };
                self.say(Msg::new("warn-ask-english"));
                Ok(())
            }
            Step::WarnEnglish { th } => {
                self.s.step = Step::WarnConfirm {
                    th,
                    en: text.trim().to_owned(),
                };
                self.officer_prompt()
            }
            _ => self.prompt().await,
        }
    }

    /// Asks again for what the officer's current step needs.
    pub(super) fn officer_prompt(&mut self) -> TurnResult {
        match self.s.step.clone() {
            Step::OfficerText { id, action } => return self.ask_for_text(id, action),
            Step::IncidentText { .. } => self.say(Msg::new("officer-ask-incident-message")),
            Step::WarnThai => self.say(Msg::new("warn-ask-thai")),
            Step::WarnEnglish { .. } => self.say(Msg::new("warn-ask-english")),
            Step::WarnConfirm { th, en } => self.out.push(
                Reply::text(Msg::new("warn-confirm").arg("th", th).arg("en", en)).row(vec![
                    button("warn:yes", "button-publish"),
                    button("warn:no", "button-cancel"),
                ]),
            ),
            _ => self.menu(),
        }
        Ok(())
    }

    /// The officers' row of the menu, for an officer.
    pub(super) fn officer_menu_row(&self) -> Option<Vec<Button>> {
        let officer = self.officer.as_ref()?;
        let mut row = vec![
            button("off:queue", "button-queue"),
            button("off:overdue", "button-overdue"),
            button("off:stats", "button-stats"),
        ];
        if officer.is_desk() {
            row.push(button("off:incidents", "button-incidents"));
            row.push(button("off:warn", "button-warn"));
        }
        Some(row)
    }

    fn queue_buttons(&self, items: &[QueueItem]) -> Vec<Button> {
        let lang = self.lang();
        items
            .iter()
            .map(|i| {
                Button::new(
                    format!("case:{}", i.complaint.id),
                    self.engine.queue_item_message(lang, i),
                )
            })
            .collect()
    }

    async fn show_queue(&mut self) -> TurnResult {
        match self
            .engine
            .office
            .queue(&self.inc.user, self.now(), 20)
            .await?
        {
            Err(Denied) => self.say(denied()),
            Ok(items) if items.is_empty() => self.say(Msg::new("queue-empty")),
            Ok(items) => {
                let late = items.iter().filter(|i| i.late.is_some()).count();
                let buttons = self.queue_buttons(&items);
                self.out.push(
                    Reply::text(
                        Msg::new("queue-list")
                            .arg("count", items.len())
                            .arg("late", late),
                    )
                    .column(buttons),
                );
            }
        }
        Ok(())
    }

    async fn show_overdue(&mut self) -> TurnResult {
        match self
            .engine
            .office
            .overdue(&self.inc.user, self.now(), 20)
            .await?
        {
            Err(Denied) => self.say(denied()),
            Ok(items) if items.is_empty() => self.say(Msg::new("overdue-empty")),
            Ok(items) => {
                let buttons = self.queue_buttons(&items);
                self.out.push(
                    Reply::text(Msg::new("overdue-list").arg("count", items.len())).column(buttons),
                );
            }
        }
        Ok(())
    }

    /// The complaint as the officer may read it, or the refusal said.
    async fn open_case(
        &mut self,
        id: IssueId,
    ) -> Result<Option<occ_core::office::CaseView>, occ_core::store::StoreError> {
        match self
            .engine
            .office
            .case(&self.inc.user, id, self.now())
            .await?
        {
            Ok(v) => Ok(Some(v)),
            Err(Denied) => {
                self.say(denied());
                Ok(None)
            }
        }
    }

    async fn show_case(&mut self, id: IssueId) -> TurnResult {
        let Some(view) = self.open_case(id).await? else {
            return Ok(());
        };
        let text = self.engine.case_message(self.lang(), &view);
        let c = &view.complaint;
        let mut reply = Reply::text(text);
        for row in self.case_buttons(c) {
            reply = reply.row(row);
        }
        self.out.push(reply);
        Ok(())
    }

    fn case_buttons(&self, c: &Complaint) -> Vec<Vec<Button>> {
        let id = c.id;
        let mut rows = Vec::new();
        if c.status.is_open() {
            let mut first = Vec::new();
            if c.status == Status::Received {
                first.push(button(format!("screen:{id}"), "button-screen"));
            }
            if let Some(r) = c
                .routing
                .as_ref()
                .filter(|r| r.rule.is_some() && r.agency != c.agency)
                && matches!(
                    c.status,
                    Status::Received | Status::Screening | Status::NeedInfo
                )
            {
                first.push(Button::new(
                    format!("ok:{id}"),
                    Msg::new("button-accept-suggestion").arg("agency", r.agency.to_string()),
                ));
            }
            first.push(button(format!("fwd:{id}"), "button-forward-to"));
            rows.push(first);
            let mut second = vec![button(format!("ask:{id}"), "button-ask")];
            if c.status == Status::Forwarded {
                second.push(button(format!("work:{id}"), "button-work"));
            }
            second.push(button(format!("resolve:{id}"), "button-resolve"));
            rows.push(second);
            rows.push(vec![
                button(format!("reject:{id}"), "button-reject"),
                button(format!("dup:{id}"), "button-duplicate"),
            ]);
        }
        rows.push(vec![
            button(format!("msg:{id}"), "button-message-citizen"),
            button(format!("note:{id}"), "button-note"),
        ]);
        let files = files_of(c).count();
        if files > 0 {
            rows.push(vec![Button::new(
                format!("evi:{id}"),
                Msg::new("button-evidence-files").arg("count", files),
            )]);
        }
        rows.push(vec![button("off:queue", "button-queue")]);
        rows
    }

    /// Sends the photos and files of a complaint the officer may open.
    async fn send_evidence(&mut self, id: IssueId) -> TurnResult {
        let Some(view) = self.open_case(id).await? else {
            return Ok(());
        };
        let mut reply = Reply::text(Msg::new("case-evidence-files").arg("id", id.to_string()));
        let mut missing = 0usize;
        for a in files_of(&view.complaint) {
            match self.engine.store.attachment(&a.sha256).await? {
                Some(bytes) => reply.attachments.push(OutAttachment {
                    name: a
                        .original_name
                        .clone()
                        .unwrap_or_else(|| format!("evidence-{}", &a.sha256[..12])),
                    media_type: a.media_type.clone(),
                    bytes,
                }),
                None => missing += 1,
            }
        }
        if missing > 0 {
            tracing::error!(missing, "evidence files named by a complaint are missing");
            reply.text = Msg::new("case-evidence-missing")
                .arg("id", id.to_string())
                .arg("missing", missing);
        }
        self.out
            .push(reply.row(vec![button(format!("case:{id}"), "button-back")]));
        Ok(())
    }

    async fn act(&mut self, id: IssueId, change: Change, note: Option<Note>) -> TurnResult {
        let name = change.name();
        match self
            .engine
            .office
            .act(&self.inc.user, id, change, note, self.now())
            .await?
        {
            Ok(_) => {
                self.say(
                    Msg::new("case-done")
                        .arg("action", name)
                        .arg("id", id.to_string()),
                );
                self.show_case(id).await
            }
            Err(ActRefusal::Denied) => {
                self.say(denied());
                Ok(())
            }
            Err(ActRefusal::NotFound) => {
                self.say(Msg::new("id-not-found").arg("id", id.to_string()));
                Ok(())
            }
            Err(ActRefusal::Workflow(why)) => {
                self.say(workflow_refusal(&why));
                self.show_case(id).await
            }
            Err(_) => Ok(()),
        }
    }

    async fn show_incidents(&mut self) -> TurnResult {
        match self
            .engine
            .office
            .incidents(&self.inc.user, 10, self.now())
            .await?
        {
            Err(Denied) => self.say(denied()),
            Ok(list) if list.is_empty() => self.say(Msg::new("incidents-empty")),
            Ok(list) => {
                self.s.incidents = list.iter().map(|i| (i.kind, i.value.clone())).collect();
                let buttons = list
                    .iter()
                    .enumerate()
                    .map(|(n, i)| {
                        Button::new(
                            format!("inc:{n}"),
                            Msg::new("incident-item")
                                .arg("kind", i.kind.code())
                                .arg("value", i.value.as_str())
                                .arg("count", i.complaints as usize),
                        )
                    })
                    .collect();
                self.out.push(
                    Reply::text(Msg::new("incidents-list").arg("count", list.len()))
                        .column(buttons),
                );
            }
        }
        Ok(())
    }

    fn incident_key(&self, n: usize) -> Option<(IdentifierKind, String)> {
        self.s.incidents.get(n).cloned()
    }

    async fn show_incident(&mut self, n: usize) -> TurnResult {
        let Some((kind, value)) = self.incident_key(n) else {
            return self.show_incidents().await;
        };
        match self
            .engine
            .office
            .incident(&self.inc.user, kind, &value, self.now())
            .await?
        {
            Err(Denied) => self.say(denied()),
            Ok(None) => self.say(Msg::new("incidents-empty")),
            Ok(Some(incident)) => {
                let lang = self.lang();
                let agencies: Vec<Msg> = incident
                    .by_agency
                    .iter()
                    .map(|(a, count)| {
                        Msg::new("agency-count")
                            .arg("agency", self.engine.agency_name(a, lang))
                            .arg("count", *count as usize)
                    })
                    .collect();
                let s = &incident.summary;
                let text = Msg::new("incident-show")
                    .arg("kind", s.kind.code())
                    .arg("value", s.value.as_str())
                    .arg("count", s.complaints as usize)
                    .arg("open", incident.open as usize)
                    .arg("first", date_msg("date", lang, s.first_filed))
                    .arg("last", date_msg("date", lang, s.last_filed))
                    .arg("agencies", listed(agencies));
                let cases: Vec<Button> = incident
                    .complaints
                    .iter()
                    .take(10)
                    .map(|id| Button::new(format!("case:{id}"), label(id.to_string())))
                    .collect();
                self.out.push(
                    Reply::text(text)
                        .row(vec![
                            button(format!("incfwd:{n}"), "button-incident-forward"),
                            button(format!("incmsg:{n}"), "button-incident-message"),
                        ])
                        .column(cases),
                );
            }
        }
        Ok(())
    }

    async fn act_on_incident(
        &mut self,
        n: usize,
        change: Change,
        note: Option<Note>,
    ) -> TurnResult {
        let Some((kind, value)) = self.incident_key(n) else {
            return self.show_incidents().await;
        };
        match self
            .engine
            .office
            .act_on_incident(&self.inc.user, kind, &value, change, note, self.now())
            .await?
        {
            Err(Denied) => self.say(denied()),
            Ok(outcome) => self.out.push(
                Reply::text(
                    Msg::new("incident-done")
                        .arg("applied", outcome.applied.len())
                        .arg("refused", outcome.refused.len()),
                )
                .row(vec![
                    button(format!("inc:{n}"), "button-back"),
                    button("off:incidents", "button-incidents"),
                ]),
            ),
        }
        Ok(())
    }

    async fn show_stats(&mut self, args: &str) -> TurnResult {
        let today = Day::of(self.now());
        let period = if args.trim().is_empty() {
            Period::month(today.year_be(), today.month())
        } else {
            Period::parse_month(args)
        };
        let Some(period) = period else {
            self.say(Msg::new("stats-bad-period"));
            return Ok(());
        };
        let report = match self
            .engine
            .office
            .report(&self.inc.user, period, self.now())
            .await?
        {
            Ok(r) => r,
            Err(Denied) => {
                self.say(denied());
                return Ok(());
            }
        };
        let lang = self.lang();
        let text = self.engine.report_message(lang, &report);
        let counters = self.engine.store.counters().await?;
        let chart = crate::chart::monthly_by_category(
            &counters,
            self.engine.store.catalog(),
            period.last,
            lang,
        );
        let until = crate::i18n::date_msg("date", lang, report.period.last.noon());
        let mut reply = Reply::text(
            Msg::new("stats-with-chart")
                .arg("summary", text)
                .arg("until", until),
        );
        reply.attachments.push(OutAttachment {
            name: format!(
                "occ-{}-{:02}.png",
                period.last.year_be(),
                period.last.month()
            ),
            media_type: "image/png".into(),
            bytes: chart,
        });
        self.out.push(reply);
        Ok(())
    }

    async fn start_warning(&mut self) -> TurnResult {
        match self.engine.office.officer(&self.inc.user).await? {
            Some(o) if o.is_desk() => {
                self.s.step = Step::WarnThai;
                self.say(Msg::new("warn-ask-thai"));
            }
            _ => {
                self.refuse("publish_warning").await?;
            }
        }
        Ok(())
    }

    async fn refuse(&mut self, action: &str) -> TurnResult {
        self.engine
            .store
            .audit(occ_core::officers::AuditEntry {
                at: self.now(),
                who: self.inc.user.to_string(),
                action: action.to_owned(),
                issue: None,
                reason: "not permitted".to_owned(),
            })
            .await?;
        self.say(denied());
        Ok(())
    }

    async fn publish_warning(&mut self) -> TurnResult {
        let Step::WarnConfirm { th, en } = self.s.step.clone() else {
            return self.prompt().await;
        };
        self.s.step = Step::Menu;
        let (Ok(th), Ok(en)) = (Note::new(&th), Note::new(&en)) else {
            self.say(Msg::new("describe-empty"));
            return Ok(());
        };
        match self
            .engine
            .office
            .publish_warning(&self.inc.user, &th, &en, self.now())
            .await?
        {
            Err(Denied) => self.say(denied()),
            Ok((w, told)) => self.say(
                Msg::new("warn-published")
                    .arg("id", w.id as usize)
                    .arg("count", told as usize),
            ),
        }
        Ok(())
    }

    async fn show_warnings(&mut self) -> TurnResult {
        let lang = self.lang();
        let list = self.engine.store.warnings(3).await?;
        let subscribed = self
            .engine
            .store
            .subscription(&self.inc.user)
            .await?
            .is_some();
        let toggle = if subscribed {
            button("subs:off", "button-unsubscribe")
        } else {
            button("subs:on", "button-subscribe")
        };
        if list.is_empty() {
            self.out
                .push(Reply::text(Msg::new("warnings-none")).row(vec![toggle]));
            return Ok(());
        }
        let items: Vec<Msg> = list
            .iter()
            .map(|w| {
                Msg::new("warning-line")
                    .arg("date", date_msg("date", lang, w.published_at))
                    .arg("text", w.text(lang))
            })
            .collect();
        self.out.push(
            Reply::text(Msg::new("warnings-list").arg("warnings", lines(items))).row(vec![toggle]),
        );
        Ok(())
    }

    async fn set_subscription(&mut self, on: bool) -> TurnResult {
        if on {
            let s = Subscription {
                user: self.inc.user.clone(),
                chat: self.inc.chat.clone(),
                language: self.lang(),
            };
            self.engine.store.subscribe(s).await?;
            self.say(Msg::new("subscribed"));
        } else {
            self.engine.store.unsubscribe(&self.inc.user).await?;
            self.say(Msg::new("unsubscribed"));
        }
        Ok(())
    }
}

/// The files among a complaint's evidence.
fn files_of(c: &Complaint) -> impl Iterator<Item = &occ_core::Attachment> {
    c.evidence.iter().filter_map(|e| match e {
        occ_core::Evidence::File(a) => Some(a),
        _ => None,
    })
}

/// Why the workflow refused an officer's change, in words.
fn workflow_refusal(why: &WorkflowError) -> Msg {
    match why {
        WorkflowError::NotAllowed { from, to, allowed } => Msg::new("workflow-not-allowed")
            .arg("from", officer_status(*from))
            .arg("to", officer_status(*to))
            .arg(
                "allowed",
                lines(allowed.iter().map(|s| officer_status(*s)).collect()),
            ),
        WorkflowError::AlreadyWith(a) => {
            Msg::new("workflow-already-with").arg("agency", a.to_string())
        }
        WorkflowError::BadDuplicate(id) => {
            Msg::new("workflow-bad-duplicate").arg("id", id.to_string())
        }
        _ => Msg::new("workflow-refused"),
    }
}
