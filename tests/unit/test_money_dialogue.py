"""Money by chat for sellers, through the pure routing: "beli gas 25rb" recorded with its
guessed category shown, one word re-files it, `batalkan` takes it back, a receipt photo goes
with its caption, the last entries listed and corrected. The world is a list of entries
(what effects.books does to the database is tests/integration/test_money_chat.py's)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from conversations.base import Media, Turn, settle
from conversations.seller.money_changes import (ChangeMoney, MoneyEntry, MoneyRefused, Recorded, RecordMoney,
                                                Reversed, ReverseMoney)
from conversations.seller.changes import Done
from handlers import choices, seller
from tests.seller_support import SellerChat
from tests.support import NOW


@dataclass
class MoneyChat(SellerChat):
    """A SellerChat whose money effects are applied to the desk's list of entries."""

    applied: list[Any] = field(default_factory=list)
    next_id: int = 100

    def send(self, text: str = "", *, choice: str | None = None, photo: str | None = None,
             rejected: str | None = None) -> list:
        media = (Media(photo, rejected=rejected),) if photo else ()
        turn = choices.interpret(Turn(text=text, choice=choice, media=media), self.data.get("_offered"))
        step = seller.route(self.state, self.data, turn, self.ctx())
        self.passed = step is None
        if step is None:
            self.last, self.effects = [], []
            return []
        self.effects = list(step.effects)
        step = settle(step, self._apply, self.ctx())
        self.state, self.data, self.last = step.state, dict(step.data), step.replies
        return step.replies

    def _entry(self, entry_id: int) -> MoneyEntry | None:
        return next((e for e in self.desk.money if e.id == entry_id), None)

    def _apply(self, effect: Any) -> Any:
        if not isinstance(effect, (RecordMoney, ChangeMoney, ReverseMoney)):
            return Done()  # a product change: not this test's business
        self.applied.append(effect)
        money = self.desk.money
        if isinstance(effect, RecordMoney):
            self.next_id += 1
            money.append(MoneyEntry(self.next_id, effect.kind, effect.category, effect.amount, effect.note,
                                    self.now, effect.receipt_ref is not None))
            return Recorded(self.next_id)
        old = self._entry(effect.entry_id)
        if old is None:
            return MoneyRefused("reversed")
        money.remove(old)
        if isinstance(effect, ReverseMoney):
            return Reversed()
        assert isinstance(effect, ChangeMoney)
        self.next_id += 1
        money.append(replace(old, id=self.next_id, category=effect.category or old.category,
                             amount=effect.amount or old.amount))
        return Recorded(self.next_id)


def test_an_expense_is_recorded_with_its_guessed_category_shown():
    chat = MoneyChat()
    chat.send("beli gas 25rb")
    [effect] = chat.applied
    assert (effect.kind, effect.category, effect.amount, effect.note) == ("expense", "operasional", 25000, "beli gas")
    assert "Rp25.000" in chat.text and "*Operasional* (tebakan kami)" in chat.text and "batalkan" in chat.text


def test_each_sentence_of_the_issue_lands_in_its_category():
    said = {"belanja bahan 350rb di pasar": ("expense", "bahan_baku", 350_000),
            "gaji karyawan 1,5jt": ("expense", "gaji", 1_500_000),
            "modal masuk 2jt": ("capital", "modal", 2_000_000),
            "tarik 500rb buat pribadi": ("drawing", "prive", 500_000)}
    chat = MoneyChat()
    for text, expected in said.items():
        chat.send(text)
        effect = chat.applied[-1]
        assert (effect.kind, effect.category, effect.amount) == expected, text
    assert [e.amount for e in chat.desk.money] == [350_000, 1_500_000, 2_000_000, 500_000]


def test_one_word_right_after_changes_the_category_before_to_after_and_batalkan_puts_it_back():
    chat = MoneyChat()
    chat.send("beli gas 25rb")
    chat.send("bahan")
    change = chat.applied[-1]
    assert isinstance(change, ChangeMoney) and change.category == "bahan_baku" and change.entry_id == 101
    assert "Operasional → *Bahan baku*" in chat.text
    assert [(e.category, e.amount) for e in chat.desk.money] == [("bahan_baku", 25000)]
    chat.send("batalkan")
    assert chat.applied[-1] == ChangeMoney(1, "seller:1", 102, category="operasional")
    assert [e.category for e in chat.desk.money] == ["operasional"] and "kembali Operasional" in chat.text


