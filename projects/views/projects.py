"""Project pages: list, detail with team and history, create, edit and team changes.

Adapters only: a form parses the input, a selector reads what the user may see, a service
decides and writes. Permission problems surface as 403 for what the user can see and 404 for
what they cannot, so a hidden project's existence is never revealed.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, F, IntegerField, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from governance import policy
from governance.selectors import pmo_settings
from projects.forms.errors import add_service_error
from projects.forms.memberships import MembershipAddForm, MembershipRoleForm
from projects.forms.projects import ProjectForm, ProjectListFilter
from projects.models import Phase, Project, Status
from projects.selectors import projects as project_selectors
from projects.selectors.changes import change_requests_pending
from projects.selectors.compliance import project_compliance
from projects.selectors.history import project_change_history
from projects.selectors.memberships import membership_list
from projects.selectors.portfolios import user_may_start_projects
from projects.services import memberships as membership_services
from projects.services import projects as project_services
from projects.views.gates import governance_context
from projects.views.knowledge_section import knowledge_context

PAGE_SIZE = 25
DEFAULT_SORT = "code"
# The project page shows the newest changes; the history page lists them all, a page at a time.
RECENT_HISTORY = 20
HISTORY_PAGE_SIZE = 50


def _choice_order(field_name: str, choices) -> Case:
    """Sort a choice field in its lifecycle order (initiating before planning), not alphabetically."""
    return Case(
        *[When(**{field_name: value}, then=Value(index)) for index, value in enumerate(choices.values)],
        output_field=IntegerField(),
    )


BAND_ORDER = ("green", "amber", "red")


def _band_order(field_name: str) -> Case:
    """Green, amber, red in that order; blank and missing (not yet measured) are NULL, sorted last."""
    return Case(
        *[When(**{field_name: value}, then=Value(index)) for index, value in enumerate(BAND_ORDER)],
        output_field=IntegerField(),
    )


# The columns a list may be sorted by; anything else in ?sort= falls back to the default.
SORTABLE_COLUMNS = {
    "code": (gettext_lazy("Code"), lambda: [F("code")]),
    "name": (gettext_lazy("Name"), lambda: [F("name")]),
    "portfolio": (gettext_lazy("Portfolio"), lambda: [F("portfolio__name")]),
    "project_manager": (
        gettext_lazy("Project manager"),
        lambda: [F("project_manager__first_name"), F("project_manager__last_name")],
    ),
    "phase": (gettext_lazy("Phase"), lambda: [_choice_order("phase", Phase)]),
    "status": (gettext_lazy("Status"), lambda: [_choice_order("status", Status)]),
    "finish_date": (gettext_lazy("Finish date"), lambda: [F("finish_date")]),
    "budget": (gettext_lazy("Budget"), lambda: [F("budget")]),
    # The rolled-up figures (annotations of project_list_with_figures); projects not yet measured last.
    "progress": (gettext_lazy("Progress"), lambda: [F("progress")]),
    "spi": (gettext_lazy("SPI"), lambda: [F("spi")]),
    "cpi": (gettext_lazy("CPI"), lambda: [F("cpi")]),
    "health": (gettext_lazy("Health"), lambda: [F("health_score")]),
    "rag": (gettext_lazy("RAG"), lambda: [_band_order("rag")]),
}

# The columns shown right-aligned, as figures.
NUMERIC_COLUMNS = {"budget", "progress", "spi", "cpi", "health"}


def _sort_key(requested: str) -> str:
    key = requested.removeprefix("-")
    return requested if key in SORTABLE_COLUMNS else DEFAULT_SORT


def _ordering(sort: str) -> list:
    descending = sort.startswith("-")
    expressions = SORTABLE_COLUMNS[sort.removeprefix("-")][1]()
    ordered = [
        expression.desc(nulls_last=True) if descending else expression.asc(nulls_last=True)
        for expression in expressions
    ]
    # The code breaks ties, so pages never shuffle rows between them.
    return [*ordered, "code"]


def _columns(sort: str) -> list[dict]:
    columns = []
    for key, (label, _expressions) in SORTABLE_COLUMNS.items():
        active = sort.removeprefix("-") == key
        descending = active and sort.startswith("-")
        columns.append(
            {
                "key": key,
                "label": label,
                "active": active,
                "numeric": key in NUMERIC_COLUMNS,
                "descending": descending,
                "next_sort": key if descending or not active else f"-{key}",
            }
        )
    return columns


@login_required
def project_list(request):
    """The projects the user may see, filtered, sorted and paged; htmx requests get the table only."""
    sort = _sort_key(request.GET.get("sort", DEFAULT_SORT))
    project_filter = ProjectListFilter(
        request.GET, queryset=project_selectors.project_list_with_figures(user=request.user), request=request
    )
    projects = project_filter.qs.order_by(*_ordering(sort))
    page = Paginator(projects, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filter": project_filter,
        "page_obj": page,
        "page_range": page.paginator.get_elided_page_range(page.number),
        "projects": page.object_list,
        "columns": _columns(sort),
        "sort": sort,
        "may_create": user_may_start_projects(user=request.user),
        "sees_every_project": policy.sees_every_project(request.user),
    }
    if request.htmx and not request.htmx.history_restore_request:
        response = render(request, "projects/_partials/project_table.html", context)
    else:
        response = render(request, "projects/project_list.html", context)
    # The same URL answers with a fragment or a page; caches must keep them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


def visible_project_or_404(user, project_id: int) -> Project:
    """The project if the user may see it, else 404 (hidden and unknown projects answer alike)."""
    try:
        return project_selectors.project_detail(user=user, project_id=project_id)
    except Project.DoesNotExist as error:
        raise Http404(_("No such project.")) from error


def _editable_project(user, project_id: int) -> Project:
    project = visible_project_or_404(user, project_id)
    if not project_selectors.user_may_edit_project(user=user, project=project):
        raise PermissionDenied(_("You are not allowed to edit this project."))
    return project


def _team_context(request, project: Project, *, may_edit: bool, add_form=None, role_errors=None) -> dict:
    memberships = membership_list(user=request.user).filter(project=project)
    return {
        "project": project,
        "memberships": memberships,
        "may_edit": may_edit,
        "add_form": add_form or MembershipAddForm(),
        "role_form": MembershipRoleForm(),
        "role_errors": role_errors or {},
    }


@login_required
def project_detail(request, project_id: int):
    """One project: its facts, charter, team and change history."""
    project = visible_project_or_404(request.user, project_id)
    return render(request, "projects/project_detail.html", project_page_context(request, project))


def project_page_context(request, project: Project, **knowledge_forms) -> dict:
    """Everything the project page shows; the knowledge section's forms may come bound, with errors."""
    may_edit = project_selectors.user_may_edit_project(user=request.user, project=project)
    return {
        **_team_context(request, project, may_edit=may_edit),
        **_recent_history(project),
        **knowledge_context(request, project, **knowledge_forms),
        "pending_change_requests": change_requests_pending(project=project),
        **governance_context(request.user, project),
        "compliance": project_compliance(project),
    }


