"""The shape of the house, read from every module's imports (ast): no circle, nothing runs back up.

Rules (../shared/STYLE.md):
- Apps depend one way: governance <- projects <- risks, resources <- reports. governance imports no
  other app, risks and resources never import each other, nothing imports reports but pmo_portal's
  wiring. Any app may use pmo_portal's API plumbing (pmo_portal.api, pmo_portal.api_views,
  pmo_portal.templatetags), which imports no app.
- Inside an app, a module imports only modules of its own layer or below: pure engines, then models,
  selectors, services, forms and serializers, views and APIs, urls. Every module must have a layer,
  so a new one is placed on purpose.
- No import circle anywhere, counting imports inside functions too (they only hide a circle).
"""

import ast
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
APPS = ("governance", "projects", "risks", "resources", "reports")
SITE = "pmo_portal"
ALLOWED_APPS = {
    "governance": set(),
    "projects": {"governance"},
    "risks": {"governance", "projects"},
    "resources": {"governance", "projects"},
    "reports": {"governance", "projects", "risks", "resources"},
}
SITE_PLUMBING = (
    "pmo_portal.api",
    "pmo_portal.api_views",
    "pmo_portal.json_input",
    "pmo_portal.parsers",
    "pmo_portal.signals",
    "pmo_portal.templatetags",
    "pmo_portal.tasks",
)

# Layers inside an app, lowest first; a module takes the layer of the longest name that starts it
# (names are relative to the app: "services" covers every module of the services package).
LAYERS = (
    (
        "engines",
        (
            "",  # the app package itself imports nothing of its own
            "currencies",
            "text",
            "pmo_types",
            "lifecycle",
            "standards",
            "default_methodologies",
            "compliance",
            "evm",
            "health_standards",
            "risk_standards",
            "money",
            "health",
            "project_figures",
            "project_health",
            "performance",
            "evm_terms",
            "timeline",
            "policy",
            "change_authority",
            "addresses",
            "scheduling",
            "schedule_risk",
            "workcalendar",
            "outline",
            "variance",
            "burndown",
            "status_periods",
            "search_words",
            "limits",
            "plan_io",
            "plan_io.rows",
            "plan_io.tabular",
            "plan_io.mspdi",
        ),
    ),
    ("models", ("models", "bulk")),
    ("selectors", ("selectors", "lockouts")),
    (
        "services",
        (
            "services",
            "plan_io.imports",
            "plan_io.updates",
            "plan_io.new_tasks",
            "plan_io.assignees",
            "plan_io.calendar_copy",
            "plan_io.exports",
            "plan_io.audit",
            "announcements",
            "bench_data",
        ),
    ),
    ("forms and serializers", ("forms", "serializers", "filters", "charts", "register_io")),
    (
        "views and APIs",
        (
            "views",
            "apis",
            "admin",
            "tasks",
            "management",
            "demo_data",
            "context_processors",
            "authentication",
            "signals",
            "templatetags",
        ),
    ),
    ("urls", ("urls", "api_urls", "account_urls", "portfolio_urls", "schedule_risk_urls", "apps")),
)
LAYER_RANK = {name: rank for rank, (name, _prefixes) in enumerate(LAYERS)}


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def house_sources(root: Path = REPO_ROOT) -> dict[str, tuple[str, bool]]:
    """{module: (source, is_package)} of the apps and the site package, migrations left out."""
    sources = {}
    for top in (*APPS, SITE):
        for path in sorted((root / top).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            sources[module_name(path, root)] = (path.read_text(encoding="utf-8"), path.name == "__init__.py")
    return sources


def imported_modules(name: str, source: str, is_package: bool, known: set[str]) -> set[str]:
    """The modules of the house that `name` imports anywhere in its source, functions included."""
    found = set()
    package = name if is_package else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # `from package import module` imports the module; `from module import name` the module.
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names
            ]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph(sources: dict[str, tuple[str, bool]]) -> dict[str, set[str]]:
    known = set(sources)
    return {
        name: imported_modules(name, source, is_package, known)
        for name, (source, is_package) in sources.items()
    }


def app_of(module: str) -> str:
    return module.split(".", 1)[0]


def layer_of(module: str) -> str | None:
    relative = module.partition(".")[2]
    best, best_length = None, -1
    for layer, prefixes in LAYERS:
        for prefix in prefixes:
            matches = relative == prefix or (prefix and relative.startswith(prefix + "."))
            if matches and len(prefix) > best_length:
                best, best_length = layer, len(prefix)
    return best


