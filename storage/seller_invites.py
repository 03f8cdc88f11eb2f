"""seller_invites: one-time staff invite codes (only their hashes), claimed once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Row, select, update
from sqlalchemy.orm import Session

from storage.models import SellerInvite


def add_invite(session: Session, shop_id: int, code_hash: str, invited_by: int, expires_at: datetime,
               now: datetime) -> None:
    session.add(SellerInvite(shop_id=shop_id, code_hash=code_hash, invited_by=invited_by, expires_at=expires_at,
                             created_at=now))
    session.flush()


def fetch_open_invite(session: Session, shop_id: int, code_hash: str, now: datetime) -> Row | None:
    return session.execute(select(SellerInvite.id, SellerInvite.invited_by).where(
        SellerInvite.shop_id == shop_id, SellerInvite.code_hash == code_hash,
        SellerInvite.used_at.is_(None), SellerInvite.expires_at > now)).one_or_none()


def claim_invite(session: Session, invite_id: int, now: datetime) -> bool:
    """Marks the invite used; False when someone else used it first or it expired meanwhile."""
    result = session.execute(
        update(SellerInvite)
        .where(SellerInvite.id == invite_id, SellerInvite.used_at.is_(None), SellerInvite.expires_at > now)
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def set_invite_user(session: Session, invite_id: int, seller_id: int) -> None:
    session.execute(update(SellerInvite).where(SellerInvite.id == invite_id).values(used_by=seller_id))
