"""own shops: an owner code per shop, archived shops, and the credentials of linked channels

`shops.owner_code_hash` / `owner_code_expires_at`: the one-time code `kedai shop new` (or an
owner handing the shop over) prints; only its hash is kept. `shops.archived_at`: a shop closed
with `kedai shop delete --archive` keeps its data but no channel. `shop_channels.token` holds a
linked Telegram bot's token (the server needs it to serve the bot) and `shop_channels.secret`
the secret its webhook is registered with.

Revision ID: 0012_own_shops
Revises: 0011_ledger
Create Date: 2026-12-08 09:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.models

revision = '0012_own_shops'
down_revision = '0011_ledger'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('shops') as batch:
        batch.add_column(sa.Column('owner_code_hash', sa.String(length=64), nullable=True))
        batch.add_column(sa.Column('owner_code_expires_at', storage.models.UTCDateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column('archived_at', storage.models.UTCDateTime(timezone=True), nullable=True))
    with op.batch_alter_table('shop_channels') as batch:
        batch.add_column(sa.Column('token', sa.String(length=200), nullable=True))
        batch.add_column(sa.Column('secret', sa.String(length=100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('shop_channels') as batch:
        batch.drop_column('secret')
        batch.drop_column('token')
    with op.batch_alter_table('shops') as batch:
        batch.drop_column('archived_at')
        batch.drop_column('owner_code_expires_at')
        batch.drop_column('owner_code_hash')
