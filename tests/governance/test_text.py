"""Names and texts refuse control characters (governance.text), naming the character and its place."""

import pytest
from django.core.exceptions import ValidationError

from governance.text import validate_name_characters, validate_text_characters


@pytest.mark.parametrize(
    "value", ["bell\u0007name", "tab\tname", "two\nlines", "cr\r", "del\u007f", "nel\u0085"]
)
def test_a_name_refuses_every_control_character(value):
    with pytest.raises(ValidationError) as caught:
        validate_name_characters(value)
    assert caught.value.code == "control_character"


def test_the_message_names_the_character_and_where_it_is():
    with pytest.raises(ValidationError) as caught:
        validate_name_characters("bell\u0007name")
    assert caught.value.messages == [
        "Control characters are not allowed here, not even tabs or line breaks (found U+0007 at character 5)."
    ]


@pytest.mark.parametrize("value", ["", "设计 Design", "50% – “done”", "emoji 🚀", "nbsp\u00a0ok"])
def test_ordinary_text_passes_both(value):
    validate_name_characters(value)
    validate_text_characters(value)


def test_a_multi_line_text_keeps_tabs_and_line_breaks():
    validate_text_characters("first\tline\r\nsecond line\n")


@pytest.mark.parametrize("value", ["bell\u0007", "form\u000cfeed", "nul\u0000", "del\u007f", "csi\u009b"])
def test_a_multi_line_text_refuses_the_other_control_characters(value):
    with pytest.raises(ValidationError):
        validate_text_characters(value)
