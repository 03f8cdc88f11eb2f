"""pre-orders, daily quotas and clusters of shops (issue 19, part B)

`products.daily_quota`, `sold_out_on`, `po_closes`, `po_delivery`, `po_days`: a product made to
order (docs/PREORDERS.md). `daily_sales`: units of a quota product per shop-local day, taken by a
conditional UPDATE in the order's transaction. `orders.make_day`, `deliver_on`, `handle_at`: the
day an order's goods are made for, the delivery day promised, when an order taken while the
shop was closed is handled. `clusters`, `cluster_members`, `cluster_promos`,
`cluster_recipients`: shops promoting together, each person reached once per joint promotion.

Revision ID: 0020_preorders
Revises: 0018_regulars
Create Date: 2026-12-06 12:40:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.models

revision = '0020_preorders'
down_revision = '0018_regulars'
branch_labels = None
depends_on = None

UTC = storage.models.UTCDateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table('products') as batch:
        batch.add_column(sa.Column('daily_quota', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('sold_out_on', sa.String(length=10), nullable=True))
        batch.add_column(sa.Column('po_closes', sa.String(length=10), nullable=True))
        batch.add_column(sa.Column('po_delivery', sa.String(length=10), nullable=True))
        batch.add_column(sa.Column('po_days', sa.Integer(), nullable=True))
    with op.batch_alter_table('orders') as batch:
        batch.add_column(sa.Column('make_day', sa.String(length=10), nullable=True))
        batch.add_column(sa.Column('deliver_on', sa.String(length=10), nullable=True))
        batch.add_column(sa.Column('handle_at', UTC, nullable=True))
    op.create_index('ix_orders_shop_make_day', 'orders', ['shop_id', 'make_day'])
    op.create_table(
        'daily_sales',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('shop_id', sa.Integer(), sa.ForeignKey('shops.id'), nullable=False),
        sa.Column('product_id', sa.Integer(), sa.ForeignKey('products.id'), nullable=False),
        sa.Column('day', sa.String(length=10), nullable=False),
        sa.Column('sold', sa.Integer(), nullable=False),
        sa.UniqueConstraint('product_id', 'day'),
        sa.CheckConstraint('sold >= 0', name='sold_not_negative'),
    )
    op.create_table(
        'clusters',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('slug', sa.String(length=64), nullable=False, unique=True),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('admin_shop_id', sa.Integer(), nullable=True),
        sa.Column('admin_seller_id', sa.Integer(), nullable=True),
        sa.Column('created_at', UTC, nullable=False),
    )
    op.create_table(
        'cluster_members',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('cluster_id', sa.Integer(), sa.ForeignKey('clusters.id'), nullable=False),
        sa.Column('shop_id', sa.Integer(), sa.ForeignKey('shops.id'), nullable=False),
        sa.UniqueConstraint('cluster_id', 'shop_id'),
    )
    op.create_table(
        'cluster_promos',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('cluster_id', sa.Integer(), sa.ForeignKey('clusters.id'), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('created_at', UTC, nullable=False),
    )
    op.create_table(
        'cluster_recipients',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('promo_id', sa.Integer(), sa.ForeignKey('cluster_promos.id'), nullable=False),
        sa.Column('person', sa.String(length=120), nullable=False),
        sa.Column('shop_id', sa.Integer(), sa.ForeignKey('shops.id'), nullable=False),
        sa.Column('created_at', UTC, nullable=False),
        sa.UniqueConstraint('promo_id', 'person'),
    )


def downgrade() -> None:
    for table in ('cluster_recipients', 'cluster_promos', 'cluster_members', 'clusters', 'daily_sales'):
        op.drop_table(table)
    op.drop_index('ix_orders_shop_make_day', table_name='orders')
    with op.batch_alter_table('orders') as batch:
        for column in ('handle_at', 'deliver_on', 'make_day'):
            batch.drop_column(column)
    with op.batch_alter_table('products') as batch:
        for column in ('po_days', 'po_delivery', 'po_closes', 'sold_out_on', 'daily_quota'):
            batch.drop_column(column)
