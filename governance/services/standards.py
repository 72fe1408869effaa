"""Writes of the PMO's health and risk standards, the reporting currency and the exchange rates; each is
audited."""

from collections.abc import Mapping, Sequence
from dataclasses import asdict, replace
from datetime import date
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from governance import policy
from governance.announcements import announce_pmo_standards_changed
from governance.health_standards import HealthStandards, standards_errors
from governance.models import AuditKind, AuditOutcome, ExchangeRate, PmoSettings, User
from governance.models.pmo_settings import HEALTH_STANDARD_FIELDS, HEALTH_WEIGHT_FIELDS, RISK_STANDARD_FIELDS
from governance.risk_standards import RiskStandards, risk_standards_errors
from governance.services.audit import audit_record

# A model field's errors under the name the service, the pages and the API use.
PUBLIC_NAMES = {
    **{field: "weights" for field in HEALTH_WEIGHT_FIELDS.values()},
    **{field: name for name, field in HEALTH_STANDARD_FIELDS.items()},
    NON_FIELD_ERRORS: "weights",
}


def _locked_settings() -> PmoSettings:
    row = PmoSettings.objects.select_for_update().filter(pk=PmoSettings.SINGLETON_ID).first()
    return row or PmoSettings(pk=PmoSettings.SINGLETON_ID)


def _audit(*, actor: User, kind: str, target, details: Mapping) -> None:
    audit_record(kind=kind, outcome=AuditOutcome.SUCCESS, user=actor, target=target, details=details)


def _standards_changes(before: HealthStandards, after: HealthStandards) -> dict:
    changes = {}
    weights = {
        name: [before.weights[name], after.weights[name]]
        for name in before.weights
        if before.weights[name] != after.weights[name]
    }
    if weights:
        changes["weights"] = weights
    for name in HEALTH_STANDARD_FIELDS:
        old, new = getattr(before, name), getattr(after, name)
        if Decimal(old) != Decimal(new):
            changes[name] = [str(old), str(new)]
    return changes


@transaction.atomic
def health_standards_update(
    *,
    actor: User,
    weights: Mapping[str, int] | None = None,
    spi_green: Decimal | None = None,
    spi_amber: Decimal | None = None,
    cpi_green: Decimal | None = None,
    cpi_amber: Decimal | None = None,
    band_green: int | None = None,
    band_amber: int | None = None,
) -> PmoSettings:
    """Set the health standards given (None keeps one; `weights` may name only some dimensions); admins only.

    The result must hold governance.health_standards' rules (weights summing to 100, amber below green),
    else ValidationError under the names of the arguments and nothing is saved. Every health score reads
    the new standards at once; the change is audited.
    """
    if not policy.may_configure_pmo(actor):
        raise PermissionDenied(_("Only an admin may change the health standards."))
    settings_row = _locked_settings()
    before = settings_row.health_standards()
    given = {
        "spi_green": spi_green,
        "spi_amber": spi_amber,
        "cpi_green": cpi_green,
        "cpi_amber": cpi_amber,
        "band_green": band_green,
        "band_amber": band_amber,
    }
    after = HealthStandards(
        weights={**before.weights, **dict(weights or {})},
        **{name: getattr(before, name) if value is None else value for name, value in given.items()},
    )
    errors = standards_errors(after)
    if errors:
        raise ValidationError(errors)
    for dimension, field in HEALTH_WEIGHT_FIELDS.items():
        setattr(settings_row, field, after.weights[dimension])
    for name, field in HEALTH_STANDARD_FIELDS.items():
        setattr(settings_row, field, getattr(after, name))
    try:
        settings_row.full_clean()
    except ValidationError as error:
        raise ValidationError(
            {PUBLIC_NAMES.get(field, field): messages for field, messages in error.message_dict.items()}
        ) from error
    settings_row.save()
    changes = _standards_changes(before, settings_row.health_standards())
    if changes:
        _audit(
            actor=actor,
            kind=AuditKind.PMO_STANDARDS_CHANGE,
            target=settings_row,
            details={"standard": "health", "changes": changes},
        )
        announce_pmo_standards_changed()
    return settings_row


