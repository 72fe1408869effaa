"""Writes of methodologies: create, edit the draft version, publish, retire and reactivate.

Only the PMO (policy.may_edit_methodologies) writes them. A methodology's newest version is its draft
until published; a published version never changes, so editing a published methodology starts a new
draft copied from its newest version.
"""

from collections.abc import Sequence
from typing import TypedDict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from governance import policy
from governance.default_methodologies import install_default_methodologies
from governance.lifecycle import LIFECYCLE_ORDER
from governance.models import Methodology, MethodologyPhase, MethodologyVersion, User


class PhaseInput(TypedDict, total=False):
    """One phase of a draft as an editor sends it; its place in the list is its order."""

    lifecycle_phase: str
    name: str
    gate_name: str
    checklist: list[str]
    required_deliverables: list[str]
    reviewers: list[str]


class StandardRiskInput(TypedDict):
    title: str
    category: str
    probability: int
    impact: int


def _check_editor(actor: User) -> None:
    if not policy.may_edit_methodologies(actor):
        raise PermissionDenied(_("Only PMO staff and admins may change methodologies."))


def _locked(methodology: Methodology) -> Methodology:
    return Methodology.objects.select_for_update().get(pk=methodology.pk)


def _newest_version(methodology: Methodology) -> MethodologyVersion | None:
    return methodology.versions.order_by("-number").first()


@transaction.atomic
def methodology_create(*, actor: User, code: str, name: str, description: str = "") -> Methodology:
    """Create a methodology with an empty draft version 1; it is offered to projects once published."""
    _check_editor(actor)
    methodology = Methodology(code=code.strip(), name=name.strip(), description=description.strip())
    methodology.full_clean()
    methodology.save()
    MethodologyVersion.objects.create(methodology=methodology, number=1)
    return methodology


@transaction.atomic
def methodology_update(*, actor: User, methodology: Methodology, name: str, description: str) -> Methodology:
    """Rename or redescribe a methodology; its versions and the projects following them are untouched."""
    _check_editor(actor)
    methodology = _locked(methodology)
    methodology.name = name.strip()
    methodology.description = description.strip()
    methodology.full_clean()
    methodology.save()
    return methodology


@transaction.atomic
def methodology_draft_start(*, actor: User, methodology: Methodology) -> MethodologyVersion:
    """The methodology's draft: its newest version if unpublished, else a new one copied from the newest.

    The copy takes the cadence, standard risks and phases of the newest version, numbered one above it.
    """
    _check_editor(actor)
    methodology = _locked(methodology)
    newest = _newest_version(methodology)
    if newest is not None and not newest.is_published:
        return newest
    if newest is None:
        return MethodologyVersion.objects.create(methodology=methodology, number=1)
    draft = MethodologyVersion.objects.create(
        methodology=methodology,
        number=newest.number + 1,
        report_cadence=newest.report_cadence,
        standard_risks=list(newest.standard_risks),
    )
    MethodologyPhase.objects.bulk_create(
        MethodologyPhase(
            version=draft,
            order=phase.order,
            lifecycle_phase=phase.lifecycle_phase,
            name=phase.name,
            gate_name=phase.gate_name,
            checklist=list(phase.checklist),
            required_deliverables=list(phase.required_deliverables),
            reviewers=list(phase.reviewers),
        )
        for phase in newest.phases.order_by("order")
    )
    return draft


def _refuse_published(version: MethodologyVersion) -> None:
    if version.is_published:
        raise ValidationError(
            _(
                "Version %(number)s is published and no longer changes; edit the methodology to start a "
                "new draft."
            )
            % {"number": version.number}
        )


