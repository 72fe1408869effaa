"""Factories of knowledge: lessons learned (through the service, so their search words are stored)."""

from projects.models import Lesson, Project
from projects.services.knowledge import lesson_record


def record_lesson(project: Project, *, actor=None, **fields) -> Lesson:
    """A lesson recorded on the project by its PM (or `actor`), as the page and the API record one."""
    values = {"title": "Lesson", "what_happened": "Something happened.", **fields}
    return lesson_record(actor=actor or project.project_manager, project=project, **values)
