"""a person behind the bot (issue 16): the seller's own answers, and handoffs to a seller

`faqs`: a shop's questions and the seller's answers ("halal?" = "Semua produk kami halal MUI"),
one per question as compared (`key`), answered to customers whose question matches.

`handoffs`: a customer handed to the sellers (waiting, open with one seller, closed), with the
last messages relayed, a complaint's order, and the times the timeout sweep reads.

Revision ID: 0016_person
Revises: 0020_preorders
Create Date: 2026-12-06 12:45:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.models

revision = '0016_person'
down_revision = '0020_preorders'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'faqs',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('shop_id', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=200), nullable=False),
        sa.Column('question', sa.String(length=200), nullable=False),
        sa.Column('answer', sa.Text(), nullable=False),
        sa.Column('created_by', sa.Integer(), nullable=True),
        sa.Column('created_at', storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column('updated_at', storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['shop_id'], ['shops.id'], ),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('shop_id', 'key'),
    )


    op.create_table(
        'handoffs',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('shop_id', sa.Integer(), nullable=False),
        sa.Column('customer_id', sa.Integer(), nullable=False),
        sa.Column('channel', sa.String(length=20), nullable=False),
        sa.Column('address', sa.String(length=100), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('seller_id', sa.Integer(), nullable=True),
        sa.Column('order_code', sa.String(length=30), nullable=True),
        sa.Column('question', sa.Text(), nullable=False),
        sa.Column('log', sa.JSON(), nullable=False),
        sa.Column('opened_at', storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column('taken_at', storage.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column('last_at', storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column('told_late_at', storage.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column('closed_at', storage.models.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['shop_id'], ['shops.id'], ),
        sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], ),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_handoffs_shop_status', 'handoffs', ['shop_id', 'status'])
    op.create_index('ix_handoffs_customer', 'handoffs', ['shop_id', 'customer_id', 'status'])


def downgrade() -> None:
    op.drop_index('ix_handoffs_customer', table_name='handoffs')
    op.drop_index('ix_handoffs_shop_status', table_name='handoffs')
    op.drop_table('handoffs')
    op.drop_table('faqs')
