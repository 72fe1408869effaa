"""The PMO's risk standards: the rating scale, the level bands of a score, the escalation threshold and
the risk categories (../shared/DOMAIN.md, "Risks" and "Defaults the PMO can change"). Plain data and its
rules, no ORM, so that the risk register, its figures and the standards page apply one rule.

A risk is rated on two scales of the same size n (default 5): probability and impact, each a whole
number from 1 to n; its score is probability x impact, from 1 to n².

Level bands are contiguous thresholds, each level from its threshold up to the next one's: low below the
medium threshold, medium from it, high from the high threshold, critical from the critical one. The
defaults (medium 5, high 10, critical 20) give DOMAIN's low 1-4, medium 5-9, high 10-16 and critical
20-25 on a 5 x 5 scale: 17-19 is no product of two numbers up to 5, so "high" may as well run to 19 and no
score is left without a level. What the PMO may set: 1 < medium < high < critical <= n².

A score at or above the escalation threshold (default 15, from 1 to n²) escalates the risk to the
portfolio.

Expected monetary value (EMV) = probability share x cost impact. The probability share of step p on a
scale of n is the middle of the p-th of n equal slices of 0-100 %: (2p - 1) / 2n, so a 5-step scale
reads 10 %, 30 %, 50 %, 70 % and 90 %, the table PMOs commonly print beside the scale. It never reaches
0 % (an identified risk can happen) nor 100 % (a certain event is an issue, not a risk). The share is
exact (a Fraction); money is rounded half up to the cent only at the end.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from types import MappingProxyType

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# The levels from the least to the most serious; the risk register's Level choices have these values.
RISK_LEVELS = ("low", "medium", "high", "critical")

RISK_LEVEL_LABELS = MappingProxyType(
    {
        "low": gettext_lazy("Low"),
        "medium": gettext_lazy("Medium"),
        "high": gettext_lazy("High"),
        "critical": gettext_lazy("Critical"),
    }
)

DEFAULT_RISK_CATEGORIES = (
    "technical",
    "market",
    "resource",
    "schedule",
    "cost",
    "compliance",
    "scope",
    "quality",
    "external",
)

# The words of the default categories; a category the PMO adds is shown as the PMO wrote it.
RISK_CATEGORY_LABELS = MappingProxyType(
    {
        "technical": gettext_lazy("Technical"),
        "market": gettext_lazy("Market"),
        "resource": gettext_lazy("Resource"),
        "schedule": gettext_lazy("Schedule"),
        "cost": gettext_lazy("Cost"),
        "compliance": gettext_lazy("Compliance"),
        "scope": gettext_lazy("Scope"),
        "quality": gettext_lazy("Quality"),
        "external": gettext_lazy("External"),
    }
)

# A scale of fewer than 3 steps cannot tell likely from unlikely; more than 10 no one rates consistently.
MIN_SCALE_SIZE = 3
MAX_SCALE_SIZE = 10
MAX_CATEGORY_LENGTH = 40
CENT = Decimal("0.01")


@dataclass(frozen=True)
class RiskStandards:
    """How risks are rated and when they count as low, medium, high or critical, or escalate."""

    scale_size: int = 5
    medium_from: int = 5
    high_from: int = 10
    critical_from: int = 20
    escalation_threshold: int = 15
    categories: tuple[str, ...] = field(default=DEFAULT_RISK_CATEGORIES)

    @property
    def max_score(self) -> int:
        return self.scale_size * self.scale_size

    def level_of(self, score: int) -> str:
        """The level of a score: "critical", "high", "medium" from their thresholds up, "low" below."""
        if score >= self.critical_from:
            return "critical"
        if score >= self.high_from:
            return "high"
        if score >= self.medium_from:
            return "medium"
        return "low"

    def is_escalated(self, score: int) -> bool:
        """Whether a score reaches the escalation threshold."""
        return score >= self.escalation_threshold

    def on_scale(self, value) -> bool:
        """Whether `value` is a whole number from 1 to the scale's size."""
        return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= self.scale_size

    def probability_share(self, probability: int) -> Fraction:
        """The probability of step `probability` as a share of 1: (2p - 1) / 2n (the module's rule)."""
        return Fraction(2 * probability - 1, 2 * self.scale_size)

    def exact_expected_monetary_value(self, *, probability: int, cost_impact: Decimal | None) -> Fraction:
        """probability share x cost impact, exact (a sum of them is rounded once); no cost impact: 0."""
        return self.probability_share(probability) * Fraction(cost_impact or 0)

    def expected_monetary_value(self, *, probability: int, cost_impact: Decimal) -> Decimal:
        """probability share x cost impact, rounded half up to the cent, in the cost impact's currency."""
        return money(self.exact_expected_monetary_value(probability=probability, cost_impact=cost_impact))

    def exposure(self, current_scores: Sequence[int]) -> Decimal:
        """Risk exposure, 0-100 for the health score: the open threats' current scores (residual where
        rated, else inherent) as a share of the worst they could be (every one at the top of the scale).
        No open threat: 0. Rounded half up to one place."""
        if not current_scores:
            return Decimal("0.0")
        share = Fraction(sum(current_scores) * 100, len(current_scores) * self.max_score)
        exact = Decimal(share.numerator) / Decimal(share.denominator)
        return exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    def category_label(self, category: str) -> str:
        """A category in the reader's words: a default one translated, one the PMO added as written."""
        label = RISK_CATEGORY_LABELS.get(category)
        return str(label) if label is not None else category


