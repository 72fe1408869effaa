"""The Django admin of portfolios, projects and plans.

Plans are edited through the services (they reschedule), so the derived fields of a task are read-only here.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from governance.services import pmo_type_change_audit
from projects.models import (
    Baseline,
    BaselineTask,
    BurndownPoint,
    CalendarHoliday,
    CostEntry,
    Dependency,
    Portfolio,
    Program,
    Project,
    ProjectCalendar,
    ProjectMembership,
    Task,
)
from projects.services.reschedule import OUTLINE_FIELDS, SCHEDULE_FIELDS


@admin.register(Portfolio)
class PortfolioAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "pmo_type_override")
    search_fields = ("code", "name")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "pmo_type_override" in form.changed_data:
            pmo_type_change_audit(
                actor=request.user,
                target=obj,
                old=form.initial.get("pmo_type_override", "") if change else "",
                new=obj.pmo_type_override,
                request=request,
            )


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


class HolidayInline(admin.TabularInline):
    model = CalendarHoliday
    extra = 0


@admin.register(ProjectCalendar)
class ProjectCalendarAdmin(admin.ModelAdmin):
    list_display = ("project", "working_weekdays", "official_holidays")
    list_select_related = ("project",)
    inlines = [HolidayInline]


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = (
        "wbs_code",
        "name",
        "project",
        "planned_start",
        "planned_finish",
        "percent_complete",
        "is_critical",
    )
    list_filter = ("is_critical", "is_milestone", "is_summary")
    list_select_related = ("project",)
    search_fields = ("name", "wbs_code", "project__code")
    raw_id_fields = ("project", "parent", "assignee")
    # What project_reschedule derives (but position), and the version the ETags carry.
    readonly_fields = (*(name for name in OUTLINE_FIELDS if name != "position"), *SCHEDULE_FIELDS, "version")


@admin.register(Dependency)
class DependencyAdmin(admin.ModelAdmin):
    list_display = ("predecessor", "type", "lag_days", "successor", "project")
    list_select_related = ("predecessor", "successor", "project")
    raw_id_fields = ("project", "predecessor", "successor")


class BaselineTaskInline(admin.TabularInline):
    model = BaselineTask
    extra = 0
    raw_id_fields = ("task",)


@admin.register(Baseline)
class BaselineAdmin(admin.ModelAdmin):
    list_display = ("name", "project", "created_by", "created_at")
    list_select_related = ("project", "created_by")
    inlines = [BaselineTaskInline]


@admin.register(CostEntry)
class CostEntryAdmin(admin.ModelAdmin):
    list_display = ("task", "date", "amount", "note")
    list_select_related = ("task",)
    raw_id_fields = ("task", "created_by")


@admin.register(BurndownPoint)
class BurndownPointAdmin(admin.ModelAdmin):
    list_display = ("project", "date", "remaining_work_days", "planned_remaining_work_days")
    list_select_related = ("project",)
