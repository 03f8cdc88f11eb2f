"""recap_sent: a row per shop and day, claimed so each day's recap is sent once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage.models import RecapSent


def claim_recap_day(session: Session, shop_id: int, day: str, now: datetime) -> bool:
    """Records that `day`'s recap goes out now; False when it already went (another process, a restart)."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    stmt = (dialect.insert(RecapSent).values(shop_id=shop_id, day=day, sent_at=now)
            .on_conflict_do_nothing(index_elements=["shop_id", "day"]).returning(RecapSent.id))
    return session.execute(stmt).scalar_one_or_none() is not None
