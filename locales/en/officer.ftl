# What the OCC bot says to officers, and warnings for the public, in English. Every id here is
# also in locales/th/officer.ftl, with the same variables.

## Kinds of identifier found in complaints (codes follow occ_core::IdentifierKind::code)

identifier-kind = { $kind ->
    [url] Link
    [domain] Website
    [phone] Phone
    [email] Email
    [bank_account] Bank account
    [prompt_pay] PromptPay
    [line_id] LINE ID
    [facebook] Facebook
    [shop_page] Shop page
    [amount] Amount
    [national_id] National ID
   *[other] Identifier
}

## Officers' menu and refusals

button-queue = My queue
button-overdue = Overdue
button-stats = Statistics
button-incidents = Incidents
button-warn = Publish a warning
officer-denied = Sorry, this is not something you can do from this account. If you think it should be, ask an OCC administrator.
list-none = (none)
not-shown = (not shown to your role)

## The queue

queue-empty = Your queue is empty. Well done.
queue-list = { $count ->
    [one] One complaint is waiting
   *[other] { $count } complaints are waiting
}, oldest first{ $late ->
    [0] .
    [one] ; one of them is late.
   *[other] ; { $late } of them are late.
} Press one to open it.
queue-item = { $id } · { $subcategory } · suggested { $suggestion }
queue-item-late = ⚠ { $id } · { $subcategory } · suggested { $suggestion }
overdue-empty = Nothing is overdue.
overdue-list = { $count ->
    [one] One complaint has
   *[other] { $count } complaints have
} missed a response target, most overdue first:
late-none = on time
late-first-action = ⚠ late: the first action was due { $due }
late-resolution = ⚠ late: resolution was due { $due }
reminder-overdue = Good morning. { $count ->
    [one] One complaint you handle has
   *[other] { $count } complaints you handle have
} missed a response target. The most overdue:

## A complaint as an officer sees it

case-show =
    Complaint { $id } · { $status }
    With: { $agency }
    Type: { $category } › { $subcategory }
    Filed: { $filed } ({ $late })
    Reporter: { $name }
    Phone: { $phone } · Email: { $email } · National ID: { $national_id }
    What happened:
    { $description }
    Evidence:
    { $evidence }
    Found in the text:
    { $identifiers }
    Incidents:
    { $incidents }
    { $suggestion }
    History:
    { $timeline }
case-suggestion = Suggested agency: { $agency } ({ $confidence }% sure), because: { $reason }
case-no-suggestion = No suggested agency: choose one yourself.
identifier-line = • { identifier-kind }: { $value }
incident-line = • { identifier-kind } { $value }: { $count ->
    [one] this complaint only
   *[other] in { $count } complaints
}
officer-event = { $at } · { $who }: { $what }
officer-what-filed = filed
officer-what-forwarded = forwarded to { $agency }
officer-what-forwarded-note = forwarded to { $agency } (“{ $note }”)
officer-what-status = { $status }
officer-what-status-note = { $status } (“{ $note }”)
officer-what-duplicate = marked as the same as { $original }
officer-what-note = internal note: { $text }
officer-what-to-citizen = wrote to the citizen: “{ $text }”
officer-what-from-citizen = wrote: “{ $text }”
officer-what-evidence = evidence added: { $evidence }
officer-what-other = updated
actor-citizen = citizen
actor-system = system

## Acting on a complaint

button-open-case = Open the complaint
button-evidence-files = { $count ->
    [one] See the file
   *[other] See the { $count } files
}
case-evidence-files = The photos and files of { $id }:
case-evidence-missing = The photos and files of { $id }. { $missing ->
    [one] One file
   *[other] { $missing } files
} could not be found in the store: please tell the administrator.
button-screen = Start screening
button-accept-suggestion = Forward to { $agency }
button-forward-to = Forward to…
button-ask = Ask the citizen
button-work = Start work
button-resolve = Resolve
button-reject = Reject
button-duplicate = Same as another
button-message-citizen = Message the citizen
button-note = Internal note
button-skip-note = Without a note
choose-agency =
    Forward to which agency?
    { $agencies }
