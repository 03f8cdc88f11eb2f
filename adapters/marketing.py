"""The database behind Ctx.promos (conversations.ports.MarketingReader)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from marketing import broadcast_admin, promo_admin
from marketing.audience import members, preview
from marketing.broadcasts import BroadcastInfo, Preview, RunReport, Segment
from marketing.promotions import Promotion, normal_code
from marketing.loyalty import Card, Rule
from marketing.pricing import loyalty_card, offers_for
from storage import loyalty as loyalty_db
from storage import promotions as promotions_db


class DbMarketing:
    def __init__(self, session: Session, shop_id: int, now: datetime):
        self._session, self._shop_id, self._now = session, shop_id, now

    def offers(self, customer_id: int, codes: Sequence[str]) -> list[Promotion]:
        return offers_for(self._session, self._shop_id, customer_id, codes, self._now)

    def by_code(self, code: str) -> Promotion | None:
        row = promotions_db.fetch_by_code(self._session, self._shop_id, normal_code(code))
        return promo_admin.to_plain(row) if row else None

    def promotions(self) -> list[Promotion]:
        return promo_admin.list_promotions(self._session, self._shop_id)

    def preview(self, segment: Segment) -> Preview:
        return preview(members(self._session, self._shop_id, segment, self._now),
                       broadcast_admin.has_template(self._session, self._shop_id), self._now)

    def broadcasts(self) -> list[BroadcastInfo]:
        return broadcast_admin.list_broadcasts(self._session, self._shop_id, limit=5)

    def reports(self, broadcast_id: int) -> list[RunReport]:
        found = broadcast_admin.status(self._session, self._shop_id, broadcast_id)
        return found[1] if found else []

    def loyalty_rule(self) -> Rule | None:
        row = loyalty_db.fetch_rule(self._session, self._shop_id)
        return Rule(row.needed, row.reward, row.per_stamp) if row else None

    def loyalty(self, customer_id: int) -> Card | None:
        return loyalty_card(self._session, self._shop_id, customer_id)
