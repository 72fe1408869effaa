"""Methodologies as PMO standards: the phases a project goes through, the gate closing each, what a gate
requires, who reviews it, how often status is reported and the risks a new project starts with.

A methodology keeps every version it had: a project follows the version it started with until the PMO
moves it, so editing a methodology never changes the rules under a running project by surprise. Only
the newest version of a methodology is edited; publishing it freezes it and starts the next draft.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from governance.lifecycle import LifecyclePhase
from governance.standards import DeliverableKind, GateReviewer, ReportCadence
from governance.text import validate_name_characters, validate_text_characters


class Methodology(models.Model):
    """A way of running projects that the PMO offers or mandates (PMBOK waterfall, PRINCE2, Scrum...)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120, validators=[validate_name_characters])
    description = models.TextField(_("description"), blank=True, validators=[validate_text_characters])
    is_active = models.BooleanField(
        _("offered to new projects"),
        default=True,
        help_text=_("Retired methodologies stay with the projects that follow them."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("methodology")
        verbose_name_plural = _("methodologies")
        ordering = ["name"]

    def __str__(self):
        return self.name


class MethodologyVersion(models.Model):
    """One version of a methodology; a published version never changes again."""

    methodology = models.ForeignKey(
        Methodology, on_delete=models.CASCADE, related_name="versions", verbose_name=_("methodology")
    )
    number = models.PositiveIntegerField(_("version"))
    report_cadence = models.CharField(
        _("status report cadence"), max_length=10, choices=ReportCadence.choices, default=ReportCadence.WEEKLY
    )
    # [{"title", "category", "probability": 1-5, "impact": 1-5}]: offered to a new project's register.
    standard_risks = models.JSONField(_("standard risks"), default=list, blank=True)
    change_notes = models.TextField(_("what changed"), blank=True, validators=[validate_text_characters])
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )

    class Meta:
        verbose_name = _("methodology version")
        verbose_name_plural = _("methodology versions")
        ordering = ["methodology", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["methodology", "number"], name="methodology_version_unique"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="methodology_version_from_one"),
        ]

    def __str__(self):
        return f"{self.methodology.name} v{self.number}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def clean(self):
        errors = []
        if not isinstance(self.standard_risks, list):
            errors.append(_("Standard risks must be a list."))
        else:
            for position, risk in enumerate(self.standard_risks, start=1):
                if not isinstance(risk, dict) or not str(risk.get("title", "")).strip():
                    errors.append(_("Standard risk %(n)d needs a title.") % {"n": position})
                    continue
                for scale in ("probability", "impact"):
                    value = risk.get(scale, 3)
                    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
                        errors.append(
                            _("Standard risk %(n)d: %(scale)s must be a whole number from 1 to 5.")
                            % {"n": position, "scale": scale}
                        )
        if errors:
            raise ValidationError({"standard_risks": errors})


class MethodologyPhase(models.Model):
    """A phase of a methodology version, in order, and the gate that closes it."""

    version = models.ForeignKey(
        MethodologyVersion, on_delete=models.CASCADE, related_name="phases", verbose_name=_("version")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    lifecycle_phase = models.CharField(_("lifecycle phase"), max_length=20, choices=LifecyclePhase.choices)
    name = models.CharField(_("name"), max_length=120, validators=[validate_name_characters])
    gate_name = models.CharField(_("gate"), max_length=120, blank=True, validators=[validate_name_characters])
    # The questions the reviewers answer at the gate, in order: ["Business case still valid?", ...].
    checklist = models.JSONField(_("review checklist"), default=list, blank=True)
    # DeliverableKind values the gate requires.
    required_deliverables = models.JSONField(_("required deliverables"), default=list, blank=True)
    # GateReviewer values: who decides the gate, besides what the PMO type says.
    reviewers = models.JSONField(_("reviewers"), default=list, blank=True)

    class Meta:
        verbose_name = _("methodology phase")
        verbose_name_plural = _("methodology phases")
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "order"], name="methodology_phase_order_unique"),
            models.UniqueConstraint(
                fields=["version", "lifecycle_phase"], name="methodology_phase_lifecycle_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(lifecycle_phase__in=LifecyclePhase.values),
                name="methodology_phase_lifecycle_valid",
            ),
        ]

    def __str__(self):
        return f"{self.version} · {self.name}"

    @property
    def has_gate(self) -> bool:
        return bool(self.gate_name)

    @property
    def required_deliverable_labels(self) -> list[str]:
        """The required deliverables by their names, in the reader's language."""
        labels = dict(DeliverableKind.choices)
        return [str(labels.get(kind, kind)) for kind in self.required_deliverables]

    @property
    def reviewer_labels(self) -> list[str]:
        """Who reviews the gate, by name, in the reader's language."""
        labels = dict(GateReviewer.choices)
        return [str(labels.get(reviewer, reviewer)) for reviewer in self.reviewers]

    def clean(self):
        errors = {}
        if not _is_list_of_text(self.checklist):
            errors["checklist"] = _("The checklist must be a list of questions.")
        if not _is_list_of(self.required_deliverables, DeliverableKind.values):
            errors["required_deliverables"] = _("Choose deliverables from the list.")
        if not _is_list_of(self.reviewers, GateReviewer.values):
            errors["reviewers"] = _("Choose reviewers from the list.")
        if errors:
            raise ValidationError(errors)


def _is_list_of_text(value) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) and item.strip() for item in value)


def _is_list_of(value, allowed) -> bool:
    return (
        isinstance(value, list) and all(item in allowed for item in value) and len(set(value)) == len(value)
    )
