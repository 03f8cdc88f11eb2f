"""Scripted dialogues: a customer picks a product's option by button or by words, and the
quantity said before the option waits for it (conversations.customer.options)."""

from __future__ import annotations

from conversations.customer.checkout import PlaceOrder
from tests.option_support import option_catalog
from tests.support import Dialogue


def chat(**stock: int) -> Dialogue:
    d = Dialogue(catalog=option_catalog(**stock), name="Rina")
    d.send("halo")
    return d


def labels(d: Dialogue) -> list[str]:
    return [b.label for r in d.last for b in r.buttons]


def test_an_order_sentence_with_sizes_adds_the_right_options_in_the_right_quantities():
    for text, cart in (("nastar keju 500 2", {"NST-KJ-500": 2}),
                       ("rendang 250 dua", {"RDG-250": 2}),
                       ("kemeja parang XL 2 sama L 1", {"KMJ-PRG-XL": 2, "KMJ-PRG-L": 1}),
                       ("pesan kemeja parang M 1 L 1", {"KMJ-PRG-M": 1, "KMJ-PRG-L": 1}),
                       ("sambal level 5 satu", {"SBW-L5": 1}),
                       ("kopi susu seliter 2 botol", {"KPS-1L": 2}),
                       ("rendang setengah kilo 1", {"RDG-500": 1}),
                       ("keripik singkong pedas 2 sama original 1", {"KRS-PDS": 2, "KRS-ORI": 1})):
        d = chat()
        d.send(text)
        assert d.cart == cart, text
    d = chat()
    d.send("kemeja parang XL 2 sama L 1")
    assert "2 × Kemeja Batik Parang — XL" in d.text and "1 × Kemeja Batik Parang — L" in d.text


def test_a_missing_option_is_asked_with_buttons_and_the_quantity_waits_for_it():
    d = chat()
    d.send("pesan 2 nastar keju")
    assert d.cart == {} and "Nastar Keju* yang mana" in d.text and "(2 pcs)" in d.text
    assert labels(d)[:2] == ["250g — Rp55.000", "500g — Rp100.000"]
    d.press("500g")
    assert d.cart == {"NST-KJ-500": 2}


def test_the_option_can_be_typed_in_words_and_half_a_kilo_is_500g():
    for answer in ("yang 500", "1/2 kg aja", "setengah kilo"):
        d = chat()
        d.send("pesan 3 nastar keju")
        d.send(answer)
        assert d.cart == {"NST-KJ-500": 3}, answer
    d = chat()
    d.send("kemeja parang 2")
    d.send("xl")
    assert d.cart == {"KMJ-PRG-XL": 2}


def test_an_option_the_product_lacks_is_named_with_the_ones_it_has():
    d = chat()
    d.send("pesan kemeja kawung xl 1")
    assert "tidak ada XL" in d.text and "Adanya: M, L" in d.text
    assert labels(d)[:2] == ["M — Rp175.000", "L — Rp175.000"] and d.cart == {}
    d.press("L —")
    assert d.cart == {"KMJ-KWG-L": 1}


def test_a_question_between_products_then_the_next_line_follows_the_one_chosen():
    d = chat()
    d.send("nastar 500 2, yg 250 satu")  # Nastar Original 500g and Nastar Keju 500g both fit
    assert d.cart == {} and {"Nastar Original 500g — Rp90.000", "Nastar Keju — 500g — Rp100.000"} <= set(labels(d))
    d.press("Nastar Keju")
    assert d.cart == {"NST-KJ-500": 2, "NST-KJ-250": 1}


def test_a_sold_out_option_is_not_offered_and_a_product_all_sold_out_says_so():
    d = chat(KMJ_PRG_XL=0)
    d.send("kemeja parang 1")
    assert "XL —" not in " ".join(labels(d)) and "M — Rp185.000" in labels(d)
    d = chat(RDG_250=0, RDG_500=0)
    d.send("pesan rendang 1")
    assert "semua pilihan *Rendang Sapi* sedang habis" in d.text and d.cart == {}


