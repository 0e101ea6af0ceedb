"""Writes examples/observations-sample.csv: one Nepali school's observations, Sept-Nov 2026.

Deterministic (fixed seed), so running it again gives the same file. Time on learning and
positive expectations come out strong (4.0 or more); the other three practices need work.
"""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path

from storage.rubric_files import load_builtin

OUTPUT = Path(__file__).with_name("observations-sample.csv")
SEED = 2026

TEACHERS = (
    ("Sita Sharma", "Nepali"),
    ("Ram Bahadur Thapa", "Mathematics"),
    ("Gita Adhikari", "English"),
    ("Hari Prasad Poudel", "Science"),
    ("Kamala Shrestha", "Social Studies"),
    ("Bishnu Gurung", "Mathematics"),
    ("Sunita Karki", "Nepali"),
    ("Krishna Bhattarai", "Science"),
    ("Laxmi Tamang", "English"),
    ("Prakash Rai", "Health and Physical Education"),
    ("Radha Khanal", "Social Studies"),
    ("Dipak Magar", "Mathematics"),
)
OBSERVERS = ("Shanti Koirala", "Binod Acharya")
MONTHS = (date(2026, 9, 1), date(2026, 10, 1), date(2026, 11, 1))

PRACTICE_LEVEL = {2: 4.4, 3: 3.7, 4: 3.2, 5: 2.8}
"""Mean 5-point rating of each 5-point practice in September; practice 1 is 3-point."""
MONTHLY_GAIN = 0.15
THREE_POINT_WEIGHTS = (0.04, 0.36, 0.60)
"""Chances of 1, 2 and 3 on practice 1 (Time on learning): about 4.4 once converted."""


def school_day(rng: random.Random, month: date) -> date:
    """A day of the month that is not a Saturday (Nepal's weekly holiday)."""
    while True:
        day = month + timedelta(days=rng.randrange(0, 27))
        if day.weekday() != 5:
            return day


def main() -> None:
    rng = random.Random(SEED)
    rubric = load_builtin("nepal")
    lessons: list[tuple[date, str, str, str, float]] = []
    for teacher, subject in TEACHERS:
        skill = rng.uniform(-0.4, 0.4)
        months = rng.sample(range(len(MONTHS)), k=min(3, rng.randint(2, 4)))
        extra = rng.randint(2, 4) - len(months)
        months += [rng.randrange(len(MONTHS)) for _ in range(extra)]
        for month in sorted(months):
            observer = rng.choice(OBSERVERS)
            lessons.append(
                (school_day(rng, MONTHS[month]), teacher, subject, observer, skill + month * 0.15)
            )
    lessons.sort()

    with OUTPUT.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(
            ["observation_id", "observed_on", "teacher", "question", "value", "observer", "subject"]
        )
        for number, (day, teacher, subject, observer, lift) in enumerate(lessons, start=1):
            observation_id = f"SJS-{day:%Y%m}-{number:03d}"
            for p_number, practice in enumerate(rubric.practices, start=1):
                for q_number, question in enumerate(practice.questions, start=1):
                    if question.scale == 3:
                        value = rng.choices((1, 2, 3), weights=THREE_POINT_WEIGHTS)[0]
                    else:
                        mean = PRACTICE_LEVEL[p_number] + lift
                        value = min(5, max(1, round(rng.gauss(mean, 0.7))))
                    writer.writerow(
                        [
                            observation_id,
                            day.isoformat(),
                            teacher,
                            f"{p_number}.{q_number}",
                            value,
                            observer,
                            subject,
                        ]
                    )


if __name__ == "__main__":
    main()
