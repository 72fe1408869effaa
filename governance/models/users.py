"""People who sign in and the roles they hold."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from governance.text import validate_name_characters


class Role(models.TextChoices):
    ADMIN = "admin", _("Admin")
    PMO_STAFF = "pmo_staff", _("PMO staff")
    PROJECT_MANAGER = "project_manager", _("Project manager")
    TEAM_MEMBER = "team_member", _("Team member")
    SPONSOR = "sponsor", _("Sponsor")


class User(AbstractUser):
    """A person who signs in; holds any number of roles (admin is Django's superuser flag)."""

    is_pmo_staff = models.BooleanField(_("PMO staff"), default=False)
    is_project_manager = models.BooleanField(_("project manager"), default=False)
    is_team_member = models.BooleanField(_("team member"), default=False)
    is_sponsor = models.BooleanField(_("sponsor"), default=False)
    first_name = models.CharField(
        _("first name"), max_length=150, blank=True, validators=[validate_name_characters]
    )
    last_name = models.CharField(
        _("last name"), max_length=150, blank=True, validators=[validate_name_characters]
    )
    department = models.CharField(
        _("department"), max_length=120, blank=True, validators=[validate_name_characters]
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    @property
    def roles(self) -> list[str]:
        flags = [
            (Role.ADMIN, self.is_superuser),
            (Role.PMO_STAFF, self.is_pmo_staff),
            (Role.PROJECT_MANAGER, self.is_project_manager),
            (Role.TEAM_MEMBER, self.is_team_member),
            (Role.SPONSOR, self.is_sponsor),
        ]
        return [role for role, held in flags if held]
