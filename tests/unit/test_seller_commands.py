"""Real-style seller messages, one per row, with the exact change each must make, and the
messages that must change nothing (refused, asked back, or only shown). Pure routing over
the demo shop as its seller sees it; Keripik Kentang Balado is hidden."""

from __future__ import annotations

import pytest

from language.money import rupiah
from conversations.seller.stock import SellerStock
from tests.seller_support import SellerChat

CHANGES = [
    # stock set: word orders, typos, slang, number words, units in names
    ("stok keripik pedas 20", ("KRP-SGK-PDS", "stock", 40, 20)),
    ("Stok Rendang: 9", ("FRZ-RDG", "stock", 6, 9)),
    ("stok rendang tinggal 5", ("FRZ-RDG", "stock", 6, 5)),
    ("rendang tinggal 4", ("FRZ-RDG", "stock", 6, 4)),
    ("sisa pempek 3", ("FRZ-PMK", "stock", 10, 3)),
    ("stok 20 kastengel", ("KUE-KST", "stock", 8, 20)),
    ("kastengel stok 25", ("KUE-KST", "stock", 8, 25)),
    ("Stock kripik pedes 15", ("KRP-SGK-PDS", "stock", 40, 15)),
    ("setok roa 7", ("SBL-ROA", "stock", 12, 7)),
    ("stk dimsum 30", ("FRZ-DMS", "stock", 20, 30)),
    ("stok dimsum isi 10 25", ("FRZ-DMS", "stock", 20, 25)),
    ("stok teh rosella 1 liter 5", ("MNM-RSL", "stock", 12, 5)),
    ("stok rosella dua puluh", ("MNM-RSL", "stock", 12, 20)),
    ("stok jahe selusin", ("MNM-JHE", "stock", 30, 12)),
    ("stok putri salju lima belas", ("KUE-PTS", "stock", 10, 15)),
    ("stok rendang = 11", ("FRZ-RDG", "stock", 6, 11)),
    ("stoknya lidah kucing jadi 30", ("KUE-LDK", "stock", 14, 30)),
    ("update stok jus jambu 40", ("MNM-JMB", "stock", 20, 40)),
    ("stok kripik tempe 50 toples", ("KRP-TMP", "stock", 30, 50)),
    ("stok es kopi susu skrg 10", ("MNM-KPS", "stock", 24, 10)),
    ("stok nastar keju 1.000", ("KUE-NST-KJU", "stock", 10, 1000)),
    ("stok siomay ada 8 bungkus", ("FRZ-SMY", "stock", 16, 8)),
    ("sotk rendang 7", ("FRZ-RDG", "stock", 6, 7)),
    ("STOK SAMBAL TERASI 18", ("SBL-TRS", "stock", 25, 18)),
    ("stok sambel ijo 22 ya kak", ("SBL-IJO", "stock", 20, 22)),
    # sold out
    ("rendang habis", ("FRZ-RDG", "stock", 6, 0)),
    ("risol abis", ("FRZ-RSL", "stock", 15, 0)),
    ("risoles kosong", ("FRZ-RSL", "stock", 15, 0)),
    ("stok jus jambu habis", ("MNM-JMB", "stock", 20, 0)),
    ("pisang coklat sold out", ("KRP-PSG-CKL", "stock", 25, 0)),
    ("kastengel udah ga ada", ("KUE-KST", "stock", 8, 0)),
    # stock in
    ("stok nastar keju +10", ("KUE-NST-KJU", "stock", 10, 20)),
    ("stok +5 kastengel", ("KUE-KST", "stock", 8, 13)),
    ("tambah stok siomay 10", ("FRZ-SMY", "stock", 16, 26)),
    ("dimsum tambah 5", ("FRZ-DMS", "stock", 20, 25)),
    ("restok pempek 5", ("FRZ-PMK", "stock", 10, 15)),
    ("restock teh rosella 6", ("MNM-RSL", "stock", 12, 18)),
    ("stok sambal roa tambah tiga", ("SBL-ROA", "stock", 12, 15)),
    ("stok putri salju masuk 4", ("KUE-PTS", "stock", 10, 14)),
    ("stok lidah kucing ditambah 6", ("KUE-LDK", "stock", 14, 20)),
    # stock out
    ("nastar nanas laku 2", ("KUE-NST-NNS", "stock", 12, 10)),
    ("rendang terjual 1", ("FRZ-RDG", "stock", 6, 5)),
    ("stok lidah kucing -4", ("KUE-LDK", "stock", 14, 10)),
    ("kurangi stok kastengel 3", ("KUE-KST", "stock", 8, 5)),
    ("stok jahe kurang 5", ("MNM-JHE", "stock", 30, 25)),
    ("terjual 2 sambal roa", ("SBL-ROA", "stock", 12, 10)),
    ("stok es kopi dikurangi dua", ("MNM-KPS", "stock", 24, 22)),
    # price set: every Rupiah form
    ("harga sambal bawang 19rb", ("SBL-BWG", "price", 18000, 19000)),
    ("harga nastar keju 90rb", ("KUE-NST-KJU", "price", 85000, 90000)),
    ("harga kastengel Rp 95.000", ("KUE-KST", "price", 90000, 95000)),
    ("harga putri salju 72.500", ("KUE-PTS", "price", 70000, 72500)),
    ("harga lidah kucing 47000", ("KUE-LDK", "price", 45000, 47000)),
    ("harga dimsum tiga puluh tujuh ribu", ("FRZ-DMS", "price", 35000, 37000)),
    ("harga siomay 33k", ("FRZ-SMY", "price", 32000, 33000)),
    ("hrg jus jambu 13rb", ("MNM-JMB", "price", 12000, 13000)),
    ("harga es kopi jadi 20 ribu", ("MNM-KPS", "price", 18000, 20000)),
    ("ubah harga teh rosella ke 27.000", ("MNM-RSL", "price", 25000, 27000)),
    ("harga rendang 125rb", ("FRZ-RDG", "price", 120000, 125000)),
    ("pempek harganya 60rb", ("FRZ-PMK", "price", 55000, 60000)),
    ("harga risoles rp42rb", ("FRZ-RSL", "price", 40000, 42000)),
    ("Harga Keripik Tempe Rp13.500,-", ("KRP-TMP", "price", 12000, 13500)),
    ("harga wedang jahe 23 rebu", ("MNM-JHE", "price", 22000, 23000)),
    # price up and down
    ("harga kering tempe naik 2rb", ("KRG-TMP", "price", 20000, 22000)),
    ("kering tempe naik goceng", ("KRG-TMP", "price", 20000, 25000)),
    ("harga rendang turun 10rb", ("FRZ-RDG", "price", 120000, 110000)),
    ("naikkan harga sambal ijo 1000", ("SBL-IJO", "price", 18000, 19000)),
    ("harga sambal terasi +2rb", ("SBL-TRS", "price", 16000, 18000)),
    ("harga keripik singkong original turun seceng", ("KRP-SGK-ORI", "price", 13000, 12000)),
    ("harga nastar nanas naik lima ribu", ("KUE-NST-NNS", "price", 75000, 80000)),
    # "naik/turun" with the new price, no "jadi": a step by it would be a slip, the amount lies the way said
    ("harga rendang naik 125rb", ("FRZ-RDG", "price", 120000, 125000)),
    ("rendang turun 115rb", ("FRZ-RDG", "price", 120000, 115000)),
    # stock said as "ready", shorthand before the seller's phrases
    ("rendang ready 9", ("FRZ-RDG", "stock", 6, 9)),
    # low-stock threshold, visibility
    ("batas stok rendang 2", ("FRZ-RDG", "low_stock_threshold", 5, 2)),
    ("stok minimal nastar keju 3", ("KUE-NST-KJU", "low_stock_threshold", 5, 3)),
    ("sembunyikan rendang", ("FRZ-RDG", "visible", True, False)),
    ("rendang hide dulu", ("FRZ-RDG", "visible", True, False)),
    ("tampilkan keripik kentang", ("KRP-KTG", "visible", False, True)),
    ("munculin lagi kentang balado", ("KRP-KTG", "visible", False, True)),
]


