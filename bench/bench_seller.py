"""What a seller command costs on the one path, next to a customer search in the same run
(engine.handle on a fresh SQLite file: parse, find the product, conditional update, audit
row, conversation save, outbox), and the pure parse of a seller message."""

from __future__ import annotations

import statistics
import tempfile
import time

from conversations.seller.parse import parse
from storage.migrate import upgrade
from tests.support import EngineChat, seeded_engine

ROUNDS = 300


def _latency(chat: EngineChat, messages: list[str]) -> tuple[float, float]:
    times = []
    for i in range(ROUNDS):
        started = time.perf_counter()
        chat.send(messages[i % len(messages)])
        times.append(time.perf_counter() - started)
    times.sort()
    return statistics.median(times) * 1000, times[int(len(times) * 0.99)] * 1000


def main() -> int:
    url = f"sqlite:///{tempfile.mkdtemp()}/bench.db"
    upgrade(url)
    engine, _ = seeded_engine(url)
    seller, customer = EngineChat(engine, "penjual"), EngineChat(engine, "pembeli")
    seller.send("halo")
    customer.send("halo")
    rows = [
        ("seller stock/price change", seller, ["stok rendang 9", "stok rendang 10", "harga kering tempe naik 1rb",
                                               "harga kering tempe turun 1rb"]),
        ("seller stock list / recap", seller, ["cek stok", "rekap", "pesanan hari ini"]),
        ("customer search", customer, ["cari rendang", "cari nastar keju"]),
    ]
    for label, chat, messages in rows:
        median, p99 = _latency(chat, messages)
        print(f"{label:28} median {median:6.2f} ms   p99 {p99:6.2f} ms   (engine.handle, SQLite, {ROUNDS} msgs)")
    samples = ["stok keripik pedas 20", "harga kering tempe naik 2rb", "rendang habis", "stok +10 nastar",
               "pesan 2 nastar"]
    started = time.perf_counter()
    for i in range(20000):
        parse(samples[i % len(samples)])
    print(f"{'parse() of a seller message':28} {(time.perf_counter() - started) / 20000 * 1e6:6.1f} µs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
