"""Serializers of project memberships."""

from rest_framework import serializers

from pmo_portal.api import StrictInputSerializer
from projects.models import MembershipRole
from projects.serializers.projects import (
    PersonOutputSerializer,
    ProjectRefSerializer,
    VisibleProjectField,
    people,
)


class MembershipCreateInputSerializer(StrictInputSerializer):
    project = VisibleProjectField()
    user = serializers.PrimaryKeyRelatedField(queryset=people())
    role = serializers.ChoiceField(choices=MembershipRole.choices, required=False)


class MembershipUpdateInputSerializer(StrictInputSerializer):
    role = serializers.ChoiceField(choices=MembershipRole.choices)


class MembershipOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    project = ProjectRefSerializer()
    user = PersonOutputSerializer()
    role = serializers.ChoiceField(choices=MembershipRole.choices)
    created_at = serializers.DateTimeField()
