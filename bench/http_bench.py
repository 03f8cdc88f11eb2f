"""One channel path of `kedai serve` against the bare endpoint, with wrk, in one run.

1. The bare endpoint alone, nothing else of ours running: the reference, what wrk gets from
   the cheapest "one committed transaction per message" on this machine right now.
2. `kedai serve` (10,000 products, the channel's fake API in its own process with its limits
   on) warmed up, then rounds that alternate bare and the path (the order flips every round);
   the figures are the medians of the rounds, p50/p99 from wrk's latency histogram.
3. Self-checks: no request failed (a forged-looking signature would be a 403), every request
   wrk completed is a stored inbound message, the bare rounds reached >= 90% of the reference
   (else the ratio is marked unreliable: something of ours or another process took the cores),
   and the CPU each side used (the server should be near a full core, wrk well below one).
4. Delivery to the fake while and after the load ran, the outbox left behind, and the
   server's RSS over the whole run. Raw results go to bench/results/ (git-ignored).
"""

from __future__ import annotations

import json
import os
import platform
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import fakes, servers, wrk

RESULTS = Path(__file__).resolve().parent / "results"
PRODUCTS = 10_000
# rounds of `seconds` each side; warm-up of the path first; delivery watched `settle` seconds after.
OPTIONS: dict[str, Any] = {"rounds": 5, "seconds": 5.0, "products": PRODUCTS, "warmup": 3.0, "settle": 3.0}
REFERENCE_SHARE = 0.9  # bare rounds under 90% of the bare endpoint alone: the machine moved, not Kedai
SATURATED = 0.85  # of a core: a one-worker server using less was waiting for the client or starved
TARGET_RATIO, TARGET_P99_MS = 0.5, 50.0  # issue 20, at 16 connections


@dataclass
class Channel:
    """A path under test: its wrk script, the fake API it delivers to, its server settings."""

    name: str
    title: str
    script: str
    channel: str  # inbound_messages.channel
    fake: str | None = None  # "telegram" or "twilio"
    people: int = 1000
    steps: int = 10  # in the Lua script's conversation; no person repeats a step before people * steps
    env: Callable[[dict[str, Any]], dict[str, str]] = lambda info: {}
    args: Callable[[dict[str, Any]], dict[str, object]] = lambda info: {}
    chats: list[int] = field(default_factory=list)  # known to the fake Bot API
    limit: int | None = None  # the platform's messages per second


def machine() -> dict[str, object]:
    model = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                  if ln.startswith("model name")), platform.processor())
    return {"cpus": os.cpu_count(), "cpu": model, "python": platform.python_version(),
            "uptime": Path("/proc/loadavg").read_text().split()[:3], "at": time.strftime("%Y-%m-%d %H:%M:%S %z")}


def counts(db: Path, channel: str) -> dict[str, int]:
    with closing(sqlite3.connect(db, timeout=30)) as conn:
        inbound = conn.execute("SELECT count(*) FROM inbound_messages WHERE channel = ?", (channel,)).fetchone()[0]
        outbox = dict(conn.execute("SELECT status, count(*) FROM outbox GROUP BY status").fetchall())
        # Replies the app itself wrote twice (same person, same text): sending each once repeats it too.
        twice = conn.execute("SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM outbox WHERE status = 'sent' "
                             "GROUP BY recipient, json_extract(payload, '$.text') HAVING n > 1)").fetchone()[0]
    return {"inbound": inbound, "written_twice": twice, **{f"outbox_{k}": v for k, v in outbox.items()}}


class Counter:
    """Where the next wrk run's request numbers start on one server, so ids never repeat there."""

    def __init__(self) -> None:
        self.next = 0

    def run(self, name: str, server: servers.Server, script: str, seconds: float,
            args: dict[str, object] | None = None) -> wrk.Result:
        result = wrk.run(name, server.url, script, seconds=seconds, args={**(args or {}), "first": self.next},
                         server_pid=server.pid)
        self.next += result.built
        return result


