"""`make bench`: runs every bench/bench_*.py `main()` in turn, then a table of the HTTP paths.

    .venv/bin/python bench/run.py                      # all of them
    .venv/bin/python bench/run.py telegram whatsapp    # by name (twilio = whatsapp)
    .venv/bin/python bench/run.py telegram --rounds 7 --seconds 5 --products 0 [--settle 150]
    .venv/bin/python bench/run.py profile telegram whatsapp [--seconds 20]   (see bench/profile_paths.py)

--products 0 serves the demo shop's own catalog instead of 10,000 products.
Figures drift 10-30% between runs on shared machines: compare within one run, as ratios.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ALIASES = {"twilio": "whatsapp"}


def table(results: list[dict]) -> None:  # type: ignore[type-arg]
    from bench import http_bench

    first = results[0]
    print(f"\n== HTTP paths: medians of {http_bench.OPTIONS['rounds']} rounds of {http_bench.OPTIONS['seconds']:g}s, "
          f"{16} connections, {first.get('products', 0):,} products ==")
    print(f"{'path':30} {'msg/s':>7} {'x bare':>7} {'p50 ms':>7} {'p99 ms':>7} {'bare/s':>7} {'alone/s':>7} "
          f"{'deliv/s':>8} {'peak/s':>6} {'429':>4} {'backlog':>7} {'RSS MB':>11} {'CPU ms':>6} {'bare':>5}")
    for s in results:
        ratio = f"{s['ratio']:.2f}" + ("" if s["ratio_reliable"] else "!")
        delivered = (f"{s['delivery_rate']:5.1f}/{s['delivery_limit']}", str(s["delivery_peak_1s"]), str(s["count_429"]),
                     f"{s['backlog']:,}") if "delivered" in s else ("-", "-", "-", "-")
        rss = f"{s.get('rss_warm_mb', 0):.0f}->{s.get('rss_max_mb', 0):.0f}"
        print(f"{s['title']:30} {s['rate']:7,.0f} {ratio:>7} {s['p50_ms']:7.1f} {s['p99_ms']:7.1f} {s['bare_rate']:7,.0f} "
              f"{s['reference_rate']:7,.0f} {delivered[0]:>8} {delivered[1]:>6} {delivered[2]:>4} {delivered[3]:>7} {rss:>11} "
              f"{s.get('cpu_ms', 0):6.2f} {s.get('bare_cpu_ms', 0):5.2f}")
    print("CPU ms: the server's CPU time a message (a bare request's in the next column), medians of the rounds")
    if any(not s["ratio_reliable"] for s in results):
        print("! the bare rounds were under 90% of the bare endpoint alone, or its server did not get 85% of a core: "
              "that ratio is not to be trusted")
    for s in results:
        for problem in s["problems"]:
            print(f"PROBLEM {s['path']}: {problem}")


def main(argv: list[str]) -> int:
    if argv[:1] == ["profile"]:
        from bench import profile_paths

        profile_paths.main(argv[1:])
        return 0
    from bench import http_bench

    parser = argparse.ArgumentParser(prog="bench/run.py", description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="benches to run (default: all)")
    parser.add_argument("--rounds", type=int, default=http_bench.OPTIONS["rounds"])
    parser.add_argument("--seconds", type=float, default=http_bench.OPTIONS["seconds"])
    parser.add_argument("--products", type=int, default=http_bench.OPTIONS["products"])
    parser.add_argument("--settle", type=float, default=http_bench.OPTIONS["settle"],
                        help="seconds of delivery watched after the load, before the server stops")
    args = parser.parse_args(argv)
    http_bench.OPTIONS.update(rounds=args.rounds, seconds=args.seconds, products=args.products, settle=args.settle)
    names = sorted(p.stem for p in (ROOT / "bench").glob("bench_*.py"))
    wanted = {ALIASES.get(n, n) for n in args.names}
    unknown = wanted - {n.removeprefix("bench_") for n in names} - set(names)
    if unknown:
        parser.error(f"no bench named {', '.join(sorted(unknown))}")
    sys.argv = sys.argv[:1]  # benches parse their own options; give them none
    failed = 0
    paths = []
    for name in names:
        if wanted and name not in wanted and name.removeprefix("bench_") not in wanted:
            continue
        print(f"\n== {name} ==", flush=True)
        started = time.perf_counter()
        try:
            result = importlib.import_module(f"bench.{name}").main()
            failed += isinstance(result, int) and result != 0
            if isinstance(result, dict) and "ratio" in result and "title" in result:
                paths.append(result)
                failed += bool(result["problems"])
        except SystemExit as exc:  # a bench may exit non-zero when it misses its target
            failed += exc.code not in (0, None)
        except Exception as exc:
            failed += 1
            print(f"{name} failed: {exc!r}")
        print(f"({time.perf_counter() - started:.0f}s)")
    if paths:
        table(paths)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
