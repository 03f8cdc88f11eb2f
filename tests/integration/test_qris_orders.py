"""QRIS with the amount on a real database (SQLite and PostgreSQL): the owner gives the shop's
static QRIS as text (a wrong CRC refused, nothing changed) or as a picture whose file is on the
server (decoded); each QRIS order then gets its own code carrying the exact total, unique code
included, drawn after commit; the shop's plain picture stays the fallback."""

from __future__ import annotations

from conversations.base import Media
from orders import qris
from orders.qris_image import qr_png, read_qris
from bot.attachments import render
from tests.integration.seller_db import owner, seller_engine
from tests.support import EngineChat
from tests.unit.test_qris import crc_by_hand, hand_built_static


def order_with_qris(engine, user: str) -> EngineChat:
    chat = EngineChat(engine, user)
    for text in ("halo", "pesan 2 keripik tempe", "checkout", user.title()):
        chat.send(text)
    for button in ("Ambil sendiri", "Lewati", "QRIS", "Pesan sekarang"):
        chat.press(button)
    return chat


def paying(chat: EngineChat):  # type: ignore[no-untyped-def]
    """The reply that says how to pay (the consent question may follow it)."""
    return next(r for r in chat.last.replies if "QRIS" in r.text)


def test_the_shops_qris_as_text_or_picture_makes_each_order_a_code_with_its_exact_total(db_url, tmp_path):
    engine, sessions, _ = seller_engine(db_url)
    seller = owner(engine)
    static = hand_built_static()
    broken = static[:-4] + ("0000" if not static.endswith("0000") else "1111")
    seller.send(f"qris {broken}")
    assert "CRC" in seller.text
    siti = order_with_qris(engine, "siti")  # nothing changed: the demo's picture, the amount in words
    assert paying(siti).image_url and paying(siti).attachment is None
    seller.send(f"qris {static}")
    assert "→" in seller.text
    rina = order_with_qris(engine, "rina")
    reply = paying(rina)
    total = int(rina.text.split("Total: *Rp")[1].split("*")[0].replace(".", ""))
    assert total % 1000 != 0  # a unique code, as for transfers
    made = reply.attachment
    assert made is not None and made.kind == "image" and made.render["what"] == "qris"
    dynamic = qris.parse(made.render["payload"])
    assert (dynamic.get("01"), dynamic.get("54")) == ("12", str(total)) and "nominalnya sudah" in reply.text
    assert read_qris(render(made.render, None, None, None)).payload == made.render["payload"]  # type: ignore[arg-type]
    # A new QRIS picture whose file is on the server (WhatsApp's stored media) is read in its place.
    other = hand_built_static().replace("WARUNG BU SITI", "WARUNG BU SRI ")
    other = other[:-4] + crc_by_hand(other[:-4])
    picture = tmp_path / "qris.png"
    picture.write_bytes(qr_png(other))
    seller.send("ganti qris")
    seller.send("", media=(Media(str(picture), "image/png"),))
    made = paying(order_with_qris(engine, "andi")).attachment
    assert made is not None and qris.parse(made.render["payload"]).get("59") == "WARUNG BU SRI "
