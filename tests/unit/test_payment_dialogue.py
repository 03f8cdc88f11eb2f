"""Paying, proofs, status and cancelling as scripted dialogues; seller order commands parsed. No I/O."""

from __future__ import annotations

from datetime import timedelta

import pytest

from conversations.base import Media, Turn
from conversations.ports import OrderSummary
from conversations.customer.payment import AttachProof, CancelOrder
from conversations.seller import orders as seller_orders
from conversations.seller.orders import OrderCommand, ShowOrder
from orders.lifecycle import Action
from tests.support import NOW, Dialogue, FakeOrders


def order(code: str, status: str = "pending_payment", method: str = "bank_transfer", **kw) -> OrderSummary:
    return OrderSummary(code, status, kw.pop("total", 65001), NOW - timedelta(hours=1), method,
                        kw.pop("pay_by", NOW + timedelta(hours=2)), **kw)


def chat_with(*orders: OrderSummary) -> Dialogue:
    chat = Dialogue(orders=FakeOrders(list(orders)))
    chat.send("halo")
    return chat


@pytest.mark.parametrize("words", ["sudah transfer", "udah bayar kak", "Udh tf ya kak", "sudah saya transfer ke BCA",
                                   "ini bukti transfernya", "barusan bayar pakai qris", "sdh bayar min"])
def test_words_of_having_paid_attach_a_proof_to_the_only_open_order(words):
    chat = chat_with(order("KD-0003"))
    chat.send(words)
    assert chat.effects[-1] == AttachProof("KD-0003", None, None, words)


def test_a_photo_with_several_open_orders_asks_which_then_attaches_it_there():
    chat = chat_with(order("KD-0004", total=20002), order("KD-0003", total=65001))
    chat.send("", media=(Media("tg-file-1", "image/jpeg"),))
    assert "untuk pesanan yang mana" in chat.text
    assert [b.value for b in chat.last[0].buttons] == ["proof:KD-0004", "proof:KD-0003", "batal"]
    assert not chat.effects
    chat.press("KD-0003")
    assert chat.effects == [AttachProof("KD-0003", "tg-file-1", "image/jpeg", None)]


def test_asked_which_a_typed_code_answers_and_anything_else_asks_again():
    chat = chat_with(order("KD-0004"), order("KD-0003"))
    chat.send("", media=(Media("wa-media", "application/pdf"),))
    chat.send("yang kemarin")
    assert "Pilih salah satu pesanan" in chat.text and not chat.effects
    chat.send("kd 4")
    assert chat.effects == [AttachProof("KD-0004", "wa-media", "application/pdf", None)]


def test_a_caption_naming_the_order_skips_the_question():
    chat = chat_with(order("KD-0004"), order("KD-0003"))
    chat.send("bukti tf KD-0003", media=(Media("f", "image/png"),))
    assert chat.effects == [AttachProof("KD-0003", "f", "image/png", "bukti tf KD-0003")]


def test_a_proof_with_nothing_to_pay_says_so_and_changes_nothing():
    chat = chat_with(order("KD-0001", "paid"))
    chat.send("sudah transfer kak")
    assert "belum punya pesanan yang menunggu pembayaran" in chat.text and not chat.effects
    cod = chat_with(order("KD-0002", method="cod", pay_by=None))
    cod.send("", media=(Media("f"),))
    assert "COD" in cod.text and "tidak perlu bukti" in cod.text and not cod.effects


def test_a_proof_shortly_after_expiry_still_goes_to_that_order_for_the_seller_to_handle():
    chat = chat_with(order("KD-0005", "expired", pay_by=NOW - timedelta(minutes=10)))
    chat.send("udah transfer")
    assert chat.effects == [AttachProof("KD-0005", None, None, "udah transfer")]


def test_a_code_shows_the_order_status_and_what_happens_next():
    chat = chat_with(order("KD-0003", lines=((2, "Keripik Tempe 150g", 24000),)))
    chat.send("cek KD-0003")
    assert "KD-0003" in chat.text and "menunggu pembayaran" in chat.text and "2 × Keripik Tempe 150g" in chat.text
    assert "Menunggu pembayaran *Rp65.001* sebelum 23 Nov 2026 15.00 WIB" in chat.text
    assert [b.value for b in chat.last[0].buttons] == ["payhow:KD-0003", "ocancel:KD-0003", "orders", "menu"]
    chat.press("Cara bayar")
    assert "BCA 3150123456" in chat.text and "tepat Rp65.001" in chat.text


