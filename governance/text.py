"""Text that people and files may store: no control characters, checked in one place for every model.

A name (any one-line field) holds none: C0 (U+0000-U+001F), DEL (U+007F) and C1 (U+0080-U+009F). A
multi-line text (notes, descriptions) keeps tab, line feed and carriage return. Control characters show
as nothing or garble what displays them, and XML 1.0, which XLSX and MS Project files are written in,
cannot carry most of them: one stored in a task name broke every XLSX export of its plan.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_IN_NAMES = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def control_character_problem(value: str, *, multiline: bool = False) -> str | None:
    """The message refusing the first control character of `value`, or None when it has none."""
    found = (_IN_TEXT if multiline else _IN_NAMES).search(value or "")
    if found is None:
        return None
    where = {"code": f"{ord(found.group()):04X}", "position": found.start() + 1}
    if multiline:
        return (
            _(
                "Control characters are not allowed, only tabs and line breaks "
                "(found U+%(code)s at character %(position)s)."
            )
            % where
        )
    return (
        _(
            "Control characters are not allowed here, not even tabs or line breaks "
            "(found U+%(code)s at character %(position)s)."
        )
        % where
    )


def validate_name_characters(value: str) -> None:
    """Refuse any control character (the validator of names and other one-line text fields)."""
    problem = control_character_problem(value)
    if problem:
        raise ValidationError(problem, code="control_character")


def validate_text_characters(value: str) -> None:
    """Refuse control characters other than tab, line feed and carriage return (multi-line fields)."""
    problem = control_character_problem(value, multiline=True)
    if problem:
        raise ValidationError(problem, code="control_character")
