"""Bot API methods: one function per method, working on the World."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from telegram.constants import ReactionEmoji

from fakebotapi.errors import ApiError
from fakebotapi.limits import (
    MAX_CALLBACK_ANSWER,
    FloodRefusal,
    check_reply_markup,
    format_text,
)
from fakebotapi.media import MAX_DOWNLOAD, image_size
from fakebotapi.models import Chat, Message, User
from fakebotapi.world import World, admin_rights

ALLOWED_REACTIONS = frozenset(str(e.value) for e in ReactionEmoji)
CALLBACK_MAX_AGE = 15 * 60
UploadedFile = tuple[str, bytes, str]


@dataclass
class Params:
    """The request's form fields (strings, JSON for nested values) and uploaded files."""

    raw: dict[str, str]
    files: dict[str, UploadedFile] = field(default_factory=dict)

    def get(self, name: str) -> str | None:
        """A string parameter."""
        return self.raw.get(name)

    def need(self, name: str) -> str:
        """A required string parameter."""
        value = self.raw.get(name)
        if value is None or value == "":
            raise ApiError(400, f"Bad Request: {name} is empty")
        return value

    def get_int(self, name: str) -> int | None:
        """An integer parameter."""
        value = self.raw.get(name)
        if value is None or value == "":
            return None
        try:
            return int(value)
        except ValueError as exc:
            raise ApiError(400, f"Bad Request: invalid {name} specified") from exc

    def need_int(self, name: str) -> int:
        """A required integer parameter."""
        value = self.get_int(name)
        if value is None:
            raise ApiError(400, f"Bad Request: {name} is empty")
        return value

    def flag(self, name: str) -> bool:
        """A boolean parameter (absent = False)."""
        return (self.raw.get(name) or "").lower() in ("true", "1")

    def obj(self, name: str) -> Any:
        """A JSON-encoded parameter (None if absent)."""
        value = self.raw.get(name)
        if value is None or value == "":
            return None
        try:
            return json.loads(value)
        except ValueError as exc:
            raise ApiError(400, f"Bad Request: can't parse {name} JSON object") from exc


Method = Callable[[World, Params], Any]
METHODS: dict[str, Method] = {}
MESSAGE_METHODS = {
    "sendmessage",
    "sendphoto",
    "senddocument",
    "sendmediagroup",
    "editmessagetext",
    "editmessagecaption",
    "editmessagereplymarkup",
}


def method(name: str) -> Callable[[Method], Method]:
    """Register a Bot API method implementation under its (case-insensitive) name."""

    def register(func: Method) -> Method:
        METHODS[name.lower()] = func
        return func

    return register


# ----- helpers ---------------------------------------------------------------
def find_chat(world: World, p: Params, sending: bool = True) -> Chat:
    """Resolve chat_id like Telegram, raising its errors for gone or forbidden chats."""
    raw = p.need("chat_id")
    try:
        chat_id = int(raw)
    except ValueError as exc:
        raise ApiError(400, "Bad Request: chat not found") from exc
    chat = world.chats.get(chat_id)
    if chat is None and chat_id in world.users:
        chat = world.private_chat(world.users[chat_id])
    if chat is None:
        raise ApiError(400, "Bad Request: chat not found")
    if chat.migrated_to is not None:
        raise ApiError(
            400,
            "Bad Request: group chat was upgraded to a supergroup chat",
            {"migrate_to_chat_id": chat.migrated_to},
        )
    if not sending:
        return chat
    if chat.type == "private":
        if chat.id in world.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        if chat.id not in world.started:
            raise ApiError(403, "Forbidden: bot can't initiate conversation with a user")
    elif chat.bot_status == "kicked":
        raise ApiError(403, f"Forbidden: bot was kicked from the {chat.type} chat")
    elif chat.bot_status == "left":
        raise ApiError(403, f"Forbidden: bot is not a member of the {chat.type} chat")
    return chat


def find_reply(world: World, chat: Chat, p: Params) -> Message | None:
    """The message being replied to, per reply_parameters / reply_to_message_id."""
    params = p.obj("reply_parameters")
    allow = p.flag("allow_sending_without_reply")
    reply_id: int | None = None
    if isinstance(params, dict):
        reply_id = params.get("message_id")
        allow = allow or bool(params.get("allow_sending_without_reply"))
        if params.get("chat_id") not in (None, chat.id, str(chat.id)):
            other = world.chats.get(int(params["chat_id"]))
            if other is None:
                raise ApiError(400, "Bad Request: chat not found")
            chat = other
    else:
        reply_id = p.get_int("reply_to_message_id")
    if reply_id is None:
        return None
    target = chat.messages.get(int(reply_id))
    if target is None or target.deleted:
        if allow:
            return None
        raise ApiError(400, "Bad Request: message to be replied not found")
    return target


