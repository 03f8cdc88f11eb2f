"""Money the seller records (expenses, capital, drawings, other income), and its corrections.

Entries are never changed in place: `reverse` adds the negated twin (kept at the original's
occurred_at, because a correction mends the books of the day it happened), and a changed
category or amount is a reversal plus a new entry. So the books show every correction, and
`batalkan` right after an entry is simply `reverse`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from books.accounts import SELLER_CATEGORIES, Category, Kind, kind_for
from books.expense_parsing import MoneyNote
from storage import ledger as lg
from storage.ledger_models import LedgerEntry

SELLER_KINDS = (Kind.EXPENSE, Kind.INCOME, Kind.CAPITAL, Kind.DRAWING)


class EntryRefused(Exception):
    """The entry cannot be made or changed; `reason` is a key of texts.id.books.REFUSED."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def record(session: Session, shop_id: int, kind: Kind, category: Category, amount: int, note: str, actor: str,
           occurred_at: datetime, receipt_ref: str | None = None) -> LedgerEntry:
    if kind not in SELLER_KINDS or category not in SELLER_CATEGORIES:
        raise EntryRefused("category")
    if kind != kind_for(category, money_in=kind == Kind.INCOME):
        raise EntryRefused("category")
    if amount <= 0:
        raise EntryRefused("amount")
    return lg.add_entry(session, shop_id=shop_id, kind=kind.value, category=category.value, amount=amount,
                        occurred_at=occurred_at, note=note[:500] or None, order_id=None, created_by=actor[:60],
                        receipt_ref=receipt_ref, reverses_id=None, created_at=occurred_at)


def record_note(session: Session, shop_id: int, note: MoneyNote, actor: str, now: datetime,
                receipt_ref: str | None = None) -> LedgerEntry:
    """A parsed money sentence as an entry; "kemarin ..." is put a day back."""
    return record(session, shop_id, note.kind, note.category, note.amount, note.note, actor,
                  now - timedelta(days=note.days_ago), receipt_ref)


def _own(session: Session, shop_id: int, entry_id: int) -> LedgerEntry:
    entry = lg.fetch_entry(session, shop_id, entry_id)
    if entry is None:
        raise EntryRefused("missing")
    if entry.order_id is not None or entry.kind not in SELLER_KINDS:
        raise EntryRefused("order")  # an order's entries move with the order (cancel it instead)
    if entry.reverses_id is not None:
        raise EntryRefused("reversal")
    return entry


def reverse(session: Session, shop_id: int, entry_id: int, actor: str, now: datetime) -> LedgerEntry:
    """Undoes one seller entry; a second reversal of the same entry is refused (the database holds that too)."""
    entry = _own(session, shop_id, entry_id)
    savepoint = session.begin_nested()
    try:
        undo = lg.add_entry(session, shop_id=shop_id, kind=entry.kind, category=entry.category, amount=-entry.amount,
                            occurred_at=entry.occurred_at, note=entry.note, order_id=None, created_by=actor[:60],
                            receipt_ref=entry.receipt_ref, reverses_id=entry.id, created_at=now)
    except IntegrityError:
        savepoint.rollback()
        raise EntryRefused("reversed") from None
    savepoint.commit()
    return undo


def change(session: Session, shop_id: int, entry_id: int, actor: str, now: datetime, *,
           category: Category | None = None, amount: int | None = None) -> LedgerEntry:
    """A corrected copy of an entry (new category or amount) in place of the reversed original."""
    entry = _own(session, shop_id, entry_id)
    new_category = category or Category(entry.category)
    new_kind = kind_for(new_category, money_in=entry.kind in (Kind.INCOME, Kind.CAPITAL))
    new_amount = entry.amount if amount is None else amount
    if new_amount <= 0:
        raise EntryRefused("amount")
    reverse(session, shop_id, entry_id, actor, now)
    return record(session, shop_id, new_kind, new_category, new_amount, entry.note or "", actor, entry.occurred_at,
                  entry.receipt_ref)


def last_entries(session: Session, shop_id: int, limit: int = 5) -> Sequence[LedgerEntry]:
    """The seller's newest entries still standing, newest first: what "catatan terakhir" lists."""
    return lg.fetch_last_entries(session, shop_id, [k.value for k in SELLER_KINDS], limit)
