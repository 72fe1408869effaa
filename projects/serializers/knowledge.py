"""Serializers of knowledge: lessons learned and project comments, in and out.

Input serializers check shape and type; the rules (who may, tags at most 8 and short) live in
projects.services.knowledge, so the API and the pages give the same messages.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from pmo_portal.api import StrictInputSerializer
from projects.models import LessonCategory, Phase
from projects.serializers.portfolios import PortfolioRefSerializer
from projects.serializers.projects import PersonOutputSerializer, ProjectRefSerializer


class LessonInputSerializer(StrictInputSerializer):
    title = serializers.CharField(max_length=200)
    what_happened = serializers.CharField()
    why = serializers.CharField(required=False, allow_blank=True)
    recommendation = serializers.CharField(
        required=False, allow_blank=True, help_text=_("What to repeat or avoid.")
    )
    phase = serializers.ChoiceField(
        choices=Phase.choices, required=False, help_text=_("Defaults to the project's current phase.")
    )
    category = serializers.ChoiceField(choices=LessonCategory.choices, required=False)
    tags = serializers.ListField(
        child=serializers.CharField(max_length=100),
        required=False,
        max_length=50,
        help_text=_("A few short words."),
    )


class MethodologyRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class LessonProjectSerializer(ProjectRefSerializer):
    portfolio = PortfolioRefSerializer()
    methodology = serializers.SerializerMethodField()

    def get_methodology(self, project) -> MethodologyRefSerializer(allow_null=True):
        version = project.methodology_version
        return MethodologyRefSerializer(version.methodology).data if version else None


class LessonOutputSerializer(serializers.Serializer):
    """A lesson learned as clients see it; `rank` says how well it matched `q` (PostgreSQL only)."""

    id = serializers.IntegerField()
    project = LessonProjectSerializer()
    phase = serializers.ChoiceField(choices=Phase.choices)
    title = serializers.CharField()
    what_happened = serializers.CharField()
    why = serializers.CharField()
    recommendation = serializers.CharField()
    category = serializers.ChoiceField(choices=LessonCategory.choices)
    tags = serializers.SerializerMethodField()
    author = PersonOutputSerializer(allow_null=True)
    created_at = serializers.DateTimeField()
    rank = serializers.FloatField(read_only=True, allow_null=True, default=None)

    def get_tags(self, lesson) -> list[str]:
        return [tag.name for tag in lesson.tags.all()]


class CommentInputSerializer(StrictInputSerializer):
    text = serializers.CharField(max_length=4000)


class CommentOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    author = PersonOutputSerializer(allow_null=True)
    text = serializers.CharField()
    created_at = serializers.DateTimeField()
