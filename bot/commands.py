"""The bot's commands: who may use each, where, and how the menu describes it."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Where(enum.Flag):
    """The kinds of chat a command works in."""

    PRIVATE = enum.auto()
    GROUP = enum.auto()
    ANY = PRIVATE | GROUP


class Who(enum.Enum):
    """Who may use a command."""

    ANYONE = "anyone"
    MEMBER = "member"
    FACILITATOR = "facilitator"
    HEAD_TEACHER = "head_teacher"


@dataclass(frozen=True)
class Command:
    """One command; its menu text is the catalog message `cmd-<name>`."""

    name: str
    where: Where
    who: Who
    in_menu: bool = True


COMMANDS: tuple[Command, ...] = (
    Command("start", Where.PRIVATE, Who.ANYONE),
    Command("help", Where.ANY, Who.ANYONE),
    Command("newschool", Where.PRIVATE, Who.ANYONE),
    Command("join", Where.PRIVATE, Who.ANYONE),
    Command("setup", Where.GROUP, Who.HEAD_TEACHER),
    Command("members", Where.ANY, Who.HEAD_TEACHER),
    Command("cop", Where.ANY, Who.FACILITATOR),
    Command("next", Where.ANY, Who.FACILITATOR),
    Command("back", Where.ANY, Who.FACILITATOR),
    Command("cancel", Where.ANY, Who.FACILITATOR),
    Command("note", Where.ANY, Who.MEMBER),
    Command("undo", Where.ANY, Who.MEMBER),
    Command("status", Where.ANY, Who.MEMBER),
    Command("history", Where.ANY, Who.MEMBER),
    Command("actions", Where.ANY, Who.MEMBER),
    Command("lang", Where.ANY, Who.ANYONE),
    Command("school", Where.PRIVATE, Who.MEMBER),
    Command("stats", Where.ANY, Who.MEMBER),
    Command("import", Where.PRIVATE, Who.HEAD_TEACHER),
    Command("rubric", Where.ANY, Who.MEMBER),
    Command("lowdata", Where.ANY, Who.MEMBER),
)

COMMAND_NAMES: frozenset[str] = frozenset(command.name for command in COMMANDS)
