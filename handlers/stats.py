"""The school's stats in chat: the figures as text and, unless the chat asked for text only,
as a headline chart and a monthly trend (rendered once per data version, then resent by id)."""

from __future__ import annotations

import asyncio
import html
import logging
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatAction, MessageLimit
from telegram.error import BadRequest

from bot.context import CopContext
from bot.i18n import Html, Translator, plain, visible_length
from charts import (
    MAX_TREND_SERIES,
    ChartTooLargeError,
    HeadlineChart,
    PracticeBar,
    TrendChart,
    TrendSeries,
    render_headline,
    render_trend,
)
from handlers.common import answer, identify_member
from handlers.delivery import quietly, reliably
from storage.charts_cache import get_chart, save_chart, set_file_id
from storage.models import School
from storage.schools import get_low_data
from storage.stats import (
    PracticeStat,
    SchoolStats,
    baseline_date,
    format_change,
    format_score,
    round_score,
    stats_computation,
)

_LOGGER = logging.getLogger(__name__)

KIND_HEADLINE: Final = "headline"
KIND_TREND: Final = "trend"
CAPTION_LIMIT: Final = int(MessageLimit.CAPTION_LENGTH)
TEXT_LIMIT: Final = int(MessageLimit.MAX_TEXT_LENGTH)
_TAG = re.compile(r"<[^>]*>")


def practice_title(title: Mapping[str, str] | object, language: str) -> str:
    """A practice's title in the language, else English, else any."""
    if not isinstance(title, Mapping):
        return str(title)
    return str(title.get(language) or title.get("en") or next(iter(title.values()), ""))


def _units(text: str) -> int:
    """The length in UTF-16 code units, as Telegram counts (the raw HTML is never shorter than
    the text Telegram shows, so packing by it keeps each message within the limit)."""
    return len(text.encode("utf-16-le")) // 2


def _shorten(line: str, limit: int) -> str:
    """A line too long for one message, as plain text (its tags dropped, its entities decoded,
    so it is never cut inside either), escaped again and cut with "…" to fit the limit."""
    kept: list[str] = []
    size = 1  # the ellipsis
    for char in html.unescape(_TAG.sub("", line)):
        piece = html.escape(char, quote=False)
        units = _units(piece)
        if size + units > limit:
            break
        kept.append(piece)
        size += units
    return "".join(kept) + "…"


def split_text(lines: Sequence[str], limit: int = TEXT_LIMIT) -> list[Html]:
    """Lines joined into as few messages as fit the limit; a line too long for a message is
    shortened as plain text, so no message ever ends inside a tag or an entity."""
    messages: list[Html] = []
    current: list[str] = []
    size = 0
    for line in lines:
        line = line if _units(line) <= limit else _shorten(line, limit)
        extra = _units(line) + (1 if current else 0)
        if current and size + extra > limit:
            messages.append(Html("\n".join(current)))
            current, size = [], 0
            extra = _units(line)
        current.append(line)
        size += extra
    if current:
        messages.append(Html("\n".join(current)))
    return messages


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


def _practice_line(t: Translator, practice: PracticeStat, lang: str) -> Html:
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


def _displayed(value: float | None) -> float | None:
    return None if value is None else float(round_score(value))


def _label(practice: PracticeStat, lang: str) -> str:
    return f"{practice.number}. {practice_title(practice.title, lang)}"


def headline_chart(t: Translator, stats: SchoolStats) -> HeadlineChart:
    """The headline chart's numbers (as displayed in the text) and labels in the chat's language."""
    return HeadlineChart(
        title=plain(t("stats-chart-headline-title")),
        school_average_label=plain(t("stats-chart-school-average")),
        school_average=_displayed(stats.school_average),
        practices=[
            PracticeBar(label=_label(p, t.language), average=_displayed(p.average))
            for p in stats.practices
        ],
        positive_label=plain(t("stats-chart-positive")),
        improve_label=plain(t("stats-chart-improve")),
        no_data_label=plain(t("stats-chart-no-data")),
    )


def trend_chart(t: Translator, stats: SchoolStats) -> TrendChart | None:
    """The monthly trend (school average, then practices in rubric order), or None before two
    months of data; at most MAX_TREND_SERIES lines."""
    if len(stats.trend) < 2:
        return None
    series = [
        TrendSeries(
            label=plain(t("stats-chart-school-average")),
            values=[_displayed(month.school_average) for month in stats.trend],
        )
    ]
    for practice in stats.practices[: MAX_TREND_SERIES - 1]:
        series.append(
            TrendSeries(
                label=_label(practice, t.language),
                values=[_displayed(m.practices.get(practice.practice_id)) for m in stats.trend],
            )
        )
    return TrendChart(
        title=plain(t("stats-chart-trend-title")),
        periods=[month.month.strftime("%Y-%m") for month in stats.trend],
        series=series,
    )


