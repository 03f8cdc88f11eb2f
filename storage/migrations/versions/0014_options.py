"""product options and delivery quotes (issue 15, part B)

`products.family_id`, `option_label`, `option_kind`: the options of one product (sizes,
colours, levels, weights) are rows sharing a family, each with its own sku, price and stock.
Existing products keep family_id NULL: each is a product without options. A category page
lists each product once (its first visible option), so its index carries family_id, and
`ix_products_family` finds a product's options.

`orders.quote_by`, `quote_reminded_at`: an order whose delivery fee the seller quotes waits
in `awaiting_quote` (then `quoted`) until a deadline swept like `pay_by`. A quoted order holds
its transfer code, so the open-code index covers `quoted` too.

Revision ID: 0014_options
Revises: 0012_own_shops
Create Date: 2026-12-08 10:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.models

revision = '0014_options'
down_revision = '0012_own_shops'
branch_labels = None
depends_on = None

OLD_CODE = "status = 'pending_payment' AND unique_code > 0"
NEW_CODE = "status IN ('pending_payment', 'quoted') AND unique_code > 0"


def upgrade() -> None:
    with op.batch_alter_table('products') as batch:
        batch.add_column(sa.Column('family_id', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('option_label', sa.String(length=60), nullable=True))
        batch.add_column(sa.Column('option_kind', sa.String(length=20), nullable=True))
    op.drop_index('ix_products_category_page', table_name='products')
    op.create_index('ix_products_category_page', 'products',
                    ['shop_id', 'category_id', 'visible', 'name', 'id', 'family_id'])
    op.create_index('ix_products_family', 'products', ['family_id', 'visible', 'id'])
    with op.batch_alter_table('orders') as batch:
        batch.add_column(sa.Column('quote_by', storage.models.UTCDateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column('quote_reminded_at', storage.models.UTCDateTime(timezone=True), nullable=True))
    op.create_index('ix_orders_status_quote_by', 'orders', ['status', 'quote_by'])
    op.drop_index('uq_orders_open_unique_code', table_name='orders')
    op.create_index('uq_orders_open_unique_code', 'orders', ['shop_id', 'unique_code'], unique=True,
                    sqlite_where=sa.text(NEW_CODE), postgresql_where=sa.text(NEW_CODE))


def downgrade() -> None:
    op.drop_index('uq_orders_open_unique_code', table_name='orders')
    op.create_index('uq_orders_open_unique_code', 'orders', ['shop_id', 'unique_code'], unique=True,
                    sqlite_where=sa.text(OLD_CODE), postgresql_where=sa.text(OLD_CODE))
    op.drop_index('ix_orders_status_quote_by', table_name='orders')
    with op.batch_alter_table('orders') as batch:
        batch.drop_column('quote_reminded_at')
        batch.drop_column('quote_by')
    op.drop_index('ix_products_family', table_name='products')
    op.drop_index('ix_products_category_page', table_name='products')
    op.create_index('ix_products_category_page', 'products', ['shop_id', 'category_id', 'visible', 'name', 'id'])
    with op.batch_alter_table('products') as batch:
        batch.drop_column('option_kind')
        batch.drop_column('option_label')
        batch.drop_column('family_id')
