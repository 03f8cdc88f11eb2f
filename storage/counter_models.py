"""Change counters: a number bumped in the same transaction as a change that running servers
must notice without a restart (`shop_channels`: a bot or number linked, moved or unlinked), so
that each server process reads one row every few seconds instead of the whole table. Same Base
as storage.models; in a file of its own so parallel work merges cleanly."""

from __future__ import annotations

from sqlalchemy import BigInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base


class ChangeCounter(Base):
    __tablename__ = "change_counters"
    name: Mapped[str] = mapped_column(String(40), primary_key=True)  # what changed: a table's name
    value: Mapped[int] = mapped_column(BigInteger, default=0)
