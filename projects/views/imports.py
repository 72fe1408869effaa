"""The plan import page: upload a CSV, XLSX or MS Project XML file; links to export the plan.

Adapters only: the form parses the upload, projects.plan_io.imports imports it. A refused file is
shown again with its problems row by row; nothing was imported then.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from projects.forms.imports import PlanImportForm
from projects.plan_io.audit import plan_import_audit
from projects.plan_io.imports import UPDATE, PlanImportResult
from projects.plan_io.imports import plan_import as import_plan
from projects.plan_io.rows import MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, PlanImportError
from projects.plan_io.tabular.columns import header_titles
from projects.selectors.projects import user_may_edit_project
from projects.views.plans import plan_project_or_404

TEMPLATE = "projects/plan/import.html"


@login_required
def plan_import(request, project_id: int):
    """GET: the upload form (plan editors) and export links (everyone who sees the plan). POST: import."""
    project = plan_project_or_404(request.user, project_id)
    may_edit = user_may_edit_project(user=request.user, project=project)
    form = PlanImportForm()
    problems = []
    problem_count = 0
    status = 200
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied(_("You are not allowed to edit the plan of this project."))
        form = PlanImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                result = import_plan(
                    actor=request.user,
                    project=project,
                    data=upload,
                    file_name=upload.name or "",
                    replace=form.cleaned_data["replace"],
                    mode=form.cleaned_data["mode"],
                    delete_missing=form.cleaned_data["delete_missing"],
                )
            except PlanImportError as error:
                plan_import_audit(
                    actor=request.user, project=project, file_name=upload.name or "", error=error
                )
                problems = error.problems
                problem_count = error.total
                form.add_error(None, str(error))
                status = 400
            else:
                plan_import_audit(
                    actor=request.user, project=project, file_name=upload.name or "", result=result
                )
                messages.success(request, _success_message(result))
                for warning in result.warnings:
                    messages.warning(request, warning)
                return redirect("projects:plan", project_id=project.pk)
        else:
            status = 400
    return render(
        request,
        TEMPLATE,
        {
            "project": project,
            "may_edit": may_edit,
            "form": form,
            "problems": problems,
            "problem_count": problem_count,
            "columns": header_titles(),
            "max_megabytes": MAX_IMPORT_BYTES // (1024 * 1024),
            "max_rows": MAX_IMPORT_ROWS,
        },
        status=status,
    )


def _success_message(result: PlanImportResult) -> str:
    if result.mode == UPDATE:
        return _(
            "Updated %(updated)s task(s), added %(created)s and deleted %(deleted)s; "
            "the plan was rescheduled."
        ) % {
            "updated": result.updated_task_count,
            "created": result.task_count,
            "deleted": result.deleted_task_count,
        }
    return _("Imported %(tasks)s task(s) and %(links)s dependency(ies); the plan was rescheduled.") % {
        "tasks": result.task_count,
        "links": result.dependency_count,
    }
