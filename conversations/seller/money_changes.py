"""The money a seller records by chat, as plain effects, and what can come of each.

The appliers (effects.books) write ledger entries through books.entries: nothing is edited in
place, a correction is a reversal plus a new entry (docs/BOOKS.md), so the books keep every
change. The flows that ask (conversations.seller.money, .money_list) word the outcomes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class MoneyEntry:
    """One of the seller's own ledger entries, as lists and corrections show it."""

    id: int
    kind: str  # books.accounts.Kind: expense | income | capital | drawing
    category: str  # books.accounts.Category
    amount: int
    note: str
    occurred_at: datetime
    receipt: bool = False  # a photo of the receipt is attached


@dataclass(frozen=True)
class RecordMoney:
    seller_id: int
    actor: str
    kind: str
    category: str
    amount: int
    note: str
    days_ago: int = 0  # "kemarin ..." happened a day back
    receipt_ref: str | None = None  # the receipt photo sent with the sentence (the channel's reference)


@dataclass(frozen=True)
class ChangeMoney:
    """A new category or amount for one entry: the original is reversed and a corrected copy written."""

    seller_id: int
    actor: str
    entry_id: int
    category: str | None = None
    amount: int | None = None


@dataclass(frozen=True)
class ReverseMoney:
    """Takes one entry out of the books (its reversal is written; nothing is deleted)."""

    seller_id: int
    actor: str
    entry_id: int


# Outcomes.
@dataclass(frozen=True)
class Recorded:
    entry_id: int


@dataclass(frozen=True)
class Reversed:
    """The entry's reversal was written."""


@dataclass(frozen=True)
class MoneyRefused:
    reason: str  # a key of texts.id.books.REFUSED
