"""Several shops' channels in one process, as `kedai serve` assembles them from `shop_channels`:
each linked bot long-polls on its own (one fake Bot API, two tokens) and its updates reach its
own shop, whose replies leave from that same bot; an outbox row of a shop with no bot of its own
is never sent from another shop's."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import select

from bot.bootstrap import build
from bot.channels import shop_channels
from bot.delivery import Undeliverable
from bot.messages import Outbound
from config import Settings
from storage.db import unit_of_work
from storage.models import InboundMessage, Shop
from tests import samples
from tests.fakes.telegram_bots import FakeTelegramBots
from tests.shops_support import TOKEN_A, TOKEN_B, seed

pytestmark = pytest.mark.filterwarnings("ignore:.*retry_after.*:telegram.warnings.PTBDeprecationWarning")


def text_update(update_id: int, chat: int, text: str) -> dict:
    import json

    data = json.loads((samples.TELEGRAM / "private_text.json").read_text(encoding="utf-8"))
    data["update_id"], data["message"]["text"] = update_id, text
    data["message"]["chat"]["id"] = data["message"]["from"]["id"] = chat
    return data


def test_each_linked_bot_polls_for_its_own_shop_and_answers_from_itself(db_url):
    seed(db_url)
    with FakeTelegramBots([TOKEN_A, TOKEN_B], per_chat_per_sec=None, long_poll_cap=0.1) as bots:
        settings = Settings(KEDAI_DATABASE_URL=db_url, TELEGRAM_API_BASE_URL=bots.base_url, TELEGRAM_MODE="polling")
        kedai = build(settings)
        channels = shop_channels.assemble(kedai)
        assert sorted(kedai.senders) == ["telegram"]  # no Twilio credentials: no WhatsApp

        async def scenario() -> None:
            for start in channels.on_start:
                await start(kedai)
            try:
                bots[TOKEN_A].push_update(text_update(501, 5300000001, "halo"))
                bots[TOKEN_B].push_update(text_update(601, 5300000001, "halo"))
                for _ in range(300):
                    if bots[TOKEN_A].sent_messages(5300000001) and bots[TOKEN_B].sent_messages(5300000001):
                        break
                    await asyncio.sleep(0.02)
                with unit_of_work(kedai.sessions) as s:
                    orphan = s.execute(select(Shop.id)).scalars().all()
                # A shop with no bot here: its message goes nowhere rather than through another shop's bot.
                with pytest.raises(Undeliverable, match="no telegram account"):
                    await kedai.senders["telegram"].send(Outbound("telegram", "5300000001", "x",
                                                                  shop_id=max(orphan) + 1))
            finally:
                for stop in channels.on_stop:
                    await stop(kedai)

        asyncio.run(scenario())
        try:
            [to_a] = bots[TOKEN_A].sent_messages(5300000001)
            [to_b] = bots[TOKEN_B].sent_messages(5300000001)
            assert "Selamat datang di Batik Sekar" in to_a["text"] and "Selamat datang di Kue Ani" in to_b["text"]
            with unit_of_work(kedai.sessions) as s:
                handled = s.execute(select(Shop.slug, InboundMessage.message_id).join(
                    Shop, Shop.id == InboundMessage.shop_id).order_by(InboundMessage.message_id)).all()
            assert handled == [("batik-sekar", "501"), ("kue-ani", "601")]
            assert len(bots[TOKEN_A].calls_to("getUpdates")) >= 1 and len(bots[TOKEN_B].calls_to("getUpdates")) >= 1
            assert bots.server_errors_all == []
        finally:
            kedai.close()
