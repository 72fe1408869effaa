"""Import and export of plans: CSV, XLSX and Microsoft Project XML (MSPDI), each both ways.

The tabular format (CSV and XLSX share it; one header row, then one row per task in outline order).
Headers are read in English or Simplified Chinese (名称, 工期（天）, 前置任务, 开始, 完成, 负责人, ...; any
case, spacing and bracket width; see projects.plan_io.tabular.columns); export writes them, and Yes/No, in
the active language:

===================  =================================================================================
column               meaning
===================  =================================================================================
WBS                  the outline: ``1``, ``1.1``, ``1.2``, ``2``. A row whose code starts with another
                     row's code plus a dot is its subtask; the parent must come earlier in the file.
                     Siblings keep the file's order; codes are renumbered densely after import.
Name                 required, at most 200 characters.
Milestone            Yes / No (also true/false, 1/0, x, 是/否); a milestone has zero duration.
Duration (days)      whole working days (``3``, ``3d``, ``3天``, ``3 个工作日``); blank = 1 (0 for a
                     milestone).
Start, Finish        computed planned dates (written on export, ignored on import). A file without a
                     Constraint column may use Start for a start-no-earlier-than date instead; a
                     manually scheduled task keeps its Start.
% Complete           whole number 0-100.
Planned cost         amount in the project's currency, at most two decimals.
Assignee             username of the project manager or a project member.
Predecessors         links to this task, MS Project style, naming the predecessor by WBS code:
                     ``1.2FS+2d;1.3SS-1d;4`` (type FS when left out, lag in working days, negative =
                     lead; items separated by ``;`` or ``,``; 完成-开始 etc. and 天 are read too).
Constraint           blank, SNET (start no earlier than) or FNLT (finish no later than), also
                     MS Project's Chinese 不得早于...开始 / 不得晚于...完成,
Constraint date      with its date (YYYY-MM-DD).
Actual start/finish  dates (YYYY-MM-DD).
Notes                free text.
Manual               Yes / No: manually scheduled (手动计划), keeping its Start whatever its
                     predecessors, as in MS Project; ignored on summary rows.
Task ID              the portal's id of the task, written on export; an update in place matches rows by
                     it (blank: a new task). Ignored when the file replaces the plan.
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

Files are bounded before they are read: 10 MB uploaded, 10,000 rows after the header (blank rows
count too) and 64 columns; an XLSX workbook's parts are bounded unpacked too, and a DTD is refused in
XLSX and MSPDI alike (projects.limits, projects.plan_io.tabular.workbook). Names and notes refuse
control characters (governance.text), reported by row and column.

Import is atomic: any problem imports nothing, and every problem of a file (cells, structure, users,
cycles) is listed row by row in one pass (the first 100, and how many more). It either replaces the plan
as a whole (a project that already has tasks is only replaced when the caller asks for it explicitly,
and never once actual costs are booked) or, for CSV and XLSX, updates it in place
(projects.plan_io.updates): rows matched to tasks by Task ID, else by WBS code, keep their task, its
costs, baseline rows and history.
"""
