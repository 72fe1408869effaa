"""Chromium, driven by Playwright, renders the portal; without Chromium the browser tests skip or fail."""

import os
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from tests.conftest import REPO_ROOT, REQUIRE_BROWSER_VARIABLE

SMOKE_TEST = "test_login_page_renders_in_chromium"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_login_page_renders_in_chromium(page, live_server, artifacts_dir):
    response = page.goto(f"{live_server.url}/accounts/login/")

    assert response is not None and response.status == 200
    expect(page.locator("input[name='username']")).to_be_visible()
    expect(page.locator("input[name='password']")).to_be_visible()
    page.screenshot(path=artifacts_dir / "browser-smoke-login.png", full_page=True)
    assert (artifacts_dir / "browser-smoke-login.png").stat().st_size > 0


def run_smoke_test_without_chromium(**variables: str) -> subprocess.CompletedProcess:
    """Run this file's browser test in a child pytest whose Chromium path leads nowhere."""
    environment = {key: value for key, value in os.environ.items() if key != REQUIRE_BROWSER_VARIABLE}
    environment.update(PMO_CHROMIUM="/nonexistent/chromium", **variables)
    return subprocess.run(  # noqa: S603 - the test's own interpreter
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", f"{__file__}::{SMOKE_TEST}"],
        cwd=REPO_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_without_chromium_browser_tests_are_skipped_with_one_reason():
    result = run_smoke_test_without_chromium()

    assert result.returncode == 0, result.stdout
    assert "BROWSER TESTS SKIPPED (1): /nonexistent/chromium not found" in result.stdout
    assert "1 skipped" in result.stdout


def test_without_chromium_a_required_browser_fails_the_run():
    result = run_smoke_test_without_chromium(**{REQUIRE_BROWSER_VARIABLE: "1"})

    assert result.returncode != 0
    assert "browser required (PMO_REQUIRE_BROWSER=1) but /nonexistent/chromium not found" in result.stdout
