"""WhatsApp webhooks per second through POST /webhooks/twilio end to end: signature check,
one committed transaction, the reply handed to the (fake) Twilio REST API; against the bare
endpoint (FastAPI + one sqlite3 insert/commit) in the same run.

The load generator signs every form post as Twilio does. The sender cap (TWILIO_MPS, 80 in
production) is lifted here so the bench measures our path, not Twilio's documented limit.
"""

from __future__ import annotations

import sqlite3
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

from bench import loadgen
from bench.bench_simulator import bare_body, measure
from tests.e2e import server as servers
from tests.e2e.whatsapp_client import PUBLIC, SHOP_NUMBER, env_for
from tests.fakes.twilio_api import DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN, FakeTwilioAPI

# A browsing conversation typed as a WhatsApp user would: numbers pick from the lists.
SCRIPT = ["halo", "katalog", "1", "1", "cari nastar keju", "menu"]
URL = PUBLIC + "/webhooks/twilio"


def whatsapp_body(conn: int, n: int, run: str) -> tuple[bytes, dict[str, str]]:
    from twilio.request_validator import RequestValidator

    number, sid = f"+62812{conn:04d}{int(run[:4], 16) % 10000:04d}", f"SM{run}{conn:04d}{n:08d}"
    params = {"SmsMessageSid": sid, "NumMedia": "0", "ProfileName": f"Bench {conn}", "MessageType": "text",
              "SmsSid": sid, "WaId": number[1:], "SmsStatus": "received", "Body": SCRIPT[n % len(SCRIPT)],
              "To": f"whatsapp:{SHOP_NUMBER}", "NumSegments": "1", "MessageSid": sid, "AccountSid": DEFAULT_ACCOUNT_SID,
              "From": f"whatsapp:{number}", "ApiVersion": "2010-04-01"}
    signature = RequestValidator(DEFAULT_AUTH_TOKEN).compute_signature(URL, params)
    return urlencode(params).encode(), {"Content-Type": "application/x-www-form-urlencoded",
                                        "X-Twilio-Signature": signature}


def drained(db: Path, timeout: float = 120) -> float:
    """Seconds until no WhatsApp reply is left pending in the outbox."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        with sqlite3.connect(db, timeout=30) as conn:
            left = conn.execute("SELECT count(*) FROM outbox WHERE channel = 'whatsapp' "
                                "AND status IN ('pending', 'sending')").fetchone()[0]
        if not left:
            break
        time.sleep(0.05)
    return time.perf_counter() - started


def main(seconds: float = 8.0) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp, FakeTwilioAPI() as fake:
        tmp_path = Path(tmp)
        with servers.bare(tmp_path) as port:
            bare = measure(port, "/bare", bare_body, seconds)
        env = {**env_for(tmp_path, fake), "TWILIO_MPS": "100000"}
        with servers.kedai(tmp_path, env) as port:
            started = time.perf_counter()
            ours = measure(port, "/webhooks/twilio", whatsapp_body, seconds)
            tail = drained(tmp_path / "kedai.db")
            elapsed = time.perf_counter() - started
        handed = len(fake.messages)
        with sqlite3.connect(tmp_path / "kedai.db") as conn:
            statuses = dict(conn.execute("SELECT status, count(*) FROM outbox GROUP BY status").fetchall())
    ratio = ours.rate / bare.rate if bare.rate else 0.0
    print(bare.line("bare endpoint (FastAPI + 1 sqlite3 insert/commit)"))
    print(ours.line("kedai POST /webhooks/twilio (signature, 1 transaction, reply to the fake)"))
    print(f"ratio kedai/bare: {ratio:.2f}")
    print(f"replies handed to the fake Twilio API: {handed} (outbox {statuses}); "
          f"outbox drained {tail:.1f}s after the load ended, {handed / elapsed:,.0f} replies/s overall")
    return {"bare_rps": bare.rate, "whatsapp_rps": ours.rate, "ratio": ratio, "replies": handed,
            "drain_seconds": tail}


if __name__ == "__main__":
    main()
