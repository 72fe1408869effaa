"""Recording the plan's audit trail (PlanEvent): one row per change a person makes to a plan.

Tasks, links, baselines and actual costs are recorded from Django's model signals, so every path that
saves one row (the services, the admin, a service written later) is covered without a call of its own.
Bulk writes send no signals, which is what the derived fields want: a reschedule rewrites the dates of
many tasks, and an import records one summary (`record_plan_import`) instead of thousands of lines.

Rules:
- A changed task lists the fields a person set, old -> new, compared with the row as stored just
  before the save; the schedule and outline figures that project_reschedule derives are left out.
- A deletion is recorded for the row someone deleted: a task's subtasks and links go with it, and a
  plan replaced by an import or deleted with its project is not listed row by row.
- Who: the actor that a plan service named in this transaction (`remember_plan_actor`, called by
  require_plan_editor), else the signed-in user of the request (simple-history's middleware holds
  it), else nobody: the history then says "system".
"""