agency-line = • { $code }: { $name }. { $handles }
officer-ask-text = { $action ->
    [forward] Add a note for the agency about { $id } (the citizen is told only that it was forwarded), or press “Without a note”.
    [ask] What should the citizen of { $id } tell us? Type the question: they receive it as it is.
    [resolve] How was { $id } resolved? The citizen receives what you type. Or press “Without a note”.
    [reject] Why can { $id } not be taken up? The citizen receives what you type, so please be clear and polite.
    [duplicate] Type the Issue ID of the earlier complaint that { $id } repeats.
    [message] Type the message for the citizen of { $id }.
   *[note] Type the internal note for { $id }. The citizen does not see it.
}
case-done = { $action ->
    [start_screening] You are screening { $id }.
    [forward] { $id } has been forwarded; the citizen has been told.
    [request_info] Your question has been sent; { $id } waits for the citizen's answer.
    [start_work] { $id } is in progress; the citizen has been told.
    [resolve] { $id } is resolved; the citizen has been told.
    [reject] { $id } is rejected; the citizen has been told why.
    [mark_duplicate] { $id } is marked as a duplicate; the citizen has been told.
    [message_to_citizen] Your message about { $id } has been sent.
    [add_note] The note has been added to { $id }.
   *[other] { $id } has been updated.
}
workflow-not-allowed =
    A complaint that is “{ $from }” cannot become “{ $to }”. From here it can become:
    { $allowed }
workflow-already-with = The complaint is already with { $agency }.
workflow-bad-duplicate = { $id } cannot be the original: it is this complaint, or no such complaint exists.
workflow-refused = That change is not possible for this complaint now.
officer-citizen-replied =
    The citizen answered about { $id }:
    { $text }

## Incidents: many complaints naming the same account, page or site

incidents-empty = There are no incidents at the moment.
incidents-list = The { $count } largest incidents: complaints that name the same account, page or site. Press one to see it.
incident-item = { identifier-kind } { $value } · { $count } complaints
incident-show =
    Incident: { identifier-kind } { $value }
    { $count } complaints, { $open } still open, filed from { $first } to { $last }.
    With:
    { $agencies }
agency-count = • { $agency }: { $count }
button-incident-forward = Forward them all
button-incident-message = Tell every complainant
officer-ask-incident-message = Type the update every complainant of this incident receives.
incident-done = Done for { $applied ->
    [one] one complaint
   *[other] { $applied } complaints
}{ $refused ->
    [0] .
   *[other] ; { $refused } could not be changed (closed, or already there).
}

## Statistics

stats-summary =
    Statistics from { $from } to { $to }
    Received: { $received } ({ $previous } in the period before{ $ratio ->
        [none] {""}
       *[other] ; { $ratio } times as many
    })
    Forwarded: { $forwarded }
    { $agencies }
    Resolved: { $resolved }
    Median time to forward: { $to_forward } h · to resolve: { $to_resolve } h
stats-with-chart =
    { $summary }
    The chart shows complaints per month by type, over the twelve months to { $until }.
stats-bad-period = Type the month as year-month, such as /stats 2026-11 (or 2569-11 in the Buddhist era), or just /stats for this month.

## Warnings for the public

button-warnings = Warnings and news
button-subscribe = Send me new warnings
button-unsubscribe = Stop sending warnings
warn-ask-thai = Type the warning in Thai. It goes to every subscriber who reads Thai.
warn-ask-english = Now type the same warning in English.
warn-confirm =
    Publish this warning to every subscriber?
    Thai: { $th }
    English: { $en }
button-publish = Publish
warn-published = Warning { $id } has been published and is being sent to { $count ->
    [one] one subscriber
   *[other] { $count } subscribers
}.
warnings-none = There are no warnings at the moment. Press the button below to receive new ones as they are published.
warnings-list =
    The latest warnings from OCC:
    { $warnings }
warning-line = • { $date }: { $text }
warning-notice =
    ⚠ Warning from OCC, { $date }
    { $text }
subscribed = You will receive new warnings here. You can stop at any time: /unsubscribe.
unsubscribed = You will no longer receive warnings. To receive them again: /subscribe.

## Statuses as officers name them (codes follow occ_core::Status::code)

officer-status-received = received, awaiting screening
officer-status-screening = being screened
officer-status-need_info = waiting for the citizen's answer
officer-status-forwarded = forwarded, not started
officer-status-in_progress = in progress at the agency
officer-status-resolved = resolved
officer-status-rejected = rejected
officer-status-withdrawn = withdrawn by the citizen
officer-status-duplicate = duplicate
