"""The demo projects: charters written the way a PMO would, in English, Chinese or both.

Dates are offsets in days from the day `seed_demo` runs, so the demo always looks current.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from projects.demo_data.organisation import (
    CUSTOMER_SERVICE,
    FINANCE,
    INFRASTRUCTURE,
    IT,
    MARKETING,
    OPERATIONS,
    SECURITY,
)
from projects.models import MembershipRole, Phase, Priority, Status


@dataclass(frozen=True)
class DemoProject:
    code: str
    name: str
    portfolio_code: str
    project_manager: str
    sponsor: str
    department: str
    phase: str
    status: str
    priority: str
    start_in_days: int
    finish_in_days: int
    budget: Decimal
    currency: str
    description: str
    objectives: str
    scope_in: str
    scope_out: str
    success_criteria: str
    program_code: str = ""
    # The code of a seeded methodology (governance migration 0006); the project follows its newest
    # published version.
    methodology_code: str = "pmbok-waterfall"
    members: tuple[tuple[str, str], ...] = field(default_factory=tuple)


LEAD = MembershipRole.TEAM_LEAD
MEMBER = MembershipRole.TEAM_MEMBER
STAKEHOLDER = MembershipRole.STAKEHOLDER
OBSERVER = MembershipRole.OBSERVER

PROJECTS = (
    DemoProject(
        code="DT-ERP-01",
        name="S/4HANA 财务核心系统迁移 Finance Core Migration",
        portfolio_code="DT",
        program_code="ERP-MOD",
        project_manager="pm1",
        sponsor="sponsor",
        department=FINANCE,
        phase=Phase.EXECUTING,
        status=Status.ACTIVE,
        priority=Priority.HIGH,
        start_in_days=-240,
        finish_in_days=150,
        budget=Decimal("8600000.00"),
        currency="CNY",
        description="Replace the ECC 6.0 finance modules (FI/CO) with SAP S/4HANA Finance "
        "for the 14 legal entities in Greater China.",
        objectives="1. Close the books in 5 working days instead of 9.\n"
        "2. Retire ECC 6.0 before mainstream maintenance ends.\n"
        "3. One chart of accounts across all 14 legal entities.",
        scope_in="General ledger, AP/AR, fixed assets, controlling; migration of open items and "
        "three years of balances; interfaces to the banking gateway and the Golden Tax system (金税系统).",
        scope_out="HR and payroll; procurement (DT-ERP-02); entities outside Greater China.",
        success_criteria="Month-end close within 5 working days for two consecutive months; "
        "no P1 defect open 30 days after go-live; migration reconciliation signed off by the CFO.",
        members=(("member", MEMBER), ("wu.ting", LEAD), ("chen.xiaodong", MEMBER), ("ma.chao", MEMBER)),
    ),
    DemoProject(
        code="DT-ERP-02",
        methodology_code="prince2",
        name="供应链计划系统升级",
        portfolio_code="DT",
        program_code="ERP-MOD",
        project_manager="pm1",
        sponsor="sun.lihua",
        department=OPERATIONS,
        phase=Phase.PLANNING,
        status=Status.ACTIVE,
        priority=Priority.MEDIUM,
        start_in_days=-45,
        finish_in_days=300,
        budget=Decimal("3200000.00"),
        currency="CNY",
        description="将现有基于 Excel 的需求与供应计划迁移到 SAP IBP，覆盖华东、华南两大区域仓。",
        objectives="1. 需求预测准确率从 62% 提升到 80%。\n"
        "2. 成品库存周转天数降低 15%。\n"
        "3. 建立月度销售与运营计划（S&OP）例会机制。",
        scope_in="需求计划、供应计划、库存优化模块；与 S/4HANA 的主数据接口；关键用户培训。",
        scope_out="运输管理系统（TMS）；海外工厂；供应商协同门户。",
        success_criteria="连续三个月预测准确率不低于 80%；S&OP 例会按月召开并形成决议；"
        "关键用户培训完成率 100%。",
        members=(("he.jun", LEAD), ("xu.jingyi", MEMBER), ("sun.lihua", STAKEHOLDER)),
    ),
    DemoProject(
        code="DT-RPA-01",
        methodology_code="fast-track",
        name="Accounts Payable Automation (RPA) 应付账款自动化",
        portfolio_code="DT",
        project_manager="pm1",
        sponsor="sponsor",
        department=FINANCE,
        phase=Phase.INITIATING,
        status=Status.PROPOSED,
        priority=Priority.LOW,
        start_in_days=30,
        finish_in_days=210,
        budget=Decimal("680000.00"),
        currency="CNY",
        description="Software robots for three-way matching and VAT invoice verification in "
        "the Shared Service Centre (财务共享中心).",
        objectives="Cut manual invoice handling by 70 % and the cost per invoice from CNY 18 to CNY 6.",
        scope_in="Three-way match, VAT e-invoice verification, vendor master change requests.",
        scope_out="Travel and expense claims; payment runs, which stay under four-eyes control.",
        success_criteria="Straight-through rate of 70 % over a full quarter; "
        "no duplicate payment caused by a robot; audit sign-off of the bot controls.",
        members=(("member", MEMBER), ("emily.zhang", STAKEHOLDER)),
    ),
    DemoProject(
        code="DT-DATA-01",
        methodology_code="hybrid",
        name="Enterprise Data Platform 企业数据平台",
        portfolio_code="DT",
        project_manager="pm2",
        sponsor="zhou.jianguo",
        department=IT,
        phase=Phase.EXECUTING,
        status=Status.ACTIVE,
        priority=Priority.CRITICAL,
        start_in_days=-300,
        finish_in_days=240,
        budget=Decimal("12500000.00"),
        currency="CNY",
        description="A governed lakehouse that replaces the four departmental data marts and "
        "feeds group reporting, the CRM and the demand forecast.",
        objectives="1. One certified source for the 120 group KPIs.\n"
        "2. Daily data available by 07:00 instead of 11:00.\n"
        "3. Personal data handled under PIPL (个人信息保护法) with lineage and masking.",
        scope_in="Ingestion of ERP, CRM and e-commerce data; data catalogue; KPI layer; access control.",
        scope_out="Real-time streaming use cases; migration of legacy Cognos reports (phase 2).",
        success_criteria="All 120 KPIs certified by their data owners; 99.5 % of daily loads on time "
        "over 60 days; PIPL assessment passed.",
        members=(("yang.fan", LEAD), ("david.kim", MEMBER), ("michael.obrien", MEMBER)),
    ),
    DemoProject(
        code="INF-DC-01",
        name="Shanghai Data Centre Consolidation 上海数据中心整合",
        portfolio_code="INFRA",
        program_code="DC-CONS",
        project_manager="pm2",
        sponsor="sponsor",
        department=INFRASTRUCTURE,
        phase=Phase.EXECUTING,
        status=Status.ACTIVE,
        priority=Priority.HIGH,
        start_in_days=-200,
        finish_in_days=180,
        budget=Decimal("15800000.00"),
        currency="CNY",
        description="Move 640 servers from the Pudong, Minhang and Suzhou rooms into the new "
        "Tier III colocation site in Jiading.",
        objectives="Lower running cost by CNY 4.2 million a year and reach 99.98 % site availability.",
        scope_in="Migration waves, network core, storage replication, decommissioning of the old rooms.",
        scope_out="Application re-architecture; the Beijing office server room.",
        success_criteria="All waves migrated with under 4 hours of unplanned downtime in total; "
        "old rooms handed back on time; run-rate saving confirmed by Finance.",
        members=(("guo.qiang", LEAD), ("lucas.martin", MEMBER), ("ma.chao", MEMBER)),
    ),
    DemoProject(
        code="INF-DR-01",
        methodology_code="prince2",
        name="混合云灾备建设",
        portfolio_code="INFRA",
        program_code="DC-CONS",
        project_manager="zhao.lei",
        sponsor="zhou.jianguo",
        department=INFRASTRUCTURE,
        phase=Phase.PLANNING,
        status=Status.ON_HOLD,
        priority=Priority.HIGH,
        start_in_days=-60,
        finish_in_days=330,
        budget=Decimal("4300000.00"),
        currency="CNY",
        description="在公有云建设核心系统的异地灾备环境。因 2027 年预算复核，项目暂停至下季度投资委员会。",
        objectives="核心系统 RPO ≤ 15 分钟、RTO ≤ 4 小时；每年完成两次灾备演练。",
        scope_in="ERP、数据平台、CRM 的灾备；网络专线；灾备切换手册与演练。",
        scope_out="办公系统与邮件；开发测试环境。",
        success_criteria="首次全量演练达到 RPO/RTO 目标；通过监管检查；运维团队完成切换培训。",
        members=(("lucas.martin", MEMBER), ("james.taylor", STAKEHOLDER)),
    ),
    DemoProject(
        code="INF-NET-01",
        name="SD-WAN Rollout to 42 Branches",
        portfolio_code="INFRA",
        project_manager="zhao.lei",
        sponsor="sun.lihua",
        department=INFRASTRUCTURE,
        phase=Phase.MONITORING,
        status=Status.ACTIVE,
        priority=Priority.MEDIUM,
        start_in_days=-270,
        finish_in_days=45,
        budget=Decimal("1250000.00"),
        currency="USD",
        description="Replace MPLS links with SD-WAN in the 42 branches and warehouses; 36 are live.",
        objectives="Halve the network cost per branch and bring a new branch online in 5 days.",
        scope_in="Edge devices, dual internet links, central orchestration, cut-over of each branch.",
        scope_out="Wi-Fi refresh in the branches; the data centre core network (INF-DC-01).",
        success_criteria="All 42 sites cut over; MPLS contracts terminated without penalty; "
        "branch outage minutes down 50 % year on year.",
        members=(("guo.qiang", MEMBER), ("lucas.martin", LEAD)),
    ),
    DemoProject(
        code="INF-SEC-01",
        methodology_code="hybrid",
        name="Zero Trust Access 零信任访问",
        portfolio_code="INFRA",
        project_manager="pm2",
        sponsor="zhou.jianguo",
        department=SECURITY,
        phase=Phase.CLOSING,
        status=Status.ACTIVE,
        priority=Priority.HIGH,
        start_in_days=-330,
        finish_in_days=20,
        budget=Decimal("860000.00"),
        currency="USD",
        description="Identity-aware access to internal applications, replacing the legacy VPN.",
        objectives="Retire the VPN and meet the MLPS 2.0 (等保 2.0) level 3 access requirements.",
        scope_in="SSO and MFA for 85 internal apps, device posture checks, VPN decommissioning.",
        scope_out="Customer identity (CIAM); operational technology in the plants.",
        success_criteria="VPN switched off; 100 % of staff enrolled in MFA; audit finding closed.",
        members=(("james.taylor", LEAD), ("michael.obrien", MEMBER)),
    ),
    DemoProject(
        code="CX-CRM-01",
        methodology_code="prince2",
        name="Salesforce CRM Rollout – EMEA",
        portfolio_code="CX",
        program_code="OMNI",
        project_manager="thomas.becker",
        sponsor="catherine.lee",
        department=CUSTOMER_SERVICE,
        phase=Phase.MONITORING,
        status=Status.ACTIVE,
        priority=Priority.HIGH,
        start_in_days=-180,
        finish_in_days=90,
        budget=Decimal("2100000.00"),
        currency="EUR",
        description="Sales and service cloud for the Munich, Paris and Milan sales offices.",
        objectives="One pipeline view for EMEA and a 20 % shorter quote-to-order cycle.",
        scope_in="Opportunity management, CPQ, case management, GDPR consent capture, SAP integration.",
        scope_out="Marketing automation; partner portal; APAC offices.",
        success_criteria="90 % weekly active use by sales reps after 8 weeks; forecast in CRM only; "
        "GDPR review passed.",
        members=(("anna.schmidt", LEAD), ("david.kim", MEMBER), ("catherine.lee", STAKEHOLDER)),
    ),
    DemoProject(
        code="CX-APP-01",
        methodology_code="scrum",
        name="会员小程序 2.0",
        portfolio_code="CX",
        program_code="OMNI",
        project_manager="liu.yang",
        sponsor="catherine.lee",
        department=MARKETING,
        phase=Phase.CLOSING,
        status=Status.CLOSED,
        priority=Priority.MEDIUM,
        start_in_days=-400,
        finish_in_days=-20,
        budget=Decimal("1800000.00"),
        currency="CNY",
        description="微信会员小程序改版：积分商城、电子会员卡、门店预约。已上线并完成项目收尾。",
        objectives="月活跃会员从 35 万提升到 60 万；线上预约占门店服务的 40%。",
        scope_in="积分商城、电子会员卡、门店预约、与 CRM 的会员数据同步。",
        scope_out="支付宝小程序；线下 POS 改造。",
        success_criteria="上线 90 天内月活达到 60 万；小程序评分不低于 4.6；经验教训已归档。",
        members=(("zhu.li", LEAD), ("huang.jiayi", MEMBER), ("xu.jingyi", MEMBER)),
    ),
    DemoProject(
        code="CX-CC-01",
        methodology_code="fast-track",
        name="Contact Centre Cloud Migration 呼叫中心上云",
        portfolio_code="CX",
        project_manager="priya.nair",
        sponsor="catherine.lee",
        department=CUSTOMER_SERVICE,
        phase=Phase.INITIATING,
        status=Status.CANCELLED,
        priority=Priority.MEDIUM,
        start_in_days=-90,
        finish_in_days=270,
        budget=Decimal("2400000.00"),
        currency="CNY",
        description="Move the 300-seat contact centre to a cloud platform. Cancelled at the "
        "initiation gate: the on-premise vendor renewed for three years at 30 % lower cost.",
        objectives="Omnichannel routing (voice, WeChat, e-mail) and elastic seats for peak season.",
        scope_in="Telephony platform, IVR, agent desktop, workforce management.",
        scope_out="CRM case management (CX-CRM-01).",
        success_criteria="Not pursued; business case closed by the investment committee.",
        members=(("huang.jiayi", MEMBER),),
    ),
    DemoProject(
        code="CX-VOC-01",
        methodology_code="scrum",
        name="客户之声（VoC）分析平台",
        portfolio_code="CX",
        program_code="OMNI",
        project_manager="priya.nair",
        sponsor="catherine.lee",
        department=CUSTOMER_SERVICE,
        phase=Phase.PLANNING,
        status=Status.ACTIVE,
        priority=Priority.MEDIUM,
        start_in_days=-20,
        finish_in_days=200,
        budget=Decimal("950000.00"),
        currency="CNY",
        description="汇总客服工单、电商评论与 NPS 调查，用文本分析找出客户投诉的根因。",
        objectives="投诉根因识别时间从 3 周缩短到 3 天；NPS 提升 8 分。",
        scope_in="数据接入（工单、评论、问卷）、中英文文本分类、管理层看板。",
        scope_out="外部社交媒体舆情监测。",
        success_criteria="分类准确率不低于 85%；看板每周被管理层使用；两个改进措施落地。",
        members=(("huang.jiayi", LEAD), ("yang.fan", MEMBER), ("lin.xiaohong", OBSERVER)),
    ),
)
