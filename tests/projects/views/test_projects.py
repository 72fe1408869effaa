"""The project pages as a signed-in person uses them: list, detail, create, edit and the team."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from governance.models import PmoSettings, PmoType
from projects.models import Phase, Project, ProjectComment, ProjectMembership, Status
from projects.services.projects import project_update
from projects.views.projects import PAGE_SIZE, RECENT_HISTORY
from tests.factories import (
    MembershipFactory,
    PortfolioFactory,
    ProgramFactory,
    ProjectFactory,
    UserFactory,
    record_project_changes,
    set_pmo_type,
)
from tests.factories.knowledge import record_lesson

pytestmark = pytest.mark.django_db

LIST_URL = reverse("projects:list")
CREATE_URL = reverse("projects:create")


@pytest.fixture
def pmo_user():
    return UserFactory(username="pmo", is_pmo_staff=True)


@pytest.fixture
def pm1():
    return UserFactory(username="pm1", first_name="Li", last_name="Wei", is_project_manager=True)


@pytest.fixture
def portfolio():
    return PortfolioFactory(name="Digital")


def signed_in(client, user):
    client.force_login(user)
    return client


def listed_codes(response) -> list[str]:
    return [project.code for project in response.context["projects"]]


def valid_project_data(portfolio, manager, **overrides) -> dict:
    data = {
        "code": "NEW-1",
        "name": "Data platform",
        "description": "",
        "portfolio": portfolio.pk,
        "program": "",
        "department": "IT",
        "sponsor": "",
        "project_manager": manager.pk,
        "status": Status.PROPOSED,
        "priority": "medium",
        "start_date": "2026-01-05",
        "finish_date": "2026-06-30",
        "budget": "250000.00",
        "currency": "CNY",
        "objectives": "",
        "scope_in": "",
        "scope_out": "",
        "success_criteria": "",
    }
    data.update(overrides)
    return data


# --- List --------------------------------------------------------------------------------------------------


# Session, user, count, settings, the filter's portfolios and managers, one page of rows (25 of 200), and
# for PMO staff under a supportive PMO the portfolios they might start a project in: whether the viewer
# sees 10 projects or 200, sorted and filtered or not.
PROJECT_LIST_QUERIES = {"pmo": 8, "pm1": 7}
FILTERED_LIST_URL = f"{LIST_URL}?sort=-project_manager&status=proposed&q=Project"


@pytest.mark.parametrize("viewer", ["pmo", "pm1"])
def test_project_list_page_costs_the_same_fixed_queries_at_10_and_200_projects(
    client, viewer, pmo_user, pm1, portfolio, django_assert_num_queries
):
    user = {"pmo": pmo_user, "pm1": pm1}[viewer]
    PmoSettings.load()
    program = ProgramFactory(portfolio=portfolio)
    sponsor = UserFactory(is_sponsor=True)
    member = UserFactory(is_team_member=True)

    def add_projects(count):
        projects = Project.objects.bulk_create(
            ProjectFactory.build_batch(
                count, portfolio=portfolio, program=program, project_manager=pm1, sponsor=sponsor
            )
        )
        ProjectMembership.objects.bulk_create(
            MembershipFactory.build(project=project, user=member) for project in projects
        )

    add_projects(10)
    signed_in(client, user)
    client.get(LIST_URL)  # the first request of a session may touch the session table differently
    for projects, shown in ((10, 10), (200, PAGE_SIZE)):
        add_projects(projects - Project.objects.count())
        with django_assert_num_queries(PROJECT_LIST_QUERIES[viewer], info=f"{projects} projects"):
            response = client.get(LIST_URL)
        assert response.status_code == 200
        assert len(listed_codes(response)) == shown
        assert response.context["page_obj"].paginator.count == projects
        with django_assert_num_queries(
            PROJECT_LIST_QUERIES[viewer], info=f"{projects} projects, sorted and filtered"
        ):
            response = client.get(FILTERED_LIST_URL)
        assert response.status_code == 200
        assert len(listed_codes(response)) == shown


def test_list_shows_columns_with_budget_and_currency(client, pm1, portfolio):
    ProjectFactory(
        code="CRM-7",
        name="客户关系管理系统",
        portfolio=portfolio,
        project_manager=pm1,
        budget=Decimal("1234567.50"),
        currency="USD",
        finish_date=date(2026, 9, 30),
        status=Status.ACTIVE,
        phase=Phase.EXECUTING,
    )
    response = signed_in(client, pm1).get(LIST_URL)
    html = response.content.decode()
    assert "CRM-7" in html
    assert "客户关系管理系统" in html
    assert "Digital" in html
    assert "Li Wei" in html
    assert "Executing" in html
    assert "Active" in html
    assert "2026-09-30" in html
    assert "1,234,567.50" in html
    assert "USD" in html


def test_list_filters_by_text_status_phase_portfolio_and_manager(client, pmo_user, pm1, portfolio):
    other_pm = UserFactory(is_project_manager=True)
    other_portfolio = PortfolioFactory()
    ProjectFactory(code="A-1", name="Alpha", portfolio=portfolio, project_manager=pm1, status=Status.ACTIVE)
    ProjectFactory(code="B-1", name="Beta", portfolio=other_portfolio, project_manager=other_pm)
    ProjectFactory(code="C-1", name="Gamma", portfolio=portfolio, project_manager=pm1, phase=Phase.CLOSING)
    signed_in(client, pmo_user)

    assert listed_codes(client.get(LIST_URL, {"q": "alph"})) == ["A-1"]
    assert listed_codes(client.get(LIST_URL, {"status": "active"})) == ["A-1"]
    assert listed_codes(client.get(LIST_URL, {"phase": "closing"})) == ["C-1"]
    assert listed_codes(client.get(LIST_URL, {"portfolio": other_portfolio.pk})) == ["B-1"]
    assert listed_codes(client.get(LIST_URL, {"project_manager": pm1.pk})) == ["A-1", "C-1"]


def test_list_offers_only_the_managers_of_visible_projects_in_the_pm_filter(client, pm1, portfolio):
    stranger_pm = UserFactory(first_name="Hidden", last_name="Manager", is_project_manager=True)
    ProjectFactory(portfolio=portfolio, project_manager=pm1)
    ProjectFactory(project_manager=stranger_pm)
    response = signed_in(client, pm1).get(LIST_URL)
    choices = [label for _value, label in response.context["filter"].form.fields["project_manager"].choices]
    assert any("Li Wei" in str(label) for label in choices)
    assert not any("Hidden" in str(label) for label in choices)


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("code", ["P-A", "P-B", "P-C"]),
        ("-code", ["P-C", "P-B", "P-A"]),
        ("name", ["P-C", "P-A", "P-B"]),
        ("budget", ["P-B", "P-C", "P-A"]),
        ("-budget", ["P-A", "P-C", "P-B"]),
        ("phase", ["P-A", "P-C", "P-B"]),
        ("finish_date", ["P-C", "P-A", "P-B"]),
    ],
)
def test_list_sorts_by_the_chosen_column(client, pmo_user, portfolio, sort, expected):
    ProjectFactory(code="P-A", name="Beta", portfolio=portfolio, budget=300, phase=Phase.INITIATING,
                   finish_date=date(2026, 5, 1))  # fmt: skip
    ProjectFactory(code="P-B", name="Charlie", portfolio=portfolio, budget=100, phase=Phase.CLOSING,
                   finish_date=None)  # fmt: skip
    ProjectFactory(code="P-C", name="Alpha", portfolio=portfolio, budget=200, phase=Phase.EXECUTING,
                   finish_date=date(2026, 1, 1))  # fmt: skip
    response = signed_in(client, pmo_user).get(LIST_URL, {"sort": sort})
    assert listed_codes(response) == expected


@pytest.mark.parametrize("sort", ["password", "--code", "project_manager__password", "", "name;drop", "-"])
def test_list_ignores_unknown_sort_columns(client, pmo_user, portfolio, sort):
    ProjectFactory(code="Z-1", portfolio=portfolio)
    ProjectFactory(code="A-1", portfolio=portfolio)
    response = signed_in(client, pmo_user).get(LIST_URL, {"sort": sort})
    assert response.status_code == 200
    assert listed_codes(response) == ["A-1", "Z-1"]


@pytest.mark.parametrize(
    "params", [{"page": "abc"}, {"page": "999"}, {"status": "nonsense"}, {"portfolio": "x"}]
)
def test_list_survives_nonsense_parameters(client, pmo_user, portfolio, params):
    ProjectFactory(portfolio=portfolio)
    response = signed_in(client, pmo_user).get(LIST_URL, params)
    assert response.status_code == 200


def test_list_pages_by_25_and_page_links_keep_the_filters(client, pmo_user, portfolio):
    for number in range(30):
        ProjectFactory(code=f"ACT-{number:02d}", portfolio=portfolio, status=Status.ACTIVE)
    ProjectFactory(code="OTHER-1", portfolio=portfolio, status=Status.CLOSED)
    signed_in(client, pmo_user)
    first = client.get(LIST_URL, {"status": "active", "sort": "-code"})
    assert len(listed_codes(first)) == 25
    assert listed_codes(first)[0] == "ACT-29"
    html = first.content.decode()
    assert "?status=active&amp;sort=-code&amp;page=2" in html
    second = client.get(LIST_URL, {"status": "active", "sort": "-code", "page": 2})
    assert listed_codes(second) == [f"ACT-{number:02d}" for number in range(4, -1, -1)]


def test_list_answers_htmx_with_the_table_only(client, pmo_user, portfolio):
    ProjectFactory(code="HX-1", portfolio=portfolio)
    response = signed_in(client, pmo_user).get(LIST_URL, {"q": "HX"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "HX-1" in html
    assert "<html" not in html
    assert 'id="sort-input"' in html
    assert "HX-Request" in response["Vary"]
    full = client.get(LIST_URL, {"q": "HX"})
    assert "<html" in full.content.decode()
    assert 'hx-get="/projects/"' in full.content.decode()


def test_new_project_button_only_for_people_who_may_create(client, pm1, portfolio):
    member = UserFactory(is_team_member=True)
    pmo = UserFactory(is_pmo_staff=True)
    assert CREATE_URL in signed_in(client, pm1).get(LIST_URL).content.decode()
    assert CREATE_URL not in signed_in(client, member).get(LIST_URL).content.decode()
    set_pmo_type(PmoType.SUPPORTIVE)
    assert CREATE_URL not in signed_in(client, pmo).get(LIST_URL).content.decode()
    set_pmo_type(PmoType.DIRECTIVE)
    assert CREATE_URL in signed_in(client, pmo).get(LIST_URL).content.decode()


def test_pmo_staff_get_the_new_project_button_when_a_portfolio_overrides_to_directive(client, portfolio):
    pmo = UserFactory(is_pmo_staff=True)
    set_pmo_type(PmoType.SUPPORTIVE)
    PortfolioFactory(pmo_type_override=PmoType.DIRECTIVE)
    assert CREATE_URL in signed_in(client, pmo).get(LIST_URL).content.decode()
    assert signed_in(client, pmo).get(CREATE_URL).status_code == 200


def test_home_sends_people_not_signed_in_to_sign_in_and_pmo_staff_to_the_portfolio(client, pm1, pmo_user):
    assert client.get("/").url.startswith(reverse("login"))
    # The portfolio dashboard once it is installed, the project list until then.
    assert signed_in(client, pmo_user).get("/").status_code == 302
    assert signed_in(client, pm1).get("/").status_code == 200  # their own work: tests/pmo_portal/test_home.py


# --- Detail ------------------------------------------------------------------------------------------------


def test_detail_shows_facts_charter_team_and_budget_with_currency(client, pm1, portfolio):
    sponsor = UserFactory(first_name="Zhang", last_name="Min", is_sponsor=True)
    project = ProjectFactory(
        code="ERP-2",
        name="ERP upgrade",
        portfolio=portfolio,
        project_manager=pm1,
        sponsor=sponsor,
        budget=Decimal("98000.00"),
        currency="EUR",
        objectives="Cut close time by half",
        scope_in="Finance modules",
        scope_out="HR modules",
        success_criteria="Month-end close in 3 days",
    )
    MembershipFactory(project=project, user=UserFactory(first_name="Chen", last_name="Jie"), role="team_lead")
    html = signed_in(client, pm1).get(reverse("projects:detail", args=[project.pk])).content.decode()
    expected_texts = [
        "ERP-2", "ERP upgrade", "Digital", "Zhang Min", "98,000.00", "EUR", "Cut close time by half",
        "Finance modules", "HR modules", "Month-end close in 3 days", "Chen Jie", "Team lead",
    ]  # fmt: skip
    for expected in expected_texts:
        assert expected in html
    assert reverse("projects:edit", args=[project.pk]) in html


def test_detail_history_lists_who_changed_which_field_newest_first(client, pm1, portfolio):
    project = ProjectFactory(portfolio=portfolio, project_manager=pm1, name="Old name", budget=Decimal("100"))
    project_update(actor=pm1, project=project, changes={"name": "New name", "status": Status.ACTIVE})
    project_update(actor=pm1, project=project, changes={"budget": Decimal("500")})
    response = signed_in(client, pm1).get(reverse("projects:detail", args=[project.pk]))
    history = response.context["history"]
    assert [entry.kind for entry in history] == ["changed", "changed", "created"]
    assert history[0].who == "Li Wei"
    assert [(change.label, change.old, change.new) for change in history[0].changes] == [
        ("budget", "100.00", "500.00")
    ]
    assert {(change.label, change.old, change.new) for change in history[1].changes} == {
        ("name", "Old name", "New name"),
        ("status", "Proposed", "Active"),
    }
    html = response.content.decode()
    assert "Old name" in html and "New name" in html


def test_detail_history_names_people_and_portfolios_not_ids(client, pm1, portfolio):
    admin = UserFactory(is_superuser=True, first_name="Ada", last_name="Admin")
    other_portfolio = PortfolioFactory(name="Operations")
    new_pm = UserFactory(first_name="Wang", last_name="Fang", is_project_manager=True)
    project = ProjectFactory(portfolio=portfolio, project_manager=pm1)
    project_update(
        actor=admin, project=project, changes={"portfolio": other_portfolio, "project_manager": new_pm}
    )
    response = signed_in(client, admin).get(reverse("projects:detail", args=[project.pk]))
    changes = {(c.label, c.old, c.new) for c in response.context["history"][0].changes}
    assert ("portfolio", "Digital", "Operations") in changes
    assert ("project manager", "Li Wei", "Wang Fang") in changes


# Session, user, project, settings, the history, the portfolios its changes name, the plan's changes, the
# comments in the history, the team, and the people the add form offers; the knowledge section: the
# project's lessons and their tags, similar projects' lessons and their tags, whether the user is on the
# team, the PMO type (who may record lessons), the newest comments. The same at 10 and at 200 members,
# changes, lessons and comments; the pending change requests; and the governance section (methodology
# phases, waivers, deliverables, gate reviews, whether the gate is passed); and compliance
# (projects_compliance: five more, since the installation PMO type and the phases are read again, and
# two for the status reports' punctuality: the project's calendar and its reports).
PROJECT_DETAIL_QUERIES = 30


def _add_members(project, count) -> None:
    people = get_user_model().objects.bulk_create(UserFactory.build_batch(count, is_team_member=True))
    ProjectMembership.objects.bulk_create(
        MembershipFactory.build(project=project, user=person) for person in people
    )


def _add_lessons_and_comments(project, count) -> None:
    """Lessons with tags on the project and on another of its portfolio, comments on the project."""
    neighbour = Project.objects.filter(code="NEIGHBOUR").first() or ProjectFactory(
        code="NEIGHBOUR", portfolio=project.portfolio, project_manager=project.project_manager
    )
    for on in (project, neighbour):
        for _number in range(count - on.lessons.count()):
            record_lesson(on, tags="vendor, 供应商")
    ProjectComment.objects.bulk_create(
        ProjectComment(project=project, author=project.project_manager, text="Noted")
        for _number in range(count - project.comments.count())
    )


def test_project_detail_page_costs_the_same_fixed_queries_at_10_and_200_members_and_changes(
    client, pm1, portfolio, django_assert_num_queries
):
    project = ProjectFactory(portfolio=portfolio, project_manager=pm1)
    portfolios = [PortfolioFactory(), portfolio]
    signed_in(client, pm1)
    url = reverse("projects:detail", args=[project.pk])
    client.get(url)
    for rows in (10, 200):
        _add_members(project, rows - project.memberships.count())
        record_project_changes(
            project, rows - (project.history.count() - 1), actor=pm1, portfolios=portfolios
        )
        _add_lessons_and_comments(project, rows)
        with django_assert_num_queries(PROJECT_DETAIL_QUERIES, info=f"{rows} members and changes"):
            response = client.get(url)
        assert response.status_code == 200
        assert len(response.context["memberships"]) == rows
        # The newest entries (the changes, the comments and the creation, up to RECENT_HISTORY), and a
        # link to the rest.
        assert len(response.context["history"]) == min(2 * rows + 1, RECENT_HISTORY)
        assert response.context["history_has_older"] == (2 * rows + 1 > RECENT_HISTORY)
        assert len(response.context["lessons"]) == rows and len(response.context["similar_lessons"]) == 5


def test_detail_of_a_hidden_project_is_not_found(client, pm1):
    hidden = ProjectFactory()
    assert signed_in(client, pm1).get(reverse("projects:detail", args=[hidden.pk])).status_code == 404
    assert client.get(reverse("projects:detail", args=[987654])).status_code == 404


def test_detail_hides_edit_and_team_controls_from_readers(client, pm1, portfolio):
    member = UserFactory(is_team_member=True)
    project = ProjectFactory(portfolio=portfolio, project_manager=pm1)
    MembershipFactory(project=project, user=member)
    html = signed_in(client, member).get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert reverse("projects:edit", args=[project.pk]) not in html
    assert reverse("projects:membership_add", args=[project.pk]) not in html


# --- Create ------------------------------------------------------------------------------------------------


def test_create_saves_the_project_and_shows_it(client, pm1, portfolio):
    program = ProgramFactory(portfolio=portfolio)
    data = valid_project_data(
        portfolio, pm1, name="智慧城市数据平台", program=program.pk, objectives="提升数据共享"
    )
    response = signed_in(client, pm1).post(CREATE_URL, data, follow=True)
    project = Project.objects.get(code="NEW-1")
    assert response.redirect_chain[-1][0] == reverse("projects:detail", args=[project.pk])
    assert project.name == "智慧城市数据平台"
    assert project.objectives == "提升数据共享"
    assert project.project_manager == pm1
    assert project.budget == Decimal("250000.00")
    html = response.content.decode()
    assert "智慧城市数据平台" in html
    assert "NEW-1 created" in html
    assert project.history.get().history_user == pm1


def test_create_form_starts_with_the_default_currency_and_the_user_as_pm(client, pm1, portfolio):
    settings_row = PmoSettings.load()
    settings_row.default_currency = "USD"
    settings_row.save()
    response = signed_in(client, pm1).get(CREATE_URL)
    form = response.context["form"]
    assert form["currency"].value() == "USD"
    assert form["project_manager"].value() == pm1.pk
    assert 'type="date"' in response.content.decode()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"start_date": "2026-06-30", "finish_date": "2026-01-01"}, "finish_date"),
        ({"budget": "-1"}, "budget"),
        ({"budget": "lots"}, "budget"),
        ({"currency": "XXX"}, "currency"),
        ({"name": "x" * 10_000}, "name"),
        ({"name": ""}, "name"),
        ({"name": "bell\u0007name"}, "name"),
        ({"objectives": "vertical\u000btab"}, "objectives"),
        ({"code": "has space"}, "code"),
        ({"project_manager": "987654"}, "project_manager"),
        ({"project_manager": "not-a-number"}, "project_manager"),
        ({"start_date": "2026-02-30"}, "start_date"),
    ],
)
def test_create_rejects_bad_input_on_the_field_and_saves_nothing(client, pm1, portfolio, overrides, field):
    response = signed_in(client, pm1).post(CREATE_URL, valid_project_data(portfolio, pm1, **overrides))
    assert response.status_code == 200
    assert response.context["form"].errors.get(field)
    assert f'id="id_{field}_errors"' in response.content.decode()
    assert not Project.objects.exists()


def test_create_rejects_a_duplicate_code_whatever_its_case(client, pm1, portfolio):
    ProjectFactory(code="dup-1", portfolio=portfolio)
    response = signed_in(client, pm1).post(CREATE_URL, valid_project_data(portfolio, pm1, code="DUP-1"))
    assert "already exists" in str(response.context["form"].errors["code"])
    assert Project.objects.count() == 1


def test_create_maps_a_service_refusal_onto_the_field(client, pm1, portfolio):
    other = UserFactory(is_project_manager=True)
    response = signed_in(client, pm1).post(CREATE_URL, valid_project_data(portfolio, other))
    assert "only name yourself" in str(response.context["form"].errors["project_manager"])
    assert not Project.objects.exists()


def test_create_rejects_an_inactive_project_manager(client, portfolio):
    admin = UserFactory(is_superuser=True)
    retired = UserFactory(is_active=False, is_project_manager=True)
    response = signed_in(client, admin).post(CREATE_URL, valid_project_data(portfolio, retired))
    assert response.context["form"].errors["project_manager"]
    assert not Project.objects.exists()


def test_create_rejects_a_program_of_another_portfolio(client, pm1, portfolio):
    foreign_program = ProgramFactory(portfolio=PortfolioFactory())
    response = signed_in(client, pm1).post(
        CREATE_URL, valid_project_data(portfolio, pm1, program=foreign_program.pk)
    )
    assert response.context["form"].errors["program"]
    assert not Project.objects.exists()


def test_create_is_forbidden_to_people_who_may_not_start_projects(client, portfolio):
    member = UserFactory(is_team_member=True)
    signed_in(client, member)
    assert client.get(CREATE_URL).status_code == 403
    assert client.post(CREATE_URL, valid_project_data(portfolio, member)).status_code == 403
    assert not Project.objects.exists()


# --- Edit --------------------------------------------------------------------------------------------------


def _edit_data(project, **overrides):
    data = valid_project_data(
        project.portfolio,
        project.project_manager,
        code=project.code,
        name=project.name,
        budget=str(project.budget),
        currency=project.currency,
        start_date="",
        finish_date="",
        department=project.department,
        status=project.status,
        priority=project.priority,
    )
    data.update(overrides)
    return data


def test_edit_saves_changes_and_records_them(client, pm1, portfolio):
    project = ProjectFactory(portfolio=portfolio, project_manager=pm1, name="Before")
    url = reverse("projects:edit", args=[project.pk])
    response = signed_in(client, pm1).post(
        url, _edit_data(project, name="之后", status="active"), follow=True
    )
    project.refresh_from_db()
    assert project.name == "之后"
    assert project.status == Status.ACTIVE
    html = response.content.decode()
    assert "saved" in html
    assert "Before" in html and "之后" in html  # the history on the detail page


def test_edit_rejects_bad_input_and_keeps_the_stored_project(client, pm1, portfolio):
    project = ProjectFactory(portfolio=portfolio, project_manager=pm1, name="Keep me")
    url = reverse("projects:edit", args=[project.pk])
    response = signed_in(client, pm1).post(
        url,
        _edit_data(project, name="Changed", start_date="2026-03-01", finish_date="2026-02-01", budget="-5"),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["finish_date"] and errors["budget"]
    project.refresh_from_db()
    assert project.name == "Keep me"
    assert project.history.count() == 1


def test_edit_without_changes_saves_nothing(client, pm1, portfolio):
    project = ProjectFactory(portfolio=portfolio, project_manager=pm1)
    url = reverse("projects:edit", args=[project.pk])
    response = signed_in(client, pm1).post(url, _edit_data(project))
    assert response.status_code == 302
    assert project.history.count() == 1


def test_edit_is_forbidden_to_readers_and_hidden_from_outsiders(client, pm1, portfolio):
    project = ProjectFactory(portfolio=portfolio, project_manager=pm1, name="Stay")
    sponsor = UserFactory(is_sponsor=True)
    project.sponsor = sponsor
    project.save()
    url = reverse("projects:edit", args=[project.pk])
    assert signed_in(client, sponsor).post(url, _edit_data(project, name="Hacked")).status_code == 403
    assert signed_in(client, UserFactory()).post(url, _edit_data(project, name="Hacked")).status_code == 404
    project.refresh_from_db()
    assert project.name == "Stay"


# --- Team --------------------------------------------------------------------------------------------------


def test_team_add_change_and_remove_through_htmx(client, pm1, portfolio):
    project = ProjectFactory(portfolio=portfolio, project_manager=pm1)
    newcomer = UserFactory(first_name="Zhao", last_name="Lei")
    signed_in(client, pm1)
    htmx = {"HX-Request": "true"}

    response = client.post(
        reverse("projects:membership_add", args=[project.pk]),
        {"user": newcomer.pk, "role": "stakeholder"},
        headers=htmx,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and 'id="team"' in html
    assert "Zhao Lei joined the team." in html
    membership = ProjectMembership.objects.get(project=project, user=newcomer)
    assert membership.role == "stakeholder"

    client.post(
        reverse("projects:membership_change", args=[project.pk, membership.pk]),
        {"role": "team_lead"},
        headers=htmx,
    )
    membership.refresh_from_db()
    assert membership.role == "team_lead"

    response = client.post(
        reverse("projects:membership_remove", args=[project.pk, membership.pk]), headers=htmx
    )
    assert "Zhao Lei left the team." in response.content.decode()
    assert not ProjectMembership.objects.filter(pk=membership.pk).exists()


def test_team_add_without_javascript_redirects_to_the_project(client, pm1, portfolio):
    project = ProjectFactory(portfolio=portfolio, project_manager=pm1)
    response = signed_in(client, pm1).post(
        reverse("projects:membership_add", args=[project.pk]), {"user": UserFactory().pk, "role": "observer"}
    )
    assert response.status_code == 302
    assert response.url == reverse("projects:detail", args=[project.pk]) + "#team"


def test_team_add_rejects_a_second_membership_on_the_person_field(client, pm1, portfolio):
    project = ProjectFactory(portfolio=portfolio, project_manager=pm1)
    existing = MembershipFactory(project=project)
    response = signed_in(client, pm1).post(
        reverse("projects:membership_add", args=[project.pk]),
        {"user": existing.user.pk, "role": "observer"},
        headers={"HX-Request": "true"},
    )
    assert "already a member" in str(response.context["add_form"].errors["user"])
    assert ProjectMembership.objects.filter(project=project).count() == 1


@pytest.mark.parametrize("data", [{"user": "", "role": "observer"}, {"user": "999999", "role": "x"}])
def test_team_add_rejects_bad_input(client, pm1, portfolio, data):
    project = ProjectFactory(portfolio=portfolio, project_manager=pm1)
    response = signed_in(client, pm1).post(reverse("projects:membership_add", args=[project.pk]), data)
    assert response.status_code == 200
    assert response.context["add_form"].errors
    assert not ProjectMembership.objects.exists()


def test_team_role_change_rejects_an_unknown_role(client, pm1, portfolio):
    project = ProjectFactory(portfolio=portfolio, project_manager=pm1)
    membership = MembershipFactory(project=project, role="observer")
    response = signed_in(client, pm1).post(
        reverse("projects:membership_change", args=[project.pk, membership.pk]),
        {"role": "emperor"},
        headers={"HX-Request": "true"},
    )
    assert response.context["role_errors"][membership.pk]
    membership.refresh_from_db()
    assert membership.role == "observer"


def test_team_writes_are_post_only(client, pm1, portfolio):
    project = ProjectFactory(portfolio=portfolio, project_manager=pm1)
    membership = MembershipFactory(project=project)
    signed_in(client, pm1)
    assert client.get(reverse("projects:membership_add", args=[project.pk])).status_code == 405
    assert (
        client.get(reverse("projects:membership_remove", args=[project.pk, membership.pk])).status_code == 405
    )
    assert ProjectMembership.objects.filter(pk=membership.pk).exists()


def test_team_writes_need_the_csrf_token(pm1, portfolio):
    from django.test import Client

    project = ProjectFactory(portfolio=portfolio, project_manager=pm1)
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(pm1)
    response = csrf_client.post(
        reverse("projects:membership_add", args=[project.pk]), {"user": UserFactory().pk, "role": "observer"}
    )
    assert response.status_code == 403
    assert not ProjectMembership.objects.exists()


def test_team_membership_of_another_project_is_not_found(client, pm1, portfolio):
    project = ProjectFactory(portfolio=portfolio, project_manager=pm1)
    elsewhere = MembershipFactory(project=ProjectFactory(portfolio=portfolio, project_manager=pm1))
    response = signed_in(client, pm1).post(
        reverse("projects:membership_remove", args=[project.pk, elsewhere.pk])
    )
    assert response.status_code == 404
    assert ProjectMembership.objects.filter(pk=elsewhere.pk).exists()
