"""Pre-orders, dated orders and ordering while the shop is closed, through a real Engine on
SQLite with an injected clock: the seller's words set the product, the customer sees and
orders within the window only, the batch list shows what to make for which day."""

from __future__ import annotations

import json
from datetime import datetime, timezone

from sqlalchemy import select, update
from typer.testing import CliRunner

from main import app

from storage.db import unit_of_work
from storage.models import Order, Shop
from tests.support import EngineChat, seeded_engine

WED_10 = datetime(2027, 3, 10, 3, 0, tzinfo=timezone.utc)  # Wednesday 10 March, 10.00 WIB: open
SUN_21 = datetime(2027, 3, 21, 3, 0, tzinfo=timezone.utc)  # after the window closed on the 20th
MON_NIGHT = datetime(2027, 3, 8, 15, 0, tzinfo=timezone.utc)  # Monday 22.00 WIB: closed until 08.00


class Clock:
    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def checkout(chat: EngineChat, name: str) -> None:
    chat.send("checkout")
    chat.send(name)
    chat.press("Ambil sendiri")
    chat.press("Lewati")
    chat.press("COD")


def test_preorder_window_and_the_batch_list(sqlite_url):
    engine, sessions = seeded_engine(sqlite_url)
    engine.clock = clock = Clock(WED_10)
    seller = EngineChat(engine, "penjual")
    seller.send("PO nastar keju, tutup 20 Maret, kirim 25 Maret")
    assert "dikirim *Kamis, 25 Maret*" in seller.text
    buyer = EngineChat(engine, "po1")
    buyer.send("halo")
    buyer.send("nastar keju")
    assert "PO, dikirim 25 Maret" in buyer.text
    buyer.send("pesan 3 nastar keju")
    checkout(buyer, "Rina")
    buyer.send(choice="confirm")
    assert "Pesanan *KD-" in buyer.text
    with sessions() as s:
        order = s.execute(select(Order)).scalar_one()
        assert (order.deliver_on, order.make_day) == ("2027-03-25", "2027-03-25")
    seller.send("daftar masak")
    assert "Kamis, 25 Maret" in seller.text and "3× Nastar Keju 500g" in seller.text
    cli = CliRunner().invoke(app, ["orders", "batch", "--date", "2027-03-25", "--json"], env={"KEDAI_DATABASE_URL": sqlite_url})
    assert cli.exit_code == 0, cli.output
    assert json.loads(cli.output) == [{"date": "2027-03-25", "name": "Nastar Keju 500g", "qty": 3}]
    # After the 20th the window is closed: shown as such, and a cart kept from before is refused.
    late = EngineChat(engine, "po2")
    late.send("halo")
    late.send("pesan 1 nastar keju")
    checkout(late, "Dodi")
    clock.now = SUN_21  # the summary was shown before the window closed; the confirmation comes after
    late.send(choice="confirm")
    assert "sudah tutup" in late.text and "Pesanan *KD-" not in late.text
    late.send("nastar keju")
    assert "PO *Nastar Keju 500g* sudah tutup 20 Maret" in late.text
    with sessions() as s:
        assert len(s.execute(select(Order.id)).all()) == 1


def test_dated_order_for_tomorrow_where_the_product_allows_it(sqlite_url):
    engine, sessions = seeded_engine(sqlite_url)
    engine.clock = Clock(WED_10)
    EngineChat(engine, "penjual").send("PO keripik tempe")
    buyer = EngineChat(engine, "po3")
    buyer.send("halo")
    buyer.send("po keripik tempe 2 untuk besok")
    assert "Untuk tanggal *Kamis, 11 Maret*" in buyer.text
    checkout(buyer, "Sari")
    assert "Kamis, 11 Maret" in buyer.text  # on the summary too
    buyer.send(choice="confirm")
    with sessions() as s:
        order = s.execute(select(Order)).scalar_one()
    assert (order.deliver_on, order.make_day) == ("2027-03-11", "2027-03-11")


def test_outside_opening_hours_taken_for_the_next_opening_or_refused(sqlite_url):
    engine, sessions = seeded_engine(sqlite_url)
    engine.clock = Clock(MON_NIGHT)
    night = EngineChat(engine, "n1")
    night.send("halo")
    night.send("pesan 1 keripik tempe")
    checkout(night, "Wati")
    assert "Toko sedang tutup" in night.text and "Selasa, 9 Maret 08.00 WIB" in night.text
    night.send(choice="confirm")
    assert "Pesanan *KD-" in night.text and "Selasa, 9 Maret 08.00 WIB" in night.text
    with sessions() as s:
        order = s.execute(select(Order)).scalar_one()
        assert order.handle_at == datetime(2027, 3, 9, 1, 0, tzinfo=timezone.utc)
        assert order.make_day == "2027-03-09"
    with unit_of_work(sessions) as s:  # the shop now refuses orders while closed (its shop file)
        shop = s.execute(select(Shop)).scalar_one()
        s.execute(update(Shop).where(Shop.id == shop.id).values(profile={**shop.profile, "outside_hours": "refuse"}))
        s.commit()
    engine.shops.clear()
    refused = EngineChat(engine, "n2")
    refused.send("halo")
    refused.send("pesan 1 keripik tempe")
    checkout(refused, "Yuni")
    refused.send(choice="confirm")
    assert "tidak menerima pesanan sekarang" in refused.text and "Selasa, 9 Maret 08.00 WIB" in refused.text
    with sessions() as s:
        assert len(s.execute(select(Order.id)).all()) == 1
