"""What the apps' API views share: a list over a selector, one page of rows, parsed input.

Apart from pmo_portal.api because DRF imports that module (for the pagination setting) while it is
still importing its own generic views.
"""

from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.generics import GenericAPIView
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from pmo_portal.api import StandardPagination


class ApiDocsView(SpectacularSwaggerSplitView):
    """The interactive API docs, their init code a script file as the Content-Security-Policy needs;
    OPTIONS answers the view's metadata in JSON, not through the page."""

    def get_renderers(self):
        # The page's renderer needs its template, which only GET gives it.
        if self.request.method == "OPTIONS":
            return [JSONRenderer()]
        return super().get_renderers()


class ListApi(GenericAPIView):
    """A paginated, filterable list over a selector's queryset; subclasses name the selector."""

    pagination_class = StandardPagination

    def list_response(self, output_serializer, context=None) -> Response:
        """One page of the filtered queryset; `context(page)` builds the serializer context from the page."""
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        data = output_serializer(page, many=True, context=context(page) if context else {}).data
        return self.get_paginated_response(data)


def paginated_response(view, request, rows, output_serializer, context=None) -> Response:
    """One page of `rows` (a queryset or list) in the standard pagination, for views without a filter set."""
    paginator = StandardPagination()
    page = paginator.paginate_queryset(rows, request, view=view)
    return paginator.get_paginated_response(output_serializer(page, many=True, context=context or {}).data)


def validated_input(serializer_class, request, *, partial: bool = False, **context) -> dict:
    """The validated input of a request, or a 400 naming the fields at fault."""
    serializer = serializer_class(data=request.data, partial=partial, context={"request": request, **context})
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data
