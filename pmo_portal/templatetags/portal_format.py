"""Template filters for figures the portal shows the same way in every language."""

from decimal import Decimal, InvalidOperation

from django import template

register = template.Library()


@register.filter
def money(value) -> str:
    """An amount with two decimals and comma thousands separators (1,800,000.00), as finance reads it.

    Django's localized grouping drops the separators for Chinese, where budgets are still written
    with commas; the currency code is shown next to the figure by the template.
    """
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return str(value)
    return f"{amount:,.2f}"
