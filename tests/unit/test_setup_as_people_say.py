"""The shop's setup by chat answered the way a new owner, not used to bots, writes: a yes with
more words, "udah itu aja", hours without a comma, a shirt in three sizes, a price or stock sent
in the next message (conversations.seller.setup, setup_products; shops.hours)."""

from __future__ import annotations

from conversations.seller.changes import CreateProduct
from conversations.seller.setup import SellerSetup
from tests.unit.test_shop_setup_dialogue import claimed


def at_products():
    chat = claimed()
    chat.press("Sudah benar")
    for answer in ("lewati", "lewati", "lewati", "lewati"):
        chat.send(answer)
    assert chat.state == SellerSetup.PRODUCTS
    return chat


def test_a_yes_with_more_words_keeps_the_shop_name():
    for answer in ("iya bener", "sudah benar kak", "ya betul", "Iya kak, bener"):
        chat = claimed()
        chat.send(answer)
        assert chat.shop.name == "Batik Sekar" and chat.applied == [], answer
        assert chat.state == SellerSetup.ADDRESS and "Langkah 2 dari 6" in chat.text
    chat = claimed()
    chat.send("Batik Sekar Ayu")  # a name, not a yes
    assert chat.shop.name == "Batik Sekar Ayu" and chat.state == SellerSetup.ADDRESS


def test_done_with_a_menu_in_the_owners_words():
    chat = claimed()
    chat.press("Sudah benar")
    chat.send("lewati")
    chat.send("lewati")
    chat.press("Terima COD")
    chat.send("udah itu aja")
    assert chat.state == SellerSetup.DELIVERY and "Langkah 5 dari 6" in chat.text
    chat.press("Bisa ambil sendiri")
    chat.send("sudah cukup kak")
    assert chat.state == SellerSetup.PRODUCTS


def test_hours_without_a_comma_are_read_and_said_back():
    chat = claimed()
    chat.press("Sudah benar")
    chat.send("lewati")
    chat.send("senin sampe sabtu jam 8 pagi sampe jam 5 sore minggu libur")
    assert "• Senin–Sabtu: 08.00–17.00\n• Minggu: tutup" in chat.text and chat.shop.hours() is not None


def test_a_product_with_sizes_in_the_setup_is_one_product_with_its_options():
    chat = at_products()
    chat.send("Kemeja Batik Kawung M/L/XL 150rb stok 5/5/3")
    [effect] = [e for e in chat.applied if isinstance(e, CreateProduct)]
    assert effect.name == "Kemeja Batik Kawung"
    assert [(o[0], o[1], o[2]) for o in effect.options] == [("M", 150000, 5), ("L", 150000, 5), ("XL", 150000, 3)]
    assert "• XL — Rp150.000 · stok 3" in chat.text and chat.state == SellerSetup.PRODUCTS


def test_a_missing_stock_or_price_can_be_sent_alone_next():
    chat = at_products()
    chat.send("Blangkon 45rb")
    assert "stoknya belum kebaca" in chat.text and "misal _10_" in chat.text and chat.applied == []
    chat.send("10")
    [effect] = [e for e in chat.applied if isinstance(e, CreateProduct)]
    assert (effect.name, effect.price, effect.stock) == ("Blangkon", 45000, 10)
    assert "✅ *Blangkon* · Rp45.000 · stok 10" in chat.text
    chat.send("Selendang Lurik stok 4")
    chat.send("85rb")
    assert (chat.applied[-1].name, chat.applied[-1].price, chat.applied[-1].stock) == ("Selendang Lurik", 85000, 4)
    chat.send("Daster Batik merah/biru 85rb")
    assert "misal _10/10_" in chat.text
    chat.send("4/6")
    assert [(o[0], o[2]) for o in chat.applied[-1].options] == [("Merah", 4), ("Biru", 6)]


