"""The seller's last money entries ("catatan keuangan", "pengeluaran") and correcting one of
them by its number in that list: "ubah 2 gaji", "ubah 2 30rb", "hapus 2".

Numbers refer to the list the seller last saw (kept for a few minutes) so an entry recorded
meanwhile does not shift them; "ubah catatan 2 ..." without a list fresh reads the list anew.
"""

from __future__ import annotations

import re
from typing import Any

from books.expense_parsing import category_named
from conversations.base import Reply, Step, Turn
from conversations.seller.common import IDLE, clean, fresh, idle, stamp, words
from conversations.seller.money import change_amount, change_category, show_note
from conversations.seller.money_changes import MoneyEntry, MoneyRefused, ReverseMoney
from conversations.seller.ports import SellerCtx
from language.money import local_time, rupiah
from language.numbers import parse_rupiah
from texts.id import books as tb
from texts.id import money as t

LIST_WORDS = {"catatan keuangan", "catatan uang", "catatan kas", "catatan pengeluaran", "catatan terakhir",
              "pengeluaran", "daftar pengeluaran", "lihat pengeluaran", "cek pengeluaran", "list pengeluaran",
              "pengeluaran terakhir", "pengeluaran hari ini", "keuangan", "pembukuan", "buku kas", "kas",
              "cek catatan", "lihat catatan", "daftar catatan", "catatan"}
SHOWN = 8
_EDIT = re.compile(r"^(ubah|ganti|koreksi|edit|hapus|delete|del)\s+(catatan\s+|no\.?\s*|nomor\s+)?#?(\d{1,2})\b\s*(.*)$")
DELETE_WORDS = {"hapus", "delete", "del"}


def route(state: str, data: dict[str, Any], turn: Turn, ctx: SellerCtx) -> Step | None:
    if turn.choice or turn.media:
        return None
    said = words(turn.text)
    if said in LIST_WORDS:
        return show_list(data, ctx)
    match = _EDIT.match(said)
    if match is None:
        return None
    pending = data.get("pending")
    listed = pending.get("entries") if isinstance(pending, dict) and fresh(data, ctx) else None
    if listed is None and not match[2]:
        return None  # "hapus 2" means an entry only right after the list; "hapus catatan 2" always does
    return edit(data, ctx, match[1] in DELETE_WORDS, int(match[3]), match[4].strip(), listed)


def show_list(data: dict[str, Any], ctx: SellerCtx) -> Step:
    """the last entries the seller made, newest first, numbered for corrections."""
    entries = ctx.desk.money_entries(SHOWN)
    if not entries:
        return idle(data, Reply(t.LIST_EMPTY))
    lines = [t.LIST_HEAD]
    for n, e in enumerate(entries, 1):
        lines.append(t.LIST_LINE.format(n=n, day=local_time(e.occurred_at, ctx.tz, "d MMM"),
                                        category=tb.CATEGORY[e.category], amount=rupiah(e.amount),
                                        note=show_note(e.note), receipt=t.LIST_RECEIPT if e.receipt else ""))
    lines.append(t.LIST_FOOT.format(n=1))
    # Not idle(): the list's ids stay for the next message (clean() drops them after it).
    remembered = {**clean(data), "pending": {"entries": [e.id for e in entries]}, "at": stamp(ctx)}
    return Step(IDLE, remembered, [Reply("\n".join(lines))])


def edit(data: dict[str, Any], ctx: SellerCtx, delete: bool, n: int, rest: str, listed: list[int] | None) -> Step:
    """corrects or deletes entry number n of the list."""
    current = {e.id: e for e in ctx.desk.money_entries(SHOWN)}
    ids = listed if listed is not None else list(current)
    entry = current.get(ids[n - 1]) if 0 < n <= len(ids) else None
    if entry is None:
        return idle(data, Reply(t.LIST_NO_SUCH.format(n=n)))
    if delete:
        text = t.DELETED.format(category=tb.CATEGORY[entry.category], amount=rupiah(entry.amount),
                                note=show_note(entry.note))
        return idle(data, Reply(text), effects=[ReverseMoney(ctx.seller.id, f"seller:{ctx.seller.id}", entry.id)],
                    then=on_deleted)
    remembered = _as_undo(entry, ctx)
    category = category_named(rest) if rest else None
    if category is not None and not any(c.isdigit() for c in rest):
        return change_category(data, ctx, remembered, category)
    amount = parse_rupiah(rest) if rest else None
    if amount is None or amount <= 0:
        return idle(data, Reply(t.EDIT_WHAT.format(n=n)))
    if amount >= 10**12:
        return idle(data, Reply(t.AMOUNT_TOO_BIG.format(amount=rupiah(amount))))
    return change_amount(data, ctx, remembered, amount)


def _as_undo(entry: MoneyEntry, ctx: SellerCtx) -> dict[str, Any]:
    return {"kind": "money", "entry_id": entry.id, "money_kind": entry.kind, "category": entry.category,
            "amount": entry.amount, "note": entry.note, "at": stamp(ctx)}


def on_deleted(step: Step, outcomes: list[Any], ctx: SellerCtx) -> Step:
    outcome = outcomes[0]
    if isinstance(outcome, MoneyRefused):
        return Step(IDLE, step.data, [Reply(tb.REFUSED[outcome.reason])])
    return Step(step.state, step.data, step.replies)
