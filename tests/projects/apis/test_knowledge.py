"""The lessons and comments API: search across visible projects, a project's lessons and comments."""

import pytest

from governance.models import PmoType
from projects.models import Lesson, ProjectComment
from tests.api_clients import session_client
from tests.factories import ProjectFactory, build_access_world
from tests.factories.knowledge import record_lesson
from tests.factories.methodologies import MethodologyFactory, published_version

pytestmark = pytest.mark.django_db

SENTENCE = "由于供应商延期交付，集成测试推迟了两周"


@pytest.fixture
def world():
    return build_access_world(PmoType.SUPPORTIVE)


def test_lesson_search_finds_chinese_words_with_the_lesson_its_project_and_tags(world):
    project = world.project_of_pm1
    record_lesson(
        project, title="集成测试推迟", what_happened=SENTENCE, tags="供应商", category="procurement"
    )
    record_lesson(project, title="Training", what_happened="Too few users trained.")
    body = session_client(world.pmo).get("/api/lessons/", {"q": "供应商"}).json()
    assert body["count"] == 1
    row = body["results"][0]
    assert row["title"] == "集成测试推迟" and row["tags"] == ["供应商"] and row["category"] == "procurement"
    assert row["project"]["code"] == project.code and row["project"]["portfolio"]["id"] == world.portfolio.pk
    assert row["rank"] > 0


def test_lesson_search_filters_by_category_tag_methodology_and_portfolio(world):
    scrum = published_version(MethodologyFactory(code="scrum-test"))
    world.project_of_pm2.methodology_version = scrum
    world.project_of_pm2.save()
    record_lesson(world.project_of_pm1, title="A", category="cost", tags="budget")
    record_lesson(world.project_of_pm2, title="B", category="risk", tags="vendor, budget")
    client = session_client(world.pmo)

    def titles(**params):
        return sorted(row["title"] for row in client.get("/api/lessons/", params).json()["results"])

    assert titles(category="risk") == ["B"]
    assert titles(tag="BUDGET") == ["A", "B"]
    assert titles(tag="vendor") == ["B"]
    assert titles(methodology=scrum.methodology_id) == ["B"]
    assert titles(portfolio=world.portfolio.pk) == ["A"]


@pytest.mark.parametrize(
    ("params", "field"), [({"category": "gossip"}, "category"), ({"portfolio": "x"}, "portfolio")]
)
def test_lesson_search_refuses_bad_filters_naming_them(world, params, field):
    response = session_client(world.pmo).get("/api/lessons/", params)
    assert response.status_code == 400
    assert field in response.json()["extra"]["fields"]


def test_lesson_search_shows_only_visible_projects(world):
    record_lesson(world.project_of_pm2, title="Hidden", what_happened=SENTENCE)
    assert session_client(world.pm1).get("/api/lessons/", {"q": "供应商"}).json()["count"] == 0
    assert session_client(world.pm2).get("/api/lessons/", {"q": "供应商"}).json()["count"] == 1


def _lessons_on_projects(count: int, portfolio, pm) -> None:
    have = Lesson.objects.count()
    for _number in range(count - have):
        record_lesson(
            ProjectFactory(portfolio=portfolio, project_manager=pm),
            title="供应商交付",
            what_happened=SENTENCE,
            tags="供应商, vendor",
        )


@pytest.mark.parametrize("query", [{}, {"q": "供应商 交付", "tag": "vendor"}])
def test_lesson_search_costs_the_same_queries_at_10_and_200_projects(world, query, django_assert_num_queries):
    client = session_client(world.pmo)
    for projects in (10, 200):
        _lessons_on_projects(projects, world.portfolio, world.pm1)
        # Session, user, count, the page, its tags.
        with django_assert_num_queries(5, info=f"{projects} projects"):
            body = client.get("/api/lessons/", {**query, "page_size": 200}).json()
        assert body["count"] == projects


