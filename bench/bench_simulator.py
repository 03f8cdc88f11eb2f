"""POST /api/simulator/messages against the bare endpoint, with wrk (bench/http_bench.py).

    .venv/bin/python bench/run.py simulator
"""

from __future__ import annotations

from typing import Any

from bench.http_bench import Channel, measure

# A browsing conversation: every step reads the catalog and writes state. bench/lua/simulator.lua
# sends the same steps; bench_engine_steps times each of them inside the engine.
SCRIPT = [{"text": "halo"}, {"choice": "catalog"}, {"choice": "c:1:0"}, {"choice": "p:KRP-TMP"},
          {"text": "cari nastar keju"}, {"text": "menu"}]

CHANNEL = Channel("simulator", "POST /api/simulator/messages", "simulator", "simulator")


def main() -> dict[str, Any]:
    return measure(CHANNEL)


if __name__ == "__main__":
    main()
