"""What people on WhatsApp actually read: the engine's replies and notices rendered by the real
WhatsApp renderer (bot.channels.whatsapp_render), as Twilio would deliver the bodies. A numbered
list invites a typed number, so it must be the list that number is read against."""

from __future__ import annotations

from sqlalchemy import select

from bot.channels.whatsapp_render import render
from bot.messages import Inbound
from effects.outbox import Outbound
from shops.profile import WhatsAppTemplates
from shops.setup import add_seller
from storage.models import OutboxMessage
from tests.support import EngineChat, seeded_engine
from texts.id import whatsapp as wt

SELLER = "+6281299990000"
RINA = "+6281111111111"


def bodies(outs: list[Outbound]) -> list[str]:
    return [c.get("body", "") for out in outs for c in render(out, WhatsAppTemplates(), "https://x.test")]


def notices_to(sessions, recipient: str) -> list[str]:
    """The rendered bodies of every message waiting for `recipient`, oldest first."""
    with sessions() as s:
        rows = s.execute(select(OutboxMessage).where(OutboxMessage.recipient == recipient)
                         .order_by(OutboxMessage.id)).scalars().all()
        return bodies([Outbound.from_row(r.channel, r.recipient, r.payload) for r in rows])


def shop_on_whatsapp(db_url):
    engine, sessions = seeded_engine(db_url)
    with sessions() as s:
        add_seller(s, 1, "whatsapp", SELLER, "Bu Sri", "owner")
        s.commit()
    return engine, sessions, EngineChat(engine, SELLER, "whatsapp"), EngineChat(engine, RINA, "whatsapp")


def test_a_notice_to_the_seller_is_not_numbered_so_a_typed_1_cannot_press_an_older_list(db_url):
    engine, sessions, seller, rina = shop_on_whatsapp(db_url)
    seller.send("halo")  # the seller menu: "1. Cek stok" is what a "1" now means to their conversation
    rina.send("halo")
    rina.send("tanya penjual")
    [notice] = [b for b in notices_to(sessions, SELLER) if "ingin bicara" in b]
    assert wt.NUMBERED_HINT not in notice and "1. Layani" not in notice
    label = notice.split(wt.TYPE_HINT.split("{")[0], 1)[1].strip()  # "Layani <name or number>"
    assert label.startswith("Layani ")
    seller.send(label)  # the label as shown, typed out, takes the customer
    assert "sekarang chat dengan" in seller.text


def test_a_payment_proof_notice_offers_its_commands_to_type_not_numbers(db_url):
    engine, sessions, seller, rina = shop_on_whatsapp(db_url)
    seller.send("halo")
    rina.pickup_order(pay="Transfer", name="Rina")
    code = rina.text.split("*KD-")[1].split("*")[0]
    from conversations.base import Media
    rina.send("", media=(Media("proof.jpg", "image/jpeg"),))
    [notice] = [b for b in notices_to(sessions, SELLER) if "Bukti bayar" in b]
    assert "1. Lunas" not in notice and wt.NUMBERED_HINT not in notice
    seller.send(f"Lunas KD-{code}")
    assert "lunas" in seller.text.lower() and "belum kami kenal" not in seller.text


def test_of_several_replies_only_the_last_lists_numbers_the_ones_a_typed_number_picks(db_url):
    engine, sessions, seller, rina = shop_on_whatsapp(db_url)
    rina.pickup_order(pay="Transfer", name="Rina")  # thanks, the transfer details with the menu, the promo question
    shown = bodies(rina.last.replies)
    numbered = [b for b in shown if wt.NUMBERED_HINT in b]
    assert len(shown) >= 3 and len(numbered) == 1 and numbered[0] == shown[-1]
    assert "1. Mau" in numbered[0]
    transfer = next(b for b in shown if "transfer" in b.lower() and "Katalog" in b)
    assert "1. Katalog" not in transfer and "Katalog" in transfer.split(wt.TYPE_HINT.split("{")[0])[1]
    rina.send("1")  # the number under the last list: yes to promos, not the catalog
    assert "promo" in rina.text.lower() and "Kategori" not in rina.text


def test_each_label_shown_to_type_under_the_transfer_details_works_when_typed(db_url):
    engine, sessions, seller, rina = shop_on_whatsapp(db_url)
    rina.pickup_order(pay="Transfer", name="Rina")
    transfer = next(b for b in bodies(rina.last.replies) if "transfer" in b.lower() and "Katalog" in b)
    labels = transfer.split(wt.TYPE_HINT.split("{")[0])[1].strip().split(wt.TYPE_SEPARATOR)
    assert labels == ["Katalog", "Cari produk", "Keranjang", "Pesanan saya", "Bantuan"]
    answers = {}
    for label in labels:
        rina.send(label)
        answers[label] = rina.text
    assert "Kategori" in answers["Katalog"] and "Mau cari apa" in answers["Cari produk"]
    assert "Keranjang" in answers["Keranjang"] and "KD-0001" in answers["Pesanan saya"]
    assert "Cara belanja" in answers["Bantuan"]


def test_a_seller_in_one_chat_moves_to_another_by_typing_the_label_and_nothing_is_relayed(db_url):
    engine, sessions, seller, rina = shop_on_whatsapp(db_url)
    budi = EngineChat(engine, "+6281333333333", "whatsapp")
    for customer in (rina, budi):
        customer.send("halo")
        customer.send("tanya penjual")
    seller.send("layani 1")
    assert "sekarang chat dengan" in seller.text
    first = seller.text.split("chat dengan *")[1].split("*")[0]
    rina.send("masih di situ kak?")
    budi.send("halo kak?")
    waiting = [b for b in notices_to(sessions, SELLER) if wt.TYPE_HINT.split("{")[0] in b and first not in b.split("\n")[0]]
    label = waiting[-1].split(wt.TYPE_HINT.split("{")[0], 1)[1].strip()
    assert label.startswith("Layani ") and first not in label
    seller.send(label)  # typed while chatting with the first customer: it moves, it is not said to them
    assert "sekarang chat dengan" in seller.text and first not in seller.text.split("\n")[0]
    assert not any("Layani" in b for b in notices_to(sessions, rina.user) + notices_to(sessions, budi.user))


def test_a_number_typed_under_the_cart_never_empties_it(db_url):
    engine, sessions, seller, rina = shop_on_whatsapp(db_url)
    rina.send("pesan 1 keripik tempe, 2 sambal roa, 1 nastar keju")
    rina.send("keranjang")
    [cart] = bodies(rina.last.replies)
    assert "3. Nastar Keju" in cart and "3. Kosongkan" not in cart and wt.NUMBERED_HINT not in cart
    rina.send("3")  # the third line, as the customer reads it
    rina.send("keranjang")
    assert "Nastar Keju" in rina.text and "Keripik Tempe" in rina.text
    assert "nomor 3 jadi 2" in cart
    rina.send("nomor 3 jadi 2")  # the way the cart says to change its third line
    assert "Nastar Keju 500g*: 1 → 2" in rina.text
    rina.send("Checkout")  # the labels, typed, still work
    assert "atas nama siapa" in rina.text
