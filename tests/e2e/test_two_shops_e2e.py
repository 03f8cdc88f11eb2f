"""Two shops in one `kedai serve`, each on its own Telegram bot (one fake Bot API, two tokens,
a webhook per bot with its own secret) and its own WhatsApp number (the fake Twilio): each
customer meets their own shop, each seller hears of and sees only their own orders, and a
seller of one shop typing seller commands to the other shop's bot changes nothing there."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys

import httpx
import pytest

from tests.e2e import server
from tests.e2e.telegram_driver import Telegram, User
from tests.e2e.whatsapp_client import PUBLIC, WhatsAppUser
from tests.fakes.telegram_bots import FakeTelegramBots
from tests.fakes.twilio_api import FakeTwilioAPI
from tests.shops_support import NUMBER_A, NUMBER_B, SELLER_A, SELLER_B, TOKEN_A, TOKEN_B, seed

pytestmark = pytest.mark.e2e


class BotTelegram(Telegram):
    """Telegram as it calls one bot's own webhook."""

    def __init__(self, fake, db, port: int, path: str):  # type: ignore[no-untyped-def]
        super().__init__(fake, db, port)
        self.path = path

    def deliver(self, update: dict) -> None:
        self.fake.push_update(update)
        body, headers = self.fake.webhook_post(update)
        response = self.http.post(self.path, content=body, headers=headers)
        assert response.status_code == 200, response.text


class Install:
    def __init__(self, bots: FakeTelegramBots, twilio: FakeTwilioAPI, tmp, port: int):  # type: ignore[no-untyped-def]
        self.bots, self.twilio, self.tmp, self.port = bots, twilio, tmp, port
        self.db = tmp / "kedai.db"
        self.http = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=20, trust_env=False)
        self.a = BotTelegram(bots[TOKEN_A], self.db, port, "/webhooks/telegram/7100000001")
        self.b = BotTelegram(bots[TOKEN_B], self.db, port, "/webhooks/telegram/7200000002")

    def query(self, sql: str, *args) -> list[tuple]:  # type: ignore[no-untyped-def]
        with sqlite3.connect(self.db, timeout=30) as conn:
            return conn.execute(sql, args).fetchall()

    def whatsapp(self, number: str, to: str) -> WhatsAppUser:
        user = WhatsAppUser(self.http, self.twilio, self.tmp, number)
        original = user.params
        user.params = lambda text="", sid=None, **extra: {**original(text, sid, **extra), "To": f"whatsapp:{to}"}
        return user

    def orders(self, slug: str) -> list[dict]:
        env = {**os.environ, "KEDAI_DATABASE_URL": f"sqlite:///{self.db}", "KEDAI_DEMO": "0"}
        out = subprocess.run([sys.executable, "main.py", "orders", "list", "--shop", slug, "--json"], cwd=server.ROOT,
                             env=env, check=True, capture_output=True, text=True).stdout
        return json.loads(out)


