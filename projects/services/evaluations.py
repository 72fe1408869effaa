"""Writes of the post-project evaluation: save the draft, submit it (then it is frozen)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.models import User
from projects.models import EvaluationState, PostProjectEvaluation, Project
from projects.selectors.evaluations import (
    evaluation_figures,
    project_has_evaluation,
    user_may_write_evaluation,
)
from projects.services.rollup_marks import project_mark_stale

# What the PM and PMO write; the figures come from the source rows, never from the writer.
ASSESSMENT_FIELDS = ("objectives_met", "went_well", "went_badly", "rating", "recommendations")
# What submission needs beyond the figures.
REQUIRED_TO_SUBMIT = ("objectives_met", "rating")


def _writable(*, actor: User, project: Project) -> PostProjectEvaluation:
    """The project's evaluation, locked, created as a draft if none exists; refused when the actor may
    not write it, the project is not closed, or it was submitted."""
    if not user_may_write_evaluation(user=actor, project=project):
        raise PermissionDenied(_("You are not allowed to write this project's post-project evaluation."))
    if not project_has_evaluation(project):
        raise ValidationError(
            {
                "project": _(
                    "Only a closed project has a post-project evaluation; this project is %(status)s."
                )
                % {"status": project.get_status_display()}
            }
        )
    # The project's row is locked first, so two first saves at once cannot both create the evaluation.
    list(Project.objects.select_for_update().filter(pk=project.pk).values_list("pk", flat=True))
    evaluation = PostProjectEvaluation.objects.select_for_update().filter(project=project).first()
    if evaluation is None:
        evaluation = PostProjectEvaluation(project=project, created_by=actor)
    if evaluation.is_submitted:
        raise ValidationError(
            {"state": _("The post-project evaluation was submitted and can no longer be changed.")}
        )
    return evaluation


def _apply(evaluation: PostProjectEvaluation, changes: dict) -> None:
    unknown = set(changes) - set(ASSESSMENT_FIELDS)
    if unknown:
        raise ValidationError({name: _("This field cannot be written.") for name in sorted(unknown)})
    for name, value in changes.items():
        if name in ("went_well", "went_badly", "recommendations"):
            value = (value or "").strip()
        elif name == "objectives_met":
            value = value or ""
        setattr(evaluation, name, value)
    for name, value in evaluation_figures(evaluation.project).as_fields().items():
        setattr(evaluation, name, value)


@transaction.atomic
def evaluation_save(*, actor: User, project: Project, **changes) -> PostProjectEvaluation:
    """Save the draft evaluation of a closed project with the assessment fields given (objectives met,
    what went well, what did not, rating, recommendations); its figures are refreshed from the source
    rows. Returns the evaluation."""
    evaluation = _writable(actor=actor, project=project)
    _apply(evaluation, changes)
    evaluation.full_clean()
    evaluation.save()
    project_mark_stale(project_ids=[project.pk])
    return evaluation


@transaction.atomic
def evaluation_submit(*, actor: User, project: Project, **changes) -> PostProjectEvaluation:
    """Save the fields given and submit the evaluation: its figures and words are frozen from then on.

    Needs whether the objectives were met and a rating; ValidationError names what is missing.
    """
    evaluation = _writable(actor=actor, project=project)
    _apply(evaluation, changes)
    missing = {
        name: _("Fill this in before submitting the evaluation.")
        for name in REQUIRED_TO_SUBMIT
        if getattr(evaluation, name) in (None, "")
    }
    if missing:
        raise ValidationError(missing)
    evaluation.state = EvaluationState.SUBMITTED
    evaluation.submitted_by = actor
    evaluation.submitted_at = timezone.now()
    evaluation.full_clean()
    evaluation.save()
    project_mark_stale(project_ids=[project.pk])
    return evaluation