@transaction.atomic
def risk_standards_update(
    *,
    actor: User,
    scale_size: int | None = None,
    medium_from: int | None = None,
    high_from: int | None = None,
    critical_from: int | None = None,
    escalation_threshold: int | None = None,
    categories: Sequence[str] | None = None,
) -> PmoSettings:
    """Set the risk standards given (None keeps one); admins only.

    The result must hold governance.risk_standards' rules (1 < medium < high < critical <= scale², a
    threshold from 1 to scale², at least one category and each once), else ValidationError under the
    names of the arguments and nothing is saved. Categories are kept as written, without surrounding
    spaces. Risks already rated keep their ratings and categories: the register re-rates them when they
    are next assessed, and bands and the threshold apply to every score at once. Audited.
    """
    if not policy.may_configure_pmo(actor):
        raise PermissionDenied(_("Only an admin may change the risk standards."))
    settings_row = _locked_settings()
    before = settings_row.risk_standards()
    given = {
        "scale_size": scale_size,
        "medium_from": medium_from,
        "high_from": high_from,
        "critical_from": critical_from,
        "escalation_threshold": escalation_threshold,
        "categories": None if categories is None else tuple(_tidy_category(item) for item in categories),
    }
    after = replace(before, **{name: value for name, value in given.items() if value is not None})
    errors = risk_standards_errors(after)
    if errors:
        raise ValidationError(errors)
    for name, field in RISK_STANDARD_FIELDS.items():
        value = getattr(after, name)
        setattr(settings_row, field, list(value) if name == "categories" else value)
    try:
        settings_row.full_clean()
    except ValidationError as error:
        public = {field: name for name, field in RISK_STANDARD_FIELDS.items()}
        raise ValidationError(
            {public.get(field, field): messages for field, messages in error.message_dict.items()}
        ) from error
    settings_row.save()
    changes = _risk_standards_changes(before, settings_row.risk_standards())
    if changes:
        _audit(
            actor=actor,
            kind=AuditKind.PMO_STANDARDS_CHANGE,
            target=settings_row,
            details={"standard": "risk", "changes": changes},
        )
        # A risk's level and its weight in the health score follow the bands.
        announce_pmo_standards_changed()
    return settings_row


def _tidy_category(item):
    return item.strip() if isinstance(item, str) else item


def _risk_standards_changes(before: RiskStandards, after: RiskStandards) -> dict:
    old, new = asdict(before), asdict(after)
    return {
        name: [list(old[name]), list(new[name])] if name == "categories" else [old[name], new[name]]
        for name in old
        if old[name] != new[name]
    }


@transaction.atomic
def reporting_currency_update(*, actor: User, reporting_currency: str) -> PmoSettings:
    """Set the currency portfolio totals are converted into; admins and PMO staff. Audited."""
    if not policy.may_keep_exchange_rates(actor):
        raise PermissionDenied(_("Only admins and PMO staff may set the reporting currency."))
    settings_row = _locked_settings()
    previous = settings_row.reporting_currency
    settings_row.reporting_currency = reporting_currency
    settings_row.full_clean()
    settings_row.save()
    if previous != reporting_currency:
        _audit(
            actor=actor,
            kind=AuditKind.PMO_STANDARDS_CHANGE,
            target=settings_row,
            details={
                "standard": "reporting_currency",
                "changes": {"reporting_currency": [previous, reporting_currency]},
            },
        )
    return settings_row


def _rate_details(action: str, rate: ExchangeRate) -> dict:
    return {
        "action": action,
        "from_currency": rate.from_currency,
        "to_currency": rate.to_currency,
        "rate": f"{Decimal(rate.rate).normalize():f}",
        "valid_from": rate.valid_from.isoformat(),
    }


@transaction.atomic
def exchange_rate_create(
    *, actor: User, from_currency: str, to_currency: str, rate: Decimal, valid_from: date
) -> ExchangeRate:
    """Record that 1 from_currency = rate to_currency from valid_from on; admins and PMO staff. Audited.

    One rate per pair and day: a second is refused on valid_from (delete the first to correct it).
    """
    if not policy.may_keep_exchange_rates(actor):
        raise PermissionDenied(_("Only admins and PMO staff may keep the exchange rates."))
    exchange_rate = ExchangeRate(
        from_currency=from_currency,
        to_currency=to_currency,
        rate=rate,
        valid_from=valid_from,
        created_by=actor,
    )
    taken = ExchangeRate.objects.filter(
        from_currency=from_currency, to_currency=to_currency, valid_from=valid_from
    ).exists()
    if taken:
        raise ValidationError(
            {
                "valid_from": _("%(pair)s already has a rate from %(day)s; delete it first to change it.")
                % {"pair": f"{from_currency} → {to_currency}", "day": valid_from.isoformat()}
            }
        )
    exchange_rate.full_clean()
    exchange_rate.save()
    _audit(
        actor=actor,
        kind=AuditKind.EXCHANGE_RATE_CHANGE,
        target=exchange_rate,
        details=_rate_details("created", exchange_rate),
    )
    return exchange_rate


@transaction.atomic
def exchange_rate_delete(*, actor: User, exchange_rate: ExchangeRate) -> None:
    """Delete an exchange rate: the pair's earlier one is in force again. Admins and PMO staff; audited."""
    if not policy.may_keep_exchange_rates(actor):
        raise PermissionDenied(_("Only admins and PMO staff may keep the exchange rates."))
    _audit(
        actor=actor,
        kind=AuditKind.EXCHANGE_RATE_CHANGE,
        target=exchange_rate,
        details=_rate_details("deleted", exchange_rate),
    )
    exchange_rate.delete()
