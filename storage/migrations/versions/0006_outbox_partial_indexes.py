"""outbox: index only the rows that still need work, and provider ids only where set

Every message writes its replies to the outbox, most of them sent at once; an index entry
for each was a page written per message for nothing.

Revision ID: 0006_outbox_partial
Revises: 0005_promo
Create Date: 2026-11-23 17:20:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006_outbox_partial'
down_revision = '0005_promo'
branch_labels = None
depends_on = None

OPEN = "status IN ('pending', 'sending', 'held')"
SET = "provider_id IS NOT NULL"


def upgrade() -> None:
    op.drop_index('ix_outbox_pending', table_name='outbox')
    op.drop_index('ix_outbox_provider_id', table_name='outbox')
    op.create_index('ix_outbox_open', 'outbox', ['status', 'next_attempt_at'],
                    sqlite_where=sa.text(OPEN), postgresql_where=sa.text(OPEN))
    op.create_index('ix_outbox_provider_id', 'outbox', ['provider_id'],
                    sqlite_where=sa.text(SET), postgresql_where=sa.text(SET))


def downgrade() -> None:
    op.drop_index('ix_outbox_provider_id', table_name='outbox')
    op.drop_index('ix_outbox_open', table_name='outbox')
    op.create_index('ix_outbox_provider_id', 'outbox', ['provider_id'])
    op.create_index('ix_outbox_pending', 'outbox', ['status', 'next_attempt_at'])
