"""A bot or number linked while `kedai serve` runs is served without a restart, and one unlinked
stops being served: a real server (webhook mode, checking its links every 0.2 s), the fake Bot
API and the fake Twilio, and `kedai shop link` / `kedai shop unlink` run as a user runs them."""

from __future__ import annotations

import os
import sqlite3
import time

import httpx
import pytest

from tests.e2e import server
from tests.e2e.telegram_driver import User
from tests.e2e.test_two_shops_e2e import BotTelegram
from tests.e2e.whatsapp_client import PUBLIC, WhatsAppUser
from tests.fakes.telegram_bots import FakeTelegramBots
from tests.fakes.twilio_api import FakeTwilioAPI
from tests.shops_support import NUMBER_B, TOKEN_A, TOKEN_B, seed
from storage import shops as shops_db
from storage.db import make_engine, session_factory, unit_of_work

pytestmark = pytest.mark.e2e

BOT_B = TOKEN_B.split(":")[0]


def wait(done, what: str, timeout: float = 10.0) -> float:  # type: ignore[no-untyped-def]
    """Waits until done(); returns how long it took."""
    start = time.monotonic()
    while not done():
        if time.monotonic() - start > timeout:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)
    return time.monotonic() - start


@pytest.fixture(scope="module")
def install(tmp_path_factory):
    """Both shops set up; Batik Sekar has its bot and number, Kue Ani none yet."""
    tmp = tmp_path_factory.mktemp("live-links")
    db = f"sqlite:///{tmp}/kedai.db"
    seed(db)
    engine = make_engine(db)
    with unit_of_work(session_factory(engine)) as s:
        kue_ani = shops_db.fetch_shop_by_slug(s, "kue-ani")
        assert kue_ani is not None
        shops_db.unlink_channels(s, kue_ani.id)
        s.commit()
    engine.dispose()
    with FakeTelegramBots([TOKEN_A, TOKEN_B], per_chat_per_sec=20) as bots, FakeTwilioAPI() as twilio:
        port = server.free_port()
        env = {"KEDAI_DATABASE_URL": db, "KEDAI_DEMO": "0", "KEDAI_PORT": str(port), "KEDAI_HOST": "127.0.0.1",
               "KEDAI_DATA_DIR": str(tmp / "data"), "KEDAI_PUBLIC_URL": PUBLIC, "TELEGRAM_MODE": "webhook",
               "TELEGRAM_API_BASE_URL": bots.base_url, "TELEGRAM_CHAT_RATE": "10",
               "TWILIO_ACCOUNT_SID": twilio.account_sid, "TWILIO_AUTH_TOKEN": twilio.auth_token,
               "TWILIO_API_BASE_URL": twilio.base_url, "KEDAI_SCHEDULER_INTERVAL_SECONDS": "0.2",
               "KEDAI_CHANNELS_POLL_SECONDS": "0.2"}
        with server.server(["main.py", "serve"], env, "/healthz", port, log=tmp / "server.log", out=tmp / "serve.out"):
            http = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=20, trust_env=False)
            yield {"bots": bots, "twilio": twilio, "tmp": tmp, "port": port, "http": http, "env": env,
                   "out": tmp / "serve.out"}
            http.close()
            assert "Traceback" not in (tmp / "server.log").read_text()
        assert bots.server_errors_all == [] and twilio.server_errors == []


def kedai(install, *args: str) -> str:  # type: ignore[no-untyped-def]
    """`kedai ARGS` as the person who installs it runs it, next to the running server."""
    done = server.cli(list(args), {**os.environ, **install["env"]}, check=True)
    return done.stdout


def inbound_count(install) -> int:  # type: ignore[no-untyped-def]
    with sqlite3.connect(install["tmp"] / "kedai.db", timeout=30) as conn:
        return conn.execute("SELECT count(*) FROM inbound_messages").fetchone()[0]


