"""The pages of the risks app: the schedule-risk simulation, reminders and register exports."""
