# coloop — English. Every sentence a person reads. The text is trusted Telegram HTML; every
# value that came from a person arrives already escaped. Keep command names (/help) as they are.

# The language's own name, on the /language buttons.
language-name = English

## Joining

consent =
    Hi! 👋 You are invited to the <b>{ $group }</b> working group as a { $role ->
        [facilitator] facilitator
       *[member] member
    }.

    coloop shares what the working group produces with you, asks you short questions and passes your answers and comments back to the group.

    <b>What we keep:</b> your Telegram id, name, @username and language, the groups you are in, and later your answers and comments. <b>Who sees it:</b> the facilitators of your groups and the platform's coordinators. You can leave a group at any time with /leave.

    Do you agree?
consent-agree-button = ✅ I agree
consent-decline-button = No thanks
consent-accepted = ✅ You agreed. Thank you!
consent-accepted-toast = Thank you!
declined-toast = OK
declined = No problem — nothing about you was stored. If you change your mind, open the invite link again.
joined-new =
    🎉 You joined the <b>{ $group }</b> working group as a { $role ->
        [facilitator] facilitator
       *[member] member
    }.

    You will get the outcomes of its sessions here. Send /help to see what you can do.
joined-promoted = You are now a <b>facilitator</b> of the <b>{ $group }</b> working group. Send /help to see what facilitators can do.
joined-already = You are already a { $role ->
        [facilitator] facilitator
       *[member] member
    } of the <b>{ $group }</b> working group.
unknown-code = Sorry, that invite link is not valid (any more). Please ask your facilitator for a fresh link.
archived = The <b>{ $group }</b> working group is archived and does not take new members any more.
stale-invite-toast = This invite is no longer valid.
welcome =
    Welcome to <b>coloop</b>! 👋

    I connect community members with the working groups that co-create solutions for their neighbourhood: I share what the groups produce, ask short questions and pass your feedback back to them.

    To join a working group, open the invite link its facilitator shared with you. Send /help to see what you can do.
welcome-back = Welcome back! You are in { $count ->
        [one] { $count } working group
       *[other] { $count } working groups
    }. Send /groups to see them, or /help.

## Help

help-everyone =
    <b>What you can do</b>
    /start — join a working group (open its invite link)
    /groups — your working groups and roles
    /help — this list
    /language — choose the language I write to you in
    /privacy — what I keep about you and why; /mydata — all of it as a file; /forget — erase it
help-member =
    /leave &lt;group&gt; — leave a working group
    /comment [group] &lt;text&gt; — share a comment with your working group
    Reply to any message I pushed to comment on it — text, voice notes and photos are all welcome.
    Surveys come one question at a time: answer with the buttons (or by writing, for open questions); press another button to change an answer.
    /stop [group] — pause posts (or just write STOP); /resume — get them again
help-facilitator =
    <b>As a facilitator</b>
    /outcome &lt;group&gt; &lt;title&gt; — share a session outcome (summary on the next lines)
    /prototype &lt;group&gt; &lt;category&gt; &lt;title&gt; — share a prototype summary
    /ask &lt;group&gt; &lt;question&gt; — ask the members a listening question
    /comments &lt;group&gt; [post number] — the latest comments
    /hide &lt;comment number&gt; — hide a comment from lists and digests
    /link &lt;group&gt; — inside a Telegram group: post your group's updates there too (/unlink stops it)
    /status [group] — your group's latest posts and how their delivery is going
    /survey &lt;group&gt; &lt;title&gt; — a short survey, one question a line (send /survey for the syntax)
    /closesurvey &lt;number&gt; — close a survey early
    /digest [group] [days] — what your group heard: members, posts, comments
    /invite &lt;group&gt; — the member invite link of your group
help-coordinator =
    <b>As a coordinator</b>
    /newgroup &lt;slug&gt; &lt;name&gt; — create a working group (its challenge on the next lines)
    /invite &lt;group&gt; — both invite links of any group
    /groups — also lists every working group
    /digest [group] [days] — any group's digest, or all groups'
    /export [group] — CSV files of survey answers, comments and deliveries
help-nobody = You are not in a working group yet: open the invite link your facilitator shared.

## The command menu (setMyCommands): short, plain text

menu-start = Join a working group
menu-groups = Your working groups
menu-help = What you can do
menu-leave = Leave a working group
menu-invite = Invite link of a group (facilitators)
menu-outcome = Share a session outcome (facilitators)
menu-prototype = Share a prototype summary (facilitators)
menu-status = Delivery of your group's posts (facilitators)
menu-comment = Share a comment with your working group
menu-ask = Ask members a question (facilitators)
menu-comments = Latest comments (facilitators)
menu-hide = Hide a comment (facilitators)
menu-link = Link this Telegram group to a working group (facilitators)
menu-unlink = Unlink this Telegram group (facilitators)
menu-stop = Pause posts (or write STOP)
menu-resume = Get posts again
menu-language = Choose your language
menu-privacy = What coloop keeps about you
menu-mydata = Everything kept about you, as a file
menu-forget = Erase everything about you
menu-newgroup = Create a working group (coordinators)

## Language

language-choose = Which language should I write to you in?
language-set = ✅ From now on I will write to you in English.
language-set-toast = English
language-not-stored = I can't remember your choice yet: I store nothing about you before you join a working group. Until then I write in the language of your Telegram app; once you have joined, send /language again.

## Groups

no-groups = You are not in a working group yet. Open the invite link your facilitator shared with you to join one.
my-groups-title = <b>Your working groups</b>
my-groups-line = • <b>{ $group }</b> (<code>{ $slug }</code>) — { $role ->
        [facilitator] facilitator
       *[member] member
    }
all-groups-none =
    <b>All working groups</b>
    None yet — create one with /newgroup.
all-groups-title = <b>All working groups</b> (you are a coordinator)
all-groups-line = • <b>{ $group }</b> (<code>{ $slug }</code>) — { $members ->
        [one] { $members } member
       *[other] { $members } members
    }, { $facilitators ->
        [one] { $facilitators } facilitator
       *[other] { $facilitators } facilitators
    }{ $archived ->
        [yes] { " " }· archived
       *[no] { "" }
    }
left = You left <code>{ $slug }</code>. You will not get its messages any more. To come back, open its invite link again.
not-in-group = You are not in a working group called <code>{ $slug }</code>. Send /groups to see yours.
group-created =
    ✅ Created the <b>{ $group }</b> working group (<code>{ $slug }</code>).

    <b>Member invite link</b> — share it with the community:
    { $member-link }

    <b>Facilitator invite link</b> — only for the group's facilitators:
    { $facilitator-link }
slug-taken = There is already a working group called <code>{ $slug }</code>. Pick another short name.
invite-member-link =
    <b>{ $group }</b>

    <b>Member invite link</b> — share it with the community:
    { $link }
