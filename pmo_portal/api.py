"""API plumbing shared by every app: the one error shape and the standard pagination.

Every API error answers `{"message": "...", "extra": {...}}`; validation errors list the
offending fields under `extra.fields`, with Django's and DRF's messages alike. That holds for
404 on unknown addresses under /api/ (see `not_found`) and for unexpected errors (500) too.

Refusals (403, and 404 of an object the person may not see or that does not exist) are announced by
`request_refused`, which the audit log (governance) listens to; the site's page handlers send it too.
"""

import logging
from collections.abc import Mapping

import django_filters
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from pmo_portal.database_busy import RETRY_AFTER_SECONDS, busy_message, is_database_busy
from pmo_portal.signals import request_refused

logger = logging.getLogger(__name__)


class StandardPagination(PageNumberPagination):
    """Pages of 25 rows (`page_size` up to 200); `page` is a whole number from 1 (or "last").

    A page that is no number answers 400 naming `page`; a page past the last answers 404.
    """

    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_number(self, request, paginator):
        page_number = super().get_page_number(request, paginator)
        if page_number in self.last_page_strings:
            return page_number
        text = str(page_number).strip()
        if not (text.isascii() and text.isdigit() and len(text) <= 18 and int(text) >= 1):
            raise exceptions.ValidationError(
                {self.page_query_param: [_("Enter a page number: a whole number from 1, or “last”.")]}
            )
        return int(text)


# The largest key a database id column holds (PostgreSQL's bigint, SQLite's INTEGER).
MAX_ID = 2**63 - 1


def id_out_of_range_message() -> str:
    return _("Enter an id: a whole number from 1 to %(limit)s.") % {"limit": MAX_ID}


def validate_id(value: int) -> None:
    """Refuse an id no row can have; the database would refuse it with an error of its own (500)."""
    if not 1 <= value <= MAX_ID:
        raise DjangoValidationError(id_out_of_range_message(), code="id_range")


class IdField(forms.IntegerField):
    """A form field for an id: a whole number a database key can hold, else a message saying so."""

    default_validators = [validate_id]

    def __init__(self, **kwargs):
        kwargs.setdefault("error_messages", {"invalid": gettext_lazy("Enter an id: a whole number.")})
        super().__init__(**kwargs)


class IdFilter(django_filters.NumberFilter):
    """A filter on an id: out of a key's range (or not a whole number) answers 400 naming the parameter."""

    field_class = IdField


# Keys that browsers add to form posts (the browsable API); never data.
_IGNORED_INPUT_KEYS = {"csrfmiddlewaretoken"}


class StrictInputSerializer(serializers.Serializer):
    """An input serializer that refuses fields it does not know.

    A misspelt field ("finsh_date") is reported by name instead of being silently dropped,
    so a client never believes a change was saved when it was not.
    """

    default_error_messages = {
        "unknown_field": gettext_lazy("Unknown field: this endpoint does not accept it.")
    }

    def to_internal_value(self, data):
        errors = {}
        if isinstance(data, Mapping):
            unknown = sorted(set(data) - set(self.fields) - _IGNORED_INPUT_KEYS)
            errors = {name: [self.error_messages["unknown_field"]] for name in unknown}
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as error:
            if not errors:
                raise
            errors = {**error.detail, **errors} if isinstance(error.detail, dict) else errors
            raise serializers.ValidationError(errors) from error
        if errors:
            raise serializers.ValidationError(errors)
        return value


def _field_errors(detail) -> dict:
    """The field errors of a validation failure, with Django's `__all__` under DRF's key."""
    fields = detail if isinstance(detail, dict) else {api_settings.NON_FIELD_ERRORS_KEY: detail}
    if NON_FIELD_ERRORS in fields:
        fields = dict(fields)
        general = fields.pop(NON_FIELD_ERRORS)
        fields.setdefault(api_settings.NON_FIELD_ERRORS_KEY, []).extend(general)
    return fields


