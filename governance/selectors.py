"""Reads of the PMO rulebook, people's API tokens and the audit log; they never write, so reading
the settings creates no row."""

from datetime import date, datetime, time, timedelta

from django.db.models import Max, Prefetch, Q, QuerySet
from django.utils import timezone

from governance.change_authority import Tiers
from governance.health_standards import HealthStandards
from governance.models import (
    ApiToken,
    AuditEvent,
    ChangeAuthorityTier,
    ExchangeRate,
    Methodology,
    MethodologyPhase,
    MethodologyVersion,
    PmoSettings,
    PmoType,
    User,
)
from governance.money import Rate, RateTable
from governance.risk_standards import RiskStandards


def pmo_settings() -> PmoSettings:
    """The installation's PMO settings as stored; before an admin first saves them, the defaults (unsaved)."""
    stored = PmoSettings.objects.filter(pk=PmoSettings.SINGLETON_ID).first()
    return stored if stored is not None else PmoSettings(pk=PmoSettings.SINGLETON_ID)


def installation_pmo_type() -> str:
    """The PMO type the admin set for the whole installation."""
    return pmo_settings().pmo_type


def api_tokens_of(*, user: User) -> QuerySet[ApiToken]:
    """The live tokens of `user`, newest first: neither expired nor made before a password change."""
    return ApiToken.objects.filter(
        user=user,
        expires_at__gt=timezone.now(),
        password_fingerprint=ApiToken.password_fingerprint_of(user),
    ).order_by("-created_at", "-id")


def audit_event_list(
    *,
    kind: str = "",
    username: str = "",
    outcome: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[AuditEvent]:
    """Audit events, newest first, with their user; narrowed by kind, outcome, username and days.

    `username` matches the name recorded (what was tried, for a failed sign-in) exactly, case aside;
    `since` and `until` are whole days in the current time zone, both included.
    """
    events = AuditEvent.objects.select_related("user").order_by("-occurred_at", "-id")
    if kind:
        events = events.filter(kind=kind)
    if outcome:
        events = events.filter(outcome=outcome)
    if username:
        events = events.filter(username__iexact=username.strip())
    if since is not None:
        events = events.filter(occurred_at__gte=start_of_day(since))
    if until is not None:
        events = events.filter(occurred_at__lt=start_of_day(until + timedelta(days=1)))
    return events


def start_of_day(day: date) -> datetime:
    """Midnight at the start of `day` in the current time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


def methodology_list() -> QuerySet[Methodology]:
    """Every methodology by name, with `published_number` (its newest published version, or None) and
    `newest_number` (its newest version, a draft when above the published one) annotated."""
    return Methodology.objects.annotate(
        published_number=Max("versions__number", filter=Q(versions__published_at__isnull=False)),
        newest_number=Max("versions__number"),
    ).order_by("name", "pk")


def methodology_detail(*, methodology_id: int) -> Methodology:
    """One methodology with its versions, newest first, and each version's phases in order prefetched.

    Methodology.DoesNotExist when there is no such methodology.
    """
    phases = Prefetch("phases", queryset=MethodologyPhase.objects.order_by("order"))
    versions = Prefetch(
        "versions",
        queryset=MethodologyVersion.objects.select_related("published_by")
        .prefetch_related(phases)
        .order_by("-number"),
    )
    return methodology_list().prefetch_related(versions).get(pk=methodology_id)


def methodologies_offered() -> QuerySet[Methodology]:
    """The methodologies a new project may follow: not retired, with at least one published version."""
    return methodology_list().filter(is_active=True, published_number__isnull=False)


def methodology_version_detail(*, version_id: int) -> MethodologyVersion:
    """One methodology version with its methodology and phases; MethodologyVersion.DoesNotExist if unknown."""
    return (
        MethodologyVersion.objects.select_related("methodology", "published_by")
        .prefetch_related(Prefetch("phases", queryset=MethodologyPhase.objects.order_by("order")))
        .get(pk=version_id)
    )


def change_authority_tiers() -> list[ChangeAuthorityTier]:
    """One ChangeAuthorityTier per PMO type in their order; unsaved defaults where none is stored."""
    stored = {row.pmo_type: row for row in ChangeAuthorityTier.objects.all()}
    return [stored.get(value) or ChangeAuthorityTier(pmo_type=value) for value in PmoType.values]


def change_authority_for(pmo_type: str) -> Tiers:
    """The change authority tiers in force under `pmo_type`; the defaults when none are stored."""
    row = ChangeAuthorityTier.objects.filter(pmo_type=pmo_type).first()
    return (row or ChangeAuthorityTier(pmo_type=pmo_type)).tiers


def health_standards() -> HealthStandards:
    """The health standards in force: the stored PMO settings', the defaults before an admin saves them."""
    return pmo_settings().health_standards()


def risk_standards() -> RiskStandards:
    """The risk standards in force: the stored PMO settings', the defaults before an admin saves them."""
    return pmo_settings().risk_standards()


def reporting_currency() -> str:
    """The currency portfolio totals are converted into."""
    return pmo_settings().reporting_currency


def exchange_rate_list() -> QuerySet[ExchangeRate]:
    """Every stored exchange rate by pair, newest first within a pair, with who created it."""
    return ExchangeRate.objects.select_related("created_by").order_by(
        "from_currency", "to_currency", "-valid_from", "-id"
    )


def rate_table() -> RateTable:
    """Every stored exchange rate as a RateTable, read in one query."""
    rows = ExchangeRate.objects.values_list("from_currency", "to_currency", "rate", "valid_from")
    return RateTable(Rate(*row) for row in rows)
