"""What builds the demo from the data beside it: the organisation, then each project's plan and progress."""
