"""Starting servers under test as subprocesses on free loopback ports (e2e tests and benches)."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(url: str, proc: subprocess.Popen, timeout: float = 90) -> None:
    # generous: a server importing its libraries on a machine shared with other work can take a while
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(url, timeout=1).status_code < 500:
                return
        time.sleep(0.1)
    raise TimeoutError(url)


@contextlib.contextmanager
def server(args: list[str], env: dict[str, str], ready_path: str, port: int, log: Path | None = None,
           out: Path | None = None) -> Iterator[int]:
    """log: a file for the server's stderr, out: for its stdout (otherwise they are discarded)."""
    err = log.open("ab") if log is not None else subprocess.DEVNULL
    stdout = out.open("ab") if out is not None else subprocess.DEVNULL
    proc = subprocess.Popen([sys.executable, *args], cwd=ROOT, env={**os.environ, **env},
                            stdout=stdout, stderr=err)
    try:
        wait_ready(f"http://127.0.0.1:{port}{ready_path}", proc)
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        for opened in (err, stdout):
            if opened is not subprocess.DEVNULL:
                opened.close()  # type: ignore[union-attr]


def banner(out: Path, timeout: float = 10) -> str:
    """What `kedai serve` printed once it says "Ready." (it listens a moment before it prints)."""
    deadline = time.monotonic() + timeout
    while "Ready." not in out.read_text() and time.monotonic() < deadline:
        time.sleep(0.05)
    return out.read_text()


_templates: dict[tuple[str, ...], Path] = {}


def migrated(db: Path, env: dict[str, str]) -> None:
    """Puts a migrated database (with the demo shop unless KEDAI_DEMO=0) at db, as `kedai db upgrade`
    would; another database (PostgreSQL), or one a test already filled, is upgraded in place."""
    if not seeded(env):
        subprocess.run([sys.executable, "main.py", "db", "upgrade"], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL)


def seeded(env: dict[str, str]) -> bool:
    """A fresh SQLite file named by env gets a copy of a database migrated once per test process
    (and per setting that changes what the upgrade writes): the copy takes milliseconds, the
    upgrade's own process seconds. False when there was nothing to seed."""
    url = env.get("KEDAI_DATABASE_URL", "")
    if not url.startswith("sqlite:///") or (db := Path(url.removeprefix("sqlite:///"))).exists():
        return False
    key = tuple(env.get(name, "") for name in ("KEDAI_DEMO", "KEDAI_TIMEZONE"))
    template = _templates.get(key)
    if template is None:
        template = Path(tempfile.mkdtemp(prefix="kedai-template-", dir=_shm())) / "kedai.db"
        subprocess.run([sys.executable, "main.py", "db", "upgrade"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
                       env={**env, "KEDAI_DATABASE_URL": f"sqlite:///{template}"})
        _templates[key] = template
    for suffix in ("", "-wal", "-shm"):
        if (source := template.with_name(template.name + suffix)).exists():
            shutil.copyfile(source, db.with_name(db.name + suffix))
    return True


def cli(args: list[str], env: dict[str, str], **run: object) -> subprocess.CompletedProcess[str]:
    """`kedai ARGS` as a user runs it, on a database seeded as above when it is a fresh SQLite file."""
    seeded(env)
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          **run)  # type: ignore[call-overload]


def _shm() -> str | None:
    return "/dev/shm" if os.path.isdir("/dev/shm") else None


def kedai(tmp: Path, extra_env: dict[str, str] | None = None, *,
          simulator: bool = True) -> contextlib.AbstractContextManager[int]:
    """`kedai serve` on a fresh SQLite file; with the simulator switched on unless told not to.
    The server's stderr goes to tmp/server.log."""
    port = free_port()
    env = {"KEDAI_DATABASE_URL": f"sqlite:///{tmp}/kedai.db", "KEDAI_PORT": str(port), "KEDAI_HOST": "127.0.0.1",
           "KEDAI_SIMULATOR": "1" if simulator else "0", **(extra_env or {})}
    migrated(tmp / "kedai.db", {**os.environ, **env})
    return server(["main.py", "serve", "--no-scheduler"], env, "/healthz", port, log=tmp / "server.log")


def bare(tmp: Path) -> contextlib.AbstractContextManager[int]:
    port = free_port()
    args = ["-m", "uvicorn", "bench.bare_app:app", "--port", str(port), "--log-level", "warning",
            "--no-access-log", "--loop", "uvloop", "--http", "httptools"]
    return server(args, {"BARE_DB": f"{tmp}/bare.db"}, "/docs", port)
