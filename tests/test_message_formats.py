"""Messages that Django or DRF fill with parameters must survive the filling, in every language.

A validation message is used as a %-format string: Django's forms and DRF apply the validator's params
(`message % params`), and a constraint's message gets `% {"name": ...}`. A bare "%" in such a message
("% complete must be ...") is then read as a conversion and the request answers 500 instead of 400,
so each one is written "%%" and marked python-format in the catalog.
"""

import importlib
import pkgutil

import pytest
from django import forms
from django.apps import apps
from django.utils import translation
from rest_framework import serializers

HOUSE_PACKAGES = ("governance", "projects", "pmo_portal", "resources", "risks", "reports")
LANGUAGES = ("en", "zh-hans")


class AnyParams(dict):
    """Stands for any validator's params: every name has a value."""

    def __missing__(self, key):
        return 1


def import_house_modules() -> None:
    """Import every module of the apps so that each form and serializer class is defined."""
    for package_name in HOUSE_PACKAGES:
        package = importlib.import_module(package_name)
        for module in pkgutil.walk_packages(package.__path__, prefix=f"{package_name}."):
            if ".migrations" not in module.name:
                importlib.import_module(module.name)


def subclasses(base: type) -> set[type]:
    found, pending = set(), [base]
    while pending:
        for subclass in pending.pop().__subclasses__():
            if subclass not in found:
                found.add(subclass)
                pending.append(subclass)
    return {cls for cls in found if cls.__module__.split(".")[0] in HOUSE_PACKAGES}


def field_messages(owner: str, fields: dict) -> list[tuple[str, object]]:
    messages = []
    for name, field in fields.items():
        for code, message in getattr(field, "error_messages", {}).items():
            messages.append((f"{owner}.{name} [{code}]", message))
        for validator in getattr(field, "validators", []):
            if getattr(validator, "message", None) is not None:
                messages.append((f"{owner}.{name} [{type(validator).__name__}]", validator.message))
    return messages


def serializer_fields(serializer_class: type) -> dict:
    try:
        return dict(serializer_class().fields)
    except Exception:  # noqa: BLE001 - a serializer that needs context still has its declared fields
        return dict(serializer_class._declared_fields)


def filled_messages() -> list[tuple[str, object]]:
    """(where, message) of every constraint, model field, form field and serializer field of the house."""
    import_house_modules()
    messages = []
    for model in apps.get_models():
        if model.__module__.split(".")[0] not in HOUSE_PACKAGES:
            continue
        for constraint in model._meta.constraints:
            if constraint.violation_error_message is not None:
                messages.append((f"{model.__name__} constraint {constraint.name}", constraint))
        messages += field_messages(model.__name__, {field.name: field for field in model._meta.fields})
    for form_class in subclasses(forms.BaseForm):
        messages += field_messages(form_class.__qualname__, form_class.base_fields)
    for serializer_class in subclasses(serializers.Serializer):
        messages += field_messages(serializer_class.__qualname__, serializer_fields(serializer_class))
    return messages


def fill(message) -> str:
    if hasattr(message, "get_violation_error_message"):
        return message.get_violation_error_message()
    return str(message) % AnyParams()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_validation_message_can_be_filled_with_its_params(language):
    messages = filled_messages()
    assert len(messages) > 100  # the whole house was read, not an empty list
    broken = []
    with translation.override(language):
        for where, message in messages:
            try:
                fill(message)
            except (TypeError, ValueError) as error:
                broken.append(f"{where}: {error}")
    assert not broken, "\n".join(broken)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_percent_complete_message_reads_with_a_single_percent_sign(language):
    from projects.forms.tasks import TaskDetailForm

    field = TaskDetailForm.base_fields["percent_complete"]
    with translation.override(language):
        shown = str(field.error_messages["max_value"]) % {"limit_value": 100}
    assert "%%" not in shown
    if language == "en":
        assert shown == "% complete must be between 0 and 100."
