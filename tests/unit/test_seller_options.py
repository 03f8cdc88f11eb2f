"""Scripted seller dialogues over a catalog with options: stock and price of one option by chat
(its size is part of its name, never a second number), and new products with options."""

from __future__ import annotations

from conversations.seller.changes import CreateProduct
from conversations.seller.ports import SellerProduct
from tests.option_support import option_products
from tests.seller_support import MemoryDesk, SellerChat


def seller() -> SellerChat:
    items = [SellerProduct(p.id, p.sku, p.name, p.category, p.price, p.stock, True, None, 5, p.family_id, p.option)
             for p in option_products()]
    return SellerChat(desk=MemoryDesk(items=items))


def test_stock_and_price_of_one_option_by_chat():
    for text, change in (("stok kemeja parang XL 4", ("KMJ-PRG-XL", "stock", 2, 4)),
                         ("stok kastengel 500 sisa 4", ("KST-500", "stock", 6, 4)),
                         ("harga kastengel 500 95rb", ("KST-500", "price", 110000, 95000)),
                         ("stok sambal level 5 jadi 20", ("SBW-L5", "stock", 25, 20)),
                         ("stok +3 kopi susu 1 liter", ("KPS-1L", "stock", 8, 11))):
        c = seller()
        c.send(text)
        assert c.change() == change, (text, c.text)
    c = seller()
    c.send("stok kemeja parang XL 4")
    assert "Stok *Kemeja Batik Parang — XL*: 2 → 4" in c.text


def test_a_product_named_without_its_option_asks_which_with_each_options_value():
    c = seller()
    c.send("stok sambal bawang 10")
    assert c.change() is None
    assert c.buttons == ["Sambal Bawang — Level 3 (stok 30)", "Sambal Bawang — Level 5 (stok 25)",
                         "Semua pilihan (Level 3, Level 5)"]
    c.press("Level 5")
    assert c.change() == ("SBW-L5", "stock", 25, 10)


def test_a_size_alone_with_the_price_word_shows_the_option_and_changes_nothing():
    c = seller()
    c.send("harga rendang 500")
    assert c.change() is None and "Rendang Sapi — 500g" in c.text and "Rp125.000" in c.text


def test_a_new_product_with_options_in_one_line():
    c = seller()
    c.send("produk baru Kemeja Batik Lereng M/L/XL 185rb stok 5/5/3")
    created = next(e for e in c.effects if isinstance(e, CreateProduct))
    assert (created.name, created.category) == ("Kemeja Batik Lereng", "Batik")
    assert created.options == (("M", 185000, 5, "size"), ("L", 185000, 5, "size"), ("XL", 185000, 3, "size"))
    assert "• XL — Rp185.000 · 📦 stok 3" in c.text


def test_a_new_product_with_options_step_by_step_and_a_price_per_option():
    c = seller()
    c.send("produk baru")
    c.send("Nastar Coklat 250g/500g")
    assert "per pilihan" in c.text
    c.send("60rb/110rb")
    assert "Stok tiap pilihan" in c.text
    c.send("10/5")
    c.press("Kue Kering")
    created = next(e for e in c.effects if isinstance(e, CreateProduct))
    assert created.options == (("250g", 60000, 10, "weight"), ("500g", 110000, 5, "weight"))


def test_stocks_that_do_not_match_the_options_are_asked_again():
    c = seller()
    c.send("produk baru Kaos Lurik merah/biru/hijau 50rb stok 5/5")
    assert "Stok tiap pilihan" in c.text and "Merah/Biru/Hijau" in c.text
    assert not any(isinstance(e, CreateProduct) for e in c.effects)
    c.send("5")  # one stock for all
    c.press("Batik")
    created = next(e for e in c.effects if isinstance(e, CreateProduct))
    assert [o[2] for o in created.options] == [5, 5, 5]


def changes(c: SellerChat) -> list[tuple[str, str, object, object]]:
    return [(c.desk.product(e.product_id).sku, e.field, e.before, e.after) for e in c.effects
            if type(e).__name__ == "ProductChange"]


def test_one_price_for_every_size_in_one_message():
    for text in ("harga kemeja parang semua ukuran 190rb", "harga kemeja parang 190rb semua",
                 "harga semua ukuran kemeja parang jadi 190rb"):
        c = seller()
        c.send(text)
        assert changes(c) == [("KMJ-PRG-M", "price", 185000, 190000), ("KMJ-PRG-L", "price", 185000, 190000),
                              ("KMJ-PRG-XL", "price", 195000, 190000)], (text, c.text)
        assert "✅ Harga semua pilihan *Kemeja Batik Parang*:" in c.text and "• XL: Rp195.000 → Rp190.000" in c.text


def test_semua_answers_which_size_and_the_button_does_the_same():
    c = seller()
    c.send("harga kemeja parang 190rb")
    assert c.buttons[-1] == "Semua pilihan (M, L, XL)" and changes(c) == []
    c.send("semua ukuran")
    assert [after for *_, after in changes(c)] == [190000, 190000, 190000]
    c = seller()
    c.send("stok sambal bawang 10")
    c.press("Semua pilihan")
    assert changes(c) == [("SBW-L3", "stock", 30, 10), ("SBW-L5", "stock", 25, 10)]


def test_a_price_for_every_size_that_looks_like_a_slip_changes_nothing():
    c = seller()
    c.send("harga kemeja parang semua 19rb")
    assert changes(c) == [] and "Tidak ada yang diubah" in c.text
    c = seller()
    c.send("sembunyikan semua ukuran kemeja parang")
    assert [(sku, after) for sku, _, _, after in changes(c)] == [("KMJ-PRG-M", False), ("KMJ-PRG-L", False),
                                                                 ("KMJ-PRG-XL", False)]


def test_hiding_a_product_with_sizes_hides_every_size_and_one_size_named_alone():
    c = seller()
    c.send("sembunyikan kemeja parang")
    assert [(sku, after) for sku, _, _, after in changes(c)] == [("KMJ-PRG-M", False), ("KMJ-PRG-L", False),
                                                                 ("KMJ-PRG-XL", False)]
    c = seller()
    c.send("sembunyikan kemeja parang xl")
    assert [(sku, after) for sku, _, _, after in changes(c)] == [("KMJ-PRG-XL", False)]


def test_stock_that_came_in_is_added():
    c = seller()
    c.send("kemeja kawung L dateng 5")
    assert c.change() == ("KMJ-KWG-L", "stock", 5, 10)


def test_a_which_one_button_pressed_after_another_command_says_the_question_is_over():
    c = seller()
    c.send("harga kemeja kawung 190rb")
    old = c.last[0].buttons[0].value
    c.send("stok kemeja parang xl 3")
    c.send(choice=old)
    assert "Pertanyaan tadi sudah lewat" in c.text and "Mungkin maksudnya" not in c.text
