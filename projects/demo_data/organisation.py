"""The people, portfolios and programs of the demo organisation, and the PMO's exchange rates."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from governance.models import PmoType

IT = "IT 信息技术部"
FINANCE = "Finance 财务部"
OPERATIONS = "Operations 运营部"
INFRASTRUCTURE = "Infrastructure 基础设施部"
SECURITY = "Information Security 信息安全部"
CUSTOMER_SERVICE = "Customer Service 客户服务部"
MARKETING = "Marketing 市场部"
PMO_DEPARTMENT = "PMO 项目管理办公室"
HUMAN_RESOURCES = "HR 人力资源部"


@dataclass(frozen=True)
class DemoPerson:
    username: str
    first_name: str
    last_name: str
    department: str
    is_admin: bool = False
    is_pmo_staff: bool = False
    is_project_manager: bool = False
    is_team_member: bool = False
    is_sponsor: bool = False
    # The six role logins get the demo password; everyone else only appears on teams.
    is_login: bool = False


def _login(username, first_name, last_name, department, **roles) -> DemoPerson:
    return DemoPerson(username, first_name, last_name, department, is_login=True, **roles)


# Chinese names are kept whole in first_name, so the display name reads 王磊 and not 磊 王.
LOGINS = (
    _login("admin", "Daniel", "Wu", IT, is_admin=True),
    _login("pmo", "李静", "", PMO_DEPARTMENT, is_pmo_staff=True),
    _login("pm1", "王磊", "", IT, is_project_manager=True),
    _login("pm2", "Sarah", "Mitchell", INFRASTRUCTURE, is_project_manager=True),
    _login("member", "张敏", "", FINANCE, is_team_member=True),
    _login("sponsor", "黄志远", "", FINANCE, is_sponsor=True),
)

OTHER_PEOPLE = (
    DemoPerson("olivia.chen", "Olivia", "Chen", PMO_DEPARTMENT, is_pmo_staff=True),
    DemoPerson("zhao.lei", "赵雷", "", INFRASTRUCTURE, is_project_manager=True),
    DemoPerson("priya.nair", "Priya", "Nair", CUSTOMER_SERVICE, is_project_manager=True),
    DemoPerson("liu.yang", "刘洋", "", MARKETING, is_project_manager=True),
    DemoPerson("thomas.becker", "Thomas", "Becker", IT, is_project_manager=True),
    DemoPerson("zhou.jianguo", "周建国", "", IT, is_sponsor=True),
    DemoPerson("catherine.lee", "Catherine", "Lee", CUSTOMER_SERVICE, is_sponsor=True),
    DemoPerson("sun.lihua", "孙丽华", "", OPERATIONS, is_sponsor=True),
    DemoPerson("chen.xiaodong", "陈晓东", "", IT, is_team_member=True),
    DemoPerson("michael.obrien", "Michael", "O'Brien", IT, is_team_member=True),
    DemoPerson("yang.fan", "杨帆", "", IT, is_team_member=True),
    DemoPerson("wu.ting", "吴婷", "", FINANCE, is_team_member=True),
    DemoPerson("lucas.martin", "Lucas", "Martin", INFRASTRUCTURE, is_team_member=True),
    DemoPerson("guo.qiang", "郭强", "", INFRASTRUCTURE, is_team_member=True),
    DemoPerson("anna.schmidt", "Anna", "Schmidt", CUSTOMER_SERVICE, is_team_member=True),
    DemoPerson("huang.jiayi", "黄佳怡", "", CUSTOMER_SERVICE, is_team_member=True),
    DemoPerson("he.jun", "何军", "", OPERATIONS, is_team_member=True),
    DemoPerson("lin.xiaohong", "林小红", "", HUMAN_RESOURCES, is_team_member=True),
    DemoPerson("james.taylor", "James", "Taylor", SECURITY, is_team_member=True),
    DemoPerson("ma.chao", "马超", "", IT, is_team_member=True),
    DemoPerson("xu.jingyi", "徐静怡", "", IT, is_team_member=True),
    DemoPerson("david.kim", "David", "Kim", IT, is_team_member=True),
    DemoPerson("zhu.li", "朱丽", "", MARKETING, is_team_member=True),
    DemoPerson("emily.zhang", "Emily", "Zhang", FINANCE, is_team_member=True),
)

PEOPLE = LOGINS + OTHER_PEOPLE


@dataclass(frozen=True)
class DemoPortfolio:
    code: str
    name: str
    description: str
    pmo_type_override: str = ""


PORTFOLIOS = (
    DemoPortfolio(
        "DT",
        "Digital Transformation 数字化转型",
        "Core business systems and data: ERP modernisation, the data platform and finance automation.",
    ),
    DemoPortfolio(
        "INFRA",
        "Infrastructure 基础设施",
        "Data centres, network, cloud and security. 受监管的基础设施由 PMO 直接管理（指挥型 PMO）。",
        # Regulated infrastructure work is run directly by the PMO, whatever the installation's type.
        pmo_type_override=PmoType.DIRECTIVE,
    ),
    DemoPortfolio(
        "CX",
        "Customer Experience 客户体验",
        "Everything customers touch: CRM, contact centre, membership app and voice of the customer.",
    ),
)


@dataclass(frozen=True)
class DemoProgram:
    code: str
    portfolio_code: str
    name: str
    description: str


PROGRAMS = (
    DemoProgram(
        "ERP-MOD",
        "DT",
        "ERP Modernisation ERP 现代化",
        "Move finance and supply chain off ECC 6.0 before the end of mainstream maintenance.",
    ),
    DemoProgram(
        "DC-CONS",
        "INFRA",
        "Data Centre Consolidation 数据中心整合",
        "Three server rooms into one Tier III site in Shanghai plus a cloud recovery site.",
    ),
    DemoProgram(
        "OMNI",
        "CX",
        "全渠道客户体验 Omnichannel",
        "One customer view across stores, mini program, contact centre and field sales.",
    ),
)


@dataclass(frozen=True)
class DemoExchangeRate:
    from_currency: str
    to_currency: str
    rate: Decimal
    valid_from: date


# The demo reports in CNY; its EUR and USD budgets convert at these (two dates a pair, so that the
# rate in force differs by day).
REPORTING_CURRENCY = "CNY"
EXCHANGE_RATES = (
    DemoExchangeRate("EUR", "CNY", Decimal("7.8200"), date(2026, 1, 1)),
    DemoExchangeRate("EUR", "CNY", Decimal("8.0500"), date(2026, 7, 1)),
    DemoExchangeRate("USD", "CNY", Decimal("7.2700"), date(2026, 1, 1)),
    DemoExchangeRate("USD", "CNY", Decimal("7.1300"), date(2026, 7, 1)),
)
