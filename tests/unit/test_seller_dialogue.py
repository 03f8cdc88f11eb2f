"""Seller dialogues through the pure routing: questions and their answers, new products,
photos, lists, recaps, staff, undo. No database: effects are checked, not applied."""

from __future__ import annotations

from datetime import datetime, timezone

from conversations.seller.changes import CreateProduct, InviteStaff, ProductChange, RemoveNewProduct, RemoveStaff
from conversations.seller.products import SellerProducts
from conversations.seller.ports import OrderBrief, RecapFigures
from tests.seller_support import STAFF, MemoryDesk, SellerChat
from tests.support import NOW


def test_picking_one_of_two_fitting_products_applies_the_waiting_command_to_it():
    chat = SellerChat()
    chat.send("stok nastar 15")
    chat.press("Nastar Nanas")
    assert chat.change() == ("KUE-NST-NNS", "stock", 12, 15) and chat.state == ""
    assert "12 → 15" in chat.text


def test_a_typed_number_answers_which_product_too():
    chat = SellerChat()
    chat.send("harga nastar naik 5rb")
    chat.send("1")
    assert chat.change() == ("KUE-NST-KJU", "price", 85000, 90000)


def test_a_pick_answered_after_ten_minutes_changes_nothing():
    chat = SellerChat()
    chat.send("stok nastar 15")
    chat.later(minutes=11)
    chat.press("Nastar Keju")
    assert chat.effects == [] and "sudah lewat" in chat.text


def test_a_new_command_instead_of_an_answer_is_simply_run():
    chat = SellerChat()
    chat.send("stok nastar 15")
    chat.send("stok rendang 3")
    assert chat.change() == ("FRZ-RDG", "stock", 6, 3) and chat.state == ""


def test_a_price_that_looks_like_a_slip_is_applied_only_after_yes():
    chat = SellerChat()
    chat.send("harga nastar keju 8rb")
    assert "turun JADI *Rp8.000*, dari Rp85.000" in chat.text
    chat.send("ya")
    assert chat.change() == ("KUE-NST-KJU", "price", 85000, 8000)


def test_a_price_without_thousands_is_read_as_thousands_only_after_yes():
    chat = SellerChat()
    chat.send("harga putri salju 75")
    assert "jadi *Rp75.000*" in chat.text
    chat.press("Ya")
    assert chat.change() == ("KUE-PTS", "price", 70000, 75000)


def test_no_to_a_price_question_keeps_the_price():
    chat = SellerChat()
    chat.send("harga nastar keju 200rb")
    chat.press("Jangan")
    assert chat.effects == [] and "tetap Rp85.000" in chat.text and chat.state == ""


def test_shopping_in_between_closes_a_seller_question():
    chat = SellerChat()
    chat.send("harga nastar keju 200rb")
    chat.send("katalog")  # the catalog as a buyer sees it: buyer mode, the question closed
    assert chat.state == "" and chat.data["shopping"] is True and "pending" not in chat.data
    chat.send("ya")
    chat.send("1")
    assert chat.passed and chat.effects == []


def test_batal_leaves_a_question_without_changing_anything():
    chat = SellerChat()
    chat.send("harga nastar keju 200rb")
    chat.send("batal")
    assert chat.effects == [] and chat.state == "" and "dibatalkan" in chat.text


def test_batalkan_right_after_a_change_asks_for_the_reverse_change():
    chat = SellerChat()
    chat.data = {"undo": {"kind": "product", "product_id": 19, "name": "Rendang Sapi 500g (beku)", "field": "stock",
                          "before": 6, "after": 0, "at": NOW.isoformat()}}
    chat.send("batalkan")
    [effect] = chat.effects
    assert isinstance(effect, ProductChange) and effect.undo
    assert (effect.product_id, effect.field, effect.before, effect.after) == (19, "stock", 0, 6)
    assert "kembali 6" in chat.text and "undo" not in chat.data


