"""change counters: what running servers watch to pick up a change without a restart

`change_counters` (`name`, `value`): a number bumped in the same transaction as a change the
running servers must notice. `shop_channels` is the first: every link made, moved or removed
(`kedai shop link`, `kedai shop unlink`, an archived or deleted shop) bumps it, and each
`kedai serve` process reads that one row every few seconds (bot.channels.live_links).

Revision ID: 0021_change_counters
Revises: 0016_person
Create Date: 2026-12-06 18:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0021_change_counters'
down_revision = '0016_person'
branch_labels = None
depends_on = None


def upgrade() -> None:
    counters = op.create_table(
        'change_counters',
        sa.Column('name', sa.String(length=40), primary_key=True),
        sa.Column('value', sa.BigInteger(), nullable=False, server_default='0'),
    )
    op.bulk_insert(counters, [{'name': 'shop_channels', 'value': 0}])


def downgrade() -> None:
    op.drop_table('change_counters')
