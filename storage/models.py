"""SQLAlchemy models: schools, members, rubrics, observations and CoP sessions."""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION: dict[str, str] = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every backend (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class Base(DeclarativeBase):
    """Declarative base with an explicit constraint naming convention."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, datetime: UtcDateTime()}


class Role(enum.StrEnum):
    """What a member may do in their school."""

    HEAD_TEACHER = "head_teacher"
    LEAD_TEACHER = "lead_teacher"
    TEACHER = "teacher"


class CopStatus(enum.StrEnum):
    """Where a Community of Practice session stands."""

    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


class NoteKind(enum.StrEnum):
    """What a note holds."""

    TEXT = "text"
    PHOTO = "photo"


def _enum(cls: type[enum.StrEnum], name: str) -> Enum:
    return Enum(
        cls,
        name=name,
        native_enum=False,
        length=20,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class Person(Base):
    """A Telegram user the bot has seen."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    display_name: Mapped[str] = mapped_column(String(200))
    language: Mapped[str | None] = mapped_column(String(8))
    telegram_language: Mapped[str | None] = mapped_column(String(35))
    current_school_id: Mapped[int | None] = mapped_column(
        ForeignKey("school.id", ondelete="SET NULL")
    )
    """The school a private chat is about, for someone in several schools (/school)."""
    created_at: Mapped[datetime]


class Rubric(Base):
    """A set of teaching practices and their questions, loaded from a data file."""

    __tablename__ = "rubric"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(Text, default="")

    practices: Mapped[list[TeachingPractice]] = relationship(
        back_populates="rubric", order_by="TeachingPractice.number", cascade="all, delete-orphan"
    )


class TeachingPractice(Base):
    """A teaching practice ("competence") of a rubric."""

    __tablename__ = "teaching_practice"
    __table_args__ = (UniqueConstraint("rubric_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    rubric_id: Mapped[int] = mapped_column(ForeignKey("rubric.id", ondelete="CASCADE"))
    number: Mapped[int]
    title: Mapped[dict[str, Any]]

    rubric: Mapped[Rubric] = relationship(back_populates="practices")
    questions: Mapped[list[RubricQuestion]] = relationship(
        back_populates="practice", order_by="RubricQuestion.number", cascade="all, delete-orphan"
    )


class RubricQuestion(Base):
    """One rated micro-practice of a teaching practice, on a 3- or 5-point scale."""

    __tablename__ = "rubric_question"
    __table_args__ = (UniqueConstraint("practice_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    practice_id: Mapped[int] = mapped_column(ForeignKey("teaching_practice.id", ondelete="CASCADE"))
    number: Mapped[int]
    title: Mapped[dict[str, Any]]
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)
    scale: Mapped[int]

    practice: Mapped[TeachingPractice] = relationship(back_populates="questions")


class School(Base):
    """A school that runs CoPs."""

    __tablename__ = "school"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    join_code: Mapped[str] = mapped_column(String(16), unique=True)
    rubric_id: Mapped[int] = mapped_column(ForeignKey("rubric.id"))
    created_at: Mapped[datetime]

    rubric: Mapped[Rubric] = relationship()


class Member(Base):
    """A person's membership and role in a school."""

    __tablename__ = "member"
    __table_args__ = (UniqueConstraint("school_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role] = mapped_column(_enum(Role, "role"))
    joined_at: Mapped[datetime]

    person: Mapped[Person] = relationship(lazy="joined")
    school: Mapped[School] = relationship(lazy="joined")


class RemovedMember(Base):
    """Someone the head teacher removed: taking part in the group no longer makes them a member."""

    __tablename__ = "removed_member"
    __table_args__ = (UniqueConstraint("school_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    removed_at: Mapped[datetime]


class SchoolChat(Base):
    """A group chat linked to a school; its chat id moves when the group becomes a supergroup."""

    __tablename__ = "school_chat"

    id: Mapped[int] = mapped_column(primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(255), default="")
    linked_at: Mapped[datetime]


class ChatPreference(Base):
    """Per-chat settings: the group's language and the low-data mode."""

    __tablename__ = "chat_preference"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    language: Mapped[str | None] = mapped_column(String(8))
    low_data: Mapped[bool] = mapped_column(Boolean, default=False)


class FailedJoin(Base):
    """A wrong join code, kept to limit guessing."""

    __tablename__ = "failed_join"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(BigInteger, index=True)
    attempted_at: Mapped[datetime]


class Observation(Base):
    """One lesson watched and rated."""

    __tablename__ = "observation"
    __table_args__ = (UniqueConstraint("school_id", "external_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), index=True)
    external_id: Mapped[str] = mapped_column(String(200))
    observed_on: Mapped[date] = mapped_column(Date)
    teacher_name: Mapped[str] = mapped_column(String(200))
    observer: Mapped[str | None] = mapped_column(String(200))
    subject: Mapped[str | None] = mapped_column(String(200))
    imported_at: Mapped[datetime]

    ratings: Mapped[list[Rating]] = relationship(
        back_populates="observation", cascade="all, delete-orphan", passive_deletes=True
    )


class Rating(Base):
    """One question's answer in an observation, on the question's own scale."""

    __tablename__ = "rating"
    __table_args__ = (UniqueConstraint("observation_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    observation_id: Mapped[int] = mapped_column(ForeignKey("observation.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(ForeignKey("rubric_question.id"), index=True)
    value: Mapped[int] = mapped_column(Integer)

    observation: Mapped[Observation] = relationship(back_populates="ratings")


class CopSession(Base):
    """One Community of Practice meeting; its current step lives here, not in memory."""

    __tablename__ = "cop_session"
    __table_args__ = (
        Index(
            "uq_cop_session_one_in_progress",
            "school_id",
            unique=True,
            sqlite_where=text("status = 'in_progress'"),
            postgresql_where=text("status = 'in_progress'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), index=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, index=True)
    facilitator_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    step: Mapped[str] = mapped_column(String(32))
    status: Mapped[CopStatus] = mapped_column(_enum(CopStatus, "cop_status"))
    started_at: Mapped[datetime]
    step_started_at: Mapped[datetime]
    last_activity_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    step_message_id: Mapped[int | None] = mapped_column(BigInteger)
    step_shown_at: Mapped[datetime | None]
    """When Telegram showed the current step (its clock), to spot commands written before it."""
    summary_sent: Mapped[bool] = mapped_column(Boolean, default=False)
    summary_parts_sent: Mapped[int] = mapped_column(Integer, default=0)

    facilitator: Mapped[Person] = relationship(lazy="joined")


class CopBoard(Base):
    """The live message of a collecting step that shows the notes so far."""

    __tablename__ = "cop_board"
    __table_args__ = (UniqueConstraint("cop_session_id", "step"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cop_session_id: Mapped[int] = mapped_column(ForeignKey("cop_session.id", ondelete="CASCADE"))
    step: Mapped[str] = mapped_column(String(32))
    chat_id: Mapped[int] = mapped_column(BigInteger)
    message_id: Mapped[int] = mapped_column(BigInteger)


class Note(Base):
    """Something a participant shared in a collecting step: text or a photo of paper notes."""

    __tablename__ = "note"
    __table_args__ = (UniqueConstraint("chat_id", "message_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cop_session_id: Mapped[int] = mapped_column(
        ForeignKey("cop_session.id", ondelete="CASCADE"), index=True
    )
    step: Mapped[str] = mapped_column(String(32))
    author_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    chat_id: Mapped[int] = mapped_column(BigInteger)
    message_id: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[NoteKind] = mapped_column(_enum(NoteKind, "note_kind"))
    text: Mapped[str] = mapped_column(Text, default="")
    photo_file_id: Mapped[str | None] = mapped_column(String(255))
    photo_unique_id: Mapped[str | None] = mapped_column(String(64))
    media_group_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime]
    edited_at: Mapped[datetime | None]

    author: Mapped[Person] = relationship(lazy="joined")


class ProcessedUpdate(Base):
    """An update already handled, so a redelivery is ignored."""

    __tablename__ = "processed_update"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    processed_at: Mapped[datetime]


class ChartImage(Base):
    """A rendered chart, cached per school, data version and language, with its Telegram file id."""

    __tablename__ = "chart_image"
    __table_args__ = (UniqueConstraint("school_id", "kind", "language", "data_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    language: Mapped[str] = mapped_column(String(8))
    data_version: Mapped[str] = mapped_column(String(64))
    png: Mapped[bytes] = mapped_column(LargeBinary)
    file_id: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime]
