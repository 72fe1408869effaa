from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from projects.models import Portfolio, Program, Project, ProjectMembership


@admin.register(Portfolio)
class PortfolioAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "pmo_type_override")
    search_fields = ("code", "name")


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "portfolio")
    list_select_related = ("portfolio",)


class MembershipInline(admin.TabularInline):
    model = ProjectMembership
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "portfolio", "phase", "status", "project_manager")
    list_filter = ("portfolio", "phase", "status")
    list_select_related = ("portfolio", "project_manager")
    search_fields = ("code", "name")
    autocomplete_fields = ("project_manager", "sponsor")
    inlines = [MembershipInline]


# The plan models' admin pages live beside their models; importing registers them.
import projects.plan_admin  # noqa: E402,F401