def test_lists_show_a_product_once_with_its_price_range_and_its_page_shows_every_option():
    d = chat()
    d.send("katalog")
    d.press("Kue Kering")
    assert "Nastar Keju — Rp55.000–Rp100.000" in labels(d) and "Kastengel — Rp60.000–Rp110.000" in labels(d)
    assert sum("Nastar Keju" in b for b in labels(d)) == 1
    d.press("Nastar Keju")
    assert "• 250g — Rp55.000 (stok 20)" in d.text and "• 500g — Rp100.000 (stok 12)" in d.text
    d.send("500 2")
    assert d.cart == {"NST-KJ-500": 2}


def test_on_the_page_of_options_a_digit_picks_an_option_and_a_quantity_in_words_waits_for_one():
    d = chat()
    d.send("cari kemeja parang")
    assert "• XL — Rp195.000 (stok 2)" in d.text
    d.send("tiga")
    assert d.cart == {} and "(3 pcs)" in d.text
    d.press("L —")
    assert d.cart == {"KMJ-PRG-L": 3}
    d.send("cari kemeja parang")
    d.send("3")  # WhatsApp shows the options as a numbered list: 3 is the third, XL
    assert "*Kemeja Batik Parang — XL*" in d.text


def test_a_size_without_a_quantity_shows_that_option_and_changes_nothing():
    d = chat()
    d.send("rendang 250")
    assert d.cart == {} and "*Rendang Sapi — 250g*" in d.text and "Stok: 10" in d.text
    d.send("2")
    assert d.cart == {"RDG-250": 2}


def test_the_checkout_and_the_order_name_the_option():
    d = chat()
    d.send("kemeja parang XL 1")
    d.send("checkout")
    d.press("Ambil sendiri")
    d.press("Lewati")
    d.send("cod")
    assert "• 1 × Kemeja Batik Parang — XL = Rp195.000" in d.text
    d.send("ya")
    placed = next(e for e in d.effects if isinstance(e, PlaceOrder))
    assert [(ln.sku, ln.qty) for ln in placed.lines] == [("KMJ-PRG-XL", 1)]


def test_an_order_of_two_products_typed_on_a_product_page_adds_both():
    # On the page of one product's options, a sentence that also orders another product is a
    # whole order: neither line is dropped (the second used to vanish without a word).
    d = chat()
    d.send("cari kemeja parang")
    d.send("mau pesen kemeja parang yg XL 2 sama rendang 250 1")
    assert d.cart == {"KMJ-PRG-XL": 2, "RDG-250": 1}
    d = chat()
    d.send("cari kemeja parang")
    d.send("yg L 1 sama rendang 500 2")
    assert d.cart == {"KMJ-PRG-L": 1, "RDG-500": 2}


def test_an_answer_to_which_option_that_also_orders_another_product_keeps_both():
    d = chat()
    d.send("pesan 2 nastar keju")
    d.send("yg 500 aja sama rendang 250 1")
    assert d.cart == {"NST-KJ-500": 2, "RDG-250": 1}


def test_after_too_many_a_question_without_a_number_is_answered_not_asked_for_a_number():
    d = chat()
    d.send("pesan 10 kemeja parang xl")
    assert "tinggal 2" in d.text
    d.send("kalau rendang ada kak")
    assert "Jumlahnya belum kebaca" not in d.text and "Rendang Sapi" in d.text
    d = chat()
    d.send("pesan 10 kemeja parang xl")
    d.send("ambil semua yg ada aja")  # still the answer to "how many"
    assert d.cart == {"KMJ-PRG-XL": 2}
    d = chat()
    d.send("pesan 10 kemeja parang xl")
    d.send("banyak")  # one word: still asked for a number
    assert "Jumlahnya belum kebaca" in d.text
