"""conversations: every stored state is renamed to "flow:state", its flow's own name

The flows moved under conversations/customer and conversations/seller and each state's prefix
became its flow's name (`browse:home` -> `browsing:home`, `sp:kind` -> `seller_promo:kind`...),
so a stored state says which flow it belongs to and can no longer share a prefix with a
button value. This renames the states of conversations in progress; an unknown state left
over would be answered with the main menu (handlers.customer / handlers.seller).

Revision ID: 0010_flow_named_states
Revises: 0009_processes
Create Date: 2026-12-02 09:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0010_flow_named_states'
down_revision = '0009_processes'
branch_labels = None
depends_on = None

RENAMED = {
    "browse:home": "browsing:home",
    "browse:product": "browsing:product",
    "browse:search": "browsing:search",
    "browse:pick": "browsing:pick",
    "pay:which": "payment:which",
    "pay:cancel_which": "payment:cancel_which",
    "pay:cancel_confirm": "payment:cancel_confirm",
    "promo:consent": "consent:asked",
    "seller:pick": "seller_stock:pick",
    "seller:confirm": "seller_stock:confirm",
    "seller:new_name": "seller_products:new_name",
    "seller:new_price": "seller_products:new_price",
    "seller:new_stock": "seller_products:new_stock",
    "seller:new_category": "seller_products:new_category",
    "seller:photo": "seller_products:photo",
    "sorders:reason": "seller_orders:reason",
    **{f"sp:{s}": f"seller_promo:{s}" for s in ("kind", "value", "bundle", "scope", "category", "products", "code",
                                                 "conditions", "confirm")},
    **{f"sb:{s}": f"seller_broadcast:{s}" for s in ("text", "audience", "bought", "days", "channel", "promo", "when",
                                                     "confirm")},
}


def _rename(pairs: dict[str, str]) -> None:
    statement = sa.text("UPDATE conversations SET state = :new WHERE state = :old")
    for old, new in pairs.items():
        op.execute(statement.bindparams(old=old, new=new))


def upgrade() -> None:
    _rename(RENAMED)


def downgrade() -> None:
    _rename({new: old for old, new in RENAMED.items()})
