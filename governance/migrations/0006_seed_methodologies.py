"""The five methodologies every installation starts with (governance/default_methodologies.py)."""

from django.db import migrations

from governance.default_methodologies import install_default_methodologies


def seed(apps, schema_editor):
    install_default_methodologies(
        apps.get_model("governance", "Methodology"),
        apps.get_model("governance", "MethodologyVersion"),
        apps.get_model("governance", "MethodologyPhase"),
    )


class Migration(migrations.Migration):
    dependencies = [("governance", "0005_methodologies")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
