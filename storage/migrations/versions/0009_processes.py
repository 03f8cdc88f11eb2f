"""processes, and outbox.claimed_by: which process claimed a row for sending

A row claimed as `sending` by a process that died waited out a two-minute lease before it
was sent again. With its owner recorded, a process that finds the owner gone (its heartbeat
stale, or on the same host its pid no longer alive) puts the row back at once.

Revision ID: 0009_processes
Revises: 0008_category_page
Create Date: 2026-12-06 10:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.models

revision = '0009_processes'
down_revision = '0008_category_page'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'processes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('host', sa.String(length=255), nullable=False),
        sa.Column('pid', sa.Integer(), nullable=False),
        sa.Column('instance', sa.String(length=100), nullable=False),
        sa.Column('role', sa.String(length=40), nullable=False),
        sa.Column('started_at', storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column('heartbeat_at', storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_processes_heartbeat_at', 'processes', ['heartbeat_at'])
    op.add_column('outbox', sa.Column('claimed_by', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('outbox') as batch:
        batch.drop_column('claimed_by')
    op.drop_index('ix_processes_heartbeat_at', table_name='processes')
    op.drop_table('processes')
