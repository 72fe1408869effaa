"""Reads of actual costs: the entries booked on a task, and tasks annotated with what they cost."""

from decimal import Decimal

from django.db.models import DecimalField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from projects.models import CostEntry, Task


def with_actual_cost(tasks: QuerySet[Task]) -> QuerySet[Task]:
    """Annotate each task with `actual_cost`, the sum of its cost entries up to today (0 without any).

    Entries dated later (stored before such dates were refused) are not spent yet, so they do not count.
    """
    money = DecimalField(max_digits=16, decimal_places=2)
    booked = (
        CostEntry.objects.filter(task=OuterRef("pk"), date__lte=timezone.localdate())
        .order_by()
        .values("task")
        .annotate(total=Sum("amount"))
    )
    return tasks.annotate(
        actual_cost=Coalesce(
            Subquery(booked.values("total"), output_field=money), Value(Decimal("0")), output_field=money
        )
    )


def cost_entry_list(*, task: Task) -> QuerySet[CostEntry]:
    """Actual costs booked on a task, by date."""
    return CostEntry.objects.filter(task=task).select_related("created_by").order_by("date", "id")