def test_pm_records_a_lesson_through_the_api_and_members_may_not(world):
    project = world.project_of_pm1
    url = f"/api/projects/{project.pk}/lessons/"
    data = {"title": "供应商", "what_happened": SENTENCE, "tags": ["供应商", "Vendor"], "category": "risk"}
    response = session_client(world.pm1).post(url, data, format="json")
    assert response.status_code == 201
    assert response.json()["tags"] == ["vendor", "供应商"] and response.json()["phase"] == project.phase
    assert session_client(world.member).post(url, data, format="json").status_code == 403
    assert session_client(world.pm2).post(url, data, format="json").status_code == 404
    listed = session_client(world.member).get(url).json()
    assert [row["title"] for row in listed["results"]] == ["供应商"]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"what_happened": "x"}, "title"),
        ({"title": "x", "what_happened": "x", "tags": [str(n) for n in range(9)]}, "tags"),
        ({"title": "x", "what_happened": "x", "phase": "dreaming"}, "phase"),
        ({"title": "x", "what_happened": "x", "colour": "red"}, "colour"),
    ],
)
def test_bad_lesson_input_is_refused_naming_the_field(world, data, field):
    url = f"/api/projects/{world.project_of_pm1.pk}/lessons/"
    response = session_client(world.pm1).post(url, data, format="json")
    assert response.status_code == 400
    assert field in response.json()["extra"]["fields"]
    assert not Lesson.objects.exists()


def test_comments_are_posted_by_pmo_and_team_and_listed_newest_first(world):
    url = f"/api/projects/{world.project_of_pm1.pk}/comments/"
    assert session_client(world.pmo).post(url, {"text": "请更新基线"}, format="json").status_code == 201
    assert session_client(world.member).post(url, {"text": "OK"}, format="json").status_code == 201
    assert session_client(world.sponsor).post(url, {"text": "?"}, format="json").status_code == 403
    assert session_client(world.pm2).post(url, {"text": "?"}, format="json").status_code == 404
    response = session_client(world.sponsor).get(url)
    assert [row["text"] for row in response.json()["results"]] == ["OK", "请更新基线"]
    assert response.json()["results"][1]["author"]["username"] == "pmo"


def test_a_blank_comment_is_refused_on_the_text(world):
    url = f"/api/projects/{world.project_of_pm1.pk}/comments/"
    response = session_client(world.pmo).post(url, {"text": "  "}, format="json")
    assert response.status_code == 400 and "text" in response.json()["extra"]["fields"]
    assert not ProjectComment.objects.exists()


def test_comments_are_in_the_projects_history(world):
    project = world.project_of_pm1
    session_client(world.pmo).post(f"/api/projects/{project.pk}/comments/", {"text": "关口前请补充交付物"})
    entries = session_client(world.pm1).get(f"/api/projects/{project.pk}/history/").json()["results"]
    assert entries[0]["kind"] == "comment" and entries[0]["text"] == "关口前请补充交付物"
    assert entries[0]["who"] == world.pmo.display_name


def test_history_with_comments_costs_the_same_queries_at_10_and_200_comments(
    world, django_assert_num_queries
):
    project = world.project_of_pm1
    client = session_client(world.pm1)
    url = f"/api/projects/{project.pk}/history/?page_size=200"
    client.get(url)
    for comments in (10, 200):
        ProjectComment.objects.bulk_create(
            ProjectComment(project=project, author=world.pmo, text="意见")
            for _number in range(comments - project.comments.count())
        )
        # Session, user, the project, its history records, plan changes' and comments' counts, a page of each.
        with django_assert_num_queries(8, info=f"{comments} comments"):
            body = client.get(url).json()
        assert body["count"] == comments + 1


def test_comment_list_costs_the_same_queries_at_10_and_200_comments(world, django_assert_num_queries):
    project = world.project_of_pm1
    client = session_client(world.pmo)
    url = f"/api/projects/{project.pk}/comments/?page_size=200"
    client.get(url)
    for comments in (10, 200):
        ProjectComment.objects.bulk_create(
            ProjectComment(project=project, author=world.member, text="意见")
            for _number in range(comments - project.comments.count())
        )
        # Session, user, the project, the count, the page with its authors.
        with django_assert_num_queries(5, info=f"{comments} comments"):
            assert client.get(url).json()["count"] == comments


def test_lesson_search_sorts_by_title_or_date_on_request(world):
    record_lesson(world.project_of_pm1, title="B")
    record_lesson(world.project_of_pm1, title="A")
    client = session_client(world.pmo)
    assert [row["title"] for row in client.get("/api/lessons/", {"ordering": "title"}).json()["results"]] == [
        "A",
        "B",
    ]
    assert client.get("/api/lessons/", {"ordering": "nonsense"}).status_code == 200
