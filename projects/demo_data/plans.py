"""Demo plans: a work breakdown structure for most demo projects past initiating, on the China calendar.

Plain data, in the words of each project (Chinese, English or both). Durations are working days as a
planner would first estimate them; the seed stretches them so that each plan ends shortly before its
project's finish date. Predecessors use the import format (``1.2FS+2d;1.3SS-1d``). After the baseline
is saved, each plan gets one change request (`DemoChange`), so the plan drifts from its baseline.
Projects run in China follow its official holidays and 调休 working days, from the chinesecalendar
package like any project set to China; no holiday is typed here.
"""

from dataclasses import dataclass
from decimal import Decimal

BASELINE_NAME = "Baseline 1 / 基线 1"


@dataclass(frozen=True)
class DemoTask:
    wbs: str
    name: str
    days: int = 0
    assignee: str = ""
    after: str = ""
    # Planned cost per working day relative to the plan's other tasks (vendor-heavy work costs more).
    weight: int = 1
    is_milestone: bool = False
    is_summary: bool = False


@dataclass(frozen=True)
class DemoChange:
    """A task added after the baseline under `parent`, after task `after` and before task `before`."""

    parent: str
    name: str
    days: int
    assignee: str
    after: str
    before: str


@dataclass(frozen=True)
class DemoPlan:
    project_code: str
    language: str  # "zh", "en" or "both": the words of cost entry notes
    cost_share: Decimal  # the part of the budget planned on tasks; the rest is contingency
    china_calendar: bool  # follows China's official holidays (else the plain week)
    tasks: tuple[DemoTask, ...]
    change: DemoChange
    # The name of a working exception on the first official weekday holiday of the project's window:
    # the team works that day (a cut-over, say) although the country is off.
    worked_official_day: str = ""


def phase(wbs: str, name: str) -> DemoTask:
    return DemoTask(wbs, name, is_summary=True)


def work(wbs: str, name: str, days: int, assignee: str, after: str = "", weight: int = 1) -> DemoTask:
    return DemoTask(wbs, name, days, assignee, after, weight)


def milestone(wbs: str, name: str, assignee: str, after: str) -> DemoTask:
    return DemoTask(wbs, name, 0, assignee, after, 0, is_milestone=True)