def test_a_bot_linked_while_serving_answers_as_its_shop_and_stops_once_unlinked(install):
    bots, http = install["bots"], install["http"]
    fake_b = bots[TOKEN_B]
    telegram_b = BotTelegram(fake_b, install["tmp"] / "kedai.db", install["port"], f"/webhooks/telegram/{BOT_B}")
    rina = User(telegram_b, 5100000011, "Rina")
    # Not linked yet: its route is no one's, and Telegram was never asked to call us for it.
    body, headers = fake_b.webhook_post(rina._message("private_text.json", text="halo"))
    assert http.post(f"/webhooks/telegram/{BOT_B}", content=body, headers=headers).status_code == 404
    assert fake_b.webhook["url"] == ""

    said = kedai(install, "shop", "link", "kue-ani", "--telegram-token", TOKEN_B)
    assert f"Telegram bot {BOT_B} linked to kue-ani" in said
    assert "A running `kedai serve` picks this up within 0.2 seconds" in said
    took = wait(lambda: fake_b.webhook["url"] == f"{PUBLIC}/webhooks/telegram/{BOT_B}", "setWebhook for bot B")
    assert took < 5  # seconds, with a 0.2 s look
    assert fake_b.webhook["secret_token"]
    rina.say("halo")
    assert "Selamat datang di Kue Ani" in rina.texts[-1]
    assert bots[TOKEN_A].sent_messages(5100000011) == []  # nothing of Kue Ani's left from Batik Sekar's bot

    said = kedai(install, "shop", "unlink", "kue-ani", "--telegram")
    assert f"telegram: {BOT_B} unlinked from kue-ani" in said
    # The same update shape with the secret Telegram holds: 404 within moments (until the server's
    # next look, an update is still served, as the README says), and from then on nothing handled.
    def refused() -> bool:
        body, headers = fake_b.webhook_post(rina._message("private_text.json", text="halo lagi"))
        return http.post(f"/webhooks/telegram/{BOT_B}", content=body, headers=headers).status_code == 404
    wait(refused, "bot B's route to close")
    before = inbound_count(install)
    assert refused() and refused()
    time.sleep(0.5)
    assert inbound_count(install) == before
    printed = install["out"].read_text()
    assert f"  shop kue-ani: now serving Telegram bot {BOT_B} (webhook)" in printed
    assert f"  shop kue-ani: no longer serving Telegram bot {BOT_B} (webhook)" in printed


def test_a_number_linked_while_serving_answers_from_itself_and_stops_once_unlinked(install):
    twilio, http = install["twilio"], install["http"]
    dewi = WhatsAppUser(http, twilio, install["tmp"], "+6281234500031")
    original = dewi.params
    dewi.params = lambda text="", sid=None, **extra: {**original(text, sid, **extra), "To": f"whatsapp:{NUMBER_B}"}
    before = inbound_count(install)
    assert dewi.post(dewi.params("halo")).status_code == 200  # Twilio is answered; no shop takes it
    time.sleep(0.3)
    assert inbound_count(install) == before and twilio.messages_to("whatsapp:+6281234500031") == []

    said = kedai(install, "shop", "link", "kue-ani", "--whatsapp-number", "0811-0000-0002")
    assert f"WhatsApp {NUMBER_B} linked to kue-ani" in said
    # Served within moments: the first message after the pick-up is answered from the number itself.
    def answered() -> bool:
        sent = dewi.params("halo")
        dewi.post(sent)
        time.sleep(0.1)
        return bool(twilio.messages_to("whatsapp:+6281234500031"))
    wait(answered, "Kue Ani's number to be served")
    dewi.send("katalog")
    assert "Kategori di Kue Ani" in dewi.text
    assert {m["From"] for m in twilio.messages_to("whatsapp:+6281234500031")} == {f"whatsapp:{NUMBER_B}"}

    kedai(install, "shop", "unlink", "kue-ani", "--whatsapp")
    time.sleep(1.0)  # five looks
    count = len(twilio.messages_to("whatsapp:+6281234500031"))
    before = inbound_count(install)
    assert dewi.post(dewi.params("halo")).status_code == 200
    time.sleep(0.5)
    assert inbound_count(install) == before
    assert len(twilio.messages_to("whatsapp:+6281234500031")) == count
    printed = install["out"].read_text()
    assert f"  shop kue-ani: now serving WhatsApp {NUMBER_B}" in printed
    assert f"  shop kue-ani: no longer serving WhatsApp {NUMBER_B}" in printed


def test_linking_the_installs_own_bot_says_it_takes_a_restart(tmp_path):
    env = {**os.environ, "KEDAI_DATABASE_URL": f"sqlite:///{tmp_path}/kedai.db", "KEDAI_DEMO": "0",
           "TELEGRAM_BOT_TOKEN": TOKEN_A}
    server.cli(["shop", "new", "--name", "Toko Satu"], env, check=True)
    said = server.cli(["shop", "link", "toko-satu", "--telegram-token", TOKEN_A], env, check=True).stdout
    assert "That is the install's own TELEGRAM_BOT_TOKEN: restart `kedai serve` to serve it for toko-satu." in said
    assert "picks this up" not in said
    said = server.cli(["shop", "unlink", "toko-satu", "--telegram", "--whatsapp"], env, check=True).stdout
    assert "telegram: 7100000001 unlinked from toko-satu" in said and "whatsapp: toko-satu had nothing linked" in said
    assert "restart `kedai serve` for the unlink to take effect" in said and "picks this up" not in said
    refused = server.cli(["shop", "unlink", "toko-satu"], env)
    assert refused.returncode == 2 and "give --telegram and/or --whatsapp" in refused.stderr
