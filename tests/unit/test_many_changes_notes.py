"""A change to several products or options at once keeps its confirmation and adds a line for each
one that was not made: deleted meanwhile, or changed first by someone else."""

from __future__ import annotations

from conversations.base import Reply, Step
from conversations.seller.changes import ChangedMeanwhile, Done, ProductChange, ProductGone
from conversations.seller.every_option import on_changed
from conversations.seller.stock_many import on_many_changed


def step(field: str) -> Step:
    changes = [ProductChange(1, "Sekar", n, name, field, 5, 9) for n, name in
               enumerate(("Kemeja Kawung — M", "Kemeja Kawung — L", "Kemeja Kawung — XL"), 1)]
    return Step("idle", {}, [Reply("✅ Diubah.")], changes)


def test_every_option_notes_the_one_gone_and_the_one_changed_first():
    after = on_changed(step("price"), [Done(), ProductGone(), ChangedMeanwhile(150000)], None)  # type: ignore[arg-type]
    assert [r.text for r in after.replies] == [
        "✅ Diubah.",
        "Produk *Kemeja Kawung — L* sudah tidak ada, Kak. Tidak ada yang diubah.\n"
        "⚠️ *Kemeja Kawung — XL* tidak diubah: harganya berubah dulu (sekarang Rp150.000)."]


def test_many_stocks_note_the_one_changed_first_and_say_nothing_more_when_all_were_made():
    after = on_many_changed(step("stock"), [Done(), ChangedMeanwhile(2), Done()], None)  # type: ignore[arg-type]
    assert [r.text for r in after.replies] == ["✅ Diubah.", "⚠️ *Kemeja Kawung — L* tidak diubah: stoknya berubah dulu (sekarang 2)."]
    assert [r.text for r in on_many_changed(step("stock"), [Done()] * 3, None).replies] == ["✅ Diubah."]  # type: ignore[arg-type]
