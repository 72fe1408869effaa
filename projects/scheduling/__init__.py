"""Critical-path scheduling by the precedence diagramming method (pure Python, no ORM).

Time is counted in working periods (working days on the project calendar) from the project
start at period 0. An activity with early start ES and duration d occupies ES .. ES + d and
has early finish EF = ES + d, so a milestone (d = 0) has ES == EF. Plans use whole periods,
which `projects.workcalendar.WorkCalendar` maps to calendar dates; textbook networks and
three-point (PERT) estimates may use fractions: durations, lags and constraints are any
finite numbers (int, float, Decimal, Fraction; not bool), durations >= 0.

A link from predecessor i to successor j with lag L (negative L is a lead) requires:

- FS: ES(j) >= EF(i) + L
- SS: ES(j) >= ES(i) + L
- FF: EF(j) >= EF(i) + L
- SF: EF(j) >= ES(i) + L

Writing EF = ES + d, every link is one difference constraint between start times,
ES(j) - ES(i) >= gap, where gap is the lag, plus d(i) when the predecessor's finish drives
(FS, FF), minus d(j) when the successor's finish is driven (FF, SF). The forward pass takes the
largest ES(i) + gap in Kahn topological order, the backward pass the smallest LS(j) - gap in
reverse order: linear in activities + links, and nothing recurses (20,000-long chains are fine).

How it stays linear and fast (bench/bench_scheduling.py records the figures): activities
become integer positions and their fields flat lists, each read by one C-level map; the links
are read in one Python walk that checks them, turns each into its gap and files it in one flat
list per predecessor, successor and gap side by side, so no object is created per link and
both passes only index lists; free float is capped inside the backward sweep; the results are
assembled by C-level maps; and the cyclic garbage collector is paused for the duration of the
call (nothing built here is cyclic, yet each collection would re-scan every live object, the
caller's too, which made the cost per activity grow with the network). Checks that need a
message (a duplicate id, a bad number or link) find the fault cheaply and leave it to
`passes._first_problem` to name it in input order. What still grows with the size is the memory:
past about 10,000 activities the lists and the input objects no longer fit in the processor's
caches, and every pass follows links to positions anywhere in them. The bench shows it: the
same network listed in topological order (as plans list their tasks) costs per activity far
less at 100,000 than listed shuffled, and merely reading the input once grows as much.

Fractions are computed exactly: when any number is not a whole int, every number is
scaled by the least common denominator of their decimal values (0.1 counts as 1/10, not as
its binary approximation), the integer passes run, and the figures are divided back. So
0.1 + 0.2 is 0.3, ties are exact (a tie on the critical path is not lost to rounding), and a
whole figure comes back as an int.
"""

from projects.scheduling.json_network import parse_network, schedule_to_dict
from projects.scheduling.network import (
    Activity,
    ActivityId,
    ActivitySchedule,
    CycleError,
    Link,
    LinkType,
    Number,
    Schedule,
    SchedulingError,
)
from projects.scheduling.passes import compute_schedule

__all__ = [
    "Activity",
    "ActivityId",
    "ActivitySchedule",
    "CycleError",
    "Link",
    "LinkType",
    "Number",
    "Schedule",
    "SchedulingError",
    "compute_schedule",
    "parse_network",
    "schedule_to_dict",
]
