"""Reviews and re-order through the real Engine and database: a completed order's review is
asked once (however often the sweep runs), a low rating reaches the seller as a complaint, the
seller replies once, the product page shows the rating; "pesan lagi" reads the stored items.
One journey per database: each fresh database costs seconds to migrate."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from conversations.customer.review import RATE
from scheduler.jobs_reviews import ask_due
from storage import conversations as conversations_db
from storage.regular_models import Review
from tests.integration.orders_support import set_stock, texts_to
from tests.integration.test_payments_engine import Clock, order_by_chat
from tests.support import NOW, EngineChat, seeded_engine


@pytest.fixture
def world(db_url):
    engine, sessions = seeded_engine(db_url, window_minutes=60)
    clock = Clock(NOW)  # 13.00 WIB: daytime, when a customer may be asked
    engine.clock = clock
    return engine, sessions, clock


def completed(engine) -> tuple[EngineChat, EngineChat]:
    rina = order_by_chat(engine, "rina")
    seller = EngineChat(engine, "penjual")
    seller.send("lunas KD-0001")
    seller.send("selesai KD-0001")
    return rina, seller


def reviews(sessions) -> list[Review]:
    with sessions() as s:
        return list(s.execute(select(Review)).scalars())


def test_the_review_is_asked_once_after_the_delay_and_a_low_rating_is_a_complaint_the_seller_answers_once(world):
    engine, sessions, clock = world
    rina, seller = completed(engine)
    rina.send("menu")  # done with the order's questions: resting, so a typed number may mean a star later
    rina.send(choice=RATE.pack("KD-0001", 5))  # forged before the ask was sent: rates nothing
    assert "belum bisa dinilai" in rina.text and reviews(sessions)[0].rating is None
    assert ask_due(sessions, clock) == 0  # not yet: a polite delay
    clock.now = NOW + timedelta(hours=3)
    assert ask_due(sessions, clock) == 1 and ask_due(sessions, clock) == 0  # the sweep twice: asked once
    asks = [t for t in texts_to(sessions, "rina") if "KD-0001" in t and "bintang" in t]
    assert len(asks) == 1
    party = f"customer:{reviews(sessions)[0].customer_id}"
    with sessions() as s:  # the ask's buttons are what a typed number means next
        offered = conversations_db.load_conversation(s, 1, party).data["_offered"]["items"]
    assert [value for _, value in offered] == [RATE.pack("KD-0001", n) for n in range(1, 6)]
    rina.send("2")  # typed, as on WhatsApp where the ask's buttons are numbered: the second star
    assert "Mohon maaf" in rina.text and "Lewati" in [b.label for o in rina.last.replies for b in o.buttons]
    assert any("Keluhan pelanggan" in t and "KD-0001" in t for t in texts_to(sessions, "penjual"))
    rina.send("keripiknya kurang renyah")
    assert "sudah kami sampaikan" in rina.text
    assert any("kurang renyah" in t for t in texts_to(sessions, "penjual"))
    rina.send(choice=RATE.pack("KD-0001", 5))  # pressed again later: counted once
    assert "sudah Kakak nilai" in rina.text
    [review] = reviews(sessions)
    assert (review.rating, review.comment, review.complaint) == (2, "keripiknya kurang renyah", True)

    seller.send(choice=f"rvreply:{review.id}:KD-0001")
    seller.send("Mohon maaf Kak, kami ganti dengan yang baru ya")
    assert "sudah kami kirim" in seller.text
    assert any("ganti dengan yang baru" in t for t in texts_to(sessions, "rina"))
    seller.send(choice=f"rvreply:{review.id}:KD-0001")
    seller.send("Balasan kedua")
    assert "hanya sekali" in seller.text and not any("Balasan kedua" in t for t in texts_to(sessions, "rina"))

    rina.send("cari keripik tempe")
    assert "⭐ 2,0 dari 5 (1 ulasan)" in rina.text and "kurang renyah" in rina.text

    # "pesan lagi" reads the stored items: short stock capped, added to what is in the cart.
    rina.send("pesan 1 sambal roa")
    set_stock(sessions, "KRP-TMP", 1)
    rina.send("pesan lagi")
    assert "KD-0001" in rina.text and "tinggal 1" in rina.text
    assert "1 × Rp12.000" in rina.text and "Sambal Roa" in rina.text
