"""The school's stats in chat: the figures as text (and, where the chat allows, as charts)."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Message

from bot.context import CopContext
from bot.i18n import Html, Translator
from handlers.delivery import reliably
from storage.models import School
from storage.stats import SchoolStats, baseline_date, format_change, format_score, school_stats


def practice_title(title: dict[str, str] | object, language: str) -> str:
    """A practice's title in the language, else English, else any."""
    if not isinstance(title, dict):
        return str(title)
    return str(title.get(language) or title.get("en") or next(iter(title.values()), ""))


def stats_text(t: Translator, stats: SchoolStats) -> Html:
    """The figures as text: school average, positives, needs improvement, focus, data range."""
    if not stats.has_data:
        return t("stats-none")
    lang = t.language
    lines = [
        t(
            "stats-school-average",
            score=format_score(stats.school_average or 0),
            change=_change(t, stats.school_change),
        ),
        t(
            "stats-data",
            observations=stats.observations,
            teachers=stats.teachers,
            first=str(stats.first_date),
            last=str(stats.last_date),
        ),
    ]
    if stats.positives:
        lines.append(t("stats-positives"))
        lines += [_practice_line(t, p, lang) for p in stats.positives]
    if stats.needs_improvement:
        lines.append(t("stats-needs-improvement"))
        lines += [_practice_line(t, p, lang) for p in stats.needs_improvement]
    no_data = [p for p in stats.practices if p.average is None]
    if no_data:
        lines.append(
            t("stats-no-data", titles=", ".join(practice_title(p.title, lang) for p in no_data))
        )
    if stats.focus is not None:
        lines.append(t("stats-focus", title=practice_title(stats.focus.title, lang)))
    return Html("\n".join(lines))


def _practice_line(t: Translator, practice: object, lang: str) -> Html:
    from storage.stats import PracticeStat

    assert isinstance(practice, PracticeStat)
    return t(
        "stats-practice-line",
        score=format_score(practice.average or 0),
        title=practice_title(practice.title, lang),
        change=_change(t, practice.change),
    )


def _change(t: Translator, change: float | None) -> Html:
    if change is None:
        return Html("")
    return t("stats-change", change=format_change(change))


async def send_stats(
    context: CopContext,
    chat_id: int,
    school: School,
    t: Translator,
    *,
    heading: Html | None = None,
    reply_markup: InlineKeyboardMarkup | None = None,
) -> Message:
    """Send the school's stats to a chat; returns the message carrying the buttons."""
    async with context.db.begin() as session:
        stats = await school_stats(
            session, school.id, baseline=await baseline_date(session, school.id)
        )
    parts = [heading] if heading else []
    parts.append(stats_text(t, stats))
    text = Html("\n".join(parts))
    return await reliably(
        lambda: context.bot.send_message(chat_id, text, reply_markup=reply_markup), "stats"
    )
