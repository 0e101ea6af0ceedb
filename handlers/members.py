"""/members: the head teacher sees the school's people and changes their roles."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest

from bot.context import CopContext
from bot.i18n import Html, Translator, plain
from handlers.common import answer, identify, translator_for
from storage.models import Member, Role
from storage.schools import count_head_teachers, get_membership, remove_member, school_members

CALLBACK = "mem"
PAGE_SIZE = 8
ROLE_CODES: dict[str, Role] = {"h": Role.HEAD_TEACHER, "l": Role.LEAD_TEACHER, "t": Role.TEACHER}
BUTTON_TEXT_LIMIT = 64
ALERT_LIMIT = 200


async def on_members(update: Update, context: CopContext) -> None:
    """`/members`: the list, with a button per person (head teachers only)."""
    async with context.db.begin() as session:
        t = await translator_for(session, context, update)
        speaker = await identify(session, update)
        if speaker.school is None or not speaker.is_head_teacher:
            await answer(update, t("members-not-head-teacher"))
            return
        text, markup = await _member_list(session, t, speaker.school.id, page=0)
    await answer(update, text, reply_markup=markup)


async def on_members_button(update: Update, context: CopContext) -> None:
    """A button of the /members message: open a person, change a role, remove, page."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    parts = query.data.split(":")
    async with context.db.begin() as session:
        t = await translator_for(session, context, update)
        speaker = await identify(session, update)
        action, args = (parts[1], parts[2:]) if len(parts) >= 3 else ("", [])
        target = await _target(session, args[0]) if action != "list" and args else None
        school_id = target.school_id if target else None
        if action == "list" and args and args[0].isdigit() and speaker.school is not None:
            school_id = speaker.school.id
        presser = await get_membership(session, school_id, speaker.person.id) if school_id else None
        if presser is None or presser.role != Role.HEAD_TEACHER or school_id is None:
            await query.answer(t("not-allowed-button"), show_alert=True)
            return
        notice: Html | None = None
        if action == "list":
            text, markup = await _member_list(session, t, school_id, page=int(args[0]))
        elif target is None:
            await query.answer(t("not-allowed-button"), show_alert=True)
            return
        elif action == "open":
            text, markup = _member_menu(t, target)
        elif action == "role" and len(args) == 2 and args[1] in ROLE_CODES:
            notice = await _change_role(session, t, target, ROLE_CODES[args[1]])
            text, markup = _member_menu(t, target)
        elif action == "rm":
            text, markup = _remove_confirmation(t, target)
        elif action == "rmok":
            notice = await _remove(session, t, target)
            text, markup = await _member_list(session, t, school_id, page=0)
        else:
            await query.answer(t("not-allowed-button"), show_alert=True)
            return
    alert = plain(notice, ALERT_LIMIT) if notice else None
    await query.answer(alert, show_alert=alert is not None)
    await edit_query_message(query, text, markup)


async def edit_query_message(
    query: CallbackQuery, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """Edit the message of a button; the same content again (a double press) is no error."""
    try:
        await query.edit_message_text(text, reply_markup=markup)
    except BadRequest as error:
        if "not modified" not in error.message.lower():
            raise


async def _target(session: AsyncSession, raw_id: str) -> Member | None:
    return await session.get(Member, int(raw_id)) if raw_id.isdigit() else None


async def _change_role(
    session: AsyncSession, t: Translator, target: Member, role: Role
) -> Html | None:
    if target.role == role:
        return None
    if (
        target.role == Role.HEAD_TEACHER
        and await count_head_teachers(session, target.school_id) <= 1
    ):
        return t("members-last-head-teacher")
    target.role = role
    await session.flush()
    return None


async def _remove(session: AsyncSession, t: Translator, target: Member) -> Html | None:
    if (
        target.role == Role.HEAD_TEACHER
        and await count_head_teachers(session, target.school_id) <= 1
    ):
        return t("members-last-head-teacher")
    await remove_member(session, target)
    return t("members-removed", name=target.person.display_name)


async def _member_list(
    session: AsyncSession, t: Translator, school_id: int, *, page: int
) -> tuple[Html, InlineKeyboardMarkup]:
    members = await school_members(session, school_id)
    pages = max(1, -(-len(members) // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    shown = members[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    lines = [t("members-title", count=len(members))]
    lines += [
        t("members-line", name=m.person.display_name, role=t(f"role-{m.role}")) for m in shown
    ]
    if pages > 1:
        lines.append(t("members-page", page=page + 1, pages=pages))
    rows = [
        [InlineKeyboardButton(m.person.display_name[:40], callback_data=f"{CALLBACK}:open:{m.id}")]
        for m in shown
    ]
    nav = []
    if page > 0:
        nav.append(InlineKeyboardButton("«", callback_data=f"{CALLBACK}:list:{page - 1}"))
    if page < pages - 1:
        nav.append(InlineKeyboardButton("»", callback_data=f"{CALLBACK}:list:{page + 1}"))
    if nav:
        rows.append(nav)
    lines.append(t("members-hint"))
    return Html("\n".join(lines)), InlineKeyboardMarkup(rows)


def _member_menu(t: Translator, target: Member) -> tuple[Html, InlineKeyboardMarkup]:
    text = t("members-person", name=target.person.display_name, role=t(f"role-{target.role}"))
    role_buttons = [
        InlineKeyboardButton(t(f"role-{role}"), callback_data=f"{CALLBACK}:role:{target.id}:{code}")
        for code, role in ROLE_CODES.items()
        if role != target.role
    ]
    rows = [
        role_buttons,
        [InlineKeyboardButton(t("members-remove"), callback_data=f"{CALLBACK}:rm:{target.id}")],
        [InlineKeyboardButton(t("button-back"), callback_data=f"{CALLBACK}:list:0")],
    ]
    return text, InlineKeyboardMarkup(rows)


def _remove_confirmation(t: Translator, target: Member) -> tuple[Html, InlineKeyboardMarkup]:
    text = t("members-remove-confirm", name=target.person.display_name)
    rows = [
        [
            InlineKeyboardButton(
                t("members-remove-yes"), callback_data=f"{CALLBACK}:rmok:{target.id}"
            ),
            InlineKeyboardButton(t("button-back"), callback_data=f"{CALLBACK}:open:{target.id}"),
        ]
    ]
    return text, InlineKeyboardMarkup(rows)