def test_batalkan_after_a_new_product_removes_it_and_plain_batal_works_too():
    chat = SellerChat()
    chat.data = {"undo": {"kind": "created", "product_id": 99, "name": "Bolu Pandan", "at": NOW.isoformat()}}
    chat.send("batal")
    assert chat.effects == [RemoveNewProduct(1, chat.me.label, 99, "Bolu Pandan")]


def test_batalkan_long_after_a_change_does_nothing():
    chat = SellerChat()
    chat.data = {"undo": {"kind": "product", "product_id": 19, "name": "Rendang", "field": "stock", "before": 6,
                          "after": 0, "at": NOW.isoformat()}}
    chat.later(minutes=30)
    chat.send("batalkan")
    assert chat.effects == [] and "Tidak ada perubahan" in chat.text


def test_any_other_seller_message_forgets_the_undo():
    chat = SellerChat()
    chat.data = {"undo": {"kind": "product", "product_id": 19, "name": "Rendang", "field": "stock", "before": 6,
                          "after": 0, "at": NOW.isoformat()}}
    chat.send("cek stok")
    assert "undo" not in chat.data


def test_a_new_product_in_one_line():
    chat = SellerChat()
    chat.send("produk baru Bolu Pandan 35rb stok 10 kategori Kue Basah")
    assert chat.effects == [CreateProduct(1, chat.me.label, "Bolu Pandan", 35000, 10, "Kue Basah")]
    assert "Rp35.000" in chat.text and "stok 10" in chat.text


def test_a_new_product_without_category_takes_the_category_of_its_look_alikes():
    chat = SellerChat()
    chat.send("tambah produk sambal cumi 150ml harga 27.000 stok 8")
    assert chat.effects == [CreateProduct(1, chat.me.label, "Sambal Cumi 150ml", 27000, 8, "Sambal")]


def test_a_new_product_step_by_step():
    chat = SellerChat()
    chat.send("produk baru")
    assert chat.state == SellerProducts.NEW_NAME
    chat.send("Bolu Pandan Wangi")
    assert chat.state == SellerProducts.NEW_PRICE and "Bolu Pandan Wangi" in chat.text
    chat.send("harganya 35 ribu")
    chat.send("sepuluh")
    assert chat.state == SellerProducts.NEW_CATEGORY and "Kue Kering" in chat.buttons
    chat.press("Kue Kering")
    assert chat.effects == [CreateProduct(1, chat.me.label, "Bolu Pandan Wangi", 35000, 10, "Kue Kering")]


def test_a_new_product_step_re_asks_what_it_could_not_read():
    chat = SellerChat()
    chat.send("produk baru Bolu Pandan")
    chat.send("murah kok")
    assert chat.state == SellerProducts.NEW_PRICE and "belum kebaca" in chat.text
    chat.send("35rb")
    chat.send("banyak")
    assert chat.state == SellerProducts.NEW_STOCK and "belum kebaca" in chat.text
    assert chat.effects == []


def test_a_new_product_that_already_exists_is_refused():
    chat = SellerChat()
    chat.send("produk baru Nastar Keju 500g 90rb stok 5")
    assert chat.effects == [] and "sudah ada" in chat.text


def test_a_photo_with_a_caption_naming_a_product_sets_its_picture():
    chat = SellerChat()
    chat.send("foto nastar keju", photo="tg-file-123")
    assert chat.change() == ("KUE-NST-KJU", "image_url", None, "tg-file-123")
    assert chat.last[0].image_url == "tg-file-123" and "belum ada → foto baru" in chat.text


def test_a_photo_without_caption_asks_which_product_and_takes_the_answer():
    chat = SellerChat()
    chat.send(photo="https://api.twilio.example/Media/ME1")
    assert chat.state == SellerProducts.PHOTO and chat.effects == []
    chat.send("durian")
    assert chat.state == SellerProducts.PHOTO and "belum ada di toko" in chat.text
    chat.send("kastengel")
    assert chat.change() == ("KUE-KST", "image_url", None, "https://api.twilio.example/Media/ME1")


