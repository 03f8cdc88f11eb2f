"""A seller's words as they type them (issue 17): "naik jadi" sets the price, slang amounts,
"kosongin"/"entek", "udah ada lagi 5", several products in one message, negatives refused."""

from __future__ import annotations

from conversations.seller.parse import parse
from tests.seller_support import SellerChat


def test_naik_jadi_sets_the_price_and_a_contradiction_is_read_back():
    chat = SellerChat()
    chat.send("harga nastar keju naik jadi 90rb")
    assert chat.change() == ("KUE-NST-KJU", "price", 85000, 90000)
    chat = SellerChat()
    chat.send("harga nastar keju naik jadi 80rb")  # down, though "naik" was said: asked first
    assert chat.change() is None and "JADI *Rp80.000*" in chat.text and "Rp85.000" in chat.text
    chat.send("ya")
    assert chat.change() == ("KUE-NST-KJU", "price", 85000, 80000)


def test_seller_amounts_and_stock_words():
    cases = {
        "harga rendang 500 naik 2 ceban": ("price_add", 20000),
        "harga keripik tempe naik gopek": ("price_add", 500),
        "harga kain sogan jadi 1jt 500rb": ("price_set", 1_500_000),
        "harga keripik pedas 15rb jadi 16rb": ("price_set", 16000),
        "harga basreng naik 2 ribu jadi 20rb": ("price_set", 20000),
        "nastar keju 250 kosongin": ("stock_set", 0),
        "teri entek": ("stock_set", 0),
        "kastengel 250 udah ada lagi 5": ("stock_set", 5),
        "dimsum ayam baru jadi 15 pack": ("stock_set", 15),
    }
    for text, (action, amount) in cases.items():
        cmd = parse(text, frozenset({250, 500}))
        assert cmd is not None and (cmd.action, cmd.amount, cmd.problem) == (action, amount, None), text
    for text in ("stok putri salju jadi -3", "stok kastengel 250 jadi minus 3", "harga sambal roa jadi -5000"):
        cmd = parse(text, frozenset({250}))
        assert cmd is not None and cmd.problem == "negative", text


def test_several_products_in_one_message_change_together_or_not_at_all():
    chat = SellerChat()
    chat.send("stok:\nnastar keju 4\nkastengel 2")
    changes = {(e.name, e.before, e.after) for e in chat.effects if hasattr(e, "field")}
    assert changes == {("Nastar Keju 500g", 10, 4), ("Kastengel 500g", 8, 2)}
    assert "Nastar Keju 500g*: 10 → 4" in chat.text
    chat = SellerChat()
    chat.send("stok nastar 5, kastengel 3")  # which nastar? nothing changes
    assert not [e for e in chat.effects if hasattr(e, "field")] and "Yang mana?" in chat.text


def test_every_reply_says_kak_never_bu_pak():
    # The bot addresses everyone, sellers included, as "Kak" (the promo flow once asked "Bu/Pak").
    import pathlib
    texts = pathlib.Path(__file__).resolve().parents[2] / "texts" / "id"
    said = {p.name for p in texts.glob("*.py") if "Bu/Pak" in p.read_text(encoding="utf-8")}
    assert said == set()
    chat = SellerChat()
    chat.send("promo baru")
    assert "Kak" in chat.text and "Bu/Pak" not in chat.text
