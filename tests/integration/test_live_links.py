"""Links changed while the server runs (bot.channels.live_links), on SQLite and PostgreSQL: every
write of `shop_channels` bumps the counter the servers watch, in its own transaction; a bot
linked later is served like one found at start, one moved answers for its new shop, one
unlinked is let go, an archived shop's closing notices leave from its bot before that, and
every process of an install picks the change up on its own."""

from __future__ import annotations

import asyncio
import json

import pytest
from sqlalchemy import select

from bot.bootstrap import Kedai, build
from bot.channels import shop_channels
from bot.delivery import Undeliverable
from bot.messages import Outbound
from config import Settings
from effects import outbox
from effects.shop_closing import archive
from shops.admin import create_shop, delete_shop, link_telegram, link_whatsapp, unlink
from storage import change_counters
from storage import shops as shops_db
from storage.db import make_engine, session_factory, unit_of_work
from storage.models import OutboxMessage, Shop, utcnow
from tests import samples
from tests.fakes.telegram_bots import FakeTelegramBots
from tests.shops_support import TOKEN_A, TOKEN_B, seed

pytestmark = pytest.mark.filterwarnings("ignore:.*retry_after.*:telegram.warnings.PTBDeprecationWarning")

BOT_B = TOKEN_B.split(":")[0]
CHAT = 5300000021
_ids = iter(range(700, 10_000))


def text_update(chat: int, text: str) -> dict:
    data = json.loads((samples.TELEGRAM / "private_text.json").read_text(encoding="utf-8"))
    data["update_id"], data["message"]["text"] = next(_ids), text
    data["message"]["chat"]["id"] = data["message"]["from"]["id"] = chat
    return data


def version(sessions) -> int:  # type: ignore[no-untyped-def]
    with unit_of_work(sessions) as s:
        found = change_counters.read(s, change_counters.SHOP_CHANNELS)
    assert change_counters.peek(sessions.kw["bind"], change_counters.SHOP_CHANNELS) == found  # the servers' look
    return found


def shop(s, slug: str) -> Shop:  # type: ignore[no-untyped-def]
    found = shops_db.fetch_shop_by_slug(s, slug)
    assert found is not None
    return found


def test_every_write_of_the_links_bumps_the_counter_with_it_and_nothing_else_does(db_url):
    seed(db_url)
    sessions = session_factory(make_engine(db_url))
    start = version(sessions)
    assert start >= 4  # the seed's four links
    with unit_of_work(sessions) as s:
        link_telegram(s, shop(s, "kue-ani"), TOKEN_B)
        s.flush()
        assert change_counters.peek(sessions.kw["bind"], change_counters.SHOP_CHANNELS) == start  # not before the commit
        s.commit()
    assert version(sessions) == start + 1
    with unit_of_work(sessions) as s:
        link_whatsapp(s, shop(s, "kue-ani"), "+6281100000009")
        s.rollback()
    assert version(sessions) == start + 1
    with unit_of_work(sessions) as s:
        assert unlink(s, shop(s, "kue-ani"), "telegram") == [BOT_B]
        assert unlink(s, shop(s, "kue-ani"), "telegram") == []  # nothing to unlink: no change to notice
        s.commit()
    assert version(sessions) == start + 2
    with unit_of_work(sessions) as s:
        archive(s, shop(s, "kue-ani"), utcnow())  # its number goes
        s.commit()
    assert version(sessions) == start + 3
    with unit_of_work(sessions) as s:
        spare = create_shop(s, "Toko Tiga", None, utcnow()).shop
        link_whatsapp(s, spare, "+6281100000003")
        s.commit()
    assert version(sessions) == start + 4
    with unit_of_work(sessions) as s:
        delete_shop(s, shop(s, "toko-tiga"))
        s.commit()
    assert version(sessions) == start + 5


class Served:
    """One server process's channels, as `kedai serve` assembles and starts them."""

    def __init__(self, settings: Settings):
        self.kedai: Kedai = build(settings)
        self.channels = shop_channels.assemble(self.kedai)
        assert self.channels.live is not None
        self.live = self.channels.live

    async def start(self) -> None:
        for hook in self.channels.on_start:
            await hook(self.kedai)

    async def stop(self) -> None:
        for hook in self.channels.on_stop:
            await hook(self.kedai)
        self.kedai.close()


