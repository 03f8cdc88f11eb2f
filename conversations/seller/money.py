"""Money a seller tells us about: "beli gas 25rb", "belanja bahan 350rb di pasar", "gaji
karyawan 1,5jt", "modal masuk 2jt", "tarik 500rb buat pribadi".

The sentence is read by books.expense_parsing; the entry is recorded at once with its guessed
category shown, and right after it one word ("operasional", "gaji", ...) changes the category
and `batalkan` takes it back, as for stock changes (conversations.seller.undo). A photo sent
with the sentence as its caption is kept as the receipt. Listing and correcting the last
entries is conversations.seller.money_list.
"""

from __future__ import annotations

from typing import Any

from books.accounts import Category, Kind, kind_for
from books.expense_parsing import category_named, parse_money_sentence, NAMES
from conversations.base import Reply, Step, Turn
from conversations.seller.common import failed, fresh, idle, kept, words
from conversations.seller.money_changes import (ChangeMoney, MoneyRefused, Recorded, RecordMoney, Reversed,
                                                ReverseMoney)
from conversations.seller.ports import SellerCtx
from language.money import rupiah
from texts.id import books as tb
from texts.id import money as t

MONEY_IN = (Kind.INCOME, Kind.CAPITAL)
# Words that may stand before the category in a one-word answer: "ganti gaji", "kategori sewa".
CHANGE_LEAD = {"ganti", "kategori", "kategorinya", "jadi", "ubah", "ke", "masuk", "itu", "harusnya", "bukan"}
UNDO_KINDS = ("money", "money_change")
# First words that make a sentence a shop setting even with an amount: "ongkir Sleman 15rb" is a
# delivery zone (conversations.seller.shop_settings); the expense is "bayar ongkir 15rb".
SETTING_WORDS = {"ongkir", "area", "tambah", "harga", "stok"}


def actor(ctx: SellerCtx) -> str:
    return f"seller:{ctx.seller.id}"


def route(state: str, data: dict[str, Any], turn: Turn, ctx: SellerCtx) -> Step | None:
    if turn.choice or not turn.text.strip():
        return None
    last = data.get("undo")
    if isinstance(last, dict) and last.get("kind") in UNDO_KINDS and fresh(last, ctx):
        category = _category_answer(turn.text)
        if category is not None:
            return change_category(data, ctx, last, category)
    if (words(turn.text).split() or [""])[0] in SETTING_WORDS:
        return None
    note = parse_money_sentence(turn.text)
    if note is None:
        return None
    return record(data, ctx, note.kind, note.category, note.amount, note.note, note.guessed, note.days_ago,
                  turn)


def _category_answer(text: str) -> Category | None:
    """The category a short answer names ("operasional", "ganti ke gaji"), else None."""
    said = [w for w in words(text).replace("-", " ").split() if w not in CHANGE_LEAD]
    if not said or len(said) > 2 or " ".join(said) not in NAMES:
        return None
    return category_named(" ".join(said))


def show_note(note: str | None) -> str:
    return note or t.NO_NOTE


def record(data: dict[str, Any], ctx: SellerCtx, kind: Kind, category: Category, amount: int, note: str,
           guessed: bool, days_ago: int, turn: Turn) -> Step:
    """records the money at once and shows what was understood: the kind, amount and category."""
    photo = turn.media[0] if turn.media else None
    receipt = photo.ref if photo is not None and not photo.rejected and photo.ref else None
    lines = [t.RECORDED.format(kind=t.KIND[kind.value], amount=rupiah(amount), note=show_note(note),
                               when=t.RECORDED_YESTERDAY if days_ago else "", category=tb.CATEGORY[category.value],
                               guess=t.GUESSED if guessed else "")]
    if photo is not None:
        lines.append(t.RECEIPT_KEPT if receipt else t.RECEIPT_LOST)
    lines.append(t.CHANGE_HINT)
    effect = RecordMoney(ctx.seller.id, actor(ctx), kind.value, category.value, amount, note, days_ago, receipt)
    return idle(data, Reply("\n".join(lines)), effects=[effect], then=on_recorded)


