"""The Telegram channel on a real database (SQLite and PostgreSQL) with the fake Bot API:
updates through the one path, presses answered after commit, albums, blocking, and 429s
that put replies back in the outbox in order."""

from __future__ import annotations

import asyncio
import copy
import json
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from telegram import Update

from bot.bootstrap import build
from bot.channels.telegram import TelegramChannel
from bot.delivery import Delivery
from bot.messages import Inbound
from bot.ratelimit import RateLimiter
from config import Settings
from storage.models import Conversation, Identity, InboundMessage, OutboxMessage, utcnow
from tests.integration.seller_db import owner, product, seller_engine
from tests.support import seeded_engine
from tests import samples

pytestmark = pytest.mark.filterwarnings("ignore:.*retry_after.*:telegram.warnings.PTBDeprecationWarning")
SAMPLES = samples.TELEGRAM
SITI, BUDI = 5123456789, 6234567890


def sample(name: str) -> dict:
    return json.loads((SAMPLES / name).read_text(encoding="utf-8"))


def text_update(update_id: int, text: str, chat: int = SITI) -> dict:
    data = sample("private_text.json")
    data["update_id"], data["message"]["text"] = update_id, text
    data["message"]["chat"]["id"] = data["message"]["from"]["id"] = chat
    return data


@pytest.fixture
def settings(db_url, fake_telegram) -> Settings:
    seeded_engine(db_url)  # the demo shop
    return Settings(KEDAI_DATABASE_URL=db_url, TELEGRAM_BOT_TOKEN=fake_telegram.token,
                    TELEGRAM_API_BASE_URL=fake_telegram.base_url, TELEGRAM_MODE="webhook",
                    TELEGRAM_WEBHOOK_SECRET="tg_secret_TEST_only_9f8e7d", KEDAI_PUBLIC_URL="http://127.0.0.1:9")


def run_channel(settings: Settings, scenario):  # type: ignore[no-untyped-def]
    """Runs `await scenario(channel, kedai)` with the channel started as `kedai serve` starts it."""
    async def main():  # type: ignore[no-untyped-def]
        channel = TelegramChannel(settings, limiter=RateLimiter(None, None))
        kedai = build(settings, {"telegram": channel.sender})
        await channel.start(kedai)
        try:
            return await scenario(channel, kedai)
        finally:
            await channel.stop(kedai)
            kedai.close()

    return asyncio.run(main())


async def receive(channel: TelegramChannel, fake, update: dict) -> None:  # type: ignore[no-untyped-def]
    """What Telegram does with an update: it knows it (chat, query id), then hands it to us."""
    fake.push_update(update)
    await channel.handle(Update.de_json(copy.deepcopy(update), channel.bot))


def count(kedai, model, *where) -> int:  # type: ignore[no-untyped-def]
    with kedai.sessions() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where))


def test_a_press_is_answered_after_commit_and_the_same_press_twice_has_one_effect(settings, fake_telegram):
    async def scenario(channel, kedai):
        await receive(channel, fake_telegram, text_update(1, "halo"))
        await kedai.delivery.idle()
        greeting = fake_telegram.sent_messages(SITI)[-1]
        press = {"update_id": 2, "callback_query": {
            "id": "77001", "from": sample("private_text.json")["message"]["from"], "chat_instance": "-1",
            "message": greeting, "data": greeting["reply_markup"]["inline_keyboard"][0][0]["callback_data"]}}
        await receive(channel, fake_telegram, press)
        await kedai.delivery.idle()
        with kedai.sessions() as s:
            first = s.execute(select(Conversation.version, Conversation.data)).one()
        await receive(channel, fake_telegram, press)
        await kedai.delivery.idle()
        with kedai.sessions() as s:
            assert s.execute(select(Conversation.version, Conversation.data)).one() == first
        return count(kedai, OutboxMessage)

    rows = run_channel(settings, scenario)
    texts = [m["text"] for m in fake_telegram.sent_messages(SITI)]
    assert len(texts) == rows == 2 and texts[1].startswith("Kategori di Dapur Bu Sri")
    assert [a["callback_query_id"] for a in fake_telegram.callback_answers][:1] == ["77001"]


def test_an_album_is_answered_once_however_many_photos_it_holds(settings, fake_telegram):
    async def scenario(channel, kedai):
        await receive(channel, fake_telegram, text_update(1, "halo"))
        for i in range(3):
            photo = sample("photo_payment_proof.json")
            photo["update_id"] = 10 + i
            photo["message"]["media_group_id"] = "13912345678901234"
            photo["message"]["photo"][-1]["file_id"] += str(i)
            await receive(channel, fake_telegram, photo)
        await kedai.delivery.idle()
        return count(kedai, InboundMessage), count(kedai, OutboxMessage)

    assert run_channel(settings, scenario) == (2, 2)  # "halo", and the album once


def test_blocking_the_bot_marks_the_customer_unreachable_and_unblocking_reachable_again(settings, fake_telegram):
    blocked = sample("my_chat_member_blocked.json")
    unblocked = copy.deepcopy(blocked)
    unblocked["update_id"] += 1
    unblocked["my_chat_member"]["new_chat_member"]["status"] = "member"

    async def scenario(channel, kedai):
        await receive(channel, fake_telegram, text_update(1, "halo", chat=BUDI))
        seen = []
        for update in (blocked, unblocked):
            await receive(channel, fake_telegram, update)
            with kedai.sessions() as s:
                seen.append(s.scalar(select(Identity.reachable).where(Identity.external_id == str(BUDI))))
        return seen

    assert run_channel(settings, scenario) == [False, True]


def test_a_long_429_puts_the_reply_back_the_next_one_waits_behind_it_and_both_go_out_in_order(settings, fake_telegram):
    fake_telegram.add_chat(SITI)
    now = []

    async def scenario(channel, kedai):
        handled = kedai.engine.handle(Inbound("telegram", str(SITI), "u-1", text="pesan 2 keripik tempe"))
        now.append(utcnow())
        delivery = Delivery(kedai.sessions, {"telegram": channel.sender}, kedai.db, clock=lambda: now[0])
        fake_telegram.force_429(1, retry_after=30)
        assert await delivery.deliver(handled.outbox_ids) == 0
        with kedai.sessions() as s:
            waiting = s.execute(select(OutboxMessage.status, OutboxMessage.next_attempt_at)).all()
        assert fake_telegram.sent_messages(SITI) == []
        now[0] += timedelta(seconds=29)
        assert await delivery.drain() == 0  # not yet
        now[0] += timedelta(seconds=2)
        return waiting, await delivery.drain(), now[0] - timedelta(seconds=31)

    waiting, sent, start = run_channel(settings, scenario)
    assert len(waiting) == 2 and {w.status for w in waiting} == {"pending"}
    assert all(w.next_attempt_at >= start + timedelta(seconds=30) for w in waiting)
    texts = [m["text"] for m in fake_telegram.sent_messages(SITI)]
    assert sent == 2 and texts[0].startswith("Halo Kak") and "2 × Keripik Tempe 150g masuk keranjang" in texts[1]


def test_an_edited_seller_command_is_not_run_again(db_url):
    engine, sessions, _ = seller_engine(db_url)
    seller = owner(engine)
    seller.send("stok rendang tinggal 9")
    seller.send("stok rendang tinggal 4", edited=True)
    assert product(sessions, "FRZ-RDG").stock == 9 and "diedit" in seller.text
