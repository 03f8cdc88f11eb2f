"""a person behind the bot (issue 16): the seller's own answers

`faqs`: a shop's questions and the seller's answers ("halal?" = "Semua produk kami halal MUI"),
one per question as compared (`key`), answered to customers whose question matches.

Revision ID: 0016_person
Revises: 0014_options
Create Date: 2026-12-06 12:45:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.models

revision = '0016_person'
down_revision = '0014_options'
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


def downgrade() -> None:
    op.drop_table('faqs')