def is_plumbing(module: str) -> bool:
    return any(module == item or module.startswith(item + ".") for item in SITE_PLUMBING)


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import circles (strongly connected groups of more than one module), by Tarjan's algorithm."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(root: str) -> None:
        work = [(root, iter(sorted(graph.get(root, ()))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, edges = work[-1]
            advanced = False
            for target in edges:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(graph.get(target, ())))))
                    advanced = True
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def problems(sources: dict[str, tuple[str, bool]]) -> list[str]:
    """Every breach of the rules in the module docstring, one line each."""
    graph = import_graph(sources)
    found = [f"import circle: {' <-> '.join(group)}" for group in circles(graph)]
    for module, targets in sorted(graph.items()):
        app = app_of(module)
        if app in APPS and layer_of(module) is None:
            found.append(f"{module} has no layer: add it to LAYERS in {Path(__file__).name}")
        for target in sorted(targets):
            target_app = app_of(target)
            if app == SITE:
                if is_plumbing(module) and target_app in APPS:
                    found.append(f"{module} -> {target}: the site's plumbing imports no app")
                continue
            if target_app == SITE:
                if not is_plumbing(target):
                    found.append(f"{module} -> {target}: apps use only the site's plumbing")
                continue
            if target_app != app:
                if target_app not in ALLOWED_APPS[app]:
                    found.append(f"{module} -> {target}: {app} may not import {target_app}")
                continue
            source_layer, target_layer = layer_of(module), layer_of(target)
            if source_layer and target_layer and LAYER_RANK[target_layer] > LAYER_RANK[source_layer]:
                found.append(f"{module} -> {target}: runs back up from {source_layer} to {target_layer}")
    return found


def test_the_house_has_no_circle_and_no_import_against_the_order():
    assert problems(house_sources()) == []


def test_every_app_module_is_read():
    sources = house_sources()
    assert {"projects.services.tasks", "projects.models", "governance.policy", "pmo_portal.api"} <= set(
        sources
    )
    assert not any(".migrations" in name for name in sources)


def fake(**modules: str) -> dict[str, tuple[str, bool]]:
    """A house of modules given as `name=source`, dots written as double underscores."""
    return {name.replace("__", "."): (source, False) for name, source in modules.items()}


@pytest.mark.parametrize(
    ("sources", "expected"),
    [
        (
            fake(
                projects__models="from projects.services import tasks",
                projects__services="",
                projects__services__tasks="from projects import models",
            ),
            "import circle: projects.models <-> projects.services.tasks",
        ),
        (
            fake(
                projects__selectors="",
                projects__selectors__plans="def read():\n    from projects.services.tasks import rule\n",
                projects__services="",
                projects__services__tasks="rule = 1",
            ),
            "projects.selectors.plans -> projects.services.tasks: runs back up from selectors to services",
        ),
        (
            fake(projects__outline="from projects.models import Task", projects__models="Task = 1"),
            "projects.outline -> projects.models: runs back up from engines to models",
        ),
        (
            fake(governance__models="from projects.models import Project", projects__models="Project = 1"),
            "governance.models -> projects.models: governance may not import projects",
        ),
        (
            fake(risks__models="import resources.models", resources__models=""),
            "risks.models -> resources.models: risks may not import resources",
        ),
        (
            fake(projects__views="from reports import models", reports__models=""),
            "projects.views -> reports.models: projects may not import reports",
        ),
        (
            fake(pmo_portal__api="from projects.models import Project", projects__models="Project = 1"),
            "pmo_portal.api -> projects.models: the site's plumbing imports no app",
        ),
        (
            fake(projects__views="from pmo_portal import urls", pmo_portal__urls=""),
            "projects.views -> pmo_portal.urls: apps use only the site's plumbing",
        ),
        (
            fake(projects__gadgets=""),
            "projects.gadgets has no layer: add it to LAYERS in test_import_structure.py",
        ),
    ],
)
def test_the_checker_reports_each_kind_of_breach(sources, expected):
    assert expected in problems(sources)


def test_the_checker_accepts_imports_down_and_across_a_layer():
    sources = fake(
        projects__models="",
        projects__selectors="",
        projects__selectors__plans="from projects.models import Task",
        projects__services="",
        projects__services__tasks="from projects.selectors.plans import x",
        projects__services__outline="from projects.services.tasks import y",
        projects__views="from projects.services import tasks\nfrom governance.models import User",
        governance__models="",
    )
    assert problems(sources) == []


def test_a_relative_import_is_resolved_against_its_package():
    sources = fake(
        projects__services="",
        projects__services__tasks="from .editing import lock",
        projects__services__editing="",
    )
    graph = import_graph(sources)
    assert graph["projects.services.tasks"] == {"projects.services.editing"}
    assert graph["projects.services.editing"] == set()
