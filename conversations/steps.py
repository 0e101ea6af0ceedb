"""The CoP's steps as data: the ConversationHandler's states are built from this table."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Step(enum.StrEnum):
    """A step of the Community of Practice, as the Coach app presents them."""

    OVERVIEW = "overview"
    CHECK_STATS = "check_stats"
    INSIGHTS = "insights"
    POSITIVES = "positives"
    IMPROVEMENTS = "improvements"
    NEXT_STEPS = "next_steps"
    COMPLETE = "complete"


@dataclass(frozen=True)
class StepSpec:
    """What a step shows and collects; texts are catalog keys derived from the step's key."""

    step: Step
    minutes: tuple[int, int] | None
    collects_notes: bool

    @property
    def key(self) -> str:
        """The step's key in catalog message ids, e.g. `step-insights-title`."""
        return self.step.value.replace("_", "-")

    @property
    def title_key(self) -> str:
        """Catalog id of the step's title."""
        return f"step-{self.key}-title"

    @property
    def prompt_key(self) -> str:
        """Catalog id of what the step asks of the participants."""
        return f"step-{self.key}-prompt"

    @property
    def example_key(self) -> str:
        """Catalog id of the step's example note."""
        return f"step-{self.key}-example"

    @property
    def placeholder_key(self) -> str:
        """Catalog id of the input field placeholder while replying."""
        return f"step-{self.key}-placeholder"

    @property
    def minutes_limit(self) -> int | None:
        """The upper end of the time guide."""
        return self.minutes[1] if self.minutes else None


STEPS: tuple[StepSpec, ...] = (
    StepSpec(Step.OVERVIEW, None, collects_notes=False),
    StepSpec(Step.CHECK_STATS, (5, 5), collects_notes=False),
    StepSpec(Step.INSIGHTS, (10, 20), collects_notes=True),
    StepSpec(Step.POSITIVES, (10, 20), collects_notes=True),
    StepSpec(Step.IMPROVEMENTS, (10, 20), collects_notes=True),
    StepSpec(Step.NEXT_STEPS, (5, 5), collects_notes=True),
    StepSpec(Step.COMPLETE, None, collects_notes=False),
)

_BY_STEP: dict[Step, StepSpec] = {spec.step: spec for spec in STEPS}
FIRST_STEP = STEPS[0].step
ACTION_PLAN_STEP = Step.NEXT_STEPS
COLLECTING_STEPS: tuple[Step, ...] = tuple(s.step for s in STEPS if s.collects_notes)


def spec_of(step: Step | str) -> StepSpec:
    """The description of a step."""
    return _BY_STEP[Step(step)]


def number_of(step: Step | str) -> int:
    """The step's number as the Coach app counts them (0 = review the steps)."""
    return [s.step for s in STEPS].index(Step(step))


def next_step(step: Step | str) -> Step | None:
    """The step that follows, or None after the last."""
    index = number_of(step)
    return STEPS[index + 1].step if index + 1 < len(STEPS) else None


def previous_step(step: Step | str) -> Step | None:
    """The step before, or None at the first."""
    index = number_of(step)
    return STEPS[index - 1].step if index > 0 else None


def is_step(value: str) -> bool:
    """Whether a string names a step (for data arriving in callbacks)."""
    return value in Step._value2member_map_
