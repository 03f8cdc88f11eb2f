"""shops and shop_channels: which shop an account receives for (and the links `kedai shop link`
makes), the shop rows the loader parses (shops.loader), the profile a seller changes by chat,
the owner code, the catalog version that tells cached search indexes to rebuild, and the
order number counter (the shop row's lock makes codes one at a time)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Row, delete, select, update
from sqlalchemy.orm import Session

from storage import change_counters
from storage.fastsql import Sql
from storage.models import Shop, ShopChannel


def fetch_shop_for_account(session: Session, channel: str, account: str) -> int | None:
    return session.execute(select(ShopChannel.shop_id).where(
        ShopChannel.channel == channel, ShopChannel.account == account)).scalar_one_or_none()


def fetch_first_shop(session: Session) -> Shop | None:
    """The default shop: the oldest one not archived (what an unlinked channel account serves)."""
    return session.execute(select(Shop).where(Shop.archived_at.is_(None)).order_by(Shop.id).limit(1)).scalar_one_or_none()


def fetch_default_shop(session: Session) -> Row | None:
    return session.execute(select(Shop.id.label("shop_id"), Shop.name, Shop.profile)
                           .where(Shop.archived_at.is_(None)).order_by(Shop.id).limit(1)).first()


def fetch_shop_row(session: Session, shop_id: int) -> Row | None:
    return session.execute(select(Shop.id.label("shop_id"), Shop.name, Shop.profile).where(Shop.id == shop_id)).first()


def fetch_shop(session: Session, shop_id: int) -> Shop:
    return session.execute(select(Shop).where(Shop.id == shop_id)).scalar_one()


def fetch_shop_rows(session: Session) -> Sequence[Row]:
    """Every open shop (an archived one gets no recap)."""
    return session.execute(select(Shop.id, Shop.name, Shop.profile).where(Shop.archived_at.is_(None))
                           .order_by(Shop.id)).all()


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


def fetch_shop_by_slug(session: Session, slug: str) -> Shop | None:
    return session.execute(select(Shop).where(Shop.slug == slug)).scalar_one_or_none()


def fetch_open_shop_for_slug(session: Session, slug: str) -> Shop | None:
    return session.execute(select(Shop).where(Shop.slug == slug, Shop.archived_at.is_(None))).scalar_one_or_none()


def fetch_shops(session: Session) -> Sequence[Shop]:
    return session.execute(select(Shop).order_by(Shop.id)).scalars().all()


def fetch_links(session: Session, shop_id: int | None = None) -> Sequence[ShopChannel]:
    """The channels linked to a shop (or to every shop), in the order they were linked."""
    stmt = select(ShopChannel).order_by(ShopChannel.id)
    if shop_id is not None:
        stmt = stmt.where(ShopChannel.shop_id == shop_id)
    return session.execute(stmt).scalars().all()


def fetch_link_rows(session: Session) -> Sequence[Row]:
    """Every link as plain rows (shop_id, channel, account, token, secret): what a running server
    reads when the links changed (a fraction of loading them as objects)."""
    return session.execute(select(ShopChannel.shop_id, ShopChannel.channel, ShopChannel.account, ShopChannel.token,
                                  ShopChannel.secret).order_by(ShopChannel.id)).all()


def link_channel(session: Session, shop_id: int, channel: str, account: str, token: str | None = None,
                 secret: str | None = None) -> ShopChannel:
    """Links an account (a bot, a number) to the shop; an account linked elsewhere moves here.
    Every change of the links bumps their change counter, which running servers watch."""
    link = session.execute(select(ShopChannel).where(ShopChannel.channel == channel, ShopChannel.account == account)
                           ).scalar_one_or_none()
    if link is None:
        link = ShopChannel(shop_id=shop_id, channel=channel, account=account)
        session.add(link)
    link.shop_id, link.token, link.secret = shop_id, token, secret or link.secret
    session.flush()
    change_counters.bump(session, change_counters.SHOP_CHANNELS)
    return link


def unlink_channels(session: Session, shop_id: int, channel: str | None = None) -> int:
    """Removes the shop's links (on one channel, or all); returns how many."""
    stmt = delete(ShopChannel).where(ShopChannel.shop_id == shop_id)
    if channel is not None:
        stmt = stmt.where(ShopChannel.channel == channel)
    removed = session.execute(stmt.execution_options(synchronize_session=False)).rowcount
    if removed:
        change_counters.bump(session, change_counters.SHOP_CHANNELS)
    return removed


def fetch_slugs(session: Session) -> dict[int, tuple[str, bool]]:
    """Every shop's slug and whether it is archived, by id."""
    return {row.id: (row.slug, row.archived_at is not None)
            for row in session.execute(select(Shop.id, Shop.slug, Shop.archived_at))}


def set_owner_code(session: Session, shop_id: int, code_hash: str, expires_at: datetime) -> None:
    session.execute(update(Shop).where(Shop.id == shop_id).values(owner_code_hash=code_hash,
                                                                  owner_code_expires_at=expires_at))


def owner_code_open(session: Session, shop_id: int, code_hash: str, now: datetime) -> bool:
    return session.execute(select(Shop.id).where(
        Shop.id == shop_id, Shop.owner_code_hash == code_hash, Shop.owner_code_expires_at > now,
        Shop.archived_at.is_(None))).first() is not None


def claim_owner_code(session: Session, shop_id: int, code_hash: str, now: datetime) -> bool:
    """Spends the code; False when someone used it first or it expired meanwhile."""
    result = session.execute(
        update(Shop).where(Shop.id == shop_id, Shop.owner_code_hash == code_hash, Shop.owner_code_expires_at > now)
        .values(owner_code_hash=None, owner_code_expires_at=None).execution_options(synchronize_session=False))
    return result.rowcount == 1


def set_archived(session: Session, shop_id: int, now: datetime) -> None:
    session.execute(update(Shop).where(Shop.id == shop_id).values(archived_at=now, owner_code_hash=None,
                                                                  owner_code_expires_at=None))


def fetch_profile(session: Session, shop_id: int) -> tuple[str, dict[str, Any]]:
    """The shop's name and stored profile, the row locked (PostgreSQL) until the change is written."""
    row = session.execute(select(Shop.name, Shop.profile).where(Shop.id == shop_id).with_for_update()).one()
    return row[0], dict(row[1] or {})


def save_profile(session: Session, shop_id: int, name: str, profile: dict[str, Any]) -> None:
    session.execute(update(Shop).where(Shop.id == shop_id).values(name=name, profile=profile)
                    .execution_options(synchronize_session=False))
