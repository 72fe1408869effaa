"""The project's whole history, newest first: field changes, plan events and comments merged page by page."""

import heapq
from collections.abc import Sequence

from projects.models import (
    PlanEvent,
    Project,
    ProjectComment,
)
from projects.selectors.history.events import _comment_entry, _plan_entry
from projects.selectors.history.fields import HistoryEntry, project_field_history


class ProjectHistory(Sequence):
    """The project's whole change history, newest first, read lazily: slicing reads one page.

    Paginators (Django's, DRF's StandardPagination) call count() once and slice once: the project's
    own records are few and read whole; the plan's events and the comments on the project are read
    up to the end of the slice.
    """

    def __init__(self, project: Project):
        self.project = project
        self._events = (
            PlanEvent.objects.filter(project=project).select_related("actor").order_by("-created_at", "-id")
        )
        self._comments = (
            ProjectComment.objects.filter(project=project)
            .select_related("author")
            .order_by("-created_at", "-id")
        )
        self._project_entries: list[HistoryEntry] | None = None

    def _own(self) -> list[HistoryEntry]:
        if self._project_entries is None:
            self._project_entries = project_field_history(self.project)
        return self._project_entries

    def count(self) -> int:
        return len(self._own()) + self._events.count() + self._comments.count()

    def __len__(self) -> int:
        return self.count()

    def __iter__(self):
        return iter(self[0:])

    def __getitem__(self, index):
        if isinstance(index, int):
            if index < 0:
                raise IndexError("negative index")
            found = self[index : index + 1]
            if not found:
                raise IndexError(index)
            return found[0]
        if (
            index.step not in (None, 1)
            or (index.start or 0) < 0
            or (index.stop is not None and index.stop < 0)
        ):
            raise ValueError("ProjectHistory takes forward slices only")
        events = self._events if index.stop is None else self._events[: index.stop]
        comments = self._comments if index.stop is None else self._comments[: index.stop]
        plan_entries = [_plan_entry(event, self.project.currency) for event in events]
        comment_entries = [_comment_entry(comment) for comment in comments]
        merged = heapq.merge(
            self._own(), plan_entries, comment_entries, key=lambda entry: entry.when, reverse=True
        )
        return list(merged)[index.start or 0 : index.stop]


def project_change_history(project: Project) -> ProjectHistory:
    """The project's history with its plan's changes and comments, newest first: who, when, what."""
    return ProjectHistory(project)