def check_flood(world: World, chat: Chat, method_name: str, count: int = 1) -> None:
    """Apply flood limits for a message-creating/editing call."""
    refused = world.flood.check(chat.id, chat.is_group, count, world.now())
    if refused is None:
        return
    retry_after, reason = refused
    world.flood_refusals.append(
        FloodRefusal(method_name, chat.id, retry_after, reason, world.now())
    )
    raise ApiError(
        429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after}
    )


def reply_markup(p: Params) -> dict[str, Any] | None:
    """The validated reply_markup parameter."""
    markup = p.obj("reply_markup")
    check_reply_markup(markup)
    return markup if isinstance(markup, dict) else None


def bot_message(world: World, chat: Chat, p: Params, **fields: Any) -> Message:
    """Create a message from the bot in the chat."""
    return world.new_message(
        chat,
        world.bot,
        reply_markup=reply_markup(p),
        message_thread_id=p.get_int("message_thread_id"),
        **fields,
    )


def target_message(world: World, p: Params, missing: str) -> tuple[Chat, Message]:
    """The chat and message named by chat_id + message_id."""
    if p.get("inline_message_id"):
        raise ApiError(400, "Bad Request: inline messages are not supported by this fake")
    chat = find_chat(world, p)
    message = chat.messages.get(p.need_int("message_id"))
    if message is None or message.deleted:
        raise ApiError(400, f"Bad Request: {missing}")
    return chat, message


def caption_fields(p: Params) -> dict[str, Any]:
    """caption / caption_entities / caption_html fields for a media message."""
    caption = p.get("caption")
    if caption is None:
        return {}
    plain, entities = format_text(caption, p.get("parse_mode"), caption=True)
    return {"caption": plain, "caption_entities": entities, "caption_html": caption}


def photo_from(world: World, value: str | None, upload: Any) -> list[dict[str, Any]]:
    """PhotoSize list for an uploaded file or a known file_id."""
    if upload is not None:
        _name, data, _mime = upload
        size = image_size(data) or (1280, 960)
        sizes: list[dict[str, Any]] = world.files.photo_sizes(data, size[0], size[1])
        world.uploaded_photo_count += 1
        for item in sizes:
            world.photo_sets[str(item["file_id"])] = sizes
        return sizes
    if not value:
        raise ApiError(400, "Bad Request: there is no photo in the request")
    if value in world.photo_sets:
        return world.photo_sets[value]
    if value.startswith(("http://", "https://")):
        raise ApiError(400, "Bad Request: failed to get HTTP URL content")
    raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")


def document_from(world: World, value: str | None, upload: Any) -> dict[str, Any]:
    """Document dict for an uploaded file or a known file_id."""
    if upload is not None:
        name, data, mime = upload
        extension = name.rsplit(".", 1)[-1] if "." in name else "bin"
        stored = world.files.add(data, "documents", extension)
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_name": name,
            "mime_type": mime or "application/octet-stream",
            "file_size": stored.size,
        }
    stored_known = world.files.by_id.get(value or "")
    if stored_known is None:
        raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
    return {
        "file_id": stored_known.file_id,
        "file_unique_id": stored_known.file_unique_id,
        "file_size": stored_known.size,
    }


# ----- bot identity and updates ----------------------------------------------
@method("getMe")
def get_me(world: World, p: Params) -> Any:
    """The bot's own User object."""
    data = world.bot.to_dict()
    data.update(
        can_join_groups=True,
        can_read_all_group_messages=not world.privacy_mode,
        supports_inline_queries=False,
        can_connect_to_business=False,
        has_main_web_app=False,
    )
    return data


@method("deleteWebhook")
def delete_webhook(world: World, p: Params) -> Any:
    """No webhook is ever set; optionally drop pending updates."""
    if p.flag("drop_pending_updates"):
        world.pending = [u for u in world.pending if u.forced]
    return True


@method("getWebhookInfo")
def get_webhook_info(world: World, p: Params) -> Any:
    """Webhook info: none set."""
    return {"url": "", "has_custom_certificate": False, "pending_update_count": len(world.pending)}


def _scope_key(p: Params) -> tuple[str, str]:
    """(scope type, language_code) for the command methods."""
    scope = p.obj("scope") or {"type": "default"}
    return str(scope.get("type", "default")), p.get("language_code") or ""


