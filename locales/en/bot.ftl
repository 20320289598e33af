# What the OCC bot says to citizens, in English. Every id here is also in locales/th/bot.ftl,
# with the same variables.

label = { $text }

## Welcome and menu

welcome =
    Hello, this is the 1212 Online Complaint Center (OCC).
    We take complaints about problems that happen online:
    • online shopping: you paid and nothing came, fake or unsafe goods, a shop that vanished
    • Computer Crime Act offences: hacked or impersonated accounts, online fraud, defamation
    • illegal websites: gambling, piracy, obscene sites
    • cyber threats: phishing, malware, ransomware, data leaks
    We forward every complaint to the agency in charge and keep you informed here.
    In an emergency, call the police on 191 now. To talk to an officer, call the 1212 hotline.
menu = What would you like to do?
menu-hint = Sorry, I did not understand that. Choose from the menu below, or type an Issue ID (such as OCC-2569-000123-4) to check a complaint.
error-try-later = Sorry, something went wrong on our side. Please try again in a moment.
button-invalid = This button is no longer valid. Here is where we are now:
slow-down = You are sending messages very fast. Please wait { $seconds } seconds, then try again (at most { $limit } messages a minute).
too-long = This message is too long: it has { $length } characters and we accept at most { $limit }. Please shorten it.
unknown-command = There is no command /{ $command }.
language-set = Language set to English.
choose-language = Choose your language / เลือกภาษา
choose-with-buttons = Please choose one of the buttons below.
nothing-to-cancel = There is nothing to cancel right now.
cancelled = Cancelled.
still-there = Still there? Your complaint is saved: you can go on whenever you are ready.

help = { $topic ->
    [register] We ask for your name and phone number so that officers can contact you about your complaint. Email and national ID number are optional. Type /cancel to stop.
    [category] Choose the kind of problem that fits best. If you are not sure, choose “Something else”: our officers will sort it out.
    [describe] Tell us what happened in your own words: who is involved (the shop, page or account), what happened and when, how much you paid and how. Links and account numbers help officers act faster.
    [evidence] Send photos, screenshots, files or links, one at a time. Press Done when you have sent them all, or if you have none.
    [summary] Check your complaint. Press Confirm to send it, or Edit to change a part of it.
    [add-info] Send text, photos, files or links to add to your complaint. Press Done when you have finished.
   *[menu] Press “File a complaint” to report a problem. To follow a complaint, type its Issue ID or press “My complaints”. Commands: /new, /status, /mine, /profile, /lang, /cancel, /back, /help.
}

## Drafts

draft-resume = Welcome back. You have an unfinished complaint from { $started }. Would you like to continue it?
draft-discarded = Your unfinished complaint has been discarded.
draft-continued = Let's continue your unfinished complaint.
draft-expired = Your unfinished complaint was removed: drafts are kept for { $days } days. You can start a new one at any time.
cancel-confirm = Discard this complaint? What you have written so far will be deleted.

## Registration

register-intro = Before your first complaint we need a few details, so that officers can contact you. It takes a minute, and only once.
register-name = What is your name? (first name and surname)
register-phone = Your phone number, so that officers can call you back.
register-email = Your email address, if you would like us to write to you. This is optional: press Skip.
register-national-id = Your 13-digit national ID number, which some agencies need to open a case. We keep only its last four digits and a secure fingerprint of it. This is optional: press Skip.
privacy-notice =
    Privacy notice
    • What we keep: your name and phone number, your email and national ID number if you give them (of the ID, only the last four digits), and your complaints with their evidence.
    • Why: to handle your complaints, forward them to the agency in charge and contact you about them.
    • Who sees them: OCC officers, and officers of the agency a complaint is forwarded to. Nobody else.
    • For how long: while your complaints are handled, and as long as the law requires.
    • Your rights: you can see and delete your details at any time with /profile.
    Do you agree?
