"""One person on two channels is one customer: by phone number, on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import func, select

from storage.models import Conversation, Customer, Identity, Order
from tests.support import EngineChat, seeded_engine

SITI = "+6281234567890"


def customer_of(sessions, channel: str, external_id: str) -> int:
    with sessions() as s:
        return s.execute(select(Identity.customer_id).where(Identity.channel == channel,
                                                            Identity.external_id == external_id)).scalar_one()


def cart_of(sessions, customer_id: int) -> dict:
    with sessions() as s:
        data = s.execute(select(Conversation.data).where(Conversation.party == f"customer:{customer_id}")).scalar_one()
    return data.get("cart") or {}


def test_a_whatsapp_customer_is_stored_with_their_number_as_phone(db_url):
    engine, sessions = seeded_engine(db_url)
    EngineChat(engine, SITI, channel="whatsapp").send("halo")
    with sessions() as s:
        assert s.execute(select(Customer.phone)).scalars().all() == [SITI]


def test_a_telegram_user_sharing_the_phone_of_a_whatsapp_customer_gets_one_cart(db_url):
    engine, sessions = seeded_engine(db_url)
    wa = EngineChat(engine, SITI, channel="whatsapp")
    wa.send("halo")
    wa.send("pesan 2 keripik tempe")
    tg = EngineChat(engine, "777001", channel="telegram")
    tg.send("halo")
    tg.send("pesan 1 sambal roa")
    assert customer_of(sessions, "telegram", "777001") != customer_of(sessions, "whatsapp", SITI)
    tg.send("", phone="081234567890")  # the contact they share, written the local way
    one = customer_of(sessions, "whatsapp", SITI)
    assert customer_of(sessions, "telegram", "777001") == one
    assert cart_of(sessions, one) == {"KRP-TMP": 2, "SBL-ROA": 1}
    tg.send("keranjang")
    assert "Keripik Tempe" in tg.text and "Sambal Roa" in tg.text
    wa.send("keranjang")
    assert "Keripik Tempe" in wa.text and "Sambal Roa" in wa.text
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(Conversation).where(Conversation.party.like("customer:%"))) == 1


def test_whatsapp_first_contact_joins_the_customer_who_shared_that_phone_on_telegram(db_url):
    engine, sessions = seeded_engine(db_url)
    tg = EngineChat(engine, "777002", channel="telegram")
    tg.send("halo")
    tg.send("", phone="+62 812 3456 7890")
    tg.send("pesan 3 keripik tempe")
    wa = EngineChat(engine, SITI, channel="whatsapp")
    wa.send("keranjang")
    assert customer_of(sessions, "whatsapp", SITI) == customer_of(sessions, "telegram", "777002")
    assert "3 × Keripik Tempe" in wa.text or "Keripik Tempe" in wa.text


def test_orders_placed_on_one_channel_follow_the_customer_when_joined(db_url):
    engine, sessions = seeded_engine(db_url)
    tg = EngineChat(engine, "777003", channel="telegram")
    for line in ("halo", "pesan 1 keripik tempe", "checkout", "Siti Rahayu"):
        tg.send(line)
    tg.press("Ambil sendiri")
    tg.press("Lewati")
    tg.press("COD")
    tg.press("Pesan sekarang")
    EngineChat(engine, SITI, channel="whatsapp").send("halo")
    tg.send("", phone="6281234567890")
    one = customer_of(sessions, "whatsapp", SITI)
    with sessions() as s:
        assert s.execute(select(Order.customer_id)).scalars().all() == [one]
        assert s.execute(select(Customer.name).where(Customer.id == one)).scalar_one() == "Siti Rahayu"
    wa = EngineChat(engine, SITI, channel="whatsapp")
    wa.n = 10
    wa.send("pesanan saya")
    assert "KD-0001" in wa.text


def test_a_phone_nobody_else_has_is_just_recorded(db_url):
    engine, sessions = seeded_engine(db_url)
    tg = EngineChat(engine, "777004", channel="telegram")
    tg.send("halo")
    tg.send("", phone="0857-1234-5678")
    with sessions() as s:
        assert s.execute(select(Customer.phone)).scalars().all() == ["+6285712345678"]
