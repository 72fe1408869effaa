"""The demo's governance record: each project's passed gates reviewed by the PMO and their deliverables
accepted, with a few gaps left on purpose so that the compliance view has something to show.

Written once per project: a project that already has gate reviews or deliverables is left as it is, so a
second run of seed_demo keeps what users did.
"""

from collections import Counter
from datetime import timedelta

from django.utils import timezone

from governance.lifecycle import LIFECYCLE_ORDER
from projects.models import Deliverable, GateReview, Project
from projects.selectors.gates import project_gates

# Deliverables the demo leaves missing: (project code, deliverable kind).
GAPS = {
    ("CX-CRM-01", "end_stage_report"),
    ("DT-DATA-01", "release_plan"),
    ("INF-NET-01", "test_report"),
    ("INF-SEC-01", "risk_register"),
}
# Projects whose last passed gate was never approved (the PM moved on under a supportive PMO, say).
UNREVIEWED = {"DT-ERP-02", "CX-VOC-01"}


def seed_demo_governance(*, reviewer, tally: Counter) -> None:
    now = timezone.now()
    for project in Project.objects.select_related("project_manager", "methodology_version").order_by("code"):
        if (
            GateReview.objects.filter(project=project).exists()
            or Deliverable.objects.filter(project=project).exists()
        ):
            tally[("gate reviews", "existing")] += 1
            continue
        position = LIFECYCLE_ORDER.index(project.phase)
        passed = [
            gate
            for gate in project_gates(project)
            if gate.has_gate and LIFECYCLE_ORDER.index(gate.phase) < position
        ]
        for number, gate in enumerate(passed):
            last = number == len(passed) - 1
            decided_at = now - timedelta(days=14 * (len(passed) - number))
            if not (last and project.code in UNREVIEWED):
                GateReview.objects.create(
                    project=project,
                    phase=gate.phase,
                    gate_name=gate.gate_name,
                    checklist=list(gate.checklist),
                    answers=[{"answer": "yes", "note": ""} for _question in gate.checklist],
                    state="approved",
                    requested_by=project.project_manager,
                    requested_at=decided_at - timedelta(days=2),
                    decided_by=reviewer,
                    decided_at=decided_at,
                    comment="Deliverables reviewed; the gate is passed.",
                )
                tally[("gate reviews", "created")] += 1
            for kind in gate.required_deliverables:
                if (project.code, kind) in GAPS:
                    continue
                Deliverable.objects.get_or_create(
                    project=project,
                    kind=kind,
                    defaults={
                        "state": "accepted",
                        "link": f"https://docs.example.com/{project.code.lower()}/{kind}",
                        "submitted_by": project.project_manager,
                        "submitted_at": decided_at - timedelta(days=3),
                        "accepted_by": reviewer,
                        "accepted_at": decided_at,
                    },
                )
                tally[("deliverables", "created")] += 1