name-too-long = That name is too long: at most { $limit } characters, please.
phone-invalid = That does not look like a phone number. Please type it like 081-234-5678 or +66 81 234 5678.
email-invalid = That does not look like an email address. Please check it, or press Skip.
national-id-mistyped = This national ID number looks mistyped: its last digit does not match. Please check it, or press Skip.
national-id-invalid = A national ID number has 13 digits. Please check it, or press Skip.
registered = Thank you, { $name }. Your details are saved.
consent-refused = We are sorry: we cannot take a complaint without your agreement, because officers need your details to handle it and to contact you. Nothing you typed has been kept. You can call the 1212 hotline instead.
contact-not-now = Thank you, but we do not need a phone number right now.
contact-not-yours = Please share your own phone number, not someone else's contact.

## Filing a complaint

choose-category = What kind of problem is it?
choose-subcategory = { $category }: which of these fits best?
describe = { $category ->
    [shopping] Please describe what happened. Officers will need:
        • the name of the shop or page, and its link
        • what you bought, when, and how much you paid
        • how you paid (bank transfer, PromptPay, card, cash on delivery) and to which account
        • what happened after that
    [computer_crime] Please describe what happened. Officers will need:
        • which account or page is involved (its name or link)
        • what happened, and when
        • any money you lost, and the account it went to
        • who you think is behind it, if you know
    [illegal_website] Please describe the website. Officers will need:
        • its address
        • what it offers (gambling, pirated films, obscene content…)
        • how you came across it (a message, an advert, a link)
    [cyber_threat] Please describe what happened. Officers will need:
        • the message, link or app involved (copy it; do not open it again)
        • what happened on your device or account
        • whether you typed a password, an OTP or a card number, or lost money
   *[other] Please describe the problem: what happened, when, and who is involved (names, links, account numbers).
}
describe-empty = Please tell us in a few words what happened.
describe-after-file = We have kept the file. Now please describe in words what happened.
description-saved = Thank you, that is noted.
evidence-prompt = Now send any evidence: photos, screenshots, files or links, one at a time (up to { $max }). You have added { $count }. Press Done when you have finished, or if you have none.
evidence-hint = Send a link, a photo or a file, or press Done if you have nothing more.
evidence-added = Evidence received ({ $count } of { $max }). Send more, or press Done.
evidence-limit = That is as much evidence as one complaint can have ({ $max }). Press Done to go on.
evidence-cleared = The evidence has been removed. You can send new evidence now.
evidence-link = { $url }
evidence-file = { $name } ({ $size })
evidence-other = evidence
file-too-large = That file is { $size }; we accept files of at most { $limit }. Please send a smaller file, or a screenshot of it.
file-type-refused = We cannot take this kind of file ({ $type }). Please send photos, screenshots, videos, voice recordings, PDF or office documents.
file-empty = That file is empty. Please send it again.
file-not-now = We can take files while you add evidence to a complaint. Choose from the menu first.
summary =
    Please check your complaint:
    Type: { $category } / { $subcategory }
    What happened:
    { $description }
    Evidence: { $count ->
        [0] none
       *[other] { $count }
    }
    { $evidence }
edit-what = What would you like to change?
likely-agency = It is likely to go to { $agency } (reason: { $reason }).
likely-agency-unknown = Our officers will read it and send it to the agency in charge.
filed =
    Your complaint has been filed. Your Issue ID is
    { $id }
    Please keep it to follow your complaint.
    { $likely }
    What happens next: an officer screens every complaint, usually within one working day, and forwards it to the agency in charge. We will tell you here whenever its status changes.
    To check it, type the Issue ID or press “My complaints”.
limit-per-day = You have filed { $limit } complaints in the last 24 hours, the most we take in a day. Please try again tomorrow, or call the 1212 hotline if it is urgent.

## Status and your complaints

ask-issue-id = Please type the Issue ID of your complaint, for example OCC-2569-000123-4.
id-not-an-id = That is not an Issue ID. Issue IDs look like OCC-2569-000123-4.
id-mistyped = This number looks mistyped: its last digit does not match. Please check it and type it again.
id-not-found = We found no complaint { $id } filed from this account. Please check the number.
status-show =
    Complaint { $id }
    Status: { $status }
    With: { $agency }
    Filed: { $filed }
    { $earlier ->
        [0] History:
       *[other] History ({ $earlier } earlier updates not shown):
    }
    { $timeline }
