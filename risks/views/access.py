"""What the register's pages share: finding the project and the risk the address names (404 when
hidden or unknown, as the projects pages answer), and a service's refusal in words that name the field."""

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.http import Http404
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from projects.models import Project
from projects.selectors.projects import project_detail
from risks.models import Issue, Risk
from risks.selectors.risks import issue_detail, risk_list


def project_or_404(user, project_id: int) -> Project:
    """The project if the user may see it, else 404 (hidden and unknown projects answer alike)."""
    try:
        return project_detail(user=user, project_id=project_id)
    except Project.DoesNotExist as error:
        raise Http404(_("No such project.")) from error


def risk_or_404(user, project: Project, risk_id: int, standards) -> Risk:
    """The project's risk with its level, if the user may see it, else 404."""
    try:
        return risk_list(user=user, project_id=project.pk, standards=standards).get(pk=risk_id)
    except Risk.DoesNotExist as error:
        raise Http404(_("No such risk.")) from error


def issue_or_404(user, project: Project, issue_id: int) -> Issue:
    """The project's issue, if the user may see it, else 404."""
    try:
        issue = issue_detail(user=user, issue_id=issue_id)
    except Issue.DoesNotExist as error:
        raise Http404(_("No such issue.")) from error
    if issue.project_id != project.pk:
        raise Http404(_("No such issue."))
    return issue


def field_label(model: type[models.Model], name: str) -> str:
    """The reader's word for a field of `model`, or "" when the name is no field of it."""
    try:
        return capfirst(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:  # a non-field error, or a name only the service knows
        return ""


def error_lines(model: type[models.Model], error: ValidationError) -> list[str]:
    """A service's refusal as lines "Field: message", the field named in the reader's words."""
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    lines = []
    for name, messages in error.message_dict.items():
        label = field_label(model, name)
        lines.extend(f"{label}: {message}" if label else message for message in messages)
    return lines
