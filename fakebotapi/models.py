"""Plain data objects of the fake Telegram world and their Bot API JSON shapes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def _compact(data: dict[str, Any]) -> dict[str, Any]:
    """Drop None values, like Telegram omits absent optional fields."""
    return {key: value for key, value in data.items() if value is not None}


@dataclass(eq=False)
class User:
    """A Telegram user (or the bot itself)."""

    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None
    is_bot: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The Bot API User object."""
        return _compact(
            {
                "id": self.id,
                "is_bot": self.is_bot,
                "first_name": self.first_name,
                "last_name": self.last_name,
                "username": self.username,
                "language_code": self.language_code,
            }
        )


@dataclass(eq=False)
class Chat:
    """A private chat, group or supergroup, holding its messages."""

    id: int
    type: str
    title: str | None = None
    user: User | None = None
    members: list[User] = field(default_factory=list)
    creator: User | None = None
    bot_status: str = "member"
    bot_is_admin: bool = False
    bot_can_pin: bool = False
    available_reactions: list[str] | None = None
    migrated_to: int | None = None
    messages: dict[int, Message] = field(default_factory=dict)
    next_message_id: int = 1

    def to_dict(self) -> dict[str, Any]:
        """The Bot API Chat object."""
        if self.type == "private" and self.user is not None:
            return _compact(
                {
                    "id": self.id,
                    "type": "private",
                    "first_name": self.user.first_name,
                    "last_name": self.user.last_name,
                    "username": self.user.username,
                }
            )
        data: dict[str, Any] = {"id": self.id, "type": self.type, "title": self.title}
        if self.type == "group":
            data["all_members_are_administrators"] = False
        return data

    @property
    def is_group(self) -> bool:
        """True for groups and supergroups."""
        return self.type in ("group", "supergroup")


@dataclass(eq=False)
class Message:
    """One message in a chat, as a user would see it now."""

    message_id: int
    chat: Chat
    from_user: User
    date: int
    text: str | None = None
    html: str | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    caption: str | None = None
    caption_html: str | None = None
    caption_entities: list[dict[str, Any]] = field(default_factory=list)
    photo: list[dict[str, Any]] | None = None
    media_group_id: str | None = None
    document: dict[str, Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    reply_to: Message | None = None
    reply_markup: dict[str, Any] | None = None
    message_thread_id: int | None = None
    edit_date: int | None = None
    edit_count: int = 0
    pinned: bool = False
    deleted: bool = False

    @property
    def reply_to_message_id(self) -> int | None:
        """The id of the message this one replies to."""
        return self.reply_to.message_id if self.reply_to is not None else None

    @property
    def is_service(self) -> bool:
        """True for service messages (joins, leaves, migrations, pins)."""
        service_keys = (
            "new_chat_members",
            "left_chat_member",
            "migrate_to_chat_id",
            "migrate_from_chat_id",
            "group_chat_created",
            "pinned_message",
        )
        return any(key in self.extra for key in service_keys)

    def to_dict(self, with_reply: bool = True) -> dict[str, Any]:
        """The Bot API Message object."""
        data: dict[str, Any] = {
            "message_id": self.message_id,
            "from": self.from_user.to_dict(),
            "chat": self.chat.to_dict(),
            "date": self.date,
        }
        if self.message_thread_id is not None:
            data["message_thread_id"] = self.message_thread_id
        if with_reply and self.reply_to is not None:
            data["reply_to_message"] = self.reply_to.to_dict(with_reply=False)
        if self.edit_date is not None:
            data["edit_date"] = self.edit_date
        if self.media_group_id is not None:
            data["media_group_id"] = self.media_group_id
        if self.text is not None:
            data["text"] = self.text
            if self.entities:
                data["entities"] = self.entities
        if self.photo is not None:
            data["photo"] = self.photo
        if self.document is not None:
            data["document"] = self.document
        if self.caption is not None:
            data["caption"] = self.caption
            if self.caption_entities:
                data["caption_entities"] = self.caption_entities
        data.update(self.extra)
        if self.reply_markup is not None and "inline_keyboard" in self.reply_markup:
            data["reply_markup"] = self.reply_markup
        return data


@dataclass
class Call:
    """One HTTP request the bot made to the fake."""

    method: str
    params: dict[str, Any]
    at: float
    status: int = 0
    result_or_error: Any = None


@dataclass
class StoredFile:
    """A file known to the fake, downloadable via getFile."""

    file_id: str
    file_unique_id: str
    data: bytes
    kind: str
    extension: str
    size: int
    file_path: str | None = None


@dataclass
class CallbackQuery:
    """A callback query created by a button press."""

    id: str
    user: User
    message: Message
    data: str
    at: float
    answered: bool = False
