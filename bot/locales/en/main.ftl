language-name = English

## Roles and states
role-head_teacher = head teacher
role-lead_teacher = lead teacher
role-teacher = teacher
cop-status-in_progress = in progress
cop-status-completed = finished
cop-status-cancelled = cancelled
cop-status-expired = unfinished

## Command menu
cmd-start = Welcome and what to do next
cmd-help = The commands you can use here
cmd-newschool = Register a new school: /newschool name
cmd-join = Join your school: /join code
cmd-setup = Link this group to your school
cmd-members = Members and their roles
cmd-cop = Start or continue the Community of Practice
cmd-next = Go to the next step
cmd-back = Go back one step
cmd-cancel = End the CoP unfinished
cmd-note = Share a note: /note text
cmd-undo = Remove your last note in this step
cmd-status = Where the CoP is now
cmd-history = Past CoPs and their summaries
cmd-actions = The latest action plan
cmd-lang = Choose the language
cmd-stats = The school's observation stats
cmd-import = Load class observations from a CSV file
cmd-rubric = The school's rubric and its question codes
cmd-lowdata = Text only, no pictures: /lowdata on or off

## Start and help
start-welcome-new =
    Hello { $name }! I help your school run its monthly Community of Practice (CoP).
    • Head teacher? Register the school: /newschool School name
    • Teacher? Join with the code from your head teacher: /join CODE
start-welcome-member =
    Hello { $name }! You are { $role } at <b>{ $school }</b>.
    Send /help to see what you can do.
help-title = <b>What you can do here</b>
help-footer = Buttons under my messages work too.
unknown-command = I don't know that command. Send /help for the list.
private-chatter = I keep notes only during a CoP. Send /help to see what I can do.
only-in-private = This works in a private chat with me. Open my profile and press Start.
anonymous-admin = You are writing anonymously, as the group, so I can't tell who you are. Turn off “Remain anonymous” in your admin rights, then send it again.
only-in-group = This works in your school's group chat.
not-a-member = You are not a member of a school yet. Join with /join CODE.
not-allowed-button = This button is not for you, or it is no longer valid.
button-invalid = This button is no longer valid.
error-generic = Sorry, something went wrong. Nothing you shared was lost; please try again.

## Schools
newschool-usage = Send the school's name after the command, for example: /newschool Shree Primary School
newschool-too-long = The name is too long: { $limit } characters at most.
newschool-created =
    <b>{ $school }</b> is registered and you are its head teacher.
    Teachers join with the code <code>{ $code }</code> or this link:
    { $link }
    Next: add me to the school's group chat and send /setup there.
join-usage = Send the code after the command, for example: /join ABC234
join-wrong-code = That code does not match any school. Check it with your head teacher.
join-too-many = Too many wrong codes. Please wait an hour and try again.
join-welcome = Welcome to <b>{ $school }</b>! You joined as a teacher.
join-already = You are already { $role } at <b>{ $school }</b>.
setup-not-head-teacher = Only a head teacher can link this group. Head teachers register a school in a private chat with me: /newschool
setup-choose-school = Which school is this group for?
setup-already-linked = This group belongs to <b>{ $school }</b>. Only that school's head teacher can link it elsewhere.
setup-linked = This group is now linked to <b>{ $school }</b>. Everyone who writes here joins as a teacher.

cmd-school = Which of your schools this chat is about
school-only-one = You are a member of <b>{ $school }</b> only.
school-choose = This chat is about <b>{ $school }</b>. Choose another of your schools:
school-choice = { $school } ({ $role })
school-chosen = This chat is now about <b>{ $school }</b>.

## Members
members-not-head-teacher = Only the head teacher can manage members.
members-title = <b>Members ({ $count })</b>
members-line = • { $name }: { $role }
members-hint = Press a name to change the role or remove the person.
members-page = Page { $page } of { $pages }
members-person = <b>{ $name }</b> is { $role }. Choose a new role:
members-remove = Remove from the school
members-remove-confirm = Remove <b>{ $name }</b> from the school?
members-remove-yes = Yes, remove
members-removed = { $name } was removed.
members-last-head-teacher = A school needs a head teacher. Make someone else head teacher first.

## Language
lang-choose = Choose the language:
lang-set = Language set: English.
lang-group-head-teacher-only = Only the head teacher can choose this group's language.

## Buttons
button-back = ◀ Back
button-next = Next ▶
button-start = Start ▶
button-finish = Finish ✔
button-cancel = Cancel
button-cancel-yes = Yes, end it
button-cancel-no = No, go on
button-continue = Show the current step
button-show-photos = Show the photos ({ $count })
button-cop-over = This CoP is over.
button-step-over = That step is over; use the buttons of the current step.
button-facilitators-only = Only the head teacher or a lead teacher can move the meeting.

