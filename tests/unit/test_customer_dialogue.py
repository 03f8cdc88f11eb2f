"""Scripted customer dialogues through the pure routing: no database, no network."""

from __future__ import annotations

from catalog.products import MemoryCatalog
from conversations.customer.checkout import PlaceOrder, SetCustomerName
from shops.profile import ShopProfile
from tests.support import Dialogue, demo_products


def test_a_first_hello_greets_with_the_shop_profile_and_the_main_menu():
    chat = Dialogue()
    replies = chat.send("halo")
    assert "Dapur Bu Sri" in replies[0].text and "Jl. Kawi Atas" in replies[0].text
    assert [b.label for b in replies[0].buttons] == ["🛍️ Katalog", "🔎 Cari produk", "🧺 Keranjang", "📦 Pesanan saya", "❓ Bantuan"]


def test_browsing_categories_products_and_detail_then_adding_with_a_button():
    chat = Dialogue()
    chat.send("halo")
    chat.press("Katalog")
    assert "Keripik (6)" in [b.label for b in chat.last[0].buttons]
    chat.press("Sambal")
    assert "Sambal" in chat.text and "halaman 1 dari 1" in chat.text
    chat.press("Sambal Roa")
    assert "Rp25.000" in chat.text and "Stok: 12" in chat.text
    chat.press("+2")
    assert chat.cart == {"SBL-ROA": 2}
    assert "2 × Sambal Roa 150ml masuk keranjang" in chat.text


def test_a_typed_quantity_on_the_product_page_adds_that_many():
    chat = Dialogue()
    chat.send("halo")
    chat.send("cari nastar keju")
    assert "Nastar Keju 500g" in chat.text
    chat.send("tiga")
    assert chat.cart == {"KUE-NST-KJU": 3}


def test_free_text_order_fills_the_cart_and_asks_which_when_ambiguous():
    chat = Dialogue()
    chat.send("halo")
    chat.send("pesan 2 kripik pedes sama 1 sambel bawang")
    assert chat.cart == {"KRP-SGK-PDS": 2}
    assert "yang mana" in chat.text
    labels = [b.label for b in chat.last[-1].buttons]
    assert any("Sambal Bawang 150ml" in label for label in labels)
    chat.press("Sambal Bawang 150ml")
    assert chat.cart == {"KRP-SGK-PDS": 2, "SBL-BWG": 1}


def test_a_number_typed_picks_the_numbered_choice_and_a_label_typed_presses_it():
    chat = Dialogue()
    chat.send("halo")
    chat.send("1")  # Katalog
    assert "Kategori" in chat.text
    chat.send("menu")
    chat.send("keranjang")
    assert "Keranjang masih kosong" in chat.text


def test_more_than_stock_zero_and_negative_are_refused_with_a_hint_and_change_nothing():
    chat = Dialogue(catalog=MemoryCatalog(demo_products(FRZ_RDG=2)))
    chat.send("halo")
    chat.send("cari rendang")
    for bad, hint in (("5", "tinggal 2"), ("0", "minimal 1"), ("-3", "minimal 1"), ("banyak", "belum kebaca")):
        chat.send(bad)
        assert hint in chat.text, bad
        assert chat.cart == {}
    chat.send("2")
    assert chat.cart == {"FRZ-RDG": 2}


def test_empty_emoji_only_too_long_and_unknown_words_get_a_hint_and_keep_the_cart():
    chat = Dialogue()
    chat.send("halo")
    chat.send("pesan 2 keripik tempe")
    before = chat.cart
    for text, hint in (("", "kosong"), ("🙏🙏", "Terima kasih"), ("x" * 5000, "terlalu panjang"), ("qwzxv plok", "belum paham")):
        chat.send(text)
        assert hint in chat.text, text
        assert chat.cart == before


def test_cart_change_quantity_remove_and_empty():
    chat = Dialogue()
    chat.send("halo")
    chat.send("pesan 2 keripik tempe dan 1 nastar nanas")
    assert chat.cart == {"KRP-TMP": 2, "KUE-NST-NNS": 1}
    chat.send("keranjang")
    assert "Subtotal: *Rp99.000*" in chat.text
    chat.press("Ubah jumlah")
    chat.press("Keripik Tempe")
    chat.send("5")
    assert chat.cart["KRP-TMP"] == 5
    chat.press("Ubah jumlah")
    chat.press("Nastar Nanas")
    chat.send("0")
    assert chat.cart == {"KRP-TMP": 5}
    chat.press("Kosongkan")
    assert chat.cart == {}


