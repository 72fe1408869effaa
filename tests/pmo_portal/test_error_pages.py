"""The portal's own 403, 404 and 500 pages with DEBUG off, in the language of the request."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, override_settings
from django.urls import include, path

from tests.factories import UserFactory

DJANGO_DEBUG_PAGE_TEXT = ("Using the URLconf", "Traceback", "Server Error (500)", "<h1>Not Found</h1>")
TEXTS = {
    403: {
        "en": "Only admins and PMO staff may see the PMO settings.",
        "zh-hans": "只有管理员和 PMO 人员可以查看 PMO 设置。",
    },
    404: {
        "en": "There is nothing here, or it is not visible to you.",
        "zh-hans": "此处没有内容，或您无权查看。",
    },
    500: {
        "en": "The portal could not answer this request.",
        "zh-hans": "门户无法响应此请求。",
    },
}
LANGUAGES = ("en", "zh-hans")


def failing_view(request):
    raise RuntimeError("a defect in a view")


def forbidding_view(request):
    raise PermissionDenied


# This module is the URLconf of the tests below: the portal's addresses plus two that fail.
urlpatterns = [
    path("test-only/failure/", failing_view),
    path("test-only/forbidden/", forbidding_view),
    path("", include("pmo_portal.urls")),
]


def assert_portal_page(response, status: int, language: str) -> str:
    assert response.status_code == status
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert 'class="brand"' in html  # the portal's layout, not Django's bare page
    assert f'<div class="code">{status}</div>' in html
    assert TEXTS[status][language] in html
    for text in DJANGO_DEBUG_PAGE_TEXT:
        assert text not in html
    return html


@pytest.mark.django_db
@override_settings(DEBUG=False)
@pytest.mark.parametrize("language", LANGUAGES)
def test_an_unknown_address_answers_404_with_the_portals_page(client, language):
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE=language)

    assert_portal_page(response, 404, language)
    assert [template.name for template in response.templates][0] == "404.html"


@pytest.mark.django_db
@override_settings(DEBUG=False)
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_forbidden_page_answers_403_with_the_portals_page_and_the_reason(client, language):
    client.force_login(UserFactory(is_team_member=True))

    response = client.post("/governance/settings/", {}, HTTP_ACCEPT_LANGUAGE=language)

    assert_portal_page(response, 403, language)
    assert [template.name for template in response.templates][0] == "403.html"


@override_settings(DEBUG=False, ROOT_URLCONF=__name__)
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_failing_view_answers_500_with_the_portals_page_without_the_database(language):
    # No django_db mark: the page must render when the database is what failed.
    client = Client(raise_request_exception=False)

    response = client.get("/test-only/failure/", HTTP_ACCEPT_LANGUAGE=language)

    html = assert_portal_page(response, 500, language)
    assert "a defect in a view" not in html


@override_settings(DEBUG=False, ROOT_URLCONF=__name__)
def test_a_refusal_without_a_reason_says_the_roles_do_not_allow_it():
    response = Client().get("/test-only/forbidden/", HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert response.status_code == 403
    assert "您的角色不允许执行此操作。" in response.content.decode()


@pytest.mark.django_db
@override_settings(DEBUG=False)
@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Reload the page and send the form again."),
        ("zh-hans", "请刷新页面后重新提交表单。"),
    ],
)
def test_a_form_without_its_csrf_token_answers_403_with_the_portals_page(language, text):
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        "/accounts/login/", {"username": "x", "password": "y"}, HTTP_ACCEPT_LANGUAGE=language
    )

    assert response.status_code == 403
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert 'class="brand"' in html
    assert text in html
    assert "CSRF verification failed" not in html  # Django's own page