PLANS = (
    DemoPlan(
        "DT-ERP-01",
        "both",
        Decimal("0.78"),
        True,
        (
            phase("1", "项目准备 Project preparation"),
            work("1.1", "项目启动会 Kick-off", 3, "pm1"),
            work("1.2", "项目章程与治理 Charter & governance", 8, "pm1", "1.1"),
            work("1.3", "系统环境准备 Sandbox & DEV landscape", 12, "chen.xiaodong", "1.1SS+2d", 3),
            phase("2", "蓝图设计 Explore / Blueprint"),
            work("2.1", "需求调研 Fit-gap workshops FI/CO", 25, "wu.ting", "1.2", 2),
            work("2.2", "统一会计科目表 Global chart of accounts", 15, "member", "2.1SS+10d"),
            work("2.3", "金税系统接口方案 Golden Tax interface design", 10, "chen.xiaodong", "2.1SS+15d"),
            milestone("2.4", "Blueprint sign-off 蓝图签署", "pm1", "2.1;2.2;2.3"),
            phase("3", "系统实现 Realize"),
            phase("3.1", "配置 Configuration"),
            work("3.1.1", "总账与应收应付配置 GL, AP/AR configuration", 30, "wu.ting", "2.4;1.3", 2),
            work("3.1.2", "固定资产与成本中心 Asset accounting & CO", 25, "member", "3.1.1SS+5d", 2),
            phase("3.2", "开发 Development (RICEFW)"),
            work("3.2.1", "银企直连接口 Banking gateway interface", 25, "chen.xiaodong", "2.4", 3),
            work("3.2.2", "金税系统接口开发 Golden Tax interface", 20, "ma.chao", "3.2.1SS+5d", 3),
            work("3.2.3", "管理报表开发 Management reports", 30, "ma.chao", "3.2.2;3.1.1FF+5d", 2),
            work("3.3", "系统集成测试 SIT", 20, "wu.ting", "3.1.2;3.2.3", 2),
            phase("4", "数据迁移 Data migration"),
            work("4.1", "主数据清洗 Master data cleansing", 40, "member", "2.4"),
            work("4.2", "迁移演练一 Mock load 1", 10, "ma.chao", "4.1;3.1.2", 2),
            work("4.3", "迁移演练二 Mock load 2", 10, "ma.chao", "4.2FS+5d", 2),
            milestone("4.4", "迁移对账签署 Reconciliation sign-off", "member", "4.3"),
            phase("5", "测试与培训 Test & train"),
            work("5.1", "用户验收测试 UAT", 20, "wu.ting", "3.3;4.3SS", 2),
            work("5.2", "最终用户培训 End-user training", 15, "member", "5.1FS-5d"),
            milestone("5.3", "UAT sign-off 验收签署", "pm1", "5.1"),
            phase("6", "上线与支持 Deploy & hypercare"),
            work("6.1", "切换彩排 Cutover rehearsal", 5, "chen.xiaodong", "5.3;4.4", 2),
            milestone("6.2", "Go-live 系统上线", "pm1", "6.1;5.2"),
            work("6.3", "上线后支持 Hypercare", 30, "wu.ting", "6.2", 2),
            work("6.4", "ECC 旧系统运维 Legacy ECC support", 40, "chen.xiaodong", "6.2SF"),
            work("6.5", "ECC 系统下线 ECC decommissioning", 10, "chen.xiaodong", "6.3SS+20d"),
            milestone("6.6", "项目收尾 Project closure", "pm1", "6.3;6.5;6.4"),
        ),
        DemoChange("3.2", "CR-03 电子发票接口 e-Fapiao interface", 12, "chen.xiaodong", "3.2.2", "3.3"),
        worked_official_day="数据迁移值守 Data migration on duty (demo 演示)",
    ),
    DemoPlan(
        "DT-ERP-02",
        "zh",
        Decimal("0.72"),
        True,
        (
            phase("1", "项目启动与规划"),
            work("1.1", "项目启动会", 2, "pm1"),
            work("1.2", "现状评估（Excel 计划流程）", 10, "he.jun", "1.1"),
            work("1.3", "项目管理计划", 8, "pm1", "1.1SS+2d"),
            milestone("1.4", "计划基线批准", "pm1", "1.2;1.3"),
            phase("2", "方案设计"),
            work("2.1", "需求计划流程设计", 20, "he.jun", "1.4", 2),
            work("2.2", "供应计划与库存优化设计", 20, "he.jun", "2.1SS+10d", 2),
            work("2.3", "IBP 与 S/4HANA 主数据接口设计", 15, "xu.jingyi", "2.1SS+5d"),
            milestone("2.4", "方案评审通过", "pm1", "2.2;2.3"),
            phase("3", "系统构建"),
            work("3.1", "IBP 需求计划配置", 30, "xu.jingyi", "2.4", 3),
            work("3.2", "供应计划与库存优化配置", 30, "xu.jingyi", "3.1SS+10d", 3),
            work("3.3", "主数据接口开发", 25, "xu.jingyi", "2.4FS+5d", 2),
            work("3.4", "历史销售数据清洗与导入", 20, "he.jun", "3.3FF+5d"),
            phase("4", "测试与上线"),
            work("4.1", "集成测试", 15, "xu.jingyi", "3.2;3.3;3.4", 2),
            work("4.2", "关键用户培训", 10, "he.jun", "4.1FS-3d"),
            work("4.3", "用户验收测试", 15, "he.jun", "4.1", 2),
            milestone("4.4", "华东区域仓上线", "pm1", "4.2;4.3"),
            milestone("4.5", "华南区域仓上线", "pm1", "4.4FS+20d"),
            phase("5", "S&OP 机制建立"),
            work("5.1", "首次 S&OP 例会", 3, "sun.lihua", "4.4"),
            work("5.2", "预测准确率跟踪（三个月）", 60, "he.jun", "4.4"),
            milestone("5.3", "项目验收", "pm1", "5.1;5.2;4.5"),
        ),
        DemoChange("2", "CR-01 增加华南区域仓需求调研", 8, "he.jun", "2.1", "2.4"),
    ),
    DemoPlan(
        "DT-DATA-01",
        "both",
        Decimal("0.7"),
        True,
        (
            phase("1", "Mobilisation 项目启动"),
            work("1.1", "Kick-off & governance 启动与治理", 5, "pm2"),
            work("1.2", "Data strategy & domain model 数据战略", 20, "yang.fan", "1.1", 2),
            work("1.3", "Platform vendor selection 平台选型", 25, "pm2", "1.1SS+5d"),
            milestone("1.4", "Contract signed 合同签署", "pm2", "1.3"),
            phase("2", "Platform foundation 平台建设"),
            work("2.1", "Cloud landing zone 云基础环境", 20, "michael.obrien", "1.4", 4),
            work("2.2", "Data lake & warehouse 数据湖与数仓", 25, "david.kim", "2.1SS+10d;1.2", 4),
            work("2.3", "Security & access model 安全与权限", 15, "michael.obrien", "2.1FF+5d", 2),
            milestone("2.4", "Platform ready 平台就绪", "pm2", "2.2;2.3"),
            phase("3", "Data domains 数据域"),
            phase("3.1", "Finance domain 财务域"),
            work("3.1.1", "S/4HANA ingestion 财务数据接入", 20, "david.kim", "2.4", 2),
            work("3.1.2", "Finance data model 财务数据模型", 25, "yang.fan", "3.1.1SS+5d", 2),
            phase("3.2", "Supply chain domain 供应链域"),
            work("3.2.1", "WMS/TMS ingestion 供应链数据接入", 25, "david.kim", "3.1.1", 2),
            work("3.2.2", "Inventory data model 库存数据模型", 25, "yang.fan", "3.2.1SS+10d", 2),
            phase("3.3", "Customer domain 客户域"),
            work("3.3.1", "CRM & mini program ingestion 客户数据接入", 20, "david.kim", "3.2.1", 2),
            work("3.3.2", "Customer 360 model 客户 360 模型", 25, "yang.fan", "3.3.1SS+5d", 2),
            phase("4", "Analytics & governance 分析与治理"),
            work("4.1", "Data catalogue & lineage 数据目录", 30, "michael.obrien", "2.4FS+10d"),
            work("4.2", "Data quality rules 数据质量规则", 20, "yang.fan", "3.1.2SS"),
            work("4.3", "Management dashboards 管理驾驶舱", 30, "david.kim", "3.1.2;3.2.2", 2),
            work("4.4", "Legacy report migration 旧报表迁移", 30, "michael.obrien", "4.3SS+10d"),
            phase("5", "Rollout 推广"),
            work("5.1", "Business acceptance 业务验收", 15, "yang.fan", "4.3;3.3.2;4.1;4.2;4.4FS-10d"),
            milestone("5.2", "Go-live 正式上线", "pm2", "5.1"),
            work("5.3", "Legacy DWH support 旧数仓运维", 40, "michael.obrien", "5.2SF"),
            milestone("5.4", "Project closure 项目收尾", "pm2", "5.2FS+20d;5.3"),
        ),
        DemoChange("3.2", "CR-05 IoT sensor data 物联网数据接入", 15, "david.kim", "3.2.1", "4.3"),
    ),
    DemoPlan(
        "INF-DC-01",
        "both",
        Decimal("0.8"),
        True,
        (
            phase("1", "Planning & design 规划设计"),
            work("1.1", "Kick-off 项目启动", 3, "pm2"),
            work("1.2", "Application dependency mapping 应用依赖梳理", 25, "ma.chao", "1.1"),
            work("1.3", "Target architecture 目标架构设计", 20, "guo.qiang", "1.2SS+10d", 2),
            milestone("1.4", "Design approved 设计评审通过", "pm2", "1.2;1.3"),
            phase("2", "Site readiness 机房准备"),
            work("2.1", "Colocation contract 机房租赁合同", 15, "pm2", "1.4"),
            work("2.2", "Power & cooling upgrade 电力与制冷改造", 30, "lucas.martin", "2.1", 6),
            work("2.3", "Core network install 核心网络部署", 20, "guo.qiang", "2.2SS+10d", 5),
            work("2.4", "Site acceptance test 机房验收测试", 5, "guo.qiang", "2.2;2.3FF"),
            milestone("2.5", "Site ready 机房就绪", "pm2", "2.4"),
            phase("3", "Migration waves 迁移批次"),
            work("3.1", "Wave 1 – non-production 非生产环境", 20, "ma.chao", "2.5", 2),
            work("3.2", "Wave 2 – internal systems 内部系统", 25, "ma.chao", "3.1", 3),
            work("3.3", "Wave 3 – core production 核心生产系统", 25, "guo.qiang", "3.2FS+5d", 4),
            work("3.4", "DR drill after migration 灾备演练", 5, "lucas.martin", "3.3"),
            phase("4", "Decommissioning 旧机房退出"),
            work("4.1", "Server room A shutdown 旧机房 A 下线", 15, "lucas.martin", "3.2"),
            work("4.2", "Server room B shutdown 旧机房 B 下线", 15, "lucas.martin", "3.4FS-2d"),
            work("4.3", "Old site lease 旧机房租约", 60, "pm2", "4.2SF"),
            milestone("4.4", "Consolidation complete 整合完成", "pm2", "4.1;4.2;4.3"),
        ),
        DemoChange("3", "CR-02 Mainframe re-hosting 大型机迁移", 15, "guo.qiang", "3.2", "3.3"),
    ),
    DemoPlan(
        "INF-NET-01",
        "en",
        Decimal("0.75"),
        False,
        (
            phase("1", "Design"),
            work("1.1", "Kick-off", 2, "zhao.lei"),
            work("1.2", "Branch site surveys (42 sites)", 20, "lucas.martin", "1.1"),
            work("1.3", "SD-WAN vendor selection", 20, "zhao.lei", "1.1SS+3d"),
            milestone("1.4", "Design sign-off", "zhao.lei", "1.2;1.3"),
            phase("2", "Pilot"),
            work("2.1", "Lab build and failover tests", 15, "guo.qiang", "1.4", 2),
            work("2.2", "Pilot in 3 branches", 15, "lucas.martin", "2.1", 2),
            milestone("2.3", "Pilot go / no-go", "zhao.lei", "2.2"),
            phase("3", "Rollout"),
            work("3.1", "Wave 1 – East China (14 branches)", 25, "lucas.martin", "2.3", 4),
            work("3.2", "Wave 2 – South China (16 branches)", 30, "guo.qiang", "3.1SS+10d", 4),
            work("3.3", "Wave 3 – North and West (12 branches)", 25, "lucas.martin", "3.1;3.2SS+15d", 4),
            work("3.4", "MPLS circuit cancellations", 20, "guo.qiang", "3.3FF+5d"),
            phase("4", "Handover"),
            work("4.1", "Operations handover and runbooks", 10, "lucas.martin", "3.3FS-5d"),
            work("4.2", "Old MPLS contract run-off", 40, "zhao.lei", "4.4SF"),
            milestone("4.3", "Network operations accept", "zhao.lei", "4.1"),
            milestone("4.4", "Project closure", "zhao.lei", "4.3;3.4"),
        ),
        DemoChange("3", "CR-04 4G backup links for 8 remote branches", 10, "guo.qiang", "3.2", "4.1"),
    ),
    DemoPlan(
        "INF-SEC-01",
        "both",
        Decimal("0.76"),
        True,
        (
            phase("1", "Assessment 现状评估"),
            work("1.1", "Kick-off 项目启动", 2, "pm2"),
            work("1.2", "Identity & access assessment 身份与访问评估", 20, "james.taylor", "1.1"),
            work("1.3", "Zero Trust architecture 架构设计", 20, "james.taylor", "1.2SS+10d", 2),
            milestone("1.4", "Architecture approved 架构评审通过", "pm2", "1.3"),
            phase("2", "Identity 身份"),
            work("2.1", "MFA rollout 多因素认证推广", 30, "michael.obrien", "1.4", 2),
            work("2.2", "SSO for 60 applications 单点登录集成", 40, "michael.obrien", "2.1SS+10d", 2),
            phase("3", "Access 访问"),
            work("3.1", "ZTNA gateway deployment 零信任网关部署", 25, "james.taylor", "1.4", 4),
            work("3.2", "VPN migration by department 分部门迁移 VPN", 40, "james.taylor", "3.1"),
            work("3.3", "Device posture checks 终端合规检查", 20, "michael.obrien", "3.1SS+10d;3.2FF-5d"),
            work("3.4", "Legacy VPN support 旧 VPN 运维", 30, "michael.obrien", "4.2SF"),
            phase("4", "Closure 收尾"),
            work("4.1", "Penetration test 渗透测试", 10, "james.taylor", "3.2;2.2;3.3", 2),
            milestone("4.2", "Legacy VPN switched off 关闭旧 VPN", "pm2", "4.1"),
            work("4.3", "Lessons learned 经验总结", 5, "pm2", "4.2"),
            work("4.4", "Closure report 结项报告", 5, "pm2", "4.3SS+2d"),
            milestone("4.5", "Project closed 项目关闭", "pm2", "4.3;4.4;3.4"),
        ),
        DemoChange("2", "CR-06 Privileged access vault 特权账号管理", 15, "james.taylor", "2.1", "4.1"),
    ),
    DemoPlan(
        "CX-CRM-01",
        "en",
        Decimal("0.74"),
        False,
        (
            phase("1", "Discovery"),
            work("1.1", "Kick-off", 2, "thomas.becker"),
            work("1.2", "Sales process workshops (UK, DE, FR)", 15, "anna.schmidt", "1.1"),
            work("1.3", "Solution design", 15, "david.kim", "1.2SS+5d", 2),
            milestone("1.4", "Design authority approval", "thomas.becker", "1.2;1.3"),
            phase("2", "Build"),
            work("2.1", "Sprint 1 – accounts and contacts", 10, "david.kim", "1.4", 3),
            work("2.2", "Sprint 2 – opportunities and quotes", 10, "david.kim", "2.1", 3),
            work("2.3", "Sprint 3 – service cases and ERP integration", 10, "david.kim", "2.2", 3),
            work("2.4", "Data migration from the legacy CRM", 20, "anna.schmidt", "2.1SS+5d;2.3FF+5d", 2),
            phase("3", "Deploy"),
            work("3.1", "User acceptance test", 10, "anna.schmidt", "2.3;2.4"),
            work("3.2", "Train-the-trainer sessions", 5, "anna.schmidt", "3.1FS-3d"),
            milestone("3.3", "Go-live UK & Ireland", "thomas.becker", "3.1;3.2"),
            milestone("3.4", "Go-live DACH", "thomas.becker", "3.3FS+10d"),
            milestone("3.5", "Go-live France & Benelux", "thomas.becker", "3.4FS+10d"),
            work("3.6", "Hypercare", 25, "david.kim", "3.3"),
            phase("4", "Close"),
            work("4.1", "Legacy CRM licences", 60, "thomas.becker", "3.5SF", 2),
            work("4.2", "Benefits review with sales leadership", 5, "thomas.becker", "3.6"),
            milestone("4.3", "Project closure", "thomas.becker", "4.2;3.5;4.1"),
        ),
        DemoChange("2", "CR-02 GDPR consent capture", 8, "david.kim", "2.2", "3.1"),
    ),
    DemoPlan(
        "CX-APP-01",
        "zh",
        Decimal("0.82"),
        True,
        (
            phase("1", "需求与设计"),
            work("1.1", "项目启动会", 2, "liu.yang"),
            work("1.2", "会员需求调研与竞品分析", 15, "zhu.li", "1.1"),
            work("1.3", "交互与视觉设计", 20, "huang.jiayi", "1.2SS+5d", 2),
            milestone("1.4", "设计评审通过", "liu.yang", "1.2;1.3"),
            phase("2", "开发"),
            work("2.1", "积分与等级体系开发", 30, "xu.jingyi", "1.4", 2),
            work("2.2", "优惠券与营销活动", 25, "xu.jingyi", "2.1SS+10d", 2),
            work("2.3", "会员中台接口", 20, "xu.jingyi", "2.1SS+5d", 2),
            work("2.4", "小程序前端开发", 35, "huang.jiayi", "1.4;2.2FF+5d", 2),
            phase("3", "测试与发布"),
            work("3.1", "功能与性能测试", 15, "xu.jingyi", "2.3;2.4"),
            work("3.2", "微信审核与灰度发布", 10, "zhu.li", "3.1FS-2d"),
            milestone("3.3", "正式上线", "liu.yang", "3.2"),
            work("3.4", "旧版小程序维护", 20, "xu.jingyi", "3.3SF"),
            phase("4", "运营与收尾"),
            work("4.1", "上线推广活动", 20, "zhu.li", "3.3", 3),
            work("4.2", "项目复盘", 5, "liu.yang", "4.1"),
            milestone("4.3", "项目关闭", "liu.yang", "4.2;3.4"),
        ),
        DemoChange("2", "CR-01 增加会员储值卡功能", 10, "xu.jingyi", "2.3", "3.1"),
    ),
    DemoPlan(
        "CX-VOC-01",
        "zh",
        Decimal("0.7"),
        True,
        (
            phase("1", "启动与需求"),
            work("1.1", "项目启动会", 2, "priya.nair"),
            work("1.2", "投诉分类需求调研", 10, "huang.jiayi", "1.1"),
            work("1.3", "数据源盘点（工单、评论、问卷）", 8, "yang.fan", "1.2SS+2d"),
            milestone("1.4", "需求确认", "priya.nair", "1.2;1.3"),
            phase("2", "数据接入"),
            work("2.1", "客服工单接入", 15, "yang.fan", "1.4", 2),
            work("2.2", "电商评论接入", 15, "yang.fan", "2.1SS+5d", 2),
            work("2.3", "NPS 问卷接入", 10, "yang.fan", "2.2"),
            phase("3", "文本分析"),
            work("3.1", "标注样本准备（2 万条）", 20, "huang.jiayi", "1.4", 2),
            work("3.2", "中英文分类模型训练", 25, "yang.fan", "3.1SS+10d;2.1", 3),
            milestone("3.3", "模型准确率验收（≥85%）", "priya.nair", "3.2"),
            phase("4", "看板与推广"),
            work("4.1", "管理层看板开发", 20, "yang.fan", "2.3;3.2SS+10d", 2),
            work("4.2", "试运行", 20, "huang.jiayi", "4.1;3.3"),
            work("4.3", "改进措施落地跟踪", 30, "huang.jiayi", "4.2SS+10d"),
            milestone("4.4", "项目验收", "priya.nair", "4.3"),
        ),
        DemoChange("2", "CR-01 增加抖音评论接入", 8, "yang.fan", "2.2", "4.1"),
    ),
)
