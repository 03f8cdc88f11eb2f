"""Where a path's time goes under load: py-spy samples `kedai serve` while wrk drives one of
the bench paths (same server, fake API, catalog and Lua script as bench/http_bench.py).

    .venv/bin/python bench/run.py profile telegram [--seconds 20] [--rate 100] [--native] [--products 0]

py-spy (PyPI, pinned in pyproject's `bench` extra) is installed into the venv when missing.
By default it samples Python frames without pausing the server (--nonblocking), so the load
runs as it would unprofiled. --native adds C frames (SQLite's own code, the garbage collector,
httptools) but stops the server for every sample: with many threads (the Twilio path sends
from a thread pool) throughput under it falls several-fold and the shares drift with it. The
garbage collector's pauses are recorded either way, from inside the server (bench/gc_watch.py).

It prints (and saves under bench/results/) the share of the server's busy samples spent in
each stage of the path (inclusive: a sample counts for every stage on its stack), the
components owning the samples (the deepest frame that belongs to a known part), and the top
functions by own time.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from bench import gc_watch, http_bench, wrk

VENV_BIN = Path(sys.executable).parent
UNPROFILED = 10  # seconds of load measured without the profiler (GC pauses recorded)

# Stages of a message's path, matched against "function (file" in each frame; inclusive shares.
STAGES: list[tuple[str, str]] = [
    ("HTTP: uvicorn + httptools protocol", r"uvicorn/protocols/"),
    ("ASGI app: Starlette/FastAPI middleware + routing", r"\((starlette|fastapi)/"),
    ("Telegram webhook handler (all of it)", r"(^|\.)webhook \(bot/channels/telegram_webhook"),
    ("  secret-token check", r"(^|\.)genuine \(bot/channels/telegram"),
    ("  PTB Update.de_json (parsing)", r"(^|\.)de_json \(telegram/"),
    ("Twilio webhook handler (all of it)", r"(^|\.)inbound \(bot/channels/twilio_webhook"),
    ("  signature check (Gate.verified)", r"(^|\.)verified \(bot/channels/twilio_webhook"),
    ("    RequestValidator.validate", r"\(twilio/request_validator"),
    ("Simulator POST (all of it)", r"(^|\.)answer \(bot/channels/simulator_post"),
    ("Inbox.submit (the engine's step, waits included)", r"(^|\.)submit \(bot/inbox"),
    ("  engine transaction (Engine._handle_once)", r"(^|\.)_handle_once \(bot/engine"),
    ("    record inbound (dedupe)", r"(^|\.)record_inbound \(storage/message_queries"),
    ("    resolve customer", r"(^|\.)resolve_customer \(bot/identity"),
    ("    conversation routing + replies", r"(^|\.)_route \(bot/engine"),
    ("      catalog search", r"\(catalog/search"),
    ("    apply effects", r"(^|\.)apply_effects \(handlers/effects"),
    ("    save conversation", r"(^|\.)save_conversation \(storage/message_queries"),
    ("    outbox write (add_outbox)", r"(^|\.)add_outbox \(storage/message_queries"),
    ("    commit", r"(^|\.)commit \(storage/db"),
    ("Delivery (claim, send, mark; all of it)", r"\(bot/delivery"),
    ("  claims and settles (a transaction per batch)", r"(^|\.)_(write|in_unit) \(bot/delivery"),
    ("  rate limiter", r"\(bot/ratelimit"),
    ("  Telegram sender (sends and edits, paced)", r"\(bot/channels/telegram_out"),
    ("  WhatsApp sender + twilio SDK", r"\(bot/channels/twilio_out|\(twilio/rest|\(twilio/base"),
    ("  HTTP client (httpx/httpcore, requests/urllib3)", r"\((httpx|httpcore|requests|urllib3)/"),
    ("answerCallbackQuery (a task per press, not paced)", r"(^|\.)_answer \(bot/channels/telegram"),
    ("python-telegram-bot Bot API calls (sends, edits, answers)", r"\(telegram/_bot|\(telegram/request"),
    ("WhatsApp window lookup", r"\(bot/channels/whatsapp_window"),
    ("Scheduler jobs", r"\((scheduler|apscheduler)/"),
    ("SQLAlchemy (anywhere)", r"\(sqlalchemy/"),
    ("SQLite C library (anywhere)", r"\(libsqlite3|\(_sqlite3|sqlite3[A-Z]\w* \("),
    ("garbage collector (gc_collect_main)", r"gc_collect_main"),
    ("logging", r"\(logging/"),
    ("JSON (json, orjson)", r"\(json/|orjson"),
]

# Owners: a sample belongs to the deepest frame matching one of these (first match from the leaf).
OWNERS: list[tuple[str, str]] = [
    ("SQLite (C)", r"\(libsqlite3|\(_sqlite3|sqlite3[A-Z]\w* \(|^pysqlite"),
    ("sqlite3 module (Python)", r"\(sqlite3/"),
    ("SQLAlchemy", r"\(sqlalchemy/"),
    ("rapidfuzz", r"rapidfuzz"),
    ("python-telegram-bot", r"\(telegram/"),
    ("twilio SDK", r"\(twilio/"),
    ("httpx/httpcore/h11", r"\((httpx|httpcore|h11|anyio)/"),
    ("requests/urllib3", r"\((requests|urllib3)/"),
    ("pydantic", r"pydantic"),
    ("logging", r"\(logging/"),
    ("json/orjson", r"\(json/|orjson"),
    ("uvicorn/httptools", r"\(uvicorn/|httptools"),
    ("Starlette/FastAPI", r"\((starlette|fastapi)/"),
    ("apscheduler", r"\(apscheduler/"),
    ("asyncio/uvloop", r"\(asyncio/|uvloop|\(selectors"),
    ("threading/concurrent", r"\((threading|concurrent/futures|queue)"),
    ("Kedai storage/", r"\(storage/"),
    ("Kedai bot/", r"\(bot/"),
    ("Kedai conversations/handlers/catalog/orders", r"\((conversations|handlers|catalog|orders|texts)/"),
    ("Kedai scheduler/", r"\(scheduler/"),
]

# A thread waiting for work (a queue, an event, the event loop's poll, a sleep) is not busy;
# one blocked on a lock or condition anywhere else is waiting for the GIL (or a lock) to run.
IDLE = re.compile(r"_queue_SimpleQueue_get|(^|\.)wait \(threading\.py\)|select_poll_poll|poll \(selectmodule"
                  r"|poll \(linux\.c\)|epoll_wait|epoll_pwait|uv__io_poll|nanosleep|usleep")
BLOCKED = re.compile(r"^(pthread_cond_(timed)?wait|PyThread_acquire_lock_timed|take_gil|sem_(clock|timed)?wait) \(")
ADDRESS = re.compile(r"^0x[0-9a-f]+ \(")
OURS = re.compile(r"\((bot|storage|conversations|handlers|catalog|orders|scheduler|texts)/")


def ensure_py_spy() -> str:
    found = shutil.which("py-spy", path=str(VENV_BIN)) or shutil.which("py-spy")
    if found:
        return found
    print("installing py-spy into the venv ...", flush=True)
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "py-spy>=0.4,<0.5"], check=True)
    return shutil.which("py-spy", path=str(VENV_BIN)) or "py-spy"


def parse_raw(text: str) -> list[tuple[str, list[str], int]]:
    """py-spy's raw (collapsed) lines -> (thread, frames root..leaf, samples)."""
    stacks = []
    for line in text.splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        frames = stack.split(";")
        thread = next((f for f in frames[:2] if f.startswith("thread ")), "thread ?")
        frames = [f for f in frames if not f.startswith(("process ", "thread "))]
        stacks.append((thread, frames, int(count)))
    return stacks


