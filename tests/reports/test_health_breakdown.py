"""The health breakdown partial, rendered for a reader in each language."""

from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from reports.health import HealthInputs, health_score

PARTIAL = "reports/_partials/health_breakdown.html"
# Risk exposure left out: (62.5 x 25 + 100 x 25 + 80 x 10 + 75 x 10 + 50 x 10 + 90 x 5) / 85 = 77
INPUTS = HealthInputs(
    spi=Decimal("0.90"),
    cpi=Decimal("1.05"),
    planned_value=Decimal(10000),
    earned_value=Decimal(9000),
    actual_cost=Decimal("8571.43"),
    scope_changes=1,
    customer_satisfaction=4,
    team_morale=3,
    compliance_score=90,
    currency="CNY",
)


def render(inputs: HealthInputs, language: str = "en") -> str:
    with translation.override(language):
        return render_to_string(PARTIAL, {"health": health_score(inputs)})


def test_the_breakdown_shows_the_score_each_dimension_and_what_was_left_out():
    html = render(INPUTS)

    assert '<strong class="health-number">77</strong>' in html
    assert 'class="badge health-green">Green' in html
    assert html.count('<tr class="dimension-') == 7
    assert "29.41" in html  # schedule's weight renormalised: 25 / 85
    assert "Earn 500.00 CNY more (earned value 9,500.00 CNY against planned value 10,000.00 CNY)" in html
    assert "<strong>Risk exposure</strong>: not yet rolled up from the risk register" in html
    assert "weights renormalised over the measured dimensions" in html


def test_nothing_measured_says_so_and_claims_no_renormalisation():
    html = render(HealthInputs())

    assert "Not yet measured" in html
    assert "health-number" not in html
    assert "no status report with a rating yet" in html
    assert "weights renormalised" not in html


def test_every_dimension_measured_lists_nothing_left_out():
    html = render(
        HealthInputs(
            spi=Decimal(1),
            cpi=Decimal(1),
            risk_exposure=Decimal(0),
            scope_changes=0,
            customer_satisfaction=5,
            team_morale=5,
            compliance_score=100,
        )
    )
    assert '<strong class="health-number">100</strong>' in html
    assert "Left out" not in html


@pytest.mark.django_db
def test_the_breakdown_reads_in_chinese():
    html = render(INPUTS, "zh-hans")

    assert "健康度评分" in html
    assert "进度（SPI）" in html
    assert "尚未从风险登记册汇总" in html
    assert "权重已按已计量的维度重新归一化" in html
    assert "多挣得 500.00 CNY" in html
