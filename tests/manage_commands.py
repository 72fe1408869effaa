"""Running `manage.py` as a separate process, as a user types it: its exit status and both streams."""

import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


def run_manage(*arguments: str) -> subprocess.CompletedProcess:
    """`python manage.py ARGUMENTS...` from the repository root, with the portal's settings."""
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "pmo_portal.settings"}
    return subprocess.run(  # noqa: S603 - fixed arguments, this interpreter
        [sys.executable, str(REPO_ROOT / "manage.py"), *arguments],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env=environment,
        timeout=120,
        check=False,
    )
