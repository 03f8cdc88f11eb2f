"""Tables of the shop's books (issue 18): ledger entries and what products cost the shop.
Same Base as storage.models; kept in their own file so parallel work merges cleanly.
The definitions the entries follow are in docs/BOOKS.md."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, utcnow


class LedgerEntry(Base):
    """One movement of the shop's money, kept by the shop's own actions.

    `amount` is signed whole Rupiah in the direction of its kind: a sale of 10.000 is +10.000,
    the discount on it -1.000, an expense of 25.000 is +25.000 of `expense`. Entries are never
    edited or deleted: a mistake or a cancelled order is undone by a reversal entry (the same
    kind and category, the amount negated, `reverses_id` pointing at the original).
    """

    __tablename__ = "ledger_entries"
    __table_args__ = (
        Index("ix_ledger_entries_shop_time", "shop_id", "occurred_at"),
        # One reversal per entry: two racing "batalkan" cannot both undo it.
        UniqueConstraint("reverses_id", name="uq_ledger_entries_reverses"),
        CheckConstraint("amount <> 0", name="ledger_amount_not_zero"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id"))
    kind: Mapped[str] = mapped_column(String(20))  # books.accounts.Kind
    category: Mapped[str] = mapped_column(String(30))  # books.accounts.Category
    amount: Mapped[int] = mapped_column(BigInteger)
    occurred_at: Mapped[datetime] = mapped_column()
    note: Mapped[str | None] = mapped_column(Text)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), index=True)
    created_by: Mapped[str] = mapped_column(String(60))  # "seller:3", "customer:12", "cli", "system"
    receipt_ref: Mapped[str | None] = mapped_column(String(500))  # a stored photo of the receipt
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("ledger_entries.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ProductCost(Base):
    """What one unit of a product costs the shop (harga pokok), where the seller has said.

    A table of its own rather than a column on products: most products never get one, and
    the position values stock at cost only for the products that have it."""

    __tablename__ = "product_costs"
    __table_args__ = (CheckConstraint("cost >= 0", name="product_cost_not_negative"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), unique=True)
    cost: Mapped[int] = mapped_column(BigInteger)
    updated_by: Mapped[str] = mapped_column(String(60))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
