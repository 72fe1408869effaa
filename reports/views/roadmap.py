"""The portfolio roadmap page: every project of the selection on one timeline, drawn as SVG.

The selector reads the rows, reports.timeline places the dates; this module only turns both into the
coordinates the template writes out (no script, no style="" attribute, printable as it is).
"""

import unicodedata
from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reports.forms.roadmap import RoadmapForm
from reports.selectors.roadmap import RoadmapGroup, RoadmapRow, roadmap
from reports.timeline import Timeline, timeline

LABEL_WIDTH = 300
HEADER_HEIGHT = 44
GROUP_HEIGHT = 30
ROW_HEIGHT = 42
RIGHT_MARGIN = 16
# How much of a project's name fits beside the bars, in half-width characters (a Chinese one counts 2).
NAME_WIDTH = 30


def shortened(text: str, limit: int = NAME_WIDTH) -> str:
    """The text cut to `limit` columns, a wide (CJK) character counting two, with "…" when cut."""
    used = 0
    for index, character in enumerate(text):
        used += 2 if unicodedata.east_asian_width(character) in "WF" else 1
        if used > limit:
            return text[:index].rstrip() + "…"
    return text


def slip_text(days: int | None) -> str:
    """The finish's slip against the baseline, in working days, as the row's second line says it."""
    if days is None:
        return _("no baseline")
    if days == 0:
        return _("on baseline")
    if days > 0:
        return ngettext("%(days)d working day late", "%(days)d working days late", days) % {"days": days}
    return ngettext("%(days)d working day early", "%(days)d working days early", -days) % {"days": -days}


@dataclass
class DrawnMilestone:
    name: str
    url: str
    points: str
    baseline_points: str | None
    done: bool
    planned: object
    baseline: object


@dataclass
class DrawnRow:
    row: RoadmapRow
    url: str
    y: float
    name: str
    slip: str
    bar: tuple[float, float] | None
    baseline_bar: tuple[float, float] | None
    milestones: list[DrawnMilestone] = field(default_factory=list)

    @property
    def late(self) -> bool:
        return (self.row.slip_days or 0) > 0


@dataclass
class DrawnGroup:
    group: RoadmapGroup
    y: float
    rows: list[DrawnRow]


def _diamond(x: float, y: float, size: float) -> str:
    return f"{x},{y - size} {x + size},{y} {x},{y + size} {x - size},{y}"


def _drawn_row(row: RoadmapRow, scale: Timeline, y: float) -> DrawnRow:
    project = row.project
    bar = None
    if row.start and row.finish:
        left, width = scale.span(row.start, row.finish)
        bar = (LABEL_WIDTH + left, width)
    baseline_bar = None
    if row.baseline_start and row.baseline_finish:
        left, width = scale.span(row.baseline_start, row.baseline_finish)
        baseline_bar = (LABEL_WIDTH + left, width)
    milestones = []
    for milestone in row.milestones:
        if milestone.planned is None:
            continue
        centre = LABEL_WIDTH + scale.x(milestone.planned)
        baseline_points = None
        if milestone.baseline is not None and milestone.baseline != milestone.planned:
            baseline_points = _diamond(LABEL_WIDTH + scale.x(milestone.baseline), y + 30, 4)
        milestones.append(
            DrawnMilestone(
                name=milestone.name,
                url=reverse("projects:plan_task", args=[project.pk, milestone.task_id]),
                points=_diamond(centre, y + 17, 6),
                baseline_points=baseline_points,
                done=milestone.done,
                planned=milestone.planned,
                baseline=milestone.baseline,
            )
        )
    return DrawnRow(
        row=row,
        url=reverse("projects:plan", args=[project.pk]),
        y=y,
        name=shortened(project.name),
        slip=slip_text(row.slip_days),
        bar=bar,
        baseline_bar=baseline_bar,
        milestones=milestones,
    )


def layout(groups: list[RoadmapGroup], *, zoom: str, today) -> dict:
    """What the template draws: the scale, every group and row at its y, the chart's size."""
    days = [day for group in groups for row in group.rows for day in row.dates]
    scale = timeline(days, zoom=zoom, today=today)
    drawn = []
    y = HEADER_HEIGHT
    for group in groups:
        group_y = y
        y += GROUP_HEIGHT
        rows = []
        for row in group.rows:
            rows.append(_drawn_row(row, scale, y))
            y += ROW_HEIGHT
        drawn.append(DrawnGroup(group=group, y=group_y, rows=rows))
    return {
        "scale": scale,
        "groups": drawn,
        "label_width": LABEL_WIDTH,
        "width": LABEL_WIDTH + scale.width + RIGHT_MARGIN,
        "height": y + 8,
        "today_x": LABEL_WIDTH + scale.x(today) if scale.contains(today) else None,
        "project_count": sum(len(group.rows) for group in groups),
    }


@login_required
def roadmap_page(request):
    """Every project of the selection the user may see on one timeline; a bar opens the project's plan."""
    form = RoadmapForm(request.GET or None, user=request.user)
    today = timezone.localdate()
    groups = roadmap(user=request.user, filters=form.filters(), group_by=form.chosen_group())
    drawing = layout(groups, zoom=form.chosen_zoom(), today=today)
    context = {"form": form, "zoom": drawing["scale"].zoom, "today": today, **drawing}
    return render(request, "reports/roadmap.html", context)
