"""Tables for promotions and broadcasts (issue 7). Same Base as storage.models, so one
metadata and one migration chain; kept in their own file so parallel work merges cleanly."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Boolean, CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, utcnow


class Promotion(Base):
    """A discount rule (marketing.promotions.Promotion is its plain-data twin)."""

    __tablename__ = "promotions"
    __table_args__ = (
        UniqueConstraint("shop_id", "code"),
        CheckConstraint("uses >= 0", name="promo_uses_not_negative"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    code: Mapped[str | None] = mapped_column(String(40))  # upper case; None = automatic
    kind: Mapped[str] = mapped_column(String(10))  # percent | fixed | bundle
    value: Mapped[int] = mapped_column(BigInteger)  # percent, Rupiah off, or bundle price
    scope: Mapped[str] = mapped_column(String(10), default="cart")
    targets: Mapped[list[Any]] = mapped_column(default=list)
    bundle: Mapped[list[Any]] = mapped_column(default=list)  # [{"sku": ..., "qty": ...}]
    min_subtotal: Mapped[int] = mapped_column(BigInteger, default=0)
    max_discount: Mapped[int | None] = mapped_column(BigInteger)
    starts_at: Mapped[datetime | None] = mapped_column()
    ends_at: Mapped[datetime | None] = mapped_column()
    max_uses: Mapped[int | None] = mapped_column(Integer)
    max_uses_per_customer: Mapped[int | None] = mapped_column(Integer)
    # Taken with one conditional UPDATE at order time, so the total limit holds under races.
    uses: Mapped[int] = mapped_column(Integer, default=0)
    stackable: Mapped[bool] = mapped_column(Boolean, default=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by: Mapped[str | None] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PromoRedemption(Base):
    """One promo used on one order: per-customer limits count these rows."""

    __tablename__ = "promo_redemptions"
    __table_args__ = (
        UniqueConstraint("promotion_id", "order_id"),
        Index("ix_promo_redemptions_customer", "promotion_id", "customer_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id"))
    promotion_id: Mapped[int] = mapped_column(ForeignKey("promotions.id"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    amount: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Broadcast(Base):
    """What to send, to whom, when; `next_due_at` is the schedule as a column the job sweeps."""

    __tablename__ = "broadcasts"
    __table_args__ = (Index("ix_broadcasts_due", "status", "next_due_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    image_url: Mapped[str | None] = mapped_column(String(500))
    promotion_id: Mapped[int | None] = mapped_column(ForeignKey("promotions.id"))
    segment: Mapped[dict[str, Any]] = mapped_column(default=dict)  # marketing.broadcasts.Segment
    schedule: Mapped[dict[str, Any]] = mapped_column(default=dict)  # marketing.broadcasts.Schedule
    status: Mapped[str] = mapped_column(String(20), default="active")  # active | done | cancelled
    next_due_at: Mapped[datetime | None] = mapped_column()
    created_by: Mapped[str | None] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class BroadcastRun(Base):
    """One occurrence of a broadcast; unique per due time, so two schedulers make it once."""

    __tablename__ = "broadcast_runs"
    __table_args__ = (UniqueConstraint("broadcast_id", "due_at"), Index("ix_broadcast_runs_status", "status"))
    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id"))
    broadcast_id: Mapped[int] = mapped_column(ForeignKey("broadcasts.id"), index=True)
    due_at: Mapped[datetime] = mapped_column()
    status: Mapped[str] = mapped_column(String(20))  # sending | done | missed | cancelled
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column()


class BroadcastRecipient(Base):
    """One person of one run: claimed pending -> sending before the send, so it goes out at most once."""

    __tablename__ = "broadcast_recipients"
    __table_args__ = (UniqueConstraint("run_id", "customer_id"), Index("ix_broadcast_recipients_run", "run_id", "status"))
    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id"))
    run_id: Mapped[int] = mapped_column(ForeignKey("broadcast_runs.id"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    channel: Mapped[str] = mapped_column(String(20))
    external_id: Mapped[str] = mapped_column(String(100))
    fields: Mapped[dict[str, Any]] = mapped_column(default=dict)  # personalised: name, last_product
    status: Mapped[str] = mapped_column(String(20), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    claimed_at: Mapped[datetime | None] = mapped_column()
    sent_at: Mapped[datetime | None] = mapped_column()
    provider_id: Mapped[str | None] = mapped_column(String(100))
    error: Mapped[str | None] = mapped_column(Text)
