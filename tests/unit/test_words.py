"""The one vocabulary (language.words): each list once, and what a word means where the same
word could mean two things ("stop", "y", "ga jadi")."""

from __future__ import annotations

import ast
import pathlib

import pytest

from conversations.customer.consent import SetPromoConsent
from language import words
from tests.seller_support import SellerChat
from tests.support import Dialogue, FakeOrders
from tests.unit.test_payment_dialogue import order
from tests.unit.test_promo_dialogue import PromoDialogue, SellerChat as PromoSellerChat, to_confirm

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_every_yes_list_holds_every_plain_yes_and_no_list_a_plain_no():
    for yes in (words.PLACE_ORDER, words.APPLY_CHANGE, words.SAVE_PROMO, words.SEND_BROADCAST, words.CONSENT_YES,
                words.CANCEL_ORDER_YES):
        assert words.YES <= yes and not yes & (words.NO | words.CANCEL | words.STOP)
    for no in (words.CONSENT_NO, words.KEEP_PRICE, words.NO_NOTE):
        assert words.NO <= no and not no & words.YES


@pytest.mark.parametrize("word", ["y", "ya", "ok", "sip"])
def test_a_plain_yes_confirms_a_checkout_a_promo_and_a_broadcast_alike(word):
    shopper = PromoDialogue()
    shopper.send("halo")
    shopper.send("pesan 2 keripik singkong pedas")
    to_confirm(shopper)
    shopper.send(word)
    assert "KD-0001" in shopper.text
    seller = PromoSellerChat()
    for line in ("promo baru", "Diskon %", "15", "Semua belanja", "otomatis", "tanpa syarat", word):
        seller.send(line)
    assert type(seller.effects[-1]).__name__ == "CreatePromotion"
    seller = PromoSellerChat()
    for line in ("broadcast baru", "Halo semua", "Semua pelanggan", "Tanpa promo", "Kirim sekarang", word):
        seller.send(line)
    assert type(seller.effects[-1]).__name__ == "CreateBroadcast"


def test_stop_from_a_customer_opts_out_in_any_state():
    chat = PromoDialogue()
    chat.send("halo")
    chat.send("cari nastar")
    chat.send("stop")
    assert chat.effects[-1] == SetPromoConsent(False)


def test_stop_from_a_seller_with_a_question_open_leaves_the_question_and_is_no_opt_out():
    chat = SellerChat()
    chat.send("produk baru")
    chat.send("stop")
    assert chat.state == "" and "dibatalkan" in chat.text.lower() and chat.effects == []
    chat.send("stop")  # nothing open now: it is the shopper in them opting out, for the customer flows
    assert chat.passed


def test_ga_jadi_at_the_cancel_question_leaves_the_step_and_keeps_the_order():
    chat = Dialogue(orders=FakeOrders([order("KD-0007")]))
    chat.send("halo")
    chat.send("batalkan pesanan KD-0007")
    chat.send("ga jadi")
    assert not chat.effects and "KD-0007" not in chat.text and chat.state.startswith("browsing:")


def test_a_plain_no_at_the_note_means_no_note():
    chat = Dialogue()
    chat.send("halo")
    chat.send("pesan 1 keripik tempe")
    chat.send("checkout")
    chat.send("Siti")
    chat.press("Ambil sendiri")
    chat.send("jangan")
    assert chat.data["co"]["note"] is None


def word_sets_outside_the_vocabulary() -> list[str]:
    """Set literals holding "ya"/"iya" or "batal"/"cancel" anywhere but language/words.py."""
    found = []
    for path in sorted(ROOT.glob("*/**/*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith((".venv/", "tests/", "bench/")) or rel == "language/words.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Set):
                values = {e.value for e in node.elts if isinstance(e, ast.Constant)}
                if {"ya", "iya"} <= values or {"tidak", "ga"} <= values or {"batal", "cancel"} <= values:
                    found.append(f"{rel}:{node.lineno}")
    return found


def test_no_yes_no_or_cancel_list_is_written_anywhere_else():
    assert word_sets_outside_the_vocabulary() == []


@pytest.mark.parametrize("answer", ["iya kak", "ya kak pesan", "oke sip kak", "Iya, betul"])
def test_a_yes_said_among_polite_words_places_the_order(answer):
    shopper = PromoDialogue()
    shopper.send("halo")
    shopper.send("pesan 2 keripik singkong pedas")
    to_confirm(shopper)
    shopper.send(answer)
    assert "KD-0001" in shopper.text


@pytest.mark.parametrize("answer", ["iya tapi alamatnya salah", "ya ganti cod aja", "sudah"])
def test_a_yes_with_a_but_places_nothing(answer):
    assert not words.is_yes(answer, words.PLACE_ORDER)