def shown(field: str, value: object) -> str:
    if field == "price":
        return rupiah(value)  # type: ignore[arg-type]
    if field == "visible":
        return "tampil" if value else "disembunyikan"
    return str(value)


@pytest.mark.parametrize(("message", "change"), CHANGES, ids=[m for m, _ in CHANGES])
def test_a_seller_message_makes_exactly_this_change_and_confirms_before_and_after(message, change):
    chat = SellerChat()
    chat.send(message)
    assert chat.change() == change
    sku, field, before, after = change
    assert f"{shown(field, before)} → {shown(field, after)}" in chat.text
    assert chat.desk.by_sku(sku).name in chat.text and "batalkan" in chat.text


# (message, what the reply must say); none of these may change anything.
REFUSED = [
    ("stok durian 10", "belum ada di toko"),
    ("sembunyikan durian", "tidak ketemu"),
    ("stok 10", "yang mana"),
    ("harga 20rb", "yang mana"),
    ("sembunyikan", "yang mana"),
    ("stok rendang 2,5", "harus bulat"),
    ("harga rendang 1,5", "harus bulat"),
    ("stok rendang 5 atau 6", "dua angka"),
    ("stok rendang 20rb", "bukan rupiah"),
    ("harga rendang naik 10%", "persen"),
    ("rendang habis 5", "Habis atau 5"),
    ("stok nastar keju 200000", "kebanyakan"),
    ("stok lidah kucing -50", "cuma 14"),
    ("harga rendang turun 200rb", "tidak bisa turun"),
    ("harga rendang 0", "lebih dari Rp0"),
    ("harga kastengel 999.999.999", "terlalu besar"),
    ("stok rendang 6", "memang sudah 6"),
    ("harga sambal bawang 18rb", "memang sudah Rp18.000"),
    ("sembunyikan keripik kentang", "memang sudah disembunyikan"),
    ("tampilkan rendang", "memang sudah tampil"),
    ("stok rendang", "Stok: 6"),
    ("harga nastar keju", "Harga: Rp85.000"),
    ("rendang tinggal berapa?", "Stok: 6"),
    ("rendang habis?", "Stok: 6"),
    ("batalkan", "Tidak ada perubahan"),
    ("rekap bulan depan", "Rekap yang bisa"),
]


