"""The outside campaign as part of the suite: hypothesis draws hostile requests to the three
inbound endpoints (/api/simulator/messages, /webhooks/telegram, /webhooks/twilio and its
/status) and the media path of a real `kedai serve`, on SQLite and on PostgreSQL. No answer may
be a 5xx, the server's log must hold no traceback, and afterwards every table must be as it
was except for the strangers' own messages, identities, conversations and replies.

The suite runs KEDAI_HOSTILE_EXAMPLES probes per endpoint (default 120), the same ones every
run; `make soak` runs many more with a fresh random seed. The counts of each run go to
data/test-results/hostile-<database>.json and are printed at the end of the session."""

from __future__ import annotations

import json
import os
import time

import httpx
import pytest

from tests.e2e import server
from tests.e2e.hostile_campaign import (TELEGRAM_SELLER, Tally, attack, changes_outside_senders, handled_since, seed,
                                        serving, snapshot, traceback_count, wait_quiet)
from tests.e2e.hostile_payloads import media_probe, simulator_probe, telegram_probe, twilio_probe
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.twilio_api import FakeTwilioAPI

pytestmark = pytest.mark.e2e

EXAMPLES = int(os.environ.get("KEDAI_HOSTILE_EXAMPLES", "120"))
SEED = int(os.environ["KEDAI_HOSTILE_SEED"]) if os.environ.get("KEDAI_HOSTILE_SEED") else None
RESULTS = server.ROOT / "data" / "test-results"


def record(backend: str, tally: Tally) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    summary = {"database": backend, "examples_per_endpoint": EXAMPLES, "seed": SEED, **tally.summary()}
    (RESULTS / f"hostile-{backend}.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")
    print(f"\nhostile campaign on {backend}: {json.dumps(summary)}")


def test_hostile_requests_get_no_5xx_leave_no_traceback_and_change_nothing_but_the_senders_own_rows(db_url, tmp_path):
    backend = "sqlite" if db_url.startswith("sqlite") else "postgres"
    seed(db_url)
    tally = Tally()
    with FakeTelegramAPI(per_chat_per_sec=None, global_per_sec=None) as telegram, FakeTwilioAPI() as twilio:
        telegram.add_chat(TELEGRAM_SELLER)
        with serving(db_url, tmp_path, telegram.base_url, telegram.token, twilio) as (base, log):
            before = snapshot(db_url)
            started = time.monotonic()
            with httpx.Client(base_url=base, timeout=30, trust_env=False) as http:
                for probes in (simulator_probe(), telegram_probe(), twilio_probe(), twilio_probe(status=True),
                               media_probe()):
                    attack(http, probes, EXAMPLES, tally, SEED)
                wait_quiet(http, db_url)
            tally.seconds = time.monotonic() - started
            after = snapshot(db_url)
        tally.tracebacks = traceback_count(log)
    tally.handled = handled_since(before, db_url)
    record(backend, tally)
    assert tally.server_errors == 0 and tally.tracebacks == 0, log.read_text(errors="replace")[-3000:]
    assert changes_outside_senders(before, after, db_url) == []
    assert tally.requests >= 5 * EXAMPLES
