"""A project's dashboard: earned value and its meaning, the S-curve, burndown, health and milestones."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from projects.models import Project
from projects.selectors.projects import project_detail
from reports import charts
from reports.evm_terms import evm_terms
from reports.selectors.project_dashboard import project_dashboard


@login_required
def project_dashboard_page(request, project_id: int):
    """Everyone who sees the project reads its dashboard; hidden and unknown projects answer 404."""
    try:
        project = project_detail(user=request.user, project_id=project_id)
    except Project.DoesNotExist as error:
        raise Http404(_("No such project.")) from error
    view = project_dashboard(project=project)
    context = {
        "project": project,
        "view": view,
        "terms": evm_terms(view.metrics, view.rollup.currency if view.rollup else project.currency),
        "charts": {"s_curve": charts.s_curve(view), "burndown": charts.burndown(view.burndown)},
    }
    return render(request, "reports/project_dashboard.html", context)
