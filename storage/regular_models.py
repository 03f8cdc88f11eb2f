"""Tables for regular customers (issue 19): reviews of completed orders and the shop's loyalty
rule with its redemptions. Same Base as storage.models (one metadata, one migration chain);
kept in their own file so parallel work merges cleanly."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, utcnow


class Review(Base):
    """One completed order's review: scheduled when the order completes, asked once when due
    (a compare-and-set on asked_at), rated once, replied to once by the seller."""

    __tablename__ = "reviews"
    __table_args__ = (
        UniqueConstraint("order_id"),
        CheckConstraint("rating IS NULL OR (rating BETWEEN 1 AND 5)", name="review_rating_range"),
        Index("ix_reviews_due", "asked_at", "due_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id"), index=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    due_at: Mapped[datetime] = mapped_column()  # when the customer may be asked
    asked_at: Mapped[datetime | None] = mapped_column()
    rating: Mapped[int | None] = mapped_column(Integer)
    comment: Mapped[str | None] = mapped_column(Text)
    rated_at: Mapped[datetime | None] = mapped_column()
    complaint: Mapped[bool] = mapped_column(Boolean, default=False)  # a low rating: the seller was told so
    reply: Mapped[str | None] = mapped_column(Text)
    replied_at: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class LoyaltyRule(Base):
    """The shop's one loyalty rule: a stamp per completed order (per_stamp 0) or per `per_stamp`
    Rupiah of a completed order's subtotal; `needed` stamps give `reward` Rupiah off once."""

    __tablename__ = "loyalty_rules"
    __table_args__ = (UniqueConstraint("shop_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id"))
    per_stamp: Mapped[int] = mapped_column(BigInteger, default=0)
    needed: Mapped[int] = mapped_column(Integer)
    reward: Mapped[int] = mapped_column(BigInteger)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class LoyaltyRedemption(Base):
    """A reward taken at checkout. `seq` counts a customer's rewards: two checkouts racing for
    the same reward insert the same seq, and the unique key lets exactly one of them win."""

    __tablename__ = "loyalty_redemptions"
    __table_args__ = (UniqueConstraint("shop_id", "customer_id", "seq"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    seq: Mapped[int] = mapped_column(Integer)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), index=True)
    amount: Mapped[int] = mapped_column(BigInteger)
    stamps: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
