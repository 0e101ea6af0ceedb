"""CoP sessions, their notes and live boards."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from storage.clock import utcnow
from storage.models import CopBoard, CopSession, CopStatus, Note, NoteKind

HISTORY_LIMIT = 10


class CopAlreadyInProgress(Exception):
    """The school already has a CoP in progress."""

    def __init__(self, cop: CopSession) -> None:
        super().__init__(f"CoP {cop.id} is in progress")
        self.cop = cop


async def in_progress_for_school(session: AsyncSession, school_id: int) -> CopSession | None:
    """The school's CoP in progress, if any."""
    return await session.scalar(
        select(CopSession).where(
            CopSession.school_id == school_id, CopSession.status == CopStatus.IN_PROGRESS
        )
    )


async def in_progress_in_chat(session: AsyncSession, chat_id: int) -> CopSession | None:
    """The CoP running in this chat, if any."""
    return await session.scalar(
        select(CopSession)
        .where(CopSession.chat_id == chat_id, CopSession.status == CopStatus.IN_PROGRESS)
        .order_by(CopSession.id.desc())
        .limit(1)
    )


async def get_cop(session: AsyncSession, cop_id: int) -> CopSession | None:
    """A CoP by id."""
    return await session.get(CopSession, cop_id)


async def start_cop(
    session: AsyncSession, *, school_id: int, chat_id: int, facilitator_id: int, first_step: str
) -> CopSession:
    """Open a CoP; raises CopAlreadyInProgress when the school, or this chat, has one."""
    existing = await in_progress_for_school(session, school_id) or await in_progress_in_chat(
        session, chat_id
    )
    if existing is not None:
        raise CopAlreadyInProgress(existing)
    now = utcnow()
    cop = CopSession(
        school_id=school_id,
        chat_id=chat_id,
        facilitator_id=facilitator_id,
        step=first_step,
        status=CopStatus.IN_PROGRESS,
        started_at=now,
        step_started_at=now,
        last_activity_at=now,
        finished_at=None,
        step_message_id=None,
        step_shown_at=None,
        summary_sent=False,
        summary_parts_sent=0,
    )
    try:
        async with session.begin_nested():
            session.add(cop)
    except IntegrityError:
        existing = await in_progress_for_school(session, school_id)
        if existing is None:
            raise
        raise CopAlreadyInProgress(existing) from None
    return cop


async def move_to_step(session: AsyncSession, cop: CopSession, step: str) -> None:
    """Make a step current."""
    now = utcnow()
    cop.step = step
    cop.step_started_at = now
    cop.last_activity_at = now
    cop.step_message_id = None
    cop.step_shown_at = None
    await session.flush()


async def finish_cop(session: AsyncSession, cop: CopSession, status: CopStatus) -> None:
    """Close a CoP as completed, cancelled or expired."""
    now = utcnow()
    cop.status = status
    cop.finished_at = now
    cop.last_activity_at = now
    await session.flush()


async def add_note(
    session: AsyncSession,
    cop: CopSession,
    *,
    step: str,
    author_id: int,
    chat_id: int,
    message_id: int,
    kind: NoteKind,
    text: str = "",
    photo_file_id: str | None = None,
    photo_unique_id: str | None = None,
    media_group_id: str | None = None,
) -> tuple[Note, bool]:
    """Store a note; a message already stored is returned as it is (returns note, created)."""
    existing = await note_for_message(session, chat_id, message_id)
    if existing is not None:
        return existing, False
    note = Note(
        cop_session_id=cop.id,
        step=step,
        author_id=author_id,
        chat_id=chat_id,
        message_id=message_id,
        kind=kind,
        text=text,
        photo_file_id=photo_file_id,
        photo_unique_id=photo_unique_id,
        media_group_id=media_group_id,
        created_at=utcnow(),
        edited_at=None,
    )
    try:
        async with session.begin_nested():
            session.add(note)
    except IntegrityError:
        existing = await note_for_message(session, chat_id, message_id)
        if existing is None:
            raise
        return existing, False
    cop.last_activity_at = note.created_at
    await session.flush()
    return note, True


async def note_for_message(session: AsyncSession, chat_id: int, message_id: int) -> Note | None:
    """The note made from a chat message."""
    return await session.scalar(
        select(Note).where(Note.chat_id == chat_id, Note.message_id == message_id)
    )


