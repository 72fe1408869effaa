"""/api/docs/ works on a network without internet, for signed-in people only.

Swagger UI comes from the portal's own static files, its init code too (a script file, as the
Content-Security-Policy allows no inline script); anonymous visitors are sent to sign in and the schema
answers them 401.
"""

import re

import pytest
from django.test import Client, override_settings

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ADDRESS = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']""")
ANY_URL = re.compile(r"""(?:https?:)?//[\w.-]+\.[a-z]{2,}[^\s"'<>)]*""", re.IGNORECASE)


def served_body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@override_settings(DEBUG=False)
def test_the_api_docs_reference_only_local_static_files_and_each_is_served():
    client = Client()
    client.force_login(UserFactory())
    page = client.get("/api/docs/")
    assert page.status_code == 200
    html = page.content.decode()

    assert ANY_URL.findall(html) == []  # no CDN, no other host
    assert "<style" not in html and "<script>" not in html  # nothing inline for the CSP to refuse
    addresses = ADDRESS.findall(html)
    assert any(address.endswith("swagger-ui-bundle.js") for address in addresses)
    assert any(address.endswith("swagger-ui.css") for address in addresses)
    init_script = next(address for address in addresses if address.startswith("/api/docs/?"))
    script = client.get(init_script)
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert 'url: "/api/schema/"' in script.content.decode()
    for address in addresses:
        if address == init_script:
            continue
        assert address.startswith("/static/"), address
        response = client.get(address)
        assert response.status_code == 200, address
        assert len(served_body(response)) > 0, address
    assert client.get("/api/schema/").status_code == 200


def test_anonymous_visitors_are_sent_to_sign_in_for_the_api_docs():
    response = Client().get("/api/docs/")

    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/api/docs/"


def test_the_schema_answers_401_to_anonymous_clients_in_the_error_shape():
    response = Client().get("/api/schema/", HTTP_ACCEPT="application/json")

    assert response.status_code == 401
    assert set(response.json()) == {"message", "extra"}