def on_recorded(step: Step, outcomes: list[Any], ctx: SellerCtx) -> Step:
    """remembers the entry so one word changes its category and `batalkan` takes it back."""
    effect, outcome = step.effects[0], outcomes[0]
    if not isinstance(outcome, Recorded):
        return failed(step, tb.REFUSED[outcome.reason])
    return kept(step, {"kind": "money", "entry_id": outcome.entry_id, "money_kind": effect.kind,
                       "category": effect.category, "amount": effect.amount, "note": effect.note,
                       "at": ctx.now.isoformat()})


def wrong_way(kind: str, category: Category) -> str | None:
    """Why an entry cannot take this category: money in stays in, money out stays out."""
    money_in = Kind(kind) in MONEY_IN
    if money_in and category not in (Category.CAPITAL, Category.OTHER):
        return t.WRONG_WAY_IN
    if not money_in and category == Category.CAPITAL:
        return t.WRONG_WAY_OUT
    return None


def change_category(data: dict[str, Any], ctx: SellerCtx, last: dict[str, Any], category: Category) -> Step:
    """the one-word answer right after an entry: its category, before -> after."""
    before = last["category"]
    if category.value == before:
        return idle(data, Reply(t.SAME_CATEGORY.format(category=tb.CATEGORY[before])))
    if (why := wrong_way(last["money_kind"], category)) is not None:
        return idle(data, Reply(why))
    text = t.CATEGORY_CHANGED.format(before=tb.CATEGORY[before], after=tb.CATEGORY[category.value],
                                     amount=rupiah(last["amount"]), note=show_note(last["note"]))
    effect = ChangeMoney(ctx.seller.id, actor(ctx), last["entry_id"], category=category.value)
    remembered = {**last, "category": category.value, "before": {"category": before}}
    return idle(data, Reply(text), effects=[effect], then=_changed(remembered))


def change_amount(data: dict[str, Any], ctx: SellerCtx, entry: dict[str, Any], amount: int) -> Step:
    """a new amount for an entry, before -> after."""
    before = entry["amount"]
    if amount == before:
        return idle(data, Reply(t.SAME_AMOUNT.format(amount=rupiah(amount))))
    text = t.AMOUNT_CHANGED.format(before=rupiah(before), after=rupiah(amount),
                                   category=tb.CATEGORY[entry["category"]], note=show_note(entry["note"]))
    effect = ChangeMoney(ctx.seller.id, actor(ctx), entry["entry_id"], amount=amount)
    remembered = {**entry, "amount": amount, "before": {"amount": before}}
    return idle(data, Reply(text), effects=[effect], then=_changed(remembered))


def _changed(remembered: dict[str, Any]) -> Any:
    def on_changed(step: Step, outcomes: list[Any], ctx: SellerCtx) -> Step:
        """keeps the correction; `batalkan` now puts the previous value back."""
        outcome = outcomes[0]
        if not isinstance(outcome, Recorded):
            return failed(step, tb.REFUSED[outcome.reason])
        new_kind = kind_for(Category(remembered["category"]), Kind(remembered["money_kind"]) in MONEY_IN)
        return kept(step, {**remembered, "kind": "money_change", "entry_id": outcome.entry_id,
                           "money_kind": new_kind.value, "at": ctx.now.isoformat()})
    return on_changed


def undo(data: dict[str, Any], last: dict[str, Any], ctx: SellerCtx) -> Step:
    """`batalkan` right after: a new entry is taken out of the books, a correction put back."""
    note = show_note(last.get("note"))
    if last["kind"] == "money":
        text = t.UNDONE.format(kind=t.KIND[last["money_kind"]], amount=rupiah(last["amount"]), note=note)
        effect: Any = ReverseMoney(ctx.seller.id, actor(ctx), last["entry_id"])
    else:
        before = last.get("before") or {}
        value = (tb.CATEGORY[before["category"]] if "category" in before else rupiah(before.get("amount", 0)))
        text = t.UNDONE_CHANGE.format(value=value, note=note)
        effect = ChangeMoney(ctx.seller.id, actor(ctx), last["entry_id"], category=before.get("category"),
                             amount=before.get("amount"))
    return idle(data, Reply(text), effects=[effect], then=on_undone)


def on_undone(step: Step, outcomes: list[Any], ctx: SellerCtx) -> Step:
    outcome = outcomes[0]
    if isinstance(outcome, MoneyRefused):
        return failed(step, tb.REFUSED[outcome.reason])
    assert isinstance(outcome, (Reversed, Recorded))
    return kept(step)