def test_a_new_line_after_a_missing_stock_is_a_new_product_and_an_unreadable_answer_asks_again():
    chat = at_products()
    chat.send("Blangkon 45rb")
    chat.send("Sarung Tenun 120rb stok 3")
    assert [(e.name, e.stock) for e in chat.applied] == [("Sarung Tenun", 3)]
    chat.send("Blangkon 45rb")
    chat.send("banyak")
    assert chat.applied[-1].name == "Sarung Tenun" and "stoknya belum kebaca" in chat.text
    chat.send("12 pcs")
    assert (chat.applied[-1].name, chat.applied[-1].stock) == ("Blangkon", 12)


def test_two_places_without_a_comma_are_pointed_out_and_delivery_beyond_the_areas_is_shown():
    chat = claimed()
    chat.press("Sudah benar")
    for answer in ("lewati", "lewati", "lewati"):
        chat.send(answer)
    chat.press("Tambah area antar")
    chat.send("jogja kota 10rb\nsleman bantul 15 rb\nluar kota ongkir nyusul")
    assert "*sleman bantul* kami baca sebagai satu nama daerah" in chat.text
    assert "_Sleman, Bantul Rp15.000_" in chat.text and "*jogja kota*" not in chat.text
    assert "🛵 Area antar: jogja kota (Rp10.000), sleman bantul (Rp15.000), luar kota (ongkir menyusul)" in chat.text
    chat.press("Tambah area antar")
    chat.send("Sleman, Bantul 15rb")
    assert "satu nama daerah" not in chat.text
    assert chat.shop.zone_for_address("Jl. Kaliurang Km 9, Sleman").name == "Sleman, Bantul"


def test_the_payment_and_delivery_menus_read_a_sentence_and_say_what_to_type_otherwise():
    chat = claimed()
    chat.press("Sudah benar")
    chat.send("lewati")
    chat.send("lewati")
    chat.send("bisa cod juga")
    assert [m.kind for m in chat.shop.payment_methods] == ["cod"] and "💵 COD: ✅ ya" in chat.text
    chat.send("qris blm punya")
    assert "QRIS bisa ditambah kapan saja" in chat.text and chat.state == SellerSetup.PAYMENT
    chat.send("ga jadi cod deh")
    assert chat.shop.payment_methods == []
    chat.send("terserah")
    assert "atau ketik _rekening_, _qris_, _cod_" in chat.text and chat.state == SellerSetup.PAYMENT
    chat.send("lanjut")
    chat.send("bisa diantar ke luar kota juga pake jne")
    assert chat.state == SellerSetup.ZONES and "Luar kota menyusul" in chat.text
    chat.send("Luar kota menyusul")
    assert chat.shop.outside_zones.allowed and chat.state == SellerSetup.DELIVERY
    chat.send("bisa diambil di toko")
    assert chat.shop.pickup
    chat.send("hmm")
    assert "atau ketik _ambil sendiri_, _antar_" in chat.text and chat.state == SellerSetup.DELIVERY


def test_several_areas_on_one_line_are_split_after_each_fee():
    from conversations.seller.shop_words import zones
    read = zones("bandung kota 10rb, luar kota menyusul")
    assert [(z["name"], z["fee"], z.get("quote", False)) for z in read] == [("bandung kota", 10000, False),
                                                                            ("luar kota", 0, True)]
    assert [(z["name"], z["areas"]) for z in zones("Sleman, Bantul 15rb")] == [("Sleman, Bantul", ["sleman", "bantul"])]
    assert [(z["name"], z["fee"]) for z in zones("Sleman 15,000, Cimahi, Lembang gratis")] == [
        ("Sleman", 15000), ("Cimahi, Lembang", 0)]


def test_a_photo_sent_with_a_line_missing_its_stock_stays_with_the_product():
    chat = at_products()
    chat.send("Basreng Pedas 12rb", photo="AgACAgQAAxkBAAIBasreng")
    chat.send("30")
    [effect] = [e for e in chat.applied if isinstance(e, CreateProduct)]
    assert (effect.name, effect.stock, effect.image_url) == ("Basreng Pedas", 30, "AgACAgQAAxkBAAIBasreng")
    assert "🖼️ dengan foto" in chat.text
