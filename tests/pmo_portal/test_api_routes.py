"""Every API route answers OPTIONS, HEAD and the browsable API (GET with Accept: text/html), never 5xx.

The routes come from the URL resolver, so a new endpoint is walked without being listed here; their
arguments come from the access matrix's rows (tests/access/test_route_matrix.py), which every route
must have.
"""

import pytest
from django.test import Client
from django.urls import reverse

from governance.models import PmoType
from tests.access.test_route_matrix import ROUTES, build_world, resolver_routes

pytestmark = pytest.mark.django_db

# The admin sees everything; the member sees the project but changes little; the other PM sees none of it.
PEOPLE = ("admin", "member", "pm_of_other_project")


def api_urls(world) -> list[str]:
    urls = []
    for name, _pattern in resolver_routes():
        if not (name or "").startswith("api:"):
            continue
        if name == "api:not-found":
            urls.append("/api/nowhere/")
            continue
        kwargs = ROUTES[name].rows[0].kwargs(world)
        urls.append(reverse(name, kwargs=kwargs))
    return urls


def test_every_api_route_answers_options_head_and_the_browsable_api_without_a_server_error():
    world = build_world(PmoType.CONTROLLING)
    urls = api_urls(world)
    assert len(urls) > 30
    failures = []
    for person in PEOPLE:
        client = Client(raise_request_exception=False)
        client.force_login(world.people[person])
        for url in urls:
            answers = {
                "OPTIONS": client.options(url),
                "HEAD": client.head(url),
                "GET text/html": client.get(url, HTTP_ACCEPT="text/html"),
            }
            failures += [
                f"[{person}] {label} {url}: {response.status_code}"
                for label, response in answers.items()
                if response.status_code >= 500
            ]
    assert not failures, "\n".join([f"{len(failures)} server errors:", *failures])


@pytest.mark.parametrize("name", ["api:task-list", "api:project-history"])
def test_the_browsable_api_renders_the_task_list_and_the_history(name):
    world = build_world(PmoType.SUPPORTIVE)
    client = Client()
    client.force_login(world.people["pm_of_project"])
    url = reverse(name, kwargs=ROUTES[name].rows[0].kwargs(world))
    page = client.get(url, HTTP_ACCEPT="text/html")
    assert page.status_code == 200
    assert page["Content-Type"].startswith("text/html")
    options = client.options(url)
    assert options.status_code == 200
    assert options.json()["name"]