@dataclass(frozen=True)
class _Chart:
    id: int
    png: bytes
    file_id: str | None


async def _chart(
    context: CopContext,
    chat_id: int,
    school_id: int,
    stats: SchoolStats,
    t: Translator,
    kind: str,
    render: Callable[[], bytes],
) -> _Chart | None:
    """The cached chart, or a fresh one rendered off the event loop and cached."""
    language = t.language
    async with context.db.begin() as session:
        cached = await get_chart(session, school_id, kind, language, stats.data_version)
        if cached is not None:
            return _Chart(cached.id, cached.png, cached.file_id)
    await quietly(context.bot.send_chat_action(chat_id, ChatAction.UPLOAD_PHOTO), "chat action")
    try:
        png = await asyncio.to_thread(render)
    except (ChartTooLargeError, ValueError):
        _LOGGER.exception("the %s chart of school %s could not be rendered", kind, school_id)
        return None
    async with context.db.begin() as session:
        saved = await save_chart(session, school_id, kind, language, stats.data_version, png)
        return _Chart(saved.id, saved.png, saved.file_id)


async def _send_chart(
    context: CopContext,
    chat_id: int,
    chart: _Chart,
    caption: Html | None,
    reply_markup: InlineKeyboardMarkup | None,
) -> Message:
    """Send a chart by its stored file id, uploading it (again) when there is none or it expired."""
    if chart.file_id is not None:
        file_id = chart.file_id
        try:
            return await reliably(
                lambda: context.bot.send_photo(
                    chat_id, file_id, caption=caption, reply_markup=reply_markup
                ),
                "stats chart",
            )
        except BadRequest as error:
            _LOGGER.info("chart %s: stored file id refused (%s); uploading again", chart.id, error)
    message = await reliably(
        lambda: context.bot.send_photo(
            chat_id, chart.png, caption=caption, reply_markup=reply_markup
        ),
        "stats chart",
    )
    if message.photo:
        async with context.db.begin() as session:
            await set_file_id(session, chart.id, message.photo[-1].file_id)
    return message


async def send_stats(
    context: CopContext,
    chat_id: int,
    school: School,
    t: Translator,
    *,
    heading: Html | None = None,
    reply_markup: InlineKeyboardMarkup | None = None,
) -> Message:
    """Send the school's stats to a chat; returns the last message, the one with the buttons."""
    async with context.db.begin() as session:
        baseline = await baseline_date(session, school.id)
        computation = await stats_computation(session, school.id, baseline=baseline)
        low_data = await get_low_data(session, chat_id)
    stats = await asyncio.to_thread(computation)
    parts = [heading] if heading else []
    parts.append(stats_text(t, stats))
    text = Html("\n".join(parts))

    charts: list[_Chart] = []
    if stats.has_data and not low_data:
        trend = trend_chart(t, stats)
        if trend is not None:
            found = await _chart(
                context, chat_id, school.id, stats, t, KIND_TREND, lambda: render_trend(trend)
            )
            charts += [found] if found else []
        headline = headline_chart(t, stats)
        found = await _chart(
            context, chat_id, school.id, stats, t, KIND_HEADLINE, lambda: render_headline(headline)
        )
        charts += [found] if found else []

    if not charts:
        return await _send_texts(context, chat_id, text, reply_markup)
    in_caption = visible_length(text) <= CAPTION_LIMIT
    last: Message | None = None
    for index, chart in enumerate(charts):
        final = index == len(charts) - 1
        last = await _send_chart(
            context,
            chat_id,
            chart,
            text if final and in_caption else None,
            reply_markup if final and in_caption else None,
        )
    if in_caption and last is not None:
        return last
    return await _send_texts(context, chat_id, text, reply_markup)


async def _send_texts(
    context: CopContext, chat_id: int, text: Html, reply_markup: InlineKeyboardMarkup | None
) -> Message:
    """Text in as many messages as it needs; the buttons go on the last one."""
    messages = split_text(text.split("\n"))
    last: Message | None = None
    for index, part in enumerate(messages):
        markup = reply_markup if index == len(messages) - 1 else None
        last = await _send_text(context, chat_id, part, markup)
    assert last is not None
    return last


async def _send_text(
    context: CopContext, chat_id: int, text: Html, reply_markup: InlineKeyboardMarkup | None
) -> Message:
    return await reliably(
        lambda: context.bot.send_message(chat_id, text, reply_markup=reply_markup), "stats"
    )


async def on_stats(update: Update, context: CopContext) -> None:
    """/stats: the school's figures, charts unless the chat asked for text only."""
    chat = update.effective_chat
    if chat is None or update.effective_user is None:
        return
    async with context.db.begin() as session:
        t, speaker, refusal = await identify_member(session, context, update)
    if refusal is not None or speaker.school is None:
        await answer(update, refusal or t("not-a-member"))
        return
    await send_stats(context, chat.id, speaker.school, t)
