"""The PMO's health and risk standards, the reporting currency and the exchange rates through the API.

Everyone signed in reads them; admins change the health standards, admins and PMO staff the reporting
currency and the rates. The risk standards follow the health standards' permissions.
"""

from decimal import Decimal

import django_filters
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from governance import policy, selectors, services
from governance.currencies import CURRENCY_CHOICES
from governance.health_standards import HEALTH_DIMENSIONS, MAX_INDEX_THRESHOLD
from governance.models import ExchangeRate
from governance.risk_standards import MAX_CATEGORY_LENGTH, MAX_SCALE_SIZE, MIN_SCALE_SIZE
from pmo_portal.api import LIST_ERRORS, OBJECT_READ_ERRORS, StrictInputSerializer, error_responses
from pmo_portal.api_views import ListApi, validated_input

READ_ERRORS = error_responses(401, 403)
WRITE_ERRORS = error_responses(400, 401, 403)


def _weight_field(**kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=0, max_value=100, **kwargs)


def _threshold_field(**kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=4, decimal_places=3, min_value=Decimal("0.001"), max_value=MAX_INDEX_THRESHOLD, **kwargs
    )


class HealthWeightsSerializer(serializers.Serializer):
    schedule = _weight_field()
    cost = _weight_field()
    risk_exposure = _weight_field()
    scope_changes = _weight_field()
    customer_satisfaction = _weight_field()
    team_morale = _weight_field()
    compliance = _weight_field()


class HealthWeightsInputSerializer(StrictInputSerializer):
    schedule = _weight_field(required=False)
    cost = _weight_field(required=False)
    risk_exposure = _weight_field(required=False)
    scope_changes = _weight_field(required=False)
    customer_satisfaction = _weight_field(required=False)
    team_morale = _weight_field(required=False)
    compliance = _weight_field(required=False)


class HealthStandardsOutputSerializer(serializers.Serializer):
    weights = HealthWeightsSerializer(help_text=_("The weight of each dimension; they add up to 100."))
    spi_green = _threshold_field(help_text=_("SPI is green from this value up."))
    spi_amber = _threshold_field(help_text=_("SPI is amber from this value up, red below."))
    cpi_green = _threshold_field(help_text=_("CPI is green from this value up."))
    cpi_amber = _threshold_field(help_text=_("CPI is amber from this value up, red below."))
    band_green = serializers.IntegerField(help_text=_("A health score is green from this value up."))
    band_amber = serializers.IntegerField(
        help_text=_("A health score is amber from this value up, red below.")
    )


class HealthStandardsInputSerializer(StrictInputSerializer):
    weights = HealthWeightsInputSerializer(
        required=False, help_text=_("Only the dimensions sent change; the result must add up to 100.")
    )
    spi_green = _threshold_field(required=False)
    spi_amber = _threshold_field(required=False)
    cpi_green = _threshold_field(required=False)
    cpi_amber = _threshold_field(required=False)
    band_green = serializers.IntegerField(min_value=1, max_value=100, required=False)
    band_amber = serializers.IntegerField(min_value=1, max_value=100, required=False)


def _standards_data() -> dict:
    standards = selectors.health_standards()
    return HealthStandardsOutputSerializer(
        {
            "weights": {name: standards.weight_of(name) for name in HEALTH_DIMENSIONS},
            **{
                name: getattr(standards, name)
                for name in ("spi_green", "spi_amber", "cpi_green", "cpi_amber", "band_green", "band_amber")
            },
        }
    ).data


@extend_schema(tags=["pmo settings"])
class HealthStandardsApi(APIView):
    @extend_schema(responses={200: HealthStandardsOutputSerializer, **READ_ERRORS})
    def get(self, request):
        """The health standards in force: weights, SPI and CPI thresholds, health bands."""
        return Response(_standards_data())

    @extend_schema(
        request=HealthStandardsInputSerializer,
        responses={200: HealthStandardsOutputSerializer, **WRITE_ERRORS},
    )
    def patch(self, request):
        """Change the standards sent (admins only); the weights must still add up to 100."""
        data = validated_input(HealthStandardsInputSerializer, request)
        services.health_standards_update(actor=request.user, **data)
        return Response(_standards_data())


def _risk_score_field(**kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=MAX_SCALE_SIZE * MAX_SCALE_SIZE, **kwargs)


