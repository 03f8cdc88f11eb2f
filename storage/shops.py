"""shops and shop_channels: which shop an account receives for, the shop rows the loader
parses (shops.loader), the catalog version that tells cached search indexes to rebuild, and
the order number counter (the shop row's lock makes codes one at a time)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Row, select, update
from sqlalchemy.orm import Session

from storage.fastsql import Sql
from storage.models import Shop, ShopChannel


def fetch_shop_for_account(session: Session, channel: str, account: str) -> int | None:
    return session.execute(select(ShopChannel.shop_id).where(
        ShopChannel.channel == channel, ShopChannel.account == account)).scalar_one_or_none()


def fetch_first_shop(session: Session) -> Shop | None:
    return session.execute(select(Shop).order_by(Shop.id).limit(1)).scalar_one_or_none()


def fetch_default_shop(session: Session) -> Row | None:
    return session.execute(select(Shop.id.label("shop_id"), Shop.name, Shop.profile).order_by(Shop.id).limit(1)).first()


def fetch_shop(session: Session, shop_id: int) -> Shop:
    return session.execute(select(Shop).where(Shop.id == shop_id)).scalar_one()


def fetch_shop_rows(session: Session) -> Sequence[Row]:
    return session.execute(select(Shop.id, Shop.name, Shop.profile).order_by(Shop.id)).all()


_VERSION = Sql("SELECT catalog_version FROM shops WHERE id = :shop_id")


def fetch_catalog_version(session: Session, shop_id: int) -> int:
    return _VERSION(session, {"shop_id": shop_id}).scalar_one()


def bump_catalog_version(session: Session, shop_id: int) -> None:
    session.execute(update(Shop).where(Shop.id == shop_id).values(catalog_version=Shop.catalog_version + 1))


def lock_shop(session: Session, shop_id: int) -> None:
    """Takes the shop row's write lock until the transaction ends (what next_order_number does),
    so that transfer codes are picked one at a time per shop."""
    session.execute(update(Shop).where(Shop.id == shop_id).values(order_seq=Shop.order_seq))


def next_order_number(session: Session, shop_id: int) -> int:
    """Atomically takes the shop's next order number (the row lock orders concurrent takers)."""
    return session.execute(
        update(Shop).where(Shop.id == shop_id).values(order_seq=Shop.order_seq + 1).returning(Shop.order_seq)
    ).scalar_one()