event-filed = { $at } · Filed
event-forwarded = { $at } · Forwarded to { $agency }
event-status = { $at } · { $status }
event-status-note = { $at } · { $status }: { $note }
event-duplicate = { $at } · The same as complaint { $original }
event-message-to-you = { $at } · Officer: { $text }
event-message-from-you = { $at } · You: { $text }
event-evidence = { $at } · Evidence added: { $evidence }
event-other = { $at } · Updated
mine-none = You have no complaints yet.
mine-list = Your complaints, newest first ({ $count }). Press one to see it:
mine-item = { $id } · { $status } · { $filed }
complaint-not-open = That complaint can no longer be changed: it is closed, or it is not one of yours.

## Adding information and withdrawing

add-info-prompt = Send what you would like to add to { $id }: text, photos, files or links. Press Done when you have finished.
answer-prompt =
    An officer asked about { $id }:
    “{ $question }”
    Please type your answer, and send any photos or files. Press Done when you have finished.
info-added = Added to { $id }. Send more, or press Done.
file-added = The file has been added to { $id }.
info-done = Thank you. The officers will see what you sent.
withdraw-confirm = Withdraw complaint { $id }? Officers will stop working on it, and this cannot be undone.
withdrawn = Complaint { $id } has been withdrawn.
withdraw-kept = Your complaint stays open.

## Your details

profile-none = You have not registered yet. We ask for your details when you file your first complaint.
not-given = not given
profile-show =
    Your details:
    Name: { $name }
    Phone: { $phone }
    Email: { $email }
    National ID: { $national_id }
    You agreed to the privacy notice on { $consent }.
profile-delete-confirm = Delete your details? We will ask for them again before your next complaint. Complaints already filed stay with the officers handling them.
profile-deleted = Your details have been deleted. Complaints already filed are kept so that officers can finish them; to have one deleted, call the 1212 hotline.

## Notifications

notify-forwarded = Update on { $id }: it has been forwarded to { $agency }, which will handle it.
notify-need-info =
    Update on { $id }: an officer needs more information:
    “{ $question }”
    Press Answer to reply.
notify-status = Update on { $id }: { $status }.
notify-status-note =
    Update on { $id }: { $status }.
    { $note }
notify-duplicate = Update on { $id }: it is the same as complaint { $original }, which will be handled for both.
notify-message =
    A message about { $id } from an officer:
    { $text }
notify-update = There is an update on { $id }.

## Buttons

button-new = File a complaint
button-status = Check a complaint
button-mine = My complaints
button-profile = My details
button-language = ภาษา / Language
button-help = Help
button-back = Back
button-cancel = Cancel
button-menu = Menu
button-done = Done
button-skip = Skip
button-agree = I agree
button-disagree = I do not agree
button-confirm = Confirm and send
button-edit = Edit
button-edit-category = The type
button-edit-description = The description
button-edit-evidence = The evidence
button-clear-evidence = Remove all evidence
button-continue-draft = Continue my complaint
button-discard-draft = Start over
button-yes-discard = Yes, discard it
button-no-continue = No, go on
button-see-complaint = See the complaint
button-answer = Answer
button-add-info = Add information
button-withdraw = Withdraw
button-yes-withdraw = Yes, withdraw it
button-no-keep = No, keep it
button-delete-profile = Delete my details
button-yes-delete = Yes, delete them
button-more = More
button-thai = ไทย
button-english = English

## Chat platforms

telegram-private-only = Please message me in a private chat: complaints are never discussed in groups.
share-phone-hint = Or press the button below to share the phone number of this Telegram account.
button-share-phone = Share my phone number
command-start = Start and see the menu
command-new = File a complaint
command-status = Check a complaint by its Issue ID
command-mine = See my complaints
command-profile = See or delete my details
command-lang = Change the language
command-help = How to use this bot
command-cancel = Cancel what I am doing
discord-continue-in-dm = I have sent you a direct message: let's go on there, where only you can see it.
discord-write = Write it here
discord-modal-title = Your complaint
discord-modal-label = What happened, in your own words
terminal-file-saved = [file { $name } saved as { $path }]
terminal-file-not-saved = [file { $name } could not be saved here]
terminal-file-missing = [there is no file at { $path }: check the path and send it again]
