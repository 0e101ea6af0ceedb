"""`copbot demo`: a whole CoP played against an in-process fake Telegram, printed as a transcript.

No token and no network: a FakeTelegram listens on 127.0.0.1, the real Application polls it
with a throwaway SQLite database, and scripted people create a school, import the sample
observations, link a group and run a CoP in it (privacy mode on, notes as replies to the
bot's prompts). The conversation is printed and written with the charts to ./demo-output/.
"""

from __future__ import annotations

import asyncio
import logging
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from fakebotapi import FakeTelegram
from fakebotapi.models import Chat, Message, User

TOKEN = "123456789:DEMO-token-abcdefghijklmnopqrstuvwxyz"
BOT_USERNAME = "coach_cop_bot"
BOT_NAME = "Coach CoP"
OUTPUT_DIR = Path("demo-output")
SAMPLE_NAME = "observations-sample.csv"
WAIT_SECONDS = 20.0
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def find_sample() -> Path | None:
    """examples/observations-sample.csv next to the package, or under the working directory."""
    for base in (Path(__file__).resolve().parent.parent, Path.cwd()):
        candidate = base / "examples" / SAMPLE_NAME
        if candidate.is_file():
            return candidate
    return None


class Demo:
    """The fake world, the bot and the scripted people."""

    def __init__(self, tg: FakeTelegram) -> None:
        self.tg = tg
        self.notes: list[str] = []
        self.chart_names: dict[str, str] = {}
        self.presses: dict[tuple[int, int], list[str]] = {}
        self.last_label = ""

    # ---- observing -------------------------------------------------------------------------

    def bot_texts(self, chat: Chat) -> list[str]:
        return [m.text or m.caption or "" for m in self.tg.bot_messages(chat)]

    async def until(self, what: str, check: Callable[[], bool]) -> None:
        try:
            await self.tg.wait_for(check, timeout=WAIT_SECONDS)
        except (TimeoutError, AssertionError) as error:
            raise RuntimeError(f"the bot did not show {what!r} in time") from error

    async def shows(self, chat: Chat, fragment: str, *, last: int = 2) -> str:
        """Wait until one of the bot's newest messages in the chat contains the fragment."""
        await self.until(fragment, lambda: any(fragment in t for t in self.bot_texts(chat)[-last:]))
        return next(t for t in reversed(self.bot_texts(chat)) if fragment in t)

    def button(self, chat: Chat, label: str) -> tuple[Message, str]:
        for message in reversed(self.tg.bot_messages(chat)):
            for row in (message.reply_markup or {}).get("inline_keyboard", []):
                for button in row:
                    if label.lower() in str(button["text"]).lower():
                        self.last_label = str(button["text"])
                        return message, str(button["callback_data"])
        raise RuntimeError(f"no button {label!r} in the chat")

    def prompt(self, chat: Chat) -> Message:
        for message in reversed(self.tg.bot_messages(chat)):
            if message.reply_markup and message.reply_markup.get("force_reply"):
                return message
        raise RuntimeError("the bot has no prompt to reply to")

    # ---- acting ----------------------------------------------------------------------------

    async def say(self, user: User, chat: Chat, text: str, expect: str) -> str:
        before = len(self.tg.bot_messages(chat))
        self.tg.send_text(user, chat, text)
        await self.until(expect, lambda: len(self.tg.bot_messages(chat)) > before)
        return await self.shows(chat, expect, last=len(self.tg.bot_messages(chat)) - before + 1)

    async def press(self, user: User, chat: Chat, label: str) -> None:
        message, data = self.button(chat, label)
        query = self.tg.press_button(user, message, data)
        pressed = f"{_name(user)} pressed [ {self.last_label} ]"
        self.presses.setdefault((chat.id, message.message_id), []).append(pressed)
        await self.until(
            f"answer to {label}", lambda: self.tg.callback_answers.get(query) is not None
        )
        await self.tg.settle(quiet=0.2)

    def acknowledged(self, message: Message) -> bool:
        return bool(self.tg.reactions.get((message.chat.id, message.message_id)))

    async def note(self, user: User, group: Chat, text: str) -> None:
        message = self.tg.send_text(user, group, text, reply_to=self.prompt(group))
        await self.until(f"reaction to {text}", lambda: self.acknowledged(message))

    async def photo_note(self, user: User, group: Chat, caption: str) -> None:
        message = self.tg.send_photo(user, group, caption=caption, reply_to=self.prompt(group))
        await self.until(f"reaction to photo {caption}", lambda: self.acknowledged(message))

    # ---- the script ------------------------------------------------------------------------

    async def play(self) -> list[Chat]:
        tg = self.tg
        head, lead = tg.user("Asha", "Rai"), tg.user("Laxmi", "Lead")
        bikash, chandra, dipa = tg.user("Bikash"), tg.user("Chandra"), tg.user("Dipa")
        dm = tg.private_chat(head)

        reply = await self.say(head, dm, "/newschool Shree Janata School", "code")
        match = re.search(r"code ([A-Z0-9]{6})", reply)
        if match is None:
            raise RuntimeError(f"no join code in {reply!r}")
        code = match.group(1)

        sample = find_sample()
        if sample is None:
            self.notes.append(f"({SAMPLE_NAME} not found: the observations import is skipped)")
        else:
            before = len(tg.bot_messages(dm))
            tg.send_document(head, dm, "observations.csv", sample.read_bytes(), caption="/import")
            await self.until("import", lambda: len(tg.bot_messages(dm)) > before)
            await self.shows(dm, "Imported", last=3)

        for person in (lead, bikash, chandra, dipa):
            await self.say(person, tg.private_chat(person), f"/join {code}", "Welcome to")
        await self.say(head, dm, "/members", "")
        await tg.settle(quiet=0.2)
        await self.press(head, dm, "Laxmi Lead")
        await self.press(head, dm, "lead teacher")
        await self.shows(dm, "is lead teacher", last=2)

        group = tg.group("Shree teachers", members=[head, lead, bikash, chandra, dipa])
        await self.say(head, group, "/setup", "now linked")

        await self.say(head, group, "/cop", "The steps")
        await self.press(head, group, "Start")
        await self.shows(group, "School average", last=4)
        await self.press(lead, group, "Next")
        await self.shows(group, "Reflection: insights", last=3)
        await self.note(bikash, group, "Teachers rarely check for understanding")
        await self.note(chandra, group, "Students talk more when they work in pairs")
        await self.photo_note(dipa, group, "our chart paper from grade 5")
        await self.shows(group, "3 notes", last=2)

        await self.press(lead, group, "Next")
        await self.shows(group, "Sharing positives", last=3)
        await self.note(dipa, group, "Group work in grade 4 went well")
        await self.note(bikash, group, "More girls answered questions this month")
        await self.shows(group, "2 notes", last=2)

        await self.press(lead, group, "Next")
        await self.shows(group, "Improvements", last=3)
        await self.note(chandra, group, "Explain lesson goals at the start")
        await self.note(lead, group, "Give slower pupils more wait time")
        await self.shows(group, "2 notes", last=2)

        await self.press(lead, group, "Next")
        await self.shows(group, "action plan", last=3)
        await self.note(head, group, "Ask three open questions per lesson")
        await self.note(dipa, group, "Visit one colleague's class before next CoP")
        await self.shows(group, "2 notes", last=2)

        await self.press(lead, group, "Finish")
        await self.shows(group, "CoP complete", last=3)
        await tg.settle(quiet=0.5)
        return [dm, group]

    # ---- output ----------------------------------------------------------------------------

    def save_charts(self, chats: list[Chat], out: Path) -> list[Path]:
        """Every photo the bot sent, in order, once each; returns the written files."""
        written: list[Path] = []
        for chat in chats:
            for message in self.tg.bot_messages(chat):
                if not message.photo:
                    continue
                file_id = str(message.photo[-1]["file_id"])
                if file_id in self.chart_names:
                    continue
                stored = self.tg.files.by_id.get(file_id)
                extension = "png" if stored and stored.data.startswith(PNG_MAGIC) else "jpg"
                name = f"chart-{len(self.chart_names) + 1}.{extension}"
                self.chart_names[file_id] = name
                if stored is not None:
                    path = out / name
                    path.write_bytes(stored.data)
                    written.append(path)
        return written

    def transcript(self, chats: list[Chat]) -> str:
        lines: list[str] = []
        for chat in chats:
            title = chat.title or f"private chat of {_name(chat.user)} with {BOT_NAME}"
            lines += ["", f"══ {title} ══"]
            for message in self.tg.chat_messages(chat):
                if message.deleted:
                    continue
                lines += self._render(message)
        lines += ["", *self.notes]
        return "\n".join(lines).strip() + "\n"

    def _render(self, message: Message) -> list[str]:
        who = BOT_NAME if message.from_user.is_bot else _name(message.from_user)
        head = f"{who}:"
        if message.reply_to is not None:
            quoted = (message.reply_to.text or message.reply_to.caption or "").splitlines()
            first = quoted[0][:40] if quoted else "a message"
            head += f"  (reply to “{first}”)"
        if message.edit_count:
            head += "  (edited)"
        body: list[str] = []
        if message.photo:
            file_id = str(message.photo[-1]["file_id"])
            name = self.chart_names.get(file_id, "photo.jpg")
            body.append(f"[photo: {name} / {message.caption or ''}]".replace(" / ]", "]"))
        elif message.document:
            name = message.document.get("file_name", "file")
            body.append(f"[document: {name} / {message.caption or ''}]".replace(" / ]", "]"))
        elif message.text is not None:
            body += message.text.splitlines() or [""]
        elif message.is_service:
            body.append("[service message]")
        else:
            body.append("[" + ", ".join(sorted(message.extra)) + "]")
        markup = message.reply_markup or {}
        for row in markup.get("inline_keyboard", []):
            body.append("  ".join(f"[ {button['text']} ]" for button in row))
        body += [f"  ↳ {p}" for p in self.presses.get((message.chat.id, message.message_id), [])]
        reactions = self.tg.reactions.get((message.chat.id, message.message_id))
        if reactions:
            body.append("  ↳ " + " ".join(str(r) for r in reactions))
        return [head, *("    " + line for line in body)]