def _recent_history(project: Project) -> dict:
    """The newest changes for the project page, and whether older ones exist (one entry more is read)."""
    recent = project_change_history(project)[: RECENT_HISTORY + 1]
    return {"history": recent[:RECENT_HISTORY], "history_has_older": len(recent) > RECENT_HISTORY}


@login_required
def project_history(request, project_id: int):
    """The project's whole change history, its plan's changes included, newest first, page by page."""
    project = visible_project_or_404(request.user, project_id)
    page = Paginator(project_change_history(project), HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "projects/project_history.html", {"project": project, "page": page})


@login_required
def project_create(request):
    """Start a project; the form validates, the project_create service decides and saves."""
    if not user_may_start_projects(user=request.user):
        raise PermissionDenied(_("You are not allowed to create projects."))
    initial = {"project_manager": request.user, "currency": pmo_settings().default_currency}
    form = ProjectForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            project = project_services.project_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Project %(code)s created.") % {"code": project.code})
            return redirect("projects:detail", project_id=project.pk)
    return render(request, "projects/project_form.html", {"form": form, "project": None})


@login_required
def project_edit(request, project_id: int):
    """Change a project the user may edit; only the fields that changed go to the service."""
    project = _editable_project(request.user, project_id)
    form = ProjectForm(request.POST or None, instance=project, user=request.user)
    return project_form_response(
        request,
        project,
        form,
        template="projects/project_form.html",
        saved=lambda: _("Project %(code)s saved.") % {"code": form.cleaned_data["code"]},
    )


