"""The suite runs against a real PostgreSQL server, never SQLite."""

import pytest
from django.db import connection

from projects.models import Project
from tests.factories import ProjectFactory


@pytest.mark.django_db
def test_suite_database_is_a_real_postgresql_server():
    ProjectFactory(name="数字化转型项目")

    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        (version,) = cursor.fetchone()

    assert connection.vendor == "postgresql"
    assert version.startswith("PostgreSQL")
    assert Project.objects.get().name == "数字化转型项目"


@pytest.mark.django_db
def test_suite_database_is_a_throwaway_test_database():
    assert connection.settings_dict["NAME"].startswith("test_")
