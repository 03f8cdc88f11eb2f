"""Fifty customers confirm at once for the last five units: exactly five orders, stock 0."""

from __future__ import annotations

import threading

from sqlalchemy import func, select, update

from storage.models import Order, Product
from tests.support import EngineChat, seeded_engine

BUYERS = 50
UNITS = 5


def ready_to_confirm(engine, user: str) -> EngineChat:
    chat = EngineChat(engine, user)
    chat.send("halo")
    chat.send("pesan 1 rendang")
    chat.send("checkout")
    chat.send(f"Pembeli {user}")
    chat.press("Ambil sendiri")
    chat.press("Lewati")
    chat.press("COD")
    assert "Ringkasan pesanan" in chat.text
    return chat


def test_fifty_concurrent_checkouts_of_the_last_five_units_make_exactly_five_orders(db_url):
    engine, sessions = seeded_engine(db_url)
    with sessions() as s:
        s.execute(update(Product).where(Product.sku == "FRZ-RDG").values(stock=BUYERS))
        s.commit()
    chats = [ready_to_confirm(engine, f"b{i}") for i in range(BUYERS)]
    with sessions() as s:
        s.execute(update(Product).where(Product.sku == "FRZ-RDG").values(stock=UNITS))
        s.commit()

    start = threading.Barrier(BUYERS)
    results: list[str] = []
    errors: list[BaseException] = []

    def confirm(chat: EngineChat) -> None:
        try:
            start.wait()
            chat.send(choice="confirm")
            results.append(chat.text)
        except BaseException as exc:  # surfaced below; a thread must not swallow it
            errors.append(exc)

    threads = [threading.Thread(target=confirm, args=(c,)) for c in chats]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)

    assert not errors, errors[:3]
    assert len(results) == BUYERS
    assert sum("Pesanan *KD-" in r for r in results) == UNITS
    assert sum("tersisa 0" in r for r in results) == BUYERS - UNITS
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(Order)) == UNITS
        assert s.execute(select(Product.stock).where(Product.sku == "FRZ-RDG")).scalar_one() == 0
        codes = s.execute(select(Order.code)).scalars().all()
    assert len(set(codes)) == UNITS