@pytest.fixture(scope="module")
def install(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("two-shops")
    db = f"sqlite:///{tmp}/kedai.db"
    seed(db)
    with FakeTelegramBots([TOKEN_A, TOKEN_B], per_chat_per_sec=20) as bots, FakeTwilioAPI() as twilio:
        bots[TOKEN_A].add_chat(SELLER_A)
        bots[TOKEN_B].add_chat(SELLER_B)
        bots[TOKEN_B].add_chat(SELLER_A)  # the seller of shop A also knows shop B's bot
        port = server.free_port()
        env = {"KEDAI_DATABASE_URL": db, "KEDAI_DEMO": "0", "KEDAI_PORT": str(port), "KEDAI_HOST": "127.0.0.1",
               "KEDAI_DATA_DIR": str(tmp / "data"), "KEDAI_PUBLIC_URL": PUBLIC, "TELEGRAM_MODE": "webhook",
               "TELEGRAM_API_BASE_URL": bots.base_url, "TELEGRAM_CHAT_RATE": "10",
               "TWILIO_ACCOUNT_SID": twilio.account_sid, "TWILIO_AUTH_TOKEN": twilio.auth_token,
               "TWILIO_API_BASE_URL": twilio.base_url, "KEDAI_SCHEDULER_INTERVAL_SECONDS": "0.2"}
        out = tmp / "serve.out"
        with server.server(["main.py", "serve"], env, "/healthz", port, log=tmp / "server.log", out=out):
            found = Install(bots, twilio, tmp, port)
            found.banner = out  # type: ignore[attr-defined]
            yield found
            found.http.close()
            assert "Traceback" not in (tmp / "server.log").read_text()  # while it runs (stopping cancels jobs)
        assert bots.server_errors_all == [] and twilio.server_errors == []


def test_each_bot_and_number_reaches_its_own_shop(install):
    a, b = install.bots[TOKEN_A], install.bots[TOKEN_B]
    assert a.webhook["url"] == f"{PUBLIC}/webhooks/telegram/7100000001"
    assert b.webhook["url"] == f"{PUBLIC}/webhooks/telegram/7200000002"
    assert a.webhook["secret_token"] and a.webhook["secret_token"] != b.webhook["secret_token"]
    rina_a, rina_b = User(install.a, 5100000001, "Rina"), User(install.b, 5100000001, "Rina")
    rina_a.say("halo")
    rina_b.say("halo")
    assert "Selamat datang di Batik Sekar" in rina_a.texts[-1] and "pesan 2 kemeja batik" in rina_a.texts[-1]
    assert "Selamat datang di Kue Ani" in rina_b.texts[-1] and "pesan 2 kue lapis" in rina_b.texts[-1]
    # Bot B's secret on bot A's webhook is a forgery there.
    body, headers = b.webhook_post(rina_b._message("private_text.json", text="halo"))
    assert install.http.post("/webhooks/telegram/7100000001", content=body, headers=headers).status_code == 403
    dewi_a, dewi_b = install.whatsapp("+6281234500001", NUMBER_A), install.whatsapp("+6281234500001", NUMBER_B)
    assert "Batik Sekar" in "\n".join(m["Body"] for m in dewi_a.send("halo"))
    assert {m["From"] for m in dewi_a.replies} == {f"whatsapp:{NUMBER_A}"}
    assert "Kue Ani" in "\n".join(m["Body"] for m in dewi_b.send("halo"))
    assert {m["From"] for m in dewi_b.replies} == {f"whatsapp:{NUMBER_B}"}
    banner = install.banner.read_text()
    assert "shop batik-sekar (Batik Sekar), the default shop: Telegram bot 7100000001 (webhook); WhatsApp" in banner
    assert "shop kue-ani (Kue Ani): Telegram bot 7200000002 (webhook); WhatsApp +6281100000002" in banner


def test_each_seller_hears_of_and_sees_only_their_own_orders(install):
    # The module's server is shared, and xdist may run another test of it first (orders of its own):
    # the codes are read from the replies, not assumed to be each shop's first.
    before_a = {o["code"] for o in install.orders("batik-sekar")}
    before_b = {o["code"] for o in install.orders("kue-ani")}
    joko = User(install.a, 5100000002, "Joko")
    for line in ("pesan 1 kemeja parang", "checkout", "Joko", "ambil sendiri", "lewati", "cod"):
        joko.say(line)
    joko.press("Pesan sekarang")
    bs = re.search(r"BS-\d{4}", "\n".join(joko.texts[-3:]))
    assert bs is not None, joko.texts[-3:]
    wati = install.whatsapp("+6281234500002", NUMBER_B)
    for line in ("pesan 1 kue lapis", "checkout", "Wati", "2", "lewati", "cod", "1"):
        wati.send(line)
    ka = re.search(r"KA-\d{4}", "\n".join(m["Body"] for m in wati.replies))
    assert ka is not None
    ours, theirs = bs.group(0), ka.group(0)
    a, b = install.bots[TOKEN_A], install.bots[TOKEN_B]
    install.a.wait(lambda: any(f"Pesanan baru {ours}" in m.get("text", "") for m in a.sent_messages(SELLER_A)),
                   f"shop A's seller told of {ours} on bot A")
    install.b.wait(lambda: any(f"Pesanan baru {theirs}" in m.get("text", "") for m in b.sent_messages(SELLER_B)),
                   f"shop B's seller told of {theirs} on bot B")
    assert not any(theirs in m.get("text", "") for m in a.sent_messages(SELLER_A) + b.sent_messages(SELLER_A))
    assert not any(ours in m.get("text", "") for m in b.sent_messages(SELLER_B) + a.sent_messages(SELLER_B))
    sekar = User(install.a, SELLER_A, "Sekar")
    sekar.say("pesanan hari ini")
    assert ours in sekar.texts[-1] and theirs not in sekar.texts[-1]
    assert {o["code"] for o in install.orders("batik-sekar")} - before_a == {ours}
    assert {o["code"] for o in install.orders("kue-ani")} - before_b == {theirs}


def test_a_seller_of_one_shop_changes_nothing_through_the_other_shops_bot(install):
    before = install.query("SELECT sku, stock, price, visible FROM products ORDER BY sku")
    changes = install.query("SELECT count(*) FROM seller_changes")
    order = install.query("SELECT status FROM orders WHERE code = 'KA-0001'")
    sekar_at_b = User(install.b, SELLER_A, "Sekar")
    for command in ("stok kue lapis 0", "harga kue lapis 1rb", "sembunyikan kue lapis", "lunas KA-0001",
                    "batal KA-0001", "ganti alamat Jl. Palsu No. 1, Jakarta", "undang staf"):
        sekar_at_b.say(command)
        assert "✅" not in sekar_at_b.texts[-1] and "Kode undangan" not in sekar_at_b.texts[-1], command
    assert install.query("SELECT sku, stock, price, visible FROM products ORDER BY sku") == before
    assert install.query("SELECT count(*) FROM seller_changes") == changes
    assert install.query("SELECT status FROM orders WHERE code = 'KA-0001'") == order
    assert install.query("SELECT profile FROM shops WHERE slug = 'kue-ani'")[0][0].count("Jl. Palsu") == 0



def test_a_backup_taken_while_it_serves_holds_every_shop_and_a_restore_waits_until_it_stops(install):
    """The install's person backs up the running server (both shops in one database) and is told
    to stop it before restoring: its heartbeat says it is serving."""
    env = {**os.environ, "KEDAI_DATABASE_URL": f"sqlite:///{install.db}", "KEDAI_DEMO": "0",
           "KEDAI_DATA_DIR": str(install.tmp / "data"), "KEDAI_BACKUP_DIR": ""}
    orders = install.query("SELECT code FROM orders ORDER BY code")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "main.py", "db", *args], cwd=server.ROOT, env=env,
                              capture_output=True, text=True, timeout=60)

    taken = run("backup", str(install.tmp / "backups"), "--keep", "3")
    assert taken.returncode == 0, taken.stderr
    [copy] = sorted((install.tmp / "backups").glob("kedai-*Z*.db"))
    assert f"database backed up to {copy} (checked)" in taken.stdout
    with sqlite3.connect(copy) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("SELECT slug FROM shops ORDER BY slug").fetchall() == [("batik-sekar",), ("kue-ani",)]
        assert conn.execute("SELECT code FROM orders ORDER BY code").fetchall()[:len(orders)] == orders
    refused = run("restore", str(copy))
    assert refused.returncode == 1 and "a Kedai server is using" in refused.stderr and "stop it first" in refused.stderr
    assert install.query("SELECT code FROM orders ORDER BY code")[:len(orders)] == orders


