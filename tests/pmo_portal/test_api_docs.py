"""/api/docs/ works on a network without internet: Swagger UI comes from the portal's own static files."""

import re

import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

ADDRESS = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']""")
ANY_URL = re.compile(r"""(?:https?:)?//[\w.-]+\.[a-z]{2,}[^\s"'<>)]*""", re.IGNORECASE)


def served_body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@override_settings(DEBUG=False)
def test_the_api_docs_reference_only_local_static_files_and_each_is_served():
    client = Client()
    page = client.get("/api/docs/")
    assert page.status_code == 200
    html = page.content.decode()

    assert ANY_URL.findall(html) == []  # no CDN, no other host
    addresses = ADDRESS.findall(html)
    assert any(address.endswith("swagger-ui-bundle.js") for address in addresses)
    assert any(address.endswith("swagger-ui.css") for address in addresses)
    for address in addresses:
        assert address.startswith("/static/"), address
        response = client.get(address)
        assert response.status_code == 200, address
        assert len(served_body(response)) > 0, address
    assert 'url: "/api/schema/"' in html
    assert client.get("/api/schema/").status_code == 200