@pytest.mark.parametrize(("message", "says"), REFUSED, ids=[m for m, _ in REFUSED])
def test_a_message_that_cannot_be_done_safely_changes_nothing_and_says_why(message, says):
    chat = SellerChat()
    chat.send(message)
    assert not chat.passed and chat.effects == []
    assert says in chat.text
    assert chat.state == ""


# (message, the question asked, the choices offered); answering is a separate step.
ASKED = [
    ("stok nastar 10", SellerStock.PICK, ["Nastar Keju 500g (stok 10)", "Nastar Nanas 500g (stok 12)"]),
    ("stok +10 nastar", SellerStock.PICK, ["Nastar Keju 500g (stok 10)", "Nastar Nanas 500g (stok 12)"]),
    ("stok keripik singkong 10", SellerStock.PICK,
     ["Keripik Singkong Pedas 250g (stok 40)", "Keripik Singkong Original 250g (stok 35)"]),
    ("harga sambal 20rb", SellerStock.PICK,
     ["Sambal Roa 150ml (Rp25.000)", "Sambal Ijo 150ml (Rp18.000)", "Sambal Bawang 150ml (Rp18.000)"]),
    ("harga nastar keju 8rb", SellerStock.CONFIRM, ["✅ Ya, ubah", "❌ Jangan"]),
    ("harga nastar keju 200rb", SellerStock.CONFIRM, ["✅ Ya, ubah", "❌ Jangan"]),
    ("harga putri salju 75", SellerStock.CONFIRM, ["✅ Ya, ubah", "❌ Jangan"]),
    # by 250rb or to 250rb, either way the price doubles: asked
    ("harga rendang naik 250rb", SellerStock.CONFIRM, ["✅ Ya, ubah", "❌ Jangan"]),
]


@pytest.mark.parametrize(("message", "state", "buttons"), ASKED, ids=[m for m, _, _ in ASKED])
def test_an_unclear_or_surprising_message_is_asked_back_before_any_change(message, state, buttons):
    chat = SellerChat()
    chat.send(message)
    assert chat.effects == [] and chat.state == state
    assert chat.buttons == buttons


@pytest.mark.parametrize("message", ["pesan 2 nastar", "nastar", "kurangi 1 nastar", "cari rendang", "keranjang",
                                     "checkout", "katalog", "tambah 2 rendang", "ada rendang?"])
def test_shopping_words_from_a_seller_in_buyer_mode_are_left_to_the_customer_flows(message):
    chat = SellerChat()
    chat.send("mode pembeli")
    assert "mode penjual" in chat.text and chat.data["shopping"] is True
    chat.send(message)
    assert chat.passed and chat.data["shopping"] is True  # the engine keeps `forget(data)`: still shopping


@pytest.mark.parametrize(("message", "near"), [("pesan 2 nastar", "pesanan hari ini"),
                                               ("export", "stok"), ("promosi dong", "promo baru"),
                                               ("tolong lunasin KD-0042", "lunas KD-0042")])
def test_a_sellers_unknown_text_stays_a_sellers_with_the_closest_commands(message, near):
    chat = SellerChat()
    chat.send(message)
    assert not chat.passed and chat.effects == [] and chat.state == ""
    assert "belum kami kenal" in chat.text and near in chat.text and "mode pembeli" in chat.text


def test_a_seller_goes_shopping_and_comes_back():
    chat = SellerChat()
    chat.send("belanja")
    chat.send("pesan 2 nastar")
    assert chat.passed
    chat.send("stok nastar keju 20")  # a seller command still works while shopping
    assert chat.change() is not None
    chat.send("mode penjual")
    assert "Kembali ke *mode penjual*" in chat.text and "shopping" not in chat.data
    chat.send("pesan 2 nastar")
    assert not chat.passed and "belum kami kenal" in chat.text