@contextmanager
def kedai_for(path: Channel, folder: Path, products: int = PRODUCTS, *, env: dict[str, str] | None = None,
              command: tuple[str, ...] = ("main.py", "serve"),
              ) -> Iterator[tuple[servers.Server, fakes.FakeProcess | None, dict[str, object]]]:
    """`kedai serve` set up for the path: its fake API started first; yields the wrk arguments."""
    with ExitStack() as stack:
        fake = stack.enter_context(fakes.running(path.fake, path.chats)) if path.fake else None
        info = fake.info if fake else {}
        kedai = stack.enter_context(servers.kedai(folder, servers.catalog_db(products), {**path.env(info), **(env or {})},
                                                  command))
        yield kedai, fake, path.args(info)


def alone(bare: servers.Server, ids: Counter, seconds: float, tries: int = 3) -> wrk.Result:
    """The reference: wrk against the bare endpoint with nothing else of ours running. A run in
    which the server did not get ~a full core was cut short by other processes on the machine,
    so it is tried again (up to `tries` runs; the fastest counts)."""
    runs = []
    for _ in range(tries):
        runs.append(ids.run("bare alone (reference)", bare, "bare", seconds))
        print("  " + runs[-1].line(), flush=True)
        if (runs[-1].server_cpu or 0.0) >= SATURATED:
            break
    return max(runs, key=lambda r: r.rate)


def measure(path: Channel, **options: Any) -> dict[str, Any]:
    """options override OPTIONS (rounds, seconds, products, warmup, settle)."""
    opts = {**OPTIONS, **options}
    rounds, seconds, products = opts["rounds"], opts["seconds"], opts["products"]
    wrk.ensure()
    servers.catalog_db(products)
    started_at = machine()
    print(f"{path.title}: {rounds} rounds of {seconds:g}s alternating with the bare endpoint, "
          f"{wrk.CONNECTIONS} connections, {products:,} products; load average {started_at['uptime']}", flush=True)
    with tempfile.TemporaryDirectory(prefix=f"kedai-bench-{path.name}-") as tmp, ExitStack() as stack:
        folder = Path(tmp)
        bare = stack.enter_context(servers.bare(folder))
        bare_ids, kedai_ids = Counter(), Counter()
        bare_ids.run("bare warm-up", bare, "bare", 1)
        reference = alone(bare, bare_ids, seconds)
        kedai, fake, args = stack.enter_context(kedai_for(path, folder, products))
        load_start = time.monotonic()
        warm = kedai_ids.run(f"{path.name} warm-up", kedai, path.script, opts["warmup"], args)
        rss_warm = kedai.rss[-1][1] if kedai.rss else 0.0
        bares, ours, loaded = [], [], []
        for n in range(rounds):
            order = ["bare", path.name] if n % 2 == 0 else [path.name, "bare"]
            for which in order:
                if which == "bare":
                    bares.append(bare_ids.run("bare", bare, "bare", seconds))
                else:
                    begun = time.monotonic()
                    ours.append(kedai_ids.run(path.name, kedai, path.script, seconds, args))
                    loaded.append((begun, time.monotonic()))
            print(f"  round {n + 1}: {bares[-1].line()} | {ours[-1].line()}", flush=True)
        load_end = time.monotonic()
        time.sleep(opts["settle"] if fake else 0)
        deliveries = fake.deliveries() if fake else None
        stored = counts(folder / "kedai.db", path.channel)
        rss = list(kedai.rss)
    completed = warm.requests + sum(r.requests for r in ours)
    return report(path, {
        "machine": started_at, "load_after": Path("/proc/loadavg").read_text().split()[:3],
        "reference": reference, "bare": bares, "ours": ours, "warm": warm, "stored": stored,
        "completed": completed, "deliveries": deliveries, "load_window": (load_start, load_end), "loaded": loaded,
        "rss": rss, "rss_warm": rss_warm, "products": products, "rounds": rounds, "seconds": seconds})


