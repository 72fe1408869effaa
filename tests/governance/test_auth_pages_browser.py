"""The API tokens page and the sign-in lockout in real Chromium, in English and in Chinese."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tests.factories import UserFactory
from tests.projects.views.test_projects_browser import sign_in

pytestmark = pytest.mark.browser


def switch_to_chinese(page):
    page.locator(".langswitch button[lang=zh-hans]").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")


@pytest.mark.django_db(transaction=True)
def test_a_person_makes_a_token_sees_its_key_once_and_revokes_it(page, live_server, artifacts_dir):
    UserFactory(username="pm1", first_name="Wei", last_name="Li", is_project_manager=True)
    sign_in(page, live_server, "pm1")
    page.locator(".usermenu summary").click()
    page.get_by_role("link", name="API tokens").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("API tokens")
    expect(page.get_by_text("You have no API tokens.")).to_be_visible()

    page.get_by_label("Token name").fill("CI pipeline")
    page.get_by_role("button", name="Create token").click()
    key = page.locator("#new-token-key").inner_text()
    assert re.fullmatch(r"[0-9a-f]{40}", key)
    expect(page.locator("table.data tbody tr")).to_have_count(1)
    page.screenshot(path=artifacts_dir / "api-tokens-created-en.png", full_page=True)

    page.reload()  # a GET again: the key is gone for good
    expect(page.locator("#new-token-key")).to_have_count(0)
    expect(page.locator("table.data")).to_contain_text(key[:8])

    switch_to_chinese(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("API 令牌")
    page.screenshot(path=artifacts_dir / "api-tokens-list-zh.png", full_page=True)
    page.get_by_role("button", name="吊销").click()
    expect(page.get_by_text("您还没有 API 令牌。")).to_be_visible()
    expect(page.locator(".alert-success")).to_contain_text("CI pipeline")


@pytest.mark.django_db(transaction=True)
def test_a_locked_out_sign_in_shows_how_long_to_wait(page, live_server, artifacts_dir, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = timedelta(hours=1)
    UserFactory(username="pm1", is_project_manager=True)
    page.goto(f"{live_server.url}/accounts/login/")
    for _attempt in range(3):
        page.get_by_label("Username").fill("pm1")
        page.get_by_label("Password").fill("wrong")
        page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Signing in is paused")
    expect(page.get_by_role("alert")).to_contain_text("try again in 60 minutes")
    page.screenshot(path=artifacts_dir / "sign-in-locked-out-en.png", full_page=True)

    page.get_by_role("link", name="Back to sign in").click()
    switch_to_chinese(page)
    page.get_by_label("用户名").fill("pm1")
    page.get_by_label("密码").fill("wrong")
    page.locator("main button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("登录已暂停")
    expect(page.get_by_role("alert")).to_contain_text("60 分钟后重试")
    page.screenshot(path=artifacts_dir / "sign-in-locked-out-zh.png", full_page=True)
