"""The risk register's receivers of what the projects app announces."""

from django.dispatch import receiver

from projects.services.projects import project_created
from risks.services import project_standard_risks_add


@receiver(project_created, dispatch_uid="risks.start_register_with_standard_risks")
def start_register_with_standard_risks(sender, project_id: int, **kwargs) -> None:
    """A new project starts with its methodology's standard risks to assess.

    project_created is sent robustly after the commit: a failure here is logged by the signal and
    leaves the project as created, with its PM free to raise the risks by hand.
    """
    project_standard_risks_add(project_id=project_id)
