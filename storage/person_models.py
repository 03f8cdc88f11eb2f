"""Tables of the person behind the bot (issue 16): the seller's own answers to customers' questions,
and conversations handed to a seller (with complaints)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, utcnow


class Faq(Base):
    """A seller's own answer to a question customers ask ("halal?" = "Semua produk kami halal MUI").
    `key` is the question's words as compared (conversations.customer.faq), one entry per key."""

    __tablename__ = "faqs"
    __table_args__ = (UniqueConstraint("shop_id", "key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id"))
    key: Mapped[str] = mapped_column(String(200))
    question: Mapped[str] = mapped_column(String(200))
    answer: Mapped[str] = mapped_column(Text)
    created_by: Mapped[int | None] = mapped_column(Integer)  # seller id; no FK, the entry outlives them
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class Handoff(Base):
    """A customer handed to the shop's sellers: waiting in the queue, then open with the seller who
    took it (what either writes is relayed), then closed ("selesai", or idle past the timeout).
    A complaint names its order; the recap counts complaints not yet closed."""

    __tablename__ = "handoffs"
    __table_args__ = (Index("ix_handoffs_shop_status", "shop_id", "status"),
                      Index("ix_handoffs_customer", "shop_id", "customer_id", "status"))
    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    channel: Mapped[str] = mapped_column(String(20))  # where the customer asked, and is answered
    address: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(20))  # talk | complaint | question
    status: Mapped[str] = mapped_column(String(20), default="waiting")  # waiting | open | closed
    seller_id: Mapped[int | None] = mapped_column(Integer)  # who took it; no FK, the record outlives them
    order_code: Mapped[str | None] = mapped_column(String(30))
    question: Mapped[str] = mapped_column(Text, default="")
    log: Mapped[list[Any]] = mapped_column(default=list)  # the last messages: [who ("c"|"s"), text]
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)  # when the wait began: the ask, or given back
    taken_at: Mapped[datetime | None] = mapped_column()
    last_at: Mapped[datetime] = mapped_column(default=utcnow)
    told_late_at: Mapped[datetime | None] = mapped_column()  # the customer told when to expect an answer
    closed_at: Mapped[datetime | None] = mapped_column()
