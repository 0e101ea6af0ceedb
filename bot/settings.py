"""Configuration from the environment and `.env`, validated before anything starts."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

TOKEN_PATTERN = re.compile(r"^\d{3,20}:[A-Za-z0-9_-]{20,}$")


class StorageSettings(BaseSettings):
    """The settings that commands without Telegram (migrations, imports) need."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", frozen=True
    )

    database_url: str = Field(
        default="sqlite+aiosqlite:///copbot.db",
        description="SQLAlchemy URL: sqlite+aiosqlite:///file.db or postgresql+asyncpg://...",
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        default="INFO", description="How much the bot logs."
    )
    default_language: str = Field(
        default="en", description="Language when neither the person nor Telegram gives one."
    )

    @field_validator("default_language")
    @classmethod
    def _language_shape(cls, value: str) -> str:
        if not re.match(r"^[a-z]{2,3}$", value):
            raise ValueError("must be a language code such as en or ne")
        return value


class Settings(StorageSettings):
    """Every setting the bot reads; `.env.example` lists the same names."""

    telegram_bot_token: SecretStr = Field(
        description="The bot's token from @BotFather (/newbot or /token)."
    )
    telegram_api_url: str = Field(
        default="https://api.telegram.org",
        description="The Bot API server; change it for a self-hosted or local test server.",
    )
    cop_idle_hours: float = Field(
        default=24.0, gt=0, description="A CoP idle this long is closed as unfinished."
    )
    board_edit_seconds: float = Field(
        default=6.0, ge=0, description="Least time between two edits of a step's live board."
    )
    group_messages_per_minute: int = Field(
        default=20,
        ge=1,
        le=600,
        description="Messages and edits a minute the bot allows itself in a group (Telegram: 20).",
    )
    poll_timeout_seconds: int = Field(
        default=30, ge=0, le=50, description="Long-polling timeout of getUpdates."
    )

    @field_validator("telegram_bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr) -> SecretStr:
        if not TOKEN_PATTERN.match(value.get_secret_value().strip()):
            raise ValueError("does not look like a bot token")
        return SecretStr(value.get_secret_value().strip())

    @field_validator("telegram_api_url")
    @classmethod
    def _url_shape(cls, value: str) -> str:
        value = value.strip().rstrip("/")
        if not re.match(r"^https?://[^\s/]+(/[^\s]*)?$", value):
            raise ValueError("must be an http(s) URL")
        return value


HINTS: dict[str, str] = {
    "telegram_bot_token": (
        "Set TELEGRAM_BOT_TOKEN to your bot's token: open Telegram, talk to @BotFather, "
        "send /newbot (or /token for an existing bot) and copy the token it gives "
        "(it looks like 123456789:AA...)."
    ),
    "telegram_api_url": (
        "Set TELEGRAM_API_URL to the Bot API server's address, such as "
        "https://api.telegram.org (the default), or remove it."
    ),
    "database_url": "Set DATABASE_URL to sqlite+aiosqlite:///copbot.db or postgresql+asyncpg://...",
}
