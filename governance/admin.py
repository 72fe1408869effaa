from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from governance import policy, services
from governance.models import AuditEvent, PmoSettings, User


def _role_facts(values) -> dict:
    """The role fields of a user form's values, groups and permissions as sorted names."""
    facts = {name: values[name] for name in services.ROLE_FIELDS if name in values}
    for name in ("groups", "user_permissions"):
        if name in values:
            facts[name] = sorted(str(item) for item in values[name] or ())
    return facts


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

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Groups and permissions are saved only now, so the change is judged once everything is stored.
        if change:
            before = {name: form.initial.get(name) for name in form.changed_data if name in form.initial}
            after = {name: form.cleaned_data.get(name) for name in before}
            services.user_roles_audit(
                actor=request.user,
                user=form.instance,
                before=_role_facts(before),
                after=_role_facts(after),
                request=request,
            )


@admin.register(PmoSettings)
class PmoSettingsAdmin(admin.ModelAdmin):
    list_display = ("pmo_type", "default_currency", "updated_at")
    # The compliance weights have their own page in the portal (governance:compliance_weights).
    fields = ("pmo_type", "default_currency")

    def has_add_permission(self, request):
        return not PmoSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    # The PMO type is the admin's call (DOMAIN.md), whatever model permissions a staff account holds.
    def has_change_permission(self, request, obj=None):
        return policy.may_configure_pmo(request.user)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "pmo_type" in form.changed_data:
            services.pmo_type_change_audit(
                actor=request.user,
                target=obj,
                old=form.initial.get("pmo_type", ""),
                new=obj.pmo_type,
                request=request,
            )


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit log, read-only: no one adds, changes or deletes an event, not even a superuser."""

    list_display = ("occurred_at", "kind", "outcome", "username", "object_type", "object_id", "ip_address")
    list_filter = ("kind", "outcome", "occurred_at")
    list_select_related = ("user",)
    search_fields = ("username", "object_repr", "ip_address")
    date_hierarchy = "occurred_at"
    readonly_fields = [field.name for field in AuditEvent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return policy.may_read_audit_log(request.user)
