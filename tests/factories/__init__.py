"""factory_boy factories, one module per app family: the organisation (people, portfolios, projects, teams,
and a small world of them for access tests) here, methodologies, plans in tests.factories.plans, the risk
register in tests.factories.risks."""

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
from tests.factories.risks import IssueFactory, RiskActionFactory, RiskFactory

__all__ = [
    "PASSWORD",
    "AccessWorld",
    "IssueFactory",
    "MembershipFactory",
    "MethodologyFactory",
    "MethodologyPhaseFactory",
    "MethodologyVersionFactory",
    "PortfolioFactory",
    "ProgramFactory",
    "ProjectFactory",
    "RiskActionFactory",
    "RiskFactory",
    "UserFactory",
    "build_access_world",
    "published_methodology",
    "published_version",
    "record_project_changes",
    "set_pmo_type",
]
