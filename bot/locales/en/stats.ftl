## The stats charts (plain text: no HTML in chart labels).

stats-chart-headline-title = Class observations: average per teaching practice
stats-chart-school-average = School average
stats-chart-positive = Positive (4.0 or more)
stats-chart-improve = Needs improvement (below 4.0)
stats-chart-no-data = no data yet
stats-chart-trend-title = Monthly averages

## /lowdata

lowdata-on = Text only is on for this chat: stats come without pictures. Send /lowdata off to see the charts again.
lowdata-off = Text only is off for this chat: stats come with charts. Send /lowdata on to save data.
lowdata-usage = Send /lowdata on for text only, or /lowdata off for charts.
lowdata-facilitators-only = Only the head teacher or a lead teacher can change this for the group.

## /import

import-head-teacher-only = Only the school's head teacher can import observations.
import-no-school = Register your school with /newschool first; observations are imported into a school.
import-send-file = Send me the CSV file now (within 10 minutes).
import-not-csv = That is not a CSV file. Save the observations as "CSV UTF-8" and send that file.
import-download-failed = I could not download the file. Please send it again.
import-failed = The observations could not be imported: the school's rubric changed while the file was read. Please send it again.
import-warnings = Some lines need a look (they did not stop the import):
import-unexpected-document = I only read files sent for /import (observations as CSV) or with the caption /rubric (a rubric as JSON).

## /rubric

rubric-title = <b>Rubric: { $name }</b>
rubric-practice = <b>{ $number }. { $title }</b>
rubric-question = • { $code } { $title } (1-{ $scale })
rubric-how-to-switch = The head teacher can switch to a shipped rubric in a private chat: /rubric nepal or /rubric sierra_leone, or send the school's own rubric as a JSON file with the caption /rubric.
rubric-usage = Unknown rubric. Choose /rubric nepal or /rubric sierra_leone, or send a JSON file with the caption /rubric.
rubric-head-teacher-only = Only the school's head teacher can change the rubric, in a private chat with me.
rubric-switched = The school now uses the rubric <b>{ $name }</b>. Send /rubric to see its questions.
rubric-file-error = That rubric file cannot be used: { $reason }
rubric-not-json = A rubric file must be JSON (a .json file).
