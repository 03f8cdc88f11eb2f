"""sellers: who may run a shop by chat (owner or staff)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Row, delete, select, update
from sqlalchemy.orm import Session

from storage.fastsql import Sql
from storage.models import Conversation, Seller


def fetch_seller(session: Session, shop_id: int, channel: str, external_id: str) -> Seller | None:
    return session.execute(select(Seller).where(
        Seller.shop_id == shop_id, Seller.channel == channel, Seller.external_id == external_id)).scalar_one_or_none()


def fetch_sellers(session: Session, shop_id: int) -> Sequence[Seller]:
    return session.execute(select(Seller).where(Seller.shop_id == shop_id).order_by(Seller.id)).scalars().all()


_SELLER = Sql("SELECT id, role, name, channel, external_id FROM sellers WHERE id = :id AND shop_id = :shop_id")


def fetch_seller_by_id(session: Session, shop_id: int, seller_id: int) -> Row:
    row = _SELLER(session, {"id": seller_id, "shop_id": shop_id}).first()
    if row is None:
        raise LookupError(f"no seller {seller_id} in shop {shop_id}")
    return row


def add_staff(session: Session, shop_id: int, channel: str, external_id: str, name: str | None,
              now: datetime) -> int:
    seller = Seller(shop_id=shop_id, channel=channel, external_id=external_id, name=name, role="staff",
                    created_at=now)
    session.add(seller)
    session.flush()
    return seller.id


def remove_staff(session: Session, shop_id: int, seller_id: int) -> bool:
    """Removes a staff member (never an owner) and their seller conversation."""
    result = session.execute(delete(Seller).where(Seller.id == seller_id, Seller.shop_id == shop_id,
                                                  Seller.role == "staff").execution_options(synchronize_session=False))
    if result.rowcount != 1:
        return False
    session.execute(delete(Conversation).where(Conversation.shop_id == shop_id,
                                               Conversation.party == f"seller:{seller_id}")
                    .execution_options(synchronize_session=False))
    return True


def demote_owners(session: Session, shop_id: int, keep_id: int) -> list[Row]:
    """Every owner of the shop but `keep_id` becomes staff; returns who they were."""
    rows = session.execute(select(Seller.id, Seller.channel, Seller.external_id, Seller.name).where(
        Seller.shop_id == shop_id, Seller.role == "owner", Seller.id != keep_id)).all()
    if rows:
        session.execute(update(Seller).where(Seller.id.in_([r.id for r in rows])).values(role="staff")
                        .execution_options(synchronize_session=False))
    return list(rows)


def remove_seller(session: Session, shop_id: int, seller_id: int) -> None:
    """Removes a seller of any role, with their seller conversation (the CLI's `seller remove`)."""
    session.execute(delete(Seller).where(Seller.id == seller_id, Seller.shop_id == shop_id)
                    .execution_options(synchronize_session=False))
    session.execute(delete(Conversation).where(Conversation.shop_id == shop_id,
                                               Conversation.party == f"seller:{seller_id}")
                    .execution_options(synchronize_session=False))