async def edit_note(session: AsyncSession, note: Note, text: str) -> None:
    """Replace a note's text after its message was edited."""
    note.text = text
    note.edited_at = utcnow()
    await session.flush()


async def undo_last_note(
    session: AsyncSession, cop: CopSession, *, step: str, author_id: int
) -> Note | None:
    """Delete the author's latest note in this step; returns it, or None when there is none."""
    note = await session.scalar(
        select(Note)
        .where(Note.cop_session_id == cop.id, Note.step == step, Note.author_id == author_id)
        .order_by(Note.id.desc())
        .limit(1)
    )
    if note is not None:
        await session.delete(note)
        cop.last_activity_at = utcnow()
        await session.flush()
    return note


async def cop_notes(session: AsyncSession, cop_id: int, step: str | None = None) -> list[Note]:
    """A CoP's notes in the order they were shared, optionally of one step."""
    query = select(Note).where(Note.cop_session_id == cop_id)
    if step is not None:
        query = query.where(Note.step == step)
    return list(await session.scalars(query.order_by(Note.id)))


async def note_counts(session: AsyncSession, cop_id: int) -> dict[str, int]:
    """How many notes each step holds."""
    rows = await session.execute(
        select(Note.step, func.count()).where(Note.cop_session_id == cop_id).group_by(Note.step)
    )
    return {step: int(count) for step, count in rows}


async def get_board(session: AsyncSession, cop_id: int, step: str) -> CopBoard | None:
    """The live board of a step."""
    return await session.scalar(
        select(CopBoard).where(CopBoard.cop_session_id == cop_id, CopBoard.step == step)
    )


async def set_board(
    session: AsyncSession, cop: CopSession, step: str, chat_id: int, message_id: int
) -> CopBoard:
    """Remember which message is a step's board (a new one replaces the old)."""
    board = await get_board(session, cop.id, step)
    if board is None:
        board = CopBoard(cop_session_id=cop.id, step=step, chat_id=chat_id, message_id=message_id)
        session.add(board)
    else:
        board.chat_id = chat_id
        board.message_id = message_id
    await session.flush()
    return board


async def idle_cops(session: AsyncSession, idle_for: timedelta) -> Sequence[CopSession]:
    """CoPs in progress with no activity for a while."""
    limit: datetime = utcnow() - idle_for
    result = await session.scalars(
        select(CopSession).where(
            CopSession.status == CopStatus.IN_PROGRESS, CopSession.last_activity_at < limit
        )
    )
    return list(result)


async def cop_history(
    session: AsyncSession, school_id: int, limit: int = HISTORY_LIMIT
) -> list[tuple[CopSession, int]]:
    """The school's CoPs, newest first, with their note counts."""
    counts = (
        select(Note.cop_session_id, func.count(Note.id).label("notes"))
        .group_by(Note.cop_session_id)
        .subquery()
    )
    rows = await session.execute(
        select(CopSession, func.coalesce(counts.c.notes, 0))
        .outerjoin(counts, counts.c.cop_session_id == CopSession.id)
        .where(CopSession.school_id == school_id)
        .order_by(CopSession.started_at.desc(), CopSession.id.desc())
        .limit(limit)
    )
    return [(cop, int(count)) for cop, count in rows]


async def latest_action_plan(
    session: AsyncSession, school_id: int, step: str
) -> tuple[CopSession, list[Note]] | None:
    """The newest CoP that agreed on next steps, with those notes."""
    cop = await session.scalar(
        select(CopSession)
        .join(Note, Note.cop_session_id == CopSession.id)
        .where(CopSession.school_id == school_id, Note.step == step)
        .order_by(CopSession.started_at.desc(), CopSession.id.desc())
        .limit(1)
    )
    if cop is None:
        return None
    return cop, await cop_notes(session, cop.id, step)


async def unsent_summaries(session: AsyncSession, since: timedelta) -> list[CopSession]:
    """Completed CoPs whose summary may not have reached the chat (the bot stopped first)."""
    result = await session.scalars(
        select(CopSession).where(
            CopSession.status == CopStatus.COMPLETED,
            CopSession.summary_sent.is_(False),
            CopSession.finished_at >= utcnow() - since,
        )
    )
    return list(result)


async def participants(session: AsyncSession, cop: CopSession) -> int:
    """How many people took part: the facilitator and everyone who shared a note."""
    authors = await session.scalars(
        select(Note.author_id).where(Note.cop_session_id == cop.id).distinct()
    )
    return len({cop.facilitator_id, *authors})