invite-facilitator-link =
    <b>Facilitator invite link</b> — only for facilitators:
    { $link }
unknown-group = There is no working group called <code>{ $slug }</code>. Send /groups to see them all.

## Broadcasts

category-community = Community action
category-sme = Small and medium enterprise action
category-large-scale = Large-scale action
category-public-service = Public-service action (services, policy, regulation)
status-idea = Idea
status-prototyping = Prototyping
status-testing = Testing
status-adopted = Adopted
status-discarded = Discarded
kind-outcome = Session outcome
kind-prototype = Prototype
kind-question = Question
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
month-short-1 = Jan
month-short-2 = Feb
month-short-3 = Mar
month-short-4 = Apr
month-short-5 = May
month-short-6 = Jun
month-short-7 = Jul
month-short-8 = Aug
month-short-9 = Sep
month-short-10 = Oct
month-short-11 = Nov
month-short-12 = Dec
# A date, e.g. "20 November 2026".
date = { $day } { $month } { $year }
# A moment, e.g. "20 Nov 14:05".
date-time = { $day } { $month } { $time }
post-outcome-header =
    📣 <b>Session outcome · { $group }</b>
    <b>{ $title }</b>
post-session-date = <i>Session of { $date }</i>
post-prototype-header =
    🧪 <b>Prototype · { $group }</b>
    <b>{ $title }</b>
    { $category } · status: <b>{ $status }</b>
post-question-header = ❓ <b>A question from the { $group } working group</b>
post-reply-hint = <i>↩️ Reply to this message to comment.</i>
preview-send-button = 📤 Send
preview-cancel-button = ✖️ Cancel
preview-control =
    { $parts ->
        [one] ☝️ This is the preview, exactly as members will see it.
       *[other] ☝️ This is the preview, exactly as members will see it ({ $parts } messages).
    }
    Send it to the <b>{ $group }</b> working group — { $recipients ->
        [one] { $recipients } person
       *[other] { $recipients } people
    }{ $chats ->
        [0] { "" }
        [one] { " " }and 1 linked group chat
       *[other] { " " }and { $chats } linked group chats
    }?
broadcast-queued = 📤 Sent to the <b>{ $group }</b> working group: on its way to { $recipients ->
        [one] { $recipients } person
       *[other] { $recipients } people
    }. /status shows how delivery goes.
broadcast-queued-toast = Sending…
already-sent-toast = Already sent — it goes out only once.
draft-cancelled-toast = This draft was cancelled.
cancelled = ✖️ Cancelled — nothing was sent.
cancelled-toast = Cancelled
not-your-draft = Only the person who wrote this post can send it.
status-title = <b>Latest posts · { $group }</b>
status-nothing = Nothing sent yet. Share a session outcome with /outcome.
status-post =
    #{ $id } { $kind } — <b>{ $title }</b> ({ $when } UTC)
       ✅ { $sent } sent · ⏳ { $pending } pending · ⚠️ { $failed } failed · 🚫 { $blocked } blocked
which-group = Which group? Send <code>/status &lt;group&gt;</code>
which-group-yours = Which group? Send <code>/status &lt;group&gt;</code> — yours: { $groups }

## Comments

comment-thanks-post = 🙏 Thanks — shared with the <b>{ $group }</b> working group, as a reply to “{ $title }”.
comment-thanks = 🙏 Thanks — shared with the <b>{ $group }</b> working group.
anonymous-button = 🙈 Keep my name out of it
anonymous-done = 🙈 Your name is hidden from this comment in every list, digest and export.
anonymous-toast = Your name is hidden from this comment.
which-post = Which post is this about?
general-comment-label = 💬 General comment to { $group }
comment-which-group = Which group is this for? Send <code>/comment &lt;group&gt; &lt;your comment&gt;</code> — yours: { $groups }
not-in-any-group = You are not in a working group yet, so there is no one to share this with. Open the invite link your facilitator shared with you to join one. Send /help to see what you can do.
no-longer-in-group = You are no longer in the <b>{ $group }</b> working group, so I can't pass this on. Open its invite link to join again.
slow-down = You are sending a lot of comments at once 🙂 — please wait a minute. I did not keep this last one; send it again in a moment.
media-voice = voice
media-audio = audio
media-photo = photo
media-document = document
media-video-note = video note
media-video = video
comments-title = <b>Latest comments · { $group }</b>
comments-none = No comments yet.
comment-anonymous = anonymous
comment-on-post = { " " }on #{ $id } “{ $title }”
comment-general = { " " }(general)
comments-line =
    <b>#{ $id }</b> { $author }, { $when }{ $about }:
    { $content }
comments-hide-hint = Hide one with <code>/hide &lt;number&gt;</code>.
hidden = Comment #{ $id } is hidden from lists and digests. It is kept for the record.
unknown-comment = There is no comment #{ $id }.
new-comments = 💬 { $count ->
        [one] { $count } new comment
       *[other] { $count } new comments
    } in <b>{ $group }</b>:
new-comments-read = Read them with <code>/comments { $slug }</code>.

## Linked group chats

linked = 🔗 Linked: what the <b>{ $group }</b> working group shares will also be posted { $topic ->
        [yes] in this topic
       *[no] here
    }. Reply to those posts here to comment; /unlink stops it.
linked-elsewhere = This chat is already linked to <code>{ $slug }</code>. Send /unlink first.
unlinked = 🔗 Unlinked: working group posts will no longer appear here.
not-linked = This chat is not linked to a working group.
link-in-a-group = Send /link inside the Telegram group you want to link to your working group.
group-comment-thanks = 🙏 Thanks, { $name } — shared with the <b>{ $group }</b> working group.
consent-first-in-private = Thanks, { $name }! Before I can pass your comments on to the working group, please say OK once in a private chat with me: { $link }

## Participant rights

