"""Names the seller typed all in lowercase are kept the way a menu writes them ("Nasi Goreng
Spesial"); a name with any capital is the seller's choice and kept exactly ("iPhone", "KAOS")."""

from __future__ import annotations

import pytest

from conversations.seller.changes import CreateProduct
from language.names import tidy_name
from tests.seller_support import SellerChat
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
