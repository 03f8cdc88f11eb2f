"""products: an index that serves a category page's filter and order, and its count

A category page read every product of the shop through ix_products_shop_id and sorted the
category's by name for each page; this index finds one page of one category in name order,
and counts the category's visible products without reading them.

Revision ID: 0008_category_page
Revises: 0007_inbound_replies
Create Date: 2026-11-23 18:50:00
"""
from __future__ import annotations

from alembic import op

revision = '0008_category_page'
down_revision = '0007_inbound_replies'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_products_category_page', 'products', ['shop_id', 'category_id', 'visible', 'name', 'id'])


def downgrade() -> None:
    op.drop_index('ix_products_category_page', table_name='products')