def med(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0


def report(path: Channel, raw: dict[str, Any]) -> dict[str, Any]:
    reference: wrk.Result = raw["reference"]
    bares: list[wrk.Result] = raw["bare"]
    ours: list[wrk.Result] = raw["ours"]
    bare_rate, our_rate = med([r.rate for r in bares]), med([r.rate for r in ours])
    ratio = our_rate / bare_rate if bare_rate else 0.0
    problems = []
    failed = sum(r.failed for r in [*bares, *ours, raw["warm"], reference])
    if failed:
        problems.append(f"{failed} requests failed (non-2xx or socket errors)")
    stored, completed = raw["stored"]["inbound"], raw["completed"]
    in_flight = wrk.CONNECTIONS * (len(ours) + 1)  # a run can end with a request sent but its answer unread
    if not completed <= stored <= completed + in_flight:
        problems.append(f"{stored} inbound messages stored for {completed} answered requests")
    bare_cpu = med([r.server_cpu or 0.0 for r in bares])
    reliable = bare_rate >= REFERENCE_SHARE * reference.rate and bare_cpu >= SATURATED
    summary: dict[str, Any] = {
        "path": path.name, "title": path.title, "rate": our_rate, "bare_rate": bare_rate,
        "reference_rate": reference.rate, "ratio": ratio, "ratio_reliable": reliable,
        "p50_ms": med([r.p("50") for r in ours]), "p99_ms": med([r.p("99") for r in ours]),
        "bare_p50_ms": med([r.p("50") for r in bares]), "bare_p99_ms": med([r.p("99") for r in bares]),
        "server_cpu": med([r.server_cpu or 0.0 for r in ours]), "bare_cpu": bare_cpu,
        "client_cpu": med([r.client_cpu for r in ours]), "bare_client_cpu": med([r.client_cpu for r in bares]),
        "stored": raw["stored"], "completed": completed, "problems": problems, "products": raw["products"],
        "bare_rounds_of_reference": bare_rate / reference.rate if reference.rate else 0.0,
        "target_met": ratio >= TARGET_RATIO and med([r.p("99") for r in ours]) < TARGET_P99_MS,
    }
    # A second of one core over the rate: moves far less with the machine's other work than the
    # rate does, so two runs an hour apart compare on it (docs/PERFORMANCE.md).
    summary["cpu_ms"] = med([1000 * r.server_cpu / r.rate for r in ours if r.server_cpu and r.rate])
    summary["bare_cpu_ms"] = med([1000 * r.server_cpu / r.rate for r in bares if r.server_cpu and r.rate])
    summary.update(memory(raw))
    if raw["deliveries"] is not None:
        summary.update(delivery(path, raw))
        # Sent twice: repeats at the fake beyond the replies the app wrote twice itself (a person
        # starting mid-script can get the same "which one?" twice). Not judged once anyone could
        # have started the script again.
        if completed + in_flight > path.people * path.steps:
            summary["repeats"] = None
        else:
            summary["repeats"] = max(0, summary["repeats"] - raw["stored"]["written_twice"])
            if summary["repeats"]:
                problems.append(f"{summary['repeats']} replies reached the fake twice (same person, same text) "
                                f"more than the app wrote them")
        if summary["fake_errors"]:
            problems.append(f"the fake API failed: {summary['fake_errors'][0][-300:]}")
    print_summary(summary, reference)
    save(path, summary, raw)
    return summary


def memory(raw: dict[str, Any]) -> dict[str, Any]:
    rss = [mb for _, mb in raw["rss"]]
    if not rss:
        return {}
    return {"rss_start_mb": rss[0], "rss_warm_mb": raw["rss_warm"], "rss_max_mb": max(rss), "rss_end_mb": rss[-1]}


def delivery(path: Channel, raw: dict[str, Any]) -> dict[str, Any]:
    got: fakes.Deliveries = raw["deliveries"]
    start, end = raw["load_window"]
    during = got.between(start, end)
    # The window above holds the bare rounds too, when the server sends with nothing coming in.
    loaded = raw.get("loaded") or []
    busy = sum(len(got.between(a, b)) for a, b in loaded) / (sum(b - a for a, b in loaded) or 1.0)
    return {"delivered": got.sent, "delivered_during_load": len(during),
            "delivery_rate": len(during) / (end - start), "delivery_rate_loaded": busy, "delivery_peak_1s": got.peak(),
            "delivery_limit": path.limit, "count_429": got.count_429, "fake_errors": got.errors, "repeats": got.repeats,
            "backlog": sum(v for k, v in raw["stored"].items() if k in ("outbox_pending", "outbox_sending"))}


def print_summary(s: dict[str, Any], reference: wrk.Result) -> None:
    mark = "" if s["ratio_reliable"] else (f" (UNRELIABLE: the bare rounds were not >= {REFERENCE_SHARE:.0%} of the "
                                           f"bare endpoint alone with the server on >= {SATURATED:.0%} of a core)")
    print(f"  reference, bare alone: {reference.rate:,.0f}/s; bare in the rounds {s['bare_rate']:,.0f}/s "
          f"({s['bare_rate'] / reference.rate:.0%} of it), server {s['bare_cpu']:.0%} / wrk {s['bare_client_cpu']:.0%} of a core")
    print(f"  {s['title']}: {s['rate']:,.0f} msg/s, {s['ratio']:.2f} of bare{mark}, p50 {s['p50_ms']:.1f} ms, "
          f"p99 {s['p99_ms']:.1f} ms; server {s['server_cpu']:.0%} / wrk {s['client_cpu']:.0%} of a core")
    if s["cpu_ms"] and s["bare_cpu_ms"]:
        print(f"  server CPU a message: {s['cpu_ms']:.2f} ms, a bare request {s['bare_cpu_ms']:.2f} ms "
              f"({s['bare_cpu_ms'] / s['cpu_ms']:.2f} of ours)")
    print(f"  stored {s['stored']['inbound']:,} inbound messages for {s['completed']:,} answered requests; "
          f"outbox {({k[7:]: v for k, v in s['stored'].items() if k.startswith('outbox_')})}, "
          f"{s['stored']['written_twice']} replies written twice to the same person")
    if "delivered" in s:
        print(f"  delivery to the fake: {s['delivery_rate']:.1f} msg/s while the load ran (limit {s['delivery_limit']}/s), "
              f"{s['delivery_rate_loaded']:.1f} msg/s in the path's own rounds, "
              f"at most {s['delivery_peak_1s']} in any second, {s['count_429']} answered 429, "
              f"{s['backlog']:,} replies still waiting in the outbox; "
              f"{'not checked for' if s['repeats'] is None else s['repeats']} replies sent twice")
    if "rss_max_mb" in s:
        print(f"  server RSS: {s['rss_start_mb']:.0f} MB ready, {s['rss_warm_mb']:.0f} MB after warm-up, "
              f"max {s['rss_max_mb']:.0f} MB, {s['rss_end_mb']:.0f} MB at the end")
    verdict = "MISSED" if not s["target_met"] else "met" if s["ratio_reliable"] else "not judged (unreliable ratio)"
    print(f"  target (>= {TARGET_RATIO} of bare, p99 < {TARGET_P99_MS:g} ms): {verdict}")
    for problem in s["problems"]:
        print(f"  PROBLEM: {problem}")


def save(path: Channel, summary: dict[str, Any], raw: dict[str, Any]) -> Path:
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"{time.strftime('%Y%m%d-%H%M%S')}-{path.name}.json"
    data = {**raw, "summary": summary}
    for key in ("reference", "warm"):
        data[key] = raw[key].as_dict()
    data["bare"] = [r.as_dict() for r in raw["bare"]]
    data["ours"] = [r.as_dict() for r in raw["ours"]]
    if raw["deliveries"] is not None:
        d = raw["deliveries"]
        data["deliveries"] = {"sent": d.sent, "count_429": d.count_429, "other_calls": d.other_calls,
                              "errors": d.errors, "repeats": d.repeats,
                              "repeat_examples": d.repeat_examples, "times": d.times}
    out.write_text(json.dumps(data, indent=1, default=str))
    return out
