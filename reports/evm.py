"""Earned value management (../shared/DOMAIN.md, "Earned value"), pure Python over plain figures.

Money is Decimal and every figure is computed exactly (fractions) before it is rounded for output:
money to cents, indices to four places. A figure whose inputs are missing, or that would divide by
zero (no PV yet, no AC yet, a CPI of 0), is None: "not defined", never an error or a fake 1.0.

Which EAC is which: `eac` is the typical one, BAC / CPI, and ETC, VAC and TCPI to EAC use it (an ETC
given as input is kept as it is, and gives the bottom-up EAC = AC + ETC); `eac_atypical` is
AC + (BAC - EV); `eac_cpi_spi` is AC + (BAC - EV) / (CPI x SPI).

Earned schedule, from the cumulative PV at the end of each period 1..n: C is the number of whole
periods whose PV is at most EV, ES = C + (EV - PV(C)) / (PV(C+1) - PV(C)) (ES = n once EV reaches the
last PV); SV(t) = ES - AT, SPI(t) = ES / AT, and IEAC(t) = PD / SPI(t), the planned duration PD being n.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

CENT = Decimal("0.01")
INDEX_PLACES = Decimal("0.0001")

MONEY_KEYS = (
    "bac",
    "pv",
    "ev",
    "ac",
    "cv",
    "sv",
    "eac",
    "eac_atypical",
    "eac_cpi_spi",
    "eac_bottom_up",
    "etc",
    "vac",
)
INDEX_KEYS = ("cpi", "spi", "tcpi_bac", "tcpi_eac", "es", "sv_t", "spi_t", "ieac_t")
OUTPUT_KEYS = (
    "bac", "pv", "ev", "ac", "cv", "sv", "cpi", "spi", "eac", "eac_atypical", "eac_cpi_spi", "eac_bottom_up",
    "etc", "vac", "tcpi_bac", "tcpi_eac", "es", "sv_t", "spi_t", "ieac_t",
)  # fmt: skip


@dataclass(frozen=True)
class TaskProgress:
    """One task's budget, progress (0-100 %) and actual cost; `etc` its own estimate to complete."""

    id: str
    budget: Decimal
    percent_complete: Decimal
    actual_cost: Decimal
    etc: Decimal | None = None


@dataclass(frozen=True)
class Figures:
    """The totals the metrics come from; any may be missing (None)."""

    bac: Decimal | None = None
    pv: Decimal | None = None
    ev: Decimal | None = None
    ac: Decimal | None = None
    etc: Decimal | None = None
    # Cumulative PV at the end of periods 1, 2, ...; and the actual time AT in periods.
    pv_curve: tuple[Decimal, ...] | None = None
    actual_time: Decimal | None = None


def figures_from_tasks(
    tasks: Iterable[TaskProgress],
    *,
    pv: Decimal | None = None,
    pv_curve: Sequence[Decimal] | None = None,
    actual_time: Decimal | None = None,
) -> Figures:
    """BAC, EV and AC summed over the tasks (EV = budget x % complete); ETC bottom-up when every task has one.

    PV is the one given, else the curve's at the actual time when that is a whole period on the curve.
    """
    tasks = list(tasks)
    bac = sum((task.budget for task in tasks), Decimal(0))
    ev = sum((task.budget * task.percent_complete / 100 for task in tasks), Decimal(0))
    ac = sum((task.actual_cost for task in tasks), Decimal(0))
    etc = (
        sum((task.etc for task in tasks), Decimal(0))
        if tasks and all(t.etc is not None for t in tasks)
        else None
    )
    curve = tuple(pv_curve) if pv_curve is not None else None
    if pv is None and curve and actual_time is not None and actual_time == int(actual_time):
        period = int(actual_time)
        pv = Decimal(0) if period == 0 else curve[period - 1] if period <= len(curve) else None
    return Figures(bac=bac, pv=pv, ev=ev, ac=ac, etc=etc, pv_curve=curve, actual_time=actual_time)


def metrics(figures: Figures) -> dict[str, Decimal | None]:
    """Every metric of OUTPUT_KEYS, rounded (money to cents, indices to four places), None where undefined."""
    bac, pv, ev, ac = (_exact(figures.bac), _exact(figures.pv), _exact(figures.ev), _exact(figures.ac))
    etc_given = _exact(figures.etc)
    cv = _minus(ev, ac)
    sv = _minus(ev, pv)
    cpi = _divide(ev, ac)
    spi = _divide(ev, pv)
    eac = _divide(bac, cpi)
    eac_atypical = None if None in (ac, bac, ev) else ac + (bac - ev)
    cpi_spi = None if cpi is None or spi is None else cpi * spi
    eac_cpi_spi = None if None in (ac, bac, ev) or not cpi_spi else ac + (bac - ev) / cpi_spi
    eac_bottom_up = None if ac is None or etc_given is None else ac + etc_given
    etc = etc_given if etc_given is not None else _minus(eac, ac)
    vac = _minus(bac, eac)
    tcpi_bac = _divide(_minus(bac, ev), _minus(bac, ac))
    tcpi_eac = _divide(_minus(bac, ev), _minus(eac, ac))
    es = _earned_schedule(ev, figures.pv_curve)
    actual_time = _exact(figures.actual_time)
    sv_t = _minus(es, actual_time)
    spi_t = _divide(es, actual_time)
    planned_duration = Fraction(len(figures.pv_curve)) if figures.pv_curve else None
    ieac_t = _divide(planned_duration, spi_t)
    values = {
        "bac": bac, "pv": pv, "ev": ev, "ac": ac, "cv": cv, "sv": sv, "cpi": cpi, "spi": spi, "eac": eac,
        "eac_atypical": eac_atypical, "eac_cpi_spi": eac_cpi_spi, "eac_bottom_up": eac_bottom_up, "etc": etc,
        "vac": vac, "tcpi_bac": tcpi_bac, "tcpi_eac": tcpi_eac, "es": es, "sv_t": sv_t, "spi_t": spi_t,
        "ieac_t": ieac_t,
    }  # fmt: skip
    return {key: _rounded(key, values[key]) for key in OUTPUT_KEYS}


