"""The fake Telegram world: users, chats, messages, files and the bot's update queue."""

from __future__ import annotations

import asyncio
import itertools
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from fakebotapi.limits import FloodControl, FloodRefusal, Limits, utf16_len
from fakebotapi.media import FileStore
from fakebotapi.models import Call, CallbackQuery, Chat, Message, User

DEFAULT_UPDATES = (
    "message",
    "edited_message",
    "channel_post",
    "edited_channel_post",
    "business_connection",
    "business_message",
    "edited_business_message",
    "deleted_business_messages",
    "inline_query",
    "chosen_inline_result",
    "callback_query",
    "shipping_query",
    "pre_checkout_query",
    "purchased_paid_media",
    "poll",
    "poll_answer",
    "my_chat_member",
    "chat_join_request",
    "chat_boost",
    "removed_chat_boost",
)
_COMMAND_RE = re.compile(r"^/([A-Za-z0-9_]{1,32})(@[A-Za-z0-9_]{3,32})?")
_MENTION_RE = re.compile(r"(?<![\w@])@([A-Za-z0-9_]{4,32})")


ANONYMOUS_ADMIN_ID = 1087968824
"""The user id Telegram gives messages of anonymous group admins (GroupAnonymousBot)."""


@dataclass
class QueuedUpdate:
    """An update waiting for the bot to confirm it."""

    update_id: int
    kind: str
    payload: dict[str, Any]
    delivered: bool = False
    forced: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The Bot API Update object."""
        return {"update_id": self.update_id, self.kind: self.payload}


class World:
    """All state of the fake Telegram plus the actions users can take."""

    def __init__(self, token: str, bot_username: str, bot_name: str) -> None:
        """Create an empty world with the bot as user id taken from the token."""
        self.token = token
        bot_id = int(token.split(":", 1)[0]) if token.split(":", 1)[0].isdigit() else 123456
        self.bot = User(bot_id, bot_name, username=bot_username, is_bot=True)
        self.privacy_mode = True
        self.limits = Limits()
        self.flood = FloodControl(self.limits)
        self.files = FileStore()
        self.users: dict[int, User] = {}
        self.chats: dict[int, Chat] = {}
        self.started: set[int] = set()
        self.blocked: set[int] = set()
        self.time_offset = 0.0
        self._user_ids = itertools.count(1001)
        self._group_ids = itertools.count(4000000001)
        self._supergroup_ids = itertools.count(1001000000001)
        self._update_ids = itertools.count(100000001)
        self._callback_ids = itertools.count(1)
        self._media_groups = itertools.count(13000000000000001)
        self.pending: list[QueuedUpdate] = []
        self.history: dict[int, QueuedUpdate] = {}
        self.allowed_updates: list[str] | None = None
        self.confirmed_update_id = 0
        self.callbacks: dict[str, CallbackQuery] = {}
        self.reactions: dict[tuple[int, int], list[str]] = {}
        self.callback_answers: dict[str, dict[str, Any] | None] = {}
        self.calls: list[Call] = []
        self.commands: dict[tuple[str, str], list[dict[str, str]]] = {}
        self.descriptions: dict[str, str] = {}
        self.chat_actions: list[tuple[int, str]] = []
        self.uploaded_photo_count = 0
        self.flood_refusals: list[FloodRefusal] = []
        self.photo_sets: dict[str, list[dict[str, Any]]] = {}
        self._waiters: set[asyncio.Future[None]] = set()

    # ----- clock -------------------------------------------------------------
    def now(self) -> float:
        """Monotonic clock, shifted by advance_time."""
        return time.monotonic() + self.time_offset

    def unix_now(self) -> int:
        """Unix time for message dates, shifted by advance_time."""
        return int(time.time() + self.time_offset)

    def advance_time(self, seconds: float) -> None:
        """Pretend `seconds` passed (ages callback queries, frees flood windows)."""
        self.time_offset += seconds

    # ----- people and chats --------------------------------------------------
    def user(
        self,
        first_name: str,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "en",
    ) -> User:
        """Create a user with the next id (from 1001)."""
        user = User(next(self._user_ids), first_name, last_name, username, language_code)
        self.users[user.id] = user
        return user

    def private_chat(self, user: User) -> Chat:
        """The private chat between `user` and the bot (id == user id)."""
        chat = self.chats.get(user.id)
        if chat is None:
            chat = Chat(id=user.id, type="private", user=user, members=[user])
            self.chats[user.id] = chat
        return chat

    def group(
        self,
        title: str,
        members: Sequence[User] = (),
        bot_is_admin: bool = False,
        bot_can_pin: bool = False,
        creator: User | None = None,
        bot_member: bool = True,
    ) -> Chat:
        """A basic group (negative id) the bot is in; creating it emits no updates."""
        chat = Chat(
            id=-next(self._group_ids),
            type="group",
            title=title,
            members=list(members),
            creator=creator or (members[0] if members else None),
            bot_status=("administrator" if bot_is_admin else "member") if bot_member else "left",
            bot_is_admin=bot_is_admin,
            bot_can_pin=bot_can_pin,
        )
        self.chats[chat.id] = chat
        return chat

    def set_available_reactions(self, chat: Chat, emoji: Sequence[str] | None) -> None:
        """Restrict the reactions allowed in a chat (None = all)."""
        chat.available_reactions = list(emoji) if emoji is not None else None

    def block_bot(self, user: User) -> None:
        """The user blocks the bot: sending to them fails with 403."""
        self.blocked.add(user.id)

    # ----- update queue ------------------------------------------------------
    def _allowed(self, kind: str) -> bool:
        """Whether the bot's allowed_updates setting lets this update type through."""
        if not self.allowed_updates:
            return kind in DEFAULT_UPDATES
        return kind in self.allowed_updates

    def queue(self, kind: str, payload: dict[str, Any], sender: User | None = None) -> int | None:
        """Queue an update for the bot; return its update_id (None if not allowed)."""
        if not self._allowed(kind):
            return None
        update = QueuedUpdate(next(self._update_ids), kind, payload)
        self.pending.append(update)
        self.history[update.update_id] = update
        self._wake()
        return update.update_id

    def redeliver(self, update_id: int) -> None:
        """Queue the exact same update (same update_id) again."""
        original = self.history[update_id]
        again = QueuedUpdate(original.update_id, original.kind, original.payload, forced=True)
        self.pending.append(again)
        self._wake()

    def _wake(self) -> None:
        """Wake long-polling getUpdates requests."""
        for waiter in list(self._waiters):
            if not waiter.done():
                waiter.set_result(None)
        self._waiters.clear()

    def waiter(self) -> asyncio.Future[None]:
        """A future resolved when the next update is queued."""
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.add(future)
        return future

    def drop_waiter(self, future: asyncio.Future[None]) -> None:
        """Forget a waiter whose long poll ended."""
        self._waiters.discard(future)
        future.cancel()

    def confirm(self, offset: int) -> None:
        """Apply a getUpdates offset: drop updates below it."""
        if offset < 0:
            keep = self.pending[offset:]
            self.pending = keep
            return
        self.confirmed_update_id = max(self.confirmed_update_id, offset - 1)
        self.pending = [
            u for u in self.pending if u.update_id >= offset or (u.forced and not u.delivered)
        ]

    def take(self, limit: int) -> list[QueuedUpdate]:
        """Updates to answer a getUpdates with (they stay until confirmed)."""
        chosen = [u for u in self.pending if self._allowed(u.kind)][:limit]
        for update in chosen:
            update.delivered = True
        return chosen

    def all_fetched(self) -> bool:
        """True when every queued update was handed out by getUpdates."""
        return all(u.delivered for u in self.pending)

    # ----- message creation --------------------------------------------------
    def new_message(self, chat: Chat, sender: User, **fields: Any) -> Message:
        """Create a message in a chat with the next message_id."""
        message = Message(
            message_id=chat.next_message_id, chat=chat, from_user=sender, date=self.unix_now()
        )
        for key, value in fields.items():
            setattr(message, key, value)
        chat.next_message_id += 1
        chat.messages[message.message_id] = message
        return message

    def bot_in(self, chat: Chat) -> bool:
        """Whether the bot is currently in the chat."""
        return chat.type == "private" or chat.bot_status in ("member", "administrator")

    def bot_sees(self, message: Message) -> bool:
        """Privacy mode rules: would the bot receive this message?"""
        chat = message.chat
        if chat.type == "private":
            return message.from_user.id not in self.blocked
        if not self.bot_in(chat):
            return False
        if not self.privacy_mode or chat.bot_is_admin or message.is_service:
            return True
        if message.reply_to is not None and message.reply_to.from_user.id == self.bot.id:
            return True
        entities = message.entities if message.text is not None else message.caption_entities
        body = message.text if message.text is not None else (message.caption or "")
        username = (self.bot.username or "").lower()
        for entity in entities:
            piece = body.encode("utf-16-le")[
                entity["offset"] * 2 : (entity["offset"] + entity["length"]) * 2
            ].decode("utf-16-le")
            addressee = piece.split("@", 1)[1].lower() if "@" in piece else username
            if entity["type"] == "bot_command" and entity["offset"] == 0 and addressee == username:
                return True
            if entity["type"] == "mention" and piece[1:].lower() == username:
                return True
        return False

    def detect_entities(self, text: str) -> list[dict[str, Any]]:
        """bot_command and mention entities Telegram adds to a user's text."""
        entities: list[dict[str, Any]] = []
        match = _COMMAND_RE.match(text)
        if match:
            entities.append({"type": "bot_command", "offset": 0, "length": utf16_len(match[0])})
        for found in _MENTION_RE.finditer(text):
            entities.append(
                {
                    "type": "mention",
                    "offset": utf16_len(text[: found.start()]),
                    "length": utf16_len(found[0]),
                }
            )
        return entities

    def _deliver(self, message: Message, kind: str = "message") -> Message:
        """Queue the message as an update if the bot would see it."""
        if message.chat.type == "private" and kind == "message":
            self.started.add(message.from_user.id)
        if self.bot_sees(message):
            self.queue(kind, message.to_dict(), sender=message.from_user)
        return message

    def _user_post(
        self, user: User, chat: Chat, reply_to: Message | None, **fields: Any
    ) -> Message:
        """Create a user's message in a chat and deliver it."""
        if chat.is_group and all(m.id != user.id for m in chat.members):
            chat.members.append(user)
        message = self.new_message(chat, user, reply_to=reply_to, **fields)
        return self._deliver(message)

    # ----- what users do -----------------------------------------------------
    def send_text(
        self, user: User, chat: Chat, text: str, reply_to: Message | None = None
    ) -> Message:
        """A user sends a text message."""
        return self._user_post(user, chat, reply_to, text=text, entities=self.detect_entities(text))

    def send_text_anonymously(
        self, chat: Chat, text: str, reply_to: Message | None = None
    ) -> Message:
        """An admin with "Remain anonymous" on writes: Telegram sends it as the group itself."""
        anonymous = User(ANONYMOUS_ADMIN_ID, "Group", username="GroupAnonymousBot", is_bot=True)
        message = self.new_message(
            chat,
            anonymous,
            reply_to=reply_to,
            text=text,
            entities=self.detect_entities(text),
            extra={"sender_chat": chat.to_dict()},
        )
        return self._deliver(message)

    def send_photo(
        self,
        user: User,
        chat: Chat,
        caption: str | None = None,
        reply_to: Message | None = None,
        media_group_id: str | None = None,
        width: int = 1280,
        height: int = 960,
    ) -> Message:
        """A user sends a photo (three sizes of a real JPEG)."""
        photo = self.files.photo_sizes(None, width, height)
        return self._user_post(
            user,
            chat,
            reply_to,
            photo=photo,
            caption=caption,
            caption_entities=self.detect_entities(caption) if caption else [],
            media_group_id=media_group_id,
        )

    def send_album(
        self,
        user: User,
        chat: Chat,
        count: int = 3,
        caption: str | None = None,
        reply_to: Message | None = None,
    ) -> list[Message]:
        """A user sends `count` photos as one album (caption on the first)."""
        group_id = str(next(self._media_groups))
        return [
            self.send_photo(
                user,
                chat,
                caption=caption if index == 0 else None,
                reply_to=reply_to,
                media_group_id=group_id,
            )
            for index in range(count)
        ]

    def send_document(
        self,
        user: User,
        chat: Chat,
        filename: str,
        content: bytes,
        mime_type: str = "text/csv",
        caption: str | None = None,
        reply_to: Message | None = None,
        file_size: int | None = None,
    ) -> Message:
        """A user sends a file; `file_size` may pretend a bigger size."""
        extension = filename.rsplit(".", 1)[-1] if "." in filename else "bin"
        stored = self.files.add(content, "documents", extension, size=file_size)
        document = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_name": filename,
            "mime_type": mime_type,
            "file_size": stored.size,
        }
        return self._user_post(
            user,
            chat,
            reply_to,
            document=document,
            caption=caption,
            caption_entities=self.detect_entities(caption) if caption else [],
        )

    def _send_extra(
        self, user: User, chat: Chat, reply_to: Message | None, key: str, value: Any
    ) -> Message:
        """A user sends a message whose content is one extra field."""
        return self._user_post(user, chat, reply_to, extra={key: value})

    def _file_obj(self, kind: str, extension: str, **fields: Any) -> dict[str, Any]:
        """A stored dummy file described as a Bot API file object."""
        stored = self.files.add(b"fake-" + kind.encode(), kind, extension)
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": stored.size,
            **fields,
        }

    def send_sticker(self, user: User, chat: Chat, reply_to: Message | None = None) -> Message:
        """A user sends a sticker."""
        sticker = self._file_obj(
            "stickers",
            "webp",
            type="regular",
            width=512,
            height=512,
            is_animated=False,
            is_video=False,
            emoji="👍",
        )
        return self._send_extra(user, chat, reply_to, "sticker", sticker)

    def send_voice(self, user: User, chat: Chat, reply_to: Message | None = None) -> Message:
        """A user sends a voice note."""
        voice = self._file_obj("voice", "oga", duration=3, mime_type="audio/ogg")
        return self._send_extra(user, chat, reply_to, "voice", voice)

    def send_video(self, user: User, chat: Chat, reply_to: Message | None = None) -> Message:
        """A user sends a video."""
        video = self._file_obj(
            "videos", "mp4", width=640, height=360, duration=5, mime_type="video/mp4"
        )
        return self._send_extra(user, chat, reply_to, "video", video)

    def send_location(self, user: User, chat: Chat, reply_to: Message | None = None) -> Message:
        """A user shares a location."""
        location = {"latitude": 27.7172, "longitude": 85.324}
        return self._send_extra(user, chat, reply_to, "location", location)

    def send_contact(self, user: User, chat: Chat, reply_to: Message | None = None) -> Message:
        """A user shares a contact."""
        contact = {"phone_number": "+9779800000000", "first_name": "Contact", "user_id": 999}
        return self._send_extra(user, chat, reply_to, "contact", contact)

    def send_poll(self, user: User, chat: Chat, reply_to: Message | None = None) -> Message:
        """A user sends a poll."""
        poll = {
            "id": f"poll{chat.next_message_id}",
            "question": "Which day?",
            "options": [
                {"text": "Mon", "voter_count": 0, "persistent_id": "0"},
                {"text": "Tue", "voter_count": 0, "persistent_id": "1"},
            ],
            "total_voter_count": 0,
            "is_closed": False,
            "is_anonymous": True,
            "type": "regular",
            "allows_multiple_answers": False,
            "allows_revoting": True,
            "members_only": False,
        }
        return self._send_extra(user, chat, reply_to, "poll", poll)

    def send_dice(self, user: User, chat: Chat, reply_to: Message | None = None) -> Message:
        """A user throws a dice."""
        return self._send_extra(user, chat, reply_to, "dice", {"emoji": "🎲", "value": 4})

    def edit_text(self, user: User, message: Message, new_text: str) -> Message:
        """A user edits their text message (edited_message update)."""
        message.text = new_text
        message.entities = self.detect_entities(new_text)
        return self._edited(message)

    def edit_caption(self, user: User, message: Message, new_caption: str) -> Message:
        """A user edits the caption of their media message."""
        message.caption = new_caption
        message.caption_entities = self.detect_entities(new_caption)
        return self._edited(message)

    def _edited(self, message: Message) -> Message:
        """Mark a message edited and deliver an edited_message update."""
        message.edit_date = self.unix_now()
        message.edit_count += 1
        if self.bot_sees(message):
            self.queue("edited_message", message.to_dict(), sender=message.from_user)
        return message

    def press_button(self, user: User, message: Message, callback_data: str) -> str:
        """A user presses an inline button; returns the callback query id."""
        query_id = f"{4000000000000000000 + next(self._callback_ids)}"
        self.callbacks[query_id] = CallbackQuery(query_id, user, message, callback_data, self.now())
        self.callback_answers[query_id] = None
        payload = {
            "id": query_id,
            "from": user.to_dict(),
            "message": message.to_dict(),
            "chat_instance": str(abs(message.chat.id) * 7919 % 10**18),
            "data": callback_data,
        }
        self.queue("callback_query", payload, sender=user)
        return query_id

    def _member_update(
        self, kind: str, chat: Chat, by: User, subject: User, old: str, new: str
    ) -> None:
        """Queue a chat_member / my_chat_member update."""

        def member(status: str) -> dict[str, Any]:
            data: dict[str, Any] = {"status": status, "user": subject.to_dict()}
            if status == "kicked":
                data["until_date"] = 0
            if status == "administrator":
                data.update(_admin_rights(chat.bot_can_pin))
            return data

        payload = {
            "chat": chat.to_dict(),
            "from": by.to_dict(),
            "date": self.unix_now(),
            "old_chat_member": member(old),
            "new_chat_member": member(new),
        }
        self.queue(kind, payload, sender=by)

    def join(self, user: User, chat: Chat) -> Message:
        """A user joins a group: new_chat_members service message (+ chat_member update)."""
        if all(m.id != user.id for m in chat.members):
            chat.members.append(user)
        message = self.new_message(chat, user, extra={"new_chat_members": [user.to_dict()]})
        self._deliver(message)
        if self.bot_in(chat):
            self._member_update("chat_member", chat, user, user, "left", "member")
        return message

    def leave(self, user: User, chat: Chat) -> Message:
        """A user leaves a group: left_chat_member service message (+ chat_member update)."""
        chat.members = [m for m in chat.members if m.id != user.id]
        message = self.new_message(chat, user, extra={"left_chat_member": user.to_dict()})
        self._deliver(message)
        if self.bot_in(chat):
            self._member_update("chat_member", chat, user, user, "member", "left")
        return message

    def add_bot_to_group(self, chat: Chat, by: User) -> Message:
        """Someone adds the bot: my_chat_member update + new_chat_members message."""
        old = chat.bot_status
        chat.bot_status = "administrator" if chat.bot_is_admin else "member"
        self._member_update("my_chat_member", chat, by, self.bot, old, chat.bot_status)
        message = self.new_message(chat, by, extra={"new_chat_members": [self.bot.to_dict()]})
        return self._deliver(message)

    def remove_bot_from_group(self, chat: Chat, by: User) -> None:
        """Someone removes the bot: my_chat_member update; sending then fails 403."""
        old = chat.bot_status
        chat.bot_status = "kicked"
        self._member_update("my_chat_member", chat, by, self.bot, old, "kicked")
        self.new_message(chat, by, extra={"left_chat_member": self.bot.to_dict()})

    def migrate_to_supergroup(self, chat: Chat) -> Chat:
        """Upgrade a group to a supergroup; the old id stops working."""
        new = Chat(
            id=-next(self._supergroup_ids),
            type="supergroup",
            title=chat.title,
            members=list(chat.members),
            creator=chat.creator,
            bot_status=chat.bot_status,
            bot_is_admin=chat.bot_is_admin,
            bot_can_pin=chat.bot_can_pin,
            available_reactions=chat.available_reactions,
        )
        self.chats[new.id] = new
        actor = chat.creator or (chat.members[0] if chat.members else self.bot)
        old_msg = self.new_message(chat, actor, extra={"migrate_to_chat_id": new.id})
        self._deliver(old_msg)
        chat.migrated_to = new.id
        new_msg = self.new_message(new, actor, extra={"migrate_from_chat_id": chat.id})
        self._deliver(new_msg)
        return new

    # ----- observing ---------------------------------------------------------
    def chat_messages(self, chat: Chat) -> list[Message]:
        """All messages in the chat, in order, as they look now."""
        current = self.chats.get(chat.id, chat)
        return [m for m in current.messages.values() if not m.deleted]

    def bot_messages(self, chat: Chat) -> list[Message]:
        """Only the bot's own (non-service) messages in the chat."""
        return [
            m
            for m in self.chat_messages(chat)
            if m.from_user.id == self.bot.id and not m.is_service
        ]


def _admin_rights(can_pin: bool) -> dict[str, Any]:
    """ChatMemberAdministrator flags."""
    flags = (
        "can_manage_chat",
        "can_delete_messages",
        "can_manage_video_chats",
        "can_restrict_members",
        "can_change_info",
        "can_invite_users",
        "can_post_stories",
        "can_edit_stories",
        "can_delete_stories",
    )
    data: dict[str, Any] = dict.fromkeys(flags, True)
    data.update(
        can_be_edited=False, is_anonymous=False, can_promote_members=False, can_pin_messages=can_pin
    )
    return data


admin_rights = _admin_rights