def project_form_response(request, project: Project, form, *, template: str, saved):
    """A project form's answer: the fields that changed go to project_update, then back to the project
    page with `saved()` as the message; a refused form comes back with its errors."""
    if request.method == "POST" and form.is_valid():
        if not form.changed_data:
            messages.info(request, _("Nothing was changed."))
            return redirect("projects:detail", project_id=project.pk)
        try:
            project_services.project_update(
                actor=request.user,
                project=project,
                changes={name: form.cleaned_data[name] for name in form.changed_data},
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, saved())
            return redirect("projects:detail", project_id=project.pk)
    # The form's validation filled the instance with the rejected input; show the stored project.
    stored = Project.objects.select_related("portfolio").get(pk=project.pk)
    return render(request, template, {"form": form, "project": stored})


def _team_response(request, project: Project, **context_kwargs):
    """After a team change: the team table for htmx, otherwise back to the project page."""
    has_errors = bool(context_kwargs.get("role_errors")) or (
        context_kwargs.get("add_form") is not None and context_kwargs["add_form"].errors
    )
    if request.htmx:
        context = _team_context(request, project, may_edit=True, **context_kwargs)
        return render(request, "projects/_partials/team.html", context)
    if has_errors:
        context = {
            **_team_context(request, project, may_edit=True, **context_kwargs),
            **_recent_history(project),
            **knowledge_context(request, project),
        }
        return render(request, "projects/project_detail.html", context)
    return redirect(reverse("projects:detail", args=[project.pk]) + "#team")


@login_required
@require_POST
def membership_add(request, project_id: int):
    """Put a person on the project's team with a role."""
    project = _editable_project(request.user, project_id)
    form = MembershipAddForm(request.POST)
    if form.is_valid():
        try:
            membership = membership_services.membership_add(
                actor=request.user,
                project=project,
                user=form.cleaned_data["user"],
                role=form.cleaned_data["role"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("%(person)s joined the team.") % {"person": membership.user.display_name}
            )
            return _team_response(request, project)
    return _team_response(request, project, add_form=form)


def _membership_or_404(request, project: Project, membership_id: int):
    return get_object_or_404(membership_list(user=request.user), pk=membership_id, project_id=project.pk)


@login_required
@require_POST
def membership_change(request, project_id: int, membership_id: int):
    """Change the role a person has on the team."""
    project = _editable_project(request.user, project_id)
    membership = _membership_or_404(request, project, membership_id)
    form = MembershipRoleForm(request.POST)
    if form.is_valid():
        try:
            membership_services.membership_update(
                actor=request.user, membership=membership, role=form.cleaned_data["role"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("%(person)s is now %(role)s.")
                % {"person": membership.user.display_name, "role": membership.get_role_display()},
            )
            return _team_response(request, project)
    errors = [str(message) for messages_ in form.errors.values() for message in messages_]
    return _team_response(request, project, role_errors={membership.pk: errors})


@login_required
@require_POST
def membership_remove(request, project_id: int, membership_id: int):
    """Take a person off the team."""
    project = _editable_project(request.user, project_id)
    membership = _membership_or_404(request, project, membership_id)
    person = membership.user.display_name
    membership_services.membership_remove(actor=request.user, membership=membership)
    messages.success(request, _("%(person)s left the team.") % {"person": person})
    return _team_response(request, project)
