"""One person's messages are handled one at a time and in order; nothing is lost when they
arrive together (a double tap, a webhook retry storm)."""

from __future__ import annotations

import asyncio

from sqlalchemy import select

from bot.bootstrap import build
from bot.messages import Inbound
from catalog.setup import load_demo_if_empty
from config import Settings
from storage.models import Conversation


def test_many_messages_from_one_person_at_once_all_count_and_keep_their_order(db_url):
    kedai = build(Settings(KEDAI_DATABASE_URL=db_url))
    with kedai.sessions() as s:
        load_demo_if_empty(s)
        s.commit()

    async def burst() -> list:
        await kedai.inbox.submit(Inbound("simulator", "rina", "m-0", text="halo"))
        sends = [kedai.inbox.submit(Inbound("simulator", "rina", f"m-{i}", text="pesan 1 keripik tempe"))
                 for i in range(1, 11)]
        others = [kedai.inbox.submit(Inbound("simulator", f"other-{i}", f"o-{i}", text="halo")) for i in range(5)]
        return await asyncio.gather(*sends, *others)

    try:
        results = asyncio.run(burst())
    finally:
        kedai.close()
    adds = [r.replies[-1].text for r in results[:10]]
    assert [a.split("Keranjang: ")[0] for a in adds] == ["✅ 1 × Keripik Tempe 150g masuk keranjang.\n🧺 "] * 10
    assert [a.split("subtotal ")[1] for a in adds] == [f"Rp{12 * n}.000." for n in range(1, 11)]
    with kedai.sessions() as s:
        data = s.execute(select(Conversation.data).where(Conversation.party.like("customer:%"))
                         .order_by(Conversation.id).limit(1)).scalar_one()
    assert data["cart"] == {"KRP-TMP": 10}
