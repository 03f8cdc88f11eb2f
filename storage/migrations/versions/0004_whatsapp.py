"""whatsapp: identities found by number alone (the 24-hour window check when sending)

Revision ID: 0003_whatsapp
Revises: 0002_payments
Create Date: 2026-11-23 14:10:00
"""
from __future__ import annotations

from alembic import op

revision = '0003_whatsapp'
down_revision = '0002_payments'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('identities', schema=None) as batch_op:
        batch_op.create_index('ix_identities_channel_external', ['channel', 'external_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('identities', schema=None) as batch_op:
        batch_op.drop_index('ix_identities_channel_external')