DEFAULT_RISK_STANDARDS = RiskStandards()


def money(value: Fraction) -> Decimal:
    """An exact amount rounded half up to the cent."""
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(CENT, rounding=ROUND_HALF_UP)


def _whole(value) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value


def risk_standards_errors(standards: RiskStandards) -> dict[str, list[str]]:
    """The rules `standards` breaks, as {name: [message, ...]}; empty when they hold.

    Names are those of RiskStandards: "scale_size", "medium_from", "high_from", "critical_from",
    "escalation_threshold" and "categories".
    """
    errors: dict[str, list[str]] = {}
    size = _whole(standards.scale_size)
    if size is None or not MIN_SCALE_SIZE <= size <= MAX_SCALE_SIZE:
        errors["scale_size"] = [
            _("Enter a whole number from %(low)d to %(high)d.")
            % {"low": MIN_SCALE_SIZE, "high": MAX_SCALE_SIZE}
        ]
        # Nothing else can be checked against a scale that does not exist.
        size = None
    top = None if size is None else size * size
    medium, high, critical = (
        _whole(standards.medium_from),
        _whole(standards.high_from),
        _whole(standards.critical_from),
    )
    if medium is None or medium <= 1:
        errors["medium_from"] = [_("Enter a whole number above 1: scores below it are low.")]
    if high is None:
        errors["high_from"] = [_("Enter a whole number.")]
    elif medium is not None and high <= medium:
        errors["high_from"] = [
            _("The high level must start above the medium one (%(medium)d).") % {"medium": medium}
        ]
    if critical is None:
        errors["critical_from"] = [_("Enter a whole number.")]
    elif high is not None and critical <= high:
        errors["critical_from"] = [
            _("The critical level must start above the high one (%(high)d).") % {"high": high}
        ]
    elif top is not None and critical > top:
        errors["critical_from"] = [
            _("The critical level must start at a score the scale reaches (at most %(top)d).") % {"top": top}
        ]
    threshold = _whole(standards.escalation_threshold)
    if threshold is None or threshold < 1 or (top is not None and threshold > top):
        errors["escalation_threshold"] = [
            _("Enter a whole number from 1 to %(top)d.") % {"top": top}
            if top is not None
            else _("Enter a whole number from 1 up to the largest score.")
        ]
    category_errors = _category_errors(standards.categories)
    if category_errors:
        errors["categories"] = category_errors
    return errors


def _category_errors(categories: Sequence[str]) -> list[str]:
    if isinstance(categories, str) or not all(isinstance(item, str) for item in categories):
        return [_("The categories must be a list of names.")]
    if not categories:
        return [_("Name at least one category.")]
    errors = []
    if any(not item.strip() for item in categories):
        errors.append(_("A category cannot be blank."))
    if any(len(item) > MAX_CATEGORY_LENGTH for item in categories):
        errors.append(_("A category has at most %(length)d characters.") % {"length": MAX_CATEGORY_LENGTH})
    seen: set[str] = set()
    repeated = []
    for item in categories:
        key = item.strip().casefold()
        if key in seen and item not in repeated:
            repeated.append(item)
        seen.add(key)
    if repeated:
        errors.append(_("Each category once; repeated: %(names)s.") % {"names": ", ".join(repeated)})
    return errors


@dataclass(frozen=True)
class LevelBand:
    """The scores of one level on the current scale, `low` to `high` inclusive."""

    level: str
    low: int
    high: int

    @property
    def label(self) -> str:
        return str(RISK_LEVEL_LABELS[self.level])


def level_bands(standards: RiskStandards) -> list[LevelBand]:
    """Each level's scores, from low to critical: each from its threshold to one below the next one's,
    critical up to the scale's largest score (the standards' rules keep every band non-empty)."""
    starts = (1, standards.medium_from, standards.high_from, standards.critical_from)
    ends = (*(start - 1 for start in starts[1:]), standards.max_score)
    return [LevelBand(level, low, high) for level, low, high in zip(RISK_LEVELS, starts, ends, strict=True)]


def probability_shares(standards: RiskStandards) -> list[tuple[int, Decimal]]:
    """(step, its probability share in percent rounded half up to one place) for every step of the scale."""
    shares = []
    for step in range(1, standards.scale_size + 1):
        percent = standards.probability_share(step) * 100
        exact = Decimal(percent.numerator) / Decimal(percent.denominator)
        shares.append((step, exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)))
    return shares
