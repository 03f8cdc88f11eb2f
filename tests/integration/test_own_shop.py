"""A real seller's own shop on a real database (SQLite and PostgreSQL): the owner code claimed
once, the setup by chat written to the shop row, a change taken back, customers ordering with
the shop's own prefix; and the demo deleted from an install with a real shop beside it."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot.engine import Engine
from shops.admin import ShopError, create_shop, delete_shop
from shops.setup import load_demo_if_empty
from storage.db import make_engine, session_factory, unit_of_work
from storage.models import Base, Order, OutboxMessage, Product, Seller, SellerChange, Shop, ShopChannel
from storage import shop_removal  # noqa: F401  (every table in the metadata)
from effects.shop_closing import archive
from cli.shop_summary import summaries
from tests.support import NOW, EngineChat

DEMO_WORDS = ("keripik", "sambal", "rendang", "nastar", "kastengel", "dimsum", "pempek", "bu sri")


def fresh(url: str, *, demo: bool = False):  # type: ignore[no-untyped-def]
    sessions = session_factory(make_engine(url))
    with unit_of_work(sessions) as s:
        if demo:
            load_demo_if_empty(s)
        made = create_shop(s, "Batik Sekar", None, NOW)
        s.commit()
        code = made.code
    return Engine(sessions, window_minutes=180, clock=lambda: NOW), sessions, code


def shop_row(sessions) -> Shop:  # type: ignore[no-untyped-def]
    with unit_of_work(sessions) as s:
        shop = s.execute(select(Shop).where(Shop.slug == "batik-sekar")).scalar_one()
        s.expunge(shop)
        return shop


def test_the_owner_code_sets_the_shop_up_by_chat_and_customers_then_order_there(db_url):
    engine, sessions, code = fresh(db_url)
    sekar = EngineChat(engine, "sekar")
    said = []

    def say(chat: EngineChat, text: str = "", **extra):  # type: ignore[no-untyped-def]
        chat.send(text, account="batik-sekar", **extra)
        said.append(chat.text)
        return chat.text

    stranger = EngineChat(engine, "orang")
    assert "Selamat datang di *Batik Sekar*" in say(stranger, "ABCD-2345")  # a wrong code is a customer's hello
    assert "Langkah 1 dari 6" in say(sekar, code)
    assert "Langkah 1 dari 6" not in say(EngineChat(engine, "telat"), code)  # used once
    assert "Langkah 2 dari 6" in say(sekar, "1")  # the first button, typed as WhatsApp users do
    say(sekar, "Jl. Malioboro No. 52, Yogyakarta")
    assert "Senin–Sabtu: 09.00–17.00" in say(sekar, "Senin-Sabtu 09.00-17.00, Minggu tutup")
    say(sekar, "BCA 1234567890 a.n. Sekar Ayu")  # typed straight into the payment menu
    assert "Langkah 5 dari 6" in say(sekar, "lanjut")
    sekar.press("Bisa ambil sendiri")
    say(sekar, "lanjut")
    assert "Kemeja Batik Parang" in say(sekar, "Kemeja Batik Parang 150rb stok 5")
    assert "siap menerima pesanan" in say(sekar, "selesai")
    shop = shop_row(sessions)
    assert shop.profile["address"] == "Jl. Malioboro No. 52, Yogyakarta" and shop.profile["pickup"] is True
    assert shop.profile["payment_methods"][0]["account_number"] == "1234567890"
    with unit_of_work(sessions) as s:
        assert s.execute(select(Seller.external_id, Seller.role).where(Seller.shop_id == shop.id)).all() == [
            ("sekar", "owner")]
        assert s.scalar(select(func.count()).select_from(SellerChange).where(
            SellerChange.shop_id == shop.id, SellerChange.action.like("shop_%"))) == 4

    # A change later, and taken back: the next message sees each at once.
    assert "→ Jl. Prawirotaman No. 7" in say(sekar, "ganti alamat Jl. Prawirotaman No. 7, Yogyakarta")
    assert "Dibatalkan" in say(sekar, "batalkan")
    assert "Jl. Malioboro No. 52" in say(sekar, "info toko")

    siti = EngineChat(engine, "siti")
    assert "Selamat datang di *Batik Sekar*" in say(siti, "halo") and "pesan 2 kemeja batik" in siti.text
    say(siti, "pesan 1 kemeja batik")
    say(siti, "checkout")
    say(siti, "Siti")
    say(siti, "ambil sendiri")
    assert "Mau bayar pakai apa" in say(siti, "lewati")
    assert "Total: Rp150.000" in say(siti, "transfer")
    assert "BS-0001" in say(siti, "ya") and "BCA 1234567890" in siti.text
    with unit_of_work(sessions) as s:
        assert s.execute(select(Order.code, Order.total - Order.unique_code).where(Order.shop_id == shop.id)).all() == [
            ("BS-0001", 150000)]
        notices = s.execute(select(OutboxMessage.recipient, OutboxMessage.payload).where(
            OutboxMessage.shop_id == shop.id, OutboxMessage.recipient == "sekar")).all()
    assert any("Pesanan baru BS-0001" in p["text"] for _, p in notices)  # the owner hears of it
    assert "lunas" in say(sekar, "lunas BS-0001").lower()
    with unit_of_work(sessions) as s:
        [summary] = summaries(s, NOW)
    assert (summary["slug"], summary["products"], summary["open_orders"], summary["sales_this_month"]) == (
        "batik-sekar", 1, 1, 150000)
    assert not any(word in "\n".join(said).lower() for word in DEMO_WORDS)


def test_the_demo_is_deleted_from_an_install_with_a_real_shop_beside_it(db_url):
    engine, sessions, code = fresh(db_url, demo=True)
    EngineChat(engine, "sekar").send(code, account="batik-sekar")
    EngineChat(engine, "pembeli").send("halo")  # a customer of the demo (the default shop)
    with unit_of_work(sessions) as s:
        demo = s.execute(select(Shop).where(Shop.slug == "dapur-bu-sri")).scalar_one()
        removed = delete_shop(s, demo)
        s.commit()
    assert removed["products"] == 25 and removed["sellers"] == 1 and removed["identities"] == 1
    with unit_of_work(sessions) as s:
        for table in Base.metadata.sorted_tables:
            if "shop_id" in table.c:
                assert s.execute(select(func.count()).select_from(table).where(table.c.shop_id == demo.id)).scalar() == 0
        assert s.execute(select(Shop.slug)).scalars().all() == ["batik-sekar"]
        assert s.execute(select(Seller.external_id)).scalars().all() == ["sekar"]  # penjual went with the demo
    # The real shop is the default now: the simulator without "shop" reaches it.
    assert "Batik Sekar" in EngineChat(engine, "baru").send("halo").replies[0].text


def test_a_shop_with_orders_is_not_deleted_but_can_be_archived_with_its_customers_told(db_url):
    engine, sessions, code = fresh(db_url, demo=True)
    siti = EngineChat(engine, "siti")
    for line in ("pesan 1 keripik tempe", "checkout", "Siti", "ambil sendiri", "lewati", "cod", "ya"):
        siti.send(line)
    assert "KD-0001" in siti.text
    with unit_of_work(sessions) as s:
        demo = s.execute(select(Shop).where(Shop.slug == "dapur-bu-sri")).scalar_one()
        s.add(ShopChannel(shop_id=demo.id, channel="whatsapp", account="+6281188880000"))
        s.commit()
    with unit_of_work(sessions) as s:
        demo = s.execute(select(Shop).where(Shop.slug == "dapur-bu-sri")).scalar_one()
        with pytest.raises(ShopError, match="it has 1 order"):
            delete_shop(s, demo)
        told, unlinked = archive(s, demo, NOW)
        s.commit()
    assert (told, unlinked) == (1, 1)
    with unit_of_work(sessions) as s:
        assert s.scalar(select(func.count()).select_from(Order)) == 1 and s.scalar(select(func.count()).select_from(Product)) == 25
        closed = s.execute(select(OutboxMessage.payload).where(OutboxMessage.recipient == "siti")).scalars().all()
        assert "sudah tutup" in closed[-1]["text"]
    # The archived demo is no longer the default: the simulator reaches the real shop (once the
    # engine's two-second trust in the shop it resolved has run out).
    engine.shops.clear()
    assert "Batik Sekar" in EngineChat(engine, "baru").send("halo").replies[0].text


def test_a_channel_is_linked_to_one_shop_at_a_time_and_a_bad_token_or_an_archived_shop_is_refused(db_url):
    from shops.admin import link_telegram, link_whatsapp
    from storage import shops as shops_db

    _, sessions, _ = fresh(db_url, demo=True)
    with unit_of_work(sessions) as s:
        demo = s.execute(select(Shop).where(Shop.slug == "dapur-bu-sri")).scalar_one()
        mine = s.execute(select(Shop).where(Shop.slug == "batik-sekar")).scalar_one()
        for bad in ("123456", "@batiksekar_bot", "abc:AAH1234567890123456789012"):
            with pytest.raises(ShopError, match="not a bot token"):
                link_telegram(s, mine, bad)
        assert link_telegram(s, demo, "7100000001:AAFakeTokenShopA_0123456789abcdefXYZ") == "7100000001"
        link_telegram(s, mine, "7100000001:AAFakeTokenShopA_0123456789abcdefXYZ")  # moves to the real shop
        link_whatsapp(s, mine, "+6281100000001")
        links = [(link.shop_id, link.channel, link.account) for link in shops_db.fetch_links(s)]
        assert links == [(mine.id, "telegram", "7100000001"), (mine.id, "whatsapp", "+6281100000001")]
        assert all(link.secret for link in shops_db.fetch_links(s) if link.channel == "telegram")
        archive(s, mine, NOW)
        with pytest.raises(ShopError, match="archived"):
            link_whatsapp(s, mine, "+6281100000002")
        assert shops_db.fetch_links(s) == []
