"""A local fake of Telegram's Bot API server for tests and demos."""

from fakebotapi.errors import ApiError
from fakebotapi.limits import FloodRefusal, Limits
from fakebotapi.models import Call, Chat, Message, User
from fakebotapi.server import FakeTelegram, Fault

__all__ = [
    "ApiError",
    "Call",
    "Chat",
    "FakeTelegram",
    "Fault",
    "FloodRefusal",
    "Limits",
    "Message",
    "User",
]