RISK_STANDARD_HELP = {
    "scale_size": _("Steps of the probability and impact scales; a score is probability x impact."),
    "medium_from": _("A risk is medium from this score up, low below."),
    "high_from": _("A risk is high from this score up."),
    "critical_from": _("A risk is critical from this score up, to the largest score (scale size squared)."),
    "escalation_threshold": _("A risk escalates to the portfolio from this score up."),
    "categories": _("The categories a risk is filed under, each once."),
}


class RiskStandardsOutputSerializer(serializers.Serializer):
    scale_size = serializers.IntegerField(help_text=RISK_STANDARD_HELP["scale_size"])
    medium_from = serializers.IntegerField(help_text=RISK_STANDARD_HELP["medium_from"])
    high_from = serializers.IntegerField(help_text=RISK_STANDARD_HELP["high_from"])
    critical_from = serializers.IntegerField(help_text=RISK_STANDARD_HELP["critical_from"])
    escalation_threshold = serializers.IntegerField(help_text=RISK_STANDARD_HELP["escalation_threshold"])
    categories = serializers.ListField(
        child=serializers.CharField(), help_text=RISK_STANDARD_HELP["categories"]
    )


class RiskStandardsInputSerializer(StrictInputSerializer):
    """Every field for PUT; PATCH sends only those that change. 1 < medium < high < critical <= scale²."""

    scale_size = serializers.IntegerField(
        min_value=MIN_SCALE_SIZE, max_value=MAX_SCALE_SIZE, help_text=RISK_STANDARD_HELP["scale_size"]
    )
    medium_from = _risk_score_field(help_text=RISK_STANDARD_HELP["medium_from"])
    high_from = _risk_score_field(help_text=RISK_STANDARD_HELP["high_from"])
    critical_from = _risk_score_field(help_text=RISK_STANDARD_HELP["critical_from"])
    escalation_threshold = _risk_score_field(help_text=RISK_STANDARD_HELP["escalation_threshold"])
    categories = serializers.ListField(
        child=serializers.CharField(max_length=MAX_CATEGORY_LENGTH),
        allow_empty=False,
        help_text=RISK_STANDARD_HELP["categories"],
    )


def _risk_standards_data() -> dict:
    standards = selectors.risk_standards()
    return RiskStandardsOutputSerializer(
        {
            "scale_size": standards.scale_size,
            "medium_from": standards.medium_from,
            "high_from": standards.high_from,
            "critical_from": standards.critical_from,
            "escalation_threshold": standards.escalation_threshold,
            "categories": list(standards.categories),
        }
    ).data


@extend_schema(tags=["pmo settings"])
class RiskStandardsApi(APIView):
    @extend_schema(responses={200: RiskStandardsOutputSerializer, **READ_ERRORS})
    def get(self, request):
        """The risk standards in force: scale size, level thresholds, escalation threshold, categories."""
        return Response(_risk_standards_data())

    @extend_schema(
        request=RiskStandardsInputSerializer,
        responses={200: RiskStandardsOutputSerializer, **WRITE_ERRORS},
    )
    def put(self, request):
        """Replace the risk standards (admins only); every field is required."""
        return self._update(request, partial=False)

    @extend_schema(
        request=RiskStandardsInputSerializer,
        responses={200: RiskStandardsOutputSerializer, **WRITE_ERRORS},
    )
    def patch(self, request):
        """Change the risk standards sent (admins only); the result must still hold their rules."""
        return self._update(request, partial=True)

    def _update(self, request, *, partial: bool):
        # Refused before the body is read, so that someone who may not change them learns that first.
        if not policy.may_configure_pmo(request.user):
            raise PermissionDenied(_("Only an admin may change the risk standards."))
        data = validated_input(RiskStandardsInputSerializer, request, partial=partial)
        services.risk_standards_update(actor=request.user, **data)
        return Response(_risk_standards_data())


class ReportingCurrencySerializer(StrictInputSerializer):
    reporting_currency = serializers.ChoiceField(
        choices=CURRENCY_CHOICES, help_text=_("Portfolio totals convert every project's figures into it.")
    )


@extend_schema(tags=["pmo settings"])
class ReportingCurrencyApi(APIView):
    @extend_schema(responses={200: ReportingCurrencySerializer, **READ_ERRORS})
    def get(self, request):
        """The currency portfolio totals are converted into."""
        return Response({"reporting_currency": selectors.reporting_currency()})

    @extend_schema(
        request=ReportingCurrencySerializer, responses={200: ReportingCurrencySerializer, **WRITE_ERRORS}
    )
    def patch(self, request):
        """Set the reporting currency (admins and PMO staff)."""
        data = validated_input(ReportingCurrencySerializer, request)
        settings_row = services.reporting_currency_update(actor=request.user, **data)
        return Response({"reporting_currency": settings_row.reporting_currency})


class ExchangeRateOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    from_currency = serializers.ChoiceField(choices=CURRENCY_CHOICES)
    to_currency = serializers.ChoiceField(choices=CURRENCY_CHOICES)
    rate = serializers.DecimalField(
        max_digits=20, decimal_places=8, help_text=_("1 from_currency = rate to_currency.")
    )
    valid_from = serializers.DateField()
    in_force_today = serializers.BooleanField(
        help_text=_("The rate of its pair in force today (later rates are not yet, earlier ones no longer).")
    )
    created_by = serializers.IntegerField(source="created_by_id", allow_null=True)
    created_at = serializers.DateTimeField()


class ExchangeRateInputSerializer(StrictInputSerializer):
    from_currency = serializers.ChoiceField(choices=CURRENCY_CHOICES)
    to_currency = serializers.ChoiceField(choices=CURRENCY_CHOICES)
    rate = serializers.DecimalField(max_digits=20, decimal_places=8, min_value=Decimal("0.00000001"))
    valid_from = serializers.DateField()


class ExchangeRateFilter(django_filters.FilterSet):
    from_currency = django_filters.ChoiceFilter(choices=CURRENCY_CHOICES, label=_("From currency"))
    to_currency = django_filters.ChoiceFilter(choices=CURRENCY_CHOICES, label=_("To currency"))

    class Meta:
        model = ExchangeRate
        fields = ["from_currency", "to_currency"]


def _in_force_today() -> set[tuple]:
    """(from, to, valid_from) of each pair's rate in force today, from the whole table (one query)."""
    rates = selectors.rate_table().in_force(timezone.localdate())
    return {(rate.from_currency, rate.to_currency, rate.valid_from) for rate in rates}


def _with_in_force(rates, in_force: set) -> list[dict]:
    return [
        {
            "id": rate.pk,
            "from_currency": rate.from_currency,
            "to_currency": rate.to_currency,
            "rate": rate.rate,
            "valid_from": rate.valid_from,
            "in_force_today": (rate.from_currency, rate.to_currency, rate.valid_from) in in_force,
            "created_by_id": rate.created_by_id,
            "created_at": rate.created_at,
        }
        for rate in rates
    ]


@extend_schema(tags=["pmo settings"])
class ExchangeRateListApi(ListApi):
    """Every exchange rate by pair, newest first within a pair."""

    serializer_class = ExchangeRateOutputSerializer
    queryset = ExchangeRate.objects.none()  # for the schema; requests list through the selector
    filterset_class = ExchangeRateFilter
    ordering_fields = ("valid_from", "from_currency", "to_currency", "created_at")

    def get_queryset(self):
        return selectors.exchange_rate_list()

    @extend_schema(responses={200: ExchangeRateOutputSerializer(many=True), **LIST_ERRORS})
    def get(self, request):
        """Every rate; `in_force_today` marks the one of each pair in force today."""
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        rows = _with_in_force(page, _in_force_today())
        return self.get_paginated_response(ExchangeRateOutputSerializer(rows, many=True).data)

    @extend_schema(
        request=ExchangeRateInputSerializer, responses={201: ExchangeRateOutputSerializer, **WRITE_ERRORS}
    )
    def post(self, request):
        """Add a dated rate (admins and PMO staff); one per pair and day."""
        if not policy.may_keep_exchange_rates(request.user):
            raise PermissionDenied(_("Only admins and PMO staff may keep the exchange rates."))
        data = validated_input(ExchangeRateInputSerializer, request)
        rate = services.exchange_rate_create(actor=request.user, **data)
        row = _with_in_force([rate], _in_force_today())[0]
        return Response(ExchangeRateOutputSerializer(row).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["pmo settings"])
class ExchangeRateDetailApi(APIView):
    @extend_schema(responses={204: None, **OBJECT_READ_ERRORS})
    def delete(self, request, pk: int):
        """Delete a rate (admins and PMO staff); the pair's earlier rate is in force again."""
        if not policy.may_keep_exchange_rates(request.user):
            raise PermissionDenied(_("Only admins and PMO staff may keep the exchange rates."))
        rate = get_object_or_404(ExchangeRate, pk=pk)
        services.exchange_rate_delete(actor=request.user, exchange_rate=rate)
        return Response(status=status.HTTP_204_NO_CONTENT)