def test_checkout_with_delivery_asks_everything_then_shows_the_summary_and_places_the_order():
    chat = Dialogue()
    chat.send("halo")
    chat.send("pesan 2 keripik singkong pedas")
    chat.press("Checkout")
    assert "atas nama siapa" in chat.text
    chat.send("Siti Rahayu")
    assert SetCustomerName("Siti Rahayu") in chat.effects
    chat.press("Diantar")
    chat.send("Jl. Ijen No. 5, Klojen")
    assert "Area Dalam Kota Malang, ongkir Rp10.000" in chat.text
    chat.send("jangan terlalu pedas")
    chat.press("Transfer bank")
    assert "Subtotal: Rp30.000" in chat.text and "Ongkir (Dalam Kota Malang): Rp10.000" in chat.text
    assert "*Total: Rp40.000*" in chat.text and "jangan terlalu pedas" in chat.text
    chat.press("Pesan sekarang")
    placed = [e for e in chat.effects if isinstance(e, PlaceOrder)]
    assert len(placed) == 1 and placed[0].zone_id == "dalam-kota" and placed[0].note == "jangan terlalu pedas"
    assert "KD-0001" in chat.text and "BCA 3150123456" in chat.text
    assert chat.cart == {}


def test_a_remembered_name_is_not_asked_again_and_pickup_skips_the_address():
    chat = Dialogue(name="Siti")
    chat.send("halo")
    chat.send("pesan 1 sambal roa")
    chat.send("checkout")
    assert "diantar atau diambil" in chat.text
    chat.send("ambil sendiri")
    assert "catatan" in chat.text
    chat.press("Lewati")
    chat.send("cod")
    assert "Ambil sendiri" in chat.text and "Ongkir" not in chat.text


def test_an_unknown_address_asks_for_the_zone_and_a_shared_location_works():
    chat = Dialogue(name="Budi")
    chat.send("halo")
    chat.send("pesan 1 sambal roa")
    chat.send("checkout")
    chat.press("Diantar")
    chat.send("", latitude=-7.95, longitude=112.61)
    assert "belum cocok dengan area" in chat.text  # a location names no area: the zones are offered, none is forced
    chat.press("Batu")
    assert "catatan" in chat.text
    assert chat.data["co"]["zone"] == "luar-kota"


def test_batal_leaves_the_step_but_keeps_the_cart_and_global_words_work_mid_checkout():
    chat = Dialogue()
    chat.send("halo")
    chat.send("pesan 2 keripik tempe")
    chat.send("checkout")
    chat.send("batal")
    assert "dibatalkan" in chat.text and chat.cart == {"KRP-TMP": 2}
    assert "co" not in chat.data
    chat.send("checkout")
    chat.send("bantuan")
    assert "Cara belanja" in chat.text


def test_checkout_with_an_empty_cart_says_so():
    chat = Dialogue()
    chat.send("halo")
    chat.send("checkout")
    assert "Keranjang masih kosong" in chat.text


def test_a_new_shop_without_an_address_or_hours_greets_without_empty_lines():
    chat = Dialogue(shop=ShopProfile(name="Batik Sekar", order_prefix="BS"))
    chat.send("halo")
    assert "Selamat datang di *Batik Sekar*" in chat.text and "📍" not in chat.text and "🕒" not in chat.text
    assert " -\n" not in chat.text
    chat = Dialogue()
    chat.send("halo")
    assert "📍 Jl." in chat.text and "🕒 " in chat.text


def test_at_the_summary_naming_another_payment_changes_it_and_shows_the_summary_again():
    chat = Dialogue()
    chat.send("halo")
    chat.send("pesan 2 keripik singkong pedas")
    for line in ("checkout", "Siti", "ambil sendiri", "lewati", "transfer"):
        chat.send(line)
    assert "💳 Transfer bank" in chat.text
    chat.send("eh ganti cod aja")
    assert "Bayar di tempat (COD)" in chat.text and "Sudah benar" in chat.text
    assert not any(isinstance(e, PlaceOrder) for e in chat.effects)
    chat.send("ya")
    placed = next(e for e in chat.effects if isinstance(e, PlaceOrder))
    assert placed.payment_method == "cod"
