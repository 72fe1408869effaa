"""The methodology pages as PMO staff and everyone else use them: list, versions, the draft editor."""

import pytest
from django.urls import reverse

from governance.models import Methodology, MethodologyVersion
from governance.services import methodology_create
from tests.factories import MethodologyFactory, UserFactory, published_version

pytestmark = pytest.mark.django_db

LIST_URL = reverse("governance:methodology_list")
# Session and user, the methodologies and their count: the same at 10 and at 200 methodologies.
LIST_QUERIES = 4


@pytest.fixture
def pmo(client):
    user = UserFactory(username="pmo", is_pmo_staff=True)
    client.force_login(user)
    return user


def edit_url(methodology):
    return reverse("governance:methodology_edit", args=[methodology.pk])


def phase_row(index, *, order, lifecycle_phase, name, gate="", checklist="", deliverables=(), reviewers=()):
    prefix = f"phases-{index}"
    data = {
        f"{prefix}-ORDER": str(order),
        f"{prefix}-lifecycle_phase": lifecycle_phase,
        f"{prefix}-name": name,
        f"{prefix}-gate_name": gate,
        f"{prefix}-checklist": checklist,
    }
    if deliverables:
        data[f"{prefix}-required_deliverables"] = list(deliverables)
    if reviewers:
        data[f"{prefix}-reviewers"] = list(reviewers)
    return data


def editor_data(*phase_rows, initial_phases=0, risks=(), initial_risks=0, **fields) -> dict:
    data = {
        "name": "Lean",
        "description": "",
        "report_cadence": "weekly",
        "change_notes": "",
        "phases-TOTAL_FORMS": str(len(phase_rows)),
        "phases-INITIAL_FORMS": str(initial_phases),
        "phases-MIN_NUM_FORMS": "0",
        "phases-MAX_NUM_FORMS": "10",
        "risks-TOTAL_FORMS": str(len(risks)),
        "risks-INITIAL_FORMS": str(initial_risks),
        "risks-MIN_NUM_FORMS": "0",
        "risks-MAX_NUM_FORMS": "50",
    }
    for row in phase_rows:
        data.update(row)
    for index, risk in enumerate(risks):
        data.update({f"risks-{index}-{key}": value for key, value in risk.items()})
    data.update(fields)
    return data


def test_everyone_signed_in_reads_the_methodologies_with_their_published_version(client):
    client.force_login(UserFactory(is_team_member=True))
    version = published_version(MethodologyFactory(name="敏捷 Scrum"))
    methodology_create(actor=UserFactory(is_pmo_staff=True), code="draft-only", name="Draft only")

    response = client.get(LIST_URL)
    assert response.status_code == 200
    rows = {methodology.name: methodology for methodology in response.context["methodologies"]}
    assert rows["敏捷 Scrum"].published_number == 1
    assert rows["Draft only"].published_number is None
    assert "New methodology" not in response.text

    detail = client.get(reverse("governance:methodology_detail", args=[version.methodology_id]))
    assert detail.status_code == 200
    assert "Initiation gate" in detail.text
    assert "Edit: start a new draft" not in detail.text
    assert client.get(edit_url(version.methodology)).status_code == 403


def test_methodology_list_costs_the_same_queries_at_10_and_200_methodologies(
    client, pmo, django_assert_num_queries
):
    Methodology.objects.all().delete()
    for count in (10, 200):
        Methodology.objects.bulk_create(MethodologyFactory.build_batch(count - Methodology.objects.count()))
        with django_assert_num_queries(LIST_QUERIES, info=f"{count} methodologies"):
            response = client.get(LIST_URL)
        assert response.status_code == 200
        assert response.context["page_obj"].paginator.count == count


