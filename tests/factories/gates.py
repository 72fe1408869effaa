"""A published methodology version with gates, built in the test itself: tests that flush the database
(browser tests) remove what the seeding migration created, so nothing here relies on it."""

from django.utils import timezone

from governance.models import Methodology, MethodologyPhase, MethodologyVersion

# (lifecycle phase, name, gate, checklist, required deliverables, reviewers), waterfall-like.
GATED_PHASES = (
    (
        "initiating",
        "Initiation",
        "Initiation gate",
        ["Is the business case still valid?", "Is the budget approved?"],
        ["business_case", "charter"],
        ["pmo", "sponsor"],
    ),
    (
        "planning",
        "Planning",
        "Planning gate",
        ["Is the schedule baselined?", "Are the main risks assessed?"],
        ["project_plan", "risk_register"],
        ["pmo"],
    ),
    ("executing", "Execution", "Acceptance gate", ["Has the customer accepted?"], ["acceptance"], ["pmo"]),
    ("closing", "Closing", "", [], ["lessons_learned"], []),
)


def gated_methodology_version(code: str = "test-gated") -> MethodologyVersion:
    """A published version 1 of a methodology with the four phases above (created once per database)."""
    methodology, _created = Methodology.objects.get_or_create(code=code, defaults={"name": "Gated"})
    version, created = MethodologyVersion.objects.get_or_create(
        methodology=methodology, number=1, defaults={"published_at": timezone.now()}
    )
    if created:
        MethodologyPhase.objects.bulk_create(
            MethodologyPhase(
                version=version,
                order=order,
                lifecycle_phase=phase,
                name=name,
                gate_name=gate,
                checklist=checklist,
                required_deliverables=deliverables,
                reviewers=reviewers,
            )
            for order, (phase, name, gate, checklist, deliverables, reviewers) in enumerate(
                GATED_PHASES, start=1
            )
        )
    return version
