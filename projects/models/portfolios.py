"""Portfolios and programs: how the organisation groups its projects; a portfolio may set its PMO type."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from governance.models import PmoType
from governance.text import validate_name_characters, validate_text_characters

code_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
    _("Use letters, digits, dots, dashes and underscores, starting with a letter or digit."),
)


class Portfolio(models.Model):
    code = models.CharField(_("code"), max_length=20, unique=True, validators=[code_validator])
    name = models.CharField(_("name"), max_length=200, validators=[validate_name_characters])
    description = models.TextField(_("description"), blank=True, validators=[validate_text_characters])
    pmo_type_override = models.CharField(
        _("PMO type override"),
        max_length=20,
        choices=PmoType.choices,
        blank=True,
        help_text=_("Leave empty to follow the installation's PMO type."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("portfolio")
        verbose_name_plural = _("portfolios")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Program(models.Model):
    portfolio = models.ForeignKey(
        Portfolio, on_delete=models.PROTECT, related_name="programs", verbose_name=_("portfolio")
    )
    code = models.CharField(_("code"), max_length=20, unique=True, validators=[code_validator])
    name = models.CharField(_("name"), max_length=200, validators=[validate_name_characters])
    description = models.TextField(_("description"), blank=True, validators=[validate_text_characters])

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        ordering = ["name"]

    def __str__(self):
        return self.name
