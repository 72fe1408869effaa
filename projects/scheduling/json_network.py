"""A network as JSON (`manage.py schedule`, `POST /api/schedule/`): parsed into activities, the schedule
written back."""

from __future__ import annotations

import math
from typing import Any

from projects.scheduling.network import (
    LINK_SIDES,
    Activity,
    Link,
    LinkType,
    Schedule,
    SchedulingError,
    quote,
)

# The largest size of a number `parse_network` accepts: far past any network, yet a million activities
# of it add up to figures well inside a float (a fractional figure past 1.8e308 cannot be written back).
_LARGEST_NUMBER = 10**15


_ACTIVITY_FIELDS = {
    "id",
    "duration",
    "predecessors",
    "start_no_earlier_than",
    "finish_no_later_than",
    "fixed_start",
}
_LINK_FIELDS = {"id", "type", "lag"}


def parse_network(data: Any) -> list[Activity]:
    """Return the activities described by a decoded JSON network, validating its shape.

    Shape: {"activities": [{"id": "A", "duration": 3, "predecessors": [{"id": "B",
    "type": "FS", "lag": 0}], "start_no_earlier_than": 2, "finish_no_later_than": 9,
    "fixed_start": null}]}. Durations, lags and the three constraints are finite numbers,
    fractions allowed (4.0, a PERT estimate 5.333), at most 1e15 either side of 0; durations
    are >= 0, lags may be negative; bool, NaN, infinity and strings are refused. Link "type"
    defaults to FS and "lag" to 0; the constraints are optional (null is allowed). Ids may be
    strings or whole numbers and are normalised to strings. Unknown fields are refused so that
    a misspelt constraint is not silently ignored. Raises SchedulingError with a one-line
    message naming the activity and field at fault. Graph rules (unknown or duplicate ids,
    cycles) are checked by `compute_schedule`.
    """
    if not isinstance(data, dict) or not isinstance(data.get("activities"), list) or len(data) != 1:
        raise SchedulingError('The network must be an object with only an "activities" list')
    return [
        _parse_activity(item, f"activities[{position}]") for position, item in enumerate(data["activities"])
    ]


def _parse_activity(item: object, where: str) -> Activity:
    if not isinstance(item, dict):
        raise SchedulingError(f"{where} must be an object, got {type(item).__name__}")
    if "id" not in item:
        raise SchedulingError(f'{where}: missing "id"')
    activity_id = _parse_id(item["id"], where)
    where = f"activity {quote(activity_id)}"
    _check_fields(item, where, _ACTIVITY_FIELDS, required="duration")
    duration = _number(item["duration"], f"{where}: duration")
    if duration < 0:
        raise SchedulingError(f"{where}: duration must not be negative, got {duration}")
    raw_links = item.get("predecessors", [])
    if not isinstance(raw_links, list):
        raise SchedulingError(f"{where}: predecessors must be a list, got {type(raw_links).__name__}")
    links = [
        _parse_link(link, f"{where}: predecessors[{position}]") for position, link in enumerate(raw_links)
    ]
    constraints = {
        name: _number(item.get(name), f"{where}: {name}", optional=True)
        for name in ("start_no_earlier_than", "finish_no_later_than", "fixed_start")
    }
    return Activity(id=activity_id, duration=duration, predecessors=tuple(links), **constraints)


def _parse_link(raw_link: object, where: str) -> Link:
    if not isinstance(raw_link, dict):
        raise SchedulingError(f"{where} must be an object, got {type(raw_link).__name__}")
    _check_fields(raw_link, where, _LINK_FIELDS, required="id")
    link_type = raw_link.get("type", "FS")
    if not isinstance(link_type, str) or link_type not in LINK_SIDES:
        raise SchedulingError(f"{where}: type must be one of FS, SS, FF, SF, got {link_type!r}")
    return Link(
        predecessor_id=_parse_id(raw_link["id"], where),
        type=LinkType(link_type),
        lag=_number(raw_link.get("lag", 0), f"{where}: lag"),
    )


def _number(value: object, where: str, *, optional: bool = False) -> Any:
    """Return `value` if it is an int or finite float up to 1e15 either side of 0 (None too when optional).

    Else raise SchedulingError.
    """
    if optional and value is None:
        return value
    # bool is a subclass of int, but True is not a duration.
    if type(value) is int or (type(value) is float and math.isfinite(value)):
        if abs(value) > _LARGEST_NUMBER:
            raise SchedulingError(
                f"{where} must be at most {_LARGEST_NUMBER:.0e} either side of 0, got {value!r}"
            )
        return value
    if type(value) is float:  # NaN or infinity, which Python's JSON reader lets through
        raise SchedulingError(f"{where} must be a finite number, got {value!r}")
    raise SchedulingError(f"{where} must be a number, got {type(value).__name__} {value!r}")


def _check_fields(item: dict[str, Any], where: str, allowed: set[str], *, required: str) -> None:
    if required not in item:
        raise SchedulingError(f'{where}: missing "{required}"')
    unknown = sorted(set(item) - allowed)
    if unknown:
        raise SchedulingError(
            f"{where}: unknown field {unknown[0]!r} (allowed: {', '.join(sorted(allowed))})"
        )


def _parse_id(value: object, where: str) -> str:
    if type(value) is int:
        return str(value)
    if isinstance(value, str) and value.strip():
        return value
    raise SchedulingError(f"{where}: id must be a non-empty string or a whole number, got {value!r}")


def schedule_to_dict(schedule: Schedule) -> dict[str, Any]:
    """Return the schedule as JSON-ready data: duration, critical path and per-activity figures.

    Ids are written as strings (JSON object keys are strings anyway); activities keep the
    input order.
    """
    return {
        "project_duration": schedule.project_duration,
        "critical_path": [str(activity_id) for activity_id in schedule.critical_path],
        "activities": {
            str(activity_id): figures._asdict() for activity_id, figures in schedule.activities.items()
        },
    }
