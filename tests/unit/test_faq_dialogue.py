"""The seller's own answers as dialogues: what a seller's FAQ command asks the world for, and which
entry answers a customer's question (the database side: tests/integration/test_faqs_db.py)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from conversations.base import Ctx
from conversations.customer.faq import match
from conversations.ports import Faq, ListedFaqs
from conversations.seller.faq import RemoveFaq, SaveFaq
from language.questions import faq_key
from tests.seller_support import SellerChat
from tests.support import Dialogue

ENTRIES = [Faq(1, "halal?", "Semua produk kami halal MUI", faq_key("halal?")),
           Faq(2, "sertifikat halal?", "Sertifikat MUI no. 123", faq_key("sertifikat halal?")),
           Faq(3, "nastar tahan berapa lama?", "Nastar tahan 1 bulan", faq_key("nastar tahan berapa lama?"))]


@dataclass
class FaqDialogue(Dialogue):
    entries: list[Faq] = field(default_factory=lambda: list(ENTRIES))

    def ctx(self) -> Ctx:
        return replace(super().ctx(), faqs=ListedFaqs(self.entries))


def test_the_entry_whose_words_are_all_asked_answers_and_the_most_specific_wins():
    assert match(ENTRIES, "produknya halal ga kak?").id == 1
    assert match(ENTRIES, "ada sertifikat halalnya?").id == 2
    assert match(ENTRIES, "nastarnya tahan brp lama ya").id == 3
    assert match(ENTRIES, "sertifikat?") is None and match(ENTRIES, "rendang tahan berapa lama?") is None


def test_a_customer_question_gets_the_sellers_answer_and_an_order_is_still_an_order():
    chat = FaqDialogue()
    chat.send("halo")
    chat.send("halal ga kak?")
    assert "Semua produk kami halal MUI" in chat.text and chat.cart == {}
    chat.send("pesan 2 nastar keju")
    assert chat.cart == {"KUE-NST-KJU": 2}


def test_seller_faq_commands_ask_for_the_right_change():
    chat = SellerChat()
    chat.send("faq: Halal? = Semua produk kami halal MUI")
    assert chat.effects == [SaveFaq("halal", "Halal?", "Semua produk kami halal MUI", chat.me.id)]
    chat.send("faq: ada? = ya")  # nothing to recognise the question by
    assert chat.effects == [] and "terlalu umum" in chat.text
    chat.send("faq: halal? = " + "x" * 800)
    assert chat.effects == [] and "Terlalu panjang" in chat.text
    chat.send("hapus faq 1")  # no entries in this chat's world
    assert chat.effects == [] and "tidak ada" in chat.text
    chat.send("faq")
    assert "Belum ada FAQ" in chat.text


def test_seller_changes_and_removes_an_entry_by_its_number():
    chat = SellerChat()
    original = chat.ctx

    def with_entries():
        return replace(original(), faqs=ListedFaqs(ENTRIES))

    chat.ctx = with_entries  # type: ignore[method-assign]
    chat.send("faq 2 = Sertifikat baru")
    assert chat.effects == [SaveFaq(ENTRIES[1].key, "sertifikat halal?", "Sertifikat baru", chat.me.id, 2)]
    chat.send("hapus faq sertifikat halal")
    assert chat.effects == [RemoveFaq(2)]