def state(frames: list[str]) -> str:
    """busy, idle (waiting for work) or blocked (waiting for the GIL or a lock, to run)."""
    if any(IDLE.search(f) for f in frames):
        return "idle"
    leaf = next((f for f in reversed(frames) if not ADDRESS.match(f)), "")
    return "blocked" if BLOCKED.match(leaf) else "busy"


def shares(all_stacks: list[tuple[str, list[str], int]]) -> dict[str, object]:
    states: Counter[tuple[str, str]] = Counter()
    for thread, frames, n in all_stacks:
        states[(thread, state(frames))] += n
    stacks = [s for s in all_stacks if state(s[1]) == "busy"]
    total = sum(n for _, _, n in stacks) or 1
    stages = {name: sum(n for _, frames, n in stacks if any(re.search(rx, f) for f in frames)) / total
              for name, rx in STAGES}
    on_loop = {name: sum(n for thread, frames, n in stacks
                         if thread.endswith("MainThread") and any(re.search(rx, f) for f in frames)) / total
               for name, rx in STAGES}
    ours: Counter[str] = Counter()  # our own functions, inclusive
    for _, frames, n in stacks:
        for f in {f for f in frames if OURS.search(f)}:
            ours[f] += n
    owners: Counter[str] = Counter()
    own: Counter[str] = Counter()
    threads: Counter[str] = Counter()
    for thread, frames, n in stacks:
        threads[thread] += n
        owner = next((name for f in reversed(frames) for name, rx in OWNERS if re.search(rx, f)), "other")
        owners[owner] += n
        if frames:
            own[frames[-1]] += n
    per_thread: dict[str, dict[str, int]] = {}
    for (thread, st), n in states.items():
        per_thread.setdefault(thread, {"busy": 0, "blocked": 0, "idle": 0})[st] += n
    return {"samples": total, "stages": stages, "stages_on_loop": on_loop, "thread_states": per_thread,
            "owners": {k: v / total for k, v in owners.most_common()},
            "top_own": [(f, n / total) for f, n in own.most_common(25)],
            "top_ours": [(f, n / total) for f, n in ours.most_common(40)],
            "threads": {k: v / total for k, v in threads.most_common()}}