@method("setMyCommands")
def set_my_commands(world: World, p: Params) -> Any:
    """Register the command list for a scope and language."""
    commands = p.obj("commands")
    if not isinstance(commands, list):
        raise ApiError(400, "Bad Request: commands is empty")
    for command in commands:
        name = str(command.get("command", ""))
        if not (1 <= len(name) <= 32) or not all(
            c.islower() or c.isdigit() or c == "_" for c in name
        ):
            raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
        if not 1 <= len(str(command.get("description", ""))) <= 256:
            raise ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
    world.commands[_scope_key(p)] = commands
    return True


@method("deleteMyCommands")
def delete_my_commands(world: World, p: Params) -> Any:
    """Remove the command list of a scope and language."""
    world.commands.pop(_scope_key(p), None)
    return True


@method("getMyCommands")
def get_my_commands(world: World, p: Params) -> Any:
    """The command list of a scope and language."""
    return world.commands.get(_scope_key(p), [])


def _store_text(kind: str) -> Method:
    """A setter method storing a text profile field."""

    def setter(world: World, p: Params) -> Any:
        """Store the value."""
        world.descriptions[kind] = p.get(kind) or ""
        return True

    return setter


method("setMyDescription")(_store_text("description"))
method("setMyShortDescription")(_store_text("short_description"))
method("setMyName")(_store_text("name"))
method("setChatMenuButton")(lambda world, p: True)


@method("getMyDescription")
def get_my_description(world: World, p: Params) -> Any:
    """The stored description."""
    return {"description": world.descriptions.get("description", "")}


# ----- sending ---------------------------------------------------------------
@method("sendMessage")
def send_message(world: World, p: Params) -> Any:
    """Send a text message."""
    chat = find_chat(world, p)
    text = p.get("text") or ""
    plain, entities = format_text(text, p.get("parse_mode"))
    check_reply_markup(p.obj("reply_markup"))
    reply = find_reply(world, chat, p)
    check_flood(world, chat, "sendMessage")
    html = text if (p.get("parse_mode") or "").lower() == "html" else None
    msg = bot_message(world, chat, p, text=plain, entities=entities, html=html, reply_to=reply)
    return msg.to_dict()


@method("sendPhoto")
def send_photo(world: World, p: Params) -> Any:
    """Send a photo (uploaded bytes or a known file_id)."""
    chat = find_chat(world, p)
    captions = caption_fields(p)
    check_reply_markup(p.obj("reply_markup"))
    reply = find_reply(world, chat, p)
    upload = p.files.get("photo")
    photo = photo_from(world, p.get("photo"), upload) if upload is None else None
    check_flood(world, chat, "sendPhoto")
    if photo is None:
        photo = photo_from(world, None, upload)
    msg = bot_message(world, chat, p, photo=photo, reply_to=reply, **captions)
    return msg.to_dict()


@method("sendDocument")
def send_document(world: World, p: Params) -> Any:
    """Send a document (uploaded bytes or a known file_id)."""
    chat = find_chat(world, p)
    captions = caption_fields(p)
    check_reply_markup(p.obj("reply_markup"))
    reply = find_reply(world, chat, p)
    upload = p.files.get("document")
    if upload is None:
        document_from(world, p.get("document"), None)
    check_flood(world, chat, "sendDocument")
    document = document_from(world, p.get("document"), upload)
    msg = bot_message(world, chat, p, document=document, reply_to=reply, **captions)
    return msg.to_dict()


@method("sendMediaGroup")
def send_media_group(world: World, p: Params) -> Any:
    """Send an album of photos/documents sharing one media_group_id."""
    chat = find_chat(world, p)
    media = p.obj("media")
    if not isinstance(media, list) or not 2 <= len(media) <= 10:
        raise ApiError(400, "Bad Request: wrong number of media items")
    prepared: list[tuple[dict[str, Any], Any, dict[str, Any]]] = []
    for item in media:
        ref = str(item.get("media", ""))
        upload = p.files.get(ref[len("attach://") :]) if ref.startswith("attach://") else None
        if ref.startswith("attach://") and upload is None:
            raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
        caption = item.get("caption")
        captions: dict[str, Any] = {}
        if caption is not None:
            plain, entities = format_text(caption, item.get("parse_mode"), caption=True)
            captions = {"caption": plain, "caption_entities": entities, "caption_html": caption}
        if upload is None:
            if item.get("type") == "photo":
                photo_from(world, ref, None)
            else:
                document_from(world, ref, None)
        prepared.append((item, upload, captions))
    reply = find_reply(world, chat, p)
    check_flood(world, chat, "sendMediaGroup", count=len(media))
    group_id = str(next(world._media_groups))
    results = []
    for item, upload, captions in prepared:
        ref = str(item.get("media", ""))
        content: dict[str, Any]
        if item.get("type") == "photo":
            content = {"photo": photo_from(world, ref, upload)}
        else:
            content = {"document": document_from(world, ref, upload)}
        msg = world.new_message(
            chat, world.bot, media_group_id=group_id, reply_to=reply, **content, **captions
        )
        results.append(msg.to_dict())
    return results


