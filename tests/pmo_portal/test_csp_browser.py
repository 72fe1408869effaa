"""Under the Content-Security-Policy, Chromium refuses nothing on the portal's pages.

The policy allows no inline script, no style="" attribute and no eval; a page that still used one would
log a "Content Security Policy" error in the console (and lose a script or a style). Each main page is
opened as an admin, who sees all of them, and waits until its scripts have run.
"""

from datetime import date

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from projects.services.costs import cost_entry_add
from tests.factories import MembershipFactory, UserFactory
from tests.factories.plans import PlannedProjectFactory, build_chain
from tests.projects.views.test_projects_browser import sign_in

pytestmark = pytest.mark.browser


def pages(project, task, admin) -> list[tuple[str, str]]:
    """(address, what shows the page is ready) of every main page."""
    project_id = project.pk
    return [
        (reverse("home"), "main h1"),  # an admin is sent on to the portfolio dashboard
        (reverse("reports:roadmap"), "svg.roadmap"),
        (reverse("projects:evaluation", args=[project_id]), "main h1"),
        (reverse("projects:list"), "#project-table"),
        (reverse("projects:detail", args=[project_id]), "#team"),
        (reverse("projects:plan", args=[project_id]), "#plan-page[data-ready=true]"),
        (reverse("projects:plan_task", args=[project_id, task.pk]), "main h1"),
        (reverse("projects:plan_calendar", args=[project_id]), "#holiday-add"),
        (reverse("projects:plan_burndown", args=[project_id]), "main h1"),
        (reverse("projects:plan_import", args=[project_id]), "main h1"),
        (reverse("projects:history", args=[project_id]), "main h1"),
        (reverse("governance:settings"), "main h1"),
        (reverse("governance:audit"), "table.audit-log"),
        (reverse("admin:index"), "#content"),
        (reverse("admin:governance_user_change", args=[admin.pk]), "#user_form"),
        (reverse("admin:projects_project_change", args=[project_id]), "#project_form"),
        (reverse("admin:governance_auditevent_changelist"), "#changelist"),
        (reverse("api:docs"), ".swagger-ui .info"),
    ]


@pytest.mark.django_db(transaction=True)
def test_no_page_breaks_the_content_security_policy(page, live_server, artifacts_dir):
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    project = PlannedProjectFactory(code="CSP-1", name="Policy project", project_manager=admin)
    MembershipFactory(project=project, user=UserFactory(department="IT"))
    design, _build = build_chain(project, [2, 3])
    cost_entry_add(actor=admin, task=design, date=date(2026, 3, 4), amount=100, note="Licences")
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(f"{page.url} ({message.location.get('url')}): {message.text}")
            if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text
            else None
        ),
    )
    page.on("pageerror", lambda error: violations.append(f"{page.url}: {error}"))

    login = page.goto(f"{live_server.url}{reverse('login')}")
    assert login is not None and "script-src 'self'" in login.headers["content-security-policy"]
    sign_in(page, live_server, "admin")
    for address, ready in pages(project, design, admin):
        response = page.goto(f"{live_server.url}{address}")
        assert response is not None and response.ok, address
        expect(page.locator(ready).first).to_be_visible()
        page.wait_for_load_state("networkidle")
    # htmx at work under the policy: the team's role change swaps the table in place.
    page.goto(f"{live_server.url}{reverse('projects:list')}")
    page.get_by_label("Search").fill("Policy")
    expect(page.locator("#project-table")).to_contain_text("CSP-1")
    page.wait_for_load_state("networkidle")
    page.screenshot(path=artifacts_dir / "csp-project-list.png", full_page=True)

    assert violations == [], "\n".join(violations)
