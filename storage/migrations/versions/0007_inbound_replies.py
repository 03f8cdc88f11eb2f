"""inbound_messages.replies: what an in-band channel's message was answered

The simulator's replies travel back in the HTTP response itself. They are kept only so that
a redelivered request gets the same answer; on the message's own row that is one column,
where an outbox row each cost an insert, an index entry and more pages per commit.

Revision ID: 0007_inbound_replies
Revises: 0006_outbox_partial
Create Date: 2026-11-23 18:45:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007_inbound_replies'
down_revision = '0006_outbox_partial'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('inbound_messages', sa.Column('replies', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('inbound_messages') as batch:
        batch.drop_column('replies')
