"""The typed callback context: every handler reaches settings, database and catalog through it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from telegram.ext import Application, CallbackContext, ExtBot

from bot.i18n import Catalog
from bot.settings import Settings


@dataclass
class Services:
    """Long-lived resources, created in `post_init` and closed in `post_shutdown`."""

    settings: Settings | None = None
    engine: AsyncEngine | None = None
    sessionmaker: async_sessionmaker[AsyncSession] | None = None
    catalog: Catalog | None = None
    extras: dict[str, Any] = field(default_factory=dict)


class CopContext(CallbackContext[ExtBot[Any], dict[Any, Any], dict[Any, Any], Services]):
    """Callback context with typed access to the bot's services."""

    @property
    def services(self) -> Services:
        """The services held in `bot_data`."""
        return self.bot_data

    @property
    def settings(self) -> Settings:
        """The validated settings."""
        settings = self.bot_data.settings
        if settings is None:
            raise RuntimeError("settings are not loaded")
        return settings

    @property
    def db(self) -> async_sessionmaker[AsyncSession]:
        """The session factory: `async with context.db.begin() as session:` is one unit of work."""
        sessionmaker = self.bot_data.sessionmaker
        if sessionmaker is None:
            raise RuntimeError("the database is not open")
        return sessionmaker

    @property
    def catalog(self) -> Catalog:
        """The translation catalog."""
        catalog = self.bot_data.catalog
        if catalog is None:
            raise RuntimeError("the catalog is not loaded")
        return catalog


CopApplication = Application[ExtBot[Any], CopContext, dict[Any, Any], dict[Any, Any], Services, Any]
