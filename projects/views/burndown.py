"""The burndown page: remaining work over time, from the points the worker records daily."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from projects.burndown import burndown_chart
from projects.forms.burndown import BurndownRangeForm
from projects.selectors.burndown import burndown_point_list
from projects.views.plans import plan_project_or_404


@login_required
def burndown(request, project_id: int):
    """Remaining work over time from the daily burndown points, for the whole project or a range."""
    project = plan_project_or_404(request.user, project_id)
    form = BurndownRangeForm(request.GET or None)
    start, end = form.date_range()
    points = list(burndown_point_list(project=project, start=start, end=end))
    context = {
        "project": project,
        "form": form,
        "points": points,
        "chart": burndown_chart(points),
        "latest": points[-1] if points else None,
    }
    return render(request, "projects/plan/burndown.html", context)
