"""factory_boy factories, one module per app family: the organisation (people, portfolios, projects, teams,
and a small world of them for access tests) here, methodologies, plans in tests.factories.plans."""

from tests.factories.methodologies import (
    MethodologyFactory,
    MethodologyPhaseFactory,
    MethodologyVersionFactory,
    published_methodology,
    published_version,
)
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
    "MethodologyFactory",
    "MethodologyPhaseFactory",
    "MethodologyVersionFactory",
    "PortfolioFactory",
    "ProgramFactory",
    "ProjectFactory",
    "UserFactory",
    "build_access_world",
    "published_methodology",
    "published_version",
    "record_project_changes",
    "set_pmo_type",
]
