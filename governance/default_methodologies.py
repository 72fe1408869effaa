"""The five methodologies every installation starts with, published as version 1: PMBOK waterfall,
PRINCE2 stages, agile (Scrum), hybrid and an innovation fast track (two gates, light deliverables).

`install_default_methodologies` takes the model classes, so that the migration that seeds them (with
its historical models) and `seed_demo` (after a test flushed the tables, say) share one definition.
It adds only the missing ones: what PMO staff edited stays as they left it.
"""

from django.utils import timezone

PMBOK_RISKS = [
    {
        "title": "需求范围蔓延 Scope creep from unclear requirements",
        "category": "scope",
        "probability": 3,
        "impact": 4,
    },
    {
        "title": "关键资源不足 Key people not available when planned",
        "category": "resource",
        "probability": 3,
        "impact": 3,
    },
    {"title": "供应商延期交付 Supplier delivers late", "category": "schedule", "probability": 2, "impact": 4},
]
AGILE_RISKS = [
    {
        "title": "产品负责人投入不足 Product owner not available for the team",
        "category": "resource",
        "probability": 3,
        "impact": 3,
    },
    {
        "title": "技术债务累积 Technical debt slows later sprints",
        "category": "technical",
        "probability": 3,
        "impact": 3,
    },
]

METHODOLOGIES = [
    {
        "code": "pmbok-waterfall",
        "name": "PMBOK 瀑布式 · PMBOK waterfall",
        "description": "Plan-driven: the whole scope is planned and baselined before execution; five gates.",
        "cadence": "weekly",
        "risks": PMBOK_RISKS,
        "phases": [
            (
                "initiating",
                "启动 Initiation",
                "立项评审 Initiation gate",
                [
                    "Is the business case still valid?",
                    "Are sponsor and PM named and committed?",
                    "Is the budget approved?",
                ],
                ["business_case", "charter"],
                ["pmo", "sponsor"],
            ),
            (
                "planning",
                "规划 Planning",
                "计划评审 Planning gate",
                [
                    "Is the scope broken down into a WBS?",
                    "Is the schedule baselined?",
                    "Are the main risks assessed?",
                ],
                ["project_plan", "baseline", "risk_register"],
                ["pmo"],
            ),
            (
                "executing",
                "执行 Execution",
                "验收评审 Acceptance gate",
                ["Is every deliverable tested?", "Has the customer accepted the result?"],
                ["test_report", "acceptance"],
                ["pmo", "sponsor"],
            ),
            (
                "closing",
                "收尾 Closing",
                "结项评审 Closure gate",
                ["Are contracts closed and costs booked?", "Are lessons learned recorded?"],
                ["closure_report", "lessons_learned"],
                ["pmo", "sponsor"],
            ),
        ],
    },
    {
        "code": "prince2",
        "name": "PRINCE2 阶段式 · PRINCE2 stages",
        "description": "Managed by stages: the project board authorises each stage at its boundary.",
        "cadence": "weekly",
        "risks": PMBOK_RISKS,
        "phases": [
            (
                "initiating",
                "项目准备与启动 Starting up and initiating",
                "项目授权 Project authorisation",
                ["Is the business case justified?", "Is the project board appointed?"],
                ["business_case", "charter", "risk_register"],
                ["sponsor", "pmo"],
            ),
            (
                "planning",
                "启动阶段 Initiation stage",
                "阶段边界 Stage boundary",
                ["Are the project and first stage plans approved?", "Are tolerances agreed?"],
                ["project_plan", "stage_plan", "baseline"],
                ["sponsor", "pmo"],
            ),
            (
                "executing",
                "交付阶段 Delivery stages",
                "阶段末评估 End stage assessment",
                ["Did the stage finish within tolerance?", "Is the next stage plan ready?"],
                ["end_stage_report", "stage_plan"],
                ["sponsor", "pmo"],
            ),
            (
                "closing",
                "项目收尾 Closing a project",
                "项目关闭 Project closure",
                ["Are the products accepted?", "Is the end project report approved?"],
                ["acceptance", "closure_report", "lessons_learned"],
                ["sponsor", "pmo"],
            ),
        ],
    },
    {
        "code": "scrum",
        "name": "敏捷 Scrum · Agile (Scrum)",
        "description": "Iterative: a prioritised backlog delivered in sprints, reviewed at each release.",
        "cadence": "biweekly",
        "risks": AGILE_RISKS,
        "phases": [
            (
                "initiating",
                "愿景与 Sprint 0 Vision and sprint 0",
                "待办就绪 Backlog ready",
                ["Is the product vision agreed?", "Is the backlog ordered for the first sprints?"],
                ["charter", "product_backlog"],
                ["pmo"],
            ),
            (
                "executing",
                "迭代交付 Sprints",
                "发布评审 Release review",
                ["Does the increment meet the definition of done?", "Is the release plan up to date?"],
                ["release_plan", "test_report"],
                ["pmo"],
            ),
            (
                "closing",
                "发布与回顾 Release and retrospective",
                "结项评审 Closure gate",
                ["Has the product owner accepted the release?", "Is the retrospective recorded?"],
                ["acceptance", "lessons_learned"],
                ["pmo", "sponsor"],
            ),
        ],
    },
    {
        "code": "hybrid",
        "name": "混合式 · Hybrid",
        "description": "Planned and baselined up front, delivered in iterations with regular releases.",
        "cadence": "weekly",
        "risks": PMBOK_RISKS + AGILE_RISKS[1:],
        "phases": [
            (
                "initiating",
                "启动 Initiation",
                "立项评审 Initiation gate",
                ["Is the business case valid?", "Is the delivery approach agreed?"],
                ["business_case", "charter"],
                ["pmo", "sponsor"],
            ),
            (
                "planning",
                "规划 Planning",
                "计划评审 Planning gate",
                ["Is the release plan baselined?", "Are the main risks assessed?"],
                ["project_plan", "baseline", "release_plan", "risk_register"],
                ["pmo"],
            ),
            (
                "executing",
                "迭代交付 Iterative delivery",
                "验收评审 Acceptance gate",
                ["Is every release tested?", "Has the customer accepted the result?"],
                ["test_report", "acceptance"],
                ["pmo"],
            ),
            (
                "closing",
                "收尾 Closing",
                "结项评审 Closure gate",
                ["Is the closure report approved?", "Are lessons learned recorded?"],
                ["closure_report", "lessons_learned"],
                ["pmo", "sponsor"],
            ),
        ],
    },
    {
        "code": "fast-track",
        "name": "创新快速通道 · Innovation fast track",
        "description": "For small experiments: two gates, light deliverables, still compliant.",
        "cadence": "biweekly",
        "risks": [
            {
                "title": "试点用户不足 Too few pilot users to learn from",
                "category": "market",
                "probability": 3,
                "impact": 3,
            },
        ],
        "phases": [
            (
                "initiating",
                "创意与章程 Idea and charter",
                "启动决策 Go / no-go",
                ["Is the hypothesis to test written down?", "Is the budget capped?"],
                ["charter"],
                ["pmo"],
            ),
            ("executing", "构建与验证 Build and learn", "", [], [], []),
            (
                "closing",
                "总结 Wrap-up",
                "结项评审 Closure gate",
                ["Is what was learned recorded?"],
                ["lessons_learned"],
                ["pmo"],
            ),
        ],
    },
]


def install_default_methodologies(methodology_model, version_model, phase_model) -> int:
    """Create the default methodologies that do not exist yet (by code); returns how many were created."""
    now = timezone.now()
    created = 0
    for item in METHODOLOGIES:
        if methodology_model.objects.filter(code=item["code"]).exists():
            continue
        methodology = methodology_model.objects.create(
            code=item["code"], name=item["name"], description=item["description"]
        )
        version = version_model.objects.create(
            methodology=methodology,
            number=1,
            report_cadence=item["cadence"],
            standard_risks=item["risks"],
            change_notes="Seeded with the portal.",
            published_at=now,
        )
        for order, (phase, name, gate, checklist, deliverables, reviewers) in enumerate(item["phases"], 1):
            phase_model.objects.create(
                version=version,
                order=order,
                lifecycle_phase=phase,
                name=name,
                gate_name=gate,
                checklist=checklist,
                required_deliverables=deliverables,
                reviewers=reviewers,
            )
        created += 1
    return created
