"""Editing methodologies: drafts, publishing, retiring, and what each refuses with nothing changed."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from governance.models import Methodology, MethodologyVersion
from governance.services import (
    methodology_create,
    methodology_draft_start,
    methodology_published_version,
    methodology_reactivate,
    methodology_retire,
    methodology_version_publish,
    methodology_version_update,
)
from tests.factories import MethodologyPhaseFactory, UserFactory, published_version

pytestmark = pytest.mark.django_db

PHASES = [
    {
        "lifecycle_phase": "initiating",
        "name": "启动 Start",
        "gate_name": "Go",
        "checklist": ["Sponsor named?", "Budget approved?"],
        "required_deliverables": ["charter", "business_case"],
        "reviewers": ["pmo", "sponsor"],
    },
    {
        "lifecycle_phase": "executing",
        "name": "Build",
        "gate_name": "",
        "checklist": [],
        "required_deliverables": [],
        "reviewers": [],
    },
]
RISKS = [{"title": "供应商延期 Supplier late", "category": "schedule", "probability": 2, "impact": 4}]


@pytest.fixture
def pmo():
    return UserFactory(username="pmo", is_pmo_staff=True)


@pytest.fixture
def draft(pmo):
    return methodology_create(actor=pmo, code="lean", name="Lean").versions.get()


def update(pmo, draft, **overrides):
    values = {"report_cadence": "monthly", "standard_risks": RISKS, "phases": PHASES}
    values.update(overrides)
    return methodology_version_update(actor=pmo, version=draft, **values)


def test_a_new_methodology_starts_with_an_empty_unpublished_version_one(pmo):
    methodology = methodology_create(actor=pmo, code="lean", name="Lean", description="Small teams")
    version = methodology.versions.get()
    assert (version.number, version.is_published, version.phases.count()) == (1, False, 0)
    assert methodology_published_version(methodology) is None


def test_saving_a_draft_replaces_its_phases_in_the_order_given(pmo, draft):
    update(pmo, draft)
    update(pmo, draft, phases=[PHASES[0]])

    phases = list(draft.phases.order_by("order"))
    assert [(phase.order, phase.name) for phase in phases] == [(1, "启动 Start")]
    assert phases[0].checklist == ["Sponsor named?", "Budget approved?"]
    assert phases[0].required_deliverables == ["charter", "business_case"]
    draft.refresh_from_db()
    assert draft.report_cadence == "monthly"
    assert draft.standard_risks == RISKS


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"phases": [PHASES[1], PHASES[0]]}, "phases"),  # executing before initiating
        ({"phases": [PHASES[0], PHASES[0]]}, "phases"),  # the same lifecycle phase twice
        ({"phases": [{**PHASES[0], "name": ""}]}, "phases"),
        ({"phases": [{**PHASES[0], "required_deliverables": ["coffee"]}]}, "phases"),
        ({"phases": [{**PHASES[0], "reviewers": ["pmo", "pmo"]}]}, "phases"),
        ({"phases": [{**PHASES[0], "lifecycle_phase": "dreaming"}]}, "phases"),
        ({"standard_risks": [{**RISKS[0], "probability": 6}]}, "standard_risks"),
        ({"standard_risks": [{**RISKS[0], "title": " "}]}, "standard_risks"),
        ({"report_cadence": "hourly"}, "report_cadence"),
    ],
)
def test_bad_draft_input_is_refused_naming_the_field_and_nothing_changes(pmo, draft, overrides, field):
    update(pmo, draft)

    with pytest.raises(ValidationError) as excinfo:
        update(pmo, draft, **{"phases": [PHASES[0]], **overrides})

    assert field in excinfo.value.message_dict
    assert draft.phases.count() == 2
    draft.refresh_from_db()
    assert draft.report_cadence == "monthly"


def test_publishing_freezes_the_version(pmo, draft):
    update(pmo, draft)
    published = methodology_version_publish(actor=pmo, version=draft)

    assert published.is_published and published.published_by == pmo
    with pytest.raises(ValidationError, match="published"):
        update(pmo, draft, phases=[PHASES[0]])
    with pytest.raises(ValidationError, match="published"):
        methodology_version_publish(actor=pmo, version=draft)
    assert draft.phases.count() == 2


def test_a_version_without_phases_cannot_be_published(pmo, draft):
    with pytest.raises(ValidationError) as excinfo:
        methodology_version_publish(actor=pmo, version=draft)
    assert "phases" in excinfo.value.message_dict
    assert not MethodologyVersion.objects.get(pk=draft.pk).is_published


def test_editing_a_published_methodology_starts_a_new_draft_copied_from_the_newest_version(pmo):
    version = published_version(report_cadence="biweekly", standard_risks=RISKS)
    MethodologyPhaseFactory(version=version, order=2, lifecycle_phase="closing", name="Close")

    draft = methodology_draft_start(actor=pmo, methodology=version.methodology)

    assert (draft.number, draft.is_published) == (2, False)
    assert draft.report_cadence == "biweekly" and draft.standard_risks == RISKS
    assert [phase.name for phase in draft.phases.order_by("order")] == ["Initiation", "Close"]
    # Asking again opens the same draft; the published version is untouched.
    assert methodology_draft_start(actor=pmo, methodology=version.methodology) == draft
    assert version.phases.count() == 2
    assert methodology_published_version(version.methodology) == version


def test_a_retired_methodology_can_be_reactivated(pmo):
    methodology = published_version().methodology
    assert not methodology_retire(actor=pmo, methodology=methodology).is_active
    assert methodology_reactivate(actor=pmo, methodology=methodology).is_active


@pytest.mark.parametrize("role", ["is_project_manager", "is_team_member", "is_sponsor"])
def test_only_pmo_staff_and_admins_change_methodologies(role, draft):
    outsider = UserFactory(**{role: True})
    methodology = draft.methodology
    for attempt in (
        lambda: methodology_create(actor=outsider, code="x", name="X"),
        lambda: update(outsider, draft),
        lambda: methodology_version_publish(actor=outsider, version=draft),
        lambda: methodology_draft_start(actor=outsider, methodology=methodology),
        lambda: methodology_retire(actor=outsider, methodology=methodology),
    ):
        with pytest.raises(PermissionDenied):
            attempt()
    assert Methodology.objects.get(pk=methodology.pk).is_active
    assert draft.phases.count() == 0


def test_a_duplicate_code_is_refused_on_the_code(pmo, draft):
    with pytest.raises(ValidationError) as excinfo:
        methodology_create(actor=pmo, code="lean", name="Another")
    assert "code" in excinfo.value.message_dict
