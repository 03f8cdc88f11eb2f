"""Tables of home kitchens and clusters (issue 19): units sold per product and shop-local day
(daily quotas), clusters of shops in one install, and who got a cluster's joint promotion.
Same Base as storage.models; kept in their own file so parallel work merges cleanly."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, utcnow


class DailySale(Base):
    """Units of a quota product taken for one shop-local day (ISO date). The row is written in
    the order's transaction by a conditional UPDATE, so two buyers never pass the quota."""

    __tablename__ = "daily_sales"
    __table_args__ = (UniqueConstraint("product_id", "day"), CheckConstraint("sold >= 0", name="sold_not_negative"))
    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    day: Mapped[str] = mapped_column(String(10))
    sold: Mapped[int] = mapped_column(Integer, default=0)


class Cluster(Base):
    """Shops of one install that promote together ("Kampung Kue Malang"). The admin is a
    seller of one member shop (no FK: a cluster outlives a removed seller)."""

    __tablename__ = "clusters"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    admin_shop_id: Mapped[int | None] = mapped_column(Integer)
    admin_seller_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ClusterMember(Base):
    __tablename__ = "cluster_members"
    __table_args__ = (UniqueConstraint("cluster_id", "shop_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    cluster_id: Mapped[int] = mapped_column(ForeignKey("clusters.id"))
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id"))


class ClusterPromo(Base):
    """A joint promotion of a cluster, sent through each member shop's own channels."""

    __tablename__ = "cluster_promos"
    id: Mapped[int] = mapped_column(primary_key=True)
    cluster_id: Mapped[int] = mapped_column(ForeignKey("clusters.id"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ClusterRecipient(Base):
    """One person (a channel address: a WhatsApp number, a Telegram chat) who got a joint
    promotion: the unique key keeps it to once, whichever member shops they buy from."""

    __tablename__ = "cluster_recipients"
    __table_args__ = (UniqueConstraint("promo_id", "person"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    promo_id: Mapped[int] = mapped_column(ForeignKey("cluster_promos.id"))
    person: Mapped[str] = mapped_column(String(120))
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