def _phase_rows(version: MethodologyVersion, phases: Sequence[PhaseInput]) -> list[MethodologyPhase]:
    """The phases as unsaved rows, each validated; errors name the phase by its position."""
    rows, errors = [], []
    for order, phase in enumerate(phases, start=1):
        row = MethodologyPhase(
            version=version,
            order=order,
            lifecycle_phase=phase.get("lifecycle_phase", ""),
            name=str(phase.get("name", "")).strip(),
            gate_name=str(phase.get("gate_name", "")).strip(),
            checklist=[str(item).strip() for item in phase.get("checklist", []) if str(item).strip()],
            required_deliverables=list(phase.get("required_deliverables", [])),
            reviewers=list(phase.get("reviewers", [])),
        )
        try:
            row.full_clean(exclude=["version"], validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            for field_name, messages in error.message_dict.items():
                label = MethodologyPhase._meta.get_field(field_name).verbose_name
                errors.extend(
                    _("Phase %(n)d, %(field)s: %(message)s")
                    % {"n": order, "field": label, "message": message}
                    for message in messages
                )
        rows.append(row)
    positions = [
        LIFECYCLE_ORDER.index(row.lifecycle_phase) for row in rows if row.lifecycle_phase in LIFECYCLE_ORDER
    ]
    if len(set(positions)) != len(positions):
        errors.append(_("Each lifecycle phase may appear only once."))
    elif positions != sorted(positions):
        errors.append(
            _("The phases must follow the lifecycle: initiating, planning, executing, monitoring, closing.")
        )
    if errors:
        raise ValidationError({"phases": errors})
    return rows


@transaction.atomic
def methodology_version_update(
    *,
    actor: User,
    version: MethodologyVersion,
    report_cadence: str,
    standard_risks: Sequence[StandardRiskInput],
    phases: Sequence[PhaseInput],
    change_notes: str = "",
    name: str | None = None,
    description: str | None = None,
) -> MethodologyVersion:
    """Replace the content of an unpublished version: cadence, standard risks, phases in the order given;
    with `name` or `description`, rename or redescribe the methodology too.

    Refused, with nothing changed, when the version is published or any part is invalid.
    """
    _check_editor(actor)
    version = MethodologyVersion.objects.select_for_update().select_related("methodology").get(pk=version.pk)
    _refuse_published(version)
    if name is not None or description is not None:
        methodology_update(
            actor=actor,
            methodology=version.methodology,
            name=version.methodology.name if name is None else name,
            description=version.methodology.description if description is None else description,
        )
    version.report_cadence = report_cadence
    version.standard_risks = [dict(risk) for risk in standard_risks]
    version.change_notes = change_notes.strip()
    errors = {}
    try:
        version.full_clean()
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        rows = _phase_rows(version, phases)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    version.save()
    version.phases.all().delete()
    MethodologyPhase.objects.bulk_create(rows)
    return version


@transaction.atomic
def methodology_version_publish(*, actor: User, version: MethodologyVersion) -> MethodologyVersion:
    """Freeze a draft version: from now on new projects follow it and it never changes again."""
    _check_editor(actor)
    version = MethodologyVersion.objects.select_for_update().get(pk=version.pk)
    _refuse_published(version)
    if not version.phases.exists():
        raise ValidationError(
            {"phases": _("A methodology version needs at least one phase to be published.")}
        )
    version.published_at = timezone.now()
    version.published_by = actor
    version.save(update_fields=["published_at", "published_by"])
    return version


def _set_active(*, actor: User, methodology: Methodology, active: bool) -> Methodology:
    _check_editor(actor)
    methodology = _locked(methodology)
    methodology.is_active = active
    methodology.save(update_fields=["is_active"])
    return methodology


@transaction.atomic
def methodology_retire(*, actor: User, methodology: Methodology) -> Methodology:
    """Stop offering a methodology to new projects; the projects that follow it keep it."""
    return _set_active(actor=actor, methodology=methodology, active=False)


@transaction.atomic
def methodology_reactivate(*, actor: User, methodology: Methodology) -> Methodology:
    """Offer a retired methodology to new projects again."""
    return _set_active(actor=actor, methodology=methodology, active=True)


def methodology_published_version(methodology: Methodology) -> MethodologyVersion | None:
    """The newest published version of a methodology, which new projects follow; None before the first."""
    number = methodology.versions.filter(published_at__isnull=False).aggregate(newest=Max("number"))["newest"]
    return None if number is None else methodology.versions.get(number=number)


@transaction.atomic
def methodologies_install_defaults() -> int:
    """Add the five default methodologies that are missing (by code); what PMO staff edited stays."""
    return install_default_methodologies(Methodology, MethodologyVersion, MethodologyPhase)