def test_pmo_staff_create_a_methodology_add_phases_and_risks_and_publish_it(client, pmo):
    response = client.post(
        reverse("governance:methodology_create"), {"code": "lean", "name": "Lean", "description": ""}
    )
    methodology = Methodology.objects.get(code="lean")
    assert response.url == edit_url(methodology)
    assert client.get(response.url).status_code == 200

    response = client.post(
        edit_url(methodology),
        editor_data(
            phase_row(0, order=2, lifecycle_phase="closing", name="Close", gate="Closure"),
            phase_row(
                1,
                order=1,
                lifecycle_phase="initiating",
                name="启动",
                gate="立项评审",
                checklist="Business case valid?\n\nSponsor named?",
                deliverables=["charter", "business_case"],
                reviewers=["pmo", "sponsor"],
            ),
            risks=[{"title": "供应商延期", "category": "schedule", "probability": "2", "impact": "4"}],
            report_cadence="monthly",
        ),
    )
    assert response.status_code == 302, response.context and response.context["errors"]
    draft = methodology.versions.get()
    phases = list(draft.phases.order_by("order"))
    # The order numbers put the initiation first.
    assert [phase.name for phase in phases] == ["启动", "Close"]
    assert phases[0].checklist == ["Business case valid?", "Sponsor named?"]
    assert phases[0].required_deliverables == ["charter", "business_case"]
    assert phases[0].reviewers == ["pmo", "sponsor"]
    assert draft.standard_risks == [
        {"title": "供应商延期", "category": "schedule", "probability": 2, "impact": 4}
    ]

    response = client.post(reverse("governance:methodology_publish", args=[methodology.pk]))
    assert response.status_code == 302
    assert MethodologyVersion.objects.get(pk=draft.pk).is_published


def test_the_editor_removes_a_phase_and_keeps_the_rest(client, pmo):
    version = published_version()
    client.post(reverse("governance:methodology_draft", args=[version.methodology_id]))
    draft = version.methodology.versions.get(number=2)
    response = client.post(
        edit_url(version.methodology),
        editor_data(
            {
                **phase_row(0, order=1, lifecycle_phase="initiating", name="Initiation"),
                "phases-0-DELETE": "on",
            },
            phase_row(1, order=2, lifecycle_phase="executing", name="Delivery"),
            initial_phases=1,
        ),
    )
    assert response.status_code == 302
    assert [phase.name for phase in draft.phases.all()] == ["Delivery"]
    # The published version keeps its phase.
    assert [phase.name for phase in version.phases.all()] == ["Initiation"]


def test_a_bad_draft_is_refused_with_the_reason_and_nothing_saved(client, pmo):
    methodology = methodology_create(actor=pmo, code="lean", name="Lean")
    response = client.post(
        edit_url(methodology),
        editor_data(
            phase_row(0, order=1, lifecycle_phase="closing", name="Close"),
            phase_row(1, order=2, lifecycle_phase="initiating", name="Start"),
        ),
    )
    assert response.status_code == 400
    assert "The phases must follow the lifecycle" in response.text
    assert methodology.versions.get().phases.count() == 0

    response = client.post(
        edit_url(methodology),
        editor_data(
            phase_row(0, order=1, lifecycle_phase="initiating", name=""),
            risks=[{"title": "Late", "category": "", "probability": "9", "impact": "1"}],
        ),
    )
    assert response.status_code == 400
    assert response.context["phases"].errors[0]["name"]
    assert response.context["risks"].errors[0]["probability"]
    assert methodology.versions.get().phases.count() == 0


def test_a_published_methodology_opens_no_editor_until_a_draft_is_started(client, pmo):
    version = published_version()
    response = client.get(edit_url(version.methodology))
    assert response.status_code == 200
    assert response.context["draft"] is None
    assert "Start a new draft" in response.text
    # Posting the editor of a methodology without a draft changes nothing.
    client.post(edit_url(version.methodology), editor_data())
    assert version.methodology.versions.count() == 1


def test_retiring_removes_a_methodology_from_the_project_form_and_reactivating_restores_it(client, pmo):
    methodology = published_version(MethodologyFactory(name="Kanban")).methodology
    pm = UserFactory(is_project_manager=True)

    def offered():
        client.force_login(pm)
        form = client.get(reverse("projects:create")).context["form"]
        client.force_login(pmo)
        return [str(choice) for choice in form.fields["methodology"].queryset]

    client.post(reverse("governance:methodology_retire", args=[methodology.pk]))
    assert "Kanban" not in offered()
    client.post(reverse("governance:methodology_reactivate", args=[methodology.pk]))
    assert "Kanban" in offered()


def test_methodology_pages_refuse_people_outside_the_pmo(client):
    client.force_login(UserFactory(is_project_manager=True))
    version = published_version()
    methodology = version.methodology
    assert client.get(reverse("governance:methodology_create")).status_code == 403
    for name in ("methodology_draft", "methodology_publish", "methodology_retire", "methodology_reactivate"):
        assert client.post(reverse(f"governance:{name}", args=[methodology.pk])).status_code == 403
    assert methodology.versions.count() == 1
    assert Methodology.objects.get(pk=methodology.pk).is_active


def test_unknown_methodology_is_not_found(client, pmo):
    assert client.get(reverse("governance:methodology_detail", args=[987654])).status_code == 404
