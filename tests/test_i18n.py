"""The Simplified Chinese interface: every string of the catalog is translated and the pages use it."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import PortfolioFactory, ProjectFactory, UserFactory

CATALOG = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
COMPILED = CATALOG.with_suffix(".mo")
ZH = {"django_language": "zh-hans"}


def catalog_entries() -> list[dict]:
    """The entries of the .po file: msgid, msgstr(s) and flags, continuation lines joined."""
    entries = []
    for block in CATALOG.read_text(encoding="utf-8").split("\n\n"):
        entry = {"flags": "", "fields": {}}
        current = None
        for line in block.strip().splitlines():
            if line.startswith("#,"):
                entry["flags"] += line
            elif line.startswith("#"):
                continue
            elif match := re.match(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) \"(.*)\"$", line):
                current = match.group(1)
                entry["fields"][current] = match.group(2)
            elif line.startswith('"') and current:
                entry["fields"][current] += line[1:-1]
        if entry["fields"].get("msgid"):
            entries.append(entry)
    return entries


def test_catalog_translates_every_message_and_has_no_fuzzy_entries():
    entries = catalog_entries()
    assert len(entries) > 100
    untranslated = [
        entry["fields"]["msgid"]
        for entry in entries
        if not all(value for name, value in entry["fields"].items() if name.startswith("msgstr"))
    ]
    fuzzy = [entry["fields"]["msgid"] for entry in entries if "fuzzy" in entry["flags"]]
    assert untranslated == []
    assert fuzzy == []


def test_catalog_header_is_not_fuzzy_and_has_one_plural_form():
    header = CATALOG.read_text(encoding="utf-8").split("\n\n")[0]
    assert "#, fuzzy" not in header
    assert "nplurals=1; plural=0;" in header


def test_catalog_keeps_every_placeholder_of_the_english_text():
    placeholder = re.compile(r"%\(\w+\)s|\{\w+\}")
    broken = [
        entry["fields"]["msgid"]
        for entry in entries_with_placeholders()
        if sorted(placeholder.findall(entry["fields"]["msgid"]))
        != sorted(placeholder.findall(entry["fields"].get("msgstr", entry["fields"].get("msgstr[0]", ""))))
    ]
    assert broken == []


def entries_with_placeholders():
    return [
        entry
        for entry in catalog_entries()
        if "%(" in entry["fields"]["msgid"] or "{" in entry["fields"]["msgid"]
    ]


@pytest.mark.django_db
def test_login_page_speaks_chinese_when_chosen(client):
    client.cookies.load(ZH)
    html = client.get(reverse("login")).content.decode()
    assert 'lang="zh-hans"' in html
    for chinese in ("登录", "用户名", "密码", "PMO 门户"):
        assert chinese in html
    for english in ("Sign in", "Username", "Password", "PMO Portal"):
        assert english not in html


@pytest.mark.django_db
def test_login_page_follows_the_browser_language(client):
    html = client.get(
        reverse("login"), headers={"accept-language": "zh-CN,zh;q=0.9,en;q=0.5"}
    ).content.decode()
    assert "用户名" in html
    assert "Username" not in html


@pytest.mark.django_db
def test_project_list_speaks_chinese(client):
    pm = UserFactory(username="pm1", first_name="Wei", last_name="Li", is_project_manager=True)
    ProjectFactory(name="智慧城市数据平台", portfolio=PortfolioFactory(name="数字化"), project_manager=pm)
    client.force_login(pm)
    client.cookies.load(ZH)
    html = client.get(reverse("projects:list")).content.decode()
    for chinese in (
        "项目",
        "项目经理",
        "项目组合",
        "新建项目",
        "启动",
        "提议中",
        "筛选",
        "退出登录",
        "1 个项目",
    ):
        assert chinese in html, chinese
    for english in ("Project manager", "New project", "Initiating", "Proposed", "Sign out", "Filter"):
        assert english not in html, english
    assert "智慧城市数据平台" in html


@pytest.mark.django_db
def test_form_errors_are_translated(client):
    pm = UserFactory(is_project_manager=True)
    portfolio = PortfolioFactory()
    client.force_login(pm)
    client.cookies.load(ZH)
    response = client.post(
        reverse("projects:create"),
        {
            "code": "ZH-1",
            "name": "数据平台",
            "portfolio": portfolio.pk,
            "project_manager": pm.pk,
            "status": "proposed",
            "priority": "medium",
            "start_date": "2026-06-30",
            "finish_date": "2026-01-01",
            "budget": "100",
            "currency": "CNY",
        },
    )
    html = response.content.decode()
    assert "完成日期不能早于开始日期。" in html
    assert "项目未保存" in html


@pytest.mark.django_db
def test_language_switch_remembers_the_choice(client):
    response = client.post(reverse("set_language"), {"language": "zh-hans", "next": reverse("login")})
    assert response.status_code == 302
    assert response.url == reverse("login")
    assert "登录" in client.get(reverse("login")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    assert "Sign in" in client.get(reverse("login")).content.decode()
