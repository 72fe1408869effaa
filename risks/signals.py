"""The risk register's receivers of what the projects app announces."""

from django.dispatch import receiver

from projects.models import StatusReport
from projects.services.projects import project_created
from projects.services.status_reports import status_report_figures
from risks.selectors.risks import risks_raised_between
from risks.services import project_standard_risks_add


@receiver(project_created, dispatch_uid="risks.start_register_with_standard_risks")
def start_register_with_standard_risks(sender, project_id: int, **kwargs) -> None:
    """A new project starts with its methodology's standard risks to assess.

    project_created is sent robustly after the commit: a failure here is logged by the signal and
    leaves the project as created, with its PM free to raise the risks by hand.
    """
    project_standard_risks_add(project_id=project_id)


@receiver(status_report_figures, sender=StatusReport, dispatch_uid="risks.new_risks_of_the_period")
def new_risks_of_the_period(sender, project, period_start, period_end, **kwargs) -> dict:
    """A status report draft starts with the risks raised in its period."""
    return {
        "new_risks": risks_raised_between(project_id=project.pk, first_day=period_start, last_day=period_end)
    }
