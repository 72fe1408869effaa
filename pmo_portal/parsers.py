"""The API's request parsers. A module of its own: DRF reads DEFAULT_PARSER_CLASSES while it defines
APIView, so the parser must be importable without importing rest_framework.views (as pmo_portal.api does).
"""

from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.parsers import JSONParser

# No input of the portal nests deeper than a few levels; 64 leaves room and stays far below the
# interpreter's recursion limit, which the parser and the serializers would otherwise reach.
MAX_JSON_DEPTH = 64


def _json_depth_exceeds(value, limit: int) -> bool:
    """Whether arrays and objects nest deeper than `limit` in a parsed JSON value (no recursion)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


class BoundedJSONParser(JSONParser):
    """DRF's JSON parser, refusing with 400 a document nested deeper than MAX_JSON_DEPTH.

    Without the bound, `[[[[...]]]]` a few thousand levels deep ends in a RecursionError (500)
    inside the parser or whatever walks the data next, before any authentication is checked.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as error:
            raise exceptions.ParseError(self._too_deep_message()) from error
        if _json_depth_exceeds(data, MAX_JSON_DEPTH):
            raise exceptions.ParseError(self._too_deep_message())
        return data

    @staticmethod
    def _too_deep_message() -> str:
        return _(
            "JSON parse error - the document nests arrays or objects more than %(limit)d levels deep."
        ) % {"limit": MAX_JSON_DEPTH}
