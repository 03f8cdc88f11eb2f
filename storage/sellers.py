"""What sellers change by chat: conditional product updates, new products, the audit trail,
staff invites. Every update names the value it expects to replace, so a change made from a
stale reading (an order took stock meanwhile) changes nothing and says so.

The statements every seller command runs (who is talking, the products it names, the
update, the audit row) are plain SQL like the one path's (storage.fastsql); the rest is ORM.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Row, delete, exists, select, update
from sqlalchemy.orm import Session

from storage.fastsql import Sql, to_db_json, to_db_time
from storage.models import Category, Conversation, OrderItem, Product, Seller, SellerChange, SellerInvite

# Product columns a seller may change by chat, and nothing else.
CHANGEABLE = ("stock", "price", "visible", "image_url", "low_stock_threshold")

_PRODUCTS = ("SELECT p.id, p.sku, p.name, c.name AS category, p.price, p.stock, p.visible, p.image_url, "
             "p.low_stock_threshold FROM products p LEFT JOIN categories c ON c.id = p.category_id "
             "WHERE p.shop_id = :shop_id ")
_ALL_PRODUCTS = Sql(_PRODUCTS + "ORDER BY p.name")
_SELLER = Sql("SELECT id, role, name, channel, external_id FROM sellers WHERE id = :id AND shop_id = :shop_id")
_CHANGE = {field: Sql(f"UPDATE products SET {field} = :after WHERE id = :id AND shop_id = :shop_id "
                      f"AND {field} IS :before",
                      f"UPDATE products SET {field} = :after WHERE id = :id AND shop_id = :shop_id "
                      f"AND {field} IS NOT DISTINCT FROM :before")
           for field in CHANGEABLE}
_ADD_CHANGE = Sql(
    "INSERT INTO seller_changes (shop_id, seller_id, actor, action, product_id, subject, before, after, created_at) "
    "VALUES (:shop_id, :seller_id, :actor, :action, :product_id, :subject, :before, :after, :now)",
    "INSERT INTO seller_changes (shop_id, seller_id, actor, action, product_id, subject, before, after, created_at) "
    "VALUES (:shop_id, :seller_id, :actor, :action, :product_id, :subject, CAST(:before AS JSON), "
    "CAST(:after AS JSON), :now)",
)


@lru_cache(maxsize=32)
def _products_in(count: int) -> Sql:
    return Sql(_PRODUCTS + f"AND p.id IN ({', '.join(f':v{i}' for i in range(count))}) ORDER BY p.name")


def fetch_seller_products(session: Session, shop_id: int, ids: Sequence[int] | None = None) -> Sequence[Row]:
    """Products as a seller sees them, hidden ones included; all of them unless ids are given."""
    if ids is None:
        return _ALL_PRODUCTS(session, {"shop_id": shop_id}).all()
    unique = list(dict.fromkeys(ids))
    if not unique:
        return []
    return _products_in(len(unique))(session, {"shop_id": shop_id, **{f"v{i}": v for i, v in enumerate(unique)}}).all()


def fetch_seller_by_id(session: Session, shop_id: int, seller_id: int) -> Row:
    row = _SELLER(session, {"id": seller_id, "shop_id": shop_id}).first()
    if row is None:
        raise LookupError(f"no seller {seller_id} in shop {shop_id}")
    return row


def fetch_category_names(session: Session, shop_id: int) -> list[str]:
    return list(session.execute(select(Category.name).where(Category.shop_id == shop_id)
                                .order_by(Category.position, Category.name)).scalars())


def change_product(session: Session, shop_id: int, product_id: int, field: str, before: Any, after: Any) -> bool:
    """Sets one field from `before` to `after` in one conditional UPDATE; False when it no longer was `before`."""
    params = {"id": product_id, "shop_id": shop_id, "before": before, "after": after}
    return _CHANGE[field](session, params).rowcount == 1


def fetch_skus(session: Session, shop_id: int, prefix: str) -> set[str]:
    return set(session.execute(select(Product.sku).where(Product.shop_id == shop_id,
                                                         Product.sku.startswith(prefix))).scalars())


def add_product(session: Session, shop_id: int, sku: str, name: str, category_id: int, price: int, stock: int,
                now: datetime) -> int:
    product = Product(shop_id=shop_id, sku=sku, name=name, category_id=category_id, price=price, stock=stock,
                      description="", visible=True, created_at=now, updated_at=now)
    session.add(product)
    session.flush()
    return product.id


def delete_unsold_product(session: Session, shop_id: int, product_id: int) -> bool:
    """Deletes a product no order mentions (undoing one just created); False otherwise."""
    result = session.execute(
        delete(Product)
        .where(Product.id == product_id, Product.shop_id == shop_id,
               ~exists().where(OrderItem.product_id == Product.id))
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def add_change(session: Session, shop_id: int, seller_id: int, actor: str, action: str, subject: str,
               before: dict[str, Any] | None, after: dict[str, Any] | None, now: datetime,
               product_id: int | None = None) -> None:
    _ADD_CHANGE(session, {"shop_id": shop_id, "seller_id": seller_id, "actor": actor, "action": action,
                          "product_id": product_id, "subject": subject, "before": _json(before),
                          "after": _json(after), "now": to_db_time(session, now)})


def _json(value: dict[str, Any] | None) -> str | None:
    return None if value is None else to_db_json(value)


def fetch_changes(session: Session, shop_id: int) -> Sequence[SellerChange]:
    return session.execute(select(SellerChange).where(SellerChange.shop_id == shop_id)
                           .order_by(SellerChange.id)).scalars().all()


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