def test_a_qris_order_repeats_the_shop_qris_image_with_the_exact_amount():
    chat = chat_with(order("KD-0007", method="qris", total=32000))
    chat.send(choice="payhow:KD-0007")
    assert chat.last[0].image_url == "/media/demo/qris-dapur-bu-sri.png" and "tepat Rp32.000" in chat.text


@pytest.mark.parametrize("status,next_words", [
    ("paid", "Pembayaran sudah diterima"), ("processing", "sedang disiapkan"), ("shipped", "dalam perjalanan lewat JNE (resi JP1)"),
    ("completed", "sudah selesai"), ("cancelled", "dibatalkan"), ("expired", "dibatalkan otomatis")])
def test_each_status_tells_what_happens_next(status, next_words):
    chat = chat_with(order("KD-0003", status, paid_at=NOW, courier="JNE", tracking_no="JP1"))
    chat.send("KD-0003")
    assert next_words in chat.text


def test_my_orders_lists_each_order_with_its_next_step_and_a_button_for_details():
    chat = chat_with(order("KD-0004", proof_pending=True), order("KD-0003", "shipped"))
    chat.send("cek pesanan")
    assert "Bukti pembayaran sedang dicek" in chat.text and "dalam perjalanan" in chat.text
    assert [b.value for b in chat.last[0].buttons][:2] == ["ord:KD-0004", "ord:KD-0003"]


def test_an_unknown_code_is_not_found_whoever_it_belongs_to():
    chat = chat_with(order("KD-0003"))
    chat.send("status KD-0099")
    assert "tidak ditemukan" in chat.text


def test_cancelling_an_unpaid_order_asks_first_then_cancels_on_yes():
    chat = chat_with(order("KD-0003"))
    chat.send("batalkan pesanan")
    assert "Yakin batalkan pesanan *KD-0003*" in chat.text and not chat.effects
    chat.send("ya")
    assert chat.effects == [CancelOrder("KD-0003")]


def test_saying_no_keeps_the_order():
    chat = chat_with(order("KD-0003"))
    chat.send("batal KD-0003")
    chat.press("Tidak jadi")
    assert "tidak dibatalkan" in chat.text and not chat.effects


@pytest.mark.parametrize("status, proof, said", [("paid", False, "Pembatalan setelah bayar"),
                                                  ("pending_payment", True, "sedang dicek penjual")])
def test_an_order_the_customer_cannot_cancel_offers_the_seller_in_this_chat_with_the_order(status, proof, said):
    chat = chat_with(order("KD-0003", status, paid_at=NOW if status == "paid" else None, proof_pending=proof))
    chat.send("batal KD-0003")
    assert "tidak bisa dibatalkan" in chat.text and said in chat.text and not chat.effects
    assert "hubungi penjual" not in chat.text.lower() and "pilih *Tanya penjual*" in chat.text
    assert chat.last[0].buttons[0].label == "🙋 Tanya penjual"
    chat.press("Tanya penjual")
    [opened] = chat.effects
    assert type(opened).__name__ == "OpenHandoff" and opened.order_code == "KD-0003"
    assert "membatalkan pesanan KD-0003" in opened.about and opened.question == ""


def test_a_final_order_offers_no_seller_to_cancel_it():
    chat = chat_with(order("KD-0003", "completed", paid_at=NOW))
    chat.send("batal KD-0003")
    assert "tidak bisa dibatalkan" in chat.text and "Tanya penjual" not in [b.label for b in chat.last[0].buttons]


def test_a_forged_ask_seller_button_for_another_customers_order_names_no_order():
    from conversations.customer.ask_seller import ASK_ABOUT
    chat = chat_with(order("KD-0003"))
    chat.send(choice=ASK_ABOUT.pack("KD-0999", "cancel", 0))
    [opened] = chat.effects
    assert opened.order_code is None and "KD-0999" not in opened.about


def test_plain_batal_still_only_leaves_the_current_step():
    chat = chat_with(order("KD-0003"))
    chat.send("batal")
    assert "langkah tadi dibatalkan" in chat.text and not chat.effects


def test_seller_buttons_pressed_by_a_customer_do_nothing():
    chat = chat_with(order("KD-0003"))
    chat.send(choice="lunas:KD-0003")
    assert not chat.effects and "Mau apa lagi" in chat.text


def seller(text: str = "", state: str = "", data: dict | None = None, choice: str | None = None):
    return seller_orders.route(state, data or {}, Turn(text=text, choice=choice), Dialogue().ctx())


