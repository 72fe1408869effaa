"""The demo organisation that `manage.py seed_demo` loads: people, portfolios, programs, projects.

Plain data only; the command decides what already exists and writes through the services.
"""

from projects.demo_data.charters import PROJECTS, DemoProject
from projects.demo_data.organisation import (
    EXCHANGE_RATES,
    LOGINS,
    OTHER_PEOPLE,
    PEOPLE,
    PORTFOLIOS,
    PROGRAMS,
    REPORTING_CURRENCY,
    DemoExchangeRate,
    DemoPerson,
    DemoPortfolio,
    DemoProgram,
)

__all__ = [
    "EXCHANGE_RATES",
    "LOGINS",
    "OTHER_PEOPLE",
    "PEOPLE",
    "PORTFOLIOS",
    "PROGRAMS",
    "PROJECTS",
    "REPORTING_CURRENCY",
    "DemoExchangeRate",
    "DemoPerson",
    "DemoPortfolio",
    "DemoProgram",
    "DemoProject",
]