async def until(done, what: str, seconds: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    for _ in range(int(seconds / 0.02)):
        if done():
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


def without_bot_b(db_url: str) -> None:
    seed(db_url)
    with unit_of_work(session_factory(make_engine(db_url))) as s:
        unlink(s, shop(s, "kue-ani"), "telegram")
        s.commit()


def test_a_bot_linked_then_moved_then_unlinked_while_serving(db_url):
    without_bot_b(db_url)
    with FakeTelegramBots([TOKEN_A, TOKEN_B], per_chat_per_sec=None, long_poll_cap=0.1) as bots:
        settings = Settings(KEDAI_DATABASE_URL=db_url, TELEGRAM_API_BASE_URL=bots.base_url, TELEGRAM_MODE="polling",
                            KEDAI_CHANNELS_POLL_SECONDS=60)  # looks made by the test, not the clock
        served = Served(settings)
        b = bots[TOKEN_B]

        async def scenario() -> None:
            await served.start()
            try:
                assert await served.live.check() is False  # nothing changed: one row read, nothing else
                with unit_of_work(served.kedai.sessions) as s:
                    link_telegram(s, shop(s, "kue-ani"), TOKEN_B)
                    kue_ani = shop(s, "kue-ani").id
                    toko = create_shop(s, "Toko Tiga", None, utcnow()).shop
                    s.commit()
                    toko_id = toko.id
                assert await served.live.check() is True
                b.push_update(text_update(CHAT, "halo"))
                await until(lambda: b.sent_messages(CHAT), "bot B to answer")
                assert "Kue Ani" in b.sent_messages(CHAT)[-1]["text"]

                with unit_of_work(served.kedai.sessions) as s:  # the bot moves to another shop
                    link_telegram(s, shop(s, "toko-tiga"), TOKEN_B)
                    s.commit()
                assert await served.live.check() is True
                b.push_update(text_update(CHAT + 1, "halo"))
                await until(lambda: b.sent_messages(CHAT + 1), "bot B to answer for its new shop")
                assert "Toko Tiga" in b.sent_messages(CHAT + 1)[-1]["text"]
                # What Kue Ani writes now has no bot to leave from, as after a restart.
                with pytest.raises(Undeliverable, match="no telegram account"):
                    await served.kedai.senders["telegram"].send(Outbound("telegram", str(CHAT), "x", shop_id=kue_ani))

                with unit_of_work(served.kedai.sessions) as s:
                    unlink(s, shop(s, "toko-tiga"), "telegram")
                    s.commit()
                assert await served.live.check() is True
                assert BOT_B not in served.live.webhooks and BOT_B not in served.live.bots
                polls = len(b.calls_to("getUpdates"))
                b.push_update(text_update(CHAT + 2, "halo"))
                await asyncio.sleep(0.5)
                assert b.sent_messages(CHAT + 2) == [] and len(b.calls_to("getUpdates")) == polls
                with pytest.raises(Undeliverable, match="no telegram account"):
                    await served.kedai.senders["telegram"].send(Outbound("telegram", str(CHAT), "x", shop_id=toko_id))
                assert "telegram" in served.kedai.senders  # bot A still serves Batik Sekar
            finally:
                await served.stop()

        asyncio.run(scenario())
        assert bots.server_errors_all == []


def test_an_archived_shops_closing_notices_leave_from_its_bot_before_it_is_let_go(db_url):
    seed(db_url)
    with FakeTelegramBots([TOKEN_A, TOKEN_B], per_chat_per_sec=None, long_poll_cap=0.1) as bots:
        settings = Settings(KEDAI_DATABASE_URL=db_url, TELEGRAM_API_BASE_URL=bots.base_url, TELEGRAM_MODE="polling",
                            KEDAI_CHANNELS_POLL_SECONDS=60)
        served = Served(settings)
        b = bots[TOKEN_B]

        async def scenario() -> None:
            await served.start()
            try:
                b.push_update(text_update(CHAT, "halo"))
                await until(lambda: b.sent_messages(CHAT), "bot B to answer")
                with unit_of_work(served.kedai.sessions) as s:
                    archive(s, shop(s, "kue-ani"), utcnow())
                    s.commit()
                assert await served.live.check() is True
                assert BOT_B not in served.live.webhooks  # takes nothing more at once
                await until(lambda: any("sudah tutup" in m["text"] for m in b.sent_messages(CHAT)),
                            "the closing notice from bot B")
                await until(lambda: BOT_B not in [bot.account for bot in served.live.bots.values()]
                            and not served.live._leaving, "bot B to be let go")
            finally:
                await served.stop()

        asyncio.run(scenario())
        with unit_of_work(served.kedai.sessions) as s:
            assert s.execute(select(Shop.archived_at).where(Shop.slug == "kue-ani")).scalar_one() is not None


def test_every_process_picks_a_new_link_up_on_its_own(db_url):
    without_bot_b(db_url)
    with FakeTelegramBots([TOKEN_A, TOKEN_B], per_chat_per_sec=None) as bots:
        settings = Settings(KEDAI_DATABASE_URL=db_url, TELEGRAM_API_BASE_URL=bots.base_url, TELEGRAM_MODE="webhook",
                            KEDAI_PUBLIC_URL="https://bot.example.test", KEDAI_CHANNELS_POLL_SECONDS=0.05)
        first, second = Served(settings), Served(settings)

        async def scenario() -> None:
            await first.start()
            await second.start()
            try:
                with unit_of_work(first.kedai.sessions) as s:
                    link_telegram(s, shop(s, "kue-ani"), TOKEN_B)
                    s.commit()
                # Their own watchers, every 0.05 s: both serve the bot's route and register its webhook.
                await until(lambda: BOT_B in first.live.webhooks and BOT_B in second.live.webhooks,
                            "both processes to serve bot B")
                await until(lambda: len(bots[TOKEN_B].calls_to("setWebhook")) == 2, "both to register it")
                assert bots[TOKEN_B].webhook["url"] == f"https://bot.example.test/webhooks/telegram/{BOT_B}"
            finally:
                await first.stop()
                await second.stop()

        asyncio.run(scenario())


def test_a_first_bot_linked_sends_what_waited_for_one_and_the_last_one_unlinked_leaves_rows_waiting(db_url):
    """With no bot at all, Telegram's rows wait in the outbox (no sender takes them, as at start);
    the first bot linked sends its shop's, and once the last is unlinked they wait again."""
    seed(db_url)
    with unit_of_work(session_factory(make_engine(db_url))) as s:
        for slug in ("batik-sekar", "kue-ani"):
            unlink(s, shop(s, slug), "telegram")
        s.commit()
    with FakeTelegramBots([TOKEN_A, TOKEN_B], per_chat_per_sec=None, long_poll_cap=0.1) as bots:
        bots[TOKEN_B].add_chat(CHAT)
        settings = Settings(KEDAI_DATABASE_URL=db_url, TELEGRAM_API_BASE_URL=bots.base_url, TELEGRAM_MODE="polling",
                            KEDAI_CHANNELS_POLL_SECONDS=60)
        served = Served(settings)
        assert "telegram" not in served.kedai.senders

        def waiting(text: str) -> int:
            with unit_of_work(served.kedai.sessions) as s:
                [row_id] = outbox.write(s, shop(s, "kue-ani").id, [Outbound("telegram", str(CHAT), text)], utcnow())
                s.commit()
            return row_id

        def status(row_id: int) -> str:
            with unit_of_work(served.kedai.sessions) as s:
                return s.execute(select(OutboxMessage.status).where(OutboxMessage.id == row_id)).scalar_one()

        async def scenario() -> None:
            await served.start()
            try:
                first = waiting("pesan yang menunggu bot")
                assert await served.kedai.delivery.drain() == 0 and status(first) == "pending"
                with unit_of_work(served.kedai.sessions) as s:
                    link_telegram(s, shop(s, "kue-ani"), TOKEN_B)
                    s.commit()
                assert await served.live.check() is True
                await until(lambda: status(first) == "sent", "the waiting row to leave from bot B")
                assert [m["text"] for m in bots[TOKEN_B].sent_messages(CHAT)] == ["pesan yang menunggu bot"]
                with unit_of_work(served.kedai.sessions) as s:
                    unlink(s, shop(s, "kue-ani"), "telegram")
                    s.commit()
                assert await served.live.check() is True
                assert "telegram" not in served.kedai.senders
                later = waiting("pesan sesudah bot dilepas")
                assert await served.kedai.delivery.drain() == 0 and status(later) == "pending"
            finally:
                await served.stop()

        asyncio.run(scenario())
        assert bots[TOKEN_A].sent_messages(CHAT) == [] and len(bots[TOKEN_B].sent_messages(CHAT)) == 1
