"""Re-order and history as scripted dialogues: "pesan lagi" refills the cart from the last order
as today's stock allows (sold out left out, short stock capped, options by sku), and the history
lists past orders with a button each."""

from __future__ import annotations

from datetime import timedelta

from catalog.products import MemoryCatalog
from conversations.ports import OrderSummary
from tests.support import NOW, Dialogue, FakeOrders, demo_products


def past(code: str, *items: tuple[str, int, str], status: str = "completed", days: int = 3, total: int = 100000):
    return OrderSummary(code, status, total, NOW - timedelta(days=days), "bank_transfer", items=items)


LAST = past("KD-0007", ("KUE-NST-KJU", 2, "Nastar Keju 500g"), ("FRZ-RDG", 3, "Rendang Sapi 500g (beku)"),
            ("SBL-ROA", 1, "Sambal Roa 150ml"))
OLDER = past("KD-0003", ("KRP-TMP", 4, "Keripik Tempe 150g"), days=20, total=48000)


def chat(*orders: OrderSummary, **stock: int) -> Dialogue:
    d = Dialogue(catalog=MemoryCatalog(demo_products(**stock)), orders=FakeOrders(list(orders)))
    d.send("halo")
    return d


def test_pesan_lagi_leaves_out_what_is_sold_out_caps_what_is_short_and_says_so():
    d = chat(LAST, OLDER, KUE_NST_KJU=0, FRZ_RDG=2)
    d.send("pesan lagi")
    assert d.cart == {"FRZ-RDG": 2, "SBL-ROA": 1}
    assert "KD-0007" in d.text and "Nastar Keju" in d.text and "habis" in d.text
    assert "tinggal 2" in d.text and "sebelumnya 3" in d.text
    assert "Checkout" in " ".join(b.label for r in d.last for b in r.buttons)


def test_pesan_lagi_adds_to_what_is_in_the_cart_and_a_gone_product_is_named_as_ordered():
    d = chat(past("KD-0009", ("KRP-TMP", 2, "Keripik Tempe 150g"), ("OLD-SKU", 1, "Kue Lama")))
    d.send("pesan 1 keripik tempe")
    d.send("Pesan lagi!")
    assert d.cart == {"KRP-TMP": 3}
    assert "Kue Lama" in d.text and "tidak dijual" in d.text


def test_everything_sold_out_adds_nothing_and_says_so():
    d = chat(past("KD-0002", ("KUE-KST", 1, "Kastengel 500g")), KUE_KST=0)
    d.send("beli lagi")
    assert d.cart == {} and "tidak tersedia" in d.text


def test_no_past_order_to_repeat():
    d = chat()
    d.send("pesan lagi")
    assert d.cart == {} and "belum pernah pesan" in d.text


def test_history_lists_orders_with_date_in_shop_time_and_a_reorder_button_each():
    d = chat(LAST, OLDER)
    d.send("riwayat pesanan")
    assert "KD-0007" in d.text and "KD-0003" in d.text and "Rp48.000" in d.text and "selesai" in d.text.lower()
    assert (NOW - timedelta(days=20)).strftime("%-d") in d.text
    d.press("Pesan lagi KD-0003")
    assert d.cart == {"KRP-TMP": 4}
    d.send("riwayat")
    d.send(choice="again:KD-9999")  # a forged or stale button: nothing added, said plainly
    assert d.cart == {"KRP-TMP": 4} and "tidak kami temukan" in d.text


def test_reorder_in_a_customers_own_words_with_changes_after_it():
    d = chat(LAST)
    d.send("pesan lagi yang kemarin tapi nastarnya 1 aja")
    assert d.cart == {"KUE-NST-KJU": 1, "FRZ-RDG": 3, "SBL-ROA": 1} and "jadi 1" in d.text
    d = chat(LAST)
    d.send("kak pesen lagi kaya minggu lalu ya, tapi sambalnya ga usah")
    assert d.cart == {"KUE-NST-KJU": 2, "FRZ-RDG": 3} and "sesuai permintaan" in d.text
    d = chat(LAST)
    d.send("samain kaya pesanan terakhir, tambah kastengel 1")
    assert d.cart == {"KUE-NST-KJU": 2, "FRZ-RDG": 3, "SBL-ROA": 1, "KUE-KST": 1}


def test_a_product_named_right_after_pesan_lagi_is_a_new_order_not_a_reorder():
    d = chat(LAST)
    d.send("pesan lagi 2 kastengel")
    assert d.cart == {"KUE-KST": 2}


def test_the_reorder_said_twice_is_put_in_the_cart_once():
    d = chat(LAST)
    d.send("pesen yang kemarin lagi kak")
    assert d.cart == {"KUE-NST-KJU": 2, "FRZ-RDG": 3, "SBL-ROA": 1}
    d.send("sama kayak biasa")  # said again: still one order's worth, and the customer is told why
    assert d.cart == {"KUE-NST-KJU": 2, "FRZ-RDG": 3, "SBL-ROA": 1}
    assert "sudah ada di keranjang" in d.text and "Ubah jumlah" in d.text
