from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from governance import policy, services
from governance.models import PmoSettings, User


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    fieldsets = (
        *UserAdmin.fieldsets,
        (
            _("PMO roles"),
            {"fields": ("is_pmo_staff", "is_project_manager", "is_team_member", "is_sponsor", "department")},
        ),
    )
    list_display = (
        "username",
        "first_name",
        "last_name",
        "is_superuser",
        "is_pmo_staff",
        "is_project_manager",
    )
    list_filter = ("is_superuser", "is_pmo_staff", "is_project_manager", "is_team_member", "is_sponsor")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # A deactivated account's tokens die now, not only when next used: reactivating it later
        # must not bring them back. (A new password ends them by itself, see ApiToken.)
        if not obj.is_active:
            services.api_tokens_revoke_all(user=obj)


@admin.register(PmoSettings)
class PmoSettingsAdmin(admin.ModelAdmin):
    list_display = ("pmo_type", "default_currency", "updated_at")

    def has_add_permission(self, request):
        return not PmoSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    # The PMO type is the admin's call (DOMAIN.md), whatever model permissions a staff account holds.
    def has_change_permission(self, request, obj=None):
        return policy.may_configure_pmo(request.user)
