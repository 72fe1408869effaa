"""The notices plan pages show above their content, the same words on the task page and in the Gantt."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

STALE_EDIT = _(
    "This task was changed by someone else while you were editing it. "
    "Nothing was saved; its current values are shown below, so you can check them and try again."
)
TASK_SAVED = _("“%(task)s” saved; the plan was rescheduled.")


@dataclass(frozen=True)
class Notice:
    """A message above a plan page: level is success, info, warning or error."""

    level: str
    text: str
    details: tuple[str, ...] = ()


def stale_notice() -> Notice:
    """The warning shown (with the task's current values) when an edit was based on an old version."""
    return Notice("warning", str(STALE_EDIT))
