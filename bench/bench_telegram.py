"""Updates per second through POST /webhooks/telegram end to end: secret check, PTB parsing,
one committed transaction each, and the replies delivered through python-telegram-bot to the
local fake Bot API (its flood limits and ours switched off, to measure our own cost).
Against the bare FastAPI + one SQLite insert endpoint, in the same run."""

from __future__ import annotations

import contextlib
import sqlite3
import tempfile
import time
from pathlib import Path

from bench.bench_simulator import bare_body, measure
from tests.e2e import server as servers
from tests.fakes.telegram_api import FakeTelegramAPI

SECRET = "bench_secret_0123456789"
CHAT_BASE = 7_100_000_000
CONNECTIONS = 32  # one chat each, as in the simulator bench
# The simulator bench's browsing conversation, as Telegram sends it: texts and button presses.
SCRIPT = [("text", "halo"), ("data", "catalog"), ("data", "c:1:0"), ("data", "p:KRP-TMP"),
          ("text", "cari nastar keju"), ("text", "menu")]


def telegram_body(conn: int, n: int, run: str) -> dict:
    chat = {"id": CHAT_BASE + conn, "first_name": f"Bench {conn}", "type": "private"}
    user = {"id": CHAT_BASE + conn, "is_bot": False, "first_name": f"Bench {conn}"}
    update_id = int(run, 16) % 100_000 * 10_000_000 + conn * 100_000 + n  # fresh per phase and message
    kind, value = SCRIPT[n % len(SCRIPT)]
    if kind == "text":
        return {"update_id": update_id, "message": {"message_id": n + 1, "from": user, "chat": chat,
                                                    "date": int(time.time()), "text": value}}
    return {"update_id": update_id, "callback_query": {
        "id": str(update_id), "from": user, "chat_instance": "1", "data": value,
        "message": {"message_id": n, "chat": chat, "date": int(time.time()), "text": "…"}}}


def wait_delivered(db: Path, timeout: float = 120.0) -> float:
    """Seconds until no reply is left in the outbox."""
    started = time.perf_counter()
    with contextlib.closing(sqlite3.connect(db, timeout=30)) as conn:
        while conn.execute("SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')").fetchone()[0]:
            if time.perf_counter() - started > timeout:
                break
            time.sleep(0.05)
    return time.perf_counter() - started


def main(seconds: float = 8.0) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        with servers.bare(Path(tmp)) as port:
            bare = measure(port, "/bare", bare_body, seconds)
        with FakeTelegramAPI(per_chat_per_sec=None, global_per_sec=None) as fake:
            for conn in range(CONNECTIONS):
                fake.add_chat(CHAT_BASE + conn)
            env = {"TELEGRAM_BOT_TOKEN": fake.token, "TELEGRAM_API_BASE_URL": fake.base_url,
                   "TELEGRAM_MODE": "webhook", "TELEGRAM_WEBHOOK_SECRET": SECRET,
                   "TELEGRAM_CHAT_RATE": "0", "TELEGRAM_GLOBAL_RATE": "0"}
            with servers.kedai(Path(tmp), env) as port:
                ours = measure(port, "/webhooks/telegram", telegram_body, seconds,
                               headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
                drained = wait_delivered(Path(tmp) / "kedai.db")
            replies = len(fake.calls_to("sendMessage")) + len(fake.calls_to("editMessageText"))
            answers = len(fake.calls_to("answerCallbackQuery"))
    ratio = ours.rate / bare.rate if bare.rate else 0.0
    delivered_rate = replies / (ours.seconds + 1.0 + drained)  # the 1 s warm-up sent replies too
    print(bare.line("bare endpoint (FastAPI + 1 sqlite3 insert/commit)"))
    print(ours.line("kedai POST /webhooks/telegram (1 transaction each)"))
    print(f"replies delivered to the fake Bot API: {replies} (+{answers} answerCallbackQuery), "
          f"outbox empty {drained:.1f}s after the load ended; {delivered_rate:,.0f} replies/s overall")
    print(f"ratio kedai/bare: {ratio:.2f}")
    return {"bare_rps": bare.rate, "telegram_rps": ours.rate, "ratio": ratio, "replies_per_s": delivered_rate}


if __name__ == "__main__":
    main()
