"""A promo for a product with options (sizes, colours, weights) covers every option of it: the
seller names the product as customers see it, once ("kemeja parang", not each size)."""

from __future__ import annotations

from typing import Any

from conversations.base import Ctx, CustomerView, Turn
from conversations.seller import marketing as seller_marketing
from handlers import choices
from marketing.promotions import PRODUCT
from tests.option_support import option_catalog
from tests.support import Dialogue
from tests.unit.test_promo_dialogue import SellerChat


class OptionSellerChat(SellerChat):
    def send(self, text: str = "", **turn: Any) -> None:
        base = Dialogue(catalog=option_catalog()).ctx()
        ctx = Ctx(base.shop, base.catalog, CustomerView(9), base.orders, base.now, base.tz, promos=self.promos)
        step = seller_marketing.route(self.state, self.data, choices.interpret(Turn(text=text, **turn),
                                                                              self.data.get("_offered")), ctx)
        assert step is not None
        self.state, self.data = step.state, {k: v for k, v in step.data.items() if k != "_offered"}
        if offered := choices.remember(step.replies):
            self.data["_offered"] = offered
        self.effects += step.effects
        self.text = "\n".join(r.text for r in step.replies)


def test_a_percent_promo_on_a_product_with_sizes_covers_every_size():
    chat = OptionSellerChat()
    for line in ("promo baru", "Diskon %", "10", "Produk tertentu", "kemeja parang, nastar keju"):
        chat.send(line)
    assert "Belum ketemu" not in chat.text
    for line in ("otomatis", "tanpa syarat", "Simpan"):
        chat.send(line)
    spec = chat.effects[-1].spec
    assert spec.scope == PRODUCT
    assert set(spec.targets) == {"KMJ-PRG-M", "KMJ-PRG-L", "KMJ-PRG-XL", "NST-KJ-250", "NST-KJ-500"}


def test_one_option_named_is_that_option_alone_and_an_unknown_name_is_still_refused():
    chat = OptionSellerChat()
    for line in ("promo baru", "Diskon %", "10", "Produk tertentu", "kemeja parang xl"):
        chat.send(line)
    for line in ("otomatis", "tanpa syarat", "Simpan"):
        chat.send(line)
    assert chat.effects[-1].spec.targets == ("KMJ-PRG-XL",)
    chat = OptionSellerChat()
    for line in ("promo baru", "Diskon %", "10", "Produk tertentu", "sepatu kulit"):
        chat.send(line)
    assert "Belum ketemu: sepatu kulit" in chat.text


def test_the_promo_names_a_whole_product_once_and_a_single_option_by_its_own_name():
    chat = OptionSellerChat()
    for line in ("promo baru", "Diskon %", "10", "Produk tertentu", "kemeja parang, kastengel 500", "otomatis",
                 "tanpa syarat"):
        chat.send(line)
    assert "diskon 10% untuk Kemeja Batik Parang, Kastengel — 500g" in chat.text