def _announce_refusal(exc, context) -> None:
    if isinstance(exc, Http404 | ObjectDoesNotExist):
        status_code = status.HTTP_404_NOT_FOUND
    elif isinstance(exc, DjangoPermissionDenied | exceptions.PermissionDenied):
        status_code = status.HTTP_403_FORBIDDEN
    else:
        return
    request_refused.send(
        sender=exception_handler,
        request=context.get("request"),
        status=status_code,
        error=exc,
        view_kwargs=context.get("kwargs") or {},
    )


def exception_handler(exc, context):
    """Turn any error into the portal's one error shape; announce refusals (request_refused)."""
    _announce_refusal(exc, context)
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, Http404 | ObjectDoesNotExist):
        # Hidden and unknown objects answer alike, so ids reveal nothing.
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)

    response = drf_exception_handler(exc, context)
    if response is None and is_database_busy(exc):
        return Response(
            {"message": busy_message(), "extra": {}},
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
    if response is None:
        # A bug, not bad input: log it with its traceback and still answer in the one shape.
        logger.exception("Unhandled API error", exc_info=exc)
        return Response(
            {"message": _("Something went wrong on the server."), "extra": {}},
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )

    if isinstance(exc, exceptions.ValidationError):
        fields = _field_errors(response.data)
        non_field = fields.get(api_settings.NON_FIELD_ERRORS_KEY)
        message = str(non_field[0]) if non_field else _("Validation error: check the fields listed.")
        response.data = {"message": message, "extra": {"fields": fields}}
    else:
        detail = (
            response.data.get("detail", response.data) if isinstance(response.data, dict) else response.data
        )
        response.data = {"message": str(detail), "extra": {}}
    return response


@csrf_exempt
def not_found(request, *args, **kwargs):
    """Any address under /api/ that names no endpoint: 404 in the error shape, not an HTML page."""
    # A plain Django view: a DRF one here would import DRF's schema machinery while DRF itself
    # is still importing this module for the pagination setting.
    return JsonResponse({"message": _("There is no API endpoint at this address."), "extra": {}}, status=404)


class ErrorSerializer(serializers.Serializer):
    """The one error shape, for the schema: a message and, for bad input, the fields at fault."""

    message = serializers.CharField()
    extra = serializers.DictField(
        help_text='For bad input: {"fields": {"<field>": ["<message>", ...]}}; otherwise empty.'
    )


_ERROR_DESCRIPTIONS = {
    400: "Bad input: malformed JSON or invalid fields, listed under extra.fields.",
    401: "Not signed in.",
    403: "Signed in but not allowed (or not signed in, for session clients).",
    404: "Unknown, or hidden from the signed-in user.",
    415: "The body is not in a media type this endpoint takes.",
}
_LIST_ERROR_DESCRIPTIONS = {
    400: "Bad input: a filter or page parameter that is not valid, named under extra.fields.",
    404: "A page past the last one, or (for a list inside an object) an object unknown or hidden.",
}


def error_responses(*codes: int) -> dict[int, OpenApiResponse]:
    """Schema responses for the given error codes, all in the one error shape."""
    return {code: OpenApiResponse(ErrorSerializer, description=_ERROR_DESCRIPTIONS[code]) for code in codes}


def list_error_responses() -> dict[int, OpenApiResponse]:
    """Schema responses of a paginated list besides success: bad parameters, no such page, and access."""
    return {
        **error_responses(400, 401, 403, 404),
        **{
            code: OpenApiResponse(ErrorSerializer, description=description)
            for code, description in _LIST_ERROR_DESCRIPTIONS.items()
        },
    }


def document_unsupported_media_type(result, generator, request, public):
    """drf-spectacular postprocessing hook: every operation that takes a body may answer 415.

    A body without a Content-Type, or in a type the endpoint does not parse, is refused before the
    view runs; documenting it on each view would repeat the same line everywhere.
    """
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            if isinstance(operation, dict) and "requestBody" in operation:
                operation["responses"].setdefault(
                    "415", {"content": error, "description": _ERROR_DESCRIPTIONS[415]}
                )
    return result


# The answers an endpoint about one object may give besides success.
OBJECT_READ_ERRORS = error_responses(401, 403, 404)
OBJECT_WRITE_ERRORS = error_responses(400, 401, 403, 404)
# The answers of a paginated list (of everything visible, or of the rows inside one object).
LIST_ERRORS = list_error_responses()
