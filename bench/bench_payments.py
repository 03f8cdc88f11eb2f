"""Payment deadlines and transfer codes at their worst case, on a SQLite file:
  - the expiry sweep clearing a backlog of overdue orders (orders expired per second,
    each with its stock released, audit event and customer notice);
  - placing a bank-transfer order while 998 others are open (the unique-code pick reads them all).
`python bench/bench_payments.py` from the repo root (or `make bench`)."""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scheduler.jobs_payments import BATCH, expire_overdue  # noqa: E402
from storage.db import unit_of_work  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from tests.integration.orders_support import add_customer, place_many, set_stock  # noqa: E402
from tests.support import NOW, seeded_engine  # noqa: E402

BACKLOG = 2000


def main() -> int:
    url = f"sqlite:///{tempfile.mkdtemp(prefix='bench-payments-')}/kedai.db"
    upgrade(url)
    _, sessions = seeded_engine(url)
    set_stock(sessions, "KRP-TMP", 10 * BACKLOG)
    customer = add_customer(sessions, "bench")
    with unit_of_work(sessions) as s:
        place_many(s, customer, BACKLOG, method="qris", window=1)
        s.commit()
    started = time.perf_counter()
    expired = expire_overdue(sessions, lambda: NOW + timedelta(hours=1), max_batches=BACKLOG)
    took = time.perf_counter() - started
    print(f"expiry sweep: {expired} overdue orders in {took:.2f}s = {expired / took:,.0f} orders/s (batches of {BATCH})")

    with unit_of_work(sessions) as s:
        place_many(s, customer, 998)
        s.commit()
    timings = []
    for _ in range(20):
        with unit_of_work(sessions) as s:
            t = time.perf_counter()
            place_many(s, customer, 1)
            timings.append(time.perf_counter() - t)
            s.rollback()  # keep 998 open so every pick sees the same worst case
    with unit_of_work(sessions) as s:
        t = time.perf_counter()
        place_many(s, customer, 1, method="qris")
        plain = time.perf_counter() - t
        s.rollback()
    timings.sort()
    print(f"placing a bank-transfer order with 998 open: median {timings[10] * 1000:.1f} ms "
          f"(a QRIS order, no code to pick: {plain * 1000:.1f} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