@method("sendChatAction")
def send_chat_action(world: World, p: Params) -> Any:
    """Record a chat action (typing, upload_photo, ...)."""
    chat = find_chat(world, p)
    world.chat_actions.append((chat.id, p.need("action")))
    return True


# ----- editing and deleting --------------------------------------------------
def _own_editable(world: World, p: Params) -> tuple[Chat, Message]:
    """The bot's own message to edit, or Telegram's error."""
    chat, message = target_message(world, p, "message to edit not found")
    if message.from_user.id != world.bot.id:
        raise ApiError(400, "Bad Request: message can't be edited")
    return chat, message


_NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)


def _finish_edit(world: World, message: Message) -> Any:
    """Mark a bot message edited and return it."""
    message.edit_date = world.unix_now()
    message.edit_count += 1
    return message.to_dict()


@method("editMessageText")
def edit_message_text(world: World, p: Params) -> Any:
    """Edit the text (and markup; absent markup removes the keyboard)."""
    chat, message = _own_editable(world, p)
    if message.text is None:
        raise ApiError(400, "Bad Request: there is no text in the message to edit")
    plain, entities = format_text(p.get("text") or "", p.get("parse_mode"))
    markup = reply_markup(p)
    if (plain, entities, markup) == (message.text, message.entities, message.reply_markup):
        raise ApiError(400, _NOT_MODIFIED)
    check_flood(world, chat, "editMessageText")
    html = p.get("text") if (p.get("parse_mode") or "").lower() == "html" else None
    message.text, message.entities, message.html = plain, entities, html
    message.reply_markup = markup
    return _finish_edit(world, message)


@method("editMessageCaption")
def edit_message_caption(world: World, p: Params) -> Any:
    """Edit the caption of a media message."""
    chat, message = _own_editable(world, p)
    if message.text is not None:
        raise ApiError(400, "Bad Request: there is no caption in the message to edit")
    captions = caption_fields(p) or {"caption": None, "caption_entities": [], "caption_html": None}
    markup = reply_markup(p)
    current = (message.caption, message.caption_entities, message.reply_markup)
    if (captions["caption"], captions["caption_entities"], markup) == current:
        raise ApiError(400, _NOT_MODIFIED)
    check_flood(world, chat, "editMessageCaption")
    for key, value in captions.items():
        setattr(message, key, value)
    message.reply_markup = markup
    return _finish_edit(world, message)


@method("editMessageReplyMarkup")
def edit_message_reply_markup(world: World, p: Params) -> Any:
    """Replace (or remove) the inline keyboard."""
    chat, message = _own_editable(world, p)
    markup = reply_markup(p)
    if markup == message.reply_markup:
        raise ApiError(400, _NOT_MODIFIED)
    check_flood(world, chat, "editMessageReplyMarkup")
    message.reply_markup = markup
    return _finish_edit(world, message)


@method("deleteMessage")
def delete_message(world: World, p: Params) -> Any:
    """Delete a message (others' messages in groups need admin rights)."""
    chat, message = target_message(world, p, "message to delete not found")
    if chat.is_group and message.from_user.id != world.bot.id and not chat.bot_is_admin:
        raise ApiError(400, "Bad Request: message can't be deleted")
    message.deleted = True
    return True


# ----- callbacks, reactions, pins ---------------------------------------------
@method("answerCallbackQuery")
def answer_callback_query(world: World, p: Params) -> Any:
    """Answer a callback query once, within 15 minutes."""
    query = world.callbacks.get(p.need("callback_query_id"))
    if query is None or query.answered or world.now() - query.at > CALLBACK_MAX_AGE:
        raise ApiError(
            400,
            "Bad Request: query is too old and response timeout expired or query ID is invalid",
        )
    text = p.get("text")
    if text is not None and len(text) > MAX_CALLBACK_ANSWER:
        raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
    query.answered = True
    world.callback_answers[query.id] = {"text": text, "show_alert": p.flag("show_alert")}
    return True


