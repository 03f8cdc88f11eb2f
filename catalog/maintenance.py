"""Removing a product from the catalog: deleted when no order ever held it, else hidden, since
orders keep pointing at their products (their history must still read right)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from storage import products as products_db
from storage import shops as shops_db


def delete_product(session: Session, shop_id: int, sku: str) -> str:
    """"deleted", "hidden" (an order holds it), "hidden already", or "missing"."""
    product = products_db.fetch_product_by_sku(session, shop_id, sku)
    if product is None:
        return "missing"
    if products_db.delete_unsold_product(session, shop_id, product.id):
        outcome = "deleted"
    elif not product.visible:
        return "hidden already"
    else:
        product.visible = False
        outcome = "hidden"
    session.flush()
    shops_db.bump_catalog_version(session, shop_id)
    return outcome
