"""README's layout section names what the tree holds, and nothing it does not."""

import re
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
# Top-level entries the layout leaves to other sections (tools, configuration, the two commands).
NOT_IN_LAYOUT = {
    "Dockerfile",
    "Makefile",
    "README.md",
    "docker-compose.yml",
    "gunicorn.conf.py",
    "package.json",
    "package-lock.json",
    "pyproject.toml",
    "requirements.txt",
    "requirements-dev.txt",
}


def layout_entries() -> list[Path]:
    """The paths the layout block names: top-level lines, and the lines indented under projects/."""
    text = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("## Layout of the code", 1)[1].split("```", 2)[1]
    paths, parent = [], Path()
    for line in block.splitlines():
        indent = len(line) - len(line.lstrip(" "))
        names = re.split(r"\s{2,}", line.strip())[0].split() if line.strip() else []
        if indent == 0 and names:
            parent = Path(names[0]) if names[0].endswith("/") else Path()
            paths.extend(Path(name) for name in names)
        elif indent == 2 and names:
            paths.extend(parent / name for name in names)
    return paths


def test_every_path_the_layout_names_exists():
    missing = [str(path) for path in layout_entries() if not (REPO_ROOT / path).exists()]
    assert missing == []


def test_the_layout_names_every_top_level_entry_and_every_package_of_projects():
    named = {str(path).rstrip("/") for path in layout_entries()}
    top_level = {
        entry.name
        for entry in REPO_ROOT.iterdir()
        if not entry.name.startswith(".")
        and entry.name not in NOT_IN_LAYOUT
        and entry.name not in {"node_modules", "staticfiles", "test-artifacts", "db.sqlite3"}
    }
    assert sorted(top_level - named) == []
    packages = {
        f"projects/{entry.name}"
        for entry in (REPO_ROOT / "projects").iterdir()
        if entry.is_dir()
        and entry.name not in {"migrations", "__pycache__", "static"}
        and any(path.suffix == ".py" for path in entry.rglob("*.py"))  # not a folder left empty by a move
    }
    assert sorted(packages - {name.replace("/commands", "") for name in named}) == []
