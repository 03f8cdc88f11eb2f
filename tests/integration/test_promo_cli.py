"""`kedai promo ...` and `kedai broadcast ...` as a seller runs them (in-process, real SQLite file)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from main import app
from storage.models import OutboxMessage
from tests.support import EngineChat, seeded_engine


@pytest.fixture
def kedai(sqlite_url):  # type: ignore[no-untyped-def]
    runner = CliRunner()

    def run(*args: str, input: str | None = None, code: int = 0):  # type: ignore[no-untyped-def]
        result = runner.invoke(app, list(args), input=input, env={"KEDAI_DATABASE_URL": sqlite_url})
        assert result.exit_code == code, result.output
        return result.output

    run.url = sqlite_url  # type: ignore[attr-defined]
    return run


def test_promotions_are_created_listed_and_stopped(kedai):
    out = kedai("promo", "create", "--percent", "15", "--category", "Sambal", "--code", "sambal15", "--min-subtotal", "50000",
                "--ends", "2026-12-31", "--per-customer", "1")
    assert "diskon 15% untuk kategori Sambal" in out
    kedai("promo", "create", "--bundle", "KRP-SGK-PDS:2,SBL-ROA:1", "--price", "45000", "--name", "Paket hemat")
    [sambal, bundle] = json.loads(kedai("promo", "list", "--json"))
    assert (sambal["code"], sambal["scope"], sambal["targets"], sambal["min_subtotal"]) == ("SAMBAL15", "category", ["Sambal"], 50000)
    assert sambal["ends_at"] == "2026-12-31T17:00:00+00:00"  # through the whole 31st, Jakarta time
    assert bundle["bundle"] == [{"sku": "KRP-SGK-PDS", "qty": 2}, {"sku": "SBL-ROA", "qty": 1}] and bundle["code"] is None
    assert "promo 1 stopped" in kedai("promo", "stop", "SAMBAL15")
    assert json.loads(kedai("promo", "list", "--json"))[0]["active"] is False
    kedai("promo", "stop", "SAMBAL15", code=1)


def test_a_bad_promo_is_refused_with_the_reason(kedai):
    assert "percent" in kedai("promo", "create", "--percent", "150", code=1)
    assert "unknown_products" in kedai("promo", "create", "--fixed", "2000", "--sku", "NOPE", code=1)


def test_a_broadcast_is_previewed_confirmed_listed_and_cancelled(kedai):
    kedai("promo", "create", "--percent", "10", "--code", "JUMAT")
    out = kedai("broadcast", "create", "--text", "Halo {nama}!", "--promo", "JUMAT", "--when", "setiap jumat 10:00",
                input="n\n", code=1)
    assert "recipients: 0" in out and "Pakai kode *JUMAT*" in out and "setiap Jumat jam 10.00" in out
    assert json.loads(kedai("broadcast", "list", "--json")) == []
    kedai("broadcast", "create", "--text", "Halo {nama}!", "--promo", "JUMAT", "--when", "setiap jumat 10:00", "--yes")
    [b] = json.loads(kedai("broadcast", "list", "--json"))
    assert b["schedule"] == {"kind": "weekly", "at": None, "weekday": 4, "clock": "10:00"} and b["promo_code"] == "JUMAT"
    assert b["status"] == "active" and b["next_due_at"].endswith("T03:00:00+00:00")
    assert "broadcast 1 cancelled" in kedai("broadcast", "cancel", "1")
    assert json.loads(kedai("broadcast", "status", "1", "--json"))["status"] == "cancelled"
    kedai("broadcast", "cancel", "1", code=1)


def test_broadcast_run_sends_what_is_due_and_status_reports_it(kedai):
    engine, sessions = seeded_engine(kedai.url)
    chat = EngineChat(engine, "rina")
    chat.send("halo")
    chat.send("mau promo")
    kedai("broadcast", "create", "--text", "Halo {nama}, ada promo!", "--yes")
    assert "1 messages sent" in kedai("broadcast", "run")
    with sessions() as s:
        texts = [p["text"] for p in s.execute(select(OutboxMessage.payload).where(OutboxMessage.recipient == "rina")).scalars()]
    assert any(t.startswith("Halo Kak, ada promo!") for t in texts)
    status = json.loads(kedai("broadcast", "status", "1", "--json"))
    assert status["runs"][0]["counts"] == {"sent": 1} and status["status"] == "done"
