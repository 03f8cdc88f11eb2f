"""payments: proofs, review and shipping columns on orders, one open order per transfer code

Revision ID: 0002_payments
Revises: 0002_seller
Create Date: 2026-11-23 13:42:13.281818
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.models


revision = '0002_payments'
down_revision = '0002_seller'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('payment_proofs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('shop_id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('media_ref', sa.String(length=500), nullable=True),
    sa.Column('content_type', sa.String(length=100), nullable=True),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('reviewed_by', sa.String(length=60), nullable=True),
    sa.Column('reviewed_at', storage.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', storage.models.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], ),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], ),
    sa.ForeignKeyConstraint(['shop_id'], ['shops.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('payment_proofs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payment_proofs_order_id'), ['order_id'], unique=False)

    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.add_column(sa.Column('proof_submitted_at', storage.models.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('reminded_at', storage.models.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('courier', sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column('tracking_no', sa.String(length=100), nullable=True))
        batch_op.create_index('uq_orders_open_unique_code', ['shop_id', 'unique_code'], unique=True, sqlite_where=sa.text("status = 'pending_payment' AND unique_code > 0"), postgresql_where=sa.text("status = 'pending_payment' AND unique_code > 0"))



def downgrade() -> None:
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.drop_index('uq_orders_open_unique_code', sqlite_where=sa.text("status = 'pending_payment' AND unique_code > 0"), postgresql_where=sa.text("status = 'pending_payment' AND unique_code > 0"))
        batch_op.drop_column('tracking_no')
        batch_op.drop_column('courier')
        batch_op.drop_column('reminded_at')
        batch_op.drop_column('proof_submitted_at')

    with op.batch_alter_table('payment_proofs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payment_proofs_order_id'))

    op.drop_table('payment_proofs')