def test_help_shows_examples_and_staff_commands_only_to_the_owner():
    owner, staff = SellerChat(), SellerChat(me=STAFF)
    owner.send("halo")
    staff.send("bantuan")
    # the examples are this shop's own products: its best sellers, one low on stock
    assert "stok keripik singkong 20" in owner.text and "harga keripik singkong 25rb" in owner.text
    assert "undang staf" in owner.text and "undang staf" not in staff.text


def test_the_stock_list_puts_sold_out_and_low_products_first_and_marks_hidden_ones():
    chat = SellerChat(desk=MemoryDesk(items=SellerChat().desk.items))
    chat.desk.items = [p if p.sku != "SBL-ROA" else type(p)(**{**p.__dict__, "stock": 0}) for p in chat.desk.items]
    chat.send("cek stok")
    lines = chat.text.splitlines()
    assert lines[1] == "🚫 Sambal Roa 150ml: 0"
    assert lines[2].startswith("✅ Rendang Sapi 500g (beku): 6")
    assert "✅ Keripik Kentang Balado 200g: 20 🙈" in lines


def test_order_lists_ask_for_todays_bounds_in_the_shop_time_zone():
    brief = OrderBrief("KD-0007", "pending_payment", 65000, "Siti", "bank_transfer", "delivery", NOW,
                       (("Keripik Singkong Pedas 250g", 2), ("Sambal Roa 150ml", 1)))
    chat = SellerChat(desk=MemoryDesk(order_briefs={"today": [brief]}))
    chat.send("pesanan hari ini")
    assert "*KD-0007* Siti — Rp65.000 (belum bayar)" in chat.text and "2× Keripik Singkong Pedas 250g" in chat.text
    _, which, start, end = chat.desk.asked[0]
    assert which == "today" and start == datetime(2026, 11, 22, 17, 0, tzinfo=timezone.utc) and (end - start).days == 1
    chat.send("yg belum bayar")
    assert "Semua pesanan sudah dibayar" in chat.text


def test_recaps_name_their_period_and_show_the_figures():
    figures = RecapFigures(7, 23, 450000, 2, 90000, (("Rendang Sapi 500g (beku)", 2),))
    chat = SellerChat(desk=MemoryDesk(figures=figures))
    chat.send("rekap kemarin")
    assert "kemarin, Minggu, 22 Nov 2026" in chat.text
    for part in ("Pesanan: 7", "Barang terjual: 23", "Omzet: Rp450.000", "Belum dibayar: 2 pesanan (Rp90.000)",
                 "Rendang Sapi 500g (beku) (2)"):
        assert part in chat.text
    _, start, end = chat.desk.asked[0]
    assert (start, end) == (datetime(2026, 11, 21, 17, 0, tzinfo=timezone.utc),
                            datetime(2026, 11, 22, 17, 0, tzinfo=timezone.utc))
    chat.send("rekap minggu ini")
    _, start, _ = chat.desk.asked[1]
    assert start == datetime(2026, 11, 22, 17, 0, tzinfo=timezone.utc)  # 23 Nov 2026 is a Monday


def test_only_the_owner_invites_and_removes_staff():
    owner, staff = SellerChat(), SellerChat(me=STAFF)
    owner.send("undang staf")
    assert owner.effects == [InviteStaff(1, owner.me.label)]
    staff.send("undang staf")
    staff.send("hapus staf budi")
    assert staff.effects == [] and "hanya bisa oleh pemilik" in staff.text
    owner.send("hapus staf 2")
    assert owner.effects == [RemoveStaff(1, owner.me.label, 2, STAFF.label)]
    owner.send("hapus staf bu sri")
    assert owner.effects == [] and "pemilik" in owner.text