def _exact(value) -> Fraction | None:
    return None if value is None else Fraction(value)


def _minus(left: Fraction | None, right: Fraction | None) -> Fraction | None:
    return None if left is None or right is None else left - right


def _divide(numerator: Fraction | None, denominator: Fraction | None) -> Fraction | None:
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator


def _earned_schedule(ev: Fraction | None, pv_curve: Sequence[Decimal] | None) -> Fraction | None:
    if ev is None or not pv_curve:
        return None
    # Decimals compare exactly with a Fraction; only the two points around EV become Fractions.
    curve = [Decimal(0), *pv_curve]
    whole = max(period for period, value in enumerate(curve) if value <= ev)
    if whole == len(curve) - 1:
        return Fraction(whole)
    below, above = Fraction(curve[whole]), Fraction(curve[whole + 1])
    return whole + (ev - below) / (above - below)


def _rounded(key: str, value: Fraction | None) -> Decimal | None:
    if value is None:
        return None
    places = CENT if key in MONEY_KEYS else INDEX_PLACES
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(places, rounding=ROUND_HALF_UP)


def as_json_numbers(values: Mapping[str, Decimal | None]) -> dict[str, int | float | None]:
    """Rounded Decimals as JSON numbers: a whole figure as an int, else the float that prints the same."""
    return {
        key: None if value is None else int(value) if value == value.to_integral_value() else float(value)
        for key, value in values.items()
    }


class EvmInputError(ValueError):
    """Input the engine cannot read; the message names the field at fault."""


TOTAL_KEYS = {"bac", "pv", "ev", "ac", "etc"}
CURVE_KEYS = {"pv_curve", "actual_time"}
TASK_KEYS = {"id", "budget", "percent_complete", "actual_cost", "etc"}


def parse_figures(data: object) -> Figures:
    """Figures from the JSON of `manage.py evm`: totals {"bac", "pv", "ev", "ac", "etc"?} or
    {"tasks": [{"id", "budget", "percent_complete", "actual_cost", "etc"?}], "pv"?}, either with
    "pv_curve" and "actual_time" for earned schedule. Money and periods are numbers >= 0."""
    if not isinstance(data, dict):
        raise EvmInputError("the figures must be a JSON object")
    unknown = sorted(set(data) - TOTAL_KEYS - CURVE_KEYS - {"tasks"})
    if unknown:
        raise EvmInputError(f"unknown field {unknown[0]!r}")
    curve = _curve(data.get("pv_curve"))
    actual_time = _number(data, "actual_time", optional=True)
    if "tasks" in data:
        totals = sorted(set(data) & {"bac", "ev", "ac", "etc"})
        if totals:
            raise EvmInputError(f"give either totals or tasks, not both ({totals[0]!r} beside 'tasks')")
        if not isinstance(data["tasks"], list):
            raise EvmInputError("'tasks' must be a list")
        tasks = [_task(item, position) for position, item in enumerate(data["tasks"], start=1)]
        return figures_from_tasks(
            tasks, pv=_number(data, "pv", optional=True), pv_curve=curve, actual_time=actual_time
        )
    return Figures(
        **{key: _number(data, key, optional=True) for key in sorted(TOTAL_KEYS)},
        pv_curve=curve,
        actual_time=actual_time,
    )


def _number(data: dict, key: str, *, optional: bool = False, where: str = "") -> Decimal | None:
    value = data.get(key)
    label = f"{where}{key}"
    if value is None:
        if optional:
            return None
        raise EvmInputError(f"{label} is missing")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise EvmInputError(f"{label} must be a number, got {value!r}")
    number = Decimal(str(value))
    if not number.is_finite() or number < 0:
        raise EvmInputError(f"{label} must be a finite number >= 0, got {value!r}")
    if abs(number) > Decimal("1e15"):
        raise EvmInputError(f"{label} is larger than the engine takes (at most 1e15)")
    return number


def _curve(value: object) -> tuple[Decimal, ...] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not value:
        raise EvmInputError("pv_curve must be a non-empty list of cumulative PV per period")
    curve = tuple(_number({"v": item}, "v", where="") for item in value)
    if any(later < earlier for earlier, later in zip(curve, curve[1:], strict=False)):
        raise EvmInputError("pv_curve is cumulative: each period's PV must be at least the one before")
    return curve


def _task(item: object, position: int) -> TaskProgress:
    where = f"task {position}: "
    if not isinstance(item, dict):
        raise EvmInputError(f"{where}must be an object")
    unknown = sorted(set(item) - TASK_KEYS)
    if unknown:
        raise EvmInputError(f"{where}unknown field {unknown[0]!r}")
    task_id = item.get("id", position)
    percent = _number(item, "percent_complete", where=where)
    if percent > 100:
        raise EvmInputError(
            f"{where}percent_complete must be from 0 to 100, got {item['percent_complete']!r}"
        )
    return TaskProgress(
        id=str(task_id),
        budget=_number(item, "budget", where=where),
        percent_complete=percent,
        actual_cost=_number(item, "actual_cost", where=where),
        etc=_number(item, "etc", optional=True, where=where),
    )