paused-all = ⏸ Paused: you will get no posts or questions from any working group. Send /resume when you want them again.
already-paused = You had already paused everything. Send /resume to get posts again.
paused-group = ⏸ Paused <code>{ $slug }</code>: you will get no posts or questions from it. Send <code>/resume { $slug }</code> to undo.
resumed = ▶️ Welcome back — you will get the posts of your working groups again.
nothing-to-resume = Nothing was paused.
resumed-group = ▶️ Resumed <code>{ $slug }</code>.
resumed-group-still-paused = ▶️ Resumed <code>{ $slug }</code>. You have also paused everything: send /resume to get posts again.
nothing-stored = I store nothing about you: you have not joined a working group.
privacy =
    <b>What coloop keeps about you, and why</b>
    • Your Telegram id, name, @username and language, and when you agreed to this — to know who you are (your facilitators can find you by name or @username).
    • The working groups you are in and your role — to send you their posts.
    • Which posts were sent to you, and when — so nothing is sent twice or lost.
    • Your comments (text, and Telegram's id of your voice notes and photos) — to pass them on.
    • Your survey answers, and how far you got in each survey — to count them and remind you. In an anonymous survey your answers are stored so that nobody can tell they are yours; only that you took part.

    <b>Who sees it:</b> the facilitators of your groups and the platform's coordinators. A comment is shown with your name until you press “Keep my name out of it” under my thanks: from then on nobody sees it with your name, but a facilitator who looked before (or in a linked group chat, everyone there) may have seen it.
    <b>How long:</b> until you ask me to forget you (/forget). Leaving a group stops its posts but keeps what you already shared; the platform may also delete old comments after a set number of days.

    <b>Your controls</b>
    /stop — pause all posts (or <code>/stop &lt;group&gt;</code> for one group); /resume undoes it
    /language — the language I write to you in
    /mydata — a file with everything I keep about you
    /forget — erase everything about you. Counts already reported (e.g. how many people a post reached) stay as they were, without you in them.
mydata-caption = Everything coloop keeps about you.
forget-confirm = This erases everything I keep about you: your profile, your memberships, the record of posts sent to you and all your comments. It cannot be undone. Are you sure?
forget-yes = 🗑 Yes, forget me
forget-no = No, keep it
forgotten = 🗑 Done: everything I kept about you is erased. If you ever want to take part again, open an invite link and start fresh.
not-forgotten = Nothing was erased.

## Rights

coordinators-only = Sorry, only coordinators can do that.
facilitators-only = Sorry, only the facilitators of <code>{ $slug }</code> (and coordinators) can do that.
facilitators-only-command = Sorry, only the facilitators of a working group (and coordinators) can do that.

## Wrong input

usage-start = Usage: <code>/start</code>, or open an invite link.
usage-help = Usage: <code>/help</code>
usage-groups = Usage: <code>/groups</code>
usage-leave = Usage: <code>/leave &lt;group&gt;</code>, e.g. <code>/leave water-access</code>
usage-invite = Usage: <code>/invite &lt;group&gt;</code>, e.g. <code>/invite water-access</code>
usage-outcome =
    Usage: <code>/outcome &lt;group&gt; &lt;title&gt;</code>, and the summary on the next lines, e.g.
    <code>/outcome water-access Session 3: rain tanks
    date: 2026-11-20
    We agreed to build three rain tanks by the school.</code>
    The <code>date:</code> line (the session's date) is optional. An <code>answers: 12</code> line tells everyone who commented on post #12 that this is what became of it.
usage-prototype =
    Usage: <code>/prototype &lt;group&gt; &lt;category&gt; &lt;title&gt;</code>, and the summary on the next lines, e.g.
    <code>/prototype water-access public_service Water kiosks
    status: testing
    Two kiosks run by the council, open 6–10 am.</code>
    Categories: <code>community</code>, <code>sme</code>, <code>large_scale</code>, <code>public_service</code>. Status (optional, default idea): <code>idea</code>, <code>prototyping</code>, <code>testing</code>, <code>adopted</code>, <code>discarded</code>. Posting the same title again updates that prototype.
usage-status = Usage: <code>/status &lt;group&gt;</code>, e.g. <code>/status water-access</code>
usage-ask =
    Usage: <code>/ask &lt;group&gt; &lt;question&gt;</code>, e.g. <code>/ask water-access Where should the first tank go?</code>
    Members answer by replying to it.
usage-comment = Usage: <code>/comment &lt;group&gt; &lt;your comment&gt;</code> (the group can be left out if you are in one only)
usage-comments = Usage: <code>/comments &lt;group&gt; [post number]</code>, e.g. <code>/comments water-access</code>
usage-hide = Usage: <code>/hide &lt;comment number&gt;</code>, e.g. <code>/hide 12</code>
usage-link = Usage, inside the Telegram group to link: <code>/link &lt;group&gt;</code>, e.g. <code>/link water-access</code>
usage-unlink = Usage, inside a linked Telegram group: <code>/unlink</code>
usage-stop = Usage: <code>/stop</code> to pause everything, or <code>/stop &lt;group&gt;</code> for one group
usage-resume = Usage: <code>/resume</code>, or <code>/resume &lt;group&gt;</code> for one group
usage-language = Usage: <code>/language</code>, then press the button of your language
usage-privacy = Usage: <code>/privacy</code>
usage-mydata = Usage: <code>/mydata</code>
usage-forget = Usage: <code>/forget</code>
usage-newgroup =
    Usage: <code>/newgroup &lt;slug&gt; &lt;name&gt;</code>, and the challenge on the next lines, e.g.
    <code>/newgroup water-access Water access for all
    Every household within 200 m of safe water.</code>
    The slug is the short name used in commands: 3–32 characters, a–z, 0–9 and '-'.

# Why a command could not be read: { $command } is the command with its slash.
problem-missing-argument = { $command } needs more arguments
problem-too-many-arguments = { $command } got more arguments than it takes
problem-bad-slug = { $command }: { $problem }
problem-bad-name = { $command }: the name: { $problem }
problem-bad-challenge = { $command }: the description: { $problem }
problem-bad-title = { $command }: the title: { $problem }
problem-bad-summary = { $command }: the summary on the lines after the command: { $problem }
problem-bad-category = { $command }: “{ $raw }” is not a category; use community, sme, large_scale or public_service
problem-bad-status = { $command }: “{ $raw }” is not a status; use idea, prototyping, testing, adopted or discarded
problem-bad-date = { $command }: “{ $raw }” is not a date; write it as YYYY-MM-DD
problem-bad-number = { $command }: “{ $raw }” is not a number
slug-too-short = a group name in commands needs at least 3 characters
slug-too-long = a group name in commands has at most 32 characters
slug-bad-char = a group name in commands may only use letters a–z, digits and '-' (found “{ $char }”)
slug-edge-hyphen = a group name in commands cannot start or end with '-'
text-empty = it is empty
text-too-long = it is too long (at most { $max } characters)
bad-input =
    { $problem }.

    { $usage }
unknown-command = I don't know the command /{ $name }. Send /help to see what you can do.
no-context = I'm not sure what to do with that. Send /help to see what you can do.
private-only = Please talk to me in a private chat: { $link }
stale-button = This button is no longer valid.
internal-error = Sorry, something went wrong on our side. It has been logged; please try again later.

## Digests

digest-all-groups = all working groups
digest-title =
    📊 <b>Feedback digest · { $scope }</b>
    <i>{ $from } – { $to } (last { $days ->
        [one] day
       *[other] { $days } days
    })</i>
digest-members = <b>Members:</b> { $total } ({ $joined } new) · { $paused } paused · { $blocked } blocked the bot
digest-posts = <b>Posts</b>
digest-no-posts = No posts in this period.
digest-post =
    { $kind } <b>{ $title }</b> ({ $group })
    <code>{ $bar }</code> { $percent } delivered ({ $sent }/{ $total }) · { $comments ->
        [one] 1 comment
       *[other] { $comments } comments
    }
digest-comments = <b>Comments:</b> { $count }
digest-anonymous = anonymous
digest-comment = • { $when } — { $author }: { $text }
digest-comment-post = • { $when } — { $author } on “{ $title }”: { $text }
digest-which-group = Which group? Send <code>/digest &lt;group&gt; [days]</code> — yours: { $groups }
export-comments = 💬 Comments · { $scope } (CSV)
export-answers = 📋 Survey answers · { $scope } (CSV; anonymous surveys without names)
export-deliveries = 📤 Deliveries · { $scope } (CSV)
menu-digest = Feedback digest (facilitators, coordinators)
menu-export = CSV files of answers, comments and deliveries (coordinators)
usage-digest = Usage: <code>/digest [group] [days]</code>, e.g. <code>/digest water-access 14</code> (the last 7 days by default)
usage-export = Usage: <code>/export [group]</code> (all groups when left out)
export-empty = Nothing to export yet.

## You said, we did

you-said-we-did = 💬 <b>You gave feedback on { $titles }</b> — here is what the working group did with it.
preview-note-count = { $count ->
    [one] 1 of them gave feedback on the posts it answers and will get a personal note with it.
   *[other] { $count } of them gave feedback on the posts it answers and will get a personal note with it.
}
not-answerable = <code>answers:</code> can only name posts this group has sent: { $ids } is not one of them. Send /status to see their numbers.

## Surveys

menu-survey = Ask members a short survey (facilitators)
menu-closesurvey = Close a survey (facilitators)
usage-survey =
    Usage: <code>/survey &lt;group&gt; &lt;title&gt;</code>, then one question a line:
    <code>rating: How useful is this for your household?</code>
    <code>yesno: Would you help build it?</code>
    <code>choice: Where first? | School | Market | Clinic</code>
    <code>multi: Which days suit you? | Mon | Wed | Sat</code>
    <code>text: What would you change?</code>
    Optional lines: <code>for: 12</code> (first line: about post #12 rather than the latest), <code>anonymous</code>, <code>closes: 2026-12-01 18:00</code> or <code>closes: 3d</code>.
usage-closesurvey = Usage: <code>/closesurvey &lt;survey number&gt;</code>, e.g. <code>/closesurvey 4</code>
survey-problems = ⚠️ I could not read this survey:
survey-problem-line = • line { $line }: { $problem }
survey-problem = • { $problem }
survey-closes-past = • the close time has already passed
survey-no-post = The <b>{ $group }</b> working group has not sent anything a survey could be about yet: share a post with /outcome or /prototype first.
survey-unknown-post = Post #{ $post } is not a post the <b>{ $group }</b> working group has sent. /status lists their numbers.
survey-intro =
    📋 <b>Survey · { $group }</b>
    <b>{ $title }</b>
    About: “{ $post }” · { $count ->
        [one] 1 question
       *[other] { $count } questions
    }
survey-intro-anonymous = 🔒 Anonymous: nobody can see who gave which answer.
survey-intro-closes = Open until { $when }.
survey-question = <b>{ $number }/{ $count }.</b> { $prompt }
survey-hint-rating = <i>1 = not at all · 5 = very much</i>
survey-hint-multi = <i>Choose all that apply, then press Done.</i>
survey-hint-text = <i>↩️ Reply with your answer.</i>
survey-text-placeholder = Your answer
survey-yes = Yes
survey-no = No
survey-done = ✅ Done
survey-continue = ▶️ Continue
survey-your-answer = ✅ <i>Your answer:</i> { $answer }
survey-thanks = 🙏 Thank you! Your answers to “{ $title }” go to the <b>{ $group }</b> working group. While the survey is open you can still change them with the buttons above.
survey-reminder = ⏰ The <b>{ $group }</b> working group would still like your answers to “{ $title }” — it takes a minute.
survey-preview-title = <b>The whole survey</b> (members get one question at a time):
survey-preview-question = { $number }. [{ $kind }] { $prompt }
survey-preview-options = { "   " }{ $options }
survey-preview-control = ☝️ The first message above is exactly how the survey reaches members. Send it to { $recipients ->
        [one] { $recipients } person
       *[other] { $recipients } people
    } of the <b>{ $group }</b> working group?
survey-queued = 📋 Survey #{ $id } sent to the <b>{ $group }</b> working group: on its way to { $recipients ->
        [one] { $recipients } person
       *[other] { $recipients } people
    }. Close it early with /closesurvey { $id }.
survey-closed-toast = This survey is closed.
survey-not-member-toast = Only members of { $group } can answer this survey.
survey-saved-toast = Saved ✅
survey-pick-one-toast = Choose at least one option first.
survey-closed = 🔒 Survey #{ $id } “{ $title }” is closed: it takes no more answers, and its buttons are being removed.
survey-already-closed = Survey #{ $id } was already closed.
survey-unknown = There is no survey #{ $id }.
survey-use-buttons = Please answer this survey question with the buttons under it.
survey-use-continue = Press Continue under the reminder to go on with the survey.
survey-expired = This survey’s close time has passed: nothing was sent. Write it again with a later close time.
survey-preview-toast = This is your survey’s preview: members answer it in their own chats.
survey-nothing-waiting = You have answered every question of this survey. Thank you!
spec-unknown-kind = “{ $kind }” is not a kind of question: use rating, yesno, choice, multi or text
spec-empty-prompt = the question is empty
spec-long-prompt = the question is longer than { $max } characters
spec-option-count = a choice needs { $min } to { $max } options after the question, separated by |
spec-empty-option = an option is empty
spec-long-option = the option “{ $option }” is longer than { $max } characters
spec-duplicate-option = the option “{ $option }” appears twice
spec-bad-post = “for:” needs a post number, e.g. for: 12
spec-late-post = “for:” must be the first line
spec-bad-close = “closes:” needs a date (2026-12-01), a date and time (2026-12-01 18:00) or a delay (3d, 12h)
spec-repeated = “{ $what }” is said twice
spec-no-questions = a survey needs at least one question
spec-too-many-questions = a survey has at most { $max } questions

## Digest: surveys, who responds, who is silent

digest-post-told = { "   " }💬 you said, we did: { $told ->
        [one] 1 person who gave feedback was told
       *[other] { $told } people who gave feedback were told
    }
digest-chart-heading = #{ $id } { $title } · { $group }
digest-chart = 📊 Answers to “{ $title }”
digest-surveys = <b>Surveys</b>
digest-survey =
    📋 #{ $id } <b>{ $title }</b> ({ $group }) — about “{ $post }”{ $anonymous ->
        [yes] { " " }· anonymous
       *[no] { "" }
    }
    reached { $delivered } · answered { $respondents } · finished { $finished }
digest-question = <i>{ $number }. { $prompt }</i> — { $answers ->
        [one] 1 answer
       *[other] { $answers } answers
    } ({ $percent } response)
digest-mean = , mean <b>{ $mean }</b>
digest-bar = <code>{ $bar }</code> { $label } { $percent } ({ $count })
digest-sample = { "   " }“{ $text }”
digest-equity = <b>Who responds</b> (surveys, by group and category)
digest-equity-other = other posts
digest-equity-line = <code>{ $bar }</code> { $group } · { $category }: { $percent } ({ $responded }/{ $invited })
digest-silent = 🔇 <b>{ $group }</b>: { $count ->
        [one] 1 member neither commented nor answered
       *[other] { $count } members neither commented nor answered
    } all period

## Small marks (kept here so that every character people read comes from a catalogue)
forgotten-toast = 🗑
comment-anonymous-toast = 👍
post-icon-outcome = 📣
post-icon-prototype = 🧪
post-icon-question = ❓
quoted = “{ $text }”
bullet = • { $text }
more-lines = …
media-caption = #{ $id } — { $author }

## Survey buttons and marks
survey-button-chosen = ✅ { $label }
survey-button-ticked = ☑ { $label }
survey-button-unticked = ☐ { $label }
survey-rating = { $value } ★
survey-continue-toast = ▶️

## 13: working groups over time (members, roles, links, the group's end; audit)
link-replaced = This invite link was replaced. Ask your facilitator for the new one.
my-groups-finished = Finished: { $groups }
group-finished = The <b>{ $group }</b> working group has finished: it takes no new posts, surveys or questions.
help-facilitator-groups =
    /members &lt;group&gt; — the group's people, their role and state
    /remove &lt;group&gt; [name or @username] — remove a member; /promote &lt;group&gt; — make a member co-facilitator
    /rotate &lt;group&gt; — a new member invite link (the old one stops working)
    /invite &lt;group&gt; [expires 7d] [uses 50] — a link that expires or has a use cap
    /audit &lt;group&gt; [days] — who changed what in your group
help-coordinator-groups =
    /demote &lt;group&gt; — make a facilitator a member again
    /rotate &lt;group&gt; — new member and/or facilitator links
    /archive &lt;group&gt; — finish a group (last words on the next lines); /unarchive &lt;group&gt; reopens it
menu-members = The people of a group (facilitators)
menu-remove = Remove someone from a group (facilitators)
menu-promote = Make a member co-facilitator (facilitators)
menu-demote = Make a facilitator a member (coordinators)
menu-rotate = Replace a group's invite links (facilitators)
menu-archive = Finish a working group (coordinators)
menu-unarchive = Reopen a finished group (coordinators)
menu-audit = Who changed what in a group (facilitators)
usage-members = Usage: <code>/members &lt;group&gt;</code>, e.g. <code>/members water-access</code>
usage-remove = Usage: <code>/remove &lt;group&gt; [name or @username]</code>, e.g. <code>/remove water-access Ana</code> or <code>/remove water-access @ana_p</code>
usage-promote = Usage: <code>/promote &lt;group&gt; [name or @username]</code>, e.g. <code>/promote water-access Ana</code>
usage-demote = Usage: <code>/demote &lt;group&gt; [name or @username]</code>, e.g. <code>/demote water-access Fede</code>
usage-rotate = Usage: <code>/rotate &lt;group&gt;</code>, e.g. <code>/rotate water-access</code>
usage-archive = Usage: <code>/archive &lt;group&gt;</code>, and optional last words to the members on the next lines
usage-unarchive = Usage: <code>/unarchive &lt;group&gt;</code>, e.g. <code>/unarchive water-access</code>
usage-audit = Usage: <code>/audit &lt;group&gt; [days]</code>, e.g. <code>/audit water-access 30</code>
members-title = <b>People · { $group }</b> ({ $count })
members-none = Nobody has joined <b>{ $group }</b> yet.
members-line = • <b>{ $name }</b> — { $role ->
        [facilitator] facilitator
       *[member] member
    } · joined { $joined } · { $state ->
        [paused] paused
        [blocked] blocked the bot
        [left] left
       *[active] active
    } · { $comments } named comments, { $surveys } named surveys
members-page = Page { $page } of { $pages }
page-previous = ◀
page-next = ▶
pick-remove = Whom should I remove from <b>{ $group }</b>?
pick-promote = Whom should I make a facilitator of <b>{ $group }</b>?
pick-demote = Which facilitator of <b>{ $group }</b> should become a member?
pick-nobody = Nobody in <b>{ $group }</b> can be chosen for that.
pick-no-match = Nobody in <b>{ $group }</b> is called “{ $query }”.
remove-confirm = Remove <b>{ $name }</b> from <b>{ $group }</b>? They get a short message, and nothing more from the group.
remove-button = Remove
dismiss-button = ✖️ Cancel
dismissed = Nothing changed.
removed = <b>{ $name }</b> is no longer in <b>{ $group }</b>.
removed-notice = You are no longer in the <b>{ $group }</b> working group. Thank you for taking part.
remove-facilitator-coordinators-only = Only coordinators can remove a facilitator.
person-not-in-group = That person is not in <b>{ $group }</b> any more.
promoted = <b>{ $name }</b> is now a facilitator of <b>{ $group }</b>.
demoted = <b>{ $name }</b> is now a member of <b>{ $group }</b>.
role-unchanged = <b>{ $name }</b> already has that role.
promoted-notice = You are now a facilitator of the <b>{ $group }</b> working group: you can share outcomes, prototypes and questions, run surveys, read the comments and the digest, and invite members. Send /help to see how.
demoted-notice = You are now a member of the <b>{ $group }</b> working group, no longer a facilitator. Send /help to see what you can do.
rotate-choose = Which invite link of <b>{ $group }</b> should I replace?
rotate-member-button = Member link
rotate-facilitator-button = Facilitator link
rotate-both-button = Both
rotated = New invite link(s) for <b>{ $group }</b>; the old ones no longer work.
invite-limit = This member link { $expires ->
        [none] { "" }
       *[other] expires on { $expires }
    }{ $uses ->
        [none] { "" }
       *[other] { " " }and can be used { $uses } times
    }.
archive-confirm = Archive <b>{ $group }</b>? Then: no new posts, surveys or questions; its invite links stop working; its open surveys close; each member gets one message thanking them; its data stays for digests and exports.
archive-button = Archive
archived-done = <b>{ $group }</b> is archived; { $count } people were told.
archived-notice = The <b>{ $group }</b> working group has finished its work. Thank you for taking part!
already-archived = <b>{ $group }</b> is already archived.
not-archived = <b>{ $group }</b> is not archived.
unarchived = <b>{ $group }</b> is open again. Its old invite links stay closed: send /rotate to make new ones.
audit-title = <b>Audit · { $group }</b> (last { $days } days)
audit-none = Nothing was recorded for <b>{ $group }</b> in the last { $days } days.
audit-line = • { $at } — { $actor }: { $action ->
        [group_created] created the group
        [member_removed] removed { $target }
        [promoted] made { $target } a facilitator
        [demoted] made { $target } a member
        [link_rotated] replaced the invite link(s)
        [link_limited] limited an invite link
        [archived] archived the group
        [unarchived] reopened the group
        [chat_linked] linked a Telegram group
        [chat_unlinked] unlinked a Telegram group
        [comment_hidden] hid a comment
        [survey_closed] closed a survey
        [post_sent] sent a post
       *[survey_sent] sent a survey
    }{ $detail ->
        [none] { "" }
       *[other] { " " }({ $detail })
    }
audit-erased = an erased person
audit-operator = the operator

## 20: privacy under attack
digest-question-withheld = <i>{ $number }. { $prompt }</i> — fewer than { $min } answers so far (anonymous: shown from { $min } answers, as of the last full hour)
group-reply-not-member = You replied to a post in the group chat of <b>{ $group }</b>, but you are not a member of that working group, so your reply was not kept. Only members' replies reach its facilitators.
privacy-anonymity = <b>Anonymous surveys:</b> nobody sees your answers with your name, and taking part does not change anything shown with your name. Facilitators see a question's answers only as totals, once it has at least { $min } answers, and only as they stood at the last full hour.
## 16: outage
retry-failed-button = 🔁 Send the failed ones again · #{ $id } ({ $count })
retry-failed-done = 🔁 { $count ->
        [one] { $count } delivery is
       *[other] { $count } deliveries are
    } being sent again.
retry-failed-none = Nothing failed: nothing to send again.
not-saved = ⚠️ That was not saved: the server cannot store anything right now (its disk is full or read-only). Nothing of it was kept. Please send it again later.
broadcast-held-up = ⏳ Your post #{ $id } “{ $title }” to <b>{ $group }</b> is held up: after { $minutes } minutes, { $pending } of its messages still wait ({ $sent } delivered). Telegram cannot be reached right now; they go out by themselves as soon as it can, and you will hear when it is done.
broadcast-done = ✅ Your post #{ $id } “{ $title }” to <b>{ $group }</b> is done: { $sent } delivered, { $failed } failed, { $blocked } blocked. Failed ones can be sent again from /status.
## 14: sandbox
sandbox-title = coloop sandbox
sandbox-banner = This is a sandbox: the real bot talks to an imitation of Telegram on this computer. Nothing reaches Telegram, and nobody else sees these chats.
sandbox-first-person = Coordinator
sandbox-people = People
sandbox-add-person = Add a person
sandbox-name = Name
sandbox-language = Telegram language
sandbox-add = Add
sandbox-add-group = Add a Telegram group chat
sandbox-group-title = Title
sandbox-private-chat = Chat with
sandbox-message-placeholder = Write a message or a /command…
sandbox-send = Send
sandbox-attach = 📎 Voice note or photo
sandbox-reply = Reply
sandbox-replying-to = Replying to
sandbox-cancel-reply = Cancel
sandbox-edited = edited
sandbox-voice = Voice note
sandbox-photo = Photo
sandbox-document = 📄
sandbox-download = Download
sandbox-no-messages = No messages yet. Try /start or /help.
sandbox-error-offline = The sandbox does not answer: is it still running?
sandbox-error-live-lost = Live updates stopped; trying again…
sandbox-error-other = That did not work.
sandbox-error-bad-request = That request was not understood.
sandbox-error-unknown-person = There is no such person in the sandbox.
sandbox-error-empty-text = Write something first.
sandbox-error-text-too-long = That is longer than Telegram allows (4,096 characters).
sandbox-error-unknown-chat = There is no such chat.
sandbox-error-not-your-chat = That is someone else's private chat.
sandbox-error-unknown-message = That message is not in this chat.
sandbox-error-bad-name = A name has 1 to 64 characters.
sandbox-error-bad-language = A language is a code such as en, es or pt-BR.
sandbox-error-bad-title = A title has 1 to 128 characters.
sandbox-error-file-too-large = That file is too large (10 MB at most).
sandbox-error-empty-file = That file is empty.
sandbox-error-file-kind = Only voice notes (audio) and photos (images) can be sent here.

## 21: the dashboard (/web, its sign-in and its pages; page words are plain text)
menu-web = Sign in to the dashboard in your browser (facilitators)
usage-web = Usage: <code>/web</code> for a sign-in link to the dashboard, <code>/web logout</code> to sign out everywhere
help-web = /web — sign in to the dashboard in your browser: groups, prototypes, survey charts, comments (<code>/web logout</code> signs you out everywhere)
web-link =
    🔐 Your sign-in link to the dashboard — it works once, for 10 minutes, and only for you (do not forward it):
    { $link }
web-no-server = The dashboard is served by coloop's HTTP server, which is not running here. The operator turns it on with <code>COLOOP_HTTP_LISTEN</code> (and <code>COLOOP_PUBLIC_URL</code>, the address people open).
web-logged-out = { $count ->
        [0] You had no dashboard session open; unused sign-in links no longer work.
        [one] Signed out of the dashboard: 1 session ended.
       *[other] Signed out of the dashboard: { $count } sessions ended.
    }
web-signed-in-as = Signed in as { $name }
web-dashboard = coloop dashboard
web-skip-to-content = Skip to the content
web-sign-in = Sign in
web-sign-in-title = Sign in to the coloop dashboard
web-sign-in-explained = Press the button to sign in on this device. The link works once, for 10 minutes; you stay signed in for 12 hours.
web-link-refused = This sign-in link no longer works
web-link-refused-explained = It was used already, or more than 10 minutes have passed. Send /web to coloop in your private chat on Telegram for a new one.
web-need-sign-in = Please sign in
web-need-sign-in-explained = Send /web to coloop in your private chat on Telegram: it answers with a sign-in link for you.
web-sign-out = Sign out
web-signed-out = You are signed out
web-signed-out-explained = Send /web to coloop on Telegram whenever you want to sign in again.
web-not-found = Page not found
web-not-found-explained = There is no such page, or it is not one you may see.
web-stale-form = This form has expired
web-stale-form-explained = Go back, reload the page and try again.
web-failed = Something went wrong
web-failed-explained = Something failed on our side; it was logged. Please try again in a moment.
web-overview = Overview
web-groups = Working groups
web-group = Working group
web-window = Period
web-window-7 = Last 7 days
web-window-30 = Last 30 days
web-window-90 = Last 90 days
web-window-all = All time
web-show = Show
web-privacy = This dashboard sets one cookie, to keep you signed in; it stores no tracking data.
web-coordinator = Coordinator
web-facilitator = Facilitator
web-no-groups = There are no working groups for you to see yet.
web-members = Members
web-active = Active
web-paused = Paused
web-blocked = Blocked
web-posts = Posts
web-surveys = Surveys
web-response-rate = Response rate
web-comments = Comments
web-last-activity = Last activity
web-never = Never
web-equity = Who responds: response rate by group and category
web-silent = Silent members
web-challenge = Challenge
web-timeline = Timeline
web-prototypes = Prototypes
web-prototype = Prototype
web-outcome = Session outcome
web-question = Question
web-category = Category
web-status = Status
web-status-history = Status history
web-delivery = Delivery
web-delivered = Delivered
web-pending = Pending
web-undelivered = Not delivered
web-you-said-we-did = You said, we did
web-answers = Answers
web-survey = Survey
web-chart = Chart
web-chart-text = The chart's numbers as a table
web-text-answers = Written answers
web-responses-over-time = Responses over time
web-held = Held back to keep answers anonymous
web-filter = Filter
web-post = Post
web-any-post = Any post
web-kind = Kind
web-any-kind = Any kind
web-kind-text = Text
web-kind-voice = Voice note
web-kind-photo = Photo
web-from = From
web-until = Until
web-include-hidden = Include hidden comments
web-search = Words to search for
web-hide = Hide
web-hidden = Hidden
web-no-comments = No comments match.
web-export = Export
web-export-explained = The same CSV files as /export in the chat, and a page to print for the session.
web-download = Download
web-csv-answers = Survey answers (CSV)
web-csv-comments = Comments (CSV)
web-csv-deliveries = Deliveries (CSV)
web-print = Print this page
web-print-explained = Use your browser's print command: the page prints without its navigation.
web-not-ready = This part of the dashboard is not available yet.
web-date = Date
web-text = Text
web-nothing = Nothing yet.
web-percent = { $value } %
web-anonymous = Anonymous
web-survey-open = Open
web-survey-closed = Closed
web-respondents = Answered
web-reached = Reached
web-finished = Answered every question
web-mean = Mean
web-count = Count
web-share = Share
web-day = Day
web-invited = Reached by surveys
web-other = Other posts
web-archived = Finished
web-withheld = Too few answers to show yet: an anonymous question is shown from its minimum number of answers.
web-next-page = Older comments
web-told = People told
web-summary = Summary
web-answered = Answered
web-print-layout = Printable summary
web-no-value = –
## 19: networks — offering help
menu-help_with = Offer your help with a prototype
menu-offers = What you offered to help with
menu-volunteers = Who offered help (facilitators)
usage-help_with = Usage: <code>/help_with &lt;post number&gt;</code>, e.g. <code>/help_with 12</code> (the number is under the prototype's title)
usage-offers = Usage: <code>/offers</code>
usage-volunteers = Usage: <code>/volunteers &lt;group&gt; [post number]</code>, e.g. <code>/volunteers water-access</code>
help-member-network =
    Press “🙋 I'd like to help” under a prototype, or send /help_with &lt;post number&gt;, to offer your help; /offers lists what you offered
help-facilitator-network =
    /volunteers &lt;group&gt; [post number] — who offered help with what, newest first
spec-volunteer-anonymous = a volunteer question cannot be in an anonymous survey: offering help is not anonymous
offer-help-button = 🙋 I'd like to help
offer-unknown-post = There is no post #{ $post } in your working groups.
offer-not-prototype = Post #{ $post } is not a prototype: help is offered on prototypes.
offer-thanks-toast = Thank you!
offer-ask-text =
    🙋 Thank you for offering to help with <b>{ $title }</b> (#{ $post }, { $group })!

    What can you offer? Reply to this message with a few words — “I'm a plumber”, “I can host a meeting” — or press Skip.
offer-skip-button = Skip
offer-ask-contact = How may people reach you about <b>{ $title }</b>?
offer-contact-introduce-button = The facilitator may introduce me to others working on this
offer-contact-facilitator-button = Only the facilitator may contact me
offer-done =
    ✅ Your offer to help with <b>{ $title }</b> is noted. { $contact ->
        [facilitator] Only the facilitator will contact you.
       *[introduce] The facilitator may introduce you to others working on it; nobody gets your contact unless you accept.
    } /offers lists your offers; you can withdraw one there at any time.
offer-text-saved = ✅ Noted what you can offer for <b>{ $title }</b>.
offer-saved-toast = Saved
offers-title = <b>Your offers of help</b> ({ $count })
offers-none = You have not offered help with anything. Press “🙋 I'd like to help” under a prototype, or send /help_with &lt;post number&gt;.
offers-line = • #{ $post } <b>{ $title }</b> ({ $group }){ $text } — { $contact ->
        [facilitator] only the facilitator may contact you
       *[introduce] the facilitator may introduce you
    }
offer-text-quoted = : “{ $text }”
offer-withdraw-button = Withdraw #{ $post } { $title }
offer-withdrawn-toast = Withdrawn: you are off every list for it
volunteers-title = <b>Volunteers · { $group }</b> ({ $count }, newest first)
volunteers-none = Nobody has offered help in <b>{ $group }</b> yet.
volunteers-post-none = Nobody has offered help with post #{ $post } yet.
volunteers-line = • <b>{ $name }</b> — #{ $post } { $title }{ $text } — { $contact ->
        [facilitator] only you may contact them
       *[introduce] may be introduced to others
    }
menu-introduce = Introduce volunteers to each other (facilitators)
usage-introduce = Usage: <code>/introduce &lt;group&gt; [post number]</code>, e.g. <code>/introduce water-access</code>
help-facilitator-introduce =
    /introduce &lt;group&gt; [post number] — introduce volunteers who agreed to it to each other; they get each other's contact only if everyone accepts
intro-nobody = Nobody in <b>{ $group }</b> has offered help and agreed to be introduced yet (they need to choose “the facilitator may introduce me”).
intro-picker = Whom should I introduce to each other in <b>{ $group }</b>? Choose two or more people who offered help, then press Next. Chosen: { $count }.
intro-person-button = { $on ->
        [yes] ✅
       *[no] ▫️
    } { $name }
intro-next-button = Next ▶
intro-cancel-button = Cancel
intro-pick-two-toast = Choose at least two people.
intro-ask-note = Why do you introduce { $names } to each other? Reply to this message with a short note: each of them will read it.
intro-cancelled = Cancelled: nobody was asked.
intro-invitation =
    🤝 { $facilitator }, facilitator of <b>{ $group }</b>, would like to introduce you to { $others }.

    Why: <i>{ $note }</i>

    If everyone accepts, each of you gets the others' contact and can write to them through me. Nobody gets yours unless everyone accepts.
intro-a-facilitator = A facilitator
intro-accept-button = ✅ Accept
intro-decline-button = No thanks
intro-you-accepted = ✅ You accepted the introduction to { $others }. When everyone has, you will get their contact.
intro-you-declined = You said no thanks to the introduction to { $others }. Nobody gets your contact.
intro-answer-toast = Thanks
intro-status-title = <b>Introduction · { $group }</b>
intro-status-line = • { $name } — { $answer ->
        [accepted] accepted
        [declined] declined
       *[waiting] waiting
    }
intro-status-outcome = { $state ->
        [made] 🤝 Everyone accepted: each has the others' contact.
        [declined] It did not happen.
        [withdrawn] It did not happen.
       *[pending] Waiting for answers.
    }
intro-made =
    🤝 Introduction made (<b>{ $group }</b>): you and <b>{ $peer }</b> both accepted. { $username ->
        [none] {""}
       *[other] Telegram: @{ $username }.
    }
    Reply to this message to write to { $peer } through me; your replies go to { $peer } only, and I keep nothing of them.
intro-did-not-happen = The introduction to { $others } (<b>{ $group }</b>) did not happen.
relay-message =
    💬 <b>{ $name }</b>: { $text }

    <i>Reply to this message to answer { $name }.</i>
relay-sent = ✓ Sent to <b>{ $peer }</b>.
relay-ended-notice = The conversation with <b>{ $peer }</b> has ended.
relay-ended = This conversation has ended: nothing was passed on.
relay-too-many = You have sent many messages through me in the last hour; please wait a little before writing again.
relay-text-only = Only text can be passed on.
relay-end-button = End this conversation
relay-ended-toast = Ended
privacy-network = <b>Offers and introductions.</b> When you offer help, the facilitators of that group see your name, what you can offer and how you agreed to be contacted; /offers withdraws an offer. You are introduced to someone only if you accept, and your contact (your @username, or a relay through me) goes only to people who accepted too. Messages passed on through a relay are not kept.
menu-actor = Add another actor a group works with (facilitators)
menu-actors = Other actors of a group (facilitators)
menu-share_actor = Share an actor with the members (facilitators)
menu-profile = Be listed in who's who, or not
menu-people = Who's who in your group
usage-actor =
    Usage: <code>/actor add &lt;group&gt; &lt;name&gt;</code>, then optional lines:
    <code>offers: Free water quality tests</code>
    <code>contact: info@aguaviva.org</code> (a web address, e-mail or phone the actor agreed to publish)
    <code>category: community</code> (community, sme, large_scale or public_service)
usage-actors = Usage: <code>/actors &lt;group&gt;</code>, e.g. <code>/actors water-access</code>
usage-share_actor = Usage: <code>/share_actor &lt;actor number&gt;</code>, e.g. <code>/share_actor 3</code> (the number is in /actors)
usage-profile = Usage: <code>/profile &lt;one line about you&gt;</code> to be listed, <code>/profile off</code> to be taken off, <code>/profile</code> to see it
usage-people = Usage: <code>/people &lt;group&gt;</code>, e.g. <code>/people water-access</code>
problem-bad-text = { $command }: the text: { $problem }
problem-bad-contact = { $command }: “{ $raw }” is not a web address, an e-mail address or a phone number
help-member-whos-who =
    /profile &lt;one line&gt; — be listed in who's who for the members of your groups (/profile off takes you off at once); /people &lt;group&gt; — who is listed
help-facilitator-actors =
    /actor add &lt;group&gt; &lt;name&gt; (+ offers:, contact:, category: lines) — another actor your group works with; /actors &lt;group&gt; lists them; /share_actor &lt;number&gt; shares one with the members
profile-none = You are not listed in who's who. Send <code>/profile</code> and one line about you (“I fix bikes and can lend tools”) to be listed for the other members of your groups; nobody is listed unless they ask.
profile-shown = You are listed in who's who as: <i>{ $line }</i>
    /profile off takes you off the list at once.
profile-set =
    ✅ You are listed in who's who for the other members of your groups as: <i>{ $line }</i>
    They can ask to be in touch; your contact goes only to those you accept. /profile off takes you off at once.
profile-off = You are off who's who.
profile-off-none = You were not listed in who's who.
people-title = <b>Who's who · { $group }</b> ({ $count })
people-none = Nobody in <b>{ $group }</b> is listed in who's who yet. /profile lists you.
people-line = • <b>{ $name }</b> — { $line }
people-contact-button = ✉️ { $name }
contact-asked-toast = Asked
contact-asked = I asked <b>{ $name }</b> whether they would like to be in touch. If they accept, each of you gets the other's contact.
contact-already = You have asked <b>{ $name }</b> already, or you are in touch.
contact-invitation =
    🤝 <b>{ $name }</b>, a member of <b>{ $group }</b>, would like to be in touch with you.{ $line }

    If you accept, each of you gets the other's contact and can write through me. If not, they get nothing.
contact-their-line = {" "}Their introduction: <i>{ $line }</i>
actor-added = ✅ Actor #{ $id } <b>{ $name }</b> added to <b>{ $group }</b>. /share_actor { $id } shares it with the members.
actors-title = <b>Other actors · { $group }</b> ({ $count })
actors-none = No actors in <b>{ $group }</b> yet. Add one with /actor add.
actor-line = • #{ $id } <b>{ $name }</b>{ $details }
actor-category-part = {" "}· { $category }
actor-offers-part = {" "}— { $offers }
actor-contact-part = {" "}— { $contact }
actor-notice =
    🤝 <b>Another actor · { $group }</b>
    <b>{ $name }</b>{ $details }
actor-unknown = There is no actor #{ $id } in your groups.
actor-shared = 📣 Shared <b>{ $name }</b> with { $count } members of <b>{ $group }</b>.
intro-actor-button = { $on ->
        [yes] ✅
       *[no] 🏢
    } { $name }
intro-made-actor = 🤝 Introduction made (<b>{ $group }</b>): <b>{ $actor }</b>{ $details }. They agreed to publish this contact: you can reach them directly.
digest-network = <b>Network</b>
digest-network-offers = • #{ $post } { $title } ({ $group }): { $count ->
        [one] 1 offer
       *[other] { $count } offers
    } of help
digest-network-introductions = • Introductions: { $sent } sent, { $made } accepted by everyone
digest-network-actors = • Other actors, { $category }: { $count }
digest-network-no-category = no category
digest-network-listed = • Listed in who's who: { $count }
intro-picked-toast = { $on ->
        [yes] Chosen
       *[no] Not chosen
    }

## consent: a newer consent text, shown again to people who agreed to an older one
consent-renewal =
    📄 <b>What coloop keeps has changed a little.</b>

    <b>What we keep:</b> your Telegram id, name, <b>@username</b> (new: so that your facilitators can find you by it, and so that people you agree to be introduced to can write to you) and language, the groups you are in, and your answers and comments. <b>Who sees it:</b> the facilitators of your groups and the platform's coordinators.

    Until you agree, I keep no @username of yours; everything else goes on as before. /privacy tells you everything, /forget erases it all. Do you agree?
consent-renewed = ✅ You agreed. Thank you!
