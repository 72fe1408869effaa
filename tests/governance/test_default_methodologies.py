"""The five methodologies an installation starts with: published, complete, and installed only once."""

import pytest

from governance.models import Methodology, MethodologyVersion
from governance.services import methodologies_install_defaults

pytestmark = pytest.mark.django_db

DEFAULT_CODES = {"pmbok-waterfall", "prince2", "scrum", "hybrid", "fast-track"}


def test_the_five_defaults_are_published_with_gates_that_pass_validation():
    Methodology.objects.filter(code__in=DEFAULT_CODES).delete()

    assert methodologies_install_defaults() == 5

    versions = MethodologyVersion.objects.filter(methodology__code__in=DEFAULT_CODES).prefetch_related(
        "phases"
    )
    assert {version.methodology.code for version in versions} == DEFAULT_CODES
    for version in versions:
        assert version.is_published and version.number == 1
        version.full_clean()
        for phase in version.phases.all():
            phase.full_clean()
    fast_track = versions.get(methodology__code="fast-track")
    waterfall = versions.get(methodology__code="pmbok-waterfall")
    # The fast track has fewer gates and lighter deliverables than the waterfall, and still a closure gate.
    gates = [phase for phase in fast_track.phases.all() if phase.gate_name]
    assert len(gates) < len([phase for phase in waterfall.phases.all() if phase.gate_name])
    assert "lessons_learned" in gates[-1].required_deliverables


def test_installing_again_keeps_what_pmo_staff_edited():
    methodologies_install_defaults()
    Methodology.objects.filter(code="scrum").update(name="Scrum as we run it")

    assert methodologies_install_defaults() == 0
    assert Methodology.objects.get(code="scrum").name == "Scrum as we run it"
