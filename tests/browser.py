"""What the browser tests and the Gantt benchmark share: how Chromium is launched, signing in to a page."""

import os

from django.urls import reverse

# PMO_CHROMIUM points elsewhere only for other machines and for the test of the missing-browser path.
CHROMIUM_PATH = os.environ.get("PMO_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VIEWPORT = {"width": 1400, "height": 900}
# The plan page sets this once its table and the chart in view are drawn and editable.
PLAN_READY = "#plan-page[data-ready=true]"


def signed_in_page(
    browser, live_server, user, url, *, ready=PLAN_READY, viewport=VIEWPORT, **context_options
):
    """A new context and page signed in as `user` (through the login form) on `url`, once `ready` is shown.

    Returns (context, page); the caller closes the context.
    """
    from tests.factories import PASSWORD  # the factories need Django set up; the benchmark imports this first

    context = browser.new_context(viewport=viewport, **context_options)
    page = context.new_page()
    page.goto(f"{live_server.url}{reverse('login')}?next={url}")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"**{url}")
    if ready:
        page.wait_for_selector(ready)
    return context, page


def open_plan(browser, live_server, user, project):
    """The plan page of `project`, signed in as `user`, drawn and editable: (context, page)."""
    return signed_in_page(browser, live_server, user, reverse("projects:plan", args=[project.pk]))