@method("setMessageReaction")
def set_message_reaction(world: World, p: Params) -> Any:
    """Set the bot's reaction (at most one emoji) on a message."""
    chat = find_chat(world, p)
    message_id = p.need_int("message_id")
    message = chat.messages.get(message_id)
    if message is None or message.deleted:
        raise ApiError(400, "Bad Request: MESSAGE_ID_INVALID")
    reaction = p.obj("reaction") or []
    emoji: list[str] = []
    for item in reaction:
        value = item.get("emoji") if isinstance(item, dict) else None
        if item.get("type") != "emoji" or value not in ALLOWED_REACTIONS:
            raise ApiError(400, "Bad Request: REACTION_INVALID")
        if chat.available_reactions is not None and value not in chat.available_reactions:
            raise ApiError(400, "Bad Request: REACTION_INVALID")
        emoji.append(str(value))
    if len(emoji) > 1:
        raise ApiError(400, "Bad Request: REACTIONS_TOO_MANY")
    world.reactions[(chat.id, message_id)] = emoji
    return True


def _check_pin_rights(chat: Chat) -> None:
    """Groups need the bot to be an admin allowed to pin."""
    if chat.is_group and not (chat.bot_is_admin and chat.bot_can_pin):
        raise ApiError(400, "Bad Request: not enough rights to manage pinned messages in the chat")


@method("pinChatMessage")
def pin_chat_message(world: World, p: Params) -> Any:
    """Pin a message; a pinned_message service message appears in the chat."""
    chat = find_chat(world, p)
    _check_pin_rights(chat)
    message = chat.messages.get(p.need_int("message_id"))
    if message is None or message.deleted:
        raise ApiError(400, "Bad Request: message to pin not found")
    message.pinned = True
    world.new_message(chat, world.bot, extra={"pinned_message": message.to_dict(False)})
    return True


@method("unpinChatMessage")
def unpin_chat_message(world: World, p: Params) -> Any:
    """Unpin one message (or the most recent pinned one)."""
    chat = find_chat(world, p)
    _check_pin_rights(chat)
    message_id = p.get_int("message_id")
    pinned = [m for m in chat.messages.values() if m.pinned and not m.deleted]
    if message_id is not None:
        pinned = [m for m in pinned if m.message_id == message_id]
    if not pinned:
        raise ApiError(400, "Bad Request: message to unpin not found")
    pinned[-1].pinned = False
    return True


@method("unpinAllChatMessages")
def unpin_all_chat_messages(world: World, p: Params) -> Any:
    """Unpin every message in the chat."""
    chat = find_chat(world, p)
    _check_pin_rights(chat)
    for message in chat.messages.values():
        message.pinned = False
    return True


# ----- chats and files ----------------------------------------------------------
@method("getChat")
def get_chat(world: World, p: Params) -> Any:
    """Full information about a chat."""
    chat = find_chat(world, p, sending=False)
    data = chat.to_dict()
    data.update(
        accent_color_id=0,
        max_reaction_count=11,
        accepted_gift_types={
            "unlimited_gifts": False,
            "limited_gifts": False,
            "unique_gifts": False,
            "premium_subscription": False,
            "gifts_from_channels": False,
        },
    )
    if chat.available_reactions is not None:
        data["available_reactions"] = [
            {"type": "emoji", "emoji": e} for e in chat.available_reactions
        ]
    pinned = [m for m in chat.messages.values() if m.pinned and not m.deleted]
    if pinned:
        data["pinned_message"] = pinned[-1].to_dict(False)
    return data


@method("getChatMember")
def get_chat_member(world: World, p: Params) -> Any:
    """A user's status in a chat: creator, administrator, member, left or kicked."""
    chat = find_chat(world, p, sending=False)
    user_id = p.need_int("user_id")
    user: User | None = world.bot if user_id == world.bot.id else world.users.get(user_id)
    if user is None:
        raise ApiError(400, "Bad Request: PARTICIPANT_ID_INVALID")
    data: dict[str, Any] = {"user": user.to_dict()}
    if user is world.bot:
        status = chat.bot_status if chat.is_group else "member"
    elif chat.creator is not None and chat.creator.id == user.id:
        status = "creator"
    elif any(m.id == user.id for m in chat.members):
        status = "member"
    else:
        status = "left"
    data["status"] = status
    if status == "creator":
        data["is_anonymous"] = False
    elif status == "administrator":
        data.update(admin_rights(chat.bot_can_pin))
    elif status == "kicked":
        data["until_date"] = 0
    return data


@method("getFile")
def get_file(world: World, p: Params) -> Any:
    """File info with a file_path for download (max 20 MB)."""
    stored = world.files.by_id.get(p.need("file_id"))
    if stored is None:
        raise ApiError(400, "Bad Request: invalid file_id")
    if stored.size > MAX_DOWNLOAD:
        raise ApiError(400, "Bad Request: file is too big")
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": stored.size,
        "file_path": world.files.path_for(stored),
    }
