"""Names the seller typed all in lowercase are kept the way a menu writes them ("Nasi Goreng
Spesial"); a name with any capital is the seller's choice and kept exactly ("iPhone", "KAOS").
A customer named with their own honorific ("Bu Wati") is called so, never "Kak Bu Wati"."""

from __future__ import annotations

import pytest

from conversations.seller.changes import CreateProduct
from language.names import addressed, tidy_name
from tests.seller_support import SellerChat
from tests.support import Dialogue
from tests.unit.test_shop_setup_dialogue import configured


@pytest.mark.parametrize("typed, kept", [
    ("nasi goreng spesial", "Nasi Goreng Spesial"),
    ("  batik   sekar jogja ", "Batik Sekar Jogja"),
    ("kopi susu dan roti", "Kopi Susu dan Roti"),  # joining words stay small
    ("keripik 250 gr", "Keripik 250 gr"),  # so do units
    ("keripik pedas (level 5)", "Keripik Pedas (Level 5)"),
    ("iPhone 15 pro", "iPhone 15 pro"),  # any capital: the seller's own way
    ("KAOS polos", "KAOS polos"),
    ("Dapur bu Sri", "Dapur bu Sri"),
    ("250g kacang", "250g Kacang"),
])
def test_only_an_all_lowercase_name_gets_capitals(typed: str, kept: str) -> None:
    assert tidy_name(typed) == kept


def test_a_product_added_by_chat_and_a_shop_renamed_by_chat_are_kept_tidy() -> None:
    chat = SellerChat()
    chat.send("produk baru nasi goreng spesial 17rb stok 10")
    made = next(e for e in chat.effects if isinstance(e, CreateProduct))
    assert made.name == "Nasi Goreng Spesial"
    owner = configured()
    owner.send("ganti nama toko batik sekar jogja")
    assert owner.shop.name == "Batik Sekar Jogja"
    owner.send("ganti nama toko KAOS kita")
    assert owner.shop.name == "KAOS kita"


def test_a_name_with_its_own_honorific_is_not_given_a_second_kak():
    assert [addressed(n) for n in ("Bu Wati", "Pak Budi", "Kak Rina", "Mbak. Sari", "ibu dewi", "Ko Hendra")] == \
        ["Bu Wati", "Pak Budi", "Kak Rina", "Mbak. Sari", "ibu dewi", "Ko Hendra"]
    assert addressed("Wati") == "Kak Wati" and addressed("Siti  Rahayu") == "Kak Siti Rahayu"
    # a lone honorific-like word is the name itself; no name at all is plain "Kak"
    assert addressed("Ibu") == "Kak Ibu" and addressed("Bambang Pak") == "Kak Bambang Pak"
    assert addressed(None) == "Kak" and addressed("  ") == "Kak"


def test_the_greeting_and_the_order_thanks_call_bu_wati_bu_wati():
    d = Dialogue(name="Bu Wati")
    d.send("halo")
    assert "Halo Bu Wati!" in d.text and "Kak Bu" not in d.text
    d.send("pesan 1 keripik tempe")
    d.send("checkout")
    d.press("Ambil sendiri")
    d.press("Lewati")
    d.press("Transfer bank")
    d.press("Pesan sekarang")
    assert "Terima kasih, Bu Wati!" in d.text and "Kak Bu" not in d.text
    plain = Dialogue(name="Wati")
    plain.send("halo")
    assert "Halo Kak Wati!" in plain.text
    nameless = Dialogue()
    nameless.send("halo")
    assert "Halo Kak!" in nameless.text


def test_the_review_request_calls_bu_wati_bu_wati_and_siti_rahayu_kak_siti():
    from scheduler.jobs_reviews import ask_message
    from storage.models import Order

    def greeting(name: str | None) -> str:
        return ask_message("Dapur Bu Sri", Order(customer_name=name, code="KD-0001")).text.split("!")[0]

    assert greeting("Bu Wati Lestari") == "Halo Bu Wati"
    assert greeting("Siti Rahayu") == "Halo Kak Siti"
    assert greeting(None) == "Halo Kak"
