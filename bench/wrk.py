"""wrk (the C load generator, Debian's package `wrk`) driven from Python.

Every run uses one wrk thread and 16 keep-alive connections by default, POST bodies built by
a Lua `request()` in bench/lua/ (a fresh id per request), and reads back the JSON line that
bench/lua/common.lua's `done()` prints: requests, errors, and latency percentiles from wrk's
own histogram. Around the run it reads the CPU time used by the server under test and by wrk
itself, so a result says whether the server was saturated and the client was not.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

LUA = Path(__file__).resolve().parent / "lua"
CONNECTIONS = 16
TICKS = os.sysconf("SC_CLK_TCK")


def ensure() -> str:
    """The wrk binary, installed from Debian's packages when missing (as `make test` installs
    what tests need); apt-get needs root, as on these machines and in CI."""
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() != 0:
        raise SystemExit("wrk is not installed: `apt-get install wrk` (as root) and run the bench again")
    print("installing wrk with apt-get ...", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    if subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], env=env, capture_output=True).returncode != 0:
        subprocess.run(["apt-get", "update", "-q"], env=env, capture_output=True, check=True)
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], env=env, capture_output=True, check=True)
    found = shutil.which("wrk")
    if not found:
        raise SystemExit("apt-get install wrk did not provide a wrk binary")
    return found


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process, all its threads, so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


@dataclass
class Result:
    name: str
    requests: int
    seconds: float
    built: int
    errors: dict[str, int]
    latency_ms: dict[str, float]  # p50, p75, p90, p99, p99.9, max, mean
    server_cpu: float | None = None  # cores the server process kept busy (1.0 = one core all the time)
    client_cpu: float = 0.0  # cores wrk kept busy
    load_before: float = 0.0  # 1-minute load average when the run started
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def failed(self) -> int:
        return sum(self.errors.values())

    def p(self, name: str) -> float:
        return self.latency_ms[name]

    def line(self) -> str:
        cpu = f"server {self.server_cpu:.0%} of a core, " if self.server_cpu is not None else ""
        failed = f", {self.failed} FAILED {self.errors}" if self.failed else ""
        return (f"{self.name}: {self.rate:,.0f}/s, p50 {self.p('50'):.1f} ms, p99 {self.p('99'):.1f} ms "
                f"({cpu}wrk {self.client_cpu:.0%}){failed}")

    def as_dict(self) -> dict[str, object]:
        return {**asdict(self), "rate": self.rate}


def run(name: str, url: str, script: str, *, seconds: float, args: dict[str, object] | None = None,
        connections: int = CONNECTIONS, server_pid: int | None = None) -> Result:
    """One wrk run of `seconds` against url with bench/lua/<script>.lua; args go to its init()."""
    binary = ensure()
    command = [binary, "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--timeout", "10s",
               "-s", str(LUA / f"{script}.lua"), url, "--", *(f"{k}={v}" for k, v in (args or {}).items())]
    load = os.getloadavg()[0]
    before_children = resource.getrusage(resource.RUSAGE_CHILDREN)
    server_before = cpu_seconds(server_pid) if server_pid else 0.0
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    wall = time.monotonic() - started
    server_after = cpu_seconds(server_pid) if server_pid else 0.0
    after_children = resource.getrusage(resource.RUSAGE_CHILDREN)
    line = next((ln for ln in done.stdout.splitlines() if ln.startswith("WRK_JSON ")), None)
    if done.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed ({done.returncode}): {done.stderr.strip() or done.stdout.strip()}")
    data = json.loads(line.removeprefix("WRK_JSON "))
    lat = data["latency_us"]
    latency = {p: v / 1000 for p, v in lat["percentiles"].items()}
    latency.update(max=lat["max"] / 1000, mean=lat["mean"] / 1000)
    seconds_run = data["duration_us"] / 1e6
    client = (after_children.ru_utime + after_children.ru_stime
              - before_children.ru_utime - before_children.ru_stime)
    return Result(name, data["requests"], seconds_run, data["built"], data["errors"], latency,
                  server_cpu=(server_after - server_before) / wall if server_pid else None,
                  client_cpu=client / wall, load_before=load)
