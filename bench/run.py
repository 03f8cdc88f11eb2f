"""`make bench`: runs every bench/bench_*.py `main()` in turn and prints their figures.

Figures drift 10-30% between runs on shared machines: compare within one run, as ratios.
"""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    names = sorted(p.stem for p in (ROOT / "bench").glob("bench_*.py"))
    wanted = set(sys.argv[1:])
    sys.argv = sys.argv[:1]  # benches parse their own options; give them none
    failed = 0
    for name in names:
        if wanted and name not in wanted and name.removeprefix("bench_") not in wanted:
            continue
        print(f"\n== {name} ==", flush=True)
        started = time.perf_counter()
        try:
            code = importlib.import_module(f"bench.{name}").main()
            failed += isinstance(code, int) and code != 0
        except SystemExit as exc:  # a bench may exit non-zero when it misses its target
            failed += exc.code not in (0, None)
        except Exception as exc:
            failed += 1
            print(f"{name} failed: {exc!r}")
        print(f"({time.perf_counter() - started:.0f}s)")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