def _buy_on_telegram(user: User, product: str, name: str, consent: str) -> None:
    for line in (f"pesan 1 {product}", "checkout", name, "ambil sendiri", "lewati", "cod"):
        user.say(line)
    user.press("Pesan sekarang")
    user.say(consent)


def test_a_joint_cluster_promotion_reaches_each_consenting_person_once_from_their_own_shop(install):
    """Rina buys on both shops' bots (yes to promotions both times), Dewi on shop A's WhatsApp
    (yes) and only greets shop B's number, Tono buys at shop B and says no. The cluster admin
    (shop A's owner) sends a joint promotion by chat: Rina gets it once, from shop B, where she
    bought last; Dewi once, from shop A's number; Tono nothing; no channel's limit is hit."""
    env = {**os.environ, "KEDAI_DATABASE_URL": f"sqlite:///{install.db}", "KEDAI_DEMO": "0"}
    made = subprocess.run([sys.executable, "main.py", "cluster", "new", "--name", "Kampung Kue Malang", "--shops",
                           "batik-sekar,kue-ani"], cwd=server.ROOT, env=env, check=True, capture_output=True, text=True)
    assert "cluster kampung-kue-malang" in made.stdout
    bot_a, bot_b = install.bots[TOKEN_A], install.bots[TOKEN_B]
    limited_before = bot_a.count_429 + bot_b.count_429
    _buy_on_telegram(User(install.a, 5100000021, "Rina"), "kemeja parang", "Rina", "ya")
    _buy_on_telegram(User(install.b, 5100000021, "Rina"), "kue lapis", "Rina", "ya")
    _buy_on_telegram(User(install.b, 5100000022, "Tono"), "kue lapis", "Tono", "tidak")
    dewi_a, dewi_b = install.whatsapp("+6281234500021", NUMBER_A), install.whatsapp("+6281234500021", NUMBER_B)
    for line in ("pesan 1 kemeja parang", "checkout", "Dewi", "2", "lewati", "cod", "1", "ya"):
        dewi_a.send(line)
    dewi_b.send("halo")
    sekar = User(install.a, SELLER_A, "Sekar")
    sekar.say("promo cluster Diskon 10% semua kue dan batik minggu ini!")
    # The answer, not necessarily the last message: a run's "Laporan broadcast ... selesai" may already follow it.
    told = next(text for text in reversed(sekar.texts) if "Promo bersama Kampung Kue Malang dikirim" in text)
    assert "Kue Ani: 1 orang" in told

    def promo_texts(messages: list[dict], key: str) -> list[str]:
        return [m.get(key) or "" for m in messages if "Kampung Kue Malang" in (m.get(key) or "")]

    install.a.wait(lambda: install.query("SELECT count(*) FROM broadcast_runs WHERE status = 'sending'") == [(0,)]
                   and promo_texts(bot_b.sent_messages(5100000021), "text")
                   and promo_texts(install.twilio.messages_to("whatsapp:+6281234500021"), "Body"), "the joint promotion sent")
    assert len(promo_texts(bot_b.sent_messages(5100000021), "text")) == 1
    assert promo_texts(bot_a.sent_messages(5100000021), "text") == []  # once: not again from shop A
    wa = [m for m in install.twilio.messages_to("whatsapp:+6281234500021") if "Kampung Kue Malang" in (m.get("Body") or "")]
    assert [m["From"] for m in wa] == [f"whatsapp:{NUMBER_A}"]
    assert promo_texts(bot_b.sent_messages(5100000022), "text") == []  # Tono said no
    assert bot_a.count_429 + bot_b.count_429 == limited_before
    page = install.http.get("/c/kampung-kue-malang")
    assert page.status_code == 200 and "Kemeja Batik Parang" in page.text and "Kue Lapis Legit" in page.text
    assert "https://wa.me/6281100000002?text=" in page.text and "https://t.me/" in page.text
