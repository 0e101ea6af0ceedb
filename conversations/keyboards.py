"""The CoP's inline keyboards; callback data is `cop:<action>:<cop id>:<step>`."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Translator
from conversations.steps import FIRST_STEP, Step, next_step, previous_step
from storage.models import CopSession

CALLBACK = "cop"


def cop_button(label: str, action: str, cop: CopSession) -> InlineKeyboardButton:
    """A button that acts on this CoP at its current step (stale steps are refused)."""
    return InlineKeyboardButton(label, callback_data=f"{CALLBACK}:{action}:{cop.id}:{cop.step}")


def navigation(t: Translator, cop: CopSession) -> InlineKeyboardMarkup:
    """Back / Next (or Start, Finish) and Cancel under a step's message."""
    step = Step(cop.step)
    row = []
    if previous_step(step) is not None:
        row.append(cop_button(t("button-back"), "back", cop))
    if step == FIRST_STEP:
        label = t("button-start")
    elif next_step(step) == Step.COMPLETE:
        label = t("button-finish")
    else:
        label = t("button-next")
    row.append(cop_button(label, "next", cop))
    return InlineKeyboardMarkup([row, [cop_button(t("button-cancel"), "cancel", cop)]])


def cancel_question(t: Translator, cop: CopSession) -> InlineKeyboardMarkup:
    """Yes / No under the question whether to cancel the CoP."""
    return InlineKeyboardMarkup(
        [
            [
                cop_button(t("button-cancel-yes"), "cancelok", cop),
                cop_button(t("button-cancel-no"), "cancelno", cop),
            ]
        ]
    )


def continue_here(t: Translator, cop: CopSession) -> InlineKeyboardMarkup:
    """One button that shows the current step again."""
    return InlineKeyboardMarkup([[cop_button(t("button-continue"), "show", cop)]])
