## Importing class observations from a CSV file (storage/observation_csv.py, storage/observations.py).
## $line is the line of the file (1 is the header); user text arrives HTML-escaped.

observations-format-help =
    Send the observations as a CSV file, one rating a line, with this header:
    observation_id,observed_on,teacher,question,value
    • observation_id: the same text on every line of one lesson watched
    • observed_on: the date, as YYYY-MM-DD
    • teacher: the observed teacher's name
    • question: the question's code, like 1.2 or 4.5 (practice number, then question number)
    • value: the rating, a whole number on the question's scale
    Columns observer and subject may be added. Commas or semicolons both work; save as CSV UTF-8.

## Problems with the whole file

csv-error-too-big = The file is too big: it may be at most { $max_mb } MB. Split it into smaller files and send them one by one.
csv-error-too-many-rows = The file has too many rows: it may have at most { $max_rows } ratings. Split it into smaller files and send them one by one.
csv-error-empty = The file is empty.
csv-error-no-rows = The file has a header but no ratings under it.
csv-error-encoding = Line { NUMBER($line, useGrouping: 0) }: the file is not in UTF-8. In your spreadsheet choose "Save as", then "CSV UTF-8", and send that file.
csv-error-malformed = Line { NUMBER($line, useGrouping: 0) }: this line cannot be read as CSV (check its quotation marks). Save the file again from your spreadsheet as "CSV UTF-8".
csv-error-separator = Line { NUMBER($line, useGrouping: 0) }: the columns must be separated by commas or semicolons.

## Problems with the header

csv-error-missing-column = Line { NUMBER($line, useGrouping: 0) }: the header has no column "{ $column }". The header must be: observation_id,observed_on,teacher,question,value
csv-error-duplicate-column = Line { NUMBER($line, useGrouping: 0) }: the column "{ $column }" appears twice in the header.
csv-warning-unknown-column = Line { NUMBER($line, useGrouping: 0) }: the column "{ $column }" is not used; it was ignored.

## Problems with a rating

csv-error-too-many-cells = Line { NUMBER($line, useGrouping: 0) }: this line has { $found } cells but the header has { $expected }. Is there a comma inside a name? Put such a name in quotation marks.
csv-error-missing-value = Line { NUMBER($line, useGrouping: 0) }: the { $column } is missing.
csv-error-too-long = Line { NUMBER($line, useGrouping: 0) }: the { $column } is too long; it may have at most { $max } characters.
csv-error-bad-date = Line { NUMBER($line, useGrouping: 0) }: "{ $value }" is not a date; write it as YYYY-MM-DD.
csv-error-future-date = Line { NUMBER($line, useGrouping: 0) }: the date { $value } is in the future. Write dates in the international calendar (AD), not Bikram Sambat, as YYYY-MM-DD.
csv-error-unknown-question = Line { NUMBER($line, useGrouping: 0) }: "{ $value }" is not a question of the school's rubric. Write the question's code, like 1.2 (practice 1, question 2).
csv-error-ambiguous-question = Line { NUMBER($line, useGrouping: 0) }: several questions are called "{ $value }" ({ $codes }). Write the question's code instead.
csv-error-bad-value = Line { NUMBER($line, useGrouping: 0) }: the rating "{ $value }" is not a whole number.
csv-error-value-out-of-scale = Line { NUMBER($line, useGrouping: 0) }: the rating { $value } is outside question { $question }'s scale; it must be from 1 to { $scale }.
csv-error-mixed-date = Line { NUMBER($line, useGrouping: 0) }: observation "{ $observation }" has the date { $value } here but { $expected } on line { NUMBER($first_line, useGrouping: 0) }. All lines of one observation must have the same date.
csv-error-mixed-teacher = Line { NUMBER($line, useGrouping: 0) }: observation "{ $observation }" has the teacher "{ $value }" here but "{ $expected }" on line { NUMBER($first_line, useGrouping: 0) }. All lines of one observation must name the same teacher.
csv-error-duplicate-question = Line { NUMBER($line, useGrouping: 0) }: question { $question } is rated twice in observation "{ $observation }" (also on line { NUMBER($first_line, useGrouping: 0) }).
csv-warning-conflicting-value = Line { NUMBER($line, useGrouping: 0) }: observation "{ $observation }" has the { $column } "{ $value }" here but "{ $kept }" earlier; "{ $kept }" was kept.

## After reading the file

observations-import-refused =
    Nothing was imported: the file has { $count ->
        [one] one problem
       *[other] { $count } problems
    }. Fix { $count ->
        [one] it
       *[other] them
    } and send the file again.
observations-import-more-problems = …and { $count ->
        [one] one more problem
       *[other] { $count } more problems
    }.
observations-import-more-warnings = …and { $count ->
        [one] one more warning
       *[other] { $count } more warnings
    }.
observations-import-summary =
    Imported { $observations ->
        [one] one observation
       *[other] { $observations } observations
    } ({ $new } new, { $replaced } replaced) with { $ratings ->
        [one] one rating
       *[other] { $ratings } ratings
    }, of { $teachers ->
        [one] one teacher
       *[other] { $teachers } teachers
    }, from { $first } to { $last }.
observations-rubric-in-use = The school's rubric cannot be changed: { $count ->
        [one] one observation is
       *[other] { $count } observations are
    } rated on the current rubric.
