"""Acceptance in Chromium: under a controlling PMO the PM requests a gate and cannot move the phase; a PMO
user approves in a second browser session; the PM then moves the phase (the PM moves it: approval under a
controlling PMO allows the move, it does not make it). The admin switches the PMO to supportive on the
settings page, and the PM moves on to the next phase without any approval."""

import os

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from governance.models import PmoType
from projects.models import Project
from tests.browser import signed_in_page
from tests.factories import ProjectFactory, UserFactory, set_pmo_type
from tests.factories.gates import gated_methodology_version

SHOTS = os.environ.get("PMO_SHOTS_DIR", "")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_controlling_gate_then_supportive_move_without_approval(browser, live_server):
    set_pmo_type(PmoType.CONTROLLING)
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    pm = UserFactory(username="pm", is_project_manager=True)
    pmo = UserFactory(username="pmo", is_pmo_staff=True)
    version = gated_methodology_version()
    project = ProjectFactory(project_manager=pm, methodology_version=version)
    url = reverse("projects:detail", args=[project.pk])

    pm_context, pm_page = signed_in_page(browser, live_server, pm, url, ready="#governance")
    pm_page.click("#request-gate")
    expect(pm_page.locator("#pending-reviews")).to_be_visible()
    expect(pm_page.locator("#move-phase")).to_be_disabled()
    expect(pm_page.locator("#phase-refusal")).to_contain_text("approve")
    if SHOTS:
        pm_page.screenshot(path=f"{SHOTS}/governance-en.png", full_page=True)

    pmo_context, pmo_page = signed_in_page(browser, live_server, pmo, url, ready="#governance")
    pmo_page.click("#pending-reviews a")
    pmo_page.wait_for_selector("#decision-form")
    for radio in pmo_page.locator("#decision-form input[type=radio][value=yes]").all():
        radio.check()
    pmo_page.select_option("select[name=decision]", "approved")
    pmo_page.fill("textarea[name=comment]", "Charter and business case are sound.")
    if SHOTS:
        pmo_page.screenshot(path=f"{SHOTS}/gate-review-en.png", full_page=True)
    pmo_page.click("#decide")
    pmo_page.wait_for_selector("#governance")
    pmo_context.close()

    pm_page.reload()
    expect(pm_page.locator("#move-phase")).to_be_enabled()
    pm_page.click("#move-phase")
    expect(pm_page.locator("#current-phase")).to_have_text("Planning")
    assert Project.objects.get(pk=project.pk).phase == "planning"

    admin_context, admin_page = signed_in_page(
        browser, live_server, admin, reverse("governance:settings"), ready="main form"
    )
    admin_page.check("input[name=pmo_type][value=supportive]")
    admin_page.click("main form button[type=submit]")
    admin_page.wait_for_load_state()
    admin_context.close()

    pm_page.reload()
    expect(pm_page.locator("#move-phase")).to_be_enabled()
    pm_page.click("#move-phase")
    expect(pm_page.locator("#current-phase")).to_have_text("Executing")
    assert Project.objects.get(pk=project.pk).phase == "executing"
    pm_context.close()
