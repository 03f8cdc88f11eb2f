"""The shop's books on a SQLite file:
  - what the ledger adds to an order's life: placing and confirming an order with its entries
    written, against the same with posting switched off, interleaved rounds (median per order);
  - a month's report over a busy shop (figures, then PDF, CSV, XLSX);
  - the sales chart: matplotlib's first import (paid only when a chart is asked for) and a chart.
`python bench/bench_books.py` from the repo root (or `make bench books`)."""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from books import figures, posting  # noqa: E402
from books.periods import month  # noqa: E402
from books.render_pdf import render_pdf  # noqa: E402
from books.render_sheet import render_csv, render_xlsx  # noqa: E402
from orders.lifecycle import Action  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from tests.integration.books_support import TZ, Month, demo_db, wib  # noqa: E402

ROUNDS, PER_ROUND = 5, 40
MONTH_ORDERS = 3000


def order_cycle(m: Month, n: int, start) -> float:  # type: ignore[no-untyped-def]
    """Seconds per order to place and confirm n orders, each in its own transaction as the engine does."""
    began = time.perf_counter()
    for i in range(n):
        at = start + timedelta(minutes=i)
        code = m.place(at, "bank_transfer", (("KRP-TMP", 1),))
        m.act(code, Action.CONFIRM, at + timedelta(seconds=30))
    return (time.perf_counter() - began) / n


def ledger_overhead(m: Month) -> None:
    real_placed, real_move = posting.post_placed, posting.post_move
    on, off = [], []
    for r in range(ROUNDS):
        on.append(order_cycle(m, PER_ROUND, wib(11, 1 + r)))
        posting.post_placed = lambda *a, **k: None  # type: ignore[assignment]
        posting.post_move = lambda *a, **k: None  # type: ignore[assignment]
        try:
            off.append(order_cycle(m, PER_ROUND, wib(11, 10 + r)))
        finally:
            posting.post_placed, posting.post_move = real_placed, real_move
    with_ledger, without = statistics.median(on) * 1000, statistics.median(off) * 1000
    print(f"place + confirm one order: {with_ledger:.2f} ms with the ledger, {without:.2f} ms without "
          f"(+{with_ledger - without:.2f} ms for its 5 entries)")


def busy_month(m: Month) -> None:
    for i in range(MONTH_ORDERS):
        at = wib(11, 1) + timedelta(minutes=14 * i)
        code = m.place(at, ("bank_transfer", "qris", "cod")[i % 3], (("KRP-SGK-PDS", 1 + i % 3), ("SBL-ROA", 1)),
                       channel=("whatsapp", "telegram", "simulator")[i % 3])
        m.act(code, Action.CONFIRM, at + timedelta(minutes=5))
    with m.sessions() as s:
        began = time.perf_counter()
        report = figures.compute(s, 1, "Dapur Bu Sri", month(2026, 11, TZ), wib(12, 3))
        took = time.perf_counter() - began
    print(f"month's figures over {MONTH_ORDERS + ROUNDS * PER_ROUND * 2} orders: {took * 1000:.0f} ms")
    for name, render in (("pdf", render_pdf), ("csv", render_csv), ("xlsx", render_xlsx)):
        began = time.perf_counter()
        data = render(report)
        print(f"  {name}: {(time.perf_counter() - began) * 1000:.0f} ms, {len(data) / 1024:.0f} KiB")


def chart() -> None:
    # VmRSS, not ru_maxrss: a child's peak starts at its parent's, so it would hide the growth.
    code = ("import re, time, main; rss = lambda: int(re.search(r'VmRSS:\\s+(\\d+)', open('/proc/self/status').read())[1]); "
            "r = rss(); t = time.perf_counter(); import matplotlib.figure, matplotlib.backends.backend_agg; "
            "print(time.perf_counter() - t, rss() - r)")
    took, grown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                 cwd=Path(__file__).resolve().parent.parent).stdout.split()
    print(f"matplotlib import after the CLI's own: {float(took) * 1000:.0f} ms, +{int(grown) / 1024:.0f} MiB resident")
    from books.chart import render_sales_chart

    days = [(wib(11, 1 + i).astimezone(TZ).date(), (i * 7919) % 500_000) for i in range(30)]
    render_sales_chart(days, "November 2026")
    began = time.perf_counter()
    for _ in range(5):
        render_sales_chart(days, "November 2026", "Dapur Bu Sri")
    print(f"sales chart, 30 days: {(time.perf_counter() - began) / 5 * 1000:.0f} ms")


def main() -> int:
    url = f"sqlite:///{tempfile.mkdtemp(prefix='bench-books-')}/kedai.db"
    upgrade(url)
    m = Month(demo_db(url))
    from sqlalchemy import update

    from storage.db import unit_of_work
    from storage.models import Product
    with unit_of_work(m.sessions) as s:
        s.execute(update(Product).values(stock=100_000))
        s.commit()
    ledger_overhead(m)
    busy_month(m)
    chart()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
