"""REST endpoints of portfolios and programs."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from pmo_portal.api import LIST_ERRORS, OBJECT_READ_ERRORS, OBJECT_WRITE_ERRORS
from pmo_portal.api_views import ListApi, validated_input
from projects.selectors.portfolios import portfolio_list, program_list
from projects.serializers.portfolios import (
    PortfolioInputSerializer,
    PortfolioOutputSerializer,
    ProgramInputSerializer,
    ProgramOutputSerializer,
)
from projects.services.portfolios import portfolio_create, portfolio_update, program_create


@extend_schema(tags=["portfolios"])
class PortfolioListApi(ListApi):
    serializer_class = PortfolioInputSerializer  # the browsable API's create form
    ordering_fields = ("code", "name")

    def get_queryset(self):
        return portfolio_list(user=self.request.user)

    @extend_schema(responses={200: PortfolioOutputSerializer(many=True), **LIST_ERRORS})
    def get(self, request):
        """Portfolios holding a project the user may see (all of them for PMO staff and admins)."""
        return self.list_response(PortfolioOutputSerializer)

    @extend_schema(
        request=PortfolioInputSerializer, responses={201: PortfolioOutputSerializer, **OBJECT_WRITE_ERRORS}
    )
    def post(self, request):
        """Create a portfolio (admins and PMO staff)."""
        portfolio = portfolio_create(actor=request.user, **validated_input(PortfolioInputSerializer, request))
        return Response(PortfolioOutputSerializer(portfolio).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["portfolios"])
class PortfolioDetailApi(APIView):
    @extend_schema(responses={200: PortfolioOutputSerializer, **OBJECT_READ_ERRORS})
    def get(self, request, pk: int):
        """One visible portfolio."""
        portfolio = portfolio_list(user=request.user).get(pk=pk)
        return Response(PortfolioOutputSerializer(portfolio).data)

    @extend_schema(
        request=PortfolioInputSerializer(partial=True),
        responses={200: PortfolioOutputSerializer, **OBJECT_WRITE_ERRORS},
    )
    def patch(self, request, pk: int):
        """Change a portfolio (admins and PMO staff; only admins change its PMO type)."""
        portfolio = portfolio_list(user=request.user).get(pk=pk)
        changes = validated_input(PortfolioInputSerializer, request, partial=True)
        portfolio = portfolio_update(actor=request.user, portfolio=portfolio, changes=changes)
        return Response(PortfolioOutputSerializer(portfolio).data)


@extend_schema(tags=["programs"])
class ProgramListApi(ListApi):
    serializer_class = ProgramInputSerializer  # the browsable API's create form
    filterset_fields = ("portfolio",)
    ordering_fields = ("code", "name")

    def get_queryset(self):
        return program_list(user=self.request.user)

    @extend_schema(responses={200: ProgramOutputSerializer(many=True), **LIST_ERRORS})
    def get(self, request):
        """Programs holding a project the user may see; `portfolio` narrows to one portfolio."""
        return self.list_response(ProgramOutputSerializer)

    @extend_schema(
        request=ProgramInputSerializer, responses={201: ProgramOutputSerializer, **OBJECT_WRITE_ERRORS}
    )
    def post(self, request):
        """Create a program in a portfolio (admins and PMO staff)."""
        program = program_create(actor=request.user, **validated_input(ProgramInputSerializer, request))
        return Response(ProgramOutputSerializer(program).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["programs"])
class ProgramDetailApi(APIView):
    @extend_schema(responses={200: ProgramOutputSerializer, **OBJECT_READ_ERRORS})
    def get(self, request, pk: int):
        """One visible program."""
        program = program_list(user=request.user).get(pk=pk)
        return Response(ProgramOutputSerializer(program).data)
