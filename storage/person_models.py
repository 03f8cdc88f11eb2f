"""Tables of the person behind the bot (issue 16): the seller's own answers to customers' questions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
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
