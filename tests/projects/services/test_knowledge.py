"""Lessons learned and comments: who may record and comment, bad input refused, Chinese found by search."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from governance.models import PmoType
from projects.models import Lesson, LessonTag, ProjectComment
from projects.selectors import knowledge as knowledge_selectors
from projects.selectors.knowledge import lesson_list, lessons_matching
from projects.services.knowledge import comment_post
from tests.factories import MembershipFactory, ProjectFactory, UserFactory, set_pmo_type
from tests.factories.knowledge import record_lesson

pytestmark = pytest.mark.django_db

SENTENCE = "由于供应商延期交付，集成测试推迟了两周"


@pytest.fixture
def project():
    return ProjectFactory(phase="planning")


def _found(user, query) -> list[str]:
    return [lesson.title for lesson in lessons_matching(lesson_list(user=user), query)]


def test_pm_records_a_lesson_with_tags_at_the_projects_phase(project):
    lesson = record_lesson(
        project,
        title="Vendor delays",
        what_happened=SENTENCE,
        why="合同没有违约条款",
        recommendation="Put penalties in the contract",
        category="procurement",
        tags="供应商, Vendor，合同、vendor",
    )
    assert lesson.phase == "planning" and lesson.author == project.project_manager
    assert sorted(lesson.tags.values_list("name", flat=True)) == ["vendor", "供应商", "合同"]


@pytest.mark.parametrize(
    ("pmo_type", "pmo_may"),
    [(PmoType.SUPPORTIVE, False), (PmoType.CONTROLLING, False), (PmoType.DIRECTIVE, True)],
)
def test_lessons_are_recorded_by_those_who_may_edit_the_project(project, pmo_type, pmo_may):
    set_pmo_type(pmo_type)
    member = MembershipFactory(project=project).user
    pmo = UserFactory(is_pmo_staff=True)
    with pytest.raises(PermissionDenied):
        record_lesson(project, actor=member)
    if pmo_may:
        record_lesson(project, actor=pmo)
    else:
        with pytest.raises(PermissionDenied):
            record_lesson(project, actor=pmo)
    assert Lesson.objects.count() == (1 if pmo_may else 0)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title": "  "}, "title"),
        ({"what_happened": ""}, "what_happened"),
        ({"category": "gossip"}, "category"),
        ({"phase": "dreaming"}, "phase"),
        ({"tags": ",".join(f"t{number}" for number in range(9))}, "tags"),
        ({"tags": "x" * 31}, "tags"),
        ({"title": "bad\x00title"}, "title"),
    ],
)
def test_bad_lesson_input_is_refused_on_its_field_and_nothing_saved(project, fields, field):
    with pytest.raises(ValidationError) as refused:
        record_lesson(project, **fields)
    assert field in refused.value.message_dict
    assert not Lesson.objects.exists() and not LessonTag.objects.exists()


def test_search_finds_a_chinese_word_inside_a_chinese_sentence(project):
    record_lesson(project, title="集成测试", what_happened=SENTENCE)
    record_lesson(project, title="培训", what_happened="新员工培训不足，上线后问题较多")
    pmo = UserFactory(is_pmo_staff=True)
    assert _found(pmo, "供应商") == ["集成测试"]
    assert _found(pmo, "延期 测试") == ["集成测试"]
    assert _found(pmo, "供应") == ["集成测试"]  # the start of a word
    assert _found(pmo, "采购") == []


def test_search_finds_english_words_best_match_first(project):
    record_lesson(project, title="Training", what_happened="The vendor trained too few users.")
    record_lesson(project, title="Vendor delays", what_happened="The vendor delivered late.", tags="vendor")
    record_lesson(project, title="Budget", what_happened="Costs ran over.")
    assert _found(project.project_manager, "Vendor") == ["Vendor delays", "Training"]
    assert _found(project.project_manager, "vendor deliver") == ["Vendor delays"]


def test_search_without_postgresql_falls_back_to_substrings(project, monkeypatch):
    record_lesson(project, title="集成测试", what_happened=SENTENCE)
    record_lesson(project, title="Vendor delays", what_happened="late", tags="供应商")
    record_lesson(project, title="Budget", what_happened="Costs ran over.")

    class SQLite:
        vendor = "sqlite"

    monkeypatch.setattr(knowledge_selectors, "connections", {"default": SQLite()})
    assert sorted(_found(project.project_manager, "供应商")) == ["Vendor delays", "集成测试"]
    assert _found(project.project_manager, "vendor LATE") == ["Vendor delays"]


def test_search_shows_only_lessons_of_projects_the_person_may_see(project):
    record_lesson(project, what_happened=SENTENCE)
    outsider = UserFactory(is_team_member=True)
    assert _found(outsider, "供应商") == []
    assert len(_found(project.project_manager, "供应商")) == 1


@pytest.mark.parametrize("pmo_type", list(PmoType.values))
def test_pmo_staff_comment_on_any_project_under_every_pmo_type(project, pmo_type):
    set_pmo_type(pmo_type)
    comment = comment_post(actor=UserFactory(is_pmo_staff=True), project=project, text="  请补充风险登记册  ")
    assert comment.text == "请补充风险登记册"


def test_the_pm_and_members_comment_on_their_project_others_may_not(project):
    member = MembershipFactory(project=project).user
    comment_post(actor=project.project_manager, project=project, text="Kick-off done")
    comment_post(actor=member, project=project, text="Test data ready")
    for stranger in (UserFactory(is_project_manager=True), UserFactory(is_sponsor=True)):
        with pytest.raises(PermissionDenied):
            comment_post(actor=stranger, project=project, text="Hello")
    assert ProjectComment.objects.count() == 2


@pytest.mark.parametrize("text", ["", "   ", "bad\x00text"])
def test_an_empty_or_bad_comment_is_refused_on_the_text(project, text):
    with pytest.raises(ValidationError) as refused:
        comment_post(actor=project.project_manager, project=project, text=text)
    assert "text" in refused.value.message_dict
    assert not ProjectComment.objects.exists()
