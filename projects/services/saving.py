"""Saving a validated row: full validation first, and a unique race still reported on the field typed."""

from typing import TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from governance.models import User

Row = TypeVar("Row", bound=models.Model)


def refuse_unknown_fields(changes, allowed) -> None:
    """ValidationError naming each field of `changes` that is not among the `allowed` ones."""
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ValidationError({name: _("This field cannot be changed.") for name in sorted(unknown)})


def _name_duplicate_field(error: ValidationError, field: str, message: str) -> ValidationError:
    """Move the duplicate message of a case-insensitive unique constraint onto the field people typed.

    Django reports constraints over expressions such as Lower("code") as non-field errors.
    """
    general = getattr(error, "error_dict", {}).get(NON_FIELD_ERRORS, [])
    duplicates = [item for item in general if str(message) in item.messages]
    if not duplicates:
        return error
    errors = {name: items for name, items in error.error_dict.items() if name != NON_FIELD_ERRORS}
    errors.setdefault(field, []).extend(duplicates)
    rest = [item for item in general if item not in duplicates]
    if rest:
        errors[NON_FIELD_ERRORS] = rest
    return ValidationError(errors)


def save_validated(
    instance: Row, *, actor: User, duplicate_field: str | None = None, duplicate_message: str = ""
) -> Row:
    """Validate fully, then save with the actor in the history; a unique race still names the field."""
    try:
        instance.full_clean()
    except ValidationError as error:
        if not duplicate_field:
            raise
        raise _name_duplicate_field(error, duplicate_field, duplicate_message) from None
    instance._history_user = actor
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as error:
        if duplicate_field:
            raise ValidationError({duplicate_field: duplicate_message}) from error
        raise
    return instance