def _name(user: User | None) -> str:
    if user is None:
        return "?"
    return " ".join(part for part in (user.first_name, user.last_name) if part)


async def play_demo() -> tuple[Demo, list[Chat], str | None]:
    """Play the demo; returns the world, the chats to show and why it stopped early (if so)."""

    from bot.app import build_application, polling
    from bot.settings import Settings

    with tempfile.TemporaryDirectory(prefix="copbot-demo-") as temp:
        async with FakeTelegram(token=TOKEN, bot_username=BOT_USERNAME, bot_name=BOT_NAME) as tg:
            tg.limits.chat_burst = 30
            tg.limits.group_per_minute = 600  # a demo is faster than people
            demo = Demo(tg)
            settings = Settings(
                _env_file=None,  # type: ignore[call-arg]
                telegram_bot_token=TOKEN,  # type: ignore[arg-type]
                telegram_api_url=tg.api_url,
                database_url=f"sqlite+aiosqlite:///{temp}/demo.db",
                board_edit_seconds=0.3,
                group_messages_per_minute=600,  # a scripted demo is faster than people
                poll_timeout_seconds=1,
                log_level="WARNING",
            )
            app = build_application(settings)
            async with polling(app, poll_timeout=1):
                try:
                    return demo, await demo.play(), None
                except RuntimeError as error:
                    return demo, [c for c in tg.chats.values() if c.messages], str(error)


def demo_command() -> int:
    """`copbot demo`: print the transcript; exit 1 if the scripted CoP did not get through."""
    logging.basicConfig(format="%(levelname)s %(name)s: %(message)s", level=logging.WARNING)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    started = time.monotonic()
    demo, chats, error = asyncio.run(play_demo())
    out = OUTPUT_DIR
    out.mkdir(parents=True, exist_ok=True)
    charts = demo.save_charts(chats, out)
    text = demo.transcript(chats)
    (out / "transcript.txt").write_text(text, encoding="utf-8")
    print(text)
    print(f"{len(charts)} chart image(s) and transcript.txt written to {out}/")
    if error is not None:
        print(f"copbot demo: {error}", file=sys.stderr)
        return 1
    print(f"demo finished in {time.monotonic() - started:.1f} s")
    return 0
