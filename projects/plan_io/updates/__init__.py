"""Update a plan in place from an edited export (CSV, XLSX): the write behind import mode "update".

Rows are matched to the plan's tasks by the Task ID column (written by export); a file without that
column is matched by WBS code. A matched task keeps its id, so its actual costs, baseline rows, history
and links stay. The rules:
- Only the columns the file has are read: a file without Notes leaves the notes alone. A blank cell of
  a column that is there clears the field, but a blank Duration keeps the task's duration.
- Summary tasks (tasks with subtasks after the update) take duration, milestone, cost, % complete and
  manual scheduling from their subtasks: those cells are ignored, as on any import.
- Manual (Yes/No) sets whether a task is manually scheduled; a manually scheduled row's Start becomes
  the start it keeps.
- A row that matches no task (in a file with Task IDs: a row without one) creates a task, under the
  parent its WBS code names (a row of the file, else a task of the plan) at the place the file gives.
- The outline follows the file: a row whose WBS code names another parent moves its task there, and
  siblings take the file's order. Tasks the file leaves out keep their parent, next to the sibling
  they followed.
- Where the file has a Predecessors column, a row's predecessors replace the links into its task;
  links into tasks the file leaves out stay. A predecessor may name a task the file leaves out by its
  WBS code.
- Tasks of the plan that no row matches stay, unless `delete_missing`: they are then deleted with their
  subtasks, which is refused for tasks with actual costs (the problem names them).
- A row's Version cell (written by export) must be the task's version now when the row changes the
  task's fields: otherwise the task changed after the export and the row is refused, so that the file
  does not silently undo that change. A blank cell (or no Version column) lets the file win; a row
  that changes nothing is never refused.
Every problem is reported in one pass and then nothing changes; otherwise the plan is rescheduled once.
The queries do not depend on the number of rows: the tasks, the links, one insert per outline level of
new rows, one update, at most three link writes, the deletion and the reschedule.
"""
