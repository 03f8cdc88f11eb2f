"""clusters, cluster_members, cluster_promos, cluster_recipients: shops of one install that
promote together, and who got each joint promotion (once per person: the unique key)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Row, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage.kitchen_models import Cluster, ClusterMember, ClusterPromo, ClusterRecipient
from storage.models import Customer, Identity, Order, Shop, ShopChannel


def add_cluster(session: Session, slug: str, name: str, shop_ids: Sequence[int], admin_shop_id: int | None,
                admin_seller_id: int | None, now: datetime) -> Cluster:
    cluster = Cluster(slug=slug, name=name, admin_shop_id=admin_shop_id, admin_seller_id=admin_seller_id, created_at=now)
    session.add(cluster)
    session.flush()
    session.add_all(ClusterMember(cluster_id=cluster.id, shop_id=shop_id) for shop_id in dict.fromkeys(shop_ids))
    session.flush()
    return cluster


def fetch_cluster(session: Session, slug: str) -> Cluster | None:
    return session.execute(select(Cluster).where(Cluster.slug == slug)).scalar_one_or_none()


def fetch_clusters(session: Session) -> Sequence[Cluster]:
    return session.execute(select(Cluster).order_by(Cluster.id)).scalars().all()


def admin_of(session: Session, shop_id: int, seller_id: int) -> Sequence[Cluster]:
    """The clusters this seller of this shop administers."""
    return session.execute(select(Cluster).where(Cluster.admin_shop_id == shop_id, Cluster.admin_seller_id == seller_id)
                           .order_by(Cluster.id)).scalars().all()


def member_shops(session: Session, cluster_id: int) -> Sequence[Shop]:
    """The cluster's open member shops, oldest first."""
    return session.execute(select(Shop).join(ClusterMember, ClusterMember.shop_id == Shop.id)
                           .where(ClusterMember.cluster_id == cluster_id, Shop.archived_at.is_(None))
                           .order_by(Shop.id)).scalars().all()


def add_promo(session: Session, cluster_id: int, text: str, now: datetime) -> int:
    promo = ClusterPromo(cluster_id=cluster_id, text=text, created_at=now)
    session.add(promo)
    session.flush()
    return promo.id


def claim_person(session: Session, promo_id: int, person: str, shop_id: int, now: datetime) -> bool:
    """Records that this person gets the joint promotion from this shop; False if they already do."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    stmt = (dialect.insert(ClusterRecipient).values(promo_id=promo_id, person=person, shop_id=shop_id, created_at=now)
            .on_conflict_do_nothing(index_elements=["promo_id", "person"]).returning(ClusterRecipient.id))
    return session.execute(stmt).scalar_one_or_none() is not None


def identities(session: Session, shop_ids: Sequence[int]) -> Sequence[Row]:
    """Every customer identity of these shops with the customer's consent and last purchase:
    (shop_id, customer_id, channel, external_id, promo_consent, last_order_at)."""
    last = (select(Order.customer_id, func.max(Order.created_at).label("last_order_at"))
            .where(Order.shop_id.in_(list(shop_ids)), Order.status.notin_(("cancelled", "expired")))
            .group_by(Order.customer_id).subquery())
    stmt = (select(Identity.shop_id, Identity.customer_id, Identity.channel, Identity.external_id,
                   Customer.promo_consent, last.c.last_order_at)
            .join(Customer, Customer.id == Identity.customer_id)
            .outerjoin(last, last.c.customer_id == Identity.customer_id)
            .where(Identity.shop_id.in_(list(shop_ids))).order_by(Identity.id))
    return session.execute(stmt).all()


def order_links(session: Session, shop_ids: Sequence[int]) -> dict[int, list[tuple[str, str]]]:
    """Each shop's linked channels: {shop id: [(channel, account)]}."""
    out: dict[int, list[tuple[str, str]]] = {}
    rows = session.execute(select(ShopChannel.shop_id, ShopChannel.channel, ShopChannel.account)
                           .where(ShopChannel.shop_id.in_(list(shop_ids))).order_by(ShopChannel.id)).all()
    for shop_id, channel, account in rows:
        out.setdefault(shop_id, []).append((channel, account))
    return out


