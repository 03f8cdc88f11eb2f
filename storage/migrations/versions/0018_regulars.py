"""regular customers: reviews, the loyalty rule and its redemptions (issue 19, part A)

`reviews`: one row per completed order, written in the same transaction as the move to
completed with `due_at` a polite delay later; the review sweep asks when due and claims the row
with a compare-and-set on `asked_at`, so a second sweep never asks twice. `loyalty_rules`: the
shop's one rule; `loyalty_redemptions`: rewards taken, unique per (shop, customer, seq) so two
checkouts racing for the same reward cannot both take it.

Revision ID: 0018_regulars
Revises: 0014_options
Create Date: 2026-12-06 12:30:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.models

revision = '0018_regulars'
down_revision = '0014_options'
branch_labels = None
depends_on = None


def upgrade() -> None:
    when = storage.models.UTCDateTime(timezone=True)
    op.create_table(
        'reviews',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('shop_id', sa.Integer(), nullable=False),
        sa.Column('order_id', sa.Integer(), nullable=False),
        sa.Column('customer_id', sa.Integer(), nullable=False),
        sa.Column('due_at', when, nullable=False),
        sa.Column('asked_at', when, nullable=True),
        sa.Column('rating', sa.Integer(), nullable=True),
        sa.Column('comment', sa.Text(), nullable=True),
        sa.Column('rated_at', when, nullable=True),
        sa.Column('complaint', sa.Boolean(), nullable=False),
        sa.Column('reply', sa.Text(), nullable=True),
        sa.Column('replied_at', when, nullable=True),
        sa.Column('created_at', when, nullable=False),
        sa.CheckConstraint('rating IS NULL OR (rating BETWEEN 1 AND 5)', name='review_rating_range'),
        sa.ForeignKeyConstraint(['shop_id'], ['shops.id']),
        sa.ForeignKeyConstraint(['order_id'], ['orders.id']),
        sa.ForeignKeyConstraint(['customer_id'], ['customers.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('order_id'),
    )
    op.create_index('ix_reviews_shop_id', 'reviews', ['shop_id'])
    op.create_index('ix_reviews_due', 'reviews', ['asked_at', 'due_at'])
    op.create_table(
        'loyalty_rules',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('shop_id', sa.Integer(), nullable=False),
        sa.Column('per_stamp', sa.BigInteger(), nullable=False),
        sa.Column('needed', sa.Integer(), nullable=False),
        sa.Column('reward', sa.BigInteger(), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('updated_at', when, nullable=False),
        sa.ForeignKeyConstraint(['shop_id'], ['shops.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('shop_id'),
    )
    op.create_table(
        'loyalty_redemptions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('shop_id', sa.Integer(), nullable=False),
        sa.Column('customer_id', sa.Integer(), nullable=False),
        sa.Column('seq', sa.Integer(), nullable=False),
        sa.Column('order_id', sa.Integer(), nullable=True),
        sa.Column('amount', sa.BigInteger(), nullable=False),
        sa.Column('stamps', sa.Integer(), nullable=False),
        sa.Column('created_at', when, nullable=False),
        sa.ForeignKeyConstraint(['shop_id'], ['shops.id']),
        sa.ForeignKeyConstraint(['customer_id'], ['customers.id']),
        sa.ForeignKeyConstraint(['order_id'], ['orders.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('shop_id', 'customer_id', 'seq'),
    )
    op.create_index('ix_loyalty_redemptions_order_id', 'loyalty_redemptions', ['order_id'])


def downgrade() -> None:
    op.drop_index('ix_loyalty_redemptions_order_id', table_name='loyalty_redemptions')
    op.drop_table('loyalty_redemptions')
    op.drop_table('loyalty_rules')
    op.drop_index('ix_reviews_due', table_name='reviews')
    op.drop_index('ix_reviews_shop_id', table_name='reviews')
    op.drop_table('reviews')