def run(path: http_bench.Channel, seconds: float, rate: int, native: bool) -> dict[str, object]:
    spy = ensure_py_spy()
    wrk.ensure()
    stamp = time.strftime("%Y%m%d-%H%M%S")
    http_bench.RESULTS.mkdir(exist_ok=True)
    raw_file = http_bench.RESULTS / f"{stamp}-profile-{path.name}.txt"
    with tempfile.TemporaryDirectory(prefix=f"kedai-profile-{path.name}-") as tmp:
        gc_file = http_bench.RESULTS / f"{stamp}-watch-{path.name}.jsonl"
        with http_bench.kedai_for(path, Path(tmp), http_bench.OPTIONS["products"], env={"GC_WATCH_FILE": str(gc_file)},
                                  command=("bench/gc_watch.py", "serve")) as (kedai, _fake, args):
            ids = http_bench.Counter()
            ids.run("warm-up", kedai, path.script, http_bench.OPTIONS["warmup"], args)
            start = time.monotonic()
            unprofiled = ids.run(path.name, kedai, path.script, UNPROFILED, args)
            end = time.monotonic()
            time.sleep(1.2)  # the watcher writes once a second
            watched = gc_watch.read(gc_file)
            collections = gc_pauses(watched["pauses"], start, end)
            print("  without the profiler: " + unprofiled.line(), flush=True)
            print_gc(collections)
            collections["engine"] = engine_times(watched, start, end)
            print_engine(collections["engine"])
            command = [spy, "record", "--pid", str(kedai.pid), "--duration", str(int(seconds)), "--rate", str(rate),
                       "--format", "raw", "--threads", "--nolineno", "--output", str(raw_file)]
            command += ["--native"] if native else ["--nonblocking"]
            spying = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            time.sleep(1.0)  # py-spy attaches
            profiled = ids.run(path.name, kedai, path.script, seconds, args)
            _, err = spying.communicate(timeout=seconds + 60)
            print("  under the profiler:    " + profiled.line(), flush=True)
    if spying.returncode != 0 or not raw_file.exists():
        raise RuntimeError(f"py-spy failed: {err.strip()[-500:]}")
    found = shares(parse_raw(raw_file.read_text()))
    print_shares(path, found, raw_file)
    return {"unprofiled": unprofiled.as_dict(), "profiled": profiled.as_dict(), "gc": collections, **found}


def gc_pauses(pauses: list[list[float]], start: float, end: float) -> dict[str, object]:
    """The collector's pauses while the load ran, per generation: count, total, longest."""
    window = [(int(g), s) for g, at, s in pauses if start <= at <= end]
    per = {}
    for gen in (0, 1, 2):
        took = sorted(s for g, s in window if g == gen)
        per[gen] = {"count": len(took), "total_ms": sum(took) * 1000, "max_ms": took[-1] * 1000 if took else 0.0}
    return {"seconds": end - start, "share": sum(s for _, s in window) / (end - start), "generations": per}


