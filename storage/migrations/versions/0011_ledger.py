"""the shop's books: ledger entries and product costs (issue 18); existing orders entered

Orders placed before this revision get the entries the shop's actions would have written
(books.posting): the receivable when placed, the sale in its parts when paid, and the
reversal when cancelled or expired, each at the time it happened, so reports on past
months are whole. The rules are restated here rather than imported: a migration must keep
meaning what it meant when it was written.

Revision ID: 0011_ledger
Revises: 0008_category_page
Create Date: 2026-11-24 09:00:00
"""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from alembic import op

import storage.models

revision = '0011_ledger'
down_revision = '0008_category_page'  # the lead re-chains at merge
branch_labels = None
depends_on = None

UTC = storage.models.UTCDateTime


def upgrade() -> None:
    op.create_table('ledger_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('shop_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('category', sa.String(length=30), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('occurred_at', UTC(timezone=True), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('order_id', sa.Integer(), nullable=True),
    sa.Column('created_by', sa.String(length=60), nullable=False),
    sa.Column('receipt_ref', sa.String(length=500), nullable=True),
    sa.Column('reverses_id', sa.Integer(), nullable=True),
    sa.Column('created_at', UTC(timezone=True), nullable=False),
    sa.CheckConstraint('amount <> 0', name='ledger_amount_not_zero'),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], ),
    sa.ForeignKeyConstraint(['reverses_id'], ['ledger_entries.id'], ),
    sa.ForeignKeyConstraint(['shop_id'], ['shops.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('reverses_id', name='uq_ledger_entries_reverses')
    )
    op.create_index('ix_ledger_entries_shop_time', 'ledger_entries', ['shop_id', 'occurred_at'], unique=False)
    op.create_index(op.f('ix_ledger_entries_order_id'), 'ledger_entries', ['order_id'], unique=False)
    op.create_table('product_costs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('shop_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('cost', sa.BigInteger(), nullable=False),
    sa.Column('updated_by', sa.String(length=60), nullable=False),
    sa.Column('updated_at', UTC(timezone=True), nullable=False),
    sa.CheckConstraint('cost >= 0', name='product_cost_not_negative'),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], ),
    sa.ForeignKeyConstraint(['shop_id'], ['shops.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('product_id')
    )
    op.create_index(op.f('ix_product_costs_shop_id'), 'product_costs', ['shop_id'], unique=False)
    enter_existing_orders(op.get_bind())


def downgrade() -> None:
    op.drop_index(op.f('ix_product_costs_shop_id'), table_name='product_costs')
    op.drop_table('product_costs')
    op.drop_index(op.f('ix_ledger_entries_order_id'), table_name='ledger_entries')
    op.drop_index('ix_ledger_entries_shop_time', table_name='ledger_entries')
    op.drop_table('ledger_entries')


orders = sa.table('orders', sa.column('id', sa.Integer), sa.column('shop_id', sa.Integer), sa.column('code', sa.String),
                  sa.column('status', sa.String), sa.column('subtotal', sa.BigInteger),
                  sa.column('discount', sa.BigInteger), sa.column('delivery_fee', sa.BigInteger),
                  sa.column('unique_code', sa.Integer), sa.column('total', sa.BigInteger),
                  sa.column('created_at', UTC()), sa.column('paid_at', UTC()), sa.column('updated_at', UTC()))
events = sa.table('order_events', sa.column('order_id', sa.Integer), sa.column('to_status', sa.String),
                  sa.column('created_at', UTC()))
entries = sa.table('ledger_entries', sa.column('id', sa.Integer), sa.column('shop_id', sa.Integer),
                   sa.column('kind', sa.String), sa.column('category', sa.String), sa.column('amount', sa.BigInteger),
                   sa.column('occurred_at', UTC()), sa.column('note', sa.Text), sa.column('order_id', sa.Integer),
                   sa.column('created_by', sa.String), sa.column('reverses_id', sa.Integer),
                   sa.column('created_at', UTC()))


def enter_existing_orders(conn: sa.Connection) -> None:
    voided_at = dict(conn.execute(sa.select(events.c.order_id, sa.func.max(events.c.created_at))
                                  .where(events.c.to_status.in_(('cancelled', 'expired')))
                                  .group_by(events.c.order_id)).all())
    for o in conn.execute(sa.select(orders).order_by(orders.c.id)).all():
        owed = _add(conn, o, 'receivable', 'pesanan', o.total, o.created_at)
        void_at = voided_at.get(o.id) or o.updated_at
        if o.paid_at is not None:
            _add(conn, o, 'receivable', 'pesanan', -o.total, o.paid_at)
            parts = (('barang', o.subtotal), ('diskon', -o.discount), ('ongkir', o.delivery_fee),
                     ('kode_unik', o.unique_code))
            sold = [(category, amount, _add(conn, o, 'sale', category, amount, o.paid_at)) for category, amount in parts]
            if o.status == 'cancelled':
                for category, amount, entry_id in sold:
                    _add(conn, o, 'sale', category, -amount, void_at, entry_id)
        elif o.status in ('cancelled', 'expired'):
            _add(conn, o, 'receivable', 'pesanan', -o.total, void_at, owed)


def _add(conn: sa.Connection, o: sa.Row, kind: str, category: str, amount: int, at: datetime,
         reverses: int | None = None) -> int | None:
    if not amount:
        return None
    return conn.execute(sa.insert(entries).values(
        shop_id=o.shop_id, kind=kind, category=category, amount=amount, occurred_at=at, note=o.code,
        order_id=o.id, created_by='system', reverses_id=reverses, created_at=at).returning(entries.c.id)).scalar_one()