## The CoP
cop-no-school = Register a school with /newschool, or join one with /join, first.
cop-group-not-linked = This group is not linked to a school yet. The head teacher can send /setup here.
cop-facilitators-only = Only the head teacher or a lead teacher can run the CoP.
cop-continue-here = A CoP is in progress here, at the step “{ $step }”.
cop-in-progress-elsewhere = Your school's CoP is in progress in { $where }, at the step “{ $step }”. Continue it there.
where-group = the group “{ $title }”
where-private = a private chat with { $name }
cop-none-here = No CoP is running here. The head teacher or a lead teacher starts one with /cop.
cop-not-collecting = This step does not collect notes. Notes are shared in the steps Insights, Positives, Improvements and Next steps.
cop-cancel-confirm = End this CoP now? Its notes stay in /history.
cop-cancel-remote = Your school's CoP is in progress in { $where }, at the step “{ $step }”. End it now? Its notes stay in /history.
cop-cancel-kept = The CoP goes on.
cop-cancelled = The CoP was ended unfinished. Its notes are kept in /history.
cop-expired = This CoP had no activity for { $hours } hours and was closed unfinished. Its notes are kept in /history.

step-heading = Step { $number } of { $total } · { $title }
step-heading-timed = Step { $number } of { $total } · { $title } ({ $guide })
time-guide-fixed = { $minutes } min
time-guide-range = { $low }-{ $high } min
step-overview-title = Review the steps
step-check-stats-title = Check stats
step-insights-title = Reflection: insights
step-positives-title = Sharing positives
step-improvements-title = Improvements
step-next-steps-title = Next steps: the action plan
step-complete-title = CoP complete

step-insights-prompt = Reflect and share insights about good teaching practice.
step-insights-example = teachers usually don't check for understanding
step-insights-placeholder = Your insight…
step-positives-prompt = Share good strategies you have used in your classroom.
step-positives-example = teachers always try to respond to students' needs
step-positives-placeholder = Something that works…
step-improvements-prompt = What needs improvement?
step-improvements-example = teachers should explain the lessons better
step-improvements-placeholder = What to improve…
step-next-steps-prompt = Agree on actions to improve what you raised: what strategies can teachers apply in the classroom?
step-next-steps-example = each teacher asks three open questions per lesson
step-next-steps-placeholder = An action…

overview-title = <b>Community of Practice · { $school }</b>
    The steps:
overview-footer = Press Start when everyone is here.
prompt-example = <i>For example: { $example }</i>
prompt-how-group = Reply to this message with text or a photo of your notes (or send /note and your text). /undo removes your last note.
prompt-how-private = Send text or a photo of your notes. /undo removes your last note.

board-title = 📝 <b>{ $title }</b>: { $count ->
    [one] 1 note
   *[other] { $count } notes
}
board-earlier = … { $count } earlier
board-empty = No notes yet.
note-line-text = • <b>{ $author }</b>: { $text }
note-line-photo = • <b>{ $author }</b>: 📷 photo
note-line-photo-caption = • <b>{ $author }</b>: 📷 photo ({ $caption })
note-usage = Write your note after the command, for example: /note We tried group work.
note-not-accepted = I keep text and photos as notes. Please type your note or send a photo of it.
undo-done = Your last note in this step was removed.
undo-nothing = You have no note in this step to remove.

## Summary
summary-title = ✅ <b>CoP complete · { $school } · { $date }</b>
summary-title-unfinished = <b>CoP (unfinished) · { $school } · { $date }</b>
summary-facts = Facilitator: { $facilitator } · Participants: { $participants } · Notes: { $notes }
summary-step = {""}
    <b>{ $title }</b> ({ $count })
summary-no-notes = —
summary-action-plan = {""}
    🎯 <b>Action plan: apply it in your classes this month</b>
summary-photos = 📷 { $count ->
    [one] 1 photo note.
   *[other] { $count } photo notes.
} The button below shows them again.

## Status, history, actions
status-none = No CoP is in progress. The head teacher or a lead teacher starts one with /cop.
status-step = <b>Now: { $title }</b> for { $minutes } min
status-in-time = Time guide: { $limit } min.
status-over-time = Over the time guide of { $limit } min.
status-notes = • { $title }: { $count }
history-empty = No CoP yet. Start one with /cop.
history-title = <b>Past CoPs</b>: press one to see its summary.
history-line = { $date } · { $facilitator } · { $notes } notes · { $state }
actions-none = No action plan yet: it is made in the step “Next steps” of a CoP.
actions-title = 🎯 <b>Action plan of { $date }</b>{ $unfinished ->
    [0] {""}
   *[other] {" "}(CoP unfinished)
}

## Stats
stats-none = No observations yet. The head teacher can load them with /import (send the CSV file in a private chat with me).
stats-school-average = <b>School average: { $score } / 5</b>{ $change }
stats-change = {" "}({ $change })
stats-data = { $observations } observations of { $teachers } teachers, { $first } to { $last }
stats-positives = <b>Positives</b> (4.0 or more)
stats-needs-improvement = <b>Needs improvement</b> (below 4.0)
stats-practice-line = • { $score } { $title }{ $change }
stats-no-data = No data yet: { $titles }
stats-focus = 🎯 Suggested focus: <b>{ $title }</b>
