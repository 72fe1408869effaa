"""factory_boy factories, one module per app family: the organisation (people, portfolios, projects, teams,
and a small world of them for access tests) here, plans in tests.factories.plans."""

from tests.factories.organisation import (
    PASSWORD,
    AccessWorld,
    MembershipFactory,
    PortfolioFactory,
    ProgramFactory,
    ProjectFactory,
    UserFactory,
    build_access_world,
    record_project_changes,
    set_pmo_type,
)

__all__ = [
    "PASSWORD",
    "AccessWorld",
    "MembershipFactory",
    "PortfolioFactory",
    "ProgramFactory",
    "ProjectFactory",
    "UserFactory",
    "build_access_world",
    "record_project_changes",
    "set_pmo_type",
]
