"""SQLAlchemy 2 typed models. Every shop-owned table carries `shop_id`.

Money columns are whole Rupiah (BigInteger); times are timezone-aware UTC.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text as sql_text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class UTCDateTime(TypeDecorator[datetime]):
    """SQLite forgets the zone; give every datetime back as aware UTC on both backends."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(timezone.utc)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UTCDateTime, dict[str, Any]: JSON, list[Any]: JSON}


class Shop(Base):
    __tablename__ = "shops"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    # Address, hours, payment methods, delivery zones...: validated by shops.profile.ShopProfile.
    profile: Mapped[dict[str, Any]] = mapped_column(default=dict)
    order_seq: Mapped[int] = mapped_column(Integer, default=0)
    # Bumped when names/categories/visibility change so cached search indexes know to rebuild.
    catalog_version: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The one-time owner code (`kedai shop new`, or an owner handing the shop over): its hash only.
    owner_code_hash: Mapped[str | None] = mapped_column(String(64))
    owner_code_expires_at: Mapped[datetime | None] = mapped_column()
    archived_at: Mapped[datetime | None] = mapped_column()  # closed: no channels, data kept


class ShopChannel(Base):
    """Which bot / WhatsApp number belongs to which shop, for multi-shop deployments."""

    __tablename__ = "shop_channels"
    __table_args__ = (UniqueConstraint("channel", "account"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id"))
    channel: Mapped[str] = mapped_column(String(20))
    account: Mapped[str] = mapped_column(String(100))  # a Telegram bot's id, a WhatsApp number (E.164)
    token: Mapped[str | None] = mapped_column(String(200))  # a Telegram bot's token: the server serves it
    secret: Mapped[str | None] = mapped_column(String(100))  # the secret its webhook is registered with


class Category(Base):
    __tablename__ = "categories"
    __table_args__ = (UniqueConstraint("shop_id", "name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(Integer, default=0)


class Product(Base):
    __tablename__ = "products"
    __table_args__ = (
        UniqueConstraint("shop_id", "sku"),
        # storage.products: a category page lists each product once (family_id: see Product.family_id)
        Index("ix_products_category_page", "shop_id", "category_id", "visible", "name", "id", "family_id"),
        Index("ix_products_family", "family_id", "visible", "id"),
        CheckConstraint("stock >= 0", name="stock_not_negative"),
        CheckConstraint("price >= 0", name="price_not_negative"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id"), index=True)
    sku: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    category_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id"), index=True)
    price: Mapped[int] = mapped_column(BigInteger)
    stock: Mapped[int] = mapped_column(Integer, default=0)
    description: Mapped[str] = mapped_column(Text, default="")
    image_url: Mapped[str | None] = mapped_column(String(500))
    visible: Mapped[bool] = mapped_column(Boolean, default=True)
    low_stock_threshold: Mapped[int] = mapped_column(Integer, default=5)
    # Options of one product (sizes, colours, levels, weights) are rows with the same family_id
    # (the id of the product's first option) and the same name, each with its own sku, price and
    # stock and an option_label ("500g", "XL"). NULL: a product without options (its own family).
    family_id: Mapped[int | None] = mapped_column(Integer)
    option_label: Mapped[str | None] = mapped_column(String(60))
    option_kind: Mapped[str | None] = mapped_column(String(20))  # size | weight | volume | level | variant
    # Made to order (docs/PREORDERS.md): quota per local day, "habis hari ini", pre-order window/days.
    daily_quota: Mapped[int | None] = mapped_column(Integer)
    sold_out_on: Mapped[str | None] = mapped_column(String(10))
    po_closes: Mapped[str | None] = mapped_column(String(10))
    po_delivery: Mapped[str | None] = mapped_column(String(10))
    po_days: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Customer(Base):
    """One person, however many channels they reach us on (see Identity)."""

    __tablename__ = "customers"
    __table_args__ = (Index("ix_customers_shop_phone", "shop_id", "phone"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id"))
    name: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(20))
    promo_consent: Mapped[bool | None] = mapped_column(Boolean)
    consent_asked_at: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Identity(Base):
    """A customer's address on one channel: a Telegram chat id, a WhatsApp number, a simulator user."""

    __tablename__ = "identities"
    # The second index serves the WhatsApp sender, which knows only the number it writes to.
    __table_args__ = (UniqueConstraint("shop_id", "channel", "external_id"),
                      Index("ix_identities_channel_external", "channel", "external_id"))
    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id"))
    channel: Mapped[str] = mapped_column(String(20))
    external_id: Mapped[str] = mapped_column(String(100))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    profile_name: Mapped[str | None] = mapped_column(String(200))
    reachable: Mapped[bool] = mapped_column(Boolean, default=True)
    last_inbound_at: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Seller(Base):
    __tablename__ = "sellers"
    __table_args__ = (UniqueConstraint("shop_id", "channel", "external_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id"))
    channel: Mapped[str] = mapped_column(String(20))
    external_id: Mapped[str] = mapped_column(String(100))
    name: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20), default="owner")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Conversation(Base):
    """A party's dialogue state as data: `flow:state` plus JSON (the cart lives here)."""

    __tablename__ = "conversations"
    __table_args__ = (UniqueConstraint("shop_id", "party"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id"))
    party: Mapped[str] = mapped_column(String(40))  # "customer:12" or "seller:3"
    state: Mapped[str] = mapped_column(String(60), default="")
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    version: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class InboundMessage(Base):
    """Channel message ids already handled: a redelivery stops at this unique key."""

    __tablename__ = "inbound_messages"
    __table_args__ = (UniqueConstraint("shop_id", "channel", "message_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id"))
    channel: Mapped[str] = mapped_column(String(20))
    message_id: Mapped[str] = mapped_column(String(100))
    sender: Mapped[str] = mapped_column(String(100))
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    # An in-band channel's replies (the simulator's, sent back in the HTTP response), kept so a
    # redelivery is answered the same; other channels' replies are outbox rows.
    replies: Mapped[list[Any] | None] = mapped_column(JSON, nullable=True)


# The outbox rows that still need work. Most rows are done within seconds and stay done, so
# the indexes that find work leave those out: each index entry is a page written. A query can use ix_outbox_open only if it carries this
# exact term (SQLite matches partial-index conditions literally): storage.outbox.OPEN.
OUTBOX_OPEN_SQL = "status IN ('pending', 'sending', 'held')"


class OutboxMessage(Base):
    """A reply or notification waiting for (or past) delivery. Written in the same transaction."""

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_open", "status", "next_attempt_at",
              sqlite_where=sql_text(OUTBOX_OPEN_SQL), postgresql_where=sql_text(OUTBOX_OPEN_SQL)),
        Index("ix_outbox_provider_id", "provider_id",
              sqlite_where=sql_text("provider_id IS NOT NULL"), postgresql_where=sql_text("provider_id IS NOT NULL")),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id"))
    channel: Mapped[str] = mapped_column(String(20))
    recipient: Mapped[str] = mapped_column(String(100))
    payload: Mapped[dict[str, Any]] = mapped_column()
    # pending -> sending -> sent -> delivered/read; or failed / held (outside a channel's rules)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    inbound_id: Mapped[int | None] = mapped_column(Integer, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    provider_id: Mapped[str | None] = mapped_column(String(100))  # indexed where set, see __table_args__
    # The process (processes.id) that claimed the row for sending; no FK: a dead process's row goes.
    claimed_by: Mapped[int | None] = mapped_column(Integer)
    error_code: Mapped[str | None] = mapped_column(String(20))
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column()


class Process(Base):
    """A running server process, so that others can tell when it is gone: rows it claimed
    (outbox.claimed_by) go back to work at once instead of waiting out a lease. A process
    is gone when its heartbeat is stale or, seen from its own host, its pid is no longer it."""

    __tablename__ = "processes"
    id: Mapped[int] = mapped_column(primary_key=True)
    host: Mapped[str] = mapped_column(String(255))
    pid: Mapped[int] = mapped_column(Integer)
    # What tells this process from a later one with the same pid: boot id and start time, where known.
    instance: Mapped[str] = mapped_column(String(100), default="")
    role: Mapped[str] = mapped_column(String(40), default="serve")
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    heartbeat_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


OPEN_CODE_SQL = "status IN ('pending_payment', 'quoted') AND unique_code > 0"


class Order(Base):
    __tablename__ = "orders"
    __table_args__ = (
        UniqueConstraint("shop_id", "code"),
        Index("ix_orders_status_pay_by", "status", "pay_by"),
        Index("ix_orders_customer", "shop_id", "customer_id"),
        # A transfer code identifies one open order's bank mutation; the database holds the line.
        # A quoted order holds its code too: the customer was shown the exact amount to transfer.
        Index("uq_orders_open_unique_code", "shop_id", "unique_code", unique=True,
              sqlite_where=sql_text(OPEN_CODE_SQL), postgresql_where=sql_text(OPEN_CODE_SQL)),
        Index("ix_orders_status_quote_by", "status", "quote_by"),
        Index("ix_orders_shop_make_day", "shop_id", "make_day"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id"))
    code: Mapped[str] = mapped_column(String(20))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    channel: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), default="pending_payment")
    customer_name: Mapped[str] = mapped_column(String(200))
    fulfilment: Mapped[str] = mapped_column(String(20))  # delivery | pickup
    address: Mapped[str | None] = mapped_column(Text)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    zone: Mapped[str | None] = mapped_column(String(100))
    note: Mapped[str | None] = mapped_column(Text)
    payment_method: Mapped[str] = mapped_column(String(20))
    subtotal: Mapped[int] = mapped_column(BigInteger)
    discount: Mapped[int] = mapped_column(BigInteger, default=0)
    delivery_fee: Mapped[int] = mapped_column(BigInteger, default=0)
    unique_code: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(BigInteger)
    pay_by: Mapped[datetime | None] = mapped_column()
    paid_at: Mapped[datetime | None] = mapped_column()
    # Set while a payment proof waits for a seller: the expiry sweep leaves such orders alone.
    proof_submitted_at: Mapped[datetime | None] = mapped_column()
    reminded_at: Mapped[datetime | None] = mapped_column()
    # A delivery fee the seller quotes ("ongkir menyusul"): who must act next (the seller while
    # awaiting_quote, the customer while quoted) must do so by quote_by, else the order expires.
    quote_by: Mapped[datetime | None] = mapped_column()
    quote_reminded_at: Mapped[datetime | None] = mapped_column()
    courier: Mapped[str | None] = mapped_column(String(60))
    tracking_no: Mapped[str | None] = mapped_column(String(100))
    # The local day the goods are made for, a promised delivery day, when a closed shop handles it.
    make_day: Mapped[str | None] = mapped_column(String(10))
    deliver_on: Mapped[str | None] = mapped_column(String(10))
    handle_at: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class OrderItem(Base):
    __tablename__ = "order_items"
    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id"))
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    sku: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    qty: Mapped[int] = mapped_column(Integer)
    unit_price: Mapped[int] = mapped_column(BigInteger)
    line_total: Mapped[int] = mapped_column(BigInteger)


class OrderEvent(Base):
    """Audit trail of an order: who moved it, when, from what, to what."""

    __tablename__ = "order_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id"))
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    actor: Mapped[str] = mapped_column(String(60))
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SellerInvite(Base):
    """A one-time code an owner hands to a new staff member; only its hash is kept."""

    __tablename__ = "seller_invites"
    __table_args__ = (UniqueConstraint("shop_id", "code_hash"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id"))
    code_hash: Mapped[str] = mapped_column(String(64))
    invited_by: Mapped[int] = mapped_column(Integer)  # seller id; no FK, the audit outlives sellers
    expires_at: Mapped[datetime] = mapped_column()
    used_at: Mapped[datetime | None] = mapped_column()
    used_by: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SellerChange(Base):
    """Audit trail of what sellers changed by chat: who, when, what, before, after."""

    __tablename__ = "seller_changes"
    __table_args__ = (Index("ix_seller_changes_shop_time", "shop_id", "created_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id"))
    # No FK: a removed staff member's changes must stay traceable.
    seller_id: Mapped[int] = mapped_column(Integer)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(30))
    product_id: Mapped[int | None] = mapped_column(Integer)
    subject: Mapped[str] = mapped_column(String(200))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class RecapSent(Base):
    """One row per shop and local day whose recap went out: a restart never sends it twice."""

    __tablename__ = "recaps_sent"
    __table_args__ = (UniqueConstraint("shop_id", "day"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id"))
    day: Mapped[str] = mapped_column(String(10))  # local date, ISO
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)


class PaymentProof(Base):
    """What a customer sent as proof of payment (a photo, a PDF, or words), and its review."""

    __tablename__ = "payment_proofs"
    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id"))
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    media_ref: Mapped[str | None] = mapped_column(String(500))
    content_type: Mapped[str | None] = mapped_column(String(100))
    text: Mapped[str | None] = mapped_column(Text)
    # submitted -> accepted | rejected; late: sent after the order had expired or was cancelled
    status: Mapped[str] = mapped_column(String(20), default="submitted")
    reason: Mapped[str | None] = mapped_column(Text)
    reviewed_by: Mapped[str | None] = mapped_column(String(60))
    reviewed_at: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
