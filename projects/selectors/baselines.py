"""Reads of baselines: a project's baselines and the frozen rows of one."""

from django.db.models import QuerySet

from projects.models import Baseline, BaselineTask, Project


def baseline_list(*, project: Project) -> QuerySet[Baseline]:
    """The project's baselines, newest first, with their author."""
    return (
        Baseline.objects.filter(project=project).select_related("created_by").order_by("-created_at", "-id")
    )


def baseline_task_list(*, baseline: Baseline) -> QuerySet[BaselineTask]:
    """The frozen rows of a baseline, joined with the live task they came from (if it still exists)."""
    return (
        BaselineTask.objects.filter(baseline=baseline)
        .select_related("task")
        .order_by("task__outline_order", "id")
    )


def chosen_baseline(*, project: Project, raw_id: str | None) -> Baseline | None:
    """The project's baseline named by a request parameter; None when it names none of them."""
    raw_id = (raw_id or "").strip()
    if not (raw_id.isascii() and raw_id.isdigit()):  # "²".isdigit() is True, but int("²") fails
        return None
    return baseline_list(project=project).filter(pk=int(raw_id)).first()