def test_batalkan_right_after_takes_the_entry_out_of_the_books():
    chat = MoneyChat()
    chat.send("gaji karyawan 1,5jt")
    chat.send("batalkan")
    assert chat.applied[-1] == ReverseMoney(1, "seller:1", 101)
    assert chat.desk.money == [] and "Dibatalkan" in chat.text and "Rp1.500.000" in chat.text
    chat.send("batalkan")  # nothing left to take back
    assert len(chat.applied) == 2 and "Tidak ada perubahan" in chat.text


def test_money_in_cannot_be_filed_as_an_expense_and_nothing_changes():
    chat = MoneyChat()
    chat.send("modal masuk 2jt")
    chat.send("gaji")
    assert len(chat.applied) == 1 and "uang *masuk*" in chat.text
    chat.send("beli gas 25rb")
    chat.send("modal")
    assert len(chat.applied) == 2 and "uang *keluar*" in chat.text


def test_a_category_word_long_after_or_after_another_command_is_not_a_change():
    chat = MoneyChat()
    chat.send("beli gas 25rb")
    chat.later(minutes=11)
    chat.send("operasional")
    assert len(chat.applied) == 1
    chat.send("beli bensin 20rb")
    chat.send("cek stok")
    chat.send("bahan")
    assert len(chat.applied) == 2


def test_a_receipt_photo_with_the_sentence_as_caption_is_kept_with_the_entry():
    chat = MoneyChat()
    chat.send("belanja bahan 350rb di pasar", photo="tg-file-123")
    assert chat.applied[-1].receipt_ref == "tg-file-123" and "Foto nota disimpan" in chat.text
    chat.send("bayar listrik 150rb", photo="x", rejected="too_large")
    assert chat.applied[-1].receipt_ref is None and "tidak bisa kami simpan" in chat.text
    assert [e.receipt for e in chat.desk.money] == [True, False]


def test_a_photo_with_a_product_caption_is_still_a_product_photo():
    chat = MoneyChat()
    chat.send("nastar keju", photo="tg-file-9")
    assert chat.applied == [] and chat.change() == ("KUE-NST-KJU", "image_url", None, "tg-file-9")


def test_the_last_entries_are_listed_newest_first_and_one_is_corrected_by_its_number():
    chat = MoneyChat()
    for text in ("beli gas 25rb", "bayar listrik 150rb", "gaji karyawan 1,5jt"):
        chat.send(text)
    chat.send("catatan keuangan")
    lines = chat.text.splitlines()
    assert lines[1].startswith("1. ") and "Gaji & upah" in lines[1] and "Rp1.500.000" in lines[1]
    assert "beli gas" in lines[3]
    chat.send("ubah 3 30rb")
    assert chat.applied[-1] == ChangeMoney(1, "seller:1", 101, amount=30000)
    assert "Rp25.000 → *Rp30.000*" in chat.text
    chat.send("pengeluaran")  # the corrected entry is the newest now: listrik is third
    chat.send("hapus 3")
    assert chat.applied[-1] == ReverseMoney(1, "seller:1", 102) and "dihapus" in chat.text
    assert sorted(e.amount for e in chat.desk.money) == [30000, 1_500_000]


def test_a_number_not_in_the_list_or_nothing_to_change_says_so():
    chat = MoneyChat()
    chat.send("beli gas 25rb")
    chat.send("catatan")
    chat.send("hapus 5")
    assert "nomor 5 tidak ada" in chat.text and len(chat.applied) == 1
    chat.send("ubah catatan 1 gaji")
    assert chat.applied[-1] == ChangeMoney(1, "seller:1", 101, category="gaji")
    chat.send("ubah catatan 1")
    assert "Mau diubah jadi apa" in chat.text


def test_punctuation_alone_is_not_money():
    chat = MoneyChat()
    chat.send("...")
    assert chat.applied == []


def test_an_empty_list_shows_how_to_record():
    chat = MoneyChat()
    chat.send("pengeluaran")
    assert "Belum ada catatan keuangan" in chat.text and "beli gas 25rb" in chat.text


def test_hapus_without_a_list_is_not_taken_as_an_entry_and_price_changes_stay_price_changes():
    chat = MoneyChat()
    chat.send("harga nastar keju 90rb")
    assert chat.applied == [] and chat.change() == ("KUE-NST-KJU", "price", 85000, 90000)
    chat.send("beli gas 25rb")
    chat.send("hapus 1")
    assert len(chat.applied) == 1


def test_a_refusal_from_the_books_is_said_and_forgets_the_undo():
    chat = MoneyChat()
    chat.data = {"undo": {"kind": "money", "entry_id": 7, "money_kind": "expense", "category": "operasional",
                          "amount": 25000, "note": "beli gas", "at": NOW.isoformat()}}
    chat.send("batalkan")
    assert "sudah dibatalkan" in chat.text and "undo" not in chat.data