def engine_times(watched: dict[str, list[list[object]]], start: float, end: float) -> dict[str, object]:
    """Each message's own time in Engine.handle while the load ran, by thread and by what it
    said; and the event loop's stalls (its 10 ms tick late by more than 5 ms)."""
    kinds: dict[tuple[str, str], list[float]] = {}
    for at, took, thread, text in watched.get("handled", []):
        if start <= at <= end:  # type: ignore[operator]
            where = "loop" if thread == "MainThread" else "db thread"
            kinds.setdefault((where, str(text)[:24]), []).append(float(took) * 1000)  # type: ignore[arg-type]
    rows = []
    for (where, text), took in sorted(kinds.items(), key=lambda kv: -sum(kv[1])):
        took.sort()
        rows.append({"where": where, "text": text, "count": len(took), "median_ms": took[len(took) // 2],
                     "p99_ms": took[min(len(took) - 1, int(len(took) * 0.99))], "max_ms": took[-1],
                     "total_ms": sum(took)})
    late = sorted((float(s) * 1000 for at, s in watched.get("stalls", []) if start <= at <= end), reverse=True)  # type: ignore[operator]
    return {"messages": rows, "stalls_ms": late}


def print_engine(found: dict[str, object]) -> None:
    rows = found["messages"]  # type: ignore[index]
    total = sum(r["total_ms"] for r in rows) or 1.0  # type: ignore[union-attr]
    print("  Engine.handle while the load ran (where it ran, what the message said; ms):")
    for r in rows[:14]:  # type: ignore[index]
        print(f"    {r['where']:9} {r['text']!r:28} n={r['count']:5} median {r['median_ms']:6.2f} p99 {r['p99_ms']:7.2f}"
              f" max {r['max_ms']:7.1f}  {r['total_ms'] / total:5.1%} of the engine's time")
    late = found["stalls_ms"]  # type: ignore[index]
    print(f"  event loop stalls (10 ms tick late by > 5 ms): {len(late)}, {sum(late):.0f} ms in all; longest: "
          + ", ".join(f"{s:.0f}" for s in late[:10]))  # type: ignore[index]


def print_gc(found: dict[str, object]) -> None:
    gens = found["generations"]  # type: ignore[index]
    print(f"  garbage collector while the load ran: {found['share']:.1%} of the wall time; " + "; ".join(
        f"gen {g}: {v['count']} collections, {v['total_ms']:.0f} ms, longest {v['max_ms']:.1f} ms"
        for g, v in gens.items()))  # type: ignore[attr-defined]


def print_shares(path: http_bench.Channel, found: dict[str, object], raw_file: Path) -> None:
    print(f"  {found['samples']} busy samples of the server process; raw stacks: {raw_file}")
    states = found["thread_states"]
    if any(c["blocked"] or c["idle"] for c in states.values()):  # type: ignore[attr-defined]  # native frames only
        print("  threads, samples busy / blocked on the GIL or a lock / idle:")
        for thread, counts in states.items():  # type: ignore[attr-defined]
            print(f"    {thread}: {counts['busy']} / {counts['blocked']} / {counts['idle']}")
    print("  busy samples per thread: " + ", ".join(f"{k} {v:.0%}" for k, v in found["threads"].items()))  # type: ignore[attr-defined]
    print("  stages (inclusive share of busy samples: all threads, of which the event loop's thread):")
    for name, share in found["stages"].items():  # type: ignore[attr-defined]
        if share >= 0.005:
            print(f"    {share:6.1%} {found['stages_on_loop'][name]:6.1%}  {name}")  # type: ignore[index]
    print("  owners (deepest known frame):")
    for name, share in found["owners"].items():  # type: ignore[attr-defined]
        if share >= 0.005:
            print(f"    {share:6.1%}  {name}")
    print("  our functions (inclusive):")
    for frame, share in found["top_ours"][:25]:  # type: ignore[index]
        print(f"    {share:6.1%}  {frame}")
    print("  top functions by own samples:")
    for frame, share in found["top_own"][:15]:  # type: ignore[index]
        print(f"    {share:6.1%}  {frame}")


def main(argv: list[str] | None = None) -> dict[str, object]:
    from bench import bench_simulator, bench_telegram, bench_whatsapp

    paths = {"telegram": bench_telegram.CHANNEL, "whatsapp": bench_whatsapp.CHANNEL, "twilio": bench_whatsapp.CHANNEL,
             "simulator": bench_simulator.CHANNEL}
    parser = argparse.ArgumentParser(prog="bench/run.py profile", description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=["telegram", "whatsapp"], choices=sorted(paths))
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--rate", type=int, default=100, help="samples per second")
    parser.add_argument("--products", type=int, default=http_bench.OPTIONS["products"],
                        help="catalog size (0: the demo shop's own)")
    parser.add_argument("--native", action="store_true",
                        help="also C frames (SQLite, the GC, httptools); pauses the server for every sample")
    args = parser.parse_args(argv)
    http_bench.OPTIONS["products"] = args.products
    results = {}
    for name in args.paths:
        print(f"\n== profile {name}: {paths[name].title}, {args.seconds:g}s at {args.rate} samples/s, "
              f"{args.products:,} products ==", flush=True)
        results[name] = run(paths[name], args.seconds, args.rate, native=args.native)
    return results


if __name__ == "__main__":
    main(sys.argv[1:])