@pytest.mark.parametrize("text,command", [
    ("lunas KD-0042", OrderCommand("KD-0042", Action.CONFIRM)),
    ("Lunas kd42", OrderCommand("KD-0042", Action.CONFIRM)),
    ("LUNAS #42", OrderCommand("KD-0042", Action.CONFIRM)),
    ("konfirmasi 42", OrderCommand("KD-0042", Action.CONFIRM)),
    ("tolak KD-0042 nominal kurang 5rb", OrderCommand("KD-0042", Action.REJECT_PROOF, reason="nominal kurang 5rb")),
    ("tolak KD-0042", OrderCommand("KD-0042", Action.REJECT_PROOF)),
    ("proses KD-0042", OrderCommand("KD-0042", Action.PROCESS)),
    ("kirim KD-0042", OrderCommand("KD-0042", Action.SHIP)),
    ("kirim KD-0042 JNE JP1234567890", OrderCommand("KD-0042", Action.SHIP, courier="JNE", tracking_no="JP1234567890")),
    ("kirim kd 42 J&T Express JX99", OrderCommand("KD-0042", Action.SHIP, courier="J&T Express", tracking_no="JX99")),
    ("kirim KD-0042 gojek", OrderCommand("KD-0042", Action.SHIP, courier="gojek")),
    ("selesai KD-0042", OrderCommand("KD-0042", Action.COMPLETE)),
    ("batal KD-0042", OrderCommand("KD-0042", Action.CANCEL_BY_SELLER)),
    ("batalkan KD-0042 stok habis", OrderCommand("KD-0042", Action.CANCEL_BY_SELLER, reason="stok habis")),
    ("KD-0042 lunas", OrderCommand("KD-0042", Action.CONFIRM)),
    ("kd42 kirim JNE JP1", OrderCommand("KD-0042", Action.SHIP, courier="JNE", tracking_no="JP1")),
    ("KD-0042", ShowOrder("KD-0042")),
    ("cek kd 42", ShowOrder("KD-0042")),
    ("pesanan KD-0042?", ShowOrder("KD-0042")),
])
def test_seller_order_commands_are_read_forgivingly(text, command):
    step = seller(text)
    assert step is not None and step.effects == [command]


@pytest.mark.parametrize("text", ["stok rendang 5", "batal", "batalkan", "harga sambal 18rb", "halo", "kirim promo ke semua",
                                  "42", "cek rendang", "status", "KD-0042 enak"])
def test_other_seller_text_is_left_for_the_rest_of_the_console(text):
    assert seller(text) is None


def test_a_command_word_alone_gets_a_hint_with_an_example():
    step = seller("lunas")
    assert step is not None and not step.effects and "lunas KD-0042" in step.replies[0].text


def test_confirm_and_reject_buttons_become_commands():
    assert seller(choice="lunas:KD-0042").effects == [OrderCommand("KD-0042", Action.CONFIRM)]
    assert seller(choice="tolak:KD-0042").effects == [OrderCommand("KD-0042", Action.REJECT_PROOF)]


def test_the_rejection_reason_asked_for_becomes_the_command_and_batal_drops_it():
    step = seller_orders.ask_reason("", {}, "KD-0042")
    assert step.state == seller_orders.SellerOrders.REASON
    reason = seller("transfer belum masuk", step.state, step.data)
    assert reason.effects == [OrderCommand("KD-0042", Action.REJECT_PROOF, reason="transfer belum masuk")]
    assert reason.state == "" and "sorders_reject" not in reason.data
    dropped = seller("batal", step.state, step.data)
    assert not dropped.effects and "tidak jadi ditolak" in dropped.replies[0].text


def test_asking_for_the_tracking_number_shows_the_order_with_it():
    chat = chat_with(order("KD-0003", "shipped", paid_at=NOW, courier="JNE", tracking_no="JP1"))
    chat.send("resinya apa kak")
    assert "resi JP1" in chat.text and "tidak menjual" not in chat.text


def test_a_photo_with_nothing_to_pay_is_a_question_the_seller_can_be_asked():
    chat = chat_with()
    chat.send("ada yg model kayak gini kak?", media=(Media("wa-photo", "image/jpeg"),))
    assert "bukan bukti transfer" in chat.text and "Tanya penjual" in chat.text and not chat.effects
    assert chat.data["asked"] == "ada yg model kayak gini kak?"
    assert "🙋 Tanya penjual" in [b.label for b in chat.last[0].buttons]
    chat.press("Tanya penjual")
    [opened] = chat.effects
    assert type(opened).__name__ == "OpenHandoff" and opened.question == "ada yg model kayak gini kak?"
