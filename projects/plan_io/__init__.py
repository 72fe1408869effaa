"""Import and export of plans: CSV, XLSX and Microsoft Project XML (MSPDI), each both ways.

The tabular format (CSV and XLSX share it; one header row, then one row per task in outline order):

===================  =================================================================================
column               meaning
===================  =================================================================================
WBS                  the outline: ``1``, ``1.1``, ``1.2``, ``2``. A row whose code starts with another
                     row's code plus a dot is its subtask; the parent must come earlier in the file.
                     Siblings keep the file's order; codes are renumbered densely after import.
Name                 required, at most 200 characters.
Milestone            Yes / No (also true/false, 1/0, x, 是/否); a milestone has zero duration.
Duration (days)      whole working days (``3``, ``3d``); blank = 1 (0 for a milestone).
Start, Finish        computed planned dates (written on export, ignored on import). A file without a
                     Constraint column may use Start for a start-no-earlier-than date instead.
% Complete           whole number 0-100.
Planned cost         amount in the project's currency, at most two decimals.
Assignee             username of the project manager or a project member.
Predecessors         links to this task, MS Project style, naming the predecessor by WBS code:
                     ``1.2FS+2d;1.3SS-1d;4`` (type FS when left out, lag in working days, negative =
                     lead; items separated by ``;`` or ``,``).
Constraint           blank, SNET (start no earlier than) or FNLT (finish no later than),
Constraint date      with its date (YYYY-MM-DD).
Actual start/finish  dates (YYYY-MM-DD).
Notes                free text.
===================  =================================================================================

Summary tasks (rows with subtasks) take duration, milestone, cost and % complete from their subtasks:
those cells are written on export and ignored on import. Links join work tasks and milestones only;
a link to or from a summary row is reported as a problem. Export writes CSV as UTF-8 with a BOM so
that Excel opens Chinese names correctly; cells starting with ``= + - @`` are prefixed with ``'`` so
spreadsheets never run them as formulas (import strips that prefix again).

MSPDI import keeps tasks, the outline (summary tasks), durations (rounded to whole working days),
milestones, start-no-earlier-than / finish-no-later-than constraints and the four link types with
lag or lead. Links to or from summary tasks become links between their leaf tasks where MS Project's
semantics allow it exactly (see projects.plan_io.mspdi); the others are dropped and listed as warnings.
It keeps what MS Project scheduled: manually scheduled tasks (Manual=1) keep their start, started tasks
start on their actual start and finished ones keep their actual dates; % complete, cost, notes, the
working week and exceptions (into the project's calendar) and resources (as assignees, where a resource
names a project member) come along, and the report says what was converted. MSPDI export
(projects.plan_io.mspdi.writer) writes the plan so that it imports back to the same plan.

Import replaces the plan as a whole and is atomic: any problem (listed row by row) imports nothing.
A project that already has tasks is only replaced when the caller asks for it explicitly.
"""
